"""The match desk and the match projector, driven with the keyboard at 80×24 (and 120×40): a
6-side group and a 12-side knockout played to the end through the TUI, the projector following
each result; bad scores, a badge burst and a correction without a reason change nothing."""

import pytest
from textual.widgets import DataTable

from models import audit, contests, matches
from models.contests.match_format import MatchFormat
from screens.contests import ContestsScreen
from screens.match_display import MatchDisplayScreen
from screens.matches import MatchesScreen
from tests.helpers import badge, scan_burst, settle
from tui.confirm import ConfirmDialog
from tui.display_app import make_display_app
from tui.reason_prompt import ReasonPrompt


def text_of(screen, selector: str) -> str:
    widget = screen.query_one(selector)
    content = getattr(widget, "content", None)
    return str(content) if content is not None else str(widget.render())


def match_event(db, title: str, fmt: MatchFormat, count: int, **seeds) -> None:
    contests.new_contest(db, title, judges=1, trim=0)
    contests.set_event(db, title, "单打", matches=fmt)
    for i in range(1, count + 1):
        name = f"选手{i}"
        contests.add_entrant(
            db, title, name, unit=f"单位{(i - 1) % 4 + 1}", event="单打", seed=seeds.get(name)
        )


def board(db, title):
    return matches.board.match_board(db, title)


async def open_desk(pilot, title: str) -> MatchesScreen:
    """F9 to the contests, the contest highlighted, Enter: a contest of match events only opens
    the match desk."""
    await settle(pilot)
    await pilot.press("f9")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ContestsScreen)
    table = pilot.app.screen.query_one("#contests", DataTable)
    number = contests.get_contest(pilot.app.db, title).number
    table.move_cursor(row=table.get_row_index(str(number)))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MatchesScreen)
    return pilot.app.screen


async def draw_with_f2(pilot) -> None:
    await pilot.press("f2")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmDialog)
    await pilot.press("enter")
    await settle(pilot)


async def play_highlighted(pilot, games: str) -> None:
    await pilot.press(*games, "enter")
    await settle(pilot)


async def test_six_side_group_played_to_the_end(make_desk, desk_db):
    match_event(desk_db, "乒乓球赛", MatchFormat("roundrobin", best_of=3, game="tabletennis"), 6)
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_desk(pilot, "乒乓球赛")
        assert "F2" in text_of(screen, "#mt-prompt")
        await draw_with_f2(pilot)
        assert len(board(desk_db, "乒乓球赛").matches) == 15
        # the highlighted match is always the next to play: type its games, fifteen times
        for _ in range(15):
            current = screen.board.match(screen.current)
            assert current is not None and not current.decided
            await play_highlighted(pilot, "11:5 11:7")
            assert screen.board.match(current.number).winner == current.a
        done = board(desk_db, "乒乓球赛")
        assert done.finished
        (rows,) = done.tables.values()
        assert sum(r.points for r in rows) == 15 * 3  # 2 a win, 1 a loss
        assert "全部比赛已赛完" in text_of(screen, "#mt-prompt") or screen.current is None
        await pilot.press("f7")  # the narrow desk shows the group's table behind F7
        await settle(pilot)
        assert "【A组】" in text_of(screen, "#mt-standings")
        assert "选手" in text_of(screen, "#mt-standings")


async def test_twelve_side_knockout_played_to_the_end(make_desk, desk_db):
    fmt = MatchFormat("knockout", best_of=3, game="badminton", third_place=True)
    match_event(desk_db, "羽毛球赛", fmt, 12, 选手1=1, 选手2=2, 选手3=3, 选手4=4)
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_desk(pilot, "羽毛球赛")
        await draw_with_f2(pilot)
        drawn = board(desk_db, "羽毛球赛")
        assert sum(m.bye for m in drawn.matches) == 4  # the top four seeds
        played = 0
        while screen.current is not None and not screen.board.match(screen.current).decided:
            await play_highlighted(pilot, "21:15 21:17")
            played += 1
        assert played == 12  # 12 sides: 11 matches and the third-place match
        final = board(desk_db, "羽毛球赛")
        assert final.finished and [p.rank for p in final.places[:4]] == [1, 2, 3, 4]
        assert "决赛" in text_of(screen, "#mt-standings")
    # the projector shows the bracket played out: the last result, the places
    projector = make_display_app(database=desk_db, contest="羽毛球赛")
    async with projector.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        shown = projector.screen
        for _ in range(40):
            if "【淘汰赛名次】" in text_of(shown, "#md-standings"):
                break
            await pilot.pause(0.05)
        latest = final.latest
        assert f"第{latest.number}场" in text_of(shown, "#md-latest")
        assert "全部比赛已赛完" in text_of(shown, "#md-next")
        champion = final.names[final.places[0].entrant]
        assert champion in text_of(shown, "#md-standings")


