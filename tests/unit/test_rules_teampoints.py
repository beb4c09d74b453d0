"""RULES §7: team points — place points shared exactly by the tied, the record bonus, the unit
standings with their tie-break, the medal table, and how points are shown."""

from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.errors import Refusal
from models.rules.teampoints import (
    DEFAULT_TABLE,
    MedalRow,
    UnitRow,
    medal_table,
    parse_points_table,
    place_points,
    record_points,
    show_points,
    unit_standings,
)


def test_the_points_table_as_written():
    assert parse_points_table("9,7,6,5,4,3,2,1") == DEFAULT_TABLE
    assert parse_points_table("9-7-6-5-4-3-2-1") == DEFAULT_TABLE
    assert parse_points_table("７，5、4 3") == (7, 5, 4, 3)
    assert parse_points_table("5,5,3,0") == (5, 5, 3, 0)  # equal is not rising


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "match.no_points_table"),
        ("   ", "match.no_points_table"),
        ("9,-7", "match.bad_points_item"),
        ("-1", "match.bad_points_item"),
        ("9,,7", "match.bad_points_item"),
        ("9.5,3", "match.bad_points_item"),
        ("7,9", "match.points_rising"),
        ("9,7,7,8", "match.points_rising"),
    ],
)
def test_a_table_that_cannot_be_is_refused(text, key):
    with pytest.raises(Refusal) as caught:
        parse_points_table(text)
    assert caught.value.key == key


def test_two_tied_for_third_share_the_points_of_third_and_fourth():
    places = [["甲"], ["乙"], ["丙", "丁"], ["戊"]]
    points = place_points(places, DEFAULT_TABLE)
    assert points == {"甲": 9, "乙": 7, "丙": F(11, 2), "丁": F(11, 2), "戊": 4}
    assert show_points(points["丙"], 2) == "5.50" and show_points(points["丙"], 1) == "5.5"


def test_a_tie_across_the_end_of_the_table_shares_what_is_left():
    places = [[f"s{i}"] for i in range(7)] + [["x", "y", "z"]]
    points = place_points(places, DEFAULT_TABLE)
    assert points["x"] == points["y"] == points["z"] == F(1, 3)  # (1 + 0 + 0) / 3
    assert show_points(points["x"], 2) == "0.33"
    assert place_points([["a"]] * 1 + [["b"]], (5,)) == {"a": 5, "b": 0}


def test_shown_with_round_half_up():
    assert show_points(F(25, 3), 2) == "8.33"
    assert show_points(F(1, 8), 2) == "0.13"  # 0.125 → 0.13, not banker's 0.12
    assert show_points(F(17, 2), 0) == "9"
    assert show_points(F(12), 2) == "12.00"


def test_a_broken_record():
    assert record_points(F(9), "double") == 18
    assert record_points(F(11, 2), "+2") == F(15, 2)
    assert record_points(F(9), "+1.5") == F(21, 2)
    assert record_points(F(9), "") == 9
    for bad in ("triple", "+", "-2", "+x"):
        with pytest.raises(Refusal) as caught:
            record_points(F(9), bad)
        assert caught.value.key == "match.bad_record_rule"


def test_units_equal_on_points_are_separated_by_more_firsts_then_seconds():
    awards = [
        ("一车间", 1, F(9)),
        ("一车间", 5, F(4)),  # 13, one first
        ("二车间", 2, F(7)),
        ("二车间", 4, F(5)),
        ("二车间", 8, F(1)),  # 13, no first, one second
        ("三车间", 2, F(7)),
        ("三车间", 3, F(6)),  # 13, no first, one second, one third
        ("四车间", 3, F(6)),
    ]
    rows = unit_standings(awards)
    assert [(r.rank, r.unit, r.points) for r in rows] == [
        (1, "一车间", 13),
        (2, "三车间", 13),
        (3, "二车间", 13),
        (4, "四车间", 6),
    ]
    assert rows[0] == UnitRow(1, "一车间", F(13), (1, 0, 0, 0, 1, 0, 0, 0))


def test_units_still_equal_share_a_rank_listed_by_name_not_input_order():
    awards = [("乙", 1, F(9)), ("甲", 1, F(9)), ("丙", 2, F(7))]
    for given_order in (awards, awards[::-1]):
        rows = unit_standings(given_order)
        assert [(r.rank, r.unit) for r in rows] == [(1, "乙"), (1, "甲"), (3, "丙")]


def test_the_medal_table_counts_gold_then_silver_then_bronze():
    awards = [
        ("A", 1, F(9)),
        ("B", 2, F(7)),
        ("B", 2, F(7)),
        ("C", 3, F(11, 2)),
        ("D", 3, F(11, 2)),  # a shared 3rd: a bronze each
        ("A", 3, F(6)),
        ("E", 4, F(5)),  # no medal: not on the table
    ]
    assert medal_table(awards) == [
        MedalRow(1, "A", 1, 0, 1),
        MedalRow(2, "B", 0, 2, 0),
        MedalRow(3, "C", 0, 0, 1),
        MedalRow(3, "D", 0, 0, 1),
    ]


@given(
    st.lists(st.integers(1, 4), min_size=1, max_size=12),
    st.lists(st.integers(0, 12), min_size=1, max_size=10),
)
def test_the_points_handed_out_for_each_tied_place_equal_the_sum_of_its_places(sizes, raw):
    table = tuple(sorted(raw, reverse=True))
    places, n = [], 0
    for size in sizes:
        places.append([f"s{n + i}" for i in range(size)])
        n += size
    points = place_points(places, table)
    first = 0
    for sides in places:
        handed = sum(points[s] for s in sides)
        assert handed == sum(table[first : first + len(sides)])
        assert len({points[s] for s in sides}) == 1
        first += len(sides)
    assert sum(points.values()) == sum(table[:n])
