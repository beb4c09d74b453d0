"""The live seat map of the current sitting (read-only): every seat of the hall plan with the
person on it and whether they are in the hall, for the projector (``huiwu display --seats``).

One read: the people who hold a seat, each with their check-in and leave at the sitting (the
same joins the desk's scan uses), and the sitting's figures as the dashboard counts them, so the
map's 「在场 N / 应到 M」 never disagrees with the announcement.
"""

from dataclasses import dataclass

from sqlalchemy import Connection

from models.attendance.checkin import _person_query, _with_sitting_state
from models.attendance.figures import attendance_in
from models.congress import T_PERSON, require_congress, require_sitting
from models.db import Database
from models.errors import refuse
from models.seats.assigning import plan_in
from models.seats.labels import Seat, seat_of_label
from models.seats.plan import MAX_PRESIDIUM, MAX_ROWS, MAX_SEATS_PER_ROW, HallPlan

EMPTY = "empty"  # no one is given the seat
ABSENT = "absent"  # given, not checked in
LEAVE = "leave"  # given, on approved leave for the sitting
IN_HALL = "in_hall"  # checked in and not exited since (在场)
OUT = "out"  # checked in, then scanned out at an exit desk
STATES = (IN_HALL, OUT, ABSENT, LEAVE, EMPTY)


@dataclass(frozen=True)
class MapSeat:
    seat: Seat
    state: str
    code: str | None = None
    name: str | None = None
    delegation: str | None = None

    @property
    def label(self) -> str:
        return self.seat.label


@dataclass(frozen=True)
class SeatMap:
    congress: str
    sitting: str
    plan: HallPlan
    planned: bool  # False: no plan is set, this one is drawn round the seats people hold
    seats: tuple[MapSeat, ...]  # the presidium's first, then the hall row by row
    in_hall: int  # voting delegates in the hall (RULES §1 在场)
    due: int  # voting delegates (应到)

    def by_seat(self) -> dict[Seat, MapSeat]:
        return {cell.seat: cell for cell in self.seats}

    def count(self, state: str) -> int:
        return sum(1 for cell in self.seats if cell.state == state)


def seat_map(db: Database) -> SeatMap:
    """The map of the current sitting; refused without a congress, a sitting, or any seat (no
    plan and nobody seated: 「还没有会场座位图」)."""
    with db.read() as conn:
        congress = require_congress(conn)
        sitting = require_sitting(conn, congress)
        people = _seated_people(conn, congress.id, sitting.id)
        planned = plan_in(conn, congress.id)
        figures = attendance_in(conn, congress, sitting)
    plan = planned or _plan_round(people)
    if plan is None:
        raise refuse("seats.no_plan")
    return SeatMap(
        congress.name,
        sitting.name,
        plan,
        planned is not None,
        _cells(plan, people),
        figures.in_hall_now,
        figures.due,
    )


def _seated_people(conn: Connection, congress_id: int, sitting_id: int) -> dict[Seat, MapSeat]:
    rows = conn.execute(
        _with_sitting_state(_person_query(), sitting_id)
        .add_columns(T_PERSON.c.seat)
        .where(T_PERSON.c.congress_id == congress_id, T_PERSON.c.seat.is_not(None))
    ).all()
    people = {}
    for row in rows:
        seat = seat_of_label(row.seat)
        if seat is not None:
            people[seat] = MapSeat(seat, _state(row), row.code, row.name, row.delegation)
    return people


def _state(row) -> str:
    if row.checked_in_at is not None:
        return IN_HALL if row.in_hall else OUT
    return LEAVE if row.leave_id is not None else ABSENT


def _plan_round(people: dict[Seat, MapSeat]) -> HallPlan | None:
    """Without a plan (seats came from the roster file only), the smallest hall holding them."""
    hall = [seat for seat in people if not seat.presidium]
    presidium = [seat.number for seat in people if seat.presidium]
    if not hall and not presidium:
        return None
    return HallPlan(
        max(1, min(MAX_ROWS, max((seat.row for seat in hall), default=1))),
        max(1, min(MAX_SEATS_PER_ROW, max((seat.number for seat in hall), default=1))),
        (),
        min(MAX_PRESIDIUM, max(presidium, default=0)),
    )


def _cells(plan: HallPlan, people: dict[Seat, MapSeat]) -> tuple[MapSeat, ...]:
    """Every seat of the plan, with its person or empty; a seat outside the plan is not drawn
    (its person still counts in the figures)."""
    return tuple(
        people.get(seat) or MapSeat(seat, EMPTY)
        for seat in (*plan.presidium_seats(), *plan.hall_seats())
    )
