"""Sheet layouts: the published JSON, the hash that pins them, room around every box, the QR text."""

import dataclasses
import json

import pytest

from models.omr.geometry import BOX_MM, CLEAR_MM, PAGE_MM, fiducial_rects, mm_to_px
from models.omr.layout import QR_RECT, build_layout, layout_json
from models.omr.sheet_code import SheetCode, code_for, encode, parse
from models.omr.spec import ELECTION_INSTRUCTION, SheetSpec
from tests.unit.omr_support import UID, appraisal, election, motions


def _overlap(a, b, gap: float = 0.0) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax - gap < bx + bw and bx < ax + aw + gap and ay - gap < by + bh and by < ay + ah + gap


def test_election_json_has_the_documented_shape():
    layout = build_layout(election())
    doc = layout_json(layout)
    assert set(doc) == {"page_mm", "pages", "boxes", "write_ins"}
    assert doc["page_mm"] == [210, 297] and doc["pages"] == 1
    assert [b["candidate"] for b in doc["boxes"]] == list(election().rows)
    assert all(set(b) == {"page", "candidate", "rect_mm"} for b in doc["boxes"])
    assert all(b["rect_mm"][2:] == [BOX_MM, BOX_MM] for b in doc["boxes"])
    assert len(doc["write_ins"]) == 2
    assert all(set(w) == {"page", "name_rect_mm", "box_rect_mm"} for w in doc["write_ins"])
    json.dumps(doc)  # plain JSON, nothing else inside


def test_motion_and_appraisal_json_use_item_person_and_option():
    doc = layout_json(build_layout(motions()))
    assert all(set(b) == {"page", "item", "option", "rect_mm"} for b in doc["boxes"])
    assert [b["option"] for b in doc["boxes"][:3]] == ["赞成", "反对", "弃权"]
    assert len(doc["boxes"]) == 4 * 3 and doc["write_ins"] == []
    doc = layout_json(build_layout(appraisal()))
    assert all(set(b) == {"page", "person", "option", "rect_mm"} for b in doc["boxes"])
    assert len(doc["boxes"]) == 5 * 4


def test_hash_is_stable_and_covers_names_positions_and_texts():
    layout = build_layout(election())
    assert len(layout.hash) == 16 and int(layout.hash, 16) >= 0
    assert build_layout(election()).hash == layout.hash
    # pinned: a change here makes every printed sheet unreadable, so it must be on purpose
    assert layout.hash == PINNED_ELECTION_HASH
    spec = election()
    renamed = dataclasses.replace(spec, rows=(*spec.rows[:-1], "何涛涛"))
    assert build_layout(renamed).hash != layout.hash
    assert build_layout(dataclasses.replace(spec, title="另一张票")).hash != layout.hash
    assert build_layout(dataclasses.replace(spec, write_ins=3)).hash != layout.hash
    # the test deck prints the same boxes: same layout, told apart by its QR code
    assert build_layout(dataclasses.replace(spec, test=True)).hash == layout.hash


PINNED_ELECTION_HASH = "d0d869e2cb894e68"


@pytest.mark.parametrize("make", [election, motions, appraisal])
def test_nothing_is_printed_within_the_clear_zone_of_a_box(make):
    layout = build_layout(make())
    spots = [b.rect_mm for b in layout.boxes] + [w.box_rect_mm for w in layout.write_ins]
    for page in range(1, layout.pages + 1):
        boxes = [b.rect_mm for b in layout.boxes if b.page == page]
        boxes += [w.box_rect_mm for w in layout.write_ins if w.page == page]
        others = [t.rect_mm for t in layout.texts if t.page == page]
        others += [w.name_rect_mm for w in layout.write_ins if w.page == page]
        others += [r for p, r in layout.underlines if p == page]
        others += [QR_RECT, *fiducial_rects().values()]
        for box in boxes:
            assert not any(_overlap(box, other, CLEAR_MM - 1e-6) for other in others), box
            assert not any(_overlap(box, b, CLEAR_MM - 1e-6) for b in boxes if b != box)
    for x, y, w, h in spots:
        assert x >= 15 and x + w <= 195 and y >= 45 and y + h <= 265


