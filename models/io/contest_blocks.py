"""The contest sheets' blocks: award list, rules, signature lines, the ranking and certificate stories."""

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
from models.io.contest_table import (
    BODY,
    CELL_LEFT,
    HEADING,
    NOTE,
    SECTION,
    SMALL,
    TITLE,
    ranking_table,
)
from models.io.contest_words import award_rows, group_title, has_panel, rule_line, settings_words
from models.io.pdf_kit import (
    RULE,
    SHADE,
    SignSlot,
    escape,
    ruled_table,
    signature_grid,
    user_markup,
)
from models.scores import Standings

# ----------------------------------------------------------------------------- blocks


def contest_section(title: str) -> list:
    return [
        Paragraph(escape(title), SECTION),
        HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=1, spaceAfter=4),
    ]


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
    out: list = [ruled_table(head, body, widths, left=(3, 4))]
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


def contest_heading(table: Standings, congress: CongressInfo, title: str) -> list:
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


def ranking_story(table: Standings, congress: CongressInfo, avail: float) -> list:
    contest = table.contest
    story = contest_heading(table, congress, "成绩排名表")
    for group in table.groups:
        title = group_title(group)
        if title:
            story += contest_section(title)
        if not group.rows:
            story.append(Paragraph("（无选手）", BODY))
            continue
        story.append(ranking_table(group, contest, avail))
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
    story.append(KeepTogether([*contest_section("计分规则"), rules]))
    story.append(KeepTogether([*contest_section("签字"), _signature_block(contest, avail)]))
    story += [PageBreak(), *contest_heading(table, congress, "获奖名单")]
    story += _award_list(table, avail)
    story.append(KeepTogether([*contest_section("签字"), _signature_block(contest, avail)]))
    return story


def certificate_story(table: Standings, congress: CongressInfo, avail: float) -> list:
    story = contest_heading(table, congress, "证书名单")
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
    story.append(ruled_table(head, body, widths, left=(2, 3)))
    if any(r.flag for r in rows):
        story.append(Paragraph("＊ 并列跨越获奖名额线，获奖等次待组委会确定后再制证书。", NOTE))
    story.append(Spacer(1, 6 * mm))
    story.append(
        KeepTogether([*contest_section("核对"), _signature_block(table.contest, avail, CHECKERS)])
    )
    return story
