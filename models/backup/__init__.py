"""Automatic SQLite backups: consistent snapshots, the list of them, and restoring one.

A snapshot is taken with SQLite's online backup API (never a file copy: committed data still
sitting in the ``-wal`` file must be in the copy, and a writer busy at that moment must not tear
it). It is written under a temporary name in the backup folder, flushed to disk and renamed, so
a crash leaves either the whole copy or none. Copies are single files (journal mode DELETE) that
open anywhere, readable by their owner only.

Where: ``<user data dir>/backups/`` (``HUIWU_HOME`` moves the data dir, ``HUIWU_BACKUP_DIR``
overrides the backups' place alone), one subfolder per
database — its file name plus a short hash of its full path, so two databases never mix. Names
sort by time and say why: ``huiwu-20261121-093015-sitting.db`` (a second one in the same second
gets ``-2`` before ``.db``). Reasons: ``sitting`` at each sitting change, ``auto`` every N
minutes (``HUIWU_BACKUP_MINUTES``, default 10, 0 = off) when the log has changed, ``restore`` the
safety copy taken before a restore, ``manual``. Every ``sitting``/``restore``/``manual`` copy is
kept; of the ``auto`` ones only the newest K (``HUIWU_BACKUP_KEEP``, default 24).

On PostgreSQL nothing is copied (:func:`snapshot` returns ``None``): a shared server is backed
up by its own tools (``pg_dump``), not by one desk's laptop.

A restore first checks the file completely — a SQLite database, ``PRAGMA integrity_check``,
a huiwu database this program's migrations know, an intact audit chain — on a private staging
copy (so what was checked is exactly what is restored), then takes a ``restore`` snapshot of
the current database, copies the staged file INTO the current database with the backup API
(so an open WAL is handled), and appends ``backup.restore`` to the restored chain.
"""

import hashlib
import logging
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection, create_engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from models import audit
from models.db import SQLITE_BUSY_TIMEOUT_MS, Database, data_dir
from models.errors import refuse
from models.io.file_names import file_sha256

log = logging.getLogger(__name__)

REASONS = ("sitting", "auto", "restore", "manual")
KEPT_REASONS = frozenset({"sitting", "restore", "manual"})
DEFAULT_MINUTES = 10
DEFAULT_KEEP_AUTO = 24
NAME_RE = re.compile(r"^huiwu-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z]+)(?:-(?P<seq>\d+))?\.db$")
STAMP_FORMAT = "%Y%m%d-%H%M%S"
TIMEOUT_S = SQLITE_BUSY_TIMEOUT_MS / 1000
SQLITE_MAGIC = b"SQLite format 3\x00"


# ------------------------------------------------------------------------------ settings


def _env_int(name: str, default: int) -> int:
    try:
        return max(0, int(os.environ.get(name, "").strip() or default))
    except ValueError:
        return default


def auto_minutes() -> int:
    """Minutes between automatic snapshots (``HUIWU_BACKUP_MINUTES``); 0 turns them off."""
    return _env_int("HUIWU_BACKUP_MINUTES", DEFAULT_MINUTES)


def keep_auto() -> int:
    """How many ``auto`` snapshots are kept (``HUIWU_BACKUP_KEEP``)."""
    return _env_int("HUIWU_BACKUP_KEEP", DEFAULT_KEEP_AUTO)


def backup_root() -> Path | None:
    """The folder holding every database's backup folder.

    ``None`` while the test suite runs without ``HUIWU_BACKUP_DIR``: tests must never write
    into the real user data dir.
    """
    configured = os.environ.get("HUIWU_BACKUP_DIR", "").strip()
    if configured:
        return Path(configured).expanduser()
    if os.environ.get("HUIWU_TESTING") == "1":
        return None
    return data_dir() / "backups"


def database_file(db: Database) -> Path | None:
    """The SQLite file behind ``db``; ``None`` for a server database or an in-memory one."""
    if not db.is_sqlite:
        return None
    name = make_url(db.url).database
    if not name or name == ":memory:":
        return None
    return Path(name).resolve()


