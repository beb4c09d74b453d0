"""A seat as people write it: 3排12座, 3-12, 3，12, 主席台1. Pure: no database.

A seat in the hall is a row (排) and a number in the row (座); a seat at the presidium's table
(主席台) is a number only. Every accepted spelling is stored as one canonical label, so the same
seat typed two ways is still the same seat.
"""

import re
import unicodedata
from dataclasses import dataclass

HALL = ""  # the zone of the hall's rows
PRESIDIUM = "主席台"
MAX_ROW = 999
MAX_NUMBER = 999

_ROW_SEAT = re.compile(
    r"(?:第|row\s*|r)?(\d+)\s*(?:排|行)?\s*(?:[-—–,，、/\s]\s*)?(?:第|seat\s*|s)?(\d+)\s*(?:座|号)?"
)
_PRESIDIUM = re.compile(
    r"(?:主席台|主席团|presidium|p)\s*(?:第)?\s*[-—–,，:：]?\s*(\d+)\s*(?:座|号)?"
)


class SeatError(ValueError):
    """Why a text is no seat: ``key`` names the catalog entry (roster.err.… / seats.…)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True, order=True)
class Seat:
    """(zone, row, number): the presidium's zone sorts first; its row is 0."""

    zone_order: int
    row: int
    number: int

    @property
    def presidium(self) -> bool:
        return self.zone_order == 0

    @property
    def label(self) -> str:
        """The canonical text stored and shown: 3排12座 or 主席台1."""
        if self.presidium:
            return f"{PRESIDIUM}{self.number}"
        return f"{self.row}排{self.number}座"

    @property
    def spoken(self) -> str:
        """As the desk says it: 「请到 3 排 12 座」, 「请到主席台 1 号」 (see tui texts)."""
        if self.presidium:
            return f"{PRESIDIUM} {self.number} 号"
        return f"{self.row} 排 {self.number} 座"


def hall_seat(row: int, number: int) -> Seat:
    return Seat(1, row, number)


def presidium_seat(number: int) -> Seat:
    return Seat(0, 0, number)


def parse_seat(text: str) -> Seat:
    """The seat a text names, or a SeatError: 3排12座, 第3排第12座, 3-12, 3，12, 3 12, R3S12,
    主席台1, 主席台-1. Full-width digits and punctuation are read as typed (NFKC)."""
    folded = unicodedata.normalize("NFKC", text or "").strip().lower()
    if not folded:
        raise SeatError("seats.err.empty")
    found = _PRESIDIUM.fullmatch(folded)
    if found:
        return presidium_seat(_in_range(int(found.group(1)), MAX_NUMBER))
    found = _ROW_SEAT.fullmatch(folded)
    if found is None or not _separated(folded):
        raise SeatError("seats.err.bad")
    return hall_seat(
        _in_range(int(found.group(1)), MAX_ROW), _in_range(int(found.group(2)), MAX_NUMBER)
    )


def _separated(folded: str) -> bool:
    """312 is no seat (3排12座 or 31排2座?): the row and the number need something between."""
    return not folded.isdigit()


def _in_range(value: int, limit: int) -> int:
    if not 1 <= value <= limit:
        raise SeatError("seats.err.out_of_range")
    return value


def seat_of_label(label: str | None) -> Seat | None:
    """The seat a stored label names (None for none); a label that no longer parses is None."""
    if not label:
        return None
    try:
        return parse_seat(label)
    except SeatError:
        return None
