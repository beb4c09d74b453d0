"""Renaming and removing sittings (issue 16: a sitting made by mistake must not stay), on SQLite
and PostgreSQL: each is a logged event with its reason, replayed by verify and followed by the
archive; a sitting anything refers to is never removed."""

import pytest
from sqlalchemy import text

from models import archive as arc
from models import audit
from models.attendance import check_in, record_leave
from models.audit import T_EVENT
from models.congress import (
    T_SITTING,
    check_sitting_name,
    create_sitting,
    current_congress,
    find_sitting,
    list_sittings,
    plan_sitting_removal,
    remove_sitting,
    rename_sitting,
)
from models.errors import Refusal
from models.motions import new_motion, record_count
from models.rules.motion import MotionCount
from models.verify import verify_database
from tests.helpers import add_people, delegates, row_count
from tui.i18n import refusal_text
from tui.verify_text import report_lines, summary_line

FIRST = "第一次全体会议"  # congress_db's sitting
JUNK = "HW1:ABCD:D0001:3f9a"  # what a badge typed into the name field made


def refused(key: str):
    return pytest.raises(Refusal, match=rf"^{key} ")


def unchanged(db) -> tuple:
    return (
        row_count(db, T_SITTING),
        row_count(db, T_EVENT),
        current_congress(db).current_sitting_id,
    )


def names(db) -> list[str]:
    return [s.name for s in list_sittings(db)]


def _failed(report) -> str | None:
    failure = report.first_failure
    return None if failure is None else failure[1].key.removeprefix("verify.check.")


# --- renaming ----------------------------------------------------------------------------------


def test_a_rename_is_logged_with_its_reason_and_verify_follows(congress_db):
    junk = create_sitting(congress_db, JUNK)
    renamed = rename_sitting(
        congress_db,
        junk.id,
        "第二次全体会议",
        reason="扫码误建",
        operator="王会务",
        station="一号台",
    )
    assert renamed.name == "第二次全体会议" and names(congress_db) == [FIRST, "第二次全体会议"]
    event = audit.events(congress_db, "sitting.rename")[0]
    assert event["payload"] == {
        "sitting_id": junk.id,
        "old": JUNK,
        "name": "第二次全体会议",
        "reason": "扫码误建",
    }
    assert event["station"] == "一号台"
    report = verify_database(congress_db)
    assert report.ok, report_lines(report)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("   ", "sitting.empty_name"),
        ("长" * 101, "sitting.name_too_long"),
        (FIRST, "sitting.duplicate"),
        (f"  {JUNK} ", "sitting.same_name"),
    ],
)
def test_a_new_name_is_checked_like_a_new_sittings(congress_db, name, key):
    junk = create_sitting(congress_db, JUNK)
    before = unchanged(congress_db)
    with refused(key):
        rename_sitting(congress_db, junk.id, name, reason="改名")
    with refused(key):
        check_sitting_name(congress_db, name, renaming=junk.id)
    assert unchanged(congress_db) == before


def test_a_name_of_exactly_100_characters_is_taken(congress_db):
    junk = create_sitting(congress_db, JUNK)
    assert rename_sitting(congress_db, junk.id, "长" * 100, reason="改名").name == "长" * 100


def test_a_rename_without_a_reason_is_refused(congress_db):
    junk = create_sitting(congress_db, JUNK)
    before = unchanged(congress_db)
    with refused("common.reason_required"):
        rename_sitting(congress_db, junk.id, "第二次全体会议", reason=" ")
    assert unchanged(congress_db) == before


def test_a_sitting_whose_roll_is_frozen_keeps_its_name(congress_db):
    """The roll's SHA-256, printed on the result, covers the sitting's name."""
    add_people(congress_db, delegates(3))
    for code in ("D0001", "D0002"):
        assert check_in(congress_db, code, station="一号台").ok
    new_motion(congress_db, "关于集体合同草案的决议")
    record_count(congress_db, 1, MotionCount(2, 0, 0), method="hands")
    sitting = find_sitting(congress_db, FIRST)
    with refused("sitting.rename_frozen") as error:
        rename_sitting(congress_db, sitting.id, "第一次大会", reason="改名")
    assert "第1项" in refusal_text(error.value)


# --- removing ----------------------------------------------------------------------------------


