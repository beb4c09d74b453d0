"""The contest list and the scoring screen (现场亮分), driven with the keyboard at 120×40.

The desk (conftest ``desk_db``) gets a speech contest with 5 judges, trim 1, 2 decimals and
awards 一等奖:1, 二等奖:1, 三等奖:1, and three entrants. The marks 92.4 99 92.5 80 92.435 drop
99 and 80 and average to exactly 92.445, shown as 92.45 (ROUND_HALF_UP).
"""

from decimal import Decimal

import pytest
from textual.widgets import DataTable, Digits, Input, Label, Select

from models import audit, contests, scores
from models.rules.scoring import Criterion, QuizRules, Stage
from screens.contests import ContestsScreen
from screens.mark_correction import AnswerCorrection, MarkCorrection
from screens.score_calc import ScoreCalc
from screens.scoring import ScoringScreen, next_slot, split_judge
from tests.helpers import settle
from tui.score_widgets import Leaderboard, Leaderboards, MarksPanel, QuizPanel

MARKS = ("92.4", "99", "92.5", "80", "92.435")


def text_of(screen, selector: str) -> str:
    widget = screen.query_one(selector)
    content = getattr(widget, "content", None)
    return str(content) if content is not None else str(widget.render())


@pytest.fixture
def contest_db(desk_db):
    contests.new_contest(
        desk_db, "职工演讲比赛", judges=5, trim=1, awards="一等奖:1,二等奖:1,三等奖:1"
    )
    for name, unit in (("张三", "一车间"), ("李四", "二车间"), ("王五", "机关")):
        contests.add_entrant(desk_db, 1, name, unit=unit)
    return desk_db


async def open_scoring(pilot) -> ScoringScreen:
    await settle(pilot)
    pilot.app.push_screen(ScoringScreen(1))
    await settle(pilot)
    assert isinstance(pilot.app.screen, ScoringScreen)
    return pilot.app.screen


async def type_marks(pilot, *marks: str) -> None:
    for mark in marks:
        await pilot.press(*mark, "enter")
    await settle(pilot)


def board_of(screen: ScoringScreen) -> Leaderboard:
    board = screen.query_one(Leaderboards).board(screen.entrant.event_id, screen.entrant.group)
    assert board is not None
    return board


def entrant_id(db, number: int) -> int:
    return next(e.id for e in contests.entrants_of(db, 1) if e.number == number)


def mark_events(db) -> list[dict]:
    return audit.events(db, "contest.mark")


# ---------------------------------------------------------------------- marks at hall speed


async def test_f9_enter_and_five_marks_light_up_the_score(make_desk, contest_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, ContestsScreen)
        table = app.screen.query_one("#contests", DataTable)
        assert [str(c) for c in table.get_row("1")] == ["1", "职工演讲比赛", "3"]
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoringScreen)
        assert screen.query_one("#sc-input", Input).has_focus
        assert "第 1/3 位 · 1号" in text_of(screen, "#sc-entrant")
        assert "张三" in text_of(screen, "#sc-entrant")
        assert text_of(screen, "#sc-prompt") == "1号评委 · 满分 100"
        board = board_of(screen)
        first = entrant_id(contest_db, 1)
        assert board.cell(first, "rank") == ""
        assert board.cell(first, "score") == "未完成 0/5"

        await type_marks(pilot, *MARKS[:3])
        assert text_of(screen, "#sc-prompt") == "4号评委 · 满分 100"
        assert "未完成 3/5" in text_of(screen, "#sc-rank")
        assert board.cell(first, "score") == "未完成 3/5" and board.cell(first, "rank") == ""
        await type_marks(pilot, *MARKS[3:])

        assert screen.query_one("#sc-digits", Digits).value == "92.45"
        assert screen.query_one(MarksPanel).struck == ["99", "80"]
        assert "去掉最高分" in text_of(screen, "#sc-marks")
        assert "第 1 名 · 一等奖" in text_of(screen, "#sc-rank")
        assert "全部录齐，最后得分 92.45" in text_of(screen, "#sc-status")
        assert board.cell(first, "rank") == "1"
        assert board.cell(first, "score") == "92.45"
        assert board.cell(first, "award") == "一等奖"
        card = scores.score_card(contest_db, 1, 1)
        assert card.stages[0].marks == tuple(Decimal(m) for m in MARKS)
        assert card.shown == "92.45"
        assert len(mark_events(contest_db)) == 5
        assert screen.query_one("#sc-input", Input).value == ""

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ContestsScreen)
        assert str(app.screen.query_one("#contests", DataTable).get_row("1")[2]) == "3"


