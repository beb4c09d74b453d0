"""Elections (选举) on real databases: the 差额 check, scrutineers, ballot keying and its audit,
election validity, ties and the follow-up round, the blind second entry, the JSON contract and
ballot secrecy (RULES.md §3)."""

import pytest
from sqlalchemy import inspect

from models import audit
from models.elections import (
    T_BALLOT,
    delete_ballot,
    election_outcome,
    entry_progress,
    follow_up,
    new_election,
    record_ballot,
    set_candidates,
    set_scrutineers,
)
from models.errors import Refusal
from models.results import item_outcome, outcome_json
from models.rules.election import Ballot
from models.voting import issue, set_counted
from tests.helpers import event_count, row_count, seat_voters

TITLE = "工会委员会选举"
NAMES = [f"候选人{i:02d}" for i in range(1, 33)]


def refused(key: str):
    return pytest.raises(Refusal, match=rf"^{key} ")


def elect(db, candidates="甲,乙", seats=1, **options):
    return new_election(db, TITLE, seats=seats, candidates=candidates, order="given", **options)


def key(db, *marks, entry=1, ref=1):
    """Ballots with the next numbers; a tuple (marks, write-ins) carries names written in."""
    out = []
    for m in marks:
        m, written = (m, ()) if isinstance(m, str) else m
        out.append(record_ballot(db, ref, Ballot(0, m, tuple(written)), entry=entry))
    return out


@pytest.fixture
def ready(congress_db):
    """3 due and present, an election of 1 seat among 甲 乙, 3 ballots issued."""
    seat_voters(congress_db, 3, present=3)
    elect(congress_db)
    issue(congress_db, 1, 3)
    return congress_db


@pytest.fixture
def ready_double(congress_db):
    """As ``ready``, keyed twice (blind second entry): final only once both clerks agree."""
    seat_voters(congress_db, 3, present=3)
    elect(congress_db, double_entry=True)
    issue(congress_db, 1, 3)
    return congress_db


@pytest.fixture
def tie(congress_db):
    """7 due and present, 2 seats among 甲 乙 丙: 甲 6, 乙 4, 丙 4 — 乙 and 丙 tie at the cut."""
    seat_voters(congress_db, 7, present=7)
    elect(congress_db, "甲,乙,丙", seats=2, scrutineers="赵监", counters="钱计")
    issue(congress_db, 1, 7)
    key(congress_db, *["oo-"] * 3, *["o-o"] * 3, "-oo")
    return congress_db


def test_a_contested_election_of_30_needs_32_candidates_at_5_percent(congress_db):
    before = event_count(congress_db)
    with refused("election.too_few_candidates_rate") as err:
        new_election(congress_db, TITLE, seats=30, candidates=NAMES[:31], order="given")
    assert err.value.params == {"count": 31, "need": 32, "seats": 30, "rate": "5%"}
    assert event_count(congress_db) == before
    item = new_election(congress_db, TITLE, seats=30, candidates=NAMES, order="given")
    assert len(item.nominees) == 32 and item.settings["seats"] == 30


def test_the_rate_can_be_given_per_election(congress_db):
    with refused("election.too_few_candidates_rate") as err:
        elect(congress_db, NAMES[:32], seats=30, rate="10%")
    assert err.value.params["need"] == 33
    with refused("election.bad_rate"):
        elect(congress_db, NAMES[:32], seats=30, rate="lots")


def test_an_equal_election_needs_exactly_as_many_candidates_as_seats(congress_db):
    with refused("election.too_few_candidates_rate"):
        elect(congress_db, "甲,乙,丙", seats=3)
    with refused("election.equal_needs_equal"):
        elect(congress_db, "甲,乙,丙,丁", seats=3, equal=True)
    item = elect(congress_db, "甲,乙,丙", seats=3, equal=True)
    assert item.settings["equal"] is True and item.nominees == ("甲", "乙", "丙")


def test_a_scrutineer_or_counter_who_is_a_candidate_is_refused_at_creation(congress_db):
    with refused("election.scrutineer_is_candidate") as err:
        elect(congress_db, scrutineers="甲")
    assert err.value.params == {"names": "甲"}
    with refused("election.scrutineer_is_candidate"):
        elect(congress_db, counters=["乙"])
    assert row_count(congress_db, T_BALLOT) == 0


