"""Driving a served page in headless Chromium (Debian's package, installed by
scripts/test-deps.sh) over the DevTools protocol, for the browser tests and bench/seatmap.py.

textual-serve draws the terminal with xterm.js on a canvas, so what the page shows is read from
xterm's own buffer: a script installed before the page's scripts notes every xterm ``Terminal``
as it is constructed (the public class is the only one that sets ``_addonManager``), and the
caller reads its rows, or one cell's colours.
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

ROOT = Path(__file__).resolve().parents[1]
DEADLINE_SECONDS = 60
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CHROMIUM = next(
    (path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None
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


class TimedOut(AssertionError):
    """What the page never showed before the deadline."""


async def until(deadline: float, what: str, probe, *, every: float = 0.2):
    """Poll ``probe`` (sync or async) until it returns something truthy, or fail at the deadline."""
    while True:
        value = probe()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimedOut(f"timed out waiting for {what}")
        await asyncio.sleep(every)


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


def serve_command(db: Path | str, port: int, *display: str) -> list[str]:
    """``huiwu display --serve`` on ``db`` (a path or URL) (``display``: ``--seats`` or a contest)."""
    return [sys.executable, "-m", "main", "--db", str(db), "display", *display, "--serve", "--port", str(port)]  # fmt: skip


def chromium_command(profile: Path) -> list[str]:
    return [
        CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
        f"--user-data-dir={profile}", "--no-first-run", "--no-default-browser-check",
        "--window-size=1600,1000", "about:blank",
    ]  # fmt: skip


# Where ``text`` starts on the terminal (cell by cell: a wide character fills two cells, the second
# empty) and that cell's colours. xterm gives a 24-bit colour as 0xRRGGBB when isBgRGB().
FIND_CELL = """
((text) => {
  const term = (window.__terminals || [])[0];
  if (!term) return null;
  const buffer = term.buffer.active;
  const wanted = Array.from(text);
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    if (!line) continue;
    for (let x = 0; x < term.cols; x++) {
      let at = x, i = 0;
      while (i < wanted.length && at < term.cols) {
        const cell = line.getCell(at);
        if (cell.getWidth() === 0) { at++; continue; }
        if (cell.getChars() !== wanted[i]) break;
        i++; at++;
      }
      if (i === wanted.length) {
        const cell = line.getCell(x);
        return {
          x, y, bg: cell.getBgColor(), fg: cell.getFgColor(),
          bgRGB: cell.isBgRGB(), fgRGB: cell.isFgRGB(),
        };
      }
    }
  }
  return null;
})
"""


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

    async def cell(self, text: str) -> dict | None:
        """Where ``text`` is on the page and its first cell's colours ``{"x", "y", "bg", "fg",
        "bgRGB", "fgRGB"}`` (a 24-bit colour as 0xRRGGBB when ``bgRGB``), or None."""
        expression = f"{FIND_CELL}({json.dumps(text)})"
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def background(self, text: str) -> str | None:
        """The background of the cell where ``text`` starts, as ``#rrggbb`` (None when it is not
        shown or not a 24-bit colour)."""
        found = await self.cell(text)
        if not found or not found["bgRGB"]:
            return None
        return f"#{found['bg']:06x}"

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
