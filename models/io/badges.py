"""Printable badges: an A4 sheet of 代表证 with the signed check-in QR code on each.

The PDF is drawn in the embedded font of :mod:`models.io.pdf_fonts` (a subset of it travels in
the file, so the badge prints the same on any machine), and every word on it stays real,
searchable text. QR codes are vector
rectangles built from the ``qrcode`` matrix, one rectangle per horizontal run of dark modules. The
badge is a Chinese document whatever the interface language, so its printed words live here as
the print template rather than in the UI catalog; refusals still go through catalog keys.

Only reads the database. The PDF is written to a temporary file beside the target and moved into
place with :func:`os.replace`, so an interrupted run never leaves half a PDF behind.
"""

import math
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from models.congress import congress_secret, require_congress
from models.db import Database
from models.errors import refuse
from models.io.badge_people import BadgePerson, load_people
from models.io.pdf_fonts import FONT, ensure_pdf_font
from models.io.pdf_kit import dark_runs
from models.io.private_files import create_private_file, make_private_folder, write_privately

# What the badge says, by person category (models.congress.CATEGORIES).
TITLES = {"delegate": "代表证", "attendee": "列席证", "guest": "特邀证", "staff": "工作证"}
CATEGORY_NAMES = {
    "delegate": "正式代表",
    "attendee": "列席代表",
    "guest": "特邀代表",
    "staff": "工作人员",
}
BAND_COLOURS = {
    "delegate": HexColor("#B3261E"),
    "attendee": HexColor("#1F4E9A"),
    "guest": HexColor("#2E7D32"),
    "staff": HexColor("#5F6368"),
}
FALLBACK_TITLE = "出席证"
FALLBACK_COLOUR = HexColor("#5F6368")
LABELS = {"delegation": "代表团", "unit": "单　位", "category": "类　别", "code": "编　号"}

# Sheet geometry: 2 × 4 badges of 90 × 60 mm, centred on A4 portrait, sharing their cut lines.
COLS, ROWS = 2, 4
PER_PAGE = COLS * ROWS
BADGE_W, BADGE_H = 90 * mm, 60 * mm
PAGE_W, PAGE_H = A4
MARGIN_X = (PAGE_W - COLS * BADGE_W) / 2
MARGIN_Y = (PAGE_H - ROWS * BADGE_H) / 2
PAD = 5 * mm
BAND_H = 17 * mm
STRIP_H = 2 * mm
QR_BOX = 34 * mm  # includes the 4-module quiet zone; the symbol itself stays ≥ 25 mm up to v4
QR_BORDER = 4
QR_RIGHT = 2 * mm
TEXT_W = BADGE_W - PAD - QR_BOX - QR_RIGHT  # the text column left of the QR code
CUT_GREY = Color(0.72, 0.72, 0.72)
LABEL_GREY = Color(0.42, 0.42, 0.42)
INK = Color(0.1, 0.1, 0.1)

# Characters Windows does not allow in a file name, and control characters.
_UNSAFE_FILENAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


@dataclass(frozen=True)
class BadgeReport:
    count: int
    pages: int
    pdf_path: Path
    png_count: int = 0
    png_dir: Path | None = None

    def as_json(self) -> dict:
        return {
            "count": self.count,
            "pages": self.pages,
            "pdf": str(self.pdf_path),
            "png_count": self.png_count,
            "png_dir": str(self.png_dir) if self.png_dir else None,
        }


def badge_qr(text: str) -> qrcode.QRCode:
    """The QR code for one badge text: error correction M, 4-module quiet zone.

    Badge texts use only QR-alphanumeric characters, so ``qrcode`` encodes them in alphanumeric
    mode: a typical badge fits version 2 (25 × 25), the longest code allowed version 4.
    """
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QR_BORDER)
    qr.add_data(text)
    qr.make(fit=True)
    return qr


def write_badges(
    db: Database,
    out_pdf: str | os.PathLike,
    *,
    png_dir: str | os.PathLike | None = None,
    codes: Iterable[str] | None = None,
) -> BadgeReport:
    """Write the badge sheet of the current congress (``codes``: only these people)."""
    out = Path(out_pdf).expanduser()
    if out.is_dir():
        raise refuse("badges.out_is_dir", path=str(out))
    with db.read() as conn:
        congress = require_congress(conn)
        secret = congress_secret(conn, congress.id)
        people = load_people(conn, congress.id, codes, secret, congress.uid)
    png_folder = Path(png_dir).expanduser() if png_dir is not None else None
    if png_folder is not None:
        _make_folder(png_folder, "badges.png_dir_unwritable")
    pages = write_privately(out, lambda path: _render_pdf(path, congress.name, people))
    png_count = _write_pngs(png_folder, people) if png_folder is not None else 0
    return BadgeReport(len(people), pages, out, png_count, png_folder)


