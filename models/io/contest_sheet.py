"""Printable contest results: 成绩排名表 with 获奖名单, and the 证书名单 (A4 PDF).

A Chinese document whatever the interface language, like the result sheets
(:mod:`models.io.result_sheet`, whose font, styles and signature flowables are reused): reportlab
platypus in the embedded font of :mod:`models.io.pdf_fonts`. Each ranking group (项目 · 组别) is one table
with every judge's mark — the dropped ones struck through — the final score with the contest's
decimals, the award and the flag of a tie across an award boundary; the table header repeats on
every page. The calculation rule is printed in words, and the sheet ends with lines for the
judges' and the supervisor's signatures. A table too wide for a portrait page turns the whole
document landscape.

The words and rows the workbook shares (:mod:`models.io.contest_book`) are built here too.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from models.congress import CongressInfo
from models.io.pdf_kit import (
    FAIL,
    FONT,
    GREY,
    RULE,
    SHADE,
    WARN_BG,
    SignSlot,
    build_pdf,
    escape,
    paragraph_style,
    signature_grid,
    user_markup,
)
from models.io.private_files import export_target, write_privately
from models.numerals import chinese_number
from models.rules.ranking import TIE_ACROSS_BOUNDARY, UNROUNDED
from models.rules.scoring import LOWER, MEASURED, PANEL, QUIZ, plain, shown
from models.scores import RankingGroup, StageCard, StandingRow, Standings

MARGIN_X = 15 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 16 * mm
FRAME_PAD = 6
FLAG_WORDS = {TIE_ACROSS_BOUNDARY: "并列跨越获奖名额线，请组委会确定"}
FLAG_SHORT = {TIE_ACROSS_BOUNDARY: "名额线并列＊"}  # in a table cell; the note says the rest
INCOMPLETE = "未完成"
DASH = "—"

TITLE = paragraph_style("c_title", 17, 23, alignment=TA_CENTER)
HEADING = paragraph_style("c_heading", 9.5, 13.5, alignment=TA_CENTER, textColor=GREY)
SECTION = paragraph_style("c_section", 12, 16, spaceBefore=8, spaceAfter=1)
BODY = paragraph_style("c_body", 9.5, 14, spaceAfter=2)
NOTE = paragraph_style("c_note", 9, 13, textColor=FAIL, spaceBefore=2)
SMALL = paragraph_style("c_small", 8.5, 12, textColor=GREY)
CELL_LEFT = paragraph_style("c_cell_left", 9.5, 12, alignment=TA_LEFT)


# ----------------------------------------------------------------------------- shared words


def group_title(group: RankingGroup) -> str:
    return " · ".join(p for p in (group.event.name, group.group) if p)


def stage_label(stage, default: str = "评分") -> str:
    return stage.name or default


def mark_text(value) -> str:
    return DASH if value is None else plain(value)


def flag_words(flag: str | None) -> str:
    return FLAG_WORDS.get(flag, flag or "")


def count_words(n: int) -> str:
    """一个, 两个 (not 二个), 三个 …"""
    return "两个" if n == 2 else f"{chinese_number(n)}个"


def trim_words(judges: int, trim: int) -> str:
    if trim == 0:
        return f"取 {judges} 名评委分数的平均"
    k = count_words(trim)
    return f"去掉{k}最高分和{k}最低分，其余 {judges - 2 * trim} 个分数取平均"


def award_words(contest) -> str:
    parts = []
    for tier in contest.awards:
        if tier.count is not None:
            parts.append(f"{tier.name} {tier.count} 名")
        else:
            parts.append(f"{tier.name} 占参赛人数 {tier.spec.split(':')[-1]}（向下取整）")
    return "，".join(parts) or "不设奖项"


def breaker_words(contest) -> str:
    names = ["未修约的最后得分" if b == UNROUNDED else f"「{b}」成绩" for b in contest.tie_breakers]
    if not names:
        return "按保留小数后的最后得分排名；得分相同则名次并列（如 1、2、2、4）。"
    return (
        "先比保留小数后的最后得分；仍相同依次比较"
        + "、".join(names)
        + "；再相同则名次并列（如 1、2、2、4）。"
    )


def stage_words(stage, contest) -> str:
    if stage.kind == QUIZ:
        return "按题记分"
    if stage.kind == MEASURED:
        better = "越低越好" if stage.better == LOWER else "越高越好"
        how = f"测量成绩（{stage.unit or '无单位'}，{better}）"
    elif stage.single:
        how = f"一个成绩（如笔试），满分 {plain(stage.maximum)}"
    else:
        how = f"评委打分，满分 {plain(stage.maximum)}"
    if stage.criteria:
        how += "；评分细则：" + "、".join(f"{c.name} {plain(c.maximum)}" for c in stage.criteria)
    if stage.name:
        weight = "不计入总分，仅用于同分比较" if stage.weight == 0 else f"占 {plain(stage.weight)}%"
        return f"{stage.name}（{weight}）：{how}"
    return how


def event_words(event, contest) -> str:
    if event.quiz is not None:
        q = event.quiz
        return (
            f"知识竞赛：基础分 {q.start}；必答题答对 +{q.compulsory_right}、答错 "
            f"−{q.compulsory_wrong}；抢答题答对 +{q.buzzer_right}、答错 −{q.buzzer_wrong}；"
            f"风险题按所选分值（{'/'.join(map(str, q.stakes))}）加减"
        )
    return "；".join(stage_words(s, contest) for s in event.stages)


def settings_words(contest, has_teams: bool = False) -> list[tuple[str, str]]:
    """(label, words) of every setting a reader needs to re-check the ranking by hand."""
    names = "、".join(f"{i}号 {n}" for i, n in enumerate(contest.judge_names, start=1) if n)
    rows = []
    if has_panel(contest):
        rows += [
            ("评委", f"{contest.judges} 名" + (f"（{names}）" if names else "")),
            ("计分方法", trim_words(contest.judges, contest.trim)),
        ]
    rows += [
        (
            "保留小数",
            f"最后得分保留 {contest.decimals} 位小数，四舍五入；计算全程用完整精度，只在显示时修约",
        ),
    ]
    if any(s.kind == PANEL for e in contest.events for s in e.stages):
        rows.append(("满分", f"{plain(contest.maximum)} 分"))
    for event in contest.events:
        rows.append(
            (f"项目「{event.name}」" if event.name else "评分方式", event_words(event, contest))
        )
    rows += [
        ("奖项", award_words(contest)),
        ("同分处理", breaker_words(contest)),
        ("名额线上并列", "获奖名额线上出现并列时不作删减，表中标注，由组委会确定"),
    ]
    if has_teams:
        how = "成员成绩之和" if contest.team_score == "sum" else "成员成绩平均"
        rows.append(("团体成绩", how))
    return rows


def has_panel(contest) -> bool:
    """Whether any stage is marked by the judges' panel (else the judges' rule is moot)."""
    return any(
        s.kind not in (MEASURED, QUIZ) and not s.single for e in contest.events for s in e.stages
    )


def rule_line(contest) -> str:
    """评委 5 名，去掉一个最高分和一个最低分，保留 2 位小数，四舍五入。"""
    if not has_panel(contest):
        return f"保留 {contest.decimals} 位小数，四舍五入。"
    if contest.trim:
        k = count_words(contest.trim)
        trim = f"去掉{k}最高分和{k}最低分"
    else:
        trim = "不去掉最高分和最低分"
    return f"评委 {contest.judges} 名，{trim}，保留 {contest.decimals} 位小数，四舍五入。"


def note_words(row: StandingRow, short: bool = False) -> str:
    card = row.card
    if not card.complete:
        return f"{INCOMPLETE}（已收 {card.marks_in}/{card.marks_due}）"
    notes = []
    if row.flag:
        notes.append(FLAG_SHORT.get(row.flag, row.flag) if short else flag_words(row.flag))
    if row.decided_by:
        by = "未修约分" if row.decided_by == UNROUNDED else f"「{row.decided_by}」"
        notes.append(f"同分，按{by}排定")
    return "；".join(notes)


@dataclass(frozen=True)
class AwardRow:
    award: str
    rank: int
    number: int
    name: str
    unit: str
    event: str
    group: str
    score: str
    members: tuple[str, ...]
    flag: str | None

    @property
    def event_group(self) -> str:
        return " · ".join(p for p in (self.event, self.group) if p)


def award_rows(table: Standings) -> list[AwardRow]:
    """Every award winner, in the contest's award order, then group by group, then by rank."""
    order = {tier.name: i for i, tier in enumerate(table.contest.awards)}
    rows = []
    for g, group in enumerate(table.groups):
        for row in group.rows:
            if not row.award or row.rank is None:
                continue
            entrant = row.entrant
            rows.append(
                (
                    (order.get(row.award, len(order)), g, row.rank, entrant.number),
                    AwardRow(
                        row.award,
                        row.rank,
                        entrant.number,
                        entrant.name,
                        entrant.unit,
                        group.event.name,
                        group.group,
                        row.score or "",
                        entrant.members,
                        row.flag,
                    ),
                )
            )
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


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


