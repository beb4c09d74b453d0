"""The Textual app and its factory, used by the ``huiwu`` command and by the tests."""

import gc
import os
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding

from tui.i18n import set_lang, t
from tui.keys import Localized

if TYPE_CHECKING:  # the launch path paints before SQLAlchemy is imported (see launch_app)
    from models.db import Database

BACKUP_CHECK_SECONDS = 60  # how often to ask models.backup whether an auto snapshot is due


class HuiwuApp(Localized, App):
    CSS_PATH = Path(__file__).with_name("theme.tcss")
    TITLE = "会务"
    # Textual's palette speaks English only and its ^p takes footer room the F-keys need.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", id="quit", tooltip="tip.quit", priority=True),
    ]

    def __init__(
        self,
        database: "Database | None",
        *,
        station: str,
        operator: str = "",
        open_with: str | os.PathLike | None = None,
    ) -> None:
        """``database`` open already, or None to open ``open_with`` (a path or URL, None for the
        default) in a worker after the first frame."""
        super().__init__()
        self.db = database
        self.station = station
        self.operator = operator or station
        self.title = t("app.title")
        self._open_with = open_with
        self.launch_error: BaseException | None = None

    def get_default_screen(self):
        if self.db is None:
            from screens.starting import StartingScreen

            return StartingScreen()
        return super().get_default_screen()

    def on_mount(self) -> None:
        if self.db is None:
            self._open_database()
        else:
            self._start()

    def _start(self) -> None:
        self.show_home()
        self._start_auto_backups()
        # What start-up built (modules, widgets, styles) lives as long as the app: keep it out
        # of the cyclic collector's full passes, which otherwise stall a scan now and then
        # (a 70 ms pause measured at a 10,000-person roster).
        self.call_after_refresh(gc.freeze)

    @work(thread=True, group="open", exit_on_error=False)
    def _open_database(self) -> None:
        """Open (and migrate) the database, and import the home screen, off the UI thread.
        A failure ends the app; the launcher reports it as if it had happened before."""
        try:
            from models.db import open_database
            from screens.checkin import CheckinScreen  # noqa: F401 - the heavy import, here

            database = open_database(self._open_with)
        except BaseException as error:
            self.launch_error = error
            # After a refresh: an exit while the first screen still mounts trips its Header.
            self.call_from_thread(self.call_after_refresh, self.exit, None, 1)
            return
        self.call_from_thread(self._opened, database)

    def _opened(self, database: "Database") -> None:
        self.db = database
        self._start()

    def _start_auto_backups(self) -> None:
        """SQLite only, unless HUIWU_BACKUP_MINUTES=0: a snapshot once it is N minutes old and
        the log has changed (models.backup.due_for_auto decides, cheaply)."""
        from models.backup import auto_minutes

        self._backing_up = False
        if self.db.is_sqlite and auto_minutes() > 0:
            self.set_interval(BACKUP_CHECK_SECONDS, self.auto_backup)

    def auto_backup(self) -> None:
        if not self._backing_up:  # a slow copy is never started twice
            self._backing_up = True
            self._auto_backup_worker()

    @work(thread=True, group="backup", exit_on_error=False)
    def _auto_backup_worker(self) -> None:
        from models.backup import auto_snapshot

        try:
            auto_snapshot(self.db)  # never raises; a failure is logged
        finally:
            self._backing_up = False

    def show_home(self) -> None:
        """The check-in screen when there is a congress with a sitting, else the welcome screen."""
        from models.congress import current_congress
        from models.errors import Refusal
        from screens.checkin import CheckinScreen
        from screens.no_congress import NoCongressScreen

        try:
            congress = current_congress(self.db)
        except Refusal:
            self.push_screen(NoCongressScreen())
            return
        self.sub_title = congress.name
        self.push_screen(CheckinScreen())

    def on_unmount(self) -> None:
        gc.unfreeze()  # several apps in one process (the tests): the next one starts clean
        if self.db is not None:
            self.db.dispose()


def make_app(
    db: str | os.PathLike | None = None,
    *,
    lang: str | None = None,
    station: str | None = None,
    database: "Database | None" = None,
) -> HuiwuApp:
    """Build the app on a database (path, URL, or an already open one) in a language."""
    from models.db import open_database

    set_lang(lang)
    database = database or open_database(db)
    return HuiwuApp(database, station=_desk_name(station))


def launch_app(
    db: str | os.PathLike | None = None, *, lang: str | None = None, station: str | None = None
) -> HuiwuApp:
    """The app as ``huiwu`` starts it: the window paints at once and the database opens in a
    worker meanwhile (its failure is the app's ``launch_error``)."""
    set_lang(lang)
    return HuiwuApp(None, station=_desk_name(station), open_with=db)


def _desk_name(station: str | None) -> str:
    from models.stations import station_name

    return station_name(station or os.environ.get("HUIWU_STATION") or "") or "1号签到台"
