"""RULES.md §2 — motions (表决事项): the pass rule and the count checks."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.rules.motion import (
    HANDS,
    SECRET,
    MotionCount,
    count_choices,
    count_problems,
    method_problems,
    motion_base,
    motion_result,
    sum_counts,
)
from models.rules.thresholds import GT, GTE


def keys(problems):
    return [p.key for p in problems]


def hands(yes, no=0, abstain=0):
    return MotionCount(yes=yes, no=no, abstain=abstain)


def secret(yes, no=0, abstain=0, *, invalid=0, returned=None, issued=None):
    returned = yes + no + abstain + invalid if returned is None else returned
    issued = returned if issued is None else issued
    return MotionCount(yes, no, abstain, issued=issued, returned=returned, invalid=invalid)


# --- the pass rule: 2*赞成 > 应到 by default (《企业民主管理规定》§20) ---------------------


@pytest.mark.parametrize(
    ("yes", "due", "passed", "on_line"),
    [
        pytest.param(50, 100, False, True, id="exactly-half-of-due-fails"),
        pytest.param(51, 100, True, False, id="one-more-passes"),
        pytest.param(49, 100, False, False, id="below-half"),
        pytest.param(50, 101, False, False, id="odd-due-below"),
        pytest.param(51, 101, True, False, id="odd-due-majority"),
        pytest.param(100, 100, True, False, id="unanimous"),
        pytest.param(0, 100, False, False, id="nobody-for"),
    ],
)
def test_default_base_is_due_with_more_than_half(yes, due, passed, on_line):
    result = motion_result(hands(yes), due=due, present=due)
    assert result.passed is passed
    assert result.exactly_on_line is on_line
    assert result.base_kind == "due" and result.base == due
    assert result.comparator == GT


@pytest.mark.parametrize(("due", "threshold"), [(100, 51), (101, 51), (180, 91), (1, 1), (2, 2)])
def test_default_threshold_is_the_fewest_yes_that_pass(due, threshold):
    result = motion_result(hands(0), due=due, present=due)
    assert result.threshold == threshold
    assert motion_result(hands(threshold), due=due, present=due).passed
    assert not motion_result(hands(threshold - 1), due=due, present=due).passed


def test_absence_and_abstention_count_against_under_the_default():
    # 应到 100, 实到 70: 50 赞成 is a clear majority of those voting but not of all delegates
    count = hands(yes=50, no=5, abstain=15)
    assert not motion_result(count, due=100, present=70).passed
    assert motion_result(count, due=100, present=70, base_kind="present").passed
    assert motion_result(count, due=100, present=70, base_kind="valid").passed


@pytest.mark.parametrize(
    ("yes", "present", "passed", "on_line"),
    [
        pytest.param(35, 70, False, True, id="exactly-half-of-present-fails"),
        pytest.param(36, 70, True, False, id="one-more-passes"),
    ],
)
def test_base_present(yes, present, passed, on_line):
    result = motion_result(hands(yes), due=100, present=present, base_kind="present")
    assert result.base == present
    assert result.passed is passed
    assert result.exactly_on_line is on_line
    assert result.threshold == 36


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "passed", "on_line"),
    [
        pytest.param(30, 20, 10, False, True, id="exactly-half-of-valid-fails"),
        pytest.param(31, 20, 10, True, False, id="one-more-passes"),
        pytest.param(30, 30, 0, False, True, id="even-split"),
    ],
)
def test_base_valid_is_yes_plus_no_plus_abstain(yes, no, abstain, passed, on_line):
    result = motion_result(hands(yes, no, abstain), due=100, present=90, base_kind="valid")
    assert result.valid == result.base == yes + no + abstain
    assert result.passed is passed
    assert result.exactly_on_line is on_line


def test_base_valid_does_not_include_invalid_ballots():
    count = secret(30, 20, 9, invalid=5)
    result = motion_result(count, due=100, present=90, base_kind="valid")
    assert result.base == 59 and result.invalid == 5
    assert result.passed


@pytest.mark.parametrize(
    ("yes", "due", "passed"),
    [
        pytest.param(50, 100, True, id="半数以上-exactly-half-passes"),
        pytest.param(49, 100, False, id="one-less-fails"),
        pytest.param(50, 101, False, id="odd-below"),
        pytest.param(51, 101, True, id="odd-above"),
    ],
)
def test_gte_comparator_includes_exactly_half(yes, due, passed):
    result = motion_result(hands(yes), due=due, present=due, comparator=GTE)
    assert result.passed is passed
    assert result.comparator == GTE


def test_gte_threshold_is_half_rounded_up():
    assert motion_result(hands(0), due=100, present=100, comparator=GTE).threshold == 50
    assert motion_result(hands(0), due=101, present=101, comparator=GTE).threshold == 51


def test_exactly_on_line_is_flagged_even_when_gte_passes_it():
    result = motion_result(hands(50), due=100, present=100, comparator=GTE)
    assert result.passed and result.exactly_on_line


@pytest.mark.parametrize("comparator", [GT, GTE])
@pytest.mark.parametrize("base_kind", ["due", "present", "valid"])
def test_empty_base_never_passes(base_kind, comparator):
    result = motion_result(hands(0), due=0, present=0, base_kind=base_kind, comparator=comparator)
    assert not result.passed


def test_result_carries_every_figure():
    count = secret(60, 10, 5, invalid=3, issued=80)
    result = motion_result(count, due=100, present=85)
    assert (result.yes, result.no, result.abstain, result.valid) == (60, 10, 5, 75)
    assert (result.invalid, result.issued, result.returned) == (3, 80, 78)
    assert (result.due, result.present) == (100, 85)
    assert result.passed and result.threshold == 51


def test_motion_base_choices_and_unknown_base():
    assert motion_base("due", due=1, present=2, valid=3) == 1
    assert motion_base("present", due=1, present=2, valid=3) == 2
    assert motion_base("valid", due=1, present=2, valid=3) == 3
    with pytest.raises(ValueError):
        motion_base("issued", due=1, present=2, valid=3)
    with pytest.raises(ValueError):
        motion_result(hands(1), due=1, present=1, base_kind="returned")


def test_unknown_comparator_is_refused():
    with pytest.raises(ValueError):
        motion_result(hands(1), due=1, present=1, comparator="ge")


# --- count checks: show of hands (举手/鼓掌) ----------------------------------------------


@pytest.mark.parametrize(
    ("count", "present", "expected"),
    [
        pytest.param(hands(60, 20, 10), 90, [], id="sum-equals-present"),
        pytest.param(hands(60, 20, 5), 90, [], id="sum-below-present"),
        pytest.param(hands(0, 0, 0), 90, [], id="nobody-raised"),
        pytest.param(hands(60, 20, 11), 90, ["voting.hands_exceed_present"], id="one-too-many"),
        pytest.param(hands(1), 0, ["voting.hands_exceed_present"], id="nobody-present"),
    ],
)
def test_hands_sum_at_most_present(count, present, expected):
    assert keys(count_problems(count, method=HANDS, present=present)) == expected


def test_hands_exceed_present_names_the_numbers():
    (problem,) = count_problems(hands(60, 20, 11), method=HANDS, present=90)
    assert problem.params == {"valid": 91, "present": 90}


@pytest.mark.parametrize("field", ["issued", "returned", "invalid"], ids=["发出", "收回", "无效"])
def test_hands_refuse_ballot_numbers(field):
    numbers = {"issued": None, "returned": None, "invalid": None, field: 0}
    count = MotionCount(10, 0, 0, **numbers)
    assert keys(count_problems(count, method=HANDS, present=90)) == ["voting.hands_no_ballots"]


@pytest.mark.parametrize("method", [HANDS, SECRET])
@pytest.mark.parametrize(
    "count",
    [
        MotionCount(-1, 0, 0),
        MotionCount(0, -1, 0),
        MotionCount(0, 0, -1),
        MotionCount(1, 0, 0, issued=-1, returned=1, invalid=0),
        MotionCount(1, 0, 0, issued=1, returned=-1, invalid=0),
        MotionCount(1, 0, 0, issued=1, returned=1, invalid=-1),
    ],
    ids=["yes", "no", "abstain", "issued", "returned", "invalid"],
)
def test_negative_numbers_are_refused(method, count):
    assert keys(count_problems(count, method=method, present=90)) == ["voting.negative"]


# --- count checks: secret ballot (无记名投票): 有效+无效 = 收回 ≤ 发出 ≤ 实到 ------------------


@pytest.mark.parametrize(
    "count",
    [
        pytest.param(secret(60, 20, 5, invalid=3), id="all-returned"),
        pytest.param(secret(60, 20, 5, invalid=3, issued=90), id="returned-below-issued"),
        pytest.param(secret(0, 0, 0), id="empty"),
        pytest.param(secret(80, 5, 2, invalid=3), id="issued-equals-present"),
    ],
)
def test_secret_count_that_adds_up(count):
    assert count_problems(count, method=SECRET, present=90) == []


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        pytest.param(
            secret(60, 20, 5, invalid=3, returned=87, issued=88),
            ["voting.returned_mismatch"],
            id="valid-plus-invalid-below-returned",
        ),
        pytest.param(
            secret(60, 20, 5, invalid=3, returned=89, issued=90),
            ["voting.returned_mismatch"],
            id="valid-plus-invalid-above-returned",
        ),
        pytest.param(
            secret(60, 20, 5, invalid=3, issued=87),
            ["voting.returned_exceeds_issued"],
            id="收回-exceeds-发出",
        ),
        pytest.param(
            secret(60, 20, 5, invalid=3, issued=91),
            ["voting.issued_exceeds_present"],
            id="发出-exceeds-实到",
        ),
        pytest.param(
            secret(60, 20, 5, invalid=3, returned=95, issued=91),
            [
                "voting.returned_mismatch",
                "voting.returned_exceeds_issued",
                "voting.issued_exceeds_present",
            ],
            id="everything-wrong",
        ),
    ],
)
def test_secret_count_problems(count, expected):
    assert keys(count_problems(count, method=SECRET, present=90)) == expected


def test_secret_problem_params():
    problems = count_problems(
        secret(60, 20, 5, invalid=3, returned=95, issued=91), method=SECRET, present=90
    )
    assert [p.params for p in problems] == [
        {"valid": 85, "invalid": 3, "returned": 95},
        {"returned": 95, "issued": 91},
        {"issued": 91, "present": 90},
    ]


@pytest.mark.parametrize(
    "numbers",
    [
        {"issued": None, "returned": 10, "invalid": 0},
        {"issued": 10, "returned": None, "invalid": 0},
        {"issued": 10, "returned": 10, "invalid": None},
        {"issued": None, "returned": None, "invalid": None},
    ],
    ids=["no-发出", "no-收回", "no-无效", "none"],
)
def test_secret_needs_every_ballot_number(numbers):
    count = MotionCount(10, 0, 0, **numbers)
    assert keys(count_problems(count, method=SECRET, present=90)) == ["voting.secret_needs_ballots"]


# --- method: 重要事项…应当采用无记名投票 ---------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "important", "expected"),
    [
        pytest.param(HANDS, False, [], id="hands-ordinary"),
        pytest.param(SECRET, False, [], id="secret-ordinary"),
        pytest.param(SECRET, True, [], id="secret-important"),
        pytest.param(HANDS, True, ["voting.important_needs_secret"], id="hands-important-refused"),
        pytest.param("acclaim", False, ["voting.bad_method"], id="unknown-method"),
        pytest.param("acclaim", True, ["voting.bad_method"], id="unknown-method-important"),
    ],
)
def test_method_problems(method, important, expected):
    assert keys(method_problems(method, important)) == expected


# --- counting ballots one by one, and adding delegations -----------------------------------


def test_count_choices_turns_ballots_into_totals():
    choices = ["yes"] * 5 + ["no"] * 3 + ["abstain"] * 2 + ["invalid"] * 1
    count = count_choices(choices, issued=12)
    assert (count.yes, count.no, count.abstain, count.invalid) == (5, 3, 2, 1)
    assert count.returned == 11 and count.issued == 12 and count.valid == 10
    assert count_problems(count, method=SECRET, present=12) == []


def test_count_choices_of_nothing():
    count = count_choices([], issued=None)
    assert count == MotionCount(0, 0, 0, issued=None, returned=0, invalid=0)


def test_count_choices_ignores_order():
    choices = ["yes", "no", "yes", "invalid", "abstain", "yes"]
    assert count_choices(choices, 6) == count_choices(sorted(choices), 6)


def test_sum_counts_of_delegations_by_hands():
    total = sum_counts([hands(10, 2, 1), hands(8, 0, 3), hands(0, 0, 0)])
    assert total == MotionCount(18, 2, 4, issued=None, returned=None, invalid=None)
    assert count_problems(total, method=HANDS, present=24) == []


def test_sum_counts_of_ballot_totals():
    total = sum_counts([secret(5, 1, 0, invalid=1, issued=8), secret(3, 2, 1, invalid=0)])
    assert total == MotionCount(8, 3, 1, issued=14, returned=13, invalid=1)


def test_sum_counts_with_partial_ballot_numbers_treats_missing_as_zero():
    total = sum_counts([MotionCount(1, 0, 0, issued=3), MotionCount(1, 0, 0)])
    assert total.issued == 3 and total.returned is None and total.invalid is None


def test_sum_counts_of_nothing():
    assert sum_counts([]) == MotionCount(0, 0, 0)


# --- properties -----------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    yes=st.integers(0, 500),
    no=st.integers(0, 500),
    abstain=st.integers(0, 500),
    due=st.integers(1, 2000),
)
def test_default_passes_iff_twice_yes_exceeds_due(yes, no, abstain, due):
    result = motion_result(hands(yes, no, abstain), due=due, present=due)
    assert result.passed is (2 * yes > due)
    assert result.exactly_on_line is (2 * yes == due)
    assert result.threshold == due // 2 + 1


@settings(max_examples=200, deadline=None)
@given(
    yes=st.integers(0, 500),
    no=st.integers(0, 500),
    abstain=st.integers(0, 500),
    due=st.integers(0, 2000),
    present=st.integers(0, 2000),
    base_kind=st.sampled_from(["due", "present", "valid"]),
    comparator=st.sampled_from([GT, GTE]),
)
def test_passed_iff_yes_reaches_the_threshold(
    yes, no, abstain, due, present, base_kind, comparator
):
    result = motion_result(
        hands(yes, no, abstain),
        due=due,
        present=present,
        base_kind=base_kind,
        comparator=comparator,
    )
    base = {"due": due, "present": present, "valid": yes + no + abstain}[base_kind]
    assert result.base == base
    expected = 2 * yes > base if comparator == GT else 2 * yes >= base
    assert result.passed is (base > 0 and expected)
    if base > 0:
        assert result.passed is (yes >= result.threshold)
