"""Read one mark box as ○, ×, blank — or hand it to a person.

RULES.md §3: 同意划○，不同意划×，弃权不划; any other mark (√, a filled blob, ○ and × together, a
correction, a mark that cannot be made out) is unreadable, and a machine never decides a doubtful
mark. So every test here is one-sided: a box is ○ only when its ink *is* one closed-enough loop
round an empty middle, × only when it *is* two long strokes that cross each other, blank only when
there is no ink beyond dust. Anything that passes neither or both goes to review with a short
ascii reason code; the caller words it.

The page is the rectified grayscale page at ``PX_PER_MM``. The printed box may sit up to 1.5 mm
from where the layout says (registration), so the outline is found, not assumed, and masked out;
ink is looked for up to ``CLEAR_MM`` beyond it because hands run over edges. Darkness is measured
against the paper around the box (a plane fitted to the bright level of a few cells), so a phone
photo's shadow or gradient does not look like ink. Pure and deterministic: same pixels, same
answer.
"""

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import cv2
import numpy as np

from models.omr.geometry import CLEAR_MM, mm_to_px
from models.omr.mark_shapes import StrokeFit, circle_fit, two_line_fit


class Mark(StrEnum):
    CIRCLE = "○"
    CROSS = "×"
    BLANK = ""
    REVIEW = "review"


@dataclass(frozen=True)
class BoxReading:
    mark: Mark
    reason: str = ""  # a code when REVIEW: tick, blob, both, faint, correction, dot, unclear, …


SEARCH_PX = mm_to_px(1.5)  # registration error the outline is searched over
CLEAR_PX = mm_to_px(CLEAR_MM)
MARGIN_PX = SEARCH_PX + CLEAR_PX + 2
BAND_PX = 3  # half-width of the band masked round the found outline (0.3 mm line + blur)
RULE_BAND_PX = 5  # a write-in field's underline is set aside this wide: a name is bigger
OUTLINE_DARK = 0.2  # the printed outline is at least this dark, blurred or photographed
OUTLINE_SHARE = 0.8  # of each side's length: ink crossing it or a JPEG block may not

# Darkness is (paper - pixel) / paper. Ink grey 140 on 255 is 0.45 before blur; a faint mark
# (grey 185–215) is 0.15–0.27; noise and JPEG stay under about 0.05.
STRONG = 0.30  # seeds: certainly ink
WEAK = 0.15  # grows a seed along its blurred flanks
FAINT = 0.08  # something is there, but too light to say what
FAINT_REACH_PX = mm_to_px(1.5)  # faint ink is looked for in the box and this close round it
FAINT_PEAK = 0.38  # a pen mark's darker pixels reach ≥ 0.45 even thin and blurred; faint ink ≤ 0.3

# 0.6 mm²: a speck of dust or toner (under 0.4 mm, blurred) stays below it; a pen dot does not
DUST_PX = 40
FAINT_AREA_PX = mm_to_px(1.0) ** 2  # 1 mm² of faint ink is a mark someone made
DOT_EXTENT_PX = mm_to_px(2.0)
THICK_PX = 6  # a core pixel this far from paper is inside a filled area (core 1.5 mm wide)
BLOB_AREA_PX = 120  # that much of it is a filled blob, not a pen line (≤ 0.8 mm) or a crossing


def classify_box(page: np.ndarray, rect_px: tuple[int, int, int, int]) -> BoxReading:
    x, y, w, h = rect_px
    dark = _darkness_patch(page, x, y, w, h)
    box = _find_outline(dark, MARGIN_PX, MARGIN_PX, w, h)
    if box is None:
        return BoxReading(Mark.REVIEW, "no_box")
    ink, faint_area, band = _ink_masks(dark, box)
    area = int(np.count_nonzero(ink))
    if area == 0:
        if faint_area >= FAINT_AREA_PX:
            return BoxReading(Mark.REVIEW, "faint")
        return BoxReading(Mark.BLANK)
    if faint_area >= FAINT_AREA_PX and faint_area * 3 >= area:
        return BoxReading(Mark.REVIEW, "faint")
    if np.percentile(dark[ink > 0], 90) < FAINT_PEAK:
        return BoxReading(Mark.REVIEW, "faint")  # a whole mark drawn too light to be sure of
    return _classify_ink(dark, ink, box, area, band)