def test_set_scrutineers_refuses_a_candidate_and_names_the_others(congress_db):
    elect(congress_db)
    before = event_count(congress_db)
    with refused("election.scrutineer_is_candidate"):
        set_scrutineers(congress_db, 1, ["赵监", "乙"], [])
    assert event_count(congress_db) == before
    item = set_scrutineers(congress_db, 1, "赵监，孙监", ["钱计"])
    assert (item.scrutineers, item.counters) == (("赵监", "孙监"), ("钱计",))
    assert audit.events(congress_db, "election.scrutineers", limit=1)[0]["payload"]["counters"] == [
        "钱计"
    ]


def test_candidates_go_in_stroke_order_unless_given(congress_db):
    strokes = pytest.importorskip("models.rules.strokes")
    names = ["王五", "丁一", "李四"]
    by_strokes = new_election(congress_db, TITLE, seats=1, candidates=names)
    assert by_strokes.nominees == tuple(strokes.sort_by_strokes(names))
    assert by_strokes.nominees == ("丁一", "王五", "李四")  # 丁 2 strokes, 王 4, 李 7
    given = new_election(
        congress_db, "经费审查委员会选举", seats=1, candidates=names, order="given"
    )
    assert given.nominees == ("王五", "丁一", "李四")


def test_ballot_number_zero_takes_the_next_number(ready):
    receipts = key(ready, "o-", "-o", "x-")
    assert [(r.number, r.keyed, r.void) for r in receipts] == [
        (1, 1, False),
        (2, 2, False),
        (3, 3, False),
    ]
    assert entry_progress(ready, 1, 1) == 3 and entry_progress(ready, 1, 2) == 0


def test_an_over_filled_ballot_is_stored_and_counted_void(ready):
    (receipt,) = key(ready, "oo")
    assert receipt.void and receipt.chosen == 2
    result = election_outcome(ready, 1).result
    assert (result.returned, result.valid_ballots, result.void_ballots) == (1, 0, 1)
    assert result.void_numbers == (1,)
    assert row_count(ready, T_BALLOT) == 1


def test_a_write_in_beyond_the_seats_makes_the_ballot_void(ready):
    (receipt,) = key(ready, ("ox", ["丁"]))
    assert receipt.void and receipt.chosen == 2


def test_a_ballot_of_the_wrong_shape_is_refused_and_not_stored(ready):
    before = (row_count(ready, T_BALLOT), event_count(ready))
    with refused("ballot.bad_marks"):
        record_ballot(ready, 1, Ballot(0, "o"))
    with refused("ballot.bad_marks"):
        record_ballot(ready, 1, Ballot(0, "ok"))
    with refused("ballot.bad_number"):
        record_ballot(ready, 1, Ballot(-1, "o-"))
    assert (row_count(ready, T_BALLOT), event_count(ready)) == before


def test_a_duplicate_ballot_number_is_refused_without_a_reason(ready):
    record_ballot(ready, 1, Ballot(5, "o-"))
    before = (row_count(ready, T_BALLOT), event_count(ready))
    with refused("ballot.duplicate_number") as err:
        record_ballot(ready, 1, Ballot(5, "-o"))
    assert err.value.params == {"number": 5}
    with refused("ballot.duplicate_number"):
        record_ballot(ready, 1, Ballot(5, "-o"), replace_reason="  ")
    assert (row_count(ready, T_BALLOT), event_count(ready)) == before


def test_a_duplicate_ballot_number_with_a_reason_replaces_it_and_audits_the_old_marks(ready):
    record_ballot(ready, 1, Ballot(5, "o-"))
    receipt = record_ballot(ready, 1, Ballot(5, "-o"), replace_reason="看错了")
    assert receipt.keyed == 1
    payload = audit.events(ready, "ballot.key", limit=1)[0]["payload"]
    assert (payload["marks"], payload["replaces"], payload["reason"]) == ("-o", "o-", "看错了")
    tallies = {c.name: c.yes for c in election_outcome(ready, 1).result.candidates}
    assert tallies == {"甲": 0, "乙": 1}


def test_deleting_a_ballot_needs_a_reason_and_audits_its_marks(ready):
    key(ready, "o-", "-o")
    with refused("common.reason_required"):
        delete_ballot(ready, 1, 2, reason="")
    with refused("ballot.no_such_number"):
        delete_ballot(ready, 1, 7, reason="多录")
    assert row_count(ready, T_BALLOT) == 2
    delete_ballot(ready, 1, 2, reason="多录")
    payload = audit.events(ready, "ballot.undo", limit=1)[0]["payload"]
    assert (payload["number"], payload["marks"], payload["reason"]) == (2, "-o", "多录")
    assert election_outcome(ready, 1).entries == {1: 1, 2: 0}


