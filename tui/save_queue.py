"""The ordered save queue of the keying screens (election ballots, motion ballots).

Saving never holds the keyboard: each keyed ballot (or undo) is put in the queue and one thread
worker stores them in order, so the ballot numbers follow the paper stack. The first refusal
stops the worker; the screen drops what is left (nothing after a refused ballot may be stored
under a wrong number). Undo, leaving and switching wait for the queue with :meth:`when_saved`.
"""

from collections import deque

from models.errors import Refusal
from tui.texts import error_line, screen_refusal_text


class SaveQueue:
    """``start()`` launches the owner's worker, which calls :meth:`drain`; the owner's handler
    of the drained message calls :meth:`drained`."""

    def __init__(self, start) -> None:
        self._start = start
        self.ops: deque = deque()
        self.saving = False
        self._after_drain: list = []

    @property
    def busy(self) -> bool:
        return self.saving or bool(self.ops)

    def put(self, op: tuple) -> None:
        self.ops.append(op)
        self.kick()

    def kick(self) -> None:
        if not self.saving and self.ops:
            self.saving = True
            self._start()

    def when_saved(self, callback) -> None:
        """Run now, or once every queued operation is answered."""
        if self.busy:
            self._after_drain.append(callback)
        else:
            callback()

    def drain(self, node, store, failed, drained) -> None:
        """In the worker: ``store(op)`` each operation in order; the first refusal or error is
        posted as ``failed(op, text)`` and stops the run (a locked database must not end the
        count); ``drained()`` is posted last."""
        while self.ops:
            op = self.ops.popleft()
            try:
                store(op)
            except Refusal as refusal:
                node.post_message(failed(op, screen_refusal_text(refusal)))
                break
            except Exception as error:
                node.post_message(failed(op, error_line(error)))
                break
        node.post_message(drained())

    def drained(self) -> None:
        """On the UI thread: start again if operations came meanwhile, else run the waiters."""
        self.saving = False
        if self.ops:
            self.kick()
            return
        callbacks, self._after_drain = self._after_drain, []
        for callback in callbacks:
            callback()
