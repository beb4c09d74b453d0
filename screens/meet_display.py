"""The projector for a sports meet (运动会): the units' team points (团体总分) and the medal table
(奖牌榜), following the database like every projector (the log's last id each poll)."""

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from models import audit
from models.errors import Refusal
from models.matches import MeetStandings, meet_standings
from tui.literal import literal
from tui.match_text import medal_lines, meet_lines
from tui.texts import error_line, screen_refusal_text
from tui.workers import deliver, desk_work

POLL_SECONDS = 0.5


class MeetDisplayScreen(Screen):
    DEFAULT_CSS = """
    MeetDisplayScreen { layout: vertical; }
    #mm-title {
        height: 3; width: 100%; content-align: center middle; text-style: bold;
        background: $primary; color: $text;
    }
    #mm-main { height: 1fr; }
    #mm-points, #mm-medals { width: 1fr; height: 1fr; border: round $primary; padding: 0 1; }
    #mm-status { dock: bottom; height: 1; color: $error; }
    """

    def __init__(self, meet_ref, *, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.meet_ref = meet_ref
        self.poll_seconds = poll_seconds
        self.standings: MeetStandings | None = None
        self.version: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="mm-title")
        with Horizontal(id="mm-main"):
            with VerticalScroll(id="mm-points"):
                yield Static("", id="mm-points-text")
            with VerticalScroll(id="mm-medals"):
                yield Static("", id="mm-medals-text")
        yield Static("", id="mm-status")

    def on_mount(self) -> None:
        self.poll()
        self.set_interval(self.poll_seconds, self.poll)

    @desk_work(group="meet-display", exclusive=True)
    def poll(self) -> None:
        if audit.current_version(self.app.db) == self.version:
            return
        try:
            table = meet_standings(self.app.db, self.meet_ref)
        except Refusal as refusal:
            deliver(self, self.problem, screen_refusal_text(refusal))
            return
        except Exception as error:
            deliver(self, self.problem, error_line(error))
            return
        deliver(self, self.show, table)

    def problem(self, text: str) -> None:
        self.query_one("#mm-status", Static).update(literal(text))

    def show(self, table: MeetStandings) -> None:
        self.standings = table
        self.version = table.version
        self.query_one("#mm-title", Static).update(literal(table.meet.name))
        points = meet_lines(table)
        self.query_one("#mm-points-text", Static).update(literal("\n".join(points[1:])))
        medals = medal_lines(table)
        self.query_one("#mm-medals-text", Static).update(literal("\n".join(medals[1:])))
        self.query_one("#mm-points").border_title = points[0]
        self.query_one("#mm-medals").border_title = medals[0]
        self.query_one("#mm-status", Static).update("")
