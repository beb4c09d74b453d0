"""Motions (表决事项) on real databases: method and count checks, the pass rule, per-delegation
shows of hands, ballots keyed one by one, the blind second entry and the audit trail (RULES §2)."""

import pytest

from models import audit
from models.errors import Refusal
from models.motions import (
    T_COUNT,
    T_MBALLOT,
    delegations_present,
    delete_motion_ballot,
    motion_outcome,
    new_motion,
    record_count,
    record_motion_ballot,
    second_entry_progress,
)
from models.results import item_outcome, outcome_json
from models.rules.motion import MotionCount
from models.voting import issue, set_counted
from tests.helpers import event_count, row_count, seat_voters

TITLE = "关于集体合同草案的决议"
EAST, WEST = "东区代表团", "西区代表团"


def refused(key: str):
    return pytest.raises(Refusal, match=rf"^{key} ")


def unchanged(db):
    return (row_count(db, T_COUNT), row_count(db, T_MBALLOT), event_count(db))


def secret(yes, no, abstain, *, issued, returned, invalid):
    return MotionCount(yes, no, abstain, issued=issued, returned=returned, invalid=invalid)


@pytest.fixture
def six(congress_db):
    """6 voting delegates due, all present; one ordinary motion (number 1)."""
    seat_voters(congress_db, 6, present=6)
    new_motion(congress_db, TITLE)
    return congress_db


@pytest.fixture
def six_double(congress_db):
    """As ``six``, with the blind second entry: final only once both clerks agree."""
    seat_voters(congress_db, 6, present=6)
    new_motion(congress_db, TITLE, double_entry=True)
    return congress_db


def reopen(db, item=1):
    """A final result is locked: a correction starts with a reopen and its reason."""
    set_counted(db, item, False, reason="计票员报错了数")


@pytest.fixture
def split(congress_db):
    """8 due in two delegations (4 + 4), 6 present: 东区 V1 V3 V5, 西区 V2 V4 V6."""
    seat_voters(congress_db, 8, present=6, delegations=(EAST, WEST))
    new_motion(congress_db, TITLE)
    return congress_db


def test_an_important_motion_refuses_a_show_of_hands(congress_db):
    seat_voters(congress_db, 6, present=6)
    new_motion(congress_db, TITLE, important=True)
    before = unchanged(congress_db)
    with refused("voting.important_needs_secret"):
        record_count(congress_db, 1, MotionCount(6, 0, 0), method="hands")
    assert unchanged(congress_db) == before
    outcome = record_count(
        congress_db, 1, secret(6, 0, 0, issued=6, returned=6, invalid=0), method="secret"
    )
    assert outcome.result.passed and outcome.item.method == "secret"


def test_hands_adding_up_to_more_than_present_are_refused(six):
    before = unchanged(six)
    with refused("voting.hands_exceed_present") as err:
        record_count(six, 1, MotionCount(4, 2, 1), method="hands")
    assert err.value.params == {"valid": 7, "present": 6}
    assert unchanged(six)[:2] == before[:2]


def test_hands_carry_no_ballot_figures(six):
    with refused("voting.hands_no_ballots"):
        record_count(six, 1, secret(3, 0, 0, issued=6, returned=3, invalid=0), method="hands")


def test_a_secret_count_needs_issued_returned_and_invalid(six):
    with refused("voting.secret_needs_ballots"):
        record_count(six, 1, MotionCount(3, 1, 1), method="secret")


def test_a_secret_count_whose_valid_and_invalid_miss_the_returned_is_refused(six):
    before = unchanged(six)
    with refused("voting.returned_mismatch") as err:
        record_count(six, 1, secret(3, 1, 1, issued=6, returned=6, invalid=0), method="secret")
    assert err.value.params == {"valid": 5, "invalid": 0, "returned": 6}
    assert unchanged(six)[:2] == before[:2]


def test_a_secret_count_returning_more_than_issued_is_refused(six):
    with refused("voting.returned_exceeds_issued"):
        record_count(six, 1, secret(4, 1, 0, issued=4, returned=5, invalid=0), method="secret")


