"""The two shapes a voter may draw, as strict one-sided tests on ink points (x, y in pixels).

``circle_fit`` says ○ only for one loop round an empty middle: a fitted ellipse that explains
nearly all the ink, goes round at least ~3/4 of the way with no wide gap, and has nothing inside.
``two_line_fit`` says × only for two long straight-ish strokes that explain nearly all the ink and
cross each other, each carrying on past the crossing (a √ meets at an end; it is not a ×).
Both are deterministic: a fixed grid of angles, no random sampling. Each also returns a ``hint``
that names why it failed, for the review reason.
"""

import math
from dataclasses import dataclass

import cv2
import numpy as np

from models.omr.geometry import mm_to_px

TOLERANCE_PX = 4  # hand wobble allowed either side of a stroke's centre line (0.5 mm)
EXPLAINED = 0.95  # share of the ink a shape must account for

# ○
MIN_SEMI_MINOR_PX = mm_to_px(1.2)
MAX_SEMI_MAJOR_PX = mm_to_px(8.0)
MIN_ASPECT = 0.4
ARC_BINS = 36
MAX_GAP_BINS = 10  # an open ○ may miss up to 100° of its round
MIN_ARC_BINS = 24
MAX_INSIDE = 0.01  # share of the ink allowed within half the ellipse: a ○ is empty in the middle

# ×
ANGLE_STEP = 3
MIN_BETWEEN_DEG = 40  # a × drawn by hand is near square; two lines along one bent stroke are not
MIN_STROKE_PX = mm_to_px(4.0)
MAX_STROKE_GAP_PX = mm_to_px(1.5)  # the outline band cuts strokes; a pen lifted longer is two marks
PAST_CROSSING_PX = mm_to_px(1.25)  # each stroke goes on this far beyond the crossing
AXIS_SLACK_PX = 3.0  # a hand's stroke bends off its straight axis by this much


@dataclass(frozen=True)
class StrokeFit:
    ok: bool
    hint: str = ""


# ---------------------------------------------------------------------------------------------- ○


def circle_fit(pts: np.ndarray, half_width: float) -> StrokeFit:
    if len(pts) < 20:
        return StrokeFit(False, "few")
    (cx, cy), (d1, d2), angle = cv2.fitEllipse(pts)
    if not (math.isfinite(d1) and math.isfinite(d2)) or min(d1, d2) <= 0:
        return StrokeFit(False, "no_ellipse")
    a, b = d1 / 2.0, d2 / 2.0
    if (
        min(a, b) < MIN_SEMI_MINOR_PX
        or max(a, b) > MAX_SEMI_MAJOR_PX
        or min(a, b) / max(a, b) < MIN_ASPECT
    ):
        return StrokeFit(False, "size")
    t = math.radians(angle)
    dx, dy = pts[:, 0] - cx, pts[:, 1] - cy
    u = dx * math.cos(t) + dy * math.sin(t)
    v = -dx * math.sin(t) + dy * math.cos(t)
    rn = np.sqrt((u / a) ** 2 + (v / b) ** 2)
    radial = np.hypot(dx, dy) * np.abs(1.0 - 1.0 / np.maximum(rn, 1e-6))
    near = radial <= half_width + TOLERANCE_PX
    inside = float(np.mean(rn < 0.5))
    bins = ((np.arctan2(v[near] / b, u[near] / a) + math.pi) / (2 * math.pi) * ARC_BINS).astype(int)
    filled = np.bincount(np.clip(bins, 0, ARC_BINS - 1), minlength=ARC_BINS) > 0
    gap = _longest_circular_gap(filled)
    looped = gap <= MAX_GAP_BINS and int(filled.sum()) >= MIN_ARC_BINS
    if inside > MAX_INSIDE:
        return StrokeFit(False, "ink_inside" if looped else "inside")
    if float(np.mean(near)) < EXPLAINED:
        return StrokeFit(False, "loop" if looped else "not_ellipse")
    if not looped:
        return StrokeFit(False, "open")
    return StrokeFit(True)


def _longest_circular_gap(filled: np.ndarray) -> int:
    if not filled.any():
        return len(filled)
    doubled = np.concatenate([filled, filled])
    longest = run = 0
    for hit in doubled:
        run = 0 if hit else run + 1
        longest = max(longest, run)
    return min(longest, len(filled))


# ---------------------------------------------------------------------------------------------- ×

_ANGLES = np.radians(np.arange(0, 180, ANGLE_STEP))
_DIRS = np.stack([np.cos(_ANGLES), np.sin(_ANGLES)], axis=0)  # 2 × n


def _best_line(proj: np.ndarray, usable: np.ndarray, half: int, angle_ok: np.ndarray):
    """(angle index, rho) of the band of width 2*half+1 holding most usable points."""
    lo = np.floor(proj.min()).astype(int)
    idx = np.floor(proj[usable] - lo).astype(int)  # m × n
    nb = int(idx.max()) + 2 * half + 2 if idx.size else 2 * half + 2
    n_angles = proj.shape[1]
    flat = (np.arange(n_angles)[None, :] * nb + idx).ravel()
    counts = np.bincount(flat, minlength=n_angles * nb).reshape(n_angles, nb)
    csum = np.concatenate([np.zeros((n_angles, 1)), np.cumsum(counts, axis=1)], axis=1)
    window = csum[:, 2 * half + 1 :] - csum[:, : -(2 * half + 1)]
    window[~angle_ok] = -1
    k = int(np.argmax(window))
    ai, start = divmod(k, window.shape[1])
    return ai, lo + start + half + 0.5


