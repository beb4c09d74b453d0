"""The voting hub: every motion, election and appraisal of the congress, with its state.

The attendance line stays at the top because every vote re-checks the quorum. The states are
computed per item by the result services in a worker, so the screen mounts at once and the table
fills in when they are ready (and again whenever the hub comes back to the front).
"""

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from models.attendance import AttendanceReport, attendance
from models.errors import Refusal
from models.voting import APPRAISAL, ELECTION, MOTION, ItemSummary, list_items
from tui.i18n import refusal_text, t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import error_line, quorum_line
from tui.widgets import DeskFooter
from tui.workers import deliver, desk_work

POLL_SECONDS = 5.0
COLUMNS = ("number", "kind", "title", "detail", "status")


@dataclass(frozen=True)
class ItemRow:
    number: int
    kind: str
    title: str
    detail: str
    status: str
    state: str  # idle | counting | check | passed | failed | done | void


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


def item_detail(outcome) -> str:
    """A few words on what the item is: method and flags, seats, people appraised."""
    item = outcome.item
    if item.kind == MOTION:
        parts = []
        if item.important:
            parts.append(t("vui.important"))
        if item.method:
            parts.append(t(f"method.{item.method}"))
        if item.double_entry:
            parts.append(t("vui.double_entry"))
        return " · ".join(parts)
    if item.kind == ELECTION:
        seats = item.settings.get("seats", 0)
        text = t("vui.detail.election", seats=seats, candidates=len(item.nominees))
        if item.round > 1:
            text += " · " + t("vui.detail.round", round=item.round)
        return text
    return t("vui.detail.appraisal", people=len(item.nominees))


def counting_words(keyed: int, issued: int | None) -> str:
    """「计票中（已录 x/y 张）」: ballots keyed one by one, the count not closed yet."""
    if issued is None:
        return t("vui.status.counting_keyed_no_issue", keyed=keyed)
    return t("vui.status.counting_keyed", keyed=keyed, issued=issued)


def item_state(outcome) -> tuple[str, str]:
    """(words, state) for the status column: 未开始 / 计票中 / 待核对 / 通过 / 未通过 / 已确定 / 无效.

    Ballots keyed one by one (an election, a motion's secret ballot) stay 计票中 until the count
    is complete: the clerk closed it (计票完毕) or every ballot issued is keyed."""
    item = outcome.item
    if outcome.differences:
        return t("vui.status.check"), "check"
    if item.kind == MOTION:
        if outcome.result is None:
            return t("vui.status.idle"), "idle"
        if not outcome.complete:
            return counting_words(outcome.ballots_keyed, item.issued), "counting"
        if not outcome.final:
            return t("vui.status.second"), "counting"
        if outcome.result.passed:
            return t("motion.passed"), "passed"
        return t("motion.failed"), "failed"
    if item.kind == ELECTION:
        keyed = outcome.entries.get(1, 0)
        if not keyed:
            if item.roll is None:
                return t("vui.status.idle"), "idle"
            return t("vui.status.counting"), "counting"
        result = outcome.result
        if not result.valid and result.void_reason not in ("not_issued", None):
            return t("vui.status.void"), "void"
        if not outcome.complete:
            return counting_words(keyed, item.issued), "counting"
        if not outcome.final:
            return t("vui.status.second"), "counting"
        if result.issued is not None and keyed < result.issued:
            # fewer ballots back than issued is lawful; say how many, keying may also go on
            words = t(
                "vui.status.elected_back",
                count=len(result.elected),
                keyed=keyed,
                issued=result.issued,
            )
            return words, "done"
        return t("vui.status.elected", count=len(result.elected)), "done"
    result = outcome.result
    if result is None:
        if item.roll is None:
            return t("vui.status.idle"), "idle"
        return t("vui.status.counting"), "counting"
    if not result.valid:
        return t("vui.status.void"), "void"
    if len(outcome.marked) < len(item.nominees):
        marked, total = len(outcome.marked), len(item.nominees)
        return t("vui.status.marked", marked=marked, total=total), "counting"
    if not outcome.final:
        return t("vui.status.second"), "counting"
    return t("vui.status.done"), "done"


STATE_STYLE = {
    "idle": "dim",
    "counting": "yellow",
    "check": "bold red",
    "passed": "bold green",
    "failed": "bold red",
    "done": "bold green",
    "void": "bold red",
}


def item_rows(db) -> list[ItemRow]:
    from models.results import item_outcome

    rows = []
    for summary in list_items(db):
        rows.append(_row(db, summary, item_outcome))
    return rows


def _row(db, summary: ItemSummary, item_outcome) -> ItemRow:
    try:
        outcome = item_outcome(db, summary.number)
    except Refusal as refusal:
        words, state, detail = refusal_text(refusal), "void", ""
    else:
        (words, state), detail = item_state(outcome), item_detail(outcome)
    return ItemRow(summary.number, summary.kind, summary.title, detail, words, state)


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
        self._loading = False
        self._stale = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("vui.loading"), id="vote-quorum", classes="quorum-line")
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
        self._stale = True
        if not self._loading:
            self._loading = True
            self._stale = False
            self.load_items()

    def _load_done(self) -> None:
        self._loading = False
        if self._stale:
            self.request_reload()

    @desk_work(group="items")
    def load_items(self) -> None:
        db = self.app.db
        try:
            report = attendance(db)
            rows = item_rows(db)
        except Refusal as refusal:
            deliver(self, self._show_error, refusal_text(refusal))
        except Exception as error:  # a database hiccup must not end the desk
            deliver(self, self._show_error, error_line(error))
        else:
            deliver(self, self._apply, report, rows)
        deliver(self, self._load_done)

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
