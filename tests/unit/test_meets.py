"""Sports meets on SQLite and PostgreSQL: judged, measured and match events joined into the units'
team points (places 9-7-6-…, ties sharing exactly, a record's bonus), the medal table, refusals,
and verify replaying the meet."""

import random
from decimal import Decimal as D
from fractions import Fraction

import pytest

from models import contests, matches, scores
from models.contests.match_format import MatchFormat
from models.errors import Refusal
from models.rules.scoring import LOWER, MEASURED, Stage
from models.verify import verify_database


def measured_event(db, title, results: dict[str, tuple[str, str]]):
    """A 50米 race: (unit, seconds) per name, lower better, one result each."""
    stage = Stage(name="", weight=D(100), kind=MEASURED, unit="秒", better=LOWER)
    contests.new_contest(db, title, judges=1, trim=0, stages=[stage])
    for name, (unit, _) in results.items():
        contests.add_entrant(db, title, name, unit=unit)
    for name, (_, seconds) in results.items():
        scores.record_mark(db, title, name, 0, seconds)


def test_places_share_points_exactly_and_units_rank(congress_db):
    measured_event(
        congress_db,
        "50米跑",
        {
            "甲": ("一车间", "7.10"),
            "乙": ("二车间", "7.30"),
            "丙": ("三车间", "7.30"),
            "丁": ("一车间", "7.50"),
        },
    )
    meet = matches.new_meet(congress_db, "职工运动会")
    matches.add_to_meet(congress_db, meet.number, "50米跑")
    table = matches.meet_standings(congress_db, meet.number)
    points = {r.unit: r.points for r in table.rows}
    # 1st 9; 乙 and 丙 share 2nd and 3rd: (7+6)/2 = 6.5 each; 丁 is 4th: 5
    assert points == {"一车间": Fraction(14), "二车间": Fraction(13, 2), "三车间": Fraction(13, 2)}
    rows = [matches.meet_row_json(r, 2) for r in table.rows]
    assert rows[0] == {
        "rank": 1,
        "unit": "一车间",
        "points": "14.00",
        "firsts": 1,
        "seconds": 0,
        "places": [1, 0, 0, 1],
    }
    assert [r["rank"] for r in rows] == [1, 2, 2]
    assert verify_database(congress_db).ok


def test_knockout_places_count_and_medals(congress_db):
    contests.new_contest(congress_db, "拔河", judges=1, trim=0)
    contests.set_event(
        congress_db, "拔河", "拔河", matches=MatchFormat("knockout", best_of=3, game="tugofwar")
    )
    for unit in ("一车间", "二车间", "三车间", "四车间"):
        contests.add_entrant(congress_db, "拔河", unit, unit=unit, event="拔河")
    drawn = matches.draw(congress_db, "拔河", "拔河", rng=random.Random(1))
    for m in drawn:
        if m.round == 1:
            matches.record_result(congress_db, "拔河", m.number, games="1:0,1:0")
    info = contests.get_contest(congress_db, "拔河")
    with congress_db.read() as conn:
        final = next(m for m in matches.matches_of(conn, info) if m.round == 2)
    matches.record_result(congress_db, "拔河", final.number, games="1:0,0:1,1:0")
    meet = matches.new_meet(congress_db, "趣味运动会", points="7,5,4,3,2,1")
    matches.add_to_meet(congress_db, meet.number, "拔河")
    table = matches.meet_standings(congress_db, meet.number)
    # no third-place match: the semi-final losers share 3rd and 4th, (4+3)/2 each
    assert sorted(r.points for r in table.rows) == [
        Fraction(7, 2),
        Fraction(7, 2),
        Fraction(5),
        Fraction(7),
    ]
    assert [(m.gold, m.silver, m.bronze) for m in table.medals][:1] == [(1, 0, 0)]
    assert verify_database(congress_db).ok


def test_record_doubles_the_place(congress_db):
    measured_event(congress_db, "跳绳", {"甲": ("一车间", "10"), "乙": ("二车间", "12")})
    meet = matches.new_meet(congress_db, "运动会", record="double")
    matches.add_to_meet(congress_db, meet.number, "跳绳")
    matches.mark_record(congress_db, meet.number, "跳绳", "甲", note="破厂纪录")
    points = {r.unit: r.points for r in matches.meet_standings(congress_db, meet.number).rows}
    assert points["一车间"] == 18
    assert verify_database(congress_db).ok


@pytest.mark.parametrize(
    ("points", "key"),
    [("", "match.no_points_table"), ("5,7,3", "match.points_rising"), ("9,-1", None)],
)
def test_bad_points_table_refused(congress_db, points, key):
    with pytest.raises(Refusal) as refused:
        matches.new_meet(congress_db, "运动会", points=points)
    if key:
        assert refused.value.key == key
    with congress_db.read() as conn:
        assert matches.list_meets(conn) == []


def test_record_without_rule_refused(congress_db):
    measured_event(congress_db, "跳绳", {"甲": ("一车间", "10")})
    meet = matches.new_meet(congress_db, "运动会")
    matches.add_to_meet(congress_db, meet.number, "跳绳")
    with pytest.raises(Refusal) as refused:
        matches.mark_record(congress_db, meet.number, "跳绳", "甲")
    assert refused.value.key == "meet.no_record_rule"


def test_a_knockout_half_played_gives_only_the_places_decided(congress_db):
    """Quarter-final losers are 5th before anyone is 1st: they share the points of places 5–8
    ((2+1+0+0)/4 under 7-5-4-3-2-1), and places 1–4 keep theirs for whoever wins them."""
    contests.new_contest(congress_db, "拔河", judges=1, trim=0)
    fmt = MatchFormat("knockout", best_of=1, game="points")
    contests.set_event(congress_db, "拔河", "拔河", matches=fmt)
    for i in range(8):
        contests.add_entrant(congress_db, "拔河", f"队{i}", unit=f"单位{i}", event="拔河")
    drawn = matches.draw(congress_db, "拔河", "拔河", rng=random.Random(5))
    for m in drawn:
        if m.round == 1:
            matches.record_result(congress_db, "拔河", m.number, games="1:0")
    meet = matches.new_meet(congress_db, "运动会", points="7,5,4,3,2,1")
    matches.add_to_meet(congress_db, meet.number, "拔河")
    rows = matches.meet_standings(congress_db, meet.number).rows
    assert len(rows) == 4 and {r.points for r in rows} == {Fraction(3, 4)}
    assert all(r.rank == 1 for r in rows)  # equal, and no first place among them
    assert all(r.places[:4] == (0, 0, 0, 0) and r.places[4] == 1 for r in rows)
