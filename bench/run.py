"""What a desk feels, against what the machine can do at best, as ratios measured in one run.

Run ``python bench/run.py [--roster 10000] [--scans 200] [--runs 5]``. The script builds its own
data in a temporary folder (``models.demo.create_demo``: the generated CSV goes through the real
roster importer, then half the delegates are checked in by real signed scans; a 50,000-row roster
CSV; an election with 5,000 keyed ballots × 30 candidates), copies the database afresh for every
run and measures, each figure the median over the runs:

* ``scan_p50_ms`` / ``scan_p99_ms``: the real app driven by Pilot; a keyboard-wedge burst (every
  character of a signed badge, then Enter) posted to the scan field, timed until the result panel
  names that person; one scan at a time, each for a person not yet checked in;
* ``scan_vs_bare``: our p50 over the p50 of the same bursts into a bare Textual app (an Input that
  clears itself on Enter and a Label that shows the text): the floor of key handling;
* ``startup_s`` / ``startup_vs_textual``: a fresh process, as ``huiwu`` is launched, from its
  start to the end of the first refresh of the check-in screen on the 10k roster
  (``bench/first_frame.py``), against the same for a bare Textual app holding a DataTable and an
  Input; ``figures_s`` (detail) is the in-process time from building the app to the due count shown;
* ``core_checkin_ms`` / ``core_checkin_vs_sqlite``: ``models.attendance.check_in`` per scan without
  any UI, against plain ``sqlite3`` doing the same work with the same pragmas
  (``bench/core_floor.py``);
* ``import_50k_csv_s``: ``huiwu roster import`` of a 50,000-row CSV into an empty congress;
* ``tally_5k_ballots_s``: ``election_outcome`` of 5,000 keyed ballots × 30 candidates;
* ``rss_10k_mb``: the peak resident memory of the TUI alone, in its own process, with the 10k roster
  loaded and 1,000 check-ins scanned through it (``bench/tui_memory.py``).

A human table is printed, then one JSON object as the last line.
"""

import argparse
import asyncio
import json
import os
import platform
import random
import statistics
import subprocess
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
from bench_data import build_template, delegates_for, fresh_copy, waiting_people  # noqa: E402
from core_floor import floor_checkins  # noqa: E402
from drive import STATION  # noqa: E402
from scan_bench import percentile, scans_bare, scans_ours, startup_ours  # noqa: E402

from models import elections  # noqa: E402
from models.attendance import check_in  # noqa: E402
from models.congress import create_congress  # noqa: E402
from models.db import open_database  # noqa: E402
from models.demo import _roster_rows, _write_csv  # noqa: E402
from models.roster import import_roster  # noqa: E402

CORE_SCANS = 1000
CSV_ROWS = 50_000
BALLOTS, CANDIDATES = 5_000, 30
MEMORY_SCANS = 1000


# ---------------------------------------------------------------------------------------- measures


def core_checkins(path: Path, people: list[tuple[str, str]]) -> list[float]:
    db = open_database(path)
    samples: list[float] = []
    try:
        for text, name in people:
            started = time.perf_counter()
            result = check_in(db, text, station=STATION, method="scan")
            samples.append(time.perf_counter() - started)
            if result.status != "ok":
                raise RuntimeError(f"core check-in of {name} answered {result.status}")
    finally:
        db.dispose()
    return samples


