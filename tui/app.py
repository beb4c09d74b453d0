"""The Textual app and its factory, used by the ``huiwu`` command and by the tests."""

import gc
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual._time import get_time
from textual.app import App
from textual.binding import Binding

from tui.i18n import set_lang, t
from tui.keys import Localized
from tui.scan_router import HOLD_SECONDS, ScanRecognizer, Verdict

if TYPE_CHECKING:  # the launch path paints before SQLAlchemy is imported (see launch_app)
    from models.db import Database

BACKUP_CHECK_SECONDS = 60  # how often to ask models.backup whether an auto snapshot is due
# Two Esc in a row (nothing typed between, this close together) go back to the scan field.
HOME_ESC_SECONDS = 3.0
HOME_STEP_SECONDS = 0.05
HOME_WAIT_SECONDS = 3.0  # a screen may first store its keying queue before it closes


class HuiwuApp(Localized, App):
    CSS_PATH = Path(__file__).with_name("theme.tcss")
    TITLE = "会务"
    # Textual's palette speaks English only and its ^p takes footer room the F-keys need.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", id="quit", tooltip="tip.quit", priority=True),
        # Priority: a dialog's bindings otherwise hide the app's, and F1 must work on every one.
        Binding("f1", "keys", "key.keys", id="keys", tooltip="tip.keys", priority=True),
    ]

    def __init__(
        self,
        database: "Database | None",
        *,
        station: str,
        operator: str = "",
        open_with: str | os.PathLike | None = None,
        exit_desk: bool = False,
    ) -> None:
        """``database`` open already, or None to open ``open_with`` (a path or URL, None for the
        default) in a worker after the first frame."""
        super().__init__()
        self.db = database
        self.station = station
        self.operator = operator or station
        self.exit_desk = exit_desk  # the check-in screen scans people out (Ctrl+E switches)
        self.title = t("app.title")
        self._open_with = open_with
        self.launch_error: BaseException | None = None
        self._scans = ScanRecognizer()
        self._release_timer = None
        self._last_escape_at: float | None = None
        self._homeward: dict | None = None

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
        # Which database this desk writes to, always in sight: two files or servers on one
        # congress day must not be mixed up (the password never shows, models.db.Database.label).
        self.title = f"{t('app.title')} · {t('data.db_label', name=self.db.label())}"
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

    # ------------------------------------------------------------------ F1: every key

    def action_keys(self) -> None:
        """Every binding of the screen on top (footer or not) in one list; the chosen one runs
        on that screen, as if its key had been pressed."""
        from tui.keys_dialog import KeysDialog, key_entries

        if isinstance(self.screen, KeysDialog):
            return
        entries = key_entries(self, self.screen)

        async def chosen(entry) -> None:
            if entry is not None:
                await self.run_action(entry.action, entry.namespace)

        self.push_screen(KeysDialog(entries), chosen)

    # ------------------------------------------------------------------ badge scans, anywhere

    async def on_event(self, event: events.Event) -> None:
        """Every key passes the scan recogniser first (tui/scan_router.py): a badge burst is
        taken out of the key stream and routed, whatever has the focus."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            # The key's own time: a burst queued behind a slow refresh is still a burst.
            verdict = self._scans.feed(event.key, event.character, event, event.time)
            await self._act_on(verdict, event)
            return
        await super().on_event(event)

    async def _act_on(self, verdict: Verdict, event: events.Key) -> None:
        for held in verdict.release:
            await super().on_event(held)
        if verdict.scan is not None:
            self._last_escape_at = None
            self.route_scan(verdict.scan)
        elif verdict.hold:
            self._arm_release()
        elif not verdict.drop:
            await self._key(event)

    async def _key(self, event: events.Key) -> None:
        """A key that is not part of a scan: as Textual would handle it, plus Esc Esc."""
        escape_twice = False
        if event.key == "escape" and self._homeward is None:
            now = time.monotonic()
            last, self._last_escape_at = self._last_escape_at, now
            escape_twice = last is not None and now - last <= HOME_ESC_SECONDS
            if escape_twice:
                self._last_escape_at = None
        elif self._homeward is None:
            self._last_escape_at = None
        await super().on_event(event)
        if escape_twice:
            self.go_home()

    def _arm_release(self) -> None:
        """Held keys wait at most a scanner's pause; then they go to the focused widget."""
        if self._release_timer is not None:
            self._release_timer.stop()
        self._release_timer = self.set_timer(HOLD_SECONDS + 0.05, self._release_due)

    async def _release_due(self) -> None:
        self._release_timer = None
        if self._scans.due(get_time()):
            for held in self._scans.release():
                await super().on_event(held)

    def route_scan(self, text: str) -> None:
        """A badge was scanned. A field that asks for a person takes it (``take_badge`` on the
        focused widget); else the screen under any dialogs, if it takes badges (the check-in
        screen checks the person in); else nothing changes and the desk says so."""
        focused = self.focused
        if focused is not None and callable(getattr(focused, "take_badge", None)):
            focused.take_badge(text)
            return
        base = self.base_screen()
        if callable(getattr(base, "take_badge", None)):
            base.take_badge(text)
            return
        hint = getattr(base, "BADGE_HINT", None) or "desk.scan_elsewhere"
        self.notify(t(hint), title=t("desk.scan_title"), severity="warning", markup=False)
        self.bell()

    def base_screen(self):
        """The topmost full screen: the one any open dialogs sit on."""
        from textual.screen import ModalScreen

        for screen in reversed(self.screen_stack):
            if not isinstance(screen, ModalScreen):
                return screen
        return self.screen

    # ------------------------------------------------------------------ Esc Esc: back home

    def go_home(self) -> None:
        """Back to the home screen's scan field: Esc is given to each screen on top in turn, so
        each closes its own way (a keying queue is stored first); a screen that stays (it asks
        a question, or has nothing to close with) ends the walk there."""
        self._homeward = {"left": set(), "top": None, "since": 0.0}
        self._home_step()

    @property
    def going_home(self) -> bool:
        """An Esc Esc walk back to the scan field is still under way."""
        return self._homeward is not None

    def _home_step(self) -> None:
        walk = self._homeward
        if walk is None:
            return
        top = self.screen
        if getattr(top, "HOME", False) or not self._closes_with_escape(top):
            self._homeward = None
            return
        now = time.monotonic()
        if top is walk["top"]:
            if now - walk["since"] > HOME_WAIT_SECONDS:
                self._homeward = None  # it keeps waiting: leave the clerk there
                return
        elif top in walk["left"]:
            self._homeward = None  # it came back (it asked first): the clerk decides
            return
        else:
            walk["left"].add(top)
            walk["top"], walk["since"] = top, now
            self.post_message(events.Key("escape", None))
        self.set_timer(HOME_STEP_SECONDS, self._home_step)

    @staticmethod
    def _closes_with_escape(screen) -> bool:
        return "escape" in screen._bindings.key_to_bindings

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
    operator: str | None = None,
    exit_desk: bool = False,
) -> HuiwuApp:
    """Build the app on a database (path, URL, or an already open one) in a language."""
    from models.db import open_database

    set_lang(lang)
    database = database or open_database(db)
    return HuiwuApp(
        database,
        station=_desk_name(station),
        operator=_operator_name(operator),
        exit_desk=exit_desk,
    )


def launch_app(
    db: str | os.PathLike | None = None,
    *,
    lang: str | None = None,
    station: str | None = None,
    operator: str | None = None,
    exit_desk: bool = False,
) -> HuiwuApp:
    """The app as ``huiwu`` starts it: the window paints at once and the database opens in a
    worker meanwhile (its failure is the app's ``launch_error``)."""
    set_lang(lang)
    desk, person = _desk_name(station), _operator_name(operator)
    return HuiwuApp(None, station=desk, operator=person, open_with=db, exit_desk=exit_desk)


def _operator_name(operator: str | None) -> str:
    """The person at the desk (``--operator``, HUIWU_OPERATOR); blank: the desk stands for them."""
    from models.stations import station_name

    return station_name(operator or os.environ.get("HUIWU_OPERATOR") or "")


def _desk_name(station: str | None) -> str:
    from models.stations import station_name

    return station_name(station or os.environ.get("HUIWU_STATION") or "") or "1号签到台"
