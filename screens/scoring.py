"""Scoring a contest at hall speed (现场亮分).

The clerk types each judge's mark into one field as it is called out — ``92.5`` Enter, ``91``
Enter … — and the prompt names the judge (and criterion) due next; ``3=92`` gives judge 3 out of
turn. Each mark is written at once through ``scores.record_mark``; a refusal (above the maximum,
not a number, a second mark) shows in the status line and nothing is saved. When the last mark
lands the panel strikes through the dropped marks, the final score appears in big digits and the
rank follows from the standings, recomputed in a worker that also updates the leaderboard's keyed
rows in place. PageDown/PageUp move to the next/previous entrant and put them on stage (the
projector follows), F2 jumps by number or name, F3 explains the score, F4 corrects or withdraws a
mark with a reason, F5 adds an entrant, F6/Tab switches stage. A quiz event is scored by answers
instead: team number, then 1 必答对 2 必答错 3 抢答对 4 抢答错 5 风险题 (stake, then 1 对 / 2 错).
"""

import unicodedata
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Input, Static

from models import contests, scores
from models.contests import ContestInfo, EntrantInfo
from models.errors import Refusal, refuse
from models.rules.scoring import BUZZER, COMPULSORY, MEASURED, RISK, plain
from models.scores import ScoreCard, StageCard, Standings
from tui.exports import write_contest_sheets
from tui.i18n import refusal_text, t
from tui.keys import Localized
from tui.literal import literal
from tui.score_text import judge_label, signed
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

# quiz keys: 1 必答对 2 必答错 3 抢答对 4 抢答错 5 风险题 (then the stake, then 1 对 / 2 错)
QUIZ_KEYS = {
    "1": (COMPULSORY, True),
    "2": (COMPULSORY, False),
    "3": (BUZZER, True),
    "4": (BUZZER, False),
    "5": (RISK, None),
}
RIGHT_WORDS = {"1": True, "对": True, "y": True, "2": False, "错": False, "n": False}


def mark_refusal_text(refusal: Refusal) -> str:
    """A refused mark; a repeat also says which key corrects it here."""
    text = screen_refusal_text(refusal)
    if refusal.key in ("contest.mark_exists", "contest.result_exists"):
        text += t("sc.correct_with_f4")
    return text


@dataclass(frozen=True)
class Slot:
    """Where the next typed mark goes: a judge (0 = the single mark) and a criterion."""

    judge: int
    criterion: str = ""


def next_slot(stage_card: StageCard, judge: int | None = None) -> Slot | None:
    """The first mark still missing in judge order (criteria in sheet order), or None."""
    if is_single(stage_card):
        return Slot(0) if stage_card.marks[0] is None else None
    stage = stage_card.stage
    judges = range(1, stage_card.judges + 1) if judge is None else (judge,)
    for number in judges:
        if not 1 <= number <= stage_card.judges:
            return None
        if stage.criteria:
            sheet = stage_card.criteria[number - 1]
            missing = next((c.name for c in stage.criteria if c.name not in sheet), None)
            if missing is not None:
                return Slot(number, missing)
        elif stage_card.marks[number - 1] is None:
            return Slot(number)
    return None


def split_judge(text: str) -> tuple[int | None, str]:
    """``3=92.5`` (or full-width ``３＝９２.５``) → (3, "92.5"); anything else → (None, text)."""
    clean = unicodedata.normalize("NFKC", text).strip()
    left, sep, right = clean.partition("=")
    if sep and left.strip().isdigit():
        return int(left.strip()), right.strip()
    return None, text


def open_stage(card: ScoreCard, start: int = 0) -> int | None:
    """The first stage from ``start`` on (wrapping) that still misses a mark."""
    count = len(card.stages)
    for step in range(count):
        index = (start + step) % count
        if not card.stages[index].complete:
            return index
    return None


