"""Find a person by name, code or 拼音 initials (manual check-in, leave)."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from models.attendance import PersonRow, search_people
from models.clock import hhmm
from models.errors import Refusal
from models.proposals import identify_person
from tui.i18n import category_name, t
from tui.keys import Localized
from tui.texts import error_line, screen_refusal_text

LIMIT = 20


class PersonQuery(Input):
    """The search field asks for a person, so a badge scanned into it names that person (the
    App routes the scan here instead of typing it)."""

    def take_badge(self, text: str) -> None:
        self.screen.pick_badge(text)


class PersonSearch(Localized, ModalScreen[PersonRow | None]):
    """Typing filters at the query (never thousands of rows); Enter picks the highlighted one."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="cancel"),
        Binding("down", "move(1)", show=False, id="down"),
        Binding("up", "move(-1)", show=False, id="up"),
    ]

    def __init__(self, title: str) -> None:
        super().__init__(classes="modal")
        self._title = title
        self._rows: list[PersonRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title")
            yield PersonQuery(placeholder=t("search.placeholder"), id="query")
            yield OptionList(id="results")
            yield Static(t("search.hint"), classes="dialog-hint", id="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).can_focus = False
        self.query_one("#query", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._rows = search_people(self.app.db, event.value, limit=LIMIT)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(self._label(row)) for row in self._rows])
        if self._rows:
            options.highlighted = 0
        hint = t("search.hint")
        if event.value.strip() and not self._rows:
            hint = t("search.none")
        elif len(self._rows) == LIMIT:
            hint = t("search.more", limit=LIMIT)
        self.query_one("#hint", Static).update(hint)

    @staticmethod
    def _label(row: PersonRow) -> Text:
        if row.checked_in_at:
            status = t("att.status.present", time=hhmm(row.checked_in_at))
        elif row.on_leave:
            status = t("att.status.leave")
        else:
            status = t("att.status.absent")
        label = Text()
        label.append(f"{row.name:<6}", style="bold")
        label.append(f"  {row.code:<8} {row.delegation or t('delegation.none')}  ")
        label.append(category_name(row.category), style="italic")
        label.append(f"  [{status}]", style="dim")
        return label

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self._rows:
            self.app.bell()
            return
        self.dismiss(self._rows[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._rows[event.option_index])

    def pick_badge(self, text: str) -> None:
        """The person on a scanned badge is the one picked; a forged, foreign or unknown badge
        is said in the hint line and the search stays as it was."""
        try:
            person = identify_person(self.app.db, text)
            rows = [
                row for row in search_people(self.app.db, person.code) if row.code == person.code
            ]
        except Refusal as refusal:
            self._say(screen_refusal_text(refusal))
            return
        except Exception as error:  # a locked database must not end the desk
            self._say(error_line(error))
            return
        if not rows:
            self._say(t("search.none"))
            return
        self.dismiss(rows[0])

    def _say(self, text: str) -> None:
        self.query_one("#hint", Static).update(Text(text, style="bold red"))
        self.app.bell()

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not self._rows:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self._rows) - 1, current + step))

    def action_cancel(self) -> None:
        self.dismiss(None)
