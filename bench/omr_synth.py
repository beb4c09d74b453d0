"""Hand-like marks on ballot rasters, and what a scanner or a phone does to them afterwards.

Used by tests/unit/test_omr_*.py and by bench/omr.py. Everything is drawn with OpenCV into an
image of any scale (``px_per_mm``) and is a pure function of the ``numpy.random.Generator`` given,
so a seed reproduces a whole deck.

Marks are drawn as ink *over* the paper (multiplied in), so a stroke across the printed box
outline darkens it as a pen would. Pens are 0.3–0.8 mm wide with ink grey 20–140 on paper 255 (a
blue ballpoint photographs or scans as a mid grey); a "faint" mark is a real mark made too light to
read with confidence (grey 185–215).

Kinds and what a careful reader must answer (``EXPECTED``):
``circle`` ○, ``cross`` ×, ``blank`` and ``speck`` (dust or toner, under 0.35 mm) blank; every
other kind is a mark a machine must hand to a person: ``tick`` √, ``blob`` (filled), ``both`` (○
and × together), ``correction`` (a mark scribbled over), ``faint``, ``dot`` (a deliberate pen dot
of 0.8–1.5 mm: not a ○ and not nothing, so a person looks at it).
"""

import math

import cv2
import numpy as np

EXPECTED = {
    "circle": "○",
    "cross": "×",
    "blank": "",
    "speck": "",
    "tick": "review",
    "blob": "review",
    "both": "review",
    "correction": "review",
    "faint": "review",
    "dot": "review",
}
READABLE_KINDS = ("circle", "cross", "blank")
REVIEW_KINDS = ("tick", "blob", "both", "correction", "faint", "dot")
SHIFT = 4  # OpenCV fixed-point bits: strokes are placed to 1/16 px

# ------------------------------------------------------------------------------------ ink and pens


class _Pen:
    def __init__(self, rng: np.random.Generator, ppm: float, faint: bool = False):
        self.width_mm = rng.uniform(0.5, 0.8) if faint else rng.uniform(0.3, 0.8)
        self.grey = rng.uniform(185, 215) if faint else rng.uniform(20, 140)
        self.thickness = max(1, round(self.width_mm * ppm))
        self.ppm = ppm


def _layer(img: np.ndarray) -> np.ndarray:
    return np.zeros(img.shape[:2], np.uint8)


def _apply(img: np.ndarray, layer: np.ndarray, grey: float) -> None:
    """Multiply ink into the paper: overlapping ink and the printed outline only get darker."""
    alpha = layer.astype(np.float32) / 255.0
    keep = 1.0 - alpha * (1.0 - grey / 255.0)
    if img.ndim == 3:
        keep = keep[:, :, None]
    img[...] = np.clip(img.astype(np.float32) * keep + 0.5, 0, 255).astype(np.uint8)


def _stroke(layer: np.ndarray, pts: np.ndarray, pen: _Pen) -> None:
    fixed = np.round(pts * (1 << SHIFT)).astype(np.int32).reshape(-1, 1, 2)
    cv2.polylines(layer, [fixed], False, 255, pen.thickness, cv2.LINE_AA, SHIFT)


def _wobble(n: int, rng: np.random.Generator, amp: float) -> np.ndarray:
    """Smooth noise along a stroke: a hand's tremor, a few slow waves plus a little jitter."""
    t = np.linspace(0.0, 1.0, n)
    out = np.zeros(n)
    for k in (1, 2, 3):
        out += rng.uniform(-1, 1) * amp / k * np.sin(2 * math.pi * k * t + rng.uniform(0, 6.3))
    return out + rng.normal(0, amp * 0.08, n)


