"""One proposal: every field, its people with their delegations, what it was merged into (or
what was merged into it), the decision, the department and due date (red when overdue), the
reply and the rating, and its history step by step (时间 · 步骤 · 状态 · 内容 · 经办).

Only the steps the proposal's status allows next have keys, and only those show in the footer:
F2 立案, F3 转为意见建议, F4 不予立案, F5 合并, F6 撤销决定, F7 交办, F8 答复, F9 评价. Each asks
in a dialog (screens/proposal_step.py) that calls the service and shows a refusal in words;
不予立案 and 撤销决定 first ask for the reason (ReasonPrompt), and they and 合并 confirm.
"""

from datetime import datetime

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from models import proposals
from models.errors import Refusal
from models.proposals import HistoryEntry, PersonRef, ProposalDetail
from models.rules.proposals import DELEGATION
from screens.proposal_texts import clip, status_text
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import error_line, screen_refusal_text
from tui.widgets import DeskFooter

HISTORY_TEXT_CELLS = 80  # a long reply is shown whole above; the history gives its opening


def when(iso: str | None) -> str:
    """「2026-05-06 09:14」 from a stored timestamp."""
    if not iso:
        return ""
    return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")


def people_words(people: tuple[PersonRef, ...]) -> str:
    """「张三（第一代表团）、李四（第二代表团）」."""
    return "、".join(
        t("pp.person", name=p.name, delegation=p.delegation or t("delegation.none")) for p in people
    )


def history_content(entry: HistoryEntry) -> Text:
    """What the step set (the department and due date, the reply, the rating, the target) and
    the desk's own words."""
    text = Text()
    detail = entry.detail
    if entry.action == "rate" and detail:
        detail = t(f"proposal.rating.{detail}")
    elif entry.action == "merge" and detail:
        detail = t("pp.history.into", label=detail)
    elif entry.action == "edit" and detail:
        detail = t(
            "pp.history.edited", fields="、".join(t(f"pp.field.{f}") for f in detail.split(","))
        )
    elif entry.action == "answer":
        detail = clip(" ".join(detail.split()), HISTORY_TEXT_CELLS)
    if detail:
        text.append(detail)
    if entry.note:
        if detail:
            text.append("\n")
        text.append(t("pp.history.note", note=entry.note), style="italic")
    return text


def handled_by(entry: HistoryEntry) -> str:
    """经办: the operator set for the desk (--operator), else the desk. A desk with no operator
    records its own name, and the CLI records "cli": neither names a person."""
    if entry.operator and entry.operator not in ("cli", entry.station):
        return entry.operator
    return entry.station or entry.operator


