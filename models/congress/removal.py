"""Removing a sitting: what refers to it, the plan shown before, and the removal."""

from sqlalchemy import Connection, func, select, update

from models import audit
from models.congress.congresses import require_congress
from models.congress.records import T_CONGRESS, T_SITTING, CongressInfo, SittingInfo
from models.congress.sittings import (
    SittingRemoval,
    _clean_reason,
    _sitting_row,
    _snapshot_after_sitting_change,
)
from models.db import Database
from models.errors import Refusal, refuse


def sitting_references(conn: Connection, sitting_id: int) -> dict[str, int]:
    """Rows of any table that refer to the sitting (table name → count), found by the column
    name so a table added later is covered without touching this function."""
    from models.schema import metadata  # here: the schema imports this module

    found = {}
    for name, table in sorted(metadata.tables.items()):
        if "sitting_id" not in table.c:
            continue
        count = conn.execute(
            select(func.count()).select_from(table).where(table.c.sitting_id == sitting_id)
        ).scalar_one()
        if count:
            found[name] = count
    return found


def _plan_removal(conn: Connection, congress: CongressInfo, sitting_id: int) -> SittingRemoval:
    row = _sitting_row(conn, congress, sitting_id)
    sitting = SittingInfo(row.id, row.congress_id, row.name)
    used = sitting_references(conn, sitting_id)
    if used:
        raise Refusal(
            "sitting.remove_in_use",
            {"name": row.name},
            details=[Refusal(f"sitting.ref.{table}", {"count": n}) for table, n in used.items()],
        )
    was_current = congress.current_sitting_id == sitting_id
    if not was_current:
        return SittingRemoval(sitting, False, None)
    newest = conn.execute(
        select(T_SITTING)
        .where(T_SITTING.c.congress_id == congress.id, T_SITTING.c.id != sitting_id)
        .order_by(T_SITTING.c.id.desc())
        .limit(1)
    ).first()
    if newest is None:  # the desks would have no sitting to check anyone in to
        raise refuse("sitting.remove_only", name=row.name)
    return SittingRemoval(sitting, True, SittingInfo(newest.id, newest.congress_id, newest.name))


def plan_sitting_removal(db: Database, sitting_id: int) -> SittingRemoval:
    """What removing the sitting would do (for the question asked first), or the refusal."""
    with db.read() as conn:
        return _plan_removal(conn, require_congress(conn), sitting_id)


def remove_sitting(
    db: Database, sitting_id: int, *, reason: str, operator: str = "", station: str = ""
) -> SittingRemoval:
    """Remove a sitting nothing refers to (no check-in, leave, roll, failed scan …). Removing the
    current sitting makes the newest remaining one current; the only sitting is never removed."""
    reason = _clean_reason(reason)
    with db.write() as conn:
        congress = require_congress(conn)
        plan = _plan_removal(conn, congress, sitting_id)
        if plan.next_current is not None:
            conn.execute(
                update(T_CONGRESS)
                .where(T_CONGRESS.c.id == congress.id)
                .values(current_sitting_id=plan.next_current.id)
            )
        conn.execute(T_SITTING.delete().where(T_SITTING.c.id == sitting_id))
        audit.append(
            conn,
            "sitting.remove",
            {
                "sitting_id": sitting_id,
                "name": plan.sitting.name,
                "reason": reason,
                "current": plan.next_current.id if plan.next_current else None,
            },
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
    _snapshot_after_sitting_change(db)
    return plan
