"""未到名单: the voting delegates of the current sitting who have not arrived, by delegation.

RULES §1: 缺席 = 应到 − 实到 − 请假, so a delegate on approved leave is not on the list (the
heading gives their number); attendees, guests and staff are never due, so never absent. The list
is for phoning the delegation heads: each delegation comes with its 团长 from the roster, and
everyone with the phone the roster gives (``phones`` says whether the roster has any at all, so
a roster without phones shows no empty phone column).
Read-only: nothing here changes the congress, so nothing is logged.
"""

import unicodedata
from dataclasses import dataclass, replace

from sqlalchemy import Connection, and_, exists, select

from models.attendance import T_CHECKIN, T_LEAVE, attendance_in, delegation_progress_in
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
from models.errors import refuse


@dataclass(frozen=True)
class Absentee:
    code: str
    name: str
    unit: str | None
    initials: str = ""
    phone: str | None = None


@dataclass(frozen=True)
class DelegationAbsentees:
    """One delegation's absentees; ``delegation`` None for delegates the roster puts in none."""

    delegation: str | None
    head: str | None
    head_code: str | None
    people: tuple[Absentee, ...]
    head_phone: str | None = None


@dataclass(frozen=True)
class AbsenteeReport:
    congress: CongressInfo
    sitting: SittingInfo
    due: int
    present: int
    leave: int
    groups: tuple[DelegationAbsentees, ...]
    delegation: str | None = None  # the filter asked for, if any
    phones: bool = False  # whether anybody on the roster has a phone

    @property
    def absent(self) -> int:
        return sum(len(group.people) for group in self.groups)

    def as_json(self) -> dict:
        return {
            "sitting": self.sitting.name,
            "delegation": self.delegation,
            "due": self.due,
            "present": self.present,
            "leave": self.leave,
            "absent": self.absent,
            "delegations": [
                {
                    "delegation": group.delegation,
                    "head": group.head,
                    "head_code": group.head_code,
                    "head_phone": group.head_phone,
                    "absent": [
                        {"code": p.code, "name": p.name, "unit": p.unit, "phone": p.phone}
                        for p in group.people
                    ],
                }
                for group in self.groups
            ],
        }


def absentees(db: Database, delegation: str | None = None) -> AbsenteeReport:
    """The absentees of the current sitting grouped by delegation (roster order), in one read.
    With ``delegation``, only that delegation (a name the roster does not have is refused)."""
    wanted = (delegation or "").strip() or None
    with db.snapshot() as conn:
        congress = require_congress(conn)
        sitting = require_sitting(conn, congress)
        delegation_id = _delegation_id(conn, congress.id, wanted) if wanted else None
        due, present, leave = _figures(conn, congress, sitting, wanted)
        rows = conn.execute(_absent_query(congress.id, sitting.id, delegation_id)).all()
        heads = _heads(conn, congress.id)
        phones = _roster_has_phones(conn, congress.id)
    groups: dict[int | None, list] = {}
    for row in rows:
        groups.setdefault(row.delegation_id, []).append(row)
    return AbsenteeReport(
        congress,
        sitting,
        due,
        present,
        leave,
        tuple(_group(members, heads) for members in groups.values()),
        wanted,
        phones,
    )


def _delegation_id(conn: Connection, congress_id: int, name: str) -> int:
    found = conn.execute(
        select(T_DELEGATION.c.id).where(
            T_DELEGATION.c.congress_id == congress_id, T_DELEGATION.c.name == name
        )
    ).scalar()
    if found is None:
        raise refuse("absent.unknown_delegation", delegation=name)
    return found


