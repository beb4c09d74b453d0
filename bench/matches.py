"""The draw of a match event and a sports meet's team points (issue 22's targets):
``python bench/matches.py [--runs 20] [--units 40] [--events 30] [--standings-runs 20]``.

In a temporary SQLite file (the real services, every write a committed transaction with its
audit event) the script measures:

* ``knockout128_draw_ms``: ``models.matches.draw`` of a 128-side knockout — the entrants read,
  the seeds and units placed, 127 matches stored and logged — once per run, each run on a
  contest of its own (a contest is drawn once); target ≤ 50 ms;
* ``roundrobin16_draw_ms``: the same for a 16-side round robin in one group (120 matches, 15
  rounds, courts assigned); target ≤ 50 ms;
* ``knockout128_rule_ms`` / ``roundrobin16_rule_ms``: the pure rules alone
  (``knockout_draw`` + ``bracket_matches``, ``round_robin``), what the draw costs before SQL;
* ``meet_standings_s``: ``models.matches.meet_standings`` of a meet of ``--events`` events (a
  third judged by three judges, a third measured, a third match events: knockouts of 16 and
  round robins of 6, all played) with ``--units`` units; target ≤ 0.2 s.

Medians and maxima of the runs; a human table, then one JSON object as the last line.
``--profile`` prints where the meet's standings spend their time (cProfile, top 15).
"""

import argparse
import cProfile
import json
import platform
import pstats
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import private_folders  # noqa: E402, F401 - huiwu's data and export folders: temporary ones

from models import contests, matches, scores  # noqa: E402
from models.congress import create_congress  # noqa: E402
from models.contests.match_format import MatchFormat  # noqa: E402
from models.db import open_database  # noqa: E402
from models.rules.bracket import Side, bracket_matches, knockout_draw  # noqa: E402
from models.rules.matches import round_robin  # noqa: E402
from models.rules.scoring import LOWER, MEASURED, Stage  # noqa: E402

KNOCKOUT = MatchFormat("knockout", best_of=1, game="points", third_place=True)
ROUND_ROBIN = MatchFormat("roundrobin", best_of=1, game="points", courts=4)


def ms(seconds: float) -> float:
    return seconds * 1000


def summary(values: list[float], digits: int = 2) -> dict:
    return {"median": round(statistics.median(values), digits), "max": round(max(values), digits)}


# --- the draw ------------------------------------------------------------------------------------


def draw_contest(db, title: str, fmt: MatchFormat, sides: int) -> None:
    contests.new_contest(db, title, judges=1, trim=0)
    contests.set_event(db, title, "比赛", matches=fmt)
    rows = [
        {"name": f"选手{i:03d}", "unit": f"{i % 40 + 1}分会", "event": "比赛"}
        | ({"seed": i + 1} if fmt is KNOCKOUT and i < 8 else {})
        for i in range(sides)
    ]
    contests.add_entrants(db, title, rows)


def time_draws(db, prefix: str, fmt: MatchFormat, sides: int, runs: int) -> list[float]:
    titles = [f"{prefix}{run + 1}" for run in range(runs)]
    for title in titles:
        draw_contest(db, title, fmt, sides)
    rng = random.Random(2026)
    timings = []
    for title in titles:
        start = time.perf_counter()
        drawn = matches.draw(db, title, "比赛", rng=rng)
        timings.append(ms(time.perf_counter() - start))
        assert len(drawn) >= sides - 1
    return timings


def time_rules(runs: int) -> tuple[list[float], list[float]]:
    rng = random.Random(7)
    sides = [Side(i, f"{i % 40}", i + 1 if i < 8 else None) for i in range(128)]
    knockout, robin = [], []
    for _ in range(runs):
        start = time.perf_counter()
        bracket_matches(knockout_draw(sides, rng), True)
        knockout.append(ms(time.perf_counter() - start))
        start = time.perf_counter()
        round_robin(list(range(16)))
        robin.append(ms(time.perf_counter() - start))
    return knockout, robin


# --- the meet ------------------------------------------------------------------------------------


def judged_events(db, title: str, events: int, units: int, rng) -> None:
    contests.new_contest(db, title, judges=3, trim=0)
    for e in range(events):
        name = f"技能{e + 1}"
        contests.set_event(db, title, name)
        rows = [
            {"name": f"{name}选手{u}", "unit": f"{u}分会", "event": name}
            for u in range(1, units + 1)
        ]
        for entrant in contests.add_entrants(db, title, rows):
            for judge in (1, 2, 3):
                scores.record_mark(
                    db, title, entrant.number, judge, f"{rng.randint(600, 990) / 10}"
                )


