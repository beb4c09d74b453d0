"""Voting items on real databases: the quorum gate, the frozen roll and its digest, numbering and
addressing, and refusals that change nothing (RULES.md §1–§4)."""

import pytest
from sqlalchemy import update

from models import audit
from models.appraisals import appraisal_outcome, new_appraisal
from models.congress import T_CONGRESS
from models.elections import election_outcome, new_election
from models.errors import Refusal
from models.motions import motion_outcome, new_motion, record_count
from models.results import item_outcome
from models.rules.motion import MotionCount
from models.voting import (
    T_ITEM,
    T_ROLL,
    T_ROLL_MEMBER,
    issue,
    list_items,
    load_item,
    roll_codes,
    roll_digest,
)
from tests.helpers import add_people, check_in_codes, event_count, row_count, seat_voters

SITTING = "第一次全体会议"  # the congress_db fixture's sitting
FIXED_UID = "ROLLTEST"
# roll_digest(FIXED_UID, SITTING, ["V0001", "V0002", "V0003", "V0004"]), pinned so both backends
# must produce the very same bytes.
PINNED_DIGEST = "7acb8e108ac3b8b1db560821b461bc844e209ff7c0e9ff8d50a5db8616bc58bf"


def election(db, title="工会委员会选举"):
    return new_election(db, title, seats=1, candidates="甲,乙", order="given")


def refused(key: str):
    return pytest.raises(Refusal, match=rf"^{key} ")


def state(db) -> tuple[int, int, int, int]:
    return (
        row_count(db, T_ITEM),
        row_count(db, T_ROLL),
        row_count(db, T_ROLL_MEMBER),
        event_count(db),
    )


def test_issue_is_refused_below_two_thirds_and_changes_nothing(congress_db):
    seat_voters(congress_db, 6, present=3)
    election(congress_db)
    before = state(congress_db)
    with refused("voting.no_quorum") as err:
        issue(congress_db, 1, 3)
    assert err.value.params == {"present": 3, "due": 6, "required": 4}
    assert state(congress_db) == before
    assert election_outcome(congress_db, 1).item.roll is None


def test_motion_count_is_refused_below_two_thirds(congress_db):
    seat_voters(congress_db, 6, present=3)
    new_motion(congress_db, "关于集体合同草案的决议")
    before = state(congress_db)
    with refused("voting.no_quorum"):
        record_count(congress_db, 1, MotionCount(3, 0, 0), method="hands")
    assert state(congress_db) == before
    assert motion_outcome(congress_db, 1).result is None


def test_counting_starts_exactly_at_two_thirds(congress_db):
    seat_voters(congress_db, 6, present=4)  # 3*4 == 2*6
    item = issue(congress_db, election(congress_db).number, 4)
    assert [s.counting for s in list_items(congress_db)] == [True]
    assert (item.roll.due, item.roll.present, item.roll.sitting) == (6, 4, SITTING)
    assert item.issued == 4
    assert [e["kind"] for e in audit.events(congress_db, "vote.", limit=2)] == [
        "vote.issue",
        "vote.roll",
    ]


def test_only_voting_delegates_are_on_the_roll(congress_db):
    codes = seat_voters(congress_db, 3, present=1)
    add_people(congress_db, [("L1", "列席甲", None, "attendee"), ("G1", "特邀乙", None, "guest")])
    check_in_codes(congress_db, ["L1", "G1"])
    with refused("voting.no_quorum"):  # the attendee and the guest do not make it 3 of 3
        issue(congress_db, election(congress_db).number, 1)
    check_in_codes(congress_db, codes[1:])
    roll = issue(congress_db, 1, 3).roll
    assert (roll.due, roll.present) == (3, 3)
    with congress_db.read() as conn:
        assert roll_codes(conn, roll.id) == codes


