"""What a match desk types for a match: the games (``11:9 8:11 11:5``), a walk-over (``w1`` side
1 wins, ``w2`` side 2 wins) or a retirement (``r2 11:9 3:5``: side 2 retired). Full-width
characters from a Chinese input method read the same."""

import unicodedata
from dataclasses import dataclass

from models.errors import refuse

WALKOVER_MARKS = ("w", "弃")
RETIRED_MARKS = ("r", "退")


@dataclass(frozen=True)
class Entry:
    games: str = ""
    walkover: int | None = None  # the side (1 or 2) that wins by walk-over
    retired: int | None = None  # the side (1 or 2) that retired


def parse_entry(text: str) -> Entry:
    clean = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    for marks, kind in ((WALKOVER_MARKS, "walkover"), (RETIRED_MARKS, "retired")):
        for mark in marks:
            if clean.startswith(mark):
                side, rest = _side(clean[len(mark) :])
                if kind == "walkover":
                    if rest:
                        raise refuse("match.walkover_with_games")
                    return Entry(walkover=side)
                return Entry(games=rest, retired=side)
    if not clean:
        raise refuse("match.no_games")
    return Entry(games=clean)


def _side(text: str) -> tuple[int, str]:
    text = text.strip()
    if text[:1] not in ("1", "2"):
        raise refuse("match.entry_side")
    return int(text[0]), text[1:].strip()
