"""A sheet scanned twice (issue 20): the same image is refused at once; the same ink on a page
read again goes to a person, who sees both pages' marks side by side and says whether they are
one sheet (not counted again) or two voters' (counted).

The ink maps (:mod:`models.omr.fingerprint`) are compared only with earlier pages whose reading
could be this sheet's (every box both read for certain agrees): a rescan reads the same, so
nothing is missed, and a page is not compared with all the congress's pages as the pile grows.
A machine that drops a voter's ballot on a guess would be worse than one that asks."""

import json

from sqlalchemy import Connection, select

from models.errors import refuse
from models.paper.records import BLANK, DOUBT, T_PAPER

SAME = "same"  # a person's decision: one sheet scanned twice, not counted again
DIFFERENT = "different"  # two voters' sheets, each counted
TWIN_DECISIONS = (SAME, DIFFERENT)
SHOWN_BOXES = 4  # the inked boxes shown side by side: enough to see two hands, fits 80×24
GAP_PX = 6


def refuse_same_image(conn: Connection, congress_id: int, sha256: str) -> None:
    same = conn.execute(
        select(T_PAPER.c.source).where(
            T_PAPER.c.congress_id == congress_id, T_PAPER.c.sha256 == sha256
        )
    ).first()
    if same is not None:
        raise refuse("paper.same_image", source=same.source)


def earlier_twin(conn: Connection, congress_id: int, row: dict, stored: dict) -> dict | None:
    """The earliest stored page this one may be a rescan of: ``{"source", "sha256"}``, or None."""
    from models.omr.fingerprint import same_sheet

    earlier = conn.execute(
        select(T_PAPER.c.fingerprint, T_PAPER.c.source, T_PAPER.c.sha256, T_PAPER.c.reading)
        .where(
            T_PAPER.c.congress_id == congress_id,
            T_PAPER.c.sheet == row["sheet"],
            T_PAPER.c.page == row["page"],
            T_PAPER.c.test == row["test"],
        )
        .order_by(T_PAPER.c.id)
    ).all()
    mine = bytes.fromhex(row["fingerprint"])
    for fingerprint, source, sha256, reading in earlier:
        if could_be_one_sheet(stored, json.loads(reading)) and same_sheet(
            mine, bytes.fromhex(fingerprint)
        ):
            return {"source": source, "sha256": sha256}
    return None


def could_be_one_sheet(a: dict, b: dict) -> bool:
    """Two readings that a rescan of one sheet could give: no box read ○, × or blank for certain
    in both that differs, and ink on the same write-in lines."""

    def agree(x: str, y: str) -> bool:
        return x == y or DOUBT in (x, y)

    return all(agree(x, y) for x, y in zip(a["boxes"], b["boxes"], strict=True)) and [
        w["ink"] for w in a["write_ins"]
    ] == [w["ink"] for w in b["write_ins"]]


def machine_reading(stored: dict) -> dict:
    """The reading as the reader alone gives it (what `huiwu verify` reads again): without the
    suspicion, which depends on the pages scanned before."""
    return {key: value for key, value in stored.items() if key != "twin"}


def twin_picture(sheet, page: int, mine, theirs, stored: dict):
    """This page's inked boxes (top row) above the same boxes of the earlier page (bottom row),
    as a grey image."""
    import numpy as np

    from models.omr.read import crop

    rects = _inked_rects(sheet, page, stored)
    if not rects:  # only a written name: the pages whole, side by side
        return _side_by_side([mine, theirs])
    top = _side_by_side([crop(mine, rect, 3.0) for rect in rects])
    bottom = _side_by_side([crop(theirs, rect, 3.0) for rect in rects])
    width = max(top.shape[1], bottom.shape[1])
    rule = np.zeros((GAP_PX // 2, width), np.uint8)
    return np.vstack([_pad(top, width), rule, _pad(bottom, width)])


def _inked_rects(sheet, page: int, stored: dict) -> list:
    layout = sheet.layout(False)
    boxes = [
        box.rect_mm
        for box, mark in zip(layout.page_boxes(page), stored["boxes"], strict=True)
        if mark != BLANK
    ]
    lines = [
        line.box_rect_mm
        for line, read in zip(layout.page_write_ins(page), stored["write_ins"], strict=True)
        if read["mark"] != BLANK
    ]
    return (boxes + lines)[:SHOWN_BOXES]


def _side_by_side(images: list):
    import numpy as np

    height = max(image.shape[0] for image in images)
    gap = np.full((height, GAP_PX), 255, np.uint8)
    parts = []
    for image in images:
        parts += [_pad_height(image, height), gap]
    return np.hstack(parts[:-1])


def _pad(image, width: int):
    import numpy as np

    extra = width - image.shape[1]
    return np.pad(image, ((0, 0), (0, extra)), constant_values=255) if extra else image


def _pad_height(image, height: int):
    import numpy as np

    extra = height - image.shape[0]
    return np.pad(image, ((0, extra), (0, 0)), constant_values=255) if extra else image
