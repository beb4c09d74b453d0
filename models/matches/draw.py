"""The draw (抽签编排) of a match event: round-robin groups with their order of play, a knockout
bracket, or the knockout that follows the groups. The draw is random (the organisers' lots, done
by the machine); what it drew is stored and logged, so verify replays the draw, never redraws it."""

import random
import secrets
import string

from sqlalchemy import Connection, func, insert, select

from models import audit
from models.contests import ContestInfo, EntrantInfo, EventInfo, list_entrants
from models.contests.lookup import _scorable
from models.errors import refuse
from models.matches.lookup import match_event, matches_of
from models.matches.records import BRACKET, GROUP, KNOCKOUT, ROUND_ROBIN, T_MATCH, MatchInfo
from models.rules.bracket import Side, bracket_matches, knockout_draw, seed_from_groups
from models.rules.matches import round_robin

GROUP_NAMES = string.ascii_uppercase  # A组, B组 …


def event_sides(conn: Connection, contest: ContestInfo, event: EventInfo) -> list[EntrantInfo]:
    return [e for e in list_entrants(conn, contest) if e.event_id == event.id]


def split_groups(sides: list[EntrantInfo], groups: int, rng: random.Random) -> list[list]:
    """Seeded sides first, by seed, then the rest in drawn order, dealt out in a snake (A B C C B
    A …) so that the groups are as even as the seeds allow."""
    seeded = sorted((s for s in sides if s.seed is not None), key=lambda s: s.seed)
    rest = [s for s in sides if s.seed is None]
    rng.shuffle(rest)
    dealt: list[list] = [[] for _ in range(groups)]
    for i, side in enumerate(seeded + rest):
        turn, place = divmod(i, groups)
        dealt[place if turn % 2 == 0 else groups - 1 - place].append(side)
    return dealt


def group_rows(dealt: list[list], courts: int) -> list[dict]:
    """Every group's round robin, interleaved round by round (round 1 of every group, then round 2
    …), courts assigned in turn within a round; a side resting is a row with no opponent."""
    schedules = [round_robin([s.id for s in group]) for group in dealt]
    rows = []
    for number in range(max(len(s) for s in schedules)):
        on_court = 0
        for g, schedule in enumerate(schedules):
            for a, b in schedule[number] if number < len(schedule) else ():
                court = ""
                if b is not None:
                    court = str(on_court % courts + 1)
                    on_court += 1
                rows.append(
                    dict(
                        phase=GROUP,
                        round=number + 1,
                        group_name=GROUP_NAMES[g],
                        slot=0,
                        court=court,
                        side_a=a,
                        side_b=b,
                        bye=b is None,
                    )
                )
    return rows


def bracket_rows(sides: list[Side], third_place: bool, rng: random.Random) -> list[dict]:
    """The whole bracket at once: later rounds wait for their sides; a bye's side is already
    through (its first-round row is kept so the printed bracket shows it)."""
    slots = knockout_draw(sides, rng)
    planned = bracket_matches(slots, third_place)
    last = max(m.round for m in planned)
    rows = []
    for m in sorted(planned, key=lambda m: (m.round, -m.index if m.round == last else m.index)):
        rows.append(
            dict(
                phase=BRACKET,
                round=m.round,
                group_name="",
                slot=m.index,
                court="",
                side_a=m.a,
                side_b=m.b,
                bye=m.bye,
                winner=_bye_side(m),
            )
        )
    return rows


def _knockout_sides(conn, contest, event, existing: list[MatchInfo]) -> list[Side]:
    """From the groups into the knockout: only when every group match is played and no place
    that decides who goes on is still a matter for lots."""
    from models.matches.tables import group_tables

    if any(m.playable and not m.decided for m in existing):
        raise refuse("match.groups_unfinished", event=event.name or contest.title)
    tables = group_tables(conn, contest, event)
    places = []
    for group, rows in tables.items():
        if any(r.lots and r.rank <= event.matches.advance for r in rows):
            raise refuse("match.lots_needed", group=group)
        places.append([r.entrant for r in rows])
    return seed_from_groups(places, event.matches.advance)


