"""The election screens: the new-election dialog, keying ballots at speed, the blind second
entry, undo, the result panel and the next round (SQLite desk fixtures)."""

import pytest
from sqlalchemy import select
from textual import events
from textual.widgets import DataTable, Static

from models.audit import T_EVENT
from models.elections import ballots_of, new_election
from models.voting import ELECTION, issue, list_items, load_item
from tests.helpers import check_in_codes, seat_voters, settle
from tui.ballot_widgets import BallotRow

# 6 desk delegates + 30 voters = 36 due; 34 present; more than half of 36 is 19
DUE, PRESENT, THRESHOLD = 36, 34, 19


@pytest.fixture
def voters(desk_db):
    seat_voters(desk_db, 30, 30)
    check_in_codes(desk_db, ["D0001", "D0002", "D0003", "D0004"])
    return desk_db


def make_election(db, title="工会委员会委员选举", **options):
    settings = {"seats": 2, "candidates": "甲,乙,丙", "order": "given", **options}
    return new_election(db, title, **settings).number


def stored(db, number: int, entry: int = 1) -> list:
    with db.read() as conn:
        item = load_item(conn, number, ELECTION)
        return ballots_of(conn, item.id, entry)


def text_of(screen, selector: str) -> str:
    """What a line shows, with the line breaks of folding taken out."""
    return str(screen.query_one(selector).render()).replace("\n", "")


async def open_election(app, pilot, number: int):
    from screens.election import ElectionScreen

    await settle(pilot)
    app.push_screen(ElectionScreen(number))
    await settle(pilot)
    return app.screen


async def test_a_new_election_is_created_in_the_dialog(make_desk, desk_db):
    from screens.new_election import NewElectionDialog

    app = make_desk()
    created = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(NewElectionDialog(), created.append)
        await settle(pilot)
        dialog = app.screen
        await pilot.press(*"工会委员会委员选举", "tab", "3", "tab")
        await pilot.press(*"王五,李四,张三", "tab")  # (the pilot cannot type 、)
        await settle(pilot)
        # 差额 5%: 3 seats need 4 candidates; the dialog says so and refuses
        assert "至少需 4 名" in text_of(dialog, "#newel-summary")
        await pilot.press("enter")
        await settle(pilot)
        assert "候选人至少 4 名，现有 3 名" in text_of(dialog, "#error")
        assert list_items(desk_db) == []
        dialog.query_one("#newel-candidates").value = "王五、李四、张三、丁一"
        dialog.query_one("#newel-scrutineers").value = "李四"
        await pilot.press("enter")
        await settle(pilot)
        assert "李四 是候选人，不能担任监票人或计票人" in text_of(dialog, "#error")
        assert list_items(desk_db) == []
        dialog.query_one("#newel-scrutineers").value = "赵六"
        dialog.query_one("#newel-double").focus()
        await pilot.press("space", "enter")  # tick 双人录入, Enter creates
        await settle(pilot)
    assert created == [1]
    with desk_db.read() as conn:
        item = load_item(conn, 1, ELECTION)
    assert item.nominees == ("丁一", "王五", "李四", "张三")  # 姓氏笔画: 丁 2, 王 4, 李 7, 张 7
    assert item.scrutineers == ("赵六",) and item.double_entry
    assert item.settings["seats"] == 3


