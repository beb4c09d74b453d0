"""The match contest's printed documents (A4 PDF, the embedded font of models.io.pdf_fonts):

* :func:`write_order_pdf` — the 秩序册, every match event's order of play round by round;
* :func:`write_score_sheets_pdf` — the referees' 记分表, three to a page;
* :func:`match_results_story` — the match events' part of the standings PDF (`huiwu standings
  --pdf` and the minutes package's 竞赛成绩/NN-<title>.pdf): each group's cross table, the
  knockout's bracket (landscape pages) and places, and every result.

A contest with a knockout prints its whole standings document landscape (like a ranking table
too wide for a portrait page), so the bracket keeps the page's full height."""

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from models.congress import CongressInfo
from models.io.contest_blocks import contest_heading, contest_section, ranking_story
from models.io.contest_table import (
    FRAME_PAD,
    HEADING,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    SMALL,
    TITLE,
)
from models.io.match_bracket import bracket_story
from models.io.match_data import EventPapers, MatchPapers
from models.io.match_groups import cross_width, groups_story, places_table
from models.io.match_order import ROUND, event_order_story, order_table
from models.io.match_scoresheet import sheets_story
from models.io.match_words import format_line
from models.io.pdf_kit import (
    CELL_LEFT,
    SignSlot,
    build_pdf,
    escape,
    signature_grid,
    user_markup,
)
from models.io.private_files import export_target, write_privately

MARGINS = (MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM)


def avail_of(page_size) -> tuple[float, float]:
    """The frame's width and height on ``page_size`` with the contest sheets' margins."""
    width = page_size[0] - 2 * MARGIN_X - 2 * FRAME_PAD
    height = page_size[1] - MARGIN_TOP - MARGIN_BOTTOM - 2 * FRAME_PAD
    return width, height


def has_bracket(papers: MatchPapers | None) -> bool:
    return papers is not None and any(e.rounds for e in papers.events)


def event_title(papers: MatchPapers, event: EventPapers) -> str:
    return event.event.name or papers.contest.title


def _heading(papers: MatchPapers, congress: CongressInfo, what: str) -> list:
    return [
        Paragraph(user_markup(f"{papers.contest.title}　{what}"), TITLE),
        Spacer(1, 1.5 * mm),
        Paragraph(user_markup(congress.name), HEADING),
        Spacer(1, 3 * mm),
    ]


def _results(papers: MatchPapers, event: EventPapers, avail: float) -> list:
    played = [m for m in event.matches if not m.bye]
    if not played:
        return []
    done = sum(1 for m in played if m.decided)
    title = f"比赛结果（已赛 {done}/{len(played)} 场）"
    heading = Paragraph(escape(title), ROUND)
    heading.keepWithNext = True
    return [heading, order_table(papers, event, played, avail)]


def event_results_story(papers: MatchPapers, event: EventPapers, avail, page_h) -> list:
    """One match event in the standings document."""
    story = contest_section(f"{event_title(papers, event)}（{format_line(event.event.matches)}）")
    if not event.matches:
        return [*story, Paragraph("尚未抽签编排。", SMALL)]
    story += groups_story(papers, event, avail)
    story += places_table(papers, event, avail)
    story += _results(papers, event, avail)
    title = f"{event_title(papers, event)}　淘汰赛签表"
    story += bracket_story(papers, event, avail, page_h - 30, title)
    return story


def match_results_story(papers: MatchPapers, avail: float, page_h: float) -> list:
    story: list = []
    for event in papers.events:
        story += event_results_story(papers, event, avail, page_h)
    return story


REFEREES = ("裁判长签字：", "记录员签字：")


def _referee_signatures(avail: float) -> list:
    label_w, slots = 28 * mm, 3
    slot_w = (avail - label_w) / slots
    rows = [[Paragraph(escape(role), CELL_LEFT), SignSlot(slot_w), "", ""] for role in REFEREES]
    return [KeepTogether([*contest_section("签字"), signature_grid(rows, label_w, slot_w, slots)])]


def contest_results_story(table, papers: MatchPapers | None, congress, avail, page_h) -> list:
    """The standings document: the judged events' ranking as before, then the match events';
    a contest of match events only has just theirs, under 比赛成绩."""
    if papers is None:
        return ranking_story(table, congress, avail)
    if table.groups:  # judged entrants to rank as before
        story = [*ranking_story(table, congress, avail), PageBreak()]
        story += contest_heading(table, congress, "比赛成绩")
    else:
        story = contest_heading(table, congress, "比赛成绩")
    story += match_results_story(papers, avail, page_h)
    return story + _referee_signatures(avail)


def _render(path, papers, congress, what: str, make_story, page_size):
    contest = papers.contest
    return build_pdf(
        path,
        make_story,
        title=f"{contest.title} {what}",
        subject=f"{congress.name}：竞赛 {contest.number} {contest.title}",
        keywords=f"竞赛 {what}",
        footer=f"{congress.name}　竞赛 {contest.number}「{contest.title}」{what}",
        page_size=page_size,
        margins=MARGINS,
    )


def order_story(papers: MatchPapers, congress: CongressInfo, avail: float) -> list:
    story = _heading(papers, congress, "秩序册")
    for event in papers.events:
        story += contest_section(event_title(papers, event))
        story += event_order_story(papers, event, avail)
    return story


def write_order_pdf(papers: MatchPapers, path, congress: CongressInfo):
    """秩序册: every match event's order of play (A4 portrait)."""
    out = export_target(path)
    avail, _h = avail_of(A4)
    write_privately(
        out,
        lambda temp: _render(
            temp, papers, congress, "秩序册", lambda: order_story(papers, congress, avail), A4
        ),
    )
    return out


def write_score_sheets_pdf(papers: MatchPapers, path, congress: CongressInfo):
    """记分表: one per match to be played, three to an A4 page."""
    out = export_target(path)
    avail, _h = avail_of(A4)

    def story():
        sheets = sheets_story(papers, avail)
        return sheets or [Paragraph("尚未抽签编排，没有要打印的记分表。", SMALL)]

    write_privately(out, lambda temp: _render(temp, papers, congress, "记分表", story, A4))
    return out


def results_page_size(papers: MatchPapers | None, portrait_fits: bool):
    """Landscape when a bracket is to be drawn, a group's cross table is too wide for portrait
    (more than 7 sides) or a ranking table needs it; else portrait."""
    widest = max(
        (len(rows) for e in (papers.events if papers else ()) for _g, rows in e.groups), default=0
    )
    wide = cross_width(widest) > avail_of(A4)[0]
    return landscape(A4) if has_bracket(papers) or wide or not portrait_fits else A4
