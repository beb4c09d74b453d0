"""The printed result while a double entry disagrees: the PDF (read back with PDFium) and the
workbook (reopened with openpyxl) lead with 两次录入不一致，结果未确定, list both entries side by
side, and never print 通过 / 选举有效 / 当选 as a finding — until a re-key settles it."""

import re

import openpyxl
import pypdfium2 as pdfium

from models import elections, motions, voting
from models.io.result_export import export_item
from models.rekey import rekey_election_ballot, rekey_motion_ballot
from models.rules.election import Ballot
from tests.helpers import seat_voters

HEADLINE = "两次录入不一致，结果未确定"


def page_lines(path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    return [line.strip() for line in text.splitlines() if line.strip()]


def headline_at(lines: list[str]) -> int | None:
    """The line the stamp starts with the headline (its note follows on the same line)."""
    return next((i for i, line in enumerate(lines) if line.startswith(HEADLINE)), None)


def result_rows(path) -> dict:
    book = openpyxl.load_workbook(path)
    return book, {row[0].value: row[1] for row in book["结果"].iter_rows() if row[0].value}


def disagreeing_motion(db):
    """6 due and present; entry 1 passes (yes ×4, no), entry 2 keyed ballot 4 as no."""
    seat_voters(db, 6, present=6)
    motions.new_motion(db, "关于集体合同的决议", important=True, double_entry=True)
    voting.issue(db, 1, 5)
    for choice in ("yes", "yes", "yes", "yes", "no"):
        motions.record_motion_ballot(db, 1, choice)
    for choice in ("yes", "yes", "yes", "no", "no"):
        motions.record_motion_ballot(db, 1, choice, entry=2)


def test_a_disagreeing_motion_sheet_leads_with_the_headline_not_passed(congress_db, tmp_path):
    disagreeing_motion(congress_db)
    written = export_item(congress_db, 1, pdf=tmp_path / "m.pdf", xlsx=tmp_path / "m.xlsx")
    lines = page_lines(written.pdf)
    assert not any(re.match(r"(未)?通过(\s|$)", line) for line in lines)  # the stamp
    assert headline_at(lines) is not None
    assert headline_at(lines) < lines.index("两次录入不一致之处（共 1 处）")
    assert "第 4 号票 赞成 反对" in lines
    assert any(line.startswith("暂计（未确定）：通过") for line in lines)
    book, rows = result_rows(written.xlsx)
    assert rows["结果"].value == HEADLINE and rows["结果"].font.color.rgb.endswith("B45309")
    assert rows["最终结果"].value == "否"
    assert book.sheetnames[:2] == ["结果", "核对"]
    assert [list(r) for r in book["核对"].iter_rows(values_only=True)] == [
        ["何处不一致", "第一次录入", "第二次录入"],
        ["第 4 号票", "赞成", "反对"],
    ]

    rekey_motion_ballot(congress_db, 1, 4, "yes", entry=2, reason="复核原票")
    settled = export_item(congress_db, 1, pdf=tmp_path / "s.pdf", xlsx=tmp_path / "s.xlsx")
    lines = page_lines(settled.pdf)
    assert headline_at(lines) is None and any(re.match(r"通过(\s|$)", line) for line in lines)
    book, rows = result_rows(settled.xlsx)
    assert rows["表决结果"].value == "通过" and "核对" not in book.sheetnames


def disagreeing_election(db):
    """3 due and present, 1 seat among 甲 乙; ballot 2 differs (甲○ 乙— / 甲— 乙○)."""
    seat_voters(db, 3, present=3)
    elections.new_election(
        db, "工会主席选举", seats=1, candidates="甲,乙", order="given", double_entry=True
    )
    voting.issue(db, 1, 3)
    for number, (one, two) in enumerate((("o-", "o-"), ("o-", "-o"), ("o-", "o-")), start=1):
        elections.record_ballot(db, 1, Ballot(number, one))
        elections.record_ballot(db, 1, Ballot(number, two), entry=2)


def test_a_disagreeing_election_sheet_elects_nobody_in_print(congress_db, tmp_path):
    disagreeing_election(congress_db)
    written = export_item(congress_db, 1, pdf=tmp_path / "e.pdf", xlsx=tmp_path / "e.xlsx")
    lines = page_lines(written.pdf)
    assert headline_at(lines) is not None
    assert not any(re.match(r"选举有效(\s|$)", line) for line in lines)  # the stamp
    assert "第 2 号票 甲○ 乙— 甲— 乙○" in lines
    assert not any(line.startswith("当选人") for line in lines)
    assert any("暂计当选" in line for line in lines)
    book, rows = result_rows(written.xlsx)
    assert rows["结果"].value == HEADLINE
    results = [r[-1] for r in book["得票"].iter_rows(min_row=2, values_only=True)]
    assert results == ["暂计当选", "未当选"]

    rekey_election_ballot(congress_db, 1, 2, "o-", entry=2, reason="复核原票")
    lines = page_lines(export_item(congress_db, 1, pdf=tmp_path / "f.pdf").pdf)
    assert headline_at(lines) is None
    assert any(re.match(r"选举有效(\s|$)", line) for line in lines)


def test_the_minutes_workbook_shows_a_disagreeing_election_as_provisional(congress_db, tmp_path):
    from models.minutes import WORKBOOK, export_minutes

    disagreeing_election(congress_db)
    done = export_minutes(congress_db, tmp_path / "package")
    sheet = openpyxl.load_workbook(done.folder / WORKBOOK)["选举"]
    cells = {row[0].value: row for row in sheet.iter_rows() if row[0].value}
    assert cells["暂计当选人（未确定）"][1].value == "甲"
    assert "当选人（按得票多少为序）" not in cells
    elected = next(row for row in sheet.iter_rows() if row[1].value == "甲")
    assert elected[0].fill.fgColor.rgb != "00E8F5E9"  # not the green of 当选
    assert any(
        isinstance(c.value, str) and c.value.startswith(HEADLINE)
        for row in sheet.iter_rows()
        for c in row
    )
