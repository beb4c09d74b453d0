"""A result made final and reopened: the lock events, the summary and the refusals they give."""

from sqlalchemy import Connection, func, select

from models import audit
from models.db import lock_row, serialises_writers
from models.errors import refuse
from models.voting.items import FINAL_EVENT, _last_lock_event, load_item
from models.voting.records import ELECTION, MOTION, T_ITEM, ItemInfo


def _motion_ballots_keyed(conn: Connection, item_id: int) -> int:
    """The most ballots either clerk has keyed for a motion (an election's ballots above 发出
    are lawful to record: they void the election, RULES §3)."""
    from models.motions import T_MBALLOT

    counts = conn.execute(
        select(func.count()).where(T_MBALLOT.c.item_id == item_id).group_by(T_MBALLOT.c.entry)
    ).scalars()
    return max(counts, default=0)


def count_complete(item: ItemInfo, keyed: int) -> bool:
    """Ballots keyed one by one are all in when the clerk closed the count (计票完毕) or every
    ballot issued has been keyed; fewer back than issued is lawful, so only the clerk knows."""
    return item.counted or (item.issued is not None and keyed >= item.issued)


def refuse_if_closed(item: ItemInfo) -> None:
    """The first entry of a closed count (计票完毕) takes no change; :func:`refuse_if_final` is
    the whole check (a final result too), which every write path calls."""
    if item.counted:
        raise refuse("voting.count_closed", number=item.number)


def writable_item(conn: Connection, ref, kind: str | None = None) -> ItemInfo:
    """The item, its row locked for this write transaction and read again after the lock, so a
    second desk writing the same item waits here and then sees the first desk's result.
    (SQLite's BEGIN IMMEDIATE already lets one writer in at a time.)"""
    item = load_item(conn, ref, kind)
    if serialises_writers(conn):
        return item
    lock_row(conn, T_ITEM, item.id)
    return load_item(conn, item.number, kind)


def outcome_summary(outcome) -> dict:
    """What a result decided, in a few plain values: logged when it becomes final, quoted when it
    is reopened and when a later result replaces it."""
    item, r = outcome.item, outcome.result
    if item.kind == MOTION:
        return {"passed": r.passed, "yes": r.yes, "no": r.no, "abstain": r.abstain}
    if item.kind == ELECTION:
        return {"valid": r.valid, "elected": list(r.elected), "runoff": list(r.runoff)}
    return {"valid": r.valid, "grades": {s.name: s.grade for s in r.subjects}}


def _may_be_final(conn: Connection, item: ItemInfo) -> bool:
    """False when ballots keyed one by one are still coming in (not closed, fewer keyed than
    issued): then the result cannot be final, and keying a ballot need not tally them all."""
    if item.counted:
        return True
    from models.elections import T_BALLOT
    from models.motions import T_MBALLOT

    table = T_BALLOT if item.kind == ELECTION else T_MBALLOT if item.kind == MOTION else None
    if table is None:
        return True
    keyed = conn.execute(
        select(func.count()).where(table.c.item_id == item.id, table.c.entry == 1)
    ).scalar_one()
    if item.kind == MOTION and not keyed:
        return True  # counted totals: complete as soon as they are in
    return count_complete(item, keyed)


def locked_outcome(conn: Connection, item: ItemInfo) -> dict | None:
    """The summary of this item's result when it is final and not reopened since, else None."""
    from models.results import outcome_in

    if item.reopened or not _may_be_final(conn, item):
        return None
    outcome = outcome_in(conn, item)
    return outcome_summary(outcome) if result_locked(outcome) else None


def result_locked(outcome) -> bool:
    """Final and not reopened since: what the screens show as locked and offer F7 to reopen."""
    return outcome.final and not outcome.item.reopened


def outcome_word(kind: str, summary: dict) -> tuple[str, str]:
    """(catalog code, names) saying in a word what a summary decided: 通过, 当选：甲、乙 …"""
    if kind == MOTION:
        return ("passed" if summary["passed"] else "not_passed"), ""
    if not summary.get("valid", True):
        return "void", ""
    if kind == ELECTION:
        elected = summary.get("elected") or []
        return ("elected" if elected else "none_elected"), "、".join(elected)
    return "appraised", ""


def keyable_item(conn: Connection, ref, kind: str | None, entry: int = 1) -> ItemInfo:
    """The item a ballot, a count or a sheet is written to, refused when its count is closed
    (first entry) or its result final (both entries)."""
    item = writable_item(conn, ref, kind)
    refuse_if_final(conn, item, entry)
    return item


def refuse_if_final(conn: Connection, item: ItemInfo, entry: int = 1) -> None:
    """Every write to a voting item calls this inside its write transaction, after
    :func:`writable_item`: a closed count refuses the first entry, a final result both entries,
    each with the command that reopens it."""
    if entry == 1:
        refuse_if_closed(item)
    refuse_if_locked(conn, item)


def refuse_if_locked(conn: Connection, item: ItemInfo) -> None:
    """A final result refuses every write until it is reopened with a reason."""
    summary = locked_outcome(conn, item)
    if summary is not None:
        outcome, names = outcome_word(item.kind, summary)
        raise refuse("voting.result_final", number=item.number, outcome=outcome, names=names)


def settle(conn: Connection, item: ItemInfo, *, operator: str = "", station: str = "") -> None:
    """After a write: when the result has just become final, log it ("vote.final"), saying which
    earlier result it replaces when the item had been reopened. ``item`` is as the write left its
    row (a write that changed 发出 or 计票完毕 passes it read again)."""
    from models.results import outcome_in

    if not _may_be_final(conn, item):
        return
    outcome = outcome_in(conn, item)
    if not outcome.final:
        return
    last = _last_lock_event(conn, item.congress_id, item.number)
    if last is not None and last["kind"] == FINAL_EVENT:
        return
    payload = {"item": item.number, "outcome": outcome_summary(outcome)}
    if last is not None and "was" in last["payload"]:
        payload["replaces"] = {
            "outcome": last["payload"]["was"],
            "reason": last["payload"].get("reason", ""),
            "at": last["at"],
        }
    audit.append(
        conn,
        FINAL_EVENT,
        payload,
        congress_id=item.congress_id,
        operator=operator,
        station=station,
    )
