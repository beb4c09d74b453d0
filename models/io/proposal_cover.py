"""The proposal compilation's cover: the congress, the committee's figures and the contents."""

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from models.congress import CongressInfo
from models.io.pdf_kit import (
    RULE,
    SHADE,
    escape,
    user_markup,
)
from models.io.proposal_blocks import (
    COVER_DATE,
    COVER_NAME,
    EMPTY,
    FIGURE,
    FIGURE_KEY,
    HEADING_ROOM,
    SUMMARY,
    TOC,
    TOC_C,
    WIDTH,
    BoldLines,
    RedRule,
    proposal_section,
)
from models.io.proposal_words import DASH, day_words, summary_sentence
from models.proposals import ProposalDetail, ProposalStats

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
        *proposal_section("提案工作情况"),
        Paragraph(escape(summary_sentence(stats)), SUMMARY),
        Spacer(1, 2 * mm),
        _figures(stats),
        Spacer(1, 8 * mm),
    ]
    if not proposals:
        return [*story, Paragraph("本次大会尚无立案的提案。", EMPTY)]
    heading = proposal_section(f"目录（立案提案 {len(proposals)} 件）")
    # a long contents table flows on with its header repeated (KeepTogether would push it whole
    # onto the next page and leave the cover half empty)
    return [*story, CondPageBreak(HEADING_ROOM), *heading, _contents(proposals, pages)]
