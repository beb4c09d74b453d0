"""The one yes/no question every screen asks before something it cannot take back."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal

LETTER_ACTIONS = {"answer_yes", "answer_no"}


class ConfirmDialog(Localized, ModalScreen[bool]):
    """A yes/no question: Enter confirms, Esc cancels.

    ``letters=True`` also takes Y and N, for the desks where staff answer a run of questions with
    one hand (the proposal steps, the minutes export); elsewhere a stray letter must not answer.
    """

    BINDINGS = [
        Binding("enter", "confirm", "key.confirm", id="confirm"),
        Binding("escape", "cancel", "key.cancel", id="cancel"),
        Binding("y", "answer_yes", show=False),
        Binding("n", "answer_no", show=False),
    ]

    def __init__(self, title: str, question: str | Text, *, letters: bool = False) -> None:
        super().__init__(classes="modal")
        self._title = title
        self._question = question
        self._letters = letters

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide" if self._letters else "dialog"):
            yield Static(literal(self._title), classes="dialog-title")
            yield Static(literal(self._question), id="confirm-question")
            hint = "pp.yesno.hint" if self._letters else "el.confirm_hint"
            yield Static(t(hint), classes="dialog-hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LETTER_ACTIONS and not self._letters:
            return False
        return super().check_action(action, parameters)

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_answer_yes(self) -> None:
        self.dismiss(True)

    def action_answer_no(self) -> None:
        self.dismiss(False)