def test_write_in_fields_sit_above_their_boxes_with_the_underline_between():
    layout = build_layout(election())
    for write_in, (_, rule) in zip(layout.write_ins, layout.underlines, strict=True):
        nx, ny, nw, nh = write_in.name_rect_mm
        bx, by, _, _ = write_in.box_rect_mm
        assert ny + nh < rule[1] < by - CLEAR_MM
        assert nx <= bx and bx + BOX_MM <= nx + nw


def test_a_long_election_pages_and_keeps_write_ins_whole():
    names = tuple(f"候选人{i:02d}" for i in range(60))
    spec = SheetSpec(UID, "E9", "election", "职工代表选举选票", rows=names, write_ins=4)
    layout = build_layout(spec)
    assert layout.pages == 2
    assert [b.label for b in layout.boxes] == list(names)
    assert {b.page for b in layout.boxes} == {1, 2}
    assert {w.page for w in layout.write_ins} == {2}
    doc = layout_json(layout)
    assert doc["pages"] == 2 and {b["page"] for b in doc["boxes"]} == {1, 2}
    # every page carries its head again
    titles = [t for t in layout.texts if t.role == "title"]
    assert [t.page for t in titles] == [1, 2]


def test_many_motions_page_with_their_option_heads():
    spec = SheetSpec(
        UID,
        "M7",
        "motion",
        "表决票",
        rows=tuple(f"第{i}项决议" for i in range(30)),
        options=("赞成", "反对", "弃权"),
    )
    layout = build_layout(spec)
    assert layout.pages >= 2
    heads = [t for t in layout.texts if t.role == "option"]
    assert {t.page for t in heads} == set(range(1, layout.pages + 1))


def test_the_usual_election_fits_one_page_and_states_rules_s3_wording():
    layout = build_layout(election())
    assert layout.pages == 1
    words = "".join(t.text for t in layout.texts if t.role == "instruction")
    assert words == ELECTION_INSTRUCTION
    assert PAGE_MM == (210.0, 297.0) and mm_to_px(0.0625) == 1 and mm_to_px(10) == 80


def test_specs_refuse_what_cannot_be_printed_or_read():
    with pytest.raises(ValueError):
        SheetSpec("abc", "E1", "election", "t", rows=("甲",))  # not QR-alphanumeric
    with pytest.raises(ValueError):
        SheetSpec(UID, "E-1", "election", "t", rows=("甲",))
    with pytest.raises(ValueError):
        SheetSpec(UID, "E1", "election", "t", rows=())
    with pytest.raises(ValueError):
        SheetSpec(UID, "M1", "motion", "t", rows=("甲",), options=("赞成",))


def test_sheet_code_round_trips_and_is_qr_alphanumeric():
    layout = build_layout(election(test=True))
    code = code_for(layout, 1)
    text = encode(code)
    assert text == f"HWB1:{UID}:E3:{layout.hash.upper()}:1:1:T"
    assert set(text) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    assert parse(text) == code and parse(text).test
    real = SheetCode(UID, "M5", layout.hash, 2, 3, False)
    assert parse(encode(real)) == real and encode(real).endswith(":2:3:R")


@pytest.mark.parametrize(
    "text",
    [
        "HW1:K3QZ7ABC:D001:ABCDEFGHIJKLMNOP",  # a badge
        "HWB1:K3QZ7ABC:E3:0123456789ABCDEF:3:2:R",  # page past the end
        "HWB1:K3QZ7ABC:E3:0123456789ABCDEF:1:2:X",
        "HWB1:K3QZ7ABC:E3:0123456789ABCDE:1:2:R",
        "https://example.org/",
        "",
    ],
)
def test_anything_but_a_sheet_code_is_refused(text):
    assert parse(text) is None
