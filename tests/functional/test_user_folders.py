"""Tests and benches write only into temporary folders, never into the user's real data folder.

The suite points ``HUIWU_HOME`` (huiwu's data folder: default database, backups, huiwu.log) and
``HUIWU_EXPORT_DIR`` into a temporary folder for the whole session (tests/conftest.py); the bench
scripts do the same (bench/private_folders.py). Here a command that takes a backup runs as a
real subprocess, as a user would start it, with the suite's own guards removed.
"""

import ast
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

ROOT = Path(__file__).resolve().parents[2]
GUARDS = ("HUIWU_HOME", "HUIWU_TESTING", "HUIWU_BACKUP_DIR", "HUIWU_DB", "HUIWU_EXPORT_DIR")

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="platformdirs follows XDG_DATA_HOME on Linux"
)


def real_data_folder() -> Path:
    """The user's own huiwu folder: what platformdirs says for this process's real HOME."""
    return Path(platformdirs.user_data_dir("huiwu", appauthor=False))


def backup_folder_name(db_file: Path) -> str:
    """models.backup names each database's folder: file stem + 8 hex of its full path."""
    digest = hashlib.sha256(str(db_file.resolve()).encode("utf-8")).hexdigest()[:8]
    return f"{db_file.stem}-{digest}"


def state(path: Path) -> dict[str, tuple[int, int]] | None:
    """Every file and folder under ``path`` with its size and modification time."""
    if not path.exists():
        return None
    entries = [path, *path.rglob("*")] if path.is_dir() else [path]
    return {
        str(entry.relative_to(path)): (entry.stat().st_size, entry.stat().st_mtime_ns)
        for entry in entries
    }


def what_a_default_run_could_touch(real: Path) -> dict[str, object]:
    """The real folder's entries a stray ``huiwu`` without --db would write: its default
    database, its log, and that database's backup folder. (Other programs on this machine may
    use the rest of the folder at the same time, so the rest is not compared.)"""
    database = real / "huiwu.db"
    return {
        "huiwu.db": state(database),
        "huiwu.log": state(real / "huiwu.log"),
        "backups": state(real / "backups" / backup_folder_name(database)),
    }


def run_as_a_user(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in GUARDS}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg-data"), **extra)
    return subprocess.run(
        [sys.executable, "-m", "main", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_suite_runs_with_a_data_folder_of_its_own(tmp_path_factory):
    from models.db import data_dir, default_db_path

    chosen = Path(os.environ["HUIWU_HOME"])
    assert chosen.is_relative_to(tmp_path_factory.getbasetemp())
    assert data_dir() == chosen and default_db_path() == chosen / "huiwu.db"
    assert data_dir() != real_data_folder()
    assert Path(os.environ["HUIWU_EXPORT_DIR"]).is_relative_to(tmp_path_factory.getbasetemp())


@linux_only
def test_a_backup_lands_in_the_platform_folder_of_the_home_it_runs_with(tmp_path):
    real = real_data_folder()
    before = what_a_default_run_could_touch(real)
    done = run_as_a_user(tmp_path, "demo", "--delegates", "12")
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "xdg-data" / "huiwu"
    assert (folder / "huiwu.db").is_file()
    backups = list((folder / "backups" / backup_folder_name(folder / "huiwu.db")).glob("*.db"))
    assert len(backups) == 1 and backups[0].name.endswith("-sitting.db")
    assert what_a_default_run_could_touch(real) == before


def test_huiwu_home_moves_the_data_folder_and_its_backups(tmp_path):
    real = real_data_folder()
    before = what_a_default_run_could_touch(real)
    chosen = tmp_path / "U盘" / "huiwu"  # not there yet: made on first use
    done = run_as_a_user(tmp_path, "demo", "--delegates", "12", HUIWU_HOME=str(chosen))
    assert done.returncode == 0, done.stderr
    assert (chosen / "huiwu.db").is_file()
    backups = list((chosen / "backups" / backup_folder_name(chosen / "huiwu.db")).glob("*.db"))
    assert len(backups) == 1 and backups[0].name.endswith("-sitting.db")
    assert not (tmp_path / "xdg-data").exists() and not (tmp_path / "home").exists()
    assert what_a_default_run_could_touch(real) == before


def test_every_bench_script_moves_the_folders_before_it_works():
    """A bench imports bench/private_folders.py before any huiwu module (so before any write)."""
    scripts = [
        path
        for path in sorted((ROOT / "bench").glob("*.py"))
        if '__name__ == "__main__"' in path.read_text(encoding="utf-8")
    ]
    assert scripts
    for path in scripts:
        imported = [
            node.names[0].name if isinstance(node, ast.Import) else node.module
            for node in ast.parse(path.read_text(encoding="utf-8")).body
            if isinstance(node, ast.Import | ast.ImportFrom)
        ]
        ours = [name for name in imported if name.split(".")[0] in ("models", "tui", "screens")]
        assert "private_folders" in imported, path.name
        assert not ours or imported.index("private_folders") < imported.index(ours[0]), path.name


def test_a_bench_gets_temporary_folders_and_keeps_chosen_ones(tmp_path):
    probe = "import os, private_folders; print(os.environ['HUIWU_HOME'])"
    env = {key: value for key, value in os.environ.items() if key not in GUARDS}
    fresh = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT / "bench", env=env,
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    home = Path(fresh.stdout.strip())
    assert home.name == "huiwu" and home.parent.name.startswith("huiwu-bench-home-")
    assert not home.parent.exists()  # removed when the bench ends
    env["HUIWU_HOME"] = str(tmp_path / "mine")
    kept = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT / "bench", env=env,
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert kept.stdout.strip() == str(tmp_path / "mine")
