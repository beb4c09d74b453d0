"""Badge secret rotation: one command makes every badge printed so far worthless.

The congress's current secret stays in ``congress.secret``; a rotation moves it to
``retired_badge_secret`` (generation 1 is the secret the congress was created with) and stores a
fresh one. A badge signed with a retired secret is *revoked* rather than *forged*, so the desk can
tell a delegate with an old badge to fetch the new one instead of calling security.

No secret ever leaves the database: the audit event names the new generation and how many
people need new badges, nothing derived from either secret (a digest of it would let anyone who
reads the log test guesses offline), and the archive leaves the table out (models.archive).
"""

import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from models import audit, badge_code
from models.clock import now_iso
from models.congress import (
    T_CONGRESS,
    T_RETIRED_SECRET,
    count_people,
    require_congress,
    retired_secrets,
)
from models.db import Database, for_update

EVENT = "badges.rotate"


@dataclass(frozen=True)
class Rotation:
    generation: int  # the new secret's generation: 2 after the first rotation
    void_badges: int  # everybody on the roster: each needs a newly printed badge
    at: str

    def as_json(self) -> dict:
        return {"generation": self.generation, "void_badges": self.void_badges, "at": self.at}


def current_generation(conn: Connection, congress_id: int) -> int:
    retired = conn.execute(
        select(func.count())
        .select_from(T_RETIRED_SECRET)
        .where(T_RETIRED_SECRET.c.congress_id == congress_id)
    ).scalar_one()
    return retired + 1


def _lock_secret(conn: Connection, congress_id: int) -> str:
    """The current secret, its row locked on PostgreSQL so two desks rotating at once take
    turns (SQLite's write transaction already serialises them)."""
    query = select(T_CONGRESS.c.secret).where(T_CONGRESS.c.id == congress_id)
    return conn.execute(for_update(conn, query)).scalar_one()


def badge_holders(db: Database) -> int:
    """How many people a rotation would leave with a void badge (the question asks first)."""
    with db.read() as conn:
        return count_people(conn, require_congress(conn).id)


def rotate_badge_secret(db: Database, *, operator: str = "", station: str = "") -> Rotation:
    """Retire the current badge secret and store a fresh one, with its audit event."""
    with db.write() as conn:
        congress = require_congress(conn)
        old_secret = _lock_secret(conn, congress.id)
        at = now_iso()
        retired_generation = current_generation(conn, congress.id)
        conn.execute(
            insert(T_RETIRED_SECRET).values(
                congress_id=congress.id,
                generation=retired_generation,
                secret=old_secret,
                retired_at=at,
            )
        )
        conn.execute(
            update(T_CONGRESS)
            .where(T_CONGRESS.c.id == congress.id)
            .values(secret=secrets.token_hex(32))
        )
        rotation = Rotation(retired_generation + 1, count_people(conn, congress.id), at)
        audit.append(
            conn,
            EVENT,
            {"generation": rotation.generation, "void_badges": rotation.void_badges},
            congress_id=congress.id,
            operator=operator,
            station=station,
            at=at,
        )
    return rotation


def badge_problem(conn: Connection, congress, secret: bytes, badge) -> str | None:
    """What is wrong with a parsed badge, or None when it is genuine today: ``foreign`` (another
    congress), ``revoked`` (genuine under a key a rotation retired) or ``forged``. Every place
    that takes a badge (check-in, proposals) asks here, so all tell a revoked badge apart."""
    if badge.uid != congress.uid:
        return "foreign"
    if badge_code.signature_ok(secret, badge):
        return None
    if any(badge_code.signature_ok(old, badge) for old in retired_secrets(conn, congress.id)):
        return "revoked"  # genuine once: the holder needs a new badge, not security
    return "forged"
