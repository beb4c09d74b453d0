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
"""

from collections import deque

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from models.counting_staff import staff_away
from models.election_view import shown_abstain, shows_unreadable
from models.elections import (
    BallotReceipt,
    ElectionOutcome,
    ballots_of,
    delete_ballot,
    election_outcome,
    entry_progress,
    follow_up,
    record_ballot,
    takes_write_ins,
)
from models.errors import Refusal
from models.rules.election import SHORTFALL_REDUCE, Ballot, ElectionResult, ElectionSettings
from models.voting import (
    ELECTION,
    ItemInfo,
    load_item,
    outcome_summary,
    result_locked,
    set_counted,
)
from tui.ballot_widgets import SHOWN, BallotRow, Folded, yes_bar
from tui.confirm import ConfirmDialog
from tui.exports import write_result_sheets
from tui.i18n import t
from tui.item_status import item_state
from tui.keys import Localized
from tui.literal import literal
from tui.result_text import (
    elected_across_lines,
    outcome_text,
    replaces_lines,
    staff_away_line,
)
from tui.texts import error_line, screen_refusal_text
from tui.widgets import DeskFooter
from tui.workers import deliver, desk_work

POLL_SECONDS = 5.0
COLUMNS = ("name", "yes", "no", "abstain", "bar", "mark")
WITH_UNREADABLE = ("name", "yes", "no", "abstain", "unreadable", "bar", "mark")
MAX_NUMBERS = 20  # ballot numbers listed before "…"


def load_election(db, number: int) -> ItemInfo:
    with db.read() as conn:
        return load_item(conn, number, ELECTION)


def last_ballot(db, number: int, entry: int) -> Ballot | None:
    """The highest-numbered ballot of one entry (what Ctrl+Z takes back)."""
    with db.read() as conn:
        item = load_item(conn, number, ELECTION)
        ballots = ballots_of(conn, item.id, entry)
    return ballots[-1] if ballots else None


def ballot_settings(item: ItemInfo) -> ElectionSettings:
    """What the ballot row needs to mark a ballot 废票 as it is keyed (the tally decides)."""
    return ElectionSettings(
        seats=int(item.settings.get("seats", 1)),
        unreadable=item.settings.get("unreadable", "ignore"),
    )


def numbers_text(numbers) -> str:
    numbers = list(numbers)
    shown = t("el.number_sep").join(str(n) for n in numbers[:MAX_NUMBERS])
    return shown + ("…" if len(numbers) > MAX_NUMBERS else "")


def marks_text(ballot: Ballot) -> str:
    text = "".join(SHOWN[m] for m in ballot.marks)
    if ballot.write_ins:
        text += " + " + "、".join(ballot.write_ins)
    return text


def void_reason(receipt: BallotReceipt, seats: int) -> str:
    return t("el.void_over") if receipt.chosen > seats else t("el.void_unreadable")


def _figure(value: int | None) -> str:
    return "—" if value is None else str(value)


def counting_line(outcome: ElectionOutcome) -> str:
    """「计票中（已录 x/发出 y）」 while the first entry's count is not complete."""
    keyed, issued = outcome.entries.get(1, 0), outcome.item.issued
    if issued is None:
        return t("el.result.counting_no_issue", keyed=keyed)
    return t("el.result.counting", keyed=keyed, issued=issued)


def status_line(outcome: ElectionOutcome) -> tuple[str, str]:
    """(text, state): final (ok), 计票中 or 待核对 (warn) with the disagreeing ballot numbers."""
    first, second = outcome.entries.get(1, 0), outcome.entries.get(2, 0)
    if outcome.final:
        agree = t("el.result.second_agrees", second=second) if second else ""
        text = t("el.result.final", first=first, second=agree)
        return "\n".join([text, *replaces_lines(outcome.item)]), "ok"
    if not first:
        return t("el.result.pending_first"), "warn"
    if outcome.differences:
        numbers = numbers_text(d.number for d in outcome.differences)
        return t("el.result.differs", numbers=numbers), "warn"
    if not outcome.complete:
        return counting_line(outcome), "warn"
    return t("el.result.pending_second", first=first, second=second), "warn"


