"""RULES §6 Buzzer: after 「开始」 the first press wins and locks the others; a press before it is
抢答犯规. Presses in one tick resolve in the order they arrived (models/rules/buzzer.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.errors import Refusal
from models.rules import buzzer as rule
from models.rules.buzzer import (
    AGAIN,
    FOUL,
    IGNORED,
    LATE,
    OPEN,
    START,
    STARTED,
    UNKNOWN,
    WAITING,
    WINS,
    WON,
)
from models.rules.scoring import FOUL as FOUL_KIND
from models.rules.scoring import QuizRules, question_kind, question_points

KEYS = {"1": 1, "2": 2, "3": 3, "a": 10}


def verdicts(outcomes):
    return [(o.team, o.verdict) for o in outcomes]


def test_the_first_press_after_the_start_wins_and_the_later_ones_are_locked_but_listed():
    state = rule.start(rule.new_round(KEYS))
    assert state.phase == OPEN
    state, outcomes = rule.press_all(state, ["2", "1", "3"])
    assert state.phase == WON and state.winner == 2
    assert verdicts(outcomes) == [(2, WINS), (1, LATE), (3, LATE)]
    assert state.late == (1, 3) and state.fouls == ()


def test_a_press_before_the_start_is_a_foul_and_wins_nothing():
    state, outcome = rule.press(rule.new_round(KEYS), "1")
    assert outcome.verdict == FOUL and state.phase == WAITING and state.fouls == (1,)
    state, outcomes = rule.press_all(state, [START, "1"])
    assert verdicts(outcomes) == [(None, STARTED), (1, WINS)]  # the foul does not bar the team


def test_in_one_batch_a_press_is_a_foul_only_if_it_arrived_before_the_start():
    state, outcomes = rule.press_all(rule.new_round(KEYS), ["3", START, "2", "3"])
    assert verdicts(outcomes) == [(3, FOUL), (None, STARTED), (2, WINS), (3, LATE)]
    assert state.winner == 2 and state.fouls == (3,)


def test_the_same_team_twice_counts_once():
    state, outcomes = rule.press_all(rule.new_round(KEYS), ["1", "1"])
    assert verdicts(outcomes) == [(1, FOUL), (1, AGAIN)] and state.fouls == (1,)
    state, outcomes = rule.press_all(rule.start(state), ["2", "2", "3", "3"])
    assert verdicts(outcomes) == [(2, WINS), (2, AGAIN), (3, LATE), (3, AGAIN)]
    assert state.late == (3,)


def test_a_second_start_changes_nothing_and_an_unknown_key_is_nobody():
    state = rule.start(rule.new_round(KEYS))
    assert rule.press(state, START) == (state, rule.Press(START, None, IGNORED))
    state, outcome = rule.press(state, "9")
    assert outcome == rule.Press("9", None, UNKNOWN) and state.phase == OPEN


def test_keys_fold_full_width_and_upper_case():
    _, outcome = rule.press(rule.start(rule.new_round(KEYS)), "Ａ")
    assert outcome.team == 10 and outcome.verdict == WINS


def test_the_next_question_starts_waiting_with_the_same_keys():
    state, _ = rule.press_all(rule.new_round(KEYS), ["1", START, "2", "3"])
    fresh = rule.next_question(state)
    assert fresh == rule.new_round(KEYS) and fresh.phase == WAITING


@given(st.lists(st.sampled_from(["1", "2", "3", "a", "x", START]), max_size=12))
def test_at_most_one_winner_the_first_team_press_after_the_first_start(presses):
    state, outcomes = rule.press_all(rule.new_round(KEYS), presses)
    wins = [o.team for o in outcomes if o.verdict == WINS]
    assert len(wins) <= 1
    if START in presses:
        after = [KEYS[k] for k in presses[presses.index(START) + 1 :] if k in KEYS]
        assert wins == after[:1]
        assert state.winner == (after[0] if after else None)
    else:
        assert not wins and state.phase == WAITING
    fouls = [o.team for o in outcomes if o.verdict == FOUL]
    assert len(fouls) == len(set(fouls)) == len(state.fouls)


# --- the deduction --------------------------------------------------------------------------


def test_a_foul_costs_the_quiz_foul_setting_else_a_wrong_buzzer_answer():
    assert question_points(QuizRules(), FOUL_KIND, False) == -10
    assert question_points(QuizRules(buzzer_wrong=5), FOUL_KIND, False) == -5
    assert question_points(QuizRules(foul=0), FOUL_KIND, False) == 0  # exactly no deduction
    assert question_points(QuizRules(foul=20), FOUL_KIND, True) == -20  # never right
    assert rule.foul_deduction(QuizRules(foul=7)) == 7
    assert question_kind("抢答犯规") == question_kind("犯规") == question_kind("FOUL") == FOUL_KIND


# --- the key map ------------------------------------------------------------------------------


def test_key_map_text_and_teams_by_number_or_name():
    key_map = rule.parse_key_map("1=A队，B=B队、c = 3")
    assert key_map == (("1", "A队"), ("b", "B队"), ("c", "3"))
    teams = [(1, "A队"), (2, "B队"), (3, "C队")]
    assert rule.team_keys(key_map, teams) == {"1": 1, "b": 2, "c": 3}


def test_with_no_key_map_teams_1_to_9_press_their_number():
    teams = [(1, "甲"), (9, "乙"), (10, "丙")]
    assert rule.team_keys((), teams) == {"1": 1, "9": 9}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("1A队", "buzzer.bad_key"),
        ("12=A队", "buzzer.bad_key"),
        ("1=", "buzzer.bad_key"),
        (" =A队", "buzzer.bad_key"),
        ("y=A队", "buzzer.reserved_key"),
        ("N=A队", "buzzer.reserved_key"),
        ("h=A队", "buzzer.reserved_key"),
        ("1=A队,1=B队", "buzzer.key_twice"),
    ],
)
def test_bad_key_maps_are_refused(text, key):
    with pytest.raises(Refusal) as caught:
        rule.parse_key_map(text)
    assert caught.value.key == key


def test_a_key_for_a_team_not_there_or_a_shared_name_is_refused():
    teams = [(1, "A队"), (2, "A队")]
    for key_map in ((("1", "Z队"),), (("1", "A队"),)):
        with pytest.raises(Refusal) as caught:
            rule.team_keys(key_map, teams)
        assert caught.value.key == "buzzer.no_such_team"
