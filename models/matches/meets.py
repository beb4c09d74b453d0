"""Sports meets (运动会): the events of contests joined for the units' team points (团体总分,
RULES §7). A place scores the meet's table (9-7-6-5-4-3-2-1 by default); sides tied for a place
share the points of the places they occupy, kept as exact fractions; a broken record doubles the
points or adds the meet's bonus. Judged and measured events give their places once every entrant
of a group is complete; a round robin once its single group is played out; a knockout the places
it has decided."""

from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import Connection, func, insert, select

from models import audit
from models.clock import now_iso
from models.congress import require_congress
from models.contests import ContestInfo, EventInfo, contest_info, find_entrant, list_entrants
from models.contests.lookup import load_contest
from models.contests.records import T_CONTEST
from models.contests.setup import clean_name
from models.db import numbered_row
from models.errors import refuse
from models.matches.lookup import matches_of
from models.matches.records import (
    T_MEET,
    T_MEET_EVENT,
    T_MEET_RECORD,
    MatchInfo,
)
from models.matches.tables import bracket_places, group_tables
from models.roster import lock_congress


@dataclass(frozen=True)
class MeetInfo:
    id: int
    congress_id: int
    number: int
    name: str
    points: tuple[int, ...]
    record: str
    decimals: int
    events: tuple[tuple[int, int], ...]  # (contest id, event id) in the order added


@dataclass(frozen=True)
class EventPlaces:
    contest: ContestInfo
    event: EventInfo
    group: str
    places: tuple[tuple[int, ...], ...]  # entrant ids by place; a shared place has several
    ranks: tuple[int, ...] = ()  # each place's rank: a knockout may decide 5th before 1st


@dataclass(frozen=True)
class MeetStandings:
    meet: MeetInfo
    rows: tuple  # teampoints.UnitRow
    medals: tuple  # teampoints.MedalRow
    events: tuple[EventPlaces, ...]
    pending: tuple[str, ...]  # events with no places yet
    version: int


# --- finding -------------------------------------------------------------------------------------


def _meet_info(conn: Connection, row) -> MeetInfo:
    from models.rules.teampoints import parse_points_table

    events = conn.execute(
        select(T_MEET_EVENT.c.contest_id, T_MEET_EVENT.c.event_id)
        .where(T_MEET_EVENT.c.meet_id == row.id)
        .order_by(T_MEET_EVENT.c.position)
    ).all()
    return MeetInfo(
        row.id,
        row.congress_id,
        row.number,
        row.name,
        parse_points_table(row.points),
        row.record,
        row.decimals,
        tuple((e.contest_id, e.event_id) for e in events),
    )


def load_meet(conn: Connection, ref) -> MeetInfo:
    row = numbered_row(conn, T_MEET, require_congress(conn).id, ref, title="name")
    if row is None:
        raise refuse("meet.no_such_meet", ref=" ".join(str(ref or "").split()))
    return _meet_info(conn, row)


def list_meets(conn: Connection) -> list[MeetInfo]:
    congress = require_congress(conn)
    rows = conn.execute(
        select(T_MEET).where(T_MEET.c.congress_id == congress.id).order_by(T_MEET.c.number)
    ).all()
    return [_meet_info(conn, r) for r in rows]


# --- changing ------------------------------------------------------------------------------------


def _check_record(rule: str) -> str:
    from models.rules.teampoints import record_points

    rule = "".join(str(rule or "").split())
    record_points(Fraction(1), rule)  # refuses a rule it cannot read
    return rule


