"""The hall plan, block assignment and the seat list, each change audited in its transaction.

A seat the roster file gives (or a clerk sets with ``huiwu seats set``) is *fixed*: a block
assignment keeps it and fills the other seats around it. An assignment clears the seats it gave
before, so a changed plan is simply assigned again.
"""

from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select, update

from models import audit
from models.congress import T_DELEGATION, T_PERSON, VOTING, require_congress
from models.db import Database
from models.errors import refuse
from models.seats.labels import SeatError, parse_seat, seat_of_label
from models.seats.plan import (
    PLAN_SETTING,
    HallPlan,
    PlanError,
    Seated,
    assign_blocks,
    free_seats,
    make_plan,
    plan_of_text,
)

SEATED_CATEGORIES = (VOTING, "attendee", "guest")  # staff work; they are not seated


def _settings():
    from models.voting.records import T_SETTING  # voting builds on the roster
    from models.voting.settings import store_setting

    return T_SETTING, store_setting


def plan_in(conn: Connection, congress_id: int) -> HallPlan | None:
    T_SETTING, _store = _settings()
    text = conn.execute(
        select(T_SETTING.c.value).where(
            T_SETTING.c.congress_id == congress_id, T_SETTING.c.key == PLAN_SETTING
        )
    ).scalar()
    return plan_of_text(text)


def hall_plan(db: Database) -> HallPlan | None:
    with db.read() as conn:
        return plan_in(conn, require_congress(conn).id)


def set_hall_plan(
    db: Database,
    rows: int,
    seats: int,
    aisles=(),
    presidium: int = 0,
    *,
    operator: str = "",
    station: str = "",
) -> HallPlan:
    """The hall's plan, checked and stored as the ``seats.plan`` setting (logged, replayed)."""
    try:
        plan = make_plan(rows, seats, aisles, presidium)
    except PlanError as error:
        raise refuse(error.key, **error.params) from None
    _T, store_setting = _settings()
    with db.write() as conn:
        congress = require_congress(conn)
        store_setting(
            conn, congress.id, PLAN_SETTING, plan.as_text(), operator=operator, station=station
        )
    return plan


@dataclass(frozen=True)
class SeatedPerson:
    code: str
    name: str
    delegation: str | None
    category: str
    seat: str | None
    fixed: bool

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "delegation": self.delegation,
            "category": self.category,
            "seat": self.seat,
            "fixed": self.fixed,
        }


def _people(conn: Connection, congress_id: int) -> list[SeatedPerson]:
    """Everyone on the roster in roster order (the order they were first imported)."""
    rows = conn.execute(
        select(
            T_PERSON.c.code,
            T_PERSON.c.name,
            T_DELEGATION.c.name.label("delegation"),
            T_PERSON.c.category,
            T_PERSON.c.seat,
            T_PERSON.c.seat_fixed,
        )
        .select_from(
            T_PERSON.outerjoin(T_DELEGATION, T_PERSON.c.delegation_id == T_DELEGATION.c.id)
        )
        .where(T_PERSON.c.congress_id == congress_id)
        .order_by(T_PERSON.c.id)
    ).all()
    return [SeatedPerson(*row[:5], fixed=bool(row.seat_fixed)) for row in rows]


def seat_order(person: SeatedPerson) -> tuple:
    """By seat (the presidium first, then row by row), the unseated last, by code."""
    seat = seat_of_label(person.seat)
    return (seat is None, seat or (0, 0, 0), person.code)


def seat_chart(db: Database):
    """What the 座次表 prints (models.io.seat_chart): the plan and the people by seat."""
    from models.congress import current_congress
    from models.io.seat_chart import ChartPerson, SeatChart

    plan, people = seat_list(db)
    chart_people = [ChartPerson(p.code, p.name, p.delegation, p.category, p.seat) for p in people]
    return SeatChart(current_congress(db).name, plan, chart_people)


