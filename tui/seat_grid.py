"""The seat map drawn one cell per seat (``huiwu display --seats``), read from across a hall.

Drawn with Textual's line API: each line is built from the map, kept, and rebuilt only when a
seat on it changes; a check-in repaints that one seat's cell (``refresh(region)``), never the
whole map, so a hall of 1,000 seats follows the desks without flicker.

The cell width is what the terminal gives a row (at most 8 columns): from 7 columns a cell
shows the name (three characters), from 3 the surname, below that only the colour. A hall with
more rows than lines draws two rows per line with half blocks (▀: the upper row in the
foreground colour, the lower in the background), so 1,000 seats fit in 80 × 24.
"""

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from models.seats.labels import Seat, hall_seat
from models.seats.plan import HallPlan
from models.seats.seat_map import ABSENT, EMPTY, IN_HALL, LEAVE, OUT, MapSeat, SeatMap
from tui.i18n import t

# (text, background): green in the hall, greys for out and absent (out the lighter: they came),
# amber on leave, an empty seat only a dim dot.
COLOURS = {
    IN_HALL: ("#ffffff", "#1f9d3a"),
    OUT: ("#101010", "#9a9a9a"),
    ABSENT: ("#e0e0e0", "#4a4a4a"),
    LEAVE: ("#101010", "#d7a10e"),
    EMPTY: ("#767676", "#262626"),
}
MAX_CELL = 8  # a name of three characters and a column between seats
FULL_NAME_COLUMNS = 6
HALF = "▀"


def seat_style(state: str) -> Style:
    text, background = COLOURS[state]
    return Style(color=text, bgcolor=background, bold=state == IN_HALL)