async def test_full_width_digits_and_the_chinese_full_stop_are_marks(make_desk, contest_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        # an input method commits its text in one go (Pilot cannot press 「。」 as a key)
        screen.query_one("#sc-input", Input).insert_text_at_cursor("９２。５")
        await pilot.press("enter")
        await settle(pilot)
        assert "1号评委：92.5 ✓" in text_of(screen, "#sc-status")
        assert scores.score_card(contest_db, 1, 1).stages[0].marks[0] == Decimal("92.5")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("120", "分数 120 超过满分 100，未录入。"),
        ("abc", "「abc」不是数字，未录入。"),
        ("-5", "分数 -5 不能为负数，未录入。"),
        ("9=90", "没有9号评委（本竞赛评委 1–5 号）。"),
    ],
)
async def test_bad_marks_are_refused_on_the_spot(make_desk, contest_db, typed, message):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        await type_marks(pilot, typed)
        status = screen.query_one("#sc-status")
        assert text_of(screen, "#sc-status") == message
        assert status.has_class("-error")
        scan = screen.query_one("#sc-input", Input)
        assert scan.value == "" and scan.has_focus
        assert text_of(screen, "#sc-prompt") == "1号评委 · 满分 100"
        assert mark_events(contest_db) == []
        assert scores.score_card(contest_db, 1, 1).marks_in == 0
        await type_marks(pilot, "88")  # the clerk carries on with the same judge
        assert scores.score_card(contest_db, 1, 1).stages[0].marks[0] == Decimal("88")