def seat_list(db: Database) -> tuple[HallPlan | None, list[SeatedPerson]]:
    """The plan and everyone who is seated or to be seated, by seat."""
    with db.read() as conn:
        congress = require_congress(conn)
        people = _people(conn, congress.id)
        plan = plan_in(conn, congress.id)
    seated = [p for p in people if p.seat or p.category in SEATED_CATEGORIES]
    return plan, sorted(seated, key=seat_order)


@dataclass(frozen=True)
class AssignReport:
    plan: HallPlan
    assigned: int  # seats given by this assignment
    kept: int  # fixed seats kept
    changed: int  # people whose seat is not what it was

    def as_json(self) -> dict:
        return {
            "plan": self.plan.as_json(),
            "assigned": self.assigned,
            "kept": self.kept,
            "changed": self.changed,
        }


def assign_seats(db: Database, *, operator: str = "", station: str = "") -> AssignReport:
    """Seat everyone without a fixed seat by delegation blocks (models.seats.plan); refused when
    there is no plan or the plan has fewer seats than people."""
    with db.write() as conn:
        congress = require_congress(conn)
        plan = plan_in(conn, congress.id)
        if plan is None:
            raise refuse("seats.no_plan")
        everyone = _people(conn, congress.id)
        people = [p for p in everyone if p.fixed or p.category in SEATED_CATEGORIES]
        seated = [
            Seated(
                p.code,
                p.delegation,
                p.category == VOTING,
                seat_of_label(p.seat) if p.fixed else None,
            )
            for p in people
        ]
        if plan.capacity < len(seated):
            raise refuse("seats.too_few", seats=plan.capacity, people=len(seated))
        to_place = sum(1 for s in seated if s.fixed is None)
        free = free_seats(plan, seated)
        if free < to_place:
            raise refuse("seats.too_few_free", seats=free, people=to_place)
        placed = {code: seat.label for code, seat in assign_blocks(plan, seated).items()}
        # everyone else's assigned seat is given up (staff now, say), so no seat is held twice
        changes = [
            {"code": p.code, "seat": [p.seat, placed.get(p.code)]}
            for p in everyone
            if not p.fixed and p.seat != placed.get(p.code)
        ]
        _write_seats(conn, congress.id, changes)
        audit.append(
            conn,
            "seats.assign",
            {"plan": plan.as_text(), "people": {"changed": changes}},
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
    kept = sum(1 for s in seated if s.fixed is not None)
    return AssignReport(plan, len(placed), kept, len(changes))


def _write_seats(conn: Connection, congress_id: int, changes: list[dict]) -> None:
    if changes:
        conn.execute(
            update(T_PERSON)
            .where(T_PERSON.c.congress_id == congress_id, T_PERSON.c.code == bindparam("c"))
            .values(seat=bindparam("s")),
            [{"c": change["code"], "s": change["seat"][1]} for change in changes],
        )


def set_person_seat(
    db: Database, code: str, text: str | None, *, operator: str = "", station: str = ""
) -> SeatedPerson:
    """A clerk gives one person a seat by hand (fixed: assignment keeps it), or clears it with
    an empty text; a seat someone else has is refused."""
    label = None
    if text and text.strip():
        try:
            label = parse_seat(text).label
        except SeatError as error:
            raise refuse(error.key, value=text) from None
    with db.write() as conn:
        congress = require_congress(conn)
        people = {p.code: p for p in _people(conn, congress.id)}
        person = people.get(code.strip())
        if person is None:
            raise refuse("notes.unknown_person", code=code)
        holder = next((p for p in people.values() if label and p.seat == label), None)
        if holder is not None and holder.code != person.code:
            raise refuse("seats.taken", seat=label, code=holder.code, name=holder.name)
        conn.execute(
            update(T_PERSON)
            .where(T_PERSON.c.congress_id == congress.id, T_PERSON.c.code == person.code)
            .values(seat=label, seat_fixed=label is not None)
        )
        audit.append(
            conn,
            "person.seat",
            {"people": {"changed": [{"code": person.code, "seat": [person.seat, label]}]}},
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
    return SeatedPerson(
        person.code, person.name, person.delegation, person.category, label, label is not None
    )
