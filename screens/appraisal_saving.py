"""Saving on the appraisal screen: Enter saves the sheets and every typed row, Ctrl+S too; a row
typed but not saved says so (Esc asks before it is thrown away)."""

from textual.containers import Horizontal
from textual.widgets import Input, Static

from models.appraisals import record_marks, record_sheets
from models.errors import Refusal
from models.voting import issue
from tui.entry_bars import number_in
from tui.i18n import t
from tui.texts import screen_refusal_text


class AppraisalSaving:
    """Mixed into AppraisalScreen."""

    # ------------------------------------------------------------------ typed, not saved

    def sheets_unsaved(self) -> bool:
        issued = number_in(self.query_one("#s-issued", Input).value)
        if issued is not None and issued != self.item.issued:
            return True
        sheets = self.typed_sheets()
        return sheets is not None and (sheets.returned, sheets.invalid) != self._saved_sheets

    def row_unsaved(self, i: int) -> bool:
        counts = self.typed_counts(i)
        return counts is not None and counts != self._saved_rows.get(i)

    def unsaved_rows(self) -> list[int]:
        return [i for i in range(len(self.item.nominees)) if self.row_unsaved(i)]

    def has_unsaved(self) -> bool:
        return self.item is not None and (self.sheets_unsaved() or bool(self.unsaved_rows()))

    def _mark_unsaved(self) -> None:
        """A typed row that is not in the database looks it: its result cell says so."""
        if self.outcome is None:
            return
        self.query_one("#a-sheets", Horizontal).set_class(self.sheets_unsaved(), "-unsaved")
        for i in range(len(self.item.nominees)):
            unsaved = self.row_unsaved(i)
            self.query_one(f"#p-{i}", Horizontal).set_class(unsaved, "-unsaved")
            self.query_one(f"#p-{i}-result", Static).update(self._row_result(i, unsaved))

    # ------------------------------------------------------------------ saving

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        widget_id = event.input.id or ""
        if widget_id.startswith("s-"):
            self.save_sheets()
        elif widget_id.startswith("p-"):
            row = int(widget_id.split("-")[1])
            if self.save_typed() and row + 1 < len(self.item.nominees):
                self.query_one(f"#p-{row + 1}-0", Input).focus()

    def save_typed(self) -> bool:
        """Enter in a row: the sheets if changed, then every row typed and not saved, in order;
        the first refusal stops there with the focus on its row."""
        if self.sheets_unsaved() and not self.save_sheets(move=False):
            return False
        rows = self.unsaved_rows()
        for i in rows:
            if not self.save_row(i):
                focused = self.focused.id if self.focused else ""
                if not (focused or "").startswith(f"p-{i}-"):
                    self.query_one(f"#p-{i}-0", Input).focus()
                return False
        if len(rows) > 1:
            self._say(
                t("vui.appraisal.rows_saved", count=len(rows), entry=t(f"vui.entry.{self.entry}"))
            )
        return True

    def save_sheets(self, move: bool = True) -> bool:
        if self.item is None:
            return False
        db = self.app.db
        issued = number_in(self.query_one("#s-issued", Input).value)
        sheets = self.typed_sheets()
        try:
            if issued is not None and issued != self.item.issued:
                self.item = issue(
                    db, self.number, issued, operator=self.app.operator, station=self.app.station
                )
            outcome = None
            if sheets is not None:
                outcome = record_sheets(
                    db,
                    self.number,
                    returned=sheets.returned,
                    invalid=sheets.invalid,
                    entry=self.entry,
                    operator=self.app.operator,
                    station=self.app.station,
                )
        except Refusal as refusal:
            self._say(t("vui.not_saved", reason=screen_refusal_text(refusal)), True)
            return False
        self._say(t("vui.saved", entry=t(f"vui.entry.{self.entry}")))
        if sheets is not None:
            self._saved_sheets = (sheets.returned, sheets.invalid)
        if outcome is None:
            self.load()
        else:
            self._apply(outcome)
            if move:
                self.query_one("#p-0-0", Input).focus()
        return True

    def save_row(self, i: int) -> bool:
        counts = self.typed_counts(i)
        if counts is None:
            return True
        name = self.item.nominees[i]
        try:
            outcome = record_marks(
                self.app.db,
                self.number,
                i + 1,
                counts,
                entry=self.entry,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self._say(t("vui.not_saved", reason=screen_refusal_text(refusal)), True)
            return False
        self._saved_rows[i] = counts
        self._say(t("vui.appraisal.saved", name=name, entry=t(f"vui.entry.{self.entry}")))
        self._apply(outcome)
        return True

    def action_save_all(self) -> None:
        if self.item is None or not self.save_sheets():
            return
        for i in range(len(self.item.nominees)):
            if not self.save_row(i):
                return
        self._say(t("vui.appraisal.all_saved", entry=t(f"vui.entry.{self.entry}")))
