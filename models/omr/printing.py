"""The printed sheets: a PDF drawn exactly from the :class:`~models.omr.layout.Layout`.

Every page carries the four ArUco fiducials, its QR code (:mod:`models.omr.sheet_code`), the
title, subtitle (the seats line), instructions, the rows with their boxes, the write-in lines and
第 x 页／共 y 页. All copies of a page are the same drawing: no serial number, no voter link.
Test sheets print 「测试票 · 不计入结果」 large on every page and say T in their QR code.

A :class:`SheetFill` (the test deck) draws ○ / × as vector strokes in boxes and typed names in
write-in fields, so the deck is the same PDF every time it is printed.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.colors import black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from models.io.pdf_fonts import FONT
from models.io.pdf_kit import INK, dark_runs, ensure_font
from models.io.private_files import write_privately
from models.omr.geometry import ARUCO_QUIET_MM, BOX_LINE_MM, PAGE_MM
from models.omr.layout import Layout, Rect, Text, build_layout
from models.omr.sheet_code import code_for, encode
from models.omr.spec import SheetSpec
from models.omr.text_fit import PT_MM

CIRCLE, CROSS = "○", "×"
PEN_MM = 0.5  # the deck's marks: a ball-point's width
MARK_REACH_MM = 3.2  # half the size of a deck ○ or ×, well inside the 10 mm box


@dataclass(frozen=True)
class SheetFill:
    """One test-deck ballot: a mark per box of the layout (all pages, in layout order) and a
    (name, mark) per write-in line. Marks are "○", "×" or ""."""

    marks: tuple[str, ...]
    write_ins: tuple[tuple[str, str], ...] = ()


def print_sheets(
    spec: SheetSpec, out: Path, copies: int = 1, fills: list[SheetFill] | None = None
) -> Path:
    """Write ``copies`` blank sets of pages (or one filled set per fill) to ``out``, atomically."""
    layout = build_layout(spec)
    if copies < 1:
        raise ValueError("copies < 1")
    for fill in fills or ():
        _check_fill(layout, fill)
    sets = list(fills) if fills is not None else [None] * copies
    write_privately(Path(out), lambda path: _render(path, layout, sets))
    return Path(out)


def _check_fill(layout: Layout, fill: SheetFill) -> None:
    if len(fill.marks) != len(layout.boxes) or len(fill.write_ins) > len(layout.write_ins):
        raise ValueError("a fill must give one mark per box and at most one entry per write-in")
    shown = {CIRCLE, CROSS, ""}
    if not set(fill.marks) <= shown or not {m for _, m in fill.write_ins} <= shown:
        raise ValueError("marks are ○, × or empty")


def _render(path: Path, layout: Layout, sets: list[SheetFill | None]) -> None:
    ensure_font()
    c = Canvas(str(path), pagesize=A4, pageCompression=1, initialFontName=FONT)
    spec = layout.spec
    c.setTitle(spec.title + ("（测试票）" if spec.test else ""))
    c.setAuthor("huiwu 会务")
    c.setCreator("huiwu")
    for fill in sets:
        for page in range(1, layout.pages + 1):
            _draw_page(c, layout, page)
            if fill is not None:
                _draw_fill(c, layout, page, fill)
            c.showPage()
    c.save()


# ----------------------------------------------------------------------------- one page


def _draw_page(c: Canvas, layout: Layout, page: int) -> None:
    for marker_id, rect in layout.fiducials:
        _draw_marker(c, marker_id, rect)
    _draw_qr(c, encode(code_for(layout, page)), layout.qr_rect_mm)
    for text in layout.texts:
        if text.page == page and (text.role != "banner" or layout.spec.test):
            _draw_text(c, text)
    c.setLineWidth(0.3 * mm)
    c.setStrokeColor(INK)
    for rule_page, (x, y, w, _) in layout.underlines:
        if rule_page == page:
            c.line(x * mm, _Y(y), (x + w) * mm, _Y(y))
    c.setStrokeColor(black)
    c.setLineWidth(BOX_LINE_MM * mm)
    half = BOX_LINE_MM / 2  # the outline's outer edge is the box's rect
    for box in layout.page_boxes(page):
        _stroke_rect(c, box.rect_mm, half)
    for write_in in layout.page_write_ins(page):
        _stroke_rect(c, write_in.box_rect_mm, half)


def _Y(y_mm: float) -> float:
    """Page y (mm from the top) to reportlab's points from the bottom."""
    return (PAGE_MM[1] - y_mm) * mm


def _stroke_rect(c: Canvas, rect: Rect, inset: float) -> None:
    x, y, w, h = rect
    c.rect((x + inset) * mm, _Y(y + h - inset), (w - 2 * inset) * mm, (h - 2 * inset) * mm)


def _draw_text(c: Canvas, text: Text) -> None:
    x, y, w, h = text.rect_mm
    size = text.size_pt
    baseline = _Y(y + h / 2 + size * PT_MM * 0.36)
    c.saveState()
    c.setFillColor(INK)
    c.setFont(FONT, size)
    if text.align == "left":
        c.drawString(x * mm, baseline, text.text)
    else:
        c.drawCentredString((x + w / 2) * mm, baseline, text.text)
    if text.role == "banner":  # the font has no bold: fill and stroke, still real text
        width = pdfmetrics.stringWidth(text.text, FONT, size)
        c.setLineWidth(0.4)
        c.rect((x + w / 2) * mm - width / 2 - 6, _Y(y + h), width + 12, h * mm, stroke=1, fill=0)
    c.restoreState()


