"""Correcting a judge's mark, or withdrawing it, always with a reason; the service keeps the old
value in the audit log. A quiz answer is corrected the same way (对 / 错 / 作废).

Both dialogs dismiss with a :class:`Corrected` (the entrant's new card and one line saying what
changed), or None when cancelled.
"""

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from models import scores
from models.contests import ContestInfo
from models.errors import Refusal, refuse
from models.rules.scoring import plain
from models.scores import ScoreCard
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.score_text import judge_label
from tui.score_widgets import is_single
from tui.texts import error_line, screen_refusal_text


@dataclass(frozen=True)
class Corrected:
    card: ScoreCard
    summary: str  # 「5号评委 94.5 → 91.5（原因：听错）」


def marks_summary(contest: ContestInfo, card: ScoreCard, stage_index: int) -> str:
    """「1号评委 90 · 2号评委 92 · 3号评委 —」: what the judges have now."""
    stage_card = card.stages[stage_index]
    if is_single(stage_card):
        value = stage_card.marks[0]
        return t("sc.result_label") + " " + ("—" if value is None else plain(value))
    parts = []
    for index, mark in enumerate(stage_card.marks):
        parts.append(f"{judge_label(contest, index + 1)} {'—' if mark is None else plain(mark)}")
    return " · ".join(parts)


def last_marked(card: ScoreCard, stage_index: int) -> int | None:
    """The highest judge with a mark: usually the one just called out wrongly."""
    marks = card.stages[stage_index].marks
    judges = [i + 1 for i, m in enumerate(marks) if m is not None]
    return judges[-1] if judges else None


class CorrectionDialog(Localized, ModalScreen[Corrected | None]):
    """Shared frame: fields, a red error line with the bell, Ctrl+S saves, Esc cancels."""

    DEFAULT_CSS = """
    .fix-row { height: auto; margin-top: 1; }
    .fix-row Label { width: 12; padding: 1 1 0 0; }
    .fix-row Input { width: 1fr; }
    .fix-row Select { width: 1fr; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "key.sc_fix_save", id="fix-save", tooltip="tip.sc_fix_save"),
        Binding("escape", "cancel", "key.cancel", id="cancel"),
    ]

    def __init__(self, contest: ContestInfo, card: ScoreCard) -> None:
        super().__init__(classes="modal")
        self.contest = contest
        self.card = card

    def row(self, label: str, widget) -> ComposeResult:
        with Horizontal(classes="fix-row"):
            yield Label(label)
            yield widget

    def error(self, text: str) -> None:
        self.query_one("#fix-error", Static).update(literal(text))
        self.app.bell()

    def value_of(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def reason(self) -> str:
        reason = self.value_of("#fix-reason")
        if not reason:
            raise refuse("contest.correction_needs_reason")
        return reason

    def run(self, change) -> None:
        """Call the service; a refusal stays on screen, success dismisses with what changed."""
        try:
            done = change()
        except Refusal as refusal:
            self.error(screen_refusal_text(refusal))
            return
        except Exception as error:
            self.error(error_line(error))
            return
        self.dismiss(done)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the reason it saves."""
        event.stop()
        if event.input.id == "fix-reason":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        raise NotImplementedError