def test_issuing_more_ballots_than_voters_present_is_refused(congress_db):
    seat_voters(congress_db, 6, present=5)
    elect(congress_db)
    with refused("voting.issued_exceeds_present"):
        issue(congress_db, 1, 6)
    assert election_outcome(congress_db, 1).item.issued is None


def test_more_ballots_returned_than_issued_voids_the_election_but_keeps_the_ballots(congress_db):
    seat_voters(congress_db, 3, present=3)
    elect(congress_db)
    issue(congress_db, 1, 2)
    key(congress_db, "o-", "o-")
    set_counted(congress_db, 1, False, reason="票箱里还有一张")  # 2 of 2 in: final, locked
    key(congress_db, "-o")
    result = election_outcome(congress_db, 1).result
    assert (result.valid, result.void_reason) == (False, "returned_exceeds_issued")
    assert (result.issued, result.returned, result.elected) == (2, 3, ())
    assert row_count(congress_db, T_BALLOT) == 3


def test_participation_below_two_thirds_of_due_voids_the_election(congress_db):
    seat_voters(congress_db, 6, present=6)
    elect(congress_db)
    issue(congress_db, 1, 3)  # 3*3 < 2*6
    key(congress_db, "o-", "o-", "o-")
    result = election_outcome(congress_db, 1).result
    assert (result.valid, result.void_reason, result.participation_required) == (
        False,
        "participation",
        4,
    )
    with refused("voting.result_final"):
        issue(congress_db, 1, 4)
    set_counted(congress_db, 1, False, reason="发票数登记错了")
    issue(congress_db, 1, 4)  # the count was wrong: 4 issued is exactly two-thirds
    assert election_outcome(congress_db, 1).result.valid


def test_a_ballot_keyed_before_issue_leaves_the_result_void_not_issued(congress_db):
    seat_voters(congress_db, 3, present=3)
    elect(congress_db)
    key(congress_db, "o-")
    assert election_outcome(congress_db, 1).result.void_reason == "not_issued"


def test_winning_needs_more_than_half_of_due(congress_db):
    seat_voters(congress_db, 6, present=6)
    elect(congress_db)
    issue(congress_db, 1, 6)
    key(congress_db, "o-", "o-", "o-", "-o", "-o", "x-")
    result = election_outcome(congress_db, 1).result
    assert result.threshold == 4 and result.elected == () and result.vacant == 1
    (jia, _) = result.candidates
    assert (jia.yes, jia.no, jia.abstain, jia.exactly_half) == (3, 1, 2, True)


def test_a_tie_at_the_cut_off_goes_to_a_runoff_and_leaves_the_seat_vacant(tie):
    result = election_outcome(tie, 1).result
    assert result.valid and result.threshold == 4
    assert result.elected == ("甲",)
    assert (result.runoff, result.runoff_seats, result.vacant) == (("乙", "丙"), 1, 1)
    assert [c.runoff for c in result.candidates] == [False, True, True]


def test_follow_up_creates_the_linked_runoff_among_the_tied_only(tie):
    before = event_count(tie)
    runoff = follow_up(tie, 1)
    assert (runoff.number, runoff.parent_number, runoff.round) == (2, 1, 2)
    assert runoff.nominees == ("乙", "丙") and runoff.settings["seats"] == 1
    assert runoff.title == f"{TITLE}（第2轮）"
    assert (runoff.scrutineers, runoff.counters) == (("赵监",), ("钱计",))
    assert runoff.roll is None and runoff.issued is None
    assert [e["kind"] for e in audit.events(tie, limit=event_count(tie) - before)] == [
        "election.follow_up"
    ]
    body = outcome_json(item_outcome(tie, 2))
    assert (body["parent"], body["round"]) == (1, 2)


def test_follow_up_for_a_vacant_seat_is_a_new_election_among_the_others(congress_db):
    seat_voters(congress_db, 6, present=6)
    elect(congress_db, "甲,乙,丙", seats=2)
    issue(congress_db, 1, 6)
    key(congress_db, *["o--"] * 4, "-o-", "--o")  # 甲 4 elected; 乙 1, 丙 1 fall short
    result = election_outcome(congress_db, 1).result
    assert (result.elected, result.vacant, result.reelect) == (("甲",), 1, ("乙", "丙"))
    again = follow_up(congress_db, 1, title="工会委员会补充选举")
    assert (again.title, again.parent_number, again.round) == ("工会委员会补充选举", 1, 2)
    assert again.nominees == ("乙", "丙") and again.settings["seats"] == 1


