"""Printed sheets: what is on the paper, read back with PDFium and zxing-cpp; the test deck."""

import dataclasses

import pypdfium2 as pdfium
import pytest
import zxingcpp

from models.omr.layout import build_layout
from models.omr.printing import CIRCLE, CROSS, SheetFill, deck_fills, print_sheets
from models.omr.sheet_code import parse
from models.omr.spec import ELECTION_INSTRUCTION, TEST_BANNER, SheetSpec
from tests.unit.omr_support import CANDIDATES, UID, appraisal, election, motions, pdf_pages


def _texts(path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def _codes(path):
    return [
        parse(r.text)
        for image in pdf_pages(path)
        for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    ]


def _flat(text: str) -> str:
    return "".join(text.split())


def test_an_election_sheet_prints_names_instructions_seats_and_its_code(tmp_path):
    spec = election()
    out = print_sheets(spec, tmp_path / "e.pdf", copies=3)
    texts = _texts(out)
    assert len(texts) == 3 and len(set(texts)) == 1  # every copy the same: no serial number
    page = _flat(texts[0])
    assert all(name in page for name in CANDIDATES)
    assert _flat(ELECTION_INSTRUCTION) in page and "应选15名，候选人17名" in page
    assert "另选他人" in page and "第1页／共1页" in page
    assert TEST_BANNER.replace(" ", "") not in page
    layout = build_layout(spec)
    codes = _codes(out)
    assert len(codes) == 3 and len(set(codes)) == 1
    assert codes[0].layout_hash == layout.hash and not codes[0].test


def test_a_multi_page_sheet_codes_each_page(tmp_path):
    names = tuple(f"候选人{i:02d}" for i in range(60))
    spec = dataclasses.replace(election(), rows=names, subtitle="应选50名，候选人60名")
    codes = _codes(print_sheets(spec, tmp_path / "long.pdf"))
    assert [(c.page, c.pages) for c in codes] == [(1, 2), (2, 2)]


@pytest.mark.parametrize("make", [motions, appraisal])
def test_motion_and_appraisal_sheets_print_rows_and_options(tmp_path, make):
    spec = make()
    out = print_sheets(spec, tmp_path / "s.pdf")
    page = _flat(_texts(out)[0])
    assert all(option in page for option in spec.options)
    assert all(_flat(row)[:10] in page for row in spec.rows)
    assert "在所选栏内划○" in page
    (code,) = _codes(out)
    assert code.item_ref == spec.item_ref


def test_test_sheets_say_so_in_print_and_in_their_code(tmp_path):
    out = print_sheets(election(test=True), tmp_path / "t.pdf")
    assert _flat(TEST_BANNER) in _flat(_texts(out)[0])
    (code,) = _codes(out)
    assert code.test


def test_the_deck_pattern_covers_every_mark_the_write_ins_and_the_edges():
    seats = 15
    layout = build_layout(election(test=True))
    fills = deck_fills(layout, seats)
    assert fills == deck_fills(layout, seats)  # deterministic
    for i in range(len(layout.boxes)):
        assert {f.marks[i] for f in fills} == {CIRCLE, CROSS, ""}
    assert any(all(m == "" for m in f.marks) and not f.write_ins for f in fills)
    assert any(name and mark == CIRCLE for f in fills for name, mark in f.write_ins)
    votes = [
        f.marks.count(CIRCLE) + sum(1 for n, m in f.write_ins if n and m == CIRCLE) for f in fills
    ]
    assert sum(v > seats for v in votes) == 1  # exactly one over-filled sheet
    assert len(set(fills)) == len(fills)  # no two alike: a duplicate would be dropped


def test_the_deck_of_a_motion_marks_one_option_a_row_but_once(tmp_path):
    layout = build_layout(motions())
    fills = deck_fills(layout, 1)
    for i in range(len(layout.boxes)):
        assert {f.marks[i] for f in fills} >= {CIRCLE, ""}
    over = [
        f
        for f in fills
        if sum(m == CIRCLE for b, m in zip(layout.boxes, f.marks, strict=False) if b.row == 0) > 1
    ]
    assert len(over) == 1


def test_fills_are_drawn_and_a_wrong_fill_is_refused(tmp_path):
    spec = election(test=True)
    layout = build_layout(spec)
    fills = deck_fills(layout, 15)
    out = print_sheets(spec, tmp_path / "deck.pdf", fills=fills)
    texts = _texts(out)
    assert len(texts) == len(fills)
    assert any("林海" in t for t in texts)
    with pytest.raises(ValueError):
        print_sheets(spec, tmp_path / "bad.pdf", fills=[SheetFill(("○",))])
    with pytest.raises(ValueError):
        print_sheets(spec, tmp_path / "bad.pdf", fills=[SheetFill(("√",) * len(layout.boxes))])
    assert not (tmp_path / "bad.pdf").exists()


@pytest.mark.parametrize("candidates", [1, 2, 5, 30])
@pytest.mark.parametrize("write_ins", [0, 2])
def test_the_deck_pattern_holds_for_any_size_and_seats(candidates, write_ins):
    rows = tuple(f"候选人{i}" for i in range(candidates))
    spec = SheetSpec(UID, "E1", "election", "选票", rows=rows, write_ins=write_ins)
    layout = build_layout(spec)
    for seats in sorted({1, max(1, candidates - 2), candidates, candidates + write_ins}):
        fills = deck_fills(layout, seats)
        for i in range(candidates):
            assert {f.marks[i] for f in fills} == {CIRCLE, CROSS, ""}
        votes = [
            f.marks.count(CIRCLE) + sum(bool(n) and m == CIRCLE for n, m in f.write_ins)
            for f in fills
        ]
        # one over-filled sheet whenever the sheet has room to over-fill
        assert sum(v > seats for v in votes) == (candidates + write_ins > seats)
        assert len(set(fills)) == len(fills)
        if write_ins:
            assert any(name and mark == CIRCLE for f in fills for name, mark in f.write_ins)
