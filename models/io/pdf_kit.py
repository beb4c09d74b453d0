"""Printable result sheets (结果报告单): one A4 PDF per motion, election or appraisal.

Drawn with reportlab's platypus in the embedded font of :mod:`models.io.pdf_fonts` (every
sheet huiwu prints is built by :func:`build_pdf`, which registers it). Everything on
the sheet comes from :func:`models.io.result_facts.result_facts`, which the workbook uses too.
Long candidate lists flow onto further pages with the table header repeated; the signature
block is never split from its heading. Written beside the target and moved into place, so an
interrupted run never leaves half a PDF.
"""

import os
from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from models.clock import now
from models.congress import CongressInfo
from models.errors import refuse
from models.io.pdf_fonts import FONT, ensure_pdf_font
from models.io.private_files import write_privately
from models.io.result_facts import ResultFacts, ResultTable, percent_text, result_facts
from models.rules.election import Ballot

MONO = FONT  # the roll's SHA-256: the Ming face's digits and a–f are all half an em wide

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 17 * mm
FRAME_PAD = 6  # platypus frames keep 6 pt inside each edge
WIDTH = PAGE_W - 2 * MARGIN_X - 2 * FRAME_PAD  # what a table may use

INK = Color(0.1, 0.1, 0.1)
GREY = Color(0.42, 0.42, 0.42)
RULE = Color(0.55, 0.55, 0.55)
SHADE = HexColor("#EEEEEE")
PASS = HexColor("#1B5E20")
FAIL = HexColor("#B3261E")
OPEN = HexColor("#5F6368")
PASS_BG = HexColor("#E8F5E9")
WARN_BG = HexColor("#FDECEA")
WARN = HexColor("#B45309")  # amber: the entries disagree, nothing is decided
TONES = {"pass": PASS, "fail": FAIL, "open": OPEN, "warn": WARN}


def _ensure_font() -> None:
    ensure_pdf_font()


def _style(name: str, size: float, leading: float | None = None, **kw) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=kw.pop("fontName", FONT),
        fontSize=size,
        leading=leading or size * 1.4,
        wordWrap="CJK",
        textColor=kw.pop("textColor", INK),
        **kw,
    )


TITLE = _style("title", 17, 23, alignment=TA_CENTER)
HEADING = _style("heading", 9.5, 13.5, alignment=TA_CENTER, textColor=GREY)
SECTION = _style("section", 11.5, 15, spaceBefore=7, spaceAfter=1)
BODY = _style("body", 10, 14.5, spaceAfter=2)
KEY = _style("key", 11.5, 16, spaceAfter=2)
WARNED = _style("warn", 10, 14.5, spaceAfter=2, textColor=FAIL)
SMALL = _style("small", 8.5, 12, textColor=GREY)
CELL = _style("cell", 9.5, 12, alignment=TA_CENTER)
CELL_LEFT = _style("cell_left", 9.5, 12, alignment=TA_LEFT)
HEAD = _style("head", 9.5, 12, alignment=TA_CENTER)
LABEL = _style("label", 8, 10.5, textColor=GREY)
VALUE = _style("value", 11.5, 14.5)
HASH = _style("hash", 9, 12.5, fontName=MONO)
SIGN_NAME = _style("sign_name", 9.5, 12, alignment=TA_CENTER)


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


# ----------------------------------------------------------------------------- text helpers


