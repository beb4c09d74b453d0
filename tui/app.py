"""The Textual app and its factory, used by the ``huiwu`` command and by the tests."""

import os
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding

from models.db import Database, open_database
from tui.i18n import set_lang, t
from tui.keys import Localized

BACKUP_CHECK_SECONDS = 60  # how often to ask models.backup whether an auto snapshot is due


class HuiwuApp(Localized, App):
    CSS_PATH = Path(__file__).with_name("theme.tcss")
    TITLE = "会务"
    # Textual's palette speaks English only and its ^p takes footer room the F-keys need.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", id="quit", tooltip="tip.quit", priority=True),
    ]

    def __init__(self, database: Database, *, station: str, operator: str = "") -> None:
        super().__init__()
        self.db = database
        self.station = station
        self.operator = operator or station
        self.title = t("app.title")

    def on_mount(self) -> None:
        self.show_home()
        self._start_auto_backups()

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
        self.db.dispose()


def make_app(
    db: str | os.PathLike | None = None,
    *,
    lang: str | None = None,
    station: str | None = None,
    database: Database | None = None,
) -> HuiwuApp:
    """Build the app on a database (path, URL, or an already open one) in a language."""
    from models.attendance import station_name

    set_lang(lang)
    name = station_name(station or os.environ.get("HUIWU_STATION") or "") or "1号签到台"
    database = database or open_database(db)
    return HuiwuApp(database, station=name)
