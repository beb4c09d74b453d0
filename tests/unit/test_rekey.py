"""Settling a blind double entry on real databases: the differences with both sides, re-keying
one ballot (or one person's counts) in either entry until they agree, every bad re-key refused
with nothing changed, the audit event replayed by verify, and the headline while they disagree."""

import json

import pytest
from sqlalchemy import text

from models import audit
from models.appraisals import T_MARKS, new_appraisal, record_marks, record_sheets
from models.elections import T_BALLOT, election_outcome, new_election, record_ballot
from models.errors import Refusal
from models.motions import T_MBALLOT, motion_outcome, new_motion, record_count, record_motion_ballot
from models.rekey import (
    marks_from_text,
    rekey_appraisal_marks,
    rekey_election_ballot,
    rekey_motion_ballot,
)
from models.results import item_outcome, outcome_json
from models.rules.election import Ballot
from models.rules.motion import MotionCount
from models.verify import verify_database
from models.voting import issue, set_counted
from tests.helpers import event_count, row_count, seat_voters
from tui.result_text import result_lines

EAST, WEST = "东区代表团", "西区代表团"


def refused(key: str):
    return pytest.raises(Refusal, match=rf"^{key} ")


def failed(db) -> str | None:
    failure = verify_database(db).first_failure
    return None if failure is None else failure[1].key.removeprefix("verify.check.")


def last_event(db) -> tuple[str, dict]:
    """The re-key itself (a re-key that settles the entries is followed by vote.final)."""
    with db.read() as conn:
        row = conn.execute(
            audit.T_EVENT.select()
            .where(audit.T_EVENT.c.kind != "vote.final")
            .order_by(audit.T_EVENT.c.id.desc())
            .limit(1)
        ).first()
    return row.kind, json.loads(row.payload)


# --- motions ------------------------------------------------------------------------------------


@pytest.fixture
def motion_ballots(congress_db):
    """6 due and present; a double-entry motion, 4 ballots issued; entry 1 yes yes no abstain,
    entry 2 yes no no abstain: ballot 2 differs."""
    seat_voters(congress_db, 6, present=6)
    new_motion(congress_db, "关于集体合同的决议", important=True, double_entry=True)
    issue(congress_db, 1, 4)
    for choice in ("yes", "yes", "no", "abstain"):
        record_motion_ballot(congress_db, 1, choice)
    for choice in ("yes", "no", "no", "abstain"):
        record_motion_ballot(congress_db, 1, choice, entry=2)
    return congress_db


def test_a_motion_ballot_difference_shows_both_sides_and_the_headline(motion_ballots):
    outcome = motion_outcome(motion_ballots, 1)
    assert [(d.where, d.key, d.first, d.second) for d in outcome.differences] == [
        ("ballot", "2", "yes", "no")
    ]
    body = outcome_json(outcome)
    assert body["provisional"] is True and body["final"] is False
    assert body["differences"] == [{"where": "ballot", "key": "2", "first": "yes", "second": "no"}]
    lines = result_lines(outcome)
    assert lines[1] == "━━━━━━━━  两次录入不一致，结果未确定  ━━━━━━━━"
    assert "  第2号票：第一次录入 赞成；第二次录入 反对" in lines
    assert not any("━━  通过  ━━" in line or "━━  未通过  ━━" in line for line in lines)
    assert "暂计（未确定）：未通过" in lines


def test_re_keying_the_second_entry_settles_a_motion(motion_ballots):
    outcome = rekey_motion_ballot(motion_ballots, 1, 2, "yes", entry=2, reason="复核原票")
    assert outcome.differences == () and not outcome_json(outcome)["provisional"]
    assert last_event(motion_ballots) == (
        "motion.ballot_rekey",
        {"item": 1, "entry": 2, "number": 2, "choice": "yes", "was": "no", "reason": "复核原票"},
    )
    assert "━━━━━━━━  未通过  ━━━━━━━━" in result_lines(outcome)
    assert failed(motion_ballots) is None


def test_re_keying_the_first_entry_settles_a_motion(motion_ballots):
    outcome = rekey_motion_ballot(motion_ballots, 1, 2, "no", entry=1, reason="第一录入看错")
    assert outcome.differences == () and outcome.count.no == 2
    assert failed(motion_ballots) is None


