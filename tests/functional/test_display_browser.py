"""The projector page in a real browser.

``huiwu display --serve`` runs as a subprocess; headless Chromium (Debian's package, installed by
scripts/test-deps.sh) loads the page and is driven over the DevTools protocol. textual-serve draws
the terminal with xterm.js on a canvas, so the text is read from xterm's own buffer: a script
installed before the page's scripts notes every xterm ``Terminal`` as it is constructed (the
public class is the only one that sets ``_addonManager``), and the test reads its rows.
"""

import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp  # comes with textual-serve
import pytest

from models import contests, scores
from models.congress import create_congress
from models.db import open_database

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_SECONDS = 60
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CHROMIUM = next(
    (path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed (scripts/test-deps.sh installs Debian's chromium)",
)

# Runs in the page before textual.js: keep every xterm Terminal where the test can read it.
CATCH_TERMINALS = """
window.__terminals = [];
Object.defineProperty(Object.prototype, "_addonManager", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "_addonManager", {
      value, writable: true, configurable: true, enumerable: true,
    });
    window.__terminals.push(this);
  },
});
"""

READ_SCREEN = """
(() => {
  const term = (window.__terminals || [])[0];
  if (!term) {
    const rows = document.querySelector(".xterm-rows");  // xterm's DOM renderer, if it is used
    return rows ? rows.innerText : "";
  }
  const buffer = term.buffer.active;
  const lines = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
})()
"""


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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(argv: list[str], log: Path, **options) -> subprocess.Popen:
    """Its own process group, so the processes it starts (a browser's app, Chromium's helpers)
    can be ended with it."""
    with log.open("wb") as out:
        return subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True, **options,
        )  # fmt: skip


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the group, then SIGKILL to whatever of it is left."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(5)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(5)


@contextlib.contextmanager
def running(argv: list[str], log: Path, **options):
    process = start(argv, log, **options)
    try:
        yield process
    finally:
        stop(process)


async def until(deadline: float, what: str, probe):
    """Poll ``probe`` (sync or async) until it returns something truthy, or fail at the deadline."""
    while True:
        value = probe()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.2)


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def listening_addresses(port: int) -> set[str]:
    """Where something listens on ``port``, from the kernel's own table (Linux)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        with contextlib.suppress(OSError), open(table) as rows:
            for row in list(rows)[1:]:
                local, state = row.split()[1], row.split()[3]
                address, port_hex = local.split(":")
                if state == "0A" and int(port_hex, 16) == port and len(address) == width:
                    found.add(address)
    return found


def serve_command(db: Path, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "main",
        "--db",
        str(db),
        "display",
        "--serve",
        "--port",
        str(port),
    ]


def chromium_command(profile: Path) -> list[str]:
    return [
        CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
        f"--user-data-dir={profile}", "--no-first-run", "--no-default-browser-check",
        "--window-size=1600,1000", "about:blank",
    ]  # fmt: skip


class DevTools:
    """Just enough of the Chrome DevTools protocol: send a command, wait for its answer."""

    def __init__(self, socket_) -> None:
        self.socket = socket_
        self.next_id = 0
        self.requested: list[str] = []  # every URL the page asked for, in order

    async def call(self, method: str, **params) -> dict:
        self.next_id += 1
        ask = self.next_id
        await self.socket.send_str(json.dumps({"id": ask, "method": method, "params": params}))
        async for message in self.socket:
            data = json.loads(message.data)
            if data.get("method") == "Network.requestWillBeSent":
                self.requested.append(data["params"]["request"]["url"])
            elif data.get("method") == "Network.webSocketCreated":
                self.requested.append(data["params"]["url"])
            if data.get("id") == ask:
                if "error" in data:
                    raise AssertionError(f"{method}: {data['error']}")
                return data.get("result", {})
        raise AssertionError(f"DevTools closed during {method}")

    async def open(self, url: str) -> None:
        await self.call("Network.enable")  # so every request the page makes is recorded
        await self.call("Page.enable")
        await self.call("Page.addScriptToEvaluateOnNewDocument", source=CATCH_TERMINALS)
        await self.call("Page.navigate", url=url)

    async def text(self) -> str:
        result = await self.call("Runtime.evaluate", expression=READ_SCREEN, returnByValue=True)
        return result.get("result", {}).get("value") or ""

    def showing(self, *words: str):
        """A probe for :func:`until`: the terminal's text once it holds every word."""

        async def probe() -> str:
            text = await self.text()
            return text if all(word in text for word in words) else ""

        return probe


@contextlib.asynccontextmanager
async def devtools(http: aiohttp.ClientSession, profile: Path, deadline: float):
    """The DevTools socket of Chromium's first page (the port is in the profile's file)."""
    active = profile / "DevToolsActivePort"
    await until(deadline, "Chromium's DevTools port", lambda: active.is_file() and active.read_text().strip())  # fmt: skip
    port = active.read_text().split()[0]

    async def page_socket() -> str | None:
        async with http.get(f"http://127.0.0.1:{port}/json/list") as answer:
            pages = [target for target in await answer.json() if target.get("type") == "page"]
        return pages[0]["webSocketDebuggerUrl"] if pages else None

    url = await until(deadline, "a Chromium page", page_socket)
    async with http.ws_connect(url, max_msg_size=0) as socket_:
        yield DevTools(socket_)


def from_this_machine(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOOPBACK


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
                except pytest.fail.Exception:
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
