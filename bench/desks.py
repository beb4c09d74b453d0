"""Several desks at once, and a desk killed mid-burst: throughput, latency, nothing lost.

Run ``python bench/desks.py [--badges 500] [--desks 1,2,4] [--runs 3] [--kills 3]``. The script
builds its own congress (``--badges`` delegates with signed badges) in a fresh database for every
run, on SQLite (a file in a temporary folder, ``synchronous=FULL`` as the app opens it) and on
PostgreSQL (a throwaway server from ``tests.pgserver`` started *durable*: fsync and synchronous
commit on, as a real secretariat server runs). Figures, each the median over ``--runs``:

* desks: N spawned processes, each opening the database itself, wait at one barrier, then each
  scans ALL badges (desk 1 forwards, desk 2 backwards, the others shuffled) through
  ``models.attendance.check_in``. ``wall_s`` from the barrier to the last desk's last scan,
  ``scans_per_s`` = N × badges / wall, ``p50_ms``/``p99_ms``/``max_ms`` the latency of one scan
  as the desk sees it (all desks' scans together, so under contention; a ⚠ writes nothing and is
  cheaper than a ✔), and the counts of ✔ and ⚠ (must be exactly badges and (N-1) × badges);
* crash: a desk scans in a shuffled order, reporting each ✔ to this process; it is killed with
  SIGKILL after 150, 275, 420… ✔. ``lost`` is the number of reported ✔ not in the database
  afterwards (must be 0); ``reopen_verify_s`` is opening the database again, SQLite's
  ``PRAGMA integrity_check``, the chain walk and ``verify_database`` (12 checks, log replay).

A human table is printed, then one JSON object as the last line.
"""

import argparse
import json
import multiprocessing
import os
import platform
import random
import signal
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

from models.attendance import T_CHECKIN, check_in  # noqa: E402
from models.audit import verify as verify_chain  # noqa: E402
from models.congress import T_PERSON, create_congress, create_sitting  # noqa: E402
from models.db import open_database  # noqa: E402
from models.verify import verify_database  # noqa: E402
from tests.helpers import add_people, badge, delegates  # noqa: E402
from tests.pgserver import PgServer  # noqa: E402
from tests.unit.test_concurrent_desks import desk_order  # noqa: E402 - the suite's scan orders

KILL_POINTS = (150, 275, 420, 80, 350)
TIMEOUT_S = 300


# ---------------------------------------------------------------------------------------- data


def build_congress(url: str, badges: int) -> list[str]:
    db = open_database(url)
    create_congress(db, "多台签到基准大会")
    create_sitting(db, "第一次全体会议")
    add_people(db, delegates(badges))
    texts = [badge(db, f"D{i:04d}") for i in range(1, badges + 1)]
    db.dispose()
    return texts


class Databases:
    """A fresh database per run: a new SQLite file, or a new database on the durable server."""

    def __init__(self, folder: Path, server: PgServer | None):
        self.folder = folder
        self.server = server
        self.made = 0

    def new(self, backend: str) -> str:
        self.made += 1
        if backend == "sqlite":
            return str(self.folder / f"run{self.made}.db")
        return self.server.new_database()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --------------------------------------------------------------------------------- the desks


def desk(url: str, texts: list[str], station: str, start, out) -> None:
    """One desk process: (start, end, [latency s], [status]) once every badge is scanned."""
    db = open_database(url)
    start.wait(timeout=TIMEOUT_S)
    began = time.time()  # comparable across processes, unlike perf_counter on some systems
    latencies, statuses = [], []
    for text in texts:
        before = time.perf_counter()
        statuses.append(check_in(db, text, station=station, method="scan").status)
        latencies.append(time.perf_counter() - before)
    out.put((began, time.time(), latencies, statuses))
    db.dispose()


def run_desks(url: str, texts: list[str], desks: int) -> dict:
    context = multiprocessing.get_context("spawn")
    start, out = context.Barrier(desks), context.Queue()
    processes = [
        context.Process(target=desk, args=(url, desk_order(texts, n), f"{n}号台", start, out))
        for n in range(1, desks + 1)
    ]
    for process in processes:
        process.start()
    results = [out.get(timeout=TIMEOUT_S) for _ in processes]
    for process in processes:
        process.join(timeout=TIMEOUT_S)
    wall = max(end for _, end, *_ in results) - min(began for began, *_ in results)
    latencies = [s * 1000 for _, _, desk_latencies, _ in results for s in desk_latencies]
    statuses = [status for *_, desk_statuses in results for status in desk_statuses]
    return {
        "wall_s": wall,
        "scans_per_s": len(statuses) / wall,
        "p50_ms": percentile(latencies, 0.50),
        "p99_ms": percentile(latencies, 0.99),
        "max_ms": max(latencies),
        "ok": statuses.count("ok"),
        "already": statuses.count("already"),
        "other": len(statuses) - statuses.count("ok") - statuses.count("already"),
    }


def desk_figures(databases: Databases, backend: str, desks: int, args) -> dict:
    runs = []
    for _ in range(args.runs):
        url = databases.new(backend)
        runs.append(run_desks(url, build_congress(url, args.badges), desks))
    figures = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    # The counts are not averaged away: every run must be exact.
    for key in ("ok", "already", "other"):
        figures[key] = sorted({run[key] for run in runs})
    return figures


# --------------------------------------------------------------------------------- the crash


