"""Everything the minutes package prints, read at one moment (issue 6).

:func:`collect_minutes` runs inside the caller's read transaction, so the workbook, the attendance
sheet, the CSV copies and the archive written from one collect all describe the same state: the
audit log's head at that moment is part of the data and printed on the cover. The result is plain
frozen objects; the writers never touch the database.

The roster and every check-in and leave of the congress are read in three set-based queries (one
per table, whatever the number of people or sittings) and joined here, so a 10,000-person roster
collects in a fraction of a second.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from models import proposals as proposal_service
from models.attendance import T_CHECKIN, T_LEAVE, attendance_in
from models.audit import GENESIS, T_EVENT
from models.congress import (
    CATEGORIES,
    T_DELEGATION,
    T_PERSON,
    T_SITTING,
    VOTING,
    CongressInfo,
    SittingInfo,
    require_congress,
)
from models.contests import T_CONTEST, contest_info
from models.proposals import ProposalDetail, ProposalStats
from models.results import outcome_in
from models.rules.attendance import Attendance
from models.scores import Standings, standings_in
from models.voting import T_ITEM, item_info

PRESENT = "present"
LEAVE = "leave"
ABSENT = "absent"

ANNOUNCEMENT = (
    "本次大会应到代表{due}名，实到代表{present}名，因事因病请假{leave}名，"
    "列席代表{nonvoting}名，{verdict}"
)
QUORUM_MET = "到会人数符合规定，可以开会。"
QUORUM_SHORT = "不足法定人数，不能开会。"


def announcement_zh(figures: Attendance) -> str:
    """The presiding officer's line of RULES.md §1, always in Chinese (a printed record; the
    catalog's ``att.announcement_ok``/``att.announcement_short`` say the same in zh)."""
    return ANNOUNCEMENT.format(
        due=figures.due,
        present=figures.present,
        leave=figures.leave,
        nonvoting=figures.nonvoting_present,
        verdict=QUORUM_MET if figures.quorum_met else QUORUM_SHORT,
    )


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    """One person of the roster at one sitting."""

    code: str
    name: str
    gender: str | None
    unit: str | None
    delegation: str | None
    category: str  # delegate | attendee | guest | staff
    status: str  # present | leave | absent (leave only for voting delegates)
    checked_in_at: str | None  # ISO 8601 as stored
    station: str | None
    method: str | None  # scan | manual
    leave_reason: str | None

    @property
    def voting(self) -> bool:
        return self.category == VOTING


@dataclass(frozen=True)
class SittingMinutes:
    sitting: SittingInfo
    figures: Attendance
    announcement: str
    people: tuple[AttendanceRow, ...]  # by delegation (in roster order), voting first, by code


@dataclass(frozen=True)
class MinutesData:
    congress: CongressInfo
    head_id: int  # the audit log's last event when the data was read (0: an empty log)
    head_hash: str
    as_of: date  # the day proposals were judged overdue against
    sittings: tuple[SittingMinutes, ...]
    items: tuple  # motion / election / appraisal outcomes, in number order
    proposals: tuple[ProposalDetail, ...]
    proposal_stats: ProposalStats
    contests: tuple[Standings, ...]

    @property
    def head_short(self) -> str:
        return self.head_hash[:16]


# -- reading ------------------------------------------------------------------------------------


def _head(conn: Connection) -> tuple[int, str]:
    row = conn.execute(
        select(T_EVENT.c.id, T_EVENT.c.hash).order_by(T_EVENT.c.id.desc()).limit(1)
    ).first()
    return (row.id, row.hash) if row else (0, GENESIS)


def sittings_of(conn: Connection, congress: CongressInfo) -> list[SittingInfo]:
    rows = conn.execute(
        select(T_SITTING.c.id, T_SITTING.c.congress_id, T_SITTING.c.name)
        .where(T_SITTING.c.congress_id == congress.id)
        .order_by(T_SITTING.c.id)
    ).all()
    return [SittingInfo(r.id, r.congress_id, r.name) for r in rows]


