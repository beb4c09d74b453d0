"""Drawing lots (抽签) for sides of a group still equal after every step of RULES §7: the
organisers draw, the desk records the order they drew. Only once the group is played out, and
only for sides that share a place."""

import json

from sqlalchemy import delete, insert, select

from models import audit
from models.clock import now_iso
from models.contests import find_entrant, list_entrants
from models.contests.lookup import _scorable
from models.errors import refuse
from models.matches.lookup import match_event, matches_of
from models.matches.records import GROUP, T_LOT
from models.matches.tables import group_tables, lots_of


def _tied_place(rows, chosen: list[int]) -> None:
    """The sides named must be exactly the sides of one shared place."""
    for rank in {r.rank for r in rows if r.lots}:
        place = {r.entrant for r in rows if r.rank == rank and r.lots}
        if place == set(chosen):
            return
    raise refuse("match.lots_not_tied")


def draw_lots(db, contest_ref, event_ref, group: str, order, *, operator="", station=""):
    """Record the order the organisers drew for a shared place in ``group`` (best first)."""
    group = " ".join(str(group or "").split()).upper().removesuffix("组")
    with db.write() as conn:
        contest = _scorable(conn, contest_ref)
        event = match_event(contest, event_ref)
        chosen = [find_entrant(conn, contest, ref).id for ref in order]
        if len(set(chosen)) != len(chosen) or len(chosen) < 2:
            raise refuse("match.lots_not_tied")
        in_group = [m for m in matches_of(conn, contest, event) if m.phase == GROUP]
        if any(m.group == group and m.playable and not m.decided for m in in_group):
            raise refuse("match.lots_too_early", group=group)
        tables = group_tables(conn, contest, event)
        if group not in tables:
            raise refuse("match.no_such_group", group=group)
        _tied_place(tables[group], chosen)
        kept = [s for s in lots_of(conn, event).get(group, ()) if s not in chosen]
        sides = kept + chosen
        conn.execute(delete(T_LOT).where(T_LOT.c.event_id == event.id, T_LOT.c.group_name == group))
        conn.execute(
            insert(T_LOT).values(
                event_id=event.id, group_name=group, sides=json.dumps(sides), at=now_iso()
            )
        )
        numbers = {e.id: e.number for e in list_entrants(conn, contest)}
        audit.append(
            conn,
            "match.lots",
            {
                "contest": contest.number,
                "event": event.name,
                "group": group,
                "sides": [numbers[s] for s in sides],
            },
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return group_tables(conn, contest, event)[group]


def lots_row(conn, event_id: int, group: str):
    return conn.execute(
        select(T_LOT).where(T_LOT.c.event_id == event_id, T_LOT.c.group_name == group)
    ).first()