def test_follow_up_is_refused_when_every_seat_is_filled(congress_db):
    seat_voters(congress_db, 6, present=6)
    elect(congress_db, "甲,乙,丙", seats=2)
    issue(congress_db, 1, 6)
    key(congress_db, *["oo-"] * 4, *["--o"] * 2)  # 甲 4, 乙 4 elected, 丙 2
    assert election_outcome(congress_db, 1).result.elected == ("甲", "乙")
    before = event_count(congress_db)
    with refused("election.no_follow_up"):
        follow_up(congress_db, 1)
    assert event_count(congress_db) == before


def test_follow_up_is_refused_until_the_result_is_final(congress_db):
    seat_voters(congress_db, 7, present=7)
    elect(congress_db, "甲,乙,丙", seats=2, double_entry=True)
    issue(congress_db, 1, 7)
    key(congress_db, *["oo-"] * 3, *["o-o"] * 3, "-oo")
    with refused("election.not_final"):
        follow_up(congress_db, 1)
    key(congress_db, *["oo-"] * 3, *["o-o"] * 3, "-oo", entry=2)
    assert follow_up(congress_db, 1).nominees == ("乙", "丙")


def test_the_blind_second_entry_lists_differences_by_ballot_number(ready_double):
    ready = ready_double
    key(ready, "o-", "-o", "x-")
    key(ready, "o-", "o-", entry=2)
    outcome = election_outcome(ready, 1)
    assert not outcome.final and outcome.entries == {1: 3, 2: 2}
    assert [
        (d.number, d.first.marks, d.second and d.second.marks) for d in outcome.differences
    ] == [
        (2, "-o", "o-"),
        (3, "x-", None),
    ]
    body = outcome_json(outcome)
    assert body["provisional"] is True
    assert [
        (d["where"], d["key"], d["number"], d["first"], d["second"]) for d in body["differences"]
    ] == [
        ("ballot", "2", 2, "-o", "o-"),
        ("ballot", "3", 3, "x-", None),
    ]
    record_ballot(ready, 1, Ballot(2, "-o"), entry=2, replace_reason="复核")
    key(ready, "x-", entry=2)
    assert election_outcome(ready, 1).final


def test_a_double_entry_election_is_final_only_once_entry_two_agrees(congress_db):
    seat_voters(congress_db, 3, present=3)
    elect(congress_db, double_entry=True)
    issue(congress_db, 1, 3)
    key(congress_db, "o-", "o-", "-o")
    assert not election_outcome(congress_db, 1).final
    key(congress_db, "o-", "o-", "-o", entry=2)
    outcome = election_outcome(congress_db, 1)
    assert outcome.final and outcome.result.elected == ("甲",)


def test_candidates_can_change_until_the_first_ballot_is_keyed(ready):
    item = set_candidates(ready, 1, "乙,甲,丙")
    assert item.nominees == ("乙", "甲", "丙")
    assert audit.events(ready, "election.candidates", limit=1)[0]["payload"]["candidates"] == [
        "乙",
        "甲",
        "丙",
    ]
    key(ready, "o--")
    before = event_count(ready)
    with refused("election.ballots_exist"):
        set_candidates(ready, 1, "甲,乙")
    assert event_count(ready) == before
    assert election_outcome(ready, 1).item.nominees == ("乙", "甲", "丙")


def test_set_candidates_refuses_a_scrutineer_and_too_few_names(congress_db):
    elect(congress_db, scrutineers="赵监")
    with refused("election.scrutineer_is_candidate"):
        set_candidates(congress_db, 1, "甲,赵监")
    with refused("election.too_few_candidates_rate"):
        set_candidates(congress_db, 1, "甲")


def test_outcome_json_matches_the_cli_contract(ready):
    key(ready, "o-", "ox", ("x-", ["丁"]))
    body = outcome_json(item_outcome(ready, TITLE))
    contract = {
        "valid",
        "issued",
        "returned",
        "valid_ballots",
        "void_ballots",
        "threshold",
        "candidates",
        "elected",
        "runoff",
        "vacant",
    }
    assert contract <= body.keys()
    assert (body["valid"], body["issued"], body["returned"], body["threshold"]) == (True, 3, 3, 2)
    assert (body["valid_ballots"], body["void_ballots"]) == (3, 0)
    assert body["elected"] == ["甲"] and body["runoff"] == [] and body["vacant"] == 0
    candidate_keys = {"name", "yes", "no", "abstain", "elected", "write_in"}
    assert all(candidate_keys <= c.keys() for c in body["candidates"])
    rows = [
        tuple(c[k] for k in ("name", "yes", "no", "abstain", "elected", "write_in"))
        for c in body["candidates"]
    ]
    assert rows == [
        ("甲", 2, 1, 0, True, False),
        ("乙", 0, 1, 2, False, False),
        ("丁", 1, 0, 2, False, True),  # a write-in: the other valid ballots abstain
    ]
    assert len(body["roll"]["sha256"]) == 64 and body["kind"] == "election"


