"""The list of backups with what each one holds (congress, last event, an intact chain), and the
automatic snapshot when the log has changed."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, create_engine, select
from sqlalchemy.pool import NullPool

from models import audit
from models.backup.snapshots import _entries, auto_minutes, backup_folder, log, snapshot_quietly
from models.db import Database


def due_for_auto(db: Database, minutes: int | None = None, *, now: datetime | None = None) -> bool:
    """Whether an ``auto`` snapshot is due: SQLite, turned on, the newest snapshot at least
    ``minutes`` old, and the audit log has changed since it (an idle desk does not fill the
    folder with identical copies and push the useful ones out)."""
    minutes = auto_minutes() if minutes is None else minutes
    folder = backup_folder(db)
    if minutes <= 0 or folder is None:
        return False
    newest = next(iter(_entries(folder)), None)
    if newest is None:
        return True
    if (now or datetime.now()) - newest.taken < timedelta(minutes=minutes):
        return False
    copied = _read_facts(newest.path).last_hash
    with db.read() as conn:
        return copied is None or _last_hash(conn) != copied


def auto_snapshot(db: Database, minutes: int | None = None) -> Path | None:
    """The timer's call: an ``auto`` snapshot when one is due. Never raises."""
    try:
        if not due_for_auto(db, minutes):
            return None
    except Exception:
        log.warning("huiwu: could not check whether a backup is due", exc_info=True)
        return None
    return snapshot_quietly(db, "auto")


@dataclass(frozen=True)
class _Facts:
    last_event_id: int | None = None
    last_hash: str | None = None
    congress: str | None = None
    chain: audit.ChainReport | None = None


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: str
    reason: str
    size: int
    last_event_id: int | None
    congress: str | None
    chain_ok: bool | None

    def as_json(self) -> dict:
        return {
            "file": self.path.name,
            "path": str(self.path),
            "taken_at": self.taken_at,
            "reason": self.reason,
            "size": self.size,
            "last_event_id": self.last_event_id,
            "congress": self.congress,
            "chain_ok": self.chain_ok,
        }


def list_backups(db: Database, *, check_chain: bool = True) -> list[BackupInfo]:
    """This database's snapshots, newest first, each opened read-only to say what it holds."""
    folder = backup_folder(db)
    if folder is None:
        return []
    infos = []
    for entry in _entries(folder):
        facts = _read_facts(entry.path, check_chain=check_chain)
        infos.append(
            BackupInfo(
                path=entry.path,
                taken_at=entry.taken.astimezone().isoformat(timespec="seconds"),
                reason=entry.reason,
                size=entry.path.stat().st_size,
                last_event_id=facts.last_event_id,
                congress=facts.congress,
                chain_ok=facts.chain.ok if facts.chain else None,
            )
        )
    return infos


def _read_facts(path: Path, *, check_chain: bool = False) -> _Facts:
    """What a copy holds; empty facts when it cannot be read (the list still shows it)."""
    try:
        with _read_only(path) as copy:
            return _facts_of(copy, check_chain=check_chain)
    except Exception:
        return _Facts()


@contextmanager
def _read_only(path: Path) -> Iterator[Database]:
    """A :class:`Database` over a copy, opened read-only and without the live pragmas."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=NullPool,
    )
    try:
        yield Database(f"sqlite:///{path}", engine)
    finally:
        engine.dispose()


def _facts_of(copy: Database, *, check_chain: bool) -> _Facts:
    from models.congress import T_CONGRESS, current_congress_id

    with copy.read() as conn:
        last = audit.version_in(conn)
        last_hash = _last_hash(conn)
        congress_id = current_congress_id(conn)
        name = None
        if congress_id is not None:
            name = conn.execute(
                select(T_CONGRESS.c.name).where(T_CONGRESS.c.id == congress_id)
            ).scalar()
    chain = audit.verify(copy) if check_chain else None
    return _Facts(last, last_hash, name, chain)


def _last_hash(conn: Connection) -> str:
    """The chain's newest hash: two copies with the same one hold the same history."""
    query = select(audit.T_EVENT.c.hash).order_by(audit.T_EVENT.c.id.desc()).limit(1)
    return conn.execute(query).scalar() or audit.GENESIS
