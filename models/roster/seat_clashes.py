"""A roster's seats against the seats already given: one seat, one person."""

from sqlalchemy import Connection, bindparam, select, update

from models.congress import T_PERSON
from models.errors import Refusal
from models.io.roster_file import RosterRow
from models.roster.planning import PeoplePlan


def settle_seats(
    conn: Connection, congress_id: int, rows: list[RosterRow], plan: PeoplePlan
) -> list[dict]:
    """The people the file does not list whose assigned seat the file now gives to someone else:
    their seat is cleared (``seats assign`` seats them again), each as a change for the log. A
    seat the roster or a clerk fixed for such a person is not taken away: a Refusal names the
    rows, nothing is written."""
    planned = {entry["code"]: entry.get("seat") for entry in plan.new_people}
    by_id = {entry["person_id"]: entry["new_seat"] for entry in plan.updates}
    lines = {row.code: row.line for row in rows}
    holders = conn.execute(
        select(
            T_PERSON.c.id, T_PERSON.c.code, T_PERSON.c.name, T_PERSON.c.seat, T_PERSON.c.seat_fixed
        ).where(T_PERSON.c.congress_id == congress_id, T_PERSON.c.seat.is_not(None))
    ).all()
    in_file = set(lines)
    wanted: dict[str, str] = {}
    for code, seat in planned.items():
        if seat:
            wanted[seat] = code
    for holder in holders:
        if holder.code in in_file:
            seat = by_id.get(holder.id, holder.seat)
            if seat:
                wanted[seat] = holder.code
    cleared: list[dict] = []
    errors: list[Refusal] = []
    for holder in holders:
        if holder.code in in_file or holder.seat not in wanted:
            continue
        taker = wanted[holder.seat]
        if holder.seat_fixed:
            errors.append(
                Refusal(
                    "roster.err.seat_taken",
                    {
                        "line": lines[taker],
                        "seat": holder.seat,
                        "code": holder.code,
                        "name": holder.name,
                    },
                )
            )
        else:
            cleared.append({"code": holder.code, "id": holder.id, "seat": [holder.seat, None]})
    if errors:
        raise Refusal("roster.invalid", {"count": len(errors)}, details=errors)
    return cleared


def clear_seats(conn: Connection, cleared: list[dict]) -> None:
    if cleared:
        conn.execute(
            update(T_PERSON).where(T_PERSON.c.id == bindparam("person_id")).values(seat=None),
            [{"person_id": entry["id"]} for entry in cleared],
        )
