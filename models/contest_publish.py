"""Published contest results (成绩公布) are final: once a contest's standings are published, every
mark, answer, score import, entrant or event change is refused with the command that reopens it;
reopening needs a reason and is logged; the next publication says which standings it replaced.

Like a voting item's lock (models.voting), the state is what the log says last about the contest:
"contest.publish" or "contest.reopen" — no column, so nothing to migrate.
"""

import json
from dataclasses import dataclass

from sqlalchemy import Connection, select

from models import audit
from models.contests import ContestInfo, writable_contest
from models.errors import refuse

PUBLISH_EVENT, REOPEN_EVENT = "contest.publish", "contest.reopen"


@dataclass(frozen=True)
class Publication:
    """Whether a contest's standings are published now, when, and what an earlier publication
    that this one replaced said (its standings and the reason it was reopened)."""

    contest: int
    title: str
    published: bool
    at: str | None = None
    standings: tuple = ()  # ((rank, entrant number, name, score, award), …) as published
    replaces: dict | None = None


def _last_event(conn: Connection, contest: ContestInfo) -> dict | None:
    """The newest publish or reopen of this contest, as {"kind", "payload", "at"}."""
    rows = conn.execute(
        select(audit.T_EVENT.c.kind, audit.T_EVENT.c.payload, audit.T_EVENT.c.at)
        .where(
            audit.T_EVENT.c.congress_id == contest.congress_id,
            audit.T_EVENT.c.kind.in_((PUBLISH_EVENT, REOPEN_EVENT)),
        )
        .order_by(audit.T_EVENT.c.id.desc())
    )
    for row in rows:
        payload = json.loads(row.payload)
        if payload.get("contest") == contest.number:
            return {"kind": row.kind, "payload": payload, "at": row.at}
    return None


def publication_in(conn: Connection, contest: ContestInfo) -> Publication:
    last = _last_event(conn, contest)
    if last is None or last["kind"] != PUBLISH_EVENT:
        return Publication(contest.number, contest.title, False)
    payload = last["payload"]
    return Publication(
        contest.number,
        contest.title,
        True,
        last["at"],
        tuple(tuple(row) for row in payload["standings"]),
        payload.get("replaces"),
    )


def publication(db, contest_ref) -> Publication:
    from models.contests import load_contest

    with db.read() as conn:
        return publication_in(conn, load_contest(conn, contest_ref))


def refuse_if_published(conn: Connection, contest: ContestInfo) -> None:
    if publication_in(conn, contest).published:
        raise refuse("contest.published", number=contest.number, title=contest.title)


def scorable_contest(conn: Connection, ref) -> ContestInfo:
    """The contest, its row locked for this write transaction (two desks queue up), refused when
    its standings are published: what every write that can change a score or a rank goes through."""
    contest = writable_contest(conn, ref)
    refuse_if_published(conn, contest)
    return contest


def _standings_rows(conn: Connection, contest: ContestInfo) -> list[list]:
    from models.scores import standings_in

    return [
        [row.rank, row.entrant.number, row.entrant.name, row.score, row.award]
        for row in standings_in(conn, contest).rows
    ]


def publish_contest(db, contest_ref, *, operator: str = "", station: str = "") -> Publication:
    """公布成绩: the standings as they are now become final and are logged."""
    with db.write() as conn:
        contest = writable_contest(conn, contest_ref)
        last = _last_event(conn, contest)
        if last is not None and last["kind"] == PUBLISH_EVENT:
            raise refuse("contest.already_published", number=contest.number, title=contest.title)
        payload = {"contest": contest.number, "standings": _standings_rows(conn, contest)}
        if last is not None:  # reopened before: say what this publication replaces
            payload["replaces"] = {
                "standings": last["payload"]["was"],
                "reason": last["payload"]["reason"],
                "at": last["at"],
            }
        audit.append(
            conn,
            PUBLISH_EVENT,
            payload,
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return publication_in(conn, contest)


def reopen_contest(
    db, contest_ref, *, reason: str, operator: str = "", station: str = ""
) -> Publication:
    """Reopen published standings to correct a mark; the reason and what was published are logged."""
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise refuse("common.reason_required")
    with db.write() as conn:
        contest = writable_contest(conn, contest_ref)
        published = publication_in(conn, contest)
        if not published.published:
            raise refuse("contest.not_published", number=contest.number, title=contest.title)
        audit.append(
            conn,
            REOPEN_EVENT,
            {
                "contest": contest.number,
                "reason": reason,
                "was": [list(row) for row in published.standings],
            },
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return publication_in(conn, contest)
