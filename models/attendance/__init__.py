"""Check-in, leave and failed scans for a sitting, and the live attendance figures."""

from dataclasses import dataclass

from sqlalchemy import (
    Connection,
    UniqueConstraint,
    and_,
    bindparam,
    case,
    delete,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, SQLModel

from models import audit, badge_code
from models.badge_keys import badge_problem
from models.clock import now_iso
from models.congress import (
    T_DELEGATION,
    T_PERSON,
    VOTING,
    CongressInfo,
    SittingInfo,
    desk_context,
    require_congress,
    require_sitting,
)
from models.db import Database
from models.errors import refuse
from models.rules.attendance import Attendance

NONVOTING_ATTENDEES = ("attendee", "guest")
RAW_KEEP_CHARS = 500


class CheckIn(SQLModel, table=True):
    __tablename__ = "checkin"
    __table_args__ = (UniqueConstraint("sitting_id", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    sitting_id: int = Field(foreign_key="sitting.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    at: str = Field(max_length=40)
    station: str = Field(default="", max_length=64)
    method: str = Field(max_length=16)  # scan | manual
    operator: str = Field(default="", max_length=64)


class Leave(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("sitting_id", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    sitting_id: int = Field(foreign_key="sitting.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    reason: str = Field(max_length=200)
    at: str = Field(max_length=40)
    operator: str = Field(default="", max_length=64)


class FailedScan(SQLModel, table=True):
    __tablename__ = "failed_scan"
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int | None = Field(default=None, index=True)
    sitting_id: int | None = None
    raw: str = Field(max_length=RAW_KEEP_CHARS)
    reason: str = Field(max_length=32)
    at: str = Field(max_length=40)
    station: str = Field(default="", max_length=64)


T_CHECKIN = CheckIn.__table__
T_LEAVE = Leave.__table__
T_FAILED = FailedScan.__table__


@dataclass(frozen=True)
class CheckinResult:
    """What the desk shows after one scan. ``status`` is the CLI contract's value."""

    status: str  # ok | already | invalid | unknown | on_leave
    reason: str | None = None  # for invalid: malformed | forged | foreign | revoked (an old key)
    code: str | None = None
    name: str | None = None
    delegation: str | None = None
    category: str | None = None
    at: str | None = None
    station: str | None = None
    method: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def as_json(self) -> dict:
        data = {
            "status": self.status,
            "code": self.code,
            "name": self.name,
            "delegation": self.delegation,
            "at": self.at,
        }
        if self.reason:
            data["reason"] = self.reason
        if self.station is not None:
            data["station"] = self.station
        if self.status == "already":  # spelled out: "at" of an ok is this scan's own time
            data["first_at"] = self.at
            data["first_station"] = self.station
        return data


@dataclass(frozen=True)
class PersonRow:
    id: int
    code: str
    name: str
    delegation: str | None
    category: str
    unit: str | None
    checked_in_at: str | None = None
    on_leave: bool = False


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
    at = now_iso()
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
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing()
    return conn.execute(statement.returning(table.c.id)).first() is not None


def _with_sitting_state(query, sitting_id):
    """People with their state at a sitting: whether on leave, when and where checked in."""
    return (
        query.add_columns(
            T_CHECKIN.c.at.label("checked_in_at"),
            T_CHECKIN.c.station.label("checked_station"),
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


# Built once (SQLAlchemy memoizes their cache keys): a scan runs these and constructs nothing.
# One indexed lookup answers everything a scan decides on.
PERSON_AT_SITTING = _with_sitting_state(_person_query(), bindparam("sitting_id")).where(
    T_PERSON.c.congress_id == bindparam("congress_id"), T_PERSON.c.code == bindparam("code")
)
EARLIER_CHECKIN = select(T_CHECKIN.c.at, T_CHECKIN.c.station).where(
    T_CHECKIN.c.sitting_id == bindparam("sitting_id"),
    T_CHECKIN.c.person_id == bindparam("person_id"),
)
INSERT_CHECKIN = {
    name: dialect.insert(T_CHECKIN).on_conflict_do_nothing().returning(T_CHECKIN.c.id)
    for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))
}


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
        return _check_in_person(conn, congress, sitting, person, station, operator, method)


def _check_in_person(conn, congress, sitting, person, station, operator, method) -> CheckinResult:
    common = {
        "code": person.code,
        "name": person.name,
        "delegation": person.delegation,
        "category": person.category,
        "method": method,
    }
    if person.leave_id is not None:
        _record_failure(conn, congress, sitting, person.code, "on_leave", station, operator)
        return CheckinResult("on_leave", **common)
    if person.checked_in_at is not None:
        return CheckinResult(
            "already", at=person.checked_in_at, station=person.checked_station, **common
        )
    at = now_iso()
    inserted = conn.execute(
        INSERT_CHECKIN[conn.dialect.name],
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
    normalized = badge_code.normalize_code(code or "")
    with db.write() as conn:
        congress = require_congress(conn)
        sitting = require_sitting(conn, congress)
        person = _find_person(conn, congress.id, normalized)
        if person is None:
            raise refuse("leave.unknown", code=code)
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
                "at": now_iso(),
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
    normalized = badge_code.normalize_code(code or "")
    with db.write() as conn:
        congress = require_congress(conn)
        sitting = require_sitting(conn, congress)
        person = _find_person(conn, congress.id, normalized)
        if person is None:
            raise refuse("leave.unknown", code=code)
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


def _count(conn: Connection, table, sitting_id: int, categories: tuple[str, ...]) -> int:
    return conn.execute(
        select(func.count())
        .select_from(table.join(T_PERSON, table.c.person_id == T_PERSON.c.id))
        .where(table.c.sitting_id == sitting_id, T_PERSON.c.category.in_(categories))
    ).scalar_one()


def attendance_in(conn: Connection, congress: CongressInfo, sitting: SittingInfo) -> Attendance:
    due = conn.execute(
        select(func.count())
        .select_from(T_PERSON)
        .where(T_PERSON.c.congress_id == congress.id, T_PERSON.c.category == VOTING)
    ).scalar_one()
    return Attendance(
        due=due,
        present=_count(conn, T_CHECKIN, sitting.id, (VOTING,)),
        leave=_count(conn, T_LEAVE, sitting.id, (VOTING,)),
        nonvoting_present=_count(conn, T_CHECKIN, sitting.id, NONVOTING_ATTENDEES),
    )


@dataclass(frozen=True)
class AttendanceReport:
    congress: CongressInfo
    sitting: SittingInfo
    figures: Attendance


def attendance(db: Database) -> AttendanceReport:
    with db.read() as conn:
        congress = require_congress(conn)
        sitting = require_sitting(conn, congress)
        return AttendanceReport(congress, sitting, attendance_in(conn, congress, sitting))


@dataclass(frozen=True)
class DelegationProgress:
    delegation: str | None
    due: int
    present: int
    leave: int


def delegation_progress(db: Database) -> list[DelegationProgress]:
    """Per 代表团: voting delegates due, present and on leave, in one grouped query."""
    with db.read() as conn:
        congress = require_congress(conn)
        return delegation_progress_in(conn, congress, require_sitting(conn, congress))


def delegation_progress_in(
    conn: Connection, congress: CongressInfo, sitting: SittingInfo
) -> list[DelegationProgress]:
    present = case((T_CHECKIN.c.id.is_not(None), 1), else_=0)
    on_leave = case((T_LEAVE.c.id.is_not(None), 1), else_=0)
    rows = conn.execute(
        select(
            T_DELEGATION.c.name,
            func.count(T_PERSON.c.id),
            func.sum(present),
            func.sum(on_leave),
        )
        .select_from(
            T_PERSON.outerjoin(T_DELEGATION, T_PERSON.c.delegation_id == T_DELEGATION.c.id)
            .outerjoin(
                T_CHECKIN,
                and_(T_CHECKIN.c.person_id == T_PERSON.c.id, T_CHECKIN.c.sitting_id == sitting.id),
            )
            .outerjoin(
                T_LEAVE,
                and_(T_LEAVE.c.person_id == T_PERSON.c.id, T_LEAVE.c.sitting_id == sitting.id),
            )
        )
        .where(T_PERSON.c.congress_id == congress.id, T_PERSON.c.category == VOTING)
        .group_by(T_DELEGATION.c.id, T_DELEGATION.c.name)
        .order_by(T_DELEGATION.c.id)
    ).all()
    return [DelegationProgress(name, due, int(p or 0), int(lv or 0)) for name, due, p, lv in rows]


@dataclass(frozen=True)
class RecentCheckin:
    at: str
    code: str
    name: str
    delegation: str | None
    station: str
    method: str
    category: str


def recent_checkins(db: Database, limit: int = 10) -> list[RecentCheckin]:
    with db.read() as conn:
        congress = require_congress(conn)
        return recent_checkins_in(conn, require_sitting(conn, congress).id, limit)


def recent_checkins_in(conn: Connection, sitting_id: int, limit: int) -> list[RecentCheckin]:
    rows = conn.execute(
        select(
            T_CHECKIN.c.at,
            T_PERSON.c.code,
            T_PERSON.c.name,
            T_DELEGATION.c.name.label("delegation"),
            T_CHECKIN.c.station,
            T_CHECKIN.c.method,
            T_PERSON.c.category,
        )
        .select_from(
            T_CHECKIN.join(T_PERSON, T_CHECKIN.c.person_id == T_PERSON.c.id).outerjoin(
                T_DELEGATION, T_PERSON.c.delegation_id == T_DELEGATION.c.id
            )
        )
        .where(T_CHECKIN.c.sitting_id == sitting_id)
        .order_by(T_CHECKIN.c.id.desc())
        .limit(limit)
    ).all()
    return [RecentCheckin(*row) for row in rows]


def search_people(db: Database, query: str, limit: int = 20) -> list[PersonRow]:
    """Find people by name (any part), code (prefix) or 拼音 initials (prefix), e.g. zsf → 张三丰."""
    text = badge_code.normalize_scan(query or "")
    if not text:
        return []
    pattern = text.lower()
    with db.read() as conn:
        congress = require_congress(conn)
        # Proposals are taken before the first sitting too; then nobody has checked in yet.
        sitting_id = congress.current_sitting_id or -1
        conditions = [
            T_PERSON.c.name.contains(query.strip(), autoescape=True),
            T_PERSON.c.code.startswith(text, autoescape=True),
        ]
        if pattern.isascii() and pattern.isalpha():
            conditions.append(T_PERSON.c.initials.startswith(pattern, autoescape=True))
        rows = conn.execute(
            _with_sitting_state(_person_query(), sitting_id)
            .where(T_PERSON.c.congress_id == congress.id, or_(*conditions))
            .order_by((T_PERSON.c.code == text).desc(), T_PERSON.c.code)
            .limit(limit)
        ).all()
    return [
        PersonRow(
            r.id,
            r.code,
            r.name,
            r.delegation,
            r.category,
            r.unit,
            r.checked_in_at,
            r.leave_id is not None,
        )
        for r in rows
    ]


@dataclass(frozen=True)
class DeskCount:
    """Check-ins of the current sitting made at one desk (scans and manual ones)."""

    station: str
    checkins: int
    last_at: str


def desk_counts(db: Database) -> list[DeskCount]:
    with db.read() as conn:
        congress = require_congress(conn)
        sitting = require_sitting(conn, congress)
        return desk_counts_in(conn, sitting.id)


def desk_counts_in(conn: Connection, sitting_id: int) -> list[DeskCount]:
    """Busiest desk first; ties by name so the order does not jump between refreshes."""
    checkins = func.count(T_CHECKIN.c.id)
    rows = conn.execute(
        select(T_CHECKIN.c.station, checkins, func.max(T_CHECKIN.c.at))
        .where(T_CHECKIN.c.sitting_id == sitting_id)
        .group_by(T_CHECKIN.c.station)
        .order_by(checkins.desc(), T_CHECKIN.c.station)
    ).all()
    return [DeskCount(station, count, last_at) for station, count, last_at in rows]


@dataclass(frozen=True)
class Dashboard:
    """Everything the check-in screen shows, read at one moment."""

    report: AttendanceReport
    progress: list[DelegationProgress]
    recent: list[RecentCheckin]
    desks: list[DeskCount]


def dashboard(db: Database, recent_rows: int = 10) -> Dashboard:
    """The figures, per delegation, the latest check-ins and per desk in ONE read: the congress
    and sitting are looked up once, and the panels cannot disagree with each other."""
    with db.snapshot() as conn:
        congress = require_congress(conn)
        sitting = require_sitting(conn, congress)
        return Dashboard(
            AttendanceReport(congress, sitting, attendance_in(conn, congress, sitting)),
            delegation_progress_in(conn, congress, sitting),
            recent_checkins_in(conn, sitting.id, recent_rows),
            desk_counts_in(conn, sitting.id),
        )
