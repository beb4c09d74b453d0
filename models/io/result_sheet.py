"""Printable result sheets (结果报告单): one A4 PDF per motion, election or appraisal.

Drawn with reportlab's platypus in the embedded font of :mod:`models.io.pdf_fonts` (every
sheet huiwu prints is built by :func:`models.io.pdf_kit.build_pdf`, which registers it). Everything on
the sheet comes from :func:`models.io.result_facts.result_facts`, which the workbook uses too.
Long candidate lists flow onto further pages with the table header repeated; the signature
block is never split from its heading. Written beside the target and moved into place, so an
interrupted run never leaves half a PDF.
"""

import os
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from models.congress import CongressInfo
from models.errors import refuse
from models.io.pdf_fonts import FONT
from models.io.pdf_kit import (
    BODY,
    CELL,
    CELL_LEFT,
    HASH,
    HEADING,
    KEY,
    LABEL,
    PASS_BG,
    RULE,
    SHADE,
    SMALL,
    TITLE,
    VALUE,
    WARN_BG,
    WARNED,
    WIDTH,
    SignSlot,
    Stamp,
    build_pdf,
    escape,
    paragraph_style,
    section_heading,
    signature_grid,
    user_markup,
)
from models.io.private_files import write_privately
from models.io.result_facts import ResultFacts, ResultTable, percent_text, result_facts
from models.rules.election import Ballot


def write_result_pdf(
    outcome,
    path: str | os.PathLike,
    congress: CongressInfo,
    *,
    ballots: list[Ballot] | None = None,
) -> Path:
    """The result sheet of ``outcome`` (a motion's, an election's or an appraisal's) as a PDF."""
    out = Path(path).expanduser()
    if out.is_dir():
        raise refuse("result.out_is_dir", path=str(out))
    facts = result_facts(outcome, congress, ballots)
    write_privately(out, lambda temp: render_pdf(facts, temp))
    return out


