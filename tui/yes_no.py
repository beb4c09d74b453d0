"""The yes/no question of the proposal desk and the minutes export. Unlike ConfirmDialog
(tui/confirm.py) it also answers to Y and N and takes a question already styled as Text, so it
stays a dialog of its own."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal


class YesNo(Localized, ModalScreen[bool]):
    """A yes/no question: Enter (or Y) confirms, Esc (or N) goes back."""

    BINDINGS = [
        Binding("enter,y", "answer(True)", "key.confirm", id="yes"),
        Binding("escape,n", "answer(False)", "key.cancel", id="no"),
    ]

    def __init__(self, title: str, question: str | Text) -> None:
        super().__init__(classes="modal")
        self._title = title
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog pp-dialog"):
            yield Static(literal(self._title), classes="dialog-title")
            yield Static(literal(self._question), id="pp-question")
            yield Static(t("pp.yesno.hint"), classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