def test_the_roll_is_frozen_once_and_later_check_ins_do_not_change_it(congress_db):
    codes = seat_voters(congress_db, 6, present=4)
    first = issue(congress_db, election(congress_db).number, 3).roll
    check_in_codes(congress_db, codes[4:])
    again = issue(congress_db, 1, 4).roll
    assert again == first
    with congress_db.read() as conn:
        assert roll_codes(conn, first.id) == codes[:4]
    later = issue(congress_db, election(congress_db, "经费审查委员会选举").number, 6).roll
    assert (later.present, first.present) == (6, 4)
    assert later.id != first.id and later.sha256 != first.sha256


def test_roll_sha256_is_the_digest_of_the_sorted_codes_on_every_backend(congress_db):
    with congress_db.write() as conn:
        conn.execute(update(T_CONGRESS).values(uid=FIXED_UID))
    codes = seat_voters(congress_db, 6, present=0)
    check_in_codes(congress_db, list(reversed(codes[:4])))  # arrival order is irrelevant
    roll = issue(congress_db, election(congress_db).number, 4).roll
    assert roll.sha256 == roll_digest(FIXED_UID, SITTING, codes[:4])
    assert roll.sha256 == roll_digest(FIXED_UID, SITTING, list(reversed(codes[:4])))
    assert roll.sha256 == PINNED_DIGEST


def test_items_are_numbered_in_one_sequence_across_kinds(congress_db):
    assert new_motion(congress_db, "关于工作报告的决议").number == 1
    assert election(congress_db).number == 2
    assert new_appraisal(congress_db, "民主评议", subjects=["张三"]).number == 3
    assert [(s.number, s.kind) for s in list_items(congress_db)] == [
        (1, "motion"),
        (2, "election"),
        (3, "appraisal"),
    ]
    assert [s.number for s in list_items(congress_db, "election")] == [2]
    assert not any(s.counting for s in list_items(congress_db))


def test_an_item_is_addressed_by_number_or_by_title(congress_db):
    new_motion(congress_db, "关于工作报告的决议")
    election(congress_db, "工会委员会选举")
    assert motion_outcome(congress_db, 1).item.title == "关于工作报告的决议"
    assert motion_outcome(congress_db, "关于工作报告的决议").item.number == 1
    assert election_outcome(congress_db, " 工会委员会选举 ").item.number == 2
    assert item_outcome(congress_db, "2").item.kind == "election"
    with congress_db.read() as conn:
        assert load_item(conn, "工会委员会选举").number == 2


def test_an_unknown_or_wrong_kind_reference_is_refused(congress_db):
    new_motion(congress_db, "关于工作报告的决议")
    with refused("voting.no_such_item"):
        motion_outcome(congress_db, 9)
    with refused("voting.no_such_item"):
        motion_outcome(congress_db, "没有这个议题")
    with refused("voting.not_election"):
        election_outcome(congress_db, 1)
    with refused("voting.not_appraisal"):
        appraisal_outcome(congress_db, "关于工作报告的决议")


def test_a_duplicate_title_is_refused_across_kinds_and_changes_nothing(congress_db):
    new_motion(congress_db, "关于工作报告的决议")
    before = state(congress_db)
    with refused("voting.duplicate_title") as err:
        new_motion(congress_db, "关于工作报告的决议")
    assert err.value.params["number"] == 1
    with refused("voting.duplicate_title"):
        new_election(congress_db, "关于工作报告的决议", seats=1, candidates="甲,乙", order="given")
    with refused("voting.duplicate_title"):
        new_appraisal(congress_db, "关于工作报告的决议", subjects=["张三"])
    assert state(congress_db) == before
    assert new_motion(congress_db, "关于财务报告的决议").number == 2


def test_issuing_more_than_present_is_refused_and_does_not_freeze_the_roll(congress_db):
    seat_voters(congress_db, 6, present=5)
    election(congress_db)
    before = state(congress_db)
    with refused("voting.issued_exceeds_present") as err:
        issue(congress_db, 1, 6)
    assert err.value.params == {"issued": 6, "present": 5}
    assert state(congress_db) == before
    item = election_outcome(congress_db, 1).item
    assert item.issued is None and item.roll is None


def test_a_negative_issue_is_refused(congress_db):
    seat_voters(congress_db, 3, present=3)
    election(congress_db)
    with refused("voting.negative"):
        issue(congress_db, 1, -1)
