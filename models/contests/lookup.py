"""Finding a contest and its entrants, and locking a contest for a change."""

import json
from decimal import Decimal

from sqlalchemy import Connection, func, select

from models.congress import require_congress
from models.contests.match_format import format_from_text
from models.contests.records import (
    T_CONTEST,
    T_ENTRANT,
    T_EVENT,
    ContestInfo,
    ContestSummary,
    EntrantInfo,
    EventInfo,
    quiz_from_json,
    stage_from_json,
)
from models.db import lock_row, numbered_row
from models.errors import refuse
from models.numerals import row_number
from models.rules.ranking import parse_awards
from models.rules.speaking import clock_from_json

# --- loading -------------------------------------------------------------------------------------


def _event_info(row) -> EventInfo:
    stages = tuple(stage_from_json(s) for s in json.loads(row.stages))
    matches = format_from_text(row.matches)
    clock = clock_from_json(json.loads(row.clock)) if row.clock else None
    quiz = quiz_from_json(row.quiz)
    return EventInfo(row.id, row.name, row.position, stages, quiz, matches=matches, clock=clock)


def contest_info(conn: Connection, row) -> ContestInfo:
    events = conn.execute(
        select(T_EVENT).where(T_EVENT.c.contest_id == row.id).order_by(T_EVENT.c.position)
    ).all()
    return ContestInfo(
        id=row.id,
        congress_id=row.congress_id,
        number=row.number,
        title=row.title,
        judges=row.judges,
        trim=row.trim,
        decimals=row.decimals,
        maximum=Decimal(row.max_mark),
        awards=parse_awards(row.awards),
        tie_breakers=tuple(json.loads(row.tie_breakers)),
        team_score=row.team_score,
        judge_names=tuple(json.loads(row.judge_names)),
        on_stage=row.on_stage,
        events=tuple(_event_info(e) for e in events),
    )


def load_contest(conn: Connection, ref) -> ContestInfo:
    row = numbered_row(conn, T_CONTEST, require_congress(conn).id, ref)
    if row is None:
        raise refuse("contest.no_such_contest", ref=" ".join(str(ref or "").split()))
    return contest_info(conn, row)


def lock_contest(conn: Connection, contest: ContestInfo) -> None:
    """On PostgreSQL, two desks changing one contest queue up, so a check-then-write (is there a
    mark from this judge already?) cannot race (SQLite's BEGIN IMMEDIATE already serialises)."""
    lock_row(conn, T_CONTEST, contest.id)


def writable_contest(conn: Connection, ref) -> ContestInfo:
    """The contest, locked for this write transaction."""
    contest = load_contest(conn, ref)
    lock_contest(conn, contest)
    return contest


def _scorable(conn: Connection, ref) -> ContestInfo:
    """Locked for this write and refused once its standings are published (models.contest_publish
    imports this module, hence the import here)."""
    from models.contest_publish import scorable_contest

    return scorable_contest(conn, ref)


def get_contest(db, ref) -> ContestInfo:
    with db.read() as conn:
        return load_contest(conn, ref)


def list_contests(db) -> list[ContestSummary]:
    with db.read() as conn:
        congress = require_congress(conn)
        entrants = (
            select(func.count())
            .where(T_ENTRANT.c.contest_id == T_CONTEST.c.id)
            .correlate(T_CONTEST)
            .scalar_subquery()
        )
        rows = conn.execute(
            select(T_CONTEST.c.number, T_CONTEST.c.title, entrants.label("entrants"))
            .where(T_CONTEST.c.congress_id == congress.id)
            .order_by(T_CONTEST.c.number)
        ).all()
    return [ContestSummary(r.number, r.title, r.entrants) for r in rows]


def entrant_info(row) -> EntrantInfo:
    return EntrantInfo(
        row.id,
        row.contest_id,
        row.event_id,
        row.number,
        row.name,
        row.unit,
        row.group_name,
        row.team,
        tuple(json.loads(row.members)),
        row.seed,
    )


def list_entrants(conn: Connection, contest: ContestInfo) -> list[EntrantInfo]:
    rows = conn.execute(
        select(T_ENTRANT).where(T_ENTRANT.c.contest_id == contest.id).order_by(T_ENTRANT.c.number)
    ).all()
    return [entrant_info(r) for r in rows]


def entrants_of(db, contest_ref) -> list[EntrantInfo]:
    with db.read() as conn:
        return list_entrants(conn, load_contest(conn, contest_ref))


def find_entrant(conn: Connection, contest: ContestInfo, ref) -> EntrantInfo:
    """By 出场序号, or by name when that name is unique in the contest."""
    text = " ".join(str(ref if ref is not None else "").split())
    query = select(T_ENTRANT).where(T_ENTRANT.c.contest_id == contest.id)
    if (number := row_number(text)) is not None:
        row = conn.execute(query.where(T_ENTRANT.c.number == number)).first()
        if row is not None:
            return entrant_info(row)
    rows = conn.execute(query.where(T_ENTRANT.c.name == text)).all() if text else []
    if len(rows) > 1:
        raise refuse("contest.ambiguous_entrant", name=text, count=len(rows))
    if not rows:
        raise refuse("contest.no_such_entrant", ref=text)
    return entrant_info(rows[0])
