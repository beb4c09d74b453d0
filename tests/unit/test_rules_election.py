"""RULES.md §3 — elections: the 差额 check, ballot validity and the tally."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.rules.election import (
    BLANK,
    MARKS,
    NO,
    SHORTFALL_REDUCE,
    SHORTFALL_REELECT,
    SHORTFALL_VACANT,
    TIE_FEWEST_NO,
    TIE_RUNOFF,
    UNREADABLE,
    UNREADABLE_IGNORE,
    UNREADABLE_VOID,
    YES,
    Ballot,
    CandidateTally,
    ElectionSettings,
    ballot_problems,
    candidate_problems,
    chosen_names,
    compare_entries,
    extra_candidates,
    is_void,
    min_candidates,
    normalize_name,
    tally,
)
from models.rules.thresholds import GT, GTE

PCT5, PCT10, PCT20 = Fraction(5, 100), Fraction(10, 100), Fraction(20, 100)
NAMES = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"]


def keys(problems):
    return [p.key for p in problems]


def names(n):
    return NAMES[:n] if n <= len(NAMES) else [f"候选人{i}" for i in range(n)]


def spread(yes_counts, n, fill=BLANK):
    """``n`` ballots giving candidate i exactly ``yes_counts[i]`` ○, as evenly as possible.

    Each candidate's ○ go to consecutive ballots (cyclically), so no ballot carries more than
    ``ceil(sum/n)`` ○; every other mark is ``fill``.
    """
    marks = [[fill] * len(yes_counts) for _ in range(n)]
    start = 0
    for i, count in enumerate(yes_counts):
        assert count <= n
        for k in range(count):
            marks[(start + k) % n][i] = YES
        start = (start + count) % n
    return [Ballot(j + 1, "".join(m)) for j, m in enumerate(marks)]


def box(*groups):
    """Ballots from ``(how_many, marks[, write_ins[, malformed]])`` groups, numbered from 1."""
    ballots = []
    for how_many, marks, *rest in groups:
        write_ins = tuple(rest[0]) if rest else ()
        for _ in range(how_many):
            ballots.append(Ballot(len(ballots) + 1, marks, write_ins, *rest[1:]))
    return ballots


def renumber(ballots):
    return [Ballot(i + 1, b.marks, b.write_ins, b.malformed) for i, b in enumerate(ballots)]


def run(candidates, ballots, seats, *, due=None, issued=None, **options):
    ballots = list(ballots)
    due = len(ballots) if due is None else due
    issued = len(ballots) if issued is None else issued
    return tally(
        candidates,
        ballots,
        due=due,
        issued=issued,
        settings=ElectionSettings(seats=seats, **options),
    )


def by_name(result):
    return {t.name: t for t in result.candidates}


# --- 差额: at least S + max(1, ceil(S*rate)) candidates --------------------------------------


@pytest.mark.parametrize(
    ("seats", "rate", "extra"),
    [
        pytest.param(10, PCT5, 1, id="S10-5%-ceil(0.5)=1"),
        pytest.param(20, PCT5, 1, id="S20-5%-exactly-1"),
        pytest.param(21, PCT5, 2, id="S21-5%-ceil(1.05)=2"),
        pytest.param(30, PCT5, 2, id="S30-5%-ceil(1.5)=2"),
        pytest.param(40, PCT5, 2, id="S40-5%-exactly-2"),
        pytest.param(1, PCT5, 1, id="S1-at-least-one"),
        pytest.param(7, Fraction(0), 1, id="rate-0-still-one"),
        pytest.param(10, PCT10, 1, id="S10-10%"),
        pytest.param(11, PCT10, 2, id="S11-10%-ceil(1.1)=2"),
        pytest.param(15, PCT20, 3, id="S15-20%"),
        pytest.param(16, PCT20, 4, id="S16-20%-ceil(3.2)=4"),
        pytest.param(3, PCT20, 1, id="S3-20%-ceil(0.6)=1"),
    ],
)
def test_extra_candidates_is_max_one_ceil_seats_times_rate(seats, rate, extra):
    assert extra_candidates(seats, rate) == extra
    assert min_candidates(seats, rate) == seats + extra


@pytest.mark.parametrize(("seats", "need"), [(10, 11), (30, 32), (21, 23), (20, 21), (1, 2)])
def test_min_candidates_at_default_rate(seats, need):
    assert min_candidates(seats, PCT5) == need


@pytest.mark.parametrize("seats", [1, 5, 30])
def test_min_candidates_equal_election_is_the_seats(seats):
    assert min_candidates(seats, PCT5, equal=True) == seats


@settings(max_examples=200, deadline=None)
@given(seats=st.integers(1, 10_000), rate=st.fractions(min_value=0, max_value=1))
def test_extra_candidates_property(seats, rate):
    extra = extra_candidates(seats, rate)
    assert extra >= 1
    assert extra >= seats * rate and (extra - 1 < seats * rate or extra == 1)


# --- candidate_problems ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seats", "count", "rate", "ok"),
    [
        pytest.param(10, 11, PCT5, True, id="S10-C11-ok"),
        pytest.param(10, 10, PCT5, False, id="S10-C10-等额-not-marked"),
        pytest.param(30, 31, PCT5, False, id="S30-C31-refused"),
        pytest.param(30, 32, PCT5, True, id="S30-C32-ok"),
        pytest.param(21, 22, PCT5, False, id="S21-C22-refused"),
        pytest.param(21, 23, PCT5, True, id="S21-C23-ok"),
        pytest.param(11, 12, PCT10, False, id="S11-C12-10%-refused"),
        pytest.param(11, 13, PCT10, True, id="S11-C13-10%-ok"),
        pytest.param(16, 19, PCT20, False, id="S16-C19-20%-refused"),
        pytest.param(16, 20, PCT20, True, id="S16-C20-20%-ok"),
        pytest.param(3, 2, PCT5, False, id="fewer-than-seats"),
    ],
)
def test_differential_election_needs_enough_candidates(seats, count, rate, ok):
    problems = candidate_problems(names(count), ElectionSettings(seats=seats, rate=rate))
    assert keys(problems) == ([] if ok else ["election.too_few_candidates_rate"])


def test_too_few_candidates_refusal_names_the_need():
    (problem,) = candidate_problems(names(31), ElectionSettings(seats=30))
    assert problem.params == {"count": 31, "need": 32, "seats": 30, "rate": "5%"}
    (problem,) = candidate_problems(names(12), ElectionSettings(seats=11, rate=PCT10))
    assert problem.params["rate"] == "10%" and problem.params["need"] == 13


def test_rate_that_is_not_a_whole_percent_is_printed():
    (problem,) = candidate_problems(names(2), ElectionSettings(seats=2, rate=Fraction(25, 1000)))
    assert problem.params["rate"] == "2.5%"


@pytest.mark.parametrize(
    ("seats", "count", "expected"),
    [
        pytest.param(1, 1, [], id="chair-C=S"),
        pytest.param(5, 5, [], id="audit-committee-C=S"),
        pytest.param(5, 6, ["election.equal_needs_equal"], id="more-than-seats"),
        pytest.param(5, 4, ["election.equal_needs_equal"], id="fewer-than-seats"),
    ],
)
def test_equal_election_requires_candidates_equal_seats(seats, count, expected):
    assert keys(candidate_problems(names(count), ElectionSettings(seats, equal=True))) == expected


@pytest.mark.parametrize(
    ("seats", "count", "expected"),
    [
        pytest.param(1, 3, [], id="three-tied-for-one"),
        pytest.param(2, 3, [], id="more-than-seats"),
        pytest.param(2, 2, [], id="C=S-allowed"),
        pytest.param(30, 31, [], id="no-rate-in-a-runoff"),
        pytest.param(3, 2, ["election.too_few_candidates"], id="fewer-than-seats"),
    ],
)
def test_runoff_only_needs_as_many_candidates_as_seats(seats, count, expected):
    problems = candidate_problems(names(count), ElectionSettings(seats), runoff=True)
    assert keys(problems) == expected


@pytest.mark.parametrize("seats", [0, -1])
def test_seats_must_be_positive(seats):
    assert keys(candidate_problems(names(3), ElectionSettings(seats))) == ["election.bad_seats"]


@pytest.mark.parametrize(
    "blank", ["", " ", "　", "\t"], ids=["empty", "space", "ideographic", "tab"]
)
def test_blank_candidate_is_refused(blank):
    problems = candidate_problems(["甲", blank, "乙"], ElectionSettings(1))
    assert keys(problems) == ["election.blank_candidate"]


@pytest.mark.parametrize(
    ("candidates", "repeated"),
    [
        pytest.param(["张三", "李四", "张三"], "张三", id="same"),
        pytest.param(["张三", "李四", "张 三"], "张三", id="inner-space"),
        pytest.param(["张三", "李四", "张　三"], "张三", id="full-width-space"),
        pytest.param(["张三", "李四", " 张三 "], "张三", id="outer-spaces"),
        pytest.param(["ＡＢ", "李四", "AB"], "AB", id="full-width-letters-NFKC"),
        pytest.param(["王五", "王五", "张三", "张　三"], "张三、王五", id="two-repeated"),
    ],
)
def test_duplicate_candidates_are_refused_after_normalisation(candidates, repeated):
    (problem,) = candidate_problems(candidates, ElectionSettings(1))
    assert problem.key == "election.duplicate_candidate"
    assert problem.params == {"names": repeated}


@pytest.mark.parametrize(
    "scrutineer", ["乙", "乙 ", "　乙"], ids=["same", "trailing-space", "full-width-space"]
)
def test_scrutineer_who_is_a_candidate_is_refused(scrutineer):
    problems = candidate_problems(["甲", "乙", "丙"], ElectionSettings(2), scrutineers=[scrutineer])
    assert keys(problems) == ["election.scrutineer_is_candidate"]
    assert problems[0].params == {"names": "乙"}


def test_scrutineers_who_are_not_candidates_are_fine():
    assert candidate_problems(["甲", "乙", "丙"], ElectionSettings(2), scrutineers=["丁"]) == []


def test_scrutineer_is_checked_in_a_runoff_and_with_too_few_candidates():
    problems = candidate_problems(["甲"], ElectionSettings(2), scrutineers=["甲"])
    assert keys(problems) == [
        "election.too_few_candidates_rate",
        "election.scrutineer_is_candidate",
    ]
    problems = candidate_problems(["甲", "乙"], ElectionSettings(1), ["乙"], runoff=True)
    assert keys(problems) == ["election.scrutineer_is_candidate"]


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("张 三", "张三"),
        ("张　三", "张三"),
        (" 张三\t", "张三"),
        ("ＡＢＣ", "ABC"),
        ("李四", "李四"),
    ],
)
def test_normalize_name(raw, normal):
    assert normalize_name(raw) == normal


# --- ballot storage checks -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ballot", "expected"),
    [
        pytest.param(Ballot(1, "ox-?"), [], id="every-mark"),
        pytest.param(Ballot(1, "----"), [], id="blank"),
        pytest.param(Ballot(1, "", malformed=True), [], id="malformed-is-stored"),
        pytest.param(Ballot(0, "----"), ["ballot.bad_number"], id="number-zero"),
        pytest.param(Ballot(-3, "----"), ["ballot.bad_number"], id="negative-number"),
        pytest.param(Ballot(1, "ox-"), ["ballot.bad_marks"], id="too-short"),
        pytest.param(Ballot(1, "ox-?o"), ["ballot.bad_marks"], id="too-long"),
        pytest.param(Ballot(1, "oxv-"), ["ballot.bad_marks"], id="unknown-mark"),
        pytest.param(Ballot(1, "○×--"), ["ballot.bad_marks"], id="symbols-not-codes"),
    ],
)
def test_ballot_problems(ballot, expected):
    assert keys(ballot_problems(ballot, 4)) == expected


def test_mark_codes():
    assert (YES, NO, BLANK, UNREADABLE) == ("o", "x", "-", "?")
    assert set(MARKS) == {YES, NO, BLANK, UNREADABLE}


# --- ballot validity: ○ + write-ins > S is 废票 -----------------------------------------------

ABC = ["甲", "乙", "丙"]


@pytest.mark.parametrize(
    ("ballot", "void"),
    [
        pytest.param(Ballot(1, "oo-"), False, id="exactly-S-valid"),
        pytest.param(Ballot(1, "o--"), False, id="fewer-than-S"),
        pytest.param(Ballot(1, "ooo"), True, id="S+1-void"),
        pytest.param(Ballot(1, "o-x", ("丁",)), False, id="one-plus-write-in=S"),
        pytest.param(Ballot(1, "oox", ("丁",)), True, id="two-plus-write-in-void"),
        pytest.param(Ballot(1, "xxx", ("丁", "戊")), False, id="two-write-ins"),
        pytest.param(Ballot(1, "xxx", ("丁", "戊", "己")), True, id="three-write-ins-void"),
        pytest.param(Ballot(1, "---"), False, id="all-blank-valid"),
        pytest.param(Ballot(1, "xxx"), False, id="all-no-valid"),
        pytest.param(Ballot(1, "---", malformed=True), True, id="malformed-void"),
        pytest.param(Ballot(1, "--"), True, id="short-void"),
        pytest.param(Ballot(1, "----"), True, id="long-void"),
        pytest.param(Ballot(1, "o?-"), False, id="unreadable-ignored"),
        pytest.param(Ballot(1, "???"), False, id="all-unreadable-ignored"),
        pytest.param(Ballot(1, "oo-", ("甲",)), False, id="write-in-of-marked-candidate"),
        pytest.param(Ballot(1, "oo-", ("甲 ",)), False, id="write-in-of-marked-spaced"),
        pytest.param(Ballot(1, "o--", ("丁", "丁")), False, id="same-write-in-twice"),
        pytest.param(Ballot(1, "o--", ("丁", "  ")), False, id="blank-write-in-ignored"),
    ],
)
def test_ballot_validity(ballot, void):
    assert is_void(ballot, ABC, ElectionSettings(seats=2)) is void


@pytest.mark.parametrize(
    ("marks", "void"), [("o?-", True), ("???", True), ("oo-", False), ("---", False)]
)
def test_unreadable_voids_the_ballot_under_that_setting(marks, void):
    assert is_void(Ballot(1, marks), ABC, ElectionSettings(2, unreadable=UNREADABLE_VOID)) is void


def test_chosen_names_counts_each_name_once():
    ballot = Ballot(1, "o-x", ("甲", "丁", "丁 ", "ＡＢ", ""))
    assert chosen_names(ballot, ABC) == {"甲", "丁", "AB"}


def test_void_ballots_are_counted_but_not_tallied():
    ballots = [*box((3, "oo-"), (2, "ooo"), (1, "---", (), True)), Ballot(7, "o--", (), True)]
    result = run(ABC, ballots, 2, due=10, issued=10)
    assert result.returned == 7
    assert (result.valid_ballots, result.void_ballots) == (3, 4)
    assert result.void_numbers == (4, 5, 6, 7)
    assert by_name(result)["甲"].yes == 3


def test_all_blank_ballot_is_valid_and_all_abstain():
    result = run(ABC, box((4, "---")), 2)
    assert result.valid_ballots == 4
    assert all((t.yes, t.no, t.abstain) == (0, 0, 4) for t in result.candidates)


def test_unreadable_is_neither_yes_nor_no_by_default():
    result = run(ABC, box((2, "o?x"), (1, "?o-")), 2, due=10, issued=10)
    assert result.settings.unreadable == UNREADABLE_IGNORE
    assert result.valid_ballots == 3
    tallies = by_name(result)
    assert (tallies["甲"].yes, tallies["甲"].no, tallies["甲"].unreadable) == (2, 0, 1)
    assert (tallies["乙"].yes, tallies["乙"].no, tallies["乙"].unreadable) == (1, 0, 2)
    assert (tallies["乙"].abstain, tallies["丙"].abstain) == (0, 1)
    assert (tallies["丙"].no, tallies["丙"].unreadable) == (2, 0)


def test_unreadable_void_setting_voids_the_ballot_in_the_tally():
    ballots = box((2, "o?x"), (1, "oo-"))
    result = run(ABC, ballots, 2, due=10, issued=10, unreadable=UNREADABLE_VOID)
    assert result.valid_ballots == 1 and result.void_numbers == (1, 2)
    assert all(t.unreadable == 0 for t in result.candidates)


@pytest.mark.parametrize(
    "ballot",
    [
        pytest.param(Ballot(1, "o-", ("甲",)), id="marked-and-written"),
        pytest.param(Ballot(1, "--", ("甲",)), id="blank-and-written"),
        pytest.param(Ballot(1, "x-", ("甲",)), id="crossed-and-written"),
        pytest.param(Ballot(1, "?-", ("甲",)), id="unreadable-and-written"),
        pytest.param(Ballot(1, "o-", ("甲", " 甲", "甲　")), id="written-thrice"),
        pytest.param(Ballot(1, "x-", ("甲 ",)), id="crossed-and-written-with-space"),
    ],
)
def test_write_in_of_a_formal_candidate_is_one_yes_for_that_candidate(ballot):
    result = run(["甲", "乙"], [ballot], 1, due=1, issued=1)
    assert result.valid_ballots == 1
    assert [t.name for t in result.candidates] == ["甲", "乙"]  # no write-in row for 甲
    first = by_name(result)["甲"]
    assert (first.yes, first.no, first.abstain, first.unreadable) == (1, 0, 0, 0)
    assert not first.write_in
    assert result.elected == ("甲",)


def test_write_in_of_a_formal_candidate_does_not_make_the_ballot_void():
    # seats 1: ○ for 甲 and 甲 written in again is still one name
    assert not is_void(Ballot(1, "o-", ("甲",)), ["甲", "乙"], ElectionSettings(1))
    assert is_void(Ballot(1, "o-", ("乙",)), ["甲", "乙"], ElectionSettings(1))


# --- the tally: 2*赞成 > 应到会有选举权人数 ----------------------------------------------------------


@pytest.mark.parametrize(
    ("yes", "due", "elected", "exactly_half"),
    [
        pytest.param(5, 10, False, True, id="exactly-half-of-due-not-elected"),
        pytest.param(6, 10, True, False, id="one-more-elected"),
        pytest.param(4, 10, False, False, id="below-half"),
        pytest.param(5, 9, True, False, id="odd-due-majority"),
        pytest.param(4, 9, False, False, id="odd-due-below"),
    ],
)
def test_majority_of_due_elects(yes, due, elected, exactly_half):
    result = run(["甲", "乙"], spread([yes, 0], due), 1, due=due)
    first = by_name(result)["甲"]
    assert first.qualified is elected and first.elected is elected
    assert first.exactly_half is exactly_half
    assert result.elected == (("甲",) if elected else ())
    assert result.threshold == due // 2 + 1


def test_base_is_due_not_ballots_cast():
    # 应到 20, 14 ballots issued and returned (3*14 >= 2*20): 10 of 14 ○ is only half of 20
    result = run(["甲", "乙"], spread([10, 3], 14), 1, due=20)
    assert result.valid and result.threshold == 11
    assert by_name(result)["甲"].exactly_half and result.elected == ()
    result = run(["甲", "乙"], spread([11, 3], 14), 1, due=20)
    assert result.elected == ("甲",)


def test_tally_figures_for_the_report():
    ballots = box((5, "ox-"), (2, "xo-"), (1, "?-o"), (1, "ooo"))
    result = run(ABC, ballots, 2, due=10, issued=10)
    assert (result.issued, result.returned, result.valid_ballots, result.void_ballots) == (
        10,
        9,
        8,
        1,
    )
    assert result.seats == 2 and result.due == 10
    rows = [(t.name, t.yes, t.no, t.abstain, t.unreadable) for t in result.candidates]
    assert rows == [("甲", 5, 2, 0, 1), ("乙", 2, 5, 1, 0), ("丙", 1, 0, 7, 0)]
    assert result.elected == ()  # 5 of 10 is exactly half
    assert by_name(result)["甲"].exactly_half


# --- void elections ----------------------------------------------------------------------------


def test_returned_exceeding_issued_voids_the_whole_election():
    # 选举无效，应重新选举 — but the counts are still shown
    result = run(["甲", "乙"], spread([4, 1], 5), 1, due=5, issued=4)
    assert not result.valid
    assert result.void_reason == "returned_exceeds_issued"
    assert result.elected == () and result.runoff == () and result.reelect == ()
    assert result.vacant == 1
    assert by_name(result)["甲"].yes == 4 and by_name(result)["乙"].yes == 1
    assert not any(t.elected for t in result.candidates)


def test_returned_equal_to_issued_stands():
    result = run(["甲", "乙"], spread([4, 1], 5), 1, due=5, issued=5)
    assert result.valid and result.elected == ("甲",)


def test_returned_below_issued_stands():
    result = run(["甲", "乙"], spread([4, 1], 5), 1, due=6, issued=6)
    assert result.valid and result.elected == ("甲",)


@pytest.mark.parametrize(
    ("issued", "validity", "valid"),
    [
        pytest.param(60, GTE, True, id="3*60==2*90-valid"),
        pytest.param(59, GTE, False, id="one-less-invalid"),
        pytest.param(90, GTE, True, id="everyone"),
        pytest.param(60, GT, False, id="超过三分之二-exact-line-invalid"),
        pytest.param(61, GT, True, id="超过三分之二-one-more"),
    ],
)
def test_participation_two_thirds_of_due(issued, validity, valid):
    result = run(["甲", "乙"], spread([46, 0], 46), 1, due=90, issued=issued, validity=validity)
    assert result.valid is valid
    assert result.void_reason == (None if valid else "participation")
    assert result.participation_required == (60 if validity == GTE else 61)
    assert result.elected == (("甲",) if valid else ())


def test_not_issued_is_void():
    result = tally(ABC, [], due=10, issued=None, settings=ElectionSettings(2))
    assert not result.valid and result.void_reason == "not_issued"


def test_nobody_due_is_void():
    result = tally(ABC, [], due=0, issued=0, settings=ElectionSettings(2))
    assert not result.valid and result.void_reason == "no_voters"


def test_returned_exceeds_issued_is_reported_before_participation():
    result = run(["甲", "乙"], spread([3, 0], 3), 1, due=90, issued=2)
    assert result.void_reason == "returned_exceeds_issued"


# --- more qualifiers than seats ----------------------------------------------------------------

FOUR = ["甲", "乙", "丙", "丁"]


def test_more_qualifiers_than_seats_take_the_highest():
    result = run(FOUR, spread([7, 9, 8, 6], 10), 3, due=10)
    assert all(t.qualified for t in result.candidates)
    assert result.elected == ("乙", "丙", "甲")  # by ○, highest first
    assert not by_name(result)["丁"].elected
    assert result.runoff == () and result.vacant == 0 and result.reelect == ()


def test_tie_at_the_cut_off_goes_to_a_runoff_among_the_tied():
    # seats 2: 甲 8, 乙 6, 丙 6 — the second seat is tied: 再次投票, never by lot
    result = run(ABC, spread([8, 6, 6], 10), 2, due=10)
    assert result.valid
    assert result.elected == ("甲",)
    assert result.runoff == ("乙", "丙")
    assert result.runoff_seats == 1 and result.vacant == 1
    assert result.reelect == ()
    tallies = by_name(result)
    assert tallies["乙"].runoff and tallies["丙"].runoff and not tallies["甲"].runoff
    assert not tallies["乙"].elected and not tallies["丙"].elected


def test_tie_for_every_seat_is_a_runoff_for_all_of_them():
    result = run(ABC, spread([6, 6, 6], 9), 2, due=9)
    assert result.elected == () and result.runoff == ("甲", "乙", "丙")
    assert result.runoff_seats == 2 and result.vacant == 2


def test_tie_entirely_inside_the_seats_is_not_a_runoff():
    result = run(ABC, spread([7, 7, 6], 10), 2, due=10)
    assert result.elected == ("甲", "乙")
    assert result.runoff == () and result.runoff_seats == 0 and result.vacant == 0


def test_tie_below_the_cut_off_does_not_matter():
    # seats 3 among 5 qualifiers: 甲 10, 乙 10, 丙 9, 丁 8, 戊 8 (due 15 → threshold 8)
    result = run(names(5), spread([10, 10, 9, 8, 8], 15), 3, due=15)
    assert all(t.qualified for t in result.candidates)
    assert result.valid
    assert result.elected == ("甲", "乙", "丙") and result.runoff == ()


def test_tie_among_non_qualifiers_is_not_a_runoff():
    result = run(ABC, spread([8, 4, 4], 10), 2, due=10, shortfall=SHORTFALL_VACANT)
    assert result.elected == ("甲",) and result.runoff == () and result.vacant == 1


def test_fewest_no_breaks_the_tie():
    # 乙 and 丙 tie on 6 ○; 乙 has 4 ×, 丙 none
    ballots = box((2, "xoo"), (4, "oxo"), (4, "oo-"))
    result = run(ABC, ballots, 2, due=10, tie=TIE_FEWEST_NO)
    assert [by_name(result)[n].yes for n in ABC] == [8, 6, 6]
    assert result.elected == ("甲", "丙")
    assert result.runoff == () and result.runoff_seats == 0 and result.vacant == 0
    # the same ballots under the default go to a runoff
    default = run(ABC, ballots, 2, due=10)
    assert default.settings.tie == TIE_RUNOFF
    assert default.runoff == ("乙", "丙")


def test_fewest_no_still_tied_goes_to_runoff():
    ballots = box((2, "-oo"), (4, "oxo"), (4, "oox"))
    result = run(ABC, ballots, 2, due=10, tie=TIE_FEWEST_NO)
    assert [(by_name(result)[n].yes, by_name(result)[n].no) for n in ABC] == [
        (8, 0),
        (6, 4),
        (6, 4),
    ]
    assert result.elected == ("甲",)
    assert result.runoff == ("乙", "丙") and result.runoff_seats == 1 and result.vacant == 1


def test_fewest_no_partly_resolves_a_tie():
    # three tied for two seats; × counts 甲 0, 乙 1, 丙 1: 甲 wins, 乙 and 丙 go to a runoff
    ballots = renumber(spread([6, 6, 6], 9) + box((1, "-xx")))
    result = run(ABC, ballots, 2, due=10, tie=TIE_FEWEST_NO)
    assert result.elected == ("甲",)
    assert result.runoff == ("乙", "丙") and result.runoff_seats == 1 and result.vacant == 1


def test_fewest_no_fully_resolves_a_three_way_tie():
    ballots = renumber(spread([6, 6, 6], 9) + box((1, "-xx"), (1, "--x")))
    result = run(ABC, ballots, 2, due=11, tie=TIE_FEWEST_NO)
    assert result.elected == ("甲", "乙")
    assert result.runoff == () and result.vacant == 0


# --- too few qualifiers: 另行选举 ------------------------------------------------------------------

SIX = names(6)


def test_too_few_qualifiers_leaves_seats_and_proposes_a_reelection():
    # seats 3; 甲 8 and 乙 6 qualify (due 10); 丙 5 is exactly half
    result = run(SIX, spread([8, 6, 5, 4, 3, 0], 10), 3, due=10)
    assert result.valid
    assert result.elected == ("甲", "乙") and result.vacant == 1
    # 1 vacant seat + max(1, ceil(1*5%)) = 2 names, in order of first-round ○
    assert result.reelect == ("丙", "丁")
    assert result.seats_after is None and result.runoff == ()
    assert result.settings.shortfall == SHORTFALL_REELECT


def test_reelect_list_keeps_the_rate():
    # seats 4, only 甲 qualifies → 3 vacant; at 50% that is 3 + ceil(1.5) = 5 names
    result = run(SIX, spread([8, 5, 4, 3, 2, 1], 10), 4, due=10, rate=Fraction(1, 2))
    assert result.elected == ("甲",) and result.vacant == 3
    assert result.reelect == ("乙", "丙", "丁", "戊", "己")


def test_reelect_list_is_exactly_the_vacant_seats_in_an_equal_election():
    result = run(["甲", "乙", "丙"], spread([8, 5, 4], 10), 3, due=10, equal=True)
    assert result.elected == ("甲",) and result.vacant == 2
    assert result.reelect == ("乙", "丙")


def test_reelect_list_equal_election_takes_no_extra_name():
    result = run(SIX, spread([8, 5, 4, 3, 2, 1], 10), 3, due=10, equal=True)
    assert result.vacant == 2 and result.reelect == ("乙", "丙")


def test_reelect_list_is_short_when_there_are_not_enough_non_winners():
    result = run(["甲", "乙"], spread([3, 2], 10), 1, due=10)
    assert result.elected == () and result.vacant == 1
    assert result.reelect == ("甲", "乙")


def test_reelect_order_ties_keep_ballot_order():
    result = run(SIX, spread([8, 6, 2, 4, 4, 0], 10), 3, due=10)
    assert result.reelect == ("丁", "戊")


def test_reelect_list_never_cuts_inside_a_tie():
    # 1 vacant seat wants 2 names; 丁 and 戊 tie (3 ○ each) exactly at the 2nd place: both go in
    result = run(SIX, spread([8, 6, 4, 3, 3, 0], 10), 3, due=10)
    assert result.elected == ("甲", "乙") and result.vacant == 1
    assert result.reelect == ("丙", "丁", "戊")
    assert result.reelect_wanted == 2


def test_reelect_list_tie_just_below_the_cut_stays_out():
    # 戊 and 己 tie one place below the cut: the list is the 2 names the ratio asks for
    result = run(SIX, spread([8, 6, 4, 3, 2, 2], 10), 3, due=10)
    assert result.reelect == ("丙", "丁") and result.reelect_wanted == 2


def test_reelect_list_tie_at_the_cut_in_an_equal_election():
    result = run(["甲", "乙", "丙"], spread([8, 4, 4], 10), 2, due=10, equal=True)
    assert result.elected == ("甲",) and result.reelect_wanted == 1
    assert result.reelect == ("乙", "丙")


def test_shortfall_vacant_gives_no_list():
    result = run(SIX, spread([8, 6, 5, 4, 3, 0], 10), 3, due=10, shortfall=SHORTFALL_VACANT)
    assert result.elected == ("甲", "乙")
    assert result.vacant == 1 and result.reelect == () and result.seats_after is None


def test_shortfall_reduce_reduces_the_seats():
    result = run(SIX, spread([8, 6, 5, 4, 3, 0], 10), 3, due=10, shortfall=SHORTFALL_REDUCE)
    assert result.elected == ("甲", "乙")
    assert result.seats_after == 2 and result.vacant == 0 and result.reelect == ()
    assert result.seats == 3  # the setting itself is unchanged


def test_nobody_qualifies():
    result = run(ABC, spread([5, 4, 1], 10), 2, due=10)
    assert result.elected == () and result.vacant == 2
    assert result.reelect == ("甲", "乙", "丙")  # 2 + max(1, ceil(0.1)) = 3


def test_full_election_needs_no_reelection():
    result = run(ABC, spread([8, 7, 5], 10), 2, due=10)
    assert result.vacant == 0 and result.reelect == () and result.seats_after is None


# --- write-ins (另选他人) -------------------------------------------------------------------------


def test_write_in_is_tallied_and_can_be_elected():
    ballots = box((6, "xx", ["丙"]), (3, "o-"), (1, "-o"))
    result = run(["甲", "乙"], ballots, 1, due=10)
    assert result.elected == ("丙",)
    written = by_name(result)["丙"]
    assert written == CandidateTally(
        name="丙", yes=6, no=0, abstain=4, write_in=True, qualified=True, elected=True
    )
    assert (by_name(result)["甲"].no, by_name(result)["乙"].no) == (6, 6)


def test_write_in_faces_the_same_majority_test():
    ballots = box((5, "xx", ["丙"]), (5, "--"))
    result = run(["甲", "乙"], ballots, 1, due=10)
    assert by_name(result)["丙"].exactly_half and result.elected == ()
    assert result.reelect == ("丙", "甲", "乙")  # 甲 and 乙 tie (0 ○) at the cut: both go in


def test_write_ins_merge_by_normalised_name_and_follow_the_formal_candidates():
    ballots = box((2, "x-", ["丁"]), (1, "x-", ["丙 "]), (1, "x-", ["丙　"]), (1, "x-", ["丙"]))
    result = run(["甲", "乙"], ballots, 1, due=10, issued=10)
    assert [(t.name, t.yes, t.write_in) for t in result.candidates] == [
        ("甲", 0, False),
        ("乙", 0, False),
        ("丙", 3, True),
        ("丁", 2, True),
    ]


def test_write_ins_with_equal_votes_are_listed_by_name():
    ballots = box((1, "x-", ["壬"]), (1, "x-", ["丁"]))
    result = run(["甲", "乙"], ballots, 1, due=10, issued=10)
    assert [t.name for t in result.candidates if t.write_in] == sorted(["壬", "丁"])


def test_candidate_names_in_the_result_are_normalised():
    result = run(["张 三", "李四"], box((3, "o-")), 1)
    assert result.elected == ("张三",)


# --- compare_entries: two clerks key the same ballots blind ------------------------------------


def test_identical_entries_agree():
    first = box((3, "o-x", ["丁"]), (2, "---"))
    assert compare_entries(first, list(reversed(first))) == []


def test_write_in_order_and_spacing_do_not_matter():
    first = [Ballot(1, "x-x", ("丁", "戊"))]
    second = [Ballot(1, "x-x", ("戊 ", "丁"))]
    third = [Ballot(1, "x-x", ("　戊", "丁", ""))]
    assert compare_entries(first, second) == []
    assert compare_entries(first, third) == []


def test_every_difference_and_missing_number_is_listed():
    first = [
        Ballot(1, "o--"),
        Ballot(2, "x--", ("丁",)),
        Ballot(3, "---"),
        Ballot(4, "o--"),
        Ballot(6, "---"),
    ]
    second = [
        Ballot(1, "o--"),
        Ballot(2, "x--", ("戊",)),
        Ballot(3, "---", (), True),
        Ballot(4, "-o-"),
        Ballot(5, "---"),
    ]
    diffs = compare_entries(first, second)
    assert [d.number for d in diffs] == [2, 3, 4, 5, 6]
    assert diffs[0].first == first[1] and diffs[0].second == second[1]
    assert diffs[3].first is None and diffs[3].second == second[4]
    assert diffs[4].first == first[4] and diffs[4].second is None


def test_missing_write_in_is_a_difference():
    assert [d.number for d in compare_entries([Ballot(1, "x-", ("丙",))], [Ballot(1, "x-")])] == [1]


# --- properties ----------------------------------------------------------------------------------

POOL = names(5)
WRITE_POOL = ["甲", "乙 ", "　丙", "庚", "辛", "ＡＢ", "A B", ""]


@st.composite
def contested_marks(draw, n, seats):
    """A valid ballot: at most ``seats`` ○ (write-in included), the rest × or blank."""
    size = draw(st.sampled_from([seats, seats, seats - 1, 0]))  # mostly full ballots
    chosen = draw(st.lists(st.integers(0, n - 1), min_size=size, max_size=size, unique=True))
    rest = draw(st.lists(st.sampled_from([NO, BLANK]), min_size=n, max_size=n))
    marks = "".join(YES if i in chosen else rest[i] for i in range(n))
    room = len(chosen) < seats
    write_ins = draw(st.sampled_from([(), ("庚",)])) if room else ()
    return marks, write_ins, False


@st.composite
def elections(draw, *, returned_within_issued=True, contested=False):
    """Random elections; ``contested`` ones have only valid ballots and due == issued == returned
    so that qualifiers, full seats and ties at the cut-off come up often."""
    n = draw(st.integers(1, 5))
    candidates = POOL[:n]
    seats = draw(st.integers(1, n))
    mark = st.sampled_from([YES, YES, YES, NO, BLANK, UNREADABLE])  # ○-heavy: winners happen
    marks = st.lists(mark, min_size=n, max_size=n).map("".join)
    odd_marks = st.lists(st.sampled_from(MARKS), max_size=n + 1).map("".join)
    template = st.tuples(
        st.one_of(marks, marks, marks, odd_marks),
        st.lists(st.sampled_from(WRITE_POOL), max_size=2).map(tuple),
        st.sampled_from([False] * 9 + [True]),
    )
    if contested:
        template = contested_marks(n, seats)
    templates = draw(st.lists(template, min_size=1, max_size=5))
    picks = draw(st.lists(st.integers(0, len(templates) - 1), max_size=40))
    ballots = [Ballot(i + 1, *templates[k]) for i, k in enumerate(picks)]
    returned = len(ballots)
    if contested:
        issued = due = max(1, returned)
    else:
        if returned_within_issued:
            issued = returned + draw(st.integers(0, 3))
        else:
            issued = draw(st.one_of(st.none(), st.integers(0, returned + 3)))
        floor = max(1, issued or 0)
        due = draw(st.integers(floor, floor + floor // 2 + 1))  # mostly 3*issued >= 2*due
    options = draw(
        st.fixed_dictionaries(
            {
                "rate": st.sampled_from([PCT5, PCT10, PCT20, Fraction(1, 2)]),
                "equal": st.booleans(),
                "validity": st.sampled_from([GT, GTE]),
                "unreadable": st.sampled_from([UNREADABLE_IGNORE, UNREADABLE_VOID]),
                "tie": st.sampled_from([TIE_RUNOFF, TIE_FEWEST_NO]),
                "shortfall": st.sampled_from(
                    [SHORTFALL_REELECT, SHORTFALL_VACANT, SHORTFALL_REDUCE]
                ),
            }
        )
    )
    return candidates, ballots, due, issued, ElectionSettings(seats=seats, **options)


@st.composite
def close_elections(draw):
    """Elections built from chosen ○ counts taken from a few levels, so that more qualifiers
    than seats and ties at the cut-off are common; a few ×-only ballots vary the 不赞成."""
    n = draw(st.integers(2, 6))
    seats = draw(st.integers(1, n))
    size = draw(st.integers(1, 30))
    levels = draw(st.lists(st.integers(size // 3, size), min_size=1, max_size=3))
    yes = draw(st.lists(st.sampled_from(levels), min_size=n, max_size=n))
    while sum(yes) > seats * size:
        yes[yes.index(max(yes))] -= 1
    ballots = spread(yes, size, fill=draw(st.sampled_from([BLANK, NO])))
    crosses = draw(
        st.lists(st.lists(st.sampled_from([NO, BLANK]), min_size=n, max_size=n), max_size=3)
    )
    ballots = renumber(ballots + [Ballot(0, "".join(m)) for m in crosses])
    options = draw(
        st.fixed_dictionaries(
            {
                "rate": st.sampled_from([PCT5, PCT20, Fraction(1, 2)]),
                "equal": st.booleans(),
                "tie": st.sampled_from([TIE_RUNOFF, TIE_FEWEST_NO]),
                "shortfall": st.sampled_from(
                    [SHORTFALL_REELECT, SHORTFALL_VACANT, SHORTFALL_REDUCE]
                ),
            }
        )
    )
    due = len(ballots)
    return names(n), ballots, due, due, ElectionSettings(seats=seats, **options)


ANY_ELECTION = st.one_of(elections(), elections(contested=True), close_elections())


def count(election, ballots=None):
    candidates, own, due, issued, rules = election
    return tally(
        candidates, own if ballots is None else ballots, due=due, issued=issued, settings=rules
    )


@settings(max_examples=200, deadline=None)
@given(
    data=st.data(),
    election=st.one_of(
        elections(returned_within_issued=False), elections(contested=True), close_elections()
    ),
)
def test_tally_does_not_depend_on_ballot_order(data, election):
    shuffled = data.draw(st.permutations(election[1]))
    assert count(election, shuffled) == count(election)


@settings(max_examples=200, deadline=None)
@given(election=elections(returned_within_issued=False))
def test_valid_plus_void_is_returned(election):
    result = count(election)
    assert result.returned == len(election[1])
    assert result.valid_ballots + result.void_ballots == result.returned
    assert len(result.void_numbers) == result.void_ballots


@settings(max_examples=200, deadline=None)
@given(election=elections(returned_within_issued=False))
def test_candidate_marks_add_up_to_the_valid_ballots(election):
    result = count(election)
    candidates = {normalize_name(c) for c in election[0]}
    for t in result.candidates:
        assert 0 <= t.yes <= result.valid_ballots
        assert t.no >= 0 and t.abstain >= 0 and t.unreadable >= 0
        assert t.yes + t.no + t.abstain + t.unreadable == result.valid_ballots
        assert t.qualified is (2 * t.yes > result.due)
        assert t.write_in is (t.name not in candidates)
        if t.write_in:
            assert t.yes > 0 and t.no == 0 and t.unreadable == 0
    assert len({t.name for t in result.candidates}) == len(result.candidates)


@settings(max_examples=200, deadline=None)
@given(election=ANY_ELECTION)
def test_elected_are_qualifiers_and_fill_the_seats_with_vacancies(election):
    result = count(election)
    if not result.valid:
        assert result.elected == () and result.vacant == result.seats
        return
    tallies = by_name(result)
    qualifiers = {n for n, t in tallies.items() if t.qualified}
    assert set(result.elected) <= qualifiers
    assert set(result.runoff) <= qualifiers - set(result.elected)
    assert {n for n, t in tallies.items() if t.elected} == set(result.elected)
    assert {n for n, t in tallies.items() if t.runoff} == set(result.runoff)
    assert len(result.elected) + result.runoff_seats <= result.seats
    if result.settings.shortfall == SHORTFALL_REDUCE and result.seats_after is not None:
        assert len(result.elected) + result.vacant == result.seats_after < result.seats
    else:
        assert len(result.elected) + result.vacant == result.seats
    if result.runoff:
        assert len(result.runoff) > result.runoff_seats > 0
        assert len({tallies[n].yes for n in result.runoff}) == 1
    else:
        assert result.runoff_seats == 0
    # nobody left out has more ○ than someone elected
    if result.elected:
        lowest = min(tallies[n].yes for n in result.elected)
        assert all(t.yes <= lowest for n, t in tallies.items() if n not in result.elected)
    assert set(result.reelect).isdisjoint(result.elected)


@settings(max_examples=200, deadline=None)
@given(election=ANY_ELECTION)
def test_elected_names_are_ordered_by_yes(election):
    result = count(election)
    tallies = by_name(result)
    votes = [tallies[n].yes for n in result.elected]
    assert votes == sorted(votes, reverse=True)


@settings(max_examples=200, deadline=None)
@given(election=elections(), data=st.data())
def test_compare_entries_of_the_same_ballots_agrees(election, data):
    ballots = election[1]
    assert compare_entries(ballots, data.draw(st.permutations(ballots))) == []


@pytest.mark.parametrize(
    ("issued", "due", "validity", "valid", "on_line"),
    [
        (6, 9, GTE, True, True),  # 3*6 == 2*9: exactly two-thirds, valid under 以上, and flagged
        (6, 9, GT, False, True),  # 超过三分之二: the line itself is not enough
        (7, 9, GT, True, False),
        (5, 9, GTE, False, False),
    ],
)
def test_participation_exactly_two_thirds_is_flagged(issued, due, validity, valid, on_line):
    result = run(names(2), [Ballot(1, "o-")], 1, due=due, issued=issued, validity=validity)
    assert result.valid is valid
    assert result.participation_on_line is on_line
