"""Issue 17: the election screen adds up — the 无法辨认 column when ? marks are counted, no 弃权
on a write-in row (SQLite desk fixtures)."""

import json

import pytest
from textual.widgets import DataTable

from models.elections import election_outcome, follow_up, record_ballot
from models.rules.election import Ballot
from models.voting import issue, set_counted
from tests.functional.test_election_screen import PRESENT, make_election, open_election, text_of
from tests.helpers import check_in_codes, seat_voters, settle
from tui.ballot_widgets import BallotRow


@pytest.fixture
def voters(desk_db):
    seat_voters(desk_db, 30, 30)
    check_in_codes(desk_db, ["D0001", "D0002", "D0003", "D0004"])
    return desk_db


def key(db, number, *ballots):
    for marks, *written in ballots:
        record_ballot(db, number, Ballot(0, marks, tuple(written)))


def cells(table: DataTable, row: str) -> dict[str, str]:
    return {
        str(column.key.value): str(table.get_cell(row, column.key))
        for column in table.columns.values()
    }


async def test_the_unreadable_column_appears_with_a_question_mark_and_rows_add_up(
    make_desk, voters
):
    number = make_election(voters)
    key(voters, number, ("o?-",), ("?x-", "丁"), ("oo-",), ("---",), ("ooo",))  # the last is void
    app = make_desk()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_election(app, pilot, number)
        table = screen.query_one("#el-tally", DataTable)
        valid = election_outcome(voters, number).result.valid_ballots
        assert valid == 4
        assert "unreadable" in {str(k.value) for k in table.columns}
        for name in ("甲", "乙", "丙"):
            row = cells(table, name)
            figures = [int(row[k]) for k in ("yes", "no", "abstain", "unreadable")]
            assert sum(figures) == valid, (name, row)
        assert cells(table, "甲")["unreadable"] == "1"  # the ? of ballot 2, on the line
        written = cells(table, "丁")
        assert (written["yes"], written["abstain"], written["unreadable"]) == ("1", "—", "—")


async def test_no_unreadable_column_without_a_question_mark(make_desk, voters):
    number = make_election(voters)
    key(voters, number, ("ox-",), ("x--", "丁"))
    app = make_desk()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_election(app, pilot, number)
        table = screen.query_one("#el-tally", DataTable)
        assert "unreadable" not in {str(k.value) for k in table.columns}
        for name in ("甲", "乙", "丙"):
            row = cells(table, name)
            assert sum(int(row[k]) for k in ("yes", "no", "abstain")) == 2
        assert cells(table, "丁")["abstain"] == "—"


async def test_a_runoff_round_offers_no_write_in_field(make_desk, voters):
    number = make_election(voters)
    issue(voters, number, PRESENT)
    key(voters, number, *[("oo-",)] * 14, *[("o-o",)] * 14, *[("-oo",)] * 6)
    assert election_outcome(voters, number).result.runoff == ("乙", "丙")  # 20 each, one seat
    runoff = follow_up(voters, number).number
    app = make_desk()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_election(app, pilot, runoff)
        row = screen.query_one(BallotRow)
        assert "不设另选他人" in str(row.render())
        await pilot.press("o", "tab")
        await settle(pilot)
        assert not row.writing and "不设另选他人" in text_of(screen, "#el-message")
        await pilot.press("w", *"丁")  # the name's keys are no marks: nothing is written in
        await settle(pilot)
        assert not row.writing and row.write_text == "" and row.write_ins == ()
        assert "另选他人" not in text_of(screen, "#el-hint")
        await pilot.press("o")  # both candidates keyed: Enter saves, no write-in offered
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert text_of(screen, "#el-message") == "本票已录完，按 Enter 保存。"


