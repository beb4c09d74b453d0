"""A new congress from the TUI (issue 17): name, kind, 届/次, date, venue.

Enter moves from field to field and creates on the last one (or 创建); the kind is picked from
a short list with ↑↓ and Enter. A refusal (no name, a date that is not a real YYYY-MM-DD, 届
out of range …) shows in the dialog and nothing is created; Esc cancels. Dismisses with the new
congress, or None."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from models.congress import KINDS, CongressInfo, create_congress
from models.errors import Refusal
from tui.i18n import kind_name, t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import error_line, screen_refusal_text

FIELDS = ("name", "kind", "term", "session", "date", "venue")
NUMBERS = ("term", "session")


class NumberError(ValueError):
    """A 届 or 次 that is not a whole number (the model checks the range)."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def whole_number(field: str, text: str) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise NumberError(field)
    return int(text)


class NewCongressDialog(Localized, ModalScreen[CongressInfo | None]):
    BINDINGS = [
        Binding("ctrl+s", "create", "setup.create", id="create", tooltip="setup.new.hint"),
        Binding("escape", "cancel", "key.cancel", id="cancel"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="modal")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="new-congress"):
            yield Static(t("setup.new.title"), classes="dialog-title")
            with Grid(id="new-congress-grid"):
                for key in FIELDS:
                    yield Label(t(f"setup.f.{key}"), classes="new-congress-label")
                    if key == "kind":
                        yield OptionList(
                            *(Option(kind_name(kind), id=kind) for kind in KINDS),
                            id="nc-kind",
                        )
                    else:
                        yield Input(
                            placeholder=t(f"setup.ph.{key}"),
                            id=f"nc-{key}",
                            type="integer" if key in NUMBERS else "text",
                        )
            yield Static("", classes="dialog-error", id="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("setup.create"), variant="primary", id="ok")
                yield Button(t("key.cancel"), id="cancel-button")
            yield Static(t("setup.new.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#nc-kind", OptionList).highlighted = 0
        self.query_one("#nc-name", Input).focus()

    def _text(self, key: str) -> str:
        return self.query_one(f"#nc-{key}", Input).value

    def _kind(self) -> str:
        highlighted = self.query_one("#nc-kind", OptionList).highlighted
        return KINDS[highlighted or 0]

    def _focus_after(self, key: str) -> None:
        following = FIELDS[FIELDS.index(key) + 1]
        self.query_one(f"#nc-{following}").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        key = (event.input.id or "").removeprefix("nc-")
        if key == FIELDS[-1]:
            self.action_create()
        else:
            self._focus_after(key)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._focus_after("kind")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_create()
        else:
            self.dismiss(None)

    def action_create(self) -> None:
        try:
            congress = create_congress(
                self.app.db,
                self._text("name"),
                kind=self._kind(),
                term=whole_number("term", self._text("term")),
                session=whole_number("session", self._text("session")),
                date=self._text("date"),
                venue=self._text("venue"),
                operator=self.app.operator,
                station=self.app.station,
            )
        except NumberError as error:
            self._error(t("setup.bad_number", field=t(f"setup.f.{error.field}")))
            return
        except Refusal as refusal:
            self._error(screen_refusal_text(refusal))
            return
        except Exception as error:  # a locked or read-only database: say so, keep what was typed
            self._error(error_line(error))
            return
        self.dismiss(congress)

    def _error(self, text: str) -> None:
        self.query_one("#error", Static).update(literal("✖ " + text))
        self.app.bell()

    def action_cancel(self) -> None:
        self.dismiss(None)
