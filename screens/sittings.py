"""Create, switch, rename or remove a sitting. Creating and switching ask first: the sitting is
current on every desk at once; renaming and removing ask for a reason, which is logged."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from models.congress import (
    SittingInfo,
    check_sitting_name,
    create_sitting,
    current_congress,
    list_sittings,
    plan_sitting_removal,
    remove_sitting,
    rename_sitting,
    switch_sitting,
)
from models.errors import Refusal
from tui.confirm import ConfirmDialog
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.reason_prompt import ReasonPrompt
from tui.texts import screen_refusal_text, sitting_removal_question


class NamePrompt(ReasonPrompt):
    """The reason prompt asking for a sitting's new name instead, filled with the old one."""

    def __init__(self, title: str, prompt: str, value: str) -> None:
        super().__init__(title, prompt, t("sitting.empty_name"))
        self._value = value

    def on_mount(self) -> None:
        field = self.query_one("#reason", Input)
        field.placeholder = t("sitting.new_placeholder")
        field.value = self._value


class Sittings(Localized, ModalScreen[bool]):
    BINDINGS = [
        Binding("escape", "close", "key.close", id="close"),
        Binding("f2", "minutes", "key.minutes", id="minutes"),
        Binding("f3", "rename", "key.rename", id="rename", tooltip="tip.sitting_rename"),
        Binding("f4", "remove", "key.remove", id="remove", tooltip="tip.sitting_remove"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="modal")
        self._changed = False
        self._sittings: dict[int, SittingInfo] = {}
        self._current: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("sitting.title"), classes="dialog-title")
            yield OptionList(id="sittings")
            yield Input(placeholder=t("sitting.new_placeholder"), id="new")
            yield Static("", classes="dialog-error", id="error")
            yield Static("", id="said")
            yield Static(
                t("sitting.hint", minutes=t("sitting.minutes_hint")), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self._load()

    def _load(self) -> None:
        self._current = current_congress(self.app.db).current_sitting_id
        self._sittings = {s.id: s for s in list_sittings(self.app.db)}
        options = self.query_one(OptionList)
        options.clear_options()
        for sitting in self._sittings.values():
            mark = t("sitting.current_mark") if sitting.id == self._current else ""
            options.add_option(Option(literal(f"{sitting.name}{mark}"), id=str(sitting.id)))
        ids = list(self._sittings)
        if self._current in ids:  # F3/F4 act on the current sitting until another is picked
            options.highlighted = ids.index(self._current)
        if not ids:  # nothing to pick yet: the first sitting's name is what is typed next
            self.query_one("#new", Input).focus()

    def _error(self, text: str = "") -> None:
        self.query_one("#error", Static).update(literal(text))
        self.query_one("#said", Static).update("")
        if text:
            self.app.bell()

    def _say(self, text: str) -> None:
        self.query_one("#error", Static).update("")
        self.query_one("#said", Static).update(literal(text))

    def _selected(self) -> SittingInfo | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self._sittings.get(int(option.id))

    # --- switching and creating: asked first -----------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        sitting = self._sittings[int(event.option.id)]
        if sitting.id == self._current:
            self.dismiss(self._changed)  # already current: nothing to change
            return
        question = t("sitting.switch_question", name=sitting.name)

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(
                    lambda: switch_sitting(self.app.db, sitting.id, operator=self.app.operator)
                )

        self.app.push_screen(ConfirmDialog(t("sitting.confirm_title"), question), answered)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            name = check_sitting_name(self.app.db, event.value)
        except Refusal as refusal:
            self._error(screen_refusal_text(refusal))
            return
        question = t("sitting.create_question", name=name)

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(lambda: create_sitting(self.app.db, name, operator=self.app.operator))

        self.app.push_screen(ConfirmDialog(t("sitting.confirm_title"), question), answered)

    def _apply(self, change) -> None:
        """Make the confirmed change and close; a refusal (another desk was quicker) is shown."""
        try:
            change()
        except Refusal as refusal:
            self._error(screen_refusal_text(refusal))
            return
        self._changed = True
        self.dismiss(True)

    # --- renaming and removing: a reason, logged -------------------------------------------

    def action_rename(self) -> None:
        sitting = self._selected()
        if sitting is None:
            self._error(t("sitting.none_selected"))
            return
        prompt = NamePrompt(
            t("sitting.rename_title"), t("sitting.rename_prompt", name=sitting.name), sitting.name
        )
        self.app.push_screen(prompt, lambda name: self._rename_named(sitting, name))

    def _rename_named(self, sitting: SittingInfo, name: str | None) -> None:
        if name is None:
            return
        try:
            name = check_sitting_name(self.app.db, name, renaming=sitting.id)
        except Refusal as refusal:
            self._error(screen_refusal_text(refusal))
            return
        prompt = ReasonPrompt(
            t("sitting.rename_title"),
            t("sitting.rename_reason", old=sitting.name, name=name),
            t("common.reason_required"),
        )
        self.app.push_screen(prompt, lambda reason: self._rename(sitting, name, reason))

    def _rename(self, sitting: SittingInfo, name: str, reason: str | None) -> None:
        if reason is None:
            return
        try:
            rename_sitting(
                self.app.db,
                sitting.id,
                name,
                reason=reason,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self._error(screen_refusal_text(refusal))
            return
        self._changed = True
        self._load()
        self._say(t("sitting.renamed", old=sitting.name, name=name))

    def action_remove(self) -> None:
        sitting = self._selected()
        if sitting is None:
            self._error(t("sitting.none_selected"))
            return
        try:
            plan = plan_sitting_removal(self.app.db, sitting.id)
        except Refusal as refusal:
            self._error(screen_refusal_text(refusal))
            return
        prompt = ReasonPrompt(
            t("sitting.remove_title"),
            t("sitting.remove_reason", name=sitting.name),
            t("common.reason_required"),
        )
        self.app.push_screen(prompt, lambda reason: self._confirm_removal(plan, reason))

    def _confirm_removal(self, plan, reason: str | None) -> None:
        if reason is None:
            return
        question = ConfirmDialog(t("sitting.remove_title"), sitting_removal_question(plan))

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(plan, reason)

        self.app.push_screen(question, answered)

    def _remove(self, plan, reason: str) -> None:
        try:
            done = remove_sitting(
                self.app.db,
                plan.sitting.id,
                reason=reason,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self._error(screen_refusal_text(refusal))
            return
        self._changed = True
        self._load()
        if done.next_current is not None:
            current = done.next_current.name
            self._say(t("sitting.removed_current", name=done.sitting.name, current=current))
        else:
            self._say(t("sitting.removed", name=done.sitting.name))

    def action_minutes(self) -> None:
        from screens.minutes_export import MinutesExportScreen

        self.app.push_screen(MinutesExportScreen())

    def action_close(self) -> None:
        self.dismiss(self._changed)
