"""A match event's standings: each group's table (小组积分表, RULES §7 group ranking) and the
places a knockout has decided."""

import json

from sqlalchemy import Connection, select

from models.contests import ContestInfo, EventInfo
from models.matches.lookup import matches_of
from models.matches.records import (
    BRACKET,
    GROUP,
    T_LOT,
    WALKOVER,
    GroupRow,
    MatchInfo,
    PlaceRow,
)
from models.rules.bracket import bracket_matches, knockout_places
from models.rules.games import match_totals, tie_totals
from models.rules.matches import WIN, MatchResult, group_ranking


def match_result(match: MatchInfo) -> MatchResult:
    """The rules' view of a decided match. A walk-over gives the winner the games a match needs
    and no points either way (the loser scores 0 match points for it, RULES §7)."""
    if match.ended == WALKOVER:
        return MatchResult(
            match.a, match.b, (0, 0), (0, 0), (0, 0), walkover=True, won=match.winner
        )
    if match.rubbers:  # a team tie: its individual matches count first (RULES §7)
        matches, games, points = tie_totals(match.rubbers)
        return MatchResult(match.a, match.b, matches, games, points, won=match.winner)
    games, points = match_totals(match.games)
    return MatchResult(match.a, match.b, (0, 0), games, points, won=match.winner)


def _sides(matches: list[MatchInfo]) -> list[int]:
    seen: dict[int, None] = {}
    for m in matches:
        for side in (m.a, m.b):
            if side is not None:
                seen.setdefault(side)
    return list(seen)


def group_table(group: str, matches: list[MatchInfo], lots: tuple[int, ...] = ()) -> list[GroupRow]:
    """The group's places by RULES §7; sides still equal share a place (flagged for lots once the
    group is played out) unless the organisers' drawn order (``lots``) holds every one of them."""
    sides = _sides(matches)
    results = [match_result(m) for m in matches if m.decided and not m.bye]
    # equal sides are a matter for lots only once the group is played out
    complete = all(m.decided or not m.playable for m in matches)
    rows = []
    rank = 1
    for place in group_ranking(sides, results):
        if len(place) > 1 and all(side in lots for side in place):
            for side in sorted(place, key=lots.index):
                rows.append(_group_row(group, rank, side, results, lots=False, drawn=True))
                rank += 1
            continue
        for side in place:
            rows.append(_group_row(group, rank, side, results, lots=complete and len(place) > 1))
        rank += len(place)
    return rows


def _group_row(group, rank, side, results, *, lots: bool, drawn: bool = False) -> GroupRow:
    points = won = lost = 0
    games, rallies = [0, 0], [0, 0]
    for r in results:
        if side not in (r.a, r.b):
            continue
        i = 0 if side == r.a else 1
        if r.winner == side:
            won += 1
            points += WIN
        else:
            lost += 1
            points += 0 if r.walkover else WIN - 1
        games[0] += r.games[i]
        games[1] += r.games[1 - i]
        rallies[0] += r.points[i]
        rallies[1] += r.points[1 - i]
    return GroupRow(group, rank, side, points, won, lost, tuple(games), tuple(rallies), lots, drawn)


def group_tables(conn: Connection, contest: ContestInfo, event: EventInfo) -> dict[str, list]:
    """Each group's table, groups in letter order."""
    by_group: dict[str, list[MatchInfo]] = {}
    for m in matches_of(conn, contest, event):
        if m.phase == GROUP:
            by_group.setdefault(m.group, []).append(m)
    drawn = lots_of(conn, event)
    return {g: group_table(g, by_group[g], drawn.get(g, ())) for g in sorted(by_group)}


def lots_of(conn: Connection, event: EventInfo) -> dict[str, tuple[int, ...]]:
    rows = conn.execute(select(T_LOT).where(T_LOT.c.event_id == event.id)).all()
    return {r.group_name: tuple(json.loads(r.sides)) for r in rows}


def bracket_places(event: EventInfo, matches: list[MatchInfo]) -> list[PlaceRow]:
    """The places the knockout has decided so far (1, 2, 3, 3 or 1, 2, 3, 4 with a third-place
    match, then 5 for the quarter-final losers …)."""
    rounds = [m for m in matches if m.phase == BRACKET]
    if not rounds:
        return []
    slots = []
    for m in sorted((m for m in rounds if m.round == 1), key=lambda m: m.slot):
        slots += [m.a, m.b]
    planned = bracket_matches(slots, event.matches.third_place)
    winners = {(m.round, m.slot): m.winner for m in rounds if m.winner is not None}
    return [
        PlaceRow(rank, side) for rank, sides in knockout_places(planned, winners) for side in sides
    ]
