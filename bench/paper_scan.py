"""Scanned ballots through the whole service: ``huiwu ballots scan`` as the desk runs it.

Run ``python bench/paper_scan.py [--ballots 100] [--seed 7]``. A 300-delegate congress with an
election of 15 seats among 17 candidates; huiwu prints the sheet, each ballot is marked by
``bench/omr_synth.py`` (○, × or blank per box) and scanned by its ``scanner`` at 200 dpi into a
folder, and the folder is read with :func:`models.paper.scan_paths` on a SQLite file: find, read,
store the page's PNG and hash, check it was not scanned before, key the ballot and its audit
event, each page in its own transaction. Figures:

* ``s_per_page``: wall seconds per page of the whole scan (issue 20: ≤ 0.25 s at 200 dpi);
* ``read`` / ``review`` / ``refused``: pages by outcome; ``ballots``: ballots keyed.

A human table, then one JSON object as the last line.
"""

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import private_folders  # noqa: E402, F401 - huiwu's data folder: a temporary one

from models.congress import create_congress, create_sitting  # noqa: E402
from models.db import open_database  # noqa: E402
from models.elections import election_outcome, new_election  # noqa: E402
from models.paper import load_sheet, print_ballots, scan_paths  # noqa: E402
from models.voting import issue, set_setting  # noqa: E402
from tests.helpers import seat_voters  # noqa: E402
from tests.paper_scans import pdf_pages, px, write  # noqa: E402

CANDIDATES = 17
SEATS = 15


def ballots_folder(folder: Path, blank, layout, count: int, seed: int) -> Path:
    import numpy as np
    from omr_synth import draw_mark, scanner

    rng = np.random.default_rng(seed)
    pick = random.Random(seed)
    out = folder / "scans"
    for n in range(count):
        image = blank.copy()
        kinds = [pick.choice(("circle", "cross", "blank")) for _ in range(CANDIDATES)]
        while kinds.count("circle") > SEATS:
            kinds[kinds.index("circle")] = "blank"
        for box, kind in zip(layout.page_boxes(1), kinds, strict=True):
            if kind != "blank":
                draw_mark(image, px(box.rect_mm), kind, rng, 200 / 25.4)
        write(out, f"{n:04d}.jpg", scanner(image, rng, 200 / 25.4))
    return out


def run(ballots: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_database(folder / "huiwu.db")
        create_congress(db, "基准测试大会")
        create_sitting(db, "第一次全体会议")
        seat_voters(db, 300, present=300)
        names = ",".join(f"候选人{i:02d}" for i in range(1, CANDIDATES + 1))
        new_election(db, "工会委员会选举", seats=SEATS, candidates=names, order="given")
        issue(db, 1, 300)
        set_setting(db, "paper.deck", "off")
        _sheet, pdf = print_ballots(db, ["1"], folder / "选票.pdf")
        with db.read() as conn:
            layout = load_sheet(conn, ["1"]).real
        scans = ballots_folder(folder, pdf_pages(pdf)[0], layout, ballots, seed)
        start = time.perf_counter()
        report = scan_paths(db, ["1"], [scans])
        seconds = time.perf_counter() - start
        keyed = election_outcome(db, 1).entries.get(1, 0)
        db.dispose()
    return {
        "pages": len(report.pages),
        "read": report.count("read"),
        "review": report.count("review"),
        "refused": report.count("refused"),
        "ballots": keyed,
        "s_per_page": round(seconds / max(1, len(report.pages)), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    figures = run(args.ballots, args.seed)
    for key, value in figures.items():
        print(f"{key:>12}  {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
