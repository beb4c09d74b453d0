"""Motions (表决事项): creation, counts by show of hands or secret ballot, and the result."""

from dataclasses import dataclass

from sqlalchemy import Connection, UniqueConstraint, delete, func, insert, select, update
from sqlmodel import Field, SQLModel

from models import audit
from models.clock import now_iso
from models.congress import require_congress
from models.errors import refuse
from models.rules.motion import (
    BASES,
    CHOICES,
    HANDS,
    SECRET,
    MotionCount,
    MotionResult,
    count_choices,
    count_problems,
    method_problems,
    motion_result,
    sum_counts,
)
from models.rules.thresholds import COMPARATORS
from models.voting import (
    MOTION,
    T_ITEM,
    ItemInfo,
    check_entry,
    count_complete,
    insert_item,
    load_item,
    refuse_if_final,
    roll_by_delegation,
    settings_in,
    settle,
    start_counting,
    writable_item,
)

FIELDS = ("yes", "no", "abstain", "issued", "returned", "invalid")


class MotionTally(SQLModel, table=True):
    """One clerk's count of a motion: the total (delegation empty) or one delegation's hands."""

    __tablename__ = "motion_count"
    __table_args__ = (UniqueConstraint("item_id", "entry", "delegation"),)
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="vote_item.id", index=True)
    entry: int = 1
    delegation: str = Field(default="", max_length=100)  # "" = the total
    method: str = Field(max_length=16)
    yes: int
    no: int
    abstain: int
    issued: int | None = None
    returned: int | None = None
    invalid: int | None = None
    at: str = Field(max_length=40)