def _cell_value(value, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "percent":
        return percent_text(value)
    if kind == "decimal":
        return f"{value:.2f}"
    return str(value)


def _natural_width(text: str, size: float) -> float:
    return max(
        (pdfmetrics.stringWidth(part, FONT, size) for part in str(text).split("\n")), default=0
    )


# ----------------------------------------------------------------------------- blocks


def _fact_grid(facts: ResultFacts) -> Table:
    """Each group one row: the group's name, then its figures (label small, value large); a
    value too wide for one cell takes two."""
    group_w = 17 * mm
    pad = 7
    spans = [
        [
            2 if pdfmetrics.stringWidth(fact.text, FONT, VALUE.fontSize) > 30 * mm - pad else 1
            for fact in group.facts
        ]
        for group in facts.groups
    ]
    per_row = max(4, *(sum(row) for row in spans))
    cell_w = (WIDTH - group_w) / per_row
    rows, style = (
        [],
        [
            ("FONT", (0, 0), (-1, -1), FONT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ],
    )
    for r, (group, widths) in enumerate(zip(facts.groups, spans, strict=True)):
        row: list = [Paragraph(escape(group.name), CELL)]
        for fact, span in zip(group.facts, widths, strict=True):
            if span == 2:
                style.append(("SPAN", (len(row), r), (len(row) + 1, r)))
            row.append(
                [Paragraph(escape(fact.label), LABEL), Paragraph(user_markup(fact.text), VALUE)]
            )
            row += [""] * (span - 1)
        used = len(row) - 1
        row += [""] * (per_row - used)
        rows.append(row)
        style += [
            ("BACKGROUND", (0, r), (0, r), SHADE),
            ("GRID", (0, r), (used, r), 0.5, RULE),
        ]
    table = Table(rows, colWidths=[group_w] + [cell_w] * per_row, hAlign="CENTER")
    table.setStyle(TableStyle(style))
    return table


TABLE_SIZES = (9.5, 8.5, 8.0)  # a wide table (five options, posts, weights) steps down


def _column_needs(table: ResultTable, texts: list[list[str]], size: float):
    """(natural, compact, flexible) widths at ``size``: natural keeps every header on one line;
    compact lets headers of four or more characters wrap and text columns shrink, but never
    breaks a name of up to five characters, a figure or a short word."""
    pad = 7
    natural, compact, flexible = [], [], []
    for i, column in enumerate(table.columns):
        content = max((_natural_width(row[i], size) for row in texts), default=0) + pad
        head = _natural_width(column.title, size) + pad
        if column.kind == "text":
            flexible.append(i)
            natural.append(max(content, min(head, 4 * size + pad), 14 * mm))
            compact.append(max(min(content, 5 * size + pad), 12 * mm))
        elif column.kind == "short":
            natural.append(max(content, head, 10 * mm))
            compact.append(max(content, min(head, 3 * size + pad), 9 * mm))
        else:
            natural.append(max(content, head, 11 * mm))
            compact.append(max(content, min(head, 3 * size + pad), 9 * mm))
    return natural, compact, flexible


def _widths(table: ResultTable, texts: list[list[str]], avail: float):
    """(column widths, font size) from the content. Figures first give up the room that keeps
    their header on one line, then text columns shrink; spare room goes mostly to text."""
    for size in TABLE_SIZES:
        natural, compact, flexible = _column_needs(table, texts, size)
        if sum(compact) <= avail:
            break
    widths = list(natural)
    over = sum(widths) - avail
    if over > 0:  # figures and short columns wrap their headers
        give = [widths[i] - compact[i] if i not in flexible else 0 for i in range(len(widths))]
        room = sum(give)
        if room > 0:
            share = min(1, over / room)
            widths = [w - g * share for w, g in zip(widths, give, strict=True)]
    over = sum(widths) - avail
    if over > 0 and flexible:  # then the text columns shrink, never below their compact width
        room = sum(widths[i] - compact[i] for i in flexible)
        if room > 0:
            share = min(1, over / room)
            for i in flexible:
                widths[i] -= (widths[i] - compact[i]) * share
    spare = avail - sum(widths)
    if spare > 0:  # text columns take two shares of the spare room, the others one
        shares = [2 if i in flexible else 1 for i in range(len(widths))]
        for i, share in enumerate(shares):
            widths[i] += spare * share / sum(shares)
    elif spare < 0:  # nothing left to give: scale everything
        widths = [w * avail / sum(widths) for w in widths]
    return widths, size


def _data_table(table: ResultTable) -> Table:
    texts = [
        [_cell_value(v, c.kind) for v, c in zip(row, table.columns, strict=True)]
        for row in table.rows
    ]
    footer = None
    if table.footer is not None:
        footer = [_cell_value(v, c.kind) for v, c in zip(table.footer, table.columns, strict=True)]
    widths, size = _widths(table, [*texts, *([footer] if footer else [])], WIDTH)
    centred = paragraph_style(f"cell{size}", size, size * 1.28, alignment=TA_CENTER)
    left = paragraph_style(f"cell_left{size}", size, size * 1.28, alignment=TA_LEFT)
    name_cols = {
        i for i, c in enumerate(table.columns) if c.title in ("候选人", "姓名", "职务", "代表团")
    }

    def cells(values):
        return [
            Paragraph(user_markup(text), left if i in name_cols else centred)
            for i, text in enumerate(values)
        ]

    def head(title: str, width: float) -> Paragraph:
        """A header too wide for its column breaks in the middle (基本/满意), not 基本满/意."""
        if _natural_width(title, size) + 6 > width and len(title) >= 4 and title.isalpha():
            half = (len(title) + 1) // 2
            return Paragraph(f"{escape(title[:half])}<br/>{escape(title[half:])}", centred)
        return Paragraph(escape(title), centred)

    rows = [[head(c.title, w) for c, w in zip(table.columns, widths, strict=True)]]
    rows += [cells(values) for values in texts]
    if footer:
        rows.append(cells(footer))
    style = [
        ("FONT", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for rows_, tint in ((table.marked, PASS_BG), (table.flagged, WARN_BG)):
        for index in rows_:
            style.append(("BACKGROUND", (0, index + 1), (-1, index + 1), tint))
    if footer:
        style.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), SHADE))
    result = Table(rows, colWidths=widths, repeatRows=1, hAlign="CENTER")
    result.setStyle(TableStyle(style))
    return result


def _settings_table(facts: ResultFacts) -> Table:
    rows = [
        [Paragraph(escape(s.label), CELL_LEFT), Paragraph(escape(s.words), CELL_LEFT)]
        for s in facts.settings
    ]
    table = Table(rows, colWidths=[30 * mm, WIDTH - 30 * mm], hAlign="CENTER")
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


def _roll_block(facts: ResultFacts) -> list:
    if facts.roll_sha256 is None:
        return [Paragraph(escape(facts.roll_line), BODY)]
    label = f"表决名单（实到有表决权代表 {facts.roll_present} 名）SHA-256:"
    details = {f.label: f.text for f in facts.roll_details}
    note = (
        f"会次：{details.get('会次', '')}；应到有表决权代表 {details.get('应到有表决权代表', '')}；"
        f"确定于 {details.get('表决名单确定时间', '')}。凭当次签到名单可复算此值。"
    )
    return [
        Paragraph(escape(label), BODY),
        Paragraph(escape(facts.roll_sha256), HASH),
        Spacer(1, 1.5 * mm),
        Paragraph(escape(note), SMALL),
    ]


def _signature_block(facts: ResultFacts) -> Table:
    slots = 4
    label_w = 20 * mm
    slot_w = (WIDTH - label_w) / slots
    rows = []
    for signature in facts.signatures:
        names = list(signature.names) or [""] * max(signature.blanks, 1)
        for start in range(0, len(names), slots):
            chunk = names[start : start + slots]
            label = Paragraph(escape(f"{signature.role}：") if start == 0 else "", CELL_LEFT)
            rows.append(
                [label, *[SignSlot(slot_w, n) for n in chunk], *[""] * (slots - len(chunk))]
            )
    return signature_grid(rows, label_w, slot_w, slots)


# ----------------------------------------------------------------------------- the document


def _story(facts: ResultFacts) -> list:
    title = user_markup(facts.title)
    if pdfmetrics.stringWidth(facts.title, FONT, TITLE.fontSize) > WIDTH:
        title = "<br/>".join(user_markup(part) for part in facts.title_parts)
    story: list = [Paragraph(title, TITLE), Spacer(1, 1.5 * mm)]
    story += [Paragraph(user_markup(line), HEADING) for line in facts.heading]
    story += [Spacer(1, 4 * mm), _fact_grid(facts), Spacer(1, 4 * mm)]
    size = {"motion": 40, "election": 24, "appraisal": 22}.get(facts.kind, 24)
    # a long verdict (两次录入不一致，结果未确定) still fits inside the stamp's frame
    size = min(size, (WIDTH - 16 * mm) / pdfmetrics.stringWidth(facts.verdict.text, FONT, 1))
    story.append(Stamp(facts.verdict.text, facts.verdict.note, facts.verdict.tone, size))
    story.append(Spacer(1, 3 * mm))
    if facts.differences is not None:
        story += section_heading(facts.differences.title)
        story += [_data_table(facts.differences), Spacer(1, 3 * mm)]
    for line in facts.lines:
        style = {"warn": WARNED, "key": KEY}.get(line.tone, BODY)
        story.append(Paragraph(user_markup(line.text), style))
    if facts.table is not None:
        story += section_heading(facts.table.title)
        story.append(_data_table(facts.table))
    story += section_heading("计算规则与设置")
    story.append(_settings_table(facts))
    colour = "#1B5E20" if facts.final else "#B3261E"
    status = Paragraph(f'核对情况：<font color="{colour}">{escape(facts.status)}</font>', BODY)
    story.append(
        KeepTogether(
            [*section_heading("表决名单与核对"), *_roll_block(facts), Spacer(1, 1.5 * mm), status]
        )
    )
    story.append(KeepTogether([*section_heading("签名"), _signature_block(facts)]))
    return story


def render_pdf(facts: ResultFacts, path: Path) -> int:
    """Draw ``facts`` into ``path``; returns the page count."""
    return build_pdf(
        path,
        lambda: _story(facts),
        title=facts.title,
        subject=f"{facts.congress_name}：第 {facts.number} 项 {facts.item_title}",
        keywords="表决 选举 测评 结果",
        footer=f"{facts.congress_name}　第 {facts.number} 项 {facts.item_title}",
    )
