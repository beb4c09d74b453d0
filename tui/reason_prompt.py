"""A modal that asks for a reason (and is the confirmation before undo and leave)."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal


class ReasonPrompt(Localized, ModalScreen[str | None]):
    """Dismisses with the reason typed, or None when cancelled with Esc."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="cancel")]

    def __init__(self, title: str, prompt: str, empty_error: str) -> None:
        super().__init__(classes="modal")
        self._title = title
        self._prompt = prompt
        self._empty_error = empty_error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self._title), classes="dialog-title")
            yield Static(literal(self._prompt))
            yield Input(placeholder=t("reason.placeholder"), id="reason")
            yield Static("", classes="dialog-error", id="error")
            yield Static(f"Enter {t('key.confirm')} · Esc {t('key.cancel')}", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        reason = event.value.strip()
        if not reason:
            self.query_one("#error", Static).update(literal(self._empty_error))
            self.app.bell()
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
