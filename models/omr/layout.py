"""Where everything on a sheet goes: pages, mark boxes, write-in lines, texts, fiducials, QR.

One :class:`Layout` serves the printer, the reader and the published JSON alike, so a reader can
be checked against the paper. Its :attr:`Layout.hash` (printed in every page's QR code) covers all
that positions or names a box and the sheet's texts: a sheet printed from another layout is
noticed, never read against the wrong boxes.

Elections are a grid — the name with its box under it (「在候选人姓名下的格内」), six to a line —
so a usual ballot (17 candidates, 2 write-ins) fits one page: its pages carry no serial number
(nothing may tie a sheet to a voter), so only a one-page ballot can be checked for over-filling.
Motions and appraisals are a table: one row per item or person, one box per option.
"""

import hashlib
import json
from dataclasses import asdict, dataclass

from models.omr.geometry import (
    BOX_MM,
    CLEAR_MM,
    PAGE_MM,
    fiducial_rects,
)
from models.omr.spec import TEST_BANNER, WRITE_IN_LABEL, SheetSpec
from models.omr.text_fit import fit_size, text_mm, wrap

Rect = tuple[float, float, float, float]

LEFT, RIGHT = 15.0, 195.0  # the body's width, inside the fiducials' columns
BODY_BOTTOM = 265.0  # the bottom markers' quiet zone starts at 266
QR_RECT: Rect = (150.0, 12.0, 24.0, 24.0)  # left of the top-right marker, white all round
HEADER_LEFT, HEADER_RIGHT = 32.0, 146.0
INSTR_TOP, INSTR_PT, INSTR_LEAD = 41.0, 10.0, 4.8
PAGE_NO_RECT: Rect = (32.0, 272.0, 146.0, 6.0)

# election grid
COLS = 6
CELL_W = (RIGHT - LEFT) / COLS
NAME_H = 8.0
CELL_H = NAME_H + CLEAR_MM + BOX_MM + 5.0  # the box stays CLEAR_MM clear of both names
WRITE_NAME_H = 9.0
UNDERLINE_GAP = 0.6  # the write-in field's underline, printed just below its rectangle
WRITE_CELL_H = WRITE_NAME_H + UNDERLINE_GAP + CLEAR_MM + 0.4 + BOX_MM + 5.0
SECTION_H = 8.0

# motion / appraisal table
ROW_PT, ROW_LEAD = 11.0, 4.6
ROW_MIN_H = BOX_MM + 2 * CLEAR_MM + 1.0
OPT_MIN_W = BOX_MM + 2 * CLEAR_MM + 2.0
HEAD_H = 7.0


@dataclass(frozen=True)
class Box:
    page: int  # 1-based
    row: int  # index into spec.rows
    option: int  # index into spec.options; 0 for an election's single box
    rect_mm: Rect
    label: str  # the row's text (candidate, motion title, person)
    option_label: str = ""


@dataclass(frozen=True)
class WriteIn:
    page: int
    index: int
    name_rect_mm: Rect
    box_rect_mm: Rect


@dataclass(frozen=True)
class Text:
    page: int
    text: str
    rect_mm: Rect
    size_pt: float
    align: str = "center"  # center | left
    role: str = ""  # title, subtitle, banner, instruction, name, option, row, section, page_no


@dataclass(frozen=True)
class Layout:
    spec: SheetSpec
    pages: int
    boxes: tuple[Box, ...]
    write_ins: tuple[WriteIn, ...]
    texts: tuple[Text, ...]
    underlines: tuple[tuple[int, Rect], ...]  # (page, rect of a thin rule)
    fiducials: tuple[tuple[int, Rect], ...]  # (ArUco id, outer square), the same on every page
    qr_rect_mm: Rect
    hash: str

    def page_boxes(self, page: int) -> tuple[Box, ...]:
        return tuple(b for b in self.boxes if b.page == page)

    def page_write_ins(self, page: int) -> tuple[WriteIn, ...]:
        return tuple(w for w in self.write_ins if w.page == page)


