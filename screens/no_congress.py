"""Shown when the database holds no congress: a new congress (n) or a demo (d), one key each."""

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
        Binding("n", "new_congress", "nocongress.new", id="new", tooltip="setup.new.title"),
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

    def action_new_congress(self) -> None:
        from screens.new_congress import NewCongressDialog

        self.app.push_screen(NewCongressDialog(), self._created)

    def _created(self, congress) -> None:
        if congress is not None:
            self._done()

    def _done(self) -> None:
        self.app.pop_screen()
        self.app.show_home()
