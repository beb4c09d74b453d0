"""The shared measures of a ballot sheet, in millimetres from the page's top-left corner, y down.

Printing, the layout JSON and the reader all take their numbers from here, so a box is where the
reader looks for it by construction.
"""

import math

PAGE_MM = (210.0, 297.0)  # A4 portrait
PX_PER_MM = 8  # the scale of a rectified page image (about 203 dpi)
BOX_MM = 10.0  # every mark box is a 10 × 10 mm square
BOX_LINE_MM = 0.3  # its outline, printed black
CLEAR_MM = 3.0  # nothing else is printed this close outside a box: ink running over is attributable

# Fiducials: four ArUco markers (DICT_4X4_50, ids 0–3) in the corners. Distinct ids say which
# corner is which, so a page upside down or photographed at an angle is still placed exactly.
ARUCO_SIZE_MM = 12.0
ARUCO_QUIET_MM = 3.0  # white around each marker; the detector needs it
# From the paper edge to the marker: a page skewed 3°, shifted 5 mm and scaled 2 % on a scanner
# whose scan area is the page itself still shows at least three markers whole.
ARUCO_INSET_MM = 16.0
ARUCO_IDS = (0, 1, 2, 3)  # top-left, top-right, bottom-right, bottom-left


def mm_to_px(v: float) -> int:
    """Millimetres to rectified pixels, rounding half up (never banker's rounding)."""
    return math.floor(v * PX_PER_MM + 0.5)


def rect_to_px(rect_mm: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    x, y, w, h = rect_mm
    return mm_to_px(x), mm_to_px(y), mm_to_px(w), mm_to_px(h)


def page_px() -> tuple[int, int]:
    """(width, height) of a rectified page image."""
    return mm_to_px(PAGE_MM[0]), mm_to_px(PAGE_MM[1])


def fiducial_rects() -> dict[int, tuple[float, float, float, float]]:
    """Each marker's outer square by id, the same on every page of every sheet."""
    w, h = PAGE_MM
    s, m = ARUCO_SIZE_MM, ARUCO_INSET_MM
    return {
        0: (m, m, s, s),
        1: (w - m - s, m, s, s),
        2: (w - m - s, h - m - s, s, s),
        3: (m, h - m - s, s, s),
    }


def fiducial_corners(marker_id: int) -> list[tuple[float, float]]:
    """The marker's corners in ArUco's order (its own top-left, clockwise) on the upright page."""
    x, y, s, _ = fiducial_rects()[marker_id]
    return [(x, y), (x + s, y), (x + s, y + s), (x, y + s)]
