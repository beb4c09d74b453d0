"""The projector view (RULES.md §6, 现场亮分): the entrant on stage, the judges' marks with the
dropped ones struck through, the final score in big digits, the rank and award, and the live
leaderboard.

The screen follows the database, not the desk that writes it: every ``POLL_SECONDS`` a thread
worker reads the audit log's last id (one cheap query) and only when it moved loads the whole
board. So marks typed on any desk, in any process, show here within a poll. A speech's clock
runs here from the ``started_at`` the desk stored (tui/clock_widgets.py, big digits).
"""

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Digits, Static

from models import audit, scores
from models.contests import ContestInfo
from models.errors import Refusal
from models.rules.scoring import MEASURED, QUIZ, plain, shown
from models.scores import Board, RankingGroup, ScoreCard, StageCard, StandingRow
from tui.clock_widgets import BigClock
from tui.i18n import t
from tui.literal import literal
from tui.texts import error_line, screen_refusal_text
from tui.workers import deliver, desk_work

POLL_SECONDS = 0.5
COLUMNS = ("rank", "number", "name", "unit", "score", "award")
NARROW = 100  # columns below which the leaderboard goes under the stage instead of beside it


class Leaderboard(DataTable):
    """The standings table; it tells the screen when its height (the rows that fit) changes."""

    def on_resize(self) -> None:
        self.screen.show_leaderboard()


