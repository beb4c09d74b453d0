"""Changing a congress's details (issue 17: set-up without a command line), on SQLite and
PostgreSQL: checked as a new congress's are, logged with old and new values, replayed by verify;
a date must be a real YYYY-MM-DD date."""

import json

import pytest
from sqlalchemy import select, text

from models.audit import T_EVENT
from models.congress import clean_date, create_congress, current_congress, update_congress
from models.errors import Refusal
from models.verify import verify_database
from models.voting import set_setting
from tui.verify_text import summary_line


def refused(key: str):
    return pytest.raises(Refusal, match=rf"^{key} ")


def _failed(report) -> str | None:
    failure = report.first_failure
    return None if failure is None else failure[1].key.removeprefix("verify.check.")


def events(db, kind: str) -> list[dict]:
    with db.read() as conn:
        payloads = conn.execute(select(T_EVENT.c.payload).where(T_EVENT.c.kind == kind)).scalars()
        return [json.loads(p) for p in payloads]


@pytest.mark.parametrize(
    "value", ["2026-02-30", "2026-13-01", "3月5日", "20260305", "2026-3-5", "2026-W10-4"]
)
def test_a_date_that_is_not_a_real_yyyy_mm_dd_is_refused(value):
    with refused("congress.bad_date"):
        clean_date(value)


def test_a_real_date_and_no_date():
    assert clean_date(" 2028-02-29 ") == "2028-02-29"  # a leap day is a real date
    assert clean_date("") is None and clean_date(None) is None


def test_new_congress_logs_its_date_and_venue(db):
    create_congress(db, "一届一次", date="2026-03-05", venue="礼堂")
    (payload,) = events(db, "congress.new")
    assert payload["date"] == "2026-03-05" and payload["venue"] == "礼堂"


def test_a_bad_date_creates_nothing(db):
    with refused("congress.bad_date"):
        create_congress(db, "一届一次", date="2026-02-30")
    with refused("congress.none"):
        current_congress(db)
    assert events(db, "congress.new") == []


def test_update_changes_and_logs_old_and_new(congress_db):
    info = update_congress(
        congress_db,
        name="测试公司第四届职工代表大会第一次会议",
        term=4,
        session=1,
        date="2026-03-05",
        venue="  大礼堂 ",
        kind="教代会",
        operator="王",
        station="一号台",
    )
    assert (info.name, info.term, info.session) == ("测试公司第四届职工代表大会第一次会议", 4, 1)
    assert (info.kind, info.date, info.venue) == ("jdh", "2026-03-05", "大礼堂")
    assert current_congress(congress_db) == info
    (payload,) = events(congress_db, "congress.update")
    assert payload["changes"]["term"] == [3, 4]
    assert payload["changes"]["kind"] == ["zdh", "jdh"]
    assert payload["changes"]["date"] == [None, "2026-03-05"]
    assert verify_database(congress_db).ok


def test_only_what_changes_is_logged_and_nothing_new_is_refused(congress_db):
    update_congress(congress_db, term=3, session=5)
    (payload,) = events(congress_db, "congress.update")
    assert payload["changes"] == {"session": [2, 5]}
    with refused("congress.unchanged"):
        update_congress(congress_db, term=3, session=5)
    with refused("congress.unchanged"):
        update_congress(congress_db)


def test_a_cleared_venue_and_date(congress_db):
    update_congress(congress_db, date="2026-03-05", venue="礼堂")
    info = update_congress(congress_db, date="", venue=" ")
    assert info.date is None and info.venue is None
    assert verify_database(congress_db).ok


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"name": "  "}, "congress.empty_name"),
        ({"name": "名" * 201}, "congress.name_too_long"),
        ({"kind": "运动会"}, "congress.bad_kind"),
        ({"term": 0}, "congress.bad_term"),
        ({"session": 100}, "congress.bad_term"),
        ({"date": "2026-02-29"}, "congress.bad_date"),  # 2026 is no leap year
        ({"venue": "地" * 201}, "congress.venue_too_long"),
    ],
)
def test_a_refused_change_changes_nothing(congress_db, fields, key):
    before = current_congress(congress_db)
    with refused(key):
        update_congress(congress_db, **fields)
    assert current_congress(congress_db) == before
    assert events(congress_db, "congress.update") == []


def test_edge_values_are_taken(congress_db):
    info = update_congress(congress_db, name="名" * 200, term=99, session=1, venue="地" * 200)
    assert info.term == 99 and len(info.name) == 200
    assert verify_database(congress_db).ok


def test_a_name_changed_behind_the_log_is_named(congress_db):
    update_congress(congress_db, name="正式名称")
    with congress_db.write() as conn:
        conn.execute(text("UPDATE congress SET name = '伪造名称'"))
    report = verify_database(congress_db)
    assert _failed(report) == "replay_congress"
    assert "伪造名称" in summary_line(report) and "正式名称" in summary_line(report)


def test_a_date_changed_behind_the_log_is_named(congress_db):
    with congress_db.write() as conn:
        conn.execute(text("UPDATE congress SET date = '2020-01-01'"))
    report = verify_database(congress_db)
    assert _failed(report) == "replay_congress"
    assert "大会基本信息" in summary_line(report)


def test_settings_are_replayed(congress_db):
    set_setting(congress_db, "motion.base", "present")
    set_setting(congress_db, "election.rate", "10%")
    assert verify_database(congress_db).ok
    with congress_db.write() as conn:
        conn.execute(text("UPDATE congress_setting SET value = 'valid' WHERE key = 'motion.base'"))
    report = verify_database(congress_db)
    assert _failed(report) == "replay_congress"
    assert "表决设置" in summary_line(report)
