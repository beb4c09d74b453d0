"""Shown when the database holds no congress: how to start, or a demo with one key."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from tui.i18n import t
from tui.keys import Localized
from tui.widgets import DeskFooter
from tui.workers import deliver, desk_work


class NoCongressScreen(Localized, Screen):
    BINDINGS = [
        Binding("d", "demo", "nocongress.demo", id="demo", tooltip="nocongress.demo"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="dialog"):
            yield Static(t("nocongress.title"), classes="dialog-title")
            yield Static(t("nocongress.body"), id="body")
        yield DeskFooter()

    def action_demo(self) -> None:
        self.query_one("#body", Static).update(t("import.running"))
        self.make_demo()

    @desk_work(exclusive=True)
    def make_demo(self) -> None:
        from models.demo import create_demo

        create_demo(self.app.db)
        deliver(self, self._done)

    def _done(self) -> None:
        self.app.pop_screen()
        self.app.show_home()
