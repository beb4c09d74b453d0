"""Reading printed sheets back: find the page any way up, check its code, read every box.

Real parts: the sheets are printed to PDF, rasterised by PDFium at 200 dpi, turned, photographed
(perspective, clutter) and marked by pen-like strokes; the reader finds them from the pixels.
"""

import dataclasses
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from models.omr.fingerprint import same_sheet
from models.omr.layout import QR_RECT, build_layout
from models.omr.printing import deck_fills, print_sheets
from models.omr.raster import PageRefusal, load_pages
from models.omr.read import crop, read_page
from tests.unit.omr_support import (
    UID,
    appraisal,
    election,
    hand_mark,
    hand_name,
    motions,
    pdf_pages,
    rotate,
    to_px,
)

SEATS = 15


def lookup_for(*specs):
    layouts = {(s.congress_uid, s.item_ref): build_layout(s) for s in specs}
    return lambda code: layouts.get((code.congress_uid, code.item_ref))


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    """The election's test deck, printed and rasterised: (layout, fills, page images)."""
    spec = election(test=True)
    layout = build_layout(spec)
    fills = deck_fills(layout, SEATS)
    out = print_sheets(spec, tmp_path_factory.mktemp("deck") / "deck.pdf", fills=fills)
    return layout, fills, pdf_pages(out)


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    """One blank real election sheet at 200 dpi."""
    out = print_sheets(election(), tmp_path_factory.mktemp("blank") / "e.pdf")
    return pdf_pages(out)[0]


def _marks(reading) -> tuple[str, ...]:
    return tuple(str(r.mark) for r in reading.boxes)


def _expect(reading, fill) -> None:
    assert reading.status in ("read", "review"), reading.reason
    assert _marks(reading) == fill.marks
    names = [bool(name) for name, _ in fill.write_ins]
    names += [False] * (len(reading.write_ins) - len(names))
    assert [w.ink for w in reading.write_ins] == names
    written = [mark for _, mark in fill.write_ins]
    written += [""] * (len(reading.write_ins) - len(written))
    assert [str(w.box.mark) for w in reading.write_ins] == written
    assert reading.status == ("review" if any(names) else "read")


def test_the_printed_deck_reads_back_exactly_and_as_test_sheets(deck):
    _layout, fills, pages = deck
    lookup = lookup_for(election())
    for fill, image in zip(fills, pages, strict=True):
        reading = read_page(image, lookup)
        _expect(reading, fill)
        assert reading.test and reading.code.test and reading.page_no == 1
        assert reading.markers == 4 and reading.rectified.shape == (2376, 1680)


@pytest.mark.parametrize("turn", [180, 3, -3, 90])
def test_a_page_turned_or_skewed_reads_the_same(deck, turn):
    _layout, fills, pages = deck
    index = 1  # ○, × and blank in turn
    reading = read_page(rotate(pages[index], turn), lookup_for(election()))
    _expect(reading, fills[index])


@pytest.mark.parametrize("dpi", [150, 300])
def test_other_scan_resolutions_read_the_same(tmp_path, dpi):
    spec = election(test=True)
    fills = deck_fills(build_layout(spec), SEATS)[1:2]
    (image,) = pdf_pages(print_sheets(spec, tmp_path / "one.pdf", fills=fills), dpi)
    _expect(read_page(image, lookup_for(election())), fills[0])


def _photo(page: np.ndarray, rng: np.random.Generator, tilt: float = 0.12) -> np.ndarray:
    """The page photographed on a cluttered desk: perspective, uneven light, shapes around it."""
    h, w = page.shape
    canvas_w, canvas_h = int(w * 1.5), int(h * 1.35)
    desk = np.full((canvas_h, canvas_w), 120, np.uint8)
    for _ in range(60):
        colour = int(rng.integers(0, 255))
        centre = (int(rng.integers(0, canvas_w)), int(rng.integers(0, canvas_h)))
        cv2.circle(desk, centre, int(rng.integers(10, 120)), colour, -1)
        cv2.putText(desk, "HUIWU", centre, cv2.FONT_HERSHEY_SIMPLEX, 3, 255 - colour, 5)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    ox, oy = canvas_w * 0.2, canvas_h * 0.1
    dst = np.float32(
        [
            [ox + w * tilt, oy],
            [ox + w * (1 - tilt / 2), oy + h * 0.03],
            [ox + w * 1.02, oy + h * 0.97],
            [ox - w * 0.02, oy + h],
        ]
    )
    matrix = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(page, matrix, (canvas_w, canvas_h), borderValue=0)
    mask = cv2.warpPerspective(np.full_like(page, 255), matrix, (canvas_w, canvas_h))
    photo = np.where(mask > 128, warped, desk).astype(np.float32)
    light = np.linspace(0.7, 1.0, canvas_w, dtype=np.float32)[None, :]
    photo = cv2.GaussianBlur(photo * light, (3, 3), 0)
    return np.clip(photo, 0, 255).astype(np.uint8)


