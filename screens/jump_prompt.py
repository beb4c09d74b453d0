"""The scoring screen's F2: go to an entrant by running number or name."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.i18n import t
from tui.keys import Localized


class JumpPrompt(Localized, ModalScreen[str | None]):
    """Asks for an entrant's running number or name; dismisses with the text or None."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="cancel")]

    def __init__(self) -> None:
        super().__init__(classes="modal")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("sc.jump.title"), classes="dialog-title")
            yield Input(placeholder=t("sc.jump.placeholder"), id="sc-jump")
            yield Static(f"Enter {t('key.confirm')} · Esc {t('key.cancel')}", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
