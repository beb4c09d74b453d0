"""The election screen's figures: the tally, the staff line and the blind second entry's progress,
refreshed by one coalesced worker (tui/refresh.py)."""

from rich.text import Text
from textual.widgets import DataTable

from models.election_view import shown_abstain, shows_unreadable
from models.elections import ElectionOutcome
from models.rules.election import ElectionResult
from models.voting import ELECTION, ItemInfo, outcome_summary, result_locked
from screens.election_text import (
    COLUMNS,
    WITH_UNREADABLE,
    figure_cell,
    numbers_text,
    result_text,
)
from tui.ballot_widgets import yes_bar
from tui.folded import Folded
from tui.i18n import t
from tui.item_status import item_state
from tui.literal import literal
from tui.result_text import outcome_text, staff_away_line


class ElectionFigures:
    """Mixed into ElectionScreen."""

    def _setup_table(self, item: ItemInfo, with_unreadable: bool = False) -> None:
        table = self.query_one("#el-tally", DataTable)
        widths = {"name": 22, "yes": 7, "no": 8, "abstain": 6, "unreadable": 8}
        widths |= {"bar": 22, "mark": 12}
        self._with_unreadable = with_unreadable
        for key in WITH_UNREADABLE if with_unreadable else COLUMNS:
            justify = "right" if key in ("yes", "no", "abstain", "unreadable") else "left"
            label = Text(t(f"el.col.{key}"), justify=justify)
            table.add_column(label, key=key, width=widths[key])

    def _columns_for(self, result: ElectionResult) -> None:
        """The 无法辨认 column comes (and goes) with counted ? marks, so each row adds up."""
        wanted = shows_unreadable(result)
        if wanted != self._with_unreadable:
            self.query_one("#el-tally", DataTable).clear(columns=True)
            self._setup_table(self.item, wanted)

    # ------------------------------------------------------------------ figures

    def _apply_staff(self, away) -> None:
        """监票人/计票人 not checked in: a warning on the screen, keying goes on."""
        line = self.query_one("#el-staff", Folded)
        text = staff_away_line(away)
        line.update(text)
        line.display = bool(text)

    def _apply_second(self, item: ItemInfo, keyed: int) -> None:
        self._show_item(item)
        self._entry2_count = keyed
        self._show_entry_progress()

    def _apply_outcome(self, outcome: ElectionOutcome) -> None:
        self._final = None
        if result_locked(outcome):
            self._final = outcome_text(ELECTION, outcome_summary(outcome))
        if self.entry != 1:
            self._apply_second(outcome.item, outcome.entries.get(2, 0))
            return
        self.outcome = outcome
        result = outcome.result
        self._status = item_state(outcome)[0]
        with self.app.batch_update():
            self._show_item(outcome.item)
            counts_key = "el.counts" if result.issued is not None else "el.counts_no_issue"
            numbers = ""
            if result.void_numbers:
                numbers = t("el.void_numbers", numbers=numbers_text(result.void_numbers))
            counts = t(
                counts_key,
                returned=result.returned,
                issued=result.issued,
                valid=result.valid_ballots,
                void=result.void_ballots,
                numbers=numbers,
            )
            need = t("el.need", threshold=result.threshold, due=result.due)
            line = self.query_one("#el-counts", Folded)
            line.update(f"{counts}    {need}")
            line.set_class(result.issued is not None and result.returned > result.issued, "-over")
            self._update_tally(outcome)
            if self.show_result:
                self.query_one("#el-result-text", Folded).update(result_text(outcome))

    def _update_tally(self, outcome: ElectionOutcome) -> None:
        """Rows keyed by candidate, updated in place; write-ins come and go as rows. 当选 and
        the other marks appear once the count is complete (计票完毕 or every ballot issued in)."""
        result = outcome.result
        self._columns_for(result)
        table = self.query_one("#el-tally", DataTable)
        complete = outcome.complete
        wanted = []
        for c in result.candidates:
            name = c.name + (t("el.write_in_tag") if c.write_in else "")
            mark = Text("")
            if complete and c.elected and outcome.differences:
                mark = Text(t("settle.provisional_status"), style="bold yellow")
            elif complete and c.elected:
                mark = Text(t("el.mark.elected"), style="bold green")
            elif complete and c.runoff:
                mark = Text(t("el.mark.runoff"), style="bold yellow")
            elif complete and c.exactly_half:
                mark = Text(t("el.mark.half"), style="yellow")
            cells = {
                "name": literal(name, no_wrap=True),
                "yes": Text(str(c.yes), justify="right", style="bold"),
                "no": Text(str(c.no), justify="right"),
                "abstain": Text(figure_cell(shown_abstain(c)), justify="right"),
                "unreadable": Text(
                    figure_cell(None if c.write_in else c.unreadable), justify="right"
                ),
                "bar": Text(yes_bar(c.yes, result.due), style="green" if c.qualified else ""),
                "mark": mark,
            }
            if not self._with_unreadable:
                del cells["unreadable"]
            wanted.append(c.name)
            if c.name in table.rows:
                for column, value in cells.items():
                    if table.get_cell(c.name, column) != value:
                        table.update_cell(c.name, column, value)
            else:
                table.add_row(*cells.values(), key=c.name)
        for key in list(table.rows):
            if key.value not in wanted:
                table.remove_row(key)