def build_layout(spec: SheetSpec) -> Layout:
    header, body_top = _header(spec)
    if spec.kind == "election":
        boxes, write_ins, body, rules, pages = _election(spec, body_top)
    else:
        boxes, body, pages = _table(spec, body_top)
        write_ins, rules = (), ()
    texts = [t for p in range(1, pages + 1) for t in _on_page(header, p)]
    texts += body
    texts += [_page_no(p, pages) for p in range(1, pages + 1)]
    fids = tuple(sorted(fiducial_rects().items()))
    parts = (spec, pages, boxes, write_ins, tuple(texts), tuple(rules), fids, QR_RECT)
    return Layout(*parts, hash=_hash(*parts))


# ----------------------------------------------------------------------------- header


def _header(spec: SheetSpec) -> tuple[list[Text], float]:
    """Texts of every page's head (page 0 = any page) and where the body may start."""
    width = HEADER_RIGHT - HEADER_LEFT
    title_pt = fit_size(spec.title, width, 17, 11)
    texts = [Text(0, spec.title, (HEADER_LEFT, 12.0, width, 9.0), title_pt, role="title")]
    if spec.subtitle:
        size = fit_size(spec.subtitle, width, 11, 8)
        texts.append(Text(0, spec.subtitle, (HEADER_LEFT, 22.0, width, 6.0), size, role="subtitle"))
    # the test banner's band is kept on real sheets too: both print the same boxes
    texts.append(Text(0, TEST_BANNER, (HEADER_LEFT, 29.0, width, 9.0), 20.0, role="banner"))
    y = INSTR_TOP
    for sentence in spec.shown_instructions:
        for line in wrap(sentence, INSTR_PT, RIGHT - LEFT, 4):
            rect = _r((LEFT, y, RIGHT - LEFT, INSTR_LEAD))
            texts.append(Text(0, line, rect, INSTR_PT, "left", "instruction"))
            y += INSTR_LEAD
    return texts, y + 3.0


def _on_page(header: list[Text], page: int) -> list[Text]:
    return [Text(page, t.text, t.rect_mm, t.size_pt, t.align, t.role) for t in header]


def _page_no(page: int, pages: int) -> Text:
    return Text(page, f"第 {page} 页／共 {pages} 页", PAGE_NO_RECT, 9.0, role="page_no")


# ----------------------------------------------------------------------------- election grid


