"""The dialogs of one lifecycle step of a proposal (RULES §5): 立案, 转为意见建议, 合并 (the
target by number), 交办 (承办部门 and a due date), 答复 (the reply), 评价 (满意 / 基本满意 / 不满意),
and the confirmation that 不予立案 and 撤销决定 go through after their reason (ReasonPrompt).

Each dialog calls the service itself, so a refusal is shown in it, in words, and nothing is
changed; success dismisses with the proposal's new :class:`ProposalDetail` (None when cancelled).
The yes/no question and the numbered choice strip they use live in the widget kit
(tui/confirm.py, tui/choice_strip.py).
"""

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from models import proposals
from models.clock import now
from models.errors import Refusal
from models.proposals import ProposalDetail
from models.rules.proposals import RATINGS, UNSATISFIED
from tui.choice_strip import ChoiceStrip
from tui.confirm import ConfirmDialog
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import error_line, screen_refusal_text


def subject_line(detail: ProposalDetail) -> Text:
    """「三届二次-003 · 关于改善职工食堂就餐环境的提案 · 已提交」."""
    row = detail.row
    text = Text()
    text.append(row.label, style="bold")
    text.append(f" · {row.title} · ")
    text.append(t(f"proposal.status.{row.status}"), style="italic")
    return text


class StepDialog(Localized, ModalScreen[ProposalDetail | None]):
    """Shared frame: a heading with the step and the proposal, the step's fields, a red error
    line with the bell, Ctrl+S (or Enter on the last field) confirms, Esc cancels.

    Subclasses set ``action``, compose :meth:`fields` and implement :meth:`perform` (call the
    service, return the new detail). ``decisive`` steps ask once more before they are taken."""

    action = ""
    decisive = False
    BINDINGS = [
        Binding("ctrl+s", "confirm", "key.confirm", id="pp-step-ok", tooltip="tip.pp_step_ok"),
        Binding("escape", "cancel", "key.cancel", id="cancel"),
    ]

    def __init__(self, detail: ProposalDetail) -> None:
        super().__init__(classes="modal")
        self.detail = detail

    @property
    def words(self) -> str:
        return t(f"proposal.action.{self.action}")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog pp-dialog", id=f"pp-step-{self.action}"):
            yield Static(t("pp.step.heading", action=self.words), classes="dialog-title")
            yield Static(subject_line(self.detail), classes="pp-subject")
            yield from self.fields()
            yield Static("", classes="dialog-error", id="pp-step-error")
            yield Static(self.hint(), classes="dialog-hint")

    def fields(self) -> ComposeResult:
        return
        yield

    def hint(self) -> str:
        return t("pp.step.hint")

    def row(self, label: str, widget: Widget) -> ComposeResult:
        with Horizontal(classes="pp-field"):
            yield Label(label, classes="pp-field-label")
            yield widget

    def perform(self) -> ProposalDetail:
        raise NotImplementedError

    def question(self) -> str:
        return t("pp.step.confirm", action=self.words, label=self.detail.row.label)

    def error(self, text: str) -> None:
        self.query_one("#pp-step-error", Static).update(literal(text))
        self.app.bell()

    def action_confirm(self) -> None:
        if not self.decisive:
            self.run()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run()

        self.app.push_screen(
            ConfirmDialog(t("pp.step.heading", action=self.words), self.question(), letters=True),
            answered,
        )

    def run(self) -> None:
        """Call the service; a refusal stays in the dialog (nothing was changed)."""
        try:
            detail = self.perform()
        except Refusal as refusal:
            if not self.overrule(refusal):
                self.error(screen_refusal_text(refusal))
            return
        except Exception as error:  # a locked database must not end the desk
            self.error(error_line(error))
            return
        self.dismiss(detail)

    def overrule(self, refusal: Refusal) -> bool:
        """A step whose refusal the clerk may overrule asks here and returns True."""
        return False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it confirms."""
        event.stop()
        inputs = list(self.query(Input))
        if inputs and event.input is inputs[-1]:
            self.action_confirm()
        else:
            self.focus_next()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @property
    def ref(self) -> int:
        return self.detail.row.number

    def who(self) -> dict:
        return {"operator": self.app.operator, "station": self.app.station}

    def note(self) -> str:
        found = self.query("#pp-note")
        return found.first(Input).value.strip() if found else ""


class NoteStep(StepDialog):
    """立案 and 转为意见建议: one optional remark (for 转为意见建议 it is the decision note)."""

    def fields(self) -> ComposeResult:
        yield from self.row(
            t("pp.step.note"), Input(placeholder=t("pp.step.note_hint"), id="pp-note")
        )

    def on_mount(self) -> None:
        self.query_one("#pp-note", Input).focus()


class AcceptStep(NoteStep):
    action = "accept"

    def perform(self) -> ProposalDetail:
        return proposals.accept_proposal(self.app.db, self.ref, note=self.note(), **self.who())


class SuggestStep(NoteStep):
    action = "suggest"

    def perform(self) -> ProposalDetail:
        return proposals.suggest_proposal(self.app.db, self.ref, note=self.note(), **self.who())


class ConfirmStep(StepDialog):
    """The decisive steps taken after their reason was asked for (不予立案, 撤销决定): shows the
    reason and asks for Enter; the service may still refuse, and says why here."""

    BINDINGS = [Binding("enter", "confirm", "key.confirm", id="pp-step-enter", show=False)]

    def __init__(self, detail: ProposalDetail, action: str, reason: str, perform: Callable) -> None:
        super().__init__(detail)
        self.action = action
        self.reason = reason
        self._perform = perform

    def fields(self) -> ComposeResult:
        yield Static(literal(t("pp.step.reason_shown", reason=self.reason or "—")), id="pp-reason")
        yield Static(literal(self.question()), classes="pp-question")

    def hint(self) -> str:
        return t("pp.step.confirm_hint")

    def perform(self) -> ProposalDetail:
        return self._perform(self.reason)


class MergeStep(StepDialog):
    """并案: the number of the proposal this one is handled with; its title shows as it is typed."""

    action = "merge"
    decisive = True

    def fields(self) -> ComposeResult:
        target = Input(placeholder=t("pp.step.target_hint"), id="pp-target")
        yield from self.row(t("pp.step.target"), target)
        yield Static("", id="pp-target-title", classes="pp-preview")
        yield from self.row(
            t("pp.step.note"), Input(placeholder=t("pp.step.note_hint"), id="pp-note")
        )

    def on_mount(self) -> None:
        self.query_one("#pp-target", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "pp-target":
            return
        preview = self.query_one("#pp-target-title", Static)
        text = event.value.strip()
        if not text:
            preview.update("")
            return
        try:
            target = proposals.get_proposal(self.app.db, text)
        except Refusal as refusal:
            preview.update(Text(screen_refusal_text(refusal), style="dim"))
            return
        except Exception as error:
            preview.update(Text(error_line(error), style="dim"))
            return
        preview.update(subject_line(target))

    def target(self) -> str:
        return self.query_one("#pp-target", Input).value.strip()

    def question(self) -> str:
        return t("pp.step.merge_confirm", label=self.detail.row.label, target=self.target())

    def action_confirm(self) -> None:
        if not self.target():
            self.error(t("pp.step.target_missing"))
            return
        super().action_confirm()

    def perform(self) -> ProposalDetail:
        return proposals.merge_proposal(
            self.app.db, self.ref, self.target(), note=self.note(), **self.who()
        )


class AssignStep(StepDialog):
    """交办: the department (the ones used so far are offered as completions) and the due date."""

    action = "assign"

    def __init__(self, detail: ProposalDetail, known: Sequence[str]) -> None:
        super().__init__(detail)
        self.known = list(known)

    def fields(self) -> ComposeResult:
        department = Input(
            self.detail.row.department,
            placeholder=t("pp.step.department_hint"),
            suggester=SuggestFromList(self.known, case_sensitive=False) if self.known else None,
            id="pp-department",
        )
        yield from self.row(t("pp.step.department"), department)
        if self.known:
            known = t("pp.step.known", departments="、".join(self.known))
            yield Static(literal(known), classes="pp-preview")
        due = Input(self.detail.row.due_date or "", placeholder=t("pp.step.due_hint"), id="pp-due")
        yield from self.row(t("pp.step.due"), due)

    def on_mount(self) -> None:
        self.query_one("#pp-department", Input).focus()
        self.past_ok = ""  # the past due date the clerk confirmed

    def perform(self) -> ProposalDetail:
        due = self.query_one("#pp-due", Input).value
        return proposals.assign_proposal(
            self.app.db,
            self.ref,
            department=self.query_one("#pp-department", Input).value,
            due=due,
            not_before=None if self.past_ok and self.past_ok == due else now().date(),
            **self.who(),
        )

    def overrule(self, refusal: Refusal) -> bool:
        """A due date before today is asked about, not just refused: 补录 of an earlier
        assignment is real, a slip of the year is likelier."""
        if refusal.key != "proposal.due_in_past":
            return False
        due = self.query_one("#pp-due", Input).value

        def answered(yes: bool | None) -> None:
            if yes:
                self.past_ok = due
                self.run()
            else:
                self.query_one("#pp-due", Input).focus()

        question = subject_line(self.detail)  # which proposal, as the dialog under it says
        question.append("\n" + screen_refusal_text(refusal) + "\n" + t("pp.step.past_due_ask"))
        self.app.push_screen(
            ConfirmDialog(t("pp.step.heading", action=self.words), question, letters=True), answered
        )
        return True


class AnswerStep(StepDialog):
    """答复: the department's reply as the proposer will read it (Enter is a new line here)."""

    action = "answer"

    def fields(self) -> ComposeResult:
        department = self.detail.row.department or "—"
        yield Static(literal(t("pp.step.answer_for", department=department)), classes="pp-preview")
        if self.detail.reply:  # a later round: the new reply is written afresh, the old one read
            earlier = t("pp.step.earlier_reply", round=self.detail.row.round - 1)
            yield Static(literal(earlier), classes="pp-preview")
            yield Static(literal(self.detail.reply), id="pp-earlier-reply", classes="pp-preview")
        yield TextArea("", id="pp-reply", classes="pp-text", compact=True)

    def hint(self) -> str:
        return t("pp.step.answer_hint")

    def on_mount(self) -> None:
        self.query_one("#pp-reply", TextArea).focus()

    def perform(self) -> ProposalDetail:
        reply = self.query_one("#pp-reply", TextArea).text
        return proposals.answer_proposal(self.app.db, self.ref, reply=reply, **self.who())


