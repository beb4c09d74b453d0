"""Result workbooks: the facts of one voting item's result sheet, as cells (openpyxl).

Sheets: 「结果」 (title, every figure as a number, the verdict, the sentences, the entry check and
the roll), the item's table (「得票」 candidates, 「测评」 people appraised or 「代表团」 shows of
hands), 「设置」 (each setting, its stored value and its meaning; the roll and its SHA-256) and,
for an election given its ballots, 「选票」 (one row per ballot of the first entry). Counts are
numbers; a satisfaction rate is both the printed text ("96.45%") and a number (96.45).
"""

import os
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from models.congress import CongressInfo
from models.errors import refuse
from models.io.book_kit import (
    BOLD,
    CENTRE,
    PASS_FILL,
    TITLE,
    WARN_FILL,
    WRAP,
    write_header,
)
from models.io.cells import put, time_shown
from models.io.private_files import write_privately
from models.io.result_facts import ResultFacts, ResultTable, percent_text, result_facts
from models.io.sheet_layout import display_width, fit_columns, ready_book
from models.rules.election import Ballot

VERDICT_FONTS = {
    "pass": Font(bold=True, size=14, color="1B5E20"),
    "fail": Font(bold=True, size=14, color="B3261E"),
    "open": Font(bold=True, size=14, color="5F6368"),
    "warn": Font(bold=True, size=14, color="B45309"),
}


def write_result_xlsx(
    outcome,
    path: str | os.PathLike,
    congress: CongressInfo,
    *,
    ballots: list[Ballot] | None = None,
) -> Path:
    """The result workbook of ``outcome``; ``ballots`` (an election's first entry) adds 「选票」."""
    out = Path(path).expanduser()
    if out.is_dir():
        raise refuse("result.out_is_dir", path=str(out))
    facts = result_facts(outcome, congress, ballots)
    book = build_workbook(facts)
    write_privately(out, lambda temp: book.save(temp))
    return out


def build_workbook(facts: ResultFacts) -> Workbook:
    book = Workbook()
    _result_sheet(book.active, facts)
    if facts.table is not None:
        _table_sheet(book.create_sheet(facts.table.name), facts.table)
    if facts.elected_all is not None:
        _table_sheet(book.create_sheet(facts.elected_all.name), facts.elected_all)
    _settings_sheet(book.create_sheet("设置"), facts)
    if facts.ballots is not None:
        _table_sheet(book.create_sheet(facts.ballots.name), facts.ballots, freeze="B2")
    if facts.differences is not None:
        _table_sheet(book.create_sheet(facts.differences.name), facts.differences)
        book.move_sheet(facts.differences.name, offset=2 - len(book.sheetnames))  # second
    book.properties.title = facts.title
    book.properties.creator = "huiwu 会务"
    book.properties.subject = f"{facts.congress_name}：第 {facts.number} 项 {facts.item_title}"
    return ready_book(book)


# ----------------------------------------------------------------------------- helpers


