"""The 提案汇编 (compilation of proposals, RULES §5) as an A4 PDF.

A cover page (the congress, 「提案汇编」, the dates, what the committee received and decided, and
a contents table with the page each proposal starts on), then one page per accepted proposal
(立案 and every step after it): its number, title, category and form, the proposers with their
delegations, the seconders, 案由, 建议, the proposals merged into it, the department, the due
date, the reply and the proposer's rating. Long texts flow onto continuation pages; nothing is
cut. Like every printed sheet it is a Chinese document whatever the interface language, drawn
with the result sheets' font, styles and numbered footer (:mod:`models.io.result_sheet`).

The words for statuses, ratings, proposer forms and steps are the Chinese catalog's
(``tui/i18n/proposals.py``); models/ may not import tui/, so they are mirrored here and a unit
test keeps the two equal. The registry workbook (:mod:`models.io.proposal_book`) uses them too.
"""

import io
import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reportlab.lib import textsplit
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as platypus_paragraph
from reportlab.platypus.flowables import HRFlowable

from models.clock import now
from models.congress import CongressInfo
from models.io.pdf_kit import (
    FONT,
    GREY,
    INK,
    RULE,
    SHADE,
    build_pdf,
    ensure_font,
    escape,
    paragraph_style,
    user_markup,
)
from models.io.private_files import export_target, write_privately
from models.proposals import ProposalDetail, ProposalStats
from models.rules.proposals import ACCEPTED_SET, DELEGATION

# -- the catalog's Chinese words (tui/i18n/proposals.py; a test keeps them equal) ---------------

STATUS_WORDS = {
    "submitted": "已提交",
    "merged": "已合并",
    "accepted": "已立案",
    "suggestion": "转为意见建议",
    "rejected": "不予立案",
    "assigned": "已交办",
    "answered": "已答复",
    "closed": "已办结",
    "rehandling": "重新办理",
}
ACTION_WORDS = {
    "submit": "提交",
    "merge": "合并",
    "accept": "立案",
    "suggest": "转为意见建议",
    "reject": "不予立案",
    "reopen": "撤销决定",
    "assign": "交办",
    "answer": "答复",
    "rate": "评价",
    "edit": "修改",
}
RATING_WORDS = {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}
KIND_WORDS = {"person": "代表个人", "joint": "代表联名", "delegation": "代表团"}
DASH = "—"
RED = HexColor("#B3261E")

MARGIN_X = 20 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 18 * mm
FRAME_PAD = 6
WIDTH = A4[0] - 2 * MARGIN_X - 2 * FRAME_PAD

BODY_SIZE = 11
COVER_NAME = paragraph_style("p_cover_name", 15, 22, alignment=TA_CENTER)
COVER_DATE = paragraph_style("p_cover_date", 11, 16, alignment=TA_CENTER, textColor=GREY)
SUMMARY = paragraph_style("p_summary", BODY_SIZE, 19, firstLineIndent=2 * BODY_SIZE, spaceAfter=3)
LABEL_LINE = paragraph_style("p_label", 10.5, 14, alignment=TA_RIGHT, textColor=GREY)
SECTION = paragraph_style("p_section", 12.5, 17, spaceBefore=9, spaceAfter=1)
TEXT = paragraph_style("p_text", BODY_SIZE, 19, firstLineIndent=2 * BODY_SIZE, spaceAfter=2)
NONE_TEXT = paragraph_style("p_none", BODY_SIZE, 19, textColor=GREY, spaceAfter=2)
SUBHEAD = paragraph_style("p_subhead", BODY_SIZE, 17, spaceBefore=5, spaceAfter=1)
CELL = paragraph_style("p_cell", 10, 13.5, alignment=TA_LEFT)
CELL_KEY = paragraph_style("p_cell_key", 10, 13.5, alignment=TA_CENTER)
TOC = paragraph_style("p_toc", 9.5, 12.5, alignment=TA_LEFT)
TOC_C = paragraph_style("p_toc_c", 9.5, 12.5, alignment=TA_CENTER)
FIGURE = paragraph_style("p_figure", 15, 18, alignment=TA_CENTER)
FIGURE_KEY = paragraph_style("p_figure_key", 8.5, 11, alignment=TA_CENTER, textColor=GREY)
EMPTY = paragraph_style("p_empty", 12, 18, alignment=TA_CENTER, textColor=GREY, spaceBefore=10)


# -- words shared with the workbook -------------------------------------------------------------


def status_words(code: str | None) -> str:
    return STATUS_WORDS.get(code or "", code or "")


def rating_words(code: str | None) -> str:
    return RATING_WORDS.get(code or "", code or "")


