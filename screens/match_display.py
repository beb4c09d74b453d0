"""The projector for a match event (RULES §7): the latest result in big letters, the next match,
each group's table, the knockout round by round and the places decided. It follows the database
like the contest projector: every ``poll_seconds`` one cheap query for the log's last id, and the
whole board only when it moved, so a result typed at any desk shows within a poll."""

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from models import audit
from models.errors import Refusal
from models.matches.board import MatchBoard, match_board
from tui.literal import literal
from tui.match_board import heading, latest_line, next_line, standings_lines
from tui.texts import error_line, screen_refusal_text
from tui.workers import deliver, desk_work

POLL_SECONDS = 0.25


class MatchDisplayScreen(Screen):
    DEFAULT_CSS = """
    MatchDisplayScreen { layout: vertical; }
    #md-title {
        height: 3; width: 100%; content-align: center middle; text-style: bold;
        background: $primary; color: $text;
    }
    #md-latest {
        height: auto; min-height: 3; width: 100%; content-align: center middle;
        text-style: bold; color: $success; padding: 1 2;
    }
    #md-next { height: auto; width: 100%; text-align: center; color: $warning; }
    #md-main { height: 1fr; }
    #md-tables { width: 1fr; height: 1fr; border: round $primary; padding: 0 1; }
    #md-status { dock: bottom; height: 1; color: $error; }
    """

    def __init__(self, contest_ref, event_ref=None, *, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.contest_ref = contest_ref
        self.event_ref = event_ref
        self.poll_seconds = poll_seconds
        self.board: MatchBoard | None = None
        self.version: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="md-title")
        yield Static("", id="md-latest")
        yield Static("", id="md-next")
        with Horizontal(id="md-main"), VerticalScroll(id="md-tables"):
            yield Static("", id="md-standings")
        yield Static("", id="md-status")

    def on_mount(self) -> None:
        self.load()
        self.set_interval(self.poll_seconds, self.poll)

    @desk_work(group="match-display", exclusive=True)
    def poll(self) -> None:
        if audit.current_version(self.app.db) != self.version:
            self.load_now()

    @desk_work(group="match-display-load", exclusive=True)
    def load(self) -> None:
        self.load_now()

    def load_now(self) -> None:
        """On a worker thread: read the board and hand it to the UI thread."""
        try:
            board = match_board(self.app.db, self.contest_ref, self.event_ref)
        except Refusal as refusal:
            deliver(self, self.problem, screen_refusal_text(refusal))
            return
        except Exception as error:  # the server gone a moment: say so, keep polling
            deliver(self, self.problem, error_line(error))
            return
        deliver(self, self.show, board)

    def problem(self, text: str) -> None:
        self.query_one("#md-status", Static).update(literal(text))

    def show(self, board: MatchBoard) -> None:
        self.board = board
        self.version = board.version
        self.event_ref = board.event.name
        self.query_one("#md-title", Static).update(literal(heading(board)))
        self.query_one("#md-latest", Static).update(literal(latest_line(board)))
        self.query_one("#md-next", Static).update(literal(next_line(board)))
        lines = "\n".join(standings_lines(board))
        self.query_one("#md-standings", Static).update(literal(lines))
        self.query_one("#md-status", Static).update("")
