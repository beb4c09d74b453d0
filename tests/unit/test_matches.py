"""Match events on SQLite and PostgreSQL: the draw (round-robin groups, knockout brackets, the
knockout after the groups), results with the winner going on, corrections with a reason, group
tables and knockout places, bad input refused with nothing changed, and verify replaying it all."""

import random

import pytest

from models import contests, matches
from models.contests.match_format import MatchFormat
from models.errors import Refusal
from models.verify import verify_database
from tests.helpers import event_count, row_count

TT = MatchFormat("roundrobin", best_of=5, game="tabletennis")


def verified(db) -> None:
    report = verify_database(db)
    assert report.ok, [(c.key, c.problem_params) for c in report.checks if c.ok is False]


def snapshot(db) -> tuple:
    return (row_count(db, matches.T_MATCH), row_count(db, contests.T_ENTRANT), event_count(db))


def make_event(db, fmt: MatchFormat, names, *, units=None, seeds=None, title="乒乓球赛"):
    contests.new_contest(db, title, judges=1, trim=0)
    contests.set_event(db, title, "男子单打", matches=fmt)
    for i, name in enumerate(names):
        unit = units[i] if units else f"单位{i + 1}"
        seed = seeds.get(name) if seeds else None
        contests.add_entrant(db, title, name, unit=unit, event="男子单打", seed=seed)
    return title


def numbers_of(db, title) -> dict[int, str]:
    return {e.id: e.name for e in contests.entrants_of(db, title)}


def play_all(db, title, drawn, pick=lambda m: "11:5,11:6,11:7"):
    for m in drawn:
        if m.playable and not m.decided:
            matches.record_result(db, title, m.number, games=pick(m))


def current(db, title) -> list:
    info = contests.get_contest(db, title)
    with db.read() as conn:
        return matches.matches_of(conn, info)


# --- the round robin -----------------------------------------------------------------------------


def test_round_robin_group_plays_to_a_table_and_verifies(congress_db):
    names = ["甲", "乙", "丙", "丁", "戊", "己"]
    title = make_event(congress_db, TT, names)
    drawn = matches.draw(congress_db, title, "男子单打", rng=random.Random(1))
    played = [m for m in drawn if m.playable]
    assert len(played) == 15 and not any(m.bye for m in drawn)
    assert max(m.round for m in drawn) == 5
    # side a wins every match: the table follows, and a shared place is never invented
    play_all(congress_db, title, drawn)
    info = contests.get_contest(congress_db, title)
    with congress_db.read() as conn:
        table = matches.group_tables(conn, info, info.event("男子单打"))["A"]
    assert sorted(r.points for r in table) == sorted(
        2 * r.won + r.lost for r in table
    )  # 2 a win, 1 a loss
    assert [r.rank for r in table] == sorted(r.rank for r in table)
    assert sum(r.won for r in table) == 15
    verified(congress_db)


def test_groups_need_two_sides_each_and_nothing_changes(congress_db):
    title = make_event(
        congress_db, MatchFormat("roundrobin", groups=3), ["甲", "乙", "丙", "丁", "戊"]
    )
    before = snapshot(congress_db)
    with pytest.raises(Refusal) as refused:
        matches.draw(congress_db, title, "男子单打")
    assert refused.value.key == "match.too_few_for_groups"
    assert snapshot(congress_db) == before


def test_odd_group_rests_one_side_each_round(congress_db):
    title = make_event(congress_db, MatchFormat("roundrobin"), ["甲", "乙", "丙", "丁", "戊"])
    drawn = matches.draw(congress_db, title, "男子单打", rng=random.Random(2))
    assert sum(m.bye for m in drawn) == 5 and sum(m.playable for m in drawn) == 10
    assert all(m.b is None for m in drawn if m.bye)


def test_snake_keeps_seeds_in_different_groups(congress_db):
    names = [f"选手{i}" for i in range(1, 9)]
    seeds = {"选手1": 1, "选手2": 2}
    title = make_event(congress_db, MatchFormat("roundrobin", groups=2), names, seeds=seeds)
    drawn = matches.draw(congress_db, title, "男子单打", rng=random.Random(3))
    ids = {v: k for k, v in numbers_of(congress_db, title).items()}
    group_of = {}
    for m in drawn:
        for side in (m.a, m.b):
            if side is not None:
                group_of[side] = m.group
    assert group_of[ids["选手1"]] != group_of[ids["选手2"]]


def test_draw_twice_refused(congress_db):
    title = make_event(congress_db, TT, ["甲", "乙", "丙"])
    matches.draw(congress_db, title, "男子单打")
    before = snapshot(congress_db)
    with pytest.raises(Refusal) as refused:
        matches.draw(congress_db, title, "男子单打")
    assert refused.value.key == "match.already_drawn"
    assert snapshot(congress_db) == before


