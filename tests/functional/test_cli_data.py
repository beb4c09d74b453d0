"""Clear words for what goes wrong around the data (issue 17, item 7), as users meet it.

Each point is done for real: a database stamped with a revision this code does not know, a file
made immutable (``chattr +i``: the tests run as root, who writes through ``chmod 0444``), a disk
that fills (SQLite's ``max_page_count`` set on every new connection, and a real 2 MB tmpfs filled
to the last byte), a PostgreSQL database whose transactions are read-only, a pipe whose reader is
gone, a folder that does not exist.
"""

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, event

from main import cli
from models.congress import create_congress, create_sitting
from models.db import open_database
from models.migrate import HEAD
from tests.helpers import add_people, delegates, event_count
from tui.i18n import catalogs

HUIWU = str(Path(sys.executable).with_name("huiwu"))
ZH, EN = catalogs()["zh"], catalogs()["en"]


def run(db, *args, lang=None, check_code=None):
    env = {"HUIWU_DB": str(db) if db else None, "HUIWU_STATION": "1号台", "HUIWU_LANG": lang}
    outcome = CliRunner().invoke(cli, list(args), env=env)
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.exc_info
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert "程序内部错误" not in outcome.stderr and "Internal error" not in outcome.stderr
    if check_code is not None:
        assert outcome.exit_code == check_code, (outcome.stdout, outcome.stderr)
    return SimpleNamespace(code=outcome.exit_code, stdout=outcome.stdout, stderr=outcome.stderr)


def refused_json(outcome) -> dict:
    """Exactly one JSON document on stdout, naming the same reason as stderr."""
    document = json.loads(outcome.stdout)
    assert set(document) == {"error", "message"}
    assert document["message"] == outcome.stderr.strip()
    return document


@pytest.fixture
def congress_db(tmp_path):
    path = tmp_path / "会务.db"
    db = open_database(path)
    create_congress(db, "测试大会", kind="职代会", term=3, session=2)
    create_sitting(db, "第一次全体会议")
    add_people(db, delegates(6))
    db.dispose()
    return path


def stamp(path: Path, revision: str) -> None:
    """Written and closed (the last connection folds the WAL into the file)."""
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))


