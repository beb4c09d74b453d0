"""The speaking clock on screen: one line under the scoring panel, big digits on the projector.

Both read the card of the entrant on stage from their screen (a ``source`` callable) and redraw
themselves on a short interval, so a running clock advances without anybody polling the database:
the time is ``now − started_at`` of the card the screen last loaded. They turn yellow at the
warning and red past the limit (models.rules.speaking.clock_phase); a card of an event without a
clock hides them.
"""

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from models.scores import ScoreCard
from tui.clock_text import clock_line, clock_state
from tui.i18n import t

TICK_SECONDS = 0.1  # hundredths are shown, but ten redraws a second read as running


class ClockLine(Static):
    """「计时中 4:12.30 · 即将到时（限时 5:00）」 on the scoring screen."""

    DEFAULT_CSS = """
    ClockLine { height: 1; margin: 0 1; }
    """

    def __init__(self, source: Callable[[], ScoreCard | None], **kwargs) -> None:
        super().__init__("", **kwargs)
        self._source = source
        self._shown: tuple | None = None
        self.phase = ""

    def on_mount(self) -> None:
        self.display = False
        self.tick()
        self.set_interval(TICK_SECONDS, self.tick)

    def tick(self) -> None:
        card = self._source()
        if card is None or card.event.clock is None:
            self.display = False
            return
        self.display = True
        text, style, self.phase = clock_line(card)
        if self._shown != (text, style):  # redraw only when the clock moved
            self._shown = (text, style)
            self.update(Text(text, style=style))

    @property
    def text(self) -> str:
        return self._shown[0] if self._shown else ""

    @property
    def style_shown(self) -> str:
        return self._shown[1] if self._shown else ""


class BigClock(Vertical):
    """The projector's clock, in digits the speaker reads from the stage."""

    DEFAULT_CSS = """
    BigClock { height: auto; align-horizontal: center; }
    BigClock .clock-label { height: 1; width: 100%; text-align: center; color: $text-muted; }
    BigClock Digits { width: 100%; text-align: center; color: $success; text-style: bold; }
    BigClock.-warning Digits { color: $warning; }
    BigClock.-over Digits { color: $error; }
    BigClock.-idle Digits { color: $text-muted; }
    """

    def __init__(self, source: Callable[[], ScoreCard | None], **kwargs) -> None:
        super().__init__(**kwargs)
        self._source = source
        self.phase = ""

    def compose(self) -> ComposeResult:
        yield Static(t("clock.display.label"), classes="clock-label")
        yield Digits("", id="clock-digits")

    def on_mount(self) -> None:
        self.display = False
        self.tick()
        self.set_interval(TICK_SECONDS, self.tick)

    def tick(self) -> None:
        card = self._source()
        if card is None or card.event.clock is None:
            self.display = False
            return
        self.display = True
        time, phase = clock_state(card.event.clock, card.timing)
        if not (card.timing and card.timing.running) and card.verdict is None:
            phase = "idle"
        digits = self.query_one(Digits)
        if digits.value != time:
            digits.update(time)
        if phase != self.phase:
            self.phase = phase
            for name in ("warning", "over", "idle"):
                self.set_class(phase == name, f"-{name}")

    @property
    def value(self) -> str:
        return self.query_one(Digits).value
