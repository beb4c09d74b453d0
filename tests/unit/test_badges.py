"""Badge sheets: every QR code on the printed page decodes to a badge the check-in desk accepts.

Real parts throughout: the PDF is rendered with PDFium and the codes read back with zxing-cpp.
"""

import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import insert

from models import badge_code
from models.attendance import check_in
from models.congress import (
    T_DELEGATION,
    T_PERSON,
    congress_secret,
    create_congress,
    require_congress,
)
from models.errors import Refusal
from models.io.badges import BadgeReport, badge_qr, write_badges
from tui.i18n import badges as badges_catalog

DPI = 200
CATEGORY_ZH = {
    "delegate": "正式代表",
    "attendee": "列席代表",
    "guest": "特邀代表",
    "staff": "工作人员",
}
TITLE_ZH = {"delegate": "代表证", "attendee": "列席证", "guest": "特邀证", "staff": "工作证"}

# code, name, delegation, category, unit
PEOPLE = [
    ("D001", "张三丰", "第一代表团", "delegate", "机关党委"),
    (
        "D002",
        "李四光",
        "第一代表团",
        "delegate",
        "中国石油天然气股份有限公司长庆油田分公司第三采油厂",
    ),
    ("D010", "王芳", "生产一线代表团", "attendee", None),
    ("D003", "阿卜杜热合曼·买买提", "生产一线代表团", "guest", "市总工会"),
    ("S01", "欧阳娜娜", None, "staff", "工会办公室"),
    ("D004", "林", "机关代表团", "delegate", ""),
]


def add_people(db, people) -> None:
    with db.write() as conn:
        congress = require_congress(conn)
        delegation_ids: dict[str, int] = {}
        for code, name, delegation, category, unit in people:
            if delegation and delegation not in delegation_ids:
                delegation_ids[delegation] = conn.execute(
                    insert(T_DELEGATION).values(congress_id=congress.id, name=delegation)
                ).inserted_primary_key[0]
            conn.execute(
                insert(T_PERSON).values(
                    congress_id=congress.id,
                    code=code,
                    name=name,
                    unit=unit,
                    category=category,
                    delegation_id=delegation_ids.get(delegation),
                    initials="",
                )
            )


def numbered_people(count: int) -> list[tuple]:
    delegations = ["第一代表团", "第二代表团", "第三代表团"]
    return [
        (f"P{i:03d}", f"代表{i:03d}", delegations[i % 3], "delegate", "某某车间")
        for i in range(1, count + 1)
    ]


def expected_texts(db, codes) -> set[str]:
    with db.read() as conn:
        congress = require_congress(conn)
        secret = congress_secret(conn, congress.id)
    return {badge_code.badge_text(secret, congress.uid, code) for code in codes}


def render_pages(pdf_path: Path) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [page.render(scale=DPI / 72, grayscale=True).to_pil() for page in pdf]
    finally:
        pdf.close()