def _esc(text) -> str:
    text = "" if text is None else str(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mk(text) -> str:
    """Escaped markup for a name or any user text (one embedded font prints Öztürk and 喆 alike)."""
    return _esc(text)


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


# ----------------------------------------------------------------------------- flowables


class BoldText(Flowable):
    """One line of large text, filled and stroked (the font has no bold), kept real text."""

    def __init__(self, text: str, size: float, colour=INK, centred: bool = True):
        super().__init__()
        self.text, self.size, self.colour, self.centred = text, size, colour, centred

    def wrap(self, avail_width, avail_height):
        self.avail = avail_width
        return avail_width, self.size * 1.3

    def draw(self):
        c = self.canv
        width = pdfmetrics.stringWidth(self.text, FONT, self.size)
        x = (self.avail - width) / 2 if self.centred else 0
        c.saveState()
        obj = c.beginText(x, self.size * 0.3)
        obj.setFont(FONT, self.size)
        obj.setFillColor(self.colour)
        obj.setStrokeColor(self.colour)
        obj.setTextRenderMode(2)
        c.setLineWidth(self.size * 0.03)
        obj.textOut(self.text)
        c.drawText(obj)
        c.restoreState()


class Stamp(Flowable):
    """The verdict: a framed box with the word very large and the reason under it."""

    def __init__(self, text: str, note: str, tone: str, size: float):
        super().__init__()
        self.text, self.note, self.size = text, note, size
        self.colour = TONES.get(tone, OPEN)
        self.note_para = Paragraph(_esc(note), _style("stamp_note", 10, 14, alignment=TA_CENTER))

    def wrap(self, avail_width, avail_height):
        self.avail = avail_width
        self.note_h = (
            self.note_para.wrap(avail_width - 16 * mm, avail_height)[1] if self.note else 0
        )
        self.height = self.size * 1.25 + self.note_h + 7 * mm
        return avail_width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(self.colour)
        c.setLineWidth(1.6)
        c.rect(0, 0, self.avail, self.height, stroke=1, fill=0)
        c.setLineWidth(0.5)
        c.rect(1.4 * mm, 1.4 * mm, self.avail - 2.8 * mm, self.height - 2.8 * mm, stroke=1)
        width = pdfmetrics.stringWidth(self.text, FONT, self.size)
        base = self.height - 3.5 * mm - self.size * 0.95
        obj = c.beginText((self.avail - width) / 2, base)
        obj.setFont(FONT, self.size)
        obj.setFillColor(self.colour)
        obj.setStrokeColor(self.colour)
        obj.setTextRenderMode(2)
        c.setLineWidth(self.size * 0.035)
        obj.textOut(self.text)
        c.drawText(obj)
        c.restoreState()
        if self.note:
            self.note_para.drawOn(c, 8 * mm, 3.2 * mm)


def _section(title: str) -> list:
    return [
        Paragraph(_esc(title), SECTION),
        HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=1, spaceAfter=4),
    ]


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
        row: list = [Paragraph(_esc(group.name), CELL)]
        for fact, span in zip(group.facts, widths, strict=True):
            if span == 2:
                style.append(("SPAN", (len(row), r), (len(row) + 1, r)))
            row.append([Paragraph(_esc(fact.label), LABEL), Paragraph(_mk(fact.text), VALUE)])
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
    centred = _style(f"cell{size}", size, size * 1.28, alignment=TA_CENTER)
    left = _style(f"cell_left{size}", size, size * 1.28, alignment=TA_LEFT)
    name_cols = {
        i for i, c in enumerate(table.columns) if c.title in ("候选人", "姓名", "职务", "代表团")
    }

    def cells(values):
        return [
            Paragraph(_mk(text), left if i in name_cols else centred)
            for i, text in enumerate(values)
        ]

    def head(title: str, width: float) -> Paragraph:
        """A header too wide for its column breaks in the middle (基本/满意), not 基本满/意."""
        if _natural_width(title, size) + 6 > width and len(title) >= 4 and title.isalpha():
            half = (len(title) + 1) // 2
            return Paragraph(f"{_esc(title[:half])}<br/>{_esc(title[half:])}", centred)
        return Paragraph(_esc(title), centred)

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
        [Paragraph(_esc(s.label), CELL_LEFT), Paragraph(_esc(s.words), CELL_LEFT)]
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
        return [Paragraph(_esc(facts.roll_line), BODY)]
    label = f"表决名单（实到有表决权代表 {facts.roll_present} 名）SHA-256:"
    details = {f.label: f.text for f in facts.roll_details}
    note = (
        f"会次：{details.get('会次', '')}；应到有表决权代表 {details.get('应到有表决权代表', '')}；"
        f"确定于 {details.get('表决名单确定时间', '')}。凭当次签到名单可复算此值。"
    )
    return [
        Paragraph(_esc(label), BODY),
        Paragraph(_esc(facts.roll_sha256), HASH),
        Spacer(1, 1.5 * mm),
        Paragraph(_esc(note), SMALL),
    ]


