"""`huiwu backup list|now` and `huiwu restore FILE` as users script them (click's test runner)."""

import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from main import cli


@pytest.fixture
def backups(tmp_path):
    return tmp_path / "backups"


def run(db, backups, *args, lang=None, input=None, check_code=None):
    env = {
        "HUIWU_DB": str(db),
        "HUIWU_STATION": "1号台",
        "HUIWU_LANG": lang,
        "HUIWU_BACKUP_DIR": str(backups),
    }
    outcome = CliRunner().invoke(cli, list(args), env=env, input=input)
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.exc_info
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert "程序内部错误" not in outcome.stderr and "Internal error" not in outcome.stderr
    if check_code is not None:
        assert outcome.exit_code == check_code, (outcome.stdout, outcome.stderr)
    return SimpleNamespace(code=outcome.exit_code, stdout=outcome.stdout, stderr=outcome.stderr)


@pytest.fixture
def cli_db(tmp_path, backups):
    """A congress with 4 delegates and a sitting (one `sitting` backup), D001 checked in."""
    db = tmp_path / "cli.db"
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "编号,姓名,代表团\n" + "".join(f"D00{i},代表{i},第一代表团\n" for i in range(1, 5)),
        encoding="utf-8",
    )
    run(db, backups, "congress", "new", "测试大会", check_code=0)
    run(db, backups, "roster", "import", str(roster), check_code=0)
    run(db, backups, "sitting", "new", "第一次全体会议", check_code=0)
    run(db, backups, "checkin", "D001", check_code=0)
    return db


def present(db, backups) -> int:
    return json.loads(run(db, backups, "attendance", "--json", check_code=0).stdout)["present"]


def events(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM event").fetchone()[0]


def test_backup_list_json_and_backup_now(cli_db, backups):
    listed = json.loads(run(cli_db, backups, "backup", "list", "--json", check_code=0).stdout)
    assert [row["reason"] for row in listed] == ["sitting"]
    assert listed[0]["chain_ok"] is True and listed[0]["congress"] == "测试大会"
    assert set(listed[0]) >= {"file", "path", "taken_at", "reason", "size", "last_event_id"}

    now = run(cli_db, backups, "backup", "now", check_code=0)
    assert "已备份到" in now.stdout
    path = Path(now.stdout.split("：", 1)[1].strip())
    assert path.is_file() and path.parent.parent == backups

    as_json = json.loads(run(cli_db, backups, "backup", "now", "--json", check_code=0).stdout)
    assert Path(as_json["path"]).is_file()
    listed = json.loads(run(cli_db, backups, "backup", "list", "--json", check_code=0).stdout)
    assert [row["reason"] for row in listed] == ["manual", "manual", "sitting"]
    assert listed[0]["last_event_id"] == events(cli_db)

    text = run(cli_db, backups, "--lang", "en", "backup", "list", check_code=0).stdout
    assert "Backup folder" in text and "sitting change" in text and "chain intact" in text


def test_restore_with_yes_brings_the_backup_back(cli_db, backups):
    saved = json.loads(run(cli_db, backups, "backup", "now", "--json", check_code=0).stdout)
    saved_events = events(cli_db)
    run(cli_db, backups, "checkin", "D002", check_code=0)
    assert present(cli_db, backups) == 2

    done = run(cli_db, backups, "restore", saved["path"], "--yes", check_code=0)

    assert "已从" in done.stdout and "恢复前的数据已留底" in done.stdout
    assert present(cli_db, backups) == 1
    assert events(cli_db) == saved_events + 1
    run(cli_db, backups, "verify", check_code=0)
    listed = json.loads(run(cli_db, backups, "backup", "list", "--json", check_code=0).stdout)
    assert listed[0]["reason"] == "restore"  # the safety copy of what was replaced


def test_restore_json_by_name_from_the_list(cli_db, backups):
    sitting = json.loads(run(cli_db, backups, "backup", "list", "--json", check_code=0).stdout)[0]
    report = json.loads(
        run(cli_db, backups, "restore", sitting["file"], "--yes", "--json", check_code=0).stdout
    )
    assert report["restored_to_event"] == sitting["last_event_id"]
    assert Path(report["safety_copy"]).is_file()
    assert present(cli_db, backups) == 0


def test_a_bad_file_is_refused_with_nothing_changed(cli_db, backups, tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database", encoding="utf-8")
    before = events(cli_db)
    refused = run(cli_db, backups, "restore", str(bad), "--yes", check_code=1)
    assert "不是 SQLite 数据库文件" in refused.stderr and refused.stdout == ""
    english = run(cli_db, backups, "--lang", "en", "restore", str(bad), check_code=1)
    assert "is not a SQLite database" in english.stderr
    missing = run(cli_db, backups, "restore", str(tmp_path / "nope.db"), "--yes", check_code=1)
    assert "找不到备份文件" in missing.stderr
    assert events(cli_db) == before and present(cli_db, backups) == 1
    listed = json.loads(run(cli_db, backups, "backup", "list", "--json", check_code=0).stdout)
    assert [row["reason"] for row in listed] == ["sitting"]  # no safety copy was needed


def test_declining_the_confirmation_changes_nothing(cli_db, backups):
    sitting = json.loads(run(cli_db, backups, "backup", "list", "--json", check_code=0).stdout)[0]
    before = events(cli_db)
    declined = run(cli_db, backups, "restore", sitting["path"], input="n\n", check_code=1)
    assert "覆盖当前数据库" in declined.stderr and "已取消" in declined.stderr
    assert events(cli_db) == before and present(cli_db, backups) == 1
    accepted = run(cli_db, backups, "restore", sitting["path"], input="y\n", check_code=0)
    assert "已从" in accepted.stdout and present(cli_db, backups) == 0


def test_postgresql_is_told_to_use_its_own_tools(pg_server, backups):
    url = pg_server.new_database()
    try:
        for args in (("backup", "list"), ("backup", "now"), ("restore", "x.db", "--yes")):
            refused = run(url, backups, *args, check_code=1)
            assert "pg_dump" in refused.stderr, args
        english = run(url, backups, "--lang", "en", "backup", "list", "--json", check_code=1)
        assert "local SQLite database file" in english.stderr
        # a --json refusal is also one JSON document on stdout (tests/functional/test_cli_data.py)
        assert json.loads(english.stdout)["message"] == english.stderr.strip()
    finally:
        pg_server.drop_database(url)
