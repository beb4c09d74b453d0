"""RULES.md §0 — the counting words (《民法典》§1259: 以上 includes the number, 超过 does not)."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.rules.thresholds import (
    COMPARATORS,
    GT,
    GTE,
    HALF,
    ONE_THIRD,
    TWO_THIRDS,
    Threshold,
    half_or_more,
    meets,
    minimum_count,
    more_than_half,
    more_than_two_thirds,
    on_line,
    parse_rate,
    two_thirds_or_more,
)

FRACTIONS = [HALF, TWO_THIRDS, ONE_THIRD]
SMALL_BASES = range(61)


# --- 过半数 / 超过半数: 2*x > N ------------------------------------------------


@pytest.mark.parametrize(
    ("count", "base", "expected"),
    [
        pytest.param(50, 100, False, id="exactly-half-is-not-过半数"),
        pytest.param(51, 100, True, id="one-more-than-half"),
        pytest.param(49, 100, False, id="below-half"),
        pytest.param(50, 101, False, id="odd-base-below"),
        pytest.param(51, 101, True, id="odd-base-smallest-majority"),
        pytest.param(1, 2, False, id="one-of-two"),
        pytest.param(2, 2, True, id="two-of-two"),
        pytest.param(1, 1, True, id="one-of-one"),
        pytest.param(0, 1, False, id="none-of-one"),
        pytest.param(0, 0, False, id="empty-base"),
    ],
)
def test_more_than_half_excludes_exactly_half(count, base, expected):
    assert more_than_half(count, base) is expected
    assert meets(count, base, HALF, GT) is expected


# --- 半数以上: 2*x >= N ---------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "base", "expected"),
    [
        pytest.param(50, 100, True, id="exactly-half-is-半数以上"),
        pytest.param(49, 100, False, id="one-less-than-half"),
        pytest.param(50, 101, False, id="odd-base-below-half"),
        pytest.param(51, 101, True, id="odd-base-above-half"),
        pytest.param(1, 2, True, id="one-of-two"),
        pytest.param(0, 0, True, id="empty-base-on-the-line"),
    ],
)
def test_half_or_more_includes_exactly_half(count, base, expected):
    assert half_or_more(count, base) is expected
    assert meets(count, base, HALF, GTE) is expected


# --- 三分之二以上: 3*x >= 2*N -----------------------------------------------------


@pytest.mark.parametrize(
    ("count", "base", "expected"),
    [
        pytest.param(60, 90, True, id="exactly-two-thirds-is-三分之二以上"),
        pytest.param(59, 90, False, id="one-less"),
        pytest.param(120, 180, True, id="quorum-on-the-line"),
        pytest.param(7, 10, True, id="not-divisible-above"),
        pytest.param(6, 10, False, id="not-divisible-below"),
        pytest.param(2, 3, True, id="two-of-three"),
        pytest.param(1, 2, False, id="one-of-two"),
    ],
)
def test_two_thirds_or_more_includes_the_line(count, base, expected):
    assert two_thirds_or_more(count, base) is expected
    assert meets(count, base, TWO_THIRDS, GTE) is expected


# --- 超过三分之二: 3*x > 2*N ------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "base", "expected"),
    [
        pytest.param(60, 90, False, id="exactly-two-thirds-is-not-超过三分之二"),
        pytest.param(61, 90, True, id="one-more"),
        pytest.param(2, 3, False, id="two-of-three-on-the-line"),
        pytest.param(3, 3, True, id="three-of-three"),
        pytest.param(7, 10, True, id="not-divisible-above"),
    ],
)
def test_more_than_two_thirds_excludes_the_line(count, base, expected):
    assert more_than_two_thirds(count, base) is expected
    assert meets(count, base, TWO_THIRDS, GT) is expected


# --- the named helpers agree with meets() everywhere small ------------------------


@pytest.mark.parametrize("base", SMALL_BASES)
def test_named_helpers_agree_with_meets(base):
    for count in range(base + 2):
        assert more_than_half(count, base) == meets(count, base, HALF, GT)
        assert half_or_more(count, base) == meets(count, base, HALF, GTE)
        assert two_thirds_or_more(count, base) == meets(count, base, TWO_THIRDS, GTE)
        assert more_than_two_thirds(count, base) == meets(count, base, TWO_THIRDS, GT)


@pytest.mark.parametrize("comparator", COMPARATORS)
@pytest.mark.parametrize("fraction", FRACTIONS, ids=str)
@pytest.mark.parametrize("base", SMALL_BASES)
def test_minimum_count_is_the_smallest_count_that_meets(base, fraction, comparator):
    least = minimum_count(base, fraction, comparator)
    assert meets(least, base, fraction, comparator)
    assert not meets(least - 1, base, fraction, comparator)
    for count in range(base + 2):
        assert meets(count, base, fraction, comparator) == (count >= least)


@pytest.mark.parametrize(
    ("base", "fraction", "comparator", "least"),
    [
        pytest.param(100, HALF, GT, 51, id="过半数-of-100"),
        pytest.param(101, HALF, GT, 51, id="过半数-of-101"),
        pytest.param(100, HALF, GTE, 50, id="半数以上-of-100"),
        pytest.param(90, TWO_THIRDS, GTE, 60, id="三分之二以上-of-90"),
        pytest.param(90, TWO_THIRDS, GT, 61, id="超过三分之二-of-90"),
        pytest.param(91, TWO_THIRDS, GTE, 61, id="三分之二以上-of-91"),
        pytest.param(30, ONE_THIRD, GT, 11, id="超过三分之一-of-30"),
        pytest.param(30, ONE_THIRD, GTE, 10, id="三分之一以上-of-30"),
        pytest.param(0, HALF, GT, 1, id="empty-base-gt"),
        pytest.param(0, HALF, GTE, 0, id="empty-base-gte"),
    ],
)
def test_minimum_count_known_values(base, fraction, comparator, least):
    assert minimum_count(base, fraction, comparator) == least


@pytest.mark.parametrize(
    ("count", "base", "fraction", "expected"),
    [
        (50, 100, HALF, True),
        (51, 100, HALF, False),
        (50, 101, HALF, False),
        (60, 90, TWO_THIRDS, True),
        (61, 90, TWO_THIRDS, False),
        (10, 30, ONE_THIRD, True),
        (0, 0, HALF, True),
    ],
)
def test_on_line_is_exact_equality(count, base, fraction, expected):
    assert on_line(count, base, fraction) is expected


def test_unknown_comparator_is_refused():
    with pytest.raises(ValueError):
        meets(1, 2, HALF, "ge")
    with pytest.raises(ValueError):
        minimum_count(2, HALF, "ge")


def test_threshold_object_delegates_to_the_functions():
    majority = Threshold(HALF)  # default comparator GT: 过半数
    assert majority.comparator == GT
    assert not majority.met(50, 100) and majority.met(51, 100)
    assert majority.minimum(100) == 51
    assert majority.on_line(50, 100) and not majority.on_line(51, 100)
    quorum = Threshold(TWO_THIRDS, GTE)
    assert quorum.met(60, 90) and not quorum.met(59, 90)
    assert quorum.minimum(90) == 60


@settings(max_examples=200, deadline=None)
@given(
    count=st.integers(min_value=0, max_value=10**9),
    base=st.integers(min_value=0, max_value=10**9),
    fraction=st.sampled_from(FRACTIONS),
    comparator=st.sampled_from(COMPARATORS),
)
def test_meets_agrees_with_exact_rational_comparison(count, base, fraction, comparator):
    share = fraction * base
    expected = count > share if comparator == GT else count >= share
    assert meets(count, base, fraction, comparator) is expected


@settings(max_examples=200, deadline=None)
@given(
    base=st.integers(min_value=0, max_value=10**12),
    fraction=st.sampled_from(FRACTIONS),
    comparator=st.sampled_from(COMPARATORS),
)
def test_minimum_count_holds_for_large_bases(base, fraction, comparator):
    least = minimum_count(base, fraction, comparator)
    assert meets(least, base, fraction, comparator)
    assert not meets(least - 1, base, fraction, comparator)


# --- parse_rate: the 差额 rate -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        pytest.param("0.05", Fraction(1, 20), id="decimal"),
        pytest.param("5%", Fraction(1, 20), id="percent"),
        pytest.param("1/20", Fraction(1, 20), id="fraction"),
        pytest.param("５％", Fraction(1, 20), id="full-width-percent"),
        pytest.param("５%", Fraction(1, 20), id="full-width-digit"),
        pytest.param(" 10% ", Fraction(1, 10), id="spaces"),
        pytest.param("20%", Fraction(1, 5), id="twenty-percent"),
        pytest.param("0.05％", Fraction(1, 2000), id="small-percent"),
        pytest.param("0", Fraction(0), id="zero"),
        pytest.param("1", Fraction(1), id="one"),
        pytest.param("100%", Fraction(1), id="hundred-percent"),
        pytest.param(Fraction(1, 10), Fraction(1, 10), id="fraction-object"),
    ],
)
def test_parse_rate_accepts(text, rate):
    parsed = parse_rate(text)
    assert parsed == rate
    assert isinstance(parsed, Fraction)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("abc", id="words"),
        pytest.param("", id="empty"),
        pytest.param("%", id="bare-percent"),
        pytest.param("1/0", id="zero-denominator"),
        pytest.param("五%", id="chinese-numeral"),
        pytest.param("nan", id="nan"),
        pytest.param("inf", id="inf"),
        pytest.param("1.5", id="above-one"),
        pytest.param("101%", id="above-hundred-percent"),
        pytest.param("5", id="five-is-not-a-rate"),
        pytest.param("-5%", id="negative"),
        pytest.param(Fraction(3, 2), id="fraction-above-one"),
        pytest.param(Fraction(-1, 20), id="negative-fraction"),
    ],
)
def test_parse_rate_refuses(text):
    with pytest.raises(ValueError):
        parse_rate(text)
