"""The minutes workbook (会议记录.xlsx): every figure of the congress in one file (openpyxl).

Sheets, in order: 「封面」 (the congress, the audit log's head the data stops at, the sheet list),
one 「出席-<会次>」 per sitting (the figures, the presiding officer's announcement, then every
person of the roster with the time and desk they checked in at, or their leave), 「表决」 (one row
per motion: every figure, the base, the threshold, the verdict, the settings and the roll's
SHA-256), 「选举」 (per election: the ballots and thresholds, then each candidate's 赞成 / 不赞成 /
弃权 and result, write-ins, runoffs and vacancies), 「测评」 (per appraisal: the sheets, then
each person's count per option, the rate as printed and the grade), 「提案」 (the registry rows,
then the committee's figures) and 「竞赛」 (each contest's standings, then its team standings).

Counts are numbers; satisfaction rates, contest scores and check-in times are
:class:`~models.io.cells.Shown` figures: in the workbook the number or time itself with a format
that shows exactly what the printed sheets show ("96.45%", "92.35", "2026-03-05 09:14:27"), in the
CSV copies that text. The row builders here are shared with :mod:`models.io.minutes_csv`. The styling and the words
come from the other workbooks (:mod:`models.io.result_book`, :mod:`models.io.proposal_book`)
and sheets (:mod:`models.io.result_facts`, :mod:`models.io.contest_sheet`).
"""

import os
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models.clock import now
from models.election_view import left_vacant, shown_abstain
from models.io.badges import CATEGORY_NAMES
from models.io.book_kit import (
    BOLD,
    CENTRE,
    PASS_FILL,
    TITLE,
    WARN_FILL,
    write_header,
)
from models.io.cells import decimal_shown, percent_shown, put, time_shown
from models.io.contest_sheet import award_words, note_words, rule_line
from models.io.minutes_data import ABSENT, LEAVE, PRESENT, AttendanceRow, MinutesData
from models.io.private_files import export_target, write_privately
from models.io.proposal_book import (
    CENTRED,
    REGISTER,
    TOP,
    TOP_CENTRE,
    TOP_WRAP,
    TOTALS,
    WRAPPED,
    register_values,
    tally_table,
)
from models.io.result_facts import (
    BASES,
    COMPARATORS,
    DENOMINATORS,
    GRADES,
    METHODS,
    SCALES,
    WRITE_IN,
    ResultFacts,
    candidate_result,
    percent_text,
    result_facts,
    subject_flags,
)
from models.io.sheet_layout import fit_columns, ready_book
from models.rules.thresholds import GT, parse_rate
from models.voting import APPRAISAL, ELECTION, MOTION

SHEET_NAME_LIMIT = 31  # Excel refuses longer sheet names
SHEET_NAME_REFUSED = set("[]:*?/\\")
STATUS_WORDS = {PRESENT: "出席", LEAVE: "请假", ABSENT: "缺席"}
METHOD_WORDS = {"scan": "扫码", "manual": "手工"}
KIND_NAMES = {
    "zdh": "职工代表大会",
    "jdh": "教职工代表大会",
    "hydb": "会员代表大会",
    "other": "其他",
}

NO_SITTINGS = "尚未设立会次，没有出席记录。"
NO_MOTIONS = "本次大会没有表决事项。"
NO_ELECTIONS = "本次大会没有选举。"
NO_APPRAISALS = "本次大会没有民主测评。"
NO_PROPOSALS = "本次大会没有收到提案。"
NO_CONTESTS = "本次大会没有竞赛。"


# -- values shared with the CSV copies ----------------------------------------------------------


def yes_no(value) -> str:
    return "是" if value else "否"


def stamp(iso: str | None):
    """``2026-03-05 09:14:27``: a stored timestamp as the desk's wall clock, to the second."""
    if not iso:
        return None
    try:
        return time_shown(datetime.fromisoformat(iso))
    except ValueError:
        return iso


def joined(names) -> str | None:
    return "、".join(names) if names else None


FIGURE_HEADERS = (
    "应到代表",
    "实到代表",
    "请假",
    "缺席",
    "列席代表",
    "法定人数（至少）",
    "达到法定人数",
)


