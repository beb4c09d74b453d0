"""RULES.md §6 at its edges: trimming repeated marks, ROUND_HALF_UP at the third decimal, marks at
and just past the limits, criteria sheets, weights that must make exactly 100%, quiz points."""

from decimal import Decimal as D
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.errors import Refusal
from models.rules.scoring import (
    BUZZER,
    COMPULSORY,
    MEAN,
    MEASURED,
    QUIZ,
    RISK,
    Criterion,
    QuizRules,
    Stage,
    criteria_problems,
    panel_score,
    parse_mark,
    parse_measure,
    parse_weight,
    plain,
    question_kind,
    question_points,
    round_half_up,
    sheet_total,
    shown,
    stage_problems,
    team_score,
    trim_problems,
    trim_recommended,
    unrounded,
    weighted_total,
)


def marks(*values) -> list[D]:
    return [D(str(v)) for v in values]


# --- the trimmed mean ----------------------------------------------------------------------------


def test_drops_one_highest_and_one_lowest():
    score = panel_score(marks(90, 95, 85, 92, 88), 1)
    assert score.dropped_low == (2,) and score.dropped_high == (1,)
    assert score.mean == F(90 + 92 + 88, 3)


def test_repeated_highest_and_lowest_drop_one_copy_each():
    score = panel_score(marks(95, 95, 80, 80, 90), 1)
    # one 95 and one 80 go; the other copies count
    assert score.dropped == {0, 2}
    assert score.kept_sum == D(95 + 80 + 90)
    assert score.mean == F(265, 3)


def test_all_marks_equal_still_drops_two_distinct_judges():
    score = panel_score(marks(91, 91, 91, 91, 91), 1)
    assert len(score.dropped) == 2
    assert score.mean == 91


def test_trim_two_drops_two_at_each_end():
    score = panel_score(marks(99, 98, 90, 91, 92, 70, 60), 2)
    assert sorted(score.marks[i] for i in score.dropped) == marks(60, 70, 98, 99)
    assert score.mean == F(90 + 91 + 92, 3)


def test_trim_zero_is_a_plain_mean():
    score = panel_score(marks(90, 91), 0)
    assert score.dropped == frozenset() and score.mean == F(181, 2)


def test_too_few_marks_to_trim():
    with pytest.raises(Refusal) as refusal:
        panel_score(marks(90, 91), 1)
    assert refusal.value.key == "contest.too_few_marks"


@pytest.mark.parametrize(
    ("judges", "trim", "problem"),
    [
        (3, 1, None),  # exactly 2k+1
        (2, 1, "contest.too_few_judges"),
        (5, 2, None),
        (4, 2, "contest.too_few_judges"),
        (1, 0, None),
        (0, 0, "contest.bad_judges"),
        (9, 3, "contest.bad_trim"),
        (5, -1, "contest.bad_trim"),
    ],
)
def test_judges_needed_for_trimming(judges, trim, problem):
    found = trim_problems(judges, trim)
    assert (found[0].key if found else None) == problem


def test_five_judges_recommended_with_trimming():
    assert trim_recommended(4, 1) and trim_recommended(3, 1)
    assert not trim_recommended(5, 1) and not trim_recommended(3, 0)


# --- rounding ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (D("92.445"), 2, "92.45"),  # half up, where banker's rounding gives 92.44
        (D("92.444999"), 2, "92.44"),
        (D("92.435"), 2, "92.44"),
        (F(277335, 3000), 2, "92.45"),  # 92.445 exactly as a mean of three marks
        (D("0.5"), 0, "1"),
        (D("2.5"), 0, "3"),
        (D("-2.5"), 0, "-3"),
        (D("88"), 2, "88.00"),
        (F(1, 3), 3, "0.333"),
    ],
)
def test_round_half_up(value, decimals, expected):
    assert shown(value, decimals) == expected


def test_mean_ending_in_five_at_the_third_decimal():
    score = panel_score(marks("92.44", "92.45", "92.445", "99", "80"), 1)
    assert score.mean == F(D("277.335")) / 3
    assert unrounded(score.mean) == D("92.445")
    assert shown(score.mean, 2) == "92.45"


def test_unrounded_keeps_terminating_decimals_exact_and_cuts_repeating_ones():
    assert unrounded(F(1, 8)) == D("0.125")
    assert unrounded(F(2, 3)) == D("0.6666666667")


@given(st.fractions(min_value=-1000, max_value=1000), st.integers(0, 4))
def test_rounding_is_within_half_a_unit_and_ties_go_away_from_zero(value, decimals):
    rounded = F(round_half_up(value, decimals))
    unit = F(1, 10**decimals)
    assert abs(rounded - value) <= unit / 2
    if abs(rounded - value) == unit / 2:
        assert abs(rounded) > abs(value)


# --- marks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("92.5", "92.5"),
        ("100", "100"),
        ("0", "0"),
        ("９２．５", "92.5"),
        ("92。5", "92.5"),
        (" 88 ", "88"),
    ],
)
def test_marks_accepted_within_zero_and_max(text, value):
    assert parse_mark(text, D(100)) == D(value)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("100.01", "contest.mark_above_max"),
        ("101", "contest.mark_above_max"),
        ("-0.5", "contest.mark_negative"),
        ("abc", "contest.not_a_number"),
        ("", "contest.not_a_number"),
        ("9e1", "contest.not_a_number"),
        ("NaN", "contest.not_a_number"),
        ("92.5.1", "contest.not_a_number"),
        ("1,000", "contest.not_a_number"),
    ],
)
def test_marks_refused(text, key):
    with pytest.raises(Refusal) as refusal:
        parse_mark(text, D(100))
    assert refusal.value.key == key


