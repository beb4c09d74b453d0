"""The congress's settings (issue 17, Ctrl+S on the check-in screen): its details (name, kind,
届/次, date, venue) and the voting settings new items start from, each with its current value,
the default marked and the choices. Enter on a line asks for the new value, then asks to
confirm the change (old → new); the change goes through update_congress or set_setting, both
logged. A dialog over the check-in screen, so a badge scanned meanwhile still checks in."""

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from models.congress import (
    CATEGORIES,
    KINDS,
    CongressInfo,
    check_congress_fields,
    current_congress,
    update_congress,
)
from models.errors import Refusal, refuse
from models.seats.notes import congress_notes
from models.voting import (
    SETTING_CHOICES,
    SETTING_DEFAULTS,
    check_setting,
    congress_settings,
    set_setting,
)
from screens.new_congress import NUMBERS, NumberError, whole_number
from tui.confirm import ConfirmDialog
from tui.i18n import kind_name, t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import error_line, screen_refusal_text

DETAILS = ("name", "kind", "term", "session", "date", "venue")


@dataclass(frozen=True)
class Line:
    """One line of the screen: a detail (``detail=True``) or a voting setting."""

    key: str
    detail: bool
    value: object  # as stored: a str, an int or None

    @property
    def what(self) -> str:
        return t(f"setup.f.{self.key}") if self.detail else t(f"setup.setting.{self.key}")

    @property
    def choices(self) -> tuple[str, ...]:
        if self.detail:
            return KINDS if self.key == "kind" else ()
        return SETTING_CHOICES.get(self.key, ())


# settings typed rather than picked, and the words that say what may be typed
FREE_WORDS = {
    "election.rate": "setup.free.rate",
    "appraisal.warn": "setup.free.rate",
    "paper.check": "setup.free.check",
    **{f"note.{category}": "setup.free.note" for category in CATEGORIES},
}


def choice_word(line: Line, value: str) -> str:
    return kind_name(value) if line.detail else t(f"setup.choice.{line.key}.{value}")


def value_word(line: Line, value) -> str:
    """A value as the desk reads it: a kind or a choice in words (the code beside a setting's,
    as `huiwu congress set` takes it), an empty detail as —."""
    if value is None or value == "":
        return t("setup.empty")
    if line.detail:
        return kind_name(value) if line.key == "kind" else str(value)
    if line.choices:
        return f"{choice_word(line, value)} ({value})"
    return str(value)


def lines_of(
    congress: CongressInfo, settings: dict[str, str], notes: dict[str, str] | None = None
) -> list[Line]:
    """The details, the voting settings, then each category's check-in note (issue 21)."""
    details = [Line(key, True, getattr(congress, key)) for key in DETAILS]
    notes = notes or {}
    return (
        details
        + [Line(key, False, value) for key, value in settings.items()]
        + [Line(f"note.{c}", False, notes.get(c, "")) for c in CATEGORIES]
    )


