"""RULES §7: the knockout — seeds in their positions, byes to the top seeds, one unit kept apart in
the first round, n − 1 played matches, and the places it decides."""

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.errors import Refusal
from models.rules.bracket import (
    THIRD_PLACE_NAME,
    Side,
    bracket_matches,
    bracket_size,
    current_sides,
    knockout_draw,
    knockout_places,
    round_name,
    seed_from_groups,
    seed_order,
)


def test_the_bracket_is_the_next_power_of_two():
    sizes = {n: bracket_size(n) for n in (1, 2, 3, 4, 5, 8, 9, 16, 17, 128, 129)}
    assert sizes == {1: 2, 2: 2, 3: 4, 4: 4, 5: 8, 8: 8, 9: 16, 16: 16, 17: 32, 128: 128, 129: 256}


def test_the_standard_order_keeps_1_at_the_top_2_at_the_bottom_and_pairs_r_with_n_plus_1_minus_r():
    assert seed_order(8) == [1, 8, 5, 4, 3, 6, 7, 2]
    order = seed_order(32)
    assert all(order[i] + order[i + 1] == 33 for i in range(0, 32, 2))


def test_seeds_sit_in_their_positions_and_3_4_are_drawn_between_the_middle_quarters():
    sides = [Side(f"s{i}", seed=i) for i in range(1, 9)] + [Side(f"u{i}") for i in range(8)]
    seen = set()
    for seed in range(40):
        slots = knockout_draw(sides, random.Random(seed))
        assert slots[0] == "s1" and slots[15] == "s2"
        assert {slots[7], slots[8]} == {"s3", "s4"}
        assert {slots[3], slots[4], slots[11], slots[12]} == {"s5", "s6", "s7", "s8"}
        seen.add(slots[7])
    assert seen == {"s3", "s4"}  # drawn, not fixed


def test_the_byes_face_the_top_seeds_in_seed_order():
    sides = [Side(f"s{i}", seed=i) for i in range(1, 5)] + [Side("u1"), Side("u2")]
    for seed in range(20):
        slots = knockout_draw(sides, random.Random(seed))
        facing_a_bye = {slots[i ^ 1] for i, s in enumerate(slots) if s is None}
        assert facing_a_bye == {"s1", "s2"}


def test_without_seeds_the_byes_spread_over_the_halves():
    slots = knockout_draw([Side(i) for i in range(5)], random.Random(3))
    byes = [i for i, s in enumerate(slots) if s is None]
    assert len(byes) == 3 and 1 in byes and 6 in byes and (2 in byes or 5 in byes)


@pytest.mark.parametrize(
    ("sides", "key"),
    [
        ([Side(1)], "match.too_few_sides"),
        ([Side(1), Side(1)], "match.duplicate_side"),
        ([Side(1, seed=1), Side(2, seed=1)], "match.duplicate_seed"),
        ([Side(1, seed=0), Side(2)], "match.bad_seed"),
    ],
)
def test_a_draw_that_cannot_be_made_is_refused(sides, key):
    with pytest.raises(Refusal) as caught:
        knockout_draw(sides, random.Random(0))
    assert caught.value.key == key


def test_the_rng_is_the_only_randomness():
    sides = [Side(i, unit=f"u{i % 3}", seed=1 if i == 0 else None) for i in range(11)]
    assert knockout_draw(sides, random.Random(7)) == knockout_draw(sides, random.Random(7))
    draws = {knockout_draw(sides, random.Random(s)) for s in range(10)}
    assert len(draws) > 1


def test_one_unit_is_kept_apart_even_when_it_is_tight():
    # 8 slots, 4 pairs; unit A has 4 sides: one in each pair, the only way.
    sides = [Side(f"a{i}", unit="A") for i in range(4)] + [
        Side(f"b{i}", unit="B") for i in range(4)
    ]
    for seed in range(30):
        slots = knockout_draw(sides, random.Random(seed))
        assert all(slots[i][0] != slots[i + 1][0] for i in range(0, 8, 2))