def kind_words(code: str | None) -> str:
    return KIND_WORDS.get(code or "", code or "")


def action_words(code: str | None) -> str:
    return ACTION_WORDS.get(code or "", code or "")


def stamp_text(iso: str | None) -> str:
    """``2026-05-01 09:30`` from a stored timestamp (local time, as the desk saw it)."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def day_words(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def person_words(person, with_delegation: bool = True) -> str:
    if with_delegation and person.delegation:
        return f"{person.name}（{person.delegation}）"
    return person.name


def proposer_words(detail: ProposalDetail) -> str:
    """Who proposes it: the delegation for a delegation's proposal (with the delegates who signed
    it, if any), else each delegate with their delegation."""
    if detail.row.proposer_kind == DELEGATION:
        name = detail.row.delegation or detail.row.proposers or DASH
        if detail.proposers:
            signed = "、".join(p.name for p in detail.proposers)
            return f"{name}（署名代表：{signed}）"
        return name
    return "、".join(person_words(p) for p in detail.proposers) or detail.row.proposers or DASH


def seconder_words(detail: ProposalDetail) -> str:
    return "、".join(p.name for p in detail.seconders)


def decision_words(detail: ProposalDetail) -> str:
    """The committee's decision in words: why it was not accepted, where it was merged, what was
    merged into it."""
    parts = []
    if detail.merged_into:
        parts.append(f"并入 {detail.merged_into}")
    if detail.decision_note:
        parts.append(detail.decision_note)
    if detail.merged:
        parts.append("并案：" + "、".join(detail.merged))
    return "；".join(parts)


def history_words(entry) -> str:
    """What a step set and the desk's own note: 「人力资源部 · 2026-06-30；请尽快」."""
    detail = rating_words(entry.detail) if entry.action == "rate" else entry.detail
    if entry.action == "merge" and detail:
        detail = f"并入 {detail}"
    return "；".join(part for part in (detail, entry.note) if part)


def summary_sentence(stats: ProposalStats) -> str:
    """收到 … 件，立案 … 件 … — the committee's figures as the report states them."""
    if not stats.received:
        return "本次大会尚未收到代表提案。"
    text = (
        f"本次大会共收到代表提案 {stats.received} 件。经提案审查，立案 {stats.accepted} 件，"
        f"并案处理 {stats.merged} 件，转为意见建议 {stats.suggestion} 件，"
        f"不予立案 {stats.rejected} 件"
    )
    text += f"，尚待审查 {stats.pending} 件。" if stats.pending else "。"
    if stats.accepted:
        text += f"立案提案中已答复 {stats.answered} 件"
        if stats.rated:
            text += (
                f"，提案人已评价 {stats.rated} 件（满意 {stats.satisfied} 件、基本满意 "
                f"{stats.basic} 件、不满意 {stats.unsatisfied} 件），"
                f"满意率 {stats.satisfaction_rate}%"
            )
        text += "。"
    if stats.overdue:
        text += f"另有 {stats.overdue} 件已超过办理期限尚未答复。"
    return text


# -- flowables ----------------------------------------------------------------------------------


class BoldLines(Flowable):
    """Large text wrapped onto centred lines, filled and stroked (the font has no bold) and
    kept real text. A line never starts with closing punctuation."""

    NO_START = set("，。、；：？！）」』》〉】”’,.;:?!)%")

    def __init__(self, text: str, size: float, colour=INK, leading: float | None = None):
        super().__init__()
        self.text, self.size, self.colour = " ".join(text.split()), size, colour
        self.leading = leading or size * 1.45

    def _lines(self, width: float) -> list[str]:
        lines: list[str] = []
        line = ""
        for char in self.text:
            wider = pdfmetrics.stringWidth(line + char, FONT, self.size) > width
            if line and wider and char not in self.NO_START:
                lines.append(line)
                line = char.lstrip()
            else:
                line += char
        return [*lines, line] if line else lines

    def wrap(self, avail_width, avail_height):
        self.avail = avail_width
        self.lines = self._lines(avail_width)
        self.height = self.leading * max(len(self.lines), 1)
        return avail_width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setLineWidth(self.size * 0.03)
        for index, line in enumerate(self.lines):
            width = pdfmetrics.stringWidth(line, FONT, self.size)
            base = self.height - self.leading * index - self.size * 1.05
            obj = c.beginText((self.avail - width) / 2, base)
            obj.setFont(FONT, self.size)
            obj.setFillColor(self.colour)
            obj.setStrokeColor(self.colour)
            obj.setTextRenderMode(2)
            obj.textOut(line)
            c.drawText(obj)
        c.restoreState()


