"""The match desk (对阵): a match event's matches in the order of play, the result typed for the
highlighted match, the groups' tables and the knockout beside (or, on a narrow terminal, behind
F7). The clerk types ``11:9 8:11 11:5`` Enter for the highlighted match (the next one to play is
highlighted after each result); ``w1``/``w2`` is a walk-over won by side 1/2, ``r1``/``r2 …`` a
retirement. A score typed for a match already decided is a correction and asks for the reason.
F2 draws (or, after the groups, draws the knockout), F5 records the organisers' lots for sides
still equal, F6 goes to the contest's next match event. Another desk's results show within a poll.
"""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from models import audit, matches
from models.errors import Refusal
from models.matches.board import MatchBoard, match_board, match_events
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.match_board import heading, latest_line, standings_lines
from tui.match_entry import parse_entry
from tui.match_text import result_words, where_words
from tui.texts import error_line, screen_refusal_text
from tui.widgets import DeskFooter, ScanInput
from tui.workers import deliver, desk_work

POLL_SECONDS = 1.0  # another desk's results show up within this
COLUMNS = ("number", "where", "sides", "result")


class MatchesScreen(Localized, Screen):
    AUTO_FOCUS = "#mt-input"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    DEFAULT_CSS = """
    #mt-event { height: auto; margin: 0 1; text-style: bold; }
    #mt-body { height: 1fr; }
    #mt-matches { width: 1fr; height: 1fr; border: round $primary; }
    #mt-side { width: 1fr; height: 1fr; border: round $primary; padding: 0 1; }
    MatchesScreen.-narrow #mt-side { display: none; }
    MatchesScreen.-narrow.-tables #mt-side { display: block; }
    MatchesScreen.-narrow.-tables #mt-matches { display: none; }
    #mt-entry { height: auto; }
    #mt-prompt { height: 1; margin: 0 1; text-style: bold; color: $accent; }
    #mt-input { border: tall $accent; }
    #mt-status { height: 1; margin: 0 1; }
    #mt-status.-error { color: $error; text-style: bold; }
    #mt-status.-ok { color: $success; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "key.mt_prev", show=False),
        Binding("down", "move(1)", "key.mt_next", show=False),
        Binding("f2", "draw", "key.mt_draw", id="mt-draw", tooltip="tip.mt_draw"),
        Binding("f5", "lots", "key.mt_lots", id="mt-lots", tooltip="tip.mt_lots"),
        Binding("f6", "next_event", "key.mt_event", id="mt-event-key", tooltip="tip.mt_event"),
        Binding("f7", "toggle_tables", "key.mt_tables", id="mt-tables", tooltip="tip.mt_tables"),
        Binding("escape", "back", "key.sc_back", id="mt-back", tooltip="tip.sc_back"),
    ]

    def __init__(self, contest: int | str, event: str | None = None) -> None:
        super().__init__()
        self.contest_ref = contest
        self.event_ref = event
        self.board: MatchBoard | None = None
        self.current: int | None = None  # the highlighted match's number
        self._version = -1

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="mt-event")
        with Horizontal(id="mt-body"):
            yield DataTable(id="mt-matches", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="mt-side"):
                yield Static("", id="mt-standings")
        with Vertical(id="mt-entry"):
            yield Static("", id="mt-prompt")
            yield ScanInput(placeholder=t("mt.placeholder"), id="mt-input")
            yield Static("", id="mt-status")
        yield DeskFooter()

    def on_mount(self) -> None:
        table = self.query_one("#mt-matches", DataTable)
        table.border_title = t("mt.matches_title")
        self.query_one("#mt-side").border_title = t("mt.tables_title")
        for key in COLUMNS:
            table.add_column(t(f"mt.col.{key}"), key=key)
        self.reload()
        self.set_interval(POLL_SECONDS, self.poll)

    def on_screen_resume(self) -> None:
        self.query_one("#mt-input", ScanInput).focus()

    def status(self, text: str, state: str = "") -> None:
        line = self.query_one("#mt-status", Static)
        line.update(literal(" ".join(text.split())))  # a refusal's reason on the one line
        for name in ("error", "ok"):
            line.set_class(state == name, f"-{name}")
        if state == "error":
            self.app.bell()

    def attempt(self, call):
        """The service's answer, or None with its refusal (or the failure: a locked database must
        not end the desk) on the status line; nothing was changed then."""
        try:
            return call()
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
        except Exception as error:
            self.status(error_line(error), "error")
        return None

    # ------------------------------------------------------------------ reading

    def reload(self) -> None:
        board = self.attempt(lambda: match_board(self.app.db, self.contest_ref, self.event_ref))
        if board is not None:
            self.show(board)

    def poll(self) -> None:
        if self.board is not None:
            self.check_version()

    @desk_work(group="match-poll", exclusive=True)
    def check_version(self) -> None:
        if audit.current_version(self.app.db) != self._version:
            board = match_board(self.app.db, self.contest_ref, self.event_ref)
            deliver(self, self.show, board)

    def show(self, board: MatchBoard) -> None:
        self.board = board
        self._version = board.version
        self.event_ref = board.event.name
        self.sub_title = board.contest.label
        self.query_one("#mt-event", Static).update(literal(heading(board)))
        self.query_one("#mt-standings", Static).update(literal("\n".join(standings_lines(board))))
        self._fill_table(board)
        if self.current is None or board.match(self.current) is None:
            up = board.next_up
            self.current = up.number if up else None
        self._point_at(self.current)
        self.show_prompt()
        self.refresh_bindings()

    def _fill_table(self, board: MatchBoard) -> None:
        """Keyed rows: a result changes its row in place; a new draw appends."""
        table = self.query_one("#mt-matches", DataTable)
        with self.app.batch_update():
            for m in board.matches:
                cells = self._cells(board, m)
                key = str(m.number)
                if key in table.rows:
                    for column, value in cells.items():
                        if str(table.get_cell(key, column)) != str(value):
                            table.update_cell(key, column, value, update_width=True)
                else:
                    table.add_row(*cells.values(), key=key)

    def _cells(self, board: MatchBoard, m) -> dict:
        def name(side):
            return board.names.get(side, "?") if side is not None else t("match.tbd")

        if m.bye:
            sides = f"{name(m.a if m.a is not None else m.b)}  {t('match.bye')}"
        else:
            sides = f"{name(m.a)} {t('match.vs')} {name(m.b)}"
        return {
            "number": str(m.number),
            "where": literal(where_words(m, board.rounds), no_wrap=True),
            "sides": literal(sides, no_wrap=True),
            "result": literal(result_words(m, board.names), no_wrap=True),
        }

    def _point_at(self, number: int | None) -> None:
        table = self.query_one("#mt-matches", DataTable)
        if number is not None and str(number) in table.rows:
            table.move_cursor(row=table.get_row_index(str(number)))

    def show_prompt(self) -> None:
        prompt = self.query_one("#mt-prompt", Static)
        match = self.board.match(self.current) if self.board and self.current else None
        if self.board is None or not self.board.drawn:
            prompt.update(t("mt.prompt.draw"))
            return
        if match is None:
            prompt.update(literal(latest_line(self.board)))
            return
        names = self.board.names
        sides = f"{names.get(match.a, t('match.tbd'))} {t('match.vs')} "
        sides += names.get(match.b, t("match.tbd"))
        key = "mt.prompt.correct" if match.decided else "mt.prompt.games"
        if not match.decided and self.board.event.matches.rubbers:
            key = "mt.prompt.tie"  # 团体赛: each match's games, the matches parted by |
        prompt.update(literal(t(key, number=match.number, sides=sides)))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if self.board is None:
            return action == "back"
        if action == "draw":
            fmt = self.board.event.matches
            groups_then_knockout = fmt.advance and self.board.rounds is None
            return not self.board.drawn or bool(groups_then_knockout and self.board.finished)
        if action == "lots":
            return any(r.lots for rows in self.board.tables.values() for r in rows)
        if action == "toggle_tables":
            return self.has_class("-narrow")
        if action == "next_event":
            return len(match_events(self.board.contest)) > 1
        return True

    # ------------------------------------------------------------------ moving

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key is not None and event.row_key.value is not None:
            self.current = int(event.row_key.value)
            self.show_prompt()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.query_one("#mt-input", ScanInput).focus()

    def action_move(self, step: int) -> None:
        if self.board is None or not self.board.matches:
            return
        numbers = [m.number for m in self.board.matches]
        at = numbers.index(self.current) if self.current in numbers else -1
        self.current = numbers[max(0, min(len(numbers) - 1, at + step))]
        self._point_at(self.current)
        self.show_prompt()

    def action_toggle_tables(self) -> None:
        self.toggle_class("-tables")

    def action_next_event(self) -> None:
        events = match_events(self.board.contest)
        names = [e.name for e in events]
        at = names.index(self.board.event.name) if self.board.event.name in names else -1
        self.event_ref = names[(at + 1) % len(names)]
        self.current = None
        self.query_one("#mt-matches", DataTable).clear()
        self.reload()

    # ------------------------------------------------------------------ writing

    def on_scan_input_scanned(self, message: ScanInput.Scanned) -> None:
        message.stop()
        match = self.board.match(self.current) if self.board and self.current else None
        if match is None:
            self.status(t("mt.no_match"), "error")
            return
        try:
            entry = parse_entry(message.text)
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            return
        if match.decided:
            self.ask_reason(match, entry)
            return
        self.record(match, entry)

    def ask_reason(self, match, entry) -> None:
        from tui.reason_prompt import ReasonPrompt

        def given(reason: str | None) -> None:
            if reason:
                self.record(match, entry, reason)

        title = t("mt.correct.title", number=match.number)
        prompt = t("mt.correct.prompt", now=result_words(match, self.board.names))
        self.app.push_screen(
            ReasonPrompt(title, prompt, t("contest.correction_needs_reason")), given
        )

    def record(self, match, entry, reason: str = "") -> None:
        sides = (match.a, match.b)
        options = {"games": entry.games or None}
        if entry.walkover:
            options = {"walkover": str(self.board.numbers[sides[entry.walkover - 1]])}
        elif entry.retired:
            options["retired"] = str(self.board.numbers[sides[entry.retired - 1]])
        done = self.attempt(
            lambda: matches.record_result(
                self.app.db,
                self.board.contest.number,
                match.number,
                reason=reason,
                operator=self.app.operator,
                station=self.app.station,
                **options,
            )
        )
        if done is None:
            return
        result = result_words(done, self.board.names)
        self.status(t("mt.saved", number=done.number, result=result), "ok")
        self.current = None  # the next match to play is highlighted
        self.reload()

    def action_draw(self) -> None:
        from tui.confirm import ConfirmDialog

        def confirmed(yes: bool) -> None:
            if not yes:
                return
            drawn = self.attempt(
                lambda: matches.draw(
                    self.app.db,
                    self.board.contest.number,
                    self.board.event.name,
                    operator=self.app.operator,
                    station=self.app.station,
                )
            )
            if drawn is None:
                return
            self.status(t("match.drawn", count=sum(not m.bye for m in drawn)), "ok")
            self.current = None
            self.reload()

        question = t("mt.draw.question", event=self.board.event.name or self.board.contest.title)
        self.app.push_screen(ConfirmDialog(t("mt.draw.title"), question), confirmed)

    def action_lots(self) -> None:
        from tui.reason_prompt import ReasonPrompt

        tied = [
            (group, [self.board.names[r.entrant] for r in rows if r.lots])
            for group, rows in self.board.tables.items()
        ]
        group, names = next((g, n) for g, n in tied if n)

        def given(order: str | None) -> None:
            if not order:
                return
            from models.contest_scheme import split_list

            drawn = self.attempt(
                lambda: matches.draw_lots(
                    self.app.db,
                    self.board.contest.number,
                    self.board.event.name,
                    group,
                    split_list(order),
                    operator=self.app.operator,
                    station=self.app.station,
                )
            )
            if drawn is None:
                return
            self.status(t("match.lots_done", group=group), "ok")
            self.reload()

        prompt = t("mt.lots.prompt", names="、".join(names))
        dialog = ReasonPrompt(t("mt.lots.title", group=group), prompt, t("match.lots_not_tied"))
        self.app.push_screen(dialog, given)

    def action_back(self) -> None:
        self.app.pop_screen()