def _needed_width(table: Standings) -> float:
    return max(
        (sum(c.width for c in _group_layout(g, table.contest)[1]) * mm for g in table.groups),
        default=0,
    )


def _widths(columns: list[Column], avail: float) -> list[float]:
    widths = [c.width * mm for c in columns]
    spare = avail - sum(widths)
    shares = sum(c.flexible for c in columns)
    if spare > 0 and shares:
        widths = [w + spare * c.flexible / shares for w, c in zip(widths, columns, strict=True)]
    elif spare < 0:
        widths = [w * avail / sum(widths) for w in widths]
    return widths


def _ranking_table(group: RankingGroup, contest, avail: float) -> Table:
    stages, columns = _group_layout(group, contest)
    widths = _widths(columns, avail)
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
        cells += [escape(row.score or DASH), escape(row.award or ""), escape(note_words(row, True))]
        rows.append(
            [Paragraph(text, left if columns[i].left else centred) for i, text in enumerate(cells)]
        )
        if row.flag:
            style.append(("BACKGROUND", (0, r), (-1, r), WARN_BG))
    table = Table(rows, colWidths=widths, repeatRows=2, hAlign="CENTER")
    table.setStyle(TableStyle(style))
    return table


# ----------------------------------------------------------------------------- blocks


def _section(title: str) -> list:
    return [
        Paragraph(escape(title), SECTION),
        HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=1, spaceAfter=4),
    ]


