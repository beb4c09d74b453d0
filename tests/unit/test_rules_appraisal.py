"""RULES.md §4 — appraisal of leaders (民主评议 / 满意度测评)."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.rules.appraisal import (
    DENOMINATORS,
    GRADES,
    LOW,
    MID,
    NONE,
    SCALES,
    TOP,
    AppraisalSettings,
    Sheets,
    appraisal_result,
    count_problems,
    grade,
    percent,
    sheet_problems,
    subject_result,
    weighted_score,
)


def keys(problems):
    return [p.key for p in problems]


def half_up(part, whole):
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def one(counts, *, returned, invalid=0, issued=None, due=None, **options):
    sheets = Sheets(
        issued=returned if issued is None else issued, returned=returned, invalid=invalid
    )
    return subject_result(
        "张三", counts, sheets, returned if due is None else due, AppraisalSettings(**options)
    )


# --- percent: two decimals, ROUND_HALF_UP (never banker's rounding) -------------------------


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [
        pytest.param(1, 8, "12.50", id="1/8=12.5%"),
        pytest.param(1, 800, "0.13", id="0.125-half-up-not-0.12"),
        pytest.param(5, 800, "0.63", id="0.625-half-up-not-0.62"),
        pytest.param(3, 800, "0.38", id="0.375"),
        pytest.param(777, 800, "97.13", id="97.125-half-up"),
        pytest.param(1, 1600, "0.06", id="0.0625-rounds-down"),
        pytest.param(2, 3, "66.67", id="two-thirds"),
        pytest.param(1, 3, "33.33", id="one-third"),
        pytest.param(1, 6, "16.67", id="one-sixth"),
        pytest.param(193, 200, "96.50", id="96.5"),
        pytest.param(0, 7, "0.00", id="zero"),
        pytest.param(7, 7, "100.00", id="all"),
        pytest.param(1, 1_000_000, "0.00", id="tiny"),
        pytest.param(1, 20_000, "0.01", id="0.005-half-up"),
        pytest.param(3, 2, "150.00", id="above-whole"),
    ],
)
def test_percent_two_decimals_half_up(part, whole, text):
    value = percent(part, whole)
    assert str(value) == text
    assert value == half_up(part, whole)


@pytest.mark.parametrize("whole", [0, -1])
def test_percent_of_nothing_is_none(whole):
    assert percent(1, whole) is None


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(1, 10**7), data=st.data())
def test_percent_matches_decimal_half_up(whole, data):
    part = data.draw(st.integers(0, whole))
    value = percent(part, whole)
    assert value == half_up(part, whole)
    assert value.as_tuple().exponent == -2  # always shown with two decimals


@settings(max_examples=200, deadline=None)
@given(
    d=st.sampled_from([1, 5, 25, 125, 625]),  # the odd divisors of 20000
    j=st.integers(1, 1000),
    data=st.data(),
)
def test_percent_on_an_exact_half_hundredth_rounds_up(d, j, data):
    # part/whole = (2i+1)*d/20000, i.e. 100*part/whole = x.xx5 exactly
    i = data.draw(st.integers(0, (20000 // d - 1) // 2 - 1))
    part, whole = (2 * i + 1) * j, 20000 // d * j
    k = ((2 * i + 1) * d - 1) // 2  # 100*part/whole = k/100 + 1/200
    assert percent(part, whole) == Decimal(k + 1).scaleb(-2)
    assert percent(part, whole) == half_up(part, whole)


# --- the rate: (满意 + 基本满意) / denominator ------------------------------------------------------


@pytest.mark.parametrize(
    ("denominator", "base", "rate"),
    [
        pytest.param("valid", 96, "93.75", id="有效票-default"),
        pytest.param("returned", 98, "91.84", id="收回"),
        pytest.param("due", 105, "85.71", id="应到"),
    ],
)
def test_rate_denominators(denominator, base, rate):
    result = one((80, 10, 5), returned=98, invalid=2, issued=100, due=105, denominator=denominator)
    assert result.positive == 90
    assert result.denominator == base
    assert str(result.rate) == rate


def test_default_denominator_is_valid_sheets():
    assert AppraisalSettings().denominator == "valid"
    assert set(DENOMINATORS) == {"valid", "returned", "due"}


def test_rate_counts_satisfied_and_basically_satisfied():
    result = one((1, 0, 0), returned=8)
    assert str(result.rate) == "12.50"
    assert result.blank == 7  # blank = abstain


def test_rate_lands_on_a_half_hundredth_and_rounds_up():
    # 777 of 800 valid sheets = 97.125% → 97.13%
    result = one((700, 77, 20), returned=800)
    assert str(result.rate) == "97.13"


@pytest.mark.parametrize(
    ("scale", "counts", "positive"),
    [
        ("sat3", (5, 3, 2), 8),
        ("comp4", (4, 3, 2, 1), 9),  # 优秀 + 称职 + 基本称职
        ("sat_unknown", (6, 2, 2), 6),  # 不了解 is not positive
        ("sat5", (3, 3, 2, 1, 1), 8),  # 很满意 + 满意 + 基本满意
    ],
)
def test_positive_tiers_per_scale(scale, counts, positive):
    result = one(counts, returned=10, scale=scale)
    assert result.positive == positive
    assert result.rate == half_up(positive, 10)


def test_scales_tiers():
    assert [o.tier for o in SCALES["sat3"]] == [TOP, MID, LOW]
    assert [o.tier for o in SCALES["comp4"]] == [TOP, TOP, MID, LOW]
    assert [o.tier for o in SCALES["sat_unknown"]] == [TOP, LOW, NONE]
    assert [o.tier for o in SCALES["sat5"]] == [TOP, TOP, MID, LOW, LOW]
    assert [o.weight for o in SCALES["sat5"]] == [100, 80, 60, 30, 0]


def test_empty_denominator_gives_no_rate_grade_or_warning():
    result = one((0, 0, 0), returned=0)
    assert result.rate is None and result.grade is None and result.warning is False


# --- the overall grade: 2*满意 > N, else 2*(满意+基本满意) > N -------------------------------------


@pytest.mark.parametrize(
    ("top", "mid", "base", "expected"),
    [
        pytest.param(5, 0, 10, "unsatisfied", id="满意-exactly-half-is-not-满意"),
        pytest.param(5, 1, 10, "basically", id="满意-half-plus-基本满意"),
        pytest.param(6, 0, 10, "satisfied", id="满意-one-more"),
        pytest.param(3, 2, 10, "unsatisfied", id="positive-exactly-half"),
        pytest.param(3, 3, 10, "basically", id="positive-one-more"),
        pytest.param(0, 0, 10, "unsatisfied", id="nobody"),
        pytest.param(5, 0, 9, "satisfied", id="odd-base"),
        pytest.param(4, 1, 9, "basically", id="odd-base-basically"),
        pytest.param(4, 0, 9, "unsatisfied", id="odd-base-below"),
    ],
)
def test_grade_boundaries(top, mid, base, expected):
    assert grade(top, mid, base) == expected
    assert expected in GRADES


def test_grade_uses_the_chosen_denominator():
    # 6 满意 of 10 valid is 满意; of 12 returned it is exactly half
    assert one((6, 0, 0), returned=12, invalid=2).grade == "satisfied"
    assert one((6, 0, 0), returned=12, invalid=2, denominator="returned").grade == "unsatisfied"
    assert one((6, 1, 0), returned=12, invalid=2, denominator="returned").grade == "basically"


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        pytest.param((3, 2, 0, 0, 4), "satisfied", id="很满意+满意-5-of-9"),
        pytest.param((2, 2, 1, 0, 4), "basically", id="top-4-positive-5-of-9"),
        pytest.param((2, 2, 0, 1, 4), "unsatisfied", id="不太满意-is-not-positive"),
    ],
)
def test_grade_sat5_top_tier_is_very_satisfied_plus_satisfied(counts, expected):
    assert one(counts, returned=9, scale="sat5").grade == expected


# --- weighted score, beside the rate and never in it ------------------------------------------


@pytest.mark.parametrize(
    ("scale", "counts", "score"),
    [
        pytest.param("sat5", (1, 1, 1, 1, 1), "54.00", id="sat5-one-each"),
        pytest.param("sat5", (10, 0, 0, 0, 0), "100.00", id="sat5-all-very"),
        pytest.param("sat5", (0, 0, 0, 0, 4), "0.00", id="sat5-all-unsatisfied"),
        pytest.param("sat5", (1, 2, 0, 0, 0), "86.67", id="sat5-thirds"),
        pytest.param("sat5", (0, 0, 1, 1, 0), "45.00", id="sat5-60-and-30"),
        pytest.param("sat3", (1, 1, 0), "70.00", id="sat3-80-and-60"),
        pytest.param("sat3", (1, 2, 0), "66.67", id="sat3-rounded"),
        pytest.param("sat3", (3, 0, 1), "60.00", id="sat3-with-unsatisfied"),
        pytest.param("sat_unknown", (1, 0, 5), "80.00", id="不了解-left-out"),
    ],
)
def test_weighted_score(scale, counts, score):
    assert str(weighted_score(counts, SCALES[scale])) == score
    result = one(counts, returned=10, scale=scale, weighted=True)
    assert str(result.weighted) == score


@pytest.mark.parametrize(
    ("counts", "score"),
    [
        pytest.param((1, 0, 1599), "0.05", id="80/1600"),
        pytest.param((1, 0, 63), "1.25", id="80/64"),
        pytest.param((1, 0, 127), "0.63", id="80/128=0.625-half-up"),
        pytest.param((1, 0, 255), "0.31", id="80/256=0.3125-down"),
        pytest.param((3, 5, 0), "67.50", id="(240+300)/8"),
    ],
)
def test_weighted_score_half_up(counts, score):
    assert str(weighted_score(counts, SCALES["sat3"])) == score


def test_weighted_score_is_none_for_comp4_and_when_nothing_marked():
    assert weighted_score((5, 3, 1, 1), SCALES["comp4"]) is None
    assert one((5, 3, 1, 1), returned=10, scale="comp4", weighted=True).weighted is None
    assert weighted_score((0, 0, 0), SCALES["sat3"]) is None
    assert weighted_score((0, 0, 7), SCALES["sat_unknown"]) is None


def test_weighted_score_off_by_default_and_never_in_the_rate():
    plain = one((1, 1, 0), returned=4)
    scored = one((1, 1, 0), returned=4, weighted=True)
    assert plain.weighted is None and str(scored.weighted) == "70.00"
    assert plain.rate == scored.rate == Decimal("50.00")
    assert plain.grade == scored.grade


# --- warning: 不满意 exceeds one third --------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "base", "warning"),
    [
        pytest.param(10, 30, False, id="exactly-one-third-is-not-a-warning"),
        pytest.param(11, 30, True, id="one-more-warns"),
        pytest.param(9, 30, False, id="below"),
        pytest.param(3, 10, False, id="not-divisible-below"),
        pytest.param(4, 10, True, id="not-divisible-above"),
        pytest.param(1, 3, False, id="one-of-three"),
        pytest.param(2, 3, True, id="two-of-three"),
    ],
)
def test_warning_when_unsatisfied_exceeds_one_third(low, base, warning):
    assert one((0, 0, low), returned=base).warning is warning


def test_warning_sat5_counts_both_low_tiers():
    # 不太满意 5 + 不满意 6 = 11 of 30
    assert one((19, 0, 0, 5, 6), returned=30, scale="sat5").warning is True
    assert one((20, 0, 0, 5, 5), returned=30, scale="sat5").warning is False


def test_warning_share_is_a_setting():
    assert one((0, 0, 5), returned=10, warn_fraction=Fraction(1, 2)).warning is False
    assert one((0, 0, 6), returned=10, warn_fraction=Fraction(1, 2)).warning is True


def test_warning_uses_the_chosen_denominator():
    # 10 不满意 of 30 valid is on the line; of 27 valid (3 invalid) it is above
    assert one((0, 0, 10), returned=30).warning is False
    assert one((0, 0, 10), returned=30, invalid=3).warning is True
    assert one((0, 0, 10), returned=30, invalid=3, denominator="returned").warning is False


# --- the whole appraisal ----------------------------------------------------------------------------


def test_returned_above_issued_voids_the_appraisal():
    sheets = Sheets(issued=50, returned=51, invalid=1)
    result = appraisal_result([("张三", (40, 5, 5))], sheets, due=55, settings=AppraisalSettings())
    assert not result.valid and result.void_reason == "returned_exceeds_issued"
    assert result.subjects[0].rate == Decimal("90.00")  # still shown


@pytest.mark.parametrize("issued", [50, 60, None], ids=["equal", "below", "not-recorded"])
def test_returned_up_to_issued_stands(issued):
    sheets = Sheets(issued=issued, returned=50, invalid=2)
    result = appraisal_result(
        [("张三", (40, 5, 3)), ("李四", (20, 20, 8))], sheets, due=55, settings=AppraisalSettings()
    )
    assert result.valid and result.void_reason is None
    assert (result.issued, result.returned, result.invalid, result.valid_sheets, result.due) == (
        issued,
        50,
        2,
        48,
        55,
    )
    assert [s.name for s in result.subjects] == ["张三", "李四"]
    assert [s.grade for s in result.subjects] == ["satisfied", "basically"]
    assert [str(s.rate) for s in result.subjects] == ["93.75", "83.33"]
    assert result.options == SCALES["sat3"]


def test_subject_result_carries_its_counts():
    result = one((7, 2, 1), returned=12, invalid=1)
    assert result.counts == (7, 2, 1)
    assert result.blank == 1 and result.denominator == 11


# --- input checks -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "scale", "expected"),
    [
        pytest.param((40, 5, 3), "sat3", [], id="below-valid"),
        pytest.param((40, 5, 3, 0), "sat3", ["appraisal.bad_counts"], id="too-long"),
        pytest.param((40, 5), "sat3", ["appraisal.bad_counts"], id="too-short"),
        pytest.param((40, 5, 3), "sat5", ["appraisal.bad_counts"], id="wrong-scale"),
        pytest.param((40, 5, 3), "comp4", ["appraisal.bad_counts"], id="comp4-needs-four"),
        pytest.param((40, 5, 3), "sat_unknown", [], id="sat_unknown-three"),
        pytest.param((40, 5, 3), "sat3", [], id="sum-below-valid"),
        pytest.param((40, 5, 5), "sat3", [], id="sum-equals-valid"),
        pytest.param((40, 5, 6), "sat3", ["appraisal.counts_exceed_valid"], id="sum-above-valid"),
        pytest.param((40, -1, 3), "sat3", ["voting.negative"], id="negative"),
    ],
)
def test_count_problems(counts, scale, expected):
    sheets = Sheets(issued=52, returned=52, invalid=2)  # 50 valid sheets
    assert keys(count_problems("张三", counts, scale, sheets)) == expected


def test_count_problem_params():
    sheets = Sheets(issued=52, returned=52, invalid=2)
    (problem,) = count_problems("张三", (40, 5, 6), "sat3", sheets)
    assert problem.params == {"name": "张三", "total": 51, "valid": 50}
    (problem,) = count_problems("李四", (1,), "sat3", sheets)
    assert problem.params == {"name": "李四"}


@pytest.mark.parametrize(
    ("sheets", "expected"),
    [
        pytest.param(Sheets(50, 50, 0), [], id="all-valid"),
        pytest.param(Sheets(None, 50, 50), [], id="all-invalid"),
        pytest.param(Sheets(50, 51, 0), [], id="returned-above-issued-is-a-void-not-a-refusal"),
        pytest.param(Sheets(50, 50, 51), ["appraisal.invalid_exceeds_returned"], id="invalid"),
        pytest.param(Sheets(-1, 50, 0), ["voting.negative"], id="negative-issued"),
        pytest.param(Sheets(50, -1, 0), ["voting.negative"], id="negative-returned"),
        pytest.param(Sheets(50, 50, -1), ["voting.negative"], id="negative-invalid"),
    ],
)
def test_sheet_problems(sheets, expected):
    assert keys(sheet_problems(sheets)) == expected


def test_valid_sheets_are_returned_minus_invalid():
    assert Sheets(issued=100, returned=98, invalid=3).valid == 95


# --- properties -------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    data=st.data(),
    scale=st.sampled_from(sorted(SCALES)),
    returned=st.integers(0, 500),
    denominator=st.sampled_from(DENOMINATORS),
)
def test_subject_result_is_consistent(data, scale, returned, denominator):
    invalid = data.draw(st.integers(0, returned))
    due = data.draw(st.integers(returned, returned + 50))
    valid = returned - invalid
    size = len(SCALES[scale])
    counts, left = [], valid
    for _ in range(size):
        counts.append(data.draw(st.integers(0, left)))
        left -= counts[-1]
    sheets = Sheets(issued=returned, returned=returned, invalid=invalid)
    assert count_problems("x", counts, scale, sheets) == []
    settings_ = AppraisalSettings(scale=scale, denominator=denominator, weighted=True)
    result = subject_result("x", counts, sheets, due, settings_)
    base = {"valid": valid, "returned": returned, "due": due}[denominator]
    tiers = [o.tier for o in SCALES[scale]]
    top = sum(c for c, t in zip(counts, tiers, strict=True) if t == TOP)
    mid = sum(c for c, t in zip(counts, tiers, strict=True) if t == MID)
    low = sum(c for c, t in zip(counts, tiers, strict=True) if t == LOW)
    assert result.blank == valid - sum(counts) >= 0
    assert result.positive == top + mid
    if base == 0:
        assert result.rate is None and result.grade is None and not result.warning
        return
    assert result.rate == half_up(top + mid, base)
    assert Decimal(0) <= result.rate <= Decimal(100)
    expected = (
        "satisfied" if 2 * top > base else "basically" if 2 * (top + mid) > base else "unsatisfied"
    )
    assert result.grade == expected
    assert result.warning is (3 * low > base)


@pytest.mark.parametrize(
    ("counts", "grade", "grade_on_line"),
    [
        ((5, 1, 4), "basically", True),  # 2*满意 == 10: exactly half is not 满意, flagged
        ((6, 0, 4), "satisfied", False),
        ((2, 3, 5), "unsatisfied", True),  # 2*(满意+基本满意) == 10
    ],
)
def test_a_grade_exactly_on_half_is_the_lower_grade_and_flagged(counts, grade, grade_on_line):
    subject = one(counts, returned=10)
    assert subject.grade == grade and subject.grade_on_line is grade_on_line


@pytest.mark.parametrize(
    ("unsatisfied", "warning", "on_line"), [(3, False, True), (4, True, False), (2, False, False)]
)
def test_unsatisfied_exactly_one_third_is_no_warning_but_flagged(unsatisfied, warning, on_line):
    subject = one((9 - unsatisfied, 0, unsatisfied), returned=9)
    assert subject.warning is warning and subject.warning_on_line is on_line
