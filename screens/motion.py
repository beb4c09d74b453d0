"""A motion (表决事项): the count entered with live sum checks, and the result, big and clear.

F2 switches 举手表决 / 无记名投票 (an important item stays on secret ballot, and says why); F3
switches the first and the blind second entry (the second clerk never sees the first clerk's
numbers: the fields start empty and the result stays hidden until the second count is saved); F4
takes a show of hands delegation by delegation; Enter in any field saves; F9 writes the PDF and
xlsx result sheets.

A secret ballot can also be keyed ballot by ballot (F5, tui/motion_ballots.py): one keystroke per
ballot, saved in order by a worker, with the running tally; F6 records the ballots issued (发出)
first, Ctrl+Z takes back the last ballot with a reason, F7 closes the count once every returned
ballot is keyed (计票完毕; only the clerk knows, fewer back than issued is lawful) or reopens it
with a reason. Until the count is complete the result reads 计票中 and is not final.

The screen's parts live beside it: screens/motion_keying.py (ballot by ballot, 计票完毕),
screens/motion_outcome.py (the result), screens/delegation_hands.py (F4), screens/motion_text.py
(its words).
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, Header, Input, Label, Static

from models.attendance import attendance
from models.errors import Refusal
from models.motions import MotionOutcome, motion_outcome, record_count
from models.rules.attendance import Attendance
from models.rules.motion import HANDS, SECRET, MotionCount, count_problems, method_problems
from models.voting import ItemInfo
from screens.delegation_hands import DelegationHands, present_by_delegation
from screens.motion_keying import MotionKeying
from screens.motion_outcome import MotionOutcomeView
from screens.motion_text import ORDER, field_name
from tui.entry_bars import entry_bar, method_bar, number_in
from tui.exports import ExportsResult
from tui.i18n import refusal_text, t
from tui.keys import Localized
from tui.literal import literal
from tui.motion_ballots import MotionBallots
from tui.refresh import CoalescedRefresh
from tui.texts import error_line, quorum_line, screen_refusal_text
from tui.widgets import DeskFooter
from tui.workers import deliver, desk_work


class MotionScreen(MotionKeying, MotionOutcomeView, ExportsResult, Localized, Screen):
    EXPORT_LINE = "#m-export"
    BINDINGS = [
        Binding("f2", "toggle_method", "vui.key.method", id="method", tooltip="vui.tip.method"),
        Binding("f3", "toggle_entry", "vui.key.entry", id="entry", tooltip="vui.tip.entry"),
        Binding("f4", "delegations", "vui.key.delegations", id="delegations", tooltip="vui.tip.delegations"),
        Binding("f5", "ballots", "vui.key.ballots", id="ballots", tooltip="vui.tip.ballots"),
        Binding("f6", "issue", "vui.key.issue", id="issue", tooltip="vui.tip.issue"),
        Binding("ctrl+z", "undo_ballot", "vui.key.undo", id="undo", tooltip="vui.tip.undo", show=False),
        Binding("f7", "close_count", "vui.key.close", id="close", tooltip="vui.tip.close"),
        Binding("f7", "reopen_count", "vui.key.reopen", id="reopen", tooltip="vui.tip.reopen"),
        Binding("f8", "differences", "settle.key", id="differences", tooltip="settle.tip"),
        Binding("f9", "export", "vui.key.export", id="export", tooltip="vui.tip.export"),
        Binding("escape", "back", "vui.key.back", id="back", tooltip="vui.tip.back"),
        Binding("f12", "paper", "paper.key.open", id="paper", tooltip="paper.tip.open"),
    ]  # fmt: skip

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.item: ItemInfo | None = None
        self.outcome: MotionOutcome | None = None
        self.present: int | None = None  # the roll's present, or the current attendance's
        self.figures: Attendance | None = None  # the current attendance, before the roll
        self.frozen = False
        self.method = HANDS
        self.entry = 1
        self.delegations = 0  # delegations present, when the count goes by delegation
        self._filled = False
        self.keying = False  # secret ballots keyed one by one (F5) instead of totals
        self._prefill_next = False
        self._refresh = CoalescedRefresh(self.refresh_outcome)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="m-body"):
            yield Static(t("vui.loading"), id="m-title", classes="vote-title")
            yield Static("", id="m-settings", classes="vote-line")
            yield Static("", id="m-roll", classes="vote-line")
            with Horizontal(id="m-modes"):
                yield Static("", id="m-method")
                yield Static("", id="m-entry")
            yield Static("", id="m-note", classes="vote-note")
            with Horizontal(id="m-fields"):
                for key in ORDER[SECRET]:
                    with Vertical(id=f"box-{key}", classes="count-box"):
                        yield Label(field_name(key), classes="count-label")
                        yield Input(placeholder="0", type="integer", id=f"f-{key}")
            yield MotionBallots(self.number, id="m-ballots")
            yield Static("", id="m-sums", classes="vote-line")
            yield Static("", id="m-problems", classes="vote-problems")
            yield Static(t("vui.motion.hint"), id="m-message", classes="vote-line")
            with Horizontal(id="m-result"):
                yield Static("", id="m-verdict", classes="verdict -none")
                with Vertical(id="m-yesbox"):
                    yield Label(t("vui.yes_votes"), classes="count-label")
                    yield Digits("", id="m-yes")
            yield Static("", id="m-explain", classes="vote-explain")
            yield Static("", id="m-status", classes="vote-status")
            yield Static("", id="m-export", classes="vote-line")
        yield DeskFooter()

    def on_mount(self) -> None:
        self._show_fields()
        self.load()

    # ------------------------------------------------------------------ loading

    @desk_work(group="motion", exclusive=True)
    def load(self) -> None:
        db = self.app.db
        try:
            outcome = motion_outcome(db, self.number)
            figures = None if outcome.item.roll else attendance(db).figures
            if outcome.by_delegation:
                self.delegations = len(present_by_delegation(db, outcome.item))
        except Refusal as refusal:
            deliver(self, self._say, screen_refusal_text(refusal), True)
            return
        except Exception as error:  # keep the desk alive if the database hiccups
            deliver(self, self._say, error_line(error), True)
            return
        deliver(self, self._apply, outcome, figures)

    def _apply(self, outcome: MotionOutcome, figures: Attendance | None = None) -> None:
        first_load = self.item is None
        self.outcome = outcome
        self.item = item = outcome.item
        self.frozen = item.roll is not None
        if figures is not None:
            self.figures = figures
        self.present = item.roll.present if item.roll else getattr(self.figures, "present", None)
        if first_load:
            self.method = item.method or (SECRET if item.important else HANDS)
            self.keying = self.method == SECRET and outcome.ballots_keyed > 0
            if self.keying:
                self.query_one("#m-message", Static).update(t("vui.mb.on"))
        if item.method and self.entry == 2:
            self.method = item.method
            self.keying = self.keying and self.method == SECRET
        ballots = self.query_one(MotionBallots)
        ballots.set_issued(item.issued)
        ballots.set_closed(item.counted)
        title = Text()
        title.append(t("vui.item_number", number=item.number), style="bold")
        title.append(" " + item.title, style="bold")
        if item.important:
            title.append("  " + t("vui.important") + " ", style="bold reverse red")
        if item.counted:
            title.append("  " + t("vui.closed_tag") + " ", style="bold reverse green")
        self.query_one("#m-title", Static).update(title)
        settings = t(
            "vui.motion.settings",
            comparator=t(f"comparator.{item.settings['comparator']}"),
            base=t(f"base.{item.settings['base']}"),
        )
        if item.double_entry:
            settings += " · " + t("vui.double_entry")
        self._settings_text = settings
        self._show_roll()
        if item.important:
            self.query_one("#m-note", Static).update(t("vui.important_note"))
        if first_load or not self._filled or self._prefill_next:
            self._prefill_next = False
            self._prefill()
        if outcome.by_delegation and self.entry == 1:
            message = self.query_one("#m-message", Static)
            message.update(t("vui.by_delegation_note"))
            message.remove_class("-ok", "-error")
        self._show_fields(refocus=first_load)
        self._show_outcome()
        self.refresh_bindings()  # F7 follows the lock

    def _show_roll(self) -> None:
        item = self.item
        if item.roll is not None:
            text = t("vui.roll.frozen", due=item.roll.due, present=item.roll.present)
        elif self.figures is not None:
            text = t("vui.roll.open", present=self.present) + "  " + quorum_line(self.figures)
        else:
            text = ""
        line = self.query_one("#m-roll", Static)
        line.update(text)
        line.set_class(
            item.roll is None and not getattr(self.figures, "quorum_met", True), "-error"
        )

    def _prefill(self) -> None:
        """The first entry's saved count goes back into the fields; the second entry never."""
        if self.entry != 1 or self.outcome is None or self.outcome.count is None:
            return
        count = self.outcome.count
        for key in ORDER[SECRET]:
            value = getattr(count, key)
            self.query_one(f"#f-{key}", Input).value = "" if value is None else str(value)
        self._filled = True

    def _clear_fields(self) -> None:
        for key in ORDER[SECRET]:
            self.query_one(f"#f-{key}", Input).value = ""
        self._filled = False

    # ------------------------------------------------------------------ entry and live checks

    def _show_fields(self, *, refocus: bool = False) -> None:
        keying = self.keying and self.method == SECRET
        shown = () if keying else ORDER[self.method]
        for key in ORDER[SECRET]:
            self.query_one(f"#box-{key}").display = key in shown
        self.query_one("#m-fields").display = not keying
        self.query_one("#m-method", Static).update(method_bar(self.method))
        self.query_one("#m-entry", Static).update(entry_bar(self.entry))
        ballots = self.query_one(MotionBallots)
        ballots.display = keying
        ballots.set_entry(self.entry)
        ballots.border_title = t("vui.mb.title", entry=t(f"vui.entry.{self.entry}"))
        ballots.border_subtitle = t("vui.mb.subtitle")
        self.query_one("#m-sums").display = not keying
        self.query_one("#m-problems").display = not keying
        self.refresh_bindings()
        if keying:
            if refocus or not ballots.has_focus:
                ballots.focus()
            return
        focused = self.focused
        if refocus or not isinstance(focused, Input) or focused.id.removeprefix("f-") not in shown:
            self.query_one(f"#f-{shown[0]}", Input).focus()
        self._check()

    def typed_count(self) -> MotionCount | None:
        """The count in the fields (blank = 0), or None when nothing is typed yet."""
        keys = ORDER[self.method]
        values = {key: number_in(self.query_one(f"#f-{key}", Input).value) for key in keys}
        if all(v is None for v in values.values()):
            return None
        numbers = {key: values.get(key) or 0 for key in keys}
        return MotionCount(**numbers)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("f-"):
            self._check()

    def _check(self) -> list[str]:
        """Sums and what does not add up, under the same rules the service applies."""
        sums = self.query_one("#m-sums", Static)
        problems_line = self.query_one("#m-problems", Static)
        count = self.typed_count()
        if count is None:
            sums.update("")
            problems_line.update("")
            return []
        present = "—" if self.present is None else self.present
        if self.method == HANDS:
            sums.update(t("vui.sums.hands", valid=count.valid, present=present))
        else:
            sums.update(
                t(
                    "vui.sums.secret",
                    valid=count.valid,
                    counted=count.valid + (count.invalid or 0),
                    returned=count.returned,
                    issued=count.issued,
                    present=present,
                )
            )
        problems = []
        if self.present is not None:
            problems = [
                refusal_text(p)
                for p in count_problems(count, method=self.method, present=self.present)
            ]
        problems_line.update(literal("\n".join(f"✖ {p}" for p in problems)))
        return problems

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def save(self) -> None:
        if self.item is None:
            return
        count = self.typed_count()
        if count is None:
            self._say(t("vui.nothing_typed"), True)
            return
        try:
            outcome = record_count(
                self.app.db,
                self.number,
                count,
                method=self.method,
                entry=self.entry,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self._say(t("vui.not_saved", reason=screen_refusal_text(refusal)), True)
            return
        except Exception as error:
            self._say(t("vui.not_saved", reason=error_line(error)), True)
            return
        self._filled = True
        self._say(t("vui.saved", entry=t(f"vui.entry.{self.entry}")))
        self._apply(outcome)
        self.query_one(MotionBallots).reload()  # a total replaces the entry's keyed ballots

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#m-message", Static)
        message.update(literal(text))
        message.set_class(error, "-error")
        message.set_class(not error, "-ok")
        if error:
            self.app.bell()

    # ------------------------------------------------------------------ actions

    def action_toggle_method(self) -> None:
        if self.item is None:
            return
        wanted = SECRET if self.method == HANDS else HANDS
        problems = method_problems(wanted, self.item.important)
        note = self.query_one("#m-note", Static)
        if problems:
            note.update(literal("✖ " + refusal_text(problems[0])))
            note.add_class("-error")
            self.app.bell()
            return
        if self.entry == 2 and self.item.method and self.item.method != wanted:
            note.update("✖ " + t("motion.method_differs", method=t(f"method.{self.item.method}")))
            note.add_class("-error")
            self.app.bell()
            return
        note.remove_class("-error")
        note.update(t("vui.important_note") if self.item.important else "")
        self.method = wanted
        self.keying = self.keying and wanted == SECRET
        self._show_fields(refocus=True)

    def action_toggle_entry(self) -> None:
        if self.item is None:
            return
        self.entry = 2 if self.entry == 1 else 1
        self._clear_fields()
        if self.entry == 1:
            self._prefill()
        elif self.item.method:
            self.method = self.item.method
            self.keying = self.keying and self.method == SECRET
        self._say(t("vui.entry.switched", entry=t(f"vui.entry.{self.entry}")))
        self._show_fields(refocus=True)
        self._show_outcome()

    def action_delegations(self) -> None:
        if self.item is None:
            return
        if self.method != HANDS:
            self._say(t("motion.delegation_needs_hands"), True)
            return
        prefill = {}
        if self.entry == 1 and self.outcome is not None:
            prefill = self.outcome.by_delegation

        def closed(changed: bool) -> None:
            if changed and self.entry == 1:
                self._filled = False  # the fields take the delegations' sum
            self.load()

        self.app.push_screen(DelegationHands(self.item, self.entry, prefill), closed)

    def action_paper(self) -> None:
        from screens.paper_scan import PaperScanScreen

        self.app.push_screen(
            PaperScanScreen([str(self.number)], motion=True), lambda _done: self.load()
        )

    def action_back(self) -> None:
        self.query_one(MotionBallots).when_saved(self.app.pop_screen)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """F7 is 计票完毕 while ballots are keyed one by one, 重新打开 once the count is closed or
        the result is final (then every save is refused until it is reopened)."""
        counted = self.item is not None and self.item.counted
        if action == "close_count":
            return self.keying and self.method == SECRET and not counted and not self._locked()
        if action == "reopen_count":
            return counted or self._locked()
        return True
