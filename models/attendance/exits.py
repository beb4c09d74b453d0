"""The exit desk (RULES §1 在场): a badge scanned on the way out moves its delegate out of the hall;
scanned at an entry desk again, they are back (models.attendance.checkin). Someone who never
came in, or is out already, is told so and nothing changes — the scan is kept with its reason
like any failed scan."""

from sqlalchemy import select

from models.attendance.checkin import _record_failure, desk_scan, person_fields
from models.attendance.moves import move
from models.attendance.records import EXIT, T_MOVE, CheckinResult
from models.db import Database

NOT_IN_HALL = "not_in_hall"


def check_out(
    db: Database,
    raw: str,
    *,
    station: str = "",
    operator: str = "",
    method: str | None = None,
) -> CheckinResult:
    """One exit scan (or typed code), committed before it returns: ``exited``, ``not_in_hall``
    (never checked in, on leave, or out already) or a failed scan's status as at check-in."""
    return desk_scan(db, raw, _exit_person, station=station, operator=operator, method=method)


def _exit_person(conn, congress, sitting, person, station, operator, method) -> CheckinResult:
    common = person_fields(person, method)
    if person.checked_in_at is not None:
        at = move(conn, congress, sitting, person, EXIT, station=station, operator=operator)
        if at is not None:
            return CheckinResult("exited", at=at, station=station, **common)
    why = _not_in_hall_reason(person)
    _record_failure(conn, congress, sitting, person.code, why, station, operator)
    last = _last_exit(conn, sitting.id, person.id) if why == "already_out" else None
    return CheckinResult(
        NOT_IN_HALL,
        reason=why,
        at=last.at if last else None,
        station=last.station if last else None,
        **common,
    )


def _not_in_hall_reason(person) -> str:
    if person.leave_id is not None:
        return "on_leave"
    if person.checked_in_at is None:
        return "never_entered"
    return "already_out"


def _last_exit(conn, sitting_id: int, person_id: int):
    return conn.execute(
        select(T_MOVE.c.at, T_MOVE.c.station)
        .where(
            T_MOVE.c.sitting_id == sitting_id,
            T_MOVE.c.person_id == person_id,
            T_MOVE.c.kind == EXIT,
        )
        .order_by(T_MOVE.c.id.desc())
        .limit(1)
    ).first()