def launch_env() -> dict[str, str]:
    """The environment of a launch as on a staff laptop: Python keeps its compiled bytecode
    (__pycache__); a PYTHONDONTWRITEBYTECODE set where the bench runs would recompile every
    module of ours at every launch, and none of Textual's (installed already compiled)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def launch_to_first_frame(which: str, path: Path) -> tuple[float, float]:
    """Seconds from starting a fresh process to its first painted frame, and to the dashboard
    with the due count (bench/first_frame.py). The caller launches once before, unmeasured, so
    the bytecode caches exist, as from a staff laptop's second launch on."""
    script = str(BENCH / "first_frame.py")
    started = time.time()
    out = subprocess.run(
        [sys.executable, script, which, str(path), repr(started)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=launch_env(),
    ).stdout
    first, dashboard, _rss = out.split()
    return float(first), float(dashboard)


def tui_peak_rss_mb(path: Path, people: list[tuple[str, str]], folder: Path) -> float:
    """The TUI's own peak RSS after scanning ``people`` (bench/tui_memory.py); all must be ✔."""
    badges = folder / "memory_badges.txt"
    badges.write_text("".join(f"{text}\t{name}\n" for text, name in people), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(BENCH / "tui_memory.py"), str(path), str(badges)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    rss, ok = out.split()
    if int(ok) != len(people):
        raise RuntimeError(f"the memory run checked in {ok} of {len(people)}")
    return float(rss)


def build_csv(folder: Path) -> Path:
    """A 50,000-row roster CSV (UTF-8 with BOM), the demo's columns and names."""
    path = folder / "roster50k.csv"
    rows = _roster_rows(random.Random(50), delegates_for(CSV_ROWS))[:CSV_ROWS]
    _write_csv(rows, path)
    return path


def import_csv_s(csv_path: Path, folder: Path, name: str) -> float:
    """Seconds for the roster import of the whole CSV into a fresh, empty congress."""
    db = open_database(folder / name)
    try:
        create_congress(db, "五万人名册")
        started = time.perf_counter()
        report = import_roster(db, csv_path, operator="bench", station=STATION)
        elapsed = time.perf_counter() - started
    finally:
        db.dispose()
    if report.added != CSV_ROWS:
        raise RuntimeError(f"the import added {report.added} of {CSV_ROWS} rows")
    return elapsed


def build_election(folder: Path):
    """An election of 28 seats among 30 candidates with 5,000 ballots keyed (2% over-filled)."""
    from voting import build, random_ballot

    db, item = build(folder, BALLOTS, CANDIDATES)
    rng = random.Random(7)
    for _ in range(BALLOTS):
        elections.record_ballot(db, item.number, random_ballot(rng, CANDIDATES, CANDIDATES - 2))
    return db, item


def tally_s(db, item) -> float:
    started = time.perf_counter()
    outcome = elections.election_outcome(db, item.number)
    elapsed = time.perf_counter() - started
    if outcome.result.valid_ballots + outcome.result.void_ballots != BALLOTS:
        raise RuntimeError("the tally did not see every ballot")
    return elapsed


# ---------------------------------------------------------------------------------------- main


def median(values: list[float]) -> float:
    return statistics.median(values)


def run(args: argparse.Namespace) -> dict:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="huiwu-bench-") as tmp:
        folder = Path(tmp)
        template, people_count, build_s = build_template(folder, args.roster)
        people = waiting_people(template, seed=2026)
        if len(people) < max(args.scans, CORE_SCANS, MEMORY_SCANS):
            raise SystemExit(
                f"only {len(people)} people are waiting: use a larger --roster or fewer --scans"
            )
        ui_people = people[: args.scans]
        core_people = people[:CORE_SCANS]  # on copies of their own, so they may overlap
        csv_path = build_csv(folder)
        election_db, election = build_election(folder / "election")
        print(
            f"built {people_count} people ({len(people)} waiting), the 50k CSV and "
            f"{BALLOTS} ballots in {time.perf_counter() - started:.1f}s; {args.runs} runs …",
            file=sys.stderr,
        )
        per_run: dict[str, list[float]] = {}

        def keep(key: str, value: float) -> None:
            per_run.setdefault(key, []).append(value)

        launch_to_first_frame("ours", fresh_copy(template, folder, "s.db"))  # warm-up
        for index in range(args.runs):
            keep("bare_startup_s", launch_to_first_frame("bare", template)[0])
            first, dashboard = launch_to_first_frame("ours", fresh_copy(template, folder, "s.db"))
            keep("startup_s", first)
            keep("dashboard_s", dashboard)
            keep("figures_s", asyncio.run(startup_ours(fresh_copy(template, folder, "f.db"))))
            ours = asyncio.run(scans_ours(fresh_copy(template, folder, "ui.db"), ui_people))
            bare = asyncio.run(scans_bare(ui_people))
            keep("scan_p50_ms", percentile(ours, 0.5) * 1000)
            keep("scan_p99_ms", percentile(ours, 0.99) * 1000)
            keep("bare_p50_ms", percentile(bare, 0.5) * 1000)
            keep("bare_p99_ms", percentile(bare, 0.99) * 1000)
            core = core_checkins(fresh_copy(template, folder, "core.db"), core_people)
            texts = [text for text, _ in core_people]
            floor = floor_checkins(fresh_copy(template, folder, "floor.db"), texts, STATION)
            keep("core_checkin_ms", statistics.median(core) * 1000)
            keep("core_p99_ms", percentile(core, 0.99) * 1000)
            keep("floor_checkin_ms", statistics.median(floor) * 1000)
            keep("import_50k_csv_s", import_csv_s(csv_path, folder, f"import{index}.db"))
            keep("tally_5k_ballots_s", tally_s(election_db, election))
            memory_people = people[:MEMORY_SCANS]
            memory_db = fresh_copy(template, folder, "memory.db")
            keep("rss_10k_mb", tui_peak_rss_mb(memory_db, memory_people, folder))
            print(
                f"run {index + 1}: scan p50 {per_run['scan_p50_ms'][-1]:.1f} ms "
                f"(bare {per_run['bare_p50_ms'][-1]:.1f}), "
                f"first frame {per_run['startup_s'][-1]:.2f} s "
                f"(bare {per_run['bare_startup_s'][-1]:.2f}), "
                f"core {per_run['core_checkin_ms'][-1]:.3f} ms "
                f"(sqlite3 {per_run['floor_checkin_ms'][-1]:.3f}), "
                f"import {per_run['import_50k_csv_s'][-1]:.2f} s, "
                f"tally {per_run['tally_5k_ballots_s'][-1]:.3f} s, "
                f"rss {per_run['rss_10k_mb'][-1]:.0f} MiB",
                file=sys.stderr,
            )
        election_db.dispose()

    f = {key: median(values) for key, values in per_run.items()}
    return {
        "scan_p50_ms": round(f["scan_p50_ms"], 2),
        "scan_p99_ms": round(f["scan_p99_ms"], 2),
        "scan_vs_bare": round(f["scan_p50_ms"] / f["bare_p50_ms"], 2),
        "core_checkin_ms": round(f["core_checkin_ms"], 3),
        "core_checkin_vs_sqlite": round(f["core_checkin_ms"] / f["floor_checkin_ms"], 2),
        "startup_s": round(f["startup_s"], 3),
        "startup_vs_textual": round(f["startup_s"] / f["bare_startup_s"], 2),
        "import_50k_csv_s": round(f["import_50k_csv_s"], 2),
        "tally_5k_ballots_s": round(f["tally_5k_ballots_s"], 3),
        "rss_10k_mb": round(f["rss_10k_mb"], 1),
        "roster": people_count,
        "scans": args.scans,
        "runs": args.runs,
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        },
        "_detail": {
            "bare_p50_ms": round(f["bare_p50_ms"], 2),
            "bare_p99_ms": round(f["bare_p99_ms"], 2),
            "bare_startup_s": round(f["bare_startup_s"], 3),
            "figures_s": round(f["figures_s"], 3),
            "dashboard_s": round(f["dashboard_s"], 3),
            "core_p99_ms": round(f["core_p99_ms"], 3),
            "floor_checkin_ms": round(f["floor_checkin_ms"], 3),
            "core_scans": len(core_people),
            "build_s": round(build_s, 1),
            "total_s": round(time.perf_counter() - started, 1),
        },
    }