# --- results refused -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "key"),
    [
        ({"games": "11:10,11:5,11:5"}, "match.in_game"),
        ({"games": "11:5,11:5"}, "match.unfinished"),
        ({"games": "11:5,11:5,11:5,11:5"}, "match.game_after_end"),
        ({"walkover": "丙"}, "match.not_a_side"),
        ({"walkover": "甲", "games": "11:5,11:5,11:5"}, "match.walkover_with_games"),
        ({"games": "十一比九"}, "match.bad_game_text"),
    ],
)
def test_bad_results_refused_with_nothing_changed(congress_db, options, key):
    title = make_event(congress_db, TT, ["甲", "乙", "丙", "丁"])
    drawn = matches.draw(congress_db, title, "男子单打", rng=random.Random(4))
    first = next(m for m in drawn if m.playable)
    names = numbers_of(congress_db, title)
    if options.get("walkover") == "丙":  # a side not in this match
        options = {"walkover": next(n for i, n in names.items() if i not in (first.a, first.b))}
    elif options.get("walkover") == "甲":
        options = {**options, "walkover": names[first.a]}
    before = snapshot(congress_db)
    with pytest.raises(Refusal) as refused:
        matches.record_result(congress_db, title, first.number, **options)
    assert refused.value.key == key
    if (
        key == "match.in_game"
    ):  # which game, then why: 「第1局比分无效：11:10 不能结束一局：须领先两分。」
        assert refused.value.details[0].key == "match.two_clear"
    assert snapshot(congress_db) == before


def test_result_for_a_match_not_drawn_refused(congress_db):
    title = make_event(congress_db, TT, ["甲", "乙"])
    with pytest.raises(Refusal) as refused:
        matches.record_result(congress_db, title, 1, games="11:5,11:5,11:5")
    assert refused.value.key == "match.no_such_match"


def test_walkover_scores_zero_and_correction_needs_a_reason(congress_db):
    title = make_event(congress_db, MatchFormat("roundrobin", best_of=3), ["甲", "乙", "丙"])
    drawn = matches.draw(congress_db, title, "男子单打", rng=random.Random(5))
    first = next(m for m in drawn if m.playable)
    names = numbers_of(congress_db, title)
    done = matches.record_result(congress_db, title, first.number, walkover=names[first.b])
    assert done.winner == first.b and done.ended == "walkover"
    with pytest.raises(Refusal) as refused:
        matches.record_result(congress_db, title, first.number, games="21:5,21:5")
    assert refused.value.key == "contest.correction_needs_reason"
    fixed = matches.record_result(
        congress_db, title, first.number, games="21:5,21:5", reason="弃权登记错了"
    )
    assert fixed.winner == first.a and fixed.ended == "played"
    verified(congress_db)


# --- the knockout --------------------------------------------------------------------------------


def test_knockout_of_twelve_plays_to_four_places(congress_db):
    fmt = MatchFormat("knockout", best_of=3, game="badminton", third_place=True)
    names = [f"选手{i}" for i in range(1, 13)]
    title = make_event(congress_db, fmt, names, seeds={"选手1": 1, "选手2": 2})
    drawn = matches.draw(congress_db, title, "男子单打", rng=random.Random(6))
    assert sum(m.bye for m in drawn) == 4
    for _ in range(5):  # round by round: a later round's sides appear as the earlier is played
        play_all(congress_db, title, current(congress_db, title), lambda m: "21:15,21:17")
    final = current(congress_db, title)
    assert sum(1 for m in final if m.playable and m.decided) == 12  # n − 1 + third place
    info = contests.get_contest(congress_db, title)
    places = matches.bracket_places(info.event("男子单打"), final)
    assert [p.rank for p in places[:4]] == [1, 2, 3, 4]
    verified(congress_db)


def test_knockout_winner_cannot_change_after_next_match(congress_db):
    fmt = MatchFormat("knockout", best_of=1, game="points")
    title = make_event(congress_db, fmt, ["甲", "乙", "丙", "丁"])
    drawn = matches.draw(congress_db, title, "男子单打", rng=random.Random(7))
    first, second = [m for m in drawn if m.round == 1]
    matches.record_result(congress_db, title, first.number, games="3:1")
    matches.record_result(congress_db, title, second.number, games="3:1")
    final = next(m for m in current(congress_db, title) if m.round == 2)
    assert {final.a, final.b} == {first.a, second.a}
    matches.record_result(congress_db, title, final.number, games="5:2")
    before = snapshot(congress_db)
    with pytest.raises(Refusal) as refused:
        matches.record_result(congress_db, title, first.number, games="1:3", reason="记反了")
    assert refused.value.key == "match.next_played"
    assert snapshot(congress_db) == before


