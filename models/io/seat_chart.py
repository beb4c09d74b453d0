"""The 座次表 on paper: the hall row by row with the presidium's table on top, each delegation in
its colour with a legend, then each delegation's seat list. Landscape, A4 or A3 (A3 when a row
has too many seats for a name to stay legible on A4); drawn with the house PDF kit, so the CJK
font is embedded and every name goes in as text, never as markup."""

import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer, Table, TableStyle

from models.io.pdf_kit import (
    FONT,
    HEADING,
    RULE,
    SHADE,
    TITLE,
    build_pdf,
    paragraph_style,
    user_markup,
)
from models.io.private_files import export_target, write_privately
from models.seats.labels import Seat, hall_seat, presidium_seat, seat_of_label
from models.seats.plan import HallPlan

MARGIN = 10 * mm
ROW_LABEL_W = 13 * mm
AISLE_W = 4 * mm
MIN_A4_CELL = 9 * mm  # three characters at 7 pt: narrower and the sheet goes to A3
CATEGORY_WORDS = {
    "delegate": "正式代表",
    "attendee": "列席代表",
    "guest": "特邀代表",
    "staff": "工作人员",
}
NO_DELEGATION = "未分团"
# Light fills a black name reads on, printed in colour or grey (each a different lightness too).
PALETTE = [
    HexColor(code)
    for code in (
        "#FFCDD2", "#C8E6C9", "#BBDEFB", "#FFF9C4", "#E1BEE7", "#FFE0B2", "#B2EBF2", "#F0F4C3",
        "#D7CCC8", "#F8BBD0", "#C5CAE9", "#DCEDC8", "#B2DFDB", "#FFECB3", "#CFD8DC", "#E6EE9C",
    )
]  # fmt: skip
EMPTY_SEAT = Color(1, 1, 1)
GROUP = paragraph_style("seat_group", 11.5, 15, spaceBefore=6, spaceAfter=2)
LIST_CELL = paragraph_style("seat_list", 9.5, 12)


@dataclass(frozen=True)
class ChartPerson:
    code: str
    name: str
    delegation: str | None
    category: str
    seat: str | None


@dataclass(frozen=True)
class SeatChart:
    congress: str
    plan: HallPlan | None
    people: list[ChartPerson]  # by seat, the unseated last

    def delegations(self) -> list[str]:
        """In the order they first sit (front row first)."""
        return list(dict.fromkeys(p.delegation or NO_DELEGATION for p in self.people))


def page_size(plan: HallPlan | None, paper: str | None = None):
    """Landscape A4 unless the chosen paper says A3, or a row's seats would be too narrow."""
    if paper:
        return landscape(A3 if paper.upper() == "A3" else A4)
    if plan is None:
        return landscape(A4)
    return landscape(A4) if _cell_width(plan, landscape(A4)) >= MIN_A4_CELL else landscape(A3)


def _cell_width(plan: HallPlan, size) -> float:
    usable = size[0] - 2 * MARGIN - 12 - ROW_LABEL_W - AISLE_W * len(plan.aisles)
    return usable / plan.seats


def _colours(chart: SeatChart) -> dict[str, Color]:
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(chart.delegations())}


def _name_style(width: float) -> object:
    """A name's size: three characters fill the seat's width, 6–10 pt."""
    size = max(6.0, min(10.0, (width - 4) / 3.2))
    return paragraph_style(f"seat_{size:.1f}", size, size * 1.15, alignment=TA_CENTER)


def _seat_cell(person: ChartPerson | None, seat: Seat, style) -> list:
    number = f'<font size="5.5" color="#555555">{seat.number}</font>'
    if person is None:
        return [Paragraph(number, style)]
    return [Paragraph(user_markup(person.name), style), Paragraph(number, style)]


def _grid(chart: SeatChart, plan: HallPlan, size) -> list:
    by_seat = {seat_of_label(p.seat): p for p in chart.people if p.seat}
    colours = _colours(chart)
    width = _cell_width(plan, size)
    style = _name_style(width)
    label_style = paragraph_style("row_label", 8, 10, alignment=TA_CENTER)
    columns: list[float] = [ROW_LABEL_W]
    seat_columns: dict[int, int] = {}
    for number in range(1, plan.seats + 1):
        seat_columns[number] = len(columns)
        columns.append(width)
        if number in plan.aisles:
            columns.append(AISLE_W)
    rows, commands = [], []
    for row in range(1, plan.rows + 1):
        cells: list = [Paragraph(f"第{row}排", label_style)] + [""] * (len(columns) - 1)
        for number, column in seat_columns.items():
            seat = hall_seat(row, number)
            person = by_seat.get(seat)
            cells[column] = _seat_cell(person, seat, style)
            fill = colours[person.delegation or NO_DELEGATION] if person else EMPTY_SEAT
            commands.append(("BACKGROUND", (column, row - 1), (column, row - 1), fill))
            commands.append(("BOX", (column, row - 1), (column, row - 1), 0.4, RULE))
        rows.append(cells)
    table = Table(rows, colWidths=columns, hAlign="CENTER")
    table.setStyle(TableStyle([*_tight(), *commands]))
    return [table]


