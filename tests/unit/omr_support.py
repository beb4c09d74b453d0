"""Shared pieces of the OMR tests: sample sheets, PDF pages as images, pen-like marks.

Until the sibling's models/omr/marks.py lands, a stand-in with its contract (``classify_box``,
``has_ink``, ``Mark``, ``BoxReading``) is installed, so the page reader can be tested end to end.
It reads only the test deck's clean vector marks; the real classifier reads those too.
"""

import cv2
import numpy as np
import pypdfium2 as pdfium

from models.omr.spec import MOTION_OPTIONS, SheetSpec

UID = "K3QZ7ABC"
CANDIDATES = tuple(
    [
        "张伟",
        "王芳",
        "李娜",
        "刘洋",
        "陈静",
        "杨帆",
        "赵磊",
        "黄敏",
        "周杰",
        "吴婷",
        "徐强",
        "孙丽",
        "马超",
        "朱琳",
        "胡军",
        "郭燕",
        "何涛",
    ]
)


def election(uid: str = UID, candidates=CANDIDATES, write_ins: int = 2, test: bool = False):
    seats = len(candidates) - 2
    return SheetSpec(
        uid,
        "E3",
        "election",
        "第十届工会委员会委员选举选票",
        f"应选{seats}名，候选人{len(candidates)}名",
        rows=tuple(candidates),
        write_ins=write_ins,
        test=test,
    )


def motions(uid: str = UID) -> SheetSpec:
    titles = (
        "关于第九届工会委员会工作报告的决议",
        "关于工会经费审查委员会工作报告的决议",
        "关于《集体合同（草案）》的决议，包括工资专项集体合同和女职工权益保护专项集体合同",
        "关于职工代表提案处理情况报告的决议",
    )
    return SheetSpec(uid, "M5", "motion", "表决票", "分项表决", rows=titles, options=MOTION_OPTIONS)


def appraisal(uid: str = UID) -> SheetSpec:
    people = ("王建国", "李秀英", "张志强", "刘桂兰", "陈明")
    scale = ("优秀", "称职", "基本称职", "不称职")
    return SheetSpec(uid, "A2", "appraisal", "领导班子成员民主测评表", rows=people, options=scale)


def pdf_pages(path, dpi: int = 200) -> list[np.ndarray]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [
            np.array(page.render(scale=dpi / 72, grayscale=True).to_numpy(), copy=True)
            for page in pdf
        ]
    finally:
        pdf.close()


def rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    """The page turned on the glass: a white border, nothing cut off."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    nw, nh = int(h * sin + w * cos) + 2, int(h * cos + w * sin) + 2
    matrix[0, 2] += nw / 2 - w / 2
    matrix[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(image, matrix, (nw, nh), borderValue=255)


def to_px(rect_mm, dpi: int = 200):
    scale = dpi / 25.4
    x, y, w, h = rect_mm
    return x * scale, y * scale, w * scale, h * scale


def hand_mark(image, rect_mm, kind: str, rng: np.random.Generator, dpi: int = 200) -> None:
    """A jittered pen ○ or × drawn on an unrectified upright page image (at ``dpi``)."""
    x, y, w, h = to_px(rect_mm, dpi)
    ppm = dpi / 25.4
    cx = x + w / 2 + rng.uniform(-1.2, 1.2) * ppm
    cy = y + h / 2 + rng.uniform(-1.2, 1.2) * ppm
    r = rng.uniform(2.6, 3.8) * ppm
    thick = max(1, round(rng.uniform(0.4, 0.7) * ppm))
    shift = 4
    if kind == "○":
        t = np.linspace(0, 2 * np.pi * rng.uniform(0.92, 1.05), 60)
        rr = r * (1 + 0.08 * np.sin(3 * t + rng.uniform(0, 6)))
        pts = np.stack([cx + rr * np.cos(t) * rng.uniform(0.85, 1.1), cy + rr * np.sin(t)], 1)
        cv2.polylines(image, [(pts * 16).astype(np.int32)], False, 30, thick, cv2.LINE_AA, shift)
    elif kind == "×":
        a = rng.uniform(-0.3, 0.3)
        for angle in (np.pi / 4 + a, 3 * np.pi / 4 + a):
            d = np.array([np.cos(angle), np.sin(angle)]) * r
            p0 = (np.array([cx, cy]) - d) * 16
            p1 = (np.array([cx, cy]) + d) * 16
            cv2.line(
                image, tuple(p0.astype(int)), tuple(p1.astype(int)), 30, thick, cv2.LINE_AA, shift
            )


def hand_name(image, rect_mm, rng: np.random.Generator, dpi: int = 200) -> None:
    x, y, _, _ = to_px(rect_mm, dpi)
    ppm = dpi / 25.4
    for i in range(3):
        x0 = x + (4 + 7 * i) * ppm + rng.uniform(-1, 1) * ppm
        y0 = y + 2 * ppm
        pts = np.array([[x0, y0], [x0 + 5 * ppm, y0 + 1 * ppm], [x0 + 1 * ppm, y0 + 6 * ppm]])
        cv2.polylines(image, [pts.astype(np.int32)], False, 40, max(1, round(0.5 * ppm)))
