"""A motion: creating it, its count (by hand or by ballots) for either entry, a ballot deleted."""

from sqlalchemy import Connection, delete, insert, select, update

from models import audit
from models.clock import now_iso
from models.congress import require_congress
from models.errors import refuse
from models.motions.outcome import _ballot_count, _rows, motion_outcome
from models.motions.records import FIELDS, T_COUNT, T_MBALLOT, MotionOutcome
from models.rules.motion import (
    BASES,
    CHOICES,
    HANDS,
    SECRET,
    MotionCount,
    count_problems,
    method_problems,
)
from models.rules.thresholds import COMPARATORS
from models.voting import (
    MOTION,
    T_ITEM,
    ItemInfo,
    check_entry,
    insert_item,
    keyable_item,
    load_item,
    next_ballot_number,
    roll_by_delegation,
    settings_in,
    settle,
    start_counting,
)


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
) -> MotionOutcome:
    """Store one clerk's count. A total replaces that clerk's earlier count; a delegation's show
    of hands replaces that delegation's line. Refused, changing nothing, when it does not add up."""
    check_entry(entry)
    delegation = (delegation or "").strip()
    with db.write() as conn:
        item = keyable_item(conn, ref, MOTION, entry)
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
    with db.write() as conn:
        return key_motion_ballot(
            conn, ref, choice, entry=entry, number=number, operator=operator, station=station
        )


def key_motion_ballot(
    conn: Connection,
    ref,
    choice: str,
    *,
    entry: int = 1,
    number: int | None = None,
    operator: str = "",
    station: str = "",
) -> int:
    """:func:`record_motion_ballot` inside the caller's transaction (a scanned 表决票 and the
    ballots it makes, one per motion, are stored together or not at all)."""
    check_entry(entry)
    if choice not in CHOICES:
        raise refuse("motion.bad_choice", choice=choice)
    item = keyable_item(conn, ref, MOTION, entry)
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
        number = next_ballot_number(conn, T_MBALLOT, item.id, entry)
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
        item = keyable_item(conn, ref, MOTION, entry)
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
