"""The check-in screen: the home of the desk during arrival.

The scan field keeps the focus; each scan is checked in (and committed) on the spot and answered
in the big panel; the counters, the quorum line, the per-delegation table and the per-desk
counts are refreshed by a worker after each scan and whenever another desk commits something
(a cheap change token polled twice a second, see models.watch).
"""

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from models.attendance import (
    Dashboard,
    DelegationProgress,
    dashboard,
)
from models.errors import Refusal
from models.watch import ChangeWatch
from screens.checkin_corrections import DeskCorrections
from screens.checkin_direction import DeskDirection, answer_state
from screens.checkin_notes import DeskNotes
from screens.checkin_offline import DeskOffline
from tui.checkin_tables import desk_table, recent_table
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.refresh import CoalescedRefresh
from tui.sounds import answer_sound, ring
from tui.texts import (
    announcement,
    checkin_guidance,
    error_line,
    quorum_line,
    scan_detail,
    scan_headline,
    screen_refusal_text,
)
from tui.widgets import CounterRow, DeskFooter, ResultPanel, ScanInput
from tui.workers import FollowsOtherDesks, deliver, desk_work

WATCH_SECONDS = 0.5
RECENT_ROWS = 10  # until the screen is laid out; then as many as the recent panel has lines
BAR_WIDTH = 10


def progress_bar(present: int, due: int) -> str:
    if due <= 0:
        return "—"
    filled = present * BAR_WIDTH // due
    percent = present * 100 // due
    return "█" * filled + "░" * (BAR_WIDTH - filled) + f" {percent:>3}%"