def figure_values(figures) -> list:
    met = yes_no(figures.quorum_met)
    if figures.quorum_on_line:  # RULES §0: exactly on the line is said so
        met += "（恰为三分之二）"
    return [
        figures.due,
        figures.present,
        figures.leave,
        figures.absent,
        figures.nonvoting_present,
        figures.required,
        met,
    ]


ATTENDANCE_HEADERS = (
    "编号",
    "姓名",
    "性别",
    "单位",
    "代表团",
    "类别",
    "出席情况",
    "签到时间",
    "签到台",
    "签到方式",
    "请假事由",
)


def attendance_values(row: AttendanceRow) -> list:
    return [
        row.code,
        row.name,
        row.gender,
        row.unit,
        row.delegation,
        CATEGORY_NAMES.get(row.category, row.category),
        STATUS_WORDS.get(row.status, row.status),
        stamp(row.checked_in_at),
        row.station,
        METHOD_WORDS.get(row.method, row.method) if row.method else None,
        row.leave_reason,
    ]


def kind_outcomes(data: MinutesData, kind: str) -> list:
    return [outcome for outcome in data.items if outcome.item.kind == kind]


def facts_of(data: MinutesData) -> dict[int, ResultFacts]:
    """The printed result sheet's words (verdict, entry check, settings) of every item."""
    return {o.item.number: result_facts(o, data.congress) for o in data.items}


def settings_text(facts: ResultFacts) -> str:
    return "；".join(f"{s.label}：{s.words}" for s in facts.settings)


MOTION_HEADERS = (
    "序号",
    "事项",
    "表决方式",
    "重要事项",
    "会次",
    "应到",
    "实到",
    "发出",
    "收回",
    "有效票",
    "无效票",
    "赞成",
    "反对",
    "弃权",
    "计算基数",
    "基数人数",
    "比较方式",
    "通过所需赞成票",
    "表决结果",
    "恰好半数",
    "核对情况",
    "最终结果",
    "设置",
    "表决名单SHA-256",
)


def motion_values(outcome, facts: ResultFacts) -> list:
    item, r = outcome.item, outcome.result
    roll = item.roll
    base_kind = r.base_kind if r else item.settings.get("base", "due")
    comparator = r.comparator if r else item.settings.get("comparator", GT)
    return [
        item.number,
        item.title,
        METHODS.get(item.method, item.method) if item.method else None,
        yes_no(item.important),
        roll.sitting if roll else None,
        r.due if r else (roll.due if roll else None),
        r.present if r else (roll.present if roll else None),
        r.issued if r else None,
        r.returned if r else None,
        r.valid if r else None,
        r.invalid if r else None,
        r.yes if r else None,
        r.no if r else None,
        r.abstain if r else None,
        BASES.get(base_kind, base_kind),
        r.base if r else None,
        COMPARATORS.get(comparator, comparator),
        r.threshold if r else None,
        facts.verdict.text,
        yes_no(r.exactly_on_line) if r else None,
        facts.status,
        yes_no(outcome.final),
        settings_text(facts),
        roll.sha256 if roll else None,
    ]


ELECTION_HEADERS = (
    "应选名额",
    "候选人数",
    "选举方式",
    "应到会有选举权人数",
    "实到",
    "有效所需参加人数",
    "当选所需赞成票",
    "发出",
    "收回",
    "有效票",
    "无效票",
    "选举结果",
)


def election_values(outcome, facts: ResultFacts) -> list:
    item, r = outcome.item, outcome.result
    equal = r.settings.equal or len(item.nominees) == r.seats
    return [
        r.seats,
        len(item.nominees),
        "等额选举" if equal else "差额选举",
        r.due,
        item.roll.present if item.roll else None,
        r.participation_required,
        r.threshold,
        r.issued,
        r.returned,
        r.valid_ballots,
        r.void_ballots,
        facts.verdict.text,
    ]


CANDIDATE_HEADERS = (
    "候选人序号",
    "候选人",
    "另选他人",
    "赞成",
    "不赞成",
    "弃权",
    "无法辨认",
    "结果",
    "当选",
    "再次投票",
)


