"""Private by default (issue 18, item 5): under the usual umask 022 every export file huiwu
writes is 0600 and every folder it makes for them 0700; a folder the user made keeps its mode; an
overwritten file ends 0600; on Windows nothing is chmod-ed."""

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from main import cli
from models.db import open_database
from models.demo import create_demo
from models.io.private_files import make_private_folder, write_privately

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")

# Every way a user gets a file out of huiwu on the command line; each writes below a folder of its
# own that does not exist yet, two levels deep, so the folders huiwu makes are checked too.
CLI_EXPORTS = {
    "badges": ("badges", "--out", "{out}/代表证.pdf", "--png-dir", "{out}/png"),
    "motion": ("result", "1", "--pdf", "{out}/1.pdf", "--xlsx", "{out}/1.xlsx"),
    "election": ("result", "3", "--pdf", "{out}/3.pdf", "--xlsx", "{out}/3.xlsx"),
    "appraisal": ("result", "4", "--pdf", "{out}/4.pdf", "--xlsx", "{out}/4.xlsx"),
    "absent": ("absent", "--pdf", "{out}/未到.pdf", "--xlsx", "{out}/未到.xlsx"),
    "standings": (
        *("standings", "1", "--pdf", "{out}/s.pdf", "--xlsx", "{out}/s.xlsx"),
        *("--certificates", "{out}/c.pdf"),
    ),
    "proposals": ("proposals", "export", "--pdf", "{out}/p.pdf", "--xlsx", "{out}/p.xlsx"),
    "minutes": ("export", "--out", "{out}/package"),
}


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def demo(db, db_url):
    create_demo(db, delegates=64)  # 64: the demo's motions, election and appraisal are counted
    return db_url


def huiwu(db_url: str, *args: str) -> None:
    outcome = CliRunner().invoke(cli, list(args), env={"HUIWU_DB": db_url})
    assert outcome.exit_code == 0, (args, outcome.stdout, outcome.stderr, outcome.exc_info)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def modes_below(root: Path) -> tuple[dict[str, int], dict[str, int]]:
    """(files, folders) below ``root`` with their modes, by path relative to it."""
    files, folders = {}, {}
    for path in root.rglob("*"):
        (folders if path.is_dir() else files)[path.relative_to(root).as_posix()] = mode(path)
    return files, folders


def assert_private(root: Path, least_files: int) -> None:
    files, folders = modes_below(root)
    assert len(files) >= least_files, files
    assert {name: m for name, m in files.items() if m != 0o600} == {}
    assert {name: m for name, m in folders.items() if m != 0o700} == {}
    assert not [name for name in files if name.endswith(".tmp")]


@posix_only
def test_every_cli_export_writes_private_files_in_private_folders(umask_022, demo, tmp_path):
    root = tmp_path / "exports"
    for name, args in CLI_EXPORTS.items():
        out = root / name / "nested"
        huiwu(demo, *(arg.format(out=out) for arg in args))
    assert mode(root) == 0o700
    # 64 delegates + staff as PNGs, 11 sheets, the package's files: well over 100 in all
    assert_private(root, least_files=100)
    package = root / "minutes" / "nested" / "package"
    assert {"SHA256SUMS", "huiwu-archive.json", "会议记录.xlsx", "csv", "表决结果"} <= {
        path.name for path in package.iterdir()
    }


@posix_only
def test_the_desk_exports_go_into_a_private_export_folder(
    umask_022, db, demo, tmp_path, monkeypatch
):
    from tui.exports import write_contest_sheets, write_proposal_sheets, write_result_sheets

    folder = tmp_path / "Documents" / "huiwu"
    monkeypatch.setenv("HUIWU_EXPORT_DIR", str(folder))
    for text, error in (
        write_result_sheets(db, 1, "大会议程"),
        write_contest_sheets(db, 1, "演讲比赛"),
        write_proposal_sheets(db),
    ):
        assert not error, text
    assert mode(tmp_path / "Documents") == 0o700
    assert_private(tmp_path / "Documents", least_files=7)


@posix_only
def test_a_folder_the_user_made_keeps_its_mode_and_an_old_file_ends_private(
    umask_022, demo, tmp_path
):
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o755)
    os.chmod(mine, 0o755)
    old = mine / "代表证.pdf"
    old.write_bytes(b"an older sheet")
    os.chmod(old, 0o644)
    huiwu(demo, "badges", "--out", str(old))
    assert mode(mine) == 0o755
    assert mode(old) == 0o600 and old.read_bytes().startswith(b"%PDF")


@posix_only
def test_an_export_over_an_old_package_makes_every_file_private(umask_022, demo, tmp_path):
    package = tmp_path / "package"
    huiwu(demo, "export", "--out", str(package))
    for path in [package, *package.rglob("*")]:  # as an older huiwu or a copy left them
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    huiwu(demo, "export", "--out", str(package), "--force")
    files, folders = modes_below(package)
    assert set(files.values()) == {0o600}
    assert set(folders.values()) == {0o755} and mode(package) == 0o755  # the user's to decide


@posix_only
def test_the_temporary_file_is_private_before_anything_is_written(umask_022, tmp_path):
    seen = []
    out = tmp_path / "a" / "b" / "名单.csv"
    write_privately(out, lambda temp: seen.append(mode(temp)) or temp.write_text("张三"))
    assert seen == [0o600]
    assert mode(out) == 0o600 and mode(out.parent) == 0o700 and mode(out.parent.parent) == 0o700


@posix_only
def test_a_writer_that_replaces_the_temporary_file_still_leaves_it_private(umask_022, tmp_path):
    def replace_it(temp: Path) -> None:
        other = tmp_path / "other"
        other.write_text("李四")  # 0644 under umask 022
        os.replace(other, temp)

    out = tmp_path / "out.txt"
    write_privately(out, replace_it)
    assert mode(out) == 0o600 and out.read_text() == "李四"


@posix_only
def test_a_file_in_the_way_of_a_folder_is_an_error_and_nothing_is_made(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(FileExistsError):
        make_private_folder(tmp_path / "file" / "sub" / "deeper")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_off_posix_nothing_is_chmod_ed(umask_022, tmp_path, monkeypatch):
    """Windows: plain pathlib calls, the folder's inherited rules decide (run here on POSIX by
    taking the non-POSIX branch; the modes are the umask's, as any other program's)."""
    import models.io.private_files as private

    monkeypatch.setattr(private, "_posix", lambda: False)
    out = tmp_path / "a" / "b.txt"
    write_privately(out, lambda temp: temp.write_text("王五"))
    assert out.read_text() == "王五"
    if os.name == "posix":
        assert mode(out) == 0o644 and mode(out.parent) == 0o755


@posix_only
def test_the_data_folder_and_the_error_log_are_private(umask_022, tmp_path, monkeypatch):
    """The default data folder huiwu makes, and huiwu.log (a trace may quote names), are 0700/0600."""
    import platformdirs

    from cli.base import _log_internal_error

    data = tmp_path / "data" / "huiwu"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *_a, **_k: str(data))
    monkeypatch.delenv("HUIWU_DB", raising=False)
    monkeypatch.delenv("HUIWU_HOME", raising=False)  # the platform's own place, as users get it
    open_database(None).dispose()  # the default place: its folder is made
    assert mode(data) == 0o700 and mode(data / "huiwu.db") == 0o600
    try:
        raise RuntimeError("张三 D0001")
    except RuntimeError:
        log = _log_internal_error()
    assert log == data / "huiwu.log" and mode(log) == 0o600
    assert "张三 D0001" in log.read_text(encoding="utf-8")