class PageMark(Flowable):
    """Invisible: notes the page a proposal starts on (for the contents) and adds it to the PDF's
    outline so a reader's sidebar lists every proposal."""

    def __init__(self, key: str, title: str, pages: dict[str, int]):
        super().__init__()
        self.key, self.title, self.pages = key, title, pages

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        c = self.canv
        self.pages[self.key] = c.getPageNumber()
        c.proposal_started = (self.title, c.getPageNumber())  # for the continuation header
        c.bookmarkPage(self.key)
        c.addOutlineEntry(self.title, self.key, level=0)


class RedRule(Flowable):
    """The double rule under an official document's head: a thick red line over a thin one."""

    def __init__(self, width: float):
        super().__init__()
        self.width, self.height = width, 2.2 * mm

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(RED)
        c.setLineWidth(1.8)
        c.line(0, self.height - 0.6 * mm, self.width, self.height - 0.6 * mm)
        c.setLineWidth(0.5)
        c.line(0, 0.3 * mm, self.width, 0.3 * mm)
        c.restoreState()


# -- blocks -------------------------------------------------------------------------------------


def _section(title: str) -> list:
    return [
        Paragraph(escape(title), SECTION),
        HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=1, spaceAfter=4),
    ]


def _text_block(text: str, empty: str = "（无）") -> list:
    """Each line of ``text`` a paragraph indented two characters; platypus splits a paragraph
    across pages, so nothing is ever cut."""
    lines = [line.strip() for line in (text or "").splitlines()]
    paragraphs = [Paragraph(user_markup(line), TEXT) for line in lines if line]
    return paragraphs or [Paragraph(escape(empty), NONE_TEXT)]


def _grid(rows: list[list], widths: list[float], spans=(), keys=(0, 2)) -> Table:
    """A form-like table: shaded key cells, ruled all round."""
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    for r, row in enumerate(rows):
        for column in keys:
            if column < len(row) and row[column] != "":
                style.append(("BACKGROUND", (column, r), (column, r), SHADE))
    style += [("SPAN", start, end) for start, end in spans]
    table = Table(rows, colWidths=widths, hAlign="CENTER")
    table.setStyle(TableStyle(style))
    return table


def _key(text: str) -> Paragraph:
    return Paragraph(escape(text), CELL_KEY)


def _value(text: str, markup: str | None = None) -> Paragraph:
    return Paragraph(markup if markup is not None else user_markup(text or DASH), CELL)


KEY_W = 22 * mm
HALF_W = (WIDTH - 2 * KEY_W) / 2


def _facts_table(detail: ProposalDetail) -> Table:
    row = detail.row
    seconders = seconder_words(detail) or "（无）"
    if detail.seconders:
        seconders += f"（{len(detail.seconders)} 名）"
    rows = [
        [
            _key("类　　别"),
            _value(row.category),
            _key("提案形式"),
            _value(kind_words(row.proposer_kind)),
        ],
        [_key("提 案 人"), _value(proposer_words(detail)), "", ""],
        [_key("附 议 人"), _value(seconders), "", ""],
        [
            _key("提交时间"),
            _value(stamp_text(row.submitted_at)),
            _key("办理状态"),
            _value(status_words(row.status)),
        ],
    ]
    spans = [((1, 1), (3, 1)), ((1, 2), (3, 2))]
    return _grid(rows, [KEY_W, HALF_W, KEY_W, HALF_W], spans)


def _due_markup(detail: ProposalDetail) -> str:
    row = detail.row
    if not row.due_date:
        return escape(DASH)
    if row.overdue:
        return f'{escape(row.due_date)}<font color="#B3261E">（已超期）</font>'
    return escape(row.due_date)


def _handling_table(detail: ProposalDetail) -> Table:
    row = detail.row
    rating = rating_words(row.rating) if row.rating else "尚未评价"
    rounds = f"第 {row.round} 轮" if row.round > 1 else "第 1 轮"
    rows = [
        [
            _key("承办部门"),
            _value(row.department),
            _key("办理期限"),
            _value("", _due_markup(detail)),
        ],
        [_key("办理轮次"), _value(rounds), _key("提案人评价"), _value(rating)],
    ]
    return _grid(rows, [KEY_W, HALF_W, KEY_W, HALF_W])


def _merged_block(detail: ProposalDetail, titles: dict[str, str]) -> list:
    lines = []
    for label in detail.merged:
        title = titles.get(label)
        lines.append(f"{label}　{title}" if title else label)
    intro = f"以下 {len(lines)} 件提案内容相近，并入本提案一并办理："
    return [Paragraph(escape(intro), TEXT), *[Paragraph(user_markup(line), TEXT) for line in lines]]


