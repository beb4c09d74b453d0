"""A new contest: first the kind of scoring (评委打分, 评分细则, 多赛段加权, 计量成绩, 知识竞赛), then
only the fields that kind needs, each with an example in the CLI's notation, and the contest's
judges, awards, tie-breakers, team score and speaking clock. Built through the same services as
`huiwu contest new`; a refusal shows in the dialog and nothing is created. Dismisses with the new
contest's number, or None when cancelled."""

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from models import contests
from models.contest_scheme import split_list
from models.errors import refuse
from models.rules.scoring import MAX_DECIMALS, MAX_TRIM, parse_decimal
from models.rules.speaking import parse_clock
from models.scores import check_clock_fits, set_clock
from screens.scheme_form import KINDS, MARKED, QUIZ, SCHEME_FIELDS, SchemeForm
from tui.i18n import t
from tui.item_dialog import NewItemDialog

EVERY = KINDS
# every field in order → the kinds that show it
LAYOUT = {
    "kind": EVERY,
    "title": EVERY,
    **SCHEME_FIELDS,
    "judges": MARKED,
    "trim": MARKED,
    "max": (KINDS[0], KINDS[2]),  # a criteria sheet's maximum is its sum
    "decimals": EVERY,
    "judge_names": MARKED,
    "awards": EVERY,
    "tiebreak": EVERY,
    "team_score": tuple(k for k in KINDS if k != QUIZ),
    "clock": MARKED,  # the speaking clock (演讲比赛): limit=5:00,warn=4:00,…
}
# Judges and trimming mean nothing to a measured result or a quiz (one result per entrant).
UNMARKED = {"judges": "1", "trim": "0"}


def whole(text: str, key: str, param: str, maximum: int = 0) -> int:
    """A whole number from an integer field; a blank one is refused with the service's words."""
    text = text.strip()
    if not text.lstrip("-").isdigit():
        raise refuse(key, **{param: text or "—", "max": maximum})
    return int(text)


class NewContestDialog(SchemeForm, NewItemDialog):
    DEFAULT_CSS = """
    #nc-dialog { width: 84; height: 90%; max-height: 34; }
    #nc-form { height: 1fr; }
    #nc-form .sf-row { height: 1; margin-bottom: 1; }
    #nc-form .sf-label { width: 20; }
    #nc-form Input { width: 1fr; height: 1; border: none; padding: 0 1; background: $boost; }
    #nc-form Select { width: 1fr; }
    """
    prefix = "nc"
    form_layout = LAYOUT
    defaults = {"judges": "5", "trim": "1", "decimals": "2", "max": "100"}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="nc-dialog"):
            yield Static(t("sc.new_contest.heading"), classes="dialog-title")
            with VerticalScroll(id="nc-form"):
                yield from self.rows()
            yield from self.footer("sc.new_contest.hint")

    def on_mount(self) -> None:
        self.show_kind()
        self.query_one("#nc-kind").focus()

    def value(self, key: str) -> str:
        if self.kind not in MARKED and key in UNMARKED:
            return UNMARKED[key]
        if key == "max" and self.kind not in LAYOUT["max"]:
            return "100"  # as the CLI's default --max
        return self.text(key)

    def make_item(self):
        maximum = self.value("max") or "100"
        stages, quiz = self.scheme(" ".join(self.text("title").split()), parse_decimal(maximum))
        clock = parse_clock(self.text("clock")) if self.kind in MARKED else None
        if clock is not None:
            check_clock_fits(" ".join(self.text("title").split()), stages, quiz)
        info = contests.new_contest(
            self.app.db,
            self.text("title"),
            judges=whole(self.value("judges"), "contest.bad_judges", "judges"),
            trim=whole(self.value("trim"), "contest.bad_trim", "trim", MAX_TRIM),
            decimals=whole(
                self.value("decimals"), "contest.bad_decimals", "decimals", MAX_DECIMALS
            ),
            maximum=maximum,
            awards=self.text("awards") or None,
            tie_breakers=split_list(self.text("tiebreak")),
            team_score=self.choice("team_score"),
            judge_names=split_list(self.value("judge_names")) if self.kind in MARKED else [],
            stages=stages,
            quiz=quiz,
            operator=self.app.operator,
            station=self.app.station,
        )
        if clock is not None:
            who = {"operator": self.app.operator, "station": self.app.station}
            info = set_clock(self.app.db, info.number, None, clock, **who)
        return info
