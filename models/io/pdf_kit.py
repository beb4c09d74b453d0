"""The PDF building kit: every sheet huiwu prints (result sheets, attendance, contests, the
proposal compilation, absentees) uses these page sizes, colours, styles, flowables and
:func:`build_pdf`, which registers the embedded font (:mod:`models.io.pdf_fonts`) before any text
is measured and puts 第 x 页／共 y 页 and the print time in every footer.

Text goes into a reportlab ``Paragraph`` as markup: :func:`escape` for our own words,
:func:`user_markup` for a name or any user text, so neither can inject a tag.
"""

from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from models.clock import now
from models.io.pdf_fonts import FONT, ensure_pdf_font

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


def ensure_font() -> None:
    """Register the embedded font; a sheet drawn without build_pdf calls this first."""
    ensure_pdf_font()


def paragraph_style(name: str, size: float, leading: float | None = None, **kw) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=kw.pop("fontName", FONT),
        fontSize=size,
        leading=leading or size * 1.4,
        wordWrap="CJK",
        textColor=kw.pop("textColor", INK),
        **kw,
    )


TITLE = paragraph_style("title", 17, 23, alignment=TA_CENTER)
HEADING = paragraph_style("heading", 9.5, 13.5, alignment=TA_CENTER, textColor=GREY)
SECTION = paragraph_style("section", 11.5, 15, spaceBefore=7, spaceAfter=1)
BODY = paragraph_style("body", 10, 14.5, spaceAfter=2)
KEY = paragraph_style("key", 11.5, 16, spaceAfter=2)
WARNED = paragraph_style("warn", 10, 14.5, spaceAfter=2, textColor=FAIL)
SMALL = paragraph_style("small", 8.5, 12, textColor=GREY)
CELL = paragraph_style("cell", 9.5, 12, alignment=TA_CENTER)
CELL_LEFT = paragraph_style("cell_left", 9.5, 12, alignment=TA_LEFT)
HEAD = paragraph_style("head", 9.5, 12, alignment=TA_CENTER)
LABEL = paragraph_style("label", 8, 10.5, textColor=GREY)
VALUE = paragraph_style("value", 11.5, 14.5)
HASH = paragraph_style("hash", 9, 12.5, fontName=MONO)
SIGN_NAME = paragraph_style("sign_name", 9.5, 12, alignment=TA_CENTER)

# ----------------------------------------------------------------------------- text helpers


def escape(text) -> str:
    text = "" if text is None else str(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def user_markup(text) -> str:
    """Escaped markup for a name or any user text (one embedded font prints Öztürk and 喆 alike)."""
    return escape(text)


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
        self.note_para = Paragraph(
            escape(note), paragraph_style("stamp_note", 10, 14, alignment=TA_CENTER)
        )

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


def section_heading(title: str) -> list:
    return [
        Paragraph(escape(title), SECTION),
        HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=1, spaceAfter=4),
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


def grid_style(*, top: float | None = None, bottom: float | None = None, extra=()) -> "TableStyle":
    """The ruled table the sheets print: the font, a grey grid, the header row shaded, cells
    centred vertically; padding above and below the text when given."""
    from reportlab.platypus import TableStyle

    commands = [
        ("FONT", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if top is not None:
        commands.append(("TOPPADDING", (0, 0), (-1, -1), top))
    if bottom is not None:
        commands.append(("BOTTOMPADDING", (0, 0), (-1, -1), bottom))
    return TableStyle([*commands, *extra])


def ruled_table(head, body, widths, *, left=(), leading: float = 12.5, top=2.5, bottom=3.5):
    """A table of 9.5 pt cells under a shaded header (:func:`grid_style`): the columns in
    ``left`` flush left, the others centred; user text never read as markup."""
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.platypus import Paragraph, Table

    centred = paragraph_style(f"rt_c{leading}", 9.5, leading, alignment=TA_CENTER)
    lefted = paragraph_style(f"rt_l{leading}", 9.5, leading, alignment=TA_LEFT)
    rows = [[Paragraph(escape(h), centred) for h in head]]
    for values in body:
        rows.append(
            [
                Paragraph(user_markup(v), lefted if i in left else centred)
                for i, v in enumerate(values)
            ]
        )
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(grid_style(top=top, bottom=bottom))
    return table


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
    ensure_font()
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


def dark_runs(row) -> list[tuple[int, int]]:
    """(start, end) of each run of dark cells in a row of a QR code or marker: drawn as one
    rectangle a run, so no hairline seams show between neighbouring cells."""
    runs, col, n = [], 0, len(row)
    while col < n:
        if not row[col]:
            col += 1
            continue
        start = col
        while col < n and row[col]:
            col += 1
        runs.append((start, col))
    return runs
