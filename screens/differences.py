"""Where the two entries disagree, side by side, and re-keying one ballot to settle it.

Opened with F8 from a motion's, an election's or an appraisal's screen (the first entry's view:
the blind second clerk never sees the first entry's content while keying). Each row is one place
the entries differ: a ballot number, a count field, a delegation's field, or an appraisal
person's level, with what the first and the second clerk keyed. On a ballot row, ``1`` or ``2``
keys that ballot again into the first or the second entry from the paper ballot (the same ballot
row as keying, or one key per choice for a motion), then asks the reason; an over-filled
election ballot is stored only once the clerk confirms it is void on paper too. On a person's
row the counts of that entry are typed again. A count field (a show of hands, a total, the
sheets returned) is corrected by keying the count again in the entry that is wrong.
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from models.elections import clean_names
from models.errors import Refusal
from models.rekey import (
    rekey_appraisal_marks,
    rekey_election_ballot,
    rekey_motion_ballot,
    stored_ballot,
    stored_marks,
)
from models.results import item_outcome
from models.rules.election import Ballot, chosen_names
from models.voting import APPRAISAL, ELECTION, MOTION
from screens.counts_dialog import CountsDialog, counts_text
from screens.rekey_dialog import RekeyDialog
from tui.difference_rows import difference_rows
from tui.i18n import refusal_text, t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import error_line, screen_refusal_text
from tui.vote_words import ballot_text
from tui.workers import deliver, desk_work

MAX_ROWS = 500  # a count so far apart that it needs more is re-keyed as a whole, not row by row


def ballot_number(item, difference) -> int | None:
    """The ballot a difference is about, when it is one ballot (else a count: None)."""
    if item.kind == ELECTION:
        return difference.number
    if item.kind == MOTION and difference.where == "ballot":
        return int(difference.key)
    return None


class DifferencesScreen(Localized, ModalScreen[bool]):
    """Dismisses with True when a ballot was re-keyed (the caller refreshes its figures)."""

    DEFAULT_CSS = """
    DifferencesScreen > .dialog { width: 96%; max-width: 130; height: 80%; }
    DifferencesScreen #diff-headline { color: $warning; text-style: bold; }
    DifferencesScreen #diff-table { height: 1fr; }
    """
    BINDINGS = [
        Binding("1", "rekey(1)", "settle.entry.1", id="diff-first"),
        Binding("2", "rekey(2)", "settle.entry.2", id="diff-second"),
        Binding("escape", "close", "key.close", id="diff-close"),
    ]

    def __init__(self, number: int) -> None:
        super().__init__(classes="modal")
        self.number = number
        self.item = None
        self.rows: dict[str, object] = {}  # row key → the difference it shows
        self.changed = False
        self.done = ""  # what the last re-key changed, kept above the reloaded list

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("", classes="dialog-title", id="diff-title")
            yield Static(t("settle.headline"), id="diff-headline")
            yield DataTable(id="diff-table", cursor_type="row", zebra_stripes=True)
            yield Static("", classes="dialog-error", id="diff-message")
            yield Static(t("settle.list_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#diff-table", DataTable)
        for key in ("where", "first", "second"):
            table.add_column(t(f"settle.col.{key}"), key=key)
        table.focus()
        self.load()

    @desk_work(group="diff-load", exclusive=True)
    def load(self) -> None:
        try:
            outcome = item_outcome(self.app.db, self.number)
        except Refusal as refusal:
            deliver(self, self._say, screen_refusal_text(refusal))
            return
        except Exception as error:  # a lost connection must not close the desk
            deliver(self, self._say, error_line(error))
            return
        deliver(self, self._fill, outcome)

    def _fill(self, outcome) -> None:
        self.item = outcome.item
        differences = list(outcome.differences)
        self.query_one("#diff-title", Static).update(t("settle.list_title", count=len(differences)))
        self.query_one("#diff-headline", Static).display = bool(differences)
        table = self.query_one("#diff-table", DataTable)
        table.clear()
        self.rows = {}
        for index, difference in enumerate(differences[:MAX_ROWS]):
            for part, (where, first, second) in enumerate(difference_rows(self.item, [difference])):
                key = f"{index}:{part}"
                self.rows[key] = difference
                table.add_row(Text(where), Text(first), Text(second), key=key)
        said = [self.done] if self.done else []
        if not differences:
            said.append(t("settle.nothing"))
        self._say("\n".join(said))

    def _say(self, text: str) -> None:
        self.query_one("#diff-message", Static).update(literal(text))

    def _current(self):
        table = self.query_one("#diff-table", DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.rows.get(key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self._current() is not None:
            self._say(t("settle.list_hint"))

    def action_rekey(self, entry: int) -> None:
        difference = self._current()
        if difference is None or self.item is None:
            return
        if self.item.kind == APPRAISAL and difference.key not in ("returned", "invalid"):
            self._rekey_person(difference.key, entry)
            return
        number = ballot_number(self.item, difference)
        if number is None:
            self._say(t("settle.not_rekeyable"))
            self.app.bell()
            return
        try:
            before = stored_ballot(self.app.db, self.number, number, entry)
        except Refusal as refusal:
            self._say(screen_refusal_text(refusal))
            return
        if before.choice is None and before.ballot is None:
            missing = Refusal("rekey.no_such_ballot", {"number": number, "entry": entry})
            self._say(refusal_text(missing) + "\n" + t("settle.missing_hint"))
            self.app.bell()
            return
        dialog = RekeyDialog(self.item, number, entry, before)
        self.app.push_screen(dialog, lambda new: self._keyed(number, entry, before, new))

    def _keyed(self, number: int, entry: int, before, new) -> None:
        if new is None:
            return
        if self.item.kind == ELECTION:
            marks, write_ins = new
            seats = int(self.item.settings.get("seats", 1))
            chosen = len(chosen_names(Ballot(number, marks, write_ins), self.item.nominees))
            if chosen > seats:
                from tui.confirm import ConfirmDialog

                question = t("settle.void_question", number=number, chosen=chosen, seats=seats)
                self.app.push_screen(
                    ConfirmDialog(t("settle.void_title"), question),
                    lambda yes: self._ask_reason(number, entry, before, new, True) if yes else None,
                )
                return
        self._ask_reason(number, entry, before, new, False)

    def _texts(self, before, new) -> tuple[str, str]:
        if self.item.kind == MOTION:
            return t(f"choice.{before.choice}"), t(f"choice.{new}")
        marks, write_ins = new
        after = Ballot(before.number, marks, tuple(write_ins))
        return ballot_text(before.ballot, self.item.nominees), ballot_text(
            after, self.item.nominees
        )

    def _ask_reason(self, number: int, entry: int, before, new, void: bool) -> None:
        from tui.reason_prompt import ReasonPrompt

        old_text, new_text = self._texts(before, new)
        prompt = ReasonPrompt(
            t("settle.reason_title", number=number),
            t(
                "settle.reason_prompt",
                entry=t(f"settle.entry.{entry}"),
                number=number,
                old=old_text,
                new=new_text,
            ),
            t("common.reason_required"),
        )

        def given(reason: str | None) -> None:
            if reason is not None:
                self.save(number, entry, new, reason, void, old_text, new_text)

        self.app.push_screen(prompt, given)

    def save(self, number, entry, new, reason, void, old_text, new_text) -> None:
        who = {"operator": self.app.operator, "station": self.app.station}
        if self.item.kind == MOTION:

            def call(db):
                rekey_motion_ballot(db, self.number, number, new, entry=entry, reason=reason, **who)
        else:
            marks, write_ins = new

            def call(db):
                rekey_election_ballot(
                    db,
                    self.number,
                    number,
                    marks,
                    clean_names(list(write_ins)),
                    entry=entry,
                    reason=reason,
                    void=void,
                    **who,
                )

        entry_name = t(f"settle.entry.{entry}")
        self.run_rekey(
            call, t("settle.done", entry=entry_name, number=number, old=old_text, new=new_text)
        )

    @desk_work(group="diff-save", exclusive=True)
    def run_rekey(self, call, done: str) -> None:
        try:
            call(self.app.db)
        except Refusal as refusal:
            deliver(self, self._refused, screen_refusal_text(refusal))
            return
        except Exception as error:  # a lost connection must not close the desk
            deliver(self, self._refused, error_line(error))
            return
        deliver(self, self._saved, done)

    # an appraisal: one person's counts of one entry

    def _rekey_person(self, name: str, entry: int) -> None:
        try:
            before = stored_marks(self.app.db, self.number, name, entry)
        except Refusal as refusal:
            self._say(screen_refusal_text(refusal))
            return
        if before is None:
            self._say(refusal_text(Refusal("rekey.no_such_marks", {"name": name, "entry": entry})))
            self.app.bell()
            return
        dialog = CountsDialog(self.item, name, entry, before)
        self.app.push_screen(
            dialog, lambda counts: self._ask_person_reason(name, entry, before, counts)
        )

    def _ask_person_reason(self, name: str, entry: int, before, counts) -> None:
        from tui.reason_prompt import ReasonPrompt

        if counts is None:
            return
        entry_name = t(f"settle.entry.{entry}")
        old, new = counts_text(self.item, before), counts_text(self.item, counts)
        prompt = ReasonPrompt(
            t("settle.reason_title_person", name=name),
            t("settle.reason_prompt_person", entry=entry_name, name=name, old=old, new=new),
            t("common.reason_required"),
        )
        who = {"operator": self.app.operator, "station": self.app.station}

        def given(reason: str | None) -> None:
            if reason is None:
                return

            def call(db):
                rekey_appraisal_marks(
                    db, self.number, name, counts, entry=entry, reason=reason, **who
                )

            done = t("settle.done_person", entry=entry_name, name=name, old=old, new=new)
            self.run_rekey(call, done)

        self.app.push_screen(prompt, given)

    def _refused(self, text: str) -> None:
        self._say(text)
        self.app.bell()

    def _saved(self, text: str) -> None:
        self.changed = True
        self.done = text
        self._say(text)
        self.load()

    def action_close(self) -> None:
        self.dismiss(self.changed)
