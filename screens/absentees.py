"""未到名单: who of the voting delegates has not arrived, by delegation with its head, so someone
can phone the delegation heads. Opened over the check-in screen, so a late delegate's badge
scanned meanwhile still checks them in (the App routes it to the screen underneath); the list
follows every commit of any desk (models.watch, as the check-in screen does)."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from models.absentees import AbsenteeReport, absentees, filter_report
from models.errors import Refusal
from models.watch import ChangeWatch
from tui.absent_text import delegation_name, figures_line, head_text, heading
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.refresh import CoalescedRefresh
from tui.texts import error_line, screen_refusal_text
from tui.workers import FollowsOtherDesks, deliver, desk_work

WATCH_SECONDS = 0.5
MAX_ROWS = 500  # DESIGN: never thousands of rows in a DataTable; the filter narrows the rest
COLUMNS = ("delegation", "head", "code", "name", "unit")
PHONE_COLUMN = "phone"  # only while the roster has phones: no empty column otherwise


class AbsenteesScreen(FollowsOtherDesks, Localized, ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "key.close", id="absent-close"),
        Binding(
            "f2", "export", "absent.key.export", id="absent-export", tooltip="absent.tip.export"
        ),
    ]
    DEFAULT_CSS = """
    #absent-dialog { width: 110; height: 90%; }
    #absent-table { height: 1fr; }
    #absent-message.-error, #absent-export.-error { color: $error; }
    """

    def __init__(self) -> None:
        super().__init__(classes="modal")
        self.report: AbsenteeReport | None = None
        self._load = CoalescedRefresh(self.load)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="absent-dialog"):
            yield Static(t("absent.title"), classes="dialog-title", id="absent-title")
            yield Static("", id="absent-figures")
            yield Input(placeholder=t("absent.filter"), id="absent-filter")
            yield DataTable(id="absent-table", cursor_type="row", zebra_stripes=True)
            for line_id in (
                "absent-message",
                "absent-export",
            ):  # apart: a refresh keeps the export's
                line = Static("", id=line_id)
                line.display = False
                yield line
            yield Static(t("absent.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._set_columns(self.query_one("#absent-table", DataTable), phones=False)
        self._watch = ChangeWatch(self.app.db)
        self.query_one("#absent-filter", Input).focus()
        self.request_load()
        self.set_interval(WATCH_SECONDS, self.watch_tick)

    def on_unmount(self) -> None:
        self._watch.close()

    # ------------------------------------------------------------------ reading, live

    def request_load(self) -> None:
        self._load.request()  # one read at a time; a commit meanwhile reads again after it

    @desk_work(group="absent-load")
    def load(self) -> None:
        try:
            token = self._watch.token()  # taken first: a commit during the read shows next tick
            report = absentees(self.app.db)
        except Refusal as refusal:
            deliver(self, self._loaded, None, screen_refusal_text(refusal))
            return
        except Exception as error:  # keep the desk alive if the database hiccups
            deliver(self, self._loaded, None, error_line(error))
            return
        self._watch.seen(token)
        deliver(self, self._loaded, report, "")

    def _loaded(self, report: AbsenteeReport | None, problem: str) -> None:
        if report is not None:
            self.report = report
            self.show()
        if problem:
            self.say(problem, True)
        self._load.done()

    def changed_elsewhere(self) -> None:
        self.request_load()

    # ------------------------------------------------------------------ showing

    def _set_columns(self, table: DataTable, *, phones: bool) -> None:
        table.clear(columns=True)
        for key in (*COLUMNS, PHONE_COLUMN) if phones else COLUMNS:
            table.add_column(t(f"absent.col.{key}"), key=key)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show()

    def shown_report(self) -> AbsenteeReport | None:
        if self.report is None:
            return None
        return filter_report(self.report, self.query_one("#absent-filter", Input).value)

    def show(self) -> None:
        shown = self.shown_report()
        if shown is None:
            return
        self.query_one("#absent-title", Static).update(literal(heading(shown)))
        self.query_one("#absent-figures", Static).update(literal(figures_line(shown)))
        table = self.query_one("#absent-table", DataTable)
        if (PHONE_COLUMN in table.columns) != shown.phones:  # a roster re-imported meanwhile
            self._set_columns(table, phones=shown.phones)
        table.clear()
        rows = 0
        for group in shown.groups:
            for index, person in enumerate(group.people):
                if rows == MAX_ROWS:
                    break
                first = index == 0  # the delegation and its head once, above its people
                cells = [
                    delegation_name(group) if first else "",
                    head_text(group) if first else "",
                    person.code,
                    person.name,
                    person.unit or "",
                ]
                if shown.phones:
                    cells.append(person.phone or "")
                table.add_row(*(literal(cell, no_wrap=True) for cell in cells), key=person.code)
                rows += 1
        listed = sum(len(group.people) for group in shown.groups)
        if not shown.groups:
            self.say(t("absent.none") if self.report.absent == 0 else t("absent.no_match"))
        elif listed > rows:
            self.say(t("absent.more", shown=rows, total=listed))
        else:
            self.say("")

    def say(self, text: str, error: bool = False, where: str = "#absent-message") -> None:
        line = self.query_one(where, Static)
        line.update(literal(text))
        line.set_class(error, "-error")
        line.display = bool(text)  # an empty line gives its row to the table (80×24)

    # ------------------------------------------------------------------ files

    def say_export(self, text: str, error: bool = False) -> None:
        self.say(text, error, "#absent-export")
        if error:
            self.app.bell()

    def action_export(self) -> None:
        shown = self.shown_report()
        if shown is None:
            return
        self.say_export(t("absent.export.running"))
        self.export(shown)

    @desk_work(group="absent-export", exclusive=True)
    def export(self, report: AbsenteeReport) -> None:
        """The list as shown (the filter applied) as a PDF and a workbook in the export folder."""
        from models.io.absent_export import write_absent_pdf, write_absent_xlsx
        from models.io.file_names import safe_name
        from tui.exports import export_dir

        stem = f"{safe_name(report.sitting.name)[:60]}-未到名单"
        try:
            folder = export_dir()
            pdf = write_absent_pdf(report, folder / f"{stem}.pdf")
            xlsx = write_absent_xlsx(report, folder / f"{stem}.xlsx")
        except Refusal as refusal:
            deliver(self, self.say_export, screen_refusal_text(refusal), True)
            return
        except OSError as error:
            deliver(self, self.say_export, error_line(error), True)
            return
        deliver(self, self.say_export, t("absent.export.done", pdf=pdf, xlsx=xlsx))

    def action_close(self) -> None:
        self.dismiss(None)