def _segment(along: np.ndarray) -> tuple[float, float]:
    """The longest run of a stroke's points along its line with no gap wider than a lifted pen."""
    s = np.sort(along)
    breaks = np.nonzero(np.diff(s) > MAX_STROKE_GAP_PX)[0]
    starts = np.concatenate([[0], breaks + 1])
    ends = np.concatenate([breaks, [len(s) - 1]])
    k = int(np.argmax(s[ends] - s[starts]))
    return float(s[starts[k]]), float(s[ends[k]])


def _continuous(
    gap, origin, normal, rho: float, lo: float, hi: float, max_miss: float = 0.1
) -> bool:
    """Whether ink runs along the line's own axis from lo to hi, not merely inside its wide band:
    a band can catch the edges of two other strokes; a drawn stroke lies on its axis."""
    along = np.array([-normal[1], normal[0]])
    s = np.arange(lo, hi + 1.0, 2.0)
    if s.size == 0:
        return False
    xy = origin + rho * normal + s[:, None] * along
    h, w = gap.shape
    cols = np.clip(np.round(xy[:, 0]).astype(int), 0, w - 1)
    rows = np.clip(np.round(xy[:, 1]).astype(int), 0, h - 1)
    miss = gap[rows, cols] > AXIS_SLACK_PX
    if miss.mean() > max_miss:
        return False
    longest = run = 0
    for m in miss:
        run = run + 2 if m else 0
        longest = max(longest, run)
    return longest <= MAX_STROKE_GAP_PX


def _refit(xy: np.ndarray, mine: np.ndarray, normal: np.ndarray, rho: float):
    """A least-squares line through a stroke's own points: the grid line only found the stroke."""
    if mine.sum() < 10:
        return normal, rho
    own = xy[mine]
    mean = own.mean(axis=0)
    _values, vectors = np.linalg.eigh(np.cov((own - mean).T))
    fitted = vectors[:, 0]  # the smallest spread is across the stroke
    if fitted @ normal < 0:
        fitted = -fitted
    return fitted, float(fitted @ mean)


def _arms(xy, own, crossing, along, half_width) -> bool:
    """Whether the stroke's own ink carries on past the crossing on both sides."""
    s = (xy[own] - crossing) @ along
    reach = PAST_CROSSING_PX + half_width
    return bool(s.size) and s.max() >= reach and -s.min() >= reach


def two_line_fit(pts: np.ndarray, half_width: float, gap: np.ndarray) -> StrokeFit:
    """gap: each pixel's distance to the nearest ink (or masked outline), in the pts' frame."""
    if len(pts) < 20:
        return StrokeFit(False, "few")
    half = round(half_width + TOLERANCE_PX)
    centre = pts.mean(axis=0)
    xy = pts - centre
    proj = xy @ _DIRS  # N × n_angles
    all_angles = np.ones(len(_ANGLES), bool)
    a1, rho1 = _best_line(proj, np.ones(len(xy), bool), half, all_angles)
    on1 = np.abs(proj[:, a1] - rho1) <= half
    if on1.all():
        return StrokeFit(False, "one_stroke")
    diff = np.abs(np.arange(len(_ANGLES)) - a1) * ANGLE_STEP
    apart = np.minimum(diff, 180 - diff) >= MIN_BETWEEN_DEG
    a2, rho2 = _best_line(proj, ~on1, half, apart)
    n1, n2 = _DIRS[:, a1], _DIRS[:, a2]
    for _ in range(2):
        # Each point belongs to the nearer stroke, so the other stroke's ink near the crossing does
        # not lengthen this one: a √'s short stroke has no arm past the corner, a ×'s has two.
        d1, d2 = np.abs(xy @ n1 - rho1), np.abs(xy @ n2 - rho2)
        own1, own2 = (d1 <= d2) & (d1 <= half), (d2 < d1) & (d2 <= half)
        n1, rho1 = _refit(xy, own1, n1, rho1)
        n2, rho2 = _refit(xy, own2, n2, rho2)
    if abs(float(n1 @ n2)) > math.cos(math.radians(MIN_BETWEEN_DEG)):
        return StrokeFit(False, "parallel")
    d1, d2 = np.abs(xy @ n1 - rho1), np.abs(xy @ n2 - rho2)
    on1, on2 = d1 <= half, d2 <= half
    own1, own2 = on1 & (d1 <= d2), on2 & (d2 < d1)
    explained = float(np.mean(on1 | on2))
    crossing = np.linalg.solve(np.stack([n1, n2]), np.array([rho1, rho2]))
    meets_inside = True
    for normal, rho, on, own in ((n1, rho1, on1, own1), (n2, rho2, on2, own2)):
        along = np.array([-normal[1], normal[0]])
        lo, hi = _segment(xy[on] @ along)
        if hi - lo < MIN_STROKE_PX:
            return StrokeFit(False, "short")
        if not _continuous(gap, centre, normal, rho, lo + half_width, hi - half_width):
            return StrokeFit(False, "not_straight")
        at, reach = float(crossing @ along), PAST_CROSSING_PX + half_width
        meets_inside &= _arms(xy, own, crossing, along, half_width)
        meets_inside &= _continuous(gap, centre, normal, rho, at - reach, at + reach, max_miss=0.0)
    if not meets_inside:
        return StrokeFit(False, "meets_at_end" if explained >= EXPLAINED - 0.05 else "apart")
    if explained < EXPLAINED:
        return StrokeFit(False, "extra_ink")
    if np.min(np.hypot(*(xy - crossing).T)) > half_width + 3:
        return StrokeFit(False, "no_crossing_ink")
    return StrokeFit(True)