def _entrant_sides(sides: list[EntrantInfo]) -> list[Side]:
    return [Side(s.id, s.unit, s.seed) for s in sides]


def planned_rows(conn, contest, event, rng: random.Random) -> list[dict]:
    fmt = event.matches
    existing = matches_of(conn, contest, event)
    sides = event_sides(conn, contest, event)
    if existing:
        knockout_next = fmt.format == ROUND_ROBIN and fmt.advance and existing[-1].phase == GROUP
        if not knockout_next:
            raise refuse("match.already_drawn", event=event.name or contest.title)
        return bracket_rows(_knockout_sides(conn, contest, event, existing), fmt.third_place, rng)
    if fmt.format == ROUND_ROBIN:
        if len(sides) < 2 * fmt.groups:
            raise refuse("match.too_few_for_groups", sides=len(sides), groups=fmt.groups)
        return group_rows(split_groups(sides, fmt.groups, rng), fmt.courts)
    if fmt.format == KNOCKOUT:
        if len(sides) < 2:
            raise refuse("match.too_few_sides", count=len(sides))
        return bracket_rows(_entrant_sides(sides), fmt.third_place, rng)
    raise refuse("match.not_match_event", event=event.name or contest.title)


def draw(db, contest_ref, event_ref, *, rng=None, operator: str = "", station: str = ""):
    """Draw a match event (or, after its groups, its knockout): all the matches are stored, numbered
    in the order of play after those already drawn, and logged with their sides. Heats are drawn
    by :func:`draw_heats`."""
    rng = rng or random.Random(secrets.randbits(64))
    with db.write() as conn:
        contest = _scorable(conn, contest_ref)
        event = match_event(contest, event_ref)
        rows = planned_rows(conn, contest, event, rng)
        first = _next_number(conn, contest)
        for offset, row in enumerate(rows):
            conn.execute(
                insert(T_MATCH).values(
                    contest_id=contest.id,
                    event_id=event.id,
                    number=first + offset,
                    games="",
                    ended="",
                    at="",
                    **{"winner": None, **row},
                )
            )
        drawn = [m for m in matches_of(conn, contest, event) if m.number >= first]
        numbers = {e.id: e.number for e in list_entrants(conn, contest)}
        audit.append(
            conn,
            "match.draw",
            {
                "contest": contest.number,
                "event": event.name,
                "matches": [drawn_json(m, numbers) for m in drawn],
            },
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return drawn


def _next_number(conn, contest) -> int:
    top = conn.execute(
        select(func.max(T_MATCH.c.number)).where(T_MATCH.c.contest_id == contest.id)
    ).scalar()
    return (top or 0) + 1


def drawn_json(match: MatchInfo, numbers: dict[int, int]) -> dict:
    """A drawn match as the log records it: sides by entrant number (出场序号)."""
    return {
        "match": match.number,
        "phase": match.phase,
        "round": match.round,
        "group": match.group,
        "slot": match.slot,
        "court": match.court,
        "a": numbers.get(match.a),
        "b": numbers.get(match.b),
        "bye": match.bye,
    }


def _bye_side(planned) -> int | None:
    if not planned.bye:
        return None
    return planned.a if planned.a is not None else planned.b


def draw_heats(
    db, contest_ref, event_ref, *, rng=None, missing_ok=False, operator: str = "", station=""
):
    """预赛/决赛: deal the heats, or, once they are run, make the final (models/matches/heats.py)."""
    from models.matches.heats import heats_draw

    rng = rng or random.Random(secrets.randbits(64))
    with db.write() as conn:
        contest = _scorable(conn, contest_ref)
        event = contest.event(event_ref)
        if not event.is_heats:
            raise refuse("match.not_heats", event=event.name or contest.title)
        return heats_draw(
            conn, contest, event, rng, missing_ok=missing_ok, operator=operator, station=station
        )
