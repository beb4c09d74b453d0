"""Heats and a final (预赛/决赛) on SQLite and PostgreSQL: the heats dealt as groups of the measured
event, the final made from the first k of each heat and the best results, ties on the line left
for the organisers, missing results refused unless told, and the meet counting the final only."""

import random
from decimal import Decimal as D

import pytest

from models import contests, matches, scores
from models.contests.match_format import MatchFormat
from models.errors import Refusal
from models.rules.scoring import LOWER, MEASURED, Stage
from models.verify import verify_database
from tests.helpers import event_count

TIME = Stage(name="", weight=D(100), kind=MEASURED, unit="秒", better=LOWER)


def heats_event(db, count: int, *, advance=2, final=4, lanes=4) -> None:
    contests.new_contest(db, "田径", judges=1, trim=0)
    fmt = MatchFormat("heats", advance=advance, final=final, lanes=lanes)
    contests.set_event(db, "田径", "50米预赛", stages=[TIME], matches=fmt)
    for i in range(1, count + 1):
        contests.add_entrant(db, "田径", f"跑者{i}", unit=f"单位{i % 3}", event="50米预赛")


def run_heats(db, times: dict[str, str]) -> None:
    for name, seconds in times.items():
        scores.record_mark(db, "田径", name, 0, seconds)


def test_heats_then_final_by_place_then_by_time(congress_db):
    heats_event(congress_db, 8, advance=1, final=4, lanes=4)
    dealt = matches.draw_heats(congress_db, "田径", "50米预赛", rng=random.Random(1))
    assert [len(h) for h in dealt.heats] == [4, 4]
    assert {e.group for heat in dealt.heats for e in heat} == {"第1组", "第2组"}
    first, second = dealt.heats
    # heat 1 is fast, heat 2 slow: the winner of heat 2 goes in by place, the rest by time
    times = {e.name: f"7.{i}0" for i, e in enumerate(first, start=1)}
    times |= {e.name: f"9.{i}0" for i, e in enumerate(second, start=1)}
    run_heats(congress_db, times)
    final = matches.draw_heats(congress_db, "田径", "50米预赛")
    names = [e.name for e in final.finalists]
    assert final.final == "50米决赛" and len(names) == 4
    assert second[0].name in names  # 9.10 wins heat 2
    assert [n for n in names if n != second[0].name] == [e.name for e in first[:3]]
    info = contests.get_contest(congress_db, "田径")
    assert info.event("50米决赛").stages == info.event("50米预赛").stages
    assert verify_database(congress_db).ok


def test_tie_on_the_line_leaves_the_place_open(congress_db):
    heats_event(congress_db, 4, advance=0, final=2, lanes=4)
    (heat,) = matches.draw_heats(congress_db, "田径", "50米预赛", rng=random.Random(2)).heats
    run_heats(congress_db, {heat[0].name: "7.00", heat[1].name: "7.50", heat[2].name: "7.50",
                            heat[3].name: "8.00"})  # fmt: skip
    final = matches.draw_heats(congress_db, "田径", "50米预赛")
    assert [e.name for e in final.finalists] == [heat[0].name]
    assert {e.name for e in final.tied_out} == {heat[1].name, heat[2].name}
    assert final.open_places == 1


def test_missing_result_refused_unless_told(congress_db):
    heats_event(congress_db, 4, advance=1, final=2, lanes=2)
    heats = matches.draw_heats(congress_db, "田径", "50米预赛", rng=random.Random(3)).heats
    everyone = [e for heat in heats for e in heat]
    run_heats(congress_db, {e.name: f"7.{i}0" for i, e in enumerate(everyone[:-1], start=1)})
    before = event_count(congress_db)
    with pytest.raises(Refusal) as refused:
        matches.draw_heats(congress_db, "田径", "50米预赛")
    assert refused.value.key == "match.heats_unfinished"
    assert event_count(congress_db) == before
    final = matches.draw_heats(congress_db, "田径", "50米预赛", missing_ok=True)
    assert everyone[-1] in final.missing and len(final.finalists) == 2


def test_heats_need_a_measured_result_and_sizes(congress_db):
    contests.new_contest(congress_db, "田径", judges=1, trim=0)
    with pytest.raises(Refusal) as refused:
        contests.set_event(
            congress_db, "田径", "预赛", matches=MatchFormat("heats", final=8, lanes=8)
        )
    assert refused.value.key == "match.heats_measured"
    with pytest.raises(Refusal) as refused:
        contests.set_event(
            congress_db, "田径", "预赛", stages=[TIME], matches=MatchFormat("heats", final=8)
        )
    assert refused.value.key == "match.heats_sizes"


def test_meet_counts_the_final_not_the_heats(congress_db):
    heats_event(congress_db, 4, advance=1, final=2, lanes=2)
    heats = matches.draw_heats(congress_db, "田径", "50米预赛", rng=random.Random(4)).heats
    everyone = [e for heat in heats for e in heat]
    run_heats(congress_db, {e.name: f"7.{i}0" for i, e in enumerate(everyone, start=1)})
    final = matches.draw_heats(congress_db, "田径", "50米预赛")
    meet = matches.new_meet(congress_db, "运动会", points="5,3")
    matches.add_to_meet(congress_db, meet.number, "田径")
    assert matches.meet_standings(congress_db, meet.number).rows == ()  # the final not run yet
    for i, e in enumerate(final.finalists, start=1):
        scores.record_mark(congress_db, "田径", e.number, 0, f"6.{i}0")
    rows = matches.meet_standings(congress_db, meet.number).rows
    assert sorted(r.points for r in rows) == [3, 5] or sum(r.points for r in rows) == 8
    assert verify_database(congress_db).ok
