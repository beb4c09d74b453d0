"""Finding the page in a scan or photo: the four ArUco fiducials and the homography they give.

The markers are looked for on a reduced copy (fast), their corners refined on the full image
(exact), and each marker's id says which corner of the sheet it is — so a page upside down,
sideways or photographed at an angle maps onto the same upright page. Three markers are enough;
the fourth corner may be hidden by a thumb.
"""

from dataclasses import dataclass

import cv2
import numpy as np

from models.omr.geometry import (
    ARUCO_IDS,
    PX_PER_MM,
    fiducial_corners,
    page_px,
)

DETECT_LONG_SIDE = 1400  # px: a 12 mm marker stays ≥ 50 px wide on an A4 page
MIN_MARKERS = 3
MAX_RESIDUAL_MM = 1.0  # markers that do not agree on one page are not one page
EDGE_SLACK_PX = 2
REDUCE_ABOVE = 1.25  # image pixels per rectified pixel beyond which the image is reduced first
ENLARGE_BELOW = 0.9  # … and below which it is enlarged bicubically (near 1:1, bilinear is best)


@dataclass(frozen=True)
class Located:
    homography: np.ndarray | None  # image → rectified page at PX_PER_MM
    markers: int  # how many of the four were found
    reason: str = ""  # "" | "no_page" | "cut_off"


def _detector() -> cv2.aruco.ArucoDetector:
    params = cv2.aruco.DetectorParameters()
    params.cornerRefinementMethod = cv2.aruco.CORNER_REFINE_NONE  # refined at full size below
    dictionary = cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)
    return cv2.aruco.ArucoDetector(dictionary, params)


_DETECTOR = _detector()


def find_markers(gray: np.ndarray) -> dict[int, np.ndarray]:
    """Corners (4 × 2, image pixels) of each fiducial found, by id."""
    scale = min(1.0, DETECT_LONG_SIDE / max(gray.shape))
    found = _detect(gray, scale)
    if len(found) < len(ARUCO_IDS) and scale < 1.0:
        # a small or blurred page: the full size may show what the reduced copy lost
        more = _detect(gray, 1.0)
        if len(more) > len(found):
            found = more
    return {marker_id: _refine(gray, corners) for marker_id, corners in found.items()}


def _detect(gray: np.ndarray, scale: float) -> dict[int, np.ndarray]:
    small = (
        gray
        if scale == 1.0
        else cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    )
    corners, ids, _ = _DETECTOR.detectMarkers(small)
    if ids is None:
        return {}
    found: dict[int, np.ndarray] = {}
    for quad, marker_id in zip(corners, ids.ravel(), strict=True):
        marker_id = int(marker_id)
        points = quad.reshape(4, 2).astype(np.float64) / scale
        # the same id twice (clutter, a second sheet): keep the larger, the nearer sheet
        if marker_id in ARUCO_IDS and (
            marker_id not in found or _area(points) > _area(found[marker_id])
        ):
            found[marker_id] = points
    return found


def _area(points: np.ndarray) -> float:
    return float(abs(cv2.contourArea(points.astype(np.float32))))


def _refine(gray: np.ndarray, corners: np.ndarray) -> np.ndarray:
    side = np.sqrt(_area(corners))
    half = int(max(2, min(8, side / 14)))
    pts = corners.astype(np.float32).reshape(-1, 1, 2)
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 30, 0.01)
    cv2.cornerSubPix(gray, pts, (half, half), (-1, -1), criteria)
    return pts.reshape(4, 2).astype(np.float64)


def locate(gray: np.ndarray, markers: dict[int, np.ndarray]) -> Located:
    """The homography from the image to the upright rectified page, or why there is none."""
    if len(markers) < MIN_MARKERS:
        return Located(None, len(markers), "cut_off" if markers else "no_page")
    src = np.concatenate([markers[i] for i in sorted(markers)])
    dst = (
        np.array([p for i in sorted(markers) for p in fiducial_corners(i)], np.float64) * PX_PER_MM
    )
    homography, _ = cv2.findHomography(src, dst, 0)
    if homography is None or _residual_mm(homography, src, dst) > MAX_RESIDUAL_MM:
        return Located(None, len(markers), "no_page")
    return Located(homography, len(markers))


def _residual_mm(homography: np.ndarray, src: np.ndarray, dst: np.ndarray) -> float:
    mapped = cv2.perspectiveTransform(src.reshape(-1, 1, 2), homography).reshape(-1, 2)
    return float(np.max(np.linalg.norm(mapped - dst, axis=1))) / PX_PER_MM


def shows(homography: np.ndarray, shape, rect_mm) -> bool:
    """Whether the image holds the whole of ``rect_mm`` (page millimetres): a cut-off page is
    refused only when something that is read lies outside it, not for a lost empty margin."""
    x, y, w, h = rect_mm
    corners = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float64) * PX_PER_MM
    inverse = np.linalg.inv(homography)
    back = cv2.perspectiveTransform(corners.reshape(-1, 1, 2), inverse).reshape(-1, 2)
    rows, cols = shape[:2]
    slack = EDGE_SLACK_PX
    inside_x = (back[:, 0] >= -slack) & (back[:, 0] <= cols - 1 + slack)
    inside_y = (back[:, 1] >= -slack) & (back[:, 1] <= rows - 1 + slack)
    return bool(np.all(inside_x & inside_y))


def rectify(gray: np.ndarray, homography: np.ndarray) -> np.ndarray:
    """The upright page, grayscale, PX_PER_MM pixels a millimetre; off-image is white paper.

    A finer image (300 dpi, a phone) is first reduced by area averaging to about the page's
    scale, so thin strokes are not aliased; a coarser one (150 dpi) is enlarged bicubically.
    """
    factor = _image_px_per_page_px(homography)
    if factor > REDUCE_ABOVE:
        small = cv2.resize(gray, None, fx=1 / factor, fy=1 / factor, interpolation=cv2.INTER_AREA)
        scale_back = np.diag([gray.shape[1] / small.shape[1], gray.shape[0] / small.shape[0], 1.0])
        gray, homography = small, homography @ scale_back
    flags = cv2.INTER_CUBIC if factor < ENLARGE_BELOW else cv2.INTER_LINEAR
    return cv2.warpPerspective(
        gray, homography, page_px(), flags=flags, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )


def _image_px_per_page_px(homography: np.ndarray) -> float:
    """How many image pixels one rectified pixel spans at the page's centre."""
    inverse = np.linalg.inv(homography)
    w, h = page_px()
    centre = np.array([[[w / 2, h / 2], [w / 2 + 100, h / 2], [w / 2, h / 2 + 100]]], np.float64)
    back = cv2.perspectiveTransform(centre, inverse)[0]
    return float((np.linalg.norm(back[1] - back[0]) + np.linalg.norm(back[2] - back[0])) / 200)