def test_a_secret_count_issuing_more_than_present_is_refused(split):
    with refused("voting.issued_exceeds_present") as err:
        record_count(split, 1, secret(4, 1, 0, issued=7, returned=5, invalid=0), method="secret")
    assert err.value.params == {"issued": 7, "present": 6}


def test_negative_figures_are_refused(six):
    with refused("voting.negative"):
        record_count(six, 1, MotionCount(-1, 0, 0), method="hands")


def test_an_unknown_method_is_refused(six):
    with refused("voting.bad_method"):
        record_count(six, 1, MotionCount(1, 0, 0), method="acclaim")


def test_more_than_half_of_due_passes_and_exactly_half_fails_on_the_line(six):
    half = record_count(six, 1, MotionCount(3, 0, 3), method="hands").result
    assert (half.passed, half.exactly_on_line, half.base, half.threshold) == (False, True, 6, 4)
    reopen(six)
    more = record_count(six, 1, MotionCount(4, 0, 2), method="hands").result
    assert (more.passed, more.exactly_on_line) == (True, False)


def test_the_default_base_counts_absence_against(split):
    result = record_count(split, 1, MotionCount(4, 2, 0), method="hands").result
    assert (result.base_kind, result.base, result.due, result.present) == ("due", 8, 8, 6)
    assert not result.passed and result.exactly_on_line


def test_base_present_passes_what_base_due_fails(congress_db):
    seat_voters(congress_db, 8, present=6)
    new_motion(congress_db, TITLE, base="present")
    result = record_count(congress_db, 1, MotionCount(4, 2, 0), method="hands").result
    assert (result.base, result.passed, result.threshold) == (6, True, 4)


def test_base_valid_counts_only_valid_votes(congress_db):
    seat_voters(congress_db, 9, present=6)
    new_motion(congress_db, TITLE, base="valid")
    result = record_count(
        congress_db, 1, secret(2, 1, 0, issued=6, returned=4, invalid=1), method="secret"
    ).result
    assert (result.base, result.passed) == (3, True)


def test_comparator_gte_passes_exactly_half(congress_db):
    seat_voters(congress_db, 6, present=6)
    new_motion(congress_db, TITLE, comparator="gte")
    result = record_count(congress_db, 1, MotionCount(3, 3, 0), method="hands").result
    assert result.passed and result.exactly_on_line


def test_an_unknown_base_or_comparator_is_refused(congress_db):
    with refused("motion.bad_base"):
        new_motion(congress_db, TITLE, base="everyone")
    with refused("motion.bad_comparator"):
        new_motion(congress_db, TITLE, comparator="about")


def test_hands_per_delegation_sum_to_the_total(split):
    record_count(split, 1, MotionCount(3, 0, 0), method="hands", delegation=EAST)
    outcome = record_count(split, 1, MotionCount(2, 1, 0), method="hands", delegation=WEST)
    assert outcome.count == MotionCount(5, 1, 0)
    assert set(outcome.by_delegation) == {EAST, WEST}
    assert outcome.result.passed  # 2*5 > 8
    reopen(split)
    again = record_count(split, 1, MotionCount(1, 1, 1), method="hands", delegation=WEST)
    assert again.count == MotionCount(4, 1, 1)  # a delegation's line is replaced, not added


def test_a_count_missing_a_delegation_present_is_not_final(split):
    outcome = record_count(split, 1, MotionCount(3, 0, 0), method="hands", delegation=EAST)
    assert outcome.missing_delegations == (WEST,) and not outcome.final
    assert delegations_present(split, 1) == {EAST: 3, WEST: 3}
    outcome = record_count(split, 1, MotionCount(2, 1, 0), method="hands", delegation=WEST)
    assert outcome.missing_delegations == () and outcome.final


def test_a_delegation_raising_more_hands_than_it_has_present_is_refused(split):
    before = unchanged(split)
    with refused("voting.hands_exceed_present") as err:
        record_count(split, 1, MotionCount(3, 1, 0), method="hands", delegation=EAST)
    assert err.value.params == {"valid": 4, "present": 3}
    assert unchanged(split)[:2] == before[:2]