def measured_events(db, title: str, events: int, units: int, rng) -> None:
    stage = Stage(name="", weight=Decimal(100), kind=MEASURED, unit="秒", better=LOWER)
    contests.new_contest(db, title, judges=1, trim=0)
    for e in range(events):
        name = f"跑{e + 1}"
        contests.set_event(db, title, name, stages=[stage])
        rows = [
            {"name": f"{name}选手{u}", "unit": f"{u}分会", "event": name}
            for u in range(1, units + 1)
        ]
        for entrant in contests.add_entrants(db, title, rows):
            scores.record_mark(db, title, entrant.number, 0, f"{rng.randint(1100, 1600) / 100:.2f}")


def match_events(db, title: str, events: int, units: int, rng) -> None:
    contests.new_contest(db, title, judges=1, trim=0)
    for e in range(events):
        name = f"对抗{e + 1}"
        fmt, size = (KNOCKOUT, 16) if e % 2 == 0 else (ROUND_ROBIN, 6)
        contests.set_event(db, title, name, matches=fmt)
        first = e * size % units
        rows = [
            {"name": f"{name}队{i}", "unit": f"{(first + i) % units + 1}分会", "event": name}
            for i in range(size)
        ]
        contests.add_entrants(db, title, rows)
        matches.draw(db, title, name, rng=rng)
    play_everything(db, title, rng)


def play_everything(db, title: str, rng) -> None:
    info = contests.get_contest(db, title)
    while True:
        with db.read() as conn:
            ready = [m for m in matches.matches_of(conn, info) if m.playable and not m.decided]
        if not ready:
            return
        for m in ready:
            games = rng.choice(["3:1", "1:3", "5:2", "2:5"])
            matches.record_result(db, title, m.number, games=games)


def build_meet(db, events: int, units: int) -> int:
    rng = random.Random(22)
    judged = events // 3
    measured = events // 3
    played = events - judged - measured
    judged_events(db, "技能比武", judged, units, rng)
    measured_events(db, "田径", measured, units, rng)
    match_events(db, "球类", played, units, rng)
    meet = matches.new_meet(db, "职工运动会")
    for title in ("技能比武", "田径", "球类"):
        matches.add_to_meet(db, meet.number, title)
    return meet.number


def time_meet(db, meet: int, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        table = matches.meet_standings(db, meet)
        timings.append(time.perf_counter() - start)
    assert not table.pending, table.pending
    return timings


def profile_meet(db, meet: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    matches.meet_standings(db, meet)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--events", type=int, default=30)
    parser.add_argument("--standings-runs", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.db")
        create_congress(db, "基准测试大会")
        knockout = time_draws(db, "淘汰赛", KNOCKOUT, 128, args.runs)
        robin = time_draws(db, "循环赛", ROUND_ROBIN, 16, args.runs)
        knockout_rule, robin_rule = time_rules(args.runs)
        start = time.perf_counter()
        meet = build_meet(db, args.events, args.units)
        built = time.perf_counter() - start
        standings = time_meet(db, meet, args.standings_runs)
        if args.profile:
            profile_meet(db, meet)
        db.dispose()
    result = {
        "runs": args.runs,
        "knockout128_draw_ms": summary(knockout),
        "roundrobin16_draw_ms": summary(robin),
        "knockout128_rule_ms": summary(knockout_rule, 3),
        "roundrobin16_rule_ms": summary(robin_rule, 3),
        "meet_events": args.events,
        "meet_units": args.units,
        "meet_build_s": round(built, 1),
        "meet_standings_s": summary(standings, 3),
        "python": platform.python_version(),
    }
    print(f"draw, {args.runs} runs each (median / max):")
    for label, key in (
        ("128-side knockout", "knockout128"),
        ("16-side round robin", "roundrobin16"),
    ):
        d, r = result[f"{key}_draw_ms"], result[f"{key}_rule_ms"]
        print(
            f"  {label:20} {d['median']:7.2f} / {d['max']:7.2f} ms   (the rule alone {r['median']:.3f} / {r['max']:.3f} ms)"
        )
    s = result["meet_standings_s"]
    print(
        f"meet standings, {args.events} events × {args.units} units: {s['median']:.3f} / {s['max']:.3f} s"
    )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
