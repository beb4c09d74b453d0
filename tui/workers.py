"""Workers that never outlive their screen and never end the desk.

Every slow job of a screen runs in a thread worker made with :func:`desk_work`, and hands its
result back with :func:`deliver`. A result that arrives after its screen was closed or replaced
is dropped, never applied to widgets that are gone; an error in a worker is logged and said in
words at the foot of the screen, and the desk goes on (Textual's own default ends the app).
"""

import functools
import inspect
import logging
from contextlib import suppress

from textual import work

from tui.i18n import t

log = logging.getLogger("huiwu.workers")


def alive(node) -> bool:
    """The widget (or screen) is still in the app's DOM, on a screen that is still open."""
    if not node.is_attached:
        return False
    try:
        screen = node.screen
        return screen in node.app.screen_stack
    except Exception:  # no screen any more: being removed
        return False


def deliver(node, callback, *args) -> None:
    """From a worker thread: run ``callback(*args)`` on the UI thread, unless ``node``'s screen
    has gone meanwhile (then it is dropped). Waits for the callback like call_from_thread."""

    async def on_ui_thread():
        if not alive(node):
            return
        try:
            result = callback(*args)
            if inspect.isawaitable(result):  # an async handler (e.g. one that mounts widgets)
                await result
        except Exception:
            if alive(node):
                raise  # a real fault: desk_work reports it
            # the screen closed while the callback ran: its widgets are gone, nothing to show

    with suppress(RuntimeError):  # the app is closing: nothing to show any more
        node.app.call_from_thread(on_ui_thread)


def report_worker_error(app, error: BaseException) -> None:
    """On the UI thread: the desk stays open and says what went wrong."""
    app.notify(
        t("desk.worker_error", detail=str(error) or type(error).__name__),
        title=t("desk.worker_error_title"),
        severity="error",
        timeout=10,
        markup=False,
    )
    app.bell()


def desk_work(*, group: str = "default", exclusive: bool = False):
    """``@work(thread=True)`` for huiwu's screens: an exception is logged and shown in words,
    never ends the app (``exit_on_error=False`` and a guard around the job)."""

    def decorator(method):
        @functools.wraps(method)
        def guarded(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except Exception as error:
                log.exception("worker %s failed", method.__qualname__)
                if alive(self):
                    with suppress(RuntimeError):
                        self.app.call_from_thread(report_worker_error, self.app, error)
                return None

        return work(thread=True, group=group, exclusive=exclusive, exit_on_error=False)(guarded)

    return decorator


class FollowsOtherDesks:
    """Mix into a screen whose figures other desks change: ``watch_tick`` (on a timer) asks the
    screen's ChangeWatch (``self._watch``, models/watch.py) in a worker, one question at a time,
    and calls ``changed_elsewhere()`` when something was committed meanwhile."""

    _watching = False

    def changed_elsewhere(self) -> None:
        raise NotImplementedError

    def watch_tick(self) -> None:
        if not self._watching:  # a slow server never stacks up ticks
            self._watching = True
            self.watch_changes()

    @desk_work(group="watch")
    def watch_changes(self) -> None:
        try:
            changed = self._watch.changed()
        except Exception:  # a hiccup of the server: the next tick asks again
            changed = False
        deliver(self, self._watched, changed)

    def _watched(self, changed: bool) -> None:
        self._watching = False
        if changed:
            self.changed_elsewhere()