class RateStep(StepDialog):
    """评价: the proposer's rating of the answer; 不满意 sends it back to be handled again."""

    action = "rate"

    def fields(self) -> ComposeResult:
        choices = [(rating, t(f"proposal.rating.{rating}")) for rating in RATINGS]
        yield from self.row(t("pp.step.rating"), ChoiceStrip(choices, id="pp-rating"))
        yield Static("", id="pp-rating-effect", classes="pp-preview")
        yield from self.row(
            t("pp.step.note"), Input(placeholder=t("pp.step.note_hint"), id="pp-note")
        )

    def hint(self) -> str:
        return t("pp.step.rate_hint")

    def on_mount(self) -> None:
        self.query_one("#pp-rating", ChoiceStrip).focus()

    def on_choice_strip_changed(self, event: ChoiceStrip.Changed) -> None:
        effect = self.query_one("#pp-rating-effect", Static)
        if event.value == UNSATISFIED:
            effect.update(t("pp.step.rate_again", round=self.detail.row.round + 1))
        elif event.value:
            effect.update(t("pp.step.rate_closes"))

    def on_key(self, event: events.Key) -> None:
        # Enter on the rating itself confirms, as a digit and Enter is all it takes
        if event.key == "enter" and isinstance(self.focused, ChoiceStrip):
            event.stop()
            self.action_confirm()

    def perform(self) -> ProposalDetail:
        rating = self.query_one("#pp-rating", ChoiceStrip).value or ""
        return proposals.rate_proposal(
            self.app.db, self.ref, rating, note=self.note(), **self.who()
        )