def _presidium(chart: SeatChart, plan: HallPlan, size) -> list:
    if not plan.presidium:
        return []
    by_seat = {seat_of_label(p.seat): p for p in chart.people if p.seat}
    width = min(22 * mm, (size[0] - 2 * MARGIN - 12) / plan.presidium)
    style = _name_style(width)
    cells, commands = [], []
    for number in range(1, plan.presidium + 1):
        seat = presidium_seat(number)
        person = by_seat.get(seat)
        cells.append(_seat_cell(person, seat, style))
        column = number - 1
        commands.append(("BACKGROUND", (column, 0), (column, 0), SHADE if person else EMPTY_SEAT))
    table = Table([cells], colWidths=[width] * plan.presidium, hAlign="CENTER")
    table.setStyle(TableStyle([*_tight(), ("GRID", (0, 0), (-1, -1), 0.6, RULE), *commands]))
    caption = paragraph_style("presidium", 10, 13, alignment=TA_CENTER)
    return [Paragraph("主 席 台", caption), Spacer(1, 1 * mm), table, Spacer(1, 4 * mm)]


def _tight() -> list:
    return [
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]


def _legend(chart: SeatChart) -> list:
    colours = _colours(chart)
    counts: dict[str, int] = {}
    for person in chart.people:
        if person.seat:
            key = person.delegation or NO_DELEGATION
            counts[key] = counts.get(key, 0) + 1
    entries = [(name, counts[name]) for name in chart.delegations() if name in counts]
    if not entries:
        return []
    per_row = 6
    cells, commands = [], []
    for index, (name, count) in enumerate(entries):
        row, column = divmod(index, per_row)
        if column == 0:
            cells.append([""] * per_row)
        cells[row][column] = Paragraph(f"{user_markup(name)}（{count}人）", LIST_CELL)
        commands.append(("BACKGROUND", (column, row), (column, row), colours[name]))
    table = Table(cells, colWidths=[40 * mm] * per_row, hAlign="CENTER")
    table.setStyle(TableStyle([*_tight(), ("BOX", (0, 0), (-1, -1), 0.4, RULE), *commands]))
    return [Spacer(1, 4 * mm), Paragraph("图例", HEADING), table]


def _by_delegation(chart: SeatChart) -> list:
    story: list = [PageBreak(), Paragraph("各代表团座位表", TITLE), Spacer(1, 3 * mm)]
    colours = _colours(chart)
    groups: dict[str, list[ChartPerson]] = {}
    for person in chart.people:
        groups.setdefault(person.delegation or NO_DELEGATION, []).append(person)
    for name, members in groups.items():
        rows = [["座位", "编号", "姓名", "类别"]]
        for person in members:
            rows.append(
                [
                    person.seat or "未安排",
                    Paragraph(user_markup(person.code), LIST_CELL),
                    Paragraph(user_markup(person.name), LIST_CELL),
                    CATEGORY_WORDS.get(person.category, person.category),
                ]
            )
        table = Table(rows, colWidths=[30 * mm, 35 * mm, 50 * mm, 30 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 9.5),
                    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                    ("BACKGROUND", (0, 0), (-1, 0), colours[name]),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        heading = f"{user_markup(name)}（{len(members)}人）"
        story += [CondPageBreak(30 * mm), Paragraph(heading, GROUP), table]
    return story


def chart_story(chart: SeatChart, size, *, lists_only: bool = False) -> list:
    """The chart, then each delegation's list on pages of its own (only the lists when
    ``lists_only``, or when there is no plan to draw)."""
    plan = chart.plan
    if lists_only or plan is None:
        return [Paragraph(user_markup(chart.congress), HEADING), *_by_delegation(chart)[1:]]
    story: list = [Paragraph(user_markup(chart.congress), HEADING), Paragraph("座次表", TITLE)]
    if plan is not None:
        figures = f"{plan.rows} 排 × 每排 {plan.seats} 座，主席台 {plan.presidium} 座"
        story += [Paragraph(figures, HEADING), Spacer(1, 3 * mm)]
        story += _presidium(chart, plan, size)
        story += [Paragraph("（主席台方向）", HEADING), Spacer(1, 1 * mm)]
        story += _grid(chart, plan, size)
        story += _legend(chart)
    return story + _by_delegation(chart)


def write_seat_chart(
    chart: SeatChart,
    path: str | os.PathLike,
    *,
    paper: str | None = None,
    lists_only: bool = False,
) -> Path:
    out = export_target(path)
    size = page_size(chart.plan, paper)
    write_privately(
        out,
        lambda temp: build_pdf(
            temp,
            lambda: chart_story(chart, size, lists_only=lists_only),
            title=f"{chart.congress} 座次表",
            subject=f"{chart.congress}：座次表与各代表团座位表",
            keywords="座次表 座位 代表团",
            footer=f"{chart.congress}　座次表",
            page_size=size,
            margins=(MARGIN, MARGIN, 14 * mm),
        ),
    )
    return out
