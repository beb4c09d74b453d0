"""Quick add of an entrant: name, unit, group, team and a team entrant's members (and the event
when the contest has several).
The running number (出场序号) is the next free one. Dismisses with it, or None when cancelled."""

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Select, Static

from models import contests
from models.contest_scheme import split_list
from tui.i18n import t
from tui.item_dialog import NewItemDialog
from tui.literal import literal

FIELDS = ("name", "unit", "group", "team", "members")


class NewEntrantDialog(NewItemDialog):
    DEFAULT_CSS = """
    #ne-dialog { width: 72; }
    #ne-grid { grid-columns: 12 1fr; }
    """

    def __init__(self, contest: int) -> None:
        super().__init__()
        self.contest_number = contest

    def compose(self) -> ComposeResult:
        contest = contests.get_contest(self.app.db, self.contest_number)
        with Vertical(classes="dialog", id="ne-dialog"):
            title = t("sc.new_entrant.title", contest=contest.label)
            yield Static(literal(title), classes="dialog-title")
            with Grid(id="ne-grid", classes="form-grid"):
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
            yield from self.footer("sc.new_entrant.hint")

    def on_mount(self) -> None:
        self.query_one("#ne-name", Input).focus()

    def on_input_submitted(self, event) -> None:
        event.stop()
        self.create()

    def value(self, key: str) -> str:
        return self.query_one(f"#ne-{key}", Input).value

    def make_item(self):
        events = self.query("#ne-event")
        event = str(events.first(Select).value) if events else None
        return contests.add_entrant(
            self.app.db,
            self.contest_number,
            self.value("name"),
            unit=self.value("unit"),
            group=self.value("group"),
            team=self.value("team"),
            members=split_list(self.value("members")),
            event=event,
            operator=self.app.operator,
            station=self.app.station,
        )
