"""Secret ballots on a motion keyed one by one: one keystroke per ballot, saved in order.

``1``/``y`` 赞成, ``2``/``n`` 反对, ``3``/``a`` 弃权, ``0``/``i`` 无效. Each keystroke is handled in
the widget's own key handler: it is checked at once against what is known here (发出 recorded,
no counted totals in this entry, no more ballots than issued), then put in a queue that one
thread worker drains in order, so a fast clerk never waits on the database and the ballot
numbers follow the paper stack. The running tally counts the ballots stored plus those still in
the queue; a refusal from the service drops the rest of the queue and says from which ballot on
nothing was stored. The blind second entry shows only how many ballots its clerk has keyed.
Once the count is closed (计票完毕, ``closed``) the first entry takes no ballot and no undo: the
keystroke is refused at once, never queued for the database to refuse; the second entry goes on.

The widget posts ``Stored`` whenever ballots were stored or taken back (the screen refreshes the
result) and ``Say`` for the screen's message line.
"""

from collections import deque

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from models.errors import Refusal
from models.motions import delete_motion_ballot, entry_ballots, record_motion_ballot
from models.rules.motion import CHOICES
from tui.i18n import refusal_text, t
from tui.motion_ballot_line import STYLES, recent_ballots
from tui.save_queue import SaveQueue
from tui.texts import error_line
from tui.workers import deliver, desk_work

KEY_CHOICES = {
    "1": "yes",
    "y": "yes",
    "2": "no",
    "n": "no",
    "3": "abstain",
    "a": "abstain",
    "0": "invalid",
    "i": "invalid",
}


