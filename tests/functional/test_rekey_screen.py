"""Settling a double entry in the TUI: F8 lists both entries side by side; a ballot is keyed
again into the entry that was wrong (an over-filled one only once confirmed void), with a reason;
the result panel leads with 两次录入不一致，结果未确定 until they agree."""

from textual.widgets import DataTable, Static

from models.elections import election_outcome, new_election, record_ballot
from models.motions import motion_outcome, new_motion, record_motion_ballot
from models.rules.election import Ballot
from models.voting import issue
from tests.helpers import check_in_codes, event_count, seat_voters, settle


def rows(screen) -> list[list[str]]:
    table = screen.query_one("#diff-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def said(screen) -> str:
    return str(screen.query_one("#diff-message", Static).render()).replace("\n", "")


async def test_an_election_ballot_is_re_keyed_from_the_differences_list(make_desk, desk_db):
    from screens.differences import DifferencesScreen
    from screens.election import ElectionScreen
    from screens.rekey_dialog import RekeyDialog
    from tui.confirm import ConfirmDialog
    from tui.reason_prompt import ReasonPrompt

    check_in_codes(desk_db, ["D0001", "D0002", "D0003", "D0004"])  # 4 of the desk's 6 due
    number = new_election(
        desk_db,
        "工会委员会委员选举",
        seats=2,
        candidates="甲,乙,丙",
        order="given",
        double_entry=True,
    ).number
    issue(desk_db, number, 4)
    for entry, second in ((1, "oo-"), (2, "o-o")):
        for marks in ("oo-", second, "-oo", "oo-"):
            record_ballot(desk_db, number, Ballot(0, marks), entry=entry)
    app = make_desk()
    async with app.run_test(size=(130, 44)) as pilot:
        await settle(pilot)
        app.push_screen(ElectionScreen(number))
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        panel = str(app.screen.query_one("#el-result-text").render())
        assert "两次录入不一致，结果未确定" in panel and "\n选举有效\n" not in panel
        assert "暂计（未确定）：选举有效" in panel and "暂计（未确定）：当选" in panel
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, DifferencesScreen)
        assert rows(app.screen) == [["第2号票", "甲○ 乙○ 丙—", "甲○ 乙— 丙○"]]
        await pilot.press("2")  # re-key ballot 2 of the second entry from the paper ballot
        await settle(pilot)
        assert isinstance(app.screen, RekeyDialog)
        await pilot.press("1", "1", "1", "enter")  # three ○ for two seats: void on paper?
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no: nothing is stored
        await settle(pilot)
        assert isinstance(app.screen, DifferencesScreen)
        before = event_count(desk_db)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("1", "1", "0", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press("enter")  # an empty reason is refused in the prompt
        await settle(pilot)
        assert isinstance(app.screen, ReasonPrompt) and event_count(desk_db) == before
        await pilot.press(*"复核原票", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DifferencesScreen)
        assert rows(app.screen) == [] and "两次录入一致" in said(app.screen)
        assert said(app.screen).startswith(
            "已重新录入第二次录入第 2 号票：甲○ 乙— 丙○ → 甲○ 乙○ 丙—。"
        )
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ElectionScreen)
        panel = str(app.screen.query_one("#el-result-text").render())
        assert "两次录入不一致" not in panel and "选举有效" in panel
    outcome = election_outcome(desk_db, number)
    # the re-key, and vote.final: the entries now agree and the result is locked
    assert outcome.differences == () and event_count(desk_db) == before + 2


async def test_a_motion_ballot_is_re_keyed_in_the_first_entry(make_desk, desk_db):
    from screens.differences import DifferencesScreen
    from screens.motion import MotionScreen

    seat_voters(desk_db, 6, 6)
    check_in_codes(desk_db, ["D0001", "D0002", "D0003", "D0004"])  # 10 of 12 due: a quorum
    number = new_motion(desk_db, "关于集体合同的决议", important=True, double_entry=True).number
    issue(desk_db, number, 3)
    for entry, choices in ((1, ("yes", "no", "yes")), (2, ("yes", "yes", "yes"))):
        for choice in choices:
            record_motion_ballot(desk_db, number, choice, entry=entry)
    app = make_desk()
    async with app.run_test(size=(130, 44)) as pilot:
        await settle(pilot)
        app.push_screen(MotionScreen(number))
        await settle(pilot)
        verdict = str(app.screen.query_one("#m-verdict", Static).render())
        assert "两次录入不一致，结果未确定" in verdict and "通" not in verdict
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, DifferencesScreen)
        assert rows(app.screen) == [["第2号票", "反对", "赞成"]]
        await pilot.press("1")  # the first clerk misread it
        await settle(pilot)
        await pilot.press("1")  # 赞成
        await settle(pilot)
        await pilot.press(*"第一录入看错", "enter")
        await settle(pilot)
        assert rows(app.screen) == []
        await pilot.press("escape")
        await settle(pilot)
        verdict = str(app.screen.query_one("#m-verdict", Static).render())
        assert "两次录入不一致" not in verdict
    assert motion_outcome(desk_db, number).differences == ()