class DisplayScreen(Screen):
    DEFAULT_CSS = """
    DisplayScreen { layout: vertical; }
    #title {
        height: 3; width: 100%; content-align: center middle; text-style: bold;
        background: $primary; color: $text;
    }
    #main { height: 1fr; }
    #stage { width: 1fr; padding: 1 2; align-vertical: middle; }
    #board {
        width: 1fr; min-width: 60; max-width: 76; border: round $primary; border-title-style: bold;
        border-title-align: center; border-subtitle-align: right; padding: 0 1;
    }
    #leaderboard { height: 1fr; overflow: hidden hidden; }
    #who { height: auto; }
    #number { width: auto; color: $accent; margin-right: 2; }
    #who-text { height: auto; width: 1fr; }
    #name { text-style: bold; color: $text; }
    #unit { color: $text-muted; }
    #marks { height: auto; margin: 1 0; }
    #score-label { height: 1; text-align: center; color: $text-muted; }
    #score { width: 100%; text-align: center; color: $success; text-style: bold; }
    #progress {
        height: 3; width: 100%; content-align: center middle; text-style: bold; color: $warning;
    }
    #place { height: auto; margin-top: 1; text-align: center; text-style: bold; color: $accent; }
    #flag { height: auto; text-align: center; color: $error; }
    #status { dock: bottom; height: 1; color: $error; }
    DisplayScreen.-narrow #main { layout: vertical; }
    DisplayScreen.-narrow #stage { width: 100%; height: auto; padding: 0 1; }
    DisplayScreen.-narrow #clock .clock-label { display: none; }
    DisplayScreen.-narrow #board { width: 100%; height: 1fr; min-width: 0; max-width: 100%; }
    """

    def __init__(self, contest_ref: int | str, *, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.contest_ref = contest_ref
        self.poll_seconds = poll_seconds
        self.board: Board | None = None
        self.version: int | None = None
        self.focus_id: int | None = None  # shown when no entrant is marked as on stage
        self._polling = False
        self._progress: dict[int, tuple] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        with Horizontal(id="main"):
            with Vertical(id="stage"):
                with Horizontal(id="who"):
                    yield Digits("", id="number")
                    with Vertical(id="who-text"):
                        yield Static(t("display.waiting"), id="name")
                        yield Static(id="unit")
                yield Static(id="marks")
                yield BigClock(self.clock_card, id="clock")
                yield Static(id="score-label")
                yield Digits("", id="score")
                yield Static(id="progress")
                yield Static(id="place")
                yield Static(id="flag")
            with Vertical(id="board"):
                yield Leaderboard(
                    id="leaderboard", show_cursor=False, zebra_stripes=True, cursor_type="none"
                )
        yield Static(id="status")

    def on_mount(self) -> None:
        table = self.query_one("#leaderboard", DataTable)
        table.can_focus = False
        for key in COLUMNS:
            table.add_column(t(f"display.col.{key}"), key=key)
        self.query_one("#board").border_title = t("display.leaderboard")
        for selector in ("#score-label", "#score", "#progress"):
            self.query_one(selector).display = False
        self.poll()
        self.set_interval(self.poll_seconds, self.poll)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    # ------------------------------------------------------------------ following the database

    def poll(self) -> None:
        """One check at a time: a slow database never piles up workers."""
        if not self._polling:
            self._polling = True
            self._check(self.version)

    @desk_work(group="display-poll")
    def _check(self, known: int | None) -> None:
        db = self.app.db
        try:
            version = audit.current_version(db)
            board = None if version == known else scores.board(db, self.contest_ref)
        except Refusal as refusal:
            deliver(self, self._failed, screen_refusal_text(refusal))
            return
        except Exception as error:  # a database hiccup must not blank the projector
            deliver(self, self._failed, t("display.offline", detail=error_line(error)))
            return
        deliver(self, self._loaded, board)

    def _failed(self, text: str) -> None:
        self._polling = False
        self.query_one("#status", Static).update(literal(text))

    def _loaded(self, board: Board | None) -> None:
        self._polling = False
        self.query_one("#status", Static).update("")
        if board is None:
            return
        self._follow_changes(board)
        self.board = board
        self.version = board.version
        with self.app.batch_update():
            self._show_title(board)
            self._show_stage(board)
            self.show_leaderboard()

    def _follow_changes(self, board: Board) -> None:
        """Remember whose marks moved last: the entrant to show if nobody is set on stage."""
        progress = {
            row.entrant.id: (row.card.marks_in, row.card.total, _answers(row.card))
            for row in board.standings.rows
        }
        if self._progress:
            changed = [key for key, value in progress.items() if self._progress.get(key) != value]
            if changed:
                self.focus_id = changed[-1]
        self._progress = progress

    # ------------------------------------------------------------------ what is shown

    def _current(self, board: Board) -> tuple[ScoreCard | None, StandingRow | None]:
        card = board.on_stage
        if card is None and self.focus_id is not None:
            row = board.standings.row_of(self.focus_id)
            card = row.card if row else None
        row = board.standings.row_of(card.entrant.id) if card else None
        return card, row

    def _group(self, board: Board) -> RankingGroup | None:
        """The ranking group of the entrant on stage, else the first one."""
        card, _ = self._current(board)
        groups = board.standings.groups
        if card is not None:
            for group in groups:
                if any(r.entrant.id == card.entrant.id for r in group.rows):
                    return group
        return groups[0] if groups else None

    def clock_card(self) -> ScoreCard | None:
        """The speaking clock follows the card on stage (tui/clock_widgets.py redraws it)."""
        return self._current(self.board)[0] if self.board is not None else None

    def _show_title(self, board: Board) -> None:
        parts = [board.standings.contest.title]
        group = self._group(board)
        if group is not None and len(board.standings.groups) > 1:
            parts += [p for p in (group.event.name, group.group) if p]
        self.query_one("#title", Static).update(literal(" · ".join(parts)))

    def _show_stage(self, board: Board) -> None:
        contest = board.standings.contest
        card, row = self._current(board)
        number = self.query_one("#number", Digits)
        marks = self.query_one("#marks", Static)
        if card is None:
            number.update("")
            self.query_one("#name", Static).update(t("display.waiting"))
            self.query_one("#unit", Static).update("")
            marks.update("")
            self._show_score(None, None)
            return
        entrant = card.entrant
        number.update(f"{entrant.number:02d}")
        self.query_one("#name", Static).update(literal(entrant.name))
        details = [entrant.unit, entrant.group, card.event.name, "、".join(entrant.members)]
        self.query_one("#unit", Static).update(literal(" · ".join(d for d in details if d)))
        marks.update(marks_renderable(contest, card))
        self._show_score(card, row)

    def _show_score(self, card: ScoreCard | None, row: StandingRow | None) -> None:
        label = self.query_one("#score-label", Static)
        digits = self.query_one("#score", Digits)
        progress = self.query_one("#progress", Static)
        place = self.query_one("#place", Static)
        flag = self.query_one("#flag", Static)
        complete = card is not None and card.complete
        label.display = digits.display = complete
        progress.display = card is not None and not complete
        if card is None:
            place.update("")
            flag.update("")
            return
        if complete:
            label.update(t("display.final"))
            digits.update(card.shown or "")
        else:
            progress.update(t("display.scoring", done=card.marks_in, due=card.marks_due))
        place.update(literal(place_text(row) if complete and row else ""))
        flag.update(t(f"contest.flag.{row.flag}") if complete and row and row.flag else "")

    def show_leaderboard(self) -> None:
        """Keyed rows updated in place; rows that no longer fit (or moved group) are removed."""
        board = self.board
        if board is None:
            return
        table = self.query_one("#leaderboard", DataTable)
        group = self._group(board)
        rows = list(group.rows) if group else []
        fits = max(1, table.size.height - table.header_height)
        shown_rows = rows[:fits]
        card, _ = self._current(board)
        current = card.entrant.id if card else None
        wanted = {str(row.entrant.id): row for row in shown_rows}
        with self.app.batch_update():
            for key in [k.value for k in table.rows if k.value not in wanted]:
                table.remove_row(key)
            for key, row in wanted.items():
                cells = leaderboard_cells(row, row.entrant.id == current)
                if key not in table.rows:
                    table.add_row(*cells.values(), key=key)
                    changed = cells
                else:
                    changed = {c: v for c, v in cells.items() if table.get_cell(key, c) != v}
                # Widths from the cells themselves as well as from the new row: a projector
                # once kept the header's widths and cut every name (欧阳明 → 欧阳).
                for column, value in changed.items():
                    table.update_cell(key, column, value, update_width=True)
            order = {str(row.entrant.number): i for i, row in enumerate(shown_rows)}
            if [r.key.value for r in table.ordered_rows] != list(wanted):
                table.sort("number", key=lambda number: order[str(number)])
        more = len(rows) - len(shown_rows)
        self.query_one("#board").border_subtitle = t("display.more", count=more) if more else ""


def _answers(card: ScoreCard) -> int:
    return sum(len(stage.answers) for stage in card.stages)


def place_text(row: StandingRow) -> str:
    parts = [t("display.rank", rank=row.rank)] if row.rank else []
    if row.award:
        parts.append(row.award)
    return "  ·  ".join(parts)


def leaderboard_cells(row: StandingRow, current: bool) -> dict[str, object]:
    card = row.card
    if card.complete:
        score = Text(card.shown or "", style="bold", justify="right")
    else:
        progress = f"{card.marks_in}/{card.marks_due}" if card.marks_in else "—"
        score = Text(progress, style="dim", justify="right")
    name = Text(("▶ " if current else "") + row.entrant.name, style="bold" if current else "")
    return {
        "rank": Text(str(row.rank) if row.rank else "—", justify="center"),
        "number": str(row.entrant.number),
        "name": name,
        "unit": literal(row.entrant.unit, no_wrap=True),
        "score": score,
        "award": Text(row.award or "", style="bold"),
    }


def marks_renderable(contest: ContestInfo, card: ScoreCard) -> Group:
    """Every stage's marks: a judges' panel as a row with the dropped marks struck through, a
    single result (exam paper, measurement) as one figure, a quiz as questions and points."""
    named = len(card.stages) > 1 or any(stage.stage.name for stage in card.stages)
    parts = []
    for stage in card.stages:
        label = stage_label(stage) if named else ""
        if stage.stage.kind == QUIZ:
            parts.append(quiz_line(label, stage))
        elif stage.judges == 1 or stage.stage.kind == MEASURED:
            parts.append(single_result(label, stage, contest.decimals))
        else:
            parts.append(panel_table(contest, label, stage))
    return Group(*parts)


def stage_label(stage: StageCard) -> str:
    name = stage.stage.name or t("display.result")
    if stage.stage.weight and stage.stage.weight != 100:
        return t("display.weight", stage=name, weight=plain(stage.stage.weight))
    return name


def quiz_line(label: str, stage: StageCard) -> Text:
    live = [a for a in stage.answers if not a.void]
    points = shown(stage.score, 0) if stage.score is not None else "—"
    text = Text(f"{label}  " if label else "", style="dim")
    text.append(t("display.quiz", questions=len(live), points=points), style="bold")
    return text


def single_result(label: str, stage: StageCard, decimals: int) -> Text:
    value = stage.marks[0] if stage.marks else None
    figure = "—" if value is None else plain(value)
    unit = f" {stage.stage.unit}" if stage.stage.unit and value is not None else ""
    text = Text(f"{label or t('display.result')}  ", style="dim")
    text.append(f"{figure}{unit}", style="bold")
    return text


def panel_table(contest: ContestInfo, label: str, stage: StageCard) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    if label:
        table.add_column("", style="dim", no_wrap=True)
    for judge in range(1, stage.judges + 1):
        header = contest.judge_name(judge) or t("display.judge", judge=judge)
        table.add_column(literal(header), justify="center", no_wrap=True, header_style="dim")
    dropped = stage.panel.dropped if stage.panel else frozenset()
    cells: list[Text] = [Text(label)] if label else []
    for index, mark in enumerate(stage.marks):
        if mark is None:
            cells.append(Text("·", style="dim"))
        else:
            # Styled as a span, not the cell's base style, so the strike stays off the padding.
            style = "strike dim" if index in dropped else "bold"
            cells.append(Text().append(plain(mark), style=style))
    table.add_row(*cells)
    return table
