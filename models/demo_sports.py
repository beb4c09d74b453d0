"""The demo's sports day: a table-tennis event in two groups of four (most matches played, the
rest for the match desk), a tug of war knockout of eight units with its first round played,
and a sports meet counting both (docs/使用手册.md 四.7–8)."""

import random

from models import contests, matches
from models.contests.match_format import MatchFormat
from models.db import Database

SPORTS_FROM = 16  # eight players and eight units to draw from
DEMO = {"operator": "demo", "station": "demo"}


def add_demo_sports(db: Database, rng: random.Random, delegates: list[dict]) -> None:
    _table_tennis(db, rng, delegates)
    _tug_of_war(db, rng, delegates)
    meet = matches.new_meet(db, "职工趣味运动会", points="7,5,4,3,2,1", **DEMO)
    for title in ("职工乒乓球赛", "拔河比赛"):
        matches.add_to_meet(db, meet.number, title, **DEMO)


def _table_tennis(db: Database, rng: random.Random, delegates: list[dict]) -> None:
    title = "职工乒乓球赛"
    contests.new_contest(db, title, judges=1, trim=0, **DEMO)
    fmt = MatchFormat(
        "roundrobin", groups=2, best_of=5, game="tabletennis", third_place=True, advance=2,
        courts=2,
    )  # fmt: skip
    contests.set_event(db, title, "男子单打", matches=fmt, **DEMO)
    picked = rng.sample(delegates, 8)
    entrants = [
        {
            "name": row["姓名"],
            "unit": row["单位"],
            "event": "男子单打",
            "seed": i if i <= 2 else None,
        }
        for i, row in enumerate(picked, start=1)
    ]
    contests.add_entrants(db, title, entrants, **DEMO)
    drawn = matches.draw(db, title, "男子单打", rng=rng, **DEMO)
    playable = [m for m in drawn if m.playable]
    for match in playable[:-2]:  # the last round's two matches are the desk's to type
        matches.record_result(db, title, match.number, games=_games(rng), **DEMO)


def _games(rng: random.Random) -> str:
    """A best-of-5 table-tennis match as a desk would type it: each game to 11 by two clear."""
    won, games = [0, 0], []
    while max(won) < 3:
        winner = rng.randint(0, 1)
        loser_points = rng.randint(3, 9)
        score = [loser_points, loser_points]
        score[winner] = 11
        games.append(f"{score[0]}:{score[1]}")
        won[winner] += 1
    return ",".join(games)


def _tug_of_war(db: Database, rng: random.Random, delegates: list[dict]) -> None:
    title = "拔河比赛"
    contests.new_contest(db, title, judges=1, trim=0, **DEMO)
    fmt = MatchFormat("knockout", best_of=3, game="tugofwar", third_place=True)
    contests.set_event(db, title, "拔河", matches=fmt, **DEMO)
    units = list(dict.fromkeys(row["单位"] for row in delegates))[:8]
    entrants = [{"name": f"{unit}队", "unit": unit, "event": "拔河"} for unit in units]
    contests.add_entrants(db, title, entrants, **DEMO)
    drawn = matches.draw(db, title, "拔河", rng=rng, **DEMO)
    for match in (m for m in drawn if m.round == 1 and m.playable):
        pulls = rng.choice(("1:0,1:0", "0:1,0:1", "1:0,0:1,1:0", "0:1,1:0,0:1"))
        matches.record_result(db, title, match.number, games=pulls, **DEMO)
