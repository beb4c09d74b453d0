"""The 秩序册 (order of play) of a match contest: per event, round by round, a table of 场次,
轮次, 组别, 场地 and 对阵 — with the score once a match is played — and the byes (轮空) of the
round listed under it. A knockout match whose sides are not known yet names where they come
from (第12场胜者), so the book is printed the day of the draw and stays right all day."""

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from models.io.contest_table import BODY, SMALL
from models.io.match_data import EventPapers, MatchPapers
from models.io.match_words import (
    BYE,
    TBD,
    bye_side,
    court_words,
    format_line,
    group_words,
    is_third_place,
    round_words,
    score_words,
)
from models.io.pdf_kit import escape, grid_style, paragraph_style, user_markup
from models.matches.records import BRACKET, MatchInfo

CELL_C = paragraph_style("mo_c", 9, 11.5, alignment=TA_CENTER)
CELL_L = paragraph_style("mo_l", 9, 11.5, alignment=TA_LEFT)
ROUND = paragraph_style("mo_round", 10, 14, spaceBefore=4, spaceAfter=2)
HEAD = ("场次", "轮次", "组别", "场地", "甲方", "", "乙方", "比分")


def side_text(papers: MatchPapers, side: int | None, empty: str = TBD) -> str:
    if side is None:
        return empty
    unit = papers.unit(side)
    return f"{papers.name(side)}（{unit}）" if unit else papers.name(side)


def feeder_words(papers: EventPapers, match: MatchInfo, index: int) -> str:
    """Where a knockout side not known yet comes from: 第N场胜者 (第N场负者 for the third-place
    match), or 待定 when that feeder is not in the book."""
    numbers = {(m.round, m.slot): m.number for m in papers.knockout}
    rounds = papers.rounds
    if is_third_place(match, rounds):
        number = numbers.get((match.round - 1, index))
        return f"第{number}场负者" if number else TBD
    number = numbers.get((match.round - 1, 2 * match.slot + index))
    return f"第{number}场胜者" if number else TBD


def _sides(papers: MatchPapers, event: EventPapers, m: MatchInfo) -> tuple[str, str]:
    out = []
    for index, side in enumerate((m.a, m.b)):
        if side is None and m.phase == BRACKET and m.round > 1:
            out.append(feeder_words(event, m, index))
        else:
            out.append(side_text(papers, side))
    return out[0], out[1]


def _round_key(m: MatchInfo) -> tuple[str, int]:
    return (m.phase, m.round)


def rounds_of(event: EventPapers) -> list[tuple[str, list[MatchInfo]]]:
    """(round title, its matches) in the order of play: the groups' rounds, then the knockout's."""
    by_round: dict[tuple[str, int], list[MatchInfo]] = {}
    for m in event.matches:
        by_round.setdefault(_round_key(m), []).append(m)
    out = []
    for (phase, _rnd), matches in by_round.items():
        first = matches[0]
        if phase == BRACKET:
            names = dict.fromkeys(round_words(m, event.rounds) for m in matches)
            title = "淘汰赛 " + "、".join(names)
        else:
            title = f"小组赛 第{first.round}轮"
        out.append((title, matches))
    return out


def order_table(papers: MatchPapers, event: EventPapers, matches, avail: float) -> Table:
    fixed = [16 * mm, 22 * mm, 14 * mm, 12 * mm, 0, 7 * mm, 0, 20 * mm]
    spare = (avail - sum(fixed)) / 2
    widths = [w or spare for w in fixed]
    rows = [[Paragraph(escape(h), CELL_C) for h in HEAD]]
    for m in matches:
        a, b = _sides(papers, event, m)
        rows.append(
            [
                Paragraph(f"第{m.number}场", CELL_C),
                Paragraph(escape(round_words(m, event.rounds)), CELL_C),
                Paragraph(escape(group_words(m)), CELL_C),
                Paragraph(escape(court_words(m)), CELL_C),
                Paragraph(user_markup(a), CELL_L),
                Paragraph("对", CELL_C),
                Paragraph(user_markup(b), CELL_L),
                Paragraph(escape(score_words(m)), CELL_C),
            ]
        )
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(grid_style(top=2, bottom=3))
    return table


def byes_line(papers: MatchPapers, matches) -> Paragraph | None:
    byes = [m for m in matches if m.bye]
    if not byes:
        return None
    names = []
    for m in byes:
        where = f"{m.group}组 " if m.group else ""
        names.append(where + side_text(papers, bye_side(m)))
    return Paragraph(user_markup(f"{BYE}：" + "；".join(names)), SMALL)


def event_order_story(papers: MatchPapers, event: EventPapers, avail: float) -> list:
    """One event's order of play, round by round; a round's table kept on one page if it can."""
    story: list = [Paragraph(escape(format_line(event.event.matches)), SMALL)]
    if not event.matches:
        return [*story, Paragraph("尚未抽签编排。", BODY)]
    for title, matches in rounds_of(event):
        played = [m for m in matches if not m.bye]
        block: list = [Paragraph(escape(title), ROUND)]
        if played:
            block.append(order_table(papers, event, played, avail))
        line = byes_line(papers, matches)
        if line is not None:
            block.append(line)
        story.append(KeepTogether(block) if len(played) < 30 else block[0])
        if len(played) >= 30:
            story += block[1:]
        story.append(Spacer(1, 1.5 * mm))
    return story
