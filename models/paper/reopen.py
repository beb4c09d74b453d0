"""Taking back a person's decisions on a scanned page (a key pressed by mistake), with a reason.

The page goes back to the review queue with the reader's reading as it was; its decisions stay in
the audit log. Only a page that has not become ballots can be reopened: a page kept as a
duplicate, or one still waiting for some of its doubts. A page already counted is corrected like
any keyed ballot (`huiwu ballots rekey`, with its reason), so the ballot numbers the second entry
is compared on do not move."""

import json

from sqlalchemy import select, update

from models import audit
from models.congress import require_congress
from models.errors import refuse
from models.paper.records import DUPLICATE, REVIEW, T_PAPER
from models.paper.sheets import load_sheet

REOPEN_LOOKBACK = 500  # decisions looked back through for the last page still open


def reopen_page(
    db, refs, page_id: int, *, reason: str, operator: str = "", station: str = ""
) -> str:
    """Clear the decisions on scan ``page_id`` of the sheet of ``refs``; returns its source
    (「b.jpg #1」)."""
    reason = (reason or "").strip()
    if not reason:
        raise refuse("common.reason_required")
    with db.write() as conn:
        congress = require_congress(conn)
        sheet = load_sheet(conn, refs)
        row = conn.execute(
            select(T_PAPER).where(
                T_PAPER.c.id == page_id,
                T_PAPER.c.congress_id == congress.id,
                T_PAPER.c.sheet == sheet.ref,
            )
        ).one_or_none()
        if row is None:
            raise refuse("paper.no_such_scan", scan=page_id)
        decisions = json.loads(row.decisions)
        if row.status not in (DUPLICATE, REVIEW) or not any(decisions.values()):
            raise refuse("paper.not_reopenable", source=row.source, number=row.ballot or "")
        conn.execute(
            update(T_PAPER).where(T_PAPER.c.id == row.id).values(decisions="{}", status=REVIEW)
        )
        audit.append(
            conn,
            "paper.reopen",
            {"sheet": row.sheet, "sha256": row.sha256, "decisions": decisions, "reason": reason},
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
    return row.source


def last_reopenable(db, refs) -> tuple[int, str] | None:
    """(scan, source) of the page of this sheet a person decided last, if it can still be taken
    back: what a clerk who pressed a wrong key and closed the queue means by 「撤销判定」."""
    from models.audit import events

    with db.read() as conn:
        sheet = load_sheet(conn, refs)
        congress = require_congress(conn)
        rows = conn.execute(
            select(T_PAPER.c.id, T_PAPER.c.source, T_PAPER.c.sha256, T_PAPER.c.decisions).where(
                T_PAPER.c.congress_id == congress.id,
                T_PAPER.c.sheet == sheet.ref,
                T_PAPER.c.status.in_((DUPLICATE, REVIEW)),
                T_PAPER.c.decisions != "{}",
            )
        ).all()
    open_pages = {r.sha256: (r.id, r.source) for r in rows if any(json.loads(r.decisions).values())}
    for event in events(db, "paper.decide", limit=REOPEN_LOOKBACK):
        payload = event["payload"]
        if payload["sheet"] == sheet.ref and payload["sha256"] in open_pages:
            return open_pages[payload["sha256"]]
    return None
