"""The proposal registry (提案登记簿): every proposal of the congress, filtered by status,
category, delegation, department, a text query and 超期, with the committee's figures on top.

Enter opens a proposal (screens/proposal_detail.py), F2 / N the capture form, F3 the full
statistics, F9 writes the 提案汇编 PDF and the registry workbook. The table is read in a worker
and refreshed whenever the screen comes back, when a filter changes and every few seconds (other
desks' proposals show up). Columns have fixed widths in terminal cells and long titles and names
are cut with 「…」, so wide Chinese characters never push a column out of line.
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Header, Input, Select, Static

from models.audit import current_version
from models.errors import Refusal
from models.proposals import (
    ProposalRow,
    ProposalStats,
    delegation_names,
    departments,
    list_proposals,
    proposal_settings,
    proposal_stats,
)
from models.rules.proposals import STATUSES
from screens.proposal_texts import clip, due_text, stats_line, status_text
from tui.exports import write_proposal_sheets
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.refresh import CoalescedRefresh
from tui.texts import error_line, screen_refusal_text
from tui.widgets import DeskFooter
from tui.workers import deliver, desk_work

POLL_SECONDS = 5.0
# column → width in cells; the title takes what is left (at least TITLE_MIN)
WIDTHS = {"number": 4, "category": 8, "proposers": 14, "status": 12, "department": 12, "due": 11}
COLUMNS = ("number", "title", "category", "proposers", "status", "department", "due")
TITLE_MIN = 14
CHROME = 6  # the table's border, margin and scrollbar
FILTERS = ("status", "category", "delegation", "department")


class ProposalsScreen(Localized, Screen):
    AUTO_FOCUS = "#pp-table"
    BINDINGS = [
        Binding("f2,n", "new", "key.pp_new", id="pp-new", tooltip="tip.pp_new"),
        Binding("f3", "stats", "key.pp_stats", id="pp-stats", tooltip="tip.pp_stats"),
        Binding("f4", "overdue", "key.pp_overdue", id="pp-overdue", tooltip="tip.pp_overdue"),
        Binding("f5", "clear_filters", "key.pp_clear", id="pp-clear", tooltip="tip.pp_clear"),
        Binding("slash,ctrl+f", "find", "key.pp_find", id="pp-find", tooltip="tip.pp_find"),
        Binding(
            "f9", "export", "key.proposal_export", id="pp-export", tooltip="tip.proposal_export"
        ),
        Binding(
            "f10", "import_file", "files.key.import", id="pp-import", tooltip="files.tip.proposals"
        ),
        Binding("escape", "back", "key.sc_back", id="pp-back", tooltip="tip.sc_back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._reload = CoalescedRefresh(
            lambda: self.load(self.filters()), ready=lambda: self.is_attached
        )
        self._shown_version: int | None = None  # the audit log's last id when the rows were read
        self._keys: list[str] = []
        self._cursor_to: str | None = None
        self._title_cells = 0
        self._options: dict[str, list[str]] = {}
        self._hint_key = ""
        self._load_error = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("pp.loading"), id="pp-stats-line")
        with Horizontal(id="pp-filters"):
            yield Select([], prompt=t("pp.filter.status"), compact=True, id="pp-f-status")
            yield Select([], prompt=t("pp.filter.category"), compact=True, id="pp-f-category")
            yield Select([], prompt=t("pp.filter.delegation"), compact=True, id="pp-f-delegation")
            yield Select([], prompt=t("pp.filter.department"), compact=True, id="pp-f-department")
            yield Input(placeholder=t("pp.filter.query"), compact=True, id="pp-f-query")
            yield Checkbox(t("pp.filter.overdue"), compact=True, id="pp-f-overdue")
        yield DataTable(id="pp-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="pp-message")
        yield Static(t("pp.list.hint"), id="pp-hint")
        yield DeskFooter()

    def on_mount(self) -> None:
        statuses = [(t(f"proposal.status.{s}"), s) for s in STATUSES]
        self.query_one("#pp-f-status", Select).set_options(statuses)
        self.fill_filter_options()
        self.query_one("#pp-message").display = False
        self.build_columns()
        self.request_reload()
        self.set_interval(POLL_SECONDS, self.poll)

    def on_screen_resume(self) -> None:
        self.fill_filter_options()
        self.request_reload()

    def on_resize(self) -> None:
        if self.is_mounted and self.title_cells() != self._title_cells:
            self.build_columns()
            self.request_reload()

    # ------------------------------------------------------------------ filters

    def fill_filter_options(self) -> None:
        """Categories, delegations and departments as they are now (a department appears once a
        proposal has been assigned to it); a chosen value that still exists stays chosen."""
        try:
            options = {
                "category": proposal_settings(self.app.db).categories,
                "delegation": delegation_names(self.app.db),
                "department": departments(self.app.db),
            }
        except Refusal as refusal:
            self.say(screen_refusal_text(refusal), error=True)
            return
        except Exception as error:
            self.say(error_line(error), error=True)
            return
        for key, values in options.items():
            if self._options.get(key) == list(values):
                continue
            self._options[key] = list(values)
            select = self.query_one(f"#pp-f-{key}", Select)
            current = select.value
            with select.prevent(Select.Changed):
                select.set_options([(literal(value), value) for value in values])
                if current is not Select.NULL and current in values:
                    select.value = current

    def filters(self) -> dict:
        chosen = {}
        for key in FILTERS:
            value = self.query_one(f"#pp-f-{key}", Select).value
            chosen[key] = None if value is Select.NULL else str(value)
        chosen["query"] = self.query_one("#pp-f-query", Input).value
        chosen["overdue"] = self.query_one("#pp-f-overdue", Checkbox).value
        return chosen

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.request_reload()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.request_reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#pp-table", DataTable).focus()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.request_reload()

    def action_overdue(self) -> None:
        box = self.query_one("#pp-f-overdue", Checkbox)
        box.value = not box.value

    def action_find(self) -> None:
        self.query_one("#pp-f-query", Input).focus()

    def action_clear_filters(self) -> None:
        for key in FILTERS:
            self.query_one(f"#pp-f-{key}", Select).clear()
        self.query_one("#pp-f-query", Input).value = ""
        self.query_one("#pp-f-overdue", Checkbox).value = False
        self.query_one("#pp-table", DataTable).focus()

    # ------------------------------------------------------------------ the table

    def title_cells(self) -> int:
        fixed = sum(WIDTHS.values()) + 2 * len(COLUMNS) + CHROME
        return max(TITLE_MIN, self.size.width - fixed)

    def build_columns(self) -> None:
        """Fixed widths (the title gets the rest of the screen); rebuilt on a resize."""
        self._title_cells = self.title_cells()
        table = self.query_one("#pp-table", DataTable)
        table.clear(columns=True)
        self._keys = []
        for key in COLUMNS:
            width = self._title_cells if key == "title" else WIDTHS[key]
            table.add_column(t(f"pp.col.{key}"), key=key, width=width)

    def request_reload(self) -> None:
        """One load at a time; a request meanwhile costs one more load afterwards."""
        self._reload.request()

    def _load_done(self) -> None:
        self._reload.done()

    @desk_work(group="pp-poll", exclusive=True)
    def poll(self) -> None:
        """Reload only when some desk changed something (one cheap query every few seconds)."""
        try:
            changed = current_version(self.app.db) != self._shown_version
        except Exception:  # the database is away; load() shows why
            changed = True
        if changed or self._load_error:
            deliver(self, self.request_reload)

    @desk_work(group="pp-list")
    def load(self, filters: dict) -> None:
        db = self.app.db
        try:
            version = current_version(db)  # read first: a change after it reloads once more
            rows = list_proposals(db, **filters)
            stats = proposal_stats(db)
            prefix = proposal_settings(db).prefix
        except Refusal as refusal:
            deliver(self, self.load_failed, screen_refusal_text(refusal))
        except Exception as error:  # a database hiccup must not end the desk
            deliver(self, self.load_failed, error_line(error))
        else:
            self._shown_version = version
            deliver(self, self.apply, rows, stats, prefix, filters)
        deliver(self, self._load_done)

    def load_failed(self, text: str) -> None:
        if self.is_attached:
            self._load_error = True
            self.say(text, error=True)

    def cells(self, row: ProposalRow) -> dict:
        return {
            "number": f"{row.number:03d}",
            "title": literal(clip(row.title, self._title_cells), no_wrap=True),
            "category": literal(clip(row.category, WIDTHS["category"]), no_wrap=True),
            "proposers": literal(clip(row.proposers, WIDTHS["proposers"]), no_wrap=True),
            "status": status_text(row.status, row.overdue),
            "department": literal(clip(row.department, WIDTHS["department"]), no_wrap=True),
            "due": due_text(row),
        }

    def apply(self, rows: list[ProposalRow], stats: ProposalStats, prefix: str, filters) -> None:
        """Keyed rows: cells change in place while the same proposals are shown; a new one is
        appended; a different selection (a filter) rebuilds the rows, keeping the cursor."""
        if not self.is_attached:
            return
        if self._load_error:  # the database is back
            self._load_error = False
            self.say("")
        self.query_one("#pp-stats-line", Static).update(stats_line(stats))
        table = self.query_one("#pp-table", DataTable)
        keys = [str(row.number) for row in rows]
        with self.app.batch_update():
            if keys[: len(self._keys)] != self._keys:
                current = self.selected()
                table.clear()
                self._keys = []
                if self._cursor_to is None and current is not None:
                    self._cursor_to = str(current)
            for row in rows:
                key = str(row.number)
                values = self.cells(row)
                if key in table.rows:
                    for column, value in values.items():
                        # a styled cell can change its style alone; a literal one only its text
                        styled = isinstance(value, Text) and bool(value.style)
                        if str(table.get_cell(key, column)) != str(value) or styled:
                            table.update_cell(key, column, value)
                else:
                    table.add_row(*values.values(), key=key)
            self._keys = keys
            if self._cursor_to is not None and self._cursor_to in table.rows:
                table.move_cursor(row=table.get_row_index(self._cursor_to), animate=False)
                self._cursor_to = None
        table.border_title = literal(t("pp.list.title", prefix=prefix))
        table.border_subtitle = self.count_words(len(rows), stats.received, filters)
        key = "pp.list.hint"
        if not stats.received:
            key = "pp.list.empty"
        elif not rows:
            key = "pp.list.none_match"
        if key != self._hint_key:
            self._hint_key = key
            self.hint(t(key))

    @staticmethod
    def count_words(shown: int, total: int, filters: dict) -> str:
        narrowed = any(filters[key] for key in FILTERS) or filters["query"].strip()
        if narrowed or filters["overdue"]:
            return t("pp.list.count_filtered", shown=shown, total=total)
        return t("pp.list.count", total=total)

    def hint(self, text: str) -> None:
        self.query_one("#pp-hint", Static).update(text)

    def say(self, text: str, error: bool = False) -> None:
        """A message above the hint: the export's files, or why something failed."""
        line = self.query_one("#pp-message", Static)
        line.update(literal(text))
        line.display = bool(text)
        line.set_class(error, "-error")
        line.set_class(bool(text) and not error, "-ok")
        if error:
            self.app.bell()

    def selected(self) -> int | None:
        table = self.query_one("#pp-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value)

    # ------------------------------------------------------------------ actions

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        from screens.proposal_detail import ProposalDetailScreen

        self.app.push_screen(ProposalDetailScreen(int(event.row_key.value)))

    def action_new(self) -> None:
        from screens.proposal_form import ProposalForm

        self.app.push_screen(ProposalForm())

    def action_stats(self) -> None:
        from screens.proposal_stats import ProposalStatsScreen

        self.app.push_screen(ProposalStatsScreen())

    def action_export(self) -> None:
        self.say(t("psheet.export.running"))
        self.export()

    @desk_work(group="pp-export", exclusive=True)
    def export(self) -> None:
        text, error = write_proposal_sheets(self.app.db)
        deliver(self, self.say, text, error)

    def action_import_file(self) -> None:
        """As ``huiwu proposals import``: all or nothing; a row already registered (same title
        and proposers) is skipped, never registered twice."""
        from tui.file_picker import pick_table_file

        pick_table_file(self.app, t("files.title.proposals"), self._import_picked)

    def _import_picked(self, path) -> None:
        self.say(t("files.importing", file=path.name))
        self.import_proposal_file(path)

    @desk_work(group="pp-import", exclusive=True)
    def import_proposal_file(self, path) -> None:
        from models.proposal_import import import_proposals

        try:
            report = import_proposals(
                self.app.db, path, operator=self.app.operator, station=self.app.station
            )
        except Refusal as refusal:
            deliver(self, self.say, t("files.failed") + screen_refusal_text(refusal), True)
            return
        text = t(
            "clip.imported", added=len(report.added), unchanged=report.unchanged, rows=report.rows
        )
        if report.added:
            text += t("clip.added", labels="、".join(p.label for p in report.added))
        deliver(self, self._proposals_imported, text)

    def _proposals_imported(self, text: str) -> None:
        self.say(text)
        self.fill_filter_options()
        self.request_reload()

    def action_back(self) -> None:
        table = self.query_one("#pp-table", DataTable)
        if self.focused is not table:  # Esc in a filter returns to the table first
            table.focus()
            return
        self.app.pop_screen()
