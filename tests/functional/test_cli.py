"""The headless CLI as users script it: real processes, exit codes, JSON, no tracebacks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HUIWU = str(Path(sys.executable).with_name("huiwu"))


def run(db, *args, lang=None, check_code=None):
    env = {**os.environ, "HUIWU_DB": str(db), "HUIWU_STATION": "1号台"}
    env.pop("HUIWU_LANG", None)
    if lang:
        env["HUIWU_LANG"] = lang
    proc = subprocess.run([HUIWU, *args], capture_output=True, text=True, env=env, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    if check_code is not None:
        assert proc.returncode == check_code, (proc.stdout, proc.stderr)
    return proc


@pytest.fixture
def cli_db(tmp_path):
    db = tmp_path / "cli.db"
    roster = tmp_path / "roster.csv"
    lines = ["编号,姓名,代表团,类别"]
    lines += [f"D{i:03d},代表{i},第{i % 3 + 1}代表团," for i in range(1, 7)]
    lines += ["L01,列席甲,,列席代表", "Z01,张三丰,第一代表团,正式代表"]
    roster.write_text("\n".join(lines) + "\n", encoding="gbk")
    run(
        db,
        "congress",
        "new",
        "测试大会",
        "--kind",
        "职代会",
        "--term",
        "3",
        "--session",
        "2",
        check_code=0,
    )
    run(db, "roster", "import", str(roster), check_code=0)
    run(db, "sitting", "new", "第一次全体会议", check_code=0)
    return db


def test_checkin_contract_json_and_exit_codes(cli_db):
    ok = run(cli_db, "checkin", "D001", "--json", check_code=0)
    data = json.loads(ok.stdout)
    assert data["status"] == "ok" and data["code"] == "D001" and data["name"] == "代表1"
    assert set(data) >= {"status", "code", "name", "delegation", "at"}
    again = run(cli_db, "checkin", "D001", "--json", check_code=1)
    assert json.loads(again.stdout)["status"] == "already"
    assert "已签到" in again.stderr
    unknown = run(cli_db, "checkin", "NOPE", "--json", check_code=1)
    assert json.loads(unknown.stdout)["status"] == "unknown"
    forged = run(cli_db, "checkin", "HW1:AAAA:D002:AAAAAAAAAAAAAAAA", "--json", check_code=1)
    assert json.loads(forged.stdout)["status"] == "invalid"


def test_attendance_leave_and_announcement(cli_db):
    run(cli_db, "leave", "D006", "--reason", "出差", check_code=0)
    for code in ("D001", "D002", "D003", "D004", "L01"):
        run(cli_db, "checkin", code, check_code=0)
    data = json.loads(run(cli_db, "attendance", "--json", check_code=0).stdout)
    assert data == {
        **data,
        "due": 7,
        "present": 4,
        "leave": 1,
        "absent": 2,
        "nonvoting_present": 1,
        "quorum_met": False,  # 3*4 = 12 < 14
    }
    assert data["announcement"].startswith(
        "本次大会应到代表7名，实到代表4名，因事因病请假1名，列席代表1名"
    )
    assert data["announcement"].endswith("不足法定人数，不能开会。")
    run(cli_db, "checkin", "Z01", check_code=0)
    data = json.loads(run(cli_db, "attendance", "--json", check_code=0).stdout)
    assert data["quorum_met"] is True and data["announcement"].endswith("可以开会。")


def test_refusals_are_clear_in_both_languages_and_change_nothing(cli_db, tmp_path):
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 20)
    zh = run(cli_db, "roster", "import", str(junk), check_code=1)
    assert zh.stderr.strip()
    en = run(cli_db, "roster", "import", str(junk), lang="en", check_code=1)
    assert en.stderr.strip() and not any(
        "\u4e00" <= ch <= "\u9fff" for ch in en.stderr.split(":")[0]
    )
    run(cli_db, "checkin", "x" * 5000, check_code=1)
    run(cli_db, "leave", "D001", "--reason", "  ", check_code=1)
    data = json.loads(run(cli_db, "attendance", "--json", check_code=0).stdout)
    assert data["present"] == 0 and data["leave"] == 0
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    run(cli_db, "roster", "import", str(empty), check_code=1)
    usage = run(cli_db, "checkin")
    assert usage.returncode == 2


def test_verify_walks_the_chain_and_names_the_broken_row(cli_db):
    run(cli_db, "checkin", "D001", check_code=0)
    assert "审计链完整" in run(cli_db, "verify", check_code=0).stdout
    import sqlite3

    with sqlite3.connect(cli_db) as conn:
        conn.execute(
            "UPDATE event SET payload = replace(payload, 'D001', 'D002') WHERE kind='checkin'"
        )
        broken_id = conn.execute("SELECT id FROM event WHERE kind='checkin'").fetchone()[0]
    out = run(cli_db, "verify", check_code=1)
    assert f"第 {broken_id} 条" in out.stderr


def test_no_congress_and_bad_database_are_explained(tmp_path):
    fresh = tmp_path / "fresh.db"
    out = run(fresh, "attendance", check_code=1)
    assert "huiwu congress new" in out.stderr
    bad = run("postgresql+psycopg://nobody@127.0.0.1:1/none", "attendance", check_code=1)
    assert "无法打开数据库" in bad.stderr


def test_demo_creates_a_realistic_congress(tmp_path):
    db = tmp_path / "demo.db"
    run(db, "demo", "--delegates", "120", check_code=0)
    data = json.loads(run(db, "attendance", "--json", check_code=0).stdout)
    assert data["due"] == 120 and 0 < data["present"] < 120 and data["leave"] > 0
    assert data["nonvoting_present"] > 0
    run(db, "verify", check_code=0)


def test_attendance_counts_check_ins_per_desk_named_by_the_station_option(cli_db):
    run(cli_db, "checkin", "D001", check_code=0)  # HUIWU_STATION: 1号台
    run(cli_db, "--station", " 2号台 ", "checkin", "D002", check_code=0)
    run(cli_db, "--station", "2号台", "checkin", "D003", check_code=0)
    data = json.loads(run(cli_db, "attendance", "--json", check_code=0).stdout)
    assert [(d["station"], d["checkins"]) for d in data["by_station"]] == [
        ("2号台", 2),
        ("1号台", 1),
    ]
    too_long = run(cli_db, "--station", "东" * 65, "checkin", "D004", check_code=1)
    assert "最多 64 个字" in too_long.stderr
    data = json.loads(run(cli_db, "attendance", "--json", check_code=0).stdout)
    assert data["present"] == 3  # the refused desk checked nobody in