def backup_folder(db: Database) -> Path | None:
    """This database's own folder: its file stem plus a short hash of its full path."""
    root, path = backup_root(), database_file(db)
    if root is None or path is None:
        return None
    digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:8]
    return root / f"{path.stem}-{digest}"


# ------------------------------------------------------------------------------ snapshots


def snapshot(db: Database, reason: str, *, at: datetime | None = None) -> Path | None:
    """A consistent copy of the SQLite database in its backup folder; returns its path.

    ``None`` on PostgreSQL (pg_dump's job) and in the test suite without a backup folder.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    source, folder = database_file(db), backup_folder(db)
    if source is None or folder is None:
        return None
    _make_private_folder(folder)
    target = _free_name(folder, at or datetime.now(), reason)
    _write_atomically(source, target)
    _prune(folder)
    return target


def snapshot_quietly(db: Database, reason: str) -> Path | None:
    """:func:`snapshot` for hooks that must never fail because of a backup (a sitting change,
    the TUI's timer): a failure is logged and the caller goes on."""
    try:
        return snapshot(db, reason)
    except Exception:
        log.warning("huiwu: the %s backup failed", reason, exc_info=True)
        return None


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


def _make_private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def _free_name(folder: Path, at: datetime, reason: str) -> Path:
    stamp = at.strftime(STAMP_FORMAT)
    taken = {entry.seq for entry in _entries(folder) if entry.stamp == stamp}
    seq = 1
    while seq in taken:
        seq += 1
    suffix = "" if seq == 1 else f"-{seq}"
    return folder / f"huiwu-{stamp}-{reason}{suffix}.db"


def _write_atomically(source: Path, target: Path) -> None:
    """Backup API into a private temporary file beside ``target``, fsync, rename."""
    fd, name = tempfile.mkstemp(prefix=".huiwu-", suffix=".tmp", dir=target.parent)
    os.close(fd)  # mkstemp creates it 0600; SQLite keeps the mode of an existing file
    temporary = Path(name)
    try:
        copy_database(source, temporary)
        _fsync(temporary)
        os.replace(temporary, target)
        _fsync_folder(target.parent)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def copy_database(source: Path, target: Path, *, source_read_only: bool = False) -> None:
    """Copy one SQLite database into a plain (journal mode DELETE) file with the backup API.

    The source is read in one read transaction, so the copy holds exactly what was committed
    at that instant — including what still sits in the source's WAL, and nothing of a writer's
    open transaction.
    """
    src = _connect(source, read_only=source_read_only)
    try:
        with closing(sqlite3.connect(target, timeout=TIMEOUT_S)) as dst:
            src.backup(dst)
            # The copy inherits the source's WAL flag; one self-contained file is wanted.
            dst.execute("PRAGMA journal_mode=DELETE").fetchone()
    finally:
        src.close()


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=TIMEOUT_S)
    return sqlite3.connect(path, timeout=TIMEOUT_S)


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder for this)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ------------------------------------------------------------------------------ the folder


@dataclass(frozen=True)
class _Entry:
    path: Path
    stamp: str
    seq: int
    reason: str

    @property
    def taken(self) -> datetime:
        return datetime.strptime(self.stamp, STAMP_FORMAT)


def _entries(folder: Path) -> list[_Entry]:
    """The snapshots in ``folder``, newest first (by the time in the name, then its number)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = NAME_RE.match(path.name)
        if match and match["reason"] in REASONS and path.is_file():
            seq = int(match["seq"] or 1)
            found.append(_Entry(path, match["stamp"], seq, match["reason"]))
    return sorted(found, key=lambda e: (e.stamp, e.seq), reverse=True)


def _prune(folder: Path) -> None:
    """Keep every sitting/restore/manual copy and the newest K auto ones."""
    autos = [entry for entry in _entries(folder) if entry.reason not in KEPT_REASONS]
    for entry in autos[keep_auto() :]:
        entry.path.unlink(missing_ok=True)


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