async def test_keying_ballots_marks_the_overfilled_one_void(make_desk, voters):
    number = make_election(voters)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_election(app, pilot, number)
        row = screen.query_one(BallotRow)
        assert row.has_focus
        await pilot.press("1", "2")
        assert "○ 1/2" in str(row.render())
        await pilot.press("0", "enter")
        await settle(pilot)
        assert text_of(screen, "#el-message") == "第 1 号票已录入（有效）"
        await pilot.press("o", "o")
        assert not row.has_class("-void")
        await pilot.press("o")  # a third ○ for 2 seats: void at once, in red
        assert row.has_class("-void")
        assert "废票" in str(row.render())
        await pilot.press("enter")
        await settle(pilot)
        assert text_of(screen, "#el-message") == "第 2 号票：废票（○ 超过应选人数）"
        assert screen.query_one("#el-message").has_class("-warn")
        assert not row.has_class("-void")  # the next ballot starts empty
        # × for 甲, a write-in, Enter early: the rest blank
        await pilot.press("x", "tab", *"丁", "enter")
        # ○ ○ and a write-in: three chosen for two seats
        await pilot.press("1", "1", "w", *"戊", "enter")
        # Backspace goes back one cell: ○ × becomes × ○
        await pilot.press("1", "backspace", "2", "1", "enter")
        await settle(pilot)
        assert text_of(screen, "#el-message") == "第 5 号票已录入（有效）"
        counts = text_of(screen, "#el-counts")
        assert "收回 5 / 发出 ？" in counts and "废票 2（第 2、4 号）" in counts
        table = screen.query_one("#el-tally", DataTable)
        assert str(table.get_cell("甲", "yes")) == "1"
        assert str(table.get_cell("甲", "no")) == "2"
        assert str(table.get_cell("丁", "name")) == "丁（另选）"
    ballots = stored(voters, number)
    assert [(b.number, b.marks, b.write_ins) for b in ballots] == [
        (1, "ox-", ()),
        (2, "ooo", ()),
        (3, "x--", ("丁",)),
        (4, "oo-", ("戊",)),
        (5, "xo-", ()),
    ]


async def test_a_burst_of_ballots_is_stored_in_keying_order(make_desk, voters):
    number = make_election(voters, seats=3, candidates="甲,乙,丙,丁")
    patterns = ["oox-", "x-oo", "----", "o-o-", "xxxx", "?ooo", "oooo", "-o-o"]
    expected = [patterns[i % len(patterns)] for i in range(24)]
    keys = {"o": "1", "x": "2", "-": "0", "?": "?"}
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_election(app, pilot, number)
        row = screen.query_one(BallotRow)
        first = []
        for marks in expected[:12]:
            first += [keys[m] for m in marks] + ["enter"]
        await pilot.press(*first)  # through the keyboard, without waiting for the database
        for marks in expected[12:]:  # and queued all at once, like a fast clerk on the keypad
            for m in marks:
                row.post_message(events.Key(keys[m] if m != "?" else "question_mark", keys[m]))
            row.post_message(events.Key("enter", "\r"))
        await settle(pilot)
        assert text_of(screen, "#el-message").startswith("第 24 号票")
        assert "收回 24" in text_of(screen, "#el-counts")
        assert "第 25 号票" in str(row.render())
    ballots = stored(voters, number)
    assert [b.number for b in ballots] == list(range(1, 25))
    assert [b.marks for b in ballots] == expected