def _number(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def _value(fact):
    """A fact's cell value: a time as a spreadsheet time, anything else as it is."""
    if fact.moment is not None:
        return time_shown(fact.moment, "%Y-%m-%d %H:%M")
    return fact.value


# ----------------------------------------------------------------------------- sheets


def _result_sheet(sheet: Worksheet, facts: ResultFacts) -> None:
    sheet.title = "结果"
    put(sheet, 1, 1, facts.title).font = TITLE
    row = 2
    for line in facts.heading:
        put(sheet, row, 1, line)
        row += 1
    header_row = row
    write_header(sheet, header_row, ("项目", "数值", "单位", "分组"))
    row += 1
    for group in facts.groups:
        for fact in group.facts:
            put(sheet, row, 1, fact.label)
            put(sheet, row, 2, fact.value)
            put(sheet, row, 3, fact.unit or None)
            put(sheet, row, 4, group.name)
            row += 1
            if fact.number is not None:  # a rate: the text above, the number here
                put(sheet, row, 1, f"{fact.label}（%）")
                put(sheet, row, 2, fact.number).number_format = "0.00"
                put(sheet, row, 4, group.name)
                row += 1
    verdict_label = {"motion": "表决结果", "election": "选举是否有效", "appraisal": "测评是否有效"}
    put(sheet, row, 1, verdict_label.get(facts.kind, "结果")).font = BOLD
    if facts.verdict.tone == "warn":  # the entries disagree: no 是否有效 to answer yet
        put(sheet, row, 1, "结果").font = BOLD
    cell = put(sheet, row, 2, facts.verdict.text)
    cell.font = VERDICT_FONTS.get(facts.verdict.tone, BOLD)
    if facts.verdict.note:
        put(sheet, row, 4, facts.verdict.note)
    row += 1
    for line in facts.lines:
        put(sheet, row, 1, line.label)
        cell = put(sheet, row, 2, line.text)
        if line.tone == "warn":
            cell.font = Font(color="B3261E")
        elif line.tone == "key":
            cell.font = BOLD
        row += 1
    if facts.table is not None:
        put(sheet, row, 1, facts.table.title)
        put(sheet, row, 2, f"见「{facts.table.name}」表")
        row += 1
    put(sheet, row, 1, "核对情况")
    put(sheet, row, 2, facts.status)
    row += 1
    put(sheet, row, 1, "最终结果")
    put(sheet, row, 2, "是" if facts.final else "否")
    row += 1
    put(sheet, row, 1, "表决名单")
    put(sheet, row, 2, facts.roll_line)
    row += 1
    for fact in facts.roll_details:
        put(sheet, row, 1, fact.label)
        put(sheet, row, 2, _value(fact))
        put(sheet, row, 3, fact.unit or None)
        row += 1
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    fit_columns(sheet)
    # The title, the heading lines and the long sentences should not set the column widths.
    sheet.column_dimensions["A"].width = max(
        14, min(24, max(display_width(c.value) for c in sheet["A"][header_row - 1 :]) + 2)
    )
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["D"].width = 30
    for cells in sheet.iter_rows(min_row=header_row + 1, min_col=2, max_col=2):
        for cell in cells:
            if isinstance(cell.value, str) and display_width(cell.value) > 38:
                cell.alignment = WRAP
    for cells in sheet.iter_rows(min_row=header_row + 1, min_col=4, max_col=4):
        for cell in cells:
            if isinstance(cell.value, str) and display_width(cell.value) > 28:
                cell.alignment = WRAP


def _table_sheet(sheet: Worksheet, table: ResultTable, freeze: str = "A2") -> None:
    titles = []
    for column in table.columns:
        titles.append(column.title)
        if column.kind == "percent":
            titles.append(f"{column.title}（%）")
    write_header(sheet, 1, titles)

    def write(row_number: int, values) -> None:
        column_number = 1
        for value, column in zip(values, table.columns, strict=True):
            if column.kind == "percent":
                put(sheet, row_number, column_number, percent_text(value))
                number = put(sheet, row_number, column_number + 1, _number(value))
                number.number_format = "0.00"
                column_number += 2
                continue
            cell = put(sheet, row_number, column_number, _number(value))
            if column.kind == "decimal" and value is not None:
                cell.number_format = "0.00"
            column_number += 1

    for index, values in enumerate(table.rows):
        write(index + 2, values)
    for rows, fill in ((table.marked, PASS_FILL), (table.flagged, WARN_FILL)):
        for index in rows:
            for cell in sheet[index + 2]:
                cell.fill = fill
    if table.footer is not None:
        last = len(table.rows) + 2
        write(last, table.footer)
        for cell in sheet[last]:
            cell.font = BOLD
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, int | float) or (
                isinstance(cell.value, str) and display_width(cell.value) <= 4
            ):
                cell.alignment = CENTRE
    sheet.freeze_panes = freeze
    fit_columns(sheet)


def _settings_sheet(sheet: Worksheet, facts: ResultFacts) -> None:
    write_header(sheet, 1, ("设置项", "键", "取值", "含义"))
    row = 2
    for setting in facts.settings:
        put(sheet, row, 1, setting.label)
        put(sheet, row, 2, setting.key or None)
        put(sheet, row, 3, None if setting.value == "" else setting.value)
        put(sheet, row, 4, setting.words)
        row += 1
    row += 1
    put(sheet, row, 1, "表决名单").font = BOLD
    row += 1
    for fact in facts.roll_details:
        put(sheet, row, 1, fact.label)
        put(sheet, row, 3, _value(fact))
        put(sheet, row, 4, fact.unit or None)
        row += 1
    if not facts.roll_details:
        put(sheet, row, 1, facts.roll_line)
        row += 1
    put(sheet, row, 1, "核对情况")
    put(sheet, row, 4, facts.status)
    sheet.freeze_panes = "A2"
    fit_columns(sheet)
    sheet.column_dimensions["C"].width = 68 if facts.roll_sha256 else 20
