"""The shared measures of a ballot sheet, in millimetres from the page's top-left corner, y down."""

import math

PX_PER_MM = 8  # the scale of a rectified page image (about 203 dpi)
BOX_MM = 10.0  # every mark box is a 10 × 10 mm square
BOX_LINE_MM = 0.3  # its outline, printed black
CLEAR_MM = 3.0  # nothing else is printed this close outside a box: ink running over is attributable


def mm_to_px(v: float) -> int:
    """Millimetres to rectified pixels, rounding half up (never banker's rounding)."""
    return math.floor(v * PX_PER_MM + 0.5)