class SignSlot(Flowable):
    """Room to sign, a line, and the signer's name (if known) printed small under it."""

    def __init__(self, width: float, name: str = "", room: float = 8 * mm):
        super().__init__()
        self.width, self.name, self.room = width, name, room
        self.height = room + (4.5 * mm if name else 1 * mm)

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        inset = 3 * mm
        line_y = self.height - self.room
        c.saveState()
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        c.line(inset, line_y, self.width - inset, line_y)
        if self.name:
            c.setFont(FONT, 9.5)
            c.setFillColor(INK)
            c.drawCentredString(self.width / 2, line_y - 3.9 * mm, self.name)
        c.restoreState()


class DateLine(Flowable):
    """日期： ____ 年 ___ 月 ___ 日, with lines to write on."""

    def __init__(self, width: float):
        super().__init__()
        self.width, self.height = width, 9 * mm

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setFont(FONT, 9.5)
        c.setFillColor(INK)
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        x, y = 0, 1.5 * mm
        for blank, word in ((20 * mm, "年"), (12 * mm, "月"), (12 * mm, "日")):
            c.line(x, y - 1, x + blank, y - 1)
            x += blank + 1 * mm
            c.drawString(x, y, word)
            x += pdfmetrics.stringWidth(word, FONT, 9.5) + 1.5 * mm
        c.restoreState()


def _signature_block(facts: ResultFacts) -> Table:
    slots = 4
    label_w = 20 * mm
    slot_w = (WIDTH - label_w) / slots
    rows = []
    for signature in facts.signatures:
        names = list(signature.names) or [""] * max(signature.blanks, 1)
        for start in range(0, len(names), slots):
            chunk = names[start : start + slots]
            label = Paragraph(_esc(f"{signature.role}：") if start == 0 else "", CELL_LEFT)
            rows.append(
                [label, *[SignSlot(slot_w, n) for n in chunk], *[""] * (slots - len(chunk))]
            )
    return signature_grid(rows, label_w, slot_w, slots)


def signature_grid(rows: list, label_w: float, slot_w: float, slots: int) -> Table:
    """Signature rows (a role, then lines to sign on) closed by a 日期 line, as one table."""
    rows = [*rows, [Paragraph("日期：", CELL_LEFT), DateLine(slot_w * 2), *[""] * (slots - 1)]]
    table = Table(rows, colWidths=[label_w] + [slot_w] * slots, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (0, -1), 3.2 * mm),
                ("SPAN", (1, -1), (2, -1)),
            ]
        )
    )
    return table


# ----------------------------------------------------------------------------- the document


