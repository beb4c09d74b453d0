"""The seat map of the current sitting (models/seats/seat_map.py), on both backends: each seat's
person and state, the figures as the dashboard counts them, a map drawn round roster seats when
no plan is set."""

import pytest

from models.attendance import check_in, check_out, record_leave
from models.congress import create_sitting
from models.errors import Refusal
from models.seats.assigning import assign_seats, set_hall_plan, set_person_seat
from models.seats.labels import hall_seat, presidium_seat
from models.seats.seat_map import ABSENT, EMPTY, IN_HALL, LEAVE, OUT, seat_map
from tests.helpers import add_people, delegates


@pytest.fixture
def hall(congress_db):
    add_people(congress_db, [*delegates(6), ("G1", "嘉宾甲", None, "guest")])
    set_hall_plan(congress_db, 2, 4, aisles=(2,), presidium=2)
    set_person_seat(congress_db, "D0006", "主席台1")
    assign_seats(congress_db)
    return congress_db


def test_each_seat_has_its_person_and_state(hall):
    check_in(hall, "D0001")
    check_in(hall, "D0002")
    check_out(hall, "D0002")
    record_leave(hall, "D0003", reason="出差")
    check_in(hall, "D0006")
    check_in(hall, "G1")
    cells = seat_map(hall).by_seat()
    assert [cells[presidium_seat(n)].state for n in (1, 2)] == [IN_HALL, EMPTY]
    first = cells[hall_seat(1, 1)]
    assert (first.code, first.name, first.delegation, first.state) == (
        "D0001", "代表1", "第一代表团", IN_HALL,
    )  # fmt: skip
    assert cells[hall_seat(1, 2)].state == OUT
    assert cells[hall_seat(1, 3)].state == LEAVE
    assert cells[hall_seat(1, 4)].state == ABSENT
    assert cells[hall_seat(2, 1)].state == ABSENT  # D0005
    assert cells[hall_seat(2, 2)].code == "G1" and cells[hall_seat(2, 2)].state == IN_HALL
    assert cells[hall_seat(2, 4)].state == EMPTY and cells[hall_seat(2, 4)].name is None


def test_the_figures_are_the_dashboards(hall):
    for code in ("D0001", "D0002", "D0006", "G1"):
        check_in(hall, code)
    check_out(hall, "D0002")
    found = seat_map(hall)
    assert (found.in_hall, found.due) == (2, 6)  # the guest is in the hall but not 应到
    assert found.count(IN_HALL) == 3 and found.count(OUT) == 1
    assert len(found.seats) == 2 + 2 * 4 and found.planned


def test_a_new_sitting_starts_everyone_absent(hall):
    check_in(hall, "D0001")
    create_sitting(hall, "第二次全体会议")
    found = seat_map(hall)
    assert found.sitting == "第二次全体会议"
    assert found.count(IN_HALL) == 0 and found.count(ABSENT) == 7


def test_without_a_plan_the_map_is_drawn_round_the_seats_held(congress_db):
    add_people(congress_db, delegates(2))
    set_person_seat(congress_db, "D0001", "3排12座")
    set_person_seat(congress_db, "D0002", "主席台2")
    found = seat_map(congress_db)
    assert not found.planned
    assert (found.plan.rows, found.plan.seats, found.plan.presidium) == (3, 12, 2)
    assert found.by_seat()[hall_seat(3, 12)].code == "D0001"


def test_refused_with_no_seat_at_all(congress_db):
    add_people(congress_db, delegates(2))
    with pytest.raises(Refusal) as refused:
        seat_map(congress_db)
    assert refused.value.key == "seats.no_plan"
