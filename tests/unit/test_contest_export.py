"""Contest exports: 成绩排名表 / 获奖名单 / 证书名单 as PDF and the workbook, read back.

Real parts: a migrated SQLite file, the contest services, reportlab's PDF read back with PDFium
(text, page size, pages rendered) and the workbook reopened with openpyxl — every number in it
compared with the standings.
"""

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest

from models import contests, scores
from models.congress import create_congress, current_congress
from models.io.contest_book import write_certificates_xlsx, write_contest_xlsx
from models.io.contest_sheet import write_certificates_pdf, write_contest_pdf
from models.rules.scoring import Criterion, Stage

MARKS = {  # entrant, unit → five judges' marks
    ("甲", "一车间"): ["95", "95", "95", "95", "95"],
    ("乙", "二车间"): ["90", "92.4", "92.5", "92.435", "96"],  # mean of the kept: 92.445
    ("丙", "三车间"): ["92.45"] * 5,
    ("丁", "四车间"): ["90"] * 5,
    ("戊", "五车间"): ["80"],  # incomplete
}


def page_texts(pdf_path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def page_sizes(pdf_path: Path) -> list[tuple[float, float]]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [page.get_size() for page in pdf]
    finally:
        pdf.close()


def render(pdf_path: Path, folder: Path) -> list[Path]:
    """Every page as a PNG (to look at while working on the layout; the test checks they draw)."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    out = []
    try:
        for index, page in enumerate(pdf):
            image = page.render(scale=1.5).to_pil()
            path = folder / f"{pdf_path.stem}_{index + 1}.png"
            image.save(path)
            assert image.getbbox() is not None
            out.append(path)
    finally:
        pdf.close()
    return out


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def speech(sqlite_db):
    create_congress(sqlite_db, "测试公司第三届职工代表大会第二次会议")
    contests.new_contest(
        sqlite_db,
        "演讲比赛",
        judges=5,
        trim=1,
        awards="一等奖:1,二等奖:1,三等奖:2",
        judge_names=["王老师", "李老师"],
    )
    for (name, unit), marks in MARKS.items():
        contests.add_entrant(sqlite_db, 1, name, unit=unit)
        for judge, mark in enumerate(marks, start=1):
            scores.record_mark(sqlite_db, 1, name, judge, mark)
    return sqlite_db


def test_ranking_pdf_has_the_names_scores_awards_and_flag(speech, tmp_path):
    table = scores.standings(speech, 1)
    path = write_contest_pdf(table, tmp_path / "排名.pdf", current_congress(speech))
    texts = page_texts(path)
    assert len(texts) == 2  # the ranking, then the award list on its own page
    ranking, awards = flat(texts[0]), flat(texts[1])
    assert "演讲比赛成绩排名表" in ranking
    for name in ("甲", "乙", "丙", "丁", "戊", "一车间", "五车间"):
        assert name in ranking
    assert "92.45" in ranking and "95.00" in ranking and "90.00" in ranking
    assert "92.445" not in ranking.replace("92.435", "")  # only the rounded score is printed
    assert "一等奖" in ranking and "二等奖" in ranking and "三等奖" in ranking
    assert "并列跨越获奖名额线" in ranking
    assert "未完成（已收1/5）" in ranking
    assert "评委5名，去掉一个最高分和一个最低分，保留2位小数，四舍五入" in ranking
    assert "评委签字" in ranking and "监督人签字" in ranking and "王老师" in ranking
    assert "获奖名单" in awards and "乙（＊）" in awards
    assert page_sizes(path)[0][0] < page_sizes(path)[0][1]  # portrait
    assert len(render(path, tmp_path)) == 2


def test_dropped_marks_are_struck_through(speech, tmp_path):
    """The strike is drawn as a line over the number: the page differs from one without it."""
    table = scores.standings(speech, 1)
    path = write_contest_pdf(table, tmp_path / "排名.pdf", current_congress(speech))
    text = flat(page_texts(path)[0])
    assert "删除线表示按规则去掉的最高分和最低分" in text
    # 乙's row: every mark printed, in judge order, the dropped 90 and 96 included
    assert "9092.492.592.43596" in text


def test_workbook_numbers_equal_the_standings(speech, tmp_path):
    table = scores.standings(speech, 1)
    path = write_contest_xlsx(table, tmp_path / "成绩.xlsx", current_congress(speech))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["排名", "评分明细", "获奖名单", "证书名单", "设置"]
    sheet = book["排名"]
    header = [c.value for c in sheet[5]]
    col = {title: i for i, title in enumerate(header)}
    rows = [list(r) for r in sheet.iter_rows(min_row=6, values_only=True)]
    assert len(rows) == len(table.rows)
    for row, standing in zip(rows, table.rows, strict=True):
        assert row[col["名次"]] == standing.rank
        assert row[col["姓名"]] == standing.entrant.name
        assert row[col["奖项"]] == standing.award
        if standing.score is None:
            assert row[col["最后得分"]] is None
        else:
            assert Decimal(str(row[col["最后得分"]])) == Decimal(standing.score)
    assert sheet.cell(row=7, column=col["最后得分"] + 1).number_format == "0.00"
    assert rows[1][col["未修约分"]] == pytest.approx(92.445)
    assert "并列跨越获奖名额线" in rows[1][col["备注"]]
    marks = list(book["评分明细"].iter_rows(min_row=2, values_only=True))
    assert len(marks) == 5 * 4 + 5  # four complete entrants, and 戊's one mark with four gaps
    yi = [m for m in marks if m[3] == "乙"]
    assert [m[8] for m in yi] == [90, 92.4, 92.5, 92.435, 96]
    assert [m[9] for m in yi] == ["是", None, None, None, "是"]
    assert yi[0][6] == "王老师"
    winners = list(book["获奖名单"].iter_rows(min_row=2, values_only=True))
    assert [(w[0], w[3], w[7]) for w in winners] == [
        ("一等奖", "甲", 95),
        ("二等奖", "乙", 92.45),
        ("二等奖", "丙", 92.45),
        ("三等奖", "丁", 90),
    ]
    words = {r[0]: r[1] for r in book["设置"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert words["计分方法"] == "去掉一个最高分和一个最低分，其余 3 个分数取平均"
    assert words["奖项"] == "一等奖 1 名，二等奖 1 名，三等奖 2 名"
    assert words["评委人数"] == 5 and words["保留小数位数"] == 2


def test_certificate_lists(speech, tmp_path):
    table = scores.standings(speech, 1)
    congress = current_congress(speech)
    pdf = write_certificates_pdf(table, tmp_path / "证书.pdf", congress)
    text = flat(page_texts(pdf)[0])
    assert "证书名单" in text
    for line in ("1一等奖甲一车间95.00", "2二等奖乙（＊待定）二车间92.45", "4三等奖丁四车间90.00"):
        assert line in text
    assert "戊" not in text
    book = openpyxl.load_workbook(write_certificates_xlsx(table, tmp_path / "证书.xlsx", congress))
    assert book.sheetnames == ["证书名单"]
    rows = list(book.active.iter_rows(min_row=6, values_only=True))
    assert [(r[0], r[1], r[2], r[3], r[6]) for r in rows] == [
        (1, "一等奖", "甲", "一车间", None),
        (2, "二等奖", "乙", "二车间", "待组委会确定"),
        (3, "二等奖", "丙", "三车间", "待组委会确定"),
        (4, "三等奖", "丁", "四车间", None),
    ]


def test_long_ranking_repeats_its_header_and_wide_ranking_turns_landscape(sqlite_db, tmp_path):
    create_congress(sqlite_db, "测试大会")
    contests.new_contest(sqlite_db, "技能比武", judges=7, trim=2, awards="一等奖:10%")
    contests.set_event(
        sqlite_db,
        1,
        "电工",
        stages=(
            Stage("理论", Decimal(30), single=True),
            Stage(
                "实操",
                Decimal(70),
                criteria=(Criterion("规范", Decimal(40)), Criterion("质量", Decimal(60))),
            ),
        ),
    )
    contests.set_tie_breakers(sqlite_db, 1, ["实操", "unrounded"])
    for n in range(1, 61):
        entrant = contests.add_entrant(sqlite_db, 1, f"选手{n}", unit=f"第{n % 7 + 1}车间")
        scores.record_mark(sqlite_db, 1, entrant.number, 0, str(60 + n % 40), stage="理论")
        for judge in range(1, 8):
            for criterion, top in (("规范", 40), ("质量", 60)):
                mark = str(top * (50 + (n * judge) % 50) // 100)
                scores.record_mark(
                    sqlite_db, 1, entrant.number, judge, mark, stage="实操", criterion=criterion
                )
    table = scores.standings(sqlite_db, 1)
    congress = current_congress(sqlite_db)
    path = write_contest_pdf(table, tmp_path / "wide.pdf", congress)
    width, height = page_sizes(path)[0]
    assert width > height  # 7 judges and two stages do not fit across a portrait page
    texts = [flat(t) for t in page_texts(path)]
    ranking_pages = [t for t in texts if "选手" in t and "实操评委分数" in t]
    assert len(ranking_pages) >= 2
    assert all("名次序号姓名单位理论" in t for t in ranking_pages)  # the header on each page
    assert "先比保留小数后的最后得分；仍相同依次比较「实操」成绩、未修约的最后得分" in "".join(
        texts
    )
    book = openpyxl.load_workbook(write_contest_xlsx(table, tmp_path / "wide.xlsx", congress))
    header = [c.value for c in book["排名"][5]]
    assert "理论得分" in header and "实操得分" in header
    detail = list(book["评分明细"].iter_rows(min_row=2, values_only=True))
    assert len(detail) == 60 * (1 + 7 * 3)  # the exam mark; per judge two criteria and the sum
    render(path, tmp_path)


def test_an_export_into_a_folder_is_refused(speech, tmp_path):
    from models.errors import Refusal

    with pytest.raises(Refusal) as caught:
        write_contest_pdf(scores.standings(speech, 1), tmp_path, current_congress(speech))
    assert caught.value.key == "result.out_is_dir"
