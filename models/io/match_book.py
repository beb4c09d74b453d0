"""Match and meet workbooks (openpyxl): the same figures as the PDFs, as cells to sort and sum.

A match contest: 「秩序」 (every match in the order of play, byes too), 「比赛结果」 (games won,
each game's score, the winner, how it ended), 「小组积分」 (each group's table, RULES §7) and
「淘汰赛名次」; these sheets are added to the contest workbook of `huiwu standings --xlsx` and make
the workbook of `huiwu contest matches --xlsx`. A meet: 「团体总分」 (points as numbers shown with
the meet's decimals), 「奖牌榜」 and 「各项目名次」. Names go through models.io.cells.put, so a
name like ``=HYPERLINK(…)`` stays text."""

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from models.io.book_kit import TITLE, WARN_FILL, write_header
from models.io.cells import put
from models.io.match_data import MatchPapers, MeetPapers
from models.io.match_order import feeder_words
from models.io.match_words import (
    FORMAT_NAMES,
    court_words,
    format_line,
    games_words,
    round_words,
    score_words,
)
from models.io.private_files import export_target, write_privately
from models.io.sheet_layout import fit_columns, ready_book
from models.matches.records import BRACKET, GROUP, RETIRED, WALKOVER
from models.rules.scoring import round_half_up
from models.rules.teampoints import show_points

ENDED = {"played": "完赛", WALKOVER: "弃权", RETIRED: "退赛", "": ""}


def _rows(sheet: Worksheet, first: int, rows) -> int:
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            put(sheet, first + offset, column, value)
    return first + len(rows)


def _finish(sheet: Worksheet, head_row: int) -> None:
    sheet.freeze_panes = sheet.cell(row=head_row + 1, column=1)
    fit_columns(sheet)


def _side(papers: MatchPapers, event, m, index: int):
    side = (m.a, m.b)[index]
    if side is None and m.phase == BRACKET and m.round > 1:
        return feeder_words(event, m, index), None
    return (papers.name(side) or None), (papers.unit(side) or None)


def order_sheet(sheet: Worksheet, papers: MatchPapers) -> None:
    sheet.title = "秩序"
    put(sheet, 1, 1, f"{papers.contest.title}　秩序册").font = TITLE
    head = ["场次", "项目", "赛制", "阶段", "轮次", "组别", "场地", "甲方", "甲方单位"]
    head += ["乙方", "乙方单位", "轮空"]
    write_header(sheet, 3, head)
    rows = []
    for event in papers.events:
        for m in event.matches:
            a, a_unit = _side(papers, event, m, 0)
            b, b_unit = _side(papers, event, m, 1)
            if m.bye and m.a is None:
                (a, a_unit), (b, b_unit) = (b, b_unit), (a, a_unit)
            rows.append(
                [
                    m.number,
                    event.event.name or None,
                    FORMAT_NAMES.get(event.event.matches.format),
                    "小组赛" if m.phase == GROUP else "淘汰赛",
                    round_words(m, event.rounds),
                    m.group or None,
                    court_words(m) or None,
                    a,
                    a_unit,
                    None if m.bye else b,
                    None if m.bye else b_unit,
                    "是" if m.bye else None,
                ]
            )
    _rows(sheet, 4, rows)
    _finish(sheet, 3)


def results_sheet(sheet: Worksheet, papers: MatchPapers) -> None:
    head = ["场次", "项目", "轮次", "组别", "甲方", "乙方", "甲方胜局", "乙方胜局", "比分"]
    head += ["各局比分（甲方在前）", "胜方", "结束方式", "记录时间"]
    write_header(sheet, 1, head)
    rows = []
    for event in papers.events:
        for m in event.matches:
            if m.bye:
                continue
            score = score_words(m)
            won = score.split("（")[0].split(":") if ":" in score else [None, None]
            rows.append(
                [
                    m.number,
                    event.event.name or None,
                    round_words(m, event.rounds),
                    m.group or None,
                    _side(papers, event, m, 0)[0],
                    _side(papers, event, m, 1)[0],
                    int(won[0]) if won[0] is not None else None,
                    int(won[1]) if won[1] is not None else None,
                    score or None,
                    games_words(m, ",") or None,
                    papers.name(m.winner) or None,
                    ENDED.get(m.ended, m.ended) or None,
                    m.at or None,
                ]
            )
    _rows(sheet, 2, rows)
    _finish(sheet, 1)


def groups_sheet(sheet: Worksheet, papers: MatchPapers) -> None:
    head = ["项目", "组别", "名次", "姓名", "单位", "积分", "胜", "负", "胜局", "负局"]
    head += ["得分", "失分", "备注"]
    write_header(sheet, 1, head)
    row_number = 2
    for event in papers.events:
        for group, rows in event.groups:
            for r in rows:
                note = "待抽签" if r.lots else ("抽签" if r.drawn else None)
                values = [
                    event.event.name or None,
                    group,
                    r.rank,
                    papers.name(r.entrant),
                    papers.unit(r.entrant) or None,
                    r.points,
                    r.won,
                    r.lost,
                    *r.games,
                    *r.rallies,
                    note,
                ]
                _rows(sheet, row_number, [values])
                if r.lots:
                    for cell in sheet[row_number]:
                        cell.fill = WARN_FILL
                row_number += 1
    _finish(sheet, 1)


