"""Restoring a backup: the complete check on a staged copy, the safety snapshot, the copy in."""

import os
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from models import audit
from models.backup.listing import BackupInfo, _Facts, _facts_of, _read_only
from models.backup.snapshots import (
    NAME_RE,
    SQLITE_MAGIC,
    STAMP_FORMAT,
    TIMEOUT_S,
    backup_folder,
    copy_database,
    database_file,
    snapshot,
)
from models.db import Database
from models.errors import refuse
from models.io.file_names import file_sha256

# ------------------------------------------------------------------------------ restore


@dataclass(frozen=True)
class RestoreReport:
    file: Path
    sha256: str
    restored_to_event: int
    replaced_event: int
    event_id: int
    safety_copy: Path | None
    congress: str | None

    def as_json(self) -> dict:
        return {
            "file": str(self.file),
            "sha256": self.sha256,
            "restored_to_event": self.restored_to_event,
            "replaced_event": self.replaced_event,
            "event_id": self.event_id,
            "safety_copy": str(self.safety_copy) if self.safety_copy else None,
            "congress": self.congress,
        }


def find_backup(db: Database, file: str | os.PathLike) -> Path:
    """``file`` as given, or a bare name from ``backup list`` found in this database's folder."""
    path = Path(file).expanduser()
    if path.is_file():
        return path
    folder = backup_folder(db)
    if folder is not None and path.name == str(file) and (folder / path.name).is_file():
        return folder / path.name
    raise refuse("backup.no_file", path=str(file))


def check_backup(db: Database, file: str | os.PathLike) -> BackupInfo:
    """Everything :func:`restore` checks, without changing anything; what the file holds."""
    live = _require_sqlite(db)
    path = find_backup(db, file)
    _refuse_same_file(path, live)
    with tempfile.TemporaryDirectory(prefix="huiwu-restore-") as staging:
        staged = _stage(path, Path(staging))
        facts = _validate(staged, path.name)
    return _describe(path, facts)


def restore(
    db: Database, file: str | os.PathLike, *, operator: str = "", station: str = ""
) -> RestoreReport:
    """Bring a backup back into the current database (see the module notes for the order)."""
    live = _require_sqlite(db)
    path = find_backup(db, file)
    _refuse_same_file(path, live)
    digest = file_sha256(path)
    with tempfile.TemporaryDirectory(prefix="huiwu-restore-") as staging:
        staged = _stage(path, Path(staging))
        facts = _validate(staged, path.name)
        replaced = audit.current_version(db)
        safety = snapshot(db, "restore")  # raises if it cannot be written: no restore without it
        _copy_into(staged, live, db)
    from models.congress import current_congress_id
    from models.migrate import upgrade_if_needed

    upgrade_if_needed(db)  # an older backup comes back at this program's schema
    with db.write() as conn:
        event_id = audit.append(
            conn,
            "backup.restore",
            {
                "file": path.name,
                "sha256": digest,
                "restored_to_event": facts.last_event_id,
                "replaced_event": replaced,
                "safety_copy": safety.name if safety else None,
            },
            congress_id=current_congress_id(conn),
            operator=operator,
            station=station,
        )
    return RestoreReport(
        file=path,
        sha256=digest,
        restored_to_event=facts.last_event_id or 0,
        replaced_event=replaced,
        event_id=event_id,
        safety_copy=safety,
        congress=facts.congress,
    )


def _require_sqlite(db: Database) -> Path:
    live = database_file(db)
    if live is None:
        raise refuse("backup.sqlite_only")
    return live


def _refuse_same_file(path: Path, live: Path) -> None:
    if path.resolve() == live:
        raise refuse("backup.same_file", path=str(path))


def _stage(path: Path, staging: Path) -> Path:
    """A private copy of the candidate: the user's file is never touched, and what is checked
    is exactly what gets restored."""
    staged = staging / "candidate.db"
    try:
        copy_database(path, staged, source_read_only=True)
    except sqlite3.Error as error:
        key = "backup.damaged" if _has_sqlite_header(path) else "backup.not_sqlite"
        raise refuse(key, path=path.name, detail=str(error)) from None
    return staged


def _has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def _validate(staged: Path, name: str) -> _Facts:
    _check_integrity(staged, name)
    with _read_only(staged) as copy:
        if not {"event", "chain_head", "congress", "alembic_version"} <= _tables(copy):
            raise refuse("backup.not_huiwu")
        _check_revision(_revision(copy))
        facts = _facts_of(copy, check_chain=True)
    if not facts.chain.ok:
        refusal = refuse("backup.chain_broken")
        refusal.details.append(refuse(facts.chain.problem, id=facts.chain.broken_id))
        raise refusal
    return facts


def _check_integrity(staged: Path, name: str) -> None:
    try:
        with closing(sqlite3.connect(staged)) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.Error as error:
        raise refuse("backup.damaged", path=name, detail=str(error)) from None
    if [tuple(row) for row in rows] != [("ok",)]:
        raise refuse("backup.damaged", path=name, detail=str(rows[0][0]))


def _tables(copy: Database) -> set[str]:
    with copy.read() as conn:
        rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in rows}


def _revision(copy: Database) -> str | None:
    with copy.read() as conn:
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _check_revision(revision: str | None) -> None:
    """Refuse a database written by a newer huiwu: this program cannot read its schema."""
    from models.migrate import HEAD, MIGRATIONS

    known = {path.name.split("_", 1)[0] for path in (MIGRATIONS / "versions").glob("*.py")}
    if revision in known:
        return
    if revision and revision.isdigit() and int(revision) > int(HEAD):
        raise refuse("backup.newer", revision=revision, head=HEAD)
    raise refuse("backup.not_huiwu")


def _copy_into(staged: Path, live: Path, db: Database) -> None:
    """The staged file INTO the live database through the backup API: one write transaction on
    the live file, so its WAL and any reader stay consistent."""
    db.engine.dispose()  # no pooled connection of ours holds the file meanwhile
    with (
        closing(sqlite3.connect(staged)) as src,
        closing(sqlite3.connect(live, timeout=TIMEOUT_S)) as dst,
    ):
        src.backup(dst)


def _describe(path: Path, facts: _Facts) -> BackupInfo:
    match = NAME_RE.match(path.name)
    if match:
        taken = datetime.strptime(match["stamp"], STAMP_FORMAT).astimezone()
    else:
        taken = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    return BackupInfo(
        path=path,
        taken_at=taken.isoformat(timespec="seconds"),
        reason=match["reason"] if match else "",
        size=path.stat().st_size,
        last_event_id=facts.last_event_id,
        congress=facts.congress,
        chain_ok=facts.chain.ok if facts.chain else None,
    )
