"""Scanned pages in: image files, multi-page TIFFs and PDFs, folders — as grayscale arrays.

What a scanner or a phone leaves in a folder is read page by page; a file that is too big, cannot
be decoded or is of another kind becomes a :class:`PageRefusal` naming it, and the next file is
read all the same. Sizes are checked from the headers before anything is decoded, so a 200 MB
TIFF (or a small file claiming a huge image) never fills the memory.
"""

import hashlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_PIXELS = 60_000_000
PDF_DPI = 200
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"}
MAGIC = {
    b"\x89PNG": "png",
    b"\xff\xd8\xff": "jpeg",
    b"II*\x00": "tiff",
    b"MM\x00*": "tiff",
    b"%PDF": "pdf",
}


@dataclass(frozen=True)
class PageImage:
    file: Path
    page: int  # 1-based within the file
    image: np.ndarray  # grayscale uint8
    file_sha256: str


@dataclass(frozen=True)
class PageRefusal:
    file: Path
    page: int  # 0 when the whole file is refused
    reason: str  # too_large | corrupt | unsupported
    detail: str = ""


Page = PageImage | PageRefusal


def load_pages(path: Path) -> Iterator[Page]:
    """Every page under ``path``: a file, or a folder's image and PDF files in sorted order."""
    path = Path(path)
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.is_file() and _wanted(child):
                yield from _load_file(child)
        return
    yield from _load_file(path)


def _wanted(child: Path) -> bool:
    # a scanner writes under a temporary or hidden name first: only finished image files count
    return not child.name.startswith(".") and child.suffix.lower() in IMAGE_SUFFIXES


def _load_file(path: Path) -> Iterator[Page]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield PageRefusal(path, 0, "too_large", f"{size} bytes")
            return
        data = path.read_bytes()
    except OSError as error:
        yield PageRefusal(path, 0, "corrupt", error.strerror or str(error))
        return
    kind = next((k for magic, k in MAGIC.items() if data.startswith(magic)), None)
    if kind is None:
        known = path.suffix.lower() in IMAGE_SUFFIXES
        yield PageRefusal(path, 0, "corrupt" if known else "unsupported")
        return
    digest = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        yield from _pdf_pages(path, data, digest)
    else:
        yield from _image_pages(path, data, kind, digest)


def _header_sizes(path: Path, data: bytes) -> list[tuple[int, int]] | str:
    """Each frame's (width, height) from the header alone, or a refusal reason."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # bomb warnings and damaged EXIF: judged below
            with Image.open(path) as im:
                sizes = []
                for frame in range(getattr(im, "n_frames", 1)):
                    im.seek(frame)
                    sizes.append(im.size)
                return sizes
    except Image.DecompressionBombError:
        return "too_large"
    except Exception:  # PIL raises many kinds for a damaged header
        return "corrupt"


def _image_pages(path: Path, data: bytes, kind: str, digest: str) -> Iterator[Page]:
    sizes = _header_sizes(path, data)
    if isinstance(sizes, str):
        yield PageRefusal(path, 0, sizes)
        return
    if any(w * h > MAX_PIXELS for w, h in sizes):
        yield PageRefusal(path, 0, "too_large", "x".join(map(str, max(sizes))))
        return
    buffer = np.frombuffer(data, np.uint8)
    if kind == "tiff":
        ok, frames = cv2.imreadmulti(str(path), flags=cv2.IMREAD_GRAYSCALE)
        frames = list(frames) if ok else []
    else:
        frame = cv2.imdecode(buffer, cv2.IMREAD_GRAYSCALE)
        frames = [] if frame is None else [frame]
    if not frames:
        yield PageRefusal(path, 0, "corrupt")
        return
    for number, frame in enumerate(frames, start=1):
        yield PageImage(path, number, np.ascontiguousarray(frame), digest)


def _pdf_pages(path: Path, data: bytes, digest: str) -> Iterator[Page]:
    try:
        pdf = pdfium.PdfDocument(data)
        count = len(pdf)
    except pdfium.PdfiumError as error:
        yield PageRefusal(path, 0, "corrupt", str(error))
        return
    scale = PDF_DPI / 72
    try:
        for index in range(count):
            yield _pdf_page(path, pdf, index, scale, digest)
    finally:
        pdf.close()


def _pdf_page(path: Path, pdf, index: int, scale: float, digest: str) -> Page:
    try:
        page = pdf[index]
        w, h = page.get_size()
        if w * scale * h * scale > MAX_PIXELS:
            return PageRefusal(path, index + 1, "too_large", f"{w:.0f}x{h:.0f} pt")
        bitmap = page.render(scale=scale, grayscale=True)
        image = np.array(bitmap.to_numpy(), copy=True)
    except pdfium.PdfiumError as error:
        return PageRefusal(path, index + 1, "corrupt", str(error))
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return PageImage(path, index + 1, image, digest)
