"""The note a person's ✔ shows under their name (「请到主席台就座」), set at the desk: Ctrl+N on
the check-in screen picks the person (by name, code, 拼音 initials or their badge), then this
dialog edits the note. A badge scanned while it is open is the App's (a check-in), never text
in the note, and no scanner's Enter saves it."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from models.errors import Refusal
from models.seats.notes import MAX_NOTE, PersonNote, person_note, set_person_note
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import error_line, screen_refusal_text


class PersonNoteDialog(Localized, ModalScreen[PersonNote | None]):
    """Dismisses with the note saved (None in it when cleared), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="cancel")]

    def __init__(self, code: str, name: str) -> None:
        super().__init__(classes="modal")
        self._code = code
        self._name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("note.title"), classes="dialog-title")
            yield Static(literal(t("note.for", name=self._name, code=self._code)))
            yield Input(placeholder=t("note.placeholder"), max_length=MAX_NOTE, id="note")
            yield Static("", classes="dialog-error", id="error")
            yield Static(t("note.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        field = self.query_one("#note", Input)
        try:
            field.value = person_note(self.app.db, self._code).note or ""
        except (Refusal, Exception) as error:  # the desk stays up whatever the database says
            self._say(error)
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            saved = set_person_note(
                self.app.db,
                self._code,
                event.value,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Exception as error:
            self._say(error)
            return
        self.dismiss(saved)

    def _say(self, error: Exception) -> None:
        text = screen_refusal_text(error) if isinstance(error, Refusal) else error_line(error)
        self.query_one("#error", Static).update(literal(text))
        self.app.bell()

    def action_cancel(self) -> None:
        self.dismiss(None)
