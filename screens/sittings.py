"""Create a sitting or switch the current one."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from models.congress import create_sitting, current_congress, list_sittings, switch_sitting
from models.errors import Refusal
from tui.i18n import refusal_text, t
from tui.keys import Localized
from tui.literal import literal


class Sittings(Localized, ModalScreen[bool]):
    BINDINGS = [
        Binding("escape", "close", "key.close", id="close"),
        Binding("f2", "minutes", "key.minutes", id="minutes"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="modal")
        self._changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("sitting.title"), classes="dialog-title")
            yield OptionList(id="sittings")
            yield Input(placeholder=t("sitting.new_placeholder"), id="new")
            yield Static("", classes="dialog-error", id="error")
            yield Static(
                f"Enter {t('key.confirm')} · {t('sitting.minutes_hint')} · Esc {t('key.close')}",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self._load()

    def _load(self) -> None:
        current = current_congress(self.app.db).current_sitting_id
        options = self.query_one(OptionList)
        options.clear_options()
        for sitting in list_sittings(self.app.db):
            mark = t("sitting.current_mark") if sitting.id == current else ""
            options.add_option(Option(literal(f"{sitting.name}{mark}"), id=str(sitting.id)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        switch_sitting(self.app.db, int(event.option.id), operator=self.app.operator)
        self._changed = True
        self.dismiss(True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            create_sitting(self.app.db, event.value, operator=self.app.operator)
        except Refusal as refusal:
            self.query_one("#error", Static).update(literal(refusal_text(refusal)))
            self.app.bell()
            return
        self.dismiss(True)

    def action_minutes(self) -> None:
        from screens.minutes_export import MinutesExportScreen

        self.app.push_screen(MinutesExportScreen())

    def action_close(self) -> None:
        self.dismiss(self._changed)