async def test_projector_follows_each_result(make_desk, desk_db):
    match_event(desk_db, "拔河赛", MatchFormat("knockout", best_of=3, game="tugofwar"), 4)
    matches.draw(desk_db, "拔河赛", "单打")
    first, second = [m for m in board(desk_db, "拔河赛").matches if m.round == 1]
    projector = make_display_app(database=desk_db, contest="拔河赛")
    async with projector.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = projector.screen
        assert isinstance(screen, MatchDisplayScreen)
        assert "还没有比赛结果" in text_of(screen, "#md-latest")
        matches.record_result(desk_db, "拔河赛", first.number, games="1:0,1:0")
        for _ in range(40):  # the projector polls every 0.25 s: it shows within a second
            await pilot.pause(0.05)
            if f"第{first.number}场" in text_of(screen, "#md-latest"):
                break
        assert f"第{first.number}场" in text_of(screen, "#md-latest")
        assert f"第{second.number}场" in text_of(screen, "#md-next")


@pytest.mark.parametrize("typed", ["11:10 11:5", "11:5", "十一比五", "w3", "r1"])
async def test_bad_scores_refused_with_nothing_changed(make_desk, desk_db, typed):
    match_event(desk_db, "乒乓球赛", MatchFormat("roundrobin", best_of=3, game="tabletennis"), 2)
    matches.draw(desk_db, "乒乓球赛", "单打")
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_desk(pilot, "乒乓球赛")
        before = audit.current_version(desk_db)
        await play_highlighted(pilot, typed)
        assert screen.query_one("#mt-status").has_class("-error")
        assert audit.current_version(desk_db) == before


async def test_badge_burst_changes_nothing_and_correction_needs_a_reason(make_desk, desk_db):
    match_event(desk_db, "乒乓球赛", MatchFormat("roundrobin", best_of=3, game="tabletennis"), 2)
    matches.draw(desk_db, "乒乓球赛", "单打")
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_desk(pilot, "乒乓球赛")
        await play_highlighted(pilot, "11:5 11:7")
        (played,) = [m for m in board(desk_db, "乒乓球赛").matches if m.decided]
        screen.current = played.number
        before = audit.events(desk_db, "match.result")
        await scan_burst(pilot, badge(desk_db, "D001"))
        assert audit.events(desk_db, "match.result") == before
        assert screen.query_one("#mt-input").value == ""
        # a score for a decided match asks why; Esc leaves the result as it was
        screen.current = played.number
        await play_highlighted(pilot, "5:11 5:11")
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press("escape")
        await settle(pilot)
        assert board(desk_db, "乒乓球赛").match(played.number).winner == played.winner
        screen.current = played.number
        await play_highlighted(pilot, "5:11 5:11")
        await pilot.press(*"记分员记反了", "enter")
        await settle(pilot)
        assert board(desk_db, "乒乓球赛").match(played.number).winner != played.winner
        assert audit.events(desk_db, "match.result.correct")


async def test_p_deals_the_heats_then_makes_the_final(make_desk, desk_db):
    from decimal import Decimal

    from models import scores
    from models.rules.scoring import LOWER, MEASURED, Stage

    contests.new_contest(desk_db, "田径", judges=1, trim=0)
    time = Stage(name="", weight=Decimal(100), kind=MEASURED, unit="秒", better=LOWER)
    fmt = MatchFormat("heats", advance=1, final=2, lanes=2)
    contests.set_event(desk_db, "田径", "50米预赛", stages=[time], matches=fmt)
    for i in range(1, 5):
        contests.add_entrant(desk_db, "田径", f"跑者{i}", event="50米预赛")
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f9", "p")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert "预赛分组完成：2 组" in text_of(app.screen, "#contests-hint")
        for i, entrant in enumerate(contests.entrants_of(desk_db, "田径"), start=1):
            scores.record_mark(desk_db, "田径", entrant.number, 0, f"7.{i}0")
        await pilot.press("p", "enter")
        await settle(pilot)
        assert "决赛“50米决赛”已编排" in text_of(app.screen, "#contests-hint")
    final = contests.get_contest(desk_db, "田径").event("50米决赛")
    assert len([e for e in contests.entrants_of(desk_db, "田径") if e.event_id == final.id]) == 2


async def test_a_team_tie_is_typed_match_by_match(make_desk, desk_db):
    fmt = MatchFormat("roundrobin", best_of=3, game="tabletennis", rubbers=3)
    match_event(desk_db, "团体赛", fmt, 2)
    matches.draw(desk_db, "团体赛", "单打")
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_desk(pilot, "团体赛")
        assert "|" in text_of(screen, "#mt-prompt")
        await play_highlighted(pilot, "11:5 11:5 | 5:11 5:11 | 11:9 11:9")
        (played,) = [m for m in board(desk_db, "团体赛").matches if m.decided]
        assert len(played.rubbers) == 3 and played.winner == played.a
        assert "2:1（11:5 11:5 / 5:11 5:11 / 11:9 11:9）" in text_of(screen, "#mt-status")
