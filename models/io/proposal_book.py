"""The proposal registry as a workbook (openpyxl): cells the committee can sort, filter and sum.

Sheets: 「提案登记」 (every proposal, whatever became of it, in number order), 「统计」 (the
committee's figures as :func:`models.proposals.proposal_stats` gives them, then by category and
by delegation) and 「办理记录」 (every step of every proposal, from the history). Counts, rounds
and the satisfaction rate are numbers, dates and times are spreadsheet dates; statuses, ratings
and steps are words. Like the compilation it is a Chinese document; the words come from
:mod:`models.io.proposal_sheet`, the styling from :mod:`models.io.result_book`.
"""

import os
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models.congress import CongressInfo
from models.io.book_kit import BOLD, CENTRE, TITLE, WARN_FILL, write_header
from models.io.cells import put
from models.io.private_files import export_target, write_privately
from models.io.proposal_sheet import (
    action_words,
    decision_words,
    history_words,
    kind_words,
    proposer_words,
    rating_words,
    seconder_words,
    status_words,
)
from models.io.sheet_layout import fit_columns, ready_book
from models.proposals import NO_DELEGATION, ProposalDetail, ProposalStats

TOP_WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
TOP_CENTRE = Alignment(horizontal="center", vertical="top")
DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "yyyy-mm-dd hh:mm"
RATE_FORMAT = '0.0"%"'  # the rate is stored in percent (87.5), shown as 87.5%

REGISTER = (
    ("编号", 14),
    ("标题", 36),
    ("类别", 10),
    ("提案形式", 10),
    ("提案人", 24),
    ("代表团", 14),
    ("附议人", 24),
    ("状态", 12),
    ("处理意见/理由", 30),
    ("承办部门", 14),
    ("办理期限", 12),
    ("是否超期", 9),
    ("答复", 50),
    ("评价", 10),
    ("办理轮次", 9),
    ("提交时间", 17),
)
WRAPPED = {"标题", "提案人", "附议人", "处理意见/理由", "答复"}
CENTRED = {"类别", "提案形式", "状态", "办理期限", "是否超期", "评价", "办理轮次"}

# (key in the stats, row label) in the order the report states them
TOTALS = (
    ("received", "收到提案"),
    ("merged", "合并（并案）"),
    ("accepted", "立案"),
    ("suggestion", "转为意见建议"),
    ("rejected", "不予立案"),
    ("pending", "待审查"),
    ("answered", "已答复"),
    ("rated", "已评价"),
    ("satisfied", "满意"),
    ("basic", "基本满意"),
    ("unsatisfied", "不满意"),
    ("overdue", "超期未答复"),
)
# the per-category and per-delegation tallies (models.proposals._COUNTED)
TALLY = (
    ("received", "收到"),
    ("merged", "合并"),
    ("accepted", "立案"),
    ("suggestion", "转意见建议"),
    ("rejected", "不予立案"),
    ("answered", "已答复"),
    ("satisfied", "满意及基本满意"),
)
HISTORY = ("编号", "时间", "操作", "从", "到", "说明", "操作员", "台位")


def write_registry_xlsx(
    details: list[ProposalDetail],
    stats: ProposalStats,
    path: str | os.PathLike,
    congress: CongressInfo,
) -> Path:
    out = export_target(path)
    book = build_workbook(details, stats, congress)
    write_privately(out, lambda temp: book.save(temp))
    return out


def build_workbook(
    details: list[ProposalDetail], stats: ProposalStats, congress: CongressInfo
) -> Workbook:
    book = Workbook()
    _register_sheet(book.active, details)
    _stats_sheet(book.create_sheet("统计"), stats)
    _history_sheet(book.create_sheet("办理记录"), details)
    book.properties.title = f"{congress.name} 提案登记"
    book.properties.creator = "huiwu 会务"
    book.properties.subject = f"{congress.name}：提案登记、统计与办理记录"
    return ready_book(book)


# -- cell values --------------------------------------------------------------------------------


def _when(iso: str | None) -> datetime | None:
    """A stored timestamp as a spreadsheet date-time (local wall-clock, no zone: Excel has none)."""
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso).replace(tzinfo=None, microsecond=0)
    except ValueError:
        return None


