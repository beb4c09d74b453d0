"""Elections (选举): candidates, scrutineers, ballots keyed or imported, and the tally.

Ballots carry a number (票号) and marks; there is no column anywhere that could name a voter.
"""

from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Connection, UniqueConstraint, delete, func, insert, select, update
from sqlmodel import Field, SQLModel

from models import audit
from models.congress import require_congress
from models.errors import refuse
from models.rules.election import (
    SHORTFALL_REDUCE,
    Ballot,
    Disagreement,
    ElectionResult,
    ElectionSettings,
    ballot_problems,
    candidate_problems,
    compare_entries,
    is_void,
    normalize_name,
    tally,
)
from models.rules.thresholds import parse_rate
from models.voting import (
    ELECTION,
    T_ITEM,
    T_NOMINEE,
    T_SCRUTINEER,
    ItemInfo,
    check_entry,
    comparator_setting,
    count_complete,
    due_voters,
    insert_item,
    insert_nominees,
    insert_scrutineers,
    load_item,
    refuse_if_final,
    settings_in,
    settle,
    start_counting,
    writable_item,
)

WRITE_IN_SEPARATOR = "、"


class ElectionBallot(SQLModel, table=True):
    __tablename__ = "election_ballot"
    __table_args__ = (UniqueConstraint("item_id", "entry", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="vote_item.id", index=True)
    entry: int = 1
    number: int
    marks: str = Field(max_length=400)
    write_ins: str = Field(default="", max_length=400)
    malformed: bool = False


T_BALLOT = ElectionBallot.__table__


@dataclass(frozen=True)
class BallotReceipt:
    number: int
    void: bool
    chosen: int  # ○ plus write-ins on this ballot
    keyed: int  # ballots this clerk has keyed so far


@dataclass(frozen=True)
class ElectedRow:
    """One person elected, in the list across an election's rounds."""

    rank: int
    name: str
    yes: int  # ○ in the round that elected them (rounds are different ballots: not comparable)
    item: int  # the voting item (round) number
    round: int
    kind: str  # first | runoff (再次投票 among the tied) | reelect (另行选举)
    final: bool  # that round's result is final (both entries agree, count complete)


@dataclass(frozen=True)
class ElectedAcrossRounds:
    """Everyone elected in an election and its follow-up rounds, in order: round by round, and
    within a round by ○, highest first (RULES.md §3: qualifiers are taken by yes votes, highest
    first; a runoff or 另行选举 fills the seats the earlier round left)."""

    rows: tuple[ElectedRow, ...]
    seats: int  # the first round's seats
    items: tuple[int, ...]  # every round's item number, first round first

    @property
    def open_seats(self) -> int:
        return max(self.seats - len(self.rows), 0)


@dataclass(frozen=True)
class ElectionOutcome:
    item: ItemInfo
    result: ElectionResult
    entries: dict[int, int]  # entry → ballots keyed
    differences: tuple[Disagreement, ...]
    rounds: ElectedAcrossRounds | None = None  # set when the election has more than one round

    @property
    def complete(self) -> bool:
        """Every returned ballot keyed: the count was closed, or all issued ballots are in."""
        return count_complete(self.item, self.entries.get(1, 0))

    @property
    def final(self) -> bool:
        """All ballots in and agreeing — and 发出 registered: without it nobody can say whether
        the election is valid (RULES §3: 收回多于发出 voids it), so nothing is final yet."""
        if not self.entries.get(1) or self.differences or not self.complete:
            return False
        if self.item.issued is None:
            return False
        return bool(self.entries.get(2)) or not self.item.double_entry


def _settings(item: ItemInfo) -> ElectionSettings:
    s = item.settings
    return ElectionSettings(
        seats=s["seats"],
        equal=s.get("equal", False),
        rate=parse_rate(s.get("rate", "5%")),
        validity=comparator_setting(s.get("validity", "gte")),
        unreadable=s.get("unreadable", "ignore"),
        tie=s.get("tie", "runoff"),
        shortfall=s.get("shortfall", "reelect"),
    )


def clean_names(names) -> list[str]:
    if isinstance(names, str):
        names = names.replace("，", ",").replace("、", ",").split(",")
    return [n for n in (normalize_name(x) for x in names) if n]


def new_election(
    db,
    title: str,
    *,
    seats: int,
    candidates,
    equal: bool = False,
    rate: str | None = None,
    scrutineers=(),
    counters=(),
    double_entry: bool = False,
    order: str = "strokes",
    operator: str = "",
    station: str = "",
) -> ItemInfo:
    """A new election. Candidates go in 姓氏笔画 order unless ``order="given"``."""
    names = clean_names(candidates)
    if order == "strokes":
        from models.rules.strokes import sort_by_strokes  # loads the stroke table on first use

        names = sort_by_strokes(names)
    with db.write() as conn:
        congress = require_congress(conn)
        defaults = settings_in(conn, congress.id)
        rate_text = rate if rate is not None else defaults["election.rate"]
        try:
            parse_rate(rate_text)
        except ValueError:
            raise refuse("election.bad_rate", rate=rate_text) from None
        settings = {
            "seats": seats,
            "equal": equal,
            "rate": str(rate_text),
            "validity": defaults["election.validity"],
            "unreadable": defaults["election.unreadable"],
            "tie": defaults["election.tie"],
            "shortfall": defaults["election.shortfall"],
        }
        item_id = _create(
            conn, congress, title, names, settings, scrutineers, counters, double_entry
        )
        number = conn.execute(select(T_ITEM.c.number).where(T_ITEM.c.id == item_id)).scalar()
        item = load_item(conn, number)
        audit.append(
            conn,
            "election.new",
            {
                "item": number,
                "title": item.title,
                "candidates": list(item.nominees),
                "scrutineers": list(item.scrutineers),
                "counters": list(item.counters),
                "double_entry": double_entry,
                **settings,
            },
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
        return item


def _create(
    conn, congress, title, names, settings, scrutineers, counters, double_entry, **extra
) -> int:
    scrutineers, counters = clean_names(scrutineers), clean_names(counters)
    probe = ElectionSettings(
        seats=settings["seats"], equal=settings["equal"], rate=parse_rate(settings["rate"])
    )
    problems = candidate_problems(
        names, probe, [*scrutineers, *counters], runoff=extra.get("round", 1) > 1
    )
    if problems:
        raise problems[0]
    item_id = insert_item(
        conn,
        congress,
        ELECTION,
        title,
        settings=settings,
        important=True,
        method="secret",
        double_entry=double_entry,
        **extra,
    )
    insert_nominees(conn, item_id, names)
    insert_scrutineers(conn, item_id, "scrutineer", scrutineers)
    insert_scrutineers(conn, item_id, "counter", counters)
    return item_id


def _keyed(conn: Connection, item_id: int, entry: int | None = None) -> int:
    query = select(func.count()).where(T_BALLOT.c.item_id == item_id)
    if entry is not None:
        query = query.where(T_BALLOT.c.entry == entry)
    return conn.execute(query).scalar_one()


def set_candidates(db, ref, names, *, operator: str = "", station: str = "") -> ItemInfo:
    """Change the candidates or their printed order, until the first ballot is keyed."""
    names = clean_names(names)
    with db.write() as conn:
        item = load_item(conn, ref, ELECTION)
        if _keyed(conn, item.id):
            raise refuse("election.ballots_exist")
        problems = candidate_problems(
            names,
            _settings(item),
            [*item.scrutineers, *item.counters],
            runoff=item.round > 1,
        )
        if problems:
            raise problems[0]
        conn.execute(delete(T_NOMINEE).where(T_NOMINEE.c.item_id == item.id))
        insert_nominees(conn, item.id, names)
        audit.append(
            conn,
            "election.candidates",
            {"item": item.number, "candidates": names},
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        return load_item(conn, item.number)


def set_scrutineers(
    db, ref, scrutineers, counters, *, operator: str = "", station: str = ""
) -> ItemInfo:
    """监票人 and 计票人: named per election, never candidates."""
    scrutineers, counters = clean_names(scrutineers), clean_names(counters)
    with db.write() as conn:
        item = load_item(conn, ref, ELECTION)
        both = sorted(set(item.nominees) & {*scrutineers, *counters})
        if both:
            raise refuse("election.scrutineer_is_candidate", names="、".join(both))
        conn.execute(delete(T_SCRUTINEER).where(T_SCRUTINEER.c.item_id == item.id))
        insert_scrutineers(conn, item.id, "scrutineer", scrutineers)
        insert_scrutineers(conn, item.id, "counter", counters)
        audit.append(
            conn,
            "election.scrutineers",
            {"item": item.number, "scrutineers": scrutineers, "counters": counters},
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        return load_item(conn, item.number)


def _next_number(conn: Connection, item_id: int, entry: int) -> int:
    top = conn.execute(
        select(func.max(T_BALLOT.c.number)).where(
            T_BALLOT.c.item_id == item_id, T_BALLOT.c.entry == entry
        )
    ).scalar()
    return (top or 0) + 1


def _ballot_values(item: ItemInfo, ballot: Ballot, entry: int) -> dict:
    return {
        "item_id": item.id,
        "entry": entry,
        "number": ballot.number,
        "marks": ballot.marks,
        "write_ins": WRITE_IN_SEPARATOR.join(clean_names(list(ballot.write_ins))),
        "malformed": ballot.malformed,
    }


def record_ballot(
    db,
    ref,
    ballot: Ballot,
    *,
    entry: int = 1,
    replace_reason: str | None = None,
    operator: str = "",
    station: str = "",
) -> BallotReceipt:
    """Key one ballot (number 0 = the next number). An over-filled ballot is stored as void.

    Re-keying a number that exists needs a reason (the old marks stay in the audit log).
    """
    check_entry(entry)
    with db.write() as conn:
        item = writable_item(conn, ref, ELECTION)
        refuse_if_final(conn, item, entry)
        problems = ballot_problems(
            ballot if ballot.number else _numbered(ballot, 1), len(item.nominees)
        )
        if problems:
            raise problems[0]
        refuse_write_ins(
            item, [_numbered(ballot, ballot.number or _next_number(conn, item.id, entry))]
        )
        item = start_counting(conn, item, operator=operator, station=station)
        number = ballot.number or _next_number(conn, item.id, entry)
        ballot = _numbered(ballot, number)
        where = (
            (T_BALLOT.c.item_id == item.id)
            & (T_BALLOT.c.entry == entry)
            & (T_BALLOT.c.number == number)
        )
        old = conn.execute(select(T_BALLOT).where(where)).first()
        if old is not None:
            if not (replace_reason or "").strip():
                raise refuse("ballot.duplicate_number", number=number)
            conn.execute(delete(T_BALLOT).where(where))
        conn.execute(insert(T_BALLOT).values(**_ballot_values(item, ballot, entry)))
        void = is_void(ballot, item.nominees, _settings(item))
        audit.append(
            conn,
            "ballot.key",
            {
                "item": item.number,
                "entry": entry,
                "number": number,
                "marks": ballot.marks,
                "write_ins": list(ballot.write_ins),
                "malformed": ballot.malformed,
                "void": void,
                **({"replaces": old.marks, "reason": replace_reason.strip()} if old else {}),
            },
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        settle(conn, item, operator=operator, station=station)
        chosen = ballot.marks.count("o") + len(ballot.write_ins)
        return BallotReceipt(number, void, chosen, _keyed(conn, item.id, entry))


def takes_write_ins(item: ItemInfo) -> bool:
    """A runoff among the tied (再次投票) chooses between them only: no 另选他人 there. A 另行选举
    is a new election and takes write-ins like the first round."""
    return not item.settings.get("runoff", False)


def refuse_write_ins(item: ItemInfo, ballots) -> None:
    if takes_write_ins(item):
        return
    for ballot in ballots:
        if clean_names(list(ballot.write_ins)):
            raise refuse("election.runoff_no_write_in", number=ballot.number)


def _numbered(ballot: Ballot, number: int) -> Ballot:
    return Ballot(number, ballot.marks, tuple(ballot.write_ins), ballot.malformed)


def delete_ballot(
    db, ref, number: int, *, reason: str, entry: int = 1, operator: str = "", station: str = ""
) -> None:
    """Take back a keyed ballot (a slip of the hand), with the reason in the audit log."""
    reason = (reason or "").strip()
    if not reason:
        raise refuse("common.reason_required")
    with db.write() as conn:
        item = writable_item(conn, ref, ELECTION)
        refuse_if_final(conn, item, entry)
        where = (
            (T_BALLOT.c.item_id == item.id)
            & (T_BALLOT.c.entry == entry)
            & (T_BALLOT.c.number == number)
        )
        old = conn.execute(select(T_BALLOT).where(where)).first()
        if old is None:
            raise refuse("ballot.no_such_number", number=number)
        conn.execute(delete(T_BALLOT).where(where))
        audit.append(
            conn,
            "ballot.undo",
            {
                "item": item.number,
                "entry": entry,
                "number": number,
                "marks": old.marks,
                "reason": reason,
            },
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        settle(conn, item, operator=operator, station=station)


@dataclass(frozen=True)
class BallotImport:
    item: ItemInfo
    entry: int
    imported: int
    void: int
    replaced: bool


def import_ballots(
    db, ref, path: str | Path, *, entry: int = 1, operator: str = "", station: str = ""
) -> BallotImport:
    """A whole file of ballots for one clerk's entry, replacing that entry: all or nothing.

    Over-filled or unreadable ballots are kept as void, never dropped; a file whose columns do
    not match the candidates is refused as a whole. The file is the whole count, so the first
    entry's import closes it (计票完毕).
    """
    from models.io.ballot_file import read_ballot_file

    check_entry(entry)
    with db.read() as conn:
        item = load_item(conn, ref, ELECTION)
    ballots = read_ballot_file(path, list(item.nominees))
    with db.write() as conn:
        # A file replaces the whole entry while it is open; once closed or final it is refused
        # like any other write (a second desk importing at once waits, then is refused here).
        item = writable_item(conn, ref, ELECTION)
        refuse_if_final(conn, item, entry)
        refuse_write_ins(item, ballots)
        item = start_counting(conn, item, operator=operator, station=station)
        replaced = bool(_keyed(conn, item.id, entry))
        conn.execute(
            delete(T_BALLOT).where(T_BALLOT.c.item_id == item.id, T_BALLOT.c.entry == entry)
        )
        if ballots:
            conn.execute(insert(T_BALLOT), [_ballot_values(item, b, entry) for b in ballots])
        if entry == 1:
            conn.execute(update(T_ITEM).where(T_ITEM.c.id == item.id).values(counted=True))
        settings = _settings(item)
        void = sum(is_void(b, item.nominees, settings) for b in ballots)
        audit.append(
            conn,
            "ballot.import",
            {
                "item": item.number,
                "entry": entry,
                "file": Path(path).name,
                "ballots": [[b.number, b.marks, list(b.write_ins), b.malformed] for b in ballots],
                "replaced": replaced,
            },
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        settle(conn, load_item(conn, item.number), operator=operator, station=station)
        return BallotImport(item, entry, len(ballots), void, replaced)


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
    differences = compare_entries(first, second) if second else []
    return ElectionOutcome(item, result, {1: len(first), 2: len(second)}, tuple(differences))


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
