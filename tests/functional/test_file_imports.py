"""F10 on the election, scoring and proposals screens: import a file picked in the browser
through the service the CLI uses; the result or the Chinese refusal is shown, nothing changes on
a refusal, and an entry that already holds ballots is asked about first (issue 17)."""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from models import contests, proposals, scores
from models.elections import new_election
from models.voting import issue
from tests.functional.test_election_screen import open_election, stored, text_of, voters  # noqa: F401
from tests.helpers import settle
from tui.file_picker import FilePicker

SIZE = (140, 40)


def import_dir() -> Path:
    return Path(os.environ["HUIWU_IMPORT_DIR"])  # tests/conftest.py: the test's own folder


def write_csv(name: str, lines: list[str]) -> Path:
    path = import_dir() / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_xlsx(name: str, rows: list[list]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = import_dir() / name
    book.save(path)
    return path


async def pick(pilot, name: str) -> None:
    """F10, then the file picked by its name in the list (the filter narrows to it)."""
    await pilot.press("f10")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FilePicker)
    pilot.app.screen.query_one("#fp-filter").value = name
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


@pytest.fixture
def election(voters):  # noqa: F811
    number = new_election(
        voters, "工会委员会委员选举", seats=2, candidates="甲,乙,丙", order="given"
    ).number
    issue(voters, number, 4)
    return number


BALLOTS = ["票号,甲,乙,丙,另选他人", "1,○,○,×,", "2,○,,○,", "3,○,○,○,", "4,×,○,,赵六"]


async def test_ballots_from_a_picked_file_are_counted(make_desk, desk_db, election):
    write_csv("选票.csv", BALLOTS)
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_election(app, pilot, election)
        await pick(pilot, "选票")
        assert app.screen is screen
        assert "选票 4 张，其中废票 1 张" in text_of(screen, "#el-message")
        assert [b.marks for b in stored(desk_db, election)] == ["oox", "o-o", "ooo", "xo-"]
        assert stored(desk_db, election)[3].write_ins == ("赵六",)


async def test_an_entry_holding_ballots_is_asked_about_and_esc_keeps_them(
    make_desk, desk_db, election
):
    write_csv("选票.csv", BALLOTS)
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_election(app, pilot, election)
        await pilot.press(*"oo-")
        await pilot.press("enter")
        await settle(pilot)
        before = stored(desk_db, election)
        assert len(before) == 1
        await pick(pilot, "选票")
        assert "已有选票（到第1号）" in str(
            app.screen.query(".dialog").first().query("Static")[1].render()
        )
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and stored(desk_db, election) == before
        await pick(pilot, "选票")
        await pilot.press("enter")
        await settle(pilot)
        assert len(stored(desk_db, election)) == 4
        assert "已被替换" in text_of(screen, "#el-message")


async def test_a_ballot_file_that_does_not_fit_is_refused_in_chinese(make_desk, desk_db, election):
    write_csv("错表.csv", ["票号,甲,乙,丁", "1,○,○,"])
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_election(app, pilot, election)
        await pick(pilot, "错表")
        message = text_of(screen, "#el-message")
        assert message.startswith("导入失败，未做任何更改：")
        assert stored(desk_db, election) == []


# --- scores ------------------------------------------------------------------------------------


@pytest.fixture
def contest(desk_db):
    contests.new_contest(desk_db, "职工演讲比赛", judges=3, trim=0, awards="一等奖:1")
    contests.add_entrant(desk_db, 1, "张三", unit="一车间")
    return desk_db


def marks_of(db, entrant: int) -> tuple:
    return scores.score_card(db, 1, entrant).stages[0].marks


async def open_scoring(app, pilot):
    from screens.scoring import ScoringScreen

    await settle(pilot)
    app.push_screen(ScoringScreen(1))
    await settle(pilot)
    return app.screen


async def test_marks_from_a_picked_workbook_with_a_new_entrant(make_desk, contest):
    rows = [
        ["选手", "评委", "分数"],
        ["张三", 1, 90],
        ["张三", 2, 91],
        ["张三", 3, 92],
        ["李四", 1, 88],
    ]
    write_xlsx("评分.xlsx", rows)
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scoring(app, pilot)
        await pick(pilot, "评分")
        assert app.screen is screen
        status = str(screen.query_one("#sc-status").render())
        assert "新增 4 个" in status and "新登记选手 1 名" in status
        assert marks_of(contest, 1) == (Decimal(90), Decimal(91), Decimal(92))
        assert [e.name for e in screen.entrants] == ["张三", "李四"]
        assert screen.card.complete  # the card on screen shows the imported marks


async def test_a_file_changing_a_stored_mark_is_refused_whole(make_desk, contest):
    scores.record_mark(contest, 1, 1, 1, "90")
    write_csv("改分.csv", ["选手,评委,分数", "张三,2,91", "张三,1,95"])
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scoring(app, pilot)
        await pick(pilot, "改分")
        status = str(screen.query_one("#sc-status").render())
        assert status.startswith("导入失败，未做任何更改：")
        assert marks_of(contest, 1) == (Decimal(90), None, None)


# --- proposals ---------------------------------------------------------------------------------

PROPOSALS = [
    "标题,提案人,附议人,类别,案由,建议",
    "关于增开夜班班车的提案,D0001,D0002、D0003,职工福利,夜班职工回家难。,增开零点班车。",
    "关于加强安全培训的提案,第二代表团,D0001、D0002,安全生产,新员工培训不足。,严格三级教育。",
]


async def open_proposals(pilot):
    await settle(pilot)
    await pilot.press("f10")
    await settle(pilot)
    return pilot.app.screen


def registered(db) -> list[str]:
    return [row.title for row in proposals.list_proposals(db)]


async def test_proposals_from_a_picked_file_join_the_registry(make_desk, desk_db):
    write_csv("提案.csv", PROPOSALS)
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_proposals(pilot)
        await pick(pilot, "提案")
        assert app.screen is screen
        assert "新增 2 件" in str(screen.query_one("#pp-message").render())
        assert sorted(registered(desk_db)) == ["关于加强安全培训的提案", "关于增开夜班班车的提案"]
        assert screen.query_one("#pp-table").row_count == 2
        await pick(pilot, "提案")  # the same file again registers nothing twice
        assert "新增 0 件，已登记未变 2 件" in str(screen.query_one("#pp-message").render())
        assert len(registered(desk_db)) == 2


async def test_a_bad_proposal_file_is_refused_and_registers_nothing(make_desk, desk_db):
    write_csv("坏提案.csv", [*PROPOSALS, "关于改善宿舍的提案,D999,D0002、D0003,职工福利,,"])
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_proposals(pilot)
        await pick(pilot, "坏提案")
        message = str(screen.query_one("#pp-message").render())
        assert message.startswith("导入失败，未做任何更改：") and "第4行" in message
        assert registered(desk_db) == []
