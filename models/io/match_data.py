"""What the match documents print, read at one moment: a contest's match events with their
matches in the order of play, each group's table and the knockout's places; and a meet's team
points with the places of each of its events. Plain frozen objects: the writers (PDF and xlsx)
never touch the database, so a document and the minutes package describe the same state."""

from dataclasses import dataclass, replace
from fractions import Fraction

from sqlalchemy import Connection, select

from models.contests import (
    T_CONTEST,
    ContestInfo,
    EntrantInfo,
    EventInfo,
    contest_info,
    get_contest,
    list_entrants,
)
from models.matches.lookup import matches_of
from models.matches.meets import MeetStandings, load_meet, meet_standings_in, scored_places
from models.matches.records import BRACKET, GROUP, T_MEET_RECORD, GroupRow, MatchInfo, PlaceRow
from models.matches.tables import bracket_places, group_tables


@dataclass(frozen=True)
class EventPapers:
    """One match event: its matches (byes too) by number, groups' tables, knockout places."""

    event: EventInfo
    matches: tuple[MatchInfo, ...]
    groups: tuple[tuple[str, tuple[GroupRow, ...]], ...]
    places: tuple[PlaceRow, ...]

    @property
    def knockout(self) -> tuple[MatchInfo, ...]:
        return tuple(m for m in self.matches if m.phase == BRACKET)

    @property
    def rounds(self) -> int | None:
        """The knockout's rounds (None: no knockout drawn yet)."""
        return max((m.round for m in self.knockout), default=None)

    def group_matches(self, group: str) -> tuple[MatchInfo, ...]:
        return tuple(m for m in self.matches if m.phase == GROUP and m.group == group)

    @property
    def playable(self) -> tuple[MatchInfo, ...]:
        return tuple(m for m in self.matches if not m.bye)


@dataclass(frozen=True)
class MatchPapers:
    contest: ContestInfo
    entrants: dict[int, EntrantInfo]  # by id
    events: tuple[EventPapers, ...]  # the match events, in the contest's order

    def name(self, side: int | None) -> str:
        return self.entrants[side].name if side in self.entrants else ""

    def unit(self, side: int | None) -> str:
        return self.entrants[side].unit if side in self.entrants else ""


def event_papers_in(conn: Connection, contest: ContestInfo, event: EventInfo) -> EventPapers:
    matches = matches_of(conn, contest, event)
    tables = group_tables(conn, contest, event)
    return EventPapers(
        event,
        tuple(matches),
        tuple((g, tuple(rows)) for g, rows in tables.items()),
        tuple(bracket_places(event, matches)),
    )


def match_papers_in(conn: Connection, contest: ContestInfo) -> MatchPapers | None:
    """None for a contest with no match event (its documents stay as they were)."""
    events = [e for e in contest.events if e.is_match]
    if not events:
        return None
    entrants = {e.id: e for e in list_entrants(conn, contest)}
    return MatchPapers(contest, entrants, tuple(event_papers_in(conn, contest, e) for e in events))


def only_event(papers: MatchPapers, event: EventInfo) -> MatchPapers | None:
    """The papers of one event (None when it is not a match event)."""
    events = tuple(e for e in papers.events if e.event.id == event.id)
    return replace(papers, events=events) if events else None


def match_papers(db, ref) -> MatchPapers | None:
    info = get_contest(db, ref)
    with db.read() as conn:
        return match_papers_in(conn, info)


@dataclass(frozen=True)
class PlacedSide:
    rank: int
    name: str
    unit: str
    points: Fraction  # the team points this place scores (a shared place's share, a record's)
    record: bool


@dataclass(frozen=True)
class MeetPapers:
    """A meet's team points and medal table, and each event's places by name with their points."""

    standings: MeetStandings
    places: tuple[tuple[str, tuple[PlacedSide, ...]], ...]  # (event title, its places)


def _event_title(placed) -> str:
    parts = [placed.contest.title, placed.event.name, placed.group]
    return " · ".join(p for p in parts if p)


def _entrants_of(conn: Connection, meet) -> dict[int, EntrantInfo]:
    entrants: dict[int, EntrantInfo] = {}
    for contest_id in dict.fromkeys(c for c, _ in meet.events):
        row = conn.execute(select(T_CONTEST).where(T_CONTEST.c.id == contest_id)).one()
        entrants.update({e.id: e for e in list_entrants(conn, contest_info(conn, row))})
    return entrants


def meet_papers_in(conn: Connection, meet) -> MeetPapers:
    """The same places and points as models.matches.meets.meet_standings_in adds up."""
    standings = meet_standings_in(conn, meet)
    entrants = _entrants_of(conn, meet)
    records = {
        r.entrant_id
        for r in conn.execute(
            select(T_MEET_RECORD.c.entrant_id).where(T_MEET_RECORD.c.meet_id == meet.id)
        )
    }
    places = []
    for placed in standings.events:
        rows = []
        for side, rank, won in scored_places(placed, meet, records):
            e = entrants[side]
            broke = side in records and bool(meet.record)
            rows.append(PlacedSide(rank, e.name, e.unit or e.name, won, broke))
        places.append((_event_title(placed), tuple(rows)))
    return MeetPapers(standings, tuple(places))


def meet_papers(db, ref) -> MeetPapers:
    with db.read() as conn:
        return meet_papers_in(conn, load_meet(conn, ref))