class MarkCorrection(CorrectionDialog):
    """A judge's mark changed (or withdrawn) for the current entrant and stage."""

    BINDINGS = [
        Binding("f8", "withdraw", "key.sc_fix_withdraw", id="fix-withdraw", tooltip="tip.sc_fix_withdraw"),
    ]  # fmt: skip

    def __init__(self, contest: ContestInfo, card: ScoreCard, stage_index: int) -> None:
        super().__init__(contest, card)
        self.stage_index = stage_index
        self.stage_card = card.stages[stage_index]
        self.single = is_single(self.stage_card)

    def compose(self) -> ComposeResult:
        entrant = self.card.entrant
        stage = self.stage_card.stage
        with Vertical(classes="dialog", id="fix-dialog"):
            title = t("sc.fix.title", number=entrant.number, name=entrant.name)
            if stage.name:
                title += f" · {stage.name}"
            yield Static(literal(title), classes="dialog-title")
            summary = marks_summary(self.contest, self.card, self.stage_index)
            yield Static(literal(summary), id="fix-marks")
            if not self.single:
                judge = last_marked(self.card, self.stage_index)
                field = Input(str(judge or ""), placeholder="1", id="fix-judge")
                yield from self.row(t("sc.fix.judge"), field)
            if stage.criteria:
                options = [
                    (literal(f"{c.name}（{plain(c.maximum)}）"), c.name) for c in stage.criteria
                ]
                select = Select(
                    options, value=stage.criteria[0].name, allow_blank=False, id="fix-criterion"
                )
                yield from self.row(t("sc.fix.criterion"), select)
            yield from self.row(t("sc.fix.value"), Input(id="fix-value"))
            yield from self.row(
                t("sc.fix.reason"), Input(placeholder=t("reason.placeholder"), id="fix-reason")
            )
            yield Static("", classes="dialog-error", id="fix-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("sc.fix.save"), variant="primary", id="fix-ok")
                yield Button(t("sc.fix.withdraw"), variant="warning", id="fix-withdraw-button")
                yield Button(t("key.cancel"), id="fix-cancel")
            yield Static(t("sc.fix.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        first = "#fix-value" if self.single else "#fix-judge"
        self.query_one(first, Input).focus()
        if not self.single and self.value_of("#fix-judge"):
            self.query_one("#fix-value", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "fix-ok":
            self.action_save()
        elif event.button.id == "fix-withdraw-button":
            self.action_withdraw()
        else:
            self.dismiss(None)

    def judge(self) -> str:
        return "0" if self.single else self.value_of("#fix-judge")

    def criterion(self) -> str:
        if not self.stage_card.stage.criteria:
            return ""
        return str(self.query_one("#fix-criterion", Select).value)

    def who(self, judge: int) -> str:
        stage = self.stage_card.stage
        who = t("sc.result_label") if self.single else judge_label(self.contest, judge)
        criterion = self.criterion()
        return (
            f"{who} · {criterion}"
            if criterion
            else (f"{stage.name} · {who}" if stage.name else who)
        )

    def current(self, judge: int) -> str:
        """The mark on screen for that judge (and criterion) before the change."""
        index = 0 if self.single else judge - 1
        if not 0 <= index < len(self.stage_card.marks):
            return "—"
        if self.stage_card.stage.criteria:
            value = self.stage_card.criteria[index].get(self.criterion())
        else:
            value = self.stage_card.marks[index]
        return "—" if value is None else plain(value)

    def action_save(self) -> None:
        def change() -> Corrected:
            reason = self.reason()
            value = self.value_of("#fix-value")
            if not value:
                raise refuse("sc.fix.value_required")
            outcome = scores.record_mark(
                self.app.db,
                self.contest.number,
                self.card.entrant.number,
                self.judge(),
                value,
                stage=self.stage_card.stage.name,
                criterion=self.criterion(),
                correct=True,
                reason=reason,
                operator=self.app.operator,
                station=self.app.station,
            )
            old = "—" if outcome.previous is None else plain(outcome.previous)
            summary = t(
                "sc.fix.done",
                who=self.who(outcome.judge),
                old=old,
                new=plain(outcome.value),
                reason=reason,
            )
            return Corrected(outcome.card, summary)

        self.run(change)

    def action_withdraw(self) -> None:
        def change() -> Corrected:
            reason = self.reason()
            card = scores.withdraw_mark(
                self.app.db,
                self.contest.number,
                self.card.entrant.number,
                self.judge(),
                stage=self.stage_card.stage.name,
                criterion=self.criterion(),
                reason=reason,
                operator=self.app.operator,
                station=self.app.station,
            )
            judge = int(self.judge())
            summary = t(
                "sc.fix.withdrawn", who=self.who(judge), old=self.current(judge), reason=reason
            )
            return Corrected(card, summary)

        self.run(change)


ANSWER_CHOICES = ("right", "wrong", "void")


class AnswerCorrection(CorrectionDialog):
    """A logged quiz answer of the current team set to 对 / 错, or voided, with a reason; the
    buzzer's F4 opens it on the foul to undo (``question``, ``choice="void"``)."""

    def __init__(self, contest, card, *, question: int | None = None, choice: str = "right"):
        super().__init__(contest, card)
        self.question, self.choice = question, choice

    def compose(self) -> ComposeResult:
        entrant = self.card.entrant
        answers = [a for s in self.card.stages for a in s.answers]
        last = self.question or (answers[-1].question if answers else "")
        with Vertical(classes="dialog", id="fix-dialog"):
            title = t("sc.fix.answer_title", number=entrant.number, name=entrant.name)
            yield Static(literal(title), classes="dialog-title")
            yield Static(self.answers_line(answers), id="fix-marks")
            yield from self.row(t("sc.fix.question"), Input(str(last), id="fix-judge"))
            options = [(t(f"sc.fix.answer.{c}"), c) for c in ANSWER_CHOICES]
            select = Select(options, value=self.choice, allow_blank=False, id="fix-answer")
            yield from self.row(t("sc.fix.answer"), select)
            yield from self.row(
                t("sc.fix.reason"), Input(placeholder=t("reason.placeholder"), id="fix-reason")
            )
            yield Static("", classes="dialog-error", id="fix-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("sc.fix.save"), variant="primary", id="fix-ok")
                yield Button(t("key.cancel"), id="fix-cancel")
            yield Static(t("sc.fix.answer_hint"), classes="dialog-hint")

    @staticmethod
    def answers_line(answers) -> str:
        if not answers:
            return t("sc.fix.no_answers")
        parts = []
        for answer in answers:
            words = t("sc.calc.right") if answer.right else t("sc.calc.wrong")
            if answer.void:
                words = t("sc.fix.answer.void")
            parts.append(t("sc.fix.answer_item", question=answer.question, words=words))
        return " · ".join(parts)

    def on_mount(self) -> None:
        self.query_one("#fix-judge", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "fix-ok":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        def change() -> Corrected:
            reason = self.reason()
            text = self.value_of("#fix-judge")
            if not text.isdigit():
                raise refuse("contest.bad_question", question=text or "—")
            choice = self.query_one("#fix-answer", Select).value
            scores.correct_answer(
                self.app.db,
                self.contest.number,
                self.card.entrant.number,
                int(text),
                right=None if choice == "void" else choice == "right",
                void=choice == "void",
                reason=reason,
                operator=self.app.operator,
                station=self.app.station,
            )
            card = scores.score_card(self.app.db, self.contest.number, self.card.entrant.number)
            words = t(f"sc.fix.answer.{choice}")
            summary = t("sc.fix.answer_done", question=int(text), words=words, reason=reason)
            return Corrected(card, summary)

        self.run(change)
