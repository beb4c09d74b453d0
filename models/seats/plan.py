"""The hall plan (rows × seats per row, aisles, the presidium's table) and the assignment of seats
by delegation blocks. Pure: no database.

The plan is a congress setting (``seats.plan``), so it is logged, archived and replayed like the
others; its value is a short text such as ``rows=20;seats=30;aisles=10,20;presidium=15``.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from models.seats.labels import Seat, hall_seat, presidium_seat

PLAN_SETTING = "seats.plan"
MAX_ROWS = 200
MAX_SEATS_PER_ROW = 200
MAX_PRESIDIUM = 200


class PlanError(ValueError):
    def __init__(self, key: str, **params) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class HallPlan:
    rows: int
    seats: int  # per row
    aisles: tuple[int, ...] = ()  # an aisle after each of these seat numbers
    presidium: int = 0  # seats at the presidium's table

    @property
    def capacity(self) -> int:
        return self.rows * self.seats + self.presidium

    def hall_seats(self) -> list[Seat]:
        """The hall's seats in the order they are filled: front row first, left to right."""
        return [hall_seat(r, n) for r in range(1, self.rows + 1) for n in range(1, self.seats + 1)]

    def presidium_seats(self) -> list[Seat]:
        return [presidium_seat(n) for n in range(1, self.presidium + 1)]

    def holds(self, seat: Seat) -> bool:
        if seat.presidium:
            return seat.number <= self.presidium
        return seat.row <= self.rows and seat.number <= self.seats

    def as_text(self) -> str:
        aisles = ",".join(str(a) for a in self.aisles)
        return f"rows={self.rows};seats={self.seats};aisles={aisles};presidium={self.presidium}"

    def as_json(self) -> dict:
        return {
            "rows": self.rows,
            "seats": self.seats,
            "aisles": list(self.aisles),
            "presidium": self.presidium,
            "capacity": self.capacity,
        }


def make_plan(rows: int, seats: int, aisles: Iterable[int] = (), presidium: int = 0) -> HallPlan:
    """A checked plan, or a PlanError naming what is out of range."""
    if not 1 <= rows <= MAX_ROWS:
        raise PlanError("seats.plan.bad_rows", max=MAX_ROWS)
    if not 1 <= seats <= MAX_SEATS_PER_ROW:
        raise PlanError("seats.plan.bad_seats", max=MAX_SEATS_PER_ROW)
    if not 0 <= presidium <= MAX_PRESIDIUM:
        raise PlanError("seats.plan.bad_presidium", max=MAX_PRESIDIUM)
    aisles = tuple(sorted(set(aisles)))
    for aisle in aisles:
        if not 1 <= aisle < seats:
            raise PlanError("seats.plan.bad_aisle", aisle=aisle, seats=seats)
    return HallPlan(rows, seats, aisles, presidium)


def parse_aisles(text: str | None) -> tuple[int, ...]:
    """``10,20`` (or 10，20 / 10 20) → (10, 20); a PlanError for anything but numbers."""
    parts = (text or "").replace("，", ",").replace(" ", ",").split(",")
    try:
        return tuple(int(part) for part in parts if part.strip())
    except ValueError:
        raise PlanError("seats.plan.bad_aisles", value=text) from None


def plan_of_text(text: str | None) -> HallPlan | None:
    """The plan a stored setting names; None when there is none (or it no longer reads)."""
    if not text:
        return None
    fields = dict(part.split("=", 1) for part in text.split(";") if "=" in part)
    try:
        return make_plan(
            int(fields["rows"]),
            int(fields["seats"]),
            parse_aisles(fields.get("aisles")),
            int(fields.get("presidium") or 0),
        )
    except (KeyError, ValueError):
        return None


@dataclass(frozen=True)
class Seated:
    """One person to seat, in roster order: ``voting`` delegates are seated before the others."""

    code: str
    delegation: str | None
    voting: bool
    fixed: Seat | None = None  # a seat the roster gives them: kept


def assign_blocks(plan: HallPlan, people: Sequence[Seated]) -> dict[str, Seat]:
    """code → seat for everyone without a fixed seat: delegations as contiguous blocks in the
    order their first member appears, voting delegates first (their delegations' blocks at the
    front), the others behind; the fixed seats are skipped. Assumes the plan is large enough
    (see :func:`free_seats`)."""
    taken = {person.fixed for person in people if person.fixed is not None}
    free = iter(seat for seat in plan.hall_seats() if seat not in taken)
    placed: dict[str, Seat] = {}
    for group in (True, False):
        for members in _by_delegation([p for p in people if p.voting == group and not p.fixed]):
            for person in members:
                placed[person.code] = next(free)
    return placed


def free_seats(plan: HallPlan, people: Sequence[Seated]) -> int:
    """Hall seats no roster seat takes: what a block assignment can fill."""
    taken = {p.fixed for p in people if p.fixed is not None and not p.fixed.presidium}
    return plan.rows * plan.seats - sum(1 for seat in taken if plan.holds(seat))


def _by_delegation(people: Sequence[Seated]) -> list[list[Seated]]:
    """People grouped by delegation, the groups in the order their first member comes."""
    groups: dict[str | None, list[Seated]] = {}
    for person in people:
        groups.setdefault(person.delegation, []).append(person)
    return list(groups.values())