def _reply_block(detail: ProposalDetail) -> list:
    row = detail.row
    if not row.department:
        return [Paragraph("尚未交办。", NONE_TEXT)]
    if not detail.reply:
        return [Paragraph("承办部门尚未答复。", NONE_TEXT)]
    when = stamp_text(detail.answered_at)[:10]
    head = f"答复意见（{when}）：" if when else "答复意见："
    return [Paragraph(escape(head), SUBHEAD), *_text_block(detail.reply)]


NUMERALS = "一二三四五六七八九"
HEADING_ROOM = 32 * mm  # a section heading, its rule and about three lines of text


def proposal_story(detail: ProposalDetail, titles: dict[str, str], pages: dict[str, int]) -> list:
    """One accepted proposal: its own page, continued onto the next when the texts are long."""
    row = detail.row
    story: list = [
        PageMark(row.label, f"{row.label} {row.title}", pages),
        Paragraph(escape(f"编号：{row.label}"), LABEL_LINE),
        Spacer(1, 3 * mm),
        BoldLines(row.title, 16),
        Spacer(1, 4 * mm),
        _facts_table(detail),
    ]
    sections = [("案由", _text_block(detail.reason)), ("建议", _text_block(detail.suggestion))]
    if detail.merged:
        sections.append(("并案情况", _merged_block(detail, titles)))
    handling = [_handling_table(detail), Spacer(1, 1.5 * mm), *_reply_block(detail)]
    sections.append(("办理情况", handling))
    for index, (title, body) in enumerate(sections):
        # a heading never ends a page: it starts a new one unless a few lines fit under it (a
        # long text then flows on from there; KeepTogether would push it all to the next page)
        story += [CondPageBreak(HEADING_ROOM), *_section(f"{NUMERALS[index]}、{title}"), *body]
    return story


# -- the cover ----------------------------------------------------------------------------------


def _figures(stats: ProposalStats) -> Table:
    rate = "—" if stats.satisfaction_rate is None else f"{stats.satisfaction_rate}%"
    figures = [
        ("收到", stats.received),
        ("立案", stats.accepted),
        ("并案", stats.merged),
        ("转意见建议", stats.suggestion),
        ("不予立案", stats.rejected),
        ("待审查", stats.pending),
        ("已答复", stats.answered),
        ("满意率", rate),
    ]
    values = [Paragraph(escape(value), FIGURE) for _, value in figures]
    keys = [Paragraph(escape(key), FIGURE_KEY) for key, _ in figures]
    table = Table([values, keys], colWidths=[WIDTH / len(figures)] * len(figures))
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LINEAFTER", (0, 0), (-2, -1), 0.4, RULE),
                ("BACKGROUND", (0, 1), (-1, 1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
                ("TOPPADDING", (0, 1), (-1, 1), 2),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 4),
            ]
        )
    )
    return table


TOC_HEAD = ("编号", "标题", "提案人", "类别", "承办部门", "页码")


def _toc_widths() -> list[float]:
    fixed = [25 * mm, 0, 30 * mm, 18 * mm, 26 * mm, 11 * mm]
    fixed[1] = WIDTH - sum(fixed)
    return fixed


