"""`make run` on a fresh clone: the demo database's folder does not exist yet, and huiwu refuses to
create a missing database folder, so the Makefile must make it (it once did not, and the README's
first command failed on every fresh clone)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    shutil.which("make") is None, reason="make is a developer convenience"
)


def test_the_demo_target_creates_its_folder_and_the_demo(tmp_path):
    stamp = tmp_path / "runtime-installed"
    stamp.touch()  # the runtime packages are installed: this process runs from them
    demo = tmp_path / "fresh" / "clone" / "huiwu-demo.db"
    bin_dir = Path(sys.executable).parent
    outcome = subprocess.run(
        ["make", "-C", str(ROOT), f"DEMO={demo}", f"RUNTIME={stamp}", f"BIN={bin_dir}", str(demo)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr
    assert demo.is_file() and demo.stat().st_size > 0