async def test_the_last_ballot_is_taken_back_with_a_reason(make_desk, voters):
    number = make_election(voters)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_election(app, pilot, number)
        await pilot.press("1", "0", "0", "enter", "0", "1", "0", "enter", "2", "2", "2", "enter")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "第 3 号票（×××）" in str(app.screen.query_one(".dialog").query(Static)[1].render())
        await pilot.press("enter")  # no reason: refused, the dialog stays
        await settle(pilot)
        assert len(stored(voters, number)) == 3
        await pilot.press(*"按错了", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert text_of(screen, "#el-message") == "已撤回第 3 号票，原因：按错了"
        assert "第 3 号票" in str(screen.query_one(BallotRow).render())
        await pilot.press("0", "0", "2", "enter")
        await settle(pilot)
        assert text_of(screen, "#el-message") == "第 3 号票已录入（有效）"
    assert [b.marks for b in stored(voters, number)] == ["o--", "-o-", "--x"]
    with voters.read() as conn:
        undo = conn.execute(select(T_EVENT.c.payload).where(T_EVENT.c.kind == "ballot.undo"))
        assert "按错了" in undo.scalar_one()


async def test_the_second_entry_is_blind(make_desk, voters):
    number = make_election(voters, double_entry=True)
    issue(voters, number, PRESENT)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_election(app, pilot, number)
        await pilot.press("1", "1", "enter", "1", "2", "enter", "2", "1", "enter")
        await settle(pilot)
        assert "收回 3 / 发出 34" in text_of(screen, "#el-counts")
        await pilot.press("1")
        await pilot.press("f2")  # not mid-ballot
        assert "尚未保存" in text_of(screen, "#el-message")
        await pilot.press("escape", "f2")
        await settle(pilot)
        assert text_of(screen, "#el-entry") == "第二录入（盲录）"
        assert text_of(screen, "#el-entry2") == "第二录入：已录 0 张"
        for selector in ("#el-tally", "#el-counts", "#el-result"):
            assert not screen.query_one(selector).display
        assert text_of(screen, "#el-counts") == ""
        assert screen.query_one("#el-tally", DataTable).row_count == 0
        assert "第 1 号票" in str(screen.query_one(BallotRow).render())
        await pilot.press("f5")
        assert "不显示计票结果" in text_of(screen, "#el-message")
        await pilot.press("1", "1", "enter", "2", "1", "enter")
        await settle(pilot)
        assert text_of(screen, "#el-entry2") == "第二录入：已录 2 张"
        assert text_of(screen, "#el-message") == "第 2 号票已录入（有效）"
        await pilot.press("f2", "f5")
        await settle(pilot)
        result = text_of(screen, "#el-result-text")
        assert "待核对：两次录入不一致，票号 2、3" in result
    assert [b.marks for b in stored(voters, number, 2)] == ["oo-", "xo-"]


async def close_count(app, pilot, screen, *, returned: int, issued: int) -> None:
    """F7 计票完毕, confirmed with Enter in the dialog that states the ballots returned."""
    from tui.confirm import ConfirmDialog

    await pilot.press("f7")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, ConfirmDialog)
    question = "".join(str(widget.render()) for widget in dialog.query(Static))
    assert f"收回 {returned} 张 / 发出 {issued} 张，确认全部选票已录入？" in question
    assert "计票完毕后第一录入不能再改，除非说明原因重新打开" in question
    await pilot.press("enter")
    await settle(pilot)
    assert app.screen is screen
    assert text_of(screen, "#el-message").startswith("✔ 计票完毕")
    assert text_of(screen, "#el-heading").endswith("计票完毕")


def runoff_ballots(db, number: int) -> None:
    """甲 22, 乙 20, 丙 20 of 31 valid ballots: 甲 elected, 乙 and 丙 tied for the second seat."""
    from models.elections import record_ballot
    from models.rules.election import Ballot

    for marks, count in (("oo-", 11), ("o-o", 11), ("-oo", 9)):
        for _ in range(count):
            record_ballot(db, number, Ballot(0, marks))


async def test_the_result_panel_shows_elected_and_runoff(make_desk, voters, tmp_path, monkeypatch):
    monkeypatch.setenv("HUIWU_EXPORT_DIR", str(tmp_path / "exports"))
    number = make_election(voters, scrutineers="赵六", counters="钱七")
    issue(voters, number, PRESENT)
    runoff_ballots(voters, number)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_election(app, pilot, number)
        table = screen.query_one("#el-tally", DataTable)
        assert str(table.get_cell("甲", "mark")) == ""  # 31 of 34 keyed: not complete yet
        assert not text_of(screen, "#el-heading").endswith("计票完毕")
        assert "状态：计票中（已录 31/34 张）" in text_of(screen, "#el-facts")
        await pilot.press("f5")
        await settle(pilot)
        assert not table.display
        result = text_of(screen, "#el-result-text")
        assert "计票中（已录 31/发出 34）" in result and "结果已确定" not in result
        await close_count(app, pilot, screen, returned=31, issued=34)
        result = text_of(screen, "#el-result-text")
        assert "计票完毕：收回 31 张，发出 34 张" in result
        assert "✔ 选举有效" in result
        assert "1. 甲　22 票" in result
        assert "须再次投票（1 个名额）：乙、丙（得票相同，均为 20 票）" in result
        assert f"应到会有选举权人数 {DUE} 名" in result and f"至少 {THRESHOLD} 票" in result
        assert "✔ 结果已确定" in result
        assert "监票人：赵六 · 计票人：钱七" in result
        assert str(table.get_cell("甲", "mark")) == "当选"
        assert str(table.get_cell("乙", "mark")) == "再次投票"
        await pilot.press("f9")
        await settle(pilot)
        assert text_of(screen, "#el-message").startswith("已导出")
        exported = sorted(p.name for p in (tmp_path / "exports").iterdir())
        assert exported == ["01-工会委员会委员选举.pdf", "01-工会委员会委员选举.xlsx"]
        await pilot.press("f6")
        await settle(pilot)
        assert "对 乙、丙 再次投票" in str(app.screen.query(Static)[1].render())
        await pilot.press("enter")
        await settle(pilot)
        round_two = app.screen
        assert round_two is not screen
        assert "工会委员会委员选举（第2轮） · 承第 1 项" in text_of(round_two, "#el-heading")
        assert "候选人 2 名" in text_of(round_two, "#el-cands")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


