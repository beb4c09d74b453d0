"""One launch, timed to its first frame: ``python bench/first_frame.py ours|bare DB T0``.

Run by ``bench/run.py`` as a fresh process, as a user's ``huiwu`` is: Python starts, imports the
command and builds the app as ``huiwu`` does (``tui.app.launch_app``) and paints; the database opens
in a worker meanwhile. ``T0`` is the parent's ``time.time()`` just before it started this process.
Prints the seconds from then to the end of the first refresh of the first screen (headless,
120×40), then to the check-in dashboard showing the due count (``ours``; the first figure again
for ``bare``), then the peak RSS in MiB, and exits. ``bare`` is the floor: a Textual app with only
a DataTable and an Input.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import private_folders  # noqa: E402, F401 - huiwu's data and export folders: temporary ones


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB (0 where it cannot be read).

    Linux: VmHWM of /proc/self/status, the high-water mark of this program's own memory;
    ``ru_maxrss`` would carry over the parent's peak from before the fork."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    try:
        import resource
    except ImportError:  # Windows: not measured here
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def bare_app():
    from textual.app import App
    from textual.widgets import DataTable, Input

    class Bare(App):
        def compose(self):
            yield Input()
            yield DataTable()

    return Bare()


def our_app(db: str):
    import main  # noqa: F401 - the `huiwu` command's own imports, as a real launch pays them
    from tui.app import launch_app

    return launch_app(db=db, lang="zh", station="bench")


def main_() -> None:
    which, db, t0 = sys.argv[1], sys.argv[2], float(sys.argv[3])
    app = bare_app() if which == "bare" else our_app(db)
    shown: list[float] = []

    def painted() -> None:
        shown.append(time.time() - t0)

    async def first_frame(pilot) -> None:
        from drive import due_shown, wait_until

        # Polling with a pause: a busy loop here would hold the GIL the opening worker needs.
        app.screen.call_after_refresh(painted)
        await wait_until(lambda: bool(shown), "the first frame", pause=0.002)
        if which == "ours":
            await wait_until(lambda: due_shown(app), "the dashboard", pause=0.002)
        shown.append(time.time() - t0)
        app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=first_frame)
    if len(shown) < 2:
        raise SystemExit(f"the app ended before its dashboard: {getattr(app, 'launch_error', '')}")
    print(f"{shown[0]:.6f} {shown[1]:.6f} {peak_rss_mb():.1f}", flush=True)


if __name__ == "__main__":
    main_()