def _line(p0, p1, rng, ppm, bend_mm: float = 0.3) -> np.ndarray:
    p0, p1 = np.asarray(p0, float), np.asarray(p1, float)
    n = 24
    t = np.linspace(0.0, 1.0, n)[:, None]
    pts = p0 + (p1 - p0) * t
    d = p1 - p0
    normal = np.array([-d[1], d[0]]) / (np.hypot(*d) + 1e-9)
    sag = rng.uniform(-bend_mm, bend_mm) * ppm * np.sin(math.pi * t[:, 0])
    wob = _wobble(n, rng, 0.12 * ppm)
    return pts + normal * (sag + wob)[:, None]


def _centre(rect_px) -> np.ndarray:
    x, y, w, h = rect_px
    return np.array([x + w / 2.0, y + h / 2.0])


# ------------------------------------------------------------------------------------------- shapes


def _circle(layer, rect_px, rng, pen: _Pen) -> None:
    ppm = pen.ppm
    rx = rng.uniform(2.5, 5.3) * ppm
    ry = rx * rng.uniform(0.65, 1.0)
    reach = max(rx, ry) / ppm
    room = max(0.0, 7.0 - reach)  # the ink stays within the 3 mm kept clear around the box
    centre = _centre(rect_px) + rng.uniform(-1, 1, 2) * min(1.5, room) * ppm
    turn = rng.uniform(0, math.pi)
    start = rng.uniform(0, 2 * math.pi)
    sweep = 2 * math.pi * (rng.uniform(0.78, 1.0) if rng.random() < 0.4 else rng.uniform(1.0, 1.12))
    n = 64
    a = start + np.linspace(0, sweep, n) * rng.choice([-1, 1])
    r = 1.0 + _wobble(n, rng, 0.05)
    u, v = rx * r * np.cos(a), ry * r * np.sin(a)
    c, s = math.cos(turn), math.sin(turn)
    pts = np.stack([centre[0] + u * c - v * s, centre[1] + u * s + v * c], axis=1)
    _stroke(layer, pts, pen)


def _cross(layer, rect_px, rng, pen: _Pen) -> None:
    ppm = pen.ppm
    base = rng.uniform(0, math.pi)
    between = rng.uniform(math.radians(50), math.radians(130))
    at = _centre(rect_px) + rng.uniform(-1.5, 1.5, 2) * ppm
    for angle in (base, base + between):
        length = rng.uniform(5.0, 12.0) * ppm
        t = rng.uniform(0.3, 0.7)
        d = np.array([math.cos(angle), math.sin(angle)])
        p0, p1 = at - d * length * t, at + d * length * (1 - t)
        _stroke(layer, _line(p0, p1, rng, ppm), pen)


def _tick(layer, rect_px, rng, pen: _Pen) -> None:
    ppm = pen.ppm
    bottom = _centre(rect_px) + np.array([rng.uniform(-2, 1), rng.uniform(1, 3)]) * ppm
    short_a = math.radians(rng.uniform(200, 245))  # up-left from the bottom
    long_a = math.radians(rng.uniform(285, 320))  # up-right, the long stroke
    short = rng.uniform(2.0, 4.0) * ppm
    long_ = rng.uniform(5.0, 9.0) * ppm
    top_left = bottom + short * np.array([math.cos(short_a), math.sin(short_a)])
    over = rng.uniform(0, 0.25) * ppm  # the pen turns at the bottom, it does not cross
    d_long = np.array([math.cos(long_a), math.sin(long_a)])
    end = bottom + long_ * d_long
    pts = np.concatenate(
        [_line(top_left, bottom - over * d_long, rng, ppm, 0.15), _line(bottom, end, rng, ppm)]
    )
    _stroke(layer, pts, pen)


def _blob(layer, rect_px, rng, pen: _Pen) -> None:
    ppm = pen.ppm
    centre = _centre(rect_px) + rng.uniform(-1, 1, 2) * ppm
    n = 20
    a = np.linspace(0, 2 * math.pi, n, endpoint=False)
    r = rng.uniform(2.0, 4.5) * ppm * (1 + _wobble(n, rng, 0.12))
    pts = np.stack([centre[0] + r * np.cos(a), centre[1] + r * np.sin(a)], axis=1)
    fixed = np.round(pts * (1 << SHIFT)).astype(np.int32)
    cv2.fillPoly(layer, [fixed], 255, cv2.LINE_AA, SHIFT)