@pytest.mark.parametrize(
    ("number", "choice", "entry", "reason", "key"),
    [
        (5, "yes", 2, "复核", "rekey.no_such_ballot"),  # ballot 5 was never keyed
        (0, "yes", 1, "复核", "rekey.no_such_ballot"),
        (2, "yes", 2, "  ", "common.reason_required"),
        (2, "maybe", 2, "复核", "motion.bad_choice"),
        (2, "no", 2, "复核", "rekey.unchanged"),  # entry 2 already says no
        (2, "yes", 3, "复核", "voting.bad_entry"),
    ],
)
def test_a_bad_motion_re_key_is_refused_and_changes_nothing(
    motion_ballots, number, choice, entry, reason, key
):
    before = (row_count(motion_ballots, T_MBALLOT), event_count(motion_ballots))
    with refused(key):
        rekey_motion_ballot(motion_ballots, 1, number, choice, entry=entry, reason=reason)
    assert (row_count(motion_ballots, T_MBALLOT), event_count(motion_ballots)) == before
    assert motion_outcome(motion_ballots, 1).differences[0].second == "no"


def test_a_closed_count_keeps_refusing_the_first_entry(motion_ballots):
    set_counted(motion_ballots, 1, True)
    with refused("voting.count_closed"):
        rekey_motion_ballot(motion_ballots, 1, 2, "no", entry=1, reason="复核")
    assert rekey_motion_ballot(motion_ballots, 1, 2, "yes", entry=2, reason="复核").final


def test_count_and_delegation_differences_show_both_numbers(congress_db):
    seat_voters(congress_db, 8, present=6, delegations=(EAST, WEST))
    new_motion(congress_db, "关于工资集体协商的决议", double_entry=True)
    record_count(congress_db, 1, MotionCount(3, 0, 0), method="hands", delegation=EAST)
    record_count(congress_db, 1, MotionCount(2, 1, 0), method="hands", delegation=EAST, entry=2)
    outcome = motion_outcome(congress_db, 1)
    lines = result_lines(outcome)
    assert "  东区代表团 赞成：第一次录入 3；第二次录入 2" in lines
    assert "  东区代表团 反对：第一次录入 0；第二次录入 1" in lines
    assert "  赞成：第一次录入 3；第二次录入 2" in lines
    body = outcome_json(outcome)
    assert {"where": "delegation", "key": f"{EAST}:yes", "first": "3", "second": "2"} in body[
        "differences"
    ]


# --- elections ----------------------------------------------------------------------------------


@pytest.fixture
def election(congress_db):
    """3 due and present, 1 seat among 甲 乙; double entry, 3 issued; ballot 2 differs
    (entry 1 甲○ 乙—, entry 2 甲— 乙○) and ballot 3 is in entry 1 only."""
    seat_voters(congress_db, 3, present=3)
    new_election(
        congress_db, "工会主席选举", seats=1, candidates="甲,乙", order="given", double_entry=True
    )
    issue(congress_db, 1, 3)
    for marks in ("o-", "o-", "o-"):
        record_ballot(congress_db, 1, Ballot(0, marks))
    for marks in ("o-", "-o"):
        record_ballot(congress_db, 1, Ballot(0, marks), entry=2)
    return congress_db


def test_an_election_difference_shows_both_ballots_and_never_elects(election):
    outcome = election_outcome(election, 1)
    assert [d.number for d in outcome.differences] == [2, 3]
    lines = result_lines(outcome)
    assert lines[1] == "━━━━━━━━  两次录入不一致，结果未确定  ━━━━━━━━"
    assert "  第2号票：第一次录入 甲○ 乙—；第二次录入 甲— 乙○" in lines
    assert "  第3号票：第一次录入 甲○ 乙—；第二次录入 —" in lines
    assert "暂计（未确定）：选举有效。" in lines
    assert "暂计当选（未确定）：甲" in lines
    assert not any(line.startswith("当选（") or line == "选举有效。" for line in lines)
    assert outcome_json(outcome)["differences"][1]["second"] is None


def test_re_keying_entry_two_then_adding_the_missing_ballot_settles_it(election):
    outcome = rekey_election_ballot(election, 1, 2, "o-", entry=2, reason="复核原票")
    assert [d.number for d in outcome.differences] == [3]
    kind, payload = last_event(election)
    assert kind == "ballot.rekey"
    assert payload["was"] == {"marks": "-o", "write_ins": [], "malformed": False}
    assert payload["marks"] == "o-" and payload["reason"] == "复核原票"
    record_ballot(election, 1, Ballot(0, "o-"), entry=2)
    assert election_outcome(election, 1).final
    assert failed(election) is None