def test_a_seeds_unit_is_kept_from_facing_it():
    sides = [Side("s1", unit="A", seed=1), Side("s2", unit="B", seed=2)]
    sides += [Side("a", unit="A"), Side("b", unit="B")]
    for seed in range(20):
        slots = knockout_draw(sides, random.Random(seed))
        assert slots[1] == "b" and slots[2] == "a"


def first_round_clashes(slots, unit_of):
    return sum(
        1
        for i in range(0, len(slots), 2)
        if None not in (slots[i], slots[i + 1])
        and unit_of[slots[i]]
        and unit_of[slots[i]] == unit_of[slots[i + 1]]
    )


def units_allow(slots, sides):
    """The cut condition: each unit no larger than the open pairs plus the single slots it may take."""
    size = len(slots)
    seeded = sorted((s for s in sides if s.seed is not None), key=lambda s: s.seed)[: size // 2]
    fixed = {s.id for s in seeded}
    unit_of = {s.id: s.unit for s in sides}
    open_pairs, singles = 0, Counter()
    for i in range(0, size, 2):
        pair = [slots[i], slots[i + 1]]
        loose = [s for s in pair if s is not None and s not in fixed]
        if len(loose) == 2:
            open_pairs += 1
        elif len(loose) == 1:
            other = pair[1] if pair[0] == loose[0] else pair[0]
            singles[unit_of.get(other, "") if other is not None else ""] += 1
    counts = Counter(s.unit for s in sides if s.id not in fixed and s.unit)
    total_singles = sum(singles.values())
    return all(c <= open_pairs + total_singles - singles[u] for u, c in counts.items())


@st.composite
def fields(draw):
    n = draw(st.integers(2, 128))
    units = draw(st.integers(0, 12))
    seeds = draw(st.integers(0, min(n, 20)))
    seed_numbers = draw(st.permutations(range(1, n + 1)))[:seeds]
    sides = []
    for i in range(n):
        unit = f"u{draw(st.integers(0, units - 1))}" if units else ""
        sides.append(Side(f"p{i}", unit=unit, seed=seed_numbers[i] if i < seeds else None))
    return sides, draw(st.integers(0, 2**32))


@settings(max_examples=150, deadline=None)
@given(fields(), st.booleans())
def test_every_knockout_draw_keeps_the_rules(field, third_place):
    sides, seed = field
    n = len(sides)
    slots = knockout_draw(sides, random.Random(seed))
    size = bracket_size(n)
    assert len(slots) == size
    assert sorted(s for s in slots if s is not None) == sorted(s.id for s in sides)
    assert all(slots[i] is not None or slots[i + 1] is not None for i in range(0, size, 2))
    seeded = {s.seed: s.id for s in sides if s.seed is not None}
    ranked = [seeded[k] for k in sorted(seeded)]
    if len(ranked) >= 2 and size >= 4:  # 1 and 2 in opposite halves: they meet only in the final
        assert ranked[0] in slots[: size // 2] and ranked[1] in slots[size // 2 :]
    byes = size - n
    facing_byes = {slots[i ^ 1] for i, s in enumerate(slots) if s is None}
    assert set(ranked[: min(byes, size // 2)]) <= facing_byes
    if units_allow(slots, sides):
        assert first_round_clashes(slots, {s.id: s.unit for s in sides}) == 0
    matches = bracket_matches(slots, third_place)
    played = sum(1 for m in matches if not m.bye)
    assert played == n - 1 + (1 if third_place and n >= 4 else 0)
    assert knockout_draw(sides, random.Random(seed)) == slots


def test_the_bracket_of_five_with_its_byes_and_third_place():
    slots = ("A", None, "B", "C", "D", None, None, "E")
    matches = bracket_matches(slots, third_place=True)
    by_key = {(m.round, m.index): m for m in matches}
    assert by_key[(1, 0)].bye and by_key[(1, 0)].winner_to == (2, 0, 0)
    assert not by_key[(1, 1)].bye and by_key[(1, 1)].winner_to == (2, 0, 1)
    assert (by_key[(2, 0)].a, by_key[(2, 0)].b) == ("A", None)
    assert (by_key[(2, 1)].a, by_key[(2, 1)].b) == ("D", "E")  # both came through byes
    assert by_key[(2, 0)].loser_to == (3, 1, 0) and by_key[(2, 1)].loser_to == (3, 1, 1)
    assert by_key[(3, 0)].winner_to is None and by_key[(3, 1)].loser_to is None
    assert sum(not m.bye for m in matches) == 5
    without = bracket_matches(slots, third_place=False)
    assert sum(not m.bye for m in without) == 4 and all(m.loser_to is None for m in without)


def test_round_names():
    assert [round_name(r, 3) for r in (1, 2, 3)] == ["1/4决赛", "半决赛", "决赛"]
    names = [round_name(r, 7) for r in range(1, 8)]
    assert names == ["第一轮", "第二轮", "1/16决赛", "1/8决赛", "1/4决赛", "半决赛", "决赛"]
    assert round_name(1, 1) == "决赛" and THIRD_PLACE_NAME == "三四名决赛"


def play_eight(third_place):
    slots = tuple("ABCDEFGH")
    matches = bracket_matches(slots, third_place)
    winners = {(1, 0): "A", (1, 1): "D", (1, 2): "E", (1, 3): "G"}
    return matches, winners


def test_places_with_a_third_place_match():
    matches, winners = play_eight(True)
    assert knockout_places(matches, winners) == [[5, ["B", "C", "F", "H"]]]
    winners |= {(2, 0): "A", (2, 1): "G"}
    assert knockout_places(matches, winners) == [[5, ["B", "C", "F", "H"]]]  # 3rd not yet played
    winners |= {(3, 1): "E", (3, 0): "G"}
    assert knockout_places(matches, winners) == [
        [1, ["G"]],
        [2, ["A"]],
        [3, ["E"]],
        [4, ["D"]],
        [5, ["B", "C", "F", "H"]],
    ]


def test_places_without_a_third_place_match_share_third():
    matches, winners = play_eight(False)
    winners |= {(2, 0): "D", (2, 1): "E", (3, 0): "D"}
    assert knockout_places(matches, winners) == [
        [1, ["D"]],
        [2, ["E"]],
        [3, ["A", "G"]],
        [5, ["B", "C", "F", "H"]],
    ]


def test_a_bye_places_nobody():
    slots = ("A", None, "B", "C")
    matches = bracket_matches(slots, third_place=True)
    assert sum(not m.bye for m in matches) == 2  # three sides: no third-place match to play
    assert knockout_places(matches, {(1, 1): "C", (2, 0): "A"}) == [
        [1, ["A"]],
        [2, ["C"]],
        [3, ["B"]],
    ]


def test_groups_advance_with_their_winners_seeded_and_kept_apart():
    groups = [["a1", "a2", "a3"], ["b1", "b2", "b3"], ["c1", "c2"], ["d1", "d2", "d3"]]
    sides = seed_from_groups(groups, 2)
    assert [(s.id, s.unit, s.seed) for s in sides[:4]] == [
        ("a1", "A", 1),
        ("a2", "A", None),
        ("b1", "B", 2),
        ("b2", "B", None),
    ]
    for seed in range(20):
        slots = knockout_draw(sides, random.Random(seed))
        assert slots[0] == "a1" and slots[7] == "b1"
        assert all(slots[i][0] != slots[i + 1][0] for i in range(0, 8, 2))
    named = seed_from_groups(groups[:2], 1, names=["一组", "二组"])
    assert [(s.id, s.unit, s.seed) for s in named] == [("a1", "一组", 1), ("b1", "二组", 2)]
    with pytest.raises(Refusal):
        seed_from_groups(groups, 0)


def test_who_plays_each_match_follows_the_results():
    matches = bracket_matches(("A", None, "B", "C", "D", None, None, "E"), third_place=True)
    sides = current_sides(matches, {})
    assert (
        sides[(2, 0)] == ("A", None)
        and sides[(2, 1)] == ("D", "E")
        and sides[(3, 0)] == (None, None)
    )
    sides = current_sides(matches, {(1, 1): "C", (2, 0): "C", (2, 1): "D"})
    assert (
        sides[(2, 0)] == ("A", "C") and sides[(3, 0)] == ("C", "D") and sides[(3, 1)] == ("A", "E")
    )
