"""Checking in with the server out of reach (issue 21, part 3): the scan is decided against the
desk's own copy (:mod:`models.offline.mirror`) by the same rules as online — a genuine badge of
this congress, not on leave, not checked in already — journaled with a unique id and its own
time, and answered 「✔ 已签到（离线，待上传）」. Every scan is journaled, a refused one too: the
journal is the desk's whole record of the time it was apart."""

import hmac
import sqlite3
import uuid
from pathlib import Path

from models import badge_code
from models.attendance.records import CheckinResult
from models.clock import now_iso
from models.offline.mirror import NOTE_SEPARATOR, MirrorProblem, connect, read_meta

ENTRY, EXIT = "entry", "exit"
PERSON_COLUMNS = (
    "code",
    "name",
    "delegation",
    "category",
    "sig",
    "retired",
    "leave",
    "seat",
    "notes",
)


def offline_scan(
    path: Path,
    raw: str,
    kind: str = ENTRY,
    *,
    station: str = "",
    operator: str = "",
    method: str | None = None,
) -> CheckinResult:
    """One scan (``kind`` entry or exit) decided and journaled on the desk's copy; committed
    (fsync) before it returns. A desk with no copy yet raises MirrorProblem("empty")."""
    raw = (raw or "").replace("\x00", "\ufffd")
    text = badge_code.normalize_scan(raw)
    scanned = method == "scan" or (method is None and badge_code.looks_like_badge(text))
    method = "scan" if scanned else "manual"
    with connect(path) as local:
        meta = read_meta(local)
        if meta is None:
            raise MirrorProblem("empty")
        person, failure = _identify(local, meta.uid, text, scanned)
        at = now_iso()
        if failure is not None:
            status, reason = failure
            code = text[:64] if status == "unknown" and text else ""
            _journal(local, meta, kind, code, method, at, station, operator, status)
            return CheckinResult(status, reason=reason, code=code or None, method=method)
        result = _decide(local, person, kind, method)
        _journal(local, meta, kind, person["code"], method, at, station, operator, result.status)
        apply_to_copy(local, kind, person["code"], at, station, result.status)
        if result.status in ("ok", "exited", "reentered"):
            texts = _desk_texts(person) if kind == ENTRY else {}
            return CheckinResult(
                result.status,
                at=at,
                station=station,
                offline=True,
                **_fields(person, method),
                **texts,
            )
        return result


def _identify(local: sqlite3.Connection, uid: str, text: str, scanned: bool):
    if scanned:
        badge = badge_code.parse(text)
        if badge is None:
            return None, ("invalid", "malformed")
        if badge.uid != uid:
            return None, ("invalid", "foreign")
        code = badge.code
    else:
        code = text
        if not badge_code.is_valid_code(code):
            return None, ("unknown", None)
    row = local.execute(
        "SELECT code, name, delegation, category, sig, retired, on_leave, seat, notes "
        "FROM person WHERE code = ?",
        (code,),
    ).fetchone()
    if row is None:
        return None, ("unknown", None)
    person = dict(zip(PERSON_COLUMNS, row, strict=True))
    if scanned and not hmac.compare_digest(badge.signature, person["sig"]):
        revoked = badge.signature in person["retired"].split()
        return None, ("invalid", "revoked" if revoked else "forged")
    return person, None


def _decide(local: sqlite3.Connection, person: dict, kind: str, method: str) -> CheckinResult:
    fields = _fields(person, method)
    row = local.execute(
        "SELECT at, station, in_hall FROM checkin WHERE code = ?", (person["code"],)
    ).fetchone()
    if kind == EXIT:
        if row is not None and row[2]:
            return CheckinResult("exited", **fields)
        why = "on_leave" if person["leave"] else "never_entered" if row is None else "already_out"
        return CheckinResult("not_in_hall", reason=why, offline=True, **fields)
    texts = _desk_texts(person)
    if person["leave"]:
        return CheckinResult("on_leave", offline=True, **fields, **texts)
    if row is None:
        return CheckinResult("ok", **fields)
    if not row[2]:
        return CheckinResult("reentered", **fields)
    return CheckinResult("already", at=row[0], station=row[1], offline=True, **fields, **texts)


def _fields(person: dict, method: str) -> dict:
    return {
        "code": person["code"],
        "name": person["name"],
        "delegation": person["delegation"],
        "category": person["category"],
        "method": method,
    }


def _desk_texts(person: dict) -> dict:
    """The seat and notes the ✔ panel shows, as online (models.attendance.checkin.desk_texts)."""
    notes = tuple(note for note in person["notes"].split(NOTE_SEPARATOR) if note)
    return {"seat": person["seat"], "notes": notes}


def _journal(local, meta, kind, code, method, at, station, operator, status) -> None:
    local.execute(
        "INSERT INTO journal (scan_id, uid, sitting_id, kind, code, method, at, station, "
        "operator, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            uuid.uuid4().hex,
            meta.uid,
            meta.sitting_id,
            kind,
            code,
            method,
            at,
            station,
            operator,
            status,
        ),
    )


def apply_to_copy(
    local: sqlite3.Connection, kind: str, code: str, at: str, station: str, status: str
) -> None:
    """A journaled scan's effect on the desk's copy (also laid again over a refreshed copy)."""
    if status == "ok":
        local.execute("INSERT OR IGNORE INTO checkin VALUES (?, ?, ?, 1)", (code, at, station))
    elif status in ("reentered", "exited"):
        inside = int(status == "reentered")
        local.execute("UPDATE checkin SET in_hall = ? WHERE code = ?", (inside, code))