def _scribble(layer, rect_px, rng, pen: _Pen) -> None:
    """Zigzag hatching over the box: how people cross out a mark they regret."""
    ppm = pen.ppm
    centre = _centre(rect_px) + rng.uniform(-1, 1, 2) * ppm
    half = rng.uniform(3.0, 5.0) * ppm
    turns = int(rng.integers(5, 10))
    angle = rng.uniform(-0.5, 0.5)
    ys = np.linspace(-half, half, turns)
    xs = np.where(np.arange(turns) % 2 == 0, -half, half) + rng.uniform(-1, 1, turns) * ppm
    c, s = math.cos(angle), math.sin(angle)
    pts = np.stack([centre[0] + xs * c - ys * s, centre[1] + xs * s + ys * c], axis=1)
    _stroke(layer, pts, pen)


def _dot(layer, rect_px, rng, pen: _Pen, size_mm: tuple[float, float]) -> None:
    centre = _centre(rect_px) + rng.uniform(-3, 3, 2) * pen.ppm
    radius = rng.uniform(*size_mm) * pen.ppm / 2
    fixed = np.round(centre * (1 << SHIFT)).astype(np.int32)
    cv2.circle(
        layer, tuple(int(v) for v in fixed), int(radius * (1 << SHIFT)), 255, -1, cv2.LINE_AA, SHIFT
    )


def _roi(img: np.ndarray, rect_px, px_per_mm: float):
    """The part of img a mark can reach (the box and 8 mm round it), and the rect within it:
    drawing into a view of a small region keeps a whole page's marks cheap."""
    x, y, w, h = rect_px
    pad = 8 * px_per_mm
    x0, y0 = max(int(x - pad), 0), max(int(y - pad), 0)
    x1, y1 = min(int(x + w + pad) + 1, img.shape[1]), min(int(y + h + pad) + 1, img.shape[0])
    return img[y0:y1, x0:x1], (x - x0, y - y0, w, h)


def draw_mark(
    img: np.ndarray, rect_px, kind: str, rng: np.random.Generator, px_per_mm: float
) -> None:
    """Draw one hand-like mark of ``kind`` (see ``EXPECTED``) for the box at ``rect_px`` (x, y, w, h)."""
    if kind == "blank":
        return
    img, rect_px = _roi(img, rect_px, px_per_mm)
    pen = _Pen(rng, px_per_mm, faint=kind == "faint")
    layer = _layer(img)
    _SHAPES[kind](layer, rect_px, rng, pen)
    _apply(img, layer, pen.grey)


def _both(layer, rect_px, rng, pen) -> None:
    _circle(layer, rect_px, rng, pen)
    _cross(layer, rect_px, rng, pen)


def _correction(layer, rect_px, rng, pen) -> None:
    (_circle if rng.random() < 0.5 else _cross)(layer, rect_px, rng, pen)
    _scribble(layer, rect_px, rng, pen)


def _faint(layer, rect_px, rng, pen) -> None:
    (_circle if rng.random() < 0.5 else _cross)(layer, rect_px, rng, pen)


def _pen_dot(layer, rect_px, rng, pen) -> None:
    _dot(layer, rect_px, rng, pen, (0.8, 1.5))


def _specks(layer, rect_px, rng, pen) -> None:
    for _ in range(int(rng.integers(1, 4))):
        _dot(layer, rect_px, rng, pen, (0.1, 0.35))


_SHAPES = {
    "circle": _circle,
    "cross": _cross,
    "tick": _tick,
    "blob": _blob,
    "both": _both,
    "correction": _correction,
    "faint": _faint,
    "dot": _pen_dot,
    "speck": _specks,
}


