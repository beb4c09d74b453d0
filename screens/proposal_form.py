"""The proposal counter (提案登记): one delegate after another hands in a form, the clerk types
it in at counter speed, keyboard only.

Title, category (a digit picks it), the proposers and seconders — their badges are scanned into
the field (the keyboard-wedge scanner types the QR text and Enter), or F3 / F4 finds them by
name, code or 拼音 — a delegation for a delegation's proposal, then 案由 and 建议. Each scan is
checked on the spot (a forged or foreign badge, a non-voting person, somebody twice adds nobody
and says why under the field); the seconders count shows against the congress's minimum. While
the title and 案由 are typed, earlier proposals that read alike show at the side (found in a
worker, one query at a time) so a duplicate is caught at the counter; Enter on one opens it.

Ctrl+S / F2 submits through ``submit_proposal``: a refusal shows at the foot and the form keeps
everything; success shows the new number big and clears the form for the next delegate.
"""

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Header, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from models.errors import Refusal
from models.proposals import (
    Draft,
    PersonRef,
    ProposalDetail,
    SimilarProposal,
    check_person,
    delegation_names,
    identify_person,
    proposal_settings,
    similar_proposals,
    submit_proposal,
)
from models.rules.proposals import proposer_kind
from screens.people_input import PeopleInput, chips, person_words
from screens.proposal_texts import similar_option
from tui.choice_strip import ChoiceStrip
from tui.confirm import ConfirmDialog
from tui.i18n import t
from tui.keys import Localized
from tui.literal import literal
from tui.texts import error_line, screen_refusal_text
from tui.widgets import DeskFooter
from tui.workers import deliver, desk_work

PROPOSER = "proposer"
SECONDER = "seconder"
ROLES = (PROPOSER, SECONDER)
LABELS = ("title", "category", "proposer", "delegation", "seconder", "reason", "suggestion")


