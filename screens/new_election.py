"""A new election: title, seats, candidates, 等额 or the 差额 rate, scrutineers and counters.

Dismisses with the new item's number, or None (Esc). Enter anywhere creates; the checkboxes
tick with Space (Enter is left to "create"). Refusals (差额 too small, a scrutineer who is a
candidate …) show in the dialog and nothing is stored.
"""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Static

from models.elections import clean_names, new_election
from models.errors import Refusal
from models.rules.election import min_candidates
from models.rules.thresholds import parse_rate
from models.voting import congress_settings
from tui.i18n import t
from tui.item_dialog import NewItemDialog
from tui.texts import screen_refusal_text

FIELDS = ("title", "seats", "candidates", "rate", "scrutineers", "counters")
PLACEHOLDERS = {
    "title": "newel.ph.title",
    "seats": "newel.ph.seats",
    "candidates": "newel.ph.names",
    "rate": "newel.ph.rate",
    "scrutineers": "newel.ph.names",
    "counters": "newel.ph.names",
}


class SpaceCheckbox(Checkbox, inherit_bindings=False):
    """A checkbox ticked with Space only, so Enter reaches the dialog (create)."""

    BINDINGS = [Binding("space", "toggle_button", show=False)]

    @property
    def BUTTON_INNER(self) -> str:  # a tick that shows without colour too
        return "✔" if self.value else " "


def seats_in(text: str) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


class NewElectionDialog(NewItemDialog):
    BINDINGS = [Binding("enter", "create", "key.confirm", id="create")]
    ERROR_MARK = "✖ "
    refusal_words = staticmethod(screen_refusal_text)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="newel-dialog"):
            yield Static(t("newel.title"), classes="dialog-title")
            with Grid(id="newel-grid"):
                for key in FIELDS:
                    yield Label(t(f"newel.f.{key}"), classes="newel-label")
                    yield Input(
                        placeholder=t(PLACEHOLDERS[key]),
                        id=f"newel-{key}",
                        type="integer" if key == "seats" else "text",
                    )
            with Horizontal(id="newel-checks"):
                yield SpaceCheckbox(t("newel.f.equal"), id="newel-equal")
                yield SpaceCheckbox(t("newel.f.strokes"), True, id="newel-strokes")
                yield SpaceCheckbox(t("newel.f.double"), id="newel-double")
            yield Static(t("newel.summary_empty"), id="newel-summary")
            yield Static("", classes="dialog-error", id="error")
            yield Static(t("newel.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        try:
            rate = congress_settings(self.app.db)["election.rate"]
        except Refusal as refusal:
            self._error(screen_refusal_text(refusal))
            rate = "5%"
        self.query_one("#newel-rate", Input).value = rate
        self.query_one("#newel-title", Input).focus()

    def _value(self, key: str) -> str:
        return self.query_one(f"#newel-{key}", Input).value

    def _checked(self, key: str) -> bool:
        return self.query_one(f"#newel-{key}", Checkbox).value

    # ------------------------------------------------------------------ live summary

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._summarize()

    def on_checkbox_changed(self, _event: Checkbox.Changed) -> None:
        self._summarize()

    def _summarize(self) -> None:
        summary = self.query_one("#newel-summary", Static)
        seats = seats_in(self._value("seats"))
        names = clean_names(self._value("candidates"))
        equal = self._checked("equal")
        try:
            rate = parse_rate(self._value("rate"))
        except ValueError:
            rate = None
        if seats is None or not names or (rate is None and not equal):
            summary.update(t("newel.summary_empty"))
            summary.remove_class("-short")
            return
        if equal:
            summary.update(t("newel.summary_equal", count=len(names), seats=seats))
            summary.set_class(len(names) != seats, "-short")
            return
        need = min_candidates(seats, rate)
        mode = t("el.mode.contested")
        summary.update(t("newel.summary", count=len(names), seats=seats, mode=mode, need=need))
        short = len(names) < need
        summary.set_class(short, "-short")

    # ------------------------------------------------------------------ create

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_create()

    def make_item(self):
        seats = seats_in(self._value("seats"))
        if seats is None:
            self._error(t("newel.bad_seats"))
            self.query_one("#newel-seats", Input).focus()
            return None
        return new_election(
            self.app.db,
            self._value("title"),
            seats=seats,
            candidates=self._value("candidates"),
            equal=self._checked("equal"),
            rate=self._value("rate").strip() or None,
            scrutineers=self._value("scrutineers"),
            counters=self._value("counters"),
            double_entry=self._checked("double"),
            order="strokes" if self._checked("strokes") else "given",
            operator=self.app.operator,
            station=self.app.station,
        )