def places_sheet(sheet: Worksheet, papers: MatchPapers) -> None:
    write_header(sheet, 1, ["项目", "赛制", "名次", "姓名", "单位"])
    rows = [
        [
            event.event.name or None,
            format_line(event.event.matches),
            r.rank,
            papers.name(r.entrant),
            papers.unit(r.entrant) or None,
        ]
        for event in papers.events
        for r in event.places
    ]
    _rows(sheet, 2, rows)
    _finish(sheet, 1)


def add_match_sheets(book: Workbook, papers: MatchPapers, first: Worksheet | None = None) -> None:
    """The four match sheets; the first into ``first`` (a new workbook's own sheet) if given."""
    order_sheet(first if first is not None else book.create_sheet("秩序"), papers)
    results_sheet(book.create_sheet("比赛结果"), papers)
    groups_sheet(book.create_sheet("小组积分"), papers)
    places_sheet(book.create_sheet("淘汰赛名次"), papers)


def write_matches_xlsx(papers: MatchPapers, path, congress) -> object:
    out = export_target(path)
    book = Workbook()
    add_match_sheets(book, papers, book.active)
    book.properties.title = f"{papers.contest.title} 秩序册与比赛结果"
    book.properties.creator = "huiwu 会务"
    book.properties.subject = (
        f"{congress.name}：竞赛 {papers.contest.number} {papers.contest.title}"
    )
    ready_book(book)
    write_privately(out, lambda temp: book.save(temp))
    return out


# --- the meet ------------------------------------------------------------------------------------


def _points_number(points, decimals: int) -> float:
    """The points as shown (ROUND_HALF_UP), as a spreadsheet number."""
    return float(round_half_up(points, decimals))


def _number_format(decimals: int) -> str:
    return "0." + "0" * decimals if decimals else "0"


def team_sheet(sheet: Worksheet, papers: MeetPapers) -> None:
    table = papers.standings
    meet = table.meet
    sheet.title = "团体总分"
    put(sheet, 1, 1, f"{meet.name}　团体总分").font = TITLE
    deepest = max((len(r.places) for r in table.rows), default=0)
    head = ["名次", "单位", "总分", "总分（显示）", *[f"第{i}名" for i in range(1, deepest + 1)]]
    write_header(sheet, 3, head)
    for i, r in enumerate(table.rows, start=4):
        values = [r.rank, r.unit, _points_number(r.points, meet.decimals)]
        values += [show_points(r.points, meet.decimals), *r.places]
        _rows(sheet, i, [values])
        sheet.cell(row=i, column=3).number_format = _number_format(meet.decimals)
    _finish(sheet, 3)


def medal_sheet(sheet: Worksheet, papers: MeetPapers) -> None:
    write_header(sheet, 1, ["名次", "单位", "金牌", "银牌", "铜牌", "合计"])
    rows = [
        [r.rank, r.unit, r.gold, r.silver, r.bronze, r.gold + r.silver + r.bronze]
        for r in papers.standings.medals
    ]
    _rows(sheet, 2, rows)
    _finish(sheet, 1)


def meet_places_sheet(sheet: Worksheet, papers: MeetPapers) -> None:
    meet = papers.standings.meet
    write_header(sheet, 1, ["项目", "名次", "姓名", "单位", "得分", "破纪录"])
    row_number = 2
    for title, placed in papers.places:
        for p in placed:
            values = [title, p.rank, p.name, p.unit, _points_number(p.points, meet.decimals)]
            _rows(sheet, row_number, [[*values, "是" if p.record else None]])
            sheet.cell(row=row_number, column=5).number_format = _number_format(meet.decimals)
            row_number += 1
    for event in papers.standings.pending:
        _rows(sheet, row_number, [[event, None, "尚未决出名次"]])
        row_number += 1
    _finish(sheet, 1)


def write_meet_xlsx(papers: MeetPapers, path, congress) -> object:
    out = export_target(path)
    book = Workbook()
    meet = papers.standings.meet
    team_sheet(book.active, papers)
    medal_sheet(book.create_sheet("奖牌榜"), papers)
    meet_places_sheet(book.create_sheet("各项目名次"), papers)
    book.properties.title = f"{meet.name} 团体总分"
    book.properties.creator = "huiwu 会务"
    book.properties.subject = f"{congress.name}：运动会 {meet.number} {meet.name}"
    ready_book(book)
    write_privately(out, lambda temp: book.save(temp))
    return out