@pytest.mark.parametrize("table", ["election_ballot", "motion_ballot"])
def test_a_secret_ballot_row_has_no_column_that_could_name_a_voter(congress_db, table):
    inspector = inspect(congress_db.engine)
    columns = {c["name"] for c in inspector.get_columns(table)}
    assert not {"person_id", "voter", "code", "delegate", "name", "at", "station"} & columns
    assert not any("person" in c or "voter" in c for c in columns)
    assert {fk["referred_table"] for fk in inspector.get_foreign_keys(table)} == {"vote_item"}


def test_every_ballot_change_writes_an_audit_event(ready):
    kinds = []
    for step in (
        lambda: record_ballot(ready, 1, Ballot(0, "o-")),
        lambda: record_ballot(ready, 1, Ballot(1, "-o"), replace_reason="看错了"),
        lambda: delete_ballot(ready, 1, 1, reason="多录"),
    ):
        before = event_count(ready)
        step()
        kinds += [e["kind"] for e in audit.events(ready, limit=event_count(ready) - before)]
    assert kinds == ["ballot.key", "ballot.key", "ballot.undo"]
    assert audit.verify(ready).ok


def test_fewer_ballots_than_issued_are_final_only_once_the_count_is_closed(ready):
    key(ready, "o-", "-o")
    outcome = election_outcome(ready, 1)
    assert not outcome.complete and not outcome.final
    before = event_count(ready)
    set_counted(ready, 1, True)
    kinds = [e["kind"] for e in audit.events(ready, limit=event_count(ready) - before)]
    assert kinds == ["vote.final", "vote.close"]  # newest first
    outcome = election_outcome(ready, 1)
    assert outcome.complete and outcome.final and outcome.item.counted


def test_all_issued_ballots_keyed_make_the_count_complete_without_closing(ready):
    key(ready, "o-", "-o", "o-")
    assert election_outcome(ready, 1).final


def test_a_closed_count_refuses_changes_to_the_first_entry_until_reopened_with_a_reason(
    ready_double,
):
    ready = ready_double
    key(ready, "o-", "-o")
    set_counted(ready, 1, True)
    before = row_count(ready, T_BALLOT)
    with refused("voting.count_closed"):
        key(ready, "o-")
    with refused("voting.count_closed"):
        delete_ballot(ready, 1, 1, reason="看错")
    assert row_count(ready, T_BALLOT) == before
    key(ready, "o-", entry=2)  # the blind second entry goes on
    with refused("common.reason_required"):
        set_counted(ready, 1, False)
    set_counted(ready, 1, False, reason="第3张漏录")
    key(ready, "o-")
    assert election_outcome(ready, 1).entries[1] == 3


def test_follow_up_after_a_tie_at_the_cut_lists_everyone_tied(congress_db):
    # 1 vacant seat wants 2 names; 乙 and 丙 are tied (1 ○ each) behind 丁 (2 ○): 丁 乙 丙 all go in
    seat_voters(congress_db, 6, present=6)
    elect(congress_db, "甲,乙,丙,丁", seats=2)
    issue(congress_db, 1, 6)
    key(congress_db, *["o---"] * 4, "-o-o", "--oo")
    result = election_outcome(congress_db, 1).result
    assert (result.elected, result.vacant) == (("甲",), 1)
    assert (result.reelect, result.reelect_wanted) == (("丁", "乙", "丙"), 2)
    again = follow_up(congress_db, 1)
    assert again.nominees == ("丁", "乙", "丙") and again.settings["seats"] == 1


def test_an_equal_election_follow_up_with_a_tie_at_the_cut_is_contested(congress_db):
    seat_voters(congress_db, 6, present=6)
    elect(congress_db, "甲,乙", seats=2, equal=True)
    issue(congress_db, 1, 5)
    key(congress_db, *["o-"] * 3, ("o-", ["丙"]), "-o")  # 甲 4; 乙 1 and 丙 (written in) 1 tie
    result = election_outcome(congress_db, 1).result
    assert (result.reelect, result.reelect_wanted) == (("乙", "丙"), 1)
    again = follow_up(congress_db, 1)
    assert again.nominees == ("乙", "丙") and again.settings["equal"] is False
