"""未到名单 on paper and in Excel, for whoever phones the delegation heads: per delegation its
head, then the absentees (code, name, unit and, when the roster has phones, the phone) with an
empty column to note the call's outcome.
In Chinese, as every printed huiwu sheet; drawn with the house PDF builder and written with the
one cell writer of :mod:`models.io.cells` (a unit typed as ``=…`` stays text)."""

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from models.absentees import Absentee, AbsenteeReport, DelegationAbsentees
from models.io.attendance_sheet import EMPTY, GROUP, GROUP_ROOM, NO_DELEGATION, text_cell
from models.io.book_kit import BOLD, CENTRE, HEADER_FILL, TITLE
from models.io.cells import put
from models.io.pdf_kit import FONT, HEADING, RULE, SHADE, WIDTH, build_pdf, user_markup
from models.io.pdf_kit import TITLE as PDF_TITLE
from models.io.private_files import export_target, write_privately
from models.io.sheet_layout import fit_columns, ready_to_print

CELL_SIZE = 9.5
PAD = 3
PDF_COLUMNS = (("序号", 12 * mm), ("编号", 24 * mm), ("姓名", 28 * mm), ("单位", None))
PHONE_W = 34 * mm  # "+86 138 0013 8000" on one line
NOTE_W = 45 * mm  # left blank: 已联系 / 在路上 / 请假补办 …
BOOK_HEADERS = ("代表团", "团长", "团长编号", "编号", "姓名", "单位", "联系情况")
# when the roster has phones: the head's after the head's code, each absentee's after the unit
PHONE_BOOK_HEADERS = (
    *("代表团", "团长", "团长编号", "团长电话"),
    *("编号", "姓名", "单位", "电话", "联系情况"),
)


def figures_words(report: AbsenteeReport) -> str:
    return (
        f"应到 {report.due} 名 · 实到 {report.present} 名 · "
        f"请假 {report.leave} 名（不列入本名单） · 未到 {report.absent} 名"
    )


def head_words(group: DelegationAbsentees) -> str:
    if not group.head:
        return "名单未指定团长"
    phone = f"，电话 {group.head_phone}" if group.head_phone else ""
    return f"团长：{group.head}（{group.head_code}）{phone}"


def heading_lines(report: AbsenteeReport) -> list[str]:
    lines = [report.congress.name, report.sitting.name]
    if report.delegation is not None:
        lines.append(f"代表团：{report.delegation}")
    return [*lines, figures_words(report)]


# -- PDF ----------------------------------------------------------------------------------------


def _group_table(group: DelegationAbsentees, phones: bool) -> Table:
    columns = [*PDF_COLUMNS, ("电话", PHONE_W)] if phones else list(PDF_COLUMNS)
    fixed = sum(w for _, w in columns if w) + NOTE_W
    widths = [w if w else WIDTH - fixed for _, w in columns] + [NOTE_W]
    rows = [[*(title for title, _ in columns), "联系情况"]]
    for number, person in enumerate(group.people, start=1):
        cells = [person.code, person.name, person.unit or ""]
        if phones:
            cells.append(person.phone or "")
        rows.append(
            [
                str(number),
                *(text_cell(text, width) for text, width in zip(cells, widths[1:], strict=False)),
                "",
            ]
        )
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, CELL_SIZE),
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ]
        )
    )
    return table


def absent_story(report: AbsenteeReport) -> list:
    story: list = [Paragraph("未到名单", PDF_TITLE), Spacer(1, 1.5 * mm)]
    story += [Paragraph(user_markup(line), HEADING) for line in heading_lines(report)]
    if not report.groups:
        story.append(Paragraph("没有未到的正式代表（均已签到或请假）。", EMPTY))
    for group in report.groups:
        name = group.delegation or NO_DELEGATION
        count = f'<font size="9" color="#6B6B6B">　未到 {len(group.people)} 名</font>'
        story += [
            CondPageBreak(GROUP_ROOM),
            Paragraph(f"{user_markup(name)}　{user_markup(head_words(group))}{count}", GROUP),
            _group_table(group, report.phones),
        ]
    return story


def write_absent_pdf(report: AbsenteeReport, path: str | os.PathLike) -> Path:
    out = export_target(path)
    name = report.congress.name
    write_privately(
        out,
        lambda temp: build_pdf(
            temp,
            lambda: absent_story(report),
            title=f"{name} {report.sitting.name} 未到名单",
            subject=f"{name}：{report.sitting.name} 未到代表",
            keywords="未到 缺席 签到 代表团",
            footer=f"{name}　{report.sitting.name}　未到名单",
        ),
    )
    return out


# -- workbook -----------------------------------------------------------------------------------


def book_rows(report: AbsenteeReport) -> list[tuple]:
    """One row per absentee with the delegation and head on every row, so Excel can sort and
    filter it."""
    return [
        _book_row(group, person, report.phones)
        for group in report.groups
        for person in group.people
    ]


def _book_row(group: DelegationAbsentees, person: Absentee, phones: bool) -> tuple:
    head = [group.delegation or NO_DELEGATION, group.head or "", group.head_code or ""]
    cells = [person.code, person.name, person.unit or ""]
    if phones:
        head.append(group.head_phone or "")
        cells.append(person.phone or "")
    return (*head, *cells, "")


def _fill_sheet(sheet: Worksheet, report: AbsenteeReport) -> None:
    header_row = len(heading_lines(report)) + 3
    for row, values in enumerate(book_rows(report), start=header_row + 1):
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value)
    headers = PHONE_BOOK_HEADERS if report.phones else BOOK_HEADERS
    for column, title in enumerate(headers, start=1):
        cell = put(sheet, header_row, column, title)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, CENTRE
    fit_columns(sheet)
    # written after fitting: the title and figures run across the empty cells to their right
    put(sheet, 1, 1, "未到名单").font = TITLE
    for row, line in enumerate(heading_lines(report), start=2):
        put(sheet, row, 1, line)
    ready_to_print(sheet, header_row)


def write_absent_xlsx(report: AbsenteeReport, path: str | os.PathLike) -> Path:
    out = export_target(path)
    book = Workbook()
    book.active.title = "未到名单"
    _fill_sheet(book.active, report)
    book.properties.title = f"{report.congress.name} {report.sitting.name} 未到名单"
    book.properties.creator = "huiwu 会务"
    write_privately(out, lambda temp: book.save(temp))
    return out