def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def register_values(detail: ProposalDetail) -> list:
    row = detail.row
    return [
        row.label,
        row.title,
        row.category,
        kind_words(row.proposer_kind),
        proposer_words(detail),
        row.delegation or None,
        seconder_words(detail) or None,
        status_words(row.status),
        decision_words(detail) or None,
        row.department or None,
        _day(row.due_date),
        "是" if row.overdue else ("否" if row.due_date else None),
        detail.reply or None,
        rating_words(row.rating) or None,
        row.round,
        _when(row.submitted_at),
    ]


# -- sheets -------------------------------------------------------------------------------------


def _register_sheet(sheet: Worksheet, details: list[ProposalDetail]) -> None:
    sheet.title = "提案登记"
    titles = [title for title, _ in REGISTER]
    write_header(sheet, 1, titles)
    for row_number, detail in enumerate(details, start=2):
        for column, value in enumerate(register_values(detail), start=1):
            cell = put(sheet, row_number, column, value)
            title = titles[column - 1]
            cell.alignment = (
                TOP_WRAP if title in WRAPPED else TOP_CENTRE if title in CENTRED else TOP
            )
            if title == "办理期限":
                cell.number_format = DATE_FORMAT
            elif title == "提交时间":
                cell.number_format = TIME_FORMAT
        if detail.row.overdue:
            for cell in sheet[row_number]:
                cell.fill = WARN_FILL
    for column, (_, width) in enumerate(REGISTER, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "C2"  # the number and the title stay in view
    if details:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(REGISTER))}{len(details) + 1}"


def _stats_sheet(sheet: Worksheet, stats: ProposalStats) -> None:
    """The totals (one figure a row), then the tallies by category and by delegation."""
    write_header(sheet, 1, ("项目", "件数", "说明"))
    row = 2
    for key, label in TOTALS:
        put(sheet, row, 1, label)
        put(sheet, row, 2, getattr(stats, key)).alignment = CENTRE
        row += 1
    put(sheet, row, 1, "满意率")
    rate = stats.satisfaction_rate
    cell = put(sheet, row, 2, None if rate is None else float(rate))
    cell.number_format = RATE_FORMAT
    cell.alignment = CENTRE
    note = "（满意 + 基本满意）÷ 已评价" if rate is not None else "尚无评价"
    put(sheet, row, 3, note)
    row += 2
    row = tally_table(sheet, row, "按类别", "类别", stats.by_category)
    row += 1
    tally_table(sheet, row, "按代表团", "代表团", stats.by_delegation)
    sheet.freeze_panes = "A2"
    fit_columns(sheet, minimum=10)
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["C"].width = max(sheet.column_dimensions["C"].width or 0, 14)


def tally_table(
    sheet: Worksheet, row: int, heading: str, key_title: str, tallies: dict[str, dict[str, int]]
) -> int:
    """One table (a heading line, a header row, a row per key, a 合计 row); the next free row."""
    put(sheet, row, 1, heading).font = TITLE
    row += 1
    write_header(sheet, row, (key_title, *(label for _, label in TALLY)))
    row += 1
    for name, counts in tallies.items():
        shown = "（无代表团）" if key_title == "代表团" and name == NO_DELEGATION else name
        put(sheet, row, 1, shown)
        for column, (key, _) in enumerate(TALLY, start=2):
            put(sheet, row, column, counts.get(key, 0)).alignment = CENTRE
        row += 1
    put(sheet, row, 1, "合计").font = BOLD
    for column, (key, _) in enumerate(TALLY, start=2):
        # the figure itself, not a formula: a reader that does not calculate would show nothing
        total = sum(counts.get(key, 0) for counts in tallies.values())
        cell = put(sheet, row, column, total)
        cell.font = BOLD
        cell.alignment = CENTRE
    return row + 1


def _history_sheet(sheet: Worksheet, details: list[ProposalDetail]) -> None:
    write_header(sheet, 1, HISTORY)
    row = 2
    for detail in details:
        for entry in detail.history:
            values = [
                detail.row.label,
                _when(entry.at),
                action_words(entry.action),
                status_words(entry.from_status) or None,
                status_words(entry.to_status),
                history_words(entry) or None,
                entry.operator or None,
                entry.station or None,
            ]
            for column, value in enumerate(values, start=1):
                cell = put(sheet, row, column, value)
                cell.alignment = TOP_WRAP if column == 6 else TOP
                if column == 2:
                    cell.number_format = TIME_FORMAT
            row += 1
    widths = (14, 17, 12, 12, 12, 60, 12, 12)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B2"
    if row > 2:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(HISTORY))}{row - 1}"
