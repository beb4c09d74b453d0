"""The scoring scheme typed as text (models/contest_scheme.py), shared by the CLI's scheme options
and the TUI's contest dialogs: weights on the 100% line, a weight-0 stage, criteria sums, measured
results in a unit, a quiz's start and stakes, and the refusals with the CLI's keys."""

from decimal import Decimal as D

import pytest

from models.contest_scheme import has_scheme, named, pairs, scheme_from_text, split_list
from models.errors import Refusal
from models.rules.scoring import HIGHER, LOWER, MEASURED, PANEL, Criterion, QuizRules, Stage


def scheme(**options):
    return scheme_from_text(event_name="技能比武", maximum=D(100), **options)


def refusal_key(**options) -> str:
    with pytest.raises(Refusal) as refused:
        scheme(**options)
    return refused.value.key


def test_lists_split_on_every_separator_a_clerk_types():
    assert split_list("甲,乙，丙、丁;戊；己") == ["甲", "乙", "丙", "丁", "戊", "己"]
    assert split_list(" , ") == []
    assert split_list(None) == []


def test_pairs_accept_full_width_colons_and_refuse_a_piece_without_one():
    assert pairs("理论：30, 实 操:70", "clic.bad_stages") == [("理论", "30"), ("实 操", "70")]
    for bad in ("理论30", ":30", "理论:"):
        with pytest.raises(Refusal) as refused:
            pairs(bad, "clic.bad_stages")
        assert (refused.value.key, refused.value.params) == ("clic.bad_stages", {"part": bad})


def test_named_splits_on_the_first_equals_sign_also_full_width():
    assert named("实操＝规范:30") == ("实操", "规范:30")
    assert named("规范:30") == ("", "规范:30")


def test_weights_on_the_line_are_taken():
    stages, quiz = scheme(stages="理论:30,实操:70")
    assert quiz is None
    assert [(s.name, s.weight, s.kind, s.maximum) for s in stages] == [
        ("理论", D(30), PANEL, D(100)),
        ("实操", D(70), PANEL, D(100)),
    ]


@pytest.mark.parametrize("spec, total", [("理论:30,实操:69", "99"), ("理论:30,实操:71", "101")])
def test_weights_one_off_the_line_are_refused(spec, total):
    with pytest.raises(Refusal) as refused:
        scheme(stages=spec)
    assert (refused.value.key, refused.value.params) == ("contest.weights_sum", {"total": total})


def test_percent_and_fraction_weights_mean_the_same():
    assert scheme(stages="理论:30%,实操:0.7")[0] == scheme(stages="理论:30,实操:70")[0]


def test_a_stage_of_weight_zero_is_kept_for_tie_breaking():
    stages, _ = scheme(stages="总分:100,速度:0")
    assert [(s.name, s.weight) for s in stages] == [("总分", D(100)), ("速度", D(0))]
    assert refusal_key(stages="总分:0") == "contest.weights_sum"


def test_a_criteria_sheet_sets_the_stage_maximum_to_its_sum():
    stages, _ = scheme(criteria=("仪表:10,内容:40,表达:50",))
    assert stages == (
        Stage(
            name="",
            weight=D(100),
            maximum=D(100),
            criteria=(Criterion("仪表", D(10)), Criterion("内容", D(40)), Criterion("表达", D(50))),
        ),
    )
    small, _ = scheme(criteria=("仪表:5,内容:15",))
    assert small[0].maximum == D(20)  # the sheet, not the contest's 100


def test_criteria_of_a_named_stage_and_the_refusals():
    stages, _ = scheme(stages="理论:30,实操:70", criteria=("实操=规范:30,质量:70",))
    assert stages[0].criteria == ()
    assert [c.name for c in stages[1].criteria] == ["规范", "质量"]
    assert refusal_key(stages="理论:30,实操:70", criteria=("规范:30",)) == "clic.which_stage"
    assert refusal_key(stages="理论:30,实操:70", criteria=("操作=规范:30",)) == (
        "contest.no_such_stage"
    )
    assert refusal_key(criteria=("仪表:10,仪表:90",)) == "contest.duplicate_criterion"
    assert refusal_key(criteria=("仪表:0,内容:100",)) == "contest.bad_criterion_max"
    assert refusal_key(criteria=("仪表10",)) == "clic.bad_criteria"


def test_which_stage_names_the_option_the_caller_calls_it():
    with pytest.raises(Refusal) as refused:
        scheme(stages="理论:30,实操:70", measured=("秒",), option_names={"measured": "计量单位"})
    assert refused.value.params == {"option": "计量单位", "stages": "理论、实操"}
    with pytest.raises(Refusal) as refused:
        scheme(stages="理论:30,实操:70", measured=("秒",))
    assert refused.value.params["option"] == "--measured"


def test_measured_results_carry_their_unit_and_direction():
    stages, _ = scheme(measured=("秒",), lower_better=True)
    assert [(s.kind, s.unit, s.better) for s in stages] == [(MEASURED, "秒", LOWER)]
    counted, _ = scheme(measured=("张",))
    assert (counted[0].unit, counted[0].better) == ("张", HIGHER)


def test_lower_better_only_turns_the_measured_stage():
    stages, _ = scheme(stages="用时:100,规范:0", measured=("用时=秒",), lower_better=True)
    assert [(s.kind, s.better) for s in stages] == [(MEASURED, LOWER), (PANEL, HIGHER)]


def test_a_measured_stage_cannot_be_weighted_with_marks():
    assert refusal_key(stages="用时:50,规范:50", measured=("用时=秒",)) == (
        "contest.mixed_stage_kinds"
    )


def test_single_mark_stages():
    stages, _ = scheme(stages="理论:30,实操:70", stage_single=("理论",))
    assert [s.single for s in stages] == [True, False]
    every, _ = scheme(stages="理论:30,实操:70", single=True)
    assert all(s.single for s in every)
    assert refusal_key(stages="理论:30,实操:70", stage_single=("笔试",)) == "contest.no_such_stage"


def test_a_quiz_with_its_start_and_stakes():
    assert scheme(quiz=True) == (None, QuizRules())
    _, rules = scheme(quiz=True, start=200, stakes="5、10，20")
    assert (rules.start, rules.stakes) == (200, (5, 10, 20))
    assert rules.buzzer_wrong == QuizRules().buzzer_wrong
    assert refusal_key(quiz=True, stakes="十,20") == "clic.bad_stakes"
    assert refusal_key(quiz=True, stages="理论:100") == "clic.quiz_alone"
    assert refusal_key(start=100) == "clic.quiz_only"
    assert refusal_key(stakes="10") == "clic.quiz_only"


def test_has_scheme_sees_a_start_of_zero():
    assert not has_scheme({"stages": None, "criteria": (), "start": None})
    assert has_scheme({"start": 0})
    assert has_scheme({"measured": ("秒",)})
