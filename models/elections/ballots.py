"""Ballots keyed one by one (either entry), deleted, or imported from a file."""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, delete, insert, select, update

from models import audit
from models.elections.records import T_BALLOT, WRITE_IN_SEPARATOR, BallotReceipt
from models.elections.setup import _keyed, _settings, clean_names
from models.errors import refuse
from models.rules.election import Ballot, ballot_problems, is_void
from models.voting import (
    ELECTION,
    T_ITEM,
    ItemInfo,
    check_entry,
    keyable_item,
    load_item,
    next_ballot_number,
    settle,
    start_counting,
)


def _next_number(conn: Connection, item_id: int, entry: int) -> int:
    return next_ballot_number(conn, T_BALLOT, item_id, entry)


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
    with db.write() as conn:
        return key_ballot(
            conn,
            ref,
            ballot,
            entry=entry,
            replace_reason=replace_reason,
            operator=operator,
            station=station,
        )


def key_ballot(
    conn: Connection,
    ref,
    ballot: Ballot,
    *,
    entry: int = 1,
    replace_reason: str | None = None,
    operator: str = "",
    station: str = "",
) -> BallotReceipt:
    """:func:`record_ballot` inside the caller's transaction (a scanned page and the ballot it
    makes are stored together or not at all)."""
    check_entry(entry)
    item = keyable_item(conn, ref, ELECTION, entry)
    problems = ballot_problems(
        ballot if ballot.number else _numbered(ballot, 1), len(item.nominees)
    )
    if problems:
        raise problems[0]
    refuse_write_ins(item, [_numbered(ballot, ballot.number or _next_number(conn, item.id, entry))])
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
        item = keyable_item(conn, ref, ELECTION, entry)
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
        item = keyable_item(conn, ref, ELECTION, entry)
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