def _simple_table(head: list[str], body: list[list[str]], widths: list[float], left=()) -> Table:
    centred = paragraph_style("st_c", 9.5, 12.5, alignment=TA_CENTER)
    lefted = paragraph_style("st_l", 9.5, 12.5, alignment=TA_LEFT)
    rows = [[Paragraph(escape(h), centred) for h in head]]
    for values in body:
        rows.append(
            [
                Paragraph(user_markup(v), lefted if i in left else centred)
                for i, v in enumerate(values)
            ]
        )
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ]
        )
    )
    return table


def _award_list(table: Standings, avail: float) -> list:
    rows = award_rows(table)
    if not rows:
        return [Paragraph("本竞赛未设奖项或尚无获奖者。", BODY)]
    several = len(table.groups) > 1
    head = [
        "奖项",
        "名次",
        "序号",
        "姓名",
        "单位",
        *(["项目 · 组别"] if several else []),
        "最后得分",
    ]
    fixed = [18, 12, 12, 30, 0, *([34] if several else []), 20]
    widths = [w * mm for w in fixed]
    widths[4] = avail - sum(widths)
    body = []
    flagged = False
    for row in rows:
        name = row.name + ("（＊）" if row.flag else "")
        flagged = flagged or bool(row.flag)
        body.append(
            [
                row.award,
                str(row.rank),
                str(row.number),
                name,
                row.unit,
                *([row.event_group] if several else []),
                row.score,
            ]
        )
    out: list = [_simple_table(head, body, widths, left=(3, 4))]
    if flagged:
        out.append(Paragraph("＊ 并列跨越获奖名额线，获奖等次请组委会确定。", NOTE))
    return out


