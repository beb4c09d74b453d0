"""Telling a sheet scanned twice from two voters' sheets with the same choices.

Every copy of a page is printed the same, so only the voter's ink can tell sheets apart. The
fingerprint is a coarse map (0.5 mm cells) of the ink in and around every box and write-in field
of the rectified page, with the printed outlines masked out. A rescan lands within a fraction of a
millimetre (the homography is exact) and its blur, noise and JPEG move few cells; two hands never
draw the same ○ in the same place, so their maps share far fewer cells.

A page with no ink at all (an all-blank ballot) cannot be told from another: :func:`same_sheet`
never calls two such pages the same — a duplicate there cannot be shown, and a voter's blank
ballot must not be dropped on a guess.
"""

import struct

import cv2
import numpy as np

from models.omr.geometry import CLEAR_MM, PX_PER_MM, mm_to_px

CELL_PX = 4  # 0.5 mm at PX_PER_MM = 8
INK_RATIO = 0.72  # a cell darker than 72 % of the local paper holds ink
OUTLINE_BAND_MM = 0.8  # either side of a printed outline: where the box edge may be
MIN_INK_CELLS = 12  # below this (3 mm² of ink) a page has no mark to compare
SAME_SCORE = 0.8  # ink cells the pages share, of the cells either has ink in (IoU) …
SAME_REGION = 0.6  # … and no box or field with ink sharing less than this
MIN_REGION_CELLS = 16  # a region with less ink than this (4 mm²) is not judged alone
VERSION = b"HF1"

Rect = tuple[float, float, float, float]


def fingerprint(rectified: np.ndarray, boxes: list[Rect], fields: list[Rect]) -> bytes:
    """The ink map of ``boxes`` (with CLEAR_MM around each) and write-in ``fields``, as bytes."""
    parts = [VERSION, struct.pack(">H", len(boxes) + len(fields))]
    for rect in boxes:
        parts.append(_pack(_ink_cells(rectified, rect, CLEAR_MM, outlined=True)))
    for rect in fields:
        parts.append(_pack(_ink_cells(rectified, rect, 0.0, outlined=False)))
    return b"".join(parts)


def _ink_cells(page: np.ndarray, rect: Rect, around_mm: float, outlined: bool) -> np.ndarray:
    x, y, w, h = rect
    x0, y0 = mm_to_px(x - around_mm), mm_to_px(y - around_mm)
    cols = mm_to_px(w + 2 * around_mm) // CELL_PX
    rows = mm_to_px(h + 2 * around_mm) // CELL_PX
    crop = page[y0 : y0 + rows * CELL_PX, x0 : x0 + cols * CELL_PX]
    if crop.shape != (rows * CELL_PX, cols * CELL_PX):
        return np.zeros((rows, cols), bool)
    paper = float(np.percentile(crop, 90))
    cells = cv2.resize(crop, (cols, rows), interpolation=cv2.INTER_AREA)
    ink = cells < paper * INK_RATIO
    if outlined:
        ink &= ~_outline_mask(rows, cols, around_mm, w, h)
    return ink


def _outline_mask(rows: int, cols: int, around_mm: float, w: float, h: float) -> np.ndarray:
    """Cells near the printed box outline: the same on every copy, so they say nothing."""
    mask = np.zeros((rows, cols), bool)
    cell_mm = CELL_PX / PX_PER_MM
    band = OUTLINE_BAND_MM
    centres = (np.arange(max(rows, cols)) + 0.5) * cell_mm - around_mm
    ys, xs = centres[:rows], centres[:cols]
    near_x = (np.abs(xs) <= band) | (np.abs(xs - w) <= band)
    near_y = (np.abs(ys) <= band) | (np.abs(ys - h) <= band)
    in_x = (xs >= -band) & (xs <= w + band)
    in_y = (ys >= -band) & (ys <= h + band)
    mask |= near_y[:, None] & in_x[None, :]
    mask |= near_x[None, :] & in_y[:, None]
    return mask


def _pack(cells: np.ndarray) -> bytes:
    rows, cols = cells.shape
    return struct.pack(">BB", rows, cols) + np.packbits(cells, axis=None).tobytes()


def _unpack(data: bytes) -> list[np.ndarray] | None:
    if not data.startswith(VERSION) or len(data) < 5:
        return None
    (count,) = struct.unpack_from(">H", data, 3)
    pos, maps = 5, []
    for _ in range(count):
        if pos + 2 > len(data):
            return None
        rows, cols = data[pos], data[pos + 1]
        size = (rows * cols + 7) // 8
        bits = np.frombuffer(data[pos + 2 : pos + 2 + size], np.uint8)
        if len(bits) != size:
            return None
        maps.append(np.unpackbits(bits)[: rows * cols].reshape(rows, cols).astype(bool))
        pos += 2 + size
    return maps


def same_sheet(a: bytes, b: bytes) -> bool:
    """True when two fingerprints are of one sheet scanned twice (see the module's note).

    Measured with bench/omr_synth.py marks (scanner: skew ±3°, shift ±5 mm, scale ±2 %, blur,
    JPEG 50–95; phone: perspective up to 15°): a rescan shares 0.89–1.0 of its ink cells (worst
    box 0.89); other hands with the very same choices share at most 0.22 (17 marks), 0.29 (three
    ○) and 0.70 (a single ○ in the same box: one pair of 171). Few marks carry little to tell
    hands apart, so a caller shows a suspected duplicate to a person rather than dropping it.
    """
    maps_a, maps_b = _unpack(a), _unpack(b)
    if maps_a is None or maps_b is None or len(maps_a) != len(maps_b):
        return False
    if any(m.shape != n.shape for m, n in zip(maps_a, maps_b, strict=True)):
        return False
    overall, worst = similarity(maps_a, maps_b)
    return overall >= SAME_SCORE and worst >= SAME_REGION


def similarity(maps_a: list[np.ndarray], maps_b: list[np.ndarray]) -> tuple[float, float]:
    """(overall, worst region) intersection over union of the ink cells; (0, 0) without ink.

    Cells are compared exactly, not within a tolerance: the homography puts a rescan within a
    fraction of a cell, while a tolerance would let two hands' ○ of the same size pass as one."""
    shared = either = 0
    worst = 1.0
    for m, n in zip(maps_a, maps_b, strict=True):
        here, union = int((m & n).sum()), int((m | n).sum())
        shared += here
        either += union
        if union >= MIN_REGION_CELLS:
            worst = min(worst, here / union)
    if either < MIN_INK_CELLS:
        return 0.0, 0.0
    return shared / either, worst
