"""The voting hub: every motion, election and appraisal of the congress, with its state.

The attendance line stays at the top because every vote re-checks the quorum; under it, the
presiding officer's line before a vote with the figures of the moment (RULES §1). The states are
computed per item by the result services in a worker, so the screen mounts at once and the table
fills in when they are ready (and again whenever the hub comes back to the front).
"""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from models.attendance import AttendanceReport, attendance
from models.errors import Refusal
from models.voting import APPRAISAL, ELECTION, MOTION, congress_settings
from tui.i18n import t
from tui.item_status import STATE_STYLE, ItemRow, item_rows
from tui.keys import Localized
from tui.literal import literal
from tui.refresh import CoalescedRefresh
from tui.texts import error_line, quorum_line, screen_refusal_text, vote_announcement
from tui.widgets import DeskFooter
from tui.workers import deliver, desk_work

POLL_SECONDS = 5.0
COLUMNS = ("number", "kind", "title", "detail", "status")


def attendance_line(report: AttendanceReport) -> str:
    figures = report.figures
    head = t(
        "vui.attendance",
        sitting=report.sitting.name,
        due=figures.due,
        present=figures.present,
        leave=figures.leave,
    )
    return f"{head}    {quorum_line(figures)}"


class ItemsScreen(Localized, Screen):
    AUTO_FOCUS = "#items"
    BINDINGS = [
        Binding("n", "new_motion", "vui.key.new_motion", id="new-motion", tooltip="vui.tip.new_motion"),
        Binding("e", "new_election", "vui.key.new_election", id="new-election", tooltip="vui.tip.new_election"),
        Binding("a", "new_appraisal", "vui.key.new_appraisal", id="new-appraisal", tooltip="vui.tip.new_appraisal"),
        Binding("escape", "back", "vui.key.checkin", id="back", tooltip="vui.tip.checkin"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self._kinds: dict[int, str] = {}
        self._cursor_to: int | None = None  # a new item's row, once it is in the table
        self._reload = CoalescedRefresh(self.load_items)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("vui.loading"), id="vote-quorum", classes="quorum-line")
        yield Static("", id="vote-announce", classes="vote-hint")
        yield DataTable(id="items", cursor_type="row", zebra_stripes=True)
        yield Static(t("vui.hub.hint"), id="items-hint", classes="vote-hint")
        yield DeskFooter()

    def on_mount(self) -> None:
        table = self.query_one("#items", DataTable)
        table.border_title = t("vui.hub.title")
        for key in COLUMNS:
            table.add_column(t(f"vui.col.{key}"), key=key)
        self.request_reload()
        self.set_interval(POLL_SECONDS, self.request_reload)

    def on_screen_resume(self) -> None:
        self.request_reload()

    # ------------------------------------------------------------------ loading

    def request_reload(self) -> None:
        """One load at a time; a request meanwhile costs one more load afterwards."""
        self._reload.request()

    def _load_done(self) -> None:
        self._reload.done()

    @desk_work(group="items")
    def load_items(self) -> None:
        db = self.app.db
        try:
            report = attendance(db)
            hall = congress_settings(db)["roll.presence"] == "hall"
            rows = item_rows(db)
        except Refusal as refusal:
            deliver(self, self._show_error, screen_refusal_text(refusal))
        except Exception as error:  # a database hiccup must not end the desk
            deliver(self, self._show_error, error_line(error))
        else:
            deliver(self, self._apply, report, rows)
            deliver(self, self._announce, vote_announcement(report.figures, hall))
        deliver(self, self._load_done)

    def _announce(self, text: str) -> None:
        """The presiding officer's line before a vote, as of this refresh (RULES §1)."""
        self.query_one("#vote-announce", Static).update(text)

    def _show_error(self, text: str) -> None:
        line = self.query_one("#vote-quorum", Static)
        line.update(literal(text))
        line.set_class(True, "-short")
        line.set_class(False, "-met")

    def _apply(self, report: AttendanceReport, rows: list[ItemRow]) -> None:
        from rich.text import Text

        figures = report.figures
        line = self.query_one("#vote-quorum", Static)
        line.update(literal(attendance_line(report)))
        line.set_class(figures.quorum_met, "-met")
        line.set_class(not figures.quorum_met, "-short")
        self.app.sub_title = f"{report.congress.name} · {report.sitting.name} · {self.app.station}"
        table = self.query_one("#items", DataTable)
        with self.app.batch_update():
            for row in rows:
                key = str(row.number)
                self._kinds[row.number] = row.kind
                cells = {
                    "number": str(row.number),
                    "kind": t(f"item.kind.{row.kind}"),
                    "title": literal(row.title, no_wrap=True),
                    "detail": row.detail,
                    "status": Text(row.status, style=STATE_STYLE.get(row.state, "")),
                }
                if key in table.rows:
                    for column, value in cells.items():
                        if str(table.get_cell(key, column)) != str(value) or column == "status":
                            table.update_cell(key, column, value)
                else:
                    table.add_row(*cells.values(), key=key)
            if self._cursor_to is not None and str(self._cursor_to) in table.rows:
                table.move_cursor(row=table.get_row_index(str(self._cursor_to)))
                self._cursor_to = None
            hint = self.query_one("#items-hint", Static)
            hint.update(t("vui.hub.empty") if not rows else t("vui.hub.hint"))

    # ------------------------------------------------------------------ opening

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        number = int(event.row_key.value)
        self.open_item(number, self._kinds.get(number, MOTION))

    def open_item(self, number: int, kind: str) -> None:
        if kind == MOTION:
            from screens.motion import MotionScreen

            screen = MotionScreen(number)
        elif kind == ELECTION:
            try:
                from screens.election import ElectionScreen
            except ImportError:  # written separately; the hub works without it
                self._unavailable()
                return
            screen = ElectionScreen(number)
        else:
            assert kind == APPRAISAL
            from screens.appraisal import AppraisalScreen

            screen = AppraisalScreen(number)
        self.app.push_screen(screen)

    def _unavailable(self) -> None:
        self.query_one("#items-hint", Static).update(t("vui.unavailable"))
        self.app.bell()

    def _created(self, kind: str):
        def opened(number: int | None) -> None:
            self.request_reload()
            if number is not None:
                self._kinds[number] = kind
                self._cursor_to = number
                self.open_item(number, kind)

        return opened

    def action_new_motion(self) -> None:
        from screens.new_motion import NewMotionDialog

        self.app.push_screen(NewMotionDialog(), self._created(MOTION))

    def action_new_election(self) -> None:
        try:
            from screens.new_election import NewElectionDialog
        except ImportError:
            self._unavailable()
            return
        self.app.push_screen(NewElectionDialog(), self._created(ELECTION))

    def action_new_appraisal(self) -> None:
        from screens.new_appraisal import NewAppraisalDialog

        self.app.push_screen(NewAppraisalDialog(), self._created(APPRAISAL))

    def action_back(self) -> None:
        self.app.pop_screen()
