"""The match and meet documents on SQLite and PostgreSQL, read back: the 秩序册 (every round,
every side, the byes), the 记分表 (one per match to play, best-of-N boxes), the standings PDF
(group cross tables, the bracket on landscape pages, places), the meet's 团体总分 and 奖牌榜,
and the workbooks (names that look like formulas stay text)."""

import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from openpyxl import load_workbook

from models import contests, matches
from models.congress import current_congress
from models.contests.match_format import MatchFormat
from models.io.contest_export import export_contest
from models.io.match_book import write_matches_xlsx, write_meet_xlsx
from models.io.match_data import match_papers, meet_papers
from models.io.match_sheet import write_order_pdf, write_score_sheets_pdf
from models.io.meet_sheet import write_meet_pdf
from models.rules.teampoints import show_points
from tests.unit.match_papers_support import MEET, MEN, SKIP, TT, WOMEN, sports_day


def pages(pdf) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def flat(text: str) -> str:
    """pdfium's text with line breaks gone (a name may wrap in a narrow cell)."""
    return "".join(text.split())


@pytest.fixture
def day(congress_db):
    sports_day(congress_db)
    return congress_db


def test_order_of_play_lists_every_round_side_and_bye(day, tmp_path):
    papers = match_papers(day, TT)
    pdf = write_order_pdf(papers, tmp_path / "秩序册.pdf", current_congress(day))
    text = flat("".join(pages(pdf)))
    for name in MEN + WOMEN:
        assert flat(name) in text, name
    for words in ("秩序册", "小组赛第1轮", "小组赛第3轮", "半决赛", "三四名决赛", "决赛", "轮空"):
        assert words in text, words
    for event in papers.events:
        for m in event.matches:
            if not m.bye:
                assert f"第{m.number}场" in text
    assert "第13场胜者" in text or "场胜者" in text  # the women's later rounds: sides to come


