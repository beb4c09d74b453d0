"""Add an event (项目) to a contest, scored in any of the kinds a new contest offers or played as
matches (对阵: 单循环 or 淘汰赛), as `huiwu contest event CONTEST NAME …` does: the first named event
replaces the unnamed default while it has no entrants; an event with entrants keeps its scoring.
Dismisses with the contest's number, or None when cancelled."""

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from models import contests
from models.rules.scoring import parse_decimal, plain
from models.rules.speaking import parse_clock
from models.scores import check_clock_fits, set_clock
from screens.scheme_form import KINDS, MARKED, MATCH, MATCH_FIELDS, SCHEME_FIELDS, SchemeForm
from tui.i18n import t
from tui.item_dialog import NewItemDialog
from tui.literal import literal

EVENT_KINDS = (*KINDS, MATCH)
LAYOUT = {"kind": EVENT_KINDS, "name": EVENT_KINDS, **SCHEME_FIELDS, "max": (KINDS[0], KINDS[2])}
LAYOUT.update(MATCH_FIELDS)
LAYOUT["clock"] = MARKED  # the speaking clock (演讲比赛): limit=5:00,warn=4:00,…


class NewEventDialog(SchemeForm, NewItemDialog):
    DEFAULT_CSS = """
    #ev-dialog { width: 84; height: 90%; max-height: 26; }
    #ev-form { height: 1fr; }
    #ev-form .sf-row { height: 1; margin-bottom: 1; }
    #ev-form .sf-label { width: 20; }
    #ev-form Input { width: 1fr; height: 1; border: none; padding: 0 1; background: $boost; }
    #ev-form Select { width: 1fr; }
    """
    prefix = "ev"
    words = "sc.new_event"
    form_layout = LAYOUT
    first_field = "name"
    kinds = EVENT_KINDS

    def __init__(self, contest: int) -> None:
        super().__init__()
        self.contest_number = contest
        self.event_name = ""  # as set, for the list's note

    def compose(self) -> ComposeResult:
        contest = contests.get_contest(self.app.db, self.contest_number)
        self.contest_max = contest.maximum
        with Vertical(classes="dialog", id="ev-dialog"):
            title = t("sc.new_event.heading", contest=contest.label)
            yield Static(literal(title), classes="dialog-title")
            with VerticalScroll(id="ev-form"):
                yield from self.rows()
            yield from self.footer("sc.new_event.hint")

    def on_mount(self) -> None:
        self.query_one("#ev-max", Input).placeholder = t(
            "sc.new_event.max_hint", max=plain(self.contest_max)
        )
        self.show_kind()
        self.query_one("#ev-kind").focus()

    def show_kind(self) -> None:
        super().show_kind()
        hint = "sc.new_event.match_name_hint" if self.kind == MATCH else "sc.new_event.name_hint"
        self.query_one("#ev-name", Input).placeholder = t(hint)

    def make_item(self):
        self.event_name = name = " ".join(self.text("name").split())
        if self.kind == MATCH:
            return contests.set_event(
                self.app.db,
                self.contest_number,
                name,
                matches=self.match_format(),
                operator=self.app.operator,
                station=self.app.station,
            )
        typed = self.text("max") if self.kind in LAYOUT["max"] else ""
        maximum = parse_decimal(typed) if typed else self.contest_max
        stages, quiz = self.scheme(name, maximum)
        clock = parse_clock(self.text("clock")) if self.kind in MARKED else None
        if clock is not None:
            check_clock_fits(name, stages, quiz)
        info = contests.set_event(
            self.app.db,
            self.contest_number,
            name,
            stages=stages,
            quiz=quiz,
            operator=self.app.operator,
            station=self.app.station,
        )
        if clock is not None:
            who = {"operator": self.app.operator, "station": self.app.station}
            info = set_clock(self.app.db, info.number, name, clock, **who)
        return info