def test_removing_the_current_sitting_makes_the_newest_remaining_current(congress_db):
    create_sitting(congress_db, "第二次全体会议")
    junk = create_sitting(congress_db, JUNK)
    plan = plan_sitting_removal(congress_db, junk.id)
    assert plan.was_current and plan.next_current.name == "第二次全体会议"
    done = remove_sitting(congress_db, junk.id, reason="扫码误建", operator="王会务")
    assert done == plan
    assert names(congress_db) == [FIRST, "第二次全体会议"]
    assert current_congress(congress_db).current_sitting_id == plan.next_current.id
    event = audit.events(congress_db, "sitting.remove")[0]
    assert event["payload"] == {
        "sitting_id": junk.id,
        "name": JUNK,
        "reason": "扫码误建",
        "current": plan.next_current.id,
    }
    report = verify_database(congress_db)
    assert report.ok, report_lines(report)


def test_removing_another_sitting_leaves_the_current_one(congress_db):
    junk = create_sitting(congress_db, JUNK)
    second = create_sitting(congress_db, "第二次全体会议")
    done = remove_sitting(congress_db, junk.id, reason="扫码误建")
    assert not done.was_current and done.next_current is None
    assert current_congress(congress_db).current_sitting_id == second.id


def test_the_only_sitting_is_never_removed(congress_db):
    only = find_sitting(congress_db, FIRST)
    before = unchanged(congress_db)
    with refused("sitting.remove_only"):
        remove_sitting(congress_db, only.id, reason="误建")
    assert unchanged(congress_db) == before


def test_a_removal_without_a_reason_is_refused(congress_db):
    junk = create_sitting(congress_db, JUNK)
    before = unchanged(congress_db)
    with refused("common.reason_required"):
        remove_sitting(congress_db, junk.id, reason="")
    assert unchanged(congress_db) == before


def _one_check_in(db):
    add_people(db, delegates(1))
    assert check_in(db, "D0001", station="一号台").ok


def _one_leave(db):
    add_people(db, delegates(1))
    record_leave(db, "D0001", reason="病假")


def _one_failed_scan(db):
    assert check_in(db, "HW1:nonsense", station="一号台").status == "invalid"


@pytest.mark.parametrize(
    ("record", "said"),
    [
        (_one_check_in, "签到 1 条"),
        (_one_leave, "请假 1 条"),
        (_one_failed_scan, "扫码失败记录 1 条"),
    ],
)
def test_a_sitting_anything_refers_to_is_not_removed(congress_db, record, said):
    junk = create_sitting(congress_db, JUNK)
    record(congress_db)
    before = unchanged(congress_db)
    with refused("sitting.remove_in_use") as error:
        remove_sitting(congress_db, junk.id, reason="扫码误建")
    with refused("sitting.remove_in_use"):
        plan_sitting_removal(congress_db, junk.id)
    assert said in refusal_text(error.value).splitlines()[1]
    assert unchanged(congress_db) == before


# --- verify and the archive follow ---------------------------------------------------------------


def test_the_archive_and_the_attendance_sheets_follow(congress_db):
    junk = create_sitting(congress_db, JUNK)
    second = create_sitting(congress_db, "第二次会议")
    remove_sitting(congress_db, junk.id, reason="扫码误建")
    rename_sitting(congress_db, second.id, "第二次全体会议", reason="全称")
    with congress_db.read() as conn:
        document = arc.build_archive(conn, arc.results_in(conn))
    assert document["congress"]["sittings"] == [FIRST, "第二次全体会议"]
    assert [row["sitting"] for row in document["results"]["attendance"]] == [
        FIRST,
        "第二次全体会议",
    ]
    assert verify_database(congress_db).ok


def test_a_sitting_renamed_by_hand_in_sql_is_named(congress_db):
    junk = create_sitting(congress_db, JUNK)
    with congress_db.write() as conn:
        conn.execute(text("UPDATE sitting SET name = '伪造场次' WHERE id = :i"), {"i": junk.id})
    report = verify_database(congress_db)
    assert _failed(report) == "replay_attendance"
    assert "伪造场次" in summary_line(report) and JUNK in summary_line(report)


def test_a_sitting_deleted_by_hand_in_sql_is_named(congress_db):
    junk = create_sitting(congress_db, JUNK)
    with congress_db.write() as conn:
        conn.execute(text("UPDATE congress SET current_sitting_id = NULL"))
        conn.execute(text("DELETE FROM sitting WHERE id = :i"), {"i": junk.id})
    report = verify_database(congress_db)
    assert _failed(report) == "replay_attendance"
    assert JUNK in summary_line(report)