class MotionBallots(Widget, can_focus=True):
    """The ballot keying area of one motion; ``entry`` and ``issued`` are set by the screen."""

    DEFAULT_CSS = """
    MotionBallots {
        height: auto;
        margin: 0 1;
        padding: 0 1;
        border: round $accent;
    }
    MotionBallots:focus {
        border: round $accent-lighten-2;
    }
    MotionBallots.-second {
        border: round $warning;
    }
    """

    class Stored(Message):
        """Ballots were stored or taken back: the result has changed."""

    class Say(Message):
        """A line for the screen: state is ok, error (red, with the bell) or clear."""

        def __init__(self, text: str, state: str) -> None:
            super().__init__()
            self.text = text
            self.state = state

    class Saved(Message):
        def __init__(self, entry: int, number: int, choice: str) -> None:
            super().__init__()
            self.entry, self.number, self.choice = entry, number, choice

    class Undone(Message):
        def __init__(self, entry: int, number: int, choice: str, reason: str) -> None:
            super().__init__()
            self.entry, self.number, self.choice, self.reason = entry, number, choice, reason

    class Failed(Message):
        def __init__(self, op: tuple, text: str) -> None:
            super().__init__()
            self.op, self.text = op, text

    class Drained(Message):
        pass

    def __init__(self, number: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.number = number
        self.entry = 1
        self.issued: int | None = None
        self.ready = False
        self.totals = {1: False, 2: False}  # the entry holds counted totals
        self.closed = False  # 计票完毕: the first entry is locked
        self._stored: dict[int, list[tuple[int, str]]] = {1: [], 2: []}
        self._pending: dict[int, deque] = {1: deque(), 2: deque()}  # keyed, not yet answered
        # ("ballot", entry, choice) | ("undo", entry, n, choice, why)
        self._queue = SaveQueue(self._drain)
        self._generation = 0  # bumped by every answer, so a stale reload is not applied
        self._error_shown = False

    def on_mount(self) -> None:
        self.reload()

    # ------------------------------------------------------------------ state

    def set_entry(self, entry: int) -> None:
        self.entry = entry
        self.set_class(entry == 2, "-second")
        self.refresh(layout=True)

    def set_issued(self, issued: int | None) -> None:
        if issued != self.issued:
            self.issued = issued
            self.refresh(layout=True)

    def set_closed(self, closed: bool) -> None:
        if closed != self.closed:
            self.closed = closed
            self.refresh(layout=True)

    @property
    def locked(self) -> bool:
        return self.closed and self.entry == 1

    def keyed(self, entry: int | None = None) -> int:
        """Ballots keyed in an entry: stored plus still queued."""
        entry = entry or self.entry
        return len(self._stored[entry]) + len(self._pending[entry])

    def stored(self, entry: int | None = None) -> list[tuple[int, str]]:
        return list(self._stored[entry or self.entry])

    def tally(self, entry: int | None = None) -> dict[str, int]:
        entry = entry or self.entry
        counts = dict.fromkeys(CHOICES, 0)
        for _, choice in self._stored[entry]:
            counts[choice] += 1
        for choice in self._pending[entry]:
            counts[choice] += 1
        return counts

    def next_number(self, entry: int | None = None) -> int:
        entry = entry or self.entry
        stored = self._stored[entry]
        return (stored[-1][0] if stored else 0) + len(self._pending[entry]) + 1

    @property
    def busy(self) -> bool:
        return self._queue.busy

    def when_saved(self, callback) -> None:
        """Run now, or once every keyed ballot is stored (undo, leaving, switching need that)."""
        self._queue.when_saved(callback)

    @desk_work(group="mb-load")
    def reload(self) -> None:
        """Both entries' stored ballots, from the database (at the start and after a refusal)."""
        generation = self._generation
        try:
            data = {entry: entry_ballots(self.app.db, self.number, entry) for entry in (1, 2)}
        except Refusal as refusal:
            self.post_message(self.Say(refusal_text(refusal), "error"))
            return
        except Exception as error:  # keep the count alive if the database hiccups
            self.post_message(self.Say(error_line(error), "error"))
            return
        deliver(self, self._loaded, data, generation)

    def _loaded(self, data: dict, generation: int) -> None:
        if generation != self._generation or self.busy:
            return  # ballots were answered meanwhile: what is here is newer
        for entry, found in data.items():
            self._stored[entry] = list(found.ballots)
            self.totals[entry] = found.totals
        self.ready = True
        self.refresh(layout=True)

    # ------------------------------------------------------------------ keys

    async def _on_key(self, event: events.Key) -> None:
        if self._handle(event):
            event.stop()
            event.prevent_default()

    def _handle(self, event: events.Key) -> bool:
        key, char = event.key, event.character
        if key in ("enter", "tab", "shift+tab", "backspace", "space"):
            return True  # nothing to do, and the focus stays here for the next ballot
        if char and char.lower() in KEY_CHOICES:
            self._key(KEY_CHOICES[char.lower()])
            return True
        if char and char.isprintable() and not key.startswith("f"):
            self._refuse("✖ " + t("vui.mb.unknown_key", key=char))
            return True
        return False

    def _key(self, choice: str) -> None:
        entry = self.entry
        if not self.ready:
            self._refuse(t("vui.mb.loading"))
            return
        if self.closed and entry == 1:
            self.refuse_closed()
            return
        if self.issued is None:
            reason = t("voting.issue_first") + t("vui.mb.press_issue")
            self._refuse(t("vui.not_saved", reason=reason))
            return
        if self.totals[entry]:
            self._refuse(t("vui.not_saved", reason=t("motion.counts_exist")))
            return
        keyed = self.keyed(entry) + 1
        if keyed > self.issued:
            reason = t("voting.returned_exceeds_issued", returned=keyed, issued=self.issued)
            self._refuse(t("vui.not_saved", reason=reason))
            return
        self._pending[entry].append(choice)
        if self._error_shown:
            self._error_shown = False
            self.post_message(self.Say("", "clear"))
        self.refresh(layout=True)
        self._queue.put(("ballot", entry, choice))

    def _refuse(self, text: str) -> None:
        self._error_shown = True
        self.post_message(self.Say(text, "error"))

    def refuse_closed(self) -> None:
        reason = t("voting.count_closed.tui", number=self.number, key="F7")
        self._refuse(t("vui.mb.closed_refused", reason=reason))

    # ------------------------------------------------------------------ saving

    @desk_work(group="mb-save")
    def _drain(self) -> None:
        """Store the queue in order; stop at the first refusal (the rest is dropped)."""
        self._queue.drain(self, self._store, self.Failed, self.Drained)

    def _store(self, op: tuple) -> None:
        app = self.app
        if op[0] == "ballot":
            _, entry, choice = op
            number = record_motion_ballot(
                app.db, self.number, choice, entry=entry, operator=app.operator, station=app.station
            )
            self.post_message(self.Saved(entry, number, choice))
        else:
            _, entry, number, choice, reason = op
            delete_motion_ballot(
                app.db,
                self.number,
                number,
                reason=reason,
                entry=entry,
                operator=app.operator,
                station=app.station,
            )
            self.post_message(self.Undone(entry, number, choice, reason))

    def on_motion_ballots_saved(self, message: Saved) -> None:
        message.stop()
        if self._pending[message.entry]:
            self._pending[message.entry].popleft()
        self._stored[message.entry].append((message.number, message.choice))
        self._generation += 1
        self.refresh(layout=True)
        self.post_message(self.Stored())

    def on_motion_ballots_undone(self, message: Undone) -> None:
        message.stop()
        stored = self._stored[message.entry]
        self._stored[message.entry] = [b for b in stored if b[0] != message.number]
        self._generation += 1
        self.refresh(layout=True)
        text = t(
            "vui.mb.undone",
            entry=t(f"vui.entry.{message.entry}"),
            number=message.number,
            choice=t(f"choice.{message.choice}"),
            reason=message.reason,
        )
        self.post_message(self.Say(text, "ok"))
        self.post_message(self.Stored())

    def on_motion_ballots_failed(self, message: Failed) -> None:
        message.stop()
        self._generation += 1
        if message.op[0] == "ballot":
            entry = message.op[1]
            dropped = len(self._pending[entry])
            self._queue.ops.clear()
            for pending in self._pending.values():
                pending.clear()
            text = t(
                "vui.mb.not_saved",
                reason=message.text,
                number=self.next_number(entry),
                count=max(dropped, 1),
            )
        else:
            text = t("vui.not_saved", reason=message.text)
        self._error_shown = True
        self.post_message(self.Say(text, "error"))
        self.refresh(layout=True)

    def on_motion_ballots_drained(self, message: Drained) -> None:
        message.stop()
        self._queue.drained()

    # ------------------------------------------------------------------ undo

    def undo(self) -> None:
        """Ctrl+Z: take back this entry's last ballot, with a reason."""
        if self.locked:
            self.refuse_closed()
            return
        self.when_saved(self._ask_undo)

    def _ask_undo(self) -> None:
        from tui.reason_prompt import ReasonPrompt

        entry = self.entry
        entry_name = t(f"vui.entry.{entry}")
        try:
            ballots = entry_ballots(self.app.db, self.number, entry).ballots
        except Refusal as refusal:
            self._refuse(refusal_text(refusal))
            return
        if not ballots:
            self._refuse(t("vui.mb.undo_nothing", entry=entry_name))
            return
        number, choice = ballots[-1]

        def confirmed(reason: str | None) -> None:
            if reason:
                self._queue.put(("undo", entry, number, choice, reason))

        prompt = ReasonPrompt(
            t("vui.mb.undo_title"),
            t("vui.mb.undo_prompt", entry=entry_name, number=number, choice=t(f"choice.{choice}")),
            t("common.reason_required"),
        )
        self.app.push_screen(prompt, confirmed)

    # ------------------------------------------------------------------ drawing

    def render(self) -> Text:
        width = max(self.content_size.width, 40)
        entry = self.entry
        keyed = self.keyed()
        text = Text()
        if self.locked:
            text.append(t("vui.mb.closed"), style="bold reverse green")
        elif self.issued is not None and keyed >= self.issued:
            text.append(t("vui.mb.full"), style="bold reverse green")
        else:
            text.append(t("vui.mb.next", number=self.next_number()), style="bold reverse")
        text.append("   ")
        if self.issued is None:
            text.append(t("vui.mb.back_no_issue", returned=keyed), style="bold red")
        else:
            key = "vui.mb.keyed2" if entry == 2 else "vui.mb.back"
            text.append(t(key, returned=keyed, issued=self.issued), style="bold")
            left = self.issued - keyed
            text.append(t("vui.mb.left", left=left), style="dim" if left else "bold yellow")
        text.append("\n")
        if entry == 1:
            counts = self.tally()
            for i, choice in enumerate(CHOICES):
                if i:
                    text.append("   ")
                text.append(t(f"choice.{choice}") + " ")
                text.append(f"{counts[choice]:>3}", style=STYLES[choice])
        else:
            text.append(t("vui.mb.blind"), style="italic")
        text.append("\n")
        recent_ballots(text, self._stored[entry], self._pending[entry], width)
        text.append("\n")
        text.append(t("vui.mb.keys"), style="dim")
        return text
