"""One line of numbered choices that a digit picks: the capture form's category and the rating
of a reply (screens/proposal_form.py, screens/proposal_step.py)."""

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget


class ChoiceStrip(Widget, can_focus=True):
    """One line of numbered choices, 「 1 生产经营   2 安全生产 …」: a digit picks, ←/→ move, the
    chosen one is shown in reverse. Wraps onto a second line when the width runs out."""

    DEFAULT_CSS = """
    ChoiceStrip { height: auto; width: 1fr; }
    ChoiceStrip:focus { background: $accent 30%; }
    """
    BINDINGS = [
        Binding("left", "step(-1)", show=False),
        Binding("right", "step(1)", show=False),
    ]

    class Changed(Message):
        def __init__(self, strip: "ChoiceStrip", value: str | None) -> None:
            super().__init__()
            self.strip = strip
            self.value = value

        @property
        def control(self) -> "ChoiceStrip":
            return self.strip

    class Picked(Message):
        """A digit picked a choice (not ←/→ stepping through them): the clerk is done here."""

        def __init__(self, strip: "ChoiceStrip", value: str | None) -> None:
            super().__init__()
            self.strip = strip
            self.value = value

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        value: str | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.choices = list(choices)  # (value, words)
        self.value = value

    def render(self) -> Text:
        width = max(self.content_size.width, 10)
        text = Text(no_wrap=True)
        used = 0
        for index, (value, words) in enumerate(self.choices):
            chip = f" {index + 1} {words} " if index < 9 else f" {words} "
            cells = cell_len(chip)
            if used and used + 1 + cells > width:
                text.append("\n")
                used = 0
            elif used:
                text.append(" ")
                used += 1
            style = "bold reverse" if value == self.value else ""
            text.append(chip, style=style)
            used += cells
        return text

    def choose(self, value: str | None) -> None:
        if value == self.value:
            return
        self.value = value
        self.refresh(layout=True)
        self.post_message(self.Changed(self, value))

    def on_key(self, event: events.Key) -> None:
        digit = event.character
        if digit and digit.isdigit() and 1 <= int(digit) <= min(9, len(self.choices)):
            event.stop()
            event.prevent_default()
            self.choose(self.choices[int(digit) - 1][0])
            self.post_message(self.Picked(self, self.value))

    def action_step(self, delta: int) -> None:
        values = [value for value, _words in self.choices]
        if not values:
            return
        if self.value not in values:
            index = 0 if delta > 0 else len(values) - 1
        else:
            index = (values.index(self.value) + delta) % len(values)
        self.choose(values[index])
