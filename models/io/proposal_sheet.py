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
from datetime import date
from pathlib import Path

from reportlab.lib import textsplit
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import PageBreak, SimpleDocTemplate
from reportlab.platypus import paragraph as platypus_paragraph

from models.clock import now
from models.congress import CongressInfo
from models.io.pdf_kit import FONT, GREY, RULE, build_pdf, ensure_font
from models.io.private_files import export_target, write_privately
from models.io.proposal_blocks import (
    BODY_SIZE,
    CELL,
    CELL_KEY,
    COVER_DATE,
    COVER_NAME,
    EMPTY,
    FIGURE,
    FIGURE_KEY,
    FRAME_PAD,
    HALF_W,
    HEADING_ROOM,
    KEY_W,
    LABEL_LINE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NONE_TEXT,
    NUMERALS,
    RED,
    SECTION,
    SUBHEAD,
    SUMMARY,
    TEXT,
    TOC,
    TOC_C,
    WIDTH,
    BoldLines,
    PageMark,
    RedRule,
    proposal_section,
    proposal_story,
)
from models.io.proposal_cover import TOC_HEAD, cover_story
from models.io.proposal_words import (
    ACTION_WORDS,
    DASH,
    KIND_WORDS,
    RATING_WORDS,
    STATUS_WORDS,
    action_words,
    day_words,
    decision_words,
    history_words,
    kind_words,
    person_words,
    proposer_words,
    rating_words,
    seconder_words,
    stamp_text,
    status_words,
    summary_sentence,
)
from models.proposals import ProposalDetail, ProposalStats
from models.rules.proposals import ACCEPTED_SET

__all__ = [
    "ACTION_WORDS",
    "BODY_SIZE",
    "CELL",
    "CELL_KEY",
    "COVER_DATE",
    "COVER_NAME",
    "DASH",
    "EMPTY",
    "FIGURE",
    "FIGURE_KEY",
    "FRAME_PAD",
    "HALF_W",
    "HEADING_ROOM",
    "KEY_W",
    "KIND_WORDS",
    "LABEL_LINE",
    "MARGIN_BOTTOM",
    "MARGIN_TOP",
    "MARGIN_X",
    "NONE_TEXT",
    "NO_LINE_START",
    "NUMERALS",
    "RATING_WORDS",
    "RED",
    "SECTION",
    "STATUS_WORDS",
    "SUBHEAD",
    "SUMMARY",
    "TEXT",
    "TOC",
    "TOC_C",
    "TOC_HEAD",
    "WIDTH",
    "BoldLines",
    "Compilation",
    "PageMark",
    "RedRule",
    "action_words",
    "chinese_line_breaks",
    "compilation_of",
    "cover_story",
    "day_words",
    "decision_words",
    "history_words",
    "kind_words",
    "person_words",
    "proposal_section",
    "proposal_story",
    "proposer_words",
    "rating_words",
    "render_compilation",
    "seconder_words",
    "stamp_text",
    "status_words",
    "summary_sentence",
    "write_compilation_pdf",
]


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
