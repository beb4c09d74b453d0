"""The contests of the congress (竞赛): number, title, entrants. Enter opens the scoring screen
(the match desk for a contest of match events only), M the match desk, P the heats or their
final, N creates a contest, E adds an event (项目) to the highlighted one, T sets its
tie-breakers, A adds an entrant, Esc goes back to check-in."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from models import contests
from models.errors import Refusal
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.message_line import show_line
from tui.texts import error_line, screen_refusal_text
from tui.widgets import DeskFooter

COLUMNS = ("number", "title", "entrants")


class ContestsScreen(Localized, Screen):
    AUTO_FOCUS = "#contests"
    DEFAULT_CSS = """
    #contests { height: 1fr; margin: 0 1; border: round $primary; }
    #contests-hint { height: auto; margin: 0 2; color: $text-muted; }
    #contests-hint.-error { color: $error; text-style: bold; }
    """
    BINDINGS = [
        Binding("n", "new_contest", "key.sc_new_contest", id="new-contest", tooltip="tip.sc_new_contest"),
        Binding("e", "new_event", "key.sc_new_event", id="new-event", tooltip="tip.sc_new_event"),
        Binding("t", "tie_breakers", "key.sc_tiebreak", id="tie-breakers", tooltip="tip.sc_tiebreak"),
        Binding("a", "add_entrant", "key.sc_add", id="add-entrant", tooltip="tip.sc_add"),
        Binding("m", "matches", "key.sc_matches", id="matches", tooltip="tip.sc_matches"),
        Binding("p", "heats", "key.sc_heats", id="heats", tooltip="tip.sc_heats"),
        Binding("escape", "back", "key.sc_back", id="back", tooltip="tip.sc_back"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self._cursor_to: int | None = None
        self._has_rows = False
        # What the last dialog did: it outlives the reload when the screen resumes after it.
        self._note: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="contests", cursor_type="row", zebra_stripes=True)
        yield Static(t("sc.contests.hint"), id="contests-hint")
        yield DeskFooter()

    def on_mount(self) -> None:
        table = self.query_one("#contests", DataTable)
        table.border_title = t("sc.contests.title")
        for key in COLUMNS:
            table.add_column(t(f"sc.contests.col.{key}"), key=key)
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def hint(self, text: str, error: bool = False) -> None:
        show_line(self.query_one("#contests-hint", Static), text, error)

    def reload(self) -> None:
        """Keyed rows: counts change in place, a new contest is appended (one quick query)."""
        try:
            summaries = contests.list_contests(self.app.db)
        except Refusal as refusal:
            self.hint(screen_refusal_text(refusal), error=True)
            return
        except Exception as error:
            self.hint(error_line(error), error=True)
            return
        table = self.query_one("#contests", DataTable)
        with self.app.batch_update():
            for summary in summaries:
                key = str(summary.number)
                cells = {
                    "number": str(summary.number),
                    "title": literal(summary.title, no_wrap=True),
                    "entrants": str(summary.entrants),
                }
                if key in table.rows:
                    for column, value in cells.items():
                        if str(table.get_cell(key, column)) != str(value):
                            table.update_cell(key, column, value)
                else:
                    table.add_row(*cells.values(), key=key)
            if self._cursor_to is not None and str(self._cursor_to) in table.rows:
                table.move_cursor(row=table.get_row_index(str(self._cursor_to)))
                self._cursor_to = None
        if self._has_rows != bool(summaries):
            self._has_rows = bool(summaries)
            self.refresh_bindings()
        self.hint(self._note or t("sc.contests.hint" if summaries else "sc.contests.empty"))

    def note(self, text: str) -> None:
        self._note = text
        self.hint(text)

    def selected(self) -> int | None:
        table = self.query_one("#contests", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A contest of match events only opens the match desk; any other the scoring screen."""
        event.stop()
        number = int(event.row_key.value)
        if self._only_matches(number):
            self.action_matches()
            return
        from screens.scoring import ScoringScreen

        self.app.push_screen(ScoringScreen(number))

    def _only_matches(self, number: int) -> bool:
        try:
            events = contests.get_contest(self.app.db, number).events
        except Refusal:
            return False
        return all(e.is_match for e in events)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("add_entrant", "new_event", "tie_breakers", "matches", "heats"):
            return self._has_rows
        return True

    def action_matches(self) -> None:
        number = self.selected()
        if number is None:
            return
        info = contests.get_contest(self.app.db, number)
        if not any(e.is_match for e in info.events):
            self.hint(t("sc.contests.no_matches", contest=info.label), error=True)
            return
        from screens.matches import MatchesScreen

        self.app.push_screen(MatchesScreen(number))

    def action_new_contest(self) -> None:
        from screens.new_contest import NewContestDialog

        def created(number: int | None) -> None:
            if number is not None:
                self._cursor_to = number
                self.reload()
                self.note(t("sc.contests.created", number=number))

        self._note = None
        self.app.push_screen(NewContestDialog(), created)

    def action_add_entrant(self) -> None:
        from screens.new_entrant import NewEntrantDialog

        number = self.selected()
        if number is None:
            return

        def added(entrant: int | None) -> None:
            self.reload()
            if entrant is not None:
                self.note(t("sc.entrant_added", number=entrant))

        self._note = None
        self.app.push_screen(NewEntrantDialog(number), added)

    def action_new_event(self) -> None:
        from screens.new_event import NewEventDialog

        number = self.selected()
        if number is None:
            return

        dialog = NewEventDialog(number)

        def set_(contest: int | None) -> None:
            if contest is not None:
                info = contests.get_contest(self.app.db, contest)
                event = dialog.event_name or info.title
                self.note(t("sc.contests.event_set", contest=info.label, event=event))

        self._note = None
        self.app.push_screen(dialog, set_)

    def action_tie_breakers(self) -> None:
        from screens.tie_breakers import TieBreakersDialog, breaker_text

        number = self.selected()
        if number is None:
            return

        def set_(contest: int | None) -> None:
            if contest is not None:
                info = contests.get_contest(self.app.db, contest)
                names = breaker_text(info) or t("sc.contests.tiebreak_none")
                self.note(t("sc.contests.tiebreak_set", contest=info.label, names=names))

        self._note = None
        self.app.push_screen(TieBreakersDialog(number), set_)

    def action_heats(self) -> None:
        """预赛分组, or once the heats are run, the final: after a confirmation (it is logged and
        cannot be drawn again)."""
        number = self.selected()
        if number is None:
            return
        info = contests.get_contest(self.app.db, number)
        event = next((e for e in info.events if e.is_heats), None)
        if event is None:
            self.hint(t("sc.contests.no_heats", contest=info.label), error=True)
            return
        from tui.confirm import ConfirmDialog

        def confirmed(yes: bool) -> None:
            if yes:
                self.draw_heats(number, event.name)

        question = t("sc.contests.heats_question", event=event.name)
        self.app.push_screen(ConfirmDialog(t("mt.draw.title"), question), confirmed)

    def draw_heats(self, number: int, event: str) -> None:
        from models.matches import draw_heats
        from tui.match_text import heats_words

        try:
            done = draw_heats(
                self.app.db, number, event, operator=self.app.operator, station=self.app.station
            )
        except Refusal as refusal:
            self.hint(screen_refusal_text(refusal), error=True)
            return
        self.reload()
        self.note(heats_words(done))

    def action_back(self) -> None:
        self.app.pop_screen()