def candidate_values(index: int, candidate, result) -> list:
    return [
        WRITE_IN if candidate.write_in else index + 1,
        candidate.name,
        yes_no(candidate.write_in),
        candidate.yes,
        candidate.no,
        shown_abstain(candidate),
        None if candidate.write_in else candidate.unreadable,
        candidate_result(candidate, result.valid),
        yes_no(candidate.elected),
        yes_no(candidate.runoff),
    ]


def election_notes(outcome, facts: ResultFacts) -> list[tuple[str, str | int | None]]:
    """(label, value) lines under an election's candidates: who won, runoffs, vacancies."""
    item, r = outcome.item, outcome.result
    notes: list[tuple[str, str | int | None]] = []
    if facts.verdict.note:
        notes.append(("说明", facts.verdict.note))
    if r.valid:  # who won and what is left only mean something for a valid count
        notes += [
            (
                # the entries disagree: who has the votes is provisional, not elected
                "暂计当选人（未确定）" if outcome.differences else "当选人（按得票多少为序）",
                joined(r.elected) or "无",
            ),
            ("再次投票", joined(r.runoff) or "无"),
            ("待再次投票名额", r.runoff_seats),
            ("空缺名额（另行选举或空缺）", left_vacant(r)),
            ("另行选举建议名单", joined(r.reelect) or "无"),
        ]
        if r.seats_after is not None:
            notes.append(("减少后应选名额", r.seats_after))
    if r.void_numbers:
        notes.append(("废票票号", "、".join(str(n) for n in r.void_numbers)))
    notes += [
        ("监票人", joined(item.scrutineers)),
        ("计票人", joined(item.counters)),
        ("核对情况", facts.status),
        ("最终结果", yes_no(outcome.final)),
        ("设置", settings_text(facts)),
        ("表决名单SHA-256", item.roll.sha256 if item.roll else None),
    ]
    return notes


APPRAISAL_HEADERS = (
    "测评等次",
    "满意率分母",
    "测评对象人数",
    "应到",
    "发出",
    "收回",
    "无效",
    "有效测评表",
    "测评结果",
)


def appraisal_values(outcome, facts: ResultFacts) -> list:
    item, r = outcome.item, outcome.result
    scale = item.settings.get("scale", "sat3")
    denominator = item.settings.get("denominator", "valid")
    return [
        SCALES.get(scale, scale),
        DENOMINATORS.get(denominator, denominator),
        len(item.nominees),
        r.due if r else None,
        r.issued if r else item.issued,
        r.returned if r else None,
        r.invalid if r else None,
        r.valid_sheets if r else None,
        facts.verdict.text,
    ]


SUBJECT_TAIL = ("弃权", "分母", "满意率", "评价等次", "加权得分", "说明")


def subject_heads(result) -> tuple[str, ...]:
    return ("序号", "测评对象", "职务", *(o.label for o in result.options), *SUBJECT_TAIL)


def posts_of(item) -> dict[str, str | None]:
    return dict(zip(item.nominees, item.posts, strict=False))


def subject_tail(subject, warn) -> list:
    return [
        subject.blank,
        subject.denominator,
        percent_shown(percent_text(subject.rate)) if subject.rate is not None else None,
        GRADES.get(subject.grade, subject.grade) if subject.grade else None,
        None if subject.weighted is None else decimal_shown(f"{subject.weighted:.2f}"),
        subject_flags(subject, warn) or None,
    ]


def subject_values(index: int, subject, outcome) -> list:
    item = outcome.item
    warn = parse_rate(item.settings.get("warn", "1/3"))
    return [
        index + 1,
        subject.name,
        posts_of(item).get(subject.name),
        *subject.counts,
        *subject_tail(subject, warn),
    ]


STANDING_HEADERS = (
    "项目",
    "组别",
    "名次",
    "序号",
    "选手",
    "单位",
    "最后得分",
    "未修约分",
    "奖项",
    "名额线并列",
    "备注",
    "评分已齐",
)


def standing_values(group, row) -> list:
    card = row.card
    return [
        group.event.name or None,
        group.group or None,
        row.rank,
        row.entrant.number,
        row.entrant.name,
        row.entrant.unit or None,
        decimal_shown(card.shown),
        None if card.unrounded is None else decimal_shown(str(card.unrounded)),
        row.award,
        yes_no(row.flag) if row.flag else None,
        note_words(row) or None,
        yes_no(card.complete),
    ]