async def test_a_second_mark_needs_f4_with_a_reason(make_desk, contest_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        await type_marks(pilot, *MARKS)
        await type_marks(pilot, "95")
        assert "分数都已录齐" in text_of(screen, "#sc-status")
        await type_marks(pilot, "1=95")
        assert text_of(screen, "#sc-status") == (
            "1号评委已给「张三」打分 92.4；如需更改，请更正并写明原因。（按 F4 更正）"
        )
        assert len(mark_events(contest_db)) == 5

        await pilot.press("f4")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MarkCorrection)
        assert dialog.query_one("#fix-judge", Input).value == "5"  # the last judge marked
        dialog.query_one("#fix-judge", Input).value = "1"
        assert dialog.query_one("#fix-value", Input).has_focus
        await pilot.press(*"95", "enter", "enter")  # no reason: refused
        await settle(pilot)
        assert app.screen is dialog
        assert "更正或撤销分数须写明原因" in text_of(dialog, "#fix-error")
        assert scores.score_card(contest_db, 1, 1).stages[0].marks[0] == Decimal("92.4")
        await pilot.press(*"听错了", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert "已更正 1号评委：92.4 → 95（原因：听错了）" in text_of(screen, "#sc-status")
        card = scores.score_card(contest_db, 1, 1)
        assert card.stages[0].marks[0] == Decimal("95")
        correction = audit.events(contest_db, "contest.mark.correct")[0]["payload"]
        assert correction["previous"] == "92.4" and correction["mark"] == "95"
        assert correction["reason"] == "听错了"
        # 95 99 92.5 80 92.435: drops 99 and 80, mean (95 + 92.5 + 92.435) / 3 = 93.3116…
        assert screen.query_one("#sc-digits", Digits).value == card.shown == "93.31"
        assert board_of(screen).cell(entrant_id(contest_db, 1), "score") == "93.31"


async def test_withdrawing_a_mark_makes_the_entrant_incomplete_again(make_desk, contest_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        await type_marks(pilot, *MARKS)
        await pilot.press("f4")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#fix-judge", Input).value = "2"
        dialog.query_one("#fix-reason", Input).value = "2号评委离席"
        await pilot.press("f8")
        await settle(pilot)
        assert app.screen is screen
        assert "已撤销 2号评委 的分数 99" in text_of(screen, "#sc-status")
        assert screen.query_one("#sc-digits", Digits).value == ""
        assert "未完成 4/5" in text_of(screen, "#sc-rank")
        assert text_of(screen, "#sc-prompt") == "2号评委 · 满分 100"
        board = board_of(screen)
        first = entrant_id(contest_db, 1)
        assert board.cell(first, "rank") == "" and board.cell(first, "score") == "未完成 4/5"
        withdrawn = audit.events(contest_db, "contest.mark.withdraw")[0]["payload"]
        assert withdrawn["previous"] == "99" and withdrawn["reason"] == "2号评委离席"


# ---------------------------------------------------------------------- moving along


async def test_pagedown_puts_the_next_entrant_on_stage(make_desk, contest_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        assert contests.get_contest(contest_db, 1).on_stage == entrant_id(contest_db, 1)
        await pilot.press("pagedown")
        await settle(pilot)
        assert "第 2/3 位 · 2号" in text_of(screen, "#sc-entrant")
        assert "现在上场：2号 李四" in text_of(screen, "#sc-status")
        assert contests.get_contest(contest_db, 1).on_stage == entrant_id(contest_db, 2)
        assert screen.query_one("#sc-input", Input).has_focus
        await type_marks(pilot, "90")
        assert scores.score_card(contest_db, 1, 2).marks_in == 1
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert "已是最后一位选手" in text_of(screen, "#sc-status")
        assert contests.get_contest(contest_db, 1).on_stage == entrant_id(contest_db, 3)
        await pilot.press("pageup")
        await settle(pilot)
        assert contests.get_contest(contest_db, 1).on_stage == entrant_id(contest_db, 2)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press(*"张三", "enter")
        await settle(pilot)
        assert "张三" in text_of(screen, "#sc-entrant")
        assert contests.get_contest(contest_db, 1).on_stage == entrant_id(contest_db, 1)
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("3", "enter")
        await settle(pilot)
        assert contests.get_contest(contest_db, 1).on_stage == entrant_id(contest_db, 3)


async def test_the_leaderboard_updates_keyed_rows_in_place(make_desk, contest_db, monkeypatch):
    def no_reload(*_args, **_kwargs):
        raise AssertionError("the leaderboard must not be cleared and reloaded")

    monkeypatch.setattr(Leaderboard, "clear", no_reload)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        board = board_of(screen)
        await type_marks(pilot, *MARKS)  # 张三 92.45
        await pilot.press("pagedown")
        await type_marks(pilot, "95", "96", "97", "90", "99")  # 李四 96
        await pilot.press("pagedown")
        await type_marks(pilot, "80", "81")  # 王五 incomplete
        keys = [row.key.value for row in board.ordered_rows]
        ids = [entrant_id(contest_db, n) for n in (2, 1, 3)]
        assert keys == [str(i) for i in ids]
        rows = [[str(c) for c in board.get_row_at(i)] for i in range(3)]
        assert rows[0] == ["1", "2", "李四", "二车间", "96.00", "一等奖"]
        assert rows[1] == ["2", "1", "张三", "一车间", "92.45", "二等奖"]
        assert rows[2] == ["", "3", "王五", "机关", "未完成 2/5", ""]
        assert board.cursor_row == 2  # the entrant on stage
        assert "未完成 2/5" in text_of(screen, "#sc-rank")


async def test_f3_explains_the_score(make_desk, contest_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_scoring(pilot)
        await type_marks(pilot, *MARKS)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ScoreCalc)
        text = text_of(app.screen, "#calc-text")
        assert "2号评委：99（去掉最高分）" in text
        assert "平均分：277.335 ÷ 3 = 92.445" in text
        assert "修约：92.445 → 92.45（四舍五入，保留 2 位小数）" in text
        assert "第 1 名 · 一等奖" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen)


async def test_a_tie_across_an_award_boundary_is_flagged(make_desk, contest_db):
    for number in (1, 2):
        for judge, mark in enumerate(("90", "90", "90", "90", "90"), 1):
            scores.record_mark(contest_db, 1, number, judge, mark)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        rank = text_of(screen, "#sc-rank")
        assert "第 1 名" in rank and "并列跨越获奖名额线，请组委会确定" in rank
        assert "⚠" in board_of(screen).cell(entrant_id(contest_db, 1), "award")


async def test_english(make_desk, contest_db):
    app = make_desk("en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        assert text_of(screen, "#sc-prompt") == "Judge 1 · max 100"
        await type_marks(pilot, "120")
        assert text_of(screen, "#sc-status") == "Mark 120 is above the maximum 100; not entered."
        await type_marks(pilot, *MARKS)
        assert screen.query_one("#sc-digits", Digits).value == "92.45"
        assert "Rank 1 · 一等奖" in text_of(screen, "#sc-rank")
        footer_keys = {b.binding.description for b in screen.active_bindings.values()}
        assert {"Next", "Previous", "Correct", "Calculation"} <= footer_keys


# ---------------------------------------------------------------------- stages, criteria, quiz


@pytest.fixture
def skills_db(desk_db):
    contests.new_contest(desk_db, "技能大赛", judges=3, trim=0)
    practical = Stage(
        "实操",
        Decimal(70),
        criteria=(Criterion("质量", Decimal(60)), Criterion("工艺", Decimal(40))),
    )
    contests.set_event(
        desk_db, 1, "焊工", stages=(Stage("理论", Decimal(30), single=True), practical)
    )
    contests.set_event(desk_db, 1, "知识竞赛", quiz=QuizRules())
    contests.add_entrant(desk_db, 1, "张三", unit="一车间", group="男子组", event="焊工")
    contests.add_entrant(desk_db, 1, "红队", unit="工会", event="知识竞赛")
    contests.add_entrant(desk_db, 1, "蓝队", unit="团委", event="知识竞赛")
    return desk_db


async def test_stages_and_criteria_walk_judge_by_judge(make_desk, skills_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        assert text_of(screen, "#sc-prompt") == "理论 · 成绩（满分 100）"
        await pilot.press("tab")
        await settle(pilot)
        assert text_of(screen, "#sc-prompt") == "实操 · 1号评委 · 质量（满分60）"
        await pilot.press("shift+tab")
        await settle(pilot)
        await type_marks(pilot, "85.5")  # the theory paper; the practical stage comes next
        assert text_of(screen, "#sc-prompt") == "实操 · 1号评委 · 质量（满分60）"
        await type_marks(pilot, "65")
        assert text_of(screen, "#sc-status") == "分数 65 超过满分 60，未录入。"
        await type_marks(pilot, "50", "30")
        assert text_of(screen, "#sc-prompt") == "实操 · 2号评委 · 质量（满分60）"
        await type_marks(pilot, "55", "35", "52", "33")
        card = scores.score_card(skills_db, 1, 1)
        # 理论 30% × 85.5 + 实操 70% × (80 + 90 + 85) / 3 = 25.65 + 59.5
        assert card.shown == "85.15"
        assert screen.query_one("#sc-digits", Digits).value == "85.15"
        assert screen.query_one(Leaderboards).border_title == "实时排名 · 焊工 · 男子组"
        assert "第 1 名" in text_of(screen, "#sc-rank")


async def test_a_quiz_is_scored_by_answer_keys(make_desk, skills_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        await pilot.press("pagedown")
        await settle(pilot)
        assert screen.query_one(QuizPanel).display
        assert not screen.query_one(MarksPanel).display
        assert "2号 红队 · 1 必答对" in text_of(screen, "#sc-prompt")
        await type_marks(pilot, "1")  # 红队 必答对
        assert "第1题 红队 必答题答对 +10，现 110 分" in text_of(screen, "#sc-status")
        await type_marks(pilot, "3 4")  # 蓝队 抢答错
        await type_marks(pilot, "2", "5", "20", "1")  # 红队 风险题 20 答对
        quiz = text_of(screen, "#sc-quiz")
        assert "2. 红队" in quiz and "130 分" in quiz
        assert "3. 蓝队" in quiz and "90 分" in quiz
        assert scores.score_card(skills_db, 1, 2).total == 130
        assert scores.score_card(skills_db, 1, 3).total == 90
        await type_marks(pilot, "2", "7")
        assert "「7」不是题型键" in text_of(screen, "#sc-status")
        await pilot.press("escape")  # abandons the half-logged answer, stays on the screen
        await settle(pilot)
        assert isinstance(app.screen, ScoringScreen)
        assert text_of(screen, "#sc-prompt") == "输入参赛队序号，回车"
        board = board_of(screen)
        assert board.cell(entrant_id(skills_db, 2), "rank") == "1"
        assert board.cell(entrant_id(skills_db, 3), "rank") == "2"

        await type_marks(pilot, "2")  # 红队 again; F4 voids its risk question (第3题)
        await pilot.press("f4")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AnswerCorrection)
        assert dialog.query_one("#fix-judge", Input).value == "3"
        dialog.query_one("#fix-answer", Select).value = "void"
        dialog.query_one("#fix-reason", Input).focus()
        await pilot.press(*"主持人读错题", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert "第3题已更正为作废（原因：主持人读错题）" in text_of(screen, "#sc-status")
        assert scores.score_card(skills_db, 1, 2).total == 110
        assert "110 分" in text_of(screen, "#sc-quiz")
        assert screen.query_one("#sc-digits", Digits).value == "110"


# ---------------------------------------------------------------------- the contest list


async def test_n_creates_a_contest_and_a_adds_an_entrant(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert "还没有竞赛" in text_of(app.screen, "#contests-hint")
        await pilot.press("n")
        await settle(pilot)
        labels = [str(label.content) for label in app.screen.query(Label)]
        assert labels[:2] == ["计分方式", "竞赛名称"]
        await pilot.press("tab", *"职工演讲比赛")
        app.screen.query_one("#nc-awards", Input).value = "一等奖:1,二等奖:2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        info = contests.get_contest(desk_db, 1)
        assert (info.title, info.judges, info.trim, info.decimals) == ("职工演讲比赛", 5, 1, 2)
        assert info.awards_spec == "一等奖:1,二等奖:2"
        table = app.screen.query_one("#contests", DataTable)
        assert [str(c) for c in table.get_row("1")] == ["1", "职工演讲比赛", "0"]
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"张三")
        app.screen.query_one("#ne-unit", Input).value = "一车间"
        await pilot.press("enter")
        await settle(pilot)
        assert [e.name for e in contests.entrants_of(desk_db, 1)] == ["张三"]
        assert str(table.get_row("1")[2]) == "1"
        await pilot.press("enter")
        await settle(pilot)
        assert "张三  一车间" in text_of(app.screen, "#sc-entrant")


async def test_a_contest_without_entrants_says_so_and_f5_adds_one(make_desk, desk_db):
    contests.new_contest(desk_db, "劳动竞赛", judges=3, trim=0)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        assert "还没有选手" in text_of(screen, "#sc-entrant")
        assert screen.query_one("#sc-input", Input).disabled
        assert screen.check_action("next_entrant", ()) is False  # hidden, not a dead key
        assert screen.check_action("add_entrant", ()) is True
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press(*"李四", "enter")
        await settle(pilot)
        assert "李四" in text_of(screen, "#sc-entrant")
        assert not screen.query_one("#sc-input", Input).disabled
        await type_marks(pilot, "90")
        assert scores.score_card(desk_db, 1, 1).marks_in == 1


# ---------------------------------------------------------------------- pure helpers


def test_split_judge():
    assert split_judge("3=92.5") == (3, "92.5")
    assert split_judge("３＝９２") == (3, "92")
    assert split_judge("92.5") == (None, "92.5")
    assert split_judge("a=1") == (None, "a=1")


def test_next_slot_follows_judge_order_and_criteria(skills_db):
    card = scores.score_card(skills_db, 1, 1)
    theory, practical = card.stages
    assert next_slot(theory).judge == 0
    slot = next_slot(practical)
    assert (slot.judge, slot.criterion) == (1, "质量")
    scores.record_mark(skills_db, 1, 1, 1, "50", stage="实操", criterion="质量")
    practical = scores.score_card(skills_db, 1, 1).stages[1]
    assert next_slot(practical) == type(slot)(1, "工艺")
    assert next_slot(practical, 2) == type(slot)(2, "质量")


async def test_f4_corrects_one_criterion_of_a_judges_sheet(make_desk, skills_db):
    scores.record_mark(skills_db, 1, 1, 0, "85.5", stage="理论")
    for judge, (quality, craft) in enumerate([("50", "30"), ("55", "35"), ("52", "33")], 1):
        scores.record_mark(skills_db, 1, 1, judge, quality, stage="实操", criterion="质量")
        scores.record_mark(skills_db, 1, 1, judge, craft, stage="实操", criterion="工艺")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        assert screen.query_one("#sc-digits", Digits).value == "85.15"
        await pilot.press("f6")  # 理论 → 实操
        await settle(pilot)
        assert "质量60 + 工艺40" in text_of(screen, "#sc-marks")
        await pilot.press("f4")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MarkCorrection)
        assert dialog.query_one("#fix-judge", Input).value == "3"
        dialog.query_one("#fix-judge", Input).value = "1"
        dialog.query_one("#fix-criterion", Select).value = "工艺"
        dialog.query_one("#fix-value", Input).value = "45"  # above 工艺's maximum of 40
        dialog.query_one("#fix-reason", Input).value = "录错"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "分数 45 超过满分 40" in text_of(dialog, "#fix-error")
        dialog.query_one("#fix-value", Input).value = "36"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "已更正 1号评委 · 工艺：30 → 36（原因：录错）" in text_of(screen, "#sc-status")
        card = scores.score_card(skills_db, 1, 1)
        assert card.stages[1].criteria[0]["工艺"] == Decimal("36")
        # 实操 (86 + 90 + 85) / 3 = 87; 25.65 + 70% × 87 = 86.55
        assert screen.query_one("#sc-digits", Digits).value == card.shown == "86.55"


async def test_f9_writes_the_ranking_workbook_and_certificates(
    make_desk, contest_db, tmp_path, monkeypatch
):
    import openpyxl
    import pypdfium2

    out = tmp_path / "exports"
    monkeypatch.setenv("HUIWU_EXPORT_DIR", str(out))
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        await type_marks(pilot, *MARKS)
        await pilot.press("f9")
        await settle(pilot)
        assert text_of(screen, "#sc-status").startswith("已导出：")
    written = sorted(p.name for p in out.iterdir())
    assert written == [
        "竞赛01-职工演讲比赛-成绩排名.pdf",
        "竞赛01-职工演讲比赛-证书名单.pdf",
        "竞赛01-职工演讲比赛.xlsx",
    ]
    pdf = pypdfium2.PdfDocument(out / written[0])
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert "张三" in text and "92.45" in text and "临时结果" in text  # two still unscored
    sheet = openpyxl.load_workbook(out / written[2])["排名"]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "张三" in values and 92.45 in values


# ---------------------------------------------------------------------- publish and reopen


async def test_f7_publishes_the_standings_and_reopens_them_with_a_reason(make_desk, contest_db):
    from models.contest_publish import publication

    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_scoring(pilot)
        await type_marks(pilot, *MARKS)
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("escape")  # the question first: Esc publishes nothing
        await settle(pilot)
        assert app.screen is screen and not publication(contest_db, 1).published
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        published = publication(contest_db, 1)
        assert published.published
        assert published.standings[0][2] == "张三"
        assert "成绩已公布" in text_of(screen, "#sc-status")
        assert "公布" in str(screen.query_one(Leaderboards).border_title)
        # A mark after publication is refused, naming the key that reopens.
        await pilot.press("pagedown")
        await type_marks(pilot, "90")
        assert "请先在评分页按 F7" in text_of(screen, "#sc-status")
        assert set(scores.score_card(contest_db, 1, 2).stages[0].marks) == {None}
        await pilot.press("f7")  # now F7 reopens, with a reason
        await settle(pilot)
        await pilot.press(*"评委误报分数", "enter")
        await settle(pilot)
        assert not publication(contest_db, 1).published
        assert "评委误报分数" in text_of(screen, "#sc-status")
        await type_marks(pilot, "90")
        assert scores.score_card(contest_db, 1, 2).stages[0].marks[0] == Decimal("90")
    reopen = audit.events(contest_db, "contest.reopen")
    assert reopen[0]["payload"]["reason"] == "评委误报分数"
