"""Scoring a contest at hall speed (现场亮分).

The clerk types each judge's mark as it is called out (``92.5`` Enter; ``3=92`` for judge 3 out of
turn), written at once through ``scores.record_mark``; a refusal shows in the status line and
nothing is saved. With the last mark the panel strikes through the dropped marks, the final score
shows in big digits and the rank follows from the standings (a worker updates the leaderboard's
keyed rows in place). PageDown/PageUp move between entrants and put them on stage (the projector
follows), F2 jumps, F3 explains the score, F4 corrects or withdraws a mark with a reason, F5 adds
an entrant, F6/Tab switches stage, F8 runs the speaking clock (or, on a quiz, the buzzer). A quiz
is scored by answers: team number, then 1 必答对 2 必答错 3 抢答对 4 抢答错 5 风险题 (stake, 1/2).
"""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from models import contests, scores
from models.contests import ContestInfo, EntrantInfo
from models.errors import Refusal
from models.rules.scoring import plain
from models.scores import ScoreCard, StageCard, Standings
from screens.scoring_clock import SpeakingClock
from screens.scoring_import import ScoreFileImport
from screens.scoring_keys import ScoringKeys
from screens.scoring_marks import (
    Slot,
    mark_refusal_text,
    next_slot,
    open_stage,
    slot_prompt,
    split_judge,
)
from screens.scoring_quiz import QuizEntry, QuizScoring
from screens.scoring_standings import StandingsFollower
from tui.clock_widgets import ClockLine
from tui.exports import write_contest_sheets
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.refresh import CoalescedRefresh
from tui.score_text import judge_label
from tui.score_widgets import (
    BigScore,
    Leaderboards,
    MarksPanel,
    QuizPanel,
    entrant_heading,
    is_single,
    quiz_points,
    rank_text,
    stages_line,
)
from tui.texts import error_line, screen_refusal_text
from tui.widgets import DeskFooter, ScanInput
from tui.workers import deliver, desk_work

POLL_SECONDS = 5.0  # another desk's marks show up within this


