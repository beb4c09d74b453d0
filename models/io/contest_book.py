"""Contest workbooks (openpyxl): the standings as cells a spreadsheet can sort and sum.

Sheets: 「排名」 (every group's entrants: the final score as a number shown with the contest's
decimals, the unrounded score beside it, each named stage's score, the award, the flag),
「评分明细」 (every mark of every judge, the dropped ones marked; a quiz's answers), 「获奖名单」,
「证书名单」 (one line per award winner, for printing certificates), 「团体」 when entrants score
for teams, and 「设置」 (the calculation rule in words and as stored values). Like the PDF it is a
Chinese document; the words come from :mod:`models.io.contest_sheet`.
"""

import os
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from models.congress import CongressInfo
from models.io.book_kit import (
    BOLD,
    TITLE,
    WARN_FILL,
    WRAP,
    write_header,
)
from models.io.cells import put
from models.io.clock_words import time_text
from models.io.contest_words import (
    award_rows,
    flag_words,
    note_words,
    rule_line,
    settings_words,
    stage_label,
)
from models.io.private_files import export_target, write_privately
from models.io.sheet_layout import fit_columns, ready_book
from models.rules.scoring import MEASURED, QUIZ, round_half_up, unrounded
from models.scores import Standings

STRUCK = Font(strike=True, color="888888")
LEFT = Alignment(horizontal="left")


def number_format(decimals: int) -> str:
    return "0." + "0" * decimals if decimals else "0"


def score_number(value, decimals: int) -> float | None:
    """The score as shown (ROUND_HALF_UP to ``decimals``), as a spreadsheet number."""
    return None if value is None else float(round_half_up(value, decimals))


def exact_number(value) -> float | None:
    """Full precision (as far as a spreadsheet number goes) for re-checking by hand."""
    return None if value is None else float(unrounded(value))


def mark_number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def write_contest_xlsx(
    table: Standings, path: str | os.PathLike, congress: CongressInfo, matches=None
) -> Path:
    """The workbook; a contest with match events gets their sheets too (``matches``:
    models.io.match_data.MatchPapers, see models.io.match_book)."""
    out = export_target(path)
    book = build_workbook(table, congress)
    if matches is not None:
        from models.io.match_book import add_match_sheets

        add_match_sheets(book, matches)
        ready_book(book)
    write_privately(out, lambda temp: book.save(temp))
    return out


def write_certificates_xlsx(
    table: Standings, path: str | os.PathLike, congress: CongressInfo
) -> Path:
    out = export_target(path)
    book = Workbook()
    _certificate_sheet(book.active, table, congress)
    _properties(book, table, congress, "证书名单")
    ready_book(book)
    write_privately(out, lambda temp: book.save(temp))
    return out


def build_workbook(table: Standings, congress: CongressInfo) -> Workbook:
    book = Workbook()
    _ranking_sheet(book.active, table, congress)
    _marks_sheet(book.create_sheet("评分明细"), table)
    _award_sheet(book.create_sheet("获奖名单"), table)
    _certificate_sheet(book.create_sheet("证书名单"), table, congress)
    if table.teams:
        _team_sheet(book.create_sheet("团体"), table)
    _settings_sheet(book.create_sheet("设置"), table)
    _properties(book, table, congress, "成绩排名")
    return ready_book(book)


def _properties(book: Workbook, table: Standings, congress: CongressInfo, what: str) -> None:
    contest = table.contest
    book.properties.title = f"{contest.title} {what}"
    book.properties.creator = "huiwu 会务"
    book.properties.subject = f"{congress.name}：竞赛 {contest.number} {contest.title}"


def _title(sheet: Worksheet, table: Standings, congress: CongressInfo, what: str) -> int:
    """Title lines above the table; returns the header's row."""
    put(sheet, 1, 1, f"{table.contest.title}　{what}").font = TITLE
    put(sheet, 2, 1, congress.name)
    put(sheet, 3, 1, rule_line(table.contest))
    return 5


def _stage_names(table: Standings) -> list[str]:
    """Named stages that count or break ties, across every event, in order."""
    names: list[str] = []
    for event in table.contest.events:
        for stage in event.stages:
            if stage.name and stage.kind != QUIZ and stage.name not in names:
                names.append(stage.name)
    return names


