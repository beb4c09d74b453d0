"""Taking a snapshot: where backups go, when an automatic one is due, the atomic private copy,
pruning."""

import hashlib
import logging
import os
import re
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from models.db import SQLITE_BUSY_TIMEOUT_MS, Database, data_dir

log = logging.getLogger("models.backup")  # the name its log lines always had

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
