"""小组积分表 and 名次: each group as a cross table — every side against every other, the score
in games from the row side's view (the games' points under it), the diagonal shaded — then the
side's 积分, 胜/负, 局 and 名次, as the tables printed at union ball games; sides still equal
after every step of RULES §7 are marked 待抽签, those placed by the lots drawn 抽签. The places a
knockout has decided follow as a plain list."""

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Table, TableStyle

from models.io.contest_table import SMALL
from models.io.match_data import EventPapers, MatchPapers
from models.io.match_order import ROUND, side_text
from models.io.match_words import from_view_of
from models.io.pdf_kit import (
    FONT,
    GREY,
    RULE,
    SHADE,
    escape,
    grid_style,
    paragraph_style,
    user_markup,
)
from models.matches.records import WALKOVER, GroupRow, MatchInfo

CELL_C = paragraph_style("mg_c", 9, 11, alignment=TA_CENTER)
CELL_L = paragraph_style("mg_l", 9, 11, alignment=TA_LEFT)
TINY = paragraph_style("mg_tiny", 6.5, 8, alignment=TA_CENTER, textColor=GREY)
DIAGONAL = HexColor("#C8C8C8")  # a side against itself
FIXED = (8 * mm, 34 * mm, 11 * mm, 12 * mm, 14 * mm, 11 * mm, 13 * mm)  # 序, 姓名 | 积分 … 备注
MIN_EACH = 10 * mm  # one opponent's column: "3:1" at 9 pt
MAX_EACH = 30 * mm  # a few sides: the table stays compact, centred


def cross_width(sides: int) -> float:
    """The narrowest a group's cross table of ``sides`` can be drawn."""
    return sum(FIXED) + sides * MIN_EACH


def group_sides(matches: tuple[MatchInfo, ...]) -> list[int]:
    """The group's sides in the order of the draw (as they first appear in the order of play)."""
    seen: dict[int, None] = {}
    for m in sorted(matches, key=lambda m: m.number):
        for side in (m.a, m.b):
            if side is not None:
                seen.setdefault(side)
    return list(seen)


def cell_words(match: MatchInfo | None, side: int, games_shown: bool) -> list:
    """The cell of ``side``'s row against one opponent: 3:1 over the games' points, 弃权, or empty."""
    if match is None or match.winner is None:
        return [Paragraph("", CELL_C)]
    if match.ended == WALKOVER:
        won = "胜（对方弃权）" if match.winner == side else "负（弃权）"
        return [Paragraph(won, CELL_C)]
    (won, lost), games = from_view_of(match, side)
    out = [Paragraph(f"{won}:{lost}", CELL_C)]
    if games_shown:
        out.append(Paragraph(" ".join(f"{a}:{b}" for a, b in games), TINY))
    return out


def _place_note(row: GroupRow) -> str:
    if row.lots:
        return "待抽签"
    return "抽签" if row.drawn else ""


def cross_table(papers: MatchPapers, group: str, rows, matches, avail: float) -> Table:
    sides = group_sides(matches)
    by_side = {r.entrant: r for r in rows}
    pair = {frozenset((m.a, m.b)): m for m in matches if not m.bye}
    each = min(MAX_EACH, max(MIN_EACH, (avail - sum(FIXED)) / max(len(sides), 1)))
    games_shown = each >= 17 * mm
    head = ["", "姓名（单位）", *[str(i) for i in range(1, len(sides) + 1)]]
    head += ["积分", "胜/负", "局", "名次", "备注"]
    data = [[Paragraph(escape(h), CELL_C) for h in head]]
    for i, side in enumerate(sides):
        row = by_side.get(side)
        line = [
            Paragraph(str(i + 1), CELL_C),
            Paragraph(user_markup(side_text(papers, side)), CELL_L),
        ]
        for j, other in enumerate(sides):
            line.append(
                "" if i == j else cell_words(pair.get(frozenset((side, other))), side, games_shown)
            )
        if row is None:
            line += [""] * 5
        else:
            line += [
                Paragraph(str(row.points), CELL_C),
                Paragraph(f"{row.won}/{row.lost}", CELL_C),
                Paragraph(f"{row.games[0]}:{row.games[1]}", CELL_C),
                Paragraph(str(row.rank), CELL_C),
                Paragraph(_place_note(row), CELL_C),
            ]
        data.append(line)
    widths = [*FIXED[:2], *[each] * len(sides), *FIXED[2:]]
    style = [
        ("FONT", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("BACKGROUND", (2 + i, 1 + i), (2 + i, 1 + i), DIAGONAL) for i in range(len(sides))]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(TableStyle(style))
    return table


def groups_story(papers: MatchPapers, event: EventPapers, avail: float) -> list:
    story: list = []
    for group, rows in event.groups:
        matches = event.group_matches(group)
        played = sum(1 for m in matches if m.decided and not m.bye)
        due = sum(1 for m in matches if not m.bye)
        title = f"{group}组 小组积分表（已赛 {played}/{due} 场）"
        block = [Paragraph(escape(title), ROUND), cross_table(papers, group, rows, matches, avail)]
        if any(r.lots for r in rows):
            block.append(
                Paragraph(
                    "待抽签：按规则比较后仍相等，名次由组委会抽签决定（huiwu contest lots）。",
                    SMALL,
                )
            )
        story.append(KeepTogether(block))
    if event.groups:
        story.append(
            Paragraph(
                "积分：胜 2 分、负 1 分、弃权 0 分；积分相同者依次比较相互间的胜负场、胜负局比率、"
                "得失分比率（RULES §7）。格内为行方的胜局:负局，下为各局比分。",
                SMALL,
            )
        )
    return story


def places_table(papers: MatchPapers, event: EventPapers, avail: float) -> list:
    if not event.places:
        return []
    data = [[Paragraph(h, CELL_C) for h in ("名次", "姓名", "单位")]]
    for row in event.places:
        data.append(
            [
                Paragraph(str(row.rank), CELL_C),
                Paragraph(user_markup(papers.name(row.entrant)), CELL_L),
                Paragraph(user_markup(papers.unit(row.entrant)), CELL_L),
            ]
        )
    width = min(avail, 150 * mm)
    table = Table(data, colWidths=[20 * mm, (width - 20 * mm) / 2, (width - 20 * mm) / 2])
    table.setStyle(grid_style())
    return [KeepTogether([Paragraph("淘汰赛名次", ROUND), table])]
