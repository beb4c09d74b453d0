"""RULES §6 Speaking clock: the deduction exactly on its lines (limit + grace, a hundredth over, one
unit and a hundredth over, started or full units, undertime), the clock's phases, the notation."""

from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.errors import Refusal
from models.rules.speaking import (
    ClockRules,
    after_deduction,
    clock_from_json,
    clock_json,
    clock_phase,
    clock_spec,
    clock_time,
    parse_clock,
    parse_clock_time,
    time_deduction,
    time_verdict,
)

STARTED = ClockRules(limit=300)  # 5:00, 0.5 for each started 30 s
FULL = ClockRules(limit=300, started_counts=False)


@pytest.mark.parametrize(
    ("seconds", "started", "full"),
    [
        ("300.00", "0", "0"),  # exactly on the limit: nothing
        ("300.01", "0.5", "0"),  # a hundredth over: one started unit, no full one
        ("329.99", "0.5", "0"),
        ("330.00", "0.5", "0.5"),  # 30.00 s over: one unit both ways
        ("330.01", "1.0", "0.5"),  # 30.01 s over: two started, one full
        ("347.30", "1.0", "0.5"),  # the 5:47.30
        ("360.00", "1.0", "1.0"),
        ("0", "0", "0"),  # no minimum: short costs nothing
    ],
)
def test_overtime_exactly_on_its_lines(seconds, started, full):
    assert time_deduction(STARTED, D(seconds)) == D(started)
    assert time_deduction(FULL, D(seconds)) == D(full)


def test_the_grace_moves_the_line_and_overtime_counts_from_it():
    rules = ClockRules(limit=300, grace=5)
    assert time_deduction(rules, D("305.00")) == 0  # limit + grace exactly
    assert time_deduction(rules, D("305.01")) == D("0.5")
    assert time_deduction(rules, D("335.00")) == D("0.5")
    assert time_deduction(rules, D("335.01")) == D("1.0")
    assert time_verdict(rules, D("305.01")).over == D("0.01")


def test_undertime_below_the_minimum_less_the_grace():
    rules = ClockRules(limit=300, minimum=180, grace=5)
    assert time_deduction(rules, D("175.00")) == 0  # minimum − grace exactly
    assert time_deduction(rules, D("174.99")) == D("0.5")
    assert time_deduction(rules, D("145.00")) == D("0.5")  # 30.00 s short
    assert time_deduction(rules, D("144.99")) == D("1.0")
    verdict = time_verdict(rules, D("144.99"))
    assert (verdict.under, verdict.over, verdict.units) == (D("30.01"), 0, 2)
    full = ClockRules(limit=300, minimum=180, started_counts=False)
    assert time_deduction(full, D("179.99")) == 0
    assert time_deduction(full, D("150.00")) == D("0.5")


def test_the_amount_and_unit_are_settings():
    rules = ClockRules(limit=240, unit=15, amount=D("0.25"))
    assert time_deduction(rules, D("270.00")) == D("0.50")
    assert time_deduction(rules, D("270.01")) == D("0.75")


def test_the_score_less_the_deduction_never_goes_below_zero():
    assert after_deduction(Fraction(9235, 100), D("1.0")) == Fraction(9135, 100)
    assert after_deduction(Fraction(1, 4), D("0.5")) == 0
    assert after_deduction(Fraction(1, 2), D("0.5")) == 0


@pytest.mark.parametrize(
    ("seconds", "phase"),
    [("0", "running"), ("239.99", "running"), ("240.00", "warning"), ("300.00", "warning")],
)
def test_the_clock_turns_yellow_at_the_warning_and_red_past_the_limit(seconds, phase):
    assert clock_phase(STARTED, D(seconds)) == phase
    assert clock_phase(STARTED, D("300.01")) == "over"


def test_the_notation_reads_every_setting_and_writes_it_back():
    rules = parse_clock("limit=5:00,warn=4:00,min=3:00,unit=30,amount=0.5,grace=5,full")
    assert rules == ClockRules(300, 60, 180, 30, False, D("0.5"), 5)
    assert parse_clock(clock_spec(rules)) == rules
    assert clock_from_json(clock_json(rules)) == rules
    assert parse_clock("5:00") == STARTED
    assert parse_clock("限时＝5：00，提醒=4:30，每=30，扣=1，满") == ClockRules(
        300, 30, None, 30, False, D("1"), 0
    )
    assert parse_clock("") is None
    assert parse_clock("limit=300,warn=0") == ClockRules(300, 300)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("warn=4:00", "clock.no_limit"),
        ("limit=0", "clock.no_limit"),
        ("limit=5:00,warn=6:00", "clock.bad_warning"),
        ("limit=5:00,min=5:00", "clock.bad_minimum"),
        ("limit=5:00,unit=0", "clock.bad_unit"),
        ("limit=5:00,amount=-1", "clock.bad_amount"),
        ("limit=5:00.5", "clock.bad_rules"),
        ("limit=5:00,speed=3", "clock.bad_rules"),
        ("limit=5:00,limit=6:00", "clock.bad_rules"),
        ("limit=abc", "clock.bad_rules"),
    ],
)
def test_bad_rules_are_refused_with_the_reason(text, key):
    with pytest.raises(Refusal) as refused:
        parse_clock(text)
    assert refused.value.key == key


def test_times_are_typed_and_shown_in_hundredths():
    assert parse_clock_time("4:35.20") == D("275.20")
    assert parse_clock_time("5:47.3") == D("347.30")
    assert parse_clock_time("２７５．２") == D("275.20")
    assert clock_time(D("347.3")) == "5:47.30"
    assert clock_time(D("59.999")) == "0:59.99"
    assert clock_time(None) == "—"
    for text, key in [
        ("4:35.205", "clock.hundredths"),
        ("4:75", "contest.bad_time"),
        ("x", "contest.not_a_number"),
    ]:
        with pytest.raises(Refusal) as refused:
            parse_clock_time(text)
        assert refused.value.key == key


@given(
    hundredths=st.integers(min_value=0, max_value=100_000),
    started=st.booleans(),
    grace=st.integers(min_value=0, max_value=20),
)
def test_the_deduction_never_falls_as_the_overtime_grows(hundredths, started, grace):
    rules = ClockRules(limit=300, started_counts=started, grace=grace)
    seconds = D(300 + grace) + D(hundredths) / 100
    now, later = time_deduction(rules, seconds), time_deduction(rules, seconds + D("0.01"))
    assert 0 <= now <= later <= now + rules.amount
    # full units never cost more than started ones
    assert time_deduction(ClockRules(limit=300, started_counts=False, grace=grace), seconds) <= (
        time_deduction(ClockRules(limit=300, grace=grace), seconds)
    )
