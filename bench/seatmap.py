"""How soon the projector's seat map page shows a check-in: ``python bench/seatmap.py [--checkins
30] [--rows 25 --seats 40] [--backends sqlite,postgresql]``.

The bench builds a congress with a full hall (default 25 rows × 40 seats: 1,000 delegates) in a
SQLite file (and on PostgreSQL: a throwaway *durable* server from tests.pgserver), serves ``huiwu display --seats --serve`` as the hall would, and opens the page in
headless Chromium (tests/chromium.py, as the browser test does). Then, one at a time, it checks
a random delegate in through ``models.attendance.check_in`` on a connection of its own (as a
desk in another process would) and reads that delegate's seat from xterm's buffer cells every
10 ms until its background is the map's green. The latency is from the check-in's commit (its
call returned) to the first read that shows green: the poll of the ChangeWatch (a quarter
second), the map's read, the repaint of the one cell, textual-serve's websocket and xterm's
drawing. Each delegate's surname is a character of its own so the seat is found by its text.

A line per backend is printed, then one JSON object as the last line.
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import aiohttp  # noqa: E402 - comes with textual-serve
import private_folders  # noqa: E402, F401 - huiwu's data and export folders: temporary ones

from models.attendance import check_in  # noqa: E402
from models.congress import create_congress, create_sitting  # noqa: E402
from models.db import open_database  # noqa: E402
from models.seats.assigning import assign_seats, set_hall_plan  # noqa: E402
from screens.seat_map import SEAT_POLL_SECONDS  # noqa: E402
from tests.chromium import (  # noqa: E402
    CHROMIUM,
    chromium_command,
    devtools,
    free_port,
    port_open,
    running,
    serve_command,
    until,
)
from tests.helpers import add_people  # noqa: E402
from tests.pgserver import PgServer  # noqa: E402
from tui.seat_grid import COLOURS  # noqa: E402

CONGRESS, SITTING = "座位图测试大会", "第一次全体会议"
# Words on the page beside the map: a surname must not be one of their characters.
TAKEN = set(CONGRESS + SITTING + "座位图在场离场未到请假空座主席台应到·/0123456789")
READ_EVERY = 0.01
STARTUP_SECONDS = 90


def surnames(count: int) -> list[str]:
    """``count`` distinct CJK characters (from 伐 on), none of the page's own words."""
    found, code = [], 0x4F10
    while len(found) < count:
        if chr(code) not in TAKEN:
            found.append(chr(code))
        code += 1
    return found


def build(url: str, rows: int, seats: int) -> list[tuple[str, str]]:
    """The congress, a full hall; (code, surname) of everyone."""
    db = open_database(url)
    create_congress(db, CONGRESS)
    create_sitting(db, SITTING)
    people = [(f"D{i:04d}", name + "某") for i, name in enumerate(surnames(rows * seats), 1)]
    delegation = [f"第{n}代表团" for n in range(1, 11)]
    add_people(
        db,
        [(code, name, delegation[i % 10], "delegate") for i, (code, name) in enumerate(people)],
    )
    set_hall_plan(db, rows, seats, aisles=(seats // 4, seats - seats // 4))
    assign_seats(db)
    db.dispose()
    return [(code, name[0]) for code, name in people]


async def measure(url: str, people, checkins: int, seed: int, work: Path) -> list[float]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("HUIWU_DB", "HUIWU_LANG")}
    green = COLOURS["in_hall"][1]
    deadline = time.monotonic() + STARTUP_SECONDS
    with running(serve_command(url, port, "--seats"), work / "serve.log", cwd=ROOT, env=env):
        await until(deadline, "the server", lambda: port_open(port))
        with running(chromium_command(work / "chromium"), work / "chromium.log"):
            async with (
                aiohttp.ClientSession() as http,
                devtools(http, work / "chromium", deadline) as page,
            ):
                await page.open(f"http://127.0.0.1:{port}/")
                await until(deadline, "the seat map", page.showing("在场 0"))
                db = open_database(url)
                latencies = []
                try:
                    for code, surname in random.Random(seed).sample(people, checkins):
                        await asyncio.sleep(random.uniform(0.2, 0.5))  # off the poll's beat
                        check_in(db, code, station="bench")
                        committed = time.monotonic()
                        while await page.background(surname) != green:
                            if time.monotonic() - committed > 10:
                                raise AssertionError(f"{code}'s seat never turned green")
                            await asyncio.sleep(READ_EVERY)
                        latencies.append(time.monotonic() - committed)
                finally:
                    db.dispose()
    return latencies


def figures(latencies: list[float]) -> dict:
    ms = sorted(round(value * 1000, 1) for value in latencies)
    return {
        "checkins": len(ms),
        "median_ms": round(statistics.median(ms), 1),
        "p90_ms": ms[max(0, int(len(ms) * 0.9) - 1)],
        "max_ms": ms[-1],
        "min_ms": ms[0],
    }


def run(backend: str, server: PgServer | None, args, work: Path) -> dict:
    url = server.new_database() if backend == "postgresql" else str(work / "hall.db")
    try:
        people = build(url, args.rows, args.seats)
        found = figures(asyncio.run(measure(url, people, args.checkins, args.seed, work)))
    finally:
        if backend == "postgresql":
            server.drop_database(url)
    print(f"{backend}: commit → seat green on the page over {found['checkins']} check-ins: "
          f"median {found['median_ms']} ms, p90 {found['p90_ms']} ms, "
          f"max {found['max_ms']} ms (min {found['min_ms']} ms)")  # fmt: skip
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkins", type=int, default=30)
    parser.add_argument("--rows", type=int, default=25)
    parser.add_argument("--seats", type=int, default=40, help="seats per row")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--backends", default="sqlite")
    args = parser.parse_args()
    if CHROMIUM is None:
        sys.exit("Chromium is not installed (scripts/test-deps.sh installs Debian's chromium)")
    backends = args.backends.split(",")
    server = PgServer(durable=True) if "postgresql" in backends else None
    print(f"seat map page, {args.rows * args.seats} seats, check-ins one at a time")
    result = {"seats": args.rows * args.seats, "poll_s": SEAT_POLL_SECONDS}
    try:
        if server:
            server.start()
        for backend in backends:
            with tempfile.TemporaryDirectory(prefix="huiwu-seatmap-") as folder:
                result[backend] = run(backend, server, args, Path(folder))
    finally:
        if server:
            server.stop()
    result["cores"] = os.cpu_count()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
