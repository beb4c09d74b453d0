"""`huiwu congress edit` as users run it: only the options given change, the change is logged
(verify replays it), a bad value is refused with exit 1 and nothing changed."""

import json
import sqlite3

import pytest

from tests.functional.test_cli_badges_rotate import run

NAME = "测试公司第三届职工代表大会第二次会议"


def state(db) -> tuple:
    with sqlite3.connect(db) as conn:
        return (
            conn.execute("SELECT name, kind, term, session, date, venue FROM congress").fetchall(),
            conn.execute("SELECT count(*) FROM event").fetchone()[0],
        )


@pytest.fixture
def hall(tmp_path):
    path = tmp_path / "huiwu.db"
    run(path, "congress", "new", NAME, "--term", "3", "--session", "2", check_code=0)
    return path


def test_edit_changes_only_what_is_given(hall):
    out = run(hall, "congress", "edit", "--date", "2026-03-05", "--venue", "大礼堂", check_code=0)
    assert f"已修改大会「{NAME}」的基本信息" in out.stdout
    data = json.loads(
        run(hall, "congress", "edit", "--session", "3", "--kind", "教代会", "--json").stdout
    )
    assert (data["name"], data["term"], data["session"]) == (NAME, 3, 3)
    assert (data["kind"], data["date"], data["venue"]) == ("jdh", "2026-03-05", "大礼堂")
    run(hall, "verify", check_code=0)


def test_an_empty_option_clears_it(hall):
    run(hall, "congress", "edit", "--venue", "大礼堂", check_code=0)
    data = json.loads(run(hall, "congress", "edit", "--venue", "", "--json").stdout)
    assert data["venue"] is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--date", "2026-02-30"), "日期“2026-02-30”无效"),
        (("--term", "0"), "届次“0”无效"),
        (("--name", " "), "大会名称不能为空"),
        (("--term", "3"), "没有要改的内容"),
        ((), "没有要改的内容"),
    ],
)
def test_a_refused_edit_changes_nothing(hall, args, words):
    before = state(hall)
    out = run(hall, "congress", "edit", *args, check_code=1)
    assert words in out.stderr
    assert state(hall) == before


def test_refusal_in_english_and_as_json(hall):
    out = run(hall, "congress", "edit", "--date", "3/5", "--json", lang="en", check_code=1)
    assert "is not valid" in out.stderr
    assert json.loads(out.stdout)["error"] == "congress.bad_date"


def test_new_refuses_a_bad_date(tmp_path):
    path = tmp_path / "huiwu.db"
    out = run(path, "congress", "new", NAME, "--date", "2026-3-5", check_code=1)
    assert "年-月-日" in out.stderr
    out = run(path, "congress", "settings", check_code=1)
    assert "还没有大会" in out.stderr