def history_table(history: tuple[HistoryEntry, ...]) -> Table:
    table = Table(expand=True, box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column(t("pp.history.col.at"), no_wrap=True)
    table.add_column(t("pp.history.col.action"), no_wrap=True)
    table.add_column(t("pp.history.col.status"), no_wrap=True)
    # fold: Chinese has no spaces to wrap at, and a cut reply would lose its end
    table.add_column(t("pp.history.col.content"), ratio=1, overflow="fold")
    table.add_column(t("pp.history.col.who"), no_wrap=True, max_width=24)
    for entry in history:
        change = Text()
        if entry.from_status and entry.from_status != entry.to_status:
            change.append(t(f"proposal.status.{entry.from_status}") + " → ", style="dim")
        change.append(t(f"proposal.status.{entry.to_status}"))
        who = handled_by(entry)
        table.add_row(
            when(entry.at),
            t(f"proposal.action.{entry.action}"),
            change,
            history_content(entry),
            literal(who),
        )
    return table


def fields_table(detail: ProposalDetail) -> Table:
    row = detail.row
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")  # Chinese has no spaces to wrap at

    def add(key: str, value: str | Text) -> None:
        if value:
            grid.add_row(t(f"pp.field.{key}"), literal(value))

    add("label", Text(row.label, style="bold"))
    add("title", Text(row.title, style="bold"))
    status = status_text(row.status, row.overdue)
    if row.round > 1:
        status.append("  " + t("pp.detail.round", round=row.round), style="bold magenta")
    add("status", status)
    add("category", row.category)
    kind = t(f"proposal.kind.{row.proposer_kind}")
    if row.proposer_kind == DELEGATION and row.delegation:
        kind += f" · {row.delegation}"
    add("kind", kind)
    add("proposers", people_words(detail.proposers))
    seconders = people_words(detail.seconders)
    if seconders:
        seconders += "  " + t("pp.detail.count", count=len(detail.seconders))
    add("seconders", seconders)
    add("merged_into", detail.merged_into)
    add("merged", "、".join(detail.merged))
    add("submitted_at", when(row.submitted_at))
    add("reason", detail.reason)
    add("suggestion", detail.suggestion)
    add("decision_note", detail.decision_note)
    add("department", row.department)
    if row.due_date:
        due = Text(row.due_date)
        if row.overdue:
            due = Text(t("pp.detail.overdue", due=row.due_date), style="bold red")
        add("due", due)
    if detail.reply:
        reply = Text(detail.reply)
        if detail.answered_at:
            reply.append(
                "\n" + t("pp.detail.answered_at", at=when(detail.answered_at)), style="dim"
            )
        add("reply", reply)
    if row.rating:
        add("rating", t(f"proposal.rating.{row.rating}"))
    return grid


class ProposalDetailScreen(Localized, Screen):
    AUTO_FOCUS = "#pd-body"
    BINDINGS = [
        Binding("f2", "step('accept')", "key.pp_accept", id="pp-accept", tooltip="tip.pp_accept"),
        Binding("f3", "step('suggest')", "key.pp_suggest", id="pp-suggest", tooltip="tip.pp_suggest"),
        Binding("f4", "step('reject')", "key.pp_reject", id="pp-reject", tooltip="tip.pp_reject"),
        Binding("f5", "step('merge')", "key.pp_merge", id="pp-merge", tooltip="tip.pp_merge"),
        Binding("f6", "step('reopen')", "key.pp_reopen", id="pp-reopen", tooltip="tip.pp_reopen"),
        Binding("f7", "step('assign')", "key.pp_assign", id="pp-assign", tooltip="tip.pp_assign"),
        Binding("f8", "step('answer')", "key.pp_answer", id="pp-answer", tooltip="tip.pp_answer"),
        Binding("f9", "step('rate')", "key.pp_rate", id="pp-rate", tooltip="tip.pp_rate"),
        Binding("escape", "back", "key.sc_back", id="pp-detail-back", tooltip="tip.sc_back"),
    ]  # fmt: skip

    def __init__(self, ref: int | str) -> None:
        super().__init__()
        self.ref = ref
        self.detail: ProposalDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="pd-body"):
            yield Static("", id="pd-fields")
            yield Static("", id="pd-history")
        yield Static("", id="pd-message")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one("#pd-message").display = False
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        try:
            detail = proposals.get_proposal(self.app.db, self.ref)
        except Refusal as refusal:
            self.say(screen_refusal_text(refusal), "error")
            return
        except Exception as error:
            self.say(error_line(error), "error")
            return
        self.show(detail)

    def show(self, detail: ProposalDetail) -> None:
        self.detail = detail
        self.ref = detail.row.number
        body = self.query_one("#pd-body", VerticalScroll)
        body.border_title = literal(t("pp.detail.title", label=detail.row.label))
        self.query_one("#pd-fields", Static).update(fields_table(detail))
        heading = Text(t("pp.history.title"), style="bold")
        self.query_one("#pd-history", Static).update(Group(heading, history_table(detail.history)))
        self.refresh_bindings()

    def say(self, text: str, state: str = "") -> None:
        line = self.query_one("#pd-message", Static)
        line.update(literal(text))
        line.display = bool(text)
        line.set_class(state == "error", "-error")
        line.set_class(state == "ok", "-ok")
        if state == "error":
            self.app.bell()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Only the steps the status allows have keys (and show in the footer)."""
        if action == "step":
            return self.detail is not None and parameters[0] in self.detail.next_actions
        return True

    # ------------------------------------------------------------------ steps

    def action_step(self, action: str) -> None:
        from screens import proposal_step as steps

        detail = self.detail
        if detail is None or action not in detail.next_actions:
            return
        if action in ("reject", "reopen"):
            self.ask_reason(action)
            return
        if action == "assign":
            try:
                known = proposals.departments(self.app.db)
            except Exception:  # the offer is a convenience; the dialog works without it
                known = []
            dialog = steps.AssignStep(detail, known)
        else:
            dialog = {
                "accept": steps.AcceptStep,
                "suggest": steps.SuggestStep,
                "merge": steps.MergeStep,
                "answer": steps.AnswerStep,
                "rate": steps.RateStep,
            }[action](detail)
        self.app.push_screen(dialog, lambda done: self.stepped(action, done))

    def ask_reason(self, action: str) -> None:
        """不予立案 and 撤销决定: the reason first, then the confirmation that takes the step."""
        from screens.proposal_step import ConfirmStep
        from tui.reason_prompt import ReasonPrompt

        detail = self.detail
        words = t(f"proposal.action.{action}")
        service = proposals.reject_proposal if action == "reject" else proposals.reopen_proposal

        def perform(reason: str) -> ProposalDetail:
            return service(
                self.app.db,
                detail.row.number,
                reason=reason,
                operator=self.app.operator,
                station=self.app.station,
            )

        def reason_given(reason: str | None) -> None:
            if reason is None:
                return
            dialog = ConfirmStep(detail, action, reason, perform)
            self.app.push_screen(dialog, lambda done: self.stepped(action, done))

        prompt = ReasonPrompt(
            t("pp.step.heading", action=words),
            t(f"pp.reason.{action}", label=detail.row.label, title=detail.row.title),
            t("proposal.needs_reason", action=words),
        )
        self.app.push_screen(prompt, reason_given)

    def stepped(self, action: str, done: ProposalDetail | None) -> None:
        if done is None:
            return
        self.show(done)
        status = t(f"proposal.status.{done.row.status}")
        self.say(t("pp.detail.done", action=t(f"proposal.action.{action}"), status=status), "ok")

    def action_back(self) -> None:
        self.app.pop_screen()