def test_re_keying_entry_one_with_a_write_in(election):
    outcome = rekey_election_ballot(
        election, 1, 2, "x-", ["丙"], entry=1, reason="第一录入漏了另选"
    )
    first = {d.number: d.first for d in outcome.differences}
    assert first[2].marks == "x-" and first[2].write_ins == ("丙",)
    assert failed(election) is None


def test_an_over_filled_ballot_is_stored_only_when_confirmed_void(election):
    before = (row_count(election, T_BALLOT), event_count(election))
    with refused("rekey.overfilled") as err:
        rekey_election_ballot(election, 1, 2, "oo", entry=2, reason="复核")
    assert err.value.params == {"number": 2, "chosen": 2, "seats": 1}
    assert (row_count(election, T_BALLOT), event_count(election)) == before
    rekey_election_ballot(election, 1, 2, "oo", entry=2, reason="原票确为废票", void=True)
    assert last_event(election)[1]["void"] is True


@pytest.mark.parametrize(
    ("number", "marks", "write_ins", "entry", "reason", "key"),
    [
        (3, "o-", (), 2, "复核", "rekey.no_such_ballot"),  # ballot 3 is in entry 1 only
        (9, "o-", (), 1, "复核", "rekey.no_such_ballot"),
        (2, "o", (), 2, "复核", "ballot.bad_marks"),  # one mark for two candidates
        (2, "oz", (), 2, "复核", "ballot.bad_marks"),
        (2, "-o", (), 2, "复核", "rekey.unchanged"),
        (2, "o-", (), 2, "", "common.reason_required"),
        (2, "x-", ("丙" * 401,), 2, "复核", "rekey.write_ins_too_long"),
    ],
)
def test_a_bad_election_re_key_is_refused_and_changes_nothing(
    election, number, marks, write_ins, entry, reason, key
):
    before = (row_count(election, T_BALLOT), event_count(election))
    with refused(key):
        rekey_election_ballot(election, 1, number, marks, write_ins, entry=entry, reason=reason)
    assert (row_count(election, T_BALLOT), event_count(election)) == before


def test_marks_are_read_as_the_clerk_writes_them():
    assert marks_from_text("○×-", 3) == "ox-"
    assert marks_from_text("o x 空 ?", 4) == "ox-?"
    assert marks_from_text("1 2 0", 3) == "ox-"
    with refused("rekey.marks_count"):
        marks_from_text("○×", 3)
    with refused("rekey.bad_mark"):
        marks_from_text("○√-", 3)


def test_verify_fails_after_a_hand_edit_of_a_re_keyed_ballot(election):
    rekey_election_ballot(election, 1, 2, "o-", entry=2, reason="复核原票")
    assert failed(election) is None
    with election.write() as conn:
        conn.execute(text("UPDATE election_ballot SET marks = '-o' WHERE entry = 2 AND number = 2"))
    assert failed(election) == "replay_voting"


# --- appraisals ---------------------------------------------------------------------------------


@pytest.fixture
def appraisal(congress_db):
    """6 due and present; 张三 李四 on a 满意/基本满意/不满意 sheet, double entry; 李四 differs
    (entry 1 1/2/3, entry 2 1/3/2)."""
    seat_voters(congress_db, 6, present=6)
    new_appraisal(congress_db, "民主评议", subjects=["张三", "李四"], double_entry=True)
    issue(congress_db, 1, 6)
    for entry, li in ((1, (1, 2, 3)), (2, (1, 3, 2))):
        record_sheets(congress_db, 1, returned=6, entry=entry)
        record_marks(congress_db, 1, "张三", (5, 1, 0), entry=entry)
        record_marks(congress_db, 1, "李四", li, entry=entry)
    return congress_db


def test_an_appraisal_difference_shows_the_person_and_level_with_both_numbers(appraisal):
    outcome = item_outcome(appraisal, 1)
    lines = result_lines(outcome)
    assert lines[1] == "━━━━━━━━  两次录入不一致，结果未确定  ━━━━━━━━"
    assert "  李四 基本满意：第一次录入 2；第二次录入 3" in lines
    assert "  李四 不满意：第一次录入 3；第二次录入 2" in lines
    assert "  张三：" not in "\n".join(lines)


