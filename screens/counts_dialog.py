"""One person's appraisal counts keyed again from the tally sheet (from the differences screen, F8)."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from models.rules.appraisal import SCALES
from tui.i18n import t
from tui.keys import Localized


def counts_text(item, counts) -> str:
    """满意 5 基本满意 1 不满意 0 — one person's counts with the scale's words."""
    options = SCALES[item.settings.get("scale", "sat3")]
    return " ".join(
        t("settle.counts", level=t(f"option.{o.id}"), count=c)
        for o, c in zip(options, counts, strict=False)
    )


class CountsDialog(Localized, ModalScreen[object]):
    """One person's counts keyed again from the tally sheet: dismisses with the counts (one per
    level of the scale) or None when cancelled. The service checks them against the sheets."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="counts-cancel")]

    def __init__(self, item, name: str, entry: int, before) -> None:
        super().__init__(classes="modal")
        self.item = item
        self.person = name
        self.entry = entry
        self.before = before

    def compose(self) -> ComposeResult:
        levels = " ".join(t(f"option.{o.id}") for o in SCALES[self.item.settings["scale"]])
        title = t(
            "settle.rekey_person_title", name=self.person, entry=t(f"settle.entry.{self.entry}")
        )
        with Vertical(classes="dialog"):
            yield Static(Text(title), classes="dialog-title")
            yield Static(Text(t("settle.rekey_now", current=counts_text(self.item, self.before))))
            yield Input(placeholder=levels, id="counts")
            yield Static("", classes="dialog-error", id="counts-error")
            yield Static(t("settle.rekey_person_hint", levels=levels), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        parts = event.value.replace(",", " ").replace("，", " ").replace("/", " ").split()
        wanted = len(SCALES[self.item.settings["scale"]])
        if len(parts) != wanted or not all(p.isascii() and p.isdigit() for p in parts):
            self.query_one("#counts-error", Static).update(t("settle.counts_bad", count=wanted))
            self.app.bell()
            return
        self.dismiss(tuple(int(p) for p in parts))

    def action_cancel(self) -> None:
        self.dismiss(None)
