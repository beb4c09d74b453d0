"""Shared widgets: the scanner field, the big result panel, the attendance counters."""

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Digits, Footer, Input, Label, Static


class ScanInput(Input):
    """An Input that takes a keyboard-wedge scanner's bursts one badge at a time.

    A plain Input posts ``Submitted`` and is cleared later by its handler, so the next badge's
    characters, already queued, land in the old value ("111222333"). Here Enter is handled in the
    widget's own key handler: the value is taken and the field cleared before the next queued key
    is processed, then one ``Scanned`` message is posted per badge.
    """

    class Scanned(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            text = self.value
            self.value = ""
            if text.strip():
                self.post_message(self.Scanned(text))
            return
        await super()._on_key(event)


class ResultPanel(Static):
    """The big coloured answer to the last scan: ok (green), warn (yellow), error (red)."""

    STATES = ("ok", "warn", "error", "idle")

    def show(self, headline: str, detail: str, state: str, guidance: tuple[str, ...] = ()) -> None:
        """``guidance``: the lines under the name on a ✔ (「请到 3 排 12 座」, then the notes, on
        one line so the panel's four lines hold them); always text, never markup."""
        for name in self.STATES:
            self.set_class(name == state, f"-{name}")
        text = Text(justify="center")
        text.append(headline + "\n", style="bold")
        text.append(detail)
        lines = _guidance_lines(guidance)
        for index, line in enumerate(lines):
            text.append("\n" + line, style="bold" if index == 0 else "")
        self.update(text)
        self.headline = headline
        self.detail = "\n".join([detail, *lines])


def _guidance_lines(guidance: tuple[str, ...]) -> list[str]:
    """The seat line, then every note joined on one line."""
    if len(guidance) <= 2:
        return list(guidance)
    return [guidance[0], " · ".join(guidance[1:])]


class Counter(Vertical):
    """A label over a big number."""

    def __init__(self, label: str, *, id: str) -> None:
        super().__init__(id=id, classes="counter")
        self._label = label

    def compose(self) -> ComposeResult:
        yield Label(self._label, classes="counter-label")
        yield Digits("0", classes="counter-value")

    def set_value(self, value: int) -> None:
        self.query_one(Digits).update(str(value))

    @property
    def value(self) -> str:
        return self.query_one(Digits).value


class CounterRow(Horizontal):
    def __init__(self, counters: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self._counters = counters

    def compose(self) -> ComposeResult:
        for key, label in self._counters:
            yield Counter(label, id=key)


class DeskFooter(Footer):
    """The footer with F1 (every key, tui/keys_dialog.py) first: at 80 columns the keys at the
    end of the footer are out of sight, and F1 is the one that finds all the others."""

    HELP_KEY = "f1"

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        keys.sort(key=lambda widget: getattr(widget, "key", None) != self.HELP_KEY)
        yield from keys
