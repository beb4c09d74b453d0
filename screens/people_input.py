"""The badge field of the proposal form and the chips that show who is on it: a scan adds a
proposer or a seconder, Backspace on a blank field takes the last one off
(screens/proposal_form.py)."""

from rich.text import Text
from textual import events
from textual.message import Message

from models.proposals import PersonRef
from tui.i18n import t
from tui.widgets import ScanInput


class PeopleInput(ScanInput):
    """A badge field of the form: a scan (or a typed code) and Enter adds the person (Enter on a
    blank field moves on), Backspace on a blank field takes the last person off the list. Like
    ScanInput, the value is taken and cleared in the key handler, so a burst of scans stays
    one badge per Enter."""

    class Entered(Message):
        def __init__(self, field: "PeopleInput", text: str) -> None:
            super().__init__()
            self.field = field
            self.text = text

    class RemoveLast(Message):
        def __init__(self, field: "PeopleInput") -> None:
            super().__init__()
            self.field = field

    def take_badge(self, text: str) -> None:
        """A badge scanned while this field has the focus (the App routes it here): that person
        is added; what was typed in the field stays."""
        self.post_message(self.Entered(self, text))

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            text, self.value = self.value, ""
            self.post_message(self.Entered(self, text))  # blank: the form moves on
            return
        if event.key == "backspace" and not self.value:
            event.stop()
            event.prevent_default()
            self.post_message(self.RemoveLast(self))
            return
        await super()._on_key(event)


def person_words(person: PersonRef) -> str:
    """「张三（第一代表团）」: name and delegation, as the chip shows them."""
    return t("pp.person", name=person.name, delegation=person.delegation or t("delegation.none"))


def chips(people: list[PersonRef]) -> Text:
    text = Text()
    for index, person in enumerate(people):
        if index:
            text.append(" ")
        text.append(f" {person_words(person)} ", style="reverse")
    return text
