"""The projector page in a real browser.

``huiwu display --serve`` runs as a subprocess; headless Chromium loads the page, driven over the
DevTools protocol, and the test reads xterm's own buffer (tests/chromium.py: the helpers this
test, tests/functional/test_seat_map_browser.py and bench/seatmap.py share).
"""

import os
import time
from pathlib import Path

import aiohttp  # comes with textual-serve
import pytest

from models import contests, scores
from models.congress import create_congress
from models.db import open_database
from tests.chromium import (
    CHROMIUM,
    DEADLINE_SECONDS,
    ROOT,
    TimedOut,
    chromium_command,
    devtools,
    free_port,
    from_this_machine,
    listening_addresses,
    port_open,
    running,
    serve_command,
    until,
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed (scripts/test-deps.sh installs Debian's chromium)",
)


@pytest.fixture
def show_db(tmp_path):
    path = tmp_path / "show.db"
    db = open_database(path)
    create_congress(db, "浏览器测试大会")
    contests.new_contest(db, "职工演讲比赛", judges=5, trim=1, awards="一等奖:1,二等奖:1")
    for name, unit in (("欧阳明", "一车间"), ("司马青", "二车间"), ("上官红", "三车间")):
        contests.add_entrant(db, 1, name, unit=unit)
    for entrant, marks in (("欧阳明", "90 92 91 95 80"), ("司马青", "88 87 89 90 86")):
        for judge, mark in enumerate(marks.split(), 1):
            scores.record_mark(db, 1, entrant, judge, mark)
    contests.set_on_stage(db, 1, "司马青")
    db.dispose()
    return path


def score_third_entrant(path: Path) -> None:
    """As another desk would: 70 72 71 75 60, highest and lowest dropped → 71.00."""
    db = open_database(path)
    for judge, mark in enumerate(["70", "72", "71", "75", "60"], 1):
        scores.record_mark(db, 1, "上官红", judge, mark)
    db.dispose()


@pytest.mark.timeout(DEADLINE_SECONDS + 30)
async def test_served_page_shows_the_leaderboard_in_chromium(show_db, tmp_path):
    assert CHROMIUM, "Chromium is missing: run scripts/test-deps.sh"
    deadline = time.monotonic() + DEADLINE_SECONDS
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("HUIWU_DB", "HUIWU_LANG")}
    profile = tmp_path / "chromium"
    with running(serve_command(show_db, port), tmp_path / "serve.log", cwd=ROOT, env=env):
        await until(deadline, f"the server on port {port}", lambda: port_open(port))
        if Path("/proc/net/tcp").exists():  # without --host: loopback only, never the LAN
            assert listening_addresses(port) == {"0100007F"}, listening_addresses(port)
        with running(chromium_command(profile), tmp_path / "chromium.log"):
            async with aiohttp.ClientSession() as http, devtools(http, profile, deadline) as page:
                await page.open(f"http://127.0.0.1:{port}/")
                try:
                    screen = await until(
                        deadline, "the leaderboard", page.showing("排行榜", "欧阳明", "91.00")
                    )
                    score_third_entrant(show_db)
                    followed = await until(deadline, "the new score", page.showing("71.00"))
                except TimedOut:
                    print("page text:", await page.text(), sep="\n")
                    print("server:", (tmp_path / "serve.log").read_text(errors="replace"))
                    raise
                requested = list(page.requested)
    # The hall's laptop may be offline: the page, its scripts, fonts and socket all come from here.
    assert requested and requested[0].startswith(f"http://127.0.0.1:{port}/"), requested
    assert [url for url in requested if not from_this_machine(url)] == []
    assert any(url.endswith(".ttf") for url in requested), requested  # the font is served locally
    # 欧阳明: 90 92 91 95 80, the highest and lowest dropped → 91.00, first place.
    row = next(line for line in screen.splitlines() if "欧阳明" in line)
    assert "91.00" in row and "一车间" in row and "一等奖" in row
    assert "司马青" in screen and "88.00" in screen  # on stage, with its final score
    row = next(line for line in followed.splitlines() if "上官红" in line)
    assert "71.00" in row and "三车间" in row