def sitting_names(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM sitting ORDER BY id")]


# ------------------------------------------------------------------ a newer huiwu's database


def test_a_database_from_a_newer_huiwu_is_refused_naming_its_version(congress_db):
    stamp(congress_db, "0099")
    before = congress_db.read_bytes()

    said = run(congress_db, "attendance", check_code=1)
    assert said.stderr.strip() == ZH["data.db_newer"].format(version="0099", known=HEAD)
    scanned = run(congress_db, "checkin", "D0001", "--json", check_code=1)
    assert refused_json(scanned)["error"] == "data.db_newer"
    english = run(congress_db, "sitting", "new", "第二次全体会议", lang="en", check_code=1)
    assert "newer huiwu" in english.stderr and "0099" in english.stderr

    assert congress_db.read_bytes() == before  # not migrated, not written
    stamp(congress_db, HEAD)
    db = open_database(congress_db)
    try:
        assert event_count(db) > 0 and sitting_names(congress_db) == ["第一次全体会议"]
    finally:
        db.dispose()


# ------------------------------------------------------------------ a folder that is not there


def test_an_explicit_db_in_a_missing_folder_is_refused_and_not_created(tmp_path):
    folder = tmp_path / "no" / "such"
    said = run(None, "--db", str(folder / "x.db"), "congress", "new", "测试大会", check_code=1)
    assert said.stderr.strip() == ZH["data.db_folder_missing"].format(folder=folder)
    by_env = run(folder / "x.db", "attendance", "--json", lang="en", check_code=1)
    assert refused_json(by_env)["error"] == "data.db_folder_missing"
    assert not (tmp_path / "no").exists()


def test_the_default_database_still_gets_its_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HUIWU_HOME", str(tmp_path / "fresh" / "huiwu"))  # on every platform
    monkeypatch.delenv("HUIWU_DB", raising=False)
    db = open_database()
    try:
        assert Path(db.engine.url.database).parent == tmp_path / "fresh" / "huiwu"
        assert Path(db.engine.url.database).parent.is_dir()
    finally:
        db.dispose()


# ------------------------------------------------------------------ a read-only file, a full disk


@pytest.fixture
def immutable(congress_db):
    """The database file made unwritable even for root; the attribute is removed afterwards so
    the temporary folder can be cleaned up."""
    if subprocess.run(["chattr", "+i", str(congress_db)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available on this file system")
    yield congress_db
    subprocess.run(["chattr", "-i", str(congress_db)], check=True)


def test_a_read_only_database_says_so(immutable):
    said = run(immutable, "sitting", "new", "第二次全体会议", check_code=1)
    assert said.stderr.strip() == ZH["data.db_read_only"]
    assert "稍后重试" not in said.stderr
    renamed = run(
        immutable, "sitting", "rename", "第一次全体会议", "全体会议", "--reason", "改名", "--json",
        lang="en", check_code=1,
    )  # fmt: skip
    assert refused_json(renamed) == {
        "error": "data.db_read_only",
        "message": EN["data.db_read_only"],
    }
    assert run(immutable, "attendance", check_code=0).stdout  # reading still works
    assert sitting_names(immutable) == ["第一次全体会议"]


@pytest.fixture
def full_disk():
    """Every new SQLite connection may not grow the file past its size now: the next write that
    needs a page fails with SQLITE_FULL, as on a full disk."""

    def cap(dbapi_conn, _record):
        if isinstance(dbapi_conn, sqlite3.Connection):
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(Engine, "connect", cap)
    yield
    event.remove(Engine, "connect", cap)


def test_a_full_disk_says_so(congress_db, tmp_path, full_disk):
    roster = tmp_path / "roster.csv"
    rows = [f"E{i:05d},职工代表{i},第{i % 9 + 1}代表团,正式代表" for i in range(3000)]
    roster.write_text("编号,姓名,代表团,类别\n" + "\n".join(rows) + "\n", encoding="utf-8")

    said = run(congress_db, "roster", "import", str(roster), "--yes", check_code=1)
    assert said.stderr.strip() == ZH["data.db_disk_full"]
    as_json = run(congress_db, "roster", "import", str(roster), "--json", "--yes", check_code=1)
    assert refused_json(as_json)["error"] == "data.db_disk_full"
    with closing(sqlite3.connect(congress_db)) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 6


# ------------------------------------------------------------------ --json refusals


def test_a_refusal_under_json_is_one_document_on_stdout_too(congress_db):
    for args, key in (
        (("sitting", "rename", "没有这个", "新名", "--reason", "x", "--json"), "sitting.unknown"),
        (("result", "没有这个议题", "--json"), "voting.no_such_item"),
        (("motion", "count", "无", "--yes", "1", "--no", "0", "--abstain", "0", "--json"),
         "voting.no_such_item"),
        (("standings", "无", "--json"), "contest.no_such_contest"),
    ):  # fmt: skip
        document = refused_json(run(congress_db, *args, check_code=1))
        assert document["error"] == key
    run(congress_db, "sitting", "new", "第二次全体会议", check_code=0)
    for args, key in (
        (("sitting", "remove", "第二次全体会议", "--reason", "x", "--json"), "sitting.remove_needs_yes"),
        (("badges", "--rotate", "--json"), "badges.rotate.needs_yes"),
    ):  # fmt: skip
        asked = run(congress_db, *args, check_code=1)  # no terminal to answer the question
        assert refused_json(asked)["error"] == key
    english = run(congress_db, "standings", "无", "--json", lang="en", check_code=1)
    assert refused_json(english)["message"].startswith("No contest")
    plain = run(congress_db, "standings", "无", check_code=1)
    assert plain.stdout == ""  # without --json, stdout stays empty


# ------------------------------------------------------------------ a reader that goes away


def huiwu_env(db: Path) -> dict:
    env = {**os.environ, "HUIWU_DB": str(db), "HUIWU_STATION": "1号台"}
    env.pop("HUIWU_LANG", None)
    return env


def test_a_closed_pipe_ends_quietly(congress_db):
    """The reader is gone before huiwu writes a byte: exit 0, nothing on stderr."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        proc = subprocess.run(
            [HUIWU, "attendance"], stdout=writer, stderr=subprocess.PIPE,
            env=huiwu_env(congress_db), timeout=120,
        )  # fmt: skip
    finally:
        os.close(writer)
    assert (proc.returncode, proc.stderr.decode()) == (0, "")


def test_huiwu_into_head_ends_quietly(congress_db):
    """`head -n 0` leaves before huiwu has started, so its first write meets a closed pipe.
    (`| head -1` meets one only when the output outgrows the pipe while head still reads; on
    the sandbox these tests were written in pipes took megabytes, so that race never closed.)"""
    for command in ("attendance", "attendance --json", "sitting list"):
        proc = subprocess.run(
            f"'{HUIWU}' {command} | head -n 0; exit ${{PIPESTATUS[0]}}",
            shell=True, executable="/bin/bash", capture_output=True, text=True,
            env=huiwu_env(congress_db), timeout=120,
        )  # fmt: skip
        assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", ""), command


# ------------------------------------------------------------------ click's own words


def test_help_speaks_chinese_under_zh_and_english_under_en(tmp_path):
    chinese = run(tmp_path / "h.db", "--help", check_code=0).stdout
    for words in ("用法:", "选项:", "命令:", "显示本帮助并退出。", "签到：只输编号为人工签到"):
        assert words in chinese, words
    assert "界面语言（环境变量 HUIWU_LANG，默认 zh）" in chinese
    assert "Usage:" not in chinese and "Show this message" not in chinese

    for args in (("--help", "--lang", "en"), ("--lang", "en", "--help")):
        english = run(tmp_path / "h.db", *args, check_code=0).stdout
        assert "Usage:" in english and "Show this message and exit." in english, args
        assert "用法" not in english and "显示本帮助" not in english, args
    by_env = run(tmp_path / "h.db", "checkin", "--help", lang="en", check_code=0).stdout
    assert "Options:" in by_env and "Interface language" in by_env
    assert "a badge text = verified scan" in by_env
    command = run(tmp_path / "h.db", "checkin", "--help", check_code=0).stdout
    assert (
        "签到：只输编号为人工签到，扫描代表证为验证签到；--exit 为出口扫码（离场）。" in command
        and "选项:" in command
    )


def test_usage_errors_speak_chinese_under_zh(tmp_path):
    missing = run(tmp_path / "u.db", "checkin", check_code=2)
    assert "错误：缺少参数 'CODE_OR_QR_TEXT'" in missing.stderr
    assert "请用 'cli checkin --help' 查看帮助。" in missing.stderr
    unknown = run(tmp_path / "u.db", "attendance", "--bogus", check_code=2)
    assert "错误：没有选项 '--bogus'。" in unknown.stderr
    no_command = run(tmp_path / "u.db", "nosuch", check_code=2)
    assert "错误：没有命令 'nosuch'。" in no_command.stderr
    assert not (tmp_path / "u.db").exists()  # a usage error opens nothing

    english = run(tmp_path / "u.db", "checkin", lang="en", check_code=2)
    assert "Error: Missing argument 'CODE_OR_QR_TEXT'." in english.stderr
    flag = run(tmp_path / "u.db", "attendance", "--bogus", "--lang", "en", check_code=2)
    assert "Error: No such option '--bogus'." in flag.stderr and "错误" not in flag.stderr


def test_a_read_only_postgresql_database_says_so(pg_server):
    url = pg_server.new_database()
    try:
        db = open_database(url)
        create_congress(db, "测试大会")
        with db.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                f"ALTER DATABASE {url.rsplit('/', 1)[1]} SET default_transaction_read_only = on"
            )
        db.dispose()
        said = run(url, "sitting", "new", "第一次全体会议", "--lang", "en", check_code=1)
        assert said.stderr.strip() == EN["data.db_read_only"]
        as_json = run(url, "congress", "new", "另一个大会", "--json", check_code=1)
        assert refused_json(as_json)["error"] == "data.db_read_only"
    finally:
        pg_server.drop_database(url)


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MB tmpfs (mounting needs root, which these tests run as); skipped where not allowed."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip("cannot mount a tmpfs here")
    yield folder
    # lazily: the in-process runs' engines may still hold the file open
    subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_really_full_disk_says_so(tiny_disk):
    path = tiny_disk / "huiwu.db"
    run(None, "--db", str(path), "congress", "new", "测试大会", check_code=0)
    filler = os.open(tiny_disk / "filler", os.O_CREAT | os.O_WRONLY)
    try:  # every byte that is left
        while os.write(filler, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(filler)
    said = run(None, "--db", str(path), "sitting", "new", "第一次全体会议", check_code=1)
    assert said.stderr.strip() == ZH["data.db_disk_full"]
    as_json = run(
        None, "--db", str(path), "congress", "new", "大会", "--json", lang="en", check_code=1
    )
    assert refused_json(as_json) == {
        "error": "data.db_disk_full",
        "message": EN["data.db_disk_full"],
    }
    (tiny_disk / "filler").unlink()
    run(None, "--db", str(path), "sitting", "new", "第一次全体会议", check_code=0)