def test_re_keying_a_persons_counts_settles_the_appraisal(appraisal):
    before = row_count(appraisal, T_MARKS)
    outcome = rekey_appraisal_marks(appraisal, 1, "李四", (1, 2, 3), entry=2, reason="复核")
    assert outcome.final and row_count(appraisal, T_MARKS) == before
    assert last_event(appraisal) == (
        "appraisal.marks_rekey",
        {
            "item": 1,
            "entry": 2,
            "subject": "李四",
            "counts": [1, 2, 3],
            "was": [1, 3, 2],
            "reason": "复核",
        },
    )
    assert failed(appraisal) is None


@pytest.mark.parametrize(
    ("subject", "counts", "entry", "reason", "key"),
    [
        ("赵六", (1, 2, 3), 2, "复核", "appraisal.no_such_subject"),
        ("李四", (1, 2), 2, "复核", "appraisal.bad_counts"),
        ("李四", (4, 4, 4), 2, "复核", "appraisal.counts_exceed_valid"),  # marks out of range
        ("李四", (1, -1, 3), 2, "复核", "voting.negative"),
        ("李四", (1, 3, 2), 2, "复核", "rekey.unchanged_marks"),
        ("李四", (1, 2, 3), 2, " ", "common.reason_required"),
    ],
)
def test_a_bad_appraisal_re_key_is_refused_and_changes_nothing(
    appraisal, subject, counts, entry, reason, key
):
    before = event_count(appraisal)
    with refused(key):
        rekey_appraisal_marks(appraisal, 1, subject, counts, entry=entry, reason=reason)
    assert event_count(appraisal) == before
    assert item_outcome(appraisal, 1).differences[0].second == "1/3/2"


def test_re_keying_marks_nobody_keyed_is_refused(congress_db):
    seat_voters(congress_db, 6, present=6)
    new_appraisal(congress_db, "民主评议", subjects=["张三"], double_entry=True)
    issue(congress_db, 1, 6)
    record_sheets(congress_db, 1, returned=6, entry=2)
    with refused("rekey.no_such_marks"):
        rekey_appraisal_marks(congress_db, 1, "张三", (1, 1, 1), entry=2, reason="复核")


def test_a_final_result_is_not_re_keyed(motion_ballots):
    rekey_motion_ballot(motion_ballots, 1, 2, "yes", entry=2, reason="复核原票")
    assert motion_outcome(motion_ballots, 1).final
    before = event_count(motion_ballots)
    with refused("voting.result_final"):
        rekey_motion_ballot(motion_ballots, 1, 2, "no", entry=2, reason="再改")
    assert event_count(motion_ballots) == before


def test_a_person_one_entry_lacks_is_shown_with_every_level(congress_db):
    seat_voters(congress_db, 6, present=6)
    new_appraisal(congress_db, "民主评议", subjects=["张三"], double_entry=True)
    issue(congress_db, 1, 6)
    record_sheets(congress_db, 1, returned=6)
    record_sheets(congress_db, 1, returned=6, entry=2)
    outcome = record_marks(congress_db, 1, "张三", (4, 1, 1))
    assert "  张三（全部等次）：第一次录入 满意 4 基本满意 1 不满意 1；第二次录入 —" in (
        result_lines(outcome)
    )
    levels = outcome_json(outcome)["differences"][0]["levels"]
    assert levels == [
        {"option": "satisfied", "first": 4, "second": None},
        {"option": "basically", "first": 1, "second": None},
        {"option": "unsatisfied", "first": 1, "second": None},
    ]


def kinds(db) -> list[str]:
    with db.read() as conn:
        return list(conn.execute(text("SELECT kind FROM event ORDER BY id")).scalars())


def test_the_re_key_that_settles_the_entries_locks_the_result(motion_ballots):
    """The agreeing re-key makes the result final: logged (vote.final) and locked like any final
    result; after a reopen with a reason it can be corrected, and the next final result says
    which one it replaced."""
    rekey_motion_ballot(motion_ballots, 1, 2, "yes", entry=2, reason="复核原票")
    assert kinds(motion_ballots)[-2:] == ["motion.ballot_rekey", "vote.final"]
    with refused("voting.result_final"):
        record_motion_ballot(motion_ballots, 1, "yes", entry=2)
    set_counted(motion_ballots, 1, False, reason="监票人复核发现第2号票看错")
    rekey_motion_ballot(motion_ballots, 1, 2, "no", entry=1, reason="第一次录入看错")
    rekey_motion_ballot(motion_ballots, 1, 2, "no", entry=2, reason="第二次录入看错")
    outcome = motion_outcome(motion_ballots, 1)
    assert outcome.final and outcome.item.replaces["reason"] == "监票人复核发现第2号票看错"
    assert verify_database(motion_ballots).ok
