"""What a check-in desk feels: scan latency, start-up time, the core check-in and memory.

Run ``python bench/run.py [--roster 10000] [--scans 200] [--runs 3]``. The script builds its own
congress in a temporary folder (``models.demo.create_demo``: the generated CSV goes through the
real roster importer, then half the delegates are checked in by real signed scans), copies that
database afresh for every run and measures, each figure the median over the runs:

* ``scan_p50_ms`` / ``scan_p99_ms``: the real app driven by Pilot; a keyboard-wedge burst (every
  character of a signed badge, then Enter) posted to the scan field, timed until the result panel
  names that person; one scan at a time, each for a person not yet checked in;
* ``scan_vs_bare``: our p50 over the p50 of the same bursts into a bare Textual app (an Input that
  clears itself on Enter and a Label that shows the text): the floor of key handling;
* ``startup_s`` / ``startup_vs_textual``: from opening the database and building the app to the
  check-in screen showing the due count, against a bare app with a DataTable and an Input until
  mounted (both headless through ``run_test``);
* ``core_checkin_ms``: ``models.attendance.check_in`` per scan without any UI;
* ``rss_mb``: the peak resident memory of this process.

A human table is printed, then one JSON object as the last line.
"""

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import and_, select  # noqa: E402
from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.message import Message  # noqa: E402
from textual.widgets import DataTable, Input, Label  # noqa: E402
from textual.worker import WorkerCancelled  # noqa: E402

from models import badge_code  # noqa: E402
from models.attendance import T_CHECKIN, T_LEAVE, check_in  # noqa: E402
from models.congress import T_PERSON, VOTING, congress_secret, require_congress  # noqa: E402
from models.db import open_database  # noqa: E402
from models.demo import create_demo  # noqa: E402
from tui.app import make_app  # noqa: E402
from tui.widgets import ResultPanel, ScanInput  # noqa: E402

SIZE = (120, 40)
CORE_SCANS = 1000
STATION = "bench"
TIMEOUT_S = 30.0


# ---------------------------------------------------------------------------------------- data


