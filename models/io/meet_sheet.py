"""The sports meet's printed results (运动会成绩, A4 PDF): 团体总分 (units by team points, the
places each won, RULES §7's tie-break), 奖牌榜, then every event's places with the points each
place scored — a shared place's share as the meet shows it, a broken record marked — and the
events that have no places yet. `huiwu meet standings MEET --pdf` and the minutes package's
运动会/NN-<name>.pdf."""

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from models.congress import CongressInfo
from models.io.contest_blocks import contest_section
from models.io.contest_table import BODY, HEADING, SMALL, TITLE
from models.io.match_data import MeetPapers
from models.io.match_order import ROUND
from models.io.match_sheet import MARGINS, avail_of
from models.io.pdf_kit import (
    build_pdf,
    escape,
    ruled_table,
    user_markup,
)
from models.io.private_files import export_target, write_privately
from models.rules.teampoints import show_points

PLACES_SHOWN = 3  # 第一名 … 第三名 counts beside the total


def place_counts(places: tuple[int, ...]) -> list[str]:
    counts = [*places, *[0] * PLACES_SHOWN][:PLACES_SHOWN]
    return [str(n) for n in counts]


def points_words(meet) -> str:
    table = "-".join(map(str, meet.points))
    words = f"名次分：{table}（第 1 名起）；并列名次平分所占名次的分数"
    if meet.record.startswith("+"):
        words += f"；破纪录加 {meet.record[1:]} 分"
    elif meet.record == "double":
        words += "；破纪录得分加倍"
    return words + f"；总分保留 {meet.decimals} 位小数（四舍五入）。"


def team_table(papers: MeetPapers, avail: float) -> list:
    table = papers.standings
    meet = table.meet
    head = ["名次", "单位", "总分", "第一名", "第二名", "第三名"]
    rows = [
        [str(r.rank), r.unit, show_points(r.points, meet.decimals), *place_counts(r.places)]
        for r in table.rows
    ]
    if not rows:
        return [Paragraph("尚无已决出名次的项目。", BODY)]
    widths = [16 * mm, 0, 26 * mm, 18 * mm, 18 * mm, 18 * mm]
    widths[1] = avail - sum(widths)
    return [ruled_table(head, rows, widths, left=(1,), leading=12, top=2, bottom=3)]


def medal_table(papers: MeetPapers, avail: float) -> list:
    rows = [
        [
            str(r.rank),
            r.unit,
            str(r.gold),
            str(r.silver),
            str(r.bronze),
            str(r.gold + r.silver + r.bronze),
        ]
        for r in papers.standings.medals
    ]
    if not rows:
        return [Paragraph("尚无奖牌。", BODY)]
    widths = [16 * mm, 0, 18 * mm, 18 * mm, 18 * mm, 18 * mm]
    widths[1] = avail - sum(widths)
    return [
        ruled_table(
            ["名次", "单位", "金牌", "银牌", "铜牌", "合计"],
            rows,
            widths,
            left=(1,),
            leading=12,
            top=2,
            bottom=3,
        )
    ]


def event_places(papers: MeetPapers, avail: float) -> list:
    meet = papers.standings.meet
    story: list = []
    widths = [16 * mm, 0, 0, 22 * mm, 18 * mm]
    flexible = (avail - sum(widths)) / 2
    widths = [w or flexible for w in widths]
    for title, placed in papers.places:
        rows = [
            [
                str(p.rank),
                p.name,
                p.unit,
                show_points(p.points, meet.decimals),
                "破纪录" if p.record else "",
            ]
            for p in placed
        ]
        head = ["名次", "姓名", "单位", "得分", "备注"]
        story.append(
            KeepTogether(
                [
                    Paragraph(user_markup(title), ROUND),
                    ruled_table(head, rows, widths, left=(1, 2), leading=12, top=2, bottom=3),
                ]
            )
        )
    pending = papers.standings.pending
    if pending:
        story.append(Paragraph(user_markup("尚未决出名次：" + "、".join(pending)), SMALL))
    return story


def meet_story(papers: MeetPapers, congress: CongressInfo, avail: float) -> list:
    meet = papers.standings.meet
    story = [
        Paragraph(user_markup(f"{meet.name}　团体总分"), TITLE),
        Spacer(1, 1.5 * mm),
        Paragraph(user_markup(congress.name), HEADING),
        Paragraph(escape(points_words(meet)), HEADING),
        Spacer(1, 3 * mm),
    ]
    story += [*contest_section("团体总分"), *team_table(papers, avail)]
    story.append(
        Paragraph(
            "总分相同者，第一名多者列前；再相同，第二名多者列前，依此类推（RULES §7）。", SMALL
        )
    )
    story += [*contest_section("奖牌榜"), *medal_table(papers, avail)]
    story += [*contest_section("各项目名次"), *event_places(papers, avail)]
    return story


def write_meet_pdf(papers: MeetPapers, path, congress: CongressInfo):
    out = export_target(path)
    avail, _h = avail_of(A4)
    meet = papers.standings.meet

    def render(temp):
        return build_pdf(
            temp,
            lambda: meet_story(papers, congress, avail),
            title=f"{meet.name} 团体总分",
            subject=f"{congress.name}：运动会 {meet.number} {meet.name}",
            keywords="运动会 团体总分 奖牌榜",
            footer=f"{congress.name}　运动会 {meet.number}「{meet.name}」团体总分",
            page_size=A4,
            margins=MARGINS,
        )

    write_privately(out, render)
    return out