def _ranking_sheet(sheet: Worksheet, table: Standings, congress: CongressInfo) -> None:
    sheet.title = "排名"
    contest = table.contest
    fmt = number_format(contest.decimals)
    stages = _stage_names(table)
    head_row = _title(sheet, table, congress, "成绩排名表")
    titles = ["项目", "组别", "名次", "序号", "姓名", "单位"]
    titles += [f"{name}得分" for name in stages]
    titles += ["最后得分", "未修约分", "奖项", "备注", "评分已齐", "已收评分", "应收评分"]
    timed = any(event.clock is not None for event in contest.events)
    if timed:  # the speaking clock's columns, after the others (scripts read by position)
        titles += ["用时", "用时（秒）", "时间扣分", "扣时前得分"]
    write_header(sheet, head_row, titles)
    row_number = head_row + 1
    score_col = 7 + len(stages)
    for group in table.groups:
        for row in group.rows:
            card = row.card
            values = [
                group.event.name or None,
                group.group or None,
                row.rank,
                row.entrant.number,
                row.entrant.name,
                row.entrant.unit or None,
            ]
            for name in stages:
                stage_card = next((s for s in card.stages if s.stage.name == name), None)
                score = stage_card.score if stage_card else None
                values.append(score_number(score, contest.decimals))
            values += [
                score_number(card.total, contest.decimals),
                exact_number(card.total),
                row.award,
                note_words(row) or None,
                "是" if card.complete else "否",
                card.marks_in,
                card.marks_due,
            ]
            if timed:
                values += _time_values(card, contest.decimals)
            for column, value in enumerate(values, start=1):
                cell = put(sheet, row_number, column, value)
                if 7 <= column <= score_col and value is not None:
                    cell.number_format = fmt
            if row.flag:
                for cell in sheet[row_number]:
                    cell.fill = WARN_FILL
            row_number += 1
    sheet.freeze_panes = sheet.cell(row=head_row + 1, column=6)
    fit_columns(sheet)
    sheet.column_dimensions["A"].width = max(sheet.column_dimensions["A"].width or 0, 12)


def _time_values(card, decimals: int) -> list:
    """用时, 用时（秒）, 时间扣分, 扣时前得分 of an entrant (blank outside a timed event)."""
    if card.event.clock is None:
        return [None] * 4
    seconds = card.timing.seconds if card.timing else None
    deduction = None if card.verdict is None else mark_number(card.deduction)
    time = None if seconds is None else time_text(card)
    before = score_number(card.before_time, decimals)
    return [time, mark_number(seconds), deduction, before]


def _marks_sheet(sheet: Worksheet, table: Standings) -> None:
    write_header(
        sheet,
        1,
        (
            "项目",
            "组别",
            "序号",
            "姓名",
            "阶段",
            "评委",
            "评委姓名",
            "细则",
            "分数",
            "去掉",
            "说明",
        ),
    )
    contest = table.contest
    row_number = 2
    for group in table.groups:
        for row in group.rows:
            lead = [group.event.name or None, group.group or None, row.entrant.number]
            lead.append(row.entrant.name)
            for stage_card in row.card.stages:
                for values, struck in _stage_mark_rows(stage_card, contest):
                    for column, value in enumerate([*lead, *values], start=1):
                        cell = put(sheet, row_number, column, value)
                        if struck and column == 9:
                            cell.font = STRUCK
                    row_number += 1
    sheet.freeze_panes = "A2"
    fit_columns(sheet)


def _stage_mark_rows(stage_card, contest):
    """([阶段, 评委, 评委姓名, 细则, 分数, 去掉, 说明], struck) for one stage of one entrant."""
    stage = stage_card.stage
    label = stage_label(stage, "")
    if stage.kind == QUIZ:
        for answer in stage_card.answers:
            if answer.kind == "foul":  # 抢答犯规: a deduction, neither right nor wrong
                note = f"第{answer.question}题 抢答犯规"
            else:
                kind = {"compulsory": "必答题", "buzzer": "抢答题", "risk": "风险题"}[answer.kind]
                note = f"第{answer.question}题 {kind} {'答对' if answer.right else '答错'}"
            if answer.void:
                note += "（已作废）"
            yield [label or None, None, None, None, answer.points, None, note], answer.void
        return
    single = stage.single or stage.kind == MEASURED
    dropped = stage_card.panel.dropped if stage_card.panel else frozenset()
    for index, mark in enumerate(stage_card.marks):
        judge = None if single else index + 1
        name = contest.judge_name(judge) if judge else ""
        unit = f"单位：{stage.unit}" if stage.kind == MEASURED and stage.unit else None
        sheet = stage_card.criteria[index] if stage.criteria else {}
        for criterion, value in sheet.items():
            values = [label or None, judge, name or None, criterion, mark_number(value)]
            yield [*values, None, None], False
        if mark is None:
            yield [label or None, judge, name or None, None, None, None, "未录入"], False
            continue
        struck = index in dropped
        criteria_note = "细则合计" if stage.criteria else unit
        yield (
            [
                label or None,
                judge,
                name or None,
                None,
                mark_number(mark),
                "是" if struck else None,
                criteria_note,
            ],
            struck,
        )


