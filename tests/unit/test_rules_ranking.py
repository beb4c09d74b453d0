"""Competition ranking (1, 2, 2, 4), tie-breakers, awards by count or floor percentage, and the
flag on a tie across an award boundary — plus the property that ranking depends on the marks, not
on the order anything was entered."""

from decimal import Decimal
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.errors import Refusal
from models.rules.ranking import (
    TIE_ACROSS_BOUNDARY,
    UNROUNDED,
    AwardTier,
    Entry,
    assign_awards,
    awards_spec,
    oriented,
    parse_awards,
    rank,
)
from models.rules.scoring import LOWER, panel_score


def entries(*scores, keys=None) -> list[Entry]:
    keys = keys or [{}] * len(scores)
    return [
        Entry(i, None if s is None else F(str(s)), k)
        for i, (s, k) in enumerate(zip(scores, keys, strict=True))
    ]


def ranks(placed) -> dict[int, int | None]:
    return {p.id: p.rank for p in placed}


def test_standard_competition_ranking():
    placed = rank(entries(95, 90, 90, 85), 2)
    assert [p.rank for p in placed] == [1, 2, 2, 4]


def test_ties_are_judged_on_the_shown_score():
    # 92.445 and 92.45 both show 92.45: tied unless a tie-breaker says otherwise
    assert ranks(rank(entries("92.445", "92.45"), 2)) == {0: 1, 1: 1}
    placed = rank(entries("92.445", "92.45"), 2, (UNROUNDED,))
    assert ranks(placed) == {1: 1, 0: 2}
    assert placed[0].decided_by == UNROUNDED


def test_a_tie_breaker_decides():
    keys = [{"实操": F(88)}, {"实操": F(91)}, {"实操": F(85)}]
    placed = rank(entries(90, 90, 90, keys=keys), 2, ("实操",))
    assert ranks(placed) == {1: 1, 0: 2, 2: 3}
    assert all(p.decided_by == "实操" for p in placed)


def test_tie_breakers_apply_in_order():
    keys = [{"实操": F(88), "理论": F(95)}, {"实操": F(88), "理论": F(90)}]
    placed = rank(entries(90, 90, keys=keys), 2, ("实操", "理论"))
    assert ranks(placed) == {0: 1, 1: 2}
    assert placed[0].decided_by == "理论"


def test_shorter_time_wins_a_tie():
    keys = [{"用时": oriented(F(310), LOWER)}, {"用时": oriented(F(295), LOWER)}]
    assert ranks(rank(entries(90, 90, keys=keys), 2, ("用时",))) == {1: 1, 0: 2}


def test_equal_on_every_tie_breaker_shares_the_rank():
    keys = [{"实操": F(88)}, {"实操": F(88)}, {"实操": F(80)}]
    assert ranks(rank(entries(90, 90, 95, keys=keys), 2, ("实操",))) == {2: 1, 0: 2, 1: 2}


def test_incomplete_entrants_are_never_ranked():
    placed = rank(entries(90, None, 80), 2)
    assert ranks(placed) == {0: 1, 2: 2, 1: None}
    assert placed[-1].id == 1


# --- awards --------------------------------------------------------------------------------------


def test_awards_by_fixed_counts():
    tiers = parse_awards("一等奖:1,二等奖:2,三等奖:3")
    placed = assign_awards(rank(entries(99, 98, 97, 96, 95, 94, 93), 2), tiers, 7)
    assert [p.award for p in placed] == [
        "一等奖",
        "二等奖",
        "二等奖",
        "三等奖",
        "三等奖",
        "三等奖",
        None,
    ]
    assert not any(p.flag for p in placed)


def test_awards_by_percentages_round_down():
    tiers = parse_awards("一等奖:10%,二等奖:20%,三等奖:30%")
    assert [t.places(19) for t in tiers] == [1, 3, 5]  # 1.9, 3.8, 5.7 floored
    assert [t.places(20) for t in tiers] == [2, 4, 6]  # exactly on the line


