"""The tie-breakers of a contest (并列时依次比较): stage names and/or 未修约分, in order, as `huiwu
contest tiebreak CONTEST NAMES` sets them; blank clears them. Dismisses with the contest's
number, or None when cancelled."""

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from models import contests
from models.contest_scheme import split_list
from models.rules.ranking import UNROUNDED
from tui.i18n import t
from tui.item_dialog import NewItemDialog
from tui.literal import literal


def breaker_text(contest) -> str:
    """The tie-breakers as a clerk types them (未修约分 for the unrounded score)."""
    return ",".join(
        t("sc.tiebreak.unrounded") if b == UNROUNDED else b for b in contest.tie_breakers
    )


class TieBreakersDialog(NewItemDialog):
    DEFAULT_CSS = """
    #tb-dialog { width: 72; }
    #tb-names { width: 1fr; }
    """

    def __init__(self, contest: int) -> None:
        super().__init__()
        self.contest_number = contest

    def compose(self) -> ComposeResult:
        contest = contests.get_contest(self.app.db, self.contest_number)
        stages = [s.name for e in contest.events for s in e.stages if s.name]
        with Vertical(classes="dialog", id="tb-dialog"):
            title = t("sc.tiebreak.heading", contest=contest.label)
            yield Static(literal(title), classes="dialog-title")
            names = "、".join([*dict.fromkeys(stages), t("sc.tiebreak.unrounded")])
            yield Static(literal(t("sc.tiebreak.stages", stages=names)), id="tb-stages")
            yield Input(
                breaker_text(contest), placeholder=t("sc.tiebreak.names_hint"), id="tb-names"
            )
            yield from self.footer("sc.tiebreak.hint")

    def on_mount(self) -> None:
        self.query_one("#tb-names", Input).focus()

    def on_input_submitted(self, event) -> None:
        event.stop()
        self.create()

    def make_item(self):
        return contests.set_tie_breakers(
            self.app.db,
            self.contest_number,
            split_list(self.query_one("#tb-names", Input).value),
            operator=self.app.operator,
            station=self.app.station,
        )
