"""The speaking clock at the CLI (issue 22 part 4): `contest new/event --clock`, `contest time` typed,
corrected only with a reason, --start/--stop, the standings carrying the time and its deduction,
bad notation refused with nothing changed, and `huiwu verify` passing afterwards."""

import json

import pytest

from tests.functional.test_cli_voting import events, run, run_json


@pytest.fixture
def speech(tmp_path):
    db = tmp_path / "cli.db"
    run(db, "congress", "new", "测试职代会", check_code=0)
    run(db, "contest", "new", "演讲比赛", "--judges", "3", "--trim", "0", check_code=0)
    for name in ("张三", "李四"):
        run(db, "contest", "entrant", "演讲比赛", name, check_code=0)
        for judge in (1, 2, 3):
            run(db, "contest", "mark", "演讲比赛", name, str(judge), "92", check_code=0)
    return db


def test_a_clock_on_an_event_then_a_time_and_its_correction(speech):
    out = run(speech, "contest", "event", "演讲比赛", "决赛", "--clock", "limit=5:00,min=3:00,full")
    # the event had entrants, so 决赛 is a new event; the clock goes on it
    assert out.returncode == 0, out.stderr
    shown = run_json(speech, "contest", "show", "演讲比赛")
    clocks = {e["name"]: e.get("clock") for e in shown["events"]}
    assert clocks["决赛"] == "limit=5:00,warn=4:00,min=3:00,unit=30,amount=0.5,full"
    assert clocks[""] is None
    run(speech, "contest", "event", "演讲比赛", "", "--clock", "limit=5:00", check_code=0)
    run(speech, "contest", "entrant", "演讲比赛", "王五", check_code=0)
    run(speech, "contest", "mark", "演讲比赛", "王五", "1", "90", check_code=0)
    marked = run_json(speech, "contest", "mark", "演讲比赛", "王五", "2", "90")
    assert marked["time"] is None and marked["time_deduction"] is None  # the score JSON's keys
    doc = run_json(speech, "contest", "time", "演讲比赛", "张三", "5:47.3")
    assert (doc["time"], doc["time_deduction"], doc["score"]) == ("5:47.30", "1.00", "91.00")
    before = events(speech)
    refused = run(speech, "contest", "time", "演讲比赛", "张三", "5:00", check_code=1)
    assert "原因" in refused.stderr and events(speech) == before
    doc = run_json(speech, "contest", "time", "演讲比赛", "张三", "5:00", "--reason", "看错秒表")
    assert (doc["time_deduction"], doc["score"]) == ("0.00", "92.00")
    rows = run_json(speech, "standings", "演讲比赛")
    assert [(r["entrant"], r["time"], r["time_deduction"]) for r in rows] == [
        ("张三", "5:00.00", "0.00"),
        ("李四", None, None),
        ("王五", None, None),
    ]
    text = run(speech, "standings", "演讲比赛", check_code=0).stdout
    assert "用时 5:00.00，不扣分" in text
    assert run(speech, "verify", check_code=0)


def test_start_and_stop_the_entrant_on_stage(speech):
    run(speech, "contest", "event", "演讲比赛", "", "--clock", "5:00", check_code=0)
    run(speech, "contest", "stage", "演讲比赛", "李四", check_code=0)
    doc = run_json(speech, "contest", "time", "演讲比赛", "--start")
    assert doc["entrant"] == "李四" and doc["running"] and doc["time"] is None
    doc = run_json(speech, "contest", "time", "演讲比赛", "--stop")
    assert doc["running"] is False and doc["time_deduction"] == "0.00"
    assert run(speech, "verify", check_code=0)


def test_bad_notation_and_a_contest_without_clock_are_refused_with_nothing_changed(speech):
    before = events(speech)
    out = run(speech, "contest", "event", "演讲比赛", "复赛", "--clock", "limit=5:00,speed=2")
    assert out.returncode == 1 and "计时规则" in out.stderr
    out = run(speech, "contest", "time", "演讲比赛", "张三", "5:00")
    assert out.returncode == 1 and "没有设置计时规则" in out.stderr
    out = run(speech, "contest", "event", "演讲比赛", "跳绳", "--measured", "秒", "--lower-better",
              "--clock", "5:00")  # fmt: skip
    assert out.returncode == 1 and "不能计时扣分" in out.stderr
    assert events(speech) == before
    shown = run_json(speech, "contest", "show", "演讲比赛")
    assert [e["name"] for e in shown["events"]] == [""]
    assert "clock" not in json.dumps(shown)