class MotionBallot(SQLModel, table=True):
    """A secret ballot on a motion, keyed one by one. No voter is recorded."""

    __tablename__ = "motion_ballot"
    __table_args__ = (UniqueConstraint("item_id", "entry", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="vote_item.id", index=True)
    entry: int = 1
    number: int
    choice: str = Field(max_length=8)  # yes | no | abstain | invalid


T_COUNT = MotionTally.__table__
T_MBALLOT = MotionBallot.__table__


@dataclass(frozen=True)
class Difference:
    """Where the blind second entry differs from the first: a field, a delegation's field, or a
    ballot number; ``first``/``second`` are None when that side has nothing there."""

    where: str  # field | delegation | ballot
    key: str
    first: str | None
    second: str | None


@dataclass(frozen=True)
class MotionOutcome:
    item: ItemInfo
    result: MotionResult | None
    count: MotionCount | None
    by_delegation: dict[str, MotionCount]
    ballots_keyed: int
    entries: tuple[int, ...]  # which entries hold data
    differences: tuple[Difference, ...]
    missing_delegations: tuple[str, ...] = ()  # present in the roll, hands not yet counted

    @property
    def complete(self) -> bool:
        """Counted totals are complete; ballots keyed one by one once the count is closed or
        every ballot issued is in."""
        return not self.ballots_keyed or count_complete(self.item, self.ballots_keyed)

    @property
    def final(self) -> bool:
        if self.result is None or self.differences or self.missing_delegations:
            return False
        if not self.complete:
            return False
        return 2 in self.entries or not self.item.double_entry


def new_motion(
    db,
    title: str,
    *,
    important: bool = False,
    base: str | None = None,
    comparator: str | None = None,
    double_entry: bool = False,
    operator: str = "",
    station: str = "",
) -> ItemInfo:
    with db.write() as conn:
        congress = require_congress(conn)
        defaults = settings_in(conn, congress.id)
        base = base or defaults["motion.base"]
        comparator = comparator or defaults["motion.comparator"]
        if base not in BASES:
            raise refuse("motion.bad_base", base=base)
        if comparator not in COMPARATORS:
            raise refuse("motion.bad_comparator", comparator=comparator)
        item_id = insert_item(
            conn,
            congress,
            MOTION,
            title,
            settings={"base": base, "comparator": comparator},
            important=important,
            double_entry=double_entry,
        )
        number = conn.execute(select(T_ITEM.c.number).where(T_ITEM.c.id == item_id)).scalar()
        audit.append(
            conn,
            "motion.new",
            {
                "item": number,
                "title": title,
                "important": important,
                "base": base,
                "comparator": comparator,
                "double_entry": double_entry,
            },
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
        return load_item(conn, number)


def _rows(conn: Connection, item_id: int, entry: int):
    return conn.execute(
        select(T_COUNT).where(T_COUNT.c.item_id == item_id, T_COUNT.c.entry == entry)
    ).all()


def _ballot_count(conn: Connection, item_id: int, entry: int) -> int:
    return conn.execute(
        select(func.count()).where(T_MBALLOT.c.item_id == item_id, T_MBALLOT.c.entry == entry)
    ).scalar_one()


def _check_method(item: ItemInfo, method: str, entry: int) -> None:
    problems = method_problems(method, item.important)
    if problems:
        raise problems[0]
    if entry == 2 and item.method and item.method != method:
        raise refuse("motion.method_differs", method=item.method)


def record_count(
    db,
    ref,
    count: MotionCount,
    *,
    method: str,
    entry: int = 1,
    delegation: str | None = None,
    operator: str = "",
    station: str = "",
) -> "MotionOutcome":
    """Store one clerk's count. A total replaces that clerk's earlier count; a delegation's show
    of hands replaces that delegation's line. Refused, changing nothing, when it does not add up."""
    check_entry(entry)
    delegation = (delegation or "").strip()
    with db.write() as conn:
        item = writable_item(conn, ref, MOTION)
        refuse_if_final(conn, item, entry)
        _check_method(item, method, entry)
        if delegation and method != HANDS:
            raise refuse("motion.delegation_needs_hands")
        item = start_counting(conn, item, operator=operator, station=station)
        present = item.roll.present
        if delegation:
            per = roll_by_delegation(conn, item.roll.id)
            if delegation not in per:
                raise refuse("motion.no_such_delegation", delegation=delegation)
            present = per[delegation]
        problems = count_problems(count, method=method, present=present)
        if problems:
            raise problems[0]
        _replace_count(conn, item, count, method, entry, delegation)
        if entry == 1:
            conn.execute(update(T_ITEM).where(T_ITEM.c.id == item.id).values(method=method))
        audit.append(
            conn,
            "motion.count",
            {
                "item": item.number,
                "entry": entry,
                "method": method,
                "delegation": delegation,
                **{f: getattr(count, f) for f in FIELDS},
            },
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        settle(conn, item, operator=operator, station=station)
    return motion_outcome(db, ref)


def _replace_count(conn, item, count, method, entry, delegation) -> None:
    if delegation:
        totals = [r for r in _rows(conn, item.id, entry) if not r.delegation]
        if totals or _ballot_count(conn, item.id, entry):
            raise refuse("motion.total_exists")
        conn.execute(
            delete(T_COUNT).where(
                T_COUNT.c.item_id == item.id,
                T_COUNT.c.entry == entry,
                T_COUNT.c.delegation == delegation,
            )
        )
    else:
        # A total is the clerk's whole count: it replaces lines and keyed ballots alike.
        conn.execute(delete(T_COUNT).where(T_COUNT.c.item_id == item.id, T_COUNT.c.entry == entry))
        conn.execute(
            delete(T_MBALLOT).where(T_MBALLOT.c.item_id == item.id, T_MBALLOT.c.entry == entry)
        )
    conn.execute(
        insert(T_COUNT).values(
            item_id=item.id,
            entry=entry,
            delegation=delegation,
            method=method,
            at=now_iso(),
            **{f: getattr(count, f) for f in FIELDS},
        )
    )


def record_motion_ballot(
    db,
    ref,
    choice: str,
    *,
    entry: int = 1,
    number: int | None = None,
    operator: str = "",
    station: str = "",
) -> int:
    """Key one secret ballot (赞成/反对/弃权/无效); returns its number."""
    check_entry(entry)
    if choice not in CHOICES:
        raise refuse("motion.bad_choice", choice=choice)
    with db.write() as conn:
        item = writable_item(conn, ref, MOTION)
        refuse_if_final(conn, item, entry)
        _check_method(item, SECRET, entry)
        if item.issued is None:
            raise refuse("voting.issue_first")
        if _rows(conn, item.id, entry):
            raise refuse("motion.counts_exist")
        item = start_counting(conn, item, operator=operator, station=station)
        keyed = _ballot_count(conn, item.id, entry)
        if keyed + 1 > item.issued:
            raise refuse("voting.returned_exceeds_issued", returned=keyed + 1, issued=item.issued)
        if number is None:
            top = conn.execute(
                select(func.max(T_MBALLOT.c.number)).where(
                    T_MBALLOT.c.item_id == item.id, T_MBALLOT.c.entry == entry
                )
            ).scalar()
            number = (top or 0) + 1
        elif conn.execute(
            select(T_MBALLOT.c.id).where(
                T_MBALLOT.c.item_id == item.id,
                T_MBALLOT.c.entry == entry,
                T_MBALLOT.c.number == number,
            )
        ).first():
            raise refuse("ballot.duplicate_number", number=number)
        conn.execute(
            insert(T_MBALLOT).values(item_id=item.id, entry=entry, number=number, choice=choice)
        )
        if entry == 1:
            conn.execute(update(T_ITEM).where(T_ITEM.c.id == item.id).values(method=SECRET))
        audit.append(
            conn,
            "motion.ballot",
            {"item": item.number, "entry": entry, "number": number, "choice": choice},
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        settle(conn, item, operator=operator, station=station)
        return number


def delete_motion_ballot(
    db, ref, number: int, *, reason: str, entry: int = 1, operator: str = "", station: str = ""
) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise refuse("common.reason_required")
    with db.write() as conn:
        item = writable_item(conn, ref, MOTION)
        refuse_if_final(conn, item, entry)
        gone = conn.execute(
            delete(T_MBALLOT).where(
                T_MBALLOT.c.item_id == item.id,
                T_MBALLOT.c.entry == entry,
                T_MBALLOT.c.number == number,
            )
        ).rowcount
        if not gone:
            raise refuse("ballot.no_such_number", number=number)
        audit.append(
            conn,
            "motion.ballot_undo",
            {"item": item.number, "entry": entry, "number": number, "reason": reason},
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        settle(conn, item, operator=operator, station=station)


def _entry_count(conn, item: ItemInfo, entry: int):
    """(total, per delegation, ballots by number) of one clerk's entry, or None if empty."""
    rows = _rows(conn, item.id, entry)
    ballots = dict(
        conn.execute(
            select(T_MBALLOT.c.number, T_MBALLOT.c.choice).where(
                T_MBALLOT.c.item_id == item.id, T_MBALLOT.c.entry == entry
            )
        ).all()
    )
    if ballots:
        return count_choices(ballots.values(), item.issued), {}, ballots
    if not rows:
        return None
    lines = {r.delegation: MotionCount(**{f: getattr(r, f) for f in FIELDS}) for r in rows}
    if "" in lines:
        return lines[""], {}, {}
    return sum_counts(lines.values()), lines, {}


def _differences(first, second) -> list[Difference]:
    if first is None or second is None:
        return []
    out = []
    (total1, lines1, ballots1), (total2, lines2, ballots2) = first, second
    if ballots1 or ballots2:
        for number in sorted(ballots1.keys() | ballots2.keys()):
            a, b = ballots1.get(number), ballots2.get(number)
            if a != b:
                out.append(Difference("ballot", str(number), a, b))
        return out
    for name in sorted(lines1.keys() | lines2.keys()):
        a, b = lines1.get(name), lines2.get(name)
        for f in FIELDS:
            va = None if a is None else getattr(a, f)
            vb = None if b is None else getattr(b, f)
            if va != vb:
                out.append(Difference("delegation", f"{name}:{f}", _s(va), _s(vb)))
    for f in FIELDS:
        va, vb = getattr(total1, f), getattr(total2, f)
        if va != vb:
            out.append(Difference("field", f, _s(va), _s(vb)))
    return out


def _s(value) -> str | None:
    return None if value is None else str(value)


def outcome_in(conn: Connection, item: ItemInfo) -> MotionOutcome:
    first = _entry_count(conn, item, 1)
    second = _entry_count(conn, item, 2)
    entries = tuple(e for e, data in ((1, first), (2, second)) if data is not None)
    result = None
    count = None
    lines: dict[str, MotionCount] = {}
    ballots_keyed = 0
    if first is not None and item.roll is not None:
        count, lines, ballots = first
        ballots_keyed = len(ballots)
        result = motion_result(
            count,
            due=item.roll.due,
            present=item.roll.present,
            base_kind=item.settings["base"],
            comparator=item.settings["comparator"],
        )
    missing: tuple[str, ...] = ()
    if lines:
        present = roll_by_delegation(conn, item.roll.id)
        missing = tuple(sorted(n for n, k in present.items() if k > 0 and n not in lines))
    return MotionOutcome(
        item=item,
        result=result,
        count=count,
        by_delegation=lines,
        ballots_keyed=ballots_keyed,
        entries=entries,
        differences=tuple(_differences(first, second)),
        missing_delegations=missing,
    )


def motion_outcome(db, ref) -> MotionOutcome:
    with db.read() as conn:
        return outcome_in(conn, load_item(conn, ref, MOTION))


def delegations_present(db, ref) -> dict[str, int]:
    """Present voters per delegation, in the roster's order: the frozen roll's once counting of
    this motion has started, the current attendance before."""
    from models.attendance import delegation_progress

    progress = delegation_progress(db)
    present = {p.delegation: p.present for p in progress if p.delegation}
    with db.read() as conn:
        item = load_item(conn, ref, MOTION)
        if item.roll is not None:
            present = roll_by_delegation(conn, item.roll.id)
    order = [p.delegation for p in progress if p.delegation]
    return {name: present[name] for name in order if present.get(name)}


def second_entry_progress(db, ref) -> int:
    """How many lines or ballots the second clerk has keyed — never their content."""
    with db.read() as conn:
        item = load_item(conn, ref, MOTION)
        return len(_rows(conn, item.id, 2)) + _ballot_count(conn, item.id, 2)


@dataclass(frozen=True)
class EntryBallots:
    """One clerk's ballots keyed one by one, as (number, choice) in ballot order, and whether that
    entry holds counted totals instead (then no ballot can be keyed into it)."""

    ballots: tuple[tuple[int, str], ...]
    totals: bool


def entry_ballots(db, ref, entry: int = 1) -> EntryBallots:
    """What the motion screen's ballot keying starts from and Ctrl+Z takes back."""
    check_entry(entry)
    with db.read() as conn:
        item = load_item(conn, ref, MOTION)
        rows = conn.execute(
            select(T_MBALLOT.c.number, T_MBALLOT.c.choice)
            .where(T_MBALLOT.c.item_id == item.id, T_MBALLOT.c.entry == entry)
            .order_by(T_MBALLOT.c.number)
        ).all()
        totals = bool(_rows(conn, item.id, entry))
    return EntryBallots(tuple((r.number, r.choice) for r in rows), totals)
