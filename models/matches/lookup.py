"""Reading a match event's matches, and finding one by its number (场次)."""

from sqlalchemy import Connection, select

from models.contests import ContestInfo, EventInfo
from models.errors import refuse
from models.matches.records import T_MATCH, MatchInfo
from models.numerals import row_number
from models.rules.games import parse_games, parse_rubbers


def match_info(row) -> MatchInfo:
    rubbers = parse_rubbers(row.games) if "|" in row.games else ()
    return MatchInfo(
        id=row.id,
        number=row.number,
        event_id=row.event_id,
        phase=row.phase,
        round=row.round,
        group=row.group_name,
        slot=row.slot,
        court=row.court,
        a=row.side_a,
        b=row.side_b,
        bye=bool(row.bye),
        games=tuple(g for r in rubbers for g in r) if rubbers else _games(row.games),
        ended=row.ended,
        winner=row.winner,
        at=row.at,
        rubbers=rubbers,
    )


def _games(text: str):
    return parse_games(text) if text else ()


def matches_of(conn: Connection, contest: ContestInfo, event: EventInfo | None = None):
    """The matches in the order of play (by number); of one event, or of the whole contest."""
    query = select(T_MATCH).where(T_MATCH.c.contest_id == contest.id)
    if event is not None:
        query = query.where(T_MATCH.c.event_id == event.id)
    return [match_info(r) for r in conn.execute(query.order_by(T_MATCH.c.number))]


def find_match(conn: Connection, contest: ContestInfo, ref) -> MatchInfo:
    text = " ".join(str(ref if ref is not None else "").split())
    number = row_number(text.removeprefix("第").removesuffix("场"))
    row = None
    if number is not None:
        row = conn.execute(
            select(T_MATCH).where(T_MATCH.c.contest_id == contest.id, T_MATCH.c.number == number)
        ).first()
    if row is None:
        raise refuse("match.no_such_match", ref=text, contest=contest.title)
    return match_info(row)


def match_event(contest: ContestInfo, ref) -> EventInfo:
    event = contest.event(ref)
    if not event.is_match:
        raise refuse("match.not_match_event", event=event.name or contest.title)
    return event


def games_text(games) -> str:
    return ",".join(f"{a}:{b}" for a, b in games)


def rubbers_text(rubbers) -> str:
    """A team tie's matches as stored: each match's games, the matches joined by ``|``."""
    return "|".join(games_text(games) for games in rubbers)