class ProposalForm(Localized, Screen):
    AUTO_FOCUS = "#pf-title"
    BADGE_HINT = "desk.scan_proposal_hint"  # a badge scanned outside the people fields
    BINDINGS = [
        Binding("ctrl+s,f2", "submit", "key.pp_submit", id="pp-submit", tooltip="tip.pp_submit"),
        Binding("f3", "search('proposer')", "key.pp_find_proposer", id="pp-find-proposer", tooltip="tip.pp_find_proposer"),
        Binding("f4", "search('seconder')", "key.pp_find_seconder", id="pp-find-seconder", tooltip="tip.pp_find_seconder"),
        Binding("f5", "similar", "key.pp_similar", id="pp-similar", tooltip="tip.pp_similar"),
        Binding("escape", "back", "key.sc_back", id="pp-form-back", tooltip="tip.pp_form_back"),
    ]  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.people: dict[str, list[PersonRef]] = {PROPOSER: [], SECONDER: []}
        self.similar: list[SimilarProposal] = []
        self.min_seconders = 0
        self._similar_busy = False
        self._similar_stale = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        settings = proposal_settings(self.app.db)
        self.min_seconders = settings.min_seconders
        categories = [(name, name) for name in settings.categories]
        delegations = [(literal(name), name) for name in delegation_names(self.app.db)]
        yield Header()
        with Horizontal(id="pf-body"):
            with Vertical(id="pf-form"):
                yield from self.row(
                    "title", Input(placeholder=t("pp.form.title_hint"), id="pf-title", compact=True)
                )
                yield from self.row("category", ChoiceStrip(categories, id="pf-category"))
                scan = PeopleInput(
                    placeholder=t("pp.form.proposer_hint"), id="pf-proposer", compact=True
                )
                yield from self.row("proposer", scan)
                yield Static("", id="pf-proposer-list", classes="pf-people")
                yield Static("", id="pf-proposer-msg", classes="pf-msg")
                delegation = Select(
                    delegations, prompt=t("pp.form.no_delegation"), compact=True, id="pf-delegation"
                )
                yield from self.row("delegation", delegation)
                scan = PeopleInput(
                    placeholder=t("pp.form.seconder_hint"), id="pf-seconder", compact=True
                )
                yield from self.row("seconder", scan)
                yield Static("", id="pf-seconder-list", classes="pf-people")
                yield Static("", id="pf-seconder-msg", classes="pf-msg")
                reason = TextArea(
                    id="pf-reason",
                    classes="pp-text",
                    compact=True,
                    placeholder=t("pp.form.reason_hint"),
                )
                yield from self.row("reason", reason, classes="pf-text-row")
                suggestion = TextArea(
                    id="pf-suggestion",
                    classes="pp-text",
                    compact=True,
                    placeholder=t("pp.form.suggestion_hint"),
                )
                yield from self.row("suggestion", suggestion, classes="pf-text-row")
            with Vertical(id="pf-side"):
                yield Static(t("pp.similar.none"), id="pf-similar-hint")
                yield OptionList(id="pf-similar")
        yield Static("", id="pf-message")
        with Horizontal(id="pf-done"):
            yield Digits("", id="pf-done-number")
            yield Static("", id="pf-done-text")
        yield DeskFooter()

    def row(self, key: str, widget, classes: str = "pf-row") -> ComposeResult:
        with Horizontal(classes=classes):
            yield Label(t(f"pp.form.{key}"), classes="pf-label")
            yield widget

    def on_mount(self) -> None:
        self.query_one("#pf-form").border_title = t("pp.form.heading")
        self.query_one("#pf-side").border_title = t("pp.similar.title")
        # the label column is as wide as its longest label in the language shown
        width = max(cell_len(t(f"pp.form.{key}")) for key in LABELS) + 1
        for label in self.query(".pf-label"):
            label.styles.width = width
        for static in self.query(".pf-people, .pf-msg"):
            static.styles.padding = (0, 0, 0, width)
        self.query_one("#pf-done").display = False
        self.query_one("#pf-message").display = False
        for role in ROLES:
            self.query_one(f"#pf-{role}-msg").display = False
        self.show_people()

    # ------------------------------------------------------------------ people

    def role_of(self, field) -> str:
        return PROPOSER if field.id == "pf-proposer" else SECONDER

    def on_people_input_entered(self, message: PeopleInput.Entered) -> None:
        message.stop()
        role = self.role_of(message.field)
        if message.text.strip():
            self.add_person(role, message.text)
            return
        # Enter on a blank field: proposers → seconders → 案由, past the delegation choice
        # (Enter would open it; Tab still reaches it)
        self.query_one("#pf-seconder" if role == PROPOSER else "#pf-reason").focus()

    def on_people_input_remove_last(self, message: PeopleInput.RemoveLast) -> None:
        message.stop()
        role = self.role_of(message.field)
        if self.people[role]:
            person = self.people[role].pop()
            self.field_message(role, t("pp.form.removed", person=person_words(person)), "ok")
            self.show_people()

    def add_person(self, role: str, text: str) -> None:
        """Identify a scanned badge (or a typed code) and add the person to ``role``'s list; a
        refusal is shown under the field and nobody is added."""
        try:
            person = identify_person(self.app.db, text)
            check_person(person, role, self.people[PROPOSER], self.people[SECONDER])
        except Refusal as refusal:
            self.field_message(role, screen_refusal_text(refusal), "error")
            return
        except Exception as error:  # a locked database must not end the counter
            self.field_message(role, error_line(error), "error")
            return
        self.people[role].append(person)
        self.field_message(role, t("pp.form.added", person=person_words(person)), "ok")
        self.show_people()

    def field_message(self, role: str, text: str, state: str) -> None:
        line = self.query_one(f"#pf-{role}-msg", Static)
        line.update(literal(text))
        line.display = bool(text)
        line.set_class(state == "error", "-error")
        line.set_class(state == "ok", "-ok")
        if state == "error":
            self.app.bell()

    def delegation(self) -> str | None:
        value = self.query_one("#pf-delegation", Select).value
        return None if value is Select.NULL else str(value)

    def show_people(self) -> None:
        proposers, seconders = self.people[PROPOSER], self.people[SECONDER]
        kind = proposer_kind(len(proposers), self.delegation() is not None)
        line = Text()
        if proposers:
            line.append_text(chips(proposers))
            line.append("  ")
        line.append(t(f"proposal.kind.{kind}"), style="dim")
        self.query_one("#pf-proposer-list", Static).update(line)
        count, minimum = len(seconders), self.min_seconders
        enough = count >= minimum
        line = Text()
        line.append(
            t("pp.form.seconders_count", count=count, min=minimum) + (" ✔" if enough else ""),
            style="bold green" if enough else "bold yellow",
        )
        if seconders:
            line.append("  ")
            line.append_text(chips(seconders))
        self.query_one("#pf-seconder-list", Static).update(line)

    def on_choice_strip_picked(self, event: ChoiceStrip.Picked) -> None:
        # the form is handed over with the badges: the next scan must name the proposer
        if event.strip.id == "pf-category":
            self.query_one("#pf-proposer", PeopleInput).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "pf-delegation":
            self.show_people()

    def action_search(self, role: str) -> None:
        from screens.person_search import PersonSearch

        def picked(row) -> None:
            self.query_one(f"#pf-{role}", PeopleInput).focus()
            if row is not None:
                self.add_person(role, row.code)

        self.app.push_screen(PersonSearch(t(f"pp.form.search_{role}")), picked)

    # ------------------------------------------------------------------ similar proposals

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "pf-title":
            self.request_similar()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "pf-reason":
            self.request_similar()

    def request_similar(self) -> None:
        """One search at a time; typing meanwhile costs one more search when it ends, so a
        burst of keys is never a burst of queries."""
        self._similar_stale = True
        if not self._similar_busy:
            self._similar_busy = True
            self._similar_stale = False
            title = self.query_one("#pf-title", Input).value
            reason = self.query_one("#pf-reason", TextArea).text
            self.find_similar(title, reason)

    @desk_work(group="pf-similar")
    def find_similar(self, title: str, text: str) -> None:
        try:
            found = (
                similar_proposals(self.app.db, title, text) if title.strip() or text.strip() else []
            )
        except Exception:  # a hint only: a failed search must not disturb the counter
            found = None
        deliver(self, self._similar_done, found)

    def _similar_done(self, found: list[SimilarProposal] | None) -> None:
        self._similar_busy = False
        if not self.is_attached:
            return
        if found is not None:
            self.show_similar(found)
        if self._similar_stale:
            self.request_similar()

    def show_similar(self, found: list[SimilarProposal]) -> None:
        if [f.number for f in found] == [f.number for f in self.similar]:
            return
        self.similar = found
        options = self.query_one("#pf-similar", OptionList)
        options.clear_options()
        options.add_options([Option(similar_option(f)) for f in found])
        hint = self.query_one("#pf-similar-hint", Static)
        hint.update(t("pp.similar.found", count=len(found)) if found else t("pp.similar.none"))
        hint.set_class(bool(found), "-found")

    def action_similar(self) -> None:
        options = self.query_one("#pf-similar", OptionList)
        if not self.similar:
            self.app.bell()
            return
        options.focus()
        if options.highlighted is None:
            options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        from screens.proposal_detail import ProposalDetailScreen

        self.app.push_screen(ProposalDetailScreen(self.similar[event.option_index].number))

    # ------------------------------------------------------------------ submitting

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def draft(self) -> Draft:
        return Draft(
            title=self.query_one("#pf-title", Input).value,
            category=self.query_one("#pf-category", ChoiceStrip).value or "",
            proposers=tuple(p.code for p in self.people[PROPOSER]),
            seconders=tuple(p.code for p in self.people[SECONDER]),
            delegation=self.delegation(),
            reason=self.query_one("#pf-reason", TextArea).text,
            suggestion=self.query_one("#pf-suggestion", TextArea).text,
        )

    def action_submit(self) -> None:
        try:
            detail = submit_proposal(
                self.app.db, self.draft(), operator=self.app.operator, station=self.app.station
            )
        except Refusal as refusal:
            self.foot(screen_refusal_text(refusal), error=True)
            return
        except Exception as error:
            self.foot(error_line(error), error=True)
            return
        self.show_done(detail)
        self.clear_form()

    def foot(self, text: str, error: bool = False) -> None:
        line = self.query_one("#pf-message", Static)
        line.update(literal(text))
        line.display = bool(text)
        line.set_class(error, "-error")
        if error:
            self.query_one("#pf-done").display = False
            self.app.bell()

    def show_done(self, detail: ProposalDetail) -> None:
        row = detail.row
        self.query_one("#pf-done-number", Digits).update(f"{row.number:03d}")
        text = Text()
        text.append(t("pp.form.done", label=row.label) + "\n", style="bold")
        text.append(row.title + "\n")
        text.append(t("pp.form.next_delegate"), style="dim")
        self.query_one("#pf-done-text", Static).update(text)
        self.query_one("#pf-done").display = True
        self.foot("")

    def clear_form(self) -> None:
        self.query_one("#pf-title", Input).value = ""
        self.query_one("#pf-category", ChoiceStrip).choose(None)
        self.query_one("#pf-delegation", Select).clear()
        for area in self.query(TextArea):
            area.text = ""
        for role in ROLES:
            self.people[role] = []
            self.query_one(f"#pf-{role}", PeopleInput).value = ""
            self.field_message(role, "", "")
        self.show_people()
        self.show_similar([])
        self.query_one("#pf-title", Input).focus()

    def is_filled(self) -> bool:
        draft = self.draft()
        texts = (draft.title, draft.reason, draft.suggestion, draft.category)
        return any(s.strip() for s in texts) or bool(draft.proposers or draft.seconders)

    def on_key(self, event: events.Key) -> None:
        # Enter on the category strip moves on, as it does on every other field
        if event.key == "enter" and isinstance(self.focused, ChoiceStrip):
            event.stop()
            self.focus_next()

    def action_back(self) -> None:
        if isinstance(self.focused, OptionList):  # Esc in the similar list returns to the form
            self.query_one("#pf-title", Input).focus()
            return
        if not self.is_filled():
            self.app.pop_screen()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmDialog(t("pp.form.discard_title"), t("pp.form.discard"), letters=True), answered
        )
