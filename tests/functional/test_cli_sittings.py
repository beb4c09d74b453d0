"""`huiwu sitting rename|remove` and `huiwu roster import --override-frozen` as users run them.

In-process through click's test runner; the removal question needs a terminal, so the tests that
answer it say there is one (the seam patched: cli.base.stdin_is_terminal) and type on stdin."""

import json
import sqlite3

import pytest

from cli import base
from models.congress import create_congress, create_sitting
from models.db import open_database
from tests.functional.test_cli_badges_rotate import run
from tests.helpers import import_people

FIRST = "第一次全体会议"
JUNK = "HW1:ABCD:D0001:3f9a"


def state(db) -> tuple:
    with sqlite3.connect(db) as conn:
        return (
            conn.execute("SELECT id, name FROM sitting ORDER BY id").fetchall(),
            conn.execute("SELECT current_sitting_id FROM congress").fetchall(),
            conn.execute("SELECT count(*) FROM event").fetchone()[0],
        )


@pytest.fixture
def hall(tmp_path):
    """A SQLite congress with two sittings; the junk one, made last, is current."""
    path = tmp_path / "huiwu.db"
    database = open_database(path)
    create_congress(database, "测试公司第三届职工代表大会第二次会议", term=3, session=2)
    create_sitting(database, FIRST)
    import_people(database, tmp_path, [(f"D{i}", f"代表{i}", "一团", "正式代表") for i in range(5)])
    create_sitting(database, JUNK)
    database.dispose()
    return path


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr(base, "stdin_is_terminal", lambda: True)


def test_rename(hall):
    out = run(
        hall, "sitting", "rename", JUNK, "第二次全体会议", "--reason", "扫码误建", check_code=0
    )
    assert "已改名为「第二次全体会议」" in out.stdout
    data = json.loads(
        run(
            hall, "sitting", "rename", "第二次全体会议", "第二次大会", "--reason", "简称", "--json"
        ).stdout
    )
    assert data["old"] == "第二次全体会议" and data["name"] == "第二次大会"
    assert run(hall, "verify", check_code=0)


def test_a_refused_rename_changes_nothing(hall):
    before = state(hall)
    assert (
        "已经存在"
        in run(hall, "sitting", "rename", JUNK, FIRST, "--reason", "x", check_code=1).stderr
    )
    assert (
        "没有这个场次" in run(hall, "sitting", "rename", "无此场次", "新", "--reason", "x").stderr
    )
    assert "必须填写原因" in run(hall, "sitting", "rename", JUNK, "新", "--reason", " ").stderr
    assert "--reason" in run(hall, "sitting", "rename", JUNK, "新", check_code=2).stderr
    assert state(hall) == before


def test_remove_without_a_terminal_needs_yes(hall):
    before = state(hall)
    refused = run(hall, "sitting", "remove", JUNK, "--reason", "扫码误建", check_code=1)
    assert "--yes" in refused.stderr
    assert state(hall) == before


def test_remove_asks_and_no_changes_nothing(hall, terminal):
    before = state(hall)
    out = run(hall, "sitting", "remove", JUNK, "--reason", "扫码误建", stdin="n\n", check_code=1)
    assert "删除后「第一次全体会议」成为当前场次" in out.stderr and "已取消" in out.stderr
    assert state(hall) == before


def test_remove_asked_and_confirmed(hall, terminal):
    out = run(hall, "sitting", "remove", JUNK, "--reason", "扫码误建", stdin="y\n", check_code=0)
    assert "当前场次现为「第一次全体会议」" in out.stdout
    sittings, current, _ = state(hall)
    assert [name for _, name in sittings] == [FIRST] and current == [(sittings[0][0],)]
    assert run(hall, "verify", check_code=0)


def test_remove_with_yes_and_json_and_the_refusals(hall):
    data = json.loads(
        run(hall, "sitting", "remove", JUNK, "--reason", "扫码误建", "--yes", "--json").stdout
    )
    assert data == {"removed": JUNK, "current": FIRST}
    only = run(hall, "sitting", "remove", FIRST, "--reason", "x", "--yes", check_code=1)
    assert "唯一的场次" in only.stderr
    run(hall, "checkin", "D1", check_code=0)
    run(hall, "sitting", "new", "第二次全体会议", check_code=0)
    used = run(hall, "sitting", "remove", FIRST, "--reason", "x", "--yes", lang="en", check_code=1)
    assert "cannot be removed" in used.stderr and "1 check-ins" in used.stderr


def test_roster_import_on_a_frozen_roll(hall, tmp_path):
    run(hall, "sitting", "use", FIRST, check_code=0)
    for code in ("D0", "D1", "D2", "D3"):
        run(hall, "checkin", code, check_code=0)
    run(hall, "motion", "new", "关于集体合同草案的决议", check_code=0)
    run(
        hall,
        "motion",
        "count",
        "1",
        "--yes",
        "4",
        "--no",
        "0",
        "--abstain",
        "0",
        "--hands",
        check_code=0,
    )
    roster = tmp_path / "改.csv"
    roster.write_text("编号,姓名,代表团,类别\nD1,代表1,一团,列席代表\n", encoding="utf-8")
    before = state(hall)

    refused = run(hall, "roster", "import", str(roster), check_code=1)
    assert "第1项表决已冻结名单，代表1（D1）的类别不能从正式代表改为列席代表" in refused.stderr
    assert "--override-frozen" in refused.stderr
    no_reason = run(hall, "roster", "import", str(roster), "--override-frozen", check_code=1)
    assert "必须填写原因" in no_reason.stderr
    assert state(hall) == before

    run(hall, "roster", "import", str(roster), "--override-frozen", "--reason", "资格审查", "--yes")
    assert state(hall)[2] == before[2] + 1
    assert "全部通过" in run(hall, "verify", check_code=0).stdout
