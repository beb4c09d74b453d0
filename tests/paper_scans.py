"""Scans made the way a scanner would: huiwu's own printed PDF rasterised with PDFium, marked by
bench/omr_synth's hand-like pen, degraded like a document scanner, written as image files."""

from pathlib import Path

import cv2
import numpy as np
import pypdfium2

from bench.omr_synth import blur_noise_jpeg, draw_mark, draw_name

DPI = 200


def pdf_pages(pdf: Path, dpi: int = DPI) -> list[np.ndarray]:
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [
            np.array(doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            for i in range(len(doc))
        ]
    finally:
        doc.close()


def px(rect_mm, dpi: int = DPI) -> tuple[int, int, int, int]:
    k = dpi / 25.4
    x, y, w, h = rect_mm
    return round(x * k), round(y * k), round(w * k), round(h * k)


def marked(
    blank: np.ndarray,
    layout,
    kinds: list[str],
    seed: int,
    *,
    names: dict[int, str] | None = None,
    line_marks: dict[int, str] | None = None,
    page: int = 1,
    degrade: bool = True,
    dpi: int = DPI,
) -> np.ndarray:
    """``blank`` with ``kinds[i]`` ("circle", "cross", "blank", "tick" …) drawn in box i of the
    page; ``names`` writes handwriting on write-in lines, ``line_marks`` marks their boxes."""
    rng = np.random.default_rng(seed)
    image = blank.copy()
    k = dpi / 25.4
    for box, kind in zip(layout.page_boxes(page), kinds, strict=True):
        if kind != "blank":
            draw_mark(image, px(box.rect_mm, dpi), kind, rng, k)
    for i, line in enumerate(layout.page_write_ins(page)):
        if (names or {}).get(i):
            draw_name(image, px(line.name_rect_mm, dpi), rng, k)
        if (line_marks or {}).get(i, "blank") != "blank":
            draw_mark(image, px(line.box_rect_mm, dpi), line_marks[i], rng, k)
    return feeder_scan(image, rng) if degrade else image


def feeder_scan(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A document feeder's scan of the whole sheet: turned up to 2°, blurred, noisy, JPEG. (The
    bench's ``scanner`` also shifts the page up to 5 mm, which can push a corner out of the
    image: the reader then refuses the page as cut off, which the tests do not want here.)"""
    h, w = image.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), float(rng.uniform(-2, 2)), 0.98)
    turned = cv2.warpAffine(image, turn, (w, h), borderValue=245)
    return blur_noise_jpeg(turned, rng)


def write(folder: Path, name: str, image: np.ndarray) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    cv2.imwrite(str(path), image)
    return path
