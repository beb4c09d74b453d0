"""The projector's live seat map (``huiwu display --seats``, GB 50799 §12.2.7): every seat of
the hall, green while its delegate is in the hall, grey when out or not yet come, with a legend
and 「在场 N / 应到 M」.

It follows the database, not a desk: every ``SEAT_POLL_SECONDS`` a worker asks the ChangeWatch
(one cheap query) and reads the map only when something was committed, by any desk in any
process; the grid then repaints just the seats that changed (tui/seat_grid.py).
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from models.errors import Refusal
from models.seats.seat_map import STATES, SeatMap, seat_map
from models.watch import ChangeWatch
from tui.i18n import t
from tui.literal import literal
from tui.seat_grid import SeatGrid, seat_style
from tui.texts import error_line, screen_refusal_text
from tui.workers import deliver, desk_work

# ≤ 0.5 s by the issue; a quarter second keeps a check-in's green well inside the second the
# page is allowed, and the question asked is one PRAGMA (or one indexed max id) per tick.
SEAT_POLL_SECONDS = 0.25


class SeatMapScreen(Screen):
    DEFAULT_CSS = """
    SeatMapScreen { layout: vertical; }
    #seatmap-title {
        height: 1; width: 100%; content-align: center middle; text-style: bold;
        background: $primary; color: $text;
    }
    #seatmap-counts {
        height: 1; width: 100%; content-align: center middle; text-style: bold; color: $success;
    }
    #seatmap-legend { height: 1; width: 100%; content-align: center middle; }
    #seatmap-status { dock: bottom; height: 1; color: $error; }
    SeatMapScreen.-tall #seatmap-title { height: 3; }
    SeatMapScreen.-tall #seatmap-counts { height: 3; }
    """

    def __init__(self, *, poll_seconds: float = SEAT_POLL_SECONDS) -> None:
        super().__init__()
        self.poll_seconds = poll_seconds
        self.seat_map: SeatMap | None = None
        self._token: int | None = None  # the change token of the map on screen
        self._polling = False

    def compose(self) -> ComposeResult:
        yield Static(id="seatmap-title")
        yield Static(id="seatmap-counts")
        yield SeatGrid(id="seatmap-grid")
        yield Static(id="seatmap-legend")
        yield Static(id="seatmap-status")

    def on_mount(self) -> None:
        self._watch = ChangeWatch(self.app.db)
        self.poll()
        self.set_interval(self.poll_seconds, self.poll)

    def on_unmount(self) -> None:
        self._watch.close()

    def on_resize(self) -> None:
        # A projector's big terminal spares the lines for a taller title and count.
        self.set_class(self.size.height >= 40, "-tall")

    # ------------------------------------------------------------------ following the database

    def poll(self) -> None:
        """One look at a time: a slow server never piles up workers."""
        if not self._polling:
            self._polling = True
            self._check(self._token)

    @desk_work(group="seat-map-poll")
    def _check(self, known: int | None) -> None:
        try:
            token = self._watch.token()  # before the read: a commit during it shows next tick
            found = None if token is not None and token == known else seat_map(self.app.db)
        except Refusal as refusal:
            deliver(self, self._failed, screen_refusal_text(refusal))
            return
        except Exception as error:  # a database hiccup must not blank the projector
            deliver(self, self._failed, t("display.offline", detail=error_line(error)))
            return
        deliver(self, self._loaded, found, token)

    def _failed(self, text: str) -> None:
        self._polling = False
        self.query_one("#seatmap-status", Static).update(literal(text))

    def _loaded(self, found: SeatMap | None, token: int | None) -> None:
        self._polling = False
        self.query_one("#seatmap-status", Static).update("")
        if found is None:
            return
        self._token = token
        old, self.seat_map = self.seat_map, found
        with self.app.batch_update():
            self.query_one(SeatGrid).show_map(found)
            if old is None or (old.congress, old.sitting, old.planned) != (
                found.congress, found.sitting, found.planned,
            ):  # fmt: skip
                self.query_one("#seatmap-title", Static).update(literal(title_text(found)))
            self.query_one("#seatmap-counts", Static).update(counts_text(found))
            self.query_one("#seatmap-legend", Static).update(legend(found))


def title_text(found: SeatMap) -> str:
    title = t("seatmap.title", congress=found.congress, sitting=found.sitting)
    return title if found.planned else f"{title} {t('seatmap.unplanned')}"


def counts_text(found: SeatMap) -> str:
    return t("seatmap.counts", in_hall=found.in_hall, due=found.due)


def legend(found: SeatMap) -> Text:
    """A swatch in each state's colour, its word and how many seats show it."""
    text = Text()
    for state in STATES:
        if text:
            text.append("   ")
        text.append("  ", style=seat_style(state))
        word = t(f"seatmap.state.{state}")
        text.append(" " + t("seatmap.legend", word=word, count=found.count(state)))
    return text
