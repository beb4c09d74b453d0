"""The dashboard follows other desks: their check-ins appear without a key being pressed."""

import io

from rich.console import Console

from models.attendance import check_in
from models.db import open_database
from screens.checkin import WATCH_SECONDS
from tests.helpers import add_people, badge, delegates, settle
from tui.app import make_app

PATIENCE_TICKS = 40  # 20 s at most; it normally takes one or two ticks


async def wait_for(pilot, condition) -> bool:
    """Let the watch timer fire (it is time-driven by design) until ``condition`` holds."""
    for _ in range(PATIENCE_TICKS):
        await settle(pilot)
        if condition():
            return True
        await pilot.pause(WATCH_SECONDS)
    return condition()


def desk_rows(app) -> str:
    """The desk panel's table as text."""
    console = Console(width=60, record=True, file=io.StringIO())
    console.print(app.screen.query_one("#desks").content)
    return console.export_text()


async def test_another_desks_check_in_shows_up_by_itself(congress_db):
    add_people(congress_db, delegates(6))
    app = make_app(database=congress_db, station="1号台")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#present").value == "0"
        assert "1号台（本台）" in desk_rows(app)
        other = open_database(congress_db.url)
        try:
            for code in ("D0001", "D0002"):
                check_in(other, badge(other, code), station="2号台", method="scan")
        finally:
            other.dispose()
        assert await wait_for(pilot, lambda: app.screen.query_one("#present").value == "2")
        rows = desk_rows(app)
        assert "2号台" in rows and "2" in rows
        await pilot.press(*badge(congress_db, "D0003"), "enter")
        await settle(pilot)
        assert app.screen.query_one("#present").value == "3"
        lines = [line for line in desk_rows(app).splitlines() if "号台" in line]
        assert "2号台" in lines[0] and "1号台（本台）" in lines[1]


async def test_english_desk_panel(congress_db):
    add_people(congress_db, delegates(2))
    check_in(congress_db, badge(congress_db, "D0001"), station="East door")
    app = make_app(database=congress_db, station="West door", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = desk_rows(app)
        assert "East door" in rows
        assert "West door (this desk)" in rows
        assert app.screen.query_one("#desks").border_title == "Desks"
