"""What a match desk and the projector show of one match event, read in one transaction: the
matches in order of play, each group's table, the knockout's places, the latest result."""

from dataclasses import dataclass

from models import audit
from models.contests import ContestInfo, EventInfo, list_entrants, load_contest
from models.matches.lookup import matches_of
from models.matches.records import GroupRow, MatchInfo, PlaceRow
from models.matches.tables import bracket_places, group_tables


@dataclass(frozen=True)
class MatchBoard:
    contest: ContestInfo
    event: EventInfo
    matches: tuple[MatchInfo, ...]
    tables: dict[str, list[GroupRow]]
    places: tuple[PlaceRow, ...]
    names: dict[int, str]  # entrant id → name
    units: dict[int, str]
    numbers: dict[int, int]  # entrant id → 出场序号
    version: int  # the audit log's last id when read

    @property
    def latest(self) -> MatchInfo | None:
        """The result recorded last (the projector's big line)."""
        decided = [m for m in self.matches if m.decided and not m.bye and m.at]
        return max(decided, key=lambda m: (m.at, m.number)) if decided else None

    @property
    def next_up(self) -> MatchInfo | None:
        """The first match in the order of play that can be played and is not yet."""
        return next((m for m in self.matches if m.playable and not m.decided), None)

    @property
    def rounds(self) -> int | None:
        return max((m.round for m in self.matches if m.phase == "knockout"), default=None)

    @property
    def drawn(self) -> bool:
        return bool(self.matches)

    @property
    def finished(self) -> bool:
        return self.drawn and all(m.decided or not m.playable for m in self.matches)

    def match(self, number: int) -> MatchInfo | None:
        return next((m for m in self.matches if m.number == number), None)


def match_events(contest: ContestInfo) -> tuple[EventInfo, ...]:
    return tuple(e for e in contest.events if e.is_match)


def match_board(db, contest_ref, event_ref=None) -> MatchBoard:
    """The board of ``event_ref`` (default: the contest's first match event)."""
    from models.matches.lookup import match_event

    with db.read() as conn:
        contest = load_contest(conn, contest_ref)
        events = match_events(contest)
        event = match_event(contest, event_ref if event_ref is not None else _first(events))
        entrants = list_entrants(conn, contest)
        return MatchBoard(
            contest=contest,
            event=event,
            matches=tuple(matches_of(conn, contest, event)),
            tables=group_tables(conn, contest, event),
            places=tuple(bracket_places(event, matches_of(conn, contest, event))),
            names={e.id: e.name for e in entrants},
            units={e.id: e.unit for e in entrants},
            numbers={e.id: e.number for e in entrants},
            version=audit.version_in(conn),
        )


def _first(events) -> str | None:
    return events[0].name if events else None
