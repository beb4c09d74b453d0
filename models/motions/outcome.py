"""A motion's outcome, the differences between the two entries, and what the desk shows of them."""

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from models.motions.records import FIELDS, T_COUNT, T_MBALLOT, Difference, MotionOutcome
from models.rules.motion import MotionCount, count_choices, motion_result, sum_counts
from models.voting import MOTION, ItemInfo, check_entry, load_item, roll_by_delegation


def _rows(conn: Connection, item_id: int, entry: int):
    return conn.execute(
        select(T_COUNT).where(T_COUNT.c.item_id == item_id, T_COUNT.c.entry == entry)
    ).all()


def _ballot_count(conn: Connection, item_id: int, entry: int) -> int:
    return conn.execute(
        select(func.count()).where(T_MBALLOT.c.item_id == item_id, T_MBALLOT.c.entry == entry)
    ).scalar_one()


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


def _differences(first, second, sample=None) -> list[Difference]:
    """``sample``: the ballot numbers a blind second entry checks when only a random sample of a
    表决票 read by machine is keyed again (models/paper/check.py); None compares them all."""
    if first is None or second is None:
        return []
    out = []
    (total1, lines1, ballots1), (total2, lines2, ballots2) = first, second
    if sample is not None:
        drawn = set(sample)
        ballots1 = {n: c for n, c in ballots1.items() if n in drawn}
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
        differences=tuple(_differences(first, second, item.settings.get("check_sample"))),
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