def test_a_phone_photo_on_a_cluttered_desk_reads(deck):
    _layout, fills, pages = deck
    photo = _photo(pages[2], np.random.default_rng(7))
    reading = read_page(cv2.cvtColor(photo, cv2.COLOR_GRAY2BGR), lookup_for(election()))
    _expect(reading, fills[2])


@pytest.mark.parametrize("make", [motions, appraisal])
def test_motion_and_appraisal_decks_read_back(tmp_path, make):
    spec = dataclasses.replace(make(), test=True)
    layout = build_layout(spec)
    fills = deck_fills(layout, 1)
    pages = pdf_pages(print_sheets(spec, tmp_path / "d.pdf", fills=fills))
    for fill, image in zip(fills, pages, strict=True):
        _expect(read_page(image, lookup_for(make())), fill)


def test_each_page_of_a_long_sheet_reads_its_own_boxes(tmp_path):
    names = tuple(f"候选人{i:02d}" for i in range(60))
    spec = dataclasses.replace(election(), rows=names, write_ins=4)
    layout = build_layout(spec)
    marks = tuple("○" if i % 7 == 0 else "" for i in range(60))
    fill = deck_fills(layout, 50)[0].__class__(marks, (("林海", "○"),))
    pages = pdf_pages(print_sheets(spec, tmp_path / "long.pdf", fills=[fill]))
    lookup = lookup_for(spec)
    first, second = (read_page(p, lookup) for p in pages)
    assert (first.page_no, second.page_no) == (1, 2)
    assert _marks(first) + _marks(second) == marks
    assert first.write_ins == () and [w.ink for w in second.write_ins] == [
        True,
        False,
        False,
        False,
    ]


def test_foreign_and_changed_sheets_are_refused(blank):
    other_congress = read_page(blank, lookup_for(election(uid="ZZZZ2222")))
    assert (other_congress.status, other_congress.reason) == ("refused", "foreign_sheet")
    assert other_congress.boxes == () and other_congress.code.congress_uid == UID
    renamed = dataclasses.replace(election(), rows=(*election().rows[:-1], "何涛涛"))
    changed = read_page(blank, lookup_for(renamed))
    assert (changed.status, changed.reason) == ("refused", "layout_changed")


