"""Reading every stored page again, for `huiwu verify`: the reader is deterministic, so the same
image must give the same reading the log recorded; a person's decisions are counted apart."""

import json
from dataclasses import dataclass
from pathlib import Path

from models.paper.images import load_image
from models.paper.readings import reading_json
from models.paper.sheets import load_sheet
from models.paper.twins import machine_reading


@dataclass(frozen=True)
class Reread:
    pages: int
    decisions: int
    problem: str | None = None  # missing | differs
    source: str = ""


def reread_pages(db, rows: list[dict], folder: Path) -> Reread:
    """``rows``: the paper_page rows (as the archive holds them); ``db`` holds their items."""
    from models.omr.read import read_page

    decisions = sum(len(v) for r in rows for v in json.loads(r["decisions"] or "{}").values())
    sheets = {}
    with db.read() as conn:
        for r in rows:
            if r["sheet"] not in sheets:
                sheets[r["sheet"]] = load_sheet(conn, r["sheet"].split("."))
    for r in rows:
        image = load_image(Path(folder) / r["image"])
        if image is None:
            return Reread(len(rows), decisions, "missing", r["source"])
        reading = read_page(image, sheets[r["sheet"]].lookup)
        if reading.status == "refused" or reading_json(reading) != machine_reading(
            json.loads(r["reading"])
        ):
            return Reread(len(rows), decisions, "differs", r["source"])
    return Reread(len(rows), decisions)
