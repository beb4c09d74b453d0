"""`huiwu export` and `huiwu verify` as users script them: the package on disk, its checksums,
the numbered self-check, refusals that change nothing, and exit codes."""

import hashlib
import json
import shutil
import sqlite3

import pytest

from tests.functional.test_cli_voting import run, run_json


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("minutes") / "demo.db"
    run(path, "demo", "--delegates", "64", check_code=0)
    return path


@pytest.fixture
def db(demo_db, tmp_path):
    copy = tmp_path / "huiwu.db"
    # SQLite's own copy: the file alone may leave the newest writes behind in its -wal file
    with sqlite3.connect(demo_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def _sums(folder) -> dict[str, str]:
    lines = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {line[66:]: line[:64] for line in lines}


def _events(db, kind) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM event WHERE kind = ?", (kind,)).fetchone()[0]


def test_export_writes_the_whole_package_with_checksums(db, tmp_path):
    out = tmp_path / "会议材料"
    done = run(db, "export", "--out", str(out), check_code=0)
    assert "会议材料已导出到" in done.stdout and "SHA256SUMS" in done.stdout
    assert "[1/" in done.stderr  # the progress, step by step
    sums = _sums(out)
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == set(sums) | {"SHA256SUMS"}
    for name, digest in sums.items():  # `sha256sum -c SHA256SUMS` would agree
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    assert {"会议记录.xlsx", "出席情况.pdf", "提案汇编.pdf", "huiwu-archive.json"} <= set(sums)
    results = [n for n in sums if n.startswith("表决结果/")]
    assert len(results) == 6  # the demo's motions, elections and appraisal, one sheet each
    assert [n for n in sums if n.startswith("竞赛成绩/")]
    assert [n for n in sums if n.startswith("csv/") and n.endswith(".csv")]
    assert _events(db, "export.minutes") == 1


def test_export_as_json(db, tmp_path):
    data = run_json(db, "export", "--out", str(tmp_path / "m"))
    assert data["files"][-1] == "SHA256SUMS"
    assert data["items"] == 6 and data["sittings"] == 2 and data["proposals"] >= 3


def test_a_folder_that_is_not_empty_is_refused_and_nothing_changes(db, tmp_path):
    out = tmp_path / "m"
    out.mkdir()
    (out / "别人的文件.txt").write_text("keep me", encoding="utf-8")
    before = _events(db, "export.minutes")
    refused = run(db, "export", "--out", str(out), check_code=1)
    assert "不是空的" in refused.stderr and "--force" in refused.stderr
    assert [p.name for p in out.iterdir()] == ["别人的文件.txt"]
    assert _events(db, "export.minutes") == before
    run(db, "export", "--out", str(out), "--force", check_code=0)
    assert (out / "SHA256SUMS").exists() and (out / "别人的文件.txt").exists()


def test_a_file_in_place_of_the_folder_is_refused(db, tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x")
    assert "不是文件夹" in run(db, "export", "--out", str(target), check_code=1).stderr


def test_verify_prints_a_numbered_report(db, tmp_path):
    report = run(db, "verify", check_code=0)
    lines = report.stdout.splitlines()
    assert lines[0].startswith("核验「")
    assert lines[1].startswith(" 1. ✔ 数据来源：数据库")
    assert lines[3].startswith(" 3. ✔ 审计链完整")
    assert lines[-1].startswith("结论：") and "全部通过" in lines[-1]
    english = run(db, "verify", lang="en", check_code=0).stdout
    assert "Audit chain intact" in english and "Result: all" in english


def test_verify_the_archive_alone_and_a_forged_one(db, tmp_path):
    out = tmp_path / "m"
    run(db, "export", "--out", str(out), check_code=0)
    archive = out / "huiwu-archive.json"
    moved = tmp_path / "elsewhere.json"  # another machine: only the file
    shutil.copy(archive, moved)
    ok = run(tmp_path / "nothing-here.db", "verify", "--archive", str(moved), check_code=0)
    assert "档案格式：huiwu-archive 第 1 版" in ok.stdout
    document = json.loads(moved.read_text(encoding="utf-8"))
    document["results"]["attendance"][0]["present"] += 1
    moved.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    bad = run(tmp_path / "nothing-here.db", "verify", "--archive", str(moved), check_code=1)
    assert " 2. ✘ 档案内容摘要不符" in bad.stdout
    assert "核验未通过。第 2 项" in bad.stderr


def test_verify_json_and_a_truncated_archive(db, tmp_path):
    data = json.loads(run(db, "verify", "--json", check_code=0).stdout)
    assert data["ok"] is True and data["checks"][2]["check"] == "chain"
    cut = tmp_path / "cut.json"
    out = tmp_path / "m"
    run(db, "export", "--out", str(out), check_code=0)
    text = (out / "huiwu-archive.json").read_text(encoding="utf-8")
    cut.write_text(text[:1000], encoding="utf-8")
    refused = run(db, "verify", "--archive", str(cut), check_code=1)
    assert "档案文件不完整" in refused.stderr


def test_verify_names_a_ballot_changed_behind_the_log(db):
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE election_ballot SET marks = 'xxxxx' WHERE id = 2")
    refused = run(db, "verify", check_code=1)
    assert "✘ 选票" in refused.stdout
    assert "核验未通过。第 5 项：选票" in refused.stderr


def test_a_copy_of_the_database_file_alone_holds_what_a_command_wrote(tmp_path):
    """Staff copy huiwu.db to a USB stick: nothing a finished command wrote may stay behind in
    SQLite's -wal file."""
    path = tmp_path / "huiwu.db"
    run(path, "demo", "--delegates", "64", check_code=0)
    copy = tmp_path / "copy" / "huiwu.db"
    copy.parent.mkdir()
    shutil.copy(path, copy)
    assert "共 14 件" in run(copy, "proposals", "list", check_code=0).stdout