def new_meet(
    db,
    name: str,
    *,
    points: str = "9,7,6,5,4,3,2,1",
    record: str = "",
    decimals: int = 2,
    operator: str = "",
    station: str = "",
) -> MeetInfo:
    from models.rules.teampoints import parse_points_table

    name = clean_name(name, "meet.empty_name", 200)
    table = parse_points_table(points)
    record = _check_record(record)
    if not 0 <= decimals <= 4:
        raise refuse("contest.bad_decimals", decimals=decimals, max=4)
    with db.write() as conn:
        congress = require_congress(conn)
        lock_congress(conn, congress.id)
        mine = T_MEET.c.congress_id == congress.id
        if conn.execute(select(T_MEET.c.id).where(mine, T_MEET.c.name == name)).first():
            raise refuse("meet.duplicate_name", name=name)
        number = (conn.execute(select(func.max(T_MEET.c.number)).where(mine)).scalar() or 0) + 1
        spec = ",".join(map(str, table))
        conn.execute(
            insert(T_MEET).values(
                congress_id=congress.id,
                number=number,
                name=name,
                points=spec,
                record=record,
                decimals=decimals,
                created_at=now_iso(),
            )
        )
        audit.append(
            conn,
            "meet.new",
            {"meet": number, "name": name, "points": spec, "record": record, "decimals": decimals},
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
        return load_meet(conn, number)


def add_to_meet(
    db, meet_ref, contest_ref, event_ref=None, *, operator: str = "", station: str = ""
) -> MeetInfo:
    """One event of a contest, or every event of it when no event is named."""
    with db.write() as conn:
        meet = load_meet(conn, meet_ref)
        lock_congress(conn, meet.congress_id)
        contest = load_contest(conn, contest_ref)
        events = contest.events if event_ref in (None, "") else (contest.event(event_ref),)
        have = {event_id for _, event_id in meet.events}
        added = [e for e in events if e.id not in have]
        if not added:
            raise refuse("meet.already_added", contest=contest.title, meet=meet.name)
        for position, event in enumerate(added, start=len(meet.events) + 1):
            conn.execute(
                insert(T_MEET_EVENT).values(
                    meet_id=meet.id, contest_id=contest.id, event_id=event.id, position=position
                )
            )
        audit.append(
            conn,
            "meet.add",
            {"meet": meet.number, "contest": contest.number, "events": [e.name for e in added]},
            congress_id=meet.congress_id,
            operator=operator,
            station=station,
        )
        return load_meet(conn, meet.number)


def mark_record(
    db, meet_ref, contest_ref, entrant_ref, *, note: str = "", operator: str = "", station=""
) -> MeetInfo:
    """破纪录: the entrant's place in their event scores by the meet's record rule."""
    with db.write() as conn:
        meet = load_meet(conn, meet_ref)
        lock_congress(conn, meet.congress_id)
        if not meet.record:
            raise refuse("meet.no_record_rule", meet=meet.name)
        contest = load_contest(conn, contest_ref)
        entrant = find_entrant(conn, contest, entrant_ref)
        if entrant.event_id not in {event_id for _, event_id in meet.events}:
            raise refuse("meet.entrant_not_in_meet", name=entrant.name, meet=meet.name)
        done = select(T_MEET_RECORD.c.id).where(
            T_MEET_RECORD.c.meet_id == meet.id, T_MEET_RECORD.c.entrant_id == entrant.id
        )
        if conn.execute(done).first():
            raise refuse("meet.record_exists", name=entrant.name)
        note = " ".join(str(note or "").split())[:200]
        conn.execute(
            insert(T_MEET_RECORD).values(meet_id=meet.id, entrant_id=entrant.id, note=note)
        )
        audit.append(
            conn,
            "meet.record",
            {
                "meet": meet.number,
                "contest": contest.number,
                "entrant": entrant.number,
                "note": note,
            },
            congress_id=meet.congress_id,
            operator=operator,
            station=station,
        )
        return meet


# --- standings -----------------------------------------------------------------------------------


def _placed(contest, event, group: str, rows, key_rank, key_side) -> EventPlaces:
    by_rank: dict[int, list[int]] = {}
    for row in rows:
        by_rank.setdefault(key_rank(row), []).append(key_side(row))
    ranks = tuple(sorted(by_rank))
    return EventPlaces(contest, event, group, tuple(tuple(by_rank[r]) for r in ranks), ranks)


def scored_places(placed: EventPlaces, meet: "MeetInfo", records: set[int]) -> list[tuple]:
    """(entrant id, rank, points) for every side placed: a place of n sides at rank r shares the
    points of places r … r+n−1 (RULES §7); places not decided yet (a knockout's first four while
    its quarter-final losers are 5th) keep their points for whoever wins them; a record doubles
    or adds by the meet's rule."""
    from models.rules.teampoints import place_points, record_points

    padded, rank = [], 1
    for place_rank, sides in zip(placed.ranks, placed.places, strict=True):
        while rank < place_rank:  # an undecided place, held by no side yet
            padded.append([("undecided", placed.event.id, rank)])
            rank += 1
        padded.append(list(sides))
        rank += len(sides)
    points = place_points(padded, meet.points)
    out = []
    for place_rank, sides in zip(placed.ranks, placed.places, strict=True):
        for side in sides:
            won = points[side]
            if side in records and meet.record:
                won = record_points(won, meet.record)
            out.append((side, place_rank, won))
    return out


def _judged_places(conn, contest: ContestInfo, event: EventInfo, ranked: dict) -> list:
    """``ranked`` keeps each contest's standings for the meet's other events of that contest: a
    contest's standings rank all its events at once (bench/matches.py: ten events of one
    contest took 0.3 s ranked ten times)."""
    from models.scores import standings_in

    if contest.id not in ranked:
        ranked[contest.id] = standings_in(conn, contest)
    out = []
    for group in ranked[contest.id].groups:
        if group.event.id != event.id or not group.complete:
            continue
        rows = [r for r in group.rows if r.rank is not None]
        out.append(
            _placed(contest, event, group.group, rows, lambda r: r.rank, lambda r: r.entrant.id)
        )
    return out


def _match_places(conn, contest: ContestInfo, event: EventInfo) -> list[EventPlaces]:
    matches: list[MatchInfo] = matches_of(conn, contest, event)
    knockout = bracket_places(event, matches)
    if knockout:
        return [_placed(contest, event, "", knockout, lambda r: r.rank, lambda r: r.entrant)]
    tables = group_tables(conn, contest, event)
    finished = all(m.decided or not m.playable for m in matches)
    if len(tables) != 1 or not finished or event.matches.advance:
        return []
    (rows,) = tables.values()
    return [_placed(contest, event, "", rows, lambda r: r.rank, lambda r: r.entrant)]


def event_places(conn, contest: ContestInfo, event: EventInfo, ranked=None) -> list[EventPlaces]:
    """Heats give no places: their final does (count the final in the meet)."""
    if event.is_heats:
        return []
    if event.is_match:
        return _match_places(conn, contest, event)
    return _judged_places(conn, contest, event, {} if ranked is None else ranked)


def _records(conn, meet: MeetInfo) -> set[int]:
    rows = conn.execute(
        select(T_MEET_RECORD.c.entrant_id).where(T_MEET_RECORD.c.meet_id == meet.id)
    ).all()
    return {r.entrant_id for r in rows}


def meet_standings_in(conn: Connection, meet: MeetInfo) -> MeetStandings:
    from models.rules.teampoints import medal_table, unit_standings

    contests: dict[int, ContestInfo] = {}
    units: dict[int, str] = {}
    awards, shown, pending = [], [], []
    records = _records(conn, meet)
    ranked: dict = {}  # contest id → its standings, ranked once
    for contest_id, event_id in meet.events:
        if contest_id not in contests:
            row = conn.execute(select(T_CONTEST).where(T_CONTEST.c.id == contest_id)).one()
            contests[contest_id] = contest_info(conn, row)
            units.update(
                {e.id: e.unit or e.name for e in list_entrants(conn, contests[contest_id])}
            )
        contest = contests[contest_id]
        event = contest.event_by_id(event_id)
        found = event_places(conn, contest, event, ranked)
        if not found:
            pending.append(f"{contest.title} {event.name}".strip())
        for placed in found:
            shown.append(placed)
            awards += [
                (units[side], rank, won) for side, rank, won in scored_places(placed, meet, records)
            ]
    return MeetStandings(
        meet,
        tuple(unit_standings(awards)),
        tuple(medal_table(awards)),
        tuple(shown),
        tuple(pending),
        audit.version_in(conn),
    )


def meet_standings(db, meet_ref) -> MeetStandings:
    with db.read() as conn:
        return meet_standings_in(conn, load_meet(conn, meet_ref))


def meet_row_json(row, decimals: int) -> dict:
    from models.rules.teampoints import show_points

    counts = [*list(row.places), 0, 0]
    return {
        "rank": row.rank,
        "unit": row.unit,
        "points": show_points(row.points, decimals),
        "firsts": counts[0],
        "seconds": counts[1],
        "places": list(row.places),
    }
