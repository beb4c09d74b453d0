"""The tally: an election's outcome, across run-off rounds, and the follow-up round."""

from dataclasses import replace

from sqlalchemy import Connection, select, update

from models import audit
from models.congress import require_congress
from models.elections.records import (
    T_BALLOT,
    WRITE_IN_SEPARATOR,
    ElectedAcrossRounds,
    ElectedRow,
    ElectionOutcome,
)
from models.elections.setup import _create, _keyed, _settings
from models.errors import refuse
from models.rules.election import SHORTFALL_REDUCE, Ballot, compare_entries, tally
from models.voting import ELECTION, T_ITEM, ItemInfo, due_voters, load_item


def ballots_of(conn: Connection, item_id: int, entry: int) -> list[Ballot]:
    return [
        Ballot(
            r.number,
            r.marks,
            tuple(w for w in r.write_ins.split(WRITE_IN_SEPARATOR) if w),
            bool(r.malformed),
        )
        for r in conn.execute(
            select(T_BALLOT.c.number, T_BALLOT.c.marks, T_BALLOT.c.write_ins, T_BALLOT.c.malformed)
            .where(T_BALLOT.c.item_id == item_id, T_BALLOT.c.entry == entry)
            .order_by(T_BALLOT.c.number)
        )
    ]


def outcome_in(conn: Connection, item: ItemInfo) -> ElectionOutcome:
    outcome = _round_outcome(conn, item)
    chain = _chain(conn, item)
    if len(chain) < 2:
        return outcome
    return replace(outcome, rounds=_elected_across(conn, chain, outcome))


def _chain(conn: Connection, item: ItemInfo) -> list[ItemInfo]:
    """The first round of ``item``'s election and every follow-up round, first round first."""
    root = item
    while root.parent_number is not None:
        root = load_item(conn, root.parent_number, ELECTION)
    chain, todo = [], [root]
    while todo:
        current = todo.pop(0)
        chain.append(current)
        children = conn.execute(
            select(T_ITEM.c.number)
            .where(T_ITEM.c.parent_id == current.id)
            .order_by(T_ITEM.c.number)
        ).scalars()
        todo += [load_item(conn, number, ELECTION) for number in children]
    return chain


def _elected_across(conn, chain: list[ItemInfo], known: ElectionOutcome) -> ElectedAcrossRounds:
    rows: list[ElectedRow] = []
    outcomes: dict[int, ElectionOutcome] = {}
    for index, item in enumerate(chain):
        outcome = known if item.id == known.item.id else _round_outcome(conn, item)
        outcomes[item.number] = outcome
        result = outcome.result
        if not result.valid or outcome.differences:
            continue  # a void round or one whose entries disagree elects nobody yet
        votes = {c.name: c.yes for c in result.candidates}
        kind = "first" if index == 0 else _follow_up_kind(item, outcomes)
        for name in result.elected:
            row = ElectedRow(
                len(rows) + 1, name, votes[name], item.number, item.round, kind, outcome.final
            )
            rows.append(row)
    return ElectedAcrossRounds(
        tuple(rows), chain[0].settings["seats"], tuple(i.number for i in chain)
    )


def _follow_up_kind(item: ItemInfo, outcomes: dict[int, "ElectionOutcome"]) -> str:
    """runoff or reelect. Marked in the settings since issue 17; before that, as follow_up
    decided it: a parent with a tie for a seat had its runoff, otherwise the 另行选举."""
    if item.settings.get("runoff"):
        return "runoff"
    parent = outcomes.get(item.parent_number)
    return "runoff" if parent is not None and parent.result.runoff else "reelect"


def _round_outcome(conn: Connection, item: ItemInfo) -> ElectionOutcome:
    first = ballots_of(conn, item.id, 1)
    second = ballots_of(conn, item.id, 2)
    due = item.roll.due if item.roll else due_voters(conn, item.congress_id)
    result = tally(item.nominees, first, due=due, issued=item.issued, settings=_settings(item))
    differences = compare_entries(checked_ballots(item, first), second) if second else []
    return ElectionOutcome(item, result, {1: len(first), 2: len(second)}, tuple(differences))


def checked_ballots(item: ItemInfo, first: list[Ballot]) -> list[Ballot]:
    """The first entry's ballots a blind second entry is compared with: all of them, or only the
    random sample drawn for an election read by machine (models/paper/check.py)."""
    sample = item.settings.get("check_sample")
    if sample is None:
        return first
    drawn = set(sample)
    return [b for b in first if b.number in drawn]


def election_outcome(db, ref) -> ElectionOutcome:
    with db.read() as conn:
        return outcome_in(conn, load_item(conn, ref, ELECTION))


def entry_progress(db, ref, entry: int) -> int:
    with db.read() as conn:
        return _keyed(conn, load_item(conn, ref, ELECTION).id, entry)


def follow_up(
    db, ref, *, title: str | None = None, operator: str = "", station: str = ""
) -> ItemInfo:
    """The next round linked to this election: a runoff among the tied (再次投票), or else the
    另行选举 among the proposed names for the vacant seats."""
    outcome = election_outcome(db, ref)
    result, item = outcome.result, outcome.item
    if not outcome.final:
        raise refuse("election.not_final")
    if result.runoff:
        names, seats, runoff = list(result.runoff), result.runoff_seats, True
    elif result.reelect and result.settings.shortfall != SHORTFALL_REDUCE:
        names, seats, runoff = list(result.reelect), result.vacant, False
    else:
        raise refuse("election.no_follow_up")
    next_round = item.round + 1
    title = title or f"{item.title}（第{next_round}轮）"
    with db.write() as conn:
        congress = require_congress(conn)
        settings = {**item.settings, "seats": seats}
        settings.pop("runoff", None)
        if runoff:
            settings["runoff"] = True  # among the tied only: no write-ins (takes_write_ins)
        if not runoff and len(names) > seats:
            settings["equal"] = False  # a tie at the cut put more names on an 等额 list
        item_id = _create(
            conn,
            congress,
            title,
            names,
            settings,
            item.scrutineers,
            item.counters,
            item.double_entry,
            parent_id=item.id,
            round=next_round if runoff else 1,
        )
        number = conn.execute(select(T_ITEM.c.number).where(T_ITEM.c.id == item_id)).scalar()
        conn.execute(update(T_ITEM).where(T_ITEM.c.id == item_id).values(round=next_round))
        audit.append(
            conn,
            "election.follow_up",
            {"item": number, "parent": item.number, "runoff": runoff, "candidates": names},
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
        return load_item(conn, number)
