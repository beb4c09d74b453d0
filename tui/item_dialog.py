"""What the new-item dialogs (election, motion, appraisal) share: Ctrl+S / 确定 creates through a
service, a refusal shows in red with the bell and nothing is created, Esc / 取消 dismisses with None."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from models.errors import Refusal
from tui.i18n import refusal_text, t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import error_line


class NewItemDialog(Localized, ModalScreen[int | None]):
    """Subclasses compose their fields (ending with :meth:`footer`, or with their own ``#error``
    line) and implement :meth:`make_item`: call the service and return the new ItemInfo, or None
    after saying what is missing. Dismisses with the new item's number."""

    ERROR_MARK = ""
    refusal_words = staticmethod(refusal_text)

    BINDINGS = [
        Binding("ctrl+s", "create", "key.confirm", id="confirm", tooltip="vui.tip.confirm"),
        Binding("escape", "cancel", "key.cancel", id="cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="modal")

    def footer(self, hint_key: str) -> ComposeResult:
        yield Static("", classes="dialog-error", id="error")
        with Horizontal(classes="dialog-buttons"):
            yield Button(t("key.confirm"), variant="primary", id="ok")
            yield Button(t("key.cancel"), id="cancel-button")
        yield Static(t(hint_key), classes="dialog-hint")

    def make_item(self):
        raise NotImplementedError

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.create()
        else:
            self.dismiss(None)

    def action_create(self) -> None:
        self.create()

    def create(self) -> None:
        try:
            item = self.make_item()
        except Refusal as refusal:
            self._error(self.refusal_words(refusal))
            return
        except Exception as error:  # a locked database: say so, keep what was typed
            self._error(error_line(error))
            return
        if item is not None:
            self.dismiss(item.number)

    def _error(self, text: str) -> None:
        self.query_one("#error", Static).update(literal(self.ERROR_MARK + text))
        self.app.bell()

    def action_cancel(self) -> None:
        self.dismiss(None)
