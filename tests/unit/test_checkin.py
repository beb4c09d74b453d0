import json

import pytest
from sqlalchemy import func, select

from models import audit
from models.attendance import (
    T_CHECKIN,
    T_FAILED,
    attendance,
    cancel_leave,
    check_in,
    delegation_progress,
    record_leave,
    search_people,
    undo_checkin,
)
from models.congress import create_congress, create_sitting
from models.errors import Refusal
from tests.helpers import add_people, badge, delegates


@pytest.fixture
def roster_db(congress_db):
    add_people(
        congress_db,
        [
            *delegates(3),
            ("Z1", "张三丰", "第二代表团", "delegate"),
            ("L1", "列席甲", None, "attendee"),
            ("G1", "特邀乙", None, "guest"),
            ("S1", "工作丙", None, "staff"),
        ],
    )
    return congress_db


def checkin_count(db) -> int:
    with db.read() as conn:
        return conn.execute(select(func.count()).select_from(T_CHECKIN)).scalar_one()


def test_scan_checks_in_once_and_reports_the_second_scan(roster_db):
    text = badge(roster_db, "D0001")
    first = check_in(roster_db, text, station="1号台", method="scan")
    assert first.status == "ok" and first.name == "代表1" and first.delegation == "第一代表团"
    second = check_in(roster_db, text, station="2号台", method="scan")
    assert second.status == "already"
    assert second.station == "1号台" and second.at == first.at
    assert checkin_count(roster_db) == 1


def test_forged_foreign_and_junk_badges_are_refused_and_change_nothing(roster_db):
    genuine = badge(roster_db, "D0001")
    forged = genuine.replace(":D0001:", ":D0002:")
    results = [
        check_in(roster_db, forged, method="scan"),
        check_in(roster_db, "HW1:OTHERCON:D0001:AAAAAAAAAAAAAAAA", method="scan"),
        check_in(roster_db, "x" * 5000, method="scan"),
        check_in(roster_db, "D0001", method="scan"),  # a bare code is not a badge
        check_in(roster_db, "'; DROP TABLE person; --", method="scan"),
    ]
    assert [(r.status, r.reason) for r in results] == [
        ("invalid", "forged"),
        ("invalid", "foreign"),
        ("invalid", "malformed"),
        ("invalid", "malformed"),
        ("invalid", "malformed"),
    ]
    assert checkin_count(roster_db) == 0
    with roster_db.read() as conn:
        raws = conn.execute(select(T_FAILED.c.raw, T_FAILED.c.reason)).all()
    assert len(raws) == 5 and all(len(raw) <= 500 for raw, _ in raws)


def test_badge_of_another_congress_in_the_same_database_is_foreign(roster_db):
    old_badge = badge(roster_db, "D0001")
    create_congress(roster_db, "另一次大会")
    create_sitting(roster_db, "预备会议")
    add_people(roster_db, delegates(1))
    result = check_in(roster_db, old_badge, method="scan")
    assert (result.status, result.reason) == ("invalid", "foreign")


def test_full_width_scan_from_an_ime_checks_in(roster_db):
    text = badge(roster_db, "Z1")
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    assert check_in(roster_db, full_width, method="scan").status == "ok"


def test_bare_code_is_a_manual_checkin(roster_db):
    result = check_in(roster_db, "d0002")
    assert result.status == "ok" and result.method == "manual"
    assert check_in(roster_db, "NOBODY").status == "unknown"


def test_leave_blocks_checkin_and_counts_as_absent_for_the_quorum(roster_db):
    record_leave(roster_db, "D0003", reason="因病住院")
    assert check_in(roster_db, badge(roster_db, "D0003"), method="scan").status == "on_leave"
    with pytest.raises(Refusal) as refused:
        record_leave(roster_db, "D0003", reason="again")
    assert refused.value.key == "leave.duplicate"
    check_in(roster_db, "D0001")
    with pytest.raises(Refusal) as present:
        record_leave(roster_db, "D0001", reason="x")
    assert present.value.key == "leave.already_present"
    figures = attendance(roster_db).figures
    assert (figures.due, figures.present, figures.leave, figures.absent) == (4, 1, 1, 2)
    cancel_leave(roster_db, "D0003", reason="到会了")
    assert check_in(roster_db, "D0003").status == "ok"


def test_only_voting_delegates_count_and_nonvoting_attendees_are_counted_apart(roster_db):
    for code in ("L1", "G1", "S1", "D0001"):
        assert check_in(roster_db, code).status == "ok"
    figures = attendance(roster_db).figures
    assert figures.due == 4
    assert figures.present == 1
    assert figures.nonvoting_present == 2  # 列席 + 特邀; staff are not attendees
    progress = {p.delegation: (p.due, p.present) for p in delegation_progress(roster_db)}
    assert progress == {"第一代表团": (3, 1), "第二代表团": (1, 0)}


def test_undo_needs_a_reason_and_is_audited(roster_db):
    check_in(roster_db, "D0001", station="1号台")
    with pytest.raises(Refusal):
        undo_checkin(roster_db, reason="  ", station="1号台")
    undone = undo_checkin(roster_db, reason="扫错人了", station="1号台")
    assert undone.code == "D0001"
    assert checkin_count(roster_db) == 0
    last = audit.events(roster_db, "checkin.undo", limit=1)[0]
    assert last["payload"]["reason"] == "扫错人了"
    with pytest.raises(Refusal) as nothing:
        undo_checkin(roster_db, reason="x", station="1号台")
    assert nothing.value.key == "undo.nothing"


def test_every_change_is_in_the_audit_chain_and_tampering_is_found(roster_db):
    check_in(roster_db, "D0001")
    check_in(roster_db, "D0002")
    report = audit.verify(roster_db)
    assert report.ok
    kinds = [e["kind"] for e in audit.events(roster_db)]
    assert kinds.count("checkin") == 2
    from models.audit import T_EVENT

    with roster_db.write() as conn:
        row = conn.execute(select(T_EVENT).where(T_EVENT.c.kind == "checkin")).first()
        payload = json.loads(row.payload)
        payload["code"] = "D0003"
        conn.execute(
            T_EVENT.update()
            .where(T_EVENT.c.id == row.id)
            .values(payload=json.dumps(payload, ensure_ascii=False))
        )
    broken = audit.verify(roster_db)
    assert not broken.ok and broken.broken_id == row.id and broken.problem == "audit.hash_mismatch"


def test_search_by_pinyin_initials_name_and_code(roster_db):
    assert [p.name for p in search_people(roster_db, "zsf")] == ["张三丰"]
    assert [p.name for p in search_people(roster_db, "三丰")] == ["张三丰"]
    assert [p.code for p in search_people(roster_db, "z1")] == ["Z1"]
    assert search_people(roster_db, "%") == []


def test_no_sitting_is_a_clear_refusal(db):
    create_congress(db, "大会")
    with pytest.raises(Refusal) as refused:
        check_in(db, "D0001")
    assert refused.value.key == "sitting.none"


def test_no_congress_is_a_clear_refusal(db):
    with pytest.raises(Refusal) as refused:
        check_in(db, "D0001")
    assert refused.value.key == "congress.none"
