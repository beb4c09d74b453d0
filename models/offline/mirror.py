"""A desk's own copy of what a scan needs, and its journal of scans made while the server was
out of reach (issue 21, part 3).

One SQLite file per desk and server, beside the user's data: the congress and its current
sitting, each person with the signature their badge must carry (never the badge secret: a copy
of the file can tell a genuine badge from a forged one, but cannot sign a new one), who is on
leave, who is checked in and in the hall; and the journal. A journaled scan is written with its
effect on the copy in one transaction, with ``synchronous=FULL``, before the desk shows its
answer: a laptop that dies a second later still has it.

Kept current while online (:func:`refresh_mirror`); the server's rows replace the copy's, and the
journal's scans not yet uploaded are laid over them again, so the copy never forgets its own."""

import hashlib
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, select

from models import badge_code
from models.db import data_dir

PERSON_TABLE = """CREATE TABLE IF NOT EXISTS person (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, delegation TEXT, category TEXT NOT NULL,
    sig TEXT NOT NULL, retired TEXT NOT NULL, on_leave INTEGER NOT NULL, seat TEXT,
    notes TEXT NOT NULL)"""
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
{PERSON_TABLE};
CREATE TABLE IF NOT EXISTS checkin (
    code TEXT PRIMARY KEY, at TEXT NOT NULL, station TEXT NOT NULL, in_hall INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, scan_id TEXT NOT NULL UNIQUE, uid TEXT NOT NULL,
    sitting_id INTEGER NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL, method TEXT NOT NULL,
    at TEXT NOT NULL, station TEXT NOT NULL, operator TEXT NOT NULL, status TEXT NOT NULL,
    uploaded INTEGER NOT NULL DEFAULT 0, outcome TEXT NOT NULL DEFAULT '');
"""
VERSION = "2"  # a copy of another version is made again on the next refresh
NOTE_SEPARATOR = "\x1f"


class MirrorProblem(Exception):
    """The file cannot be used: ``reason`` is damaged | foreign | empty."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class Meta:
    uid: str
    congress: str
    sitting_id: int
    sitting: str
    refreshed_at: str


def mirror_path(url: str, station: str) -> Path:
    """Where this desk keeps its copy of the server at ``url``: one file per desk and server."""
    key = hashlib.sha256(f"{url}\n{station}".encode()).hexdigest()[:16]
    return data_dir() / "offline" / f"desk-{key}.sqlite"


