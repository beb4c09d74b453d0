"""An appraisal (民主测评): sheets issued, returned and invalid, then one row of counts per person.

Each person's blank (弃权) is what the valid sheets leave over, computed as you type; a row whose
counts exceed the valid sheets turns red, a row typed but not saved says so. Enter saves the sheets
and every typed row, Ctrl+S too; Esc asks before typing that was not saved is thrown away; the results (满意率 to two decimals, grade, ⚠ when 不满意 passes the
warning share, weighted score when set) come from the saved count. F3 switches to the blind
second entry, F7 reopens a final result (with a reason), F9 writes the result sheets.

The screen's parts live beside it: screens/appraisal_saving.py, screens/appraisal_results.py,
screens/appraisal_text.py.
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static

from models.appraisals import AppraisalOutcome, appraisal_outcome
from models.attendance import attendance
from models.errors import Refusal
from models.rules.appraisal import SCALES, Sheets, count_problems, sheet_problems
from models.rules.attendance import Attendance
from models.voting import ItemInfo, result_locked
from screens.appraisal_results import AppraisalResults
from screens.appraisal_saving import AppraisalSaving
from screens.appraisal_text import SHEET_FIELDS, subject_label
from tui.count_close import ask_reopen, store_counted
from tui.entry_bars import entry_bar, number_in
from tui.exports import ExportsResult
from tui.i18n import refusal_text, t
from tui.item_status import item_state
from tui.keys import Localized
from tui.literal import literal
from tui.texts import error_line, quorum_line, screen_refusal_text
from tui.widgets import DeskFooter
from tui.workers import deliver, desk_work


class AppraisalScreen(AppraisalSaving, AppraisalResults, ExportsResult, Localized, Screen):
    EXPORT_LINE = "#a-export"
    BINDINGS = [
        Binding("f3", "toggle_entry", "vui.key.entry", id="entry", tooltip="vui.tip.entry"),
        Binding("ctrl+s", "save_all", "vui.key.save_all", id="save-all", tooltip="vui.tip.save_all"),
        Binding("f8", "differences", "settle.key", id="differences", tooltip="settle.tip"),
        Binding("f7", "reopen", "vui.key.reopen", id="reopen", tooltip="vui.tip.reopen"),
        Binding("f9", "export", "vui.key.export", id="export", tooltip="vui.tip.export"),
        Binding("escape", "back", "vui.key.back", id="back", tooltip="vui.tip.back"),
        Binding("f12", "paper", "paper.key.open", id="paper", tooltip="paper.tip.open"),
    ]  # fmt: skip

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.item: ItemInfo | None = None
        self.outcome: AppraisalOutcome | None = None
        self.present: int | None = None  # the roll's present, or the current attendance's
        self.figures: Attendance | None = None  # the current attendance, before the roll
        self.entry = 1
        self.options = ()
        self._refill = False  # counts re-keyed from F8 (screens/differences.py) go back in
        # What this entry holds in the database as far as the screen knows, to tell typing that
        # was not saved: row → counts; the sheets as (returned, invalid).
        self._saved_rows: dict[int, tuple[int, ...]] = {}
        self._saved_sheets: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="a-body"):
            yield Static(t("vui.loading"), id="a-title", classes="vote-title")
            yield Static("", id="a-settings", classes="vote-line")
            yield Static("", id="a-roll", classes="vote-line")
            yield Static("", id="a-entry", classes="vote-line")
            with Horizontal(id="a-sheets"):
                for key in SHEET_FIELDS:
                    yield Label(t(f"vui.sheets.{key}"), classes="sheet-label")
                    yield Input(
                        placeholder="0",
                        type="integer",
                        compact=True,
                        id=f"s-{key}",
                        classes="sheet-cell",
                    )
                yield Static("", id="a-valid", classes="sheet-valid")
            yield Static("", id="a-sheet-problems", classes="vote-problems")
            yield Horizontal(id="a-head", classes="a-row a-head")
            yield Vertical(id="a-rows")
            yield Static("", id="a-problems", classes="vote-problems")
            yield Static("", id="a-message", classes="vote-line")
            yield Static("", id="a-status", classes="vote-status")
            yield Static("", id="a-export", classes="vote-line")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.load()

    # ------------------------------------------------------------------ loading

    @desk_work(group="appraisal", exclusive=True)
    def load(self) -> None:
        db = self.app.db
        try:
            outcome = appraisal_outcome(db, self.number)
            figures = None if outcome.item.roll else attendance(db).figures
        except Refusal as refusal:
            deliver(self, self._say, screen_refusal_text(refusal), True)
            return
        except Exception as error:
            deliver(self, self._say, error_line(error), True)
            return
        deliver(self, self._loaded, outcome, figures)

    async def _loaded(self, outcome: AppraisalOutcome, figures: Attendance | None) -> None:
        if self.item is None:
            self.item = outcome.item
            self.options = SCALES[outcome.item.settings["scale"]]
            await self._build_rows()
            self.outcome = outcome
            self._prefill()
        self._apply(outcome, figures)
        if self._refill:
            self._refill = False
            self._prefill()

    def _apply(self, outcome: AppraisalOutcome, figures: Attendance | None = None) -> None:
        self.outcome = outcome
        self.item = item = outcome.item
        if figures is not None:
            self.figures = figures
        self.present = item.roll.present if item.roll else getattr(self.figures, "present", None)
        title = Text()
        title.append(t("vui.item_number", number=item.number), style="bold")
        title.append(" " + item.title, style="bold")
        self.query_one("#a-title", Static).update(title)
        settings = [
            t("vui.appraisal.scale", scale=t(f"scale.{item.settings['scale']}")),
            t("vui.appraisal.denominator", denominator=t(f"vui.denominator.{item.settings['denominator']}")),
            t("vui.appraisal.warn", share=item.settings.get("warn", "1/3")),
        ]  # fmt: skip
        if item.settings.get("weighted"):
            settings.append(t("vui.appraisal.weighted"))
        if item.double_entry:
            settings.append(t("vui.double_entry"))
        if self.entry == 1:  # the items list's word; the blind second entry never sees it
            settings.insert(0, t("elx.status", status=item_state(outcome)[0]))
        self.query_one("#a-settings", Static).update(" · ".join(settings))
        if item.roll is not None:
            roll = t("vui.roll.frozen", due=item.roll.due, present=item.roll.present)
        elif self.figures is not None:
            roll = t("vui.roll.open", present=self.present) + "  " + quorum_line(self.figures)
        else:
            roll = ""
        line = self.query_one("#a-roll", Static)
        line.update(roll)
        line.set_class(
            item.roll is None and not getattr(self.figures, "quorum_met", True), "-error"
        )
        self.query_one("#a-entry", Static).update(entry_bar(self.entry))
        self._show_results()
        self._check()
        self.refresh_bindings()  # F7 follows the lock

    async def _build_rows(self) -> None:
        head = self.query_one("#a-head", Horizontal)
        await head.mount_all(
            [
                Label(t("vui.appraisal.person"), classes="a-name"),
                *(Label(t(f"option.{o.id}"), classes="a-cell") for o in self.options),
                Label(t("vui.appraisal.blank"), classes="a-blank"),
                Label(t("vui.appraisal.result"), classes="a-result"),
            ]
        )
        rows = self.query_one("#a-rows", Vertical)
        lines = []
        for i, (name, post) in enumerate(zip(self.item.nominees, self.item.posts, strict=True)):
            cells = [Label(literal(subject_label(name, post)), classes="a-name")]
            for j, _option in enumerate(self.options):
                cells.append(
                    Input(
                        placeholder="0",
                        type="integer",
                        compact=True,
                        id=f"p-{i}-{j}",
                        classes="a-cell",
                    )
                )
            cells.append(Label("", id=f"p-{i}-blank", classes="a-blank"))
            cells.append(Static("", id=f"p-{i}-result", classes="a-result"))
            lines.append(Horizontal(*cells, id=f"p-{i}", classes="a-row"))
        await rows.mount_all(lines)
        self.call_after_refresh(self._focus_start)

    def _focus_start(self) -> None:
        first = "#s-issued" if self.item.issued is None else "#s-returned"
        self.query_one(first, Input).focus()

    def _prefill(self) -> None:
        """The first entry's saved figures go back into the fields; the second entry's never."""
        self.query_one("#s-issued", Input).value = (
            "" if self.item.issued is None else str(self.item.issued)
        )
        self._saved_rows = {}
        self._saved_sheets = None
        result = self.outcome.result
        if self.entry != 1 or result is None:
            return
        self.query_one("#s-returned", Input).value = str(result.returned)
        self.query_one("#s-invalid", Input).value = str(result.invalid)
        self._saved_sheets = (result.returned, result.invalid)
        for i, subject in enumerate(result.subjects):
            if subject.name not in self.outcome.marked:
                continue
            self._saved_rows[i] = tuple(subject.counts)
            for j, value in enumerate(subject.counts):
                self.query_one(f"#p-{i}-{j}", Input).value = str(value)

    def _clear(self) -> None:
        for key in ("returned", "invalid"):
            self.query_one(f"#s-{key}", Input).value = ""
        for i in range(len(self.item.nominees)):
            for j in range(len(self.options)):
                self.query_one(f"#p-{i}-{j}", Input).value = ""

    # ------------------------------------------------------------------ live checks

    def typed_sheets(self) -> Sheets | None:
        values = {k: number_in(self.query_one(f"#s-{k}", Input).value) for k in SHEET_FIELDS}
        if values["returned"] is None:
            return None
        return Sheets(values["issued"], values["returned"], values["invalid"] or 0)

    def typed_counts(self, i: int) -> tuple[int, ...] | None:
        values = [
            number_in(self.query_one(f"#p-{i}-{j}", Input).value) for j in range(len(self.options))
        ]
        if all(v is None for v in values):
            return None
        return tuple(v or 0 for v in values)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.item is not None:
            self._check()

    def _check(self) -> None:
        sheets = self.typed_sheets()
        issued = number_in(self.query_one("#s-issued", Input).value)
        sheet_lines = []
        if issued is not None and self.present is not None and issued > self.present:
            sheet_lines.append(
                t("voting.issued_exceeds_present", issued=issued, present=self.present)
            )
        valid_line = self.query_one("#a-valid", Static)
        if sheets is None:
            valid_line.update("")
        else:
            valid_line.update(t("vui.sheets.valid", valid=sheets.valid))
            sheet_lines += [refusal_text(p) for p in sheet_problems(sheets)]
            if sheets.issued is not None and sheets.returned > sheets.issued:
                sheet_lines.append(t("appraisal.void.returned_exceeds_issued"))
        self.query_one("#a-sheet-problems", Static).update(
            literal("\n".join(f"✖ {line}" for line in sheet_lines))
        )
        problems = []
        scale = self.item.settings["scale"]
        for i, name in enumerate(self.item.nominees):
            counts = self.typed_counts(i)
            blank = self.query_one(f"#p-{i}-blank", Label)
            row = self.query_one(f"#p-{i}", Horizontal)
            found = []
            if counts is not None and sheets is not None:
                found = count_problems(name, counts, scale, sheets)
                blank.update(str(sheets.valid - sum(counts)))
            else:
                blank.update("")
            row.set_class(bool(found), "-error")
            problems += [refusal_text(p) for p in found]
        problems_text = "\n".join(f"✖ {p}" for p in problems)
        self.query_one("#a-problems", Static).update(literal(problems_text))
        self._mark_unsaved()

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#a-message", Static)
        message.update(literal(text))
        message.set_class(error, "-error")
        message.set_class(not error, "-ok")
        if error:
            self.app.bell()

    # ------------------------------------------------------------------ actions

    def action_toggle_entry(self) -> None:
        if self.item is None:
            return
        if not self.has_unsaved():
            self._switch_entry()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self._switch_entry()

        self._ask_discard(answered)

    def _switch_entry(self) -> None:
        self.entry = 2 if self.entry == 1 else 1
        self._clear()
        self._saved_rows = {}
        self._saved_sheets = None
        if self.entry == 1:
            self._prefill()
        self.query_one("#a-entry", Static).update(entry_bar(self.entry))
        self._say(t("vui.entry.switched", entry=t(f"vui.entry.{self.entry}")))
        self._apply(self.outcome)  # the status word shows in the first entry only
        self.query_one("#s-returned", Input).focus()

    def action_differences(self) -> None:
        """F8: both entries side by side (a person's counts are keyed again in their row)."""
        if self.entry == 2:  # blind: the first entry's counts are not shown while keying
            self._say(t("settle.blind"), True)
            return
        from screens.differences import DifferencesScreen

        def closed(changed: bool | None) -> None:
            if changed:
                self._refill = True
                self.load()

        self.app.push_screen(DifferencesScreen(self.number), closed)

    # ------------------------------------------------------------------ final means final

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """F7 (重新打开) is there while the result is final: every save is refused until then."""
        if action == "reopen":
            return self.outcome is not None and result_locked(self.outcome)
        return True

    def action_reopen(self) -> None:
        if self.item is None:
            return
        ask_reopen(self.app, "vui", self.item, lambda done, why: self._reopen(why, done))

    def _reopen(self, reason: str, done: str) -> None:
        stored = store_counted(self.app, self.number, False, reason)
        if stored.item is None:
            self._say(stored.error, True)
            return
        self._say(done)
        self.load()

    def action_paper(self) -> None:
        from screens.paper_scan import PaperScanScreen

        self.app.push_screen(PaperScanScreen([str(self.number)]), lambda _done: self.load())

    def action_back(self) -> None:
        """Esc: typing that was not saved is never thrown away without asking."""
        if not self.has_unsaved():
            self.app.pop_screen()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.app.pop_screen()

        self._ask_discard(answered)

    def _ask_discard(self, answered) -> None:
        from tui.confirm import ConfirmDialog

        rows = self.unsaved_rows()
        names = "、".join(self.item.nominees[i] for i in rows)
        question = (
            t("vui.appraisal.discard.rows", count=len(rows), names=names)
            if rows
            else t("vui.appraisal.discard.sheets")
        )
        self.app.push_screen(ConfirmDialog(t("vui.appraisal.discard.title"), question), answered)
