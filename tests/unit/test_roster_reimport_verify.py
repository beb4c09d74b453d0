"""A roster re-import is a logged, replayed change: verify still passes after a legitimate one,
a category change under a frozen roll is refused (or overridden with a logged reason), and the
same change made by hand in SQL is still named by verify. On SQLite and PostgreSQL."""

import json

import pytest
from sqlalchemy import text

from models import audit
from models.attendance import check_in
from models.audit import T_EVENT
from models.congress import T_PERSON
from models.errors import Refusal
from models.motions import new_motion, record_count
from models.rules.motion import MotionCount
from models.verify import verify_database
from tests.helpers import import_people, row_count
from tui.i18n import refusal_text
from tui.verify_text import report_lines, summary_line

HALL = "第一代表团"
ROSTER = [
    *[(f"V{i}", f"选民{i}", HALL, "正式代表", "一车间") for i in range(1, 7)],
    ("A1", "列席甲", HALL, "列席代表", "机关"),
    ("N1", "缺席乙", HALL, "正式代表", "二车间"),
]


def _failed(report) -> str | None:
    failure = report.first_failure
    return None if failure is None else failure[1].key.removeprefix("verify.check.")


@pytest.fixture
def counted(congress_db, tmp_path):
    """8 due; V1–V5 and the attendee A1 checked in; motion 1 counted by show of hands, so its
    roll froze V1–V5. N1 never came."""
    import_people(congress_db, tmp_path, ROSTER)
    for code in ("V1", "V2", "V3", "V4", "V5", "A1"):
        assert check_in(congress_db, code, station="一号台").ok
    new_motion(congress_db, "关于集体合同草案的决议")
    record_count(congress_db, 1, MotionCount(5, 0, 0), method="hands")
    assert verify_database(congress_db).ok
    return congress_db


def _changed(**rows) -> list[tuple]:
    """ROSTER with some people's rows replaced: code → (name, delegation, category, unit)."""
    return [(code, *rows[code]) if code in rows else (code, *rest) for code, *rest in ROSTER]


def _category(db, code: str) -> str:
    with db.read() as conn:
        return conn.execute(
            text("SELECT category FROM person WHERE code = :c"), {"c": code}
        ).scalar()


def test_a_reimport_after_a_count_is_replayed_and_verify_passes(counted, tmp_path):
    """The attendee A1, checked in but not on the frozen roll, becomes a delegate; N1 (absent)
    becomes staff; V1 on the roll changes name, unit and delegation. Replaying the roll with
    today's categories would count A1 as present then (the tampering verify reported)."""
    rows = _changed(
        A1=("列席甲", HALL, "正式代表", "机关"),
        N1=("缺席乙", HALL, "工作人员", "二车间"),
        V1=("选民一", "第二代表团", "正式代表", "三车间"),
    )
    report = import_people(counted, tmp_path, rows)
    assert report.updated == 3
    checked = verify_database(counted)
    assert checked.ok, report_lines(checked)

    payload = audit.events(counted, "roster.import")[0]["payload"]
    changed = {c["code"]: c for c in payload["people"]["changed"]}
    assert changed["A1"] == {"code": "A1", "category": ["attendee", "delegate"]}
    assert changed["N1"] == {"code": "N1", "category": ["delegate", "staff"]}
    assert changed["V1"] == {
        "code": "V1",
        "name": ["选民1", "选民一"],
        "unit": ["一车间", "三车间"],
        "delegation": [HALL, "第二代表团"],
    }
    assert payload["people"]["added"] == []


def test_a_category_change_on_a_frozen_roll_is_refused_and_nothing_changes(counted, tmp_path):
    before = (row_count(counted, T_PERSON), row_count(counted, T_EVENT))
    rows = _changed(
        V2=("选民2", HALL, "列席代表", "一车间"),
        V1=("选民一", HALL, "正式代表", "一车间"),  # a harmless change in the same file
        N1=("缺席乙", HALL, "工作人员", "二车间"),
    )
    with pytest.raises(Refusal) as refused:
        import_people(counted, tmp_path, [*rows, ("Z9", "新人", "新代表团", "正式代表")])
    assert refused.value.key == "roster.frozen"
    assert refusal_text(refused.value).splitlines()[1] == (
        "第1项表决已冻结名单，选民2（V2）的类别不能从正式代表改为列席代表"
    )
    assert (row_count(counted, T_PERSON), row_count(counted, T_EVENT)) == before
    assert _category(counted, "V2") == "delegate" and _category(counted, "N1") == "delegate"
    assert verify_database(counted).ok


def test_an_override_needs_a_reason_is_logged_and_verify_still_passes(counted, tmp_path):
    rows = _changed(V2=("选民2", HALL, "列席代表", "一车间"))
    with pytest.raises(Refusal, match=r"^common\.reason_required "):
        import_people(counted, tmp_path, rows, override_frozen=True, reason="  ")
    import_people(counted, tmp_path, rows, override_frozen=True, reason="代表资格经审查改为列席")
    assert _category(counted, "V2") == "attendee"
    payload = audit.events(counted, "roster.import")[0]["payload"]
    assert payload["override"] == {
        "reason": "代表资格经审查改为列席",
        "frozen": [
            {"code": "V2", "name": "选民2", "category": ["delegate", "attendee"], "items": [1]}
        ],
    }
    # the roll replayed with V2 still a delegate at the time it froze
    checked = verify_database(counted)
    assert checked.ok, report_lines(checked)


def test_the_same_change_made_by_hand_in_sql_is_named(counted):
    with counted.write() as conn:
        conn.execute(text("UPDATE person SET category = 'staff' WHERE code = 'N1'"))
    report = verify_database(counted)
    assert _failed(report) == "replay_attendance"
    line = summary_line(report)
    assert "名单人员" in line and "N1" in line and "staff" in line


def test_a_hand_edited_unit_of_someone_on_the_roll_is_named(counted):
    with counted.write() as conn:
        conn.execute(text("UPDATE person SET unit = '伪造车间' WHERE code = 'V3'"))
    report = verify_database(counted)
    assert _failed(report) == "replay_attendance"
    assert "V3" in summary_line(report) and "伪造车间" in summary_line(report)


def test_a_person_deleted_by_hand_is_named(counted):
    with counted.write() as conn:
        conn.execute(text("DELETE FROM person WHERE code = 'N1'"))
    report = verify_database(counted)
    assert _failed(report) == "replay_attendance"
    assert "N1" in summary_line(report) and "缺席乙" in summary_line(report)


def test_a_log_from_before_people_were_recorded_takes_the_roster_as_it_is():
    """An older database: its roster.import events carry no per-person detail, so the roster is
    taken as it is (as verify always did) rather than reported as tampered."""
    from models.replay import _people_logged

    old = {"kind": "roster.import", "payload": json.dumps({"added": 3})}
    new = {"kind": "roster.import", "payload": json.dumps({"people": {"added": []}})}
    assert _people_logged([new]) is True
    assert _people_logged([new, old]) is False
    assert _people_logged([]) is False  # people written straight into the tables (tests)
