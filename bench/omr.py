"""How well paper ballots are read: issue 20's "How good" figures.

Run ``python bench/omr.py [--ballots 300] [--seed 20] [--dpi 150 200 300] [--phone 300]``. An
election sheet of 17 candidates and 2 write-in lines is printed by huiwu itself
(``models.omr.printing.print_sheets``), rasterised by PDFium at each dpi, and every ballot is
marked by ``bench/omr_synth.py``: per box a hand-like ○ (wobbly, open, elliptic, off-centre,
running over the edge), × (any angle, unequal, off-centre), blank or a speck of dust, and now and
then a mark a machine must not decide (√, a blob, ○ and × together, a correction, a faint mark,
a pen dot); a write-in line gets a handwritten name and a ○ on some ballots. Each page then goes
through ``omr_synth.scanner`` (skew ±3°, shift ±5 mm, scale ±2 %, blur, noise, JPEG 50–95), and a
phone set at 200 dpi through ``omr_synth.phone`` (perspective up to 15°, uneven light, a desk
round the page), and is read by ``models.omr.read.read_page``. Per set:

* ``boxes``: marked boxes read (17 a ballot plus the write-in boxes);
* ``silent``: silent misreads — a definite ○/×/blank that is not what was drawn (must be 0);
* ``review_pct``: of the boxes holding a ○, × or nothing, the share sent to a person (≤ 1 %
  scanner, ≤ 5 % phone); ``doubtful_caught``: the deliberate doubtful marks sent to review;
* ``write_ins``: fields with a name whose ink was found / all fields with a name; ``false_ink``:
  empty fields said to have ink (sent to a person needlessly, not a misread);
* ``pages_refused``: pages the reader did not find (their boxes count as not read);
* ``foreign_refused``: a sheet of another congress is refused (``foreign_sheet``);
* ``s_per_page``: median ``read_page`` seconds (find, rectify, QR, every box).

A human table is printed, then one JSON object as the last line. Deterministic for a seed.
"""

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
for _folder in (ROOT, BENCH):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

import omr_synth  # noqa: E402
import private_folders  # noqa: E402, F401 - huiwu's data and export folders: temporary ones

from models.omr.layout import build_layout  # noqa: E402
from models.omr.printing import print_sheets  # noqa: E402
from models.omr.read import read_page  # noqa: E402
from models.omr.spec import SheetSpec  # noqa: E402

UID, FOREIGN_UID = "BENCH20", "OTHER20"
CANDIDATES = tuple(f"候选人{n}" for n in "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午")
WRITE_INS = 2
# What a voter puts in a box. The doubtful kinds are rare on real ballots; they are here so the
# bench also shows they are never counted as ○, × or blank.
BOX_KINDS = ("circle", "cross", "blank", "speck", *omr_synth.REVIEW_KINDS)
BOX_WEIGHTS = (0.55, 0.2, 0.21, 0.01) + (0.005,) * len(omr_synth.REVIEW_KINDS)
WRITE_IN_SHARE = 0.25  # of write-in lines that get a name


def election(uid: str = UID) -> SheetSpec:
    seats = len(CANDIDATES) - 2
    title = "第十届工会委员会委员选举选票"
    return SheetSpec(
        uid,
        "E3",
        "election",
        title,
        f"应选{seats}名，候选人{len(CANDIDATES)}名",
        rows=CANDIDATES,
        write_ins=WRITE_INS,
    )


def rasterise(pdf_path: Path, dpi: int) -> np.ndarray:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = [
            np.array(p.render(scale=dpi / 72, grayscale=True).to_numpy(), copy=True) for p in pdf
        ]
    finally:
        pdf.close()
    if len(pages) != 1:
        raise RuntimeError(f"the bench sheet should fit one page, it has {len(pages)}")
    return pages[0]


def _rect_px(rect_mm, ppm: float):
    return tuple(v * ppm for v in rect_mm)


def mark_ballot(blank: np.ndarray, layout, rng: np.random.Generator, ppm: float):
    """A marked page and what was drawn: (image, box kinds, write-in (name?, box kind) pairs)."""
    image = blank.copy()
    kinds = [str(k) for k in rng.choice(BOX_KINDS, size=len(layout.boxes), p=BOX_WEIGHTS)]
    for box, kind in zip(layout.boxes, kinds, strict=True):
        omr_synth.draw_mark(image, _rect_px(box.rect_mm, ppm), kind, rng, ppm)
    written = []
    for line in layout.write_ins:
        named = bool(rng.random() < WRITE_IN_SHARE)
        kind = "circle" if named and rng.random() < 0.9 else "blank"
        if named:
            omr_synth.draw_name(image, _rect_px(line.name_rect_mm, ppm), rng, ppm)
        omr_synth.draw_mark(image, _rect_px(line.box_rect_mm, ppm), kind, rng, ppm)
        written.append((named, kind))
    return image, kinds, written


