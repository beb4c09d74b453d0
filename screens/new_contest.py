"""A new contest: title, judges, marks dropped at each end, decimals, maximum mark and awards.
Dismisses with the new contest's number, or None when cancelled."""

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Static

from models import contests
from models.errors import refuse
from models.rules.scoring import MAX_DECIMALS, MAX_TRIM
from tui.i18n import t
from tui.item_dialog import NewItemDialog

# field → (default, integer?)
FIELDS = {
    "title": ("", False),
    "judges": ("5", True),
    "trim": ("1", True),
    "decimals": ("2", True),
    "max": ("100", False),
    "awards": ("", False),
}


def whole(text: str, key: str, param: str, maximum: int = 0) -> int:
    """A whole number from an integer field; a blank one is refused with the service's words."""
    text = text.strip()
    if not text.lstrip("-").isdigit():
        raise refuse(key, **{param: text or "—", "max": maximum})
    return int(text)


class NewContestDialog(NewItemDialog):
    DEFAULT_CSS = """
    #nc-dialog { width: 84; }
    #nc-grid { grid-columns: 22 1fr; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="nc-dialog"):
            yield Static(t("sc.new_contest.heading"), classes="dialog-title")
            with Grid(id="nc-grid", classes="form-grid"):
                for key, (default, integer) in FIELDS.items():
                    yield Label(t(f"sc.new_contest.{key}"))
                    yield Input(
                        default,
                        placeholder=t(f"sc.new_contest.{key}_hint"),
                        type="integer" if integer else "text",
                        id=f"nc-{key}",
                    )
            yield from self.footer("sc.new_contest.hint")

    def on_mount(self) -> None:
        self.query_one("#nc-title", Input).focus()

    def on_input_submitted(self, event) -> None:
        event.stop()
        if event.input.id == "nc-awards":
            self.create()
        else:
            self.focus_next()

    def value(self, key: str) -> str:
        return self.query_one(f"#nc-{key}", Input).value

    def make_item(self):
        return contests.new_contest(
            self.app.db,
            self.value("title"),
            judges=whole(self.value("judges"), "contest.bad_judges", "judges"),
            trim=whole(self.value("trim"), "contest.bad_trim", "trim", MAX_TRIM),
            decimals=whole(
                self.value("decimals"), "contest.bad_decimals", "decimals", MAX_DECIMALS
            ),
            maximum=self.value("max").strip() or "100",
            awards=self.value("awards").strip() or None,
            operator=self.app.operator,
            station=self.app.station,
        )
