"""Automatic SQLite backups: consistent snapshots, pruning, the list, and guarded restores.

Real files throughout: a writer holds an open transaction while the snapshot is taken, broken
backups are made by cutting, editing and re-labelling real copies.
"""

import hashlib
import json
import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from models import backup
from models.attendance import T_CHECKIN
from models.audit import T_EVENT, verify
from models.congress import T_PERSON, create_congress, create_sitting, list_sittings, switch_sitting
from models.errors import Refusal
from tests.helpers import add_people, check_in_codes, delegates, event_count, row_count

T0 = datetime(2026, 11, 21, 9, 30, 15)


@pytest.fixture(autouse=True)
def backup_dir(tmp_path, monkeypatch):
    folder = tmp_path / "backups"
    monkeypatch.setenv("HUIWU_BACKUP_DIR", str(folder))
    monkeypatch.delenv("HUIWU_BACKUP_KEEP", raising=False)
    monkeypatch.delenv("HUIWU_BACKUP_MINUTES", raising=False)
    return folder


@pytest.fixture
def congress_sqlite(sqlite_db):
    """A SQLite congress with a sitting (its `sitting` snapshot taken) and 6 delegates."""
    create_congress(sqlite_db, "测试公司第三届职工代表大会第二次会议", term=3, session=2)
    create_sitting(sqlite_db, "第一次全体会议")
    add_people(sqlite_db, delegates(6))
    return sqlite_db


def snapshots(db, reason: str | None = None) -> list[Path]:
    folder = backup.backup_folder(db)
    if not folder.is_dir():
        return []
    found = [(p, backup.NAME_RE.match(p.name)) for p in folder.glob("*.db")]
    return sorted(p for p, m in found if m and reason in (None, m["reason"]))


def table_rows(path: Path, table: str) -> int:
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def fingerprint(db, tmp_path: Path) -> tuple:
    """Row counts, the chain's last hash and a checksum of a fresh copy of the database."""
    copy = tmp_path / f"fingerprint-{len(list(tmp_path.glob('fingerprint-*')))}.db"
    backup.copy_database(backup.database_file(db), copy)
    with db.read() as conn:
        last = conn.execute(T_EVENT.select().order_by(T_EVENT.c.id.desc()).limit(1)).first()
    checksum = hashlib.sha256(copy.read_bytes()).hexdigest()
    return event_count(db), row_count(db, T_CHECKIN), last.hash, checksum


# ------------------------------------------------------------------------------ snapshots