class ValuePrompt(Localized, ModalScreen[object]):
    """Asks for one new value: a list to pick from (↑↓ Enter) or a field to type in (Enter).
    Dismisses with the value picked or typed (a str), or None (Esc)."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="cancel")]

    def __init__(self, line: Line) -> None:
        super().__init__(classes="modal")
        self._line = line

    def compose(self) -> ComposeResult:
        line = self._line
        with Vertical(classes="dialog", id="setup-value"):
            yield Static(literal(t("setup.edit.title", what=line.what)), classes="dialog-title")
            if line.choices:
                yield OptionList(
                    *(Option(literal(value_word(line, c)), id=c) for c in line.choices),
                    id="setup-choices",
                )
                yield Static(t("setup.edit.hint_choice"), classes="dialog-hint")
            else:
                value = "" if line.value is None else str(line.value)
                placeholder = (
                    t(f"setup.ph.{line.key}")
                    if line.detail
                    else t(FREE_WORDS.get(line.key, "setup.free.rate"))
                )
                yield Input(value, placeholder=placeholder, id="setup-text")
                yield Static(t("setup.edit.hint_text"), classes="dialog-hint")

    def on_mount(self) -> None:
        if self._line.choices:
            options = self.query_one(OptionList)
            if self._line.value in self._line.choices:
                options.highlighted = self._line.choices.index(self._line.value)
            options.focus()
        else:
            self.query_one(Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CongressSettings(Localized, ModalScreen[bool]):
    BINDINGS = [Binding("escape", "close", "key.close", id="close")]

    def __init__(self) -> None:
        super().__init__(classes="modal")
        self._lines: list[Line] = []
        self._changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="setup-dialog"):
            yield Static(t("setup.title"), classes="dialog-title")
            yield DataTable(id="setup-table", cursor_type="row", zebra_stripes=True)
            yield Static(t("setup.items_note"), classes="dialog-hint", id="setup-note")
            yield Static("", classes="dialog-error", id="error")
            yield Static("", id="said")
            yield Static(t("setup.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(t("setup.col.item"), t("setup.col.value"), t("setup.col.choices"))
        self._load()
        table.focus()

    def _load(self) -> None:
        """Read the congress and its settings again (another desk may have changed them)."""
        try:
            congress = current_congress(self.app.db)
            settings = congress_settings(self.app.db)
            self._lines = lines_of(congress, settings, congress_notes(self.app.db))
        except Refusal as refusal:
            self._error(screen_refusal_text(refusal))
            return
        self.app.sub_title = congress.name
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for line in self._lines:
            table.add_row(*self._cells(line), key=line.key)
        table.move_cursor(row=min(row, len(self._lines) - 1))

    def _cells(self, line: Line) -> tuple:
        value = value_word(line, line.value)
        if not line.detail and line.value == SETTING_DEFAULTS.get(line.key):
            value += t("setup.default")
        if line.key == "kind":  # the short names: the long ones do not fit on one line
            choices = t("setup.kind_choices")
        elif line.choices:  # in words only: the value beside names the code
            choices = " | ".join(choice_word(line, c) for c in line.choices)
        elif line.key in FREE_WORDS:
            choices = t(FREE_WORDS[line.key])
        else:
            choices = ""
        return (
            literal(line.what, no_wrap=True),
            literal(value, no_wrap=True),
            literal(choices, no_wrap=True),
        )

    def _error(self, text: str) -> None:
        self.query_one("#error", Static).update(literal(text))
        self.query_one("#said", Static).update("")
        if text:
            self.app.bell()

    def _say(self, text: str) -> None:
        self.query_one("#error", Static).update("")
        self.query_one("#said", Static).update(literal(text))

    # --- one change: the new value, the question, the service ------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        line = self._lines[event.cursor_row]
        self.app.push_screen(ValuePrompt(line), lambda value: self._given(line, value))

    def _given(self, line: Line, typed) -> None:
        if typed is None:
            return
        try:
            value = self._checked(line, typed)
        except NumberError:
            self._error(t("setup.bad_number", field=line.what))
            return
        except Refusal as refusal:
            self._error(screen_refusal_text(refusal))
            return
        question = t(
            "setup.confirm.question",
            what=line.what,
            old=value_word(line, line.value),
            new=value_word(line, value),
        )
        if not line.detail and not line.key.startswith("note."):  # a note is no vote rule
            question += "\n" + t("setup.confirm.items")

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(line, value)

        self.app.push_screen(ConfirmDialog(t("setup.confirm.title"), question), answered)

    def _checked(self, line: Line, typed: str):
        """The new value as the service will store it, or the refusal it would meet."""
        if line.detail:
            value = whole_number(line.key, typed) if line.key in NUMBERS else typed
            value = check_congress_fields({line.key: value})[line.key]
        else:
            value = check_setting(line.key, typed)
        if value == line.value:
            raise refuse("congress.unchanged")
        return value

    def _apply(self, line: Line, value) -> None:
        who = {"operator": self.app.operator, "station": self.app.station}
        try:
            if line.detail:
                update_congress(self.app.db, **{line.key: value}, **who)
            else:
                set_setting(self.app.db, line.key, value, **who)
        except Refusal as refusal:  # another desk was quicker
            self._error(screen_refusal_text(refusal))
            return
        except Exception as error:  # a locked or read-only database: say so
            self._error(error_line(error))
            return
        self._changed = True
        self._load()
        self._say(t("setup.changed", what=line.what, value=value_word(line, value)))

    def action_close(self) -> None:
        self.dismiss(self._changed)