class CheckinScreen(
    DeskOffline, DeskDirection, DeskCorrections, DeskNotes, FollowsOtherDesks, Localized, Screen
):
    AUTO_FOCUS = "#scan"
    # Classes for tui/theme.tcss: below 100 columns or 30 lines the less important panels give
    # way to the result, the quorum line and the scan field.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall"), (46, "-roomy")]
    HOME = True  # Esc Esc comes back here (tui/app.py go_home)
    BINDINGS = [
        Binding("f2", "manual", "key.manual", id="manual", tooltip="tip.manual"),
        Binding("f3", "leave", "key.leave", id="leave", tooltip="tip.leave"),
        Binding("f4,ctrl+z", "undo", "key.undo", id="undo", tooltip="tip.undo"),
        # Out of the footer (it is full at 120 columns); F4's dialog and tooltip name it.
        Binding(
            "shift+f4",
            "undo_any",
            "key.undo_any",
            id="undo_any",
            tooltip="tip.undo_any",
            show=False,
        ),
        Binding("f5", "import_roster", "key.import", id="import", tooltip="tip.import"),
        Binding("f6", "badges", "key.badges", id="badges", tooltip="tip.badges"),
        Binding("f7", "sittings", "key.sitting", id="sitting", tooltip="tip.sitting"),
        Binding("f8", "voting", "key.voting", id="voting", tooltip="tip.voting"),
        Binding("f9", "contests", "key.contests", id="contests", tooltip="tip.contests"),
        Binding("f10", "proposals", "key.proposals", id="proposals", tooltip="tip.proposals"),
        Binding("f12", "absentees", "key.absent", id="absentees", tooltip="tip.absent"),
        # Out of the footer (it is full); the list of all keys names it.
        Binding(
            "ctrl+s", "settings", "key.settings", id="settings", tooltip="tip.settings", show=False
        ),
        # Out of the footer (the F-keys are taken); the list of all keys names it.
        Binding("ctrl+n", "note", "key.note", id="note", tooltip="tip.note", show=False),
        # Out of the footer too: the scan field's title names it, with the way the desk scans.
        # A priority key: the scan field would take Ctrl+E as "end of line".
        Binding(
            "ctrl+e",
            "toggle_exit",
            "key.exit_mode",
            id="exit_mode",
            tooltip="tip.exit_mode",
            show=False,
            priority=True,
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="offline-banner")
        yield ScanInput(placeholder=t("scan.placeholder"), id="scan")
        yield ResultPanel(t(self._waiting_key()), id="result")
        yield CounterRow(
            [
                ("due", t("att.due")),
                ("present", t("att.present")),
                ("leave", t("att.leave")),
                ("absent", t("att.absent")),
                ("nonvoting", t("att.nonvoting")),
            ],
            id="counters",
        )
        yield Static("", id="quorum")
        yield Static("", id="announcement")
        with Horizontal(id="lower"):
            yield DataTable(id="delegations", cursor_type="none", zebra_stripes=True)
            with Vertical(id="side"):
                yield Static("", id="desks")
                yield Static("", id="recent")
        yield DeskFooter()

    def on_mount(self) -> None:
        table = self.query_one("#delegations", DataTable)
        table.can_focus = False
        table.border_title = t("att.by_delegation")
        for key in ("delegation", "due", "present", "leave", "progress"):
            table.add_column(t(f"att.col.{key}"), key=key)
        self.query_one("#recent", Static).border_title = t("att.recent")
        self.query_one("#desks", Static).border_title = t("att.desks")
        self.show_direction()
        self._refresh = CoalescedRefresh(self.refresh_figures)
        self._shapes: dict[str, object] = {}  # each panel's last size, see _update_static
        self._recent_rows = RECENT_ROWS
        self._watch = ChangeWatch(self.app.db)
        self.request_refresh()
        self.set_interval(WATCH_SECONDS, self.watch_tick)
        self.start_link()

    def on_unmount(self) -> None:
        self._watch.close()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_recent)

    def _fit_recent(self) -> None:
        """The recent list fills its panel (a 50-line terminal shows more names) and is never
        cut at the bottom (80×24, where the panel is short or hidden)."""
        panel = self.query_one("#recent", Static)
        rows = max(1, panel.content_size.height - 1) if panel.display else RECENT_ROWS
        if rows != self._recent_rows:
            self._recent_rows = rows
            self.request_refresh()

    def on_screen_resume(self) -> None:
        self.query_one("#scan", ScanInput).focus()

    # ------------------------------------------------------------------ scanning

    def on_scan_input_scanned(self, message: ScanInput.Scanned) -> None:
        self._check_in(message.text, method="scan")

    def take_badge(self, text: str) -> None:
        """A badge scanned anywhere on this screen or its dialogs (the App routes it here): a
        check-in; the field that had the focus keeps what it had. Under a dialog, the answer
        also shows at the foot, where the clerk looks."""
        self._check_in(text, method="scan")
        if self.app.screen is not self:
            panel = self.query_one(ResultPanel)
            self.app.notify(
                f"{panel.detail}\n{t('desk.scan_exit_hint' if self.leaving else 'desk.scan_checkin_hint')}",
                title=panel.headline,
                severity={"ok": "information", "warn": "warning"}.get(self._last_state, "error"),
                markup=False,
            )

    def _check_in(self, text: str, *, method: str) -> None:
        try:
            result = self.link.scan(
                text, self.scan_kind(), operator=self.app.operator, method=method
            )
        except Refusal as refusal:
            self._show_error(screen_refusal_text(refusal))
            return
        except Exception as error:  # a locked or unreachable database must not end the desk
            self._show_error(error_line(error))
            return
        state = answer_state(result)
        self._last_state = state
        guidance = tuple(checkin_guidance(result))
        self.query_one(ResultPanel).show(
            scan_headline(result), scan_detail(result), state, guidance
        )
        ring(self.app, answer_sound(state, has_note=bool(result.notes)))
        if self.link.offline:
            self.show_banner()
        self.request_refresh()

    def _show_error(self, text: str) -> None:
        self._last_state = "error"
        self.query_one(ResultPanel).show("✖", text, "error")
        ring(self.app, "error")

    # ------------------------------------------------------------------ figures

    def request_refresh(self) -> None:
        """Coalesce refreshes: one query round at a time, one more if scans came meanwhile.

        A burst of scans therefore costs at most two refreshes, and no running worker is ever
        cancelled half-way.
        """
        self._refresh.request()

    def _refresh_done(self) -> None:
        self._refresh.done()

    def changed_elsewhere(self) -> None:
        self.request_refresh()

    @desk_work(group="figures")
    def refresh_figures(self) -> None:
        db = self.app.db
        try:
            # Taken first: a commit while the queries run still shows at the next watch tick,
            # and this desk's own scan (already in these figures) does not refresh twice.
            token = self._watch.token()
            shown = dashboard(db, self._recent_rows)
        except Refusal as refusal:
            deliver(self, self._show_error, screen_refusal_text(refusal))
            deliver(self, self._refresh_done)
            return
        except Exception as error:  # keep the desk alive if the database hiccups
            if not self.figures_unreachable(error):
                deliver(self, self._show_error, error_line(error))
            deliver(self, self._refresh_done)
            return
        self._watch.seen(token)
        deliver(self, self._apply_figures, shown)

    def _apply_figures(self, shown: Dashboard) -> None:
        report, progress, recent, desks = shown.report, shown.progress, shown.recent, shown.desks
        self.app.sub_title = f"{report.congress.name} · {report.sitting.name} · {self.app.station}"
        with self.app.batch_update():
            self._show_counts(report.figures)
            self._update_delegations(progress)
            self._update_static("recent", recent_table(recent), len(recent))
            self._update_static("desks", desk_table(desks, self.app.station), len(desks))
        self._refresh_done()

    def _apply_offline_figures(self, figures) -> None:
        """The counters and lines from the desk's own copy while the server is gone."""
        if figures is not None:
            self._show_counts(figures)
        self.show_banner()

    def _show_counts(self, figures) -> None:
        """The five counters, the quorum line and the presiding officer's line."""
        values = {
            "due": figures.due,
            "present": figures.present,
            "leave": figures.leave,
            "absent": figures.absent,
            "nonvoting": figures.nonvoting_present,
        }
        for key, value in values.items():
            self.query_one(f"#{key}").set_value(value)
        line = quorum_line(figures)
        self._update_static("quorum", line, cell_len(line))
        quorum = self.query_one("#quorum", Static)
        quorum.set_class(figures.quorum_met, "-met")
        quorum.set_class(not figures.quorum_met, "-short")
        line = announcement(figures)
        self._update_static("announcement", line, cell_len(line))

    def _update_static(self, widget_id: str, content, shape) -> None:
        """Update a panel, laying the screen out again only when its size may have changed
        (``shape``: its rows, or its text's width): a layout pass per scan slows a queue."""
        layout = self._shapes.get(widget_id) != shape
        self._shapes[widget_id] = shape
        self.query_one(f"#{widget_id}", Static).update(content, layout=layout)

    def _update_delegations(self, progress: list[DelegationProgress]) -> None:
        """Keyed rows updated in place; a delegation new since the last refresh is appended."""
        table = self.query_one("#delegations", DataTable)
        for row in progress:
            name = row.delegation or t("delegation.none")
            cells = {
                "delegation": literal(name, no_wrap=True),
                "due": str(row.due),
                "present": str(row.present),
                "leave": str(row.leave),
                "progress": progress_bar(row.present, row.due),
            }
            if name in table.rows:
                for column, value in cells.items():
                    if table.get_cell(name, column) != value:
                        table.update_cell(name, column, value)
            else:
                table.add_row(*cells.values(), key=name)

    # ------------------------------------------------------------------ actions

    def action_manual(self) -> None:
        from screens.person_search import PersonSearch

        def picked(person) -> None:
            if person is not None:
                self._check_in(person.code, method="manual")

        title = t("search.title_exit" if self.leaving else "search.title")
        self.app.push_screen(PersonSearch(title), picked)

    def action_import_roster(self) -> None:
        """The file is picked in the browser first (Ctrl+L there types a path)."""
        from models.io.table_file import TABLE_SUFFIXES
        from screens.roster_import import RosterImport
        from tui.file_picker import FilePicker

        def picked(path) -> None:
            if path is not None:
                self.app.push_screen(RosterImport(path), lambda _changed: self.request_refresh())

        self.app.push_screen(FilePicker(t("files.title.roster"), TABLE_SUFFIXES), picked)

    def action_badges(self) -> None:
        from screens.badges_export import BadgesExport

        self.app.push_screen(BadgesExport())

    def action_sittings(self) -> None:
        from screens.sittings import Sittings

        self.app.push_screen(Sittings(), lambda _changed: self.request_refresh())

    def action_voting(self) -> None:
        from screens.items import ItemsScreen

        self.app.push_screen(ItemsScreen())

    def action_contests(self) -> None:
        from screens.contests import ContestsScreen

        self.app.push_screen(ContestsScreen())

    def action_proposals(self) -> None:
        from screens.proposals import ProposalsScreen

        self.app.push_screen(ProposalsScreen())

    def action_absentees(self) -> None:
        from screens.absentees import AbsenteesScreen

        self.app.push_screen(AbsenteesScreen())

    def action_settings(self) -> None:
        from screens.congress_settings import CongressSettings

        self.app.push_screen(CongressSettings(), lambda _changed: self.request_refresh())