def test_snapshot_holds_committed_wal_rows_and_nothing_of_an_open_transaction(congress_sqlite):
    db = congress_sqlite
    live = backup.database_file(db)
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint=0")  # committed rows stay in the -wal file
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO person (congress_id, code, name, category, initials) "
        "VALUES (1, 'W1', '已提交', 'delegate', '')"
    )
    writer.execute("COMMIT")
    assert live.with_name(live.name + "-wal").stat().st_size > 0
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO person (congress_id, code, name, category, initials) "
        "VALUES (1, 'W2', '未提交', 'delegate', '')"
    )
    try:
        path = backup.snapshot(db, "manual")
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert table_rows(path, "person") == 7  # 6 delegates + the committed one, not the open one
    with sqlite3.connect(path) as copy:
        assert copy.execute("SELECT name FROM person WHERE code = 'W1'").fetchone() == ("已提交",)
        assert copy.execute("SELECT count(*) FROM person WHERE code = 'W2'").fetchone() == (0,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert not path.with_name(path.name + "-wal").exists()  # one self-contained file
    assert backup.NAME_RE.match(path.name)["reason"] == "manual"
    assert path.parent.name.startswith("huiwu-") and len(path.parent.name) == len("huiwu-") + 8
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    if os.name != "nt":
        assert path.stat().st_mode & 0o777 == 0o600


def test_names_sort_by_time_and_say_why(sqlite_db):
    first = backup.snapshot(sqlite_db, "manual", at=T0)
    same_second = backup.snapshot(sqlite_db, "auto", at=T0)
    later = backup.snapshot(sqlite_db, "sitting", at=T0 + timedelta(seconds=1))
    assert first.name == "huiwu-20261121-093015-manual.db"
    assert same_second.name == "huiwu-20261121-093015-auto-2.db"
    assert later.name == "huiwu-20261121-093016-sitting.db"
    assert [info.path for info in backup.list_backups(sqlite_db)] == [later, same_second, first]


def test_backups_of_different_databases_do_not_mix(tmp_path):
    from models.db import open_database

    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    one = open_database(tmp_path / "a" / "huiwu.db")
    two = open_database(tmp_path / "b" / "huiwu.db")
    try:
        assert backup.backup_folder(one) != backup.backup_folder(two)
        backup.snapshot(one, "manual")
        assert len(backup.list_backups(one)) == 1
        assert backup.list_backups(two) == []
    finally:
        one.dispose()
        two.dispose()


def test_pruning_keeps_every_kept_reason_and_the_newest_auto_ones(sqlite_db, monkeypatch):
    assert backup.keep_auto() == 24
    monkeypatch.setenv("HUIWU_BACKUP_KEEP", "3")
    backup.snapshot(sqlite_db, "sitting", at=T0)
    autos = [backup.snapshot(sqlite_db, "auto", at=T0 + timedelta(minutes=i)) for i in range(6)]
    backup.snapshot(sqlite_db, "manual", at=T0 + timedelta(minutes=7))
    backup.snapshot(sqlite_db, "restore", at=T0 + timedelta(minutes=8))
    kept = {path.name for path in snapshots(sqlite_db)}
    assert {p.name for p in autos[-3:]} <= kept
    assert not {p.name for p in autos[:3]} & kept
    reasons = {backup.NAME_RE.match(name)["reason"] for name in kept}
    assert reasons == {"sitting", "auto", "manual", "restore"}
    assert len(kept) == 6


def test_list_says_what_each_copy_holds_newest_first(congress_sqlite):
    db = congress_sqlite
    check_in_codes(db, ["D0001", "D0002"])
    manual = backup.snapshot(db, "manual")
    broken = manual.with_name("huiwu-20000101-000000-manual.db")
    broken.write_bytes(manual.read_bytes())
    with sqlite3.connect(broken) as conn:
        conn.execute("UPDATE event SET operator = '改过' WHERE id = 2")

    infos = backup.list_backups(db)
    assert [info.reason for info in infos] == ["manual", "sitting", "manual"]
    newest, sitting, oldest = infos
    assert newest.path == manual and newest.last_event_id == event_count(db)
    assert sitting.last_event_id == 2  # congress.new, sitting.new
    assert newest.congress == "测试公司第三届职工代表大会第二次会议"
    assert newest.chain_ok is True and sitting.chain_ok is True
    assert oldest.path == broken and oldest.chain_ok is False
    assert newest.size == manual.stat().st_size
    assert datetime.fromisoformat(newest.taken_at).tzinfo is not None
    assert json.dumps([info.as_json() for info in infos], ensure_ascii=False)


def test_sitting_changes_take_a_sitting_snapshot(sqlite_db):
    create_congress(sqlite_db, "大会")
    create_sitting(sqlite_db, "预备会议")
    assert len(snapshots(sqlite_db, "sitting")) == 1
    create_sitting(sqlite_db, "第一次全体会议")
    first = list_sittings(sqlite_db)[0]
    switch_sitting(sqlite_db, first.id)
    taken = snapshots(sqlite_db, "sitting")
    assert len(taken) == 3
    newest = backup.list_backups(sqlite_db)[0]
    assert newest.reason == "sitting" and newest.last_event_id == event_count(sqlite_db)
    assert table_rows(newest.path, "sitting") == 2


def test_a_failing_backup_never_fails_the_sitting_change(sqlite_db, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("HUIWU_BACKUP_DIR", str(blocker))
    create_congress(sqlite_db, "大会")
    info = create_sitting(sqlite_db, "预备会议")
    assert info.name == "预备会议" and verify(sqlite_db).ok


def test_the_test_suite_never_writes_into_the_user_data_dir(sqlite_db, monkeypatch):
    monkeypatch.delenv("HUIWU_BACKUP_DIR")
    monkeypatch.setenv("HUIWU_TESTING", "1")
    assert backup.backup_root() is None
    assert backup.snapshot(sqlite_db, "manual") is None
    assert backup.due_for_auto(sqlite_db) is False
    assert backup.list_backups(sqlite_db) == []


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgresql_is_backed_up_by_its_own_tools(db):
    assert not db.is_sqlite
    assert backup.snapshot(db, "manual") is None
    assert backup.snapshot_quietly(db, "sitting") is None
    assert backup.due_for_auto(db, 1) is False
    assert backup.list_backups(db) == []
    with pytest.raises(Refusal) as refused:
        backup.restore(db, "whatever.db")
    assert refused.value.key == "backup.sqlite_only"


# ------------------------------------------------------------------------------ every N minutes


def test_auto_is_due_when_old_enough_and_the_log_has_grown(congress_sqlite, monkeypatch):
    db = congress_sqlite
    newest = backup.list_backups(db)[0]  # the sitting snapshot just taken
    taken = datetime.fromisoformat(newest.taken_at).replace(tzinfo=None)
    assert backup.due_for_auto(db, 10, now=taken + timedelta(minutes=5)) is False
    # add_people wrote no event: nothing new to keep, however old the copy is
    assert backup.due_for_auto(db, 10, now=taken + timedelta(minutes=30)) is False
    check_in_codes(db, ["D0001"])
    assert backup.due_for_auto(db, 10, now=taken + timedelta(minutes=9)) is False
    assert backup.due_for_auto(db, 10, now=taken + timedelta(minutes=10)) is True
    assert backup.due_for_auto(db, 0, now=taken + timedelta(minutes=10)) is False
    monkeypatch.setenv("HUIWU_BACKUP_MINUTES", "0")
    assert backup.auto_minutes() == 0 and backup.due_for_auto(db) is False
    monkeypatch.setenv("HUIWU_BACKUP_MINUTES", "abc")
    assert backup.auto_minutes() == backup.DEFAULT_MINUTES


def test_auto_snapshot_with_no_backup_yet(sqlite_db):
    create_congress(sqlite_db, "大会")
    assert backup.due_for_auto(sqlite_db, 10) is True
    path = backup.auto_snapshot(sqlite_db, 10)
    assert path is not None and backup.NAME_RE.match(path.name)["reason"] == "auto"
    assert backup.auto_snapshot(sqlite_db, 10) is None  # just taken


# ------------------------------------------------------------------------------ restore


def test_restore_brings_the_old_state_back_and_the_chain_still_verifies(congress_sqlite):
    db = congress_sqlite
    check_in_codes(db, ["D0001", "D0002"])
    saved = backup.snapshot(db, "manual")
    saved_events = event_count(db)
    check_in_codes(db, ["D0003", "D0004", "D0005"])
    before_restore = event_count(db)

    report = backup.restore(db, saved, operator="测试", station="1号台")

    assert row_count(db, T_CHECKIN) == 2
    assert report.restored_to_event == saved_events
    assert report.replaced_event == before_restore
    assert report.event_id == saved_events + 1 == event_count(db)
    chain = verify(db)
    assert chain.ok and chain.checked == saved_events + 1
    with db.read() as conn:
        last = conn.execute(T_EVENT.select().where(T_EVENT.c.id == report.event_id)).one()
    payload = json.loads(last.payload)
    assert last.kind == "backup.restore" and last.operator == "测试"
    assert payload["file"] == saved.name
    assert payload["sha256"] == hashlib.sha256(saved.read_bytes()).hexdigest() == report.sha256
    assert payload["restored_to_event"] == saved_events
    # the safety copy holds the state that was replaced
    assert backup.NAME_RE.match(report.safety_copy.name)["reason"] == "restore"
    assert table_rows(report.safety_copy, "checkin") == 5
    assert backup._read_facts(report.safety_copy).last_event_id == before_restore
    # the database is still a working one: more check-ins append to the restored chain
    check_in_codes(db, ["D0006"])
    assert verify(db).ok


def test_restore_by_the_name_shown_in_the_list(congress_sqlite):
    db = congress_sqlite
    sitting_copy = backup.list_backups(db)[0].path
    check_in_codes(db, ["D0001"])
    report = backup.restore(db, sitting_copy.name)
    assert report.file == sitting_copy and row_count(db, T_CHECKIN) == 0
    assert row_count(db, T_PERSON) == 0  # the sitting copy predates the roster
    assert verify(db).ok


def _text_file(good: Path, target: Path) -> None:
    target.write_text("编号,姓名\nD0001,代表1\n", encoding="utf-8")


def _truncated(good: Path, target: Path) -> None:
    data = good.read_bytes()
    target.write_bytes(data[: len(data) // 2])


def _events_edited(good: Path, target: Path) -> None:
    target.write_bytes(good.read_bytes())
    with sqlite3.connect(target) as conn:
        conn.execute('UPDATE event SET payload = \'{"name":"改过"}\' WHERE id = 1')


def _newer_migration(good: Path, target: Path) -> None:
    target.write_bytes(good.read_bytes())
    with sqlite3.connect(target) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")


def _another_program(good: Path, target: Path) -> None:
    with sqlite3.connect(target) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('hello')")


@pytest.mark.parametrize(
    ("make", "key", "detail"),
    [
        (_text_file, "backup.not_sqlite", None),
        (_truncated, "backup.damaged", None),
        (_events_edited, "backup.chain_broken", "audit.hash_mismatch"),
        (_newer_migration, "backup.newer", None),
        (_another_program, "backup.not_huiwu", None),
    ],
    ids=["text", "truncated", "edited", "newer", "foreign"],
)
def test_a_bad_file_is_refused_and_changes_nothing(congress_sqlite, tmp_path, make, key, detail):
    db = congress_sqlite
    check_in_codes(db, ["D0001"])
    good = backup.snapshot(db, "manual")
    check_in_codes(db, ["D0002"])
    bad = tmp_path / "candidate.db"
    make(good, bad)
    bad_bytes = bad.read_bytes()
    before = fingerprint(db, tmp_path)
    folder_before = sorted(p.name for p in backup.backup_folder(db).iterdir())

    with pytest.raises(Refusal) as refused:
        backup.restore(db, bad)

    assert refused.value.key == key
    if detail:
        assert [d.key for d in refused.value.details] == [detail]
    assert fingerprint(db, tmp_path) == before
    assert sorted(p.name for p in backup.backup_folder(db).iterdir()) == folder_before
    assert bad.read_bytes() == bad_bytes  # the user's file is never touched
    with pytest.raises(Refusal):
        backup.check_backup(db, bad)


def test_restoring_the_database_onto_itself_or_a_missing_file_is_refused(congress_sqlite):
    db = congress_sqlite
    with pytest.raises(Refusal) as itself:
        backup.restore(db, backup.database_file(db))
    assert itself.value.key == "backup.same_file"
    with pytest.raises(Refusal) as missing:
        backup.restore(db, "huiwu-20000101-000000-manual.db")
    assert missing.value.key == "backup.no_file"
    assert verify(db).ok
