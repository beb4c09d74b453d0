import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.rules.attendance import Attendance, quorum_met, quorum_required


@pytest.mark.parametrize(
    ("present", "due", "met"),
    [
        (120, 180, True),  # exactly two-thirds: 以上 includes the line
        (119, 180, False),
        (200, 300, True),
        (199, 300, False),
        (2, 3, True),
        (1, 2, False),
        (0, 0, False),  # nobody due: never a quorum
    ],
)
def test_quorum_is_two_thirds_or_more(present, due, met):
    assert quorum_met(present, due) is met


@given(st.integers(min_value=1, max_value=100_000))
def test_required_is_the_smallest_count_that_meets_the_quorum(due):
    required = quorum_required(due)
    assert quorum_met(required, due)
    assert not quorum_met(required - 1, due)


def test_absent_is_due_minus_present_minus_leave():
    figures = Attendance(due=180, present=120, leave=7, nonvoting_present=5)
    assert figures.absent == 53
    assert figures.quorum_met and figures.missing == 0
    assert Attendance(180, 119, 0, 0).missing == 1


@pytest.mark.parametrize(
    ("present", "due", "met", "on_line"),
    [
        (200, 300, True, True),
        (199, 300, False, False),
        (201, 300, True, False),
        (0, 0, False, False),
    ],
)
def test_quorum_exactly_two_thirds_is_met_and_flagged(present, due, met, on_line):
    figures = Attendance(due=due, present=present, leave=0, nonvoting_present=0)
    assert figures.quorum_met is met and figures.quorum_on_line is on_line
