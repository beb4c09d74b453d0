"""The export kits of models/io (issue 19): the writers share public helpers, never each other's
private names, and any file that cannot be written is refused as a file, not as a badge sheet."""

import ast
from pathlib import Path

import pytest

from models.errors import Refusal
from models.io.private_files import export_target, write_privately
from tui.i18n import catalogs

ROOT = Path(__file__).resolve().parents[2]
IO = ROOT / "models" / "io"


def _private_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("models.io"):
            found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    return found


def test_no_module_imports_another_modules_private_name():
    offenders = {
        path.relative_to(ROOT).as_posix(): names
        for path in sorted(IO.rglob("*.py"))
        if (names := _private_imports(path))
    }
    assert offenders == {}


def test_the_private_import_check_sees_one(tmp_path):
    """The check above would notice the alias it replaced."""
    sample = tmp_path / "sample.py"
    sample.write_text("from models.io.badges import _write_atomically\n", encoding="utf-8")
    assert _private_imports(sample) == ["models.io.badges._write_atomically"]


def test_a_folder_that_cannot_be_made_is_refused_as_a_file_not_a_badge_sheet(tmp_path):
    (tmp_path / "taken").write_text("a file where the folder should go", encoding="utf-8")
    with pytest.raises(Refusal) as refused:
        write_privately(tmp_path / "taken" / "会议记录.xlsx", lambda temp: temp.write_bytes(b"x"))
    assert refused.value.key == "files.unwritable"
    assert refused.value.params["path"] == str(tmp_path / "taken")
    assert list(tmp_path.iterdir()) == [tmp_path / "taken"]  # nothing else was made


def test_a_writer_that_fails_is_refused_as_a_file_and_leaves_no_temporary_file(tmp_path):
    def fail(temp: Path):
        raise OSError(28, "No space left on device")

    with pytest.raises(Refusal) as refused:
        write_privately(tmp_path / "结果.pdf", fail)
    assert refused.value.key == "files.unwritable"
    assert refused.value.params["detail"] == "No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_the_file_wording_speaks_of_a_file_in_both_languages():
    zh, en = catalogs()["zh"]["files.unwritable"], catalogs()["en"]["files.unwritable"]
    assert "文件" in zh and "{path}" in zh and "{detail}" in zh
    assert "file" in en and "{path}" in en and "{detail}" in en


def test_an_export_target_that_is_a_folder_is_refused(tmp_path):
    with pytest.raises(Refusal) as refused:
        export_target(tmp_path)
    assert refused.value.key == "result.out_is_dir"
    assert export_target(tmp_path / "a.pdf") == tmp_path / "a.pdf"
