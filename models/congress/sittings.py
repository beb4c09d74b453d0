"""Sittings: creating, listing, switching, finding and renaming one."""

from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from models import audit
from models.clock import now_iso
from models.congress.congresses import require_congress
from models.congress.records import T_CONGRESS, T_PERSON, T_SITTING, CongressInfo, SittingInfo
from models.db import Database
from models.errors import refuse


def create_sitting(db: Database, name: str, *, operator: str = "") -> SittingInfo:
    """A new sitting of the current congress; it becomes the current sitting."""
    name = (name or "").strip()
    if not name:
        raise refuse("sitting.empty_name")
    if len(name) > 100:
        raise refuse("sitting.name_too_long")
    with db.write() as conn:
        congress = require_congress(conn)
        exists = conn.execute(
            select(T_SITTING.c.id).where(
                T_SITTING.c.congress_id == congress.id, T_SITTING.c.name == name
            )
        ).first()
        if exists:
            raise refuse("sitting.duplicate", name=name)
        sitting_id = conn.execute(
            insert(T_SITTING).values(congress_id=congress.id, name=name, created_at=now_iso())
        ).inserted_primary_key[0]
        conn.execute(
            update(T_CONGRESS)
            .where(T_CONGRESS.c.id == congress.id)
            .values(current_sitting_id=sitting_id)
        )
        audit.append(
            conn,
            "sitting.new",
            {"sitting_id": sitting_id, "name": name},
            congress_id=congress.id,
            operator=operator,
        )
    from models.backup import snapshot_quietly  # here, not at the top: backup reads congress

    snapshot_quietly(db, "sitting")  # after the commit; a failed backup never fails the sitting
    return SittingInfo(sitting_id, congress.id, name)


def list_sittings(db: Database) -> list[SittingInfo]:
    with db.read() as conn:
        congress = require_congress(conn)
        rows = conn.execute(
            select(T_SITTING).where(T_SITTING.c.congress_id == congress.id).order_by(T_SITTING.c.id)
        ).all()
    return [SittingInfo(r.id, r.congress_id, r.name) for r in rows]


def switch_sitting(db: Database, sitting_id: int, *, operator: str = "") -> SittingInfo:
    with db.write() as conn:
        congress = require_congress(conn)
        row = conn.execute(
            select(T_SITTING).where(
                T_SITTING.c.id == sitting_id, T_SITTING.c.congress_id == congress.id
            )
        ).first()
        if row is None:
            raise refuse("sitting.unknown", name=str(sitting_id))
        conn.execute(
            update(T_CONGRESS)
            .where(T_CONGRESS.c.id == congress.id)
            .values(current_sitting_id=sitting_id)
        )
        audit.append(
            conn,
            "sitting.switch",
            {"sitting_id": sitting_id, "name": row.name},
            congress_id=congress.id,
            operator=operator,
        )
    from models.backup import snapshot_quietly  # here, not at the top: backup reads congress

    snapshot_quietly(db, "sitting")  # after the commit; a failed backup never fails the sitting
    return SittingInfo(row.id, row.congress_id, row.name)


def require_sitting(conn: Connection, congress: CongressInfo) -> SittingInfo:
    """The congress's current sitting, or a refusal asking for one."""
    if congress.current_sitting_id is None:
        raise refuse("sitting.none")
    row = conn.execute(select(T_SITTING).where(T_SITTING.c.id == congress.current_sitting_id)).one()
    return SittingInfo(row.id, row.congress_id, row.name)


def count_people(conn: Connection, congress_id: int) -> int:
    return conn.execute(
        select(func.count()).select_from(T_PERSON).where(T_PERSON.c.congress_id == congress_id)
    ).scalar_one()


# --- renaming and removing a sitting (issue 16: a sitting made by mistake must not stay) --------


@dataclass(frozen=True)
class SittingRemoval:
    """What removing a sitting does: ``next_current`` is the sitting that becomes current when
    the one removed was current (the newest remaining), else None."""

    sitting: SittingInfo
    was_current: bool
    next_current: SittingInfo | None


