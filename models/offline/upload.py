"""Uploading a desk's journal when the server is back (issue 21, part 3): oldest first, each scan
with its own time, each exactly once — the server keeps every scan's id (``offline_scan``,
unique), so a desk that died between the server's commit and its own mark uploads nothing
twice. A person checked in at two desks while apart keeps the earliest check-in; the other is
listed beside it for the staff (:func:`two_desk_checkins`).

Each batch is one server transaction: the effects, the scans' rows and one audit event naming
them; the desk marks the batch uploaded afterwards."""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, and_, insert, select, update

from models import audit
from models.attendance.moves import move
from models.attendance.records import ENTRY, EXIT, T_CHECKIN, T_LEAVE
from models.clock import now_iso
from models.congress import T_PERSON, T_SITTING, require_congress
from models.db import insert_ignore
from models.errors import refuse
from models.offline.mirror import MirrorProblem, connect, read_meta
from models.offline.records import EARLIER, KEPT_OTHER, NOTHING, STORED, T_OFFLINE

BATCH = 100
COLUMNS = "seq, scan_id, uid, sitting_id, kind, code, method, at, station, operator, status"


@dataclass
class UploadReport:
    uploaded: int = 0
    outcomes: Counter = field(default_factory=Counter)
    left: int = 0

    def as_json(self) -> dict:
        return {"uploaded": self.uploaded, "outcomes": dict(self.outcomes), "left": self.left}


def upload_journal(db, path: Path, *, batch: int = BATCH) -> UploadReport:
    """Upload every scan the desk journaled and has not uploaded yet."""
    report = UploadReport()
    try:
        while True:
            rows = _pending(path, batch)
            if not rows:
                return report
            outcomes = _upload_batch(db, rows)
            _mark(path, outcomes)
            report.uploaded += len(rows)
            report.outcomes.update(outcomes.values())
    except MirrorProblem as problem:
        raise refuse(f"offline.{problem.reason}", detail=problem.detail[:200]) from None


def _pending(path: Path, batch: int) -> list[dict]:
    with connect(path) as local:
        if read_meta(local) is None and local.execute("SELECT 1 FROM journal").fetchone() is None:
            return []
        names = [name.strip() for name in COLUMNS.split(",")]
        found = local.execute(
            f"SELECT {COLUMNS} FROM journal WHERE uploaded = 0 ORDER BY seq LIMIT ?", (batch,)
        ).fetchall()
    return [dict(zip(names, row, strict=True)) for row in found]


def _mark(path: Path, outcomes: dict[str, str]) -> None:
    with connect(path) as local:
        local.executemany(
            "UPDATE journal SET uploaded = 1, outcome = ? WHERE scan_id = ?",
            [(outcome, scan_id) for scan_id, outcome in outcomes.items()],
        )


def _upload_batch(db, rows: list[dict]) -> dict[str, str]:
    with db.write() as conn:
        congress = require_congress(conn)
        if any(row["uid"] != congress.uid for row in rows):
            raise refuse("offline.foreign_journal", congress=congress.name)
        outcomes = {row["scan_id"]: _upload_one(conn, congress, row) for row in rows}
        fresh = [r for r in rows if outcomes[r["scan_id"]] is not None]
        if fresh:
            audit.append(
                conn,
                "offline.upload",
                {"station": fresh[0]["station"], "scans": [r["scan_id"] for r in fresh]},
                congress_id=congress.id,
                station=fresh[0]["station"],
                operator=fresh[0]["operator"],
            )
        return {
            row["scan_id"]: outcomes[row["scan_id"]] or _earlier_outcome(conn, row) for row in rows
        }


def _earlier_outcome(conn: Connection, row: dict) -> str:
    query = select(T_OFFLINE.c.outcome).where(T_OFFLINE.c.scan_id == row["scan_id"])
    return conn.execute(query).scalar_one()


def _upload_one(conn: Connection, congress, row: dict) -> str | None:
    """Apply one journaled scan; None when the server has it already (uploaded before)."""
    exists = select(T_OFFLINE.c.id).where(T_OFFLINE.c.scan_id == row["scan_id"])
    if conn.execute(exists).first() is not None:
        return None
    outcome, other = _apply(conn, congress, row)
    conn.execute(
        insert(T_OFFLINE).values(
            congress_id=congress.id,
            sitting_id=row["sitting_id"],
            scan_id=row["scan_id"],
            kind=row["kind"],
            code=row["code"],
            method=row["method"],
            at=row["at"],
            station=row["station"],
            operator=row["operator"],
            desk_status=row["status"],
            outcome=outcome,
            other_at=other[0] if other else None,
            other_station=other[1] if other else None,
            uploaded_at=now_iso(),
        )
    )
    return outcome