def _contents(proposals: list[ProposalDetail], pages: dict[str, int]) -> Table:
    rows = [[Paragraph(escape(h), TOC_C) for h in TOC_HEAD]]
    for detail in proposals:
        row = detail.row
        page = pages.get(row.label)
        proposer = row.proposers or DASH
        rows.append(
            [
                Paragraph(escape(row.label), TOC_C),
                Paragraph(user_markup(row.title), TOC),
                Paragraph(user_markup(proposer), TOC),
                Paragraph(escape(row.category), TOC_C),
                Paragraph(user_markup(row.department or DASH), TOC_C),
                Paragraph(escape(page if page is not None else "00"), TOC_C),
            ]
        )
    table = Table(rows, colWidths=_toc_widths(), repeatRows=1, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def cover_story(
    congress: CongressInfo,
    stats: ProposalStats,
    proposals: list[ProposalDetail],
    pages: dict[str, int],
    today: date,
) -> list:
    story: list = [
        Spacer(1, 10 * mm),
        Paragraph(user_markup(congress.name), COVER_NAME),
        Spacer(1, 2 * mm),
        RedRule(WIDTH),
        Spacer(1, 8 * mm),
        BoldLines("提案汇编", 30, leading=40),
        Spacer(1, 5 * mm),
    ]
    if congress.date:
        story.append(Paragraph(escape(f"会议日期：{congress.date}"), COVER_DATE))
    story += [
        Paragraph(escape(f"编印日期：{day_words(today)}"), COVER_DATE),
        Spacer(1, 9 * mm),
        *_section("提案工作情况"),
        Paragraph(escape(summary_sentence(stats)), SUMMARY),
        Spacer(1, 2 * mm),
        _figures(stats),
        Spacer(1, 8 * mm),
    ]
    if not proposals:
        return [*story, Paragraph("本次大会尚无立案的提案。", EMPTY)]
    heading = _section(f"目录（立案提案 {len(proposals)} 件）")
    # a long contents table flows on with its header repeated (KeepTogether would push it whole
    # onto the next page and leave the cover half empty)
    return [*story, CondPageBreak(HEADING_ROOM), *heading, _contents(proposals, pages)]


# -- the document --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Compilation:
    """What the compilation prints: the accepted proposals in number order, the figures, and the
    titles of every proposal (for the ones merged into an accepted one)."""

    congress: CongressInfo
    stats: ProposalStats
    proposals: list[ProposalDetail]
    titles: dict[str, str]


def compilation_of(congress, stats, details: list[ProposalDetail]) -> Compilation:
    """From every proposal (``all_details``): the accepted ones, as ``compilation(db)`` lists."""
    accepted = [d for d in details if d.row.status in ACCEPTED_SET]
    titles = {d.row.label: d.row.title for d in details}
    return Compilation(congress, stats, accepted, titles)


def _story(book: Compilation, pages: dict[str, int], today: date) -> list:
    story = cover_story(book.congress, book.stats, book.proposals, pages, today)
    for detail in book.proposals:
        story += [PageBreak(), *proposal_story(detail, book.titles, pages)]
    return story


class _Document(SimpleDocTemplate):
    """Marks a proposal's continuation pages: 「三届二次-001 关于…（续）」 at the top, so a loose
    page still says whose text it carries."""

    def afterPage(self):
        c = self.canv
        started = getattr(c, "proposal_started", None)
        if started is None or started[1] == c.getPageNumber():
            return
        c.saveState()
        c.setFont(FONT, 8)
        c.setFillColor(GREY)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        left, right = MARGIN_X + FRAME_PAD, A4[0] - MARGIN_X - FRAME_PAD
        y = A4[1] - 11 * mm
        text = started[0]
        while text and pdfmetrics.stringWidth(text + "（续）", FONT, 8) > right - left:
            text = text[:-2] + "…"
        c.drawString(left, y, text + "（续）")
        c.line(left, y - 1.8 * mm, right, y - 1.8 * mm)
        c.restoreState()


def _build(book: Compilation, target, pages: dict[str, int], today: date) -> int:
    return build_pdf(
        target,
        lambda: _story(book, pages, today),
        title=f"{book.congress.name} 提案汇编",
        subject=f"{book.congress.name}：提案汇编（立案提案 {len(book.proposals)} 件）",
        keywords="提案 汇编 职代会",
        footer=f"{book.congress.name}　提案汇编",
        margins=(MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
        doc_class=_Document,
    )


# Chinese punctuation reportlab's (Japanese) line-breaking rules let start a line: 「，」「；」 …
NO_LINE_START = "，；：？！》〉】”’"


@contextmanager
def chinese_line_breaks():
    """While the compilation is drawn, full-width commas and the like hang in the margin instead
    of starting a line (reportlab reads the list from the globals of the two modules that break
    CJK lines). Put back afterwards, so the other sheets are drawn exactly as before."""
    modules = (textsplit, platypus_paragraph)
    before = [module.ALL_CANNOT_START for module in modules]
    for module, rules in zip(modules, before, strict=True):
        module.ALL_CANNOT_START = rules + "".join(c for c in NO_LINE_START if c not in rules)
    try:
        yield
    finally:
        for module, rules in zip(modules, before, strict=True):
            module.ALL_CANNOT_START = rules


def render_compilation(book: Compilation, path: Path, today: date | None = None) -> int:
    """Draw the compilation into ``path``; returns the page count. Drawn twice: the first pass
    finds the page each proposal starts on, the second prints those pages in the contents (the
    page column is fixed-width, so the second pass lays out exactly like the first)."""
    ensure_font()
    day = today or now().date()
    pages: dict[str, int] = {}
    with chinese_line_breaks():
        _build(book, io.BytesIO(), pages, day)
        return _build(book, str(path), dict(pages), day)


def write_compilation_pdf(book: Compilation, path: str | os.PathLike) -> Path:
    """The 提案汇编 at ``path`` (written beside it and moved into place)."""
    out = export_target(path)
    write_privately(out, lambda temp: render_compilation(book, temp))
    return out