def delegates_for(roster: int) -> int:
    """The demo's delegate count whose whole roster (with attendees, guests, staff) is closest."""

    def total(delegates: int) -> int:
        return (
            delegates + max(2, delegates // 15) + max(1, delegates // 40) + max(1, delegates // 50)
        )

    best = max(1, roster * 100 // 110)
    for candidate in range(max(1, best - 200), roster + 1):
        if abs(total(candidate) - roster) < abs(total(best) - roster):
            best = candidate
    return best


def build_template(folder: Path, roster: int) -> tuple[Path, int, float]:
    """The demo congress on SQLite; (path, people in the roster, seconds it took)."""
    path = folder / "template.db"
    started = time.perf_counter()
    db = open_database(path)
    try:
        create_demo(db, delegates=delegates_for(roster), votes=False)
        with db.read() as conn:
            congress = require_congress(conn)
            people = conn.execute(
                select(T_PERSON.c.id).where(T_PERSON.c.congress_id == congress.id)
            ).all()
    finally:
        db.dispose()  # the last connection closed checkpoints the WAL into the file
    return path, len(people), time.perf_counter() - started


def fresh_copy(template: Path, folder: Path, name: str) -> Path:
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{template}{suffix}")
        if source.exists():
            shutil.copyfile(source, f"{target}{suffix}")
    return target


def waiting_people(path: Path, seed: int) -> list[tuple[str, str]]:
    """(signed badge text, name) of every voting delegate neither checked in nor on leave."""
    db = open_database(path)
    try:
        with db.read() as conn:
            congress = require_congress(conn)
            secret = congress_secret(conn, congress.id)
            sitting_id = congress.current_sitting_id
            rows = conn.execute(
                select(T_PERSON.c.code, T_PERSON.c.name)
                .select_from(
                    T_PERSON.outerjoin(
                        T_CHECKIN,
                        and_(
                            T_CHECKIN.c.person_id == T_PERSON.c.id,
                            T_CHECKIN.c.sitting_id == sitting_id,
                        ),
                    ).outerjoin(
                        T_LEAVE,
                        and_(
                            T_LEAVE.c.person_id == T_PERSON.c.id,
                            T_LEAVE.c.sitting_id == sitting_id,
                        ),
                    )
                )
                .where(
                    T_PERSON.c.congress_id == congress.id,
                    T_PERSON.c.category == VOTING,
                    T_CHECKIN.c.id.is_(None),
                    T_LEAVE.c.id.is_(None),
                )
                .order_by(T_PERSON.c.id)
            ).all()
    finally:
        db.dispose()
    people = [(badge_code.badge_text(secret, congress.uid, code), name) for code, name in rows]
    random.Random(seed).shuffle(people)
    return people


# ---------------------------------------------------------------------------------------- timing


def percentile(values: list[float], share: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def post_burst(widget, text: str) -> None:
    """A keyboard-wedge scanner: every key of the badge queued at once, then Enter."""
    for char in text:
        widget.post_message(events.Key(char, char))
    widget.post_message(events.Key("enter", "\r"))


async def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Spin the event loop (no fixed sleeps) until ``condition`` holds."""
    deadline = time.perf_counter() + TIMEOUT_S
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0)


async def settle_workers(app: App) -> None:
    """Let the figures workers finish (an exclusive one replaced by a newer one is cancelled)."""
    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


def panel_names(panel: ResultPanel, name: str) -> bool:
    detail = getattr(panel, "detail", "") or ""
    return detail.split(" · ", 1)[0] == name


def due_shown(app: App) -> bool:
    try:
        return app.screen.query_one("#due").value != "0"
    except Exception:  # the check-in screen is not there yet
        return False


# ---------------------------------------------------------------------------------------- apps


class BareInput(Input):
    """The floor: an Input that takes its value and clears itself on Enter."""

    class Done(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            text = self.value
            self.value = ""
            self.post_message(self.Done(text))
            return
        await super()._on_key(event)


class BareScanApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.shown = ""

    def compose(self) -> ComposeResult:
        yield BareInput(id="scan")
        yield Label("", id="shown")

    def on_mount(self) -> None:
        self.query_one(BareInput).focus()

    def on_bare_input_done(self, message: BareInput.Done) -> None:
        self.query_one("#shown", Label).update(message.text)
        self.shown = message.text


class BareStartupApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.mounted = False

    def compose(self) -> ComposeResult:
        yield DataTable()
        yield Input()

    def on_mount(self) -> None:
        self.mounted = True


# ---------------------------------------------------------------------------------------- measures


async def scans_ours(path: Path, people: list[tuple[str, str]]) -> list[float]:
    app = make_app(database=open_database(path), lang="zh", station=STATION)
    samples: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: due_shown(app), "the check-in screen")
        await settle_workers(app)
        await pilot.pause()
        scan = app.screen.query_one(ScanInput)
        panel = app.screen.query_one(ResultPanel)
        for text, name in people:
            started = time.perf_counter()
            post_burst(scan, text)
            await wait_until(
                lambda name=name: panel_names(panel, name), f"the panel to show {name}"
            )
            samples.append(time.perf_counter() - started)
        await settle_workers(app)
    return samples


async def scans_bare(people: list[tuple[str, str]]) -> list[float]:
    app = BareScanApp()
    samples: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        scan = app.query_one(BareInput)
        for text, _name in people:
            started = time.perf_counter()
            post_burst(scan, text)
            await wait_until(lambda text=text: app.shown == text, "the bare label")
            samples.append(time.perf_counter() - started)
    return samples


async def startup_ours(path: Path) -> float:
    started = time.perf_counter()
    app = make_app(database=open_database(path), lang="zh", station=STATION)
    async with app.run_test(size=SIZE):
        await wait_until(lambda: due_shown(app), "the due count")
        elapsed = time.perf_counter() - started
        await settle_workers(app)
    return elapsed


async def startup_bare() -> float:
    started = time.perf_counter()
    app = BareStartupApp()
    async with app.run_test(size=SIZE):
        await wait_until(lambda: app.mounted, "the bare app to mount")
        elapsed = time.perf_counter() - started
    return elapsed


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


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process in MiB, or None where it cannot be read."""
    try:
        import resource
    except ImportError:  # Windows
        return _windows_peak_rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _windows_peak_rss_mb() -> float | None:
    try:
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [
                ("cb", wintypes.DWORD),
                ("PageFaultCount", wintypes.DWORD),
                ("PeakWorkingSetSize", ctypes.c_size_t),
                ("WorkingSetSize", ctypes.c_size_t),
                ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
                ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                ("PagefileUsage", ctypes.c_size_t),
                ("PeakPagefileUsage", ctypes.c_size_t),
            ]

        counters = Counters()
        counters.cb = ctypes.sizeof(Counters)
        process = ctypes.windll.kernel32.GetCurrentProcess()
        if not ctypes.windll.psapi.GetProcessMemoryInfo(
            process, ctypes.byref(counters), counters.cb
        ):
            return None
        return counters.PeakWorkingSetSize / (1024 * 1024)
    except Exception:
        return None


# ---------------------------------------------------------------------------------------- main


def median(values: list[float]) -> float:
    return statistics.median(values)


def run(args: argparse.Namespace) -> dict:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="huiwu-bench-") as tmp:
        folder = Path(tmp)
        template, people_count, build_s = build_template(folder, args.roster)
        people = waiting_people(template, seed=2026)
        if len(people) < args.scans:
            raise SystemExit(
                f"only {len(people)} people are waiting for {args.scans} scans: "
                "use a larger --roster or fewer --scans"
            )
        ui_people = people[: args.scans]
        core_people = people[:CORE_SCANS]  # on a copy of their own, so they may overlap
        print(
            f"built {people_count} people ({len(people)} waiting) in {build_s:.1f}s; "
            f"{args.runs} runs of {args.scans} scans …",
            file=sys.stderr,
        )

        per_run: dict[str, list[float]] = {
            key: []
            for key in (
                "scan_p50_ms",
                "scan_p99_ms",
                "bare_p50_ms",
                "bare_p99_ms",
                "startup_s",
                "bare_startup_s",
                "core_checkin_ms",
                "core_p99_ms",
            )
        }
        for index in range(args.runs):
            path = fresh_copy(template, folder, f"run{index}.db")
            per_run["bare_startup_s"].append(asyncio.run(startup_bare()))
            per_run["startup_s"].append(asyncio.run(startup_ours(path)))
            ours = asyncio.run(scans_ours(path, ui_people))
            bare = asyncio.run(scans_bare(ui_people))
            per_run["scan_p50_ms"].append(percentile(ours, 0.5) * 1000)
            per_run["scan_p99_ms"].append(percentile(ours, 0.99) * 1000)
            per_run["bare_p50_ms"].append(percentile(bare, 0.5) * 1000)
            per_run["bare_p99_ms"].append(percentile(bare, 0.99) * 1000)
            core = core_checkins(fresh_copy(template, folder, f"core{index}.db"), core_people)
            per_run["core_checkin_ms"].append(statistics.median(core) * 1000)
            per_run["core_p99_ms"].append(percentile(core, 0.99) * 1000)
            print(
                f"run {index + 1}: scan p50 {per_run['scan_p50_ms'][-1]:.1f} ms, "
                f"bare p50 {per_run['bare_p50_ms'][-1]:.1f} ms, "
                f"startup {per_run['startup_s'][-1]:.2f} s, "
                f"core {per_run['core_checkin_ms'][-1]:.2f} ms",
                file=sys.stderr,
            )

    figures = {key: median(values) for key, values in per_run.items()}
    rss = peak_rss_mb()
    return {
        "scan_p50_ms": round(figures["scan_p50_ms"], 2),
        "scan_p99_ms": round(figures["scan_p99_ms"], 2),
        "scan_vs_bare": round(figures["scan_p50_ms"] / figures["bare_p50_ms"], 2),
        "startup_s": round(figures["startup_s"], 3),
        "startup_vs_textual": round(figures["startup_s"] / figures["bare_startup_s"], 2),
        "core_checkin_ms": round(figures["core_checkin_ms"], 3),
        "rss_mb": round(rss, 1) if rss is not None else None,
        "roster": people_count,
        "scans": args.scans,
        "runs": args.runs,
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        },
        "_detail": {
            "bare_p50_ms": round(figures["bare_p50_ms"], 2),
            "bare_p99_ms": round(figures["bare_p99_ms"], 2),
            "bare_startup_s": round(figures["bare_startup_s"], 3),
            "core_p99_ms": round(figures["core_p99_ms"], 3),
            "core_scans": len(core_people),
            "build_s": round(build_s, 1),
            "total_s": round(time.perf_counter() - started, 1),
        },
    }


def table(result: dict) -> str:
    detail = result["_detail"]
    rss = f"{result['rss_mb']:.1f} MiB" if result["rss_mb"] is not None else "n/a"
    rows = [
        ("scan p50 (real app, Pilot)", f"{result['scan_p50_ms']:.2f} ms"),
        ("scan p99 (real app, Pilot)", f"{result['scan_p99_ms']:.2f} ms"),
        (
            "scan p50 / p99 (bare Input)",
            f"{detail['bare_p50_ms']:.2f} / {detail['bare_p99_ms']:.2f} ms",
        ),
        ("scan vs bare (p50 ratio)", f"{result['scan_vs_bare']:.2f}×"),
        ("startup to due count", f"{result['startup_s']:.3f} s"),
        ("bare Textual startup", f"{detail['bare_startup_s']:.3f} s"),
        ("startup vs Textual", f"{result['startup_vs_textual']:.2f}×"),
        ("core check_in median", f"{result['core_checkin_ms']:.3f} ms"),
        ("core check_in p99", f"{detail['core_p99_ms']:.3f} ms"),
        ("peak RSS", rss),
    ]
    machine = result["machine"]
    width = max(len(label) for label, _ in rows)
    lines = [
        f"huiwu check-in bench: roster {result['roster']}, {result['scans']} scans, "
        f"median of {result['runs']} runs",
        f"{machine['platform']}, {machine['cpus']} CPUs, Python {machine['python']}",
        "",
        *(f"  {label:<{width}}  {value:>16}" for label, value in rows),
        "",
        f"  (demo built in {detail['build_s']:.1f} s, whole bench {detail['total_s']:.1f} s)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roster", type=int, default=10_000, help="people in the roster")
    parser.add_argument("--scans", type=int, default=200, help="UI scans per run")
    parser.add_argument("--runs", type=int, default=3, help="runs; each figure is their median")
    args = parser.parse_args(argv)
    if args.roster < 1 or args.scans < 1 or args.runs < 1:
        parser.error("--roster, --scans and --runs must be positive")
    result = run(args)
    print(table(result))
    detail = result.pop("_detail")
    print(json.dumps({**result, "detail": detail}, ensure_ascii=False))


if __name__ == "__main__":
    main()
