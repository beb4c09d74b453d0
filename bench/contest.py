"""What the scoring desk feels in a large contest: one judge's mark, and the standings after it.

Run ``python bench/contest.py [--entrants 300] [--judges 7] [--runs 5]``. The script builds a
contest in a temporary SQLite file, scores every entrant through ``models.scores.record_mark``
(each mark one committed transaction with its audit event, as the scoring screen does), and
measures:

* ``mark_p50_ms`` / ``mark_p99_ms``: ``record_mark`` per mark, including the refreshed score card
  it returns (what the screen shows the moment a mark lands);
* ``standings_s``: ``models.scores.standings`` — every mark read and every entrant ranked with
  awards — median over the runs (the leaderboard worker's work after each mark).

A human table is printed, then one JSON object as the last line.
"""

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import private_folders  # noqa: E402, F401 - huiwu's data and export folders: temporary ones

from models import contests, scores  # noqa: E402
from models.congress import create_congress  # noqa: E402
from models.db import open_database  # noqa: E402


def build(folder: Path, entrants: int, judges: int):
    folder.mkdir(parents=True, exist_ok=True)  # an explicit database path's folder must exist
    db = open_database(folder / "bench.db")
    create_congress(db, "基准测试大会")
    contests.new_contest(
        db, "技能大赛", judges=judges, trim=1, awards="一等奖:10%,二等奖:20%,三等奖:30%"
    )
    contests.add_entrants(
        db, 1, [{"name": f"选手{i:04d}", "unit": f"{i % 12 + 1}车间"} for i in range(entrants)]
    )
    return db


def score_everyone(db, entrants: int, judges: int, rng: random.Random) -> list[float]:
    timings = []
    for number in range(1, entrants + 1):
        level = rng.randint(700, 990)
        for judge in range(1, judges + 1):
            mark = min(1000, max(0, level + rng.randint(-30, 30))) / 10
            start = time.perf_counter()
            scores.record_mark(db, 1, number, judge, f"{mark:.1f}")
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entrants", type=int, default=300)
    parser.add_argument("--judges", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = build(Path(folder), args.entrants, args.judges)
        timings = score_everyone(db, args.entrants, args.judges, random.Random(2026))
        runs = []
        for _ in range(args.runs):
            start = time.perf_counter()
            table = scores.standings(db, 1)
            runs.append(time.perf_counter() - start)
        assert sum(r.rank is not None for r in table.rows) == args.entrants
        db.dispose()
    result = {
        "entrants": args.entrants,
        "judges": args.judges,
        "marks": len(timings),
        "mark_p50_ms": round(statistics.median(timings), 2),
        "mark_p99_ms": round(percentile(timings, 0.99), 2),
        "standings_s": round(statistics.median(runs), 3),
        "python": platform.python_version(),
    }
    print(f"contest: {args.entrants} entrants × {args.judges} judges = {len(timings)} marks")
    print(
        f"  record_mark   p50 {result['mark_p50_ms']:.2f} ms   p99 {result['mark_p99_ms']:.2f} ms"
    )
    print(f"  standings     {result['standings_s']:.3f} s (median of {args.runs})")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
