"""A person's state at the current sitting, read fresh for F3 and Shift+F4 (SQLite and
PostgreSQL), and the ⚠ answer's first check-in in JSON."""

import pytest

from models.attendance import cancel_leave, check_in, record_leave, sitting_state, undo_checkin
from models.errors import Refusal
from tests.helpers import add_people, delegates


@pytest.fixture
def roster_db(congress_db):
    add_people(congress_db, delegates(3))
    return congress_db


def test_absent_person_is_neither_present_nor_on_leave(roster_db):
    state = sitting_state(roster_db, "D0001")
    assert (state.code, state.checked_in_at, state.checked_station, state.on_leave) == (
        "D0001",
        None,
        None,
        False,
    )


def test_checked_in_person_carries_time_and_desk_of_the_check_in(roster_db):
    first = check_in(roster_db, "D0001", station="2号台")
    state = sitting_state(roster_db, "d0001 ")  # typed codes are normalised like a scan
    assert state.checked_in_at == first.at and state.checked_station == "2号台"
    assert not state.on_leave


def test_leave_then_cancel_then_undo_follow_in_the_state(roster_db):
    record_leave(roster_db, "D0002", reason="出差")
    assert sitting_state(roster_db, "D0002").on_leave
    cancel_leave(roster_db, "D0002", reason="提前返回")
    assert not sitting_state(roster_db, "D0002").on_leave
    check_in(roster_db, "D0002", station="1号台")
    undo_checkin(roster_db, reason="扫错", code="D0002")
    assert sitting_state(roster_db, "D0002").checked_in_at is None


def test_unknown_person_is_refused(roster_db):
    with pytest.raises(Refusal) as refused:
        sitting_state(roster_db, "NOPE")
    assert refused.value.key == "leave.unknown"


def test_already_json_names_the_first_check_in_and_keeps_the_old_keys(roster_db):
    first = check_in(roster_db, "D0003", station="1号台")
    again = check_in(roster_db, "D0003", station="2号台").as_json()
    assert again["status"] == "already"
    assert again["first_at"] == again["at"] == first.at
    assert again["first_station"] == again["station"] == "1号台"
    assert "first_at" not in first.as_json()  # an ok scan has no earlier check-in
