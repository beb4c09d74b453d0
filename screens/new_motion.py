"""A new motion: title, 重要事项, the base of the pass rule, double entry. Dismisses with the new
item's number, or None when cancelled."""

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select, Static

from models.errors import Refusal
from models.motions import new_motion
from models.rules.motion import BASES
from models.voting import congress_settings
from tui.i18n import t
from tui.item_dialog import NewItemDialog


class NewMotionDialog(NewItemDialog):
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
            yield from self.footer("vui.dialog.hint")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.create()

    def make_item(self):
        return new_motion(
            self.app.db,
            self.query_one("#title", Input).value,
            important=self.query_one("#important", Checkbox).value,
            base=self.query_one("#base", Select).value,
            double_entry=self.query_one("#double", Checkbox).value,
            operator=self.app.operator,
            station=self.app.station,
        )
