"""Benches write only into temporary folders of their own.

Imported first by every bench script: huiwu's data folder (backups taken at each sitting change,
huiwu.log, a default database) and its export folder are pointed into one temporary folder,
removed when the bench ends, so a bench run leaves nothing in the user's real folders. A
bench started by another bench (a subprocess) inherits the parent's folders.
"""

import atexit
import os
import shutil
import tempfile


def use_private_folders() -> None:
    if os.environ.get("HUIWU_HOME"):  # chosen by the caller or a parent bench: keep it
        return
    folder = tempfile.mkdtemp(prefix="huiwu-bench-home-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    os.environ["HUIWU_HOME"] = os.path.join(folder, "huiwu")
    os.environ.setdefault("HUIWU_EXPORT_DIR", os.path.join(folder, "Documents", "huiwu"))


use_private_folders()
