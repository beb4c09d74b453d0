"""The bench's data: the demo congress as a template database, fresh copies of it per run, and
the signed badges of the delegates still waiting to check in (used by bench/run.py)."""

import random
import shutil
import time
from pathlib import Path

from sqlalchemy import and_, select

from models import badge_code
from models.attendance import T_CHECKIN, T_LEAVE
from models.congress import T_PERSON, VOTING, congress_secret, require_congress
from models.db import open_database
from models.demo import create_demo


def delegates_for(roster: int) -> int:
    """The demo's delegate count whose whole roster (with attendees, guests, staff) is closest."""

    def total(delegates: int) -> int:
        return (
            delegates + max(2, delegates // 15) + max(1, delegates // 40) + max(1, delegates // 50)
        )

    best = max(1, roster * 100 // 110)
    for candidate in range(max(1, best - 200), roster + 1):
        if abs(total(candidate) - roster) < abs(total(best) - roster):
            best = candidate
    return best


def build_template(folder: Path, roster: int) -> tuple[Path, int, float]:
    """The demo congress on SQLite; (path, people in the roster, seconds it took)."""
    path = folder / "template.db"
    started = time.perf_counter()
    db = open_database(path)
    try:
        create_demo(db, delegates=delegates_for(roster), votes=False)
        with db.read() as conn:
            congress = require_congress(conn)
            people = conn.execute(
                select(T_PERSON.c.id).where(T_PERSON.c.congress_id == congress.id)
            ).all()
    finally:
        db.dispose()  # the last connection closed checkpoints the WAL into the file
    return path, len(people), time.perf_counter() - started


def fresh_copy(template: Path, folder: Path, name: str) -> Path:
    """The template under ``name``; a previous run's -wal/-shm of that name are removed first,
    or SQLite would replay the old run's log into the fresh copy."""
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{template}{suffix}")
        if source.exists():
            shutil.copyfile(source, f"{target}{suffix}")
    return target


def waiting_people(path: Path, seed: int) -> list[tuple[str, str]]:
    """(signed badge text, name) of every voting delegate neither checked in nor on leave."""
    db = open_database(path)
    try:
        with db.read() as conn:
            congress = require_congress(conn)
            secret = congress_secret(conn, congress.id)
            sitting_id = congress.current_sitting_id
            rows = conn.execute(
                select(T_PERSON.c.code, T_PERSON.c.name)
                .select_from(
                    T_PERSON.outerjoin(
                        T_CHECKIN,
                        and_(
                            T_CHECKIN.c.person_id == T_PERSON.c.id,
                            T_CHECKIN.c.sitting_id == sitting_id,
                        ),
                    ).outerjoin(
                        T_LEAVE,
                        and_(
                            T_LEAVE.c.person_id == T_PERSON.c.id,
                            T_LEAVE.c.sitting_id == sitting_id,
                        ),
                    )
                )
                .where(
                    T_PERSON.c.congress_id == congress.id,
                    T_PERSON.c.category == VOTING,
                    T_CHECKIN.c.id.is_(None),
                    T_LEAVE.c.id.is_(None),
                )
                .order_by(T_PERSON.c.id)
            ).all()
    finally:
        db.dispose()
    people = [(badge_code.badge_text(secret, congress.uid, code), name) for code, name in rows]
    random.Random(seed).shuffle(people)
    return people
