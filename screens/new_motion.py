"""A new motion: title, 重要事项, the base of the pass rule, double entry. Dismisses with the new
item's number, or None when cancelled."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from models.errors import Refusal
from models.motions import new_motion
from models.rules.motion import BASES
from models.voting import congress_settings
from tui.i18n import refusal_text, t
from tui.keys import Localized
from tui.texts import error_line


class NewMotionDialog(Localized, ModalScreen[int | None]):
    BINDINGS = [
        Binding("ctrl+s", "create", "key.confirm", id="confirm", tooltip="vui.tip.confirm"),
        Binding("escape", "cancel", "key.cancel", id="cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="modal")

    def compose(self) -> ComposeResult:
        try:
            default_base = congress_settings(self.app.db)["motion.base"]
        except Refusal:
            default_base = BASES[0]
        with Vertical(classes="dialog form", id="new-motion"):
            yield Static(t("vui.new_motion.title"), classes="dialog-title")
            yield Label(t("vui.new_motion.name"))
            yield Input(placeholder=t("vui.new_motion.placeholder"), id="title")
            yield Checkbox(t("vui.new_motion.important"), compact=True, id="important")
            yield Static(t("vui.new_motion.important_hint"), classes="dialog-hint")
            with Horizontal(classes="dialog-field"):
                yield Label(t("vui.new_motion.base"), classes="dialog-label")
                yield Select(
                    [(t(f"base.{b}"), b) for b in BASES],
                    value=default_base,
                    allow_blank=False,
                    compact=True,
                    id="base",
                )
            yield Checkbox(t("vui.new_motion.double"), compact=True, id="double")
            yield Static("", classes="dialog-error", id="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("key.confirm"), variant="primary", id="ok")
                yield Button(t("key.cancel"), id="cancel-button")
            yield Static(t("vui.dialog.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.create()

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
            item = new_motion(
                self.app.db,
                self.query_one("#title", Input).value,
                important=self.query_one("#important", Checkbox).value,
                base=self.query_one("#base", Select).value,
                double_entry=self.query_one("#double", Checkbox).value,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self._error(refusal_text(refusal))
            return
        except Exception as error:
            self._error(error_line(error))
            return
        self.dismiss(item.number)

    def _error(self, text: str) -> None:
        self.query_one("#error", Static).update(text)
        self.app.bell()

    def action_cancel(self) -> None:
        self.dismiss(None)