def test_plain_prints_decimals_as_typed():
    assert plain(D("100")) == "100" and plain(D("9.50")) == "9.5" and plain(D("1E+2")) == "100"


# --- criteria sheets -----------------------------------------------------------------------------

SHEET = (Criterion("仪容仪表", D(10)), Criterion("内容", D(40)), Criterion("表达", D(50)))


def test_a_judges_mark_is_the_sum_of_the_criteria():
    assert sheet_total({"仪容仪表": D(9), "内容": D("38.5"), "表达": D(45)}, SHEET) == D("92.5")


def test_a_sheet_is_incomplete_until_every_criterion_is_marked():
    assert sheet_total({"仪容仪表": D(9), "内容": D(38)}, SHEET) is None


def test_a_criterion_mark_is_bounded_by_that_criterions_maximum():
    assert parse_mark("10", D(10)) == D(10)
    with pytest.raises(Refusal):
        parse_mark("10.5", D(10))


def test_criteria_maxima_must_add_up_to_the_maximum():
    assert criteria_problems(SHEET, D(100)) == []
    assert criteria_problems(SHEET, D(99))[0].key == "contest.criteria_sum"
    assert criteria_problems((*SHEET, Criterion("内容", D(1))), D(101))[0].key == (
        "contest.duplicate_criterion"
    )


# --- weighted stages -----------------------------------------------------------------------------


def test_theory_thirty_practical_seventy():
    assert weighted_total([F(80), F(90)], [D(30), D(70)]) == F(87)
    assert weighted_total([F("85.5"), F("92.25")], [D(30), D(70)]) == F("90.225")


@pytest.mark.parametrize(
    ("weights", "problem"),
    [
        (("30", "70"), None),
        (("30", "69.99"), "contest.weights_sum"),  # just below 100%
        (("30", "70.01"), "contest.weights_sum"),  # just above
        (("100",), None),
        (("40", "60", "0"), None),  # a weight-0 stage is recorded for tie-breaking only
        (("50",), "contest.weights_sum"),
    ],
)
def test_weights_must_sum_to_exactly_100(weights, problem):
    stages = [Stage(f"s{i}", D(w)) for i, w in enumerate(weights)]
    found = stage_problems(stages)
    assert (found[0].key if found else None) == problem


def test_a_measured_stage_is_not_weighted_with_marks():
    stages = [Stage("理论", D(30)), Stage("用时", D(70), kind=MEASURED)]
    assert stage_problems(stages)[0].key == "contest.mixed_stage_kinds"
    assert stage_problems([Stage("理论", D(100)), Stage("用时", D(0), kind=MEASURED)]) == []


@pytest.mark.parametrize(
    ("text", "weight"), [("30", "30"), ("30%", "30"), ("0.3", "30"), ("７０％", "70")]
)
def test_weights_in_any_usual_spelling(text, weight):
    assert parse_weight(text) == D(weight)


def test_weight_above_100_refused():
    with pytest.raises(Refusal):
        parse_weight("120")


# --- quiz and measured results -------------------------------------------------------------------


def test_quiz_points():
    rules = QuizRules()
    assert question_points(rules, COMPULSORY, True) == 10
    assert question_points(rules, COMPULSORY, False) == 0
    assert question_points(rules, BUZZER, False) == -10
    assert question_points(rules, RISK, True, 30) == 30
    assert question_points(rules, RISK, False, 20) == -20
    with pytest.raises(Refusal):
        question_points(rules, RISK, True, 25)
    assert question_kind("抢答题") == BUZZER and question_kind("风险题") == RISK
    with pytest.raises(Refusal):
        question_kind("附加题")
    assert QUIZ == "quiz"


def test_times_are_read_as_seconds():
    assert parse_measure("1:05.3") == D("65.3")
    assert parse_measure("58.25") == D("58.25")
    with pytest.raises(Refusal):
        parse_measure("-1")


@pytest.mark.parametrize(
    "text, seconds",
    [("0:00", "0"), ("1:59", "119"), ("1:59.99", "119.99"), ("2:00", "120"), ("1：05", "65")],
)
def test_a_time_with_seconds_below_sixty_is_read(text, seconds):
    assert parse_measure(text) == D(seconds)


@pytest.mark.parametrize("text", ["1:60", "1:75", "1:-5", "1:+5", "-0:30", "+1:05", "1:", ":30"])
def test_a_time_never_read_wrongly_is_refused(text):
    with pytest.raises(Refusal) as refused:
        parse_measure(text)
    assert refused.value.key == "contest.bad_time"
    assert parse_measure("1:59.999") == D("119.999")  # just under the line: still a time


@pytest.mark.parametrize("text", ["1:2:3", "1:05e1", "1:5x"])
def test_a_time_with_garbage_seconds_is_not_a_number(text):
    with pytest.raises(Refusal) as refused:
        parse_measure(text)
    assert refused.value.key == "contest.not_a_number"


def test_team_score_sum_by_default_or_mean():
    assert team_score([F(90), F(80), F(85)]) == 255
    assert team_score([F(90), F(80), F(85)], MEAN) == 85


def test_a_mark_has_at_most_sixteen_digits():
    from models.rules.scoring import MAX_DIGITS, parse_decimal

    assert MAX_DIGITS == 16
    assert parse_decimal("1.234567890123456") == D("1.234567890123456")  # 16 digits
    with pytest.raises(Refusal) as refused:
        parse_decimal("0.1000000000000000000000000000000001")
    assert refused.value.key == "contest.too_many_digits"
    with pytest.raises(Refusal):
        parse_decimal("12345678901234567")  # 17 digits