def page_texts(pdf_path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def decode(image: Image.Image) -> list[str]:
    return [
        result.text
        for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    ]


def test_every_printed_qr_decodes_and_checks_in(congress_db, tmp_path):
    db = congress_db
    long_code = "L" + "0123456789" * 3 + "X"  # 32 characters, the longest code allowed
    people = [*PEOPLE, (long_code, "周长码", "机关代表团", "delegate", None)]
    add_people(db, people)
    out = tmp_path / "badges.pdf"

    report = write_badges(db, out)

    assert report == BadgeReport(count=7, pages=1, pdf_path=out, png_count=0, png_dir=None)
    decoded = [text for image in render_pages(out) for text in decode(image)]
    expected = expected_texts(db, [p[0] for p in people])
    assert len(decoded) == len(people)
    assert set(decoded) == expected
    for text in decoded:
        result = check_in(db, text, station="t")
        assert result.status == "ok", (text, result)
    assert not list(tmp_path.glob("*.tmp"))  # no temp file left behind


def test_pdf_text_names_delegation_and_category(sqlite_db, tmp_path):
    create_congress(sqlite_db, "某某集团有限公司第五届职工代表大会第三次会议", kind="职代会")
    add_people(sqlite_db, PEOPLE)
    out = tmp_path / "badges.pdf"
    write_badges(sqlite_db, out)

    text = "".join(page_texts(out))
    for code, name, delegation, category, _unit in PEOPLE:
        assert name in text
        assert code in text
        if delegation:
            assert delegation in text
        assert CATEGORY_ZH[category] in text
        assert TITLE_ZH[category] in text
    assert "某某集团有限公司第五届职工代表大会第三次会议" in text
    pdf = pdfium.PdfDocument(str(out))
    try:
        meta = pdf.get_metadata_dict()
    finally:
        pdf.close()
    assert "某某集团有限公司第五届职工代表大会第三次会议" in meta["Title"]
    assert meta["Author"]


def test_eleven_people_make_two_pages_in_delegation_then_code_order(sqlite_db, tmp_path):
    create_congress(sqlite_db, "大会")
    people = numbered_people(11)
    add_people(sqlite_db, people)
    out = tmp_path / "sheet.pdf"

    report = write_badges(sqlite_db, out)

    assert (report.count, report.pages) == (11, 2)
    texts = page_texts(out)
    assert len(texts) == 2
    # Delegations in roster order (第二 was created first: P001 is in it), codes within.
    order = sorted(
        people,
        key=lambda p: (["第二代表团", "第三代表团", "第一代表团"].index(p[2]), p[0]),
    )
    first, second = {p[1] for p in order[:8]}, {p[1] for p in order[8:]}
    assert all(name in texts[0] for name in first)
    assert not any(name in texts[0] for name in second)
    assert all(name in texts[1] for name in second)
    images = render_pages(out)
    assert [len(decode(image)) for image in images] == [8, 3]


def test_codes_limit_the_sheet(sqlite_db, tmp_path):
    create_congress(sqlite_db, "大会")
    add_people(sqlite_db, PEOPLE)
    out = tmp_path / "one.pdf"

    report = write_badges(sqlite_db, out, codes=["d002", " S01 "])

    assert report.count == 2
    assert set(decode(render_pages(out)[0])) == expected_texts(sqlite_db, ["D002", "S01"])
    with pytest.raises(Refusal) as refused:
        write_badges(sqlite_db, out, codes=["D001", "X999"])
    assert refused.value.key == "badges.unknown_codes"
    assert "X999" in refused.value.params["codes"]


def test_png_per_person_decodes(sqlite_db, tmp_path):
    create_congress(sqlite_db, "大会")
    add_people(sqlite_db, PEOPLE)
    png_dir = tmp_path / "qr" / "png"

    report = write_badges(sqlite_db, tmp_path / "badges.pdf", png_dir=png_dir)

    assert (report.png_count, report.png_dir) == (len(PEOPLE), png_dir)
    files = sorted(png_dir.iterdir())
    assert sorted(f.name for f in files) == sorted(f"{p[0]}-{p[1]}.png" for p in PEOPLE)
    decoded = set()
    for file in files:
        with Image.open(file) as image:
            texts = decode(image.convert("L"))
        assert len(texts) == 1
        decoded.update(texts)
    assert decoded == expected_texts(sqlite_db, [p[0] for p in PEOPLE])


def test_refuses_when_nobody_is_on_the_roster(congress_db, tmp_path):
    out = tmp_path / "badges.pdf"
    with pytest.raises(Refusal) as refused:
        write_badges(congress_db, out)
    assert refused.value.key == "badges.nobody"
    assert not out.exists()
    assert not list(tmp_path.glob("*.tmp"))


def test_refuses_a_folder_as_output_and_overwrites_a_file_whole(sqlite_db, tmp_path):
    create_congress(sqlite_db, "大会")
    add_people(sqlite_db, PEOPLE[:2])
    with pytest.raises(Refusal) as refused:
        write_badges(sqlite_db, tmp_path)
    assert refused.value.key == "badges.out_is_dir"
    out = tmp_path / "new folder" / "badges.pdf"
    out.parent.mkdir()
    out.write_bytes(b"old")
    write_badges(sqlite_db, out)
    assert out.read_bytes().startswith(b"%PDF") and out.read_bytes().rstrip().endswith(b"%%EOF")
    assert [p.name for p in out.parent.iterdir()] == ["badges.pdf"]


def test_qr_is_alphanumeric_and_small():
    secret = bytes(32)
    typical = badge_qr(badge_code.badge_text(secret, "ABCDEFGH", "D0123"))
    longest = badge_qr(badge_code.badge_text(secret, "ABCDEFGH", "Z" * 32))
    assert typical.version <= 2 and longest.version <= 4
    assert [chunk.mode for chunk in typical.data_list] == [2]  # qrcode's MODE_ALPHA_NUM
    assert len(typical.get_matrix()) == 25 + 2 * 4  # quiet zone of four modules


def test_catalog_has_every_key_in_both_languages():
    assert badges_catalog.ZH.keys() == badges_catalog.EN.keys()
    for key in ("badges.nobody", "badges.unknown_codes", "badges.out_is_dir"):
        assert key in badges_catalog.ZH


def test_three_hundred_badges_take_seconds_not_minutes(sqlite_db, tmp_path):
    """A sanity check, not a benchmark: prints the time for a full 300-delegate sheet."""
    create_congress(sqlite_db, "大会")
    add_people(sqlite_db, numbered_people(300))
    started = time.perf_counter()
    report = write_badges(sqlite_db, tmp_path / "all.pdf")
    elapsed = time.perf_counter() - started
    print(f"300 badges, {report.pages} pages: {elapsed:.2f} s")
    assert (report.count, report.pages) == (300, 38)
    assert elapsed < 60
