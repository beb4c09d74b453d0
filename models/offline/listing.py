"""For the staff: who was checked in at two desks while a desk was apart, with both desks'
records (the one that stands first), and what each desk's journal brought."""

from dataclasses import dataclass

from sqlalchemy import func, select

from models.congress import T_PERSON, require_congress
from models.offline.records import EARLIER, KEPT_OTHER, T_OFFLINE


@dataclass(frozen=True)
class TwoDesks:
    code: str
    name: str
    kept_at: str  # the check-in that stands (the earliest)
    kept_station: str
    other_at: str
    other_station: str

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "kept": {"at": self.kept_at, "station": self.kept_station},
            "other": {"at": self.other_at, "station": self.other_station},
        }


def two_desk_checkins(db) -> list[TwoDesks]:
    with db.read() as conn:
        congress = require_congress(conn)
        rows = conn.execute(
            select(T_OFFLINE, T_PERSON.c.name)
            .join(
                T_PERSON,
                (T_PERSON.c.code == T_OFFLINE.c.code) & (T_PERSON.c.congress_id == congress.id),
            )
            .where(
                T_OFFLINE.c.congress_id == congress.id,
                T_OFFLINE.c.outcome.in_((EARLIER, KEPT_OTHER)),
            )
            .order_by(T_OFFLINE.c.code, T_OFFLINE.c.id)
        ).all()
    return [_pair(r) for r in rows]


def _pair(r) -> TwoDesks:
    mine, other = (r.at, r.station), (r.other_at, r.other_station)
    kept, later = (mine, other) if r.outcome == EARLIER else (other, mine)
    return TwoDesks(r.code, r.name, *kept, *later)


def uploads_by_desk(db) -> dict[str, int]:
    """Scans uploaded from each desk's journal."""
    with db.read() as conn:
        congress = require_congress(conn)
        rows = conn.execute(
            select(T_OFFLINE.c.station, func.count())
            .where(T_OFFLINE.c.congress_id == congress.id)
            .group_by(T_OFFLINE.c.station)
            .order_by(T_OFFLINE.c.station)
        ).all()
    return dict(rows)