def _absent_query(congress_id: int, sitting_id: int, delegation_id: int | None):
    """Voting delegates with neither a check-in nor a leave at the sitting; people without a
    delegation come last."""
    query = (
        select(
            T_PERSON.c.code,
            T_PERSON.c.name,
            T_PERSON.c.unit,
            T_PERSON.c.initials,
            T_PERSON.c.phone,
            T_PERSON.c.delegation_id,
            T_DELEGATION.c.name.label("delegation"),
        )
        .select_from(
            T_PERSON.outerjoin(T_DELEGATION, T_PERSON.c.delegation_id == T_DELEGATION.c.id)
            .outerjoin(
                T_CHECKIN,
                and_(T_CHECKIN.c.person_id == T_PERSON.c.id, T_CHECKIN.c.sitting_id == sitting_id),
            )
            .outerjoin(
                T_LEAVE,
                and_(T_LEAVE.c.person_id == T_PERSON.c.id, T_LEAVE.c.sitting_id == sitting_id),
            )
        )
        .where(
            T_PERSON.c.congress_id == congress_id,
            T_PERSON.c.category == VOTING,
            T_CHECKIN.c.id.is_(None),
            T_LEAVE.c.id.is_(None),
        )
        .order_by(T_PERSON.c.delegation_id.is_(None), T_PERSON.c.delegation_id, T_PERSON.c.code)
    )
    if delegation_id is not None:
        query = query.where(T_PERSON.c.delegation_id == delegation_id)
    return query


def _heads(conn: Connection, congress_id: int) -> dict[int, tuple[str, str, str | None]]:
    """Delegation id → (head's name, code, phone)."""
    rows = conn.execute(
        select(T_DELEGATION.c.id, T_PERSON.c.name, T_PERSON.c.code, T_PERSON.c.phone)
        .join(T_PERSON, T_PERSON.c.id == T_DELEGATION.c.head_person_id)
        .where(T_DELEGATION.c.congress_id == congress_id)
    ).all()
    return {row.id: (row.name, row.code, row.phone) for row in rows}


def _roster_has_phones(conn: Connection, congress_id: int) -> bool:
    query = select(T_PERSON.c.id).where(
        T_PERSON.c.congress_id == congress_id, T_PERSON.c.phone.is_not(None)
    )
    return bool(conn.execute(select(exists(query))).scalar())


def _group(members: list, heads: dict[int, tuple[str, str, str | None]]) -> DelegationAbsentees:
    first = members[0]
    head, head_code, head_phone = heads.get(first.delegation_id, (None, None, None))
    people = tuple(Absentee(m.code, m.name, m.unit, m.initials or "", m.phone) for m in members)
    return DelegationAbsentees(first.delegation, head, head_code, people, head_phone)


def _figures(
    conn: Connection, congress: CongressInfo, sitting: SittingInfo, delegation: str | None
) -> tuple[int, int, int]:
    """应到, 实到, 请假 of the sitting, or of the one delegation the list is limited to."""
    if delegation is None:
        figures = attendance_in(conn, congress, sitting)
        return figures.due, figures.present, figures.leave
    for progress in delegation_progress_in(conn, congress, sitting):
        if progress.delegation == delegation:
            return progress.due, progress.present, progress.leave
    return 0, 0, 0  # a delegation with no voting delegates at all


def filter_report(report: AbsenteeReport, text: str) -> AbsenteeReport:
    """The report keeping only absentees whose name contains ``text``, whose code or 拼音
    initials start with it, or whose delegation's name contains it (the screen's filter field).
    Groups left empty are dropped; the heading's figures stay those of the whole list."""
    needle = unicodedata.normalize("NFKC", text or "").strip().casefold()
    if not needle:
        return report
    groups = []
    for group in report.groups:
        if needle in (group.delegation or "").casefold():
            groups.append(group)
            continue
        kept = tuple(p for p in group.people if _matches(p, needle))
        if kept:
            groups.append(replace(group, people=kept))
    return AbsenteeReport(
        report.congress,
        report.sitting,
        report.due,
        report.present,
        report.leave,
        tuple(groups),
        report.delegation,
        report.phones,
    )


def _matches(person: Absentee, needle: str) -> bool:
    return (
        needle in person.name.casefold()
        or person.code.casefold().startswith(needle)
        or (needle.isascii() and person.initials.startswith(needle))
    )
