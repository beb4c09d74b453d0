"""Reading a batch of scans into ballots: every page found, checked, read, stored with its image's
hash, and — when every box is definite — made into its ballots in the same transaction.

A page is taken or refused whole: a refused page (a blank page, another item's sheet, a corrupt
file, an image read before …) is named in the report with its reason and nothing is stored; the
rest of the batch is read. A page with the same ink as an earlier one waits for a person to say
whether it is that sheet scanned again (:mod:`models.paper.twins`). A page a person must look at is stored and waits in the review queue
(:mod:`models.paper.review`); no ballot is made from it until every doubt is decided."""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, insert

from models import audit
from models.clock import now_iso
from models.congress import require_congress
from models.errors import Refusal, refuse
from models.paper.ballots import make_ballots
from models.paper.deck import deck_required_first
from models.paper.images import store_page
from models.paper.readings import pending, reading_json
from models.paper.records import READ, REFUSED, REVIEW, T_PAPER, PageOutcome
from models.paper.sheets import Sheet, load_sheet
from models.paper.twins import earlier_twin, refuse_same_image


@dataclass(frozen=True)
class ScanReport:
    sheet: str
    pages: tuple[PageOutcome, ...]

    def count(self, status: str) -> int:
        return sum(1 for page in self.pages if page.status == status)

    def as_json(self) -> dict:
        return {
            "sheet": self.sheet,
            "read": self.count(READ),
            "review": self.count(REVIEW),
            "refused": self.count(REFUSED),
            "pages": [page.as_json() for page in self.pages],
        }


def open_sheet(db, refs) -> Sheet:
    with db.read() as conn:
        return load_sheet(conn, refs)


def scan_paths(
    db,
    refs,
    paths: Iterable[Path],
    *,
    operator: str = "",
    station: str = "",
    progress: Callable[[PageOutcome], None] | None = None,
) -> ScanReport:
    """Read every page of ``paths`` (files or folders) for the sheet of ``refs``."""
    from models.omr.raster import load_pages

    sheet = open_sheet(db, refs)
    outcomes = []
    for path in paths:
        for page in load_pages(Path(path)):
            outcome = take_page(db, sheet, page, operator=operator, station=station)
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
    return ScanReport(sheet.ref, tuple(outcomes))


def take_page(db, sheet: Sheet, page, *, operator: str = "", station: str = "") -> PageOutcome:
    """One loaded page (or the loader's refusal) read and stored, or refused with its reason."""
    from models.omr.raster import PageRefusal
    from models.omr.read import read_page

    source = str(page.file)
    if isinstance(page, PageRefusal):
        return PageOutcome(source, page.page, REFUSED, page.reason, {"detail": page.detail})
    reading = read_page(page.image, sheet.lookup)
    if reading.status == REFUSED:
        return PageOutcome(source, page.page, REFUSED, reading.reason)
    stored = reading_json(reading)
    digest, name = store_page(sheet.uid, page.image)
    row = {
        "sheet": sheet.ref,
        "page": reading.page_no,
        "test": reading.test,
        "sha256": digest,
        "image": name,
        "source": f"{Path(source).name} #{page.page}",
        "status": REVIEW if pending(sheet.kind, stored, {}) else READ,
        "reading": json.dumps(stored, ensure_ascii=False),
        "fingerprint": reading.fingerprint.hex(),
    }
    try:
        with db.write() as conn:
            ballot = _store(conn, sheet, row, stored, operator=operator, station=station)
    except Refusal as refusal:
        return PageOutcome(
            source, page.page, REFUSED, refusal.key, dict(refusal.params), sha256=digest
        )
    return PageOutcome(
        source,
        page.page,
        row["status"],
        "test" if reading.test else "twin" if "twin" in stored else "",
        {"source": stored["twin"]["source"]} if "twin" in stored else {},
        marks=page_marks(sheet, reading.page_no, stored),
        write_ins=tuple(stored["write_ins"]),
        sha256=digest,
        ballot=ballot,
    )


def _store(conn: Connection, sheet: Sheet, row: dict, stored: dict, **who) -> int | None:
    congress = require_congress(conn)
    refuse_same_image(conn, congress.id, row["sha256"])
    twin = earlier_twin(conn, congress.id, row, stored)
    if twin is not None and row["test"]:
        raise refuse("paper.same_sheet", source=twin["source"])
    if twin is not None:  # a person says whether it is the same sheet (models.paper.twins)
        stored["twin"] = twin
        row.update(status=REVIEW, reading=json.dumps(stored, ensure_ascii=False))
    if not row["test"]:
        deck_required_first(conn, sheet)
    page_id = conn.execute(
        insert(T_PAPER).values(congress_id=congress.id, at=now_iso(), station=who["station"], **row)
    ).inserted_primary_key[0]
    ballot = None
    if row["status"] == READ and not row["test"]:
        ballot = make_ballots(conn, sheet, page_id, row["page"], stored, {}, **who)
    audit.append(
        conn,
        "paper.page",
        {
            "sheet": row["sheet"],
            "page": row["page"],
            "test": row["test"],
            "sha256": row["sha256"],
            "status": row["status"],
            "reading": stored,
            "ballot": ballot,
        },
        congress_id=congress.id,
        **who,
    )
    return ballot


def page_marks(sheet: Sheet, page: int, stored: dict) -> dict:
    """The JSON report's marks: by candidate on a 选票, by row and option on the other sheets."""
    boxes = sheet.layout(False).page_boxes(page)
    if sheet.kind == "election":
        return {box.label: mark for box, mark in zip(boxes, stored["boxes"], strict=True)}
    out: dict[str, dict] = {}
    for box, mark in zip(boxes, stored["boxes"], strict=True):
        out.setdefault(box.label, {})[box.option_label] = mark
    return out
