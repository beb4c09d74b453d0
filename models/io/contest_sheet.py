"""Printable contest results: 成绩排名表 with 获奖名单, and the 证书名单 (A4 PDF).

A Chinese document whatever the interface language, like the result sheets
(:mod:`models.io.result_sheet`, built with the same kit, :mod:`models.io.pdf_kit`): reportlab
platypus in the embedded font of :mod:`models.io.pdf_fonts`. Each ranking group (项目 · 组别) is one table
with every judge's mark — the dropped ones struck through — the final score with the contest's
decimals, the award and the flag of a tie across an award boundary; the table header repeats on
every page. The calculation rule is printed in words, and the sheet ends with lines for the
judges' and the supervisor's signatures. A table too wide for a portrait page turns the whole
document landscape.

The words and rows it shares with the workbook and the CLI live in :mod:`models.io.contest_words`.
"""

import os
from pathlib import Path

from reportlab.lib.pagesizes import A4

from models.congress import CongressInfo
from models.io.contest_blocks import certificate_story
from models.io.contest_table import FRAME_PAD, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, needed_width
from models.io.pdf_kit import build_pdf
from models.io.private_files import export_target, write_privately
from models.scores import Standings

# ----------------------------------------------------------------------------- the documents


def _avail(page_size) -> float:
    return page_size[0] - 2 * MARGIN_X - 2 * FRAME_PAD


def _render(path: Path, table: Standings, congress: CongressInfo, title: str, build, page_size):
    contest = table.contest
    return build_pdf(
        path,
        lambda: build(table, congress, _avail(page_size)),
        title=f"{contest.title} {title}",
        subject=f"{congress.name}：竞赛 {contest.number} {contest.title}",
        keywords="竞赛 成绩 排名 获奖",
        footer=f"{congress.name}　竞赛 {contest.number}「{contest.title}」{title}",
        page_size=page_size,
        margins=(MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM),
    )


def page_size_for(table: Standings, matches=None):
    """Portrait A4, or landscape when a ranking table would not fit across a portrait page or a
    knockout's bracket is to be drawn."""
    from models.io.match_sheet import results_page_size

    return results_page_size(matches, needed_width(table) <= _avail(A4))


def write_contest_pdf(table: Standings, path, congress: CongressInfo, matches=None) -> Path:
    """成绩排名表 (every group), then 获奖名单, 计分规则 and the signature lines; the match
    events' tables, brackets and results (``matches``: models.io.match_data.MatchPapers)."""
    from models.io.match_sheet import avail_of, contest_results_story

    out = export_target(path)
    size = page_size_for(table, matches)
    page_h = avail_of(size)[1]

    def story(table, congress, avail):
        return contest_results_story(table, matches, congress, avail, page_h)

    write_privately(out, lambda temp: _render(temp, table, congress, "成绩排名表", story, size))
    return out


def write_certificates_pdf(table: Standings, path: str | os.PathLike, congress) -> Path:
    """证书名单: one line per award winner (奖项, 姓名, 单位, 项目 / 组别), to print certificates."""
    out = export_target(path)
    write_privately(
        out, lambda temp: _render(temp, table, congress, "证书名单", certificate_story, A4)
    )
    return out
