"""What a counting table feels: the election tally and the keying of one ballot.

Run ``python bench/voting.py [--ballots 5000] [--candidates 30] [--runs 5]``. The script builds a
congress in a temporary SQLite file (real roster import, real signed check-ins of every delegate),
creates an election with ``--candidates`` candidates for ``candidates - 2`` seats, and measures:

* ``tally_s``: ``models.elections.election_outcome`` — reading every ballot of the first entry
  from the database and counting them under RULES.md §3 — median over the runs (target ≤ 0.5 s
  for 5,000 ballots × 30 candidates);
* ``tally_pure_s``: the pure ``models.rules.election.tally`` on ballots already in memory;
* ``key_p50_ms`` / ``key_p99_ms``: ``models.elections.record_ballot`` per ballot (one committed
  transaction with its audit event) — what the ballot-keying screen's worker waits on, never the
  screen itself.

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
from sqlalchemy import select  # noqa: E402

from models import elections, voting  # noqa: E402
from models.attendance import check_in  # noqa: E402
from models.congress import T_PERSON, VOTING  # noqa: E402
from models.db import open_database  # noqa: E402
from models.demo import create_demo  # noqa: E402
from models.rules.election import Ballot, tally  # noqa: E402

MARKS = "oooox-"


def random_ballot(rng: random.Random, candidates: int, seats: int) -> Ballot:
    marks = "".join(rng.choice(MARKS) for _ in range(candidates))
    if rng.random() < 0.02:  # a few over-filled ballots, counted void
        marks = "o" * candidates
    return Ballot(0, marks)


def build(folder: Path, ballots: int, candidates: int):
    folder.mkdir(parents=True, exist_ok=True)  # an explicit database path's folder must exist
    db = open_database(folder / "bench.db")
    create_demo(db, delegates=ballots + ballots // 40 + 10, votes=False)  # some are on leave
    with db.read() as conn:
        codes = list(
            conn.execute(select(T_PERSON.c.code).where(T_PERSON.c.category == VOTING)).scalars()
        )
    for code in codes:
        check_in(db, code, station="bench", operator="bench")
    names = [f"候选人{i:02d}" for i in range(candidates)]
    item = elections.new_election(
        db, "基准选举", seats=candidates - 2, candidates=names, order="given", rate="5%"
    )
    voting.issue(db, item.number, ballots)
    return db, item


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=5000)
    parser.add_argument("--candidates", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        db, item = build(Path(tmp), args.ballots, args.candidates)
        seats = args.candidates - 2
        key_ms = []
        for _ in range(args.ballots):
            ballot = random_ballot(rng, args.candidates, seats)
            start = time.perf_counter()
            elections.record_ballot(db, item.number, ballot, operator="bench")
            key_ms.append((time.perf_counter() - start) * 1000)
        tally_s = []
        for _ in range(args.runs):
            start = time.perf_counter()
            outcome = elections.election_outcome(db, item.number)
            tally_s.append(time.perf_counter() - start)
        with db.read() as conn:
            ballots = elections.ballots_of(conn, item.id, 1)
        pure_s = []
        for _ in range(args.runs):
            start = time.perf_counter()
            tally(
                item.nominees,
                ballots,
                due=outcome.result.due,
                issued=args.ballots,
                settings=outcome.result.settings,
            )
            pure_s.append(time.perf_counter() - start)
        db.dispose()
    key_ms.sort()
    figures = {
        "ballots": args.ballots,
        "candidates": args.candidates,
        "valid_ballots": outcome.result.valid_ballots,
        "void_ballots": outcome.result.void_ballots,
        "tally_s": round(statistics.median(tally_s), 3),
        "tally_pure_s": round(statistics.median(pure_s), 3),
        "key_p50_ms": round(key_ms[len(key_ms) // 2], 2),
        "key_p99_ms": round(key_ms[int(len(key_ms) * 0.99)], 2),
        "python": platform.python_version(),
    }
    print(
        f"tally of {args.ballots} ballots × {args.candidates} candidates (db + count): {figures['tally_s']} s"
    )
    print(f"  pure count in memory: {figures['tally_pure_s']} s")
    print(f"keying one ballot: p50 {figures['key_p50_ms']} ms, p99 {figures['key_p99_ms']} ms")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