async def test_vacant_seats_propose_a_further_election(make_desk, voters):
    number = make_election(voters)
    issue(voters, number, PRESENT)
    from models.elections import record_ballot
    from models.rules.election import Ballot

    for marks in ["o--"] * 20 + ["-o-"] * 5:
        record_ballot(voters, number, Ballot(0, marks))
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_election(app, pilot, number)
        await pilot.press("f5")
        await settle(pilot)
        result = text_of(screen, "#el-result-text")
        assert "1. 甲　20 票" in result
        assert "空缺 1 名。" in result
        assert "建议另行选举（按第一轮得票为序，保持差额）：乙、丙" in result
        assert "计票中（已录 25/发出 34）" in result
        await pilot.press("f6")  # still counting: no next round yet
        await settle(pilot)
        assert "计票结果尚未确定" in text_of(screen, "#el-message")
        await close_count(app, pilot, screen, returned=25, issued=34)
        assert "计票完毕：收回 25 张，发出 34 张" in text_of(screen, "#el-result-text")
        await pilot.press("f6", "enter")
        await settle(pilot)
        assert "工会委员会委员选举（第2轮）" in text_of(app.screen, "#el-heading")
        assert "应选 1 名" in text_of(app.screen, "#el-facts")


def f7_label(app) -> str:
    return app.active_bindings["f7"].binding.description


