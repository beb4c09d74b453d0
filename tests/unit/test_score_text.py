"""算分过程 (tui/score_text.py): a score explained step by step from real score cards."""

from decimal import Decimal
from fractions import Fraction

import pytest

from models import contests, scores
from models.congress import create_congress
from models.rules.scoring import Criterion, QuizRules, Stage
from tui.i18n import set_lang
from tui.score_text import exact_text, explain, explain_text, terminates


@pytest.fixture
def contest_db(sqlite_db):
    create_congress(sqlite_db, "测试大会")
    return sqlite_db


def mark_all(db, contest, entrant, marks, stage=""):
    outcome = None
    for judge, mark in enumerate(marks, 1):
        outcome = scores.record_mark(db, contest, entrant, judge, str(mark), stage=stage)
    return outcome


def speech(db, **options):
    options.setdefault("judges", 5)
    return contests.new_contest(db, "演讲比赛", **options)


def test_a_mean_ending_in_5_at_the_third_place_rounds_half_up(contest_db):
    contest = speech(contest_db)
    contests.add_entrant(contest_db, 1, "张三", unit="一车间")
    outcome = mark_all(contest_db, 1, "张三", ["92.4", "99", "92.5", "80", "92.435"])
    lines = explain(outcome.card, contests.get_contest(contest_db, 1))
    text = "\n".join(lines)
    assert lines[0] == "1号 · 张三 · 一车间"
    # marks in judge order, the dropped ones named with their judge
    assert lines[1:6] == [
        "1号评委：92.4",
        "2号评委：99（去掉最高分）",
        "3号评委：92.5",
        "4号评委：80（去掉最低分）",
        "5号评委：92.435",
    ]
    assert "去掉 1 个最高分：99（2号评委）；去掉 1 个最低分：80（4号评委）" in text
    assert "有效分：92.4 + 92.5 + 92.435 = 277.335（3 个）" in text
    assert "平均分：277.335 ÷ 3 = 92.445" in text
    assert lines[-1] == "修约：92.445 → 92.45（四舍五入，保留 2 位小数）"
    assert outcome.card.shown == "92.45"
    assert contest.decimals == 2


def test_only_one_copy_of_a_repeated_highest_and_lowest_mark_is_dropped(contest_db):
    speech(contest_db)
    contests.add_entrant(contest_db, 1, "李四")
    card = mark_all(contest_db, 1, "李四", ["95", "95", "90", "90", "92"]).card
    text = explain_text(card, contests.get_contest(contest_db, 1))
    assert "1号评委：95（去掉最高分）" in text
    assert "2号评委：95\n" in text
    assert "3号评委：90（去掉最低分）" in text
    assert "有效分：95 + 90 + 92 = 277（3 个）" in text
    assert "平均分：277 ÷ 3 = 92.3333333333…" in text
    assert "修约：92.3333333333… → 92.33" in text


def test_a_mean_that_never_ends_is_cut_not_rounded_before_the_rounding_step(contest_db):
    speech(contest_db)
    contests.add_entrant(contest_db, 1, "王五")
    card = mark_all(contest_db, 1, "王五", ["92.5", "91", "93", "90", "94.5"]).card
    text = explain_text(card, contests.get_contest(contest_db, 1))
    assert "276.5 ÷ 3 = 92.1666666666…" in text
    assert "92.1666666666… → 92.17（四舍五入" in text


def test_no_trimming_says_so(contest_db):
    contests.new_contest(contest_db, "技术比武", judges=3, trim=0)
    contests.add_entrant(contest_db, 1, "赵六")
    card = mark_all(contest_db, 1, "赵六", ["80", "90", "85"]).card
    text = explain_text(card, contests.get_contest(contest_db, 1))
    assert "不去掉最高分和最低分" in text
    assert "有效分：80 + 90 + 85 = 255（3 个）" in text
    assert "平均分：255 ÷ 3 = 85" in text
    assert "去掉最高分）" not in text


def test_an_incomplete_entrant_is_explained_so_far_and_not_ranked(contest_db):
    speech(contest_db)
    contests.add_entrant(contest_db, 1, "张三")
    card = mark_all(contest_db, 1, "张三", ["90", "91", "92"]).card
    lines = explain(card, contests.get_contest(contest_db, 1))
    assert "4号评委：—" in lines and "5号评委：—" in lines
    assert "未完成：已录 3/5 个分数" in lines
    assert lines[-1] == "总分：未完成（已录 3/5），不参加排名"
    assert not any("修约" in line for line in lines)


