"""Checking a person in from a code or a badge scan; a failed scan is kept with its reason."""

from sqlalchemy import Connection, and_, bindparam, column, insert, literal, select, table

import models.attendance as package  # read the clock here: a test fixes it on the package
from models import audit, badge_code
from models.attendance.moves import move
from models.attendance.records import (
    ENTRY,
    RAW_KEEP_CHARS,
    T_CHECKIN,
    T_FAILED,
    T_LEAVE,
    CheckinResult,
)
from models.badge_keys import badge_problem
from models.congress import T_DELEGATION, T_PERSON, CongressInfo, SittingInfo, desk_context
from models.db import Database, insert_ignore


def _person_query():
    return select(
        T_PERSON.c.id,
        T_PERSON.c.code,
        T_PERSON.c.name,
        T_PERSON.c.category,
        T_PERSON.c.unit,
        T_DELEGATION.c.name.label("delegation"),
    ).select_from(T_PERSON.outerjoin(T_DELEGATION, T_PERSON.c.delegation_id == T_DELEGATION.c.id))


def _find_person(conn: Connection, congress_id: int, code: str):
    return conn.execute(
        _person_query().where(T_PERSON.c.congress_id == congress_id, T_PERSON.c.code == code)
    ).first()


def _record_failure(
    conn: Connection,
    congress: CongressInfo,
    sitting: SittingInfo,
    raw: str,
    reason: str,
    station: str,
    operator: str,
) -> None:
    kept = raw[:RAW_KEEP_CHARS]
    at = package.now_iso()
    conn.execute(
        insert(T_FAILED).values(
            congress_id=congress.id,
            sitting_id=sitting.id,
            raw=kept,
            reason=reason,
            at=at,
            station=station,
        )
    )
    audit.append(
        conn,
        "checkin.failed",
        {"sitting_id": sitting.id, "raw": kept, "reason": reason},
        congress_id=congress.id,
        station=station,
        operator=operator,
        at=at,
    )


def _insert_ignore(conn: Connection, table, values: dict) -> bool:
    """INSERT … ON CONFLICT DO NOTHING: the unique constraint decides, even across desks."""
    statement = insert_ignore(conn, table, returning="id").values(**values)
    return conn.execute(statement).first() is not None


def _with_sitting_state(query, sitting_id):
    """People with their state at a sitting: whether on leave, when and where checked in."""
    return (
        query.add_columns(
            T_CHECKIN.c.at.label("checked_in_at"),
            T_CHECKIN.c.station.label("checked_station"),
            T_CHECKIN.c.in_hall.label("in_hall"),
            T_LEAVE.c.id.label("leave_id"),
        )
        .outerjoin(
            T_CHECKIN,
            and_(T_CHECKIN.c.person_id == T_PERSON.c.id, T_CHECKIN.c.sitting_id == sitting_id),
        )
        .outerjoin(
            T_LEAVE,
            and_(T_LEAVE.c.person_id == T_PERSON.c.id, T_LEAVE.c.sitting_id == sitting_id),
        )
    )


# The congress's settings, by name only: attendance does not import voting, which builds on it.
_SETTING = table("congress_setting", column("congress_id"), column("key"), column("value"))


def _with_desk_texts(query):
    """The seat, the person's note and their category's note (the ``note.<category>`` setting):
    what the ✔ panel says, read in the scan's one query."""
    return query.add_columns(
        T_PERSON.c.seat, T_PERSON.c.note, _SETTING.c.value.label("category_note")
    ).outerjoin(
        _SETTING,
        and_(
            _SETTING.c.congress_id == T_PERSON.c.congress_id,
            _SETTING.c.key == literal("note.") + T_PERSON.c.category,
        ),
    )


# Built once (SQLAlchemy memoizes their cache keys): a scan runs these and constructs nothing.
# One indexed lookup answers everything a scan decides on.
PERSON_AT_SITTING = _with_desk_texts(
    _with_sitting_state(_person_query(), bindparam("sitting_id"))
).where(T_PERSON.c.congress_id == bindparam("congress_id"), T_PERSON.c.code == bindparam("code"))
EARLIER_CHECKIN = select(T_CHECKIN.c.at, T_CHECKIN.c.station).where(
    T_CHECKIN.c.sitting_id == bindparam("sitting_id"),
    T_CHECKIN.c.person_id == bindparam("person_id"),
)


