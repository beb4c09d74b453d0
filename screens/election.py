"""An election (选举): ballots keyed one by one at speed, the live tally and the result.

The clerk keys each paper ballot into the ballot row (tui/ballot_widgets.py: ``1``/``o`` ○,
``2``/``x`` ×, ``0``/``-``/``.``/space blank, ``?`` unreadable, Tab/``w`` write-ins, Enter saves).
Saving never holds the keyboard: finished ballots go into a queue that one thread worker drains in
order (so ballot numbers follow the paper stack), and the tally is refreshed by a coalesced worker
like the check-in screen's. F2 switches to the blind second entry, which shows nothing of the first
entry's count. F3 records the ballots issued, F4/Ctrl+Z takes back the last ballot with a reason,
F5 shows the result, F6 creates the runoff / 另行选举 round, F7 closes the count (计票完毕: every
returned ballot is keyed; fewer back than issued is lawful, so only the clerk knows) or reopens it
with a reason, F8 lists where the two entries differ and re-keys one ballot of either entry
(screens/differences.py), F9 exports the result sheet. While the count is closed the first entry is locked:
a keystroke there is refused at once instead of being queued for the database to refuse.

The screen's parts live beside it: screens/election_keying.py (saving, undo, 计票完毕),
screens/election_figures.py (the tally), screens/election_file.py (F10), screens/election_text.py
(its words).
"""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from models.counting_staff import staff_away
from models.elections import (
    BallotReceipt,
    ElectionOutcome,
    election_outcome,
    entry_progress,
    follow_up,
    takes_write_ins,
)
from models.errors import Refusal
from models.rules.election import SHORTFALL_REDUCE
from models.voting import ItemInfo
from screens.election_figures import ElectionFigures
from screens.election_file import ElectionFile
from screens.election_keying import ElectionKeying
from screens.election_text import (
    POLL_SECONDS,
    ballot_settings,
    last_ballot,
    load_election,
    result_text,
)
from tui.ballot_widgets import BallotRow
from tui.confirm import ConfirmDialog
from tui.exports import write_result_sheets
from tui.folded import Folded
from tui.i18n import t
from tui.keys import Localized
from tui.refresh import CoalescedRefresh
from tui.save_queue import SaveQueue
from tui.texts import error_line, screen_refusal_text
from tui.widgets import DeskFooter
from tui.workers import deliver, desk_work