def test_an_unknown_delegation_is_refused(split):
    with refused("motion.no_such_delegation"):
        record_count(split, 1, MotionCount(1, 0, 0), method="hands", delegation="北区代表团")


def test_delegation_lines_need_a_show_of_hands(split):
    with refused("motion.delegation_needs_hands"):
        record_count(
            split,
            1,
            secret(1, 0, 0, issued=1, returned=1, invalid=0),
            method="secret",
            delegation=EAST,
        )


def test_a_delegation_line_after_a_total_is_refused(split):
    record_count(split, 1, MotionCount(5, 0, 0), method="hands")
    reopen(split)
    with refused("motion.total_exists"):
        record_count(split, 1, MotionCount(1, 0, 0), method="hands", delegation=EAST)


def test_keying_ballots_needs_the_issued_count_first(six):
    before = unchanged(six)
    with refused("voting.issue_first"):
        record_motion_ballot(six, 1, "yes")
    assert unchanged(six) == before


def test_ballots_keyed_one_by_one_stop_at_the_issued_count_and_give_the_result(six):
    issue(six, 1, 5)
    choices = ["yes", "yes", "yes", "yes", "invalid"]
    assert [record_motion_ballot(six, 1, c) for c in choices] == [1, 2, 3, 4, 5]
    with refused("voting.result_final"):  # every ballot issued is in: the result is final
        record_motion_ballot(six, 1, "no")
    reopen(six)
    with refused("voting.returned_exceeds_issued") as err:
        record_motion_ballot(six, 1, "no")
    assert err.value.params == {"returned": 6, "issued": 5}
    outcome = motion_outcome(six, 1)
    assert outcome.ballots_keyed == 5 and outcome.item.method == "secret"
    assert outcome.count == secret(4, 0, 0, issued=5, returned=5, invalid=1)
    assert outcome.result.passed  # 2*4 > 6
    assert outcome.final


def test_issued_cannot_drop_below_the_ballots_already_keyed(six):
    issue(six, 1, 5)
    for choice in ("yes", "no", "abstain"):
        record_motion_ballot(six, 1, choice)
    before = unchanged(six)
    with refused("voting.issued_below_keyed") as err:
        issue(six, 1, 2)
    assert err.value.params == {"issued": 2, "keyed": 3}
    assert unchanged(six) == before
    assert issue(six, 1, 3).issued == 3  # exactly the ballots keyed is fine


def test_a_bad_choice_or_a_duplicate_ballot_number_is_refused(six):
    issue(six, 1, 5)
    with refused("motion.bad_choice"):
        record_motion_ballot(six, 1, "maybe")
    record_motion_ballot(six, 1, "no", number=3)
    with refused("ballot.duplicate_number"):
        record_motion_ballot(six, 1, "yes", number=3)
    assert record_motion_ballot(six, 1, "yes") == 4


def test_deleting_a_keyed_ballot_needs_a_reason_and_is_audited(six):
    issue(six, 1, 3)
    record_motion_ballot(six, 1, "yes")
    record_motion_ballot(six, 1, "no")
    with refused("common.reason_required"):
        delete_motion_ballot(six, 1, 2, reason="  ")
    with refused("ballot.no_such_number"):
        delete_motion_ballot(six, 1, 9, reason="录错")
    delete_motion_ballot(six, 1, 2, reason="录错")
    assert audit.events(six, "motion.ballot_undo", limit=1)[0]["payload"]["reason"] == "录错"
    assert motion_outcome(six, 1).count.no == 0


def test_ballots_after_a_counted_total_are_refused(six):
    issue(six, 1, 6)
    record_count(six, 1, secret(5, 0, 0, issued=6, returned=5, invalid=0), method="secret")
    reopen(six)
    with refused("motion.counts_exist"):
        record_motion_ballot(six, 1, "yes")


def test_a_differing_second_entry_is_not_final_and_names_the_fields(six_double):
    six = six_double
    count = secret(4, 1, 0, issued=6, returned=6, invalid=1)
    record_count(six, 1, count, method="secret")
    other = secret(3, 2, 0, issued=6, returned=6, invalid=1)
    outcome = record_count(six, 1, other, method="secret", entry=2)
    assert not outcome.final and outcome.entries == (1, 2)
    assert [(d.where, d.key, d.first, d.second) for d in outcome.differences] == [
        ("field", "yes", "4", "3"),
        ("field", "no", "1", "2"),
    ]
    fixed = record_count(six, 1, count, method="secret", entry=2)
    assert fixed.final and fixed.differences == ()