def test_weighted_stages_and_a_criteria_sheet(contest_db):
    contests.new_contest(contest_db, "技能大赛", judges=3, trim=0)
    contests.set_event(
        contest_db,
        1,
        "焊工",
        stages=(
            Stage("理论", Decimal(30), single=True),
            Stage(
                "实操",
                Decimal(70),
                criteria=(Criterion("质量", Decimal(60)), Criterion("工艺", Decimal(40))),
            ),
        ),
    )
    contests.add_entrant(contest_db, 1, "张三", event="焊工", group="男子组")
    scores.record_mark(contest_db, 1, 1, 0, "85.5", stage="理论")
    for judge, (quality, craft) in enumerate([("50", "30"), ("55", "35"), ("52", "33")], 1):
        scores.record_mark(contest_db, 1, 1, judge, quality, stage="实操", criterion="质量")
        scores.record_mark(contest_db, 1, 1, judge, craft, stage="实操", criterion="工艺")
    card = scores.score_card(contest_db, 1, 1)
    lines = explain(card, contests.get_contest(contest_db, 1))
    assert lines[0] == "1号 · 张三 · 男子组 · 焊工"
    assert "【理论】权重 30%" in lines
    assert "  成绩：85.5（满分 100）" in lines
    assert "  1号评委：质量 50 + 工艺 30 = 80" in lines
    assert "  平均分：255 ÷ 3 = 85" in lines
    assert "  理论 30% × 85.5 = 25.65" in lines
    assert "  实操 70% × 85 = 59.5" in lines
    assert "  总分 = 25.65 + 59.5 = 85.15" in lines
    assert lines[-1] == "修约：85.15 → 85.15（四舍五入，保留 2 位小数）"


def test_a_measured_result_with_its_unit_and_direction(contest_db):
    contests.new_contest(contest_db, "点钞比赛", judges=1, trim=0)
    stage = Stage("", Decimal(100), kind="measured", unit="张", maximum=Decimal(0))
    contests.set_event(contest_db, 1, "点钞", stages=(stage,))
    contests.add_entrant(contest_db, 1, "王芳", event="点钞")
    card = scores.record_mark(contest_db, 1, 1, 0, "128").card
    text = explain_text(card, contests.get_contest(contest_db, 1))
    assert "成绩：128 张（越高越好）" in text
    assert "修约：128 → 128.00" in text


def test_a_quiz_lists_every_question_and_the_start(contest_db):
    contests.new_contest(contest_db, "知识竞赛", judges=1, trim=0)
    contests.set_event(contest_db, 1, "决赛", quiz=QuizRules())
    contests.add_entrant(contest_db, 1, "红队", event="决赛")
    scores.record_answer(contest_db, 1, 1, "必答", True)
    scores.record_answer(contest_db, 1, 1, "风险题", False, stake=20)
    scores.record_answer(contest_db, 1, 1, "抢答", False)
    scores.correct_answer(contest_db, 1, 1, 3, void=True, reason="主持人读错题")
    card = scores.score_card(contest_db, 1, 1)
    text = explain_text(card, contests.get_contest(contest_db, 1))
    assert "起始分：100" in text
    assert "第1题 必答题 答对 +10" in text
    assert "第2题 风险题 20 分 答错 −20" in text
    assert "第3题 抢答题 答错 −10（已作废，不计分）" in text
    assert "得分：90" in text


def test_judge_names_are_shown_with_their_number(contest_db):
    contests.new_contest(contest_db, "演讲比赛", judges=3, trim=0, judge_names=("王老师",))
    contests.add_entrant(contest_db, 1, "张三")
    card = mark_all(contest_db, 1, "张三", ["90"]).card
    text = explain_text(card, contests.get_contest(contest_db, 1))
    assert "1号评委（王老师）：90" in text
    assert "2号评委：—" in text


def test_english(contest_db):
    speech(contest_db)
    contests.add_entrant(contest_db, 1, "Zhang San")
    card = mark_all(contest_db, 1, "Zhang San", ["92.4", "99", "92.5", "80", "92.435"]).card
    set_lang("en")
    text = explain_text(card, contests.get_contest(contest_db, 1))
    assert "Judge 2: 99 (highest, dropped)" in text
    assert "Mean: 277.335 ÷ 3 = 92.445" in text
    assert "Rounded: 92.445 → 92.45 (half up, 2 decimals)" in text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(91), "91"),
        (Fraction(18489, 200), "92.445"),
        (Fraction(-1, 3), "-0.3333333333…"),
        (Fraction(2, 3), "0.6666666666…"),
        (Decimal("85.50"), "85.5"),
    ],
)
def test_exact_text(value, text):
    assert exact_text(value) == text


def test_terminates():
    assert terminates(Fraction(1, 40)) and not terminates(Fraction(1, 3))
