"""The electorate snapshot (roll) taken when counting starts, ballots issued, the blind second
entry."""

import hashlib

from sqlalchemy import Connection, Table, func, insert, select, update

from models import audit
from models.attendance import T_CHECKIN
from models.clock import now_iso
from models.congress import T_DELEGATION, T_PERSON, VOTING, require_congress, require_sitting
from models.errors import refuse
from models.rules.attendance import quorum_met, quorum_required
from models.rules.thresholds import COMPARATORS, GTE
from models.voting.final import (
    _motion_ballots_keyed,
    locked_outcome,
    refuse_if_final,
    refuse_if_locked,
    settle,
    writable_item,
)
from models.voting.items import REOPEN_EVENT, load_item
from models.voting.records import (
    APPRAISAL,
    ELECTION,
    ENTRIES,
    MOTION,
    ROLL_FORMAT,
    T_ITEM,
    T_ROLL,
    T_ROLL_MEMBER,
    ItemInfo,
)


def next_ballot_number(conn: Connection, table: Table, item_id: int, entry: int) -> int:
    """The number the next ballot keyed into ``table`` (election or motion ballots) gets."""
    top = conn.execute(
        select(func.max(table.c.number)).where(table.c.item_id == item_id, table.c.entry == entry)
    ).scalar()
    return (top or 0) + 1


def check_entry(entry: int) -> int:
    if entry not in ENTRIES:
        raise refuse("voting.bad_entry", entry=entry)
    return entry


# --- the electorate snapshot ----------------------------------------------------------------


def roll_digest(congress_uid: str, sitting: str, codes: list[str]) -> str:
    """SHA-256 over the congress, the sitting and the sorted badge codes of the present voters.

    Printed on every result so anyone holding the check-in list can recompute it.
    """
    text = "\n".join([ROLL_FORMAT, congress_uid, sitting, *sorted(codes)]) + "\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def present_voters(
    conn: Connection, sitting_id: int, in_hall: bool = False
) -> list[tuple[int, str, int | None]]:
    """(person id, code, delegation id) of every voting delegate checked in to the sitting; with
    ``in_hall``, of those in the hall now (not exited since)."""
    query = (
        select(T_PERSON.c.id, T_PERSON.c.code, T_PERSON.c.delegation_id)
        .join(T_CHECKIN, T_CHECKIN.c.person_id == T_PERSON.c.id)
        .where(T_CHECKIN.c.sitting_id == sitting_id, T_PERSON.c.category == VOTING)
        .order_by(T_PERSON.c.code)
    )
    if in_hall:
        query = query.where(T_CHECKIN.c.in_hall.is_(True))
    return [tuple(r) for r in conn.execute(query)]


def roll_counts_hall(conn: Connection, congress_id: int) -> bool:
    """RULES §1: the congress's setting says a vote's roll is those in the hall."""
    from models.voting.settings import settings_in

    return settings_in(conn, congress_id)["roll.presence"] == "hall"


def due_voters(conn: Connection, congress_id: int) -> int:
    return conn.execute(
        select(func.count())
        .select_from(T_PERSON)
        .where(T_PERSON.c.congress_id == congress_id, T_PERSON.c.category == VOTING)
    ).scalar_one()


def start_counting(conn: Connection, item: ItemInfo, *, operator: str, station: str) -> ItemInfo:
    """Freeze the roll for this item (once). Refused when the quorum is not met (RULES §1)."""
    if item.roll is not None:
        return item
    congress = require_congress(conn)
    sitting = require_sitting(conn, congress)
    hall = roll_counts_hall(conn, congress.id)
    voters = present_voters(conn, sitting.id, in_hall=hall)
    due = due_voters(conn, congress.id)
    if not quorum_met(len(voters), due):
        raise refuse(
            "voting.no_quorum_hall" if hall else "voting.no_quorum",
            present=len(voters),
            due=due,
            required=quorum_required(due),
        )
    digest = roll_digest(congress.uid, sitting.name, [code for _, code, _ in voters])
    at = now_iso()
    roll_id = conn.execute(
        insert(T_ROLL).values(
            congress_id=congress.id,
            sitting_id=sitting.id,
            due=due,
            present=len(voters),
            sha256=digest,
            at=at,
            presence="hall" if hall else "checkin",
        )
    ).inserted_primary_key[0]
    conn.execute(
        insert(T_ROLL_MEMBER), [{"roll_id": roll_id, "person_id": pid} for pid, _, _ in voters]
    )
    conn.execute(update(T_ITEM).where(T_ITEM.c.id == item.id).values(roll_id=roll_id))
    audit.append(
        conn,
        "vote.roll",
        {
            "item": item.number,
            "sitting": sitting.name,
            "due": due,
            "present": len(voters),
            "sha256": digest,
            **({"presence": "hall"} if hall else {}),
        },
        congress_id=congress.id,
        operator=operator,
        station=station,
    )
    return load_item(conn, item.number)