class ElectionScreen(ElectionKeying, ElectionFigures, ElectionFile, Localized, Screen):
    AUTO_FOCUS = "#ballot"
    BINDINGS = [
        Binding("f2", "toggle_entry", "el.key.entry", id="el-entry", tooltip="el.tip.entry"),
        Binding("f3", "issue", "el.key.issue", id="el-issue", tooltip="el.tip.issue"),
        Binding("f4,ctrl+z", "undo", "el.key.undo", id="el-undo", tooltip="el.tip.undo"),
        Binding("f5", "result", "el.key.result", id="el-result", tooltip="el.tip.result"),
        Binding("f6", "follow_up", "el.key.follow", id="el-follow", tooltip="el.tip.follow"),
        Binding("f7", "close_count", "el.key.close", id="el-close", tooltip="el.tip.close"),
        Binding("f7", "reopen_count", "el.key.reopen", id="el-reopen", tooltip="el.tip.reopen"),
        Binding("f8", "differences", "settle.key", id="el-differences", tooltip="settle.tip"),
        Binding("f9", "export", "el.key.export", id="el-export", tooltip="el.tip.export"),
        Binding(
            "f10", "import_file", "files.key.import", id="el-import", tooltip="files.tip.ballots"
        ),
        Binding("escape", "back", "el.key.back", id="el-back", tooltip="el.tip.back"),
        Binding("f12", "paper", "paper.key.open", id="el-paper", tooltip="paper.tip.open"),
    ]

    class Saved(Message):
        def __init__(self, entry: int, receipt: BallotReceipt) -> None:
            super().__init__()
            self.entry = entry
            self.receipt = receipt

    class Undone(Message):
        def __init__(self, entry: int, number: int, reason: str, last: int) -> None:
            super().__init__()
            self.entry = entry
            self.number = number
            self.reason = reason
            self.last = last

    class Failed(Message):
        def __init__(self, op: tuple, text: str) -> None:
            super().__init__()
            self.op = op
            self.text = text

    class Drained(Message):
        pass

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.item: ItemInfo | None = None
        self._with_unreadable = False
        self._status = ""
        self.outcome: ElectionOutcome | None = None
        self.entry = 1
        self.show_result = False
        self._locked: bool | None = None  # what the ballot row and the footer show
        self._final: str | None = None  # the locked result in a word (通过 …), while final
        # ("ballot", entry, Ballot) | ("undo", entry, number, reason)
        self._queue = SaveQueue(self.save_ballots)
        self._queued = {1: 0, 2: 0}  # ballots keyed and not yet answered, per entry
        self._last = {1: 0, 2: 0}  # highest stored ballot number, per entry
        self._refresh = CoalescedRefresh(lambda: self.refresh_figures(self.entry))
        self._entry2_count = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="el-top"):
            with Vertical(id="el-info"):
                yield Folded("", id="el-heading")
                yield Folded("", id="el-facts")
                yield Folded("", names=True, id="el-cands")
                yield Folded("", names=True, id="el-staff")
            yield Static("", id="el-entry")
        yield BallotRow(id="ballot")
        yield Folded(t("el.keys_hint"), id="el-hint")
        yield Folded("", id="el-message")
        yield Folded("", id="el-counts")
        yield DataTable(id="el-tally", cursor_type="none", zebra_stripes=True)
        with Vertical(id="el-blind"):
            yield Folded("", id="el-entry2")
            yield Folded(t("el.entry2_blind"), id="el-entry2-note")
        with VerticalScroll(id="el-result"):
            yield Folded("", names=True, id="el-result-text")
        yield DeskFooter()

    def on_mount(self) -> None:
        table = self.query_one("#el-tally", DataTable)
        table.can_focus = False
        table.border_title = t("el.tally")
        self.query_one("#el-result", VerticalScroll).can_focus = False
        try:
            self.item = load_election(self.app.db, self.number)
            for entry in (1, 2):
                last = last_ballot(self.app.db, self.number, entry)
                self._last[entry] = last.number if last else 0
        except Refusal as refusal:
            self._say(screen_refusal_text(refusal), "error")
            return
        self._setup_table(self.item)
        self._show_item(self.item)
        self._show_entry()
        self.request_refresh()
        self.set_interval(POLL_SECONDS, self.request_refresh)

    def on_screen_resume(self) -> None:
        self.query_one(BallotRow).focus()

    # ------------------------------------------------------------------ header

    def _show_item(self, item: ItemInfo) -> None:
        self.item = item
        heading = t("el.heading", number=item.number, title=item.title)
        if item.parent_number is not None:
            heading += t("el.round", parent=item.parent_number)
        if item.counted:  # an open count says nothing here: the status line below says how far
            heading += t("el.state.closed")
        facts = [t("el.seats", seats=item.settings.get("seats"))]
        if self._status and self.entry == 1:  # the blind second entry never sees this
            facts.insert(0, t("elx.status", status=self._status))  # as in the items list
        if item.issued is None:
            facts.append(t("el.issued_none"))
        else:
            facts.append(t("el.issued", issued=item.issued))
        if item.roll is None:
            facts.append(t("el.roll_open"))
        else:
            roll = item.roll
            facts.append(t("el.roll", present=roll.present, due=roll.due, sha=roll.sha256[:12]))
        mode = t("el.mode.equal" if item.settings.get("equal") else "el.mode.contested")
        cands = t(
            "el.candidates", count=len(item.nominees), mode=mode, names="、".join(item.nominees)
        )
        self.query_one("#el-heading", Folded).update(heading)
        self.query_one("#el-facts", Folded).update(" · ".join(facts))
        self.query_one("#el-cands", Folded).update(cands)
        write_in = takes_write_ins(item)
        self.query_one(BallotRow).configure(item.nominees, ballot_settings(item), write_in=write_in)
        # a runoff among the tied has no 另选他人: its key hint does not offer one
        self.query_one("#el-hint", Folded).update(
            t("el.keys_hint" if write_in else "elx.keys_hint_runoff")
        )
        self._show_number()
        self._show_lock()

    def _show_entry(self) -> None:
        badge = self.query_one("#el-entry", Static)
        badge.update(t(f"el.entry.{self.entry}"))
        badge.set_class(self.entry == 2, "-second")
        blind = self.entry == 2
        self.query_one("#el-blind").display = blind
        self.query_one("#el-counts").display = not blind
        self.query_one("#el-tally").display = not blind and not self.show_result
        self.query_one("#el-result").display = not blind and self.show_result
        self.query_one("#el-entry2", Folded).update(
            t("el.entry2_progress", count=self._entry2_count)
        )
        self._show_number()
        self._show_lock()

    @property
    def locked(self) -> bool:
        """The count is closed and this is the first entry, or the result is final (either
        entry): nothing may be keyed here until F7 reopens it."""
        closed = self.entry == 1 and self.item is not None and self.item.counted
        return closed or self._final is not None

    def _show_lock(self) -> None:
        """A closed count disables the first entry's ballot row (keys then reach the screen,
        which refuses them at once) and turns F7 into 重新打开."""
        locked = self.locked
        if locked == self._locked:
            return
        self._locked = locked
        row = self.query_one(BallotRow)
        row.border_title = t("el.closed_badge") if locked else ""
        row.disabled = locked
        if not locked:
            row.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        counted = self.item is not None and self.item.counted
        if action == "close_count":
            return not counted and self._final is None
        if action == "reopen_count":
            return counted or self._final is not None
        return True

    def _say(self, text: str, state: str = "ok") -> None:
        line = self.query_one("#el-message", Folded)
        line.update(text)
        for name in ("ok", "warn", "error"):
            line.set_class(name == state, f"-{name}")
        if state == "error":
            self.app.bell()

    # ------------------------------------------------------------------ figures (shown by
    # screens/election_figures.py)

    def request_refresh(self) -> None:
        """One query round at a time, one more if ballots were saved meanwhile."""
        if self.item is not None:
            self._refresh.request()

    @desk_work(group="el-figures")
    def refresh_figures(self, entry: int) -> None:
        db = self.app.db
        try:
            deliver(self, self._apply_staff, staff_away(db, self.number))
            if entry == 1:
                outcome = election_outcome(db, self.number)
                deliver(self, self._apply_outcome, outcome)
            else:  # blind: only the second clerk's own count, never the first entry's tally
                item = load_election(db, self.number)
                keyed = entry_progress(db, self.number, 2)
                deliver(self, self._apply_second, item, keyed)
        except Refusal as refusal:
            deliver(self, self._say, screen_refusal_text(refusal), "error")
        except Exception as error:  # keep the count alive if the database hiccups
            deliver(self, self._say, error_line(error), "error")
        deliver(self, self._refresh.done)

    # ------------------------------------------------------------------ actions

    def action_toggle_entry(self) -> None:
        if self.item is None:
            return
        if not self.item.double_entry:
            self._say(t("el.single_entry"), "error")
            return
        if self.query_one(BallotRow).touched:
            self._say(t("el.switch_mid_ballot"), "error")
            return
        self.entry = 2 if self.entry == 1 else 1
        if self.entry == 2:  # blind: drop every figure of the first entry, not just hide it
            self.show_result = False
            self.query_one("#el-counts", Folded).update("")
            self.query_one("#el-result-text", Folded).update("")
            self.query_one("#el-tally", DataTable).clear()
            self.outcome = None
        self._show_entry()
        self._say(t("el.switched", entry=t(f"el.entry.{self.entry}")), "warn")
        self.request_refresh()

    def action_issue(self) -> None:
        from screens.issue_ballots import IssueDialog

        def issued(count: int | None) -> None:
            if count is not None:
                self._say(t("el.issued", issued=count), "ok")
                self.request_refresh()

        self.app.push_screen(IssueDialog(self.number), issued)

    def action_result(self) -> None:
        if self.entry == 2:
            self._say(t("el.result_blind"), "error")
            return
        self.show_result = not self.show_result
        if self.show_result and self.outcome is not None:
            self.query_one("#el-result-text", Folded).update(result_text(self.outcome))
        self._show_entry()
        self.request_refresh()

    def action_follow_up(self) -> None:
        self._when_saved(self._ask_follow_up)

    def _ask_follow_up(self) -> None:
        try:
            outcome = election_outcome(self.app.db, self.number)
        except Refusal as refusal:
            self._say(screen_refusal_text(refusal), "error")
            return
        result = outcome.result
        if not outcome.final:
            self._say(t("election.not_final"), "error")
            return
        if result.runoff:
            question = t(
                "el.follow.runoff", names="、".join(result.runoff), seats=result.runoff_seats
            )
        elif result.reelect and result.settings.shortfall != SHORTFALL_REDUCE:
            question = t("el.follow.reelect", names="、".join(result.reelect), seats=result.vacant)
        else:
            self._say(t("election.no_follow_up"), "error")
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                item = follow_up(
                    self.app.db, self.number, operator=self.app.operator, station=self.app.station
                )
            except Refusal as refusal:
                self._say(screen_refusal_text(refusal), "error")
                return
            self._say(t("el.follow.done", number=item.number, title=item.title), "ok")
            self.app.push_screen(ElectionScreen(item.number))

        self.app.push_screen(ConfirmDialog(t("el.follow.title"), question), confirmed)

    def action_differences(self) -> None:
        """F8: both entries side by side; a ballot re-keyed there refreshes the tally."""
        if self.entry == 2:  # blind: the first entry's ballots are not shown while keying
            self._say(t("settle.blind"), "error")
            return
        from screens.differences import DifferencesScreen

        def closed(changed: bool | None) -> None:
            if changed:
                self.request_refresh()

        self._when_saved(lambda: self.app.push_screen(DifferencesScreen(self.number), closed))

    def action_export(self) -> None:
        if self.item is None:
            return
        self._say(t("el.export.running"), "warn")
        self._when_saved(lambda: self.export(self.number, self.item.title))

    @desk_work(group="el-export", exclusive=True)
    def export(self, number: int, title: str) -> None:
        text, error = write_result_sheets(self.app.db, number, title)
        deliver(self, self._say, text, "error" if error else "ok")

    def action_paper(self) -> None:
        from screens.paper_scan import PaperScanScreen

        self.app.push_screen(
            PaperScanScreen([str(self.number)]), lambda _done: self.request_refresh()
        )

    def action_back(self) -> None:
        self._when_saved(self.dismiss)
