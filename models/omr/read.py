"""Reading one scanned page: find it, check its QR code, classify every box, fingerprint the ink.

Deterministic: the same image always gives the same reading (``huiwu verify`` re-reads). The
reader never decides a doubtful mark — :func:`models.omr.marks.classify_box` answers REVIEW for
anything but a clear ○, × or blank, and any ink in a write-in field goes to a person as well.

Refusal reasons: ``no_page`` (no sheet found: a blank page, a photo of something else),
``cut_off`` (part of the sheet is outside the image), ``no_code`` (no readable sheet QR code),
``foreign_sheet`` (the caller's lookup does not know the sheet: another congress or item),
``layout_changed`` (the sheet was printed from another layout of the item).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np
import zxingcpp

from models.omr.fingerprint import fingerprint
from models.omr.geometry import CLEAR_MM, mm_to_px, rect_to_px
from models.omr.layout import QR_RECT, Layout, Rect
from models.omr.locate import find_markers, locate, rectify, shows
from models.omr.marks import BoxReading, Mark, classify_box, has_ink
from models.omr.sheet_code import SheetCode, parse

QR_MARGIN_MM = 4.0
STATUSES = ("read", "review", "refused")


@dataclass(frozen=True)
class WriteInReading:
    ink: bool  # something written in the name field: a person reads the name
    box: BoxReading


@dataclass(frozen=True)
class PageReading:
    status: str  # read | review | refused
    reason: str = ""  # the refusal's code; "" when read or sent to review
    code: SheetCode | None = None
    test: bool = False
    page_no: int = 0
    boxes: tuple[BoxReading, ...] = ()  # aligned with layout.page_boxes(page_no)
    write_ins: tuple[WriteInReading, ...] = ()  # aligned with layout.page_write_ins(page_no)
    fingerprint: bytes = b""
    markers: int = 0  # fiducials found (0–4)
    rectified: np.ndarray | None = field(default=None, compare=False, repr=False)


Lookup = Callable[[SheetCode], Layout | None]


def read_page(image: np.ndarray, lookup: Lookup) -> PageReading:
    """Read one scanned page (grayscale or BGR, any size, any way up).

    ``lookup`` names the layout a sheet code belongs to, or None for a sheet this count does not
    take (another congress or item): the caller decides, the reader only checks the layout hash.
    """
    gray = _gray(image)
    markers = find_markers(gray)
    found = locate(gray, markers)
    if found.homography is None:
        reason = found.reason
        if reason == "no_page" and _first_code(gray) is not None:
            reason = "cut_off"  # the QR says it is a sheet, the fiducials are not all there
        return PageReading("refused", reason, markers=found.markers)
    if not shows(found.homography, gray.shape, QR_RECT):
        return PageReading("refused", "cut_off", markers=found.markers)
    page = rectify(gray, found.homography)
    checked = _check_code(page, gray, lookup, found.markers)
    if isinstance(checked, PageReading):
        return checked
    code, layout = checked
    if not shows(found.homography, gray.shape, _read_area(layout, code.page)):
        return PageReading("refused", "cut_off", code, code.test, code.page, markers=found.markers)
    return _classify(page, code, layout, found.markers)


def _read_area(layout: Layout, page: int) -> Rect:
    """Every box and write-in field of the page, with the CLEAR_MM round each box."""
    rects = [b.rect_mm for b in layout.page_boxes(page)]
    for write_in in layout.page_write_ins(page):
        rects += [write_in.name_rect_mm, write_in.box_rect_mm]
    if not rects:
        return QR_RECT
    x0 = min(r[0] for r in rects) - CLEAR_MM
    y0 = min(r[1] for r in rects) - CLEAR_MM
    x1 = max(r[0] + r[2] for r in rects) + CLEAR_MM
    y1 = max(r[1] + r[3] for r in rects) + CLEAR_MM
    return (x0, y0, x1 - x0, y1 - y0)


def _gray(image: np.ndarray) -> np.ndarray:
    if image.ndim == 3:
        code = cv2.COLOR_BGRA2GRAY if image.shape[2] == 4 else cv2.COLOR_BGR2GRAY
        image = cv2.cvtColor(image, code)
    if image.dtype != np.uint8:
        image = cv2.normalize(image, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    return image


def _check_code(page: np.ndarray, gray: np.ndarray, lookup: Lookup, markers: int):
    """(code, layout) for a sheet of a known layout, else the refusal."""
    # the rectified crop is small and upright; a blurred photo may still decode only as taken
    code = _read_code(page) or _first_code(gray)
    if code is None:
        return PageReading("refused", "no_code", markers=markers, rectified=page)
    layout = lookup(code)
    if layout is None:
        return PageReading("refused", "foreign_sheet", code, code.test, code.page, markers=markers)
    if layout.hash != code.layout_hash or code.pages != layout.pages:
        return PageReading("refused", "layout_changed", code, code.test, code.page, markers=markers)
    return code, layout


def _read_code(page: np.ndarray) -> SheetCode | None:
    x, y, w, h = QR_RECT
    m = QR_MARGIN_MM
    crop = page[mm_to_px(y - m) : mm_to_px(y + h + m), mm_to_px(x - m) : mm_to_px(x + w + m)]
    return _first_code(crop)


def _first_code(gray: np.ndarray) -> SheetCode | None:
    for result in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode):
        code = parse(result.text)
        if code is not None:
            return code
    return None


def _classify(page: np.ndarray, code: SheetCode, layout: Layout, markers: int) -> PageReading:
    boxes = layout.page_boxes(code.page)
    write_ins = layout.page_write_ins(code.page)
    box_readings = tuple(classify_box(page, rect_to_px(b.rect_mm)) for b in boxes)
    write_readings = tuple(
        WriteInReading(
            bool(has_ink(page, rect_to_px(w.name_rect_mm))),
            classify_box(page, rect_to_px(w.box_rect_mm)),
        )
        for w in write_ins
    )
    doubtful = any(r.mark == Mark.REVIEW for r in box_readings) or any(
        w.ink or w.box.mark == Mark.REVIEW for w in write_readings
    )
    print_ = fingerprint(
        page,
        [b.rect_mm for b in boxes] + [w.box_rect_mm for w in write_ins],
        [w.name_rect_mm for w in write_ins],
    )
    return PageReading(
        "review" if doubtful else "read",
        "",
        code,
        code.test,
        code.page,
        box_readings,
        write_readings,
        print_,
        markers,
        page,
    )


def crop(rectified: np.ndarray, rect_mm: Rect, margin_mm: float = 3.0) -> np.ndarray:
    """The part of the rectified page around ``rect_mm``, for a person to look at."""
    x, y, w, h = rect_mm
    height, width = rectified.shape[:2]
    x0, y0 = max(0, mm_to_px(x - margin_mm)), max(0, mm_to_px(y - margin_mm))
    x1 = min(width, mm_to_px(x + w + margin_mm))
    y1 = min(height, mm_to_px(y + h + margin_mm))
    return rectified[y0:y1, x0:x1].copy()
