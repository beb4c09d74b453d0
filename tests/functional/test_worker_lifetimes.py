"""Workers never outlive their screen, and no worker error ends the desk (tui/workers.py).

A refresh is held half-way (its query waits at a gate) while its screen is closed, on an event
loop kept busy by a task that blocks it in short slices, as a loaded laptop does; the result then
arrives for a screen that is gone and must be dropped. A fault in a worker is said in words and
the desk carries on.
"""

import asyncio
import re
import threading
import time
from pathlib import Path

import pytest

from tests.helpers import add_people, badge, delegates, settle
from tui.app import make_app

ROOT = Path(__file__).resolve().parents[2]


class Gate:
    """Wraps a service function: a worker of the screen ``held`` calling it waits here until
    the test opens the gate (every other caller passes: the desk under it keeps working)."""

    def __init__(self, function) -> None:
        self.function = function
        self.held = None
        self.entered = threading.Event()
        self.opened = threading.Event()

    def __call__(self, *args, **kwargs):
        from textual.worker import get_current_worker

        if self.held is not None and get_current_worker().node is self.held:
            self.entered.set()
            self.opened.wait(20)
        return self.function(*args, **kwargs)


async def wait_until(pilot, condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.02)


def busy_loop(stop: asyncio.Event):
    """Blocks the event loop for 10 ms in every 20, as a slow laptop under load would."""

    async def run():
        while not stop.is_set():
            time.sleep(0.01)
            await asyncio.sleep(0.01)

    return asyncio.get_running_loop().create_task(run())


def _checkin_screen():
    from screens.checkin import CheckinScreen

    return CheckinScreen()


def _items_screen():
    from screens.items import ItemsScreen

    return ItemsScreen()


def _motion_screen():
    from screens.motion import MotionScreen

    return MotionScreen(1)


def _election_screen():
    from screens.election import ElectionScreen

    return ElectionScreen(2)


# (name, the screen, the service its refresh worker calls, the method that shows the result)
CASES = [
    ("check-in figures", _checkin_screen, "screens.checkin.dashboard", "_apply_figures"),
    ("voting items", _items_screen, "screens.items.item_rows", "_apply"),
    ("motion", _motion_screen, "screens.motion.motion_outcome", "_apply"),
    ("election", _election_screen, "screens.election.election_outcome", "_apply_outcome"),
]


@pytest.fixture
def voting_db(desk_db):
    from models.elections import new_election
    from models.motions import new_motion

    add_people(desk_db, delegates(3, prefix="E"))
    new_motion(desk_db, "关于集体合同的决议")
    new_election(desk_db, "工会委员会委员选举", seats=1, candidates=["甲", "乙"])
    return desk_db


def spy(screen, method: str) -> list:
    """Record each time ``method`` is applied to ``screen`` (then apply it)."""
    applied = []
    original = getattr(screen, method)

    def recorded(*args):
        applied.append(screen.is_attached)
        return original(*args)

    setattr(screen, method, recorded)
    return applied


@pytest.mark.parametrize(("name", "screen", "target", "shows"), CASES, ids=[c[0] for c in CASES])
async def test_a_result_for_a_closed_screen_is_dropped(
    name, screen, target, shows, voting_db, monkeypatch
):
    module, function = target.rsplit(".", 1)
    gate = Gate(getattr(__import__(module, fromlist=[function]), function))
    monkeypatch.setattr(target, gate)
    app = make_app(database=voting_db, station="1号台")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        gate.entered.clear()
        stop = asyncio.Event()
        busy = busy_loop(stop)
        try:
            closing = screen()
            gate.held = closing
            applied = spy(closing, shows)
            app.push_screen(closing)
            await wait_until(pilot, gate.entered.is_set)
            await app.pop_screen()
            await pilot.press(*badge(voting_db, "D0001"), "enter")  # the desk scans meanwhile
            gate.opened.set()
            await settle(pilot)
        finally:
            stop.set()
            await busy
        assert applied == [], f"{name}: a result was applied to a closed screen"
        assert app.is_running and app.return_code is None, name
        assert type(app.screen).__name__ == "CheckinScreen"
        assert app.screen.query_one("#present").value == "1"
        assert not app._notifications, [n.message for n in app._notifications]


async def test_a_fault_in_a_worker_is_said_and_the_desk_goes_on(voting_db, monkeypatch):
    monkeypatch.setattr("screens.items.item_rows", lambda _db: [object()])  # _apply cannot show it
    app = make_app(database=voting_db, station="1号台")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        said = " ".join(str(n.message) for n in app._notifications)
        assert "后台任务出错" in said
        await pilot.press("escape")
        await pilot.press(*badge(voting_db, "D0002"), "enter")
        await settle(pilot)
        assert app.screen.query_one("#present").value == "1"


def test_every_worker_of_the_desk_is_a_desk_worker():
    """A plain @work would end the app on an error and apply results to closed screens."""
    offenders = []
    for path in [*ROOT.glob("screens/*.py"), *ROOT.glob("tui/*.py")]:
        if path.name in ("workers.py", "app.py"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"@work\(|\.call_from_thread\(", text):
            offenders.append(path.name)
    assert offenders == []
