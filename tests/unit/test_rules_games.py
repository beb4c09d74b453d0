"""RULES §7: when a game may end and when a best-of-N match is over, exactly on each line."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.errors import Refusal
from models.rules.games import (
    GAMES,
    game_problem,
    match_problem,
    match_totals,
    match_winner,
    parse_games,
)
from tui.i18n import refusal_text, set_lang


def key(problem):
    return None if problem is None else problem.key


def test_games_are_parsed_with_any_of_the_separators_an_input_method_gives():
    expected = ((11, 9), (8, 11), (11, 5))
    for text in (
        "11:9,8:11,11:5",
        "11：9，8：11、11:5",
        " 11 : 9  8:11 11:5 ",
        "１１:９,8:11,11:5",
    ):
        assert parse_games(text) == expected, text


@pytest.mark.parametrize("text", ["", "  ", "11-9", "11:9:1", "a:b", "11:", "11:9,,x", "3.5:1"])
def test_anything_but_scores_is_refused(text):
    with pytest.raises(Refusal) as caught:
        parse_games(text)
    assert caught.value.key in {"match.no_games", "match.bad_game_text", "match.negative_score"}


def test_a_negative_number_is_refused_as_negative():
    with pytest.raises(Refusal) as caught:
        parse_games("11:9,-3:11")
    assert caught.value.key == "match.negative_score"


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        ((11, 9), None),
        ((9, 11), None),
        ((11, 0), None),
        ((11, 10), "match.two_clear"),
        ((12, 10), None),
        ((13, 10), "match.game_over_at"),
        ((12, 9), "match.game_over_at"),
        ((10, 8), "match.game_short"),
        ((20, 18), None),
        ((10, 10), "match.game_tied"),
    ],
)
def test_table_tennis_to_eleven_by_two_clear_points(score, expected):
    assert key(game_problem("tabletennis", score)) == expected


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        ((21, 19), None),
        ((21, 20), "match.two_clear"),
        ((22, 20), None),
        ((29, 27), None),
        ((29, 28), "match.two_clear"),
        ((30, 28), None),
        ((30, 29), None),  # 29:29, the next point wins: the cap
        ((29, 30), None),
        ((30, 27), "match.game_over_at"),
        ((31, 29), "match.above_cap"),
        ((20, 15), "match.game_short"),
    ],
)
def test_badminton_to_twenty_one_capped_at_thirty(score, expected):
    assert key(game_problem("badminton", score)) == expected


@pytest.mark.parametrize(
    ("score", "deciding", "expected"),
    [
        ((25, 23), False, None),
        ((25, 24), False, "match.two_clear"),
        ((26, 24), False, None),
        ((15, 13), False, "match.game_short"),
        ((15, 13), True, None),
        ((15, 14), True, "match.two_clear"),
        ((16, 14), True, None),
        ((25, 13), True, "match.game_over_at"),
    ],
)
def test_volleyball_to_twenty_five_and_the_deciding_set_to_fifteen(score, deciding, expected):
    assert key(game_problem("volleyball", score, deciding=deciding)) == expected


def test_tug_of_war_pulls_and_free_points():
    assert game_problem("tugofwar", (1, 0)) is None and game_problem("tugofwar", (0, 1)) is None
    assert key(game_problem("tugofwar", (2, 0))) == "match.bad_pull"
    assert key(game_problem("tugofwar", (1, 1))) == "match.game_tied"
    assert game_problem("points", (3, 2)) is None and game_problem("points", (0, 57)) is None
    assert key(game_problem("points", (4, 4))) == "match.game_tied"
    assert key(game_problem("points", (-1, 4))) == "match.negative_score"
    assert key(game_problem("chess", (1, 0))) == "match.bad_game"


def test_the_refusal_says_why_in_both_languages():
    set_lang("zh")
    assert refusal_text(game_problem("tabletennis", (11, 10))) == "11:10 不能结束一局：须领先两分。"
    set_lang("en")
    try:
        assert "two clear points" in refusal_text(game_problem("tabletennis", (11, 10)))
    finally:
        set_lang("zh")


def test_a_match_ends_exactly_when_one_side_has_won_the_majority():
    assert match_problem("tabletennis", 5, [(11, 9), (8, 11), (11, 5), (11, 7)]) is None
    assert match_problem("tabletennis", 5, [(11, 9), (11, 8), (11, 5)]) is None
    unfinished = match_problem("tabletennis", 5, [(11, 9), (8, 11), (11, 5)])
    assert key(unfinished) == "match.unfinished" and unfinished.params["won"] == "2:1"
    after = match_problem("tabletennis", 5, [(11, 9), (11, 8), (11, 5), (11, 3)])
    assert key(after) == "match.game_after_end" and after.params["number"] == 4
    assert key(match_problem("tabletennis", 4, [(11, 9)])) == "match.bad_best_of"
    assert key(match_problem("tabletennis", 0, [(11, 9)])) == "match.bad_best_of"
    assert key(match_problem("tabletennis", 3, [])) == "match.no_games"
    assert match_problem("points", 1, [(3, 2)]) is None


def test_a_bad_game_inside_a_match_names_the_game_and_why():
    problem = match_problem("tabletennis", 5, [(11, 9), (11, 10), (11, 5), (11, 7)])
    assert problem.key == "match.in_game" and problem.params == {"number": 2}
    assert [d.key for d in problem.details] == ["match.two_clear"]
    assert refusal_text(problem) == "第2局比分无效：\n11:10 不能结束一局：须领先两分。"


def test_only_the_deciding_set_of_volleyball_is_played_to_fifteen():
    assert (
        match_problem("volleyball", 5, [(25, 20), (20, 25), (25, 22), (23, 25), (15, 13)]) is None
    )
    assert key(match_problem("volleyball", 5, [(25, 20), (20, 25), (15, 13)])) == "match.in_game"
    assert match_problem("volleyball", 3, [(25, 20), (20, 25), (15, 13)]) is None
    assert key(match_problem("volleyball", 3, [(25, 20), (20, 25), (15, 14)])) == "match.in_game"


def test_tug_of_war_best_of_three_pulls():
    assert match_problem("tugofwar", 3, [(1, 0), (0, 1), (0, 1)]) is None
    assert match_winner([(1, 0), (0, 1), (0, 1)]) == 1
    assert key(match_problem("tugofwar", 3, [(1, 0), (1, 0), (0, 1)])) == "match.game_after_end"


def test_winner_and_totals():
    games = [(11, 9), (8, 11), (11, 5), (11, 7)]
    assert match_winner(games) == 0
    assert match_totals(games) == ((3, 1), (41, 32))
    with pytest.raises(Refusal):
        match_winner([(11, 9), (9, 11)])


@given(
    st.sampled_from([g for g in GAMES if g != "points"]),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_a_valid_game_has_a_winner_who_played_to_the_target_and_no_further(game, a, b):
    if game_problem(game, (a, b)) is not None:
        return
    won, lost = max(a, b), min(a, b)
    if game == "tugofwar":
        assert (won, lost) == (1, 0)
        return
    target = {"tabletennis": 11, "badminton": 21, "volleyball": 25}[game]
    assert won >= target and (
        won - lost == 2
        or (won == target and lost <= target - 2)
        or (game == "badminton" and (won, lost) == (30, 29))
    )


# --- team ties (团体赛) ----------------------------------------------------------------------------

TIE_WIN = ((11, 5), (11, 5), (11, 5))
TIE_LOSS = ((5, 11), (5, 11), (5, 11))


def test_a_tie_ends_the_moment_a_team_has_its_matches():
    from models.rules.games import tie_problem, tie_totals

    assert tie_problem("tabletennis", 5, 5, (TIE_WIN, TIE_LOSS, TIE_WIN, TIE_WIN)) is None
    assert tie_totals((TIE_WIN, TIE_LOSS, TIE_WIN, TIE_WIN))[0] == (3, 1)
    after = tie_problem("tabletennis", 5, 5, (TIE_WIN, TIE_WIN, TIE_WIN, TIE_LOSS))
    assert after.key == "match.rubber_after_end" and after.params["number"] == 4
    short = tie_problem("tabletennis", 5, 5, (TIE_WIN, TIE_WIN))
    assert short.key == "match.tie_unfinished"
    bad = tie_problem("tabletennis", 5, 5, (TIE_WIN, ((11, 10), (11, 5), (11, 5))))
    assert bad.key == "match.in_rubber" and bad.details[0].key == "match.in_game"
    assert tie_problem("tabletennis", 5, 4, (TIE_WIN,)).key == "match.bad_rubbers"


def test_rubbers_parse_with_any_separator_and_an_unfinished_match_wins_nobody_a_match():
    from models.rules.games import parse_rubbers, tie_totals

    assert parse_rubbers("11:5,11:5,11:5 | 5:11，5:11，5:11／11:9 11:9 11:9") == (
        TIE_WIN,
        TIE_LOSS,
        ((11, 9), (11, 9), (11, 9)),
    )
    # retired during the third match at one game all: no one won that match
    assert tie_totals((TIE_WIN, TIE_LOSS, ((11, 9), (9, 11))))[0] == (1, 1)
