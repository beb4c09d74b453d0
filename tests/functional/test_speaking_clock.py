"""The speaking clock through the TUI at 80×24 (issue 22 part 4): F8 starts the clock of the entrant
on stage, the line turns yellow at the warning, F8 stops it, the deduction comes off the big score
and F3 says how; a badge scanned onto the screen never touches the clock; the projector, another
app on the same database, shows the running clock in big digits.

The clock runs from ``started_at`` in the database; the tests move it back (as if the speech had
gone on for minutes) rather than wait."""

import time
from datetime import timedelta

import pytest
from sqlalchemy import update
from textual.widgets import Digits

from models import contests, scores
from models.clock import now
from screens.score_calc import ScoreCalc
from screens.scoring import ScoringScreen
from tests.helpers import badge, scan_burst, settle
from tui.clock_widgets import BigClock, ClockLine
from tui.display_app import make_display_app

WAIT_SECONDS = 10


@pytest.fixture
def speech_db(desk_db):
    """演讲比赛 with a clock (5:00, warning at 4:00, 0.5 for each started 30 s): 3 judges, no trim;
    张三 has his marks (92 each), 李四 none."""
    contests.new_contest(desk_db, "演讲比赛", judges=3, trim=0)
    scores.set_clock(desk_db, 1, None, "limit=5:00,warn=4:00,unit=30,amount=0.5")
    for name in ("张三", "李四"):
        contests.add_entrant(desk_db, 1, name)
    for judge in (1, 2, 3):
        scores.record_mark(desk_db, 1, "张三", judge, "92")
    return desk_db


def move_start_back(db, entrant_number: int, seconds: float) -> None:
    """As if the clock had been started ``seconds`` ago."""
    started = (now() - timedelta(seconds=seconds)).isoformat(timespec="milliseconds")
    entrant = next(e for e in contests.entrants_of(db, 1) if e.number == entrant_number)
    with db.write() as conn:
        conn.execute(
            update(scores.T_TIMING)
            .where(scores.T_TIMING.c.entrant_id == entrant.id)
            .values(started_at=started)
        )


async def open_scoring(pilot) -> ScoringScreen:
    await settle(pilot)
    pilot.app.push_screen(ScoringScreen(1))
    await settle(pilot)
    return pilot.app.screen


async def wait_for(pilot, condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"never saw {what}")
        await pilot.pause(0.05)


def footer_keys(screen) -> set[str]:
    return {b.action for (_, b, enabled, _) in screen.active_bindings.values() if enabled}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_f8_starts_warns_and_stops_the_clock_and_the_deduction_reaches_f3(
    make_desk, speech_db, size
):
    app = make_desk()
    async with app.run_test(size=size) as pilot:
        screen = await open_scoring(pilot)
        line = screen.query_one(ClockLine)
        assert line.display and "限时 5:00" in line.text and line.phase == "idle"
        assert "clock" in footer_keys(screen)
        await pilot.press("f8")
        await settle(pilot)
        assert screen.card.timing.running and line.phase == "running"
        assert "开始计时" in str(screen.query_one("#sc-status").content)
        # the speech goes on: 4:10 is past the warning (4:00)
        move_start_back(speech_db, 1, 250)
        screen.card = scores.score_card(speech_db, 1, 1)
        await wait_for(pilot, lambda: line.phase == "warning", "the warning")
        assert "即将到时" in line.text
        assert "yellow" in line.style_shown
        move_start_back(speech_db, 1, 347.3)  # 5:47.30: 47.30 s over, two started units
        screen.card = scores.score_card(speech_db, 1, 1)
        await wait_for(pilot, lambda: line.phase == "over", "the clock over the limit")
        await pilot.press("f8")
        await settle(pilot)
        card = screen.card
        assert not card.timing.running and card.deduction == 1
        assert card.shown == "91.00"
        assert screen.query_one("#sc-digits", Digits).value == "91.00"
        assert "扣 1.00 分" in str(screen.query_one("#sc-status").content)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ScoreCalc)
        calc = str(app.screen.query_one("#calc-text").content)
        assert (
            "用时 5:47." in calc
            and "超时 47." in calc
            and "每（不满）30 秒扣 0.5 分，扣 1.00 分" in calc
        )
        assert "总分 = 92 − 1.00 = 91" in calc


async def test_a_badge_scanned_onto_the_scoring_screen_never_starts_the_clock(make_desk, speech_db):
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_scoring(pilot)
        await scan_burst(pilot, badge(speech_db, "D001"))
        await settle(pilot)
        assert scores.timing_of(speech_db, 1, 1) is None


async def test_an_event_without_a_clock_hides_the_key_and_the_line(make_desk, desk_db):
    contests.new_contest(desk_db, "技能比武", judges=3, trim=0)
    contests.add_entrant(desk_db, 1, "张三")
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scoring(pilot)
        assert not screen.query_one(ClockLine).display
        assert "clock" not in footer_keys(screen)


async def test_the_projector_shows_the_running_clock_big(speech_db):
    contests.set_on_stage(speech_db, 1, "李四")
    app = make_display_app(database=speech_db, lang="zh", poll_seconds=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        clock = app.screen.query_one(BigClock)
        await wait_for(pilot, lambda: clock.display and clock.value == "0:00.00", "an idle clock")
        scores.start_clock(speech_db, 1)  # another desk starts it
        move_start_back(speech_db, 2, 301)
        await wait_for(pilot, lambda: clock.phase == "over", "the running clock over time")
        assert clock.value.startswith("5:0")
        scores.stop_clock(speech_db, 1)
        stopped = lambda: app.screen.clock_card().verdict is not None  # noqa: E731
        await wait_for(pilot, stopped, "the stopped time")
        assert clock.value.startswith("5:0") and clock.has_class("-over")  # stays red: over


async def test_shift_f8_takes_back_a_clock_started_by_mistake(make_desk, speech_db):
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_scoring(pilot)
        assert "clock_reset" not in footer_keys(screen)  # nothing to take back yet
        await pilot.press("f8")
        await settle(pilot)
        assert "clock_reset" in footer_keys(screen)
        await pilot.press("shift+f8")
        await settle(pilot)
        await pilot.press(*"抢跑", "enter")
        await settle(pilot)
        assert app.screen is screen and screen.card.timing is None
        assert "已撤销" in str(screen.query_one("#sc-status").content)
        assert scores.timing_of(speech_db, 1, 1) is None


async def test_the_event_dialog_gives_the_event_its_clock(make_desk, desk_db):
    from textual.widgets import Input

    from screens.contests import ContestsScreen
    from screens.new_event import NewEventDialog

    contests.new_contest(desk_db, "演讲比赛", judges=3, trim=0)
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ContestsScreen())
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NewEventDialog)
        dialog.query_one("#ev-name", Input).value = "决赛"
        dialog.query_one("#ev-clock", Input).value = "limit=5:00,speed=1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog  # refused: nothing made
        assert contests.get_contest(desk_db, 1).events[0].name == ""
        dialog.query_one("#ev-clock", Input).value = "限时=5:00，提醒=4:30，满"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not dialog
    event = contests.get_contest(desk_db, 1).events[0]
    assert event.name == "决赛" and event.clock.limit == 300 and event.clock.warning == 30
    assert not event.clock.started_counts