def roll_codes(conn: Connection, roll_id: int) -> list[str]:
    return list(
        conn.execute(
            select(T_PERSON.c.code)
            .join(T_ROLL_MEMBER, T_ROLL_MEMBER.c.person_id == T_PERSON.c.id)
            .where(T_ROLL_MEMBER.c.roll_id == roll_id)
            .order_by(T_PERSON.c.code)
        ).scalars()
    )


def roll_by_delegation(conn: Connection, roll_id: int) -> dict[str, int]:
    """Present voters per delegation name, for per-delegation shows of hands."""
    rows = conn.execute(
        select(T_DELEGATION.c.name, func.count())
        .select_from(
            T_ROLL_MEMBER.join(T_PERSON, T_PERSON.c.id == T_ROLL_MEMBER.c.person_id).join(
                T_DELEGATION, T_DELEGATION.c.id == T_PERSON.c.delegation_id
            )
        )
        .where(T_ROLL_MEMBER.c.roll_id == roll_id)
        .group_by(T_DELEGATION.c.name)
    ).all()
    return dict(rows)


def issue(db, ref, count: int, *, operator: str = "", station: str = "") -> ItemInfo:
    """发出: ballots (or appraisal sheets) issued to present voters; starts the count.

    For a motion this is what ballots keyed one by one are checked against; counted totals
    carry their own 发出."""
    if count < 0:
        raise refuse("voting.negative")
    with db.write() as conn:
        item = writable_item(conn, ref)
        if item.issued is None and item.kind == ELECTION:
            # 发出 is a fact from the hall, not a ballot: a count closed (or imported) before it
            # was registered still takes it, and only then can the result become final.
            refuse_if_locked(conn, item)
        else:
            refuse_if_final(conn, item)
        item = start_counting(conn, item, operator=operator, station=station)
        if count > item.roll.present:
            hall = item.roll.presence == "hall"
            key = "voting.issued_exceeds_in_hall" if hall else "voting.issued_exceeds_present"
            raise refuse(key, issued=count, present=item.roll.present)
        if item.kind == MOTION:
            keyed = _motion_ballots_keyed(conn, item.id)
            if count < keyed:
                raise refuse("voting.issued_below_keyed", issued=count, keyed=keyed)
        conn.execute(update(T_ITEM).where(T_ITEM.c.id == item.id).values(issued=count))
        audit.append(
            conn,
            "vote.issue",
            {"item": item.number, "issued": count},
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        item = load_item(conn, item.number)
        settle(conn, item, operator=operator, station=station)
        return item


def set_counted(
    db, ref, counted: bool, *, reason: str = "", operator: str = "", station: str = ""
) -> ItemInfo:
    """Close the count (计票完毕), or reopen it with a reason to correct it.

    Reopening also unlocks a result that is final without a close (counted totals, an appraisal,
    both clerks agreeing): the log keeps what the result was and why it was reopened, and the next
    final result says it replaced it."""
    reason = (reason or "").strip()
    if not counted and not reason:
        raise refuse("common.reason_required")
    with db.write() as conn:
        item = writable_item(conn, ref)
        was = None
        if counted:
            if item.kind == APPRAISAL:
                raise refuse("voting.nothing_to_close")
            if item.counted:
                raise refuse("voting.already_closed")
        else:
            was = locked_outcome(conn, item)
            if not item.counted and was is None:
                raise refuse("voting.not_closed")
        conn.execute(update(T_ITEM).where(T_ITEM.c.id == item.id).values(counted=counted))
        payload = {"item": item.number, **({"reason": reason} if reason else {})}
        if was is not None:
            payload["was"] = was
        audit.append(
            conn,
            "vote.close" if counted else REOPEN_EVENT,
            payload,
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        item = load_item(conn, item.number)
        if counted:
            settle(conn, item, operator=operator, station=station)
        return item


def comparator_setting(value: str) -> str:
    return value if value in COMPARATORS else GTE