@cache
def _marker_bits(marker_id: int) -> tuple[tuple[bool, ...], ...]:
    """The ArUco marker's 6 × 6 cells (4 × 4 data inside a black border), True for black."""
    dictionary = cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)
    image = cv2.aruco.generateImageMarker(dictionary, marker_id, 6)
    return tuple(tuple(bool(v < 128) for v in row) for row in image)


def _draw_marker(c: Canvas, marker_id: int, rect: Rect) -> None:
    x, y, size, _ = rect
    q = ARUCO_QUIET_MM
    c.setFillColor(white)
    c.rect((x - q) * mm, _Y(y + size + q), (size + 2 * q) * mm, (size + 2 * q) * mm, 0, 1)
    _fill_cells(c, _marker_bits(marker_id), x, y, size)


def _fill_cells(c: Canvas, cells, x: float, y: float, size: float) -> None:
    """Dark cells as one path: a rectangle per horizontal run, so no hairline seams show."""
    n = len(cells)
    cell = size / n
    path = c.beginPath()
    for r, row in enumerate(cells):
        for start, end in dark_runs(row):
            path.rect(
                (x + start * cell) * mm,
                _Y(y + (r + 1) * cell),
                (end - start) * cell * mm,
                cell * mm,
            )
    c.setFillColor(black)
    c.drawPath(path, stroke=0, fill=1)


def _draw_qr(c: Canvas, text: str, rect: Rect) -> None:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2)
    qr.add_data(text)
    qr.make(fit=True)
    x, y, size, _ = rect
    _fill_cells(c, qr.get_matrix(), x, y, size)


# ----------------------------------------------------------------------------- test-deck fills


def _draw_fill(c: Canvas, layout: Layout, page: int, fill: SheetFill) -> None:
    c.saveState()
    c.setStrokeColor(black)
    c.setLineWidth(PEN_MM * mm)
    c.setLineCap(1)
    for box, mark in zip(layout.boxes, fill.marks, strict=True):
        if box.page == page:
            _draw_mark(c, box.rect_mm, mark)
    for write_in, (name, mark) in zip(layout.write_ins, fill.write_ins, strict=False):
        if write_in.page != page:
            continue
        _draw_mark(c, write_in.box_rect_mm, mark)
        if name:
            x, y, w, h = write_in.name_rect_mm
            c.setFont(FONT, 12)
            c.setFillColor(black)
            c.drawCentredString((x + w / 2) * mm, _Y(y + h - 2.2), name)
    c.restoreState()


def _draw_mark(c: Canvas, rect: Rect, mark: str) -> None:
    x, y, w, h = rect
    cx, cy, r = (x + w / 2) * mm, _Y(y + h / 2), MARK_REACH_MM * mm
    if mark == CIRCLE:
        c.circle(cx, cy, r, stroke=1, fill=0)
    elif mark == CROSS:
        c.line(cx - r, cy - r, cx + r, cy + r)
        c.line(cx - r, cy + r, cx + r, cy - r)


# ----------------------------------------------------------------------------- the test deck

DECK_NAMES = ("林海", "宋佳", "欧阳明", "白雪")


def deck_fills(layout: Layout, seats: int) -> list[SheetFill]:
    """The test deck's known pattern, the same every time.

    Election: an all-blank sheet; three sheets on which every box takes ○, × and blank in turn
    (each within the seats); a write-in sheet (a name with ○, a name without it); an over-filled
    sheet (more ○ plus write-ins than seats). Motions and appraisals take one ○ per row — their
    sheets say 「在所选栏内划○」, × is not one of their marks — in turn over the options, and the
    over-filled sheet marks two options of the first row.
    """
    n = len(layout.boxes)
    fills = [SheetFill(("",) * n)]
    if layout.spec.kind == "election":
        fills += _election_deck(layout, seats)
    else:
        fills += _choice_deck(layout)
    # no two sheets alike (a one-candidate sheet repeats itself): a rescan check would drop one
    return list(dict.fromkeys(fills))


def _election_deck(layout: Layout, seats: int) -> list[SheetFill]:
    n, cycle = len(layout.boxes), (CIRCLE, CROSS, "")
    fills = []
    for turn in range(3):
        marks = [cycle[(i + turn) % 3] for i in range(n)]
        for i in [i for i, m in enumerate(marks) if m == CIRCLE][max(seats, 0) :]:
            marks[i] = ""  # within the seats: these sheets are valid ballots
        fills.append(SheetFill(tuple(marks)))
    # keep ○ on some box of every column of the cycle, even when seats are few
    if seats >= 1:
        for i in range(n):
            if not any(f.marks[i] == CIRCLE for f in fills):
                fills.append(SheetFill(tuple(CIRCLE if j == i else "" for j in range(n))))
    if layout.write_ins:
        names = [(DECK_NAMES[0], CIRCLE)]
        if len(layout.write_ins) > 1:
            names.append((DECK_NAMES[1], ""))  # a name without its ○: 弃权 for that name
        marks = (CROSS,) + ("",) * (n - 1)
        fills.append(SheetFill(marks, tuple(names)))
    over = (CIRCLE,) * n
    write_ins = tuple((DECK_NAMES[2 + i % 2], CIRCLE) for i in range(len(layout.write_ins)))
    if n + len(write_ins) > seats:
        fills.append(SheetFill(over, write_ins))
    return fills


def _choice_deck(layout: Layout) -> list[SheetFill]:
    options = len(layout.spec.options)
    fills = []
    for turn in range(options):
        fills.append(
            SheetFill(
                tuple(CIRCLE if (b.row + turn) % options == b.option else "" for b in layout.boxes)
            )
        )
    first = [b for b in layout.boxes if b.row == 0][:2]
    fills.append(SheetFill(tuple(CIRCLE if b in first else "" for b in layout.boxes)))
    return fills
