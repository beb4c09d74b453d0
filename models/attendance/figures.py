"""The live attendance figures: totals, progress by delegation, recent check-ins, desks, the
dashboard."""

from dataclasses import dataclass

from sqlalchemy import Connection, and_, case, func, or_, select

from models import badge_code
from models.attendance.checkin import _person_query, _with_sitting_state
from models.attendance.records import NONVOTING_ATTENDEES, T_CHECKIN, T_LEAVE, T_MOVE, PersonRow
from models.congress import (
    T_DELEGATION,
    T_PERSON,
    VOTING,
    CongressInfo,
    SittingInfo,
    require_congress,
    require_sitting,
)
from models.db import Database
from models.rules.attendance import Attendance


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
        in_hall=_in_hall(conn, sitting.id),
    )


def _in_hall(conn: Connection, sitting_id: int) -> int | None:
    """Voting delegates in the hall; None when nobody has left it at this sitting."""
    if conn.execute(select(T_MOVE.c.id).where(T_MOVE.c.sitting_id == sitting_id).limit(1)).first():
        return conn.execute(
            select(func.count())
            .select_from(T_CHECKIN.join(T_PERSON, T_CHECKIN.c.person_id == T_PERSON.c.id))
            .where(
                T_CHECKIN.c.sitting_id == sitting_id,
                T_CHECKIN.c.in_hall.is_(True),
                T_PERSON.c.category == VOTING,
            )
        ).scalar_one()
    return None


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