def draw_name(img: np.ndarray, rect_px, rng: np.random.Generator, px_per_mm: float) -> None:
    """Two to four handwritten-looking characters in a write-in name field, above its underline."""
    img, rect_px = _roi(img, rect_px, px_per_mm)
    x, y, w, h = rect_px
    pen = _Pen(rng, px_per_mm)
    layer = _layer(img)
    size = min(h * 0.75, 7.0 * px_per_mm)
    left = x + rng.uniform(0.05, 0.3) * w
    for i in range(int(rng.integers(2, 5))):
        cx = left + i * size * 1.15
        if cx + size > x + w:
            break
        top = y + (h - size) / 2
        for _ in range(int(rng.integers(3, 7))):  # strokes of one character
            p0 = np.array([cx + rng.uniform(0, 1) * size, top + rng.uniform(0, 1) * size])
            p1 = np.array([cx + rng.uniform(0, 1) * size, top + rng.uniform(0, 1) * size])
            _stroke(layer, _line(p0, p1, rng, px_per_mm, 0.2), pen)
    _apply(img, layer, pen.grey)


# ------------------------------------------------------------------------------------ degradations


def _jpeg(img: np.ndarray, quality: int) -> np.ndarray:
    ok, data = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    assert ok
    return cv2.imdecode(data, cv2.IMREAD_UNCHANGED)


def _noise(img: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
    noisy = img.astype(np.float32) + rng.normal(0, sigma, img.shape).astype(np.float32)
    return np.clip(noisy + 0.5, 0, 255).astype(np.uint8)


def blur_noise_jpeg(img, rng, blur_px=(0.3, 1.0), noise=(1.0, 5.0), quality=(50, 95)) -> np.ndarray:
    """What any capture does at the end: optics blur, sensor noise, lossy compression."""
    out = cv2.GaussianBlur(img, (0, 0), rng.uniform(*blur_px))
    out = _noise(out, rng, rng.uniform(*noise))
    return _jpeg(out, int(rng.integers(quality[0], quality[1] + 1)))


def scanner(img: np.ndarray, rng: np.random.Generator, px_per_mm: float) -> np.ndarray:
    """A flatbed or feeder scan: skew ±3°, shift ±5 mm, scale ±2 %, blur, noise, JPEG 50–95.

    The image is 15 mm larger than the page on every side, as a scanner's bed is."""
    lid = float(rng.uniform(235, 255))  # the scanner lid round the page: the bed is larger than A4
    pad = round(15 * px_per_mm)
    img = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=(lid,) * 3)
    h, w = img.shape[:2]
    angle = rng.uniform(-3, 3)
    scale = 1 + rng.uniform(-0.02, 0.02)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale)
    m[:, 2] += rng.uniform(-5, 5, 2) * px_per_mm
    border = (lid,) * (3 if img.ndim == 3 else 1)
    out = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)
    gain = rng.uniform(0.9, 1.0)  # a slightly grey paper white
    out = np.clip(out.astype(np.float32) * gain + 0.5, 0, 255).astype(np.uint8)
    return blur_noise_jpeg(out, rng)


def _tilt_corners(w: float, h: float, rng: np.random.Generator) -> np.ndarray:
    """The page's corners as a pinhole camera sees the sheet tilted up to 15° off square-on."""
    tilt = math.radians(rng.uniform(0, 15))
    axis = rng.uniform(0, 2 * math.pi)
    ax, ay = math.cos(axis), math.sin(axis)
    c, s = math.cos(tilt), math.sin(tilt)
    # Rodrigues rotation about the in-plane axis (ax, ay, 0)
    rot = np.array(
        [
            [c + ax * ax * (1 - c), ax * ay * (1 - c), ay * s],
            [ax * ay * (1 - c), c + ay * ay * (1 - c), -ax * s],
            [-ay * s, ax * s, c],
        ]
    )
    spin = math.radians(rng.uniform(-8, 8))
    zs = np.array(
        [[math.cos(spin), -math.sin(spin), 0], [math.sin(spin), math.cos(spin), 0], [0, 0, 1]]
    )
    corners = np.array(
        [[-w / 2, -h / 2, 0], [w / 2, -h / 2, 0], [w / 2, h / 2, 0], [-w / 2, h / 2, 0]]
    )
    cam = (zs @ rot @ corners.T).T
    dist = 1.6 * max(w, h)  # a phone held about arm's length: a wide-ish lens
    return cam[:, :2] * dist / (dist + cam[:, 2:3])