def _award_sheet(sheet: Worksheet, table: Standings) -> None:
    contest = table.contest
    write_header(
        sheet, 1, ("奖项", "名次", "序号", "姓名", "单位", "项目", "组别", "最后得分", "备注")
    )
    fmt = number_format(contest.decimals)
    for row_number, row in enumerate(award_rows(table), start=2):
        values = [
            row.award,
            row.rank,
            row.number,
            row.name,
            row.unit or None,
            row.event or None,
            row.group or None,
            float(row.score) if row.score else None,
            flag_words(row.flag) or None,
        ]
        for column, value in enumerate(values, start=1):
            cell = put(sheet, row_number, column, value)
            if column == 8:
                cell.number_format = fmt
        if row.flag:
            for cell in sheet[row_number]:
                cell.fill = WARN_FILL
    sheet.freeze_panes = "A2"
    fit_columns(sheet)


def _certificate_sheet(sheet: Worksheet, table: Standings, congress: CongressInfo) -> None:
    sheet.title = "证书名单"
    head_row = _title(sheet, table, congress, "证书名单")
    write_header(sheet, head_row, ("序", "奖项", "姓名", "单位", "项目 / 组别", "成员", "备注"))
    for i, row in enumerate(award_rows(table), start=1):
        values = [
            i,
            row.award,
            row.name,
            row.unit or None,
            row.event_group or None,
            "、".join(row.members) or None,
            "待组委会确定" if row.flag else None,
        ]
        for column, value in enumerate(values, start=1):
            put(sheet, head_row + i, column, value)
        if row.flag:
            for cell in sheet[head_row + i]:
                cell.fill = WARN_FILL
    sheet.freeze_panes = sheet.cell(row=head_row + 1, column=1)
    fit_columns(sheet)
    sheet.column_dimensions["A"].width = 6


def _team_sheet(sheet: Worksheet, table: Standings) -> None:
    contest = table.contest
    fmt = number_format(contest.decimals)
    how = "成员成绩之和" if contest.team_score == "sum" else "成员成绩平均"
    write_header(sheet, 1, ("名次", "团队", "单位", "成员", f"团体成绩（{how}）", "未修约分"))
    for row_number, row in enumerate(table.teams, start=2):
        values = [
            row.rank,
            row.team,
            row.unit or None,
            "、".join(row.members),
            score_number(row.score, contest.decimals),
            exact_number(row.score),
        ]
        for column, value in enumerate(values, start=1):
            cell = put(sheet, row_number, column, value)
            if column == 5 and value is not None:
                cell.number_format = fmt
    sheet.freeze_panes = "A2"
    fit_columns(sheet)


def _settings_sheet(sheet: Worksheet, table: Standings) -> None:
    contest = table.contest
    write_header(sheet, 1, ("设置项", "说明"))
    row = 2
    for label, words in settings_words(contest, bool(table.teams)):
        put(sheet, row, 1, label)
        put(sheet, row, 2, words).alignment = WRAP
        row += 1
    row += 1
    put(sheet, row, 1, "存储的设置").font = BOLD
    row += 1
    stored = [
        ("竞赛序号", contest.number),
        ("竞赛名称", contest.title),
        ("评委人数", contest.judges),
        ("去掉最高最低分个数", contest.trim),
        ("保留小数位数", contest.decimals),
        ("满分", float(contest.maximum)),
        ("奖项设置", contest.awards_spec or None),
        ("同分比较", ",".join(contest.tie_breakers) or None),
        ("团体成绩", contest.team_score),
    ]
    for label, value in stored:
        put(sheet, row, 1, label)
        cell = put(sheet, row, 2, value)
        if isinstance(value, int | float):
            cell.alignment = LEFT
        row += 1
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 90
    sheet.freeze_panes = "A2"
