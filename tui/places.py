"""Where a clerk keeps the files to import: the places on the left of the file picker.

No textual here (a unit test builds a fake /media tree): Documents, the desktop, Downloads,
then every removable drive (U盘), then the home folder, only those that exist. Pathlib only, so
Windows paths work; the roots are parameters so a test never depends on the machine it runs on.
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DRIVE_REMOVABLE = 2  # GetDriveTypeW: a USB stick or card reader


@dataclass(frozen=True)
class Place:
    kind: str  # documents, desktop, downloads, removable, home: the catalog word is files.place.<kind>
    path: Path
    label: str = ""  # a drive's own name (its folder or letter); empty for the fixed places


def user_places(
    *,
    platform: str = sys.platform,
    home: Path | None = None,
    documents: Path | None = None,
    desktop: Path | None = None,
    downloads: Path | None = None,
    media_roots: list[Path] | None = None,
    drives: list[Path] | None = None,
) -> list[Place]:
    """The places that exist, in the order the picker shows them; a folder reached twice
    (Documents being the home folder on a bare Linux) is listed once, at its first place."""
    home = home if home is not None else Path.home()
    fixed = [
        ("documents", documents or platformdirs.user_documents_path()),
        ("desktop", desktop or platformdirs.user_desktop_path()),
        ("downloads", downloads or platformdirs.user_downloads_path()),
    ]
    if drives is None:
        drives = removable_drives(platform, home=home, media_roots=media_roots)
    candidates = [Place(kind, path) for kind, path in fixed]
    candidates += [Place("removable", drive, drive_label(drive)) for drive in drives]
    candidates.append(Place("home", home))
    return _existing_once(candidates)


def _existing_once(candidates: list[Place]) -> list[Place]:
    seen: set[Path] = set()
    places = []
    for place in candidates:
        if place.path in seen or not _is_dir(place.path):
            continue
        seen.add(place.path)
        places.append(place)
    return places


def removable_drives(
    platform: str, *, home: Path, media_roots: list[Path] | None = None
) -> list[Path]:
    if platform == "win32":
        return windows_removable_drives()
    if media_roots is None:
        media_roots = default_media_roots(platform)
    if platform == "darwin":
        return mac_volumes(media_roots)
    return linux_mounts(media_roots)


def default_media_roots(platform: str) -> list[Path]:
    if platform == "darwin":
        return [Path("/Volumes")]
    user = os.environ.get("USER") or os.environ.get("LOGNAME") or ""
    roots = [Path("/media") / user, Path("/media"), Path("/run/media") / user] if user else []
    return roots or [Path("/media")]


def linux_mounts(roots: list[Path]) -> list[Path]:
    """The drives under /media/$USER, /media and /run/media/$USER. /media itself holds the
    per-user folders on Ubuntu, so a folder that is another root is not a drive."""
    drives = []
    for root in roots:
        for folder in _subfolders(root):
            if folder not in roots and folder not in drives:
                drives.append(folder)
    return drives


def mac_volumes(roots: list[Path]) -> list[Path]:
    """/Volumes/*, without the start-up disk (a link back to /)."""
    drives = []
    for root in roots:
        for folder in _subfolders(root):
            if not _is_system_volume(folder):
                drives.append(folder)
    return drives


def _is_system_volume(folder: Path) -> bool:
    try:
        return folder.is_symlink() and folder.resolve() == Path(folder.anchor)
    except OSError:
        return False


def windows_removable_drives() -> list[Path]:  # pragma: no cover - Windows only
    import ctypes
    import string

    kernel32 = ctypes.windll.kernel32
    mask = kernel32.GetLogicalDrives()
    drives = []
    for index, letter in enumerate(string.ascii_uppercase):
        if mask & (1 << index):
            root = f"{letter}:\\"
            if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == DRIVE_REMOVABLE:
                drives.append(Path(root))
    return drives


def drive_label(drive: Path) -> str:
    return drive.name or drive.anchor.rstrip("\\/")


def _subfolders(root: Path) -> list[Path]:
    try:
        return sorted(p for p in root.iterdir() if _is_dir(p) and not p.name.startswith("."))
    except OSError:  # no such root, or not ours to read
        return []


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a drive pulled out, a share gone
        return False


@dataclass(frozen=True)
class Entry:
    path: Path
    is_dir: bool
    size: int = 0
    modified: float = 0.0

    @property
    def name(self) -> str:
        return self.path.name


def folder_entries(folder: Path, suffixes: tuple[str, ...], text: str = "") -> list[Entry]:
    """What the picker lists in ``folder``: subfolders, then the files whose suffix is one of
    ``suffixes`` (any case), each sorted by name; hidden ones (a leading dot, or the Windows
    hidden flag) left out; only names containing ``text`` (any case) when it is given.
    Raises OSError when the folder cannot be read."""
    wanted = {suffix.lower() for suffix in suffixes}
    folders, files = [], []
    for path in folder.iterdir():
        if _hidden(path):
            continue
        try:
            stat = path.stat()
        except OSError:  # a dangling link or a file removed meanwhile
            continue
        if _is_dir(path):
            folders.append(Entry(path, True, 0, stat.st_mtime))
        elif path.suffix.lower() in wanted:
            files.append(Entry(path, False, stat.st_size, stat.st_mtime))
    by_name = lambda entry: entry.name.casefold()  # noqa: E731
    return named(sorted(folders, key=by_name) + sorted(files, key=by_name), text)


def named(entries: list[Entry], text: str) -> list[Entry]:
    """The entries whose name contains ``text`` (any case); all of them for no text."""
    needle = text.strip().casefold()
    return [entry for entry in entries if needle in entry.name.casefold()]


FILE_ATTRIBUTE_HIDDEN = 0x2


def _hidden(path: Path) -> bool:
    if path.name.startswith("."):
        return True
    try:
        attributes = getattr(path.lstat(), "st_file_attributes", 0)  # Windows only
    except OSError:
        return True
    return bool(attributes & FILE_ATTRIBUTE_HIDDEN)
