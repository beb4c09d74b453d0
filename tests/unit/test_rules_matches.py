"""RULES §7: the circle method's round robin and the group ranking, exactly on its lines."""

from hypothesis import given
from hypothesis import strategies as st

from models.rules.matches import MatchResult, group_ranking, ratio_greater, round_robin


@given(st.integers(min_value=2, max_value=24))
def test_every_pair_meets_once_and_each_round_has_each_side_at_most_once(n):
    sides = list(range(n))
    rounds = round_robin(sides)
    assert len(rounds) == (n if n % 2 else n - 1)
    pairs = [frozenset(p) for r in rounds for p in r if p[1] is not None]
    assert len(pairs) == n * (n - 1) // 2 == len(set(pairs))
    for r in rounds:
        seen = [s for pair in r for s in pair if s is not None]
        assert len(seen) == len(set(seen))
    byes = [p[0] for r in rounds for p in r if p[1] is None]
    assert sorted(byes) == (sides if n % 2 else [])  # each side rests once when n is odd


def test_ratios_compare_by_cross_multiplying_and_no_loss_is_above_every_ratio():
    assert ratio_greater((3, 0), (100, 1))
    assert not ratio_greater((100, 1), (3, 0))
    assert not ratio_greater((2, 4), (1, 2)) and not ratio_greater((1, 2), (2, 4))  # equal
    assert ratio_greater((1, 0), (0, 0))  # unbeaten with a win above unbeaten without


def m(a, b, games, points, walkover=False):
    return MatchResult(a, b, (0, 0), games, points, walkover)


def test_three_tied_on_points_are_ordered_among_themselves_step_by_step():
    # 甲 beat 乙, 乙 beat 丙, 丙 beat 甲: 4 points each; everyone beat 丁.
    results = [
        m("甲", "乙", (3, 0), (33, 20)),
        m("乙", "丙", (3, 1), (44, 30)),
        m("丙", "甲", (3, 2), (55, 50)),
        m("甲", "丁", (3, 0), (33, 0)),
        m("乙", "丁", (3, 0), (33, 0)),
        m("丙", "丁", (3, 0), (33, 0)),
    ]
    # among the three, points are equal (4 each); games: 甲 5:3, 丙 4:5, 乙 3:4 → 4·4 > 3·5, so
    # 丙 is above 乙 although 乙 beat 丙; 丁 last. The order given changes nothing.
    assert group_ranking(["丁", "丙", "乙", "甲"], results) == [["甲"], ["丙"], ["乙"], ["丁"]]
    assert group_ranking(["甲", "乙", "丙", "丁"], results) == [["甲"], ["丙"], ["乙"], ["丁"]]


def test_once_one_is_placed_the_rest_start_again_among_themselves():
    results = [
        m("甲", "乙", (3, 0), (33, 10)),
        m("乙", "丙", (3, 0), (33, 10)),
        m("丙", "甲", (3, 0), (33, 10)),
        m("甲", "丁", (3, 0), (33, 10)),
        m("丁", "乙", (3, 0), (33, 10)),
        m("丁", "丙", (3, 1), (40, 30)),
    ]
    # points: 甲 5, 丁 5, 乙 4, 丙 4. 甲:丁 → 甲 beat 丁. 乙:丙 → 乙 beat 丙.
    assert group_ranking(["丙", "丁", "乙", "甲"], results) == [["甲"], ["丁"], ["乙"], ["丙"]]


def test_a_walk_over_loss_scores_nothing_and_equal_sides_share_a_place_for_lots():
    results = [m("甲", "乙", (3, 0), (33, 0), walkover=True)]
    assert group_ranking(["甲", "乙"], results) == [["甲"], ["乙"]]
    same = [
        m("甲", "乙", (3, 1), (40, 30)),
        m("乙", "丙", (3, 1), (40, 30)),
        m("丙", "甲", (3, 1), (40, 30)),
    ]
    assert group_ranking(["甲", "乙", "丙"], same) == [["丙", "乙", "甲"]]  # lots, not our order


def test_game_ratios_exactly_equal_do_not_separate_and_the_points_ratio_does():
    # a cycle, every match 3:1: games 4:4 for each (4·4 = 4·4, on the line), so the rallies decide:
    # 甲 70:75, 乙 75:76, 丙 76:70 → 丙, 乙, 甲 (76/70 > 75/76 > 70/75, by cross-multiplying).
    results = [
        m("甲", "乙", (3, 1), (40, 35)),
        m("乙", "丙", (3, 1), (40, 36)),
        m("丙", "甲", (3, 1), (40, 30)),
    ]
    assert group_ranking(["甲", "乙", "丙"], results) == [["丙"], ["乙"], ["甲"]]