def test_a_tie_across_an_award_boundary_is_flagged_not_cut():
    tiers = parse_awards("一等奖:1,二等奖:2")
    placed = assign_awards(rank(entries(99, 98, 97, 97, 90), 2), tiers, 5)
    by_id = {p.id: p for p in placed}
    # places 3 and 4 share rank 3; only place 3 wins 二等奖: both keep it and carry the flag
    assert by_id[2].award == by_id[3].award == "二等奖"
    assert by_id[2].flag == by_id[3].flag == TIE_ACROSS_BOUNDARY
    assert by_id[1].flag is None and by_id[4].award is None


def test_a_tie_inside_a_tier_is_not_flagged():
    tiers = parse_awards("一等奖:1,二等奖:3")
    placed = assign_awards(rank(entries(99, 97, 97, 90), 2), tiers, 4)
    assert [p.flag for p in placed] == [None, None, None, None]
    assert [p.award for p in placed] == ["一等奖", "二等奖", "二等奖", "二等奖"]


def test_a_tie_exactly_filling_the_last_place_is_not_flagged():
    tiers = parse_awards("一等奖:2")
    placed = assign_awards(rank(entries(99, 99, 90), 2), tiers, 3)
    assert [p.flag for p in placed] == [None, None, None]


@pytest.mark.parametrize(
    "text", ["一等奖", "一等奖:0", "一等奖:1.5", "一等奖:120%", ":3", "一等奖:1,一等奖:2"]
)
def test_bad_award_settings_refused(text):
    with pytest.raises(Refusal):
        parse_awards(text)


def test_award_spec_round_trips_in_chinese_punctuation():
    tiers = parse_awards("一等奖：1，二等奖：3、优秀奖:10%")
    assert awards_spec(tiers) == "一等奖:1,二等奖:3,优秀奖:10%"
    assert tiers[2] == AwardTier("优秀奖", percent=F(10))


# --- properties ----------------------------------------------------------------------------------

MARK = st.integers(0, 1000).map(lambda n: F(n, 10))
JUDGE_MARK = st.integers(0, 1000).map(lambda n: Decimal(n).scaleb(-1))
PANEL = st.lists(JUDGE_MARK, min_size=5, max_size=5)


def standings_of(panels: list[list[Decimal]]) -> dict[int, int | None]:
    scored = [Entry(i, panel_score(p, 1).mean, {}) for i, p in enumerate(panels)]
    return ranks(rank(scored, 2, (UNROUNDED,)))


@given(st.lists(PANEL, min_size=1, max_size=12), st.randoms())
def test_ranking_is_a_permutation_invariant_function_of_the_marks(panels, rnd):
    before = standings_of(panels)
    # shuffle each entrant's judges and the order the entrants come in
    order = list(range(len(panels)))
    rnd.shuffle(order)
    shuffled = [rnd.sample(panels[i], len(panels[i])) for i in order]
    after = standings_of(shuffled)
    assert {order[new]: r for new, r in after.items()} == before


@given(st.lists(st.one_of(st.none(), MARK), min_size=1, max_size=20))
def test_ranks_are_competition_ranks(scores):
    placed = rank([Entry(i, s, {}) for i, s in enumerate(scores)], 1)
    ranked = [p.rank for p in placed if p.rank is not None]
    assert len(ranked) == sum(s is not None for s in scores)
    for position, r in enumerate(ranked, start=1):
        # a rank is 1 + the number of entries strictly ahead
        assert r == 1 + sum(1 for other in ranked if other < r)
        assert r <= position


@given(st.lists(MARK, min_size=1, max_size=20), st.integers(1, 5), st.integers(1, 5))
def test_no_award_goes_past_its_places_without_a_flag(scores, first, second):
    tiers = (AwardTier("一", count=first), AwardTier("二", count=second))
    placed = assign_awards(
        rank([Entry(i, s, {}) for i, s in enumerate(scores)], 1), tiers, len(scores)
    )
    for names, places in ((("一",), first), (("一", "二"), first + second)):
        winners = [p for p in placed if p.award in names]
        assert all(p.rank <= places for p in winners)
        if len(winners) > places:
            assert any(p.flag == TIE_ACROSS_BOUNDARY for p in winners)
        else:
            assert not any(p.flag for p in winners if p.award == names[-1])
