"""The projector view (``huiwu display``) follows the database: marks recorded elsewhere, as another
desk or process would, show after a poll; the big score appears with the last mark."""

import time

import pytest
from click.testing import CliRunner
from rich.table import Table
from textual.widgets import DataTable, Digits, Static

from main import cli
from models import contests, scores
from models.errors import Refusal
from tui.display_app import make_display_app
from tui.display_cli import display_command, public_url
from tui.i18n.congress import EN as congress_en

WAIT_SECONDS = 10


@pytest.fixture
def contest_db(desk_db):
    """技能比武, 5 judges, trim 1: 张三 91.00 and 李四 88.00 scored, 王五 still to come."""
    contests.new_contest(desk_db, "技能比武", judges=5, trim=1, awards="一等奖:1,二等奖:1")
    for name, unit in (("张三", "一车间"), ("李四", "二车间"), ("王五", "三车间")):
        contests.add_entrant(desk_db, 1, name, unit=unit)
    mark_all(desk_db, "张三", "90 92 91 95 80")
    mark_all(desk_db, "李四", "88 87 89 90 86")
    return desk_db


def mark_all(db, entrant: str, marks: str, first_judge: int = 1) -> None:
    for judge, mark in enumerate(marks.split(), first_judge):
        scores.record_mark(db, 1, entrant, judge, mark)


def display(db, lang: str = "zh"):
    return make_display_app(database=db, lang=lang, poll_seconds=0.05)


async def wait_for(pilot, condition, what: str) -> None:
    """Let the app run (its poll is a real timer) until ``condition()`` holds; bounded."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"the display never showed {what}")
        await pilot.pause(0.05)


def board_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#leaderboard", DataTable)
    return [[str(cell) for cell in table.get_row(row.key)] for row in table.ordered_rows]


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def shown(app, selector: str) -> bool:
    return app.screen.query_one(selector).display


async def test_shows_the_leaderboard_ranked(contest_db):
    app = display(contest_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(board_rows(app)) == 3, "three rows")
        rows = board_rows(app)
        assert rows[0][:6] == ["1", "1", "张三", "一车间", "91.00", "一等奖"]
        assert rows[1][:6] == ["2", "2", "李四", "二车间", "88.00", "二等奖"]
        assert rows[2][2] == "王五" and rows[2][0] == "—"  # not scored: never ranked
        assert text_of(app, "#title") == "技能比武"
        assert text_of(app, "#name") == "等待选手上场"
        assert app.screen.query_one("#board").border_title == "排行榜"


async def test_follows_marks_recorded_elsewhere_to_the_big_score(contest_db):
    contests.set_on_stage(contest_db, 1, "王五")
    app = display(contest_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: text_of(app, "#name") == "王五", "the entrant on stage")
        table = app.screen.query_one("#leaderboard", DataTable)
        keys_before = [row.key for row in table.ordered_rows]
        assert not shown(app, "#score")

        mark_all(contest_db, "王五", "95 96 94", first_judge=1)  # another desk, three judges in
        await wait_for(pilot, lambda: text_of(app, "#progress") == "评分中 3/5", "3 marks of 5")
        assert shown(app, "#progress") and not shown(app, "#score")
        assert text_of(app, "#place") == ""

        mark_all(contest_db, "王五", "99 90", first_judge=4)  # the last mark lands
        await wait_for(pilot, lambda: shown(app, "#score"), "the final score")
        assert app.screen.query_one("#score", Digits).value == "95.00"  # 99 and 90 dropped
        assert not shown(app, "#progress")
        assert text_of(app, "#place") == "第 1 名  ·  一等奖"
        rows = board_rows(app)
        assert [row[2] for row in rows] == ["▶ 王五", "张三", "李四"]
        assert rows[0][4] == "95.00" and rows[1][0] == "2" and rows[2][5] == ""
        # The same keyed rows, re-ordered in place: nothing was cleared and reloaded.
        assert sorted(row.key for row in table.ordered_rows) == sorted(keys_before)


async def test_dropped_marks_are_struck_through(contest_db):
    contests.set_on_stage(contest_db, 1, "张三")
    app = display(contest_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: shown(app, "#score"), "张三's score")
        group = app.screen.query_one("#marks", Static).content
        table = next(part for part in group.renderables if isinstance(part, Table))
        cells = [column._cells[0] for column in table.columns]
        struck = [str(cell) for cell in cells if any("strike" in str(s.style) for s in cell.spans)]
        assert [str(cell) for cell in cells] == ["90", "92", "91", "95", "80"]
        assert struck == ["95", "80"]  # one highest and one lowest


async def test_without_anyone_on_stage_it_shows_who_was_marked_last(contest_db):
    app = display(contest_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(board_rows(app)) == 3, "the leaderboard")
        scores.record_mark(contest_db, 1, "王五", 1, "93")
        await wait_for(pilot, lambda: text_of(app, "#name") == "王五", "王五 being marked")
        assert text_of(app, "#progress") == "评分中 1/5"


async def test_english(contest_db):
    contests.set_on_stage(contest_db, 1, "王五")
    scores.record_mark(contest_db, 1, "王五", 1, "93")
    app = display(contest_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: text_of(app, "#name") == "王五", "the entrant on stage")
        assert text_of(app, "#progress") == "Scoring 1/5"
        assert app.screen.query_one("#board").border_title == "Leaderboard"
        table = app.screen.query_one("#leaderboard", DataTable)
        assert [str(c.label) for c in table.columns.values()][:3] == ["Rank", "No.", "Entrant"]


async def test_only_the_rows_that_fit(contest_db):
    contests.add_entrants(contest_db, 1, [{"name": f"选手{n}"} for n in range(4, 40)])
    app = display(contest_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(board_rows(app)) > 0, "the leaderboard")
        table = app.screen.query_one("#leaderboard", DataTable)
        assert len(board_rows(app)) <= table.size.height - table.header_height
        more = app.screen.query_one("#board").border_subtitle
        assert more == f"另有 {39 - len(board_rows(app))} 名"


def test_refuses_an_unknown_contest(contest_db):
    with pytest.raises(Refusal) as refused:
        make_display_app(database=contest_db, contest="无此比赛")
    assert refused.value.key == "contest.no_such_contest"


def test_refuses_when_there_is_no_contest(desk_db):
    with pytest.raises(Refusal) as refused:
        make_display_app(database=desk_db)
    assert refused.value.key == "display.no_contest"


def test_newest_contest_by_default(contest_db):
    contests.new_contest(contest_db, "知识竞赛", judges=3, trim=0)
    assert make_display_app(database=contest_db).contest.title == "知识竞赛"


def test_cli_refusals_are_one_line_and_exit_1(tmp_path, contest_db):
    db = str(tmp_path / "desk.db")
    unknown = CliRunner().invoke(cli, ["--db", db, "display", "无此比赛"])
    assert unknown.exit_code == 1
    assert unknown.stderr.strip() == "找不到竞赛「无此比赛」（请用序号或完整名称）。"
    empty = CliRunner().invoke(cli, ["--db", str(tmp_path / "new.db"), "--lang", "en", "display"])
    assert empty.exit_code == 1
    assert empty.stderr.strip() == congress_en["congress.none"]


def test_served_command_quotes_for_the_platform():
    command = display_command(3)
    assert command.endswith("-m main display 3")
    assert public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert public_url("::1", 8000) == "http://[::1]:8000"
    assert "0.0.0.0" not in public_url("0.0.0.0", 8000)
