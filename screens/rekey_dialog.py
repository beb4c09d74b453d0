"""One ballot keyed again from paper (from the differences screen, F8): the election's ballot row,
or one key per choice for a motion."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from models.voting import ELECTION, MOTION
from tui.ballot_widgets import BallotRow
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.vote_words import ballot_text

MOTION_KEYS = {"1": "yes", "2": "no", "3": "abstain", "4": "invalid"}


class RekeyDialog(Localized, ModalScreen[object]):
    """Key one ballot again from paper: dismisses with the new choice (a motion) or
    (marks, write-ins) (an election), or None when cancelled."""

    DEFAULT_CSS = """
    RekeyDialog > .dialog { width: auto; min-width: 60; max-width: 120; }
    """
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="rekey-cancel")]

    def __init__(self, item, number: int, entry: int, before) -> None:
        super().__init__(classes="modal")
        self.item = item
        self.number = number
        self.entry = entry
        self.before = before

    def compose(self) -> ComposeResult:
        entry = t(f"settle.entry.{self.entry}")
        if self.item.kind == MOTION:
            current, hint = t(f"choice.{self.before.choice}"), t("settle.rekey_motion_hint")
        else:
            current = ballot_text(self.before.ballot, self.item.nominees)
            hint = t("settle.rekey_election_hint")
        with Vertical(classes="dialog"):
            yield Static(
                t("settle.rekey_title", number=self.number, entry=entry), classes="dialog-title"
            )
            yield Static(Text(t("settle.rekey_now", current=current)))
            if self.item.kind == ELECTION:
                yield BallotRow(id="rekey-ballot")
            yield Static("", classes="dialog-error", id="rekey-message")
            yield Static(hint, classes="dialog-hint")

    def on_mount(self) -> None:
        if self.item.kind == ELECTION:
            from screens.election_text import ballot_settings

            row = self.query_one(BallotRow)
            row.configure(self.item.nominees, ballot_settings(self.item))
            row.set_number(self.number)
            row.focus()

    def on_key(self, event) -> None:
        if self.item.kind == MOTION and event.character in MOTION_KEYS:
            event.stop()
            self.dismiss(MOTION_KEYS[event.character])

    def on_ballot_row_cast(self, message: BallotRow.Cast) -> None:
        message.stop()
        self.dismiss((message.marks, tuple(message.write_ins)))

    def on_ballot_row_notice(self, message: BallotRow.Notice) -> None:
        message.stop()
        self.query_one("#rekey-message", Static).update(literal(message.text))

    def action_cancel(self) -> None:
        self.dismiss(None)