def _roster(conn: Connection, congress: CongressInfo) -> list[tuple]:
    """Every person as ``(id, code, name, gender, unit, delegation, category)``, by delegation
    (in the order the delegations were made; none last), voting delegates first, then by code."""
    rows = conn.execute(
        select(
            T_PERSON.c.id,
            T_PERSON.c.code,
            T_PERSON.c.name,
            T_PERSON.c.gender,
            T_PERSON.c.unit,
            T_DELEGATION.c.name,
            T_PERSON.c.category,
            T_PERSON.c.delegation_id,
        )
        .select_from(
            T_PERSON.outerjoin(T_DELEGATION, T_PERSON.c.delegation_id == T_DELEGATION.c.id)
        )
        .where(T_PERSON.c.congress_id == congress.id)
    ).all()
    order = {category: i for i, category in enumerate(CATEGORIES)}
    rows.sort(key=lambda r: (r[7] is None, r[7] or 0, order.get(r[6], len(order)), r[1]))
    return [(r[0], r[1], r[2], r[3] or None, r[4] or None, r[5], r[6]) for r in rows]


def _by_sitting(conn: Connection, table, columns, congress: CongressInfo) -> dict:
    """``{(sitting id, person id): (columns…)}`` for every row of ``table`` in the congress's
    sittings: one query however many sittings there are."""
    rows = conn.execute(
        select(table.c.sitting_id, table.c.person_id, *columns)
        .join(T_SITTING, T_SITTING.c.id == table.c.sitting_id)
        .where(T_SITTING.c.congress_id == congress.id)
    ).all()
    return {(r[0], r[1]): tuple(r[2:]) for r in rows}


NOT_IN = (None, None, None)


def _person_rows(sitting_id: int, roster: list[tuple], checkins: dict, leaves: dict):
    rows = []
    append = rows.append
    for person_id, code, name, gender, unit, delegation, category in roster:
        key = (sitting_id, person_id)
        checked = checkins.get(key)
        leave = leaves.get(key)
        if checked is not None:
            status = PRESENT
        elif leave is not None and category == VOTING:
            status = LEAVE
        else:
            status = ABSENT
        at, station, method = checked or NOT_IN
        append(
            AttendanceRow(
                code,
                name,
                gender,
                unit,
                delegation,
                category,
                status,
                at,
                station or None,
                method,
                leave[0] if leave else None,
            )
        )
    return tuple(rows)


def item_outcomes(conn: Connection, congress: CongressInfo) -> tuple:
    rows = conn.execute(
        select(T_ITEM).where(T_ITEM.c.congress_id == congress.id).order_by(T_ITEM.c.number)
    ).all()
    return tuple(outcome_in(conn, item_info(conn, row)) for row in rows)


def contest_standings(conn: Connection, congress: CongressInfo) -> tuple[Standings, ...]:
    rows = conn.execute(
        select(T_CONTEST).where(T_CONTEST.c.congress_id == congress.id).order_by(T_CONTEST.c.number)
    ).all()
    return tuple(standings_in(conn, contest_info(conn, row)) for row in rows)


def collect_minutes(conn: Connection, *, as_of: date | None = None) -> MinutesData:
    """Everything about the current congress, inside the caller's (read) transaction."""
    congress = require_congress(conn)
    head_id, head_hash = _head(conn)
    day = as_of or date.today()
    roster = _roster(conn, congress)
    checkins = _by_sitting(
        conn, T_CHECKIN, (T_CHECKIN.c.at, T_CHECKIN.c.station, T_CHECKIN.c.method), congress
    )
    leaves = _by_sitting(conn, T_LEAVE, (T_LEAVE.c.reason,), congress)
    sittings = []
    for sitting in sittings_of(conn, congress):
        figures = attendance_in(conn, congress, sitting)
        sittings.append(
            SittingMinutes(
                sitting=sitting,
                figures=figures,
                announcement=announcement_zh(figures),
                people=_person_rows(sitting.id, roster, checkins, leaves),
            )
        )
    return MinutesData(
        congress=congress,
        head_id=head_id,
        head_hash=head_hash,
        as_of=day,
        sittings=tuple(sittings),
        items=item_outcomes(conn, congress),
        proposals=tuple(proposal_service.all_details_in(conn, today=day)),
        proposal_stats=proposal_service.proposal_stats_in(conn, today=day),
        contests=contest_standings(conn, congress),
    )
