"""Driving the app as a desk does, shared by the bench scripts.

Light on purpose (Textual only): ``tui_memory.py`` and ``first_frame.py`` import it in the
process they measure, so nothing of the benchmark's data building may come with it.
"""

import asyncio
import time
from collections.abc import Callable

from textual import events

SIZE = (120, 40)
STATION = "bench"
TIMEOUT_S = 30.0


def post_burst(widget, text: str) -> None:
    """A keyboard-wedge scanner: every key of the badge queued at once, then Enter — to the App,
    as the terminal delivers keys, so a burst takes the path of a real scan (the App's scan
    recogniser and router, tui/scan_router.py) to the focused widget or the check-in."""
    app = widget.app
    for char in text:
        app.post_message(events.Key(char, char))
    app.post_message(events.Key("enter", "\r"))


async def wait_until(condition: Callable[[], bool], what: str, pause: float = 0) -> None:
    """Spin the event loop (no fixed sleeps) until ``condition`` holds. ``pause`` > 0 polls
    instead, leaving the GIL to a worker thread whose progress is being waited on."""
    deadline = time.perf_counter() + TIMEOUT_S
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(pause)


def panel_names(panel, name: str) -> bool:
    """The result panel answers about ``name``."""
    detail = getattr(panel, "detail", "") or ""
    return detail.split(" · ", 1)[0] == name


def due_shown(app) -> bool:
    """The check-in dashboard shows its figures (the due count)."""
    try:
        return app.screen.query_one("#due").value != "0"
    except Exception:  # the check-in screen is not there yet
        return False