async def test_a_closed_count_locks_the_first_entry_until_reopened_with_a_reason(make_desk, voters):
    from tui.reason_prompt import ReasonPrompt

    number = make_election(voters, double_entry=True)
    issue(voters, number, PRESENT)
    app = make_desk()
    app.bells = []
    app.bell = lambda: app.bells.append(1)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_election(app, pilot, number)
        row = screen.query_one(BallotRow)
        assert f7_label(app) == "计票完毕"
        await pilot.press("1", "0", "0", "enter", "0", "1")
        await pilot.press("f7")  # half a ballot keyed: save or clear it first
        await settle(pilot)
        assert app.screen is screen
        assert "按 Esc 清空后再按 F7" in text_of(screen, "#el-message")
        await pilot.press("0", "enter")
        await close_count(app, pilot, screen, returned=2, issued=PRESENT)
        assert row.disabled and f7_label(app) == "重新打开"
        assert "计票完毕" in str(row.border_title)
        bells = len(app.bells)
        await pilot.press("1", "1", "enter")  # refused at once, nothing queued
        await settle(pilot)
        message = text_of(screen, "#el-message")
        assert "第1项已计票完毕" in message and "F7" in message
        assert screen.query_one("#el-message").has_class("-error")
        assert len(app.bells) == bells + 3
        assert not screen.busy and "第 3 号票" in str(row.render())
        await pilot.press("ctrl+z")  # no undo in a closed first entry either
        await settle(pilot)
        assert app.screen is screen and "第1项已计票完毕" in text_of(screen, "#el-message")
        # the blind second entry can still be keyed
        await pilot.press("f2")
        await settle(pilot)
        assert not row.disabled and row.has_focus
        await pilot.press("1", "0", "0", "enter")
        await settle(pilot)
        assert text_of(screen, "#el-entry2") == "第二录入：已录 1 张"
        await pilot.press("f7")
        await settle(pilot)
        assert "由第一录入确认" in text_of(screen, "#el-message")
        await pilot.press("f2")
        await settle(pilot)
        assert row.disabled
        # reopen: a reason is required
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press(*"漏录一张", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert text_of(screen, "#el-message") == "已重新打开计票，原因：漏录一张"
        assert not text_of(screen, "#el-heading").endswith("计票完毕")
        assert not row.disabled and row.has_focus and f7_label(app) == "计票完毕"
        await pilot.press("0", "0", "1", "enter")
        await settle(pilot)
        assert text_of(screen, "#el-message") == "第 3 号票已录入（有效）"
    assert [b.marks for b in stored(voters, number)] == ["o--", "-o-", "--o"]
    assert [b.marks for b in stored(voters, number, 2)] == ["o--"]
    with voters.read() as conn:
        events = conn.execute(select(T_EVENT.c.kind, T_EVENT.c.payload)).all()
    kinds = [kind for kind, _ in events]
    assert kinds.count("vote.close") == 1 and kinds.count("vote.reopen") == 1
    assert "漏录一张" in next(payload for kind, payload in events if kind == "vote.reopen")
    with voters.read() as conn:
        assert not load_item(conn, number, ELECTION).counted


async def test_refusals_are_shown_in_chinese_and_nothing_is_stored(make_desk, desk_db):
    number = make_election(desk_db)  # nobody checked in: no quorum
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_election(app, pilot, number)
        await pilot.press("1", "enter", "2", "enter")
        await settle(pilot)
        message = text_of(screen, "#el-message")
        assert "实到正式代表 0 名，应到 6 名，不足三分之二" in message
        assert "第 1 号起的" in message and "张选票未保存" in message
        assert screen.query_one("#el-message").has_class("-error")
        assert "第 1 号票" in str(screen.query_one(BallotRow).render())
        await pilot.press("f2")
        assert text_of(screen, "#el-message") == "本选举未设双人录入，只有第一录入。"
        await pilot.press("f6")
        await settle(pilot)
        assert "计票结果尚未确定" in text_of(screen, "#el-message")
        check_in_codes(desk_db, ["D0001", "D0002", "D0003", "D0004"])
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press(*"5", "enter")  # more than the 4 present
        await settle(pilot)
        assert "发出 5 张，多于实到有表决权的代表 4 人" in text_of(app.screen, "#error")
        await pilot.press("backspace", "4", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert "发出 4 张" in text_of(screen, "#el-facts")
        assert "名册：实到 4 / 应到 6 · SHA-256 " in text_of(screen, "#el-facts")
    assert stored(desk_db, number) == []


def test_snapshot_of_an_election_mid_count(snap_compare, make_desk, voters):
    """The screen at 120x40 in Chinese, ballot 13 half keyed (update with --snapshot-update)."""
    from sqlalchemy import update

    from models.congress import T_CONGRESS
    from models.elections import record_ballot
    from models.rules.election import Ballot

    with voters.write() as conn:  # the roll's SHA-256 covers the congress id: fix it
        conn.execute(update(T_CONGRESS).values(uid="SNAPSHOT"))
    number = make_election(
        voters,
        seats=3,
        candidates="王建国、李秀英、张伟、刘洋、陈静",
        scrutineers="赵敏",
        counters="孙丽",
    )
    issue(voters, number, PRESENT)
    for marks in ["ooo--", "oo-x-", "o-o-o", "xooo-", "ooox-", "-oo-o", "oo---"] + ["o-oo-"] * 4:
        record_ballot(voters, number, Ballot(0, marks))

    async def key_a_ballot_and_a_half(pilot):
        from screens.election import ElectionScreen

        await settle(pilot)
        pilot.app.push_screen(ElectionScreen(number))
        await settle(pilot)
        await pilot.press("1", "2", "1", "0", "enter", "1", "1")
        await settle(pilot)

    assert snap_compare(make_desk(), terminal_size=(120, 40), run_before=key_a_ballot_and_a_half)
