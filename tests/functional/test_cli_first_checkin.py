"""`huiwu checkin` on someone already checked in names the check-in that stands (RULES §1)."""

import json

from click.testing import CliRunner

from main import cli
from models.attendance import check_in
from models.clock import hhmm
from models.congress import create_congress, create_sitting
from models.db import open_database
from tests.helpers import add_people, delegates, event_count


def run(path, *args, lang=None):
    env = {"HUIWU_DB": str(path), "HUIWU_STATION": "2号台", "HUIWU_LANG": lang}
    outcome = CliRunner().invoke(cli, list(args), env=env)
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.exc_info
    return outcome


def congress(path) -> str:
    """A congress with D0001 checked in at 1号台; the time of that check-in."""
    db = open_database(path)
    create_congress(db, "测试大会", kind="职代会", term=3, session=2)
    create_sitting(db, "第一次全体会议")
    add_people(db, delegates(2))
    at = check_in(db, "D0001", station="1号台").at
    db.dispose()
    return at


def events_in(path) -> int:
    db = open_database(path)
    try:
        return event_count(db)
    finally:
        db.dispose()


def test_already_names_the_first_time_and_desk_in_text(tmp_path):
    path = tmp_path / "cli.db"
    first = congress(path)
    before = events_in(path)
    again = run(path, "checkin", "D0001")
    assert again.exit_code == 1
    assert "已签到" in again.stderr and "代表1" in again.stderr
    assert f"首次签到：{hhmm(first)}，1号台" in again.stderr
    english = run(path, "checkin", "D0001", lang="en")
    assert f"first checked in at {hhmm(first)} at 1号台" in english.stderr
    assert events_in(path) == before  # a second scan changes nothing


def test_already_json_carries_first_at_and_first_station(tmp_path):
    path = tmp_path / "cli.db"
    first = congress(path)
    again = run(path, "checkin", "D0001", "--json")
    assert again.exit_code == 1
    data = json.loads(again.stdout)
    assert data["status"] == "already" and data["code"] == "D0001"
    assert data["first_at"] == data["at"] == first
    assert data["first_station"] == data["station"] == "1号台"
    ok = json.loads(run(path, "checkin", "D0002", "--json").stdout)
    assert ok["status"] == "ok" and ok["station"] == "2号台"
    assert "first_at" not in ok and "first_station" not in ok
