"""The quiz buzzer's panel (抢答器): it takes the keys while the scoring screen is in buzzer mode
and shows the question's state, the winner big, the teams locked out and the fouls.

It decides nothing: every key it takes becomes a :class:`BuzzerPanel.Pressed` message, in the
order the keys arrived, for the screen to put through the rule (models/rules/buzzer.py). Keys
it does not take (F1–F3, F5–F12, PageUp/PageDown) go on to the screen's bindings. A badge scan
never reaches it: the App takes a badge's burst out of the key stream first (tui/scan_router.py),
so a badge's digits cannot press a team's button.
"""

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Digits, Static

from tui.literal import literal

# Named keys the panel takes besides printable characters: start, drop, leave, undo a foul, and
# the suffixes a scanner or a buzzer box may type (taken and ignored, so they confirm nothing).
TAKEN_KEYS = frozenset({"space", "backspace", "escape", "f4", "enter", "tab", "ctrl+j"})


@dataclass(frozen=True)
class BuzzerView:
    """What the panel shows, as plain words (the screen builds it from the rule's state)."""

    title: str
    phase: str
    number: str = ""  # the winner's number, in big digits
    name: str = ""  # the winner's name
    won: bool = False
    lines: tuple[str, ...] = ()  # locked out, fouls
    keys: str = ""
    hint: str = ""


class BuzzerPanel(Vertical, can_focus=True):
    """The buzzer mode's panel; focused while the mode is on."""

    DEFAULT_CSS = """
    BuzzerPanel {
        height: 1fr;
        min-height: 7;
        max-height: 14;
        border: round $warning;
        border-title-style: bold;
        padding: 0 1;
    }
    BuzzerPanel:focus { border: round $accent; }
    BuzzerPanel #bz-phase { height: 1; text-style: bold; color: $warning; }
    BuzzerPanel #bz-big { height: 3; }
    BuzzerPanel.-won #bz-big { background: $success 25%; }
    BuzzerPanel.-won #bz-phase { color: $success; }
    BuzzerPanel #bz-number { width: auto; min-width: 6; text-style: bold; color: $success; }
    BuzzerPanel #bz-name {
        width: 1fr; height: 3; content-align: left middle; padding: 0 1; text-style: bold;
    }
    BuzzerPanel #bz-lines { height: auto; }
    BuzzerPanel #bz-keys, BuzzerPanel #bz-hint { height: auto; color: $text-muted; }
    """

    class Pressed(Message):
        """One key taken in buzzer mode: ``key`` is Textual's name of it, ``character`` what it
        typed (None for a named key)."""

        def __init__(self, key: str, character: str | None) -> None:
            super().__init__()
            self.key = key
            self.character = character

    def compose(self) -> ComposeResult:
        yield Static("", id="bz-phase")
        with Horizontal(id="bz-big"):
            yield Digits("", id="bz-number")
            yield Static("", id="bz-name")
        yield Static("", id="bz-lines")
        yield Static("", id="bz-keys")
        yield Static("", id="bz-hint")

    def on_key(self, event: events.Key) -> None:
        printable = bool(event.character) and len(event.character) == 1
        if event.key not in TAKEN_KEYS and not (printable and event.character.isprintable()):
            return  # F-keys and the like: the screen's bindings
        event.stop()
        event.prevent_default()
        self.post_message(self.Pressed(event.key, event.character))

    def show(self, view: BuzzerView) -> None:
        self.border_title = literal(view.title)
        self.set_class(view.won, "-won")
        self.query_one("#bz-phase", Static).update(literal(view.phase))
        self.query_one("#bz-number", Digits).update(view.number)
        self.query_one("#bz-name", Static).update(literal(view.name, "bold"))
        lines = Text("\n").join(literal(line) for line in view.lines)
        self.query_one("#bz-lines", Static).update(lines)
        self.query_one("#bz-keys", Static).update(literal(view.keys))
        self.query_one("#bz-hint", Static).update(literal(view.hint))
