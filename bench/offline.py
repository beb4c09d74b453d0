"""A desk without its server (issue 21, part 3): how fast it answers from its own copy, and how
fast its journal goes up when the server is back.

Run ``python bench/offline.py [--roster 10000] [--scans 1000] [--runs 3]``. The script starts a
throwaway PostgreSQL server (``tests.pgserver``, *durable*: fsync and synchronous commit on, as a
secretariat's server runs), builds the demo congress on it with ``--roster`` people, and for each
run in a fresh database:

* ``copy_s``: the desk's copy made from the server (``refresh_mirror``: people with their badge
  signatures, leave, check-ins), as the check-in screen does every half minute while online;
* ``offline_p50_ms`` / ``offline_p99_ms``: ``--scans`` signed badges of people not checked in,
  each decided and journaled on the copy (``offline_scan``, ``synchronous=FULL``: on disk before
  the answer), one at a time — what the desk shows while the server is gone;
* ``upload_s``: those journaled scans uploaded to the server (``upload_journal``), oldest first,
  each exactly once with its own time and its audit event.

Each figure is the median over the runs. A human table is printed, then one JSON object.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
for _folder in (ROOT, BENCH):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

import private_folders  # noqa: E402, F401 - huiwu's data and export folders: temporary ones
from bench_data import delegates_for  # noqa: E402
from scan_bench import percentile  # noqa: E402

from models import badge_code  # noqa: E402
from models.congress import congress_secret, require_congress  # noqa: E402
from models.db import open_database  # noqa: E402
from models.demo import create_demo  # noqa: E402
from models.offline.desk import offline_scan  # noqa: E402
from models.offline.mirror import refresh_mirror  # noqa: E402
from models.offline.upload import upload_journal  # noqa: E402
from tests.pgserver import PgServer  # noqa: E402

TARGETS = {"offline_p99_ms": 50.0, "upload_s": 5.0}


def waiting_badges(db, count: int) -> list[str]:
    """Signed badges of voting delegates neither checked in nor on leave."""
    from sqlalchemy import select

    from models.attendance import T_CHECKIN, T_LEAVE
    from models.congress import T_PERSON, VOTING

    with db.read() as conn:
        congress = require_congress(conn)
        secret = congress_secret(conn, congress.id)
        checked = select(T_CHECKIN.c.person_id)
        codes = conn.execute(
            select(T_PERSON.c.code)
            .where(
                T_PERSON.c.congress_id == congress.id,
                T_PERSON.c.category == VOTING,
                T_PERSON.c.id.not_in(checked),
                T_PERSON.c.id.not_in(select(T_LEAVE.c.person_id)),
            )
            .order_by(T_PERSON.c.id)
            .limit(count)
        ).scalars()
        return [badge_code.badge_text(secret, congress.uid, code) for code in codes]


def one_run(server: PgServer, roster: int, scans: int, folder: Path) -> dict:
    url = server.new_database()
    db = open_database(url)
    try:
        create_demo(db, delegates=delegates_for(roster), votes=False)
        badges = waiting_badges(db, scans)
        path = folder / f"desk-{os.getpid()}-{time.monotonic_ns()}.sqlite"
        started = time.perf_counter()
        refresh_mirror(db, path)
        copy_s = time.perf_counter() - started
        times = []
        for text in badges:
            started = time.perf_counter()
            result = offline_scan(path, text, station="东门", method="scan")
            times.append((time.perf_counter() - started) * 1000)
            assert result.status == "ok" and result.offline, result
        started = time.perf_counter()
        report = upload_journal(db, path)
        upload_s = time.perf_counter() - started
        assert report.uploaded == len(badges) and report.outcomes["stored"] == len(badges)
    finally:
        db.dispose()
    return {
        "copy_s": copy_s,
        "offline_p50_ms": percentile(times, 0.50),
        "offline_p99_ms": percentile(times, 0.99),
        "upload_s": upload_s,
        "scans": len(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roster", type=int, default=10_000)
    parser.add_argument("--scans", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    server = PgServer(durable=True)
    server.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            runs = [one_run(server, args.roster, args.scans, Path(tmp)) for _ in range(args.runs)]
    finally:
        server.stop()
    figures = {
        key: statistics.median(run[key] for run in runs) for key in runs[0] if key != "scans"
    }
    figures.update(roster=args.roster, scans=runs[0]["scans"], runs=args.runs, cpus=os.cpu_count())
    figures["python"] = platform.python_version()
    print(f"roster {args.roster}, {figures['scans']} offline scans, median of {args.runs} runs")
    for key in ("copy_s", "offline_p50_ms", "offline_p99_ms", "upload_s"):
        target = TARGETS.get(key)
        note = f"  (target ≤ {target})" if target else ""
        print(f"  {key:16} {figures[key]:8.3f}{note}")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
