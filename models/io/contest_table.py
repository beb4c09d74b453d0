"""The contest sheets' page layout, styles and the ranking table (every judge's mark per stage)."""

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import (
    Paragraph,
    Table,
    TableStyle,
)

from models.io.clock_words import deduction_text, time_text
from models.io.contest_words import DASH, mark_text, note_words, stage_label
from models.io.pdf_kit import (
    FAIL,
    FONT,
    GREY,
    RULE,
    SHADE,
    WARN_BG,
    escape,
    paragraph_style,
    user_markup,
)
from models.rules.scoring import MEASURED, QUIZ, shown
from models.scores import RankingGroup, StageCard, Standings

MARGIN_X = 15 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 16 * mm
FRAME_PAD = 6

TITLE = paragraph_style("c_title", 17, 23, alignment=TA_CENTER)
HEADING = paragraph_style("c_heading", 9.5, 13.5, alignment=TA_CENTER, textColor=GREY)
SECTION = paragraph_style("c_section", 12, 16, spaceBefore=8, spaceAfter=1)
BODY = paragraph_style("c_body", 9.5, 14, spaceAfter=2)
NOTE = paragraph_style("c_note", 9, 13, textColor=FAIL, spaceBefore=2)
SMALL = paragraph_style("c_small", 8.5, 12, textColor=GREY)
CELL_LEFT = paragraph_style("c_cell_left", 9.5, 12, alignment=TA_LEFT)


# ----------------------------------------------------------------------------- ranking columns


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # mm at the minimum
    flexible: int = 0  # shares of spare room
    left: bool = False


def _stage_columns(group: RankingGroup, contest) -> list[tuple[str, list[Column]]]:
    """(stage header, its columns): a panel stage has one column per judge (and its own score
    when the event has several stages); a single or measured stage one column."""
    event = group.event
    if event.is_quiz:
        return [("", [Column("答题得分", 16)])]
    several = len(event.stages) > 1
    out = []
    for stage in event.stages:
        label = stage_label(stage)
        if stage.kind == MEASURED or stage.single:
            unit = f"（{stage.unit}）" if stage.unit else ""
            title = stage_label(stage, "成绩")
            out.append(("", [Column(f"{title}{unit}", 15, 1)]))
            continue
        columns = [Column(f"{j}号", 10.5, 1) for j in range(1, contest.judges + 1)]
        if several:
            columns.append(Column(f"{label}得分", 14, 1))
        out.append((f"{label}　评委分数" if several or stage.name else "评委分数", columns))
    if event.clock is not None:  # the speaking clock: the time and what it cost
        out.append(("", [Column("用时", 15, 1), Column("扣分", 12, 1)]))
    return out


def _stage_cells(card: StageCard, decimals: int, several: bool) -> list[str]:
    if card.stage.kind == QUIZ:
        return [shown(card.score, 0) if card.score is not None else DASH]
    if card.stage.kind == MEASURED or card.stage.single:
        return [mark_text(card.marks[0] if card.marks else None)]
    dropped = card.panel.dropped if card.panel else frozenset()
    cells = []
    for index, mark in enumerate(card.marks):
        text = escape(mark_text(mark))
        cells.append(f"<strike>{text}</strike>" if index in dropped else text)
    if several:
        cells.append(escape(shown(card.score, decimals) or DASH))
    return cells


LEAD = [
    Column("名次", 10),
    Column("序号", 10),
    Column("姓名", 16, 2, True),
    Column("单位", 18, 3, True),
]
TAIL = [Column("最后得分", 16, 1), Column("奖项", 14, 1), Column("备注", 22, 3, True)]


def _group_layout(group: RankingGroup, contest):
    stages = _stage_columns(group, contest)
    columns = LEAD + [c for _, cs in stages for c in cs] + TAIL
    return stages, columns


def needed_width(table: Standings) -> float:
    return max(
        (sum(c.width for c in _group_layout(g, table.contest)[1]) * mm for g in table.groups),
        default=0,
    )


def column_widths(columns: list[Column], avail: float) -> list[float]:
    widths = [c.width * mm for c in columns]
    spare = avail - sum(widths)
    shares = sum(c.flexible for c in columns)
    if spare > 0 and shares:
        widths = [w + spare * c.flexible / shares for w, c in zip(widths, columns, strict=True)]
    elif spare < 0:
        widths = [w * avail / sum(widths) for w in widths]
    return widths


def ranking_table(group: RankingGroup, contest, avail: float) -> Table:
    stages, columns = _group_layout(group, contest)
    widths = column_widths(columns, avail)
    size = 9 if len(columns) <= 12 else 8
    centred = paragraph_style(f"rc{size}", size, size * 1.3, alignment=TA_CENTER)
    left = paragraph_style(f"rl{size}", size, size * 1.3, alignment=TA_LEFT)
    several = len(group.event.stages) > 1
    # two header rows: the stage over its judges, then each column's own title
    top: list = []
    style = [
        ("FONT", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 1), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ]
    second: list = []
    index = 0
    for column in LEAD:
        top.append(Paragraph(escape(column.title), centred))
        second.append("")
        style.append(("SPAN", (index, 0), (index, 1)))
        index += 1
    for header, stage_columns in stages:
        if header:
            top.append(Paragraph(escape(header), centred))
            top += [""] * (len(stage_columns) - 1)
            style.append(("SPAN", (index, 0), (index + len(stage_columns) - 1, 0)))
            second += [Paragraph(escape(c.title), centred) for c in stage_columns]
        else:
            for column in stage_columns:
                top.append(Paragraph(escape(column.title), centred))
                second.append("")
                style.append(("SPAN", (index, 0), (index, 1)))
                index += 1
            continue
        index += len(stage_columns)
    for column in TAIL:
        top.append(Paragraph(escape(column.title), centred))
        second.append("")
        style.append(("SPAN", (index, 0), (index, 1)))
        index += 1
    rows = [top, second]
    for r, row in enumerate(group.rows, start=2):
        card = row.card
        cells = [
            escape(DASH if row.rank is None else row.rank),
            escape(row.entrant.number),
            user_markup(row.entrant.name),
            user_markup(row.entrant.unit),
        ]
        for stage_card in card.stages:
            cells += _stage_cells(stage_card, contest.decimals, several)
        if group.event.clock is not None:
            cells += [escape(time_text(card)), escape(deduction_text(card))]
        cells += [escape(row.score or DASH), escape(row.award or ""), escape(note_words(row, True))]
        rows.append(
            [Paragraph(text, left if columns[i].left else centred) for i, text in enumerate(cells)]
        )
        if row.flag:
            style.append(("BACKGROUND", (0, r), (-1, r), WARN_BG))
    table = Table(rows, colWidths=widths, repeatRows=2, hAlign="CENTER")
    table.setStyle(TableStyle(style))
    return table
