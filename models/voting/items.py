"""Vote items (motions, elections, appraisals): numbering, nominees, scrutineers, lookup
and list."""

import json

from sqlalchemy import Connection, func, insert, select

from models import audit
from models.clock import now_iso
from models.congress import CongressInfo, require_congress
from models.db import numbered_row
from models.errors import refuse
from models.voting.records import (
    T_ITEM,
    T_NOMINEE,
    T_ROLL,
    T_SCRUTINEER,
    ItemInfo,
    ItemSummary,
    RollInfo,
)


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise refuse("voting.empty_title")
    if len(title) > 200:
        raise refuse("voting.title_too_long")
    return title


def next_number(conn: Connection, congress_id: int) -> int:
    top = conn.execute(
        select(func.max(T_ITEM.c.number)).where(T_ITEM.c.congress_id == congress_id)
    ).scalar()
    return (top or 0) + 1


def insert_item(conn: Connection, congress: CongressInfo, kind: str, title: str, **values) -> int:
    title = clean_title(title)
    taken = conn.execute(
        select(T_ITEM.c.number).where(T_ITEM.c.congress_id == congress.id, T_ITEM.c.title == title)
    ).first()
    if taken:
        raise refuse("voting.duplicate_title", title=title, number=taken.number)
    settings = values.pop("settings", {})
    return conn.execute(
        insert(T_ITEM).values(
            congress_id=congress.id,
            number=next_number(conn, congress.id),
            kind=kind,
            title=title,
            settings=json.dumps(settings, ensure_ascii=False, sort_keys=True),
            created_at=now_iso(),
            **values,
        )
    ).inserted_primary_key[0]


def insert_nominees(conn: Connection, item_id: int, names, posts=None) -> None:
    posts = list(posts or [None] * len(names))
    conn.execute(
        insert(T_NOMINEE),
        [
            {"item_id": item_id, "position": i + 1, "name": n, "post": p}
            for i, (n, p) in enumerate(zip(names, posts, strict=True))
        ],
    )


def insert_scrutineers(conn: Connection, item_id: int, role: str, names) -> None:
    if names:
        conn.execute(
            insert(T_SCRUTINEER), [{"item_id": item_id, "role": role, "name": n} for n in names]
        )


def _item_row(conn: Connection, congress_id: int, ref) -> object:
    row = numbered_row(conn, T_ITEM, congress_id, ref)
    if row is None:
        raise refuse("voting.no_such_item", ref=str(ref).strip())
    return row


def roll_info(conn: Connection, roll_id: int | None) -> RollInfo | None:
    if roll_id is None:
        return None
    from models.congress import T_SITTING

    row = conn.execute(
        select(T_ROLL, T_SITTING.c.name.label("sitting"))
        .join(T_SITTING, T_SITTING.c.id == T_ROLL.c.sitting_id)
        .where(T_ROLL.c.id == roll_id)
    ).one()
    return RollInfo(row.id, row.sitting, row.due, row.present, row.sha256, row.at, row.presence)


def load_item(conn: Connection, ref, kind: str | None = None) -> ItemInfo:
    congress = require_congress(conn)
    row = _item_row(conn, congress.id, ref)
    if kind is not None and row.kind != kind:
        raise refuse(f"voting.not_{kind}", ref=str(ref))
    return item_info(conn, row)


def item_info(conn: Connection, row) -> ItemInfo:
    nominees = conn.execute(
        select(T_NOMINEE.c.name, T_NOMINEE.c.post)
        .where(T_NOMINEE.c.item_id == row.id)
        .order_by(T_NOMINEE.c.position)
    ).all()
    people = conn.execute(
        select(T_SCRUTINEER.c.role, T_SCRUTINEER.c.name)
        .where(T_SCRUTINEER.c.item_id == row.id)
        .order_by(T_SCRUTINEER.c.id)
    ).all()
    parent = None
    if row.parent_id is not None:
        parent = conn.execute(select(T_ITEM.c.number).where(T_ITEM.c.id == row.parent_id)).scalar()
    last = _last_lock_event(conn, row.congress_id, row.number)
    final_event = last is not None and last["kind"] == FINAL_EVENT
    return ItemInfo(
        id=row.id,
        congress_id=row.congress_id,
        number=row.number,
        kind=row.kind,
        title=row.title,
        settings=json.loads(row.settings or "{}"),
        important=bool(row.important),
        method=row.method,
        double_entry=bool(row.double_entry),
        issued=row.issued,
        roll=roll_info(conn, row.roll_id),
        parent_number=parent,
        round=row.round,
        counted=bool(row.counted),
        reopened=last is not None and last["kind"] == REOPEN_EVENT,
        replaces=last["payload"].get("replaces") if final_event else None,
        nominees=tuple(n.name for n in nominees),
        posts=tuple(n.post for n in nominees),
        scrutineers=tuple(p.name for p in people if p.role == "scrutineer"),
        counters=tuple(p.name for p in people if p.role == "counter"),
    )


def list_items(db, kind: str | None = None) -> list[ItemSummary]:
    with db.read() as conn:
        congress = require_congress(conn)
        query = select(T_ITEM.c.number, T_ITEM.c.kind, T_ITEM.c.title, T_ITEM.c.roll_id).where(
            T_ITEM.c.congress_id == congress.id
        )
        if kind:
            query = query.where(T_ITEM.c.kind == kind)
        return [
            ItemSummary(r.number, r.kind, r.title, r.roll_id is not None)
            for r in conn.execute(query.order_by(T_ITEM.c.number))
        ]


# --- final means final ---------------------------------------------------------------------------
#
# An item whose result is final (计票结果已确定) is locked: every write to either entry is refused
# until `huiwu reopen ITEM --reason …`. The lock is not a column but what the log says last about
# the item: "vote.final" (appended by the write that made the result final) or "vote.reopen". A
# final result with neither (a database from before this rule) is locked too.

FINAL_EVENT, REOPEN_EVENT = "vote.final", "vote.reopen"


def _last_lock_event(conn: Connection, congress_id: int, number: int) -> dict | None:
    """The newest "vote.final" or "vote.reopen" of item ``number``, as {"kind", "payload", "at"}."""
    rows = conn.execute(
        select(audit.T_EVENT.c.kind, audit.T_EVENT.c.payload, audit.T_EVENT.c.at)
        .where(
            audit.T_EVENT.c.congress_id == congress_id,
            audit.T_EVENT.c.kind.in_((FINAL_EVENT, REOPEN_EVENT)),
        )
        .order_by(audit.T_EVENT.c.id.desc())
    )
    for row in rows:
        payload = json.loads(row.payload)
        if payload.get("item") == number:
            return {"kind": row.kind, "payload": payload, "at": row.at}
    return None
