"""The app-driving part of bench/run.py: keyboard-wedge bursts into the real check-in screen and
into a bare Textual app (the floor of key handling), and the in-process start-up to the figures.
"""

import contextlib
import time
from pathlib import Path

from drive import SIZE, STATION, due_shown, panel_names, post_burst, wait_until
from textual import events
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Input, Label
from textual.worker import WorkerCancelled

from models.db import open_database
from tui.app import make_app
from tui.widgets import ResultPanel, ScanInput


def percentile(values: list[float], share: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


async def settle_workers(app: App) -> None:
    """Let the figures workers finish (an exclusive one replaced by a newer one is cancelled)."""
    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


# ---------------------------------------------------------------------------------------- apps


class BareInput(Input):
    """The floor: an Input that takes its value and clears itself on Enter."""

    class Done(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            text = self.value
            self.value = ""
            self.post_message(self.Done(text))
            return
        await super()._on_key(event)


class BareScanApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.shown = ""

    def compose(self) -> ComposeResult:
        yield BareInput(id="scan")
        yield Label("", id="shown")

    def on_mount(self) -> None:
        self.query_one(BareInput).focus()

    def on_bare_input_done(self, message: BareInput.Done) -> None:
        self.query_one("#shown", Label).update(message.text)
        self.shown = message.text


# ---------------------------------------------------------------------------------------- measures


async def scans_ours(path: Path, people: list[tuple[str, str]]) -> list[float]:
    app = make_app(database=open_database(path), lang="zh", station=STATION)
    samples: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: due_shown(app), "the check-in screen")
        await settle_workers(app)
        await pilot.pause()
        scan = app.screen.query_one(ScanInput)
        panel = app.screen.query_one(ResultPanel)
        for text, name in people:
            started = time.perf_counter()
            post_burst(scan, text)
            await wait_until(
                lambda name=name: panel_names(panel, name), f"the panel to show {name}"
            )
            samples.append(time.perf_counter() - started)
        await settle_workers(app)
    return samples


async def scans_bare(people: list[tuple[str, str]]) -> list[float]:
    app = BareScanApp()
    samples: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        scan = app.query_one(BareInput)
        for text, _name in people:
            started = time.perf_counter()
            post_burst(scan, text)
            await wait_until(lambda text=text: app.shown == text, "the bare label")
            samples.append(time.perf_counter() - started)
    return samples


async def startup_ours(path: Path) -> float:
    started = time.perf_counter()
    app = make_app(database=open_database(path), lang="zh", station=STATION)
    async with app.run_test(size=SIZE):
        await wait_until(lambda: due_shown(app), "the due count")
        elapsed = time.perf_counter() - started
        await settle_workers(app)
    return elapsed