def _lighting(shape, rng: np.random.Generator) -> np.ndarray:
    """Uneven light over the photo: a gradient, a vignette and one soft shadow. All three are
    smooth, so they are made at 1/16 scale and enlarged."""
    h, w = shape
    sw, sh = max(w // 16, 8), max(h // 16, 8)
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    ramp = (xx / sw - 0.5) * math.cos(angle) + (yy / sh - 0.5) * math.sin(angle)
    light = 1.0 - rng.uniform(0.1, 0.35) * (ramp + 0.5)
    r2 = ((xx / sw - 0.5) ** 2 + (yy / sh - 0.5) ** 2) / 0.5
    light *= 1.0 - rng.uniform(0.05, 0.25) * r2
    shadow = np.zeros((sh, sw), np.float32)
    pts = (rng.uniform(0, 1, (4, 2)) * [sw, sh]).astype(np.int32)
    pts[:2] = [[0, 0], [sw // 2, 0]] if rng.random() < 0.5 else [[0, sh], [sw, sh]]
    cv2.fillConvexPoly(shadow, cv2.convexHull(pts), 1.0)
    shadow = cv2.GaussianBlur(shadow, (0, 0), 0.06 * max(sw, sh))
    light *= 1.0 - rng.uniform(0.1, 0.35) * shadow
    return cv2.resize(light, (w, h), interpolation=cv2.INTER_LINEAR)


def phone(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A phone photo of the page on a desk: perspective up to 15°, uneven light, blur, noise, JPEG."""
    h, w = img.shape[:2]
    out_w, out_h = int(w * 1.3), int(h * 1.3)
    corners = _tilt_corners(w, h, rng)
    corners *= rng.uniform(0.85, 0.96) * min(
        out_w / np.ptp(corners[:, 0]), out_h / np.ptp(corners[:, 1])
    )
    corners -= corners.min(axis=0)  # then place the whole page in the frame, 1 % clear of its edges
    room = np.array([out_w, out_h]) * 0.98 - np.ptp(corners, axis=0)
    corners += np.array([out_w, out_h]) * 0.01 + room * rng.uniform(0.2, 0.8, 2)
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    homography = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    desk = rng.uniform(60, 150)
    background = np.full((out_h, out_w), desk, np.float32)
    background += cv2.GaussianBlur(rng.normal(0, 25, (out_h, out_w)).astype(np.float32), (0, 0), 6)
    for _ in range(int(rng.integers(2, 6))):  # clutter on the desk: a pen, a phone, another paper
        x0, y0 = rng.integers(0, out_w), rng.integers(0, out_h)
        cv2.rectangle(
            background,
            (int(x0), int(y0)),
            (int(x0 + rng.integers(40, 400)), int(y0 + rng.integers(20, 300))),
            float(rng.uniform(0, 255)),
            -1,
        )
    gray = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    page = cv2.warpPerspective(gray, homography, (out_w, out_h), flags=cv2.INTER_LINEAR)
    inside = cv2.warpPerspective(np.full((h, w), 255, np.uint8), homography, (out_w, out_h))
    alpha = inside.astype(np.float32) / 255.0
    photo = page.astype(np.float32) * alpha + background * (1 - alpha)
    photo *= _lighting(photo.shape, rng)
    out = np.clip(photo + 0.5, 0, 255).astype(np.uint8)
    if img.ndim == 3:
        out = cv2.cvtColor(out, cv2.COLOR_GRAY2BGR)
    return blur_noise_jpeg(out, rng, blur_px=(0.5, 1.5), noise=(2.0, 6.0), quality=(60, 90))
