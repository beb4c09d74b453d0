"""The minutes workbook's sheets, one function each (:mod:`models.io.minutes_book` orders them)."""

from datetime import date, datetime

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models.clock import now
from models.io.book_kit import (
    BOLD,
    CENTRE,
    PASS_FILL,
    TITLE,
    WARN_FILL,
    write_header,
)
from models.io.cells import put, time_shown
from models.io.contest_words import award_words, rule_line
from models.io.minutes_data import LEAVE, MinutesData
from models.io.minutes_notes import (
    APPRAISAL_HEADERS,
    PROPOSAL_HEADERS,
    STANDING_HEADERS,
    TEAM_HEADERS,
    appraisal_values,
    election_notes,
    proposal_values,
    standing_values,
    stats_rows,
    subject_heads,
    subject_values,
    team_values,
)
from models.io.minutes_rows import (
    ATTENDANCE_HEADERS,
    CANDIDATE_HEADERS,
    ELECTION_HEADERS,
    FIGURE_HEADERS,
    KIND_NAMES,
    MOTION_HEADERS,
    NO_APPRAISALS,
    NO_CONTESTS,
    NO_ELECTIONS,
    NO_MOTIONS,
    NO_PROPOSALS,
    SHEET_NAME_LIMIT,
    SHEET_NAME_REFUSED,
    attendance_values,
    candidate_values,
    election_values,
    figure_values,
    kind_outcomes,
    motion_values,
    settings_text,
    yes_no,
)
from models.io.proposal_book import (
    CENTRED,
    REGISTER,
    TOP,
    TOP_CENTRE,
    TOP_WRAP,
    WRAPPED,
    tally_table,
)
from models.io.sheet_layout import fit_columns
from models.voting import APPRAISAL, ELECTION, MOTION

# -- cells --------------------------------------------------------------------------------------


def put_row(sheet: Worksheet, row: int, values, *, centre_numbers: bool = True) -> None:
    for column, value in enumerate(values, start=1):
        cell = put(sheet, row, column, value)
        if centre_numbers and isinstance(value, int) and not isinstance(value, bool):
            cell.alignment = CENTRE


def fill_row(sheet: Worksheet, row: int, width: int, fill) -> None:
    for column in range(1, width + 1):
        sheet.cell(row=row, column=column).fill = fill


# Titles and sentences are written after the columns are fitted (``late``), so they run across
# the empty cells to their right instead of widening the first columns of the tables under them.


def title_row(late: list, row: int, text: str) -> int:
    late.append((row, 1, text, TITLE))
    return row + 1


def note_row(late: list, row: int, label: str, value) -> int:
    late.append((row, 1, label, BOLD))
    late.append((row, 2, value, None))
    return row + 1


def write_late(sheet: Worksheet, late: list) -> None:
    for row, column, value, font in late:
        cell = put(sheet, row, column, value)
        if font is not None:
            cell.font = font


