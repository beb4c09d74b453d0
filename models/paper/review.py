"""The review queue: what the reader handed to a person, and a person's decisions.

Each doubt is shown as the image of its box (or write-in line) beside the candidate's name; the
clerk decides with one key (○ × blank ?) or types the written name. A decision is logged with
the SHA-256 of the image the clerk looked at; when a page has no doubt left, its ballots are
keyed in the same transaction (:mod:`models.paper.ballots`); a page the clerk calls an earlier
sheet scanned again is kept as a duplicate and never counted. A test sheet's doubts are not
decided: the deck is there to show what the reader does alone."""

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from models import audit
from models.congress import require_congress
from models.errors import refuse
from models.paper.ballots import make_ballots
from models.paper.images import load_page, png_bytes
from models.paper.readings import GROUPS, Pending, check_decision, pending
from models.paper.records import DECIDED, DUPLICATE, REVIEW, T_PAPER
from models.paper.sheets import Sheet, load_sheet
from models.paper.twins import SAME, twin_picture

CROP_MARGIN_MM = 3.0


@dataclass(frozen=True)
class Doubt:
    """One thing to decide: on which page, what (a box or a write-in line), about whom."""

    page_id: int
    source: str
    what: str  # box | write_in | twin (an earlier page scanned again?)
    index: int
    label: str  # the candidate (「另选他人」, 「议题 · 赞成」; for a twin the earlier scan)
    reason: str
    read_as: str  # the reader's mark ("review", "×" …)


def review_queue(db, refs) -> list[Doubt]:
    with db.read() as conn:
        sheet = load_sheet(conn, refs)
        return [doubt for row in _review_rows(conn, sheet) for doubt in _doubts(sheet, row)]


def _review_rows(conn: Connection, sheet: Sheet):
    congress = require_congress(conn)
    return conn.execute(
        select(T_PAPER)
        .where(
            T_PAPER.c.congress_id == congress.id,
            T_PAPER.c.sheet == sheet.ref,
            T_PAPER.c.status == REVIEW,
            T_PAPER.c.test.is_(False),
        )
        .order_by(T_PAPER.c.id)
    ).all()


def _doubts(sheet: Sheet, row) -> list[Doubt]:
    stored, decisions = json.loads(row.reading), json.loads(row.decisions)
    return [
        Doubt(
            row.id,
            row.source,
            p.what,
            p.index,
            _label(sheet, row.page, p, stored),
            p.reason,
            _read_as(stored, p),
        )
        for p in pending(_engine_kind(sheet), stored, decisions)
    ]


def _engine_kind(sheet: Sheet) -> str:
    return "election" if sheet.kind == "election" else "choice"


def _label(sheet: Sheet, page: int, p: Pending, stored: dict) -> str:
    layout = sheet.layout(False)
    if p.what == "twin":
        return stored["twin"]["source"]
    if p.what == "write_in":
        return "另选他人"
    box = layout.page_boxes(page)[p.index]
    return f"{box.label} · {box.option_label}" if box.option_label else box.label


def _read_as(stored: dict, p: Pending) -> str:
    if p.what == "twin":
        return ""
    if p.what == "write_in":
        return stored["write_ins"][p.index]["mark"]
    return stored["boxes"][p.index]


def doubt_image(db, doubt: Doubt) -> tuple[bytes, str]:
    """(PNG, its SHA-256) of what the clerk looks at: the box, the write-in line (name and box),
    or for a suspected rescan the inked boxes of both pages."""
    from models.omr.read import crop, read_page

    with db.read() as conn:
        row = conn.execute(select(T_PAPER).where(T_PAPER.c.id == doubt.page_id)).one()
        sheet = load_sheet(conn, row.sheet.split("."))
        twin = _twin_row(conn, row) if doubt.what == "twin" else None
    rectified = read_page(_image(sheet, row.image, row.source), sheet.lookup).rectified
    if twin is not None:
        theirs = read_page(_image(sheet, twin.image, twin.source), sheet.lookup).rectified
        picture = twin_picture(sheet, row.page, rectified, theirs, json.loads(row.reading))
    else:
        picture = crop(rectified, _doubt_rect(sheet, row.page, doubt), CROP_MARGIN_MM)
    data = png_bytes(picture)
    return data, hashlib.sha256(data).hexdigest()


def _twin_row(conn: Connection, row):
    sha256 = json.loads(row.reading)["twin"]["sha256"]
    return conn.execute(
        select(T_PAPER.c.image, T_PAPER.c.source).where(
            T_PAPER.c.congress_id == row.congress_id, T_PAPER.c.sha256 == sha256
        )
    ).one()


def _image(sheet: Sheet, name: str, source: str):
    image = load_page(sheet.uid, name)
    if image is None:
        raise refuse("paper.image_missing", source=source)
    return image


def _doubt_rect(sheet: Sheet, page: int, doubt: Doubt):
    layout = sheet.layout(False)
    if doubt.what == "box":
        return layout.page_boxes(page)[doubt.index].rect_mm
    line = layout.page_write_ins(page)[doubt.index]
    (x0, y0, w0, h0), (x1, y1, w1, h1) = line.name_rect_mm, line.box_rect_mm
    left, top = min(x0, x1), min(y0, y1)
    return (left, top, max(x0 + w0, x1 + w1) - left, max(y0 + h0, y1 + h1) - top)


def decide(
    db,
    doubt: Doubt,
    value,
    *,
    image_sha256: str,
    operator: str = "",
    station: str = "",
) -> int | None:
    """Record a person's decision on one doubt; when the page has none left, key its ballots.
    Returns the ballot number once an election page is complete."""
    if not check_decision(doubt.what, value):
        raise refuse("paper.bad_decision", value=str(value))
    with db.write() as conn:
        row = conn.execute(select(T_PAPER).where(T_PAPER.c.id == doubt.page_id)).one_or_none()
        if row is None or row.status != REVIEW or row.test:
            raise refuse("paper.not_in_review")
        sheet = load_sheet(conn, row.sheet.split("."))
        stored, decisions = json.loads(row.reading), json.loads(row.decisions)
        group = GROUPS[doubt.what]
        if str(doubt.index) in decisions.get(group, {}):
            raise refuse("paper.already_decided")
        decisions.setdefault(group, {})[str(doubt.index)] = value
        twice = doubt.what == "twin" and value == SAME
        left = [] if twice else pending(_engine_kind(sheet), stored, decisions)
        conn.execute(
            update(T_PAPER)
            .where(T_PAPER.c.id == row.id)
            .values(
                decisions=json.dumps(decisions, ensure_ascii=False),
                status=DUPLICATE if twice else REVIEW if left else DECIDED,
            )
        )
        audit.append(
            conn,
            "paper.decide",
            {
                "sheet": row.sheet,
                "sha256": row.sha256,
                "what": doubt.what,
                "index": doubt.index,
                "value": value,
                "image": image_sha256,
            },
            congress_id=row.congress_id,
            operator=operator,
            station=station,
        )
        if left or twice:
            return None
        return make_ballots(
            conn, sheet, row.id, row.page, stored, decisions, operator=operator, station=station
        )
