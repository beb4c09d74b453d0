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

from models.backup.listing import BackupInfo, _read_facts, auto_snapshot, due_for_auto, list_backups
from models.backup.restoring import RestoreReport, check_backup, find_backup, restore
from models.backup.snapshots import (
    DEFAULT_KEEP_AUTO,
    DEFAULT_MINUTES,
    KEPT_REASONS,
    NAME_RE,
    REASONS,
    SQLITE_MAGIC,
    STAMP_FORMAT,
    TIMEOUT_S,
    auto_minutes,
    backup_folder,
    backup_root,
    copy_database,
    database_file,
    keep_auto,
    log,
    snapshot,
    snapshot_quietly,
)

__all__ = [
    "DEFAULT_KEEP_AUTO",
    "DEFAULT_MINUTES",
    "KEPT_REASONS",
    "NAME_RE",
    "REASONS",
    "SQLITE_MAGIC",
    "STAMP_FORMAT",
    "TIMEOUT_S",
    "BackupInfo",
    "RestoreReport",
    "_read_facts",
    "auto_minutes",
    "auto_snapshot",
    "backup_folder",
    "backup_root",
    "check_backup",
    "copy_database",
    "database_file",
    "due_for_auto",
    "find_backup",
    "keep_auto",
    "list_backups",
    "log",
    "restore",
    "snapshot",
    "snapshot_quietly",
]
