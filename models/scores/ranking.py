"""Standings: ranking the cards, team rows, the JSON shape and the display board."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import Connection, select

from models import audit
from models.contests import (
    T_ENTRANT,
    ContestInfo,
    EntrantInfo,
    entrant_info,
    list_entrants,
    load_contest,
)
from models.rules.ranking import UNROUNDED, Entry, assign_awards, oriented, rank
from models.rules.scoring import round_half_up, shown, team_score
from models.scores.cards import (
    _answers_by_entrant,
    _marks_by_entrant,
    _times_by_entrant,
    build_card,
)
from models.scores.clock_records import T_TIMING
from models.scores.records import (
    T_ANSWER,
    T_MARK,
    RankingGroup,
    ScoreCard,
    StandingRow,
    Standings,
    TeamRow,
)
from models.scores.timing import time_json

# --- standings -----------------------------------------------------------------------------------


def _entry(card: ScoreCard, breakers) -> Entry:
    score = oriented(card.total, card.event.better)
    keys = {}
    for name in breakers:
        if name == UNROUNDED:
            continue
        stage = next((s for s in card.stages if s.stage.name == name), None)
        keys[name] = None if stage is None else oriented(stage.score, stage.stage.better)
    return Entry(card.entrant.id, score, keys)


def rank_cards(contest: ContestInfo, cards: list[ScoreCard]) -> list[StandingRow]:
    """One ranking group: ranks by the shown score, then the contest's tie-breakers, then awards
    on the places (percentages of every entrant in the group)."""
    entries = [_entry(card, contest.tie_breakers) for card in cards]
    placed = rank(entries, contest.decimals, contest.tie_breakers)
    placed = assign_awards(placed, contest.awards, len(cards))
    by_id = {card.entrant.id: card for card in cards}
    return [
        StandingRow(by_id[p.id].entrant, by_id[p.id], p.rank, p.award, p.flag, p.decided_by)
        for p in placed
    ]


def _team_rows(contest: ContestInfo, cards: list[ScoreCard]) -> tuple[TeamRow, ...]:
    teams: dict[str, list[ScoreCard]] = defaultdict(list)
    for card in cards:
        if card.entrant.team:
            teams[card.entrant.team].append(card)
    if not teams:
        return ()
    rows = []
    for name, members in teams.items():
        complete = all(m.complete for m in members)
        score = team_score([m.total for m in members], contest.team_score) if complete else None
        units = sorted({m.entrant.unit for m in members if m.entrant.unit})
        rows.append((name, "、".join(units), tuple(m.entrant.name for m in members), score))
    entries = [Entry(i, score, {}) for i, (_, _, _, score) in enumerate(rows)]
    placed = rank(entries, contest.decimals, (UNROUNDED,))
    return tuple(
        TeamRow(
            rows[p.id][0],
            rows[p.id][1],
            rows[p.id][2],
            rows[p.id][3],
            shown(rows[p.id][3], contest.decimals),
            p.rank,
            rows[p.id][3] is not None,
        )
        for p in placed
    )


def standings_in(conn: Connection, contest: ContestInfo) -> Standings:
    entrants = list_entrants(conn, contest)
    in_contest = T_ENTRANT.c.contest_id == contest.id
    ids = select(T_ENTRANT.c.id).where(in_contest)
    marks = _marks_by_entrant(conn, T_MARK.c.entrant_id.in_(ids))
    answers = _answers_by_entrant(conn, T_ANSWER.c.entrant_id.in_(ids))
    scored = [e for e in entrants if not contest.event_by_id(e.event_id).is_match]
    times = _times_by_entrant(conn, T_TIMING.c.entrant_id.in_(ids))
    cards = [build_card(contest, e, marks[e.id], answers[e.id], times.get(e.id)) for e in scored]
    grouped: dict[tuple[int, str], list[ScoreCard]] = defaultdict(list)
    for card in cards:
        grouped[(card.event.position, card.entrant.group)].append(card)
    groups = []
    # events in their order, groups in the order their first entrant comes on (男子组 before
    # 女子组 when that is how they were registered), not alphabetically
    for (_, group), members in sorted(
        grouped.items(), key=lambda kv: (kv[0][0], kv[1][0].entrant.number)
    ):
        groups.append(RankingGroup(members[0].event, group, tuple(rank_cards(contest, members))))
    return Standings(contest, tuple(groups), _team_rows(contest, cards), audit.version_in(conn))


def standings(db, contest_ref) -> Standings:
    with db.read() as conn:
        return standings_in(conn, load_contest(conn, contest_ref))


def standing_json(row: StandingRow, contest: ContestInfo) -> dict:
    """The CLI contract's entry: rank, entrant, score (a string with the contest's decimals),
    award, flag — plus the event, group and progress that let a script tell entries apart."""
    card = row.card
    entry = {
        "rank": row.rank,
        "entrant": row.entrant.name,
        "number": row.entrant.number,
        "unit": row.entrant.unit,
        "event": card.event.name,
        "group": row.entrant.group,
        "score": card.shown,
        "unrounded": None if card.unrounded is None else str(card.unrounded),
        "award": row.award,
        "flag": row.flag,
        "decided_by": row.decided_by,
        "complete": card.complete,
        "marks": card.marks_in,
        "marks_due": card.marks_due,
    }
    if card.event.clock is not None:  # only events with a speaking clock carry its keys
        entry.update(time_json(card))
    return entry


def entrants_by_id(conn: Connection, contest: ContestInfo) -> dict[int, EntrantInfo]:
    rows = conn.execute(select(T_ENTRANT).where(T_ENTRANT.c.contest_id == contest.id)).all()
    return {r.id: entrant_info(r) for r in rows}


@dataclass(frozen=True)
class Board:
    """What the projector shows: the contest, the entrant on stage with their card, the standings."""

    standings: Standings
    on_stage: ScoreCard | None
    version: int
    extra: dict = field(default_factory=dict)


def board(db, contest_ref) -> Board:
    with db.read() as conn:
        contest = load_contest(conn, contest_ref)
        table = standings_in(conn, contest)
        card = None
        if contest.on_stage is not None:
            row = table.row_of(contest.on_stage)
            card = row.card if row else None
        return Board(table, card, table.version)


def rounded(card: ScoreCard) -> Decimal | None:
    return None if card.total is None else round_half_up(card.total, card.decimals)