def _election(spec: SheetSpec, top: float):
    """Candidates six to a line, each name with its box under it; then the write-in lines."""
    boxes, texts, rules = [], [], []
    page, y, col = 1, top, 0
    for row, name in enumerate(spec.rows):
        if col == COLS:
            col, y = 0, y + CELL_H
        if y + CELL_H > BODY_BOTTOM:
            page, y, col = page + 1, top, 0
        x = LEFT + col * CELL_W
        size = fit_size(name, CELL_W - 2, 13, 7)
        texts.append(Text(page, name, _r((x, y, CELL_W, NAME_H)), size, role="name"))
        boxes.append(Box(page, row, 0, _box_at(x, y + NAME_H + CLEAR_MM), name))
        col += 1
    y += CELL_H
    write_ins = []
    if spec.write_ins:
        lines = -(-spec.write_ins // COLS)
        if y + SECTION_H + lines * WRITE_CELL_H > BODY_BOTTOM:
            page, y = page + 1, top
        section = f"{WRITE_IN_LABEL}（在姓名栏内写上姓名，并在其格内划○）"
        rect = _r((LEFT, y, RIGHT - LEFT, SECTION_H - 2))
        texts.append(Text(page, section, rect, 11, "left", "section"))
        y += SECTION_H
        for index in range(spec.write_ins):
            x = LEFT + (index % COLS) * CELL_W
            cy = y + (index // COLS) * WRITE_CELL_H
            name_rect = _r((x + 1.0, cy, CELL_W - 2.0, WRITE_NAME_H))
            rules.append(
                (page, _r((x + 1.0, cy + WRITE_NAME_H + UNDERLINE_GAP, CELL_W - 2.0, 0.3)))
            )
            box_top = cy + WRITE_NAME_H + UNDERLINE_GAP + 0.3 + CLEAR_MM + 0.1
            write_ins.append(WriteIn(page, index, name_rect, _box_at(x, box_top)))
    return tuple(boxes), tuple(write_ins), texts, rules, page


def _box_at(cell_x: float, top: float) -> Rect:
    return _r((cell_x + (CELL_W - BOX_MM) / 2, top, BOX_MM, BOX_MM))


def _r(rect: Rect) -> Rect:
    """Two decimals: the published numbers and the hash never carry float noise."""
    x, y, w, h = rect
    return (round(x, 2), round(y, 2), round(w, 2), round(h, 2))


# ----------------------------------------------------------------------------- motion/appraisal table


def _option_width(spec: SheetSpec) -> float:
    widest = max(text_mm(o, ROW_PT) for o in spec.options)
    return max(OPT_MIN_W, widest + 3.0)


def _table(spec: SheetSpec, top: float):
    """One row per item/person, the options' boxes in columns at the right, headed on each page."""
    opt_w = _option_width(spec)
    label_w = RIGHT - LEFT - opt_w * len(spec.options) - 2.0
    if label_w < 50:
        raise ValueError("too many options for one row")
    boxes, texts = [], []
    page, y = 1, None
    for row, label in enumerate(spec.rows):
        lines = wrap(label, ROW_PT, label_w, 3)
        height = max(ROW_MIN_H, len(lines) * ROW_LEAD + 2 * CLEAR_MM)
        if y is None or y + height > BODY_BOTTOM:
            page = page + (y is not None)
            texts += _option_heads(spec, page, top, opt_w)
            y = top + HEAD_H
        box_top = y + (height - BOX_MM) / 2
        text_top = y + (height - len(lines) * ROW_LEAD) / 2
        for i, line in enumerate(lines):
            rect = _r((LEFT, text_top + i * ROW_LEAD, label_w, ROW_LEAD))
            texts.append(Text(page, line, rect, ROW_PT, "left", "row"))
        for option, name in enumerate(spec.options):
            x = RIGHT - opt_w * (len(spec.options) - option)
            rect = _r((x + (opt_w - BOX_MM) / 2, box_top, BOX_MM, BOX_MM))
            boxes.append(Box(page, row, option, rect, label, name))
        y += height
    return tuple(boxes), texts, page


def _option_heads(spec: SheetSpec, page: int, top: float, opt_w: float) -> list[Text]:
    heads = []
    for option, name in enumerate(spec.options):
        x = RIGHT - opt_w * (len(spec.options) - option)
        heads.append(Text(page, name, _r((x, top, opt_w, HEAD_H - 2.5)), ROW_PT, role="option"))
    return heads


# ----------------------------------------------------------------------------- JSON and hash

ROW_KEY = {"election": "candidate", "motion": "item", "appraisal": "person"}


def layout_json(layout: Layout) -> dict:
    """The published layout (issue 20): millimetres from the top-left corner, pages from 1."""
    key = ROW_KEY[layout.spec.kind]
    boxes = []
    for box in layout.boxes:
        entry = {"page": box.page, key: box.label}
        if layout.spec.kind != "election":
            entry["option"] = box.option_label
        entry["rect_mm"] = list(box.rect_mm)
        boxes.append(entry)
    write_ins = [
        {"page": w.page, "name_rect_mm": list(w.name_rect_mm), "box_rect_mm": list(w.box_rect_mm)}
        for w in layout.write_ins
    ]
    return {"page_mm": list(PAGE_MM), "pages": layout.pages, "boxes": boxes, "write_ins": write_ins}


def _hash(spec, pages, boxes, write_ins, texts, rules, fids, qr) -> str:
    """16 hex digits of SHA-256 over a canonical JSON of the layout. Not the test flag: the test
    deck prints the same boxes as the real sheets and says what it is in its QR code."""
    body = {
        "kind": spec.kind,
        "page_mm": PAGE_MM,
        "pages": pages,
        "boxes": [asdict(b) for b in boxes],
        "write_ins": [asdict(w) for w in write_ins],
        "texts": [asdict(t) for t in texts if t.role != "banner"],
        "rules": rules,
        "fiducials": fids,
        "qr": qr,
    }
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