def _story(facts: ResultFacts) -> list:
    title = _mk(facts.title)
    if pdfmetrics.stringWidth(facts.title, FONT, TITLE.fontSize) > WIDTH:
        title = "<br/>".join(_mk(part) for part in facts.title_parts)
    story: list = [Paragraph(title, TITLE), Spacer(1, 1.5 * mm)]
    story += [Paragraph(_mk(line), HEADING) for line in facts.heading]
    story += [Spacer(1, 4 * mm), _fact_grid(facts), Spacer(1, 4 * mm)]
    size = {"motion": 40, "election": 24, "appraisal": 22}.get(facts.kind, 24)
    # a long verdict (两次录入不一致，结果未确定) still fits inside the stamp's frame
    size = min(size, (WIDTH - 16 * mm) / pdfmetrics.stringWidth(facts.verdict.text, FONT, 1))
    story.append(Stamp(facts.verdict.text, facts.verdict.note, facts.verdict.tone, size))
    story.append(Spacer(1, 3 * mm))
    if facts.differences is not None:
        story += _section(facts.differences.title)
        story += [_data_table(facts.differences), Spacer(1, 3 * mm)]
    for line in facts.lines:
        style = {"warn": WARNED, "key": KEY}.get(line.tone, BODY)
        story.append(Paragraph(_mk(line.text), style))
    if facts.table is not None:
        story += _section(facts.table.title)
        story.append(_data_table(facts.table))
    story += _section("计算规则与设置")
    story.append(_settings_table(facts))
    colour = "#1B5E20" if facts.final else "#B3261E"
    status = Paragraph(f'核对情况：<font color="{colour}">{_esc(facts.status)}</font>', BODY)
    story.append(
        KeepTogether(
            [*_section("表决名单与核对"), *_roll_block(facts), Spacer(1, 1.5 * mm), status]
        )
    )
    story.append(KeepTogether([*_section("签名"), _signature_block(facts)]))
    return story


def numbered_canvas(
    footer: str,
    stamp: str,
    page_size=A4,
    *,
    margin_x: float = MARGIN_X,
    margin_bottom: float = MARGIN_BOTTOM,
):
    """A canvas class whose footer says 第 x 页／共 y 页, with ``footer`` on the left (cut short of
    the page number) and ``stamp`` on the right. Shared by every sheet we print."""
    page_w = page_size[0]

    class NumberedCanvas(Canvas):
        """Holds every page until the end so each footer can say 第 x 页／共 y 页."""

        def __init__(self, *args, **kwargs):
            # reportlab's default would name Helvetica on every page, unembedded
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(GREY)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            y = margin_bottom - 7 * mm
            left, right = margin_x + FRAME_PAD, page_w - margin_x - FRAME_PAD
            self.line(left, y + 3.2 * mm, right, y + 3.2 * mm)
            page = f"第 {number} 页／共 {total} 页"
            # the left text stops short of the centred page number
            room = page_w / 2 - left - pdfmetrics.stringWidth(page, FONT, 7.5) / 2 - 4 * mm
            text = footer
            while text and pdfmetrics.stringWidth(text, FONT, 7.5) > room:
                text = text[:-2] + "…"
            self.drawString(left, y, text)
            self.drawCentredString(page_w / 2, y, page)
            self.drawRightString(right, y, stamp)
            self.restoreState()

    return NumberedCanvas


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


def build_pdf(
    target,
    make_story,
    *,
    title: str,
    subject: str,
    keywords: str,
    footer: str,
    page_size=A4,
    margins: tuple[float, float, float] = (MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
    doc_class=SimpleDocTemplate,
) -> int:
    """Every huiwu sheet is built the same way: the Chinese font (registered before
    ``make_story()`` measures any text), the document's metadata, and the footer with the page
    number and when it was printed. Returns the page count."""
    _ensure_font()
    margin_x, margin_top, margin_bottom = margins
    doc = doc_class(
        str(target) if isinstance(target, Path) else target,
        pagesize=page_size,
        leftMargin=margin_x,
        rightMargin=margin_x,
        topMargin=margin_top,
        bottomMargin=margin_bottom,
        title=title,
        author="huiwu 会务",
        subject=subject,
        creator="huiwu",
        keywords=keywords,
        pageCompression=1,
    )
    stamp = "生成于 " + now().strftime("%Y-%m-%d %H:%M")
    canvas = numbered_canvas(
        footer, stamp, page_size, margin_x=margin_x, margin_bottom=margin_bottom
    )
    doc.build(make_story(), canvasmaker=canvas)
    return doc.page