def _classify_ink(dark: np.ndarray, ink: np.ndarray, box, area: int, band) -> BoxReading:
    left, top, right, bottom = box
    ys, xs = np.nonzero(ink)
    if not (left < xs.mean() < right and top < ys.mean() < bottom):
        return BoxReading(Mark.REVIEW, "outside")  # centred beside the box, not in it
    if max(np.ptp(xs), np.ptp(ys)) < DOT_EXTENT_PX:
        return BoxReading(Mark.REVIEW, "dot")
    if _filled_area(dark, ink) >= BLOB_AREA_PX:
        return BoxReading(Mark.REVIEW, "blob")
    depth = cv2.distanceTransform(ink, cv2.DIST_L2, 3)
    half_width = float(np.percentile(depth[ys, xs], 90)) + 0.5
    step = max(1, len(xs) // 500)
    pts = np.stack([xs[::step], ys[::step]], axis=1).astype(np.float32)
    circle = circle_fit(pts, half_width)
    gap = cv2.distanceTransform(np.where(band, 0, 1 - ink).astype(np.uint8), cv2.DIST_L2, 3)
    cross = two_line_fit(pts, half_width, gap)
    if circle.ok and cross.ok:
        return BoxReading(Mark.REVIEW, "unclear")
    if circle.ok:
        return BoxReading(Mark.CIRCLE)
    if cross.ok:
        return BoxReading(Mark.CROSS)
    return BoxReading(Mark.REVIEW, _why_not(circle, cross, area))


def _filled_area(dark: np.ndarray, ink: np.ndarray) -> int:
    """Pixels deep inside the ink's dark core (darker than half its usual peak): blur widens a
    pen line's flanks but not its core, so only a filled area has a core this wide."""
    peak = float(np.percentile(dark[ink > 0], 90))
    core = ((dark >= peak / 2) & (ink > 0)).astype(np.uint8)
    depth = cv2.distanceTransform(core, cv2.DIST_L2, 3)
    return int(np.count_nonzero(depth >= THICK_PX))


def _why_not(circle: StrokeFit, cross: StrokeFit, area: int) -> str:
    """The likeliest name for a mark that is neither ○ nor ×: a hint for the person, never a count."""
    if cross.hint == "meets_at_end":
        return "tick"
    if circle.hint == "ink_inside" or (cross.hint == "extra_ink" and circle.hint == "loop"):
        return "both"
    if area >= mm_to_px(1.0) ** 2 * 30:
        return "correction"
    return "unclear"


# ------------------------------------------------------------------------------ paper and darkness


def _darkness_patch(page: np.ndarray, x: int, y: int, w: int, h: int) -> np.ndarray:
    """The box and MARGIN_PX round it as darkness 0..1 against the local paper; white past the page."""
    x0, y0 = x - MARGIN_PX, y - MARGIN_PX
    x1, y1 = x + w + MARGIN_PX, y + h + MARGIN_PX
    ph, pw = page.shape[:2]
    patch = np.full((y1 - y0, x1 - x0), 255, np.uint8)
    sx0, sy0, sx1, sy1 = max(x0, 0), max(y0, 0), min(x1, pw), min(y1, ph)
    if sx1 > sx0 and sy1 > sy0:
        patch[sy0 - y0 : sy1 - y0, sx0 - x0 : sx1 - x0] = page[sy0:sy1, sx0:sx1]
    return _darkness(patch)


@lru_cache(maxsize=8)
def _grid(h: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    return yy, xx


def _darkness(patch: np.ndarray, cells: int = 4) -> np.ndarray:
    """(paper − pixel) / paper, with the paper level a plane through the bright level of cells×cells
    cells; cells that are much darker than the plane (under a blob) are dropped from the fit."""
    img = patch.astype(np.float32)
    h, w = img.shape
    ch, cw = h // cells, w // cells
    grid = patch[: ch * cells, : cw * cells].reshape(cells, ch, cells, cw).transpose(0, 2, 1, 3)
    flat = grid.reshape(cells * cells, -1)
    k = int(flat.shape[1] * 0.9)
    levels = np.partition(flat, k, axis=1)[:, k].astype(np.float64)  # each cell's 90th percentile
    cy, cx = np.mgrid[0:cells, 0:cells]
    design = np.stack(
        [np.ones(cells * cells), (cx.ravel() + 0.5) * cw, (cy.ravel() + 0.5) * ch], axis=1
    )
    keep = np.ones(levels.size, bool)
    coef = np.array([levels.max(), 0.0, 0.0])
    for _ in range(3):
        if keep.sum() < 6:
            coef = np.array([levels.max(), 0.0, 0.0])
            break
        coef, *_ = np.linalg.lstsq(design[keep], levels[keep], rcond=None)
        fitted = design @ coef
        keep = levels >= fitted * 0.9
    yy, xx = _grid(h, w)
    paper = np.maximum(coef[0] + coef[1] * xx + coef[2] * yy, 30.0)
    return np.clip((paper - img) / paper, 0.0, 1.0)


# ------------------------------------------------------------------------------------- the outline


def _find_outline(dark: np.ndarray, x: int, y: int, w: int, h: int):
    """(left, top, right, bottom) centre lines of the printed outline, or None if it is not there.

    Every placement within the registration error (and ±2 px of size) is scored by its weakest
    side: the share of that side's whole length that is dark. Only the printed square is dark
    along four straight full-length sides; a pen ○ the size of the box is not."""
    # Only the registration window round the layout's square is searched: crop to it first.
    pad = SEARCH_PX + 4
    y0, x0 = max(y - pad, 0), max(x - pad, 0)
    dark = dark[y0 : y + h + pad, x0 : x + w + pad]
    x, y = x - x0, y - y0
    line = dark >= OUTLINE_DARK
    wide = line.copy()  # a side may lean a pixel over its length after rectification
    wide[:, 1:] |= line[:, :-1]
    wide[:, :-1] |= line[:, 1:]
    tall = line.copy()
    tall[1:] |= line[:-1]
    tall[:-1] |= line[1:]
    zeros_row, zeros_col = (
        np.zeros((1, dark.shape[1]), np.float32),
        np.zeros((dark.shape[0], 1), np.float32),
    )
    cums = (
        np.vstack([zeros_row, np.cumsum(wide, axis=0, dtype=np.float32)]),  # per column
        np.hstack([zeros_col, np.cumsum(tall, axis=1, dtype=np.float32)]),  # per row
        np.vstack([zeros_row, np.cumsum(dark, axis=0, dtype=np.float32)]),
        np.hstack([zeros_col, np.cumsum(dark, axis=1, dtype=np.float32)]),
    )
    shifts = np.arange(-SEARCH_PX - 1, SEARCH_PX + 2)
    lefts, tops = x + 1 + shifts, y + 1 + shifts
    # First where (at the printed size), then how big (±2 px): the same answer, far fewer sums.
    weakest, score = _placements(cums, lefts[:, None], tops[None, :], w - 3, h - 3)
    i, j = np.unravel_index(int(np.argmax(score)), score.shape)
    grow = np.arange(-2, 3)
    weakest, score = _placements(
        cums, lefts[i], tops[j], w - 3 + grow[:, None], h - 3 + grow[None, :]
    )
    k, m = np.unravel_index(int(np.argmax(score)), score.shape)
    if weakest[k, m] < OUTLINE_SHARE:
        return None
    left, top = int(lefts[i]) + x0, int(tops[j]) + y0
    return left, top, left + w - 3 + int(grow[k]), top + h - 3 + int(grow[m])


def _placements(cums, left, top, width, height):
    """For outline placements (broadcast arrays): the weakest side's dark share, and a score
    that prefers, among placements that fit, the one centred on the printed line."""
    down, across, down_d, across_d = cums
    hi_r, hi_c = down.shape[0] - 2, down.shape[1] - 1
    left, top = np.clip(left, 0, hi_c), np.clip(top, 0, hi_r)
    right, bottom = np.clip(left + width, 0, hi_c), np.clip(top + height, 0, hi_r)
    length_v, length_h = (bottom - top + 1).astype(float), (right - left + 1).astype(float)

    def sides(v, h):
        return (
            (v[bottom + 1, left] - v[top, left]) / length_v,
            (v[bottom + 1, right] - v[top, right]) / length_v,
            (h[top, right + 1] - h[top, left]) / length_h,
            (h[bottom, right + 1] - h[bottom, left]) / length_h,
        )

    share = sides(down, across)
    weakest = np.minimum(np.minimum(share[0], share[1]), np.minimum(share[2], share[3]))
    return weakest, np.round(weakest, 2) * 100 + sum(sides(down_d, across_d))


def _ink_masks(dark: np.ndarray, box) -> tuple[np.ndarray, int, np.ndarray]:
    """The ink mask (uint8 0/1) within CLEAR_MM of the outline with the outline band removed,
    the area of faint-only ink (components that never reach STRONG), and the band itself."""
    left, top, right, bottom = box
    region = np.zeros(dark.shape, bool)
    region[
        max(top - CLEAR_PX, 0) : bottom + CLEAR_PX + 1,
        max(left - CLEAR_PX, 0) : right + CLEAR_PX + 1,
    ] = True
    band = np.zeros(dark.shape, bool)
    for c in (left, right):
        band[top - BAND_PX : bottom + BAND_PX + 1, c - BAND_PX : c + BAND_PX + 1] = True
    for r in (top, bottom):
        band[r - BAND_PX : r + BAND_PX + 1, left - BAND_PX : right + BAND_PX + 1] = True
    usable = region & ~band
    ink = _hysteresis(dark, usable, WEAK, STRONG, DUST_PX)
    # JPEG rings round a black rule for a few pixels; faint ink is not looked for in that ring.
    wide = cv2.dilate(band.astype(np.uint8), np.ones((7, 7), np.uint8)).astype(bool)
    near = np.zeros(dark.shape, bool)  # a printed rule's blurred flank never reaches this close
    r = FAINT_REACH_PX
    near[max(top - r, 0) : bottom + r + 1, max(left - r, 0) : right + r + 1] = True
    faint = (
        (dark >= FAINT) & near & ~wide & ~cv2.dilate(ink, np.ones((5, 5), np.uint8)).astype(bool)
    )
    faint_area = _structured_area(faint)
    return ink, faint_area, band


def _hysteresis(
    dark: np.ndarray, usable: np.ndarray, weak: float, strong: float, dust: int
) -> np.ndarray:
    weak_mask = ((dark >= weak) & usable).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(weak_mask, connectivity=8)
    if count <= 1:
        return np.zeros(dark.shape, np.uint8)
    seeded = np.bincount(labels[(dark >= strong) & usable], minlength=count) > 0
    seeded &= stats[:, cv2.CC_STAT_AREA] >= dust
    seeded[0] = False
    return seeded[labels].astype(np.uint8)


def _structured_area(mask: np.ndarray) -> int:
    """Area of the components of mask big enough to be a stroke rather than noise."""
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(
        mask.astype(np.uint8), connectivity=8
    )
    if count <= 1:
        return 0
    areas = stats[1:, cv2.CC_STAT_AREA]
    spans = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    return int(areas[(areas >= 12) & (spans >= mm_to_px(1.0))].sum())


# ------------------------------------------------------------------------------ write-in name field


def has_ink(page: np.ndarray, rect_px: tuple[int, int, int, int]) -> bool:
    """Whether anything is written in a write-in name field (its printed underline below excluded).

    True sends the line to a person, so any ink — even faint — answers True; dust does not."""
    x, y, w, h = rect_px
    dark = _darkness_patch(page, x, y, w, h)
    m = MARGIN_PX
    side = SEARCH_PX  # printed words beside the field may slide in by the registration error
    region = np.zeros(dark.shape, bool)
    region[m : m + h, m + side : m + w - side] = True
    usable = region & ~_long_lines(dark, m + side, m + w - side)
    ink = _hysteresis(dark, usable, WEAK, STRONG, DUST_PX)
    if np.count_nonzero(ink) >= mm_to_px(0.7) ** 2:
        return True
    faint = (dark >= FAINT) & usable & ~cv2.dilate(ink, np.ones((5, 5), np.uint8)).astype(bool)
    return _structured_area(faint) >= FAINT_AREA_PX


def _long_lines(dark: np.ndarray, x0: int, x1: int) -> np.ndarray:
    """Rows crossed by a printed rule (the underline, wherever registration put it), widened."""
    rows = (dark[:, x0:x1] >= WEAK).mean(axis=1) >= 0.6
    rows = cv2.dilate(rows.astype(np.uint8)[:, None], np.ones((2 * RULE_BAND_PX + 1, 1), np.uint8))[
        :, 0
    ]
    out = np.zeros(dark.shape, bool)
    out[rows.astype(bool), :] = True
    return out
