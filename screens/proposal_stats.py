"""The proposal committee's figures (RULES §5) in full: the totals, then by category and by
delegation — 收到, 合并, 立案, 转意见建议, 不予立案, 已答复, 满意 — and how many are in each status."""

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from models.errors import Refusal
from models.proposals import NO_DELEGATION, ProposalStats, proposal_stats
from models.rules.proposals import STATUSES
from screens.proposal_texts import stats_line
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import error_line, screen_refusal_text

COUNTED = ("received", "merged", "accepted", "suggestion", "rejected", "answered", "satisfied")


def breakdown(title: str, figures: dict[str, dict[str, int]], none_words: str = "") -> Table:
    """One row per category (or delegation), one column per figure, a total at the foot."""
    table = Table(title=title, title_style="bold", title_justify="left", expand=True)
    table.add_column(t("pp.stats.col.name"), no_wrap=True)
    for key in COUNTED:
        table.add_column(t(f"pp.stats.col.{key}"), justify="right", no_wrap=True)
    totals = dict.fromkeys(COUNTED, 0)
    for name, counts in figures.items():
        shown = none_words if name == NO_DELEGATION and none_words else name
        table.add_row(literal(shown), *(str(counts.get(key, 0)) for key in COUNTED))
        for key in COUNTED:
            totals[key] += counts.get(key, 0)
    table.add_section()
    table.add_row(
        Text(t("pp.stats.total"), style="bold"),
        *(Text(str(totals[key]), style="bold") for key in COUNTED),
    )
    return table


def status_line(stats: ProposalStats) -> Text:
    text = Text()
    for index, status in enumerate(STATUSES):
        if index:
            text.append(" · ", style="dim")
        text.append(t(f"proposal.status.{status}") + " ")
        text.append(str(stats.by_status.get(status, 0)), style="bold")
    return text


def rating_line(stats: ProposalStats) -> str:
    rate = "—" if stats.satisfaction_rate is None else f"{stats.satisfaction_rate}%"
    return t(
        "pp.stats.ratings",
        rated=stats.rated,
        satisfied=stats.satisfied,
        basic=stats.basic,
        unsatisfied=stats.unsatisfied,
        rate=rate,
    )


class ProposalStatsScreen(Localized, ModalScreen[None]):
    BINDINGS = [Binding("escape,f3", "close", "key.close", id="pp-stats-close")]

    def __init__(self) -> None:
        super().__init__(classes="modal")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="pp-stats-dialog"):
            yield Static(t("pp.stats.title"), classes="dialog-title")
            with VerticalScroll(id="pp-stats-body"):
                yield Static("", id="pp-stats-text")
            yield Static(t("pp.stats.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        body = self.query_one("#pp-stats-text", Static)
        try:
            stats = proposal_stats(self.app.db)
        except Refusal as refusal:
            body.update(literal(screen_refusal_text(refusal)))
            return
        except Exception as error:
            body.update(literal(error_line(error)))
            return
        body.update(
            Group(
                stats_line(stats),
                rating_line(stats),
                status_line(stats),
                Text(""),
                breakdown(t("pp.stats.by_category"), stats.by_category),
                Text(""),
                breakdown(t("pp.stats.by_delegation"), stats.by_delegation, t("delegation.none")),
            )
        )
        self.query_one("#pp-stats-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
