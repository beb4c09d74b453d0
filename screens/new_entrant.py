"""Quick add of an entrant: name, unit, group, team and a team entrant's members (and the event
when the contest has several), and the seed (种子) when that event is a match event.
The running number (出场序号) is the next free one. Dismisses with it, or None when cancelled."""

from textual.app import ComposeResult
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from models import contests
from models.contest_scheme import split_list
from models.errors import refuse
from screens.scheme_form import WHOLE
from tui.i18n import t
from tui.item_dialog import NewItemDialog
from tui.literal import literal

FIELDS = ("name", "unit", "group", "team", "members")
# border, padding, title, error line, buttons and hint around the fields: the dialog is as tall
# as its fields need, and on a short terminal the fields scroll between a fixed title and footer
CHROME = 13


class NewEntrantDialog(NewItemDialog):
    DEFAULT_CSS = """
    #ne-dialog { width: 72; }
    #ne-form { height: 1fr; }
    #ne-grid { grid-columns: 12 1fr; }
    """

    def __init__(self, contest: int) -> None:
        super().__init__()
        self.contest_number = contest

    def compose(self) -> ComposeResult:
        contest = contests.get_contest(self.app.db, self.contest_number)
        self.match_events = {e.name for e in contest.events if e.is_match}
        self.first_event = contest.events[0].name
        with Vertical(classes="dialog", id="ne-dialog"):
            title = t("sc.new_entrant.title", contest=contest.label)
            yield Static(literal(title), classes="dialog-title")
            with VerticalScroll(id="ne-form"), Grid(id="ne-grid", classes="form-grid"):
                for key in FIELDS:
                    yield Label(t(f"sc.new_entrant.{key}"))
                    yield Input(placeholder=t(f"sc.new_entrant.{key}_hint"), id=f"ne-{key}")
                if len(contest.events) > 1:
                    yield Label(t("sc.new_entrant.event"))
                    yield Select(
                        [(literal(e.name or contest.title), e.name) for e in contest.events],
                        value=contest.events[0].name,
                        allow_blank=False,
                        compact=True,
                        id="ne-event",
                    )
                yield Label(t("sc.new_entrant.seed"), id="ne-seed-label")
                yield Input(placeholder=t("sc.new_entrant.seed_hint"), type="integer", id="ne-seed")
            yield from self.footer("sc.new_entrant.hint")

    def on_mount(self) -> None:
        self.show_seed()
        self.query_one("#ne-name", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "ne-event":
            event.stop()
            self.show_seed()

    def chosen_event(self) -> str | None:
        events = self.query("#ne-event")
        return str(events.first(Select).value) if events else None

    def show_seed(self) -> None:
        """A seed places a side in a knockout draw: only a match event's entrant has one."""
        chosen = self.chosen_event()
        shown = (self.first_event if chosen is None else chosen) in self.match_events
        for widget in self.query("#ne-seed-label, #ne-seed"):
            widget.display = shown
        rows = sum(1 for w in self.query_one("#ne-grid").children if w.display) // 2
        self.query_one("#ne-dialog").styles.height = CHROME + 2 * rows - 1

    def seed(self) -> int | None:
        text = self.value("seed").strip() if self.query_one("#ne-seed").display else ""
        if not text:
            return None
        if not WHOLE.fullmatch(text):
            raise refuse("match.bad_seed", seed=text)
        return int(text)

    def on_input_submitted(self, event) -> None:
        event.stop()
        self.create()

    def value(self, key: str) -> str:
        return self.query_one(f"#ne-{key}", Input).value

    def make_item(self):
        seed = self.seed()
        return contests.add_entrant(
            self.app.db,
            self.contest_number,
            self.value("name"),
            unit=self.value("unit"),
            group=self.value("group"),
            team=self.value("team"),
            members=split_list(self.value("members")),
            event=self.chosen_event(),
            seed=seed,
            operator=self.app.operator,
            station=self.app.station,
        )
