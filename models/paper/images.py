"""The scanned pages' images, kept beside the database so a person can look at a doubtful box
and ``huiwu verify`` can read every page again. A page is stored once, as lossless PNG of the
grey image the reader read, named by the PNG's SHA-256 (the hash the audit log carries)."""

import hashlib
from pathlib import Path

from models.db import data_dir
from models.io.private_files import write_privately

SCANS_DIR = "扫描件"  # the images' folder in a minutes package, beside huiwu-archive.json


def scans_folder(uid: str) -> Path:
    return data_dir() / "scans" / uid


def png_bytes(image) -> bytes:
    import cv2

    ok, data = cv2.imencode(".png", image)
    if not ok:  # pragma: no cover - a grey uint8 array always encodes
        raise ValueError("png")
    return data.tobytes()


def store_page(uid: str, image) -> tuple[str, str]:
    """(sha256, file name) of the page's image, written once (atomically) under the scans folder."""
    data = png_bytes(image)
    digest = hashlib.sha256(data).hexdigest()
    name = f"{digest}.png"
    out = scans_folder(uid) / name
    if not out.exists():
        write_privately(out, lambda temp: Path(temp).write_bytes(data))
    return digest, name


def load_page(uid: str, name: str):
    """The stored grey image, or None when the file is missing or not the one stored."""
    return load_image(scans_folder(uid) / name)


def load_image(path: Path):
    """A stored page image from any folder (a minutes package's 扫描件/), checked against its
    name: None when missing or not the image the log names."""
    import cv2
    import numpy as np

    name = path.name
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != name.removesuffix(".png"):
        return None
    return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