def cell_text(cell: MapSeat, columns: int) -> str:
    """What a seat's cell says in ``columns``: the name, the surname, or nothing (colour only);
    user text, but a Segment is never parsed as markup."""
    if columns <= 0:
        return ""
    if cell.state == EMPTY or not cell.name:
        word = "·"
    elif columns >= FULL_NAME_COLUMNS:
        word = cell.name
    else:
        word = cell.name[0]
    word = "".join(ch if ch.isprintable() else " " for ch in word)
    if cell_len(word) > columns:
        word = set_cell_size(word, columns)
    pad = columns - cell_len(word)
    return " " * (pad // 2) + word + " " * (pad - pad // 2)


@dataclass(frozen=True)
class GridLayout:
    """Where each seat is drawn in a widget of ``width`` × ``height``."""

    plan: HallPlan
    cell: int  # columns per seat, the gap after it included
    gap: int  # columns between seats
    aisle: int  # columns per aisle
    label: int  # columns of the row numbers
    left: int  # margin that centres the map
    top: int
    presidium_y: int | None
    hall_y: int  # the line of row 1
    row_step: int  # 2: a blank line between rows (room enough); 1: a row a line
    half: bool  # two rows per line (▀)

    @property
    def hall_width(self) -> int:
        return self.plan.seats * self.cell + len(self.plan.aisles) * self.aisle

    @property
    def name_columns(self) -> int:
        return 0 if self.half else self.cell - self.gap

    def region(self, seat: Seat) -> Region:
        width = self.cell - self.gap
        if seat.presidium:
            start = (
                self.left + self.label + (self.hall_width - self.plan.presidium * self.cell) // 2
            )
            return Region(max(0, start) + (seat.number - 1) * self.cell, self.presidium_y, width, 1)
        aisles = sum(1 for aisle in self.plan.aisles if aisle < seat.number)
        x = self.left + self.label + (seat.number - 1) * self.cell + aisles * self.aisle
        if self.half:
            return Region(x, self.hall_y + (seat.row - 1) // 2, width, 1)
        return Region(x, self.hall_y + (seat.row - 1) * self.row_step, width, 1)

    def row_at(self, y: int) -> int | None:
        """The (upper) row drawn on line ``y``, if any."""
        offset = y - self.hall_y
        if offset < 0:
            return None
        if self.half:
            row = offset * 2 + 1
        elif offset % self.row_step:
            return None
        else:
            row = offset // self.row_step + 1
        return row if row <= self.plan.rows else None


def grid_layout(plan: HallPlan, width: int, height: int) -> GridLayout:
    label = len(str(plan.rows)) + 1
    room = max(1, width - label)
    widest = max(plan.seats, plan.presidium)
    cell, aisle = 1, 0
    for size in range(MAX_CELL, 0, -1):
        aisle = 2 if size >= 3 else 1
        if plan.seats * size + len(plan.aisles) * aisle <= room and plan.presidium * size <= room:
            cell = size
            break
    else:
        aisle = 1 if widest + len(plan.aisles) <= room else 0
    gap = 1 if cell >= 2 else 0
    head = 2 if plan.presidium else 0  # the presidium's line and a blank one
    if head + plan.rows * 2 - 1 <= height:
        step, half, lines = 2, False, plan.rows * 2 - 1
    elif head + plan.rows <= height:
        step, half, lines = 1, False, plan.rows
    else:
        step, half, lines = 1, True, (plan.rows + 1) // 2
    hall_width = plan.seats * cell + len(plan.aisles) * aisle
    left = max(0, (width - label - hall_width) // 2)
    top = max(0, (height - head - lines) // 2)
    return GridLayout(
        plan, cell, gap, aisle, label, left, top,
        top if plan.presidium else None, top + head, step, half,
    )  # fmt: skip


class SeatGrid(Widget):
    DEFAULT_CSS = "SeatGrid { height: 1fr; width: 1fr; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.seat_map: SeatMap | None = None
        self.layout_: GridLayout | None = None
        self._cells: dict[Seat, MapSeat] = {}
        self._strips: dict[int, Strip] = {}
        self.full_redraws = 0  # how often the whole map was drawn anew (tests: rarely)
        self.repainted: list[Region] = []  # the cells the last change repainted

    # ------------------------------------------------------------------ following the map

    def show_map(self, seat_map: SeatMap) -> None:
        """The new map: only the seats that changed are repainted, unless the plan changed."""
        old = self.seat_map
        self.seat_map = seat_map
        self._cells = seat_map.by_seat()
        if old is None or old.plan != seat_map.plan or self.layout_ is None:
            self._relayout()
            return
        self.repainted = []
        for before, now in zip(old.seats, seat_map.seats, strict=True):
            if before != now:
                region = self.layout_.region(now.seat)
                self._strips.pop(region.y, None)
                self.repainted.append(region)
                self.refresh(region)

    def on_resize(self) -> None:
        if self.seat_map is not None:
            self._relayout()

    def _relayout(self) -> None:
        self.layout_ = grid_layout(self.seat_map.plan, self.size.width, self.size.height)
        self._strips.clear()
        self.full_redraws += 1
        self.refresh()

    # ------------------------------------------------------------------ reading it back (tests)

    def seat_region(self, seat: Seat) -> Region | None:
        return self.layout_.region(seat) if self.layout_ else None

    def seat_colour(self, seat: Seat) -> Color | None:
        """The colour a seat shows on screen as drawn (the upper half's foreground in half-block
        mode), read from the rendered line, not from the map."""
        region = self.seat_region(seat)
        if region is None:
            return None
        strip = self.render_line(region.y).crop(region.x, region.x + 1)
        style = next(iter(strip)).style
        upper = self.layout_.half and (seat.row - 1) % 2 == 0 and not seat.presidium
        return style.color if upper else style.bgcolor

    def seat_text(self, seat: Seat) -> str:
        region = self.seat_region(seat)
        strip = self.render_line(region.y).crop(region.x, region.right)
        return "".join(segment.text for segment in strip)

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        layout = self.layout_
        if layout is None or self.seat_map is None:
            return Strip.blank(self.size.width, self.rich_style)
        strip = self._strips.get(y)
        if strip is None:
            strip = self._strips[y] = self._line(layout, y).adjust_cell_length(
                self.size.width, self.rich_style
            )
        return strip

    def _line(self, layout: GridLayout, y: int) -> Strip:
        base = self.rich_style
        dim = base + Style(dim=True)
        if y == layout.presidium_y:
            seats = [self._cells[s] for s in layout.plan.presidium_seats()]
            start = layout.region(seats[0].seat).x if seats else 0
            word = t("seatmap.presidium") + " "
            word = word if cell_len(word) <= start else ""
            lead = [Segment(" " * (start - cell_len(word)), base), Segment(word, dim)]
            return Strip([*lead, *self._cells_of(layout, seats, base)])
        row = layout.row_at(y)
        if row is None:
            return Strip.blank(self.size.width, base)
        label = str(row).rjust(layout.label - 1) + " "
        segments = [Segment(" " * layout.left, base), Segment(label, dim)]
        for number in range(1, layout.plan.seats + 1):
            if number > 1 and number - 1 in layout.plan.aisles:
                segments.append(Segment(" " * layout.aisle, base))
            segments.extend(self._seat_segments(layout, row, number, base))
        return Strip(segments)

    def _cells_of(self, layout: GridLayout, cells, base: Style) -> list[Segment]:
        segments = []
        for cell in cells:
            text = cell_text(cell, layout.cell - layout.gap) or " " * (layout.cell - layout.gap)
            segments.append(Segment(text, seat_style(cell.state)))
            segments.append(Segment(" " * layout.gap, base))
        return segments

    def _seat_segments(self, layout: GridLayout, row: int, number: int, base: Style):
        cell = self._cells[hall_seat(row, number)]
        if not layout.half:
            return self._cells_of(layout, [cell], base)
        lower = self._cells.get(hall_seat(row + 1, number))
        upper_colour = COLOURS[cell.state][1]
        lower_colour = COLOURS[lower.state][1] if lower else None
        style = (
            Style(color=upper_colour, bgcolor=lower_colour)
            if lower
            else base + Style(color=upper_colour)
        )
        return [Segment(HALF * (layout.cell - layout.gap), style), Segment(" " * layout.gap, base)]
