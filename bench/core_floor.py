"""The floor of one check-in: plain ``sqlite3`` doing the same work as ``check_in`` and no more.

Per scan, on one connection opened with the app's pragmas (WAL, foreign keys, busy timeout,
``synchronous=FULL``): split the badge text, check its HMAC against the congress's key (read
once, as any desk would keep it), look the person up by the indexed (congress, code), insert the
check-in row, read the chain head, insert the audit row with its SHA-256 over the same canonical
JSON, move the head, commit. Written for the benchmark only: the app never uses it.
"""

import base64
import hashlib
import hmac
import json
import sqlite3
import time
from pathlib import Path

SIG_BYTES = 10


def _canonical(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=15000")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + ".000+00:00"


def floor_checkins(path: Path, texts: list[str], station: str) -> list[float]:
    """Seconds per check-in for each badge text (each must be a genuine, waiting delegate)."""
    conn = _connect(path)
    try:
        congress_id, uid, secret_hex, sitting_id = conn.execute(
            "SELECT c.id, c.uid, c.secret, c.current_sitting_id FROM congress c "
            "ORDER BY c.id DESC LIMIT 1"
        ).fetchone()
        secret = bytes.fromhex(secret_hex)
        samples = []
        for text in texts:
            started = time.perf_counter()
            _one(conn, text, secret, uid, congress_id, sitting_id, station)
            samples.append(time.perf_counter() - started)
        return samples
    finally:
        conn.close()


def _one(conn, text, secret, uid, congress_id, sitting_id, station) -> None:
    prefix, badge_uid, code, signature = text.split(":")
    message = f"{prefix}:{badge_uid}:{code}".encode("ascii")
    digest = hmac.new(secret, message, hashlib.sha256).digest()[:SIG_BYTES]
    expected = base64.b32encode(digest)
    if badge_uid != uid or not hmac.compare_digest(expected, signature.encode()):
        raise RuntimeError(f"the floor refused a genuine badge: {text}")
    conn.execute("BEGIN IMMEDIATE")
    person_id, person_code = conn.execute(
        "SELECT id, code FROM person WHERE congress_id = ? AND code = ?", (congress_id, code)
    ).fetchone()
    at = _now()
    inserted = conn.execute(
        "INSERT INTO checkin (sitting_id, person_id, at, station, method, operator) "
        "VALUES (?, ?, ?, ?, 'scan', ?) ON CONFLICT DO NOTHING RETURNING id",
        (sitting_id, person_id, at, station, station),
    ).fetchone()
    if inserted is None:
        raise RuntimeError(f"the floor found {person_code} already checked in")
    last_id, last_hash = conn.execute(
        "SELECT last_id, last_hash FROM chain_head WHERE id = 1"
    ).fetchone()
    event_id = last_id + 1
    body = _canonical({"sitting_id": sitting_id, "code": person_code, "method": "scan"})
    content = _canonical(
        {
            "id": event_id,
            "at": at,
            "kind": "checkin",
            "congress_id": congress_id,
            "station": station,
            "operator": station,
            "payload": body,
            "prev_hash": last_hash,
        }
    )
    row_hash = hashlib.sha256(content.encode("utf-8")).hexdigest()
    conn.execute(
        "INSERT INTO event (id, at, kind, congress_id, station, operator, payload, prev_hash, hash)"
        " VALUES (?, ?, 'checkin', ?, ?, ?, ?, ?, ?)",
        (event_id, at, congress_id, station, station, body, last_hash, row_hash),
    )
    conn.execute(
        "UPDATE chain_head SET last_id = ?, last_hash = ? WHERE id = 1", (event_id, row_hash)
    )
    conn.execute("COMMIT")