TEAM_HEADERS = ("名次", "团队", "单位", "成员", "团体成绩")


def team_values(row) -> list:
    return [row.rank, row.team, row.unit or None, "、".join(row.members), decimal_shown(row.shown)]


def proposal_values(detail) -> list:
    return register_values(detail)


PROPOSAL_HEADERS = tuple(title for title, _ in REGISTER)


def stats_rows(stats) -> list[tuple[str, int | str | None]]:
    """(项目, 件数) as the committee reports them; the rate in percent as printed ("87.5%")."""
    rows: list[tuple[str, int | str | None]] = [
        (label, getattr(stats, key)) for key, label in TOTALS
    ]
    rate = stats.satisfaction_rate
    rows.append(("满意率", None if rate is None else percent_shown(f"{rate}%")))
    return rows


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


def _cover_sheet(sheet: Worksheet, data: MinutesData, sheets: list[tuple[str, str]]) -> None:
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


def _sitting_sheet(sheet: Worksheet, data: MinutesData, minutes) -> None:
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


def _empty_sheet(sheet: Worksheet, title: str, words: str) -> None:
    put(sheet, 1, 1, title).font = TITLE
    put(sheet, 3, 1, words)
    sheet.column_dimensions["A"].width = 40


def _motion_sheet(sheet: Worksheet, data: MinutesData, facts: dict) -> None:
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


def _election_sheet(sheet: Worksheet, data: MinutesData, facts: dict) -> None:
    elections = kind_outcomes(data, ELECTION)
    if not elections:
        _empty_sheet(sheet, "选举", NO_ELECTIONS)
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


def _appraisal_sheet(sheet: Worksheet, data: MinutesData, facts: dict) -> None:
    appraisals = kind_outcomes(data, APPRAISAL)
    if not appraisals:
        _empty_sheet(sheet, "测评", NO_APPRAISALS)
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


def _proposal_sheet(sheet: Worksheet, data: MinutesData) -> None:
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


def _contest_sheet(sheet: Worksheet, data: MinutesData) -> None:
    if not data.contests:
        _empty_sheet(sheet, "竞赛", NO_CONTESTS)
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
            put(sheet, row, 1, "没有参赛选手。")
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


# -- the book -----------------------------------------------------------------------------------


def build_workbook(data: MinutesData) -> Workbook:
    book = Workbook()
    cover = book.active
    taken = {"封面"}
    listed: list[tuple[str, str]] = [("封面", SHEET_WORDS["封面"])]
    facts = facts_of(data)
    if data.sittings:
        for minutes in data.sittings:
            name = sheet_name(f"出席-{minutes.sitting.name}", taken)
            _sitting_sheet(book.create_sheet(name), data, minutes)
            listed.append((name, f"{minutes.sitting.name}：{SHEET_WORDS['出席']}"))
    else:
        taken.add("出席")
        _empty_sheet(book.create_sheet("出席"), "出席情况", NO_SITTINGS)
        listed.append(("出席", SHEET_WORDS["出席"]))
    for name, write in (
        ("表决", lambda sheet: _motion_sheet(sheet, data, facts)),
        ("选举", lambda sheet: _election_sheet(sheet, data, facts)),
        ("测评", lambda sheet: _appraisal_sheet(sheet, data, facts)),
        ("提案", lambda sheet: _proposal_sheet(sheet, data)),
        ("竞赛", lambda sheet: _contest_sheet(sheet, data)),
    ):
        shown = sheet_name(name, taken)
        write(book.create_sheet(shown))
        listed.append((shown, SHEET_WORDS[name]))
    _cover_sheet(cover, data, listed)
    congress = data.congress
    book.properties.title = f"{congress.name} 会议记录"
    book.properties.creator = "huiwu 会务"
    book.properties.subject = f"{congress.name}：会议记录（数据截至审计记录第 {data.head_id} 条）"
    return ready_book(book)


def write_minutes_xlsx(data: MinutesData, path: str | os.PathLike) -> Path:
    """The minutes workbook at ``path`` (written beside it and moved into place)."""
    out = export_target(path)
    book = build_workbook(data)
    write_privately(out, lambda temp: book.save(temp))
    return out