async def test_an_appraisal_persons_counts_are_re_keyed_with_a_reason(make_desk, desk_db):
    from models.appraisals import new_appraisal, record_marks, record_sheets
    from models.results import item_outcome
    from screens.appraisal import AppraisalScreen
    from screens.counts_dialog import CountsDialog
    from screens.differences import DifferencesScreen
    from tui.reason_prompt import ReasonPrompt

    check_in_codes(desk_db, ["D0001", "D0002", "D0003", "D0004", "D0005"])
    new_appraisal(desk_db, "民主评议", subjects=["张三", "李四"], double_entry=True)
    issue(desk_db, 1, 5)
    for entry, li in ((1, (1, 2, 2)), (2, (2, 1, 2))):
        record_sheets(desk_db, 1, returned=5, entry=entry)
        record_marks(desk_db, 1, "张三", (5, 0, 0), entry=entry)
        record_marks(desk_db, 1, "李四", li, entry=entry)
    app = make_desk()
    async with app.run_test(size=(130, 44)) as pilot:
        await settle(pilot)
        app.push_screen(AppraisalScreen(1))
        await settle(pilot)
        status = str(app.screen.query_one("#a-status", Static).render())
        assert status.startswith("⚠ 两次录入不一致，结果未确定")
        await pilot.press("f8")
        await settle(pilot)
        assert rows(app.screen) == [
            ["李四 满意", "1", "2"],
            ["李四 基本满意", "2", "1"],
        ]
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, CountsDialog)
        await pilot.press(*"1 2", "enter")  # two counts for three levels
        await settle(pilot)
        assert "请输入 3 个非负整数" in str(app.screen.query_one("#counts-error").render())
        app.screen.query_one("#counts").value = "1 2 2"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press(*"复核", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DifferencesScreen) and rows(app.screen) == []
        assert "满意 2 基本满意 1 不满意 2 → 满意 1 基本满意 2 不满意 2" in said(app.screen)
        await pilot.press("escape")
        await settle(pilot)
        status = str(app.screen.query_one("#a-status", Static).render())
        assert "两次录入不一致" not in status
    assert item_outcome(desk_db, 1).final


def test_snapshot_of_the_differences_list(snap_compare, make_desk, desk_db):
    """Both entries side by side over the election screen, 120x40 in Chinese."""
    from sqlalchemy import update

    from models.congress import T_CONGRESS

    with desk_db.write() as conn:  # the roll's SHA-256 covers the congress id: fix it
        conn.execute(update(T_CONGRESS).values(uid="SNAPSHOT"))
    check_in_codes(desk_db, ["D0001", "D0002", "D0003", "D0004"])
    number = new_election(
        desk_db,
        "工会委员会委员选举",
        seats=2,
        candidates="王建国,李秀英,张伟",
        order="given",
        double_entry=True,
    ).number
    issue(desk_db, number, 4)
    for marks in ("oo-", "o-o", "-oo", "oo-"):
        record_ballot(desk_db, number, Ballot(0, marks))
    for marks in ("oo-", "o-x", "-oo"):
        record_ballot(
            desk_db, number, Ballot(0, marks, ("赵六",) if marks == "o-x" else ()), entry=2
        )

    async def open_the_list(pilot):
        from screens.election import ElectionScreen

        await settle(pilot)
        pilot.app.push_screen(ElectionScreen(number))
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)

    assert snap_compare(make_desk(), terminal_size=(120, 40), run_before=open_the_list)


async def test_a_ballot_missing_from_an_entry_is_not_re_keyed_there(make_desk, desk_db):
    from screens.differences import DifferencesScreen

    check_in_codes(desk_db, ["D0001", "D0002", "D0003", "D0004"])
    number = new_election(
        desk_db, "工会主席选举", seats=1, candidates="甲,乙", order="given", double_entry=True
    ).number
    issue(desk_db, number, 4)
    for marks in ("o-", "o-", "-o", "o-"):
        record_ballot(desk_db, number, Ballot(0, marks))
    for marks in ("o-", "-o", "-o"):
        record_ballot(desk_db, number, Ballot(0, marks), entry=2)
    app = make_desk()
    async with app.run_test(size=(130, 44)) as pilot:
        await settle(pilot)
        app.push_screen(DifferencesScreen(number))
        await settle(pilot)
        assert rows(app.screen) == [["第2号票", "甲○ 乙—", "甲— 乙○"], ["第4号票", "甲○ 乙—", "—"]]
        before = event_count(desk_db)
        await pilot.press("down", "2")
        await settle(pilot)
        assert isinstance(app.screen, DifferencesScreen)
        assert said(app.screen).startswith("第2次录入中没有第 4 号票，不能重新录入。")
        assert "补录" in said(app.screen) and event_count(desk_db) == before
