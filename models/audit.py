"""The append-only, hash-chained event log.

Every service that changes state calls :func:`append` inside its own write transaction, so the
event and the change commit together or not at all. Each row stores the previous row's hash and
its own SHA-256 over a canonical JSON of its content; :func:`verify` walks the chain. A one-row
``chain_head`` table is locked (``FOR UPDATE``; SQLite's ``BEGIN IMMEDIATE`` already serialises
writers) so two desks appending at once still form one chain without gaps.
"""

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, func, insert, select, update
from sqlmodel import Field, SQLModel

from models.clock import now_iso
from models.db import Database, serialises_writers

GENESIS = "0" * 64


class Event(SQLModel, table=True):
    id: int = Field(primary_key=True)
    at: str = Field(max_length=40)
    kind: str = Field(max_length=64, index=True)
    congress_id: int | None = Field(default=None, index=True)
    station: str = Field(default="", max_length=64)
    operator: str = Field(default="", max_length=64)
    payload: str
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class ChainHead(SQLModel, table=True):
    __tablename__ = "chain_head"
    id: int = Field(primary_key=True)
    last_id: int
    last_hash: str = Field(max_length=64)


T_EVENT = Event.__table__
T_HEAD = ChainHead.__table__


def canonical(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def row_hash(
    event_id: int,
    at: str,
    kind: str,
    congress_id: int | None,
    station: str,
    operator: str,
    payload: str,
    prev_hash: str,
) -> str:
    content = canonical(
        {
            "id": event_id,
            "at": at,
            "kind": kind,
            "congress_id": congress_id,
            "station": station,
            "operator": operator,
            "payload": payload,
            "prev_hash": prev_hash,
        }
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


# Built once (SQLAlchemy memoizes their cache keys): every state change appends, a scan included.
_HEAD = select(T_HEAD.c.last_id, T_HEAD.c.last_hash).where(T_HEAD.c.id == 1)
_HEAD_LOCKED = _HEAD.with_for_update()
_INSERT_EVENT = insert(T_EVENT)
_MOVE_HEAD = (
    update(T_HEAD)
    .where(T_HEAD.c.id == 1)
    .values(last_id=bindparam("new_id"), last_hash=bindparam("new_hash"))
)


def _lock_head(conn: Connection) -> tuple[int, str]:
    query = _HEAD if serialises_writers(conn) else _HEAD_LOCKED
    head = conn.execute(query).first()
    if head is None:
        conn.execute(insert(T_HEAD).values(id=1, last_id=0, last_hash=GENESIS))
        if not serialises_writers(conn):
            head = conn.execute(query).first()
            return head.last_id, head.last_hash
        return 0, GENESIS
    return head.last_id, head.last_hash


def append(
    conn: Connection,
    kind: str,
    payload: dict,
    *,
    congress_id: int | None = None,
    station: str = "",
    operator: str = "",
    at: str | None = None,
) -> int:
    """Append one event in the caller's transaction; returns its number."""
    last_id, last_hash = _lock_head(conn)
    event_id = last_id + 1
    at = at or now_iso()
    body = canonical(payload)
    digest = row_hash(event_id, at, kind, congress_id, station, operator, body, last_hash)
    conn.execute(
        _INSERT_EVENT,
        {
            "id": event_id,
            "at": at,
            "kind": kind,
            "congress_id": congress_id,
            "station": station,
            "operator": operator,
            "payload": body,
            "prev_hash": last_hash,
            "hash": digest,
        },
    )
    conn.execute(_MOVE_HEAD, {"new_id": event_id, "new_hash": digest})
    return event_id


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_id: int | None = None
    problem: str | None = None  # catalog key: audit.hash_mismatch | audit.link_broken | ...


def verify(db: Database) -> ChainReport:
    """Walk the whole chain; stop at the first row whose link or hash does not hold."""
    expected_prev = GENESIS
    expected_id = 1
    checked = 0
    with db.read() as conn:
        rows = conn.execution_options(yield_per=2000).execute(
            select(T_EVENT).order_by(T_EVENT.c.id)
        )
        for row in rows:
            if row.id != expected_id:
                return ChainReport(False, checked, expected_id, "audit.missing_row")
            if row.prev_hash != expected_prev:
                return ChainReport(False, checked, row.id, "audit.link_broken")
            digest = row_hash(
                row.id,
                row.at,
                row.kind,
                row.congress_id,
                row.station,
                row.operator,
                row.payload,
                row.prev_hash,
            )
            if digest != row.hash:
                return ChainReport(False, checked, row.id, "audit.hash_mismatch")
            expected_prev = row.hash
            expected_id += 1
            checked += 1
        head = conn.execute(select(T_HEAD).where(T_HEAD.c.id == 1)).first()
    if head is not None and (head.last_id != checked or head.last_hash != expected_prev):
        return ChainReport(False, checked, head.last_id, "audit.head_mismatch")
    return ChainReport(True, checked)


def events(db: Database, kind_prefix: str = "", limit: int = 100) -> list[dict]:
    with db.read() as conn:
        query = select(T_EVENT).order_by(T_EVENT.c.id.desc()).limit(limit)
        if kind_prefix:
            query = query.where(T_EVENT.c.kind.startswith(kind_prefix))
        rows = conn.execute(query).all()
    return [
        {
            "id": r.id,
            "at": r.at,
            "kind": r.kind,
            "station": r.station,
            "payload": json.loads(r.payload),
        }
        for r in rows
    ]


def version_in(conn: Connection) -> int:
    """Grows with every change anywhere (the log's last id): what screens poll to learn, in one
    cheap query, whether another desk changed anything."""
    return conn.execute(select(func.max(T_EVENT.c.id))).scalar() or 0


def current_version(db: Database) -> int:
    with db.read() as conn:
        return version_in(conn)