def test_second_entry_differences_per_delegation_are_named(split):
    record_count(split, 1, MotionCount(3, 0, 0), method="hands", delegation=EAST)
    record_count(split, 1, MotionCount(2, 0, 0), method="hands", delegation=EAST, entry=2)
    outcome = motion_outcome(split, 1)
    assert [(d.where, d.key) for d in outcome.differences] == [
        ("delegation", f"{EAST}:yes"),
        ("field", "yes"),
    ]


def test_second_entry_ballots_are_compared_by_ballot_number(six_double):
    six = six_double
    issue(six, 1, 3)
    for choice in ("yes", "no", "abstain"):
        record_motion_ballot(six, 1, choice)
    for choice in ("yes", "yes"):
        record_motion_ballot(six, 1, choice, entry=2)
    assert second_entry_progress(six, 1) == 2
    outcome = motion_outcome(six, 1)
    assert [(d.where, d.key, d.first, d.second) for d in outcome.differences] == [
        ("ballot", "2", "no", "yes"),
        ("ballot", "3", "abstain", None),
    ]
    assert not outcome.final


def test_the_second_entry_must_use_the_same_method(six_double):
    six = six_double
    record_count(six, 1, MotionCount(4, 0, 0), method="hands")
    with refused("motion.method_differs"):
        record_count(
            six, 1, secret(4, 0, 0, issued=4, returned=4, invalid=0), method="secret", entry=2
        )


def test_a_bad_entry_number_is_refused(six):
    with refused("voting.bad_entry"):
        record_count(six, 1, MotionCount(4, 0, 0), method="hands", entry=3)


def test_a_double_entry_motion_is_final_only_once_entry_two_agrees(congress_db):
    seat_voters(congress_db, 6, present=6)
    new_motion(congress_db, TITLE, double_entry=True)
    first = record_count(congress_db, 1, MotionCount(5, 1, 0), method="hands")
    assert first.result.passed and not first.final
    wrong = record_count(congress_db, 1, MotionCount(5, 0, 1), method="hands", entry=2)
    assert not wrong.final and wrong.differences
    agreed = record_count(congress_db, 1, MotionCount(5, 1, 0), method="hands", entry=2)
    assert agreed.final


def test_every_change_writes_an_audit_event(congress_db):
    seat_voters(congress_db, 6, present=6)
    steps = [
        (lambda: new_motion(congress_db, TITLE), ["motion.new"]),
        (
            lambda: record_count(congress_db, 1, MotionCount(4, 0, 0), method="hands"),
            ["vote.roll", "motion.count", "vote.final"],
        ),
        (lambda: new_motion(congress_db, "关于财务报告的决议"), ["motion.new"]),
        (lambda: issue(congress_db, 2, 2), ["vote.roll", "vote.issue"]),
        (lambda: record_motion_ballot(congress_db, 2, "yes"), ["motion.ballot"]),
        (
            lambda: delete_motion_ballot(congress_db, 2, 1, reason="录错"),
            ["motion.ballot_undo"],
        ),
    ]
    for step, kinds in steps:
        before = event_count(congress_db)
        step()
        new = audit.events(congress_db, limit=event_count(congress_db) - before)
        assert [e["kind"] for e in reversed(new)] == kinds
    assert audit.verify(congress_db).ok


def test_outcome_json_carries_the_cli_contract_keys(six):
    record_count(six, 1, MotionCount(3, 2, 1), method="hands")
    body = outcome_json(item_outcome(six, TITLE))
    contract = {"passed", "yes", "no", "abstain", "base", "threshold", "exactly_on_line"}
    assert contract <= body.keys()
    assert (body["passed"], body["yes"], body["threshold"], body["exactly_on_line"]) == (
        False,
        3,
        4,
        True,
    )
    assert body["roll"]["due"] == 6 and len(body["roll"]["sha256"]) == 64