def _settings_table(contest, has_teams: bool, avail: float) -> Table:
    rows = [
        [Paragraph(escape(label), CELL_LEFT), Paragraph(user_markup(words), CELL_LEFT)]
        for label, words in settings_words(contest, has_teams)
    ]
    table = Table(rows, colWidths=[30 * mm, avail - 30 * mm], hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


SIGNERS = (("评委签字：", None), ("监督人签字：", 2))
CHECKERS = (("制表人：", 1), ("审核人：", 2))


def _signature_block(contest, avail: float, roles=SIGNERS) -> Table:
    """A line to sign for each judge (named under it when the contest knows the name) and each
    other signer; ``roles`` are (label, count) with None = one per judge."""
    label_w = 24 * mm
    slots = min(max(contest.judges, 4), int((avail - label_w) // (24 * mm)))
    slot_w = (avail - label_w) / slots
    rows = []
    for role, count in roles:
        if count is None:
            names = [contest.judge_name(j) for j in range(1, contest.judges + 1)]
        else:
            names = [""] * count
        for start in range(0, len(names), slots):
            chunk = names[start : start + slots]
            if any(chunk):  # every line of the row at one height, named or not
                chunk = [n or " " for n in chunk]
            label = Paragraph(escape(role) if start == 0 else "", CELL_LEFT)
            rows.append(
                [label, *[SignSlot(slot_w, n) for n in chunk], *[""] * (slots - len(chunk))]
            )
    return signature_grid(rows, label_w, slot_w, slots)


def _heading(table: Standings, congress: CongressInfo, title: str) -> list:
    contest = table.contest
    return [
        Paragraph(user_markup(f"{contest.title}　{title}"), TITLE),
        Spacer(1, 1.5 * mm),
        Paragraph(user_markup(congress.name), HEADING),
        Paragraph(escape(rule_line(contest)), HEADING),
        *_provisional_note(table),
        Spacer(1, 3 * mm),
    ]


def _provisional_note(table: Standings) -> list:
    """Printed while anyone still lacks marks: ranks and awards may yet change."""
    waiting = sum(1 for r in table.rows if not r.card.complete)
    if not waiting:
        return []
    text = f"＊ 尚有 {waiting} 名选手评分未完成，本表为临时结果，名次和奖项可能变化。"
    return [Spacer(1, 1.5 * mm), Paragraph(escape(text), NOTE)]


def _ranking_story(table: Standings, congress: CongressInfo, avail: float) -> list:
    contest = table.contest
    story = _heading(table, congress, "成绩排名表")
    for group in table.groups:
        title = group_title(group)
        if title:
            story += _section(title)
        if not group.rows:
            story.append(Paragraph("（无选手）", BODY))
            continue
        story.append(_ranking_table(group, contest, avail))
        flagged = [r for r in group.rows if r.flag]
        if flagged:
            ranks = "、".join(sorted({f"第 {r.rank} 名" for r in flagged}))
            story.append(
                Paragraph(escape(f"＊ 注：{ranks}并列跨越获奖名额线，获奖等次请组委会确定。"), NOTE)
            )
        if any(not r.card.complete for r in group.rows):
            story.append(Paragraph("评分未完成的选手不排名次。", SMALL))
        story.append(Spacer(1, 2 * mm))
    if contest.trim and has_panel(contest):
        story.append(
            Paragraph("删除线表示按规则去掉的最高分和最低分；评委分为其余分数的平均。", SMALL)
        )
    rules = _settings_table(contest, bool(table.teams), avail)
    story.append(KeepTogether([*_section("计分规则"), rules]))
    story.append(KeepTogether([*_section("签字"), _signature_block(contest, avail)]))
    story += [PageBreak(), *_heading(table, congress, "获奖名单")]
    story += _award_list(table, avail)
    story.append(KeepTogether([*_section("签字"), _signature_block(contest, avail)]))
    return story


def _certificate_story(table: Standings, congress: CongressInfo, avail: float) -> list:
    story = _heading(table, congress, "证书名单")
    rows = award_rows(table)
    if not rows:
        return [*story, Paragraph("本竞赛未设奖项或尚无获奖者。", BODY)]
    several = any(r.event_group for r in rows)
    head = ["序", "奖项", "姓名", "单位", *(["项目 / 组别"] if several else []), "成绩"]
    fixed = [10, 20, 0, 0, *([40] if several else []), 18]
    flexible = avail - sum(fixed) * mm
    widths = [w * mm for w in fixed]
    widths[2], widths[3] = flexible * 0.4, flexible * 0.6
    body = []
    for i, row in enumerate(rows, start=1):
        name = row.name + (f"（{'、'.join(row.members)}）" if row.members else "")
        if row.flag:
            name += "（＊待定）"
        where = [row.event_group or "—"] if several else []
        body.append([str(i), row.award, name, row.unit, *where, row.score])
    story.append(_simple_table(head, body, widths, left=(2, 3)))
    if any(r.flag for r in rows):
        story.append(Paragraph("＊ 并列跨越获奖名额线，获奖等次待组委会确定后再制证书。", NOTE))
    story.append(Spacer(1, 6 * mm))
    story.append(
        KeepTogether([*_section("核对"), _signature_block(table.contest, avail, CHECKERS)])
    )
    return story


# ----------------------------------------------------------------------------- the documents


def _avail(page_size) -> float:
    return page_size[0] - 2 * MARGIN_X - 2 * FRAME_PAD


def _render(path: Path, table: Standings, congress: CongressInfo, title: str, build, page_size):
    contest = table.contest
    return build_pdf(
        path,
        lambda: build(table, congress, _avail(page_size)),
        title=f"{contest.title} {title}",
        subject=f"{congress.name}：竞赛 {contest.number} {contest.title}",
        keywords="竞赛 成绩 排名 获奖",
        footer=f"{congress.name}　竞赛 {contest.number}「{contest.title}」{title}",
        page_size=page_size,
        margins=(MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
    )


def page_size_for(table: Standings):
    """Portrait A4, or landscape when a ranking table would not fit across a portrait page."""
    portrait = A4
    return portrait if _needed_width(table) <= _avail(portrait) else landscape(A4)


def write_contest_pdf(table: Standings, path, congress: CongressInfo) -> Path:
    """成绩排名表 (every group), then 获奖名单, 计分规则 and the signature lines."""
    out = export_target(path)
    size = page_size_for(table)
    write_privately(
        out, lambda temp: _render(temp, table, congress, "成绩排名表", _ranking_story, size)
    )
    return out


def write_certificates_pdf(table: Standings, path: str | os.PathLike, congress) -> Path:
    """证书名单: one line per award winner (奖项, 姓名, 单位, 项目 / 组别), to print certificates."""
    out = export_target(path)
    write_privately(
        out, lambda temp: _render(temp, table, congress, "证书名单", _certificate_story, A4)
    )
    return out
