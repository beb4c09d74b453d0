"""Reading a batch of scans into ballots: every page found, checked, read, stored with its image's
hash, and — when every box is definite — made into its ballots in the same transaction.

A page is taken or refused whole: a refused page (a blank page, another item's sheet, a corrupt
file, a sheet scanned twice …) is named in the report with its reason and nothing is stored; the
rest of the batch is read. A page a person must look at is stored and waits in the review queue
(:mod:`models.paper.review`); no ballot is made from it until every doubt is decided."""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, insert, select

from models import audit
from models.clock import now_iso
from models.congress import require_congress
from models.errors import Refusal, refuse
from models.paper.ballots import make_ballots
from models.paper.deck import deck_required_first
from models.paper.images import store_page
from models.paper.readings import pending, reading_json
from models.paper.records import DOUBT, READ, REFUSED, REVIEW, T_PAPER, PageOutcome
from models.paper.sheets import Sheet, load_sheet


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
        "test" if reading.test else "",
        marks=page_marks(sheet, reading.page_no, stored),
        write_ins=tuple(stored["write_ins"]),
        sha256=digest,
        ballot=ballot,
    )


def _store(conn: Connection, sheet: Sheet, row: dict, stored: dict, **who) -> int | None:
    congress = require_congress(conn)
    _refuse_twice(conn, congress.id, row, stored)
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


def _refuse_twice(conn: Connection, congress_id: int, row: dict, stored: dict) -> None:
    """The same image stored already, or the same sheet scanned again (its ink is the same).

    The ink maps are compared only with earlier pages whose reading could be this sheet's (every
    box both read for certain agrees): a rescan reads the same, so nothing is missed, and a page
    is not compared with all the congress's pages as the pile grows."""
    from models.omr.fingerprint import same_sheet

    same = conn.execute(
        select(T_PAPER.c.source).where(
            T_PAPER.c.congress_id == congress_id, T_PAPER.c.sha256 == row["sha256"]
        )
    ).first()
    if same is not None:
        raise refuse("paper.same_image", source=same.source)
    earlier = conn.execute(
        select(T_PAPER.c.fingerprint, T_PAPER.c.source, T_PAPER.c.reading).where(
            T_PAPER.c.congress_id == congress_id,
            T_PAPER.c.sheet == row["sheet"],
            T_PAPER.c.page == row["page"],
            T_PAPER.c.test == row["test"],
        )
    ).all()
    mine = bytes.fromhex(row["fingerprint"])
    for fingerprint, source, reading in earlier:
        if could_be_one_sheet(stored, json.loads(reading)) and same_sheet(
            mine, bytes.fromhex(fingerprint)
        ):
            raise refuse("paper.same_sheet", source=source)


def could_be_one_sheet(a: dict, b: dict) -> bool:
    """Two readings that a rescan of one sheet could give: no box read ○, × or blank for certain
    in both that differs, and ink on the same write-in lines."""

    def agree(x: str, y: str) -> bool:
        return x == y or DOUBT in (x, y)

    return all(agree(x, y) for x, y in zip(a["boxes"], b["boxes"], strict=True)) and [
        w["ink"] for w in a["write_ins"]
    ] == [w["ink"] for w in b["write_ins"]]


def page_marks(sheet: Sheet, page: int, stored: dict) -> dict:
    """The JSON report's marks: by candidate on a 选票, by row and option on the other sheets."""
    boxes = sheet.layout(False).page_boxes(page)
    if sheet.kind == "election":
        return {box.label: mark for box, mark in zip(boxes, stored["boxes"], strict=True)}
    out: dict[str, dict] = {}
    for box, mark in zip(boxes, stored["boxes"], strict=True):
        out.setdefault(box.label, {})[box.option_label] = mark
    return out
