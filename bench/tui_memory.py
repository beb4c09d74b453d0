"""The TUI's peak memory at a desk: ``python bench/tui_memory.py DB BADGES_FILE``.

Run by ``bench/run.py`` as its own process so nothing of the benchmark's own data building is
counted: the real app (``make_app``) opens DB (the 10,000-person roster), shows the check-in
screen, then takes every badge of BADGES_FILE (one "text<TAB>name" per line) as a scanner burst
into the scan field, each until the result panel names that person. Prints the peak RSS in MiB and
the number of ✔.
"""

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import private_folders  # noqa: E402, F401 - huiwu's data and export folders: temporary ones
from drive import SIZE, STATION, due_shown, panel_names, post_burst, wait_until  # noqa: E402
from first_frame import peak_rss_mb  # noqa: E402

from models.db import open_database  # noqa: E402
from tui.app import make_app  # noqa: E402
from tui.widgets import ResultPanel, ScanInput  # noqa: E402


async def scan_all(db: str, people: list[tuple[str, str]]) -> int:
    app = make_app(database=open_database(db), lang="zh", station=STATION)
    ok = 0
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: due_shown(app), "the check-in screen")
        await pilot.pause()
        scan = app.screen.query_one(ScanInput)
        panel = app.screen.query_one(ResultPanel)
        for text, name in people:
            post_burst(scan, text)
            await wait_until(lambda name=name: panel_names(panel, name), f"the panel on {name}")
            ok += panel.headline.startswith("✔")
        await pilot.pause()
    return ok


def main() -> None:
    db, badges = sys.argv[1], Path(sys.argv[2])
    lines = badges.read_text(encoding="utf-8").splitlines()
    people = [tuple(line.split("\t", 1)) for line in lines if line]
    ok = asyncio.run(scan_all(db, people))
    print(f"{peak_rss_mb():.1f} {ok}", flush=True)


if __name__ == "__main__":
    main()
