"""A match's result (比分): games, a walk-over (弃权) or a retirement (中途退赛); the winner of a
knockout match goes on to their next match, the loser of a semi-final to the third-place match.
A result typed again is a correction: it needs a reason, and in a knockout only while the next
match the winner went on to is not played."""

from sqlalchemy import Connection, select, update

from models import audit
from models.clock import now_iso
from models.contests import ContestInfo, EntrantInfo, find_entrant, list_entrants
from models.contests.lookup import _scorable
from models.errors import refuse
from models.matches.lookup import (
    find_match,
    games_text,
    match_info,
    matches_of,
    rubbers_text,
)
from models.matches.records import BRACKET, PLAYED, RETIRED, T_MATCH, WALKOVER, MatchInfo
from models.rules.bracket import bracket_matches
from models.rules.games import (
    match_problem,
    match_winner,
    parse_games,
    parse_rubbers,
    tie_problem,
    tie_totals,
)
from models.scores.marks import required_reason


def _side_of(conn, contest: ContestInfo, match: MatchInfo, ref) -> int:
    entrant: EntrantInfo = find_entrant(conn, contest, ref)
    if entrant.id not in (match.a, match.b):
        raise refuse("match.not_a_side", name=entrant.name, match=match.number)
    return entrant.id


def _other(match: MatchInfo, side: int) -> int:
    return match.b if side == match.a else match.a


def decide(conn, contest, match, *, games, walkover, retired) -> tuple[str, str, int]:
    """(the games as stored, how it ended, the winner) from what was typed, checked against the
    event's game; a team tie (团体赛) by its individual matches."""
    fmt = contest.event_by_id(match.event_id).matches
    if sum(x is not None and x != "" for x in (walkover, retired)) > 1:
        raise refuse("match.walkover_and_retired")
    if walkover not in (None, ""):
        if games:
            raise refuse("match.walkover_with_games")
        return "", WALKOVER, _side_of(conn, contest, match, walkover)
    if fmt.rubbers:
        return _decide_tie(conn, contest, match, fmt, games, retired)
    played = parse_games(games or "")
    if retired not in (None, ""):
        loser = _side_of(conn, contest, match, retired)
        return games_text(played), RETIRED, _other(match, loser)
    problem = match_problem(fmt.game, fmt.best_of, played)
    if problem:
        raise problem
    return games_text(played), PLAYED, (match.a, match.b)[match_winner(played)]


def _decide_tie(conn, contest, match, fmt, games, retired) -> tuple[str, str, int]:
    played = parse_rubbers(games or "")
    if retired not in (None, ""):
        loser = _side_of(conn, contest, match, retired)
        return rubbers_text(played), RETIRED, _other(match, loser)
    problem = tie_problem(fmt.game, fmt.best_of, fmt.rubbers, played)
    if problem:
        raise problem
    (won_a, won_b), _, _ = tie_totals(played)
    return rubbers_text(played), PLAYED, match.a if won_a > won_b else match.b


def _next_places(contest, event, match: MatchInfo, all_matches) -> list[tuple[MatchInfo, int, str]]:
    """Where a knockout match sends its sides: (next match, 0/1 for side a/b, "winner"/"loser")."""
    rounds = [m for m in all_matches if m.phase == BRACKET]
    plan = {
        (p.round, p.index): p
        for p in bracket_matches(_first_round(rounds), event.matches.third_place)
    }
    by_place = {(m.round, m.slot): m for m in rounds}
    planned = plan[(match.round, match.slot)]
    out = []
    for target, who in ((planned.winner_to, "winner"), (planned.loser_to, "loser")):
        if target is not None:
            out.append((by_place[(target[0], target[1])], target[2], who))
    return out


def _first_round(rounds: list[MatchInfo]) -> list:
    """The first round's slots as the draw placed them (a bye is the empty slot)."""
    slots = []
    for m in sorted((m for m in rounds if m.round == 1), key=lambda m: m.slot):
        slots += [m.a, m.b]
    return slots


def _place(conn, target: MatchInfo, position: int, side: int | None) -> None:
    column = "side_a" if position == 0 else "side_b"
    conn.execute(update(T_MATCH).where(T_MATCH.c.id == target.id).values(**{column: side}))


def _advance(conn, contest, event, match: MatchInfo, winner: int, all_matches, numbers) -> list:
    """Put the winner (and a semi-final's loser) into their next matches; refuse if one of those
    is already played with another side in that place. Returns what was placed, for the log."""
    placed = []
    for target, position, who in _next_places(contest, event, match, all_matches):
        side = winner if who == "winner" else _other(match, winner)
        current = (target.a, target.b)[position]
        if current == side:
            continue
        if target.decided:
            raise refuse("match.next_played", match=match.number, next=target.number)
        _place(conn, target, position, side)
        placed.append([target.number, "ab"[position], numbers[side]])
    return placed


def record_result(
    db,
    contest_ref,
    match_ref,
    *,
    games: str | None = None,
    walkover=None,
    retired=None,
    reason: str = "",
    operator: str = "",
    station: str = "",
) -> MatchInfo:
    """Record (or, with a reason, correct) one match's result; one transaction with the log."""
    with db.write() as conn:
        contest = _scorable(conn, contest_ref)
        match = find_match(conn, contest, match_ref)
        if match.bye:
            raise refuse("match.is_bye", match=match.number)
        if not match.playable:
            raise refuse("match.sides_unknown", match=match.number)
        correcting = match.decided
        if correcting:
            reason = required_reason(reason)
            _refuse_if_seeded_on(conn, contest, match)
        played, ended, winner = decide(
            conn, contest, match, games=games, walkover=walkover, retired=retired
        )
        event = contest.event_by_id(match.event_id)
        numbers = {e.id: e.number for e in list_entrants(conn, contest)}
        placed = []
        if match.phase == BRACKET:
            all_matches = _event_matches(conn, contest, event)
            placed = _advance(conn, contest, event, match, winner, all_matches, numbers)
        conn.execute(
            update(T_MATCH)
            .where(T_MATCH.c.id == match.id)
            .values(games=played, ended=ended, winner=winner, at=now_iso())
        )
        payload = {
            "contest": contest.number,
            "match": match.number,
            "a": numbers[match.a],
            "b": numbers[match.b],
            "games": played,
            "ended": ended,
            "winner": numbers[winner],
            "placed": placed,
        }
        if correcting:
            payload["reason"] = reason
        kind = "match.result.correct" if correcting else "match.result"
        audit.append(
            conn, kind, payload, congress_id=contest.congress_id, operator=operator, station=station
        )
        row = conn.execute(select(T_MATCH).where(T_MATCH.c.id == match.id)).one()
        return match_info(row)


def _refuse_if_seeded_on(conn, contest, match: MatchInfo) -> None:
    """A group's result seeded the knockout drawn from it: it stands once that draw is made."""
    if match.phase == BRACKET:
        return
    event = contest.event_by_id(match.event_id)
    if any(m.phase == BRACKET for m in _event_matches(conn, contest, event)):
        raise refuse("match.knockout_drawn", match=match.number)


def _event_matches(conn: Connection, contest, event) -> list[MatchInfo]:
    return matches_of(conn, contest, event)