TARGETS = {  # the targets: (key, at most)
    "scan_p50_ms": 15.0,
    "scan_p99_ms": 50.0,
    "scan_vs_bare": 1.6,
    "core_checkin_vs_sqlite": 3.0,
    "startup_vs_textual": 1.5,
    "import_50k_csv_s": 3.0,
    "tally_5k_ballots_s": 0.5,
    "rss_10k_mb": 150.0,
}


def table(result: dict) -> str:
    d = result["_detail"]
    rows = [
        ("scan_p50_ms", f"{result['scan_p50_ms']:.2f} ms", "burst → result panel, real app"),
        ("scan_p99_ms", f"{result['scan_p99_ms']:.2f} ms", ""),
        (
            "scan_vs_bare",
            f"{result['scan_vs_bare']:.2f}×",
            f"bare Input+Label p50 {d['bare_p50_ms']:.2f} ms",
        ),
        ("core_checkin_ms", f"{result['core_checkin_ms']:.3f} ms", f"p99 {d['core_p99_ms']:.3f}"),
        (
            "core_checkin_vs_sqlite",
            f"{result['core_checkin_vs_sqlite']:.2f}×",
            f"plain sqlite3 {d['floor_checkin_ms']:.3f} ms",
        ),
        ("startup_s", f"{result['startup_s']:.3f} s", "launch → first frame"),
        (
            "startup_vs_textual",
            f"{result['startup_vs_textual']:.2f}×",
            f"bare DataTable+Input {d['bare_startup_s']:.3f} s",
        ),
        ("import_50k_csv_s", f"{result['import_50k_csv_s']:.2f} s", ""),
        ("tally_5k_ballots_s", f"{result['tally_5k_ballots_s']:.3f} s", "30 candidates"),
        ("rss_10k_mb", f"{result['rss_10k_mb']:.1f} MiB", "TUI process, 1,000 scans"),
    ]
    machine = result["machine"]
    lines = [
        f"huiwu bench: roster {result['roster']}, {result['scans']} scans, "
        f"median of {result['runs']} runs",
        f"{machine['platform']}, {machine['cpus']} CPUs, Python {machine['python']}",
        "",
        f"  {'figure':<24}{'measured':>14}  {'target':>8}  note",
    ]
    for key, value, note in rows:
        target = TARGETS.get(key)
        mark = "" if target is None else ("✔" if result[key] <= target else "✖")
        shown = "" if target is None else f"≤ {target:g}"
        lines.append(f"  {key:<24}{value:>14}  {shown:>8} {mark} {note}")
    lines += [
        "",
        f"  (launch to the dashboard with figures {d['dashboard_s']:.3f} s; in-process from "
        f"make_app to figures {d['figures_s']:.3f} s; data built in "
        f"{d['build_s']:.1f} s, whole bench {d['total_s']:.1f} s)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roster", type=int, default=10_000, help="people in the roster")
    parser.add_argument("--scans", type=int, default=200, help="UI scans per run")
    parser.add_argument("--runs", type=int, default=5, help="runs; each figure is their median")
    args = parser.parse_args(argv)
    if args.roster < 1 or args.scans < 1 or args.runs < 1:
        parser.error("--roster, --scans and --runs must be positive")
    result = run(args)
    print(table(result))
    detail = result.pop("_detail")
    print(json.dumps({**result, "detail": detail}, ensure_ascii=False))


if __name__ == "__main__":
    main()
