"""Files on disk: names every system accepts (Windows included), and their SHA-256."""

import hashlib
from pathlib import Path


def safe_name(text: str) -> str:
    """``text`` with the characters Windows refuses in file names replaced."""
    return "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in text).strip(" .")


def safe_stem(number: int, title: str) -> str:
    """``<number>-<title>`` with characters Windows refuses in file names replaced."""
    return f"{number:02d}-{safe_name(title)[:60]}"


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of a file, read in 1 MiB blocks (a 10k-roster archive is tens of MB)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
