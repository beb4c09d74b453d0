"""The projector apps: one read-only, full-screen view that follows the database — a contest
(``huiwu display``) or the hall's seat map (``huiwu display --seats``).

It takes no input but quitting, so it can run on a second terminal wired to the projector or be
served as a web page (``huiwu display --serve``) without anyone in the hall changing anything.
"""

import os

from textual.app import App
from textual.binding import Binding

from models import contests
from models.contests import ContestInfo
from models.db import Database, open_database
from models.errors import refuse
from models.seats.seat_map import seat_map
from screens.display import POLL_SECONDS, DisplayScreen
from screens.seat_map import SEAT_POLL_SECONDS, SeatMapScreen
from tui.i18n import set_lang
from tui.keys import Localized


def resolve_contest(database: Database, ref: str | int | None) -> ContestInfo:
    """The contest named by number or title, or the newest one when none is named."""
    if ref is None or not str(ref).strip():
        known = contests.list_contests(database)  # refuses when there is no congress
        if not known:
            raise refuse("display.no_contest")
        ref = max(summary.number for summary in known)
    return contests.get_contest(database, ref)


class DisplayApp(Localized, App):
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("q", "quit", "key.quit", id="quit", tooltip="tip.quit"),
        Binding("ctrl+q", "quit", "key.quit", id="quit-ctrl", tooltip="tip.quit", priority=True),
    ]

    def __init__(
        self,
        database: Database,
        contest: ContestInfo,
        *,
        poll_seconds: float = POLL_SECONDS,
        event: str | None = None,
    ) -> None:
        super().__init__()
        self.db = database
        self.contest = contest
        self.poll_seconds = poll_seconds
        self.event = event
        self.title = contest.title

    def on_mount(self) -> None:
        # The number, not the title: the title may be edited while the projector runs.
        if shows_matches(self.contest, self.event):
            from screens.match_display import MatchDisplayScreen

            screen = MatchDisplayScreen(self.contest.number, self.event)
            self.push_screen(screen)
            return
        self.push_screen(DisplayScreen(self.contest.number, poll_seconds=self.poll_seconds))


def shows_matches(contest: ContestInfo, event: str | None) -> bool:
    """The match projector for a match event named, or for a contest of match events only."""
    if event:
        return contest.event(event).is_match
    return bool(contest.events) and all(e.is_match for e in contest.events)


class MeetApp(Localized, App):
    """The projector of a sports meet's team points and medal table."""

    ENABLE_COMMAND_PALETTE = False
    BINDINGS = DisplayApp.BINDINGS

    def __init__(self, database: Database, meet) -> None:
        super().__init__()
        self.db = database
        self.meet = meet
        self.title = meet.name

    def on_mount(self) -> None:
        from screens.meet_display import MeetDisplayScreen

        self.push_screen(MeetDisplayScreen(self.meet.number))

    def on_unmount(self) -> None:
        self.db.dispose()


def make_meet_app(db=None, *, database: Database | None = None, meet=None, lang=None) -> MeetApp:
    """Refuses, before any screen exists, when there is no such meet."""
    from models.matches import load_meet

    set_lang(lang)
    opened = database is None
    database = database or open_database(db)
    try:
        with database.read() as conn:
            info = load_meet(conn, meet)
    except BaseException:
        if opened:
            database.dispose()
        raise
    return MeetApp(database, info)

    def on_unmount(self) -> None:
        self.db.dispose()


def make_display_app(
    db: str | os.PathLike | None = None,
    *,
    database: Database | None = None,
    contest: str | int | None = None,
    lang: str | None = None,
    poll_seconds: float = POLL_SECONDS,
    event: str | None = None,
) -> DisplayApp:
    """Build the projector on a database (path, URL or open one) for a contest (newest if None).
    Refuses, before any screen exists, when there is no congress or no such contest."""
    set_lang(lang)
    opened = database is None
    database = database or open_database(db)
    try:
        info = resolve_contest(database, contest)
        if event:
            info.event(event)  # refuses an event the contest does not have
    except BaseException:
        if opened:
            database.dispose()
        raise
    return DisplayApp(database, info, poll_seconds=poll_seconds, event=event)


class SeatMapApp(Localized, App):
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = DisplayApp.BINDINGS

    def __init__(self, database: Database, title: str, *, poll_seconds: float) -> None:
        super().__init__()
        self.db = database
        self.poll_seconds = poll_seconds
        self.title = title

    def on_mount(self) -> None:
        self.push_screen(SeatMapScreen(poll_seconds=self.poll_seconds))

    def on_unmount(self) -> None:
        self.db.dispose()


def make_seat_map_app(
    db: str | os.PathLike | None = None,
    *,
    database: Database | None = None,
    lang: str | None = None,
    poll_seconds: float = SEAT_POLL_SECONDS,
) -> SeatMapApp:
    """The seat map projector; refuses, before any screen exists, without a congress, a current
    sitting, or any seat (no plan and nobody seated)."""
    set_lang(lang)
    opened = database is None
    database = database or open_database(db)
    try:
        found = seat_map(database)
    except BaseException:
        if opened:
            database.dispose()
        raise
    return SeatMapApp(database, found.congress, poll_seconds=poll_seconds)
