"""Export files readable by the user who wrote them only: files 0600, folders huiwu creates 0700.

Exports carry names, attendance and (the badge sheet) every valid check-in credential, so on a
shared laptop they get the same protection as the database and its backups (models.db,
models.backup). The mode is set when the temporary file is created — there is never a moment
when the content sits in a file others may read — and the rename into place keeps it, so an
overwritten export that was 0644 ends 0600 as well. A folder that already exists is the user's
choice and is left as it is.

POSIX only: on Windows the folder's inherited access rules decide, and nothing here changes them.
"""

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from models.errors import refuse

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700

Result = TypeVar("Result")


def _posix() -> bool:
    return os.name == "posix"


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` and every missing parent, each 0700 on POSIX; existing ones untouched."""
    folder = Path(folder)
    if not _posix():
        folder.mkdir(parents=True, exist_ok=True)
        return
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            if not path.is_dir():  # a file in the way: the caller's refusal names it
                raise
            continue  # made by someone else in the meantime: not ours to change
        # mkdir's mode passes through the umask; a umask like 0o077 only narrows it further
        os.chmod(path, PRIVATE_FOLDER)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and new (FileExistsError if it exists), 0600 on POSIX."""
    if not _posix():
        with open(path, "xb"):
            return
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    os.close(fd)


def _keep_private(path: Path) -> None:
    """A writer that replaced the temporary file instead of writing into it made it 0644."""
    if _posix():
        os.chmod(path, PRIVATE_FILE)


def _unwritable(folder: Path, error: OSError):
    return refuse("files.unwritable", path=str(folder), detail=error.strerror or str(error))


def write_privately(out: Path, write: Callable[[Path], Result]) -> Result:
    """Run ``write(temp_path)`` on a private temp file beside ``out``, then move it into place.

    The one atomic writer of every export: an interrupted run never leaves half a file behind,
    and what it leaves is readable by the current user only.
    """
    out = Path(out)
    folder = out.parent
    try:
        make_private_folder(folder)
    except OSError as error:
        raise _unwritable(folder, error) from error
    temp = folder / f".{out.name}.{secrets.token_hex(4)}.tmp"
    try:
        create_private_file(temp)
    except OSError as error:
        raise _unwritable(folder, error) from error
    try:
        try:
            result = write(temp)
            _keep_private(temp)
        except OSError as error:
            raise _unwritable(folder, error) from error
        try:
            os.replace(temp, out)
        except PermissionError as error:  # Windows: the old file is open in a viewer
            raise refuse("badges.out_locked", path=str(out)) from error
        except OSError as error:
            raise _unwritable(folder, error) from error
    finally:
        temp.unlink(missing_ok=True)
    return result


def export_target(path) -> Path:
    """Where an export goes: ``path`` with ``~`` expanded; a folder there is refused, since the
    rename into place would otherwise fail only after all the work was done."""
    out = Path(path).expanduser()
    if out.is_dir():
        raise refuse("result.out_is_dir", path=str(out))
    return out