def crash_desk(url: str, texts: list[str], seed: int, conn) -> None:
    """Scan in a shuffled order; send each code once check_in has returned ✔ (committed)."""
    db = open_database(url)
    order = list(texts)
    random.Random(seed).shuffle(order)
    for text in order:
        result = check_in(db, text, station="1号台", method="scan")
        if result.ok:
            conn.send(result.code)
    conn.send(None)


def stored_codes(url: str) -> set[str]:
    db = open_database(url)
    with db.read() as conn:
        codes = conn.execute(
            select(T_PERSON.c.code).select_from(
                T_CHECKIN.join(T_PERSON, T_CHECKIN.c.person_id == T_PERSON.c.id)
            )
        ).scalars()
        stored = set(codes)
    db.dispose()
    return stored


def reopen_and_verify(url: str) -> bool:
    db = open_database(url)
    ok = True
    if db.is_sqlite:
        with db.read() as conn:
            ok = conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    ok = ok and verify_chain(db).ok and verify_database(db).ok
    db.dispose()
    return ok


def crash_once(url: str, texts: list[str], seed: int, kill_after: int) -> dict:
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe(duplex=False)
    process = context.Process(target=crash_desk, args=(url, texts, seed, theirs))
    process.start()
    theirs.close()
    reported = []
    while len(reported) < kill_after:
        if not ours.poll(TIMEOUT_S):
            raise RuntimeError("the desk went silent")
        code = ours.recv()
        if code is None:
            raise RuntimeError("the desk finished before the kill point")
        reported.append(code)
    os.kill(process.pid, signal.SIGKILL)
    process.join(timeout=TIMEOUT_S)
    while ours.poll(0):  # ✔ already sent before the kill were shown: they count
        try:
            reported.append(ours.recv())
        except EOFError:
            break
    before = time.perf_counter()
    verified = reopen_and_verify(url)
    seconds = time.perf_counter() - before
    stored = stored_codes(url)
    return {
        "reported": len(reported),
        "stored": len(stored),
        "lost": len(set(reported) - stored),
        "verified": verified,
        "reopen_verify_s": seconds,
    }


def crash_figures(databases: Databases, backend: str, args) -> dict:
    runs = []
    for seed, kill_after in enumerate(KILL_POINTS[: args.kills], start=1):
        url = databases.new(backend)
        runs.append(crash_once(url, build_congress(url, args.badges), seed, kill_after))
    return {
        "kills": len(runs),
        "reported": [run["reported"] for run in runs],
        "lost": sum(run["lost"] for run in runs),
        "verified": all(run["verified"] for run in runs),
        "reopen_verify_s": statistics.median(run["reopen_verify_s"] for run in runs),
    }


# ---------------------------------------------------------------------------------- the table


def print_table(args, figures: dict) -> None:
    print(
        f"{args.badges} badges scanned by every desk, median of {args.runs} runs; "
        f"{os.cpu_count()} CPU cores, load {figures['load_1min']}"
    )
    print(
        f"  {'backend':<11}{'desks':>5} {'wall s':>7} {'scans/s':>8} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'max ms':>7} {'✔':>5} {'⚠':>6}"
    )
    for backend, by_desks in figures["desks"].items():
        for desks, row in by_desks.items():
            print(
                f"  {backend:<11}{desks:>5} {row['wall_s']:>7.2f} {row['scans_per_s']:>8.0f} "
                f"{row['p50_ms']:>7.1f} {row['p99_ms']:>7.1f} {row['max_ms']:>7.0f} "
                f"{'/'.join(map(str, row['ok'])):>5} {'/'.join(map(str, row['already'])):>6}"
            )
    print("crash: SIGKILL mid-burst")
    print(f"  {'backend':<11}{'kills':>5} {'reported ✔':>16} {'lost':>5} {'reopen+verify s':>16}")
    for backend, row in figures["crash"].items():
        reported = ",".join(map(str, row["reported"]))
        print(
            f"  {backend:<11}{row['kills']:>5} {reported:>16} {row['lost']:>5} "
            f"{row['reopen_verify_s']:>16.2f}{'' if row['verified'] else '  VERIFY FAILED'}"
        )


def rounded(value):
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {key: rounded(item) for key, item in value.items()}
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--badges", type=int, default=500)
    parser.add_argument("--desks", default="1,2,4")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kills", type=int, default=3, choices=range(1, len(KILL_POINTS) + 1))
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    backends = args.backends.split(",")
    desk_counts = [int(n) for n in args.desks.split(",")]
    server = PgServer(durable=True) if "postgresql" in backends else None
    figures = {"desks": {}, "crash": {}}
    with tempfile.TemporaryDirectory() as tmp:
        try:
            if server:
                server.start()
            databases = Databases(Path(tmp), server)
            for backend in backends:
                figures["desks"][backend] = {
                    n: desk_figures(databases, backend, n, args) for n in desk_counts
                }
                if hasattr(signal, "SIGKILL"):  # not on Windows
                    figures["crash"][backend] = crash_figures(databases, backend, args)
        finally:
            if server:
                server.stop()
    figures.update(
        badges=args.badges,
        runs=args.runs,
        cores=os.cpu_count(),
        # Other work on the machine skews every figure: the load when the runs ended says how much.
        load_1min=os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        python=platform.python_version(),
        machine=platform.machine(),
    )
    print_table(args, figures)
    print(json.dumps(rounded(figures), ensure_ascii=False))


if __name__ == "__main__":
    main()