def _clean_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise refuse("common.reason_required")
    if len(reason) > 200:
        raise refuse("sitting.reason_too_long")
    return reason


def _sitting_row(conn: Connection, congress: CongressInfo, sitting_id: int):
    row = conn.execute(
        select(T_SITTING).where(
            T_SITTING.c.id == sitting_id, T_SITTING.c.congress_id == congress.id
        )
    ).first()
    if row is None:
        raise refuse("sitting.unknown", name=str(sitting_id))
    return row


def find_sitting(db: Database, ref: str) -> SittingInfo:
    """A sitting of the current congress by its name (or its number in `sitting list`)."""
    ref = (ref or "").strip()
    for sitting in list_sittings(db):
        if sitting.name == ref:
            return sitting
    for sitting in list_sittings(db):
        if str(sitting.id) == ref:
            return sitting
    raise refuse("sitting.unknown", name=ref)


def rename_sitting(
    db: Database,
    sitting_id: int,
    new_name: str,
    *,
    reason: str,
    operator: str = "",
    station: str = "",
) -> SittingInfo:
    """Rename a sitting; its name is checked as a new sitting's is. Refused once a vote froze its
    roll there: the roll's published SHA-256 covers the sitting's name."""
    reason = _clean_reason(reason)
    with db.write() as conn:
        congress = require_congress(conn)
        row, name = _check_rename(conn, congress, sitting_id, new_name)
        conn.execute(update(T_SITTING).where(T_SITTING.c.id == sitting_id).values(name=name))
        audit.append(
            conn,
            "sitting.rename",
            {"sitting_id": sitting_id, "old": row.name, "name": name, "reason": reason},
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
    _snapshot_after_sitting_change(db)
    return SittingInfo(sitting_id, congress.id, name)


def _snapshot_after_sitting_change(db: Database) -> None:
    from models.backup import snapshot_quietly  # here, not at the top: backup reads congress

    snapshot_quietly(db, "sitting")  # after the commit; a failed backup never fails the change


def check_sitting_name(db: Database, name: str, *, renaming: int | None = None) -> str:
    """The tidied name, or the refusal a new sitting (or renaming ``renaming``) would meet:
    asked before the question, so nobody confirms a name that will be refused."""
    with db.read() as conn:
        congress = require_congress(conn)
        if renaming is not None:
            return _check_rename(conn, congress, renaming, name)[1]
        return _check_new_name(conn, congress, name)


def _check_new_name(conn: Connection, congress: CongressInfo, name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise refuse("sitting.empty_name")
    if len(name) > 100:
        raise refuse("sitting.name_too_long")
    taken = conn.execute(
        select(T_SITTING.c.id).where(
            T_SITTING.c.congress_id == congress.id, T_SITTING.c.name == name
        )
    ).first()
    if taken:
        raise refuse("sitting.duplicate", name=name)
    return name


def _check_rename(conn: Connection, congress: CongressInfo, sitting_id: int, new_name: str):
    row = _sitting_row(conn, congress, sitting_id)
    if (new_name or "").strip() == row.name:
        raise refuse("sitting.same_name", name=row.name)
    name = _check_new_name(conn, congress, new_name)
    items = _items_with_roll_in(conn, sitting_id)
    if items:
        raise refuse("sitting.rename_frozen", name=row.name, items=_numbers(items))
    return row, name


def _numbers(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers)


def _items_with_roll_in(conn: Connection, sitting_id: int) -> list[int]:
    from models.voting import T_ITEM, T_ROLL  # here: voting builds on this module

    return list(
        conn.execute(
            select(T_ITEM.c.number)
            .join(T_ROLL, T_ROLL.c.id == T_ITEM.c.roll_id)
            .where(T_ROLL.c.sitting_id == sitting_id)
            .order_by(T_ITEM.c.number)
        ).scalars()
    )