class Tally:
    def __init__(self, name: str):
        self.name = name
        self.boxes = self.silent = self.readable = self.readable_review = 0
        self.doubtful = self.doubtful_caught = 0
        self.named = self.named_found = self.false_ink = 0
        self.pages = self.refused = 0
        self.seconds: list[float] = []
        self.reasons: dict[str, int] = {}
        self.misreads: list[str] = []
        self.refusals: list[str] = []

    def box(self, kind: str, got: str, where: str) -> None:
        self.boxes += 1
        expected = omr_synth.EXPECTED[kind]
        if expected == "review":
            self.doubtful += 1
            self.doubtful_caught += got == "review"
        else:
            self.readable += 1
            self.readable_review += got == "review"
        if got != "review" and got != expected:
            self.silent += 1
            self.misreads.append(f"{where}: drew {kind}, read {got!r}")

    def row(self) -> dict:
        return {
            "set": self.name,
            "pages": self.pages,
            "boxes": self.boxes,
            "silent": self.silent,
            "review_pct": round(100 * self.readable_review / max(self.readable, 1), 2),
            "doubtful_caught": f"{self.doubtful_caught}/{self.doubtful}",
            "write_ins": f"{self.named_found}/{self.named}",
            "false_ink": self.false_ink,
            "pages_refused": self.refused,
            "refusals": self.refusals[:10],
            "s_per_page": round(statistics.median(self.seconds), 3) if self.seconds else None,
            "review_reasons": dict(sorted(self.reasons.items())),
        }


def run_set(
    tally: Tally, blank, layout, lookup, ballots: int, seed: int, ppm: float, capture
) -> None:
    for i in range(ballots):
        rng = np.random.default_rng([seed, i, int(ppm * 100)])
        image, kinds, written = mark_ballot(blank, layout, rng, ppm)
        shot = capture(image, rng)
        started = time.perf_counter()
        reading = read_page(shot, lookup)
        tally.seconds.append(time.perf_counter() - started)
        tally.pages += 1
        if reading.status == "refused":
            tally.refused += 1
            tally.refusals.append(f"ballot {i}: {reading.reason}")
            continue
        for n, (kind, got) in enumerate(zip(kinds, reading.boxes, strict=True)):
            tally.box(kind, str(got.mark), f"ballot {i} box {n}")
            if got.reason:
                tally.reasons[got.reason] = tally.reasons.get(got.reason, 0) + 1
        for n, ((named, kind), got) in enumerate(zip(written, reading.write_ins, strict=True)):
            tally.box(kind, str(got.box.mark), f"ballot {i} write-in {n}")
            tally.named += named
            tally.named_found += named and got.ink
            tally.false_ink += (not named) and got.ink


def foreign_refused(tmp: Path, lookup) -> bool:
    pdf = print_sheets(election(FOREIGN_UID), tmp / "foreign.pdf")
    reading = read_page(rasterise(pdf, 200), lookup)
    return (reading.status, reading.reason) == ("refused", "foreign_sheet")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ballots", type=int, default=300)
    parser.add_argument("--phone", type=int, default=None, help="phone photos (default: --ballots)")
    parser.add_argument("--dpi", type=int, nargs="*", default=[150, 200, 300], help="scanner sets")
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args(argv)
    phone_n = args.ballots if args.phone is None else args.phone
    spec = election()
    layout = build_layout(spec)
    lookup = lambda code: layout if (code.congress_uid, code.item_ref) == (UID, "E3") else None  # noqa: E731
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        pdf = print_sheets(spec, tmp / "ballot.pdf")
        for dpi in args.dpi:
            ppm = dpi / 25.4
            tally = Tally(f"scanner {dpi} dpi")
            scan = lambda img, rng, ppm=ppm: omr_synth.scanner(img, rng, ppm)  # noqa: E731
            run_set(tally, rasterise(pdf, dpi), layout, lookup, args.ballots, args.seed, ppm, scan)
            rows.append(tally)
        if phone_n:
            tally = Tally("phone 200 dpi")
            run_set(
                tally,
                rasterise(pdf, 200),
                layout,
                lookup,
                phone_n,
                args.seed + 1,
                200 / 25.4,
                omr_synth.phone,
            )
            rows.append(tally)
        foreign = foreign_refused(tmp, lookup)
    print(
        f"{'set':<16}{'pages':>6}{'boxes':>7}{'silent':>7}{'review%':>8}{'doubtful':>10}{'write-ins':>10}{'refused':>8}{'s/page':>8}"
    )
    for t in rows:
        r = t.row()
        print(
            f"{r['set']:<16}{r['pages']:>6}{r['boxes']:>7}{r['silent']:>7}{r['review_pct']:>8}"
            f"{r['doubtful_caught']:>10}{r['write_ins']:>10}{r['pages_refused']:>8}{r['s_per_page']:>8}"
        )
        for line in t.misreads[:10]:
            print("   MISREAD", line)
        for line in t.refusals[:10]:
            print("   refused", line)
    print(f"foreign sheet refused: {'yes' if foreign else 'no'}")
    result = {
        "ballots": args.ballots,
        "seed": args.seed,
        "sets": [t.row() for t in rows],
        "foreign_refused": foreign,
        "machine": f"{platform.machine()} {platform.python_version()}",
    }
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
