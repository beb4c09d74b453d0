"""Undoing a check-in, a person's state at the sitting, and approved leave (recorded, cancelled)."""

from dataclasses import dataclass

from sqlalchemy import Connection, delete, select

import models.attendance as package  # read the clock here: a test fixes it on the package
from models import audit, badge_code
from models.attendance.checkin import PERSON_AT_SITTING, _find_person, _insert_ignore
from models.attendance.records import T_CHECKIN, T_LEAVE, PersonRow
from models.congress import T_PERSON, require_congress, require_sitting
from models.db import Database
from models.errors import refuse


@dataclass(frozen=True)
class UndoneCheckin:
    code: str
    name: str
    at: str
    station: str


def last_checkin(db: Database, *, station: str) -> UndoneCheckin | None:
    """The newest check-in made at this desk in the current sitting (what undo would remove)."""
    with db.read() as conn:
        congress = require_congress(conn)
        sitting = require_sitting(conn, congress)
        row = _last_checkin_row(conn, sitting.id, station)
    if row is None:
        return None
    return UndoneCheckin(row.code, row.name, row.at, row.station)


def _checkin_rows(sitting_id: int):
    return (
        select(
            T_CHECKIN.c.id, T_CHECKIN.c.at, T_CHECKIN.c.station, T_PERSON.c.code, T_PERSON.c.name
        )
        .select_from(T_CHECKIN.join(T_PERSON, T_CHECKIN.c.person_id == T_PERSON.c.id))
        .where(T_CHECKIN.c.sitting_id == sitting_id)
    )


def _last_checkin_row(conn: Connection, sitting_id: int, station: str):
    return conn.execute(
        _checkin_rows(sitting_id)
        .where(T_CHECKIN.c.station == station)
        .order_by(T_CHECKIN.c.id.desc())
        .limit(1)
    ).first()


def undo_checkin(
    db: Database,
    *,
    reason: str,
    station: str = "",
    operator: str = "",
    code: str | None = None,
) -> UndoneCheckin:
    """Remove one check-in (this desk's last, or the named person's) with a written reason."""
    reason = (reason or "").strip()
    if not reason:
        raise refuse("undo.reason_required")
    with db.write() as conn:
        congress = require_congress(conn)
        sitting = require_sitting(conn, congress)
        if code is None:
            row = _last_checkin_row(conn, sitting.id, station)
            if row is None:
                raise refuse("undo.nothing")
        else:
            row = conn.execute(
                _checkin_rows(sitting.id).where(T_PERSON.c.code == badge_code.normalize_code(code))
            ).first()
            if row is None:
                raise refuse("undo.not_checked_in", code=code)
        conn.execute(delete(T_CHECKIN).where(T_CHECKIN.c.id == row.id))
        audit.append(
            conn,
            "checkin.undo",
            {
                "sitting_id": sitting.id,
                "code": row.code,
                "checked_in_at": row.at,
                "reason": reason,
            },
            congress_id=congress.id,
            station=station,
            operator=operator,
        )
    return UndoneCheckin(row.code, row.name, row.at, row.station)


@dataclass(frozen=True)
class SittingState:
    """One person at the current sitting, read fresh: a desk decides on this, not on a search
    row that another desk may have overtaken since."""

    code: str
    name: str
    checked_in_at: str | None
    checked_station: str | None
    on_leave: bool


def sitting_state(db: Database, code: str) -> SittingState:
    normalized = badge_code.normalize_code(code or "")
    with db.read() as conn:
        congress = require_congress(conn)
        sitting = require_sitting(conn, congress)
        person = conn.execute(
            PERSON_AT_SITTING,
            {"sitting_id": sitting.id, "congress_id": congress.id, "code": normalized},
        ).first()
    if person is None:
        raise refuse("leave.unknown", code=code)
    return SittingState(
        person.code,
        person.name,
        person.checked_in_at,
        person.checked_station if person.checked_in_at is not None else None,
        person.leave_id is not None,
    )


def record_leave(
    db: Database, code: str, *, reason: str, station: str = "", operator: str = ""
) -> PersonRow:
    """Approved leave (请假) for the current sitting."""
    reason = (reason or "").strip()
    if not reason:
        raise refuse("leave.reason_required")
    if len(reason) > 200:
        raise refuse("leave.reason_too_long")
    with db.write() as conn:
        congress, sitting, person = _leave_target(conn, code)
        checked = conn.execute(
            select(T_CHECKIN.c.at).where(
                T_CHECKIN.c.sitting_id == sitting.id, T_CHECKIN.c.person_id == person.id
            )
        ).first()
        if checked:
            raise refuse("leave.already_present", name=person.name)
        inserted = _insert_ignore(
            conn,
            T_LEAVE,
            {
                "sitting_id": sitting.id,
                "person_id": person.id,
                "reason": reason,
                "at": package.now_iso(),
                "operator": operator,
            },
        )
        if not inserted:
            raise refuse("leave.duplicate", name=person.name)
        audit.append(
            conn,
            "leave",
            {"sitting_id": sitting.id, "code": person.code, "reason": reason},
            congress_id=congress.id,
            station=station,
            operator=operator,
        )
    return PersonRow(
        person.id, person.code, person.name, person.delegation, person.category, person.unit
    )


def cancel_leave(
    db: Database, code: str, *, reason: str, station: str = "", operator: str = ""
) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise refuse("leave.reason_required")
    with db.write() as conn:
        congress, sitting, person = _leave_target(conn, code)
        removed = conn.execute(
            delete(T_LEAVE).where(
                T_LEAVE.c.sitting_id == sitting.id, T_LEAVE.c.person_id == person.id
            )
        ).rowcount
        if not removed:
            raise refuse("leave.not_on_leave", name=person.name)
        audit.append(
            conn,
            "leave.cancel",
            {"sitting_id": sitting.id, "code": person.code, "reason": reason},
            congress_id=congress.id,
            station=station,
            operator=operator,
        )


def _leave_target(conn: Connection, code: str):
    """(congress, sitting, person) a leave is recorded or cancelled for; an unknown code refused."""
    congress = require_congress(conn)
    sitting = require_sitting(conn, congress)
    person = _find_person(conn, congress.id, badge_code.normalize_code(code or ""))
    if person is None:
        raise refuse("leave.unknown", code=code)
    return congress, sitting, person
