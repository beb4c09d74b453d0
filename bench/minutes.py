"""What the secretary waits for after the meeting: the minutes package and the self-check.

Run ``python bench/minutes.py [--delegates 300] [--runs 3]``. The script builds the demo congress
(``huiwu demo``: check-ins over two sittings, motions, two elections with every ballot keyed, an
appraisal, a contest, proposals) in a temporary SQLite file and measures, median over the runs:

* ``export_s``: ``export_minutes`` — one read transaction, the workbook, every PDF, the CSV copies,
  the JSON archive and SHA256SUMS, then the export event;
* ``verify_db_s``: ``verify_database`` — chain walk, log replay, roll hashes, every result
  recomputed in a scratch database, and the comparison with the last package;
* ``verify_archive_s``: ``verify_archive`` on the package's archive alone;
* ``archive_mb``: the archive's size.

A human table is printed, then one JSON object as the last line.
"""

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import private_folders  # noqa: E402, F401 - huiwu's data and export folders: temporary ones

from models.db import open_database  # noqa: E402
from models.demo import create_demo  # noqa: E402
from models.minutes import ARCHIVE, export_minutes  # noqa: E402
from models.verify import verify_archive, verify_database  # noqa: E402


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(folder / "bench.db")
        create_demo(db, delegates=args.delegates)
        exports, checks_db, checks_archive = [], [], []
        for run in range(args.runs):
            seconds, done = timed(lambda r=run: export_minutes(db, folder / f"out{r}"))
            exports.append(seconds)
            seconds, report = timed(lambda: verify_database(db))
            assert report.ok
            checks_db.append(seconds)
            archive = done.folder / ARCHIVE
            seconds, report = timed(lambda a=archive: verify_archive(a))
            assert report.ok
            checks_archive.append(seconds)
        size = archive.stat().st_size / 1e6
        files = len(done.files)
        db.dispose()
    figures = {
        "delegates": args.delegates,
        "files": files,
        "export_s": round(statistics.median(exports), 2),
        "verify_db_s": round(statistics.median(checks_db), 2),
        "verify_archive_s": round(statistics.median(checks_archive), 2),
        "archive_mb": round(size, 2),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(f"minutes package, demo congress of {args.delegates} delegates, {args.runs} runs")
    rows = (
        (f"export ({files} files)", figures["export_s"], "s"),
        ("verify the database", figures["verify_db_s"], "s"),
        ("verify the archive alone", figures["verify_archive_s"], "s"),
        ("archive size", figures["archive_mb"], "MB"),
    )
    for label, value, unit in rows:
        print(f"  {label:<26} {value:>6.2f} {unit}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