class ScoringScreen(
    ScoringKeys, QuizScoring, StandingsFollower, ScoreFileImport, SpeakingClock, Localized, Screen
):
    AUTO_FOCUS = "#sc-input"
    # Under 30 lines (80×24) the judges' panel gives way so the final score stays in sight.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    DEFAULT_CSS = """
    #sc-body { height: 1fr; }
    #sc-left { width: 54; height: 1fr; padding: 0 0 0 1; }
    #sc-right { width: 1fr; height: 1fr; padding: 0 1 0 1; }
    #sc-entrant { height: auto; border: round $primary; padding: 0 1; }
    #sc-stages { height: auto; margin: 0 1; }
    #sc-prompt { height: 1; margin: 1 1 0 1; text-style: bold; color: $accent; }
    #sc-input { border: tall $accent; }
    #sc-status { height: 2; margin: 0 1; }
    #sc-status.-error { color: $error; text-style: bold; }
    #sc-status.-ok { color: $success; }
    #sc-marks, #sc-quiz {
        height: auto;
        min-height: 7;
        max-height: 24;
        border: round $primary;
        padding: 0 1;
    }
    ScoringScreen.-short #sc-marks, ScoringScreen.-short #sc-quiz { height: 1fr; min-height: 3; }
    ScoringScreen.-short #sc-prompt { margin: 0 1; }
    ScoringScreen.-short #sc-status { height: 1; }
    #sc-board { height: 1fr; border: round $primary; }
    #sc-board DataTable { height: 1fr; }
    """
    BINDINGS = [
        # priority: the mark field would otherwise take PageUp/PageDown as scrolling
        Binding(
            "pagedown",
            "next_entrant",
            "key.sc_next",
            id="sc-next",
            tooltip="tip.sc_next",
            priority=True,
        ),
        Binding(
            "pageup",
            "previous_entrant",
            "key.sc_prev",
            id="sc-prev",
            tooltip="tip.sc_prev",
            priority=True,
        ),
        Binding("f8", "buzzer", "key.sc_buzzer", id="sc-buzzer", tooltip="tip.sc_buzzer"),
        Binding("f2,ctrl+g", "jump", "key.sc_jump", id="sc-jump", tooltip="tip.sc_jump"),
        Binding("f3", "calculation", "key.sc_calc", id="sc-calc", tooltip="tip.sc_calc"),
        Binding("f4", "correct", "key.sc_correct", id="sc-correct", tooltip="tip.sc_correct"),
        Binding("f5", "add_entrant", "key.sc_add", id="sc-add", tooltip="tip.sc_add"),
        Binding("f6", "next_stage", "key.sc_stage", id="sc-stage", tooltip="tip.sc_stage"),
        # F7 publishes the standings (they become final) and, once published, reopens them.
        Binding("f7", "publish", "key.sc_publish", id="sc-publish", tooltip="tip.sc_publish"),
        Binding("f7", "reopen", "key.sc_reopen", id="sc-reopen", tooltip="tip.sc_reopen"),
        Binding("f8", "clock", "key.sc_clock", id="sc-clock", tooltip="tip.sc_clock"),
        Binding("shift+f8", "clock_reset", "key.sc_clock_reset", id="sc-clock-reset", show=False),
        Binding("f9", "export", "key.sc_export", id="sc-export", tooltip="tip.sc_export"),
        Binding(
            "f10", "import_file", "files.key.import", id="sc-import", tooltip="files.tip.scores"
        ),
        Binding("tab", "next_stage", "key.sc_stage", id="sc-stage-tab", show=False),
        Binding("shift+tab", "previous_stage", "key.sc_stage", id="sc-stage-back", show=False),
        Binding("escape", "back", "key.sc_back", id="sc-back", tooltip="tip.sc_back"),
    ]

    def __init__(self, contest: int | str) -> None:
        super().__init__()
        self.contest_ref = contest
        self.contest: ContestInfo | None = None
        self.entrants: list[EntrantInfo] = []
        self.index = 0
        self.card: ScoreCard | None = None
        self.stage_index = 0
        self.standings: Standings | None = None
        self.quiz = QuizEntry()
        # local writes so far: a standings snapshot read before the latest one is not adopted
        self._writes = 0
        self._standings = CoalescedRefresh(
            lambda: self.load_standings(self._writes), ready=lambda: self.contest is not None
        )
        self._version = -1
        self.publication = None  # models.contest_publish.Publication, read with the standings

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="sc-body"):
            with Vertical(id="sc-left"):
                yield Static("", id="sc-entrant")
                yield Static("", id="sc-stages")
                yield Static("", id="sc-prompt")
                yield ScanInput(placeholder=t("sc.input.placeholder"), id="sc-input")
                yield Static("", id="sc-status")
                yield ClockLine(self.clock_card, id="sc-clock")
                yield MarksPanel("", id="sc-marks")
                yield QuizPanel("", id="sc-quiz")
                yield BigScore(id="sc-final")
            with Vertical(id="sc-right"):
                yield Leaderboards(id="sc-board")
        yield DeskFooter()

    def on_mount(self) -> None:
        try:
            self.contest = contests.get_contest(self.app.db, self.contest_ref)
            self.entrants = contests.entrants_of(self.app.db, self.contest.number)
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            return
        self.sub_title = self.contest.label
        self.query_one(Leaderboards).border_title = t("sc.board.title")
        if self.entrants:
            on_stage = self.contest.on_stage
            found = next((i for i, e in enumerate(self.entrants) if e.id == on_stage), None)
            self.go_to(found if found is not None else 0, announce=False)
        else:
            self.show_empty()
        self.request_standings()
        self.set_interval(POLL_SECONDS, self.request_standings)

    def on_screen_resume(self) -> None:
        self.query_one("#sc-input", ScanInput).focus()

    @property
    def entrant(self) -> EntrantInfo | None:
        return self.entrants[self.index] if self.entrants else None

    @property
    def is_quiz(self) -> bool:
        return self.card is not None and self.card.event.is_quiz

    @property
    def stage_card(self) -> StageCard | None:
        if self.card is None or not self.card.stages:
            return None
        return self.card.stages[min(self.stage_index, len(self.card.stages) - 1)]

    def status(self, text: str, state: str = "") -> None:
        if not self.is_attached:
            return
        line = self.query_one("#sc-status", Static)
        line.update(literal(text))
        for name in ("error", "ok"):
            line.set_class(state == name, f"-{name}")
        if state == "error":
            self.app.bell()

    def action_export(self) -> None:
        if self.contest is None:
            return
        self.status(t("sc.export.running"))
        self.export_sheets(self.contest.number, self.contest.title)

    @desk_work(group="export", exclusive=True)
    def export_sheets(self, number: int, title: str) -> None:
        """The ranking PDF, workbook and certificate list, written off the UI thread."""
        text, error = write_contest_sheets(self.app.db, number, title)
        deliver(self, self.status, text, "error" if error else "ok")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Keys that cannot do anything here are hidden from the footer (no dead keys)."""
        if action in ("next_entrant", "previous_entrant", "jump", "calculation", "correct"):
            return self.entrant is not None
        if action in ("next_stage", "previous_stage"):
            return self.card is not None and len(self.card.stages) > 1
        if action == "buzzer":
            return self.is_quiz
        if action in ("clock", "clock_reset"):
            return self.clock_allowed(action)
        if action == "publish":
            return self.publication is not None and not self.publication.published
        if action == "reopen":
            return self.publication is not None and self.publication.published
        return True

    # ------------------------------------------------------------------ showing

    def show_empty(self) -> None:
        self.query_one("#sc-entrant", Static).update(t("sc.no_entrants"))
        self.query_one("#sc-prompt", Static).update("")
        self.query_one("#sc-input", ScanInput).disabled = True
        self.query_one("#sc-quiz", QuizPanel).display = False
        self.query_one("#sc-marks", MarksPanel).update("")
        self.query_one(BigScore).show(None, "")
        self.refresh_bindings()

    def show_card(self) -> None:
        """Everything on the left from ``self.card``: heading, stages, prompt, marks, score."""
        card, entrant = self.card, self.entrant
        if card is None or entrant is None:
            return
        contest = self.contest
        scan = self.query_one("#sc-input", ScanInput)
        scan.disabled = False
        scan.placeholder = self._placeholder()
        heading = entrant_heading(entrant, self.index + 1, len(self.entrants), card.event.name)
        self.query_one("#sc-entrant", Static).update(heading)
        staged = len(card.stages) > 1
        stages = self.query_one("#sc-stages", Static)
        stages.display = staged
        if staged:
            stages.update(stages_line(card, self.stage_index))
        marks = self.query_one("#sc-marks", MarksPanel)
        quiz = self.query_one("#sc-quiz", QuizPanel)
        marks.display = not self.is_quiz
        quiz.display = not self.buzzer_shown() and self.is_quiz
        row = self.standings.row_of(entrant.id) if self.standings else None
        if self.is_quiz:
            self.show_quiz()
            self.query_one(BigScore).show(quiz_points(card), rank_text(card, row))
            return
        stage_card = self.stage_card
        slot = next_slot(stage_card)
        prompt = slot_prompt(contest, stage_card, slot, staged)
        if card.complete:
            prompt = t("sc.prompt.all_in")
        self.query_one("#sc-prompt", Static).update(literal(prompt))
        title = t("sc.result_label") if is_single(stage_card) else t("sc.marks.title")
        marks.border_title = literal(
            f"{stage_card.stage.name} · {title}" if stage_card.stage.name else title
        )
        marks.show(contest, stage_card, slot.judge if slot else None)
        self.query_one(BigScore).show(card.shown, rank_text(card, row))

    def _placeholder(self) -> str:
        if self.is_quiz:
            return t("sc.input.placeholder_quiz")
        if is_single(self.stage_card):
            return t("sc.input.placeholder_single")
        return t("sc.input.placeholder")

    def go_to(self, index: int, *, announce: bool = True) -> None:
        """Make entrant ``index`` current: load their card, put them on stage for the hall."""
        entrant = self.entrants[index]
        try:
            card = scores.score_card(self.app.db, self.contest.number, entrant.number)
            if self.contest.on_stage != entrant.id:
                contests.set_on_stage(
                    self.app.db,
                    self.contest.number,
                    entrant.number,
                    operator=self.app.operator,
                    station=self.app.station,
                )
                self.contest = contests.get_contest(self.app.db, self.contest.number)
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            return
        except Exception as error:  # a locked database must not end the contest
            self.status(error_line(error), "error")
            return
        self.card = card
        self.index = index
        self.stage_index = open_stage(card) or 0
        self.quiz = QuizEntry(step="kind") if announce and self.card.event.is_quiz else QuizEntry()
        self.show_card()
        self.query_one(Leaderboards).follow(entrant)
        if announce:
            self.status(t("sc.on_stage", number=entrant.number, name=entrant.name), "ok")
        else:
            self.status("")
        self.refresh_bindings()

    # ------------------------------------------------------------------ marks

    def on_scan_input_scanned(self, message: ScanInput.Scanned) -> None:
        message.stop()
        if self.card is None or self.entrant is None:
            return
        if self.is_quiz:
            for token in message.text.split():
                if not self.quiz_token(token):
                    break
            self.show_card()
            return
        self.enter_mark(message.text)

    def enter_mark(self, text: str) -> None:
        stage_card = self.stage_card
        judge, value = (None, text) if is_single(stage_card) else split_judge(text)
        slot = next_slot(stage_card, judge)
        if slot is None and judge is None:
            self.status(self._all_in_text(), "error")
            return
        if slot is None:  # that judge has marked: let the service say so (and point to F4)
            first = stage_card.stage.criteria[0].name if stage_card.stage.criteria else ""
            slot = Slot(judge, first)
        try:
            outcome = scores.record_mark(
                self.app.db,
                self.contest.number,
                self.entrant.number,
                slot.judge,
                value,
                stage=stage_card.stage.name,
                criterion=slot.criterion,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self.status(mark_refusal_text(refusal), "error")
            return
        except Exception as error:
            self.status(error_line(error), "error")
            return
        self._writes += 1
        self.card = outcome.card
        self.status(self._saved_text(stage_card, slot, outcome), "ok")
        if self.stage_card.complete and not self.card.complete:
            self.stage_index = open_stage(self.card, self.stage_index) or 0
        self.show_card()
        self.request_standings()

    def _all_in_text(self) -> str:
        if self.card.complete:
            return t("sc.all_in")
        return t("sc.stage_all_in")

    def _saved_text(self, stage_card: StageCard, slot: Slot, outcome) -> str:
        who = (
            t("sc.result_label") if is_single(stage_card) else judge_label(self.contest, slot.judge)
        )
        if slot.criterion:
            who += " · " + slot.criterion
        text = t("sc.saved", who=who, mark=plain(outcome.value))
        if outcome.completed:
            text += "  " + t("sc.completed", score=outcome.card.shown)
        return text

    def action_back(self) -> None:
        if self.is_quiz and self.quiz.step != "team":
            self.quiz = QuizEntry()  # Esc first abandons a half-logged answer
            self.status(t("sc.quiz.reset"))
            self.show_card()
            return
        self.app.pop_screen()
