"""What the window shows from the first frame while the database opens in a worker.

Imports nothing but Textual and the catalog: the app paints this before SQLAlchemy and the
models are even imported (that import is most of a launch), then moves to the home screen.
"""

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Header, Static

from tui.i18n import t
from tui.widgets import DeskFooter


class StartingScreen(Screen):
    DEFAULT_CSS = """
    StartingScreen #starting { width: auto; padding: 1 4; border: round $primary; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle(), Center():
            yield Static(t("app.starting"), id="starting")
        yield DeskFooter()