def slot_prompt(
    contest: ContestInfo, stage_card: StageCard, slot: Slot | None, staged: bool
) -> str:
    """「3号评委」, 「2号评委 · 内容（满分40）」, 「理论 · 成绩（满分100）」 — or 已录齐."""
    stage = stage_card.stage
    prefix = f"{stage.name} · " if staged and stage.name else ""
    if slot is None:
        return prefix + t("sc.prompt.stage_done")
    if is_single(stage_card):
        if stage.kind == MEASURED:
            better = t(f"contest.better.{stage.better}")
            return prefix + t("sc.prompt.measured", unit=stage.unit or "—", better=better)
        return prefix + t("sc.prompt.single", max=plain(stage.maximum))
    words = judge_label(contest, slot.judge)
    if slot.criterion:
        limit = next(c.maximum for c in stage.criteria if c.name == slot.criterion)
        words += " · " + t("sc.prompt.criterion", criterion=slot.criterion, max=plain(limit))
    else:
        words += " · " + t("sc.prompt.max", max=plain(stage.maximum))
    return prefix + words


@dataclass
class QuizEntry:
    """Where the clerk is in logging one answer: team → kind → (stake → right/wrong)."""

    step: str = "team"  # team | kind | stake | right
    stake: int | None = None


class JumpPrompt(Localized, ModalScreen[str | None]):
    """Asks for an entrant's running number or name; dismisses with the text or None."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="cancel")]

    def __init__(self) -> None:
        super().__init__(classes="modal")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(t("sc.jump.title"), classes="dialog-title")
            yield Input(placeholder=t("sc.jump.placeholder"), id="sc-jump")
            yield Static(f"Enter {t('key.confirm')} · Esc {t('key.cancel')}", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ScoringScreen(Localized, Screen):
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
        Binding("f2,ctrl+g", "jump", "key.sc_jump", id="sc-jump", tooltip="tip.sc_jump"),
        Binding("f3", "calculation", "key.sc_calc", id="sc-calc", tooltip="tip.sc_calc"),
        Binding("f4", "correct", "key.sc_correct", id="sc-correct", tooltip="tip.sc_correct"),
        Binding("f5", "add_entrant", "key.sc_add", id="sc-add", tooltip="tip.sc_add"),
        Binding("f6", "next_stage", "key.sc_stage", id="sc-stage", tooltip="tip.sc_stage"),
        # F7 publishes the standings (they become final) and, once published, reopens them.
        Binding("f7", "publish", "key.sc_publish", id="sc-publish", tooltip="tip.sc_publish"),
        Binding("f7", "reopen", "key.sc_reopen", id="sc-reopen", tooltip="tip.sc_reopen"),
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
        self._loading = False
        self._stale = False
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
        quiz.display = self.is_quiz
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

    # ------------------------------------------------------------------ quiz

    def quiz_teams(self) -> list[EntrantInfo]:
        return [e for e in self.entrants if e.event_id == self.card.event.id]

    def show_quiz(self) -> None:
        teams = self.quiz_teams()
        cards = {c.entrant.id: c for c in self._quiz_cards()}
        ordered = [cards[e.id] for e in teams if e.id in cards]
        self.query_one("#sc-quiz", QuizPanel).show(ordered, self.entrant.id)
        self.query_one("#sc-quiz", QuizPanel).border_title = t("sc.quiz.title")
        self.query_one("#sc-prompt", Static).update(literal(self._quiz_prompt()))

    def _quiz_cards(self) -> list[ScoreCard]:
        cards = []
        rows = {r.entrant.id: r.card for r in self.standings.rows} if self.standings else {}
        for team in self.quiz_teams():
            card = self.card if team.id == self.entrant.id else rows.get(team.id)
            if card is not None:
                cards.append(card)
        return cards

    def _quiz_prompt(self) -> str:
        step = self.quiz.step
        team = t("sc.quiz.team", number=self.entrant.number, name=self.entrant.name)
        if step == "team":
            return t("sc.quiz.prompt_team")
        if step == "kind":
            return team + " · " + t("sc.quiz.prompt_kind")
        rules = self.card.event.quiz
        if step == "stake":
            stakes = "/".join(str(s) for s in rules.stakes)
            return team + " · " + t("sc.quiz.prompt_stake", stakes=stakes)
        return team + " · " + t("sc.quiz.prompt_right", stake=self.quiz.stake)

    def quiz_token(self, token: str) -> bool:
        """One step of logging an answer; False (with the refusal shown) stops the line."""
        token = unicodedata.normalize("NFKC", token).strip().lower()
        step = self.quiz.step
        if step == "team":
            return self._quiz_team(token)
        if step == "kind":
            if token not in QUIZ_KEYS:
                self.status(t("sc.quiz.bad_key", key=token), "error")
                return False
            kind, right = QUIZ_KEYS[token]
            if kind == RISK:
                self.quiz = QuizEntry(step="stake")
                return True
            return self._quiz_record(kind, right, None)
        if step == "stake":
            stakes = self.card.event.quiz.stakes
            if not token.isdigit() or int(token) not in stakes:
                stakes_text = "/".join(str(s) for s in stakes)
                self.status(
                    refusal_text(refuse("contest.bad_stake", stake=token, stakes=stakes_text)),
                    "error",
                )
                return False
            self.quiz = QuizEntry(step="right", stake=int(token))
            return True
        if token not in RIGHT_WORDS:
            self.status(t("sc.quiz.bad_right", key=token), "error")
            return False
        return self._quiz_record(RISK, RIGHT_WORDS[token], self.quiz.stake)

    def _quiz_team(self, token: str) -> bool:
        teams = self.quiz_teams()
        found = next((i for i, e in enumerate(self.entrants) if str(e.number) == token), None)
        if found is None or self.entrants[found] not in teams:
            self.status(refusal_text(refuse("contest.no_such_entrant", ref=token)), "error")
            return False
        if found != self.index:
            self.go_to(found, announce=False)
            if self.index != found:  # the move failed (its reason is on screen)
                return False
        self.quiz = QuizEntry(step="kind")
        return True

    def _quiz_record(self, kind: str, right: bool, stake: int | None) -> bool:
        entrant = self.entrant
        try:
            answer = scores.record_answer(
                self.app.db,
                self.contest.number,
                entrant.number,
                kind,
                right,
                stake=stake,
                operator=self.app.operator,
                station=self.app.station,
            )
            self.card = scores.score_card(self.app.db, self.contest.number, entrant.number)
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            self.quiz = QuizEntry(step="kind")
            return False
        except Exception as error:  # a locked database must not end the quiz
            self.status(error_line(error), "error")
            self.quiz = QuizEntry(step="kind")
            return False
        self._writes += 1
        self.quiz = QuizEntry()
        words = t("sc.calc.right") if answer.right else t("sc.calc.wrong")
        self.status(
            t(
                "sc.quiz.saved",
                question=answer.question,
                team=entrant.name,
                kind=t(f"contest.question.{answer.kind}"),
                right=words,
                points=signed(answer.points),
                total=quiz_points(self.card),
            ),
            "ok",
        )
        self.request_standings()
        return True

    # ------------------------------------------------------------------ standings

    def request_standings(self) -> None:
        """One standings query at a time; marks typed meanwhile cost one more afterwards."""
        self._stale = True
        if not self._loading and self.contest is not None:
            self._loading = True
            self._stale = False
            self.load_standings(self._writes)

    def _standings_done(self) -> None:
        self._loading = False
        if self._stale:
            self.request_standings()

    @desk_work(group="standings")
    def load_standings(self, writes: int) -> None:
        from models.contest_publish import publication

        try:
            table = scores.standings(self.app.db, self.contest.number)
            published = publication(self.app.db, self.contest.number)
        except Exception as error:  # keep scoring even if a refresh fails
            deliver(self, self.status, error_line(error), "error")
        else:
            deliver(self, self.apply_publication, published)
            deliver(self, self.apply_standings, table, writes)
        deliver(self, self._standings_done)

    # ------------------------------------------------------------------ published means final

    def apply_publication(self, published) -> None:
        """The board says when the standings were published; F7 follows (publish ↔ reopen)."""
        if not self.is_attached or published == self.publication:
            return
        self.publication = published
        board = self.query_one(Leaderboards)
        if published.published:
            at = published.at.replace("T", " ")[:16]
            board.border_title = t("sc.board.published", at=at)
        else:
            board.border_title = t("sc.board.title")
        board.set_class(published.published, "-published")
        self.refresh_bindings()

    def action_publish(self) -> None:
        from tui.confirm import ConfirmDialog

        if self.contest is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._publish()

        question = t("sc.publish.question", title=self.contest.title)
        self.app.push_screen(ConfirmDialog(t("sc.publish.title"), question), answered)

    def _publish(self) -> None:
        from models.contest_publish import publish_contest

        try:
            published = publish_contest(
                self.app.db,
                self.contest.number,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            return
        except Exception as error:  # keep the desk alive if the database hiccups
            self.status(error_line(error), "error")
            return
        self.apply_publication(published)
        self.status(t("sc.publish.done", count=len(published.standings)), "ok")

    def action_reopen(self) -> None:
        from tui.reason_prompt import ReasonPrompt

        if self.contest is None:
            return

        def given(reason: str | None) -> None:
            if reason:
                self._reopen(reason)

        prompt = ReasonPrompt(
            t("sc.reopen.title", title=self.contest.title),
            t("sc.reopen.prompt"),
            t("common.reason_required"),
        )
        self.app.push_screen(prompt, given)

    def _reopen(self, reason: str) -> None:
        from models.contest_publish import reopen_contest

        try:
            published = reopen_contest(
                self.app.db,
                self.contest.number,
                reason=reason,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self.status(screen_refusal_text(refusal), "error")
            return
        except Exception as error:
            self.status(error_line(error), "error")
            return
        self.apply_publication(published)
        self.status(t("sc.reopen.done", reason=reason), "ok")

    def apply_standings(self, table: Standings, writes: int) -> None:
        if not self.is_attached:  # the clerk left the screen while the query ran
            return
        if table.version == self._version and writes == self._writes:
            return  # nothing changed anywhere since the last refresh
        self._version = table.version
        self.standings = table
        self._adopt_entrants(table)
        current = self.entrant
        if current is not None and writes == self._writes:
            row = table.row_of(current.id)
            if row is not None and row.card != self.card:  # another desk changed this card
                self.card = row.card
        with self.app.batch_update():
            self.query_one(Leaderboards).apply(table, current)
            self.show_card()

    def _adopt_entrants(self, table: Standings) -> None:
        """Entrants added meanwhile (F5 here, or at another desk) join the running order."""
        known = {e.id for e in self.entrants}
        new = [r.entrant for r in table.rows if r.entrant.id not in known]
        if not new:
            return
        current = self.entrant
        self.entrants = sorted([*self.entrants, *new], key=lambda e: e.number)
        if current is None:
            self.go_to(0, announce=False)
        else:
            self.index = next(i for i, e in enumerate(self.entrants) if e.id == current.id)

    # ------------------------------------------------------------------ actions

    def action_next_entrant(self) -> None:
        if self.index + 1 >= len(self.entrants):
            self.status(t("sc.last_entrant"), "error")
            return
        self.go_to(self.index + 1)

    def action_previous_entrant(self) -> None:
        if self.index == 0:
            self.status(t("sc.first_entrant"), "error")
            return
        self.go_to(self.index - 1)

    def action_jump(self) -> None:
        def jumped(text: str | None) -> None:
            if not text:
                return
            found = self._find(text)
            if found is None:
                self.status(refusal_text(refuse("contest.no_such_entrant", ref=text)), "error")
                return
            self.go_to(found)

        self.app.push_screen(JumpPrompt(), jumped)

    def _find(self, text: str) -> int | None:
        clean = unicodedata.normalize("NFKC", text).strip()
        for i, entrant in enumerate(self.entrants):
            if str(entrant.number) == clean:
                return i
        named = [i for i, e in enumerate(self.entrants) if e.name == clean]
        return named[0] if len(named) == 1 else None

    def action_calculation(self) -> None:
        from screens.score_calc import ScoreCalc

        row = self.standings.row_of(self.entrant.id) if self.standings else None
        self.app.push_screen(ScoreCalc(self.card, self.contest, row))

    def action_correct(self) -> None:
        from screens.mark_correction import AnswerCorrection, Corrected, MarkCorrection

        if self.is_quiz:
            dialog = AnswerCorrection(self.contest, self.card)
        else:
            dialog = MarkCorrection(self.contest, self.card, self.stage_index)

        def corrected(done: Corrected | None) -> None:
            if done is None:
                return
            self._writes += 1
            self.card = done.card
            self.status(done.summary, "ok")
            self.show_card()
            self.request_standings()

        self.app.push_screen(dialog, corrected)

    def action_add_entrant(self) -> None:
        from screens.new_entrant import NewEntrantDialog

        if self.contest is None:
            return

        def added(number: int | None) -> None:
            if number is None:
                return
            self.entrants = contests.entrants_of(self.app.db, self.contest.number)
            self.status(t("sc.entrant_added", number=number), "ok")
            if self.card is None:
                self.go_to(0)
            else:
                self.index = next(
                    i for i, e in enumerate(self.entrants) if e.id == self.card.entrant.id
                )
                self.show_card()
            self.request_standings()

        self.app.push_screen(NewEntrantDialog(self.contest.number), added)

    def action_next_stage(self) -> None:
        self._switch_stage(1)

    def action_previous_stage(self) -> None:
        self._switch_stage(-1)

    def _switch_stage(self, step: int) -> None:
        if self.card is None or len(self.card.stages) < 2:
            return
        self.stage_index = (self.stage_index + step) % len(self.card.stages)
        self.show_card()

    # ------------------------------------------------------------------ F10: marks from a file

    def action_import_file(self) -> None:
        """As ``huiwu scores import`` without --correct: a file that would change a stored mark
        is refused whole (F4 corrects a mark with a reason), the same mark again is skipped."""
        from tui.file_picker import pick_table_file

        if self.contest is None:
            return
        title = t("files.title.scores", title=self.contest.title)
        pick_table_file(self.app, title, self._import_picked)

    def _import_picked(self, path) -> None:
        self.status(t("files.importing", file=path.name))
        self.import_score_file(path, self.entrant.number if self.entrant else None)

    @desk_work(group="sc-import", exclusive=True)
    def import_score_file(self, path, current: int | None) -> None:
        from models.score_import import import_scores

        db, number = self.app.db, self.contest.number
        try:
            report = import_scores(
                db, number, path, operator=self.app.operator, station=self.app.station
            )
            entrants = contests.entrants_of(db, number)
            card = scores.score_card(db, number, current) if current is not None else None
        except Refusal as refusal:
            deliver(self, self.status, t("files.failed") + screen_refusal_text(refusal), "error")
            return
        text = t(
            "clic.scores_imported", title=report.title, added=report.added,
            corrected=report.corrected, unchanged=report.unchanged, rows=report.rows,
        )  # fmt: skip
        if report.new_entrants:
            names = "、".join(e.label for e in report.new_entrants)
            text += t("clic.new_entrants", count=len(report.new_entrants), names=names)
        deliver(self, self._scores_imported, entrants, card, text)

    def _scores_imported(self, entrants: list[EntrantInfo], card, text: str) -> None:
        self._writes += 1  # a standings snapshot read before the import is not adopted
        current = self.entrant
        self.entrants = entrants
        if current is None and entrants:
            self.go_to(0, announce=False)
        elif current is not None:
            self.index = next(i for i, e in enumerate(entrants) if e.id == current.id)
            self.card = card
            self.show_card()
        self.status(text, "ok")
        self.request_standings()

    def action_back(self) -> None:
        if self.is_quiz and self.quiz.step != "team":
            self.quiz = QuizEntry()  # Esc first abandons a half-logged answer
            self.status(t("sc.quiz.reset"))
            self.show_card()
            return
        self.app.pop_screen()
