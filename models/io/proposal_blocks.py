"""The proposal compilation's page layout, styles, flowables and one proposal's pages."""

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from models.io.pdf_kit import (
    FONT,
    GREY,
    INK,
    RULE,
    SHADE,
    escape,
    paragraph_style,
    user_markup,
)
from models.io.proposal_words import (
    DASH,
    kind_words,
    proposer_words,
    rating_words,
    seconder_words,
    stamp_text,
    status_words,
)
from models.proposals import ProposalDetail

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


def proposal_section(title: str) -> list:
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
        story += [
            CondPageBreak(HEADING_ROOM),
            *proposal_section(f"{NUMERALS[index]}、{title}"),
            *body,
        ]
    return story