def _identify(
    conn: Connection,
    congress: CongressInfo,
    sitting: SittingInfo,
    secret: bytes,
    text: str,
    scanned: bool,
):
    """(person row, None) or (None, (status, reason)) for a scanned badge or a typed code."""
    if scanned:
        badge = badge_code.parse(text)
        if badge is None:
            return None, ("invalid", "malformed")
        problem = badge_problem(conn, congress, secret, badge)
        if problem is not None:
            return None, ("invalid", problem)
        code = badge.code
    else:
        code = text
        if not badge_code.is_valid_code(code):
            return None, ("unknown", None)
    person = conn.execute(
        PERSON_AT_SITTING, {"sitting_id": sitting.id, "congress_id": congress.id, "code": code}
    ).first()
    if person is None:
        return None, ("unknown", None)
    return person, None


def check_in(
    db: Database,
    raw: str,
    *,
    station: str = "",
    operator: str = "",
    method: str | None = None,
) -> CheckinResult:
    """One check-in, committed before it returns.

    ``method`` None: a text that looks like a badge is verified as a scan; anything else is a
    bare code (manual check-in). ``method="scan"`` refuses anything but a genuine badge, as the
    scan field does: a stray QR code must never check a person in by accident.
    """
    return desk_scan(db, raw, _check_in_person, station=station, operator=operator, method=method)


def desk_scan(
    db: Database,
    raw: str,
    then,
    *,
    station: str = "",
    operator: str = "",
    method: str | None = None,
) -> CheckinResult:
    """A desk's scan or typed code, identified in one transaction: a failure is kept with its
    reason; the person found goes to ``then(conn, congress, sitting, person, station, operator,
    method)`` (check-in, exit), which answers."""
    # PostgreSQL's text cannot hold a NUL; the attempt is still kept, with the NUL marked.
    raw = (raw or "").replace("\x00", "\ufffd")
    text = badge_code.normalize_scan(raw)
    scanned = method == "scan" or (method is None and badge_code.looks_like_badge(text))
    method = "scan" if scanned else "manual"
    with db.write() as conn:
        congress, sitting, secret = desk_context(conn)
        person, failure = _identify(conn, congress, sitting, secret, text, scanned)
        if failure is not None:
            status, reason = failure
            _record_failure(conn, congress, sitting, raw, reason or status, station, operator)
            code = text[:64] if status == "unknown" and text else None
            return CheckinResult(status, reason=reason, code=code, method=method)
        return then(conn, congress, sitting, person, station, operator, method)


def person_fields(person, method: str) -> dict:
    """What every answer about a person carries."""
    return {
        "code": person.code,
        "name": person.name,
        "delegation": person.delegation,
        "category": person.category,
        "method": method,
    }


def desk_texts(person) -> dict:
    """The seat and the notes the ✔ panel shows under the name (an exit shows none)."""
    notes = tuple(note for note in (person.note, person.category_note) if note)
    return {"seat": person.seat, "notes": notes}


def _check_in_person(conn, congress, sitting, person, station, operator, method) -> CheckinResult:
    common = {**person_fields(person, method), **desk_texts(person)}
    if person.leave_id is not None:
        _record_failure(conn, congress, sitting, person.code, "on_leave", station, operator)
        return CheckinResult("on_leave", **common)
    if person.checked_in_at is not None and not person.in_hall:
        at = move(conn, congress, sitting, person, ENTRY, station=station, operator=operator)
        if at is not None:  # back from an exit (another desk may have let them in just now)
            return CheckinResult("reentered", at=at, station=station, **common)
    if person.checked_in_at is not None:
        return CheckinResult(
            "already", at=person.checked_in_at, station=person.checked_station, **common
        )
    at = package.now_iso()
    inserted = conn.execute(
        insert_ignore(conn, T_CHECKIN, returning="id"),
        {
            "sitting_id": sitting.id,
            "person_id": person.id,
            "at": at,
            "station": station,
            "method": method,
            "operator": operator,
        },
    ).first()
    if inserted is None:  # another desk's commit landed since the lookup (PostgreSQL)
        ids = {"sitting_id": sitting.id, "person_id": person.id}
        earlier = conn.execute(EARLIER_CHECKIN, ids).one()
        return CheckinResult("already", at=earlier.at, station=earlier.station, **common)
    audit.append(
        conn,
        "checkin",
        {"sitting_id": sitting.id, "code": person.code, "method": method},
        congress_id=congress.id,
        station=station,
        operator=operator,
        at=at,
    )
    return CheckinResult("ok", at=at, station=station, **common)