def sheet_name(text: str, taken: set[str]) -> str:
    """An Excel sheet name: no []:*?/\\, at most 31 characters, no apostrophe at either end,
    different (ignoring case) from the sheets already in the book."""
    name = "".join("_" if c in SHEET_NAME_REFUSED else c for c in text).strip("'")
    name = name[:SHEET_NAME_LIMIT].strip("'") or "工作表"
    candidate, number = name, 2
    while candidate.lower() in taken:
        suffix = f"~{number}"
        candidate = name[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def _keep_width(sheet: Worksheet, column: str, width: float) -> None:
    current = sheet.column_dimensions[column].width or 0
    sheet.column_dimensions[column].width = max(current, width)


# -- sheets -------------------------------------------------------------------------------------


SHEET_WORDS = {
    "封面": "会议概况、数据截至的审计记录、工作表目录",
    "出席": "各次会议的出席人数、宣布词和逐人签到记录（签到时间、签到台）",
    "表决": "表决事项：各项票数、计算基数、通过所需票数、表决结果、设置和表决名单校验值",
    "选举": "选举：发出、收回、有效、无效选票，当选所需票数，各候选人得票和当选情况",
    "测评": "民主测评：各测评对象各等次票数、满意率和评价等次",
    "提案": "提案登记和提案统计",
    "竞赛": "各项竞赛的成绩排名、奖项和团体成绩",
}


def cover_sheet(sheet: Worksheet, data: MinutesData, sheets: list[tuple[str, str]]) -> None:
    congress = data.congress
    sheet.title = "封面"
    put(sheet, 1, 1, congress.name).font = TITLE
    row = 2
    put(sheet, row, 1, "会议记录（数据汇总）")
    row += 2
    write_header(sheet, row, ("项目", "内容"))
    row += 1
    facts = [
        ("会议名称", congress.name),
        ("会议类型", KIND_NAMES.get(congress.kind, congress.kind)),
        ("届次", congress.term_session or None),
        ("会议日期", congress.date),
        ("会议地点", congress.venue),
        ("数据截至", f"数据截至审计记录第 {data.head_id} 条"),
        ("审计记录哈希（前16位）", data.head_short),
        ("导出时间", time_shown(now())),
        ("会次", len(data.sittings)),
        ("表决事项", len(kind_outcomes(data, MOTION))),
        ("选举", len(kind_outcomes(data, ELECTION))),
        ("民主测评", len(kind_outcomes(data, APPRAISAL))),
        ("提案", len(data.proposals)),
        ("竞赛", len(data.contests)),
    ]
    for label, value in facts:
        put(sheet, row, 1, label)
        cell = put(sheet, row, 2, value)
        if isinstance(value, int):
            cell.alignment = CENTRE
        row += 1
    row += 1
    put(sheet, row, 1, "工作表").font = TITLE
    row += 1
    write_header(sheet, row, ("工作表", "内容"))
    row += 1
    for name, words in sheets:
        put(sheet, row, 1, name)
        put(sheet, row, 2, words)
        row += 1
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 72


def sitting_sheet(sheet: Worksheet, data: MinutesData, minutes) -> None:
    figures = minutes.figures
    late: list = []
    row = title_row(late, 1, f"{minutes.sitting.name}　出席情况")
    late.append((row, 1, data.congress.name, None))
    row += 1
    write_header(sheet, row, FIGURE_HEADERS)
    put_row(sheet, row + 1, figure_values(figures))
    announcement_row = row + 2
    row += 4
    head = row
    write_header(sheet, head, ATTENDANCE_HEADERS)
    for person in minutes.people:
        row += 1
        put_row(sheet, row, attendance_values(person))
        if person.status == LEAVE:
            fill_row(sheet, row, len(ATTENDANCE_HEADERS), WARN_FILL)
    if not minutes.people:
        row += 1
        put(sheet, row, 1, "名册中没有人员。")
    sheet.freeze_panes = sheet.cell(row=head + 1, column=3)  # code and name stay in view
    if minutes.people:
        sheet.auto_filter.ref = f"A{head}:{get_column_letter(len(ATTENDANCE_HEADERS))}{row}"
    late.append((announcement_row, 1, minutes.announcement, BOLD))
    fit_columns(sheet, minimum=8)
    _keep_width(sheet, "H", 20)
    write_late(sheet, late)


def empty_sheet(sheet: Worksheet, title: str, words: str) -> None:
    put(sheet, 1, 1, title).font = TITLE
    put(sheet, 3, 1, words)
    sheet.column_dimensions["A"].width = 40


def motion_sheet(sheet: Worksheet, data: MinutesData, facts: dict) -> None:
    motions = kind_outcomes(data, MOTION)
    write_header(sheet, 1, MOTION_HEADERS)
    if not motions:
        put(sheet, 2, 1, NO_MOTIONS)
    for row, outcome in enumerate(motions, start=2):
        put_row(sheet, row, motion_values(outcome, facts[outcome.item.number]))
        r = outcome.result
        if r is not None:
            passed = r.passed and not outcome.differences  # never green while they disagree
            fill_row(sheet, row, len(MOTION_HEADERS), PASS_FILL if passed else WARN_FILL)
    sheet.freeze_panes = "C2"
    fit_columns(sheet, minimum=8, maximum=40)
    sheet.column_dimensions[get_column_letter(MOTION_HEADERS.index("设置") + 1)].width = 60
    sheet.column_dimensions[get_column_letter(len(MOTION_HEADERS))].width = 68


def election_sheet(sheet: Worksheet, data: MinutesData, facts: dict) -> None:
    elections = kind_outcomes(data, ELECTION)
    if not elections:
        empty_sheet(sheet, "选举", NO_ELECTIONS)
        return
    late: list = []
    row = 1
    for outcome in elections:
        item, r = outcome.item, outcome.result
        fact = facts[item.number]
        row = title_row(late, row, f"第 {item.number} 项　{item.title}")
        write_header(sheet, row, ELECTION_HEADERS)
        put_row(sheet, row + 1, election_values(outcome, fact))
        row += 3
        write_header(sheet, row, CANDIDATE_HEADERS)
        for index, candidate in enumerate(r.candidates):
            row += 1
            put_row(sheet, row, candidate_values(index, candidate, r))
            if candidate.elected and not outcome.differences:
                fill_row(sheet, row, len(CANDIDATE_HEADERS), PASS_FILL)
            elif candidate.runoff or candidate.exactly_half:
                fill_row(sheet, row, len(CANDIDATE_HEADERS), WARN_FILL)
        row += 2
        for label, value in election_notes(outcome, fact):
            row = note_row(late, row, label, value)
        row += 2
    fit_columns(sheet, minimum=8, maximum=24)
    _keep_width(sheet, "A", 24)
    write_late(sheet, late)


def appraisal_sheet(sheet: Worksheet, data: MinutesData, facts: dict) -> None:
    appraisals = kind_outcomes(data, APPRAISAL)
    if not appraisals:
        empty_sheet(sheet, "测评", NO_APPRAISALS)
        return
    late: list = []
    row = 1
    for outcome in appraisals:
        item, r = outcome.item, outcome.result
        fact = facts[item.number]
        row = title_row(late, row, f"第 {item.number} 项　{item.title}")
        write_header(sheet, row, APPRAISAL_HEADERS)
        put_row(sheet, row + 1, appraisal_values(outcome, fact))
        row += 3
        if r is None:
            row = note_row(late, row, "说明", "尚未计票，没有测评结果。")
        else:
            heads = subject_heads(r)
            write_header(sheet, row, heads)
            for index, subject in enumerate(r.subjects):
                row += 1
                put_row(sheet, row, subject_values(index, subject, outcome))
                if subject.warning:
                    fill_row(sheet, row, len(heads), WARN_FILL)
            row += 2
            if fact.verdict.note:
                row = note_row(late, row, "说明", fact.verdict.note)
        for label, value in (
            ("核对情况", fact.status),
            ("最终结果", yes_no(outcome.final)),
            ("设置", settings_text(fact)),
            ("表决名单SHA-256", item.roll.sha256 if item.roll else None),
        ):
            row = note_row(late, row, label, value)
        row += 2
    fit_columns(sheet, minimum=8, maximum=24)
    _keep_width(sheet, "A", 16)
    write_late(sheet, late)


def proposal_sheet(sheet: Worksheet, data: MinutesData) -> None:
    write_header(sheet, 1, PROPOSAL_HEADERS)
    row = 1
    for detail in data.proposals:
        row += 1
        for column, value in enumerate(proposal_values(detail), start=1):
            cell = put(sheet, row, column, value)
            title = PROPOSAL_HEADERS[column - 1]
            cell.alignment = (
                TOP_WRAP if title in WRAPPED else TOP_CENTRE if title in CENTRED else TOP
            )
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
        if detail.row.overdue:
            fill_row(sheet, row, len(PROPOSAL_HEADERS), WARN_FILL)
    if not data.proposals:
        row += 1
        put(sheet, row, 1, NO_PROPOSALS)
    else:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(PROPOSAL_HEADERS))}{row}"
    for column, (_, width) in enumerate(REGISTER, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "C2"
    row += 2
    put(sheet, row, 1, "提案统计").font = TITLE
    row += 1
    write_header(sheet, row, ("项目", "件数"))
    for label, value in stats_rows(data.proposal_stats):
        row += 1
        put(sheet, row, 1, label)
        put(sheet, row, 2, value).alignment = CENTRE
    row += 2
    stats = data.proposal_stats
    row = tally_table(sheet, row, "按类别", "类别", stats.by_category)
    tally_table(sheet, row + 1, "按代表团", "代表团", stats.by_delegation)


def _no_rows_words(contest) -> str:
    if any(e.is_match for e in contest.events):  # their tables are in the contest's PDF
        return "对阵项目的积分表、签表和比赛结果见「竞赛成绩」中本竞赛的 PDF。"
    return "没有参赛选手。"


def contest_sheet(sheet: Worksheet, data: MinutesData) -> None:
    if not data.contests:
        empty_sheet(sheet, "竞赛", NO_CONTESTS)
        return
    late: list = []
    row = 1
    for table in data.contests:
        contest = table.contest
        row = title_row(late, row, f"竞赛 {contest.number}　{contest.title}")
        row = note_row(late, row, "计分规则", rule_line(contest))
        row = note_row(late, row, "奖项", award_words(contest))
        write_header(sheet, row, STANDING_HEADERS)
        for group in table.groups:
            for standing in group.rows:
                row += 1
                put_row(sheet, row, standing_values(group, standing))
                if standing.flag:
                    fill_row(sheet, row, len(STANDING_HEADERS), WARN_FILL)
        if not table.rows:
            row += 1
            put(sheet, row, 1, _no_rows_words(contest))
        row += 1
        if table.teams:
            row = title_row(late, row + 1, "团体成绩")
            write_header(sheet, row, TEAM_HEADERS)
            for team in table.teams:
                row += 1
                put_row(sheet, row, team_values(team))
            row += 1
        row += 2
    fit_columns(sheet, minimum=8, maximum=40)
    _keep_width(sheet, "A", 12)
    write_late(sheet, late)