def _make_folder(folder: Path, key: str) -> None:
    try:
        make_private_folder(folder)
    except OSError as error:
        raise refuse(key, path=str(folder), detail=error.strerror or str(error)) from error


def _safe_filename(text: str) -> str:
    cleaned = " ".join(_UNSAFE_FILENAME.sub("_", text).split())
    return cleaned.rstrip(". ")[:60]


def _write_pngs(folder: Path, people: list[BadgePerson]) -> int:
    written = 0
    for person in people:
        name = _safe_filename(f"{person.code}-{person.name}") or person.code
        target = folder / f"{name}.png"
        image = badge_qr(person.qr_text).make_image(fill_color="black", back_color="white")
        temp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            create_private_file(temp)  # PIL writes into it and keeps its 0600
            image.save(temp, format="PNG")
            os.replace(temp, target)
        except OSError as error:
            raise refuse(
                "badges.png_dir_unwritable", path=str(folder), detail=error.strerror or str(error)
            ) from error
        finally:
            temp.unlink(missing_ok=True)
        written += 1
    return written


# ----------------------------------------------------------------------------- drawing


def _ensure_font() -> None:
    ensure_pdf_font()


def _width(text: str, font: str, size: float, char_space: float = 0) -> float:
    return pdfmetrics.stringWidth(text, font, size) + char_space * max(len(text) - 1, 0)


def _fit_size(text: str, font: str, width: float, largest: float, smallest: float) -> float:
    """The largest size (in 0.25 pt steps) at which ``text`` fits ``width``, at least ``smallest``."""
    full = pdfmetrics.stringWidth(text, font, largest)
    if full <= width:
        return largest
    size = math.floor(largest * width / full * 4) / 4
    return max(size, smallest)


