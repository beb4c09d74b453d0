"""Secret ballots keyed one by one on the motion screen (F5, tui/motion_ballots.py): 发出 (F6),
Ctrl+Z, 计票完毕 / 重新打开 (F7, tui/count_close.py), the differences (F8) and the coalesced refresh of
the outcome (tui/refresh.py)."""

from textual.widgets import Static

from models.errors import Refusal
from models.motions import MotionOutcome, motion_outcome
from models.rules.motion import SECRET
from tui.count_close import ask_close, ask_reopen, store_counted
from tui.i18n import t
from tui.motion_ballots import MotionBallots
from tui.texts import error_line, screen_refusal_text
from tui.workers import deliver, desk_work


class MotionKeying:
    """Mixed into MotionScreen."""

    # ------------------------------------------------------------------ ballot by ballot

    def action_ballots(self) -> None:
        """F5: key the secret ballots one by one, or go back to the counted totals."""
        if self.item is None:
            return
        if self.method != SECRET:
            self._say(t("vui.mb.needs_secret"), True)
            return
        ballots = self.query_one(MotionBallots)
        if not self.keying:
            if ballots.totals[self.entry]:
                self._say(t("motion.counts_exist"), True)
                return
            self.keying = True
            self._show_fields(refocus=True)
            if self.item.issued is None:
                self._say(t("vui.mb.on_issue_first"))
                self.action_issue()
            else:
                self._say(t("vui.mb.on"))
            return
        self.keying = False
        keyed = ballots.keyed(self.entry)
        self._clear_fields()
        if self.entry == 1:  # the fields show the keyed ballots' totals once they are stored
            self._prefill_next = True
            ballots.when_saved(self.request_refresh)
        self._say(t("vui.mb.off", count=keyed) if keyed else t("vui.mb.off_plain"))
        self._show_fields(refocus=True)

    def action_issue(self) -> None:
        """F6: 发出, what the ballots keyed one by one are checked against."""
        if self.item is None:
            return
        if self.method != SECRET:
            self._say(t("vui.mb.needs_secret"), True)
            return
        from screens.issue_ballots import IssueDialog

        def issued(count: int | None) -> None:
            if count is not None:
                self.query_one(MotionBallots).set_issued(count)
                self._say(t("vui.mb.issued", issued=count))
                self.request_refresh()

        self.app.push_screen(IssueDialog(self.number), issued)

    # ------------------------------------------------------------------ 计票完毕

    def action_differences(self) -> None:
        """F8: both entries side by side; a ballot re-keyed there is reloaded into the keying
        widget (its Ctrl+Z list) and the result."""
        if self.entry == 2:  # blind: the first entry's ballots are not shown while keying
            self._say(t("settle.blind"), True)
            return
        from screens.differences import DifferencesScreen

        def closed(changed: bool | None) -> None:
            if changed:
                self.query_one(MotionBallots).reload()
                self.request_refresh()

        self.query_one(MotionBallots).when_saved(
            lambda: self.app.push_screen(DifferencesScreen(self.number), closed)
        )

    def _locked(self) -> bool:
        """Final and not reopened since (a reopen updates ``self.item`` at once)."""
        outcome = self.outcome
        return outcome is not None and outcome.final and not (self.item and self.item.reopened)

    def action_close_count(self) -> None:
        if self.item is None:
            return
        if self.entry == 2:
            self._say(t("vui.close_blind"), True)
            return
        self.query_one(MotionBallots).when_saved(self._ask_close)

    def _ask_close(self) -> None:
        ballots = self.query_one(MotionBallots)
        keyed = ballots.keyed(1)
        issued = "？" if ballots.issued is None else ballots.issued
        ask_close(
            self.app, "vui", self.item, keyed, issued, lambda done: self._set_counted(True, done)
        )

    def action_reopen_count(self) -> None:
        if self.item is None:
            return
        if self.entry == 2:
            self._say(t("vui.close_blind"), True)
            return
        ask_reopen(
            self.app, "vui", self.item, lambda done, why: self._set_counted(False, done, why)
        )

    def _set_counted(self, counted: bool, done: str, reason: str = "") -> None:
        stored = store_counted(self.app, self.number, counted, reason)
        if stored.item is None:
            self._say(stored.error, True)
        else:
            # locked (or unlocked) at once, before the result comes back
            item = self.item = stored.item
            ballots = self.query_one(MotionBallots)
            ballots.set_closed(item.counted)
            self.refresh_bindings()
            self._say(done)
            if self.keying:
                ballots.focus()
        self.request_refresh()

    def action_undo_ballot(self) -> None:
        if self.item is None:
            return
        if not self.keying:
            self._say(t("vui.mb.undo_keying"), True)
            return
        self.query_one(MotionBallots).undo()

    def on_motion_ballots_stored(self, message: MotionBallots.Stored) -> None:
        message.stop()
        self.request_refresh()

    def on_motion_ballots_say(self, message: MotionBallots.Say) -> None:
        message.stop()
        if message.state == "clear":
            line = self.query_one("#m-message", Static)
            line.update("")
            line.remove_class("-error", "-ok")
        else:
            self._say(message.text, message.state == "error")

    def request_refresh(self) -> None:
        """One outcome query at a time, one more if ballots were stored meanwhile."""
        self._refresh.request()

    @desk_work(group="motion-refresh")
    def refresh_outcome(self) -> None:
        outcome = None
        try:
            outcome = motion_outcome(self.app.db, self.number)
        except Refusal as refusal:
            deliver(self, self._say, screen_refusal_text(refusal), True)
        except Exception as error:  # keep the count alive if the database hiccups
            deliver(self, self._say, error_line(error), True)
        deliver(self, self._refreshed, outcome)

    def _refreshed(self, outcome: MotionOutcome | None) -> None:
        if outcome is not None:
            self._apply(outcome)
        self._refresh.done()