def result_text(outcome: ElectionOutcome) -> Text:
    """The result panel: validity, the elected big and clear, runoff, vacancies, the rule."""
    result: ElectionResult = outcome.result
    item = outcome.item
    text = Text()
    text.append(t("el.result.title", title=item.title) + "\n\n", style="bold")
    provisional = bool(outcome.differences)  # never a green 选举有效 / 当选 until they agree
    if provisional:
        text.append("⚠ " + t("settle.headline") + "\n", style="bold reverse yellow")
        text.append(t("settle.provisional") + "\n", style="yellow")
    if result.valid and provisional:
        text.append(t("settle.provisional_verdict", verdict=t("cliv.election.valid")) + "\n")
    elif result.valid:
        text.append(t("el.result.valid") + "\n", style="bold green")
    else:
        reason = t(f"election.void.{result.void_reason}")
        text.append(t("el.result.void", reason=reason) + "\n", style="bold red")
    status, state = status_line(outcome)
    text.append(status + "\n", style="bold green" if state == "ok" else "bold yellow")
    if outcome.complete and result.issued is not None and result.returned < result.issued:
        short = t("el.result.closed_short", returned=result.returned, issued=result.issued)
        text.append(short + "\n", style="yellow")
    text.append("\n")
    if result.valid:
        by_name = {c.name: c for c in result.candidates}
        if result.elected:
            heading = t("el.result.elected")
            if provisional:
                heading = t("settle.provisional_verdict", verdict=heading)
            text.append(heading + "\n", style="bold")
            for rank, name in enumerate(result.elected, 1):
                line = t("el.result.elected_line", rank=rank, name=name, yes=by_name[name].yes)
                text.append(line + "\n", style="yellow" if provisional else "bold reverse green")
        else:
            text.append(t("el.result.none_elected") + "\n", style="bold")
        text.append("\n")
        if outcome.rounds is not None:
            across = elected_across_lines(outcome.rounds)
            text.append(across[0] + "\n", style="bold")
            text.append("\n".join(across[1:]) + "\n\n")
        if result.runoff:
            votes = by_name[result.runoff[0]].yes
            line = t(
                "el.result.runoff",
                seats=result.runoff_seats,
                names="、".join(result.runoff),
                votes=votes,
            )
            text.append(line + "\n", style="bold yellow")
        shortfall = result.vacant - result.runoff_seats
        if result.seats_after is not None:
            text.append(t("el.result.reduced", seats=result.seats_after) + "\n", style="yellow")
        elif shortfall > 0:
            text.append(t("el.result.vacant", count=shortfall) + "\n", style="bold yellow")
            if result.reelect and result.settings.shortfall != SHORTFALL_REDUCE:
                names = "、".join(result.reelect)
                text.append(t("el.result.reelect", names=names) + "\n", style="yellow")
                if len(result.reelect) > result.reelect_wanted:
                    tie = t(
                        "elx.reelect_tie", wanted=result.reelect_wanted, count=len(result.reelect)
                    )
                    text.append(tie + "\n", style="yellow")
        for c in result.candidates:
            if c.exactly_half and not c.elected:
                text.append(t("el.result.exactly_half", name=c.name, yes=c.yes) + "\n")
    text.append(
        t("el.result.threshold", due=result.due, threshold=result.threshold) + "\n",
    )
    if result.issued is not None:
        text.append(
            t(
                "el.result.participation",
                issued=result.issued,
                required=result.participation_required,
            )
            + "\n"
        )
        if result.participation_on_line:
            line = t("cliv.election.participation_on_line", issued=result.issued, due=result.due)
            text.append(line + "\n", style="yellow")
    counts = t(
        "el.result.counts",
        issued=result.issued if result.issued is not None else t("el.unknown_count"),
        returned=result.returned,
        valid=result.valid_ballots,
        void=result.void_ballots,
    )
    if result.void_numbers:
        counts += t("el.void_numbers", numbers=numbers_text(result.void_numbers))
    text.append(counts + "\n")
    nobody = t("el.nobody")
    text.append(
        t(
            "el.scrutineers",
            scrutineers="、".join(item.scrutineers) or nobody,
            counters="、".join(item.counters) or nobody,
        )
        + "\n\n"
    )
    text.append(t("el.result.keys"), style="dim")
    return text