def test_no_code_no_page_and_cut_off(blank):
    lookup = lookup_for(election())
    covered = blank.copy()
    x, y, w, h = (int(v) for v in to_px(QR_RECT))
    covered[y : y + h, x : x + w] = 255
    assert read_page(covered, lookup).reason == "no_code"
    assert read_page(np.full_like(blank, 255), lookup).reason == "no_page"
    clutter = _photo(np.full_like(blank, 230), np.random.default_rng(3))
    assert read_page(clutter, lookup).reason == "no_page"
    assert read_page(blank[: blank.shape[0] * 2 // 3], lookup).reason == "cut_off"
    assert read_page(blank[:, 200:], lookup).reason == "cut_off"  # 25 mm off the left side
    # an empty margin lost is no loss: 12.7 mm off the left, the boxes are all there
    assert read_page(blank[:, 100:], lookup).status == "read"
    one_lost = blank.copy()
    one_lost[-300:, -300:] = 255  # a thumb over the bottom-right marker: three are enough
    assert read_page(one_lost, lookup).markers == 3
    assert read_page(one_lost, lookup).status == "read"
    sliver = blank[:, : blank.shape[1] // 3]
    assert read_page(sliver, lookup).status == "refused"


def _marked(blank, layout, choices, rng) -> np.ndarray:
    image = blank.copy()
    for box, mark in zip(layout.boxes, choices, strict=True):
        hand_mark(image, box.rect_mm, mark, rng)
    hand_name(image, layout.write_ins[0].name_rect_mm, rng)
    hand_mark(image, layout.write_ins[0].box_rect_mm, "○", rng)
    return image


def _rescan(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The same sheet through the scanner again: turned ±3°, shifted ±5 mm, scaled ±2 %,
    blurred, noisy, JPEG 50."""
    h, w = image.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-3, 3), rng.uniform(0.98, 1.02))
    matrix[:, 2] += rng.uniform(-40, 40, 2)
    moved = cv2.warpAffine(image, matrix, (w, h), borderValue=255)
    soft = cv2.GaussianBlur(moved, (0, 0), rng.uniform(0.5, 1.3))
    noisy = np.clip(soft + rng.normal(0, 4, soft.shape), 0, 255).astype(np.uint8)
    _, data = cv2.imencode(".jpg", noisy, [cv2.IMWRITE_JPEG_QUALITY, 50])
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)


def test_a_rescan_is_the_same_sheet_and_another_hand_is_not(blank):
    layout = build_layout(election())
    lookup = lookup_for(election())
    choices = tuple(("○", "×", "")[i % 3] for i in range(len(layout.boxes)))
    first = _marked(blank, layout, choices, np.random.default_rng(1))
    original = read_page(first, lookup)
    for seed in range(3):
        again = read_page(_rescan(first, np.random.default_rng(100 + seed)), lookup)
        assert same_sheet(original.fingerprint, again.fingerprint), seed
    photo = read_page(_photo(first, np.random.default_rng(9)), lookup)
    assert same_sheet(original.fingerprint, photo.fingerprint)
    for seed in range(2, 8):  # other voters, the very same choices
        other = read_page(_marked(blank, layout, choices, np.random.default_rng(seed)), lookup)
        assert not same_sheet(original.fingerprint, other.fingerprint), seed


def test_blank_sheets_are_never_called_duplicates_and_junk_is_no_fingerprint(blank):
    lookup = lookup_for(election())
    one, two = read_page(blank, lookup), read_page(rotate(blank, 180), lookup)
    assert one.status == "read" and not same_sheet(one.fingerprint, two.fingerprint)
    assert not same_sheet(b"", one.fingerprint) and not same_sheet(b"junk", b"junk")


def test_reading_is_deterministic_and_crops_show_a_box(deck):
    layout, _fills, pages = deck
    lookup = lookup_for(election())
    a, b = read_page(pages[4], lookup), read_page(pages[4], lookup)
    assert a == b and np.array_equal(a.rectified, b.rectified)
    piece = crop(a.rectified, layout.boxes[0].rect_mm)
    assert piece.shape == (16 * 8, 16 * 8)
    assert crop(a.rectified, (205.0, 292.0, 10.0, 10.0)).shape == (8 * 8, 8 * 8)


def test_a_page_reads_within_the_time_budget(deck):
    _layout, _fills, pages = deck
    lookup = lookup_for(election())
    read_page(pages[1], lookup)
    started = time.perf_counter()
    for image in pages[:4]:
        read_page(image, lookup)
    per_page = (time.perf_counter() - started) / 4
    assert per_page < 0.5, per_page  # the budget is 0.25 s; slack for a busy shared machine


def test_a_folder_of_good_and_bad_scans_reads_the_good_and_names_the_bad(tmp_path, deck, blank):
    _layout, _fills, pages = deck
    folder = tmp_path / "scans"
    folder.mkdir()
    cv2.imwrite(str(folder / "01.png"), pages[1])
    cv2.imwrite(str(folder / "02.png"), np.full_like(blank, 255))
    cv2.imwrite(str(folder / "03.jpg"), _photo(np.full_like(blank, 230), np.random.default_rng(5)))
    cv2.imwrite(str(folder / "04.png"), blank[: blank.shape[0] // 2])
    (folder / "05.tif").write_bytes(b"II*\x00 broken")
    cv2.imwrite(str(folder / "06.png"), rotate(pages[2], 180))
    cv2.imwrite(str(folder / "07.png"), read_foreign_sheet(tmp_path))
    lookup = lookup_for(election())
    got = []
    for item in load_pages(folder):
        if isinstance(item, PageRefusal):
            got.append((item.file.name, item.reason))
        else:
            reading = read_page(item.image, lookup)
            got.append((item.file.name, reading.reason or reading.status))
    assert got == [
        ("01.png", "read"),
        ("02.png", "no_page"),
        ("03.jpg", "no_page"),
        ("04.png", "cut_off"),
        ("05.tif", "corrupt"),
        ("06.png", "read"),
        ("07.png", "foreign_sheet"),
    ]


def read_foreign_sheet(tmp_path) -> np.ndarray:
    return pdf_pages(print_sheets(motions(uid="ZZZZ2222"), tmp_path / "m.pdf"))[0]


def test_one_circle_ballots_of_different_hands_are_not_duplicates(blank):
    """The hardest case: a single ○ in the same box, drawn by six people (bench/omr_synth.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import omr_synth

    layout = build_layout(election())
    lookup = lookup_for(election())
    rng = np.random.default_rng(20)
    ppm = 200 / 25.4
    x, y, w, h = (round(v * ppm) for v in layout.boxes[4].rect_mm)
    prints = []
    for _ in range(6):
        image = blank.copy()
        omr_synth.draw_mark(image, (x, y, w, h), "circle", rng, ppm)
        first = read_page(omr_synth.scanner(image, rng, ppm), lookup)
        again = read_page(omr_synth.scanner(image, rng, ppm), lookup)
        assert same_sheet(first.fingerprint, again.fingerprint)
        assert not any(same_sheet(first.fingerprint, other) for other in prints)
        prints.append(first.fingerprint)