def _apply(conn: Connection, congress, row: dict) -> tuple[str, tuple | None]:
    """What the scan does on the server now, and the other desk's check-in it met, if any."""
    person = _person(conn, congress.id, row)
    if person is None or row["status"] not in ("ok", "reentered", "exited"):
        return NOTHING, None
    who = {"station": row["station"], "operator": row["operator"], "at": row["at"]}
    sitting = _Sitting(row["sitting_id"])
    if row["kind"] == EXIT:
        moved = person.checkin_at and move(conn, congress, sitting, person, EXIT, **who)
        return (STORED if moved else NOTHING), None
    if person.checkin_at is None:
        if person.leave_id is not None:  # leave granted while the desk was apart
            return NOTHING, None
        if _check_in(conn, congress, row, person):
            return STORED, None
        person = _person(conn, congress.id, row)  # another desk's upload landed meanwhile
    if row["status"] == "reentered":
        moved = move(conn, congress, sitting, person, ENTRY, **who)
        return (STORED if moved else NOTHING), None
    other = (person.checkin_at, person.checkin_station)
    if row["at"] < person.checkin_at and _earlier(conn, congress, row, person):
        return EARLIER, other
    return KEPT_OTHER, other


class _Sitting:
    def __init__(self, sitting_id: int) -> None:
        self.id = sitting_id


def _person(conn: Connection, congress_id: int, row: dict):
    sitting_ok = and_(T_SITTING.c.id == row["sitting_id"], T_SITTING.c.congress_id == congress_id)
    if conn.execute(select(T_SITTING.c.id).where(sitting_ok)).first() is None:
        return None  # the sitting was removed meanwhile
    return conn.execute(
        select(
            T_PERSON.c.id,
            T_PERSON.c.code,
            T_CHECKIN.c.at.label("checkin_at"),
            T_CHECKIN.c.station.label("checkin_station"),
            T_LEAVE.c.id.label("leave_id"),
        )
        .select_from(
            T_PERSON.outerjoin(
                T_CHECKIN,
                and_(
                    T_CHECKIN.c.person_id == T_PERSON.c.id,
                    T_CHECKIN.c.sitting_id == row["sitting_id"],
                ),
            ).outerjoin(
                T_LEAVE,
                and_(
                    T_LEAVE.c.person_id == T_PERSON.c.id, T_LEAVE.c.sitting_id == row["sitting_id"]
                ),
            )
        )
        .where(T_PERSON.c.congress_id == congress_id, T_PERSON.c.code == row["code"])
    ).first()


def _check_in(conn: Connection, congress, row: dict, person) -> bool:
    """Store the check-in; False when another desk's commit stored one first (the unique
    constraint decides, as between desks online)."""
    inserted = conn.execute(
        insert_ignore(conn, T_CHECKIN, returning="id"),
        {
            "sitting_id": row["sitting_id"],
            "person_id": person.id,
            "at": row["at"],
            "station": row["station"],
            "method": row["method"],
            "operator": row["operator"],
        },
    ).first()
    if inserted is None:
        return False
    audit.append(
        conn,
        "checkin",
        {
            "sitting_id": row["sitting_id"],
            "code": person.code,
            "method": row["method"],
            "offline": row["scan_id"],
        },
        congress_id=congress.id,
        station=row["station"],
        operator=row["operator"],
        at=row["at"],
    )
    return True


def _earlier(conn: Connection, congress, row: dict, person) -> bool:
    """RULES §1 (the first check-in stands): a desk apart checked this person in before the one
    stored, so its time and desk replace the stored ones — unless another desk changed the
    stored one meanwhile (False: compared again by the caller's next look)."""
    replaced = conn.execute(
        update(T_CHECKIN)
        .where(
            T_CHECKIN.c.sitting_id == row["sitting_id"],
            T_CHECKIN.c.person_id == person.id,
            T_CHECKIN.c.at == person.checkin_at,
        )
        .values(at=row["at"], station=row["station"], method=row["method"])
    ).rowcount
    if replaced != 1:
        return False
    audit.append(
        conn,
        "checkin.earlier",
        {
            "sitting_id": row["sitting_id"],
            "code": person.code,
            "at": row["at"],
            "station": row["station"],
            "was_at": person.checkin_at,
            "was_station": person.checkin_station,
            "offline": row["scan_id"],
        },
        congress_id=congress.id,
        station=row["station"],
        operator=row["operator"],
    )
    return True