class ElectionScreen(Localized, Screen):
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
        self._ops: deque = deque()  # ("ballot", entry, Ballot) | ("undo", entry, number, reason)
        self._saving = False
        self._queued = {1: 0, 2: 0}  # ballots keyed and not yet answered, per entry
        self._last = {1: 0, 2: 0}  # highest stored ballot number, per entry
        self._after_drain: list = []
        self._refreshing = False
        self._stale = False
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

    def _setup_table(self, item: ItemInfo, with_unreadable: bool = False) -> None:
        table = self.query_one("#el-tally", DataTable)
        widths = {"name": 22, "yes": 7, "no": 8, "abstain": 6, "unreadable": 8}
        widths |= {"bar": 22, "mark": 12}
        self._with_unreadable = with_unreadable
        for key in WITH_UNREADABLE if with_unreadable else COLUMNS:
            justify = "right" if key in ("yes", "no", "abstain", "unreadable") else "left"
            label = Text(t(f"el.col.{key}"), justify=justify)
            table.add_column(label, key=key, width=widths[key])

    def _columns_for(self, result: ElectionResult) -> None:
        """The 无法辨认 column comes (and goes) with counted ? marks, so each row adds up."""
        wanted = shows_unreadable(result)
        if wanted != self._with_unreadable:
            self.query_one("#el-tally", DataTable).clear(columns=True)
            self._setup_table(self.item, wanted)

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

    def _say(self, text: str, state: str = "ok") -> None:
        line = self.query_one("#el-message", Folded)
        line.update(text)
        for name in ("ok", "warn", "error"):
            line.set_class(name == state, f"-{name}")
        if state == "error":
            self.app.bell()

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
        self._ops.append(("ballot", self.entry, Ballot(0, message.marks, message.write_ins)))
        self._queued[self.entry] += 1
        self._show_number()
        self._kick()

    def _kick(self) -> None:
        if not self._saving and self._ops:
            self._saving = True
            self.save_ballots()

    @property
    def busy(self) -> bool:
        return self._saving or bool(self._ops)

    @desk_work(group="el-save")
    def save_ballots(self) -> None:
        """Drain the queue in order; stop at the first refusal (the screen drops the rest)."""
        db, app = self.app.db, self.app
        while self._ops:
            op = self._ops.popleft()
            try:
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
                    self.post_message(
                        self.Undone(entry, number, reason, last.number if last else 0)
                    )
            except Refusal as refusal:
                self.post_message(self.Failed(op, screen_refusal_text(refusal)))
                break
            except Exception as error:  # a locked database must not end the count
                self.post_message(self.Failed(op, error_line(error)))
                break
        self.post_message(self.Drained())

    def on_election_screen_saved(self, message: Saved) -> None:
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

    def on_election_screen_undone(self, message: Undone) -> None:
        self._last[message.entry] = message.last
        self._say(t("el.undone", number=message.number, reason=message.reason), "warn")
        self._show_number()
        self.request_refresh()

    def on_election_screen_failed(self, message: Failed) -> None:
        op = message.op
        if op[0] == "ballot":
            entry = op[1]
            dropped = 1 + sum(1 for o in self._ops if o[0] == "ballot" and o[1] == entry)
            self._ops.clear()
            number = self._last[entry] + 1
            self._queued = {1: 0, 2: 0}
            self._say(t("el.not_saved", error=message.text, number=number, count=dropped), "error")
        else:
            self._say(message.text, "error")
        self._show_number()
        self.request_refresh()

    def on_election_screen_drained(self, _message: Drained) -> None:
        self._saving = False
        if self._ops:
            self._kick()
            return
        callbacks, self._after_drain = self._after_drain, []
        for callback in callbacks:
            callback()

    def _when_saved(self, callback) -> None:
        """Run now, or once every keyed ballot is stored (undo, leave, switch need that)."""
        if self.busy:
            self._after_drain.append(callback)
        else:
            callback()

    def _show_entry_progress(self) -> None:
        if self.entry == 2:
            self.query_one("#el-entry2", Folded).update(
                t("el.entry2_progress", count=self._entry2_count)
            )

    # ------------------------------------------------------------------ figures

    def request_refresh(self) -> None:
        """One query round at a time, one more if ballots were saved meanwhile."""
        self._stale = True
        if not self._refreshing and self.item is not None:
            self._refreshing = True
            self._stale = False
            self.refresh_figures(self.entry)

    def _refresh_done(self) -> None:
        self._refreshing = False
        if self._stale:
            self.request_refresh()

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
        deliver(self, self._refresh_done)

    def _apply_staff(self, away) -> None:
        """监票人/计票人 not checked in: a warning on the screen, keying goes on."""
        line = self.query_one("#el-staff", Folded)
        text = staff_away_line(away)
        line.update(text)
        line.display = bool(text)

    def _apply_second(self, item: ItemInfo, keyed: int) -> None:
        self._show_item(item)
        self._entry2_count = keyed
        self._show_entry_progress()

    def _apply_outcome(self, outcome: ElectionOutcome) -> None:
        self._final = None
        if result_locked(outcome):
            self._final = outcome_text(ELECTION, outcome_summary(outcome))
        if self.entry != 1:
            self._apply_second(outcome.item, outcome.entries.get(2, 0))
            return
        self.outcome = outcome
        result = outcome.result
        self._status = item_state(outcome)[0]
        with self.app.batch_update():
            self._show_item(outcome.item)
            counts_key = "el.counts" if result.issued is not None else "el.counts_no_issue"
            numbers = ""
            if result.void_numbers:
                numbers = t("el.void_numbers", numbers=numbers_text(result.void_numbers))
            counts = t(
                counts_key,
                returned=result.returned,
                issued=result.issued,
                valid=result.valid_ballots,
                void=result.void_ballots,
                numbers=numbers,
            )
            need = t("el.need", threshold=result.threshold, due=result.due)
            line = self.query_one("#el-counts", Folded)
            line.update(f"{counts}    {need}")
            line.set_class(result.issued is not None and result.returned > result.issued, "-over")
            self._update_tally(outcome)
            if self.show_result:
                self.query_one("#el-result-text", Folded).update(result_text(outcome))

    def _update_tally(self, outcome: ElectionOutcome) -> None:
        """Rows keyed by candidate, updated in place; write-ins come and go as rows. 当选 and
        the other marks appear once the count is complete (计票完毕 or every ballot issued in)."""
        result = outcome.result
        self._columns_for(result)
        table = self.query_one("#el-tally", DataTable)
        complete = outcome.complete
        wanted = []
        for c in result.candidates:
            name = c.name + (t("el.write_in_tag") if c.write_in else "")
            mark = Text("")
            if complete and c.elected and outcome.differences:
                mark = Text(t("settle.provisional_status"), style="bold yellow")
            elif complete and c.elected:
                mark = Text(t("el.mark.elected"), style="bold green")
            elif complete and c.runoff:
                mark = Text(t("el.mark.runoff"), style="bold yellow")
            elif complete and c.exactly_half:
                mark = Text(t("el.mark.half"), style="yellow")
            cells = {
                "name": literal(name, no_wrap=True),
                "yes": Text(str(c.yes), justify="right", style="bold"),
                "no": Text(str(c.no), justify="right"),
                "abstain": Text(_figure(shown_abstain(c)), justify="right"),
                "unreadable": Text(_figure(None if c.write_in else c.unreadable), justify="right"),
                "bar": Text(yes_bar(c.yes, result.due), style="green" if c.qualified else ""),
                "mark": mark,
            }
            if not self._with_unreadable:
                del cells["unreadable"]
            wanted.append(c.name)
            if c.name in table.rows:
                for column, value in cells.items():
                    if table.get_cell(c.name, column) != value:
                        table.update_cell(c.name, column, value)
            else:
                table.add_row(*cells.values(), key=c.name)
        for key in list(table.rows):
            if key.value not in wanted:
                table.remove_row(key)

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
            self._ops.append(("undo", entry, last.number, reason))
            self._kick()

        prompt = ReasonPrompt(
            t("el.undo_title"),
            t("el.undo_prompt", entry=entry_name, number=last.number, marks=marks_text(last)),
            t("common.reason_required"),
        )
        self.app.push_screen(prompt, confirmed)

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
        question = t("el.close.question", returned=keyed, issued=issued)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._set_counted(True, t("el.closed", returned=keyed, issued=issued))

        title = t("el.close.title", number=item.number, title=item.title)
        self.app.push_screen(ConfirmDialog(title, question), confirmed)

    def action_reopen_count(self) -> None:
        """F7 on a closed count: reopen it, with a reason for the audit log."""
        from tui.reason_prompt import ReasonPrompt

        if self.item is None:
            return
        if self.entry == 2:
            self._say(t("el.close_blind"), "error")
            return

        def given(reason: str | None) -> None:
            if reason:
                self._set_counted(False, t("el.reopened", reason=reason), reason)

        prompt = ReasonPrompt(
            t("el.reopen.title", number=self.item.number, title=self.item.title),
            t("el.reopen.prompt"),
            t("common.reason_required"),
        )
        self.app.push_screen(prompt, given)

    def _set_counted(self, counted: bool, done: str, reason: str = "") -> None:
        try:
            item = set_counted(
                self.app.db,
                self.number,
                counted,
                reason=reason,
                operator=self.app.operator,
                station=self.app.station,
            )
        except Refusal as refusal:
            self._say(screen_refusal_text(refusal), "error")
            self.request_refresh()
            return
        except Exception as error:  # a locked database must not end the count
            self._say(error_line(error), "error")
            return
        if not counted:
            self._final = None  # reopened: keying is open again until the result is final
        self._show_item(item)
        self._say(done, "ok")
        self.request_refresh()

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

    def action_back(self) -> None:
        self._when_saved(self.dismiss)

    # ------------------------------------------------------------------ F10: ballots from a file

    def action_import_file(self) -> None:
        """The whole file replaces this entry's ballots (as ``huiwu ballots import`` does), so
        an entry that already holds ballots is asked about first, never replaced silently."""
        if self.item is None:
            return
        if self.locked:
            self._refuse_closed()
            return
        self._when_saved(self._pick_ballot_file)

    def _pick_ballot_file(self) -> None:
        from tui.file_picker import pick_table_file

        entry = self.entry
        title = t("files.title.ballots", number=self.number, title=self.item.title)
        pick_table_file(self.app, title, lambda path: self._ask_replace(path, entry))

    def _ask_replace(self, path, entry: int) -> None:
        if not self._last[entry]:
            self._start_import(path, entry, True)
            return
        entry_name, count = t(f"el.entry.{entry}"), self._last[entry]
        question = t("files.ballots.replace", entry=entry_name, count=count, file=path.name)
        title = t("files.ballots.replace_title", number=self.number, title=self.item.title)
        self.app.push_screen(
            ConfirmDialog(title, question),
            lambda yes: self._start_import(path, entry, yes),
        )

    def _start_import(self, path, entry: int, go: bool | None) -> None:
        if go:
            self._say(t("files.importing", file=path.name), "warn")
            self.import_ballot_file(path, entry)

    @desk_work(group="el-import", exclusive=True)
    def import_ballot_file(self, path, entry: int) -> None:
        from models.elections import import_ballots

        db = self.app.db
        try:
            report = import_ballots(
                db, self.number, path, entry=entry, operator=self.app.operator,
                station=self.app.station,
            )  # fmt: skip
            last = last_ballot(db, self.number, entry)
        except Refusal as refusal:
            deliver(self, self._say, t("files.failed") + screen_refusal_text(refusal), "error")
            return
        text = t(
            "cliv.ballots.imported", number=report.item.number, title=report.item.title,
            entry=report.entry, imported=report.imported, void=report.void,
        )  # fmt: skip
        if report.replaced:
            text += t("cliv.ballots.replaced", entry=report.entry)
        deliver(self, self._imported, entry, last.number if last else 0, text)

    def _imported(self, entry: int, last: int, text: str) -> None:
        self._last[entry] = last
        self._show_number()
        self._say(text, "ok")
        self.request_refresh()