def test_score_sheets_one_per_match_with_best_of_boxes(day, tmp_path):
    papers = match_papers(day, TT)
    pdf = write_score_sheets_pdf(papers, tmp_path / "记分表.pdf", current_congress(day))
    texts = pages(pdf)
    due = [m for e in papers.events for m in e.matches if not m.bye]
    assert len(texts) == -(-len(due) // 3)  # three to a page
    text = flat("".join(texts))
    assert len(re.findall(r"记分表第\d+场", text)) == len(due)
    for m in due:
        assert f"第{m.number}场" in text
    assert "第5局" in text and "裁判员签名" in text and "运动员签名" in text and "胜方" in text
    assert flat(MEN[3]) in text and flat(MEN[1]) in text


def test_standings_pdf_has_cross_tables_bracket_and_places(day, tmp_path):
    (pdf,) = export_contest(day, TT, pdf=tmp_path / "成绩.pdf")
    texts = pages(pdf)
    text = flat("".join(texts))
    assert "A组小组积分表" in text and "B组小组积分表" in text
    assert "淘汰赛签表" in text and "冠军" in text and "淘汰赛名次" in text
    for name in MEN + WOMEN:
        assert flat(name) in text, name
    doc = pdfium.PdfDocument(pdf)
    try:
        assert all(page.get_width() > page.get_height() for page in doc)  # landscape
    finally:
        doc.close()


def test_a_contest_without_matches_prints_as_before(day, tmp_path):
    (pdf,) = export_contest(day, SKIP, pdf=tmp_path / "跳绳.pdf")
    text = flat("".join(pages(pdf)))
    assert "成绩排名表" in text and "小组积分表" not in text and "跳绳选手1" in text
    assert match_papers(day, SKIP) is None


def test_meet_pdf_and_workbook_agree_with_the_standings(day, tmp_path):
    papers = meet_papers(day, MEET)
    table = papers.standings
    assert table.rows and table.medals
    congress = current_congress(day)
    text = flat("".join(pages(write_meet_pdf(papers, tmp_path / "meet.pdf", congress))))
    assert "团体总分" in text and "奖牌榜" in text and "各项目名次" in text
    for row in table.rows:
        assert flat(row.unit) in text and show_points(row.points, 2) in text
    book = load_workbook(write_meet_xlsx(papers, tmp_path / "meet.xlsx", congress))
    assert book.sheetnames == ["团体总分", "奖牌榜", "各项目名次"]
    sheet = book["团体总分"]
    got = [(r[0], r[1], r[3]) for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert got == [(r.rank, r.unit, show_points(r.points, 2)) for r in table.rows]
    medals = [r[:5] for r in book["奖牌榜"].iter_rows(min_row=2, values_only=True)]
    assert medals == [(r.rank, r.unit, r.gold, r.silver, r.bronze) for r in table.medals]
    names = {r[2] for r in book["各项目名次"].iter_rows(min_row=2, values_only=True)}
    assert MEN[3] in names  # =HYPERLINK(…) came back as the text it is


def test_match_workbook_sheets_and_formula_names_stay_text(day, tmp_path):
    papers = match_papers(day, TT)
    path = write_matches_xlsx(papers, tmp_path / "m.xlsx", current_congress(day))
    book = load_workbook(path)
    assert book.sheetnames == ["秩序", "比赛结果", "小组积分", "淘汰赛名次"]
    order = list(book["秩序"].iter_rows(min_row=4, values_only=True))
    assert len(order) == sum(len(e.matches) for e in papers.events)
    assert sum(1 for r in order if r[11] == "是") == sum(
        1 for e in papers.events for m in e.matches if m.bye
    )
    cells = [c for row in book["秩序"].iter_rows() for c in row if c.value == MEN[3]]
    assert cells and all(c.data_type == "s" for c in cells)
    groups = list(book["小组积分"].iter_rows(min_row=2, values_only=True))
    expected = [(g, r.rank, r.points) for e in papers.events for g, rows in e.groups for r in rows]
    assert [(r[1], r[2], r[5]) for r in groups] == expected
    places = list(book["淘汰赛名次"].iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in places][:4] == [1, 2, 3, 4]
    (xlsx,) = export_contest(day, TT, xlsx=tmp_path / "standings.xlsx")
    assert {"排名", "秩序", "比赛结果", "小组积分", "淘汰赛名次"} <= set(
        load_workbook(xlsx).sheetnames
    )


def _font_sizes(pdf, page_index: int) -> list[float]:
    doc = pdfium.PdfDocument(pdf)
    try:
        text = doc[page_index].get_textpage()
        return [
            pdfium_c.FPDFText_GetFontSize(text.raw, i)
            for i in range(text.count_chars())
            if text.get_text_range(i, 1).strip()
        ]
    finally:
        doc.close()


def test_a_128_side_bracket_splits_over_five_legible_pages(congress_db, tmp_path):
    db = congress_db
    title = "拔河比赛"
    contests.new_contest(db, title, judges=1, trim=0)
    contests.set_event(db, title, "", matches=MatchFormat("knockout", best_of=1, game="points"))
    names = [f"第{i:03d}队" for i in range(1, 129)]
    contests.add_entrants(
        db, title, [{"name": n, "unit": f"{i % 16}分会"} for i, n in enumerate(names)]
    )
    import random

    matches.draw(db, title, "", rng=random.Random(3))
    info = contests.get_contest(db, title)
    with db.read() as conn:
        first = [m for m in matches.matches_of(conn, info) if m.round == 1]
    for m in first:
        matches.record_result(db, title, m.number, games="3:1")
    (pdf,) = export_contest(db, title, pdf=tmp_path / "签表.pdf")
    texts = pages(pdf)
    bracket = [i for i, t in enumerate(texts) if "淘汰赛签表" in t]
    assert len(bracket) == 5
    drawn = flat("".join(texts[i] for i in bracket))
    for name in names:
        assert name in drawn, name
    assert "各区出线者至决赛" in drawn
    for i in bracket[:4]:
        sizes = [s for s in _font_sizes(pdf, i) if s]
        assert min(sizes) >= 7  # scores at 7 pt, names at 8 pt: readable at arm's length


def test_a_team_tie_prints_its_matches_won_and_each_matchs_games(congress_db, tmp_path):
    contests.new_contest(congress_db, "团体赛", judges=1, trim=0)
    fmt = MatchFormat("roundrobin", best_of=3, game="tabletennis", rubbers=3)
    contests.set_event(congress_db, "团体赛", "男团", matches=fmt)
    for name in ("一车间队", "二车间队"):
        contests.add_entrant(congress_db, "团体赛", name, event="男团")
    (tie,) = [m for m in matches.draw(congress_db, "团体赛", "男团") if m.playable]
    matches.record_result(congress_db, "团体赛", tie.number, games="11:5,11:5|3:11,3:11|11:9,11:9")
    (pdf,) = export_contest(congress_db, "团体赛", pdf=tmp_path / "团体赛.pdf")
    text = flat("".join(pages(pdf)))
    assert "2:111:511:53:113:1111:911:9" in text  # the tie (not the games, 4:2), then its games
    assert "1:25:115:1111:311:39:119:11" in text  # the same from the other side
