"""The one yes/no question every screen asks before something it cannot take back."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal


class ConfirmDialog(Localized, ModalScreen[bool]):
    """A yes/no question: Enter confirms, Esc cancels."""

    BINDINGS = [
        Binding("enter", "confirm", "key.confirm", id="confirm"),
        Binding("escape", "cancel", "key.cancel", id="cancel"),
    ]

    def __init__(self, title: str, question: str) -> None:
        super().__init__(classes="modal")
        self._title = title
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self._title), classes="dialog-title")
            yield Static(literal(self._question))
            yield Static(t("el.confirm_hint"), classes="dialog-hint")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