async def test_the_first_round_still_offers_the_write_in_field(make_desk, voters):
    number = make_election(voters)
    app = make_desk()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_election(app, pilot, number)
        row = screen.query_one(BallotRow)
        await pilot.press("tab")
        assert row.writing and "不设另选他人" not in str(row.render())
        assert "Tab/w 另选他人" in text_of(screen, "#el-hint")


# --- one status word in the items list and on the election screen ---------------------------------


def _counting(db):
    number = make_election(db)
    issue(db, number, 24)
    key(db, number, ("o--",), ("-o-",))


def _second(db):
    number = make_election(db, double_entry=True)
    issue(db, number, 24)
    key(db, number, *[("oo-",)] * 24)


def _differs(db):
    _second(db)
    for marks in ["oo-"] * 23 + ["o-o"]:
        record_ballot(db, 1, Ballot(0, marks), entry=2)


def _final(db):
    number = make_election(db)
    issue(db, number, 24)
    key(db, number, *[("oo-",)] * 24)


def _reopened(db):
    _final(db)
    set_counted(db, 1, False, reason="核对选票")


def _void(db):
    number = make_election(db)
    issue(db, number, 23)  # 3 × 23 < 2 × 36: too few took part
    key(db, number, *[("oo-",)] * 23)


STATES = {
    "未开始": make_election,
    "计票中（已录 2/24 张）": _counting,
    "待第二录入": _second,
    "待核对": _differs,
    "已确定（当选 2 人）": _final,
    "已重新打开，待确定": _reopened,
    "无效": _void,
}


@pytest.mark.parametrize("word", list(STATES))
async def test_the_items_list_and_the_election_screen_show_the_same_status(make_desk, voters, word):
    from screens.items import ItemsScreen

    STATES[word](voters)
    app = make_desk()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ItemsScreen())
        await settle(pilot)
        listed = str(app.screen.query_one("#items", DataTable).get_row("1")[-1])
        screen = await open_election(app, pilot, 1)
        facts = text_of(screen, "#el-facts")
    assert listed == word
    assert facts.startswith(f"状态：{word} · ")
    from tests.functional.test_cli_voting import run

    cli_rows = json.loads(run(voters.url, "items", "--json", check_code=0).stdout)
    assert cli_rows[0]["status"] == word  # and `huiwu items` says it too
    assert word in run(voters.url, "items", check_code=0).stdout


async def test_the_screen_warns_about_counting_staff_not_checked_in(make_desk, voters):
    number = make_election(voters, scrutineers="选民1", counters="无名氏")
    app = make_desk()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_election(app, pilot, number)
        staff = screen.query_one("#el-staff")
        assert staff.display
        assert "无名氏（计票人，不在名册）" in text_of(screen, "#el-staff")
        assert "选民1" not in text_of(screen, "#el-staff")  # checked in


async def test_no_staff_warning_when_everyone_is_in(make_desk, voters):
    number = make_election(voters, scrutineers="选民1", counters="选民2")
    app = make_desk()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_election(app, pilot, number)
        assert not screen.query_one("#el-staff").display


async def test_the_result_panel_lists_everyone_elected_across_the_rounds(make_desk, voters):
    number = make_election(voters)
    issue(voters, number, PRESENT)
    key(voters, number, *[("oo-",)] * 14, *[("o-o",)] * 14, *[("-oo",)] * 6)  # 乙 丙 tie
    runoff = follow_up(voters, number).number
    issue(voters, runoff, PRESENT)
    key(voters, runoff, *[("o-",)] * 20, *[("-o",)] * 14)  # 乙 20 of 36 due: elected
    app = make_desk()
    async with app.run_test(size=(140, 50)) as pilot:
        screen = await open_election(app, pilot, runoff)
        await pilot.press("f5")
        await settle(pilot)
        result = text_of(screen, "#el-result-text")
    assert "全部当选人（应选 2 名，已当选 2 名" in result
    assert (
        "1. 甲（第 1 项 第一轮，28 票）" in result and "2. 乙（第 2 项 再次投票，20 票）" in result
    )
