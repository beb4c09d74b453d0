"""docs/RULES.md §7 — team points (团体总分) of a sports meet: the points each place scores (名次分),
shared exactly by sides tied for a place (并列名次), a broken record's bonus (破纪录), the unit
standings and the medal table (奖牌榜).

Points are Fractions, never floats: two tied for 3rd under 9-7-6-5-… share (6+5)/2 = 11/2 each,
and only the figure shown is rounded (ROUND_HALF_UP). Units still equal after every tie-break
share a rank (1, 2, 2, 4) and are listed by name — never in the order they were entered."""

import re
import unicodedata
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from models.errors import refuse
from models.rules.scoring import shown

DEFAULT_TABLE = (9, 7, 6, 5, 4, 3, 2, 1)
RECORD_BONUS = re.compile(r"^\+(\d{1,6}(?:\.\d{1,4})?)$")

Award = tuple[str, int, Fraction]  # (unit, place, points)


def parse_points_table(text: str) -> tuple[int, ...]:
    """名次分 as written: ``9,7,6,5,4,3,2,1`` (also ``9-7-6-5-4-3-2-1``, or with ，、 and spaces).
    Whole numbers ≥ 0, never rising from one place to the next; empty is refused."""
    clean = unicodedata.normalize("NFKC", str(text or "")).strip()
    if not clean:
        raise refuse("match.no_points_table")
    parts = re.split(r"\s*[,、;\s-]\s*", clean)
    table: list[int] = []
    for part in parts:
        if not re.fullmatch(r"\d{1,6}", part):
            raise refuse("match.bad_points_item", part=part or clean)
        points = int(part)
        if table and points > table[-1]:
            raise refuse("match.points_rising", place=len(table) + 1, points=points)
        table.append(points)
    return tuple(table)


def place_points(
    places: Sequence[Sequence[Hashable]], table: Sequence[int]
) -> dict[Hashable, Fraction]:
    """名次分 and 并列名次: each side's points from the places in order, a place being a list of the sides
    sharing it; sides tied share equally the points of the places they occupy ((6+5)/2 for two
    tied for 3rd under 9-7-6-5-…); places beyond the table score 0."""
    points: dict[Hashable, Fraction] = {}
    first = 0  # the 0-based place the next list starts at
    for sides in places:
        occupied = range(first, first + len(sides))
        total = sum(table[p] for p in occupied if p < len(table))
        for side in sides:
            points[side] = Fraction(total, len(sides))
        first += len(sides)
    return points


def record_points(points: Fraction, rule: str) -> Fraction:
    """破纪录: a broken record's points — ``double`` (twice the place's points), ``+N`` (N more, e.g.
    ``+2`` or ``+1.5``) or ``""`` (no bonus)."""
    rule = (rule or "").strip()
    if rule == "":
        return Fraction(points)
    if rule == "double":
        return 2 * Fraction(points)
    found = RECORD_BONUS.match(rule)
    if found is None:
        raise refuse("match.bad_record_rule", rule=rule)
    return Fraction(points) + Fraction(found[1])


@dataclass(frozen=True)
class UnitRow:
    rank: int
    unit: str
    points: Fraction
    places: tuple[int, ...]  # how many 1st, 2nd, 3rd … places the unit took


@dataclass(frozen=True)
class MedalRow:
    rank: int
    unit: str
    gold: int
    silver: int
    bronze: int


def unit_standings(awards: Sequence[Award]) -> list[UnitRow]:
    """团体总分: units by total points; equal totals → more first places, then more second places,
    and so on; still equal → the same rank (1, 2, 2, 4), listed by unit name."""
    deepest = max((place for _, place, _ in awards), default=0)
    totals: dict[str, Fraction] = {}
    counts: dict[str, list[int]] = {}
    for unit, place, points in awards:
        totals[unit] = totals.get(unit, Fraction(0)) + Fraction(points)
        row = counts.setdefault(unit, [0] * deepest)
        if place >= 1:
            row[place - 1] += 1
    keys = {unit: (totals[unit], tuple(counts[unit])) for unit in totals}
    return [UnitRow(rank, unit, totals[unit], tuple(counts[unit])) for rank, unit in _ranked(keys)]


def medal_table(awards: Sequence[Award]) -> list[MedalRow]:
    """奖牌榜: units with a medal, by gold, then silver, then bronze (a shared place gives each of
    its sides that place's medal); equal → the same rank, listed by unit name."""
    medals: dict[str, list[int]] = {}
    for unit, place, _ in awards:
        if 1 <= place <= 3:
            medals.setdefault(unit, [0, 0, 0])[place - 1] += 1
    keys = {unit: tuple(row) for unit, row in medals.items()}
    return [MedalRow(rank, unit, *medals[unit]) for rank, unit in _ranked(keys)]


def _ranked(keys: dict) -> list[tuple[int, str]]:
    """Standard competition ranking (1, 2, 2, 4) of units by key (higher first), ties by name."""
    order = sorted(keys, key=lambda unit: unit)
    order.sort(key=lambda unit: keys[unit], reverse=True)
    ranked = []
    for i, unit in enumerate(order):
        same = i > 0 and keys[unit] == keys[order[i - 1]]
        ranked.append((ranked[-1][0] if same else i + 1, unit))
    return ranked


def show_points(points: Fraction, decimals: int) -> str:
    """Points as shown, with the contest's decimals, 四舍五入 (ROUND_HALF_UP): 11/2 → 5.50."""
    return shown(Fraction(points), decimals)