def _wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Break ``text`` into at most ``max_lines`` lines; the last one ends in … if cut short."""
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines:
        cut = len(rest)
        while cut > 1 and pdfmetrics.stringWidth(rest[:cut], font, size) > width:
            cut -= 1
        lines.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        last = lines[-1]
        while last and pdfmetrics.stringWidth(last + "…", font, size) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def _fit_lines(
    text: str, font: str, width: float, largest: float, smallest: float, max_lines: int
) -> tuple[float, list[str]]:
    size = _fit_size(text, font, width, largest, smallest)
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return size, [text]
    return smallest, _wrap(text, font, smallest, width, max_lines)


def _text(
    c: Canvas,
    x: float,
    y: float,
    text: str,
    *,
    font: str = FONT,
    size: float,
    colour=INK,
    char_space: float = 0,
    bold: bool = False,
    centred: bool = False,
) -> None:
    if centred:
        x -= _width(text, font, size, char_space) / 2
    # Character spacing and render mode belong to the graphics state and would leak onward.
    c.saveState()
    obj = c.beginText(x, y)
    obj.setFont(font, size)
    obj.setFillColor(colour)
    if char_space:
        obj.setCharSpace(char_space)
    if bold:  # the font has no bold: fill and stroke the glyphs (still real text)
        obj.setStrokeColor(colour)
        obj.setTextRenderMode(2)
        c.setLineWidth(size * 0.035)
    obj.textOut(text)
    c.drawText(obj)
    c.restoreState()


def _draw_qr(c: Canvas, matrix: list[list[bool]], x: float, y: float, size: float) -> None:
    """The QR matrix as one filled path: a rectangle per horizontal run of dark modules."""
    n = len(matrix)
    module = size / n
    path = c.beginPath()
    for r, row in enumerate(matrix):
        bottom = y + size - (r + 1) * module
        for start, end in dark_runs(row):
            path.rect(x + start * module, bottom, (end - start) * module, module)
    c.setFillColor(black)
    c.drawPath(path, stroke=0, fill=1)


def _draw_band(c: Canvas, x: float, y: float, congress_name: str, person: BadgePerson) -> None:
    colour = BAND_COLOURS.get(person.category, FALLBACK_COLOUR)
    top = y + BADGE_H
    c.setFillColor(colour)
    c.rect(x, top - BAND_H, BADGE_W, BAND_H, stroke=0, fill=1)
    c.rect(x, y, BADGE_W, STRIP_H, stroke=0, fill=1)
    # The congress name: one line shrunk to fit, or two smaller lines for a very long name.
    width = BADGE_W - 2 * PAD
    size, lines = _fit_lines(congress_name, FONT, width, 8.5, 6.0, 2)
    centre = x + BADGE_W / 2
    if len(lines) == 1:
        _text(c, centre, top - 5.2 * mm, lines[0], size=size, colour=white, centred=True)
    else:
        _text(c, centre, top - 3.9 * mm, lines[0], size=size, colour=white, centred=True)
        _text(c, centre, top - 6.5 * mm, lines[1], size=size, colour=white, centred=True)
    title = TITLES.get(person.category, FALLBACK_TITLE)
    _text(
        c,
        centre,
        top - 14 * mm,
        title,
        size=21,
        colour=white,
        char_space=9,
        bold=True,
        centred=True,
    )


def _detail_lines(person: BadgePerson) -> list[tuple[str, str, str]]:
    lines = []
    if person.delegation:
        lines.append((LABELS["delegation"], person.delegation, FONT))
    if person.unit:
        lines.append((LABELS["unit"], person.unit, FONT))
    category = CATEGORY_NAMES.get(person.category, person.category)
    lines.append((LABELS["category"], category, FONT))
    lines.append((LABELS["code"], person.code, FONT))
    return lines


def _draw_badge(c: Canvas, x: float, y: float, congress_name: str, person: BadgePerson) -> None:
    _draw_band(c, x, y, congress_name, person)
    body_top = y + BADGE_H - BAND_H
    body_bottom = y + STRIP_H
    # QR code on the right, centred in the body; its quiet zone is the badge's white paper.
    qr_x = x + BADGE_W - QR_RIGHT - QR_BOX
    qr_y = body_bottom + (body_top - body_bottom - QR_BOX) / 2
    _draw_qr(c, badge_qr(person.qr_text).get_matrix(), qr_x, qr_y, QR_BOX)
    # The name, large.
    left = x + PAD
    name_font = FONT
    name_size, name_lines = _fit_lines(person.name, name_font, TEXT_W, 26, 12, 2)
    if len(name_lines) == 1:
        _text(c, left, body_top - 13 * mm, name_lines[0], font=name_font, size=name_size, bold=True)
    else:
        for line, drop in zip(name_lines, (8.5 * mm, 13.5 * mm), strict=False):
            _text(c, left, body_top - drop, line, font=name_font, size=name_size, bold=True)
    # Delegation, unit, category, code: label in grey, value beside it.
    label_size = 7.5
    value_x = left + 11 * mm
    value_w = x + BADGE_W - QR_RIGHT - QR_BOX - value_x
    step = 5 * mm
    baseline = body_top - 20.5 * mm
    for label, value, font in _detail_lines(person):
        _text(c, left, baseline, label, size=label_size, colour=LABEL_GREY)
        size, lines = _fit_lines(value, font, value_w, 9.5, 6.5, 2)
        if len(lines) == 1:
            _text(c, value_x, baseline, lines[0], font=font, size=size)
        else:
            _text(c, value_x, baseline + 1.3 * mm, lines[0], font=font, size=size)
            _text(c, value_x, baseline - 1.3 * mm, lines[1], font=font, size=size)
        baseline -= step


def _draw_cut_lines(c: Canvas, used: int) -> None:
    c.setStrokeColor(CUT_GREY)
    c.setLineWidth(0.3)
    c.setDash(2, 2)
    for index in range(used):
        col, row = index % COLS, index // COLS
        x = MARGIN_X + col * BADGE_W
        y = PAGE_H - MARGIN_Y - (row + 1) * BADGE_H
        c.rect(x, y, BADGE_W, BADGE_H, stroke=1, fill=0)
    c.setDash()


def _render_pdf(path: Path, congress_name: str, people: list[BadgePerson]) -> int:
    _ensure_font()
    pages = math.ceil(len(people) / PER_PAGE)
    # initialFontName: reportlab's default would name Helvetica on every page, unembedded
    c = Canvas(str(path), pagesize=A4, pageCompression=1, initialFontName=FONT)
    c.setTitle(f"{congress_name} 证件")
    c.setAuthor("huiwu 会务")
    c.setSubject(f"{congress_name}：代表证、列席证、特邀证、工作证（含签到二维码）")
    c.setCreator("huiwu")
    c.setKeywords("代表证 签到 二维码")
    for page in range(pages):
        chunk = people[page * PER_PAGE : (page + 1) * PER_PAGE]
        for index, person in enumerate(chunk):
            col, row = index % COLS, index // COLS
            x = MARGIN_X + col * BADGE_W
            y = PAGE_H - MARGIN_Y - (row + 1) * BADGE_H
            _draw_badge(c, x, y, congress_name, person)
        _draw_cut_lines(c, len(chunk))
        footer = f"{congress_name}　证件　第 {page + 1} 页／共 {pages} 页　沿虚线裁切"
        size = _fit_size(footer, FONT, PAGE_W - 2 * MARGIN_X, 7.5, 5)
        _text(c, PAGE_W / 2, MARGIN_Y / 2, footer, size=size, colour=LABEL_GREY, centred=True)
        c.showPage()
    c.save()
    return pages
