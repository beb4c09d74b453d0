"""Every feature through the CLI on PostgreSQL, as a desk connected by URL uses it.

The unit suite runs every service on both backends; this walks the commands a secretariat uses
on congress day once, end to end, against the real server the test setup started.
"""

import json
from pathlib import Path

import pytest

from models.db import open_database
from tests.functional.test_cli_contests import SCORES
from tests.functional.test_cli_proposals import FILE as PROPOSALS
from tests.functional.test_cli_voting import BALLOT_HEADER, run, run_json
from tests.helpers import badge


@pytest.fixture
def pg_url(pg_server):
    url = pg_server.new_database()
    yield url
    pg_server.drop_database(url)


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def badge_text(url: str, code: str) -> str:
    db = open_database(url)
    try:
        return badge(db, code)
    finally:
        db.dispose()


def test_a_congress_day_on_postgresql(pg_url, tmp_path):
    roster = ["编号,姓名,代表团,类别"]
    teams = ("第一代表团", "第二代表团", "第三代表团")
    roster += [f"D{i:03d},代表{i},{teams[i % 3]}," for i in range(1, 7)]
    roster += ["L01,列席甲,,列席代表"]
    run(pg_url, "congress", "new", "测试大会", "--term", "3", "--session", "2", check_code=0)
    run(pg_url, "roster", "import", write(tmp_path, "r.csv", "\n".join(roster)), check_code=0)
    run(pg_url, "sitting", "new", "第一次全体会议", check_code=0)

    scanned = run_json(pg_url, "checkin", badge_text(pg_url, "D001"), "--station", "2号台")
    assert scanned["status"] == "ok" and scanned["name"] == "代表1"
    again = run(pg_url, "checkin", badge_text(pg_url, "D001"), "--json", check_code=1)
    assert json.loads(again.stdout)["status"] == "already"
    for code in ("D002", "D003", "D004", "D005", "L01"):
        assert run_json(pg_url, "checkin", code)["status"] == "ok"
    run(pg_url, "leave", "D006", "--reason", "出差", check_code=0)
    figures = run_json(pg_url, "attendance")
    assert (figures["due"], figures["present"], figures["leave"]) == (6, 5, 1)
    assert figures["quorum_met"] is True

    run(pg_url, "motion", "new", "关于职工工资的报告", check_code=0)
    run(
        pg_url,
        "motion",
        "count",
        "1",
        "--hands",
        "--yes",
        "4",
        "--no",
        "1",
        "--abstain",
        "0",
        check_code=0,
    )
    assert run_json(pg_url, "result", "1")["passed"] is True

    run(
        pg_url,
        "election",
        "new",
        "工会委员会委员",
        "--seats",
        "2",
        "--candidates",
        "王芳,李四,张三丰",
    )
    assert run_json(pg_url, "election", "issue", "2", "5")["issued"] == 5
    ballots = BALLOT_HEADER + "1,○,○,×,\n2,○,○,,\n3,○,,○,\n4,○,×,,\n5,○,○,○,\n"
    assert (
        run_json(pg_url, "ballots", "import", "2", write(tmp_path, "b.csv", ballots))["void"] == 1
    )
    assert run_json(pg_url, "result", "2")["elected"] == ["王芳"]

    run(pg_url, "contest", "new", "演讲比赛", "--judges", "5", "--awards", "一等奖:1", check_code=0)
    run(pg_url, "scores", "import", "1", write(tmp_path, "s.csv", SCORES), check_code=0)
    assert [row["entrant"] for row in run_json(pg_url, "standings", "1")][:2] == ["甲", "乙"]

    run(pg_url, "proposals", "import", write(tmp_path, "p.csv", PROPOSALS), check_code=0)
    assert run_json(pg_url, "proposals", "stats")["received"] == 3

    run(pg_url, "undo", "D005", "--reason", "扫错了人", check_code=0)
    assert run_json(pg_url, "attendance")["present"] == 4

    out = tmp_path / "package"
    run(pg_url, "export", "--out", str(out), check_code=0)
    assert (out / "SHA256SUMS").is_file() and (out / "会议记录.xlsx").is_file()
    report = run_json(pg_url, "verify")
    assert report["ok"] is True, report
    archive = json.loads(
        run(pg_url, "verify", "--archive", str(out / "huiwu-archive.json"), "--json").stdout
    )
    assert archive["ok"] is True
