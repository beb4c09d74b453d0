"""The words a proposal shows wherever it is listed: its status in colour, its due date, a
title cut to a column's width, the committee's figures on one line and an earlier proposal that
reads alike. Shared by the registry (screens/proposals.py), a proposal's page
(screens/proposal_detail.py), the statistics (screens/proposal_stats.py) and the capture form,
none of which imports another for them.
"""

from rich.cells import cell_len
from rich.text import Text

from models.proposals import ProposalRow, ProposalStats, SimilarProposal
from tui.i18n import t

STATUS_STYLE = {
    "submitted": "bold yellow",
    "merged": "dim",
    "accepted": "cyan",
    "suggestion": "dim",
    "rejected": "dim",
    "assigned": "",
    "answered": "green",
    "closed": "bold green",
    "rehandling": "bold magenta",
}


def clip(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` terminal cells (a Chinese character takes two), 「…」 marking
    the cut."""
    if cell_len(text) <= cells:
        return text
    out, used = [], 0
    for char in text:
        width = cell_len(char)
        if used + width > cells - 1:
            break
        out.append(char)
        used += width
    return "".join(out) + "…"


def status_text(status: str, overdue: bool = False) -> Text:
    words = t(f"proposal.status.{status}")
    if overdue:
        return Text(t("pp.overdue_status", status=words), style="bold red")
    return Text(words, style=STATUS_STYLE.get(status, ""))


def due_text(row: ProposalRow) -> Text | str:
    if not row.due_date:
        return ""
    if row.overdue:
        return Text("!" + row.due_date, style="bold red")
    return row.due_date


def stats_line(stats: ProposalStats) -> Text:
    """「收到 12 · 立案 8 · 转意见建议 1 · 不予立案 1 · 合并 1 · 待审 1 · 已答复 4 · 满意率 75.0% · 超期 2」"""
    rate = "—" if stats.satisfaction_rate is None else f"{stats.satisfaction_rate}%"
    parts = [
        ("received", stats.received, ""),
        ("accepted", stats.accepted, ""),
        ("suggestion", stats.suggestion, ""),
        ("rejected", stats.rejected, ""),
        ("merged", stats.merged, ""),
        ("pending", stats.pending, "bold yellow" if stats.pending else ""),
        ("answered", stats.answered, ""),
        ("rate", rate, ""),
        ("overdue", stats.overdue, "bold red" if stats.overdue else ""),
    ]
    text = Text()
    for index, (key, value, style) in enumerate(parts):
        if index:
            text.append("  ")
        text.append(t(f"pp.stats.{key}") + " ")
        text.append(str(value), style=style or "bold")
    return text


def similar_option(found: SimilarProposal) -> Text:
    text = Text()
    text.append(found.label, style="bold")
    text.append(" " + found.title + "\n")
    text.append(
        t("pp.similar.line", status=t(f"proposal.status.{found.status}"), score=round(found.score)),
        style="dim",
    )
    return text
