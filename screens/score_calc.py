"""算分过程: the current entrant's score explained step by step (tui/score_text.py), so a result
can be defended to a contestant — marks, dropped marks, mean, weights, rounding, rank."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from models.contests import ContestInfo
from models.scores import ScoreCard, StandingRow
from tui.i18n import t
from tui.keys import Localized
from tui.score_text import explain


def calculation_text(card: ScoreCard, contest: ContestInfo, row: StandingRow | None) -> Text:
    lines = explain(card, contest)
    text = Text()
    text.append(lines[0] + "\n", style="bold")
    for line in lines[1:]:
        text.append(line + "\n")
    if row is not None and row.rank is not None and row.card.total == card.total:
        place = t("sc.rank", rank=row.rank)
        if row.award:
            place += " · " + row.award
        text.append("\n" + place, style="bold")
        if row.decided_by:
            text.append("\n" + t("sc.calc.decided_by", breaker=breaker_name(row.decided_by)))
        if row.flag:
            text.append("\n⚠ " + t(f"contest.flag.{row.flag}"), style="bold red")
    return text


def breaker_name(name: str) -> str:
    return t("contest.unrounded") if name == "unrounded" else name


class ScoreCalc(Localized, ModalScreen[None]):
    DEFAULT_CSS = """
    #calc-body { height: auto; max-height: 28; }
    """
    BINDINGS = [
        Binding("escape,enter,f3", "close", "key.close", id="close"),
    ]

    def __init__(self, card: ScoreCard, contest: ContestInfo, row: StandingRow | None) -> None:
        super().__init__(classes="modal")
        self._card = card
        self._contest = contest
        self._row = row

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="calc-dialog"):
            yield Static(t("sc.calc.title"), classes="dialog-title")
            with VerticalScroll(id="calc-body"):
                yield Static(calculation_text(self._card, self._contest, self._row), id="calc-text")
            yield Static(f"Esc {t('key.close')}", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