def test_correction_before_next_match_moves_the_winner_on(congress_db):
    fmt = MatchFormat("knockout", best_of=1, game="points")
    title = make_event(congress_db, fmt, ["甲", "乙", "丙", "丁"])
    drawn = matches.draw(congress_db, title, "男子单打", rng=random.Random(8))
    first = next(m for m in drawn if m.round == 1)
    matches.record_result(congress_db, title, first.number, games="3:1")
    matches.record_result(congress_db, title, first.number, games="1:3", reason="记反了")
    final = next(m for m in current(congress_db, title) if m.round == 2)
    assert first.b in (final.a, final.b) and first.a not in (final.a, final.b)
    verified(congress_db)


def test_groups_then_knockout(congress_db):
    fmt = MatchFormat("roundrobin", groups=2, best_of=1, game="points", advance=2)
    names = [f"选手{i}" for i in range(1, 9)]
    title = make_event(congress_db, fmt, names)
    drawn = matches.draw(congress_db, title, "男子单打", rng=random.Random(9))
    with pytest.raises(Refusal) as refused:
        matches.draw(congress_db, title, "男子单打")
    assert refused.value.key == "match.groups_unfinished"
    # the lower entrant number wins: no ties in the groups
    order = {e.id: e.number for e in contests.entrants_of(congress_db, title)}
    play_all(congress_db, title, drawn, lambda m: "3:1" if order[m.a] < order[m.b] else "1:3")
    bracket = matches.draw(congress_db, title, "男子单打", rng=random.Random(10))
    assert len([m for m in bracket if m.round == 1]) == 2 and len(bracket) == 3
    verified(congress_db)
    with pytest.raises(Refusal) as refused:  # the groups seeded the bracket: they stand
        matches.record_result(congress_db, title, drawn[0].number, games="0:3", reason="记错")
    assert refused.value.key == "match.knockout_drawn"


def test_verify_sees_a_result_changed_behind_the_log(congress_db):
    from sqlalchemy import update

    title = make_event(congress_db, TT, ["甲", "乙"])
    drawn = matches.draw(congress_db, title, "男子单打", rng=random.Random(11))
    matches.record_result(congress_db, title, drawn[0].number, games="11:5,11:5,11:5")
    with congress_db.write() as conn:
        conn.execute(update(matches.T_MATCH).values(games="5:11,5:11,5:11", winner=drawn[0].b))
    report = verify_database(congress_db)
    assert not report.ok


# --- team ties (团体赛) ----------------------------------------------------------------------------

WIN3 = "11:5,11:5,11:5"
LOSS3 = "5:11,5:11,5:11"


def test_team_ties_rank_by_individual_matches_when_equal_on_points(congress_db):
    """Three teams each win once (2+1 = 3 points each): the individual matches among them decide
    before games (RULES §7) — 甲 3:2, 2:3 … the ratios below are all different."""
    fmt = MatchFormat("roundrobin", best_of=5, game="tabletennis", rubbers=5)
    title = make_event(
        congress_db, fmt, ["甲队", "乙队", "丙队"], seeds={"甲队": 1, "乙队": 2, "丙队": 3}
    )
    drawn = [m for m in matches.draw(congress_db, title, "男子单打") if m.playable]
    names = numbers_of(congress_db, title)
    scores = {  # (a, b) → the tie, from a's view
        ("乙队", "丙队"): [WIN3, WIN3, WIN3],  # 乙 3:0 丙
        ("甲队", "丙队"): [LOSS3, WIN3, LOSS3, WIN3, LOSS3],  # 丙 3:2 甲
        ("甲队", "乙队"): [WIN3, LOSS3, WIN3, WIN3],  # 甲 3:1 乙
    }
    for m in drawn:
        tie = " | ".join(scores[(names[m.a], names[m.b])])
        done = matches.record_result(congress_db, title, m.number, games=tie)
        assert done.rubbers and len(done.rubbers) == len(scores[(names[m.a], names[m.b])])
    info = contests.get_contest(congress_db, title)
    with congress_db.read() as conn:
        (table,) = matches.group_tables(conn, info, info.event("男子单打")).values()
    # matches won:lost among the three — 乙 4:3, 甲 5:5, 丙 3:5 (all on 3 points)
    assert [(names[r.entrant], r.points) for r in table] == [("乙队", 3), ("甲队", 3), ("丙队", 3)]
    verified(congress_db)


def test_an_unfinished_tie_is_refused(congress_db):
    fmt = MatchFormat("roundrobin", best_of=5, game="tabletennis", rubbers=5)
    title = make_event(congress_db, fmt, ["甲队", "乙队"])
    (match,) = [m for m in matches.draw(congress_db, title, "男子单打") if m.playable]
    before = snapshot(congress_db)
    with pytest.raises(Refusal) as refused:
        matches.record_result(congress_db, title, match.number, games=f"{WIN3}|{WIN3}")
    assert refused.value.key == "match.tie_unfinished"
    assert snapshot(congress_db) == before
