"""Keying on the election screen: each finished ballot goes into the ordered save queue
(tui/save_queue.py), Ctrl+Z takes the last one back with a reason, F7 closes or reopens the count
(tui/count_close.py)."""

from textual import events
from textual.message import Message

from models.elections import delete_ballot, entry_progress, record_ballot
from models.errors import Refusal
from models.rules.election import Ballot
from screens.election_text import (
    ballot_settings,
    last_ballot,
    load_election,
    marks_text,
    void_reason,
)
from tui.ballot_widgets import BallotRow
from tui.count_close import ask_close, ask_reopen, store_counted
from tui.folded import Folded
from tui.i18n import t
from tui.texts import screen_refusal_text
from tui.workers import desk_work


class ElectionKeying:
    """Mixed into ElectionScreen (which holds the messages, the queue and the ballot row)."""

    def on_key(self, event: events.Key) -> None:
        """Keys the disabled ballot row cannot take: refused in red while the count is closed."""
        if not self.locked:
            return
        char = event.character
        if event.key in ("enter", "backspace", "tab") or (char and char.isprintable()):
            event.stop()
            event.prevent_default()
            self._refuse_closed()

    def _refuse_closed(self) -> None:
        reason = t("voting.count_closed.tui", number=self.number, key="F7")
        if self._final is not None:
            reason = t("voting.result_final.tui", number=self.number, outcome=self._final, key="F7")
        self._say(t("el.closed_refused", reason=reason), "error")

    def _show_number(self) -> None:
        self.query_one(BallotRow).set_number(self._last[self.entry] + self._queued[self.entry] + 1)

    def on_ballot_row_notice(self, message: BallotRow.Notice) -> None:
        message.stop()
        self._say(message.text, "error" if message.error else "warn")

    # ------------------------------------------------------------------ saving ballots

    def on_ballot_row_cast(self, message: BallotRow.Cast) -> None:
        message.stop()
        if self.item is None:
            return
        if self.locked:  # never queue what the database will refuse
            self._refuse_closed()
            return
        self._queued[self.entry] += 1
        self._show_number()
        self._queue.put(("ballot", self.entry, Ballot(0, message.marks, message.write_ins)))

    @property
    def busy(self) -> bool:
        return self._queue.busy

    @desk_work(group="el-save")
    def save_ballots(self) -> None:
        """Drain the queue in order; stop at the first refusal (the screen drops the rest)."""
        self._queue.drain(self, self._store, self.Failed, self.Drained)

    def _store(self, op: tuple) -> None:
        db, app = self.app.db, self.app
        if op[0] == "ballot":
            _, entry, ballot = op
            receipt = record_ballot(
                db,
                self.number,
                ballot,
                entry=entry,
                operator=app.operator,
                station=app.station,
            )
            self.post_message(self.Saved(entry, receipt))
        else:
            _, entry, number, reason = op
            delete_ballot(
                db,
                self.number,
                number,
                reason=reason,
                entry=entry,
                operator=app.operator,
                station=app.station,
            )
            last = last_ballot(db, self.number, entry)
            self.post_message(self.Undone(entry, number, reason, last.number if last else 0))

    def on_election_screen_saved(self, message: Message) -> None:
        receipt, entry = message.receipt, message.entry
        self._queued[entry] -= 1
        self._last[entry] = receipt.number
        if entry == 2:
            self._entry2_count = receipt.keyed
        if receipt.void:
            seats = ballot_settings(self.item).seats
            reason = void_reason(receipt, seats)
            self._say(t("el.saved_void", number=receipt.number, reason=reason), "warn")
        else:
            self._say(t("el.saved_valid", number=receipt.number), "ok")
        self._show_number()
        self._show_entry_progress()
        self.request_refresh()

    def on_election_screen_undone(self, message: Message) -> None:
        self._last[message.entry] = message.last
        self._say(t("el.undone", number=message.number, reason=message.reason), "warn")
        self._show_number()
        self.request_refresh()

    def on_election_screen_failed(self, message: Message) -> None:
        op = message.op
        if op[0] == "ballot":
            entry = op[1]
            ops = self._queue.ops
            dropped = 1 + sum(1 for o in ops if o[0] == "ballot" and o[1] == entry)
            ops.clear()
            number = self._last[entry] + 1
            self._queued = {1: 0, 2: 0}
            self._say(t("el.not_saved", error=message.text, number=number, count=dropped), "error")
        else:
            self._say(message.text, "error")
        self._show_number()
        self.request_refresh()

    def on_election_screen_drained(self, _message: Message) -> None:
        self._queue.drained()

    def _when_saved(self, callback) -> None:
        """Run now, or once every keyed ballot is stored (undo, leave, switch need that)."""
        self._queue.when_saved(callback)

    def _show_entry_progress(self) -> None:
        if self.entry == 2:
            self.query_one("#el-entry2", Folded).update(
                t("el.entry2_progress", count=self._entry2_count)
            )

    def action_undo(self) -> None:
        if self.locked:
            self._refuse_closed()
            return
        self._when_saved(self._ask_undo)

    def _ask_undo(self) -> None:
        from tui.reason_prompt import ReasonPrompt

        entry = self.entry
        entry_name = t(f"el.entry.{entry}")
        try:
            last = last_ballot(self.app.db, self.number, entry)
        except Refusal as refusal:
            self._say(screen_refusal_text(refusal), "error")
            return
        if last is None:
            self._say(t("el.undo_nothing", entry=entry_name), "error")
            return

        def confirmed(reason: str | None) -> None:
            if reason is None:
                return
            self._queue.put(("undo", entry, last.number, reason))

        prompt = ReasonPrompt(
            t("el.undo_title"),
            t("el.undo_prompt", entry=entry_name, number=last.number, marks=marks_text(last)),
            t("common.reason_required"),
        )
        self.app.push_screen(prompt, confirmed)

    # ------------------------------------------------------------------ 计票完毕

    def action_close_count(self) -> None:
        """F7: every returned ballot is keyed (asked once the keying queue is stored)."""
        if self.item is None:
            return
        if self.entry == 2:
            self._say(t("el.close_blind"), "error")
            return
        if self.query_one(BallotRow).touched:
            self._say(t("el.close_mid_ballot"), "error")
            return
        self._when_saved(self._ask_close)

    def _ask_close(self) -> None:
        try:
            item = load_election(self.app.db, self.number)
            keyed = entry_progress(self.app.db, self.number, 1)
        except Refusal as refusal:
            self._say(screen_refusal_text(refusal), "error")
            return
        issued = t("el.unknown_count") if item.issued is None else item.issued
        ask_close(self.app, "el", item, keyed, issued, lambda done: self._set_counted(True, done))

    def action_reopen_count(self) -> None:
        """F7 on a closed count: reopen it, with a reason for the audit log."""
        if self.item is None:
            return
        if self.entry == 2:
            self._say(t("el.close_blind"), "error")
            return
        ask_reopen(self.app, "el", self.item, lambda done, why: self._set_counted(False, done, why))

    def _set_counted(self, counted: bool, done: str, reason: str = "") -> None:
        stored = store_counted(self.app, self.number, counted, reason)
        if stored.item is None:
            self._say(stored.error, "error")
            if stored.refused:
                self.request_refresh()
            return
        item = stored.item
        if not counted:
            self._final = None  # reopened: keying is open again until the result is final
        self._show_item(item)
        self._say(done, "ok")
        self.request_refresh()
