"""Leaving the hall and coming back (RULES §1 在场): the check-in row says whether the person is in
the hall now, and each exit and re-entry is a row of its own and an audit event, replayed by
`huiwu verify`. The UPDATE's ``WHERE in_hall = …`` decides between desks: two exit scans of one
person at two desks move them out once."""

from sqlalchemy import Connection, insert, update

import models.attendance as package  # read the clock here: a test fixes it on the package
from models import audit
from models.attendance.records import ENTRY, EXIT, T_CHECKIN, T_MOVE
from models.congress import CongressInfo, SittingInfo

EVENTS = {EXIT: "checkin.exit", ENTRY: "checkin.reentry"}


def move(
    conn: Connection,
    congress: CongressInfo,
    sitting: SittingInfo,
    person,
    kind: str,
    *,
    station: str,
    operator: str,
    at: str | None = None,
) -> str | None:
    """Move a checked-in ``person`` out of (EXIT) or back into (ENTRY) the hall; returns the
    time (``at``: a desk's own time, for a scan it journaled while apart), or None when they
    were already where the move would put them."""
    going_in = kind == ENTRY
    moved = conn.execute(
        update(T_CHECKIN)
        .where(
            T_CHECKIN.c.sitting_id == sitting.id,
            T_CHECKIN.c.person_id == person.id,
            T_CHECKIN.c.in_hall.is_(not going_in),
        )
        .values(in_hall=going_in)
    ).rowcount
    if moved != 1:
        return None
    at = at or package.now_iso()
    conn.execute(
        insert(T_MOVE).values(
            sitting_id=sitting.id,
            person_id=person.id,
            kind=kind,
            at=at,
            station=station,
            operator=operator,
        )
    )
    audit.append(
        conn,
        EVENTS[kind],
        {"sitting_id": sitting.id, "code": person.code},
        congress_id=congress.id,
        station=station,
        operator=operator,
        at=at,
    )
    return at