@contextmanager
def connect(path: Path):
    """The copy, open for one transaction: committed on success, rolled back on an exception;
    a file that is not a usable copy is a :class:`MirrorProblem` (``damaged``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    except sqlite3.Error as error:
        raise MirrorProblem("damaged", str(error)) from None
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")  # a shown ✔ survives a power cut
        conn.executescript(SCHEMA)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as error:
        raise MirrorProblem("damaged", str(error)) from None
    finally:
        conn.close()


def read_meta(conn: sqlite3.Connection) -> Meta | None:
    values = dict(conn.execute("SELECT key, value FROM meta"))
    if values.get("version") != VERSION or "uid" not in values:
        return None
    return Meta(
        values["uid"],
        values["congress"],
        int(values["sitting_id"]),
        values["sitting"],
        values["refreshed_at"],
    )


def pending_count(path: Path) -> int:
    if not path.exists():
        return 0
    with connect(path) as conn:
        return conn.execute("SELECT count(*) FROM journal WHERE uploaded = 0").fetchone()[0]


# --- kept current while online -----------------------------------------------------------------


def refresh_mirror(db, path: Path) -> Meta:
    """Copy the server's congress, sitting, people and check-ins into the desk's file, in one
    snapshot of the server and one transaction of the file."""
    from models.clock import now_iso

    with db.snapshot() as conn:
        people, checkins, meta = _server_state(conn)
    meta = Meta(*meta, refreshed_at=now_iso())
    with connect(path) as local:
        old = read_meta(local)
        if old is not None and old.uid != meta.uid and _has_pending(local):
            raise MirrorProblem("foreign", old.congress)  # never drop another congress's scans
        local.execute("DELETE FROM meta")
        local.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("version", VERSION),
                ("uid", meta.uid),
                ("congress", meta.congress),
                ("sitting_id", str(meta.sitting_id)),
                ("sitting", meta.sitting),
                ("refreshed_at", meta.refreshed_at),
            ],
        )
        local.execute("DROP TABLE person")  # made again with this version's columns
        local.execute(PERSON_TABLE)
        local.executemany("INSERT INTO person VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", people)
        local.execute("DELETE FROM checkin")
        local.executemany("INSERT INTO checkin VALUES (?, ?, ?, ?)", checkins)
        _lay_pending_over(local, meta)
    return meta


def _server_state(conn):
    from models.attendance.checkin import _with_desk_texts
    from models.attendance.records import T_CHECKIN, T_LEAVE
    from models.congress import T_DELEGATION, T_PERSON, desk_context, retired_secrets

    congress, sitting, secret = desk_context(conn)
    old_secrets = retired_secrets(conn, congress.id)
    people_at_sitting = (
        select(
            T_PERSON.c.code,
            T_PERSON.c.name,
            T_DELEGATION.c.name.label("delegation"),
            T_PERSON.c.category,
            T_LEAVE.c.id.label("leave_id"),
        )
        .select_from(
            T_PERSON.outerjoin(
                T_DELEGATION, T_PERSON.c.delegation_id == T_DELEGATION.c.id
            ).outerjoin(
                T_LEAVE,
                and_(T_LEAVE.c.person_id == T_PERSON.c.id, T_LEAVE.c.sitting_id == sitting.id),
            )
        )
        .where(T_PERSON.c.congress_id == congress.id)
    )
    rows = conn.execute(_with_desk_texts(people_at_sitting)).all()
    people = [
        (
            r.code,
            r.name,
            r.delegation,
            r.category,
            badge_code.sign(secret, congress.uid, r.code),
            " ".join(badge_code.sign(old, congress.uid, r.code) for old in old_secrets),
            int(r.leave_id is not None),
            r.seat,
            NOTE_SEPARATOR.join(note for note in (r.note, r.category_note) if note),
        )
        for r in rows
    ]
    checkins = [
        (r.code, r.at, r.station, int(r.in_hall))
        for r in conn.execute(
            select(T_PERSON.c.code, T_CHECKIN.c.at, T_CHECKIN.c.station, T_CHECKIN.c.in_hall)
            .join(T_PERSON, T_PERSON.c.id == T_CHECKIN.c.person_id)
            .where(T_CHECKIN.c.sitting_id == sitting.id)
        )
    ]
    return people, checkins, (congress.uid, congress.name, sitting.id, sitting.name)


def _has_pending(local: sqlite3.Connection) -> bool:
    return local.execute("SELECT 1 FROM journal WHERE uploaded = 0 LIMIT 1").fetchone() is not None


def _lay_pending_over(local: sqlite3.Connection, meta: Meta) -> None:
    """The scans not uploaded yet, applied again to the server's rows just copied."""
    from models.offline.desk import apply_to_copy

    pending = local.execute(
        "SELECT kind, code, at, station, status FROM journal "
        "WHERE uploaded = 0 AND uid = ? AND sitting_id = ? ORDER BY seq",
        (meta.uid, meta.sitting_id),
    ).fetchall()
    for kind, code, at, station, status in pending:
        apply_to_copy(local, kind, code, at, station, status)


def mirror_figures(path: Path):
    """The attendance figures as the desk's copy has them (its own offline scans included): what
    the check-in screen shows while the server is out of reach."""
    from models.congress import VOTING
    from models.rules.attendance import Attendance

    with connect(path) as local:
        due, leave = local.execute(
            "SELECT count(*), coalesce(sum(on_leave), 0) FROM person WHERE category = ?", (VOTING,)
        ).fetchone()
        present, inside = local.execute(
            "SELECT count(*), coalesce(sum(c.in_hall), 0) FROM checkin c "
            "JOIN person p ON p.code = c.code WHERE p.category = ?",
            (VOTING,),
        ).fetchone()
        nonvoting = local.execute(
            "SELECT count(*) FROM checkin c JOIN person p ON p.code = c.code "
            "WHERE p.category IN ('attendee', 'guest')"
        ).fetchone()[0]
    return Attendance(due, present, leave, nonvoting, None if inside == present else inside)
