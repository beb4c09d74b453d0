"""``huiwu display``: the projector view in this terminal, or served as a page (textual-serve).

Served, every browser that opens the page gets its own ``huiwu display`` process, started by
textual-serve with the command built here. The database and language travel in the environment
(``HUIWU_DB``, ``HUIWU_LANG``): no path or password needs quoting on a command line, and the
child opens exactly the database this process resolved, whatever its working directory.
"""

import ipaddress
import logging
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import click

from models.db import open_database, resolve_url
from tui.i18n import get_lang, set_lang, t

WILDCARD_HOSTS = {"", "0.0.0.0", "::"}


def run_display(*, db, lang, contest, serve: bool, host: str, port: int, event=None) -> None:
    from tui.display_app import make_display_app, resolve_contest

    if not serve:
        logging.disable(logging.WARNING)
        make_display_app(db=db, contest=contest, lang=lang, event=event).run()
        return
    database = open_database(db)
    try:
        info = resolve_contest(database, contest)  # refuse here, not in every browser's child
    finally:
        database.dispose()
    os.environ["HUIWU_DB"] = resolve_url(db)
    if lang:
        os.environ["HUIWU_LANG"] = lang
    extra = ["--event", event] if event else []
    serve_display(display_command(info.number, extra=extra), info.title, host, port)


def run_meet(*, db, lang, meet, serve: bool, host: str, port: int) -> None:
    """``huiwu display --meet MEET``: a sports meet's team points and medal table."""
    from models.matches import load_meet
    from tui.display_app import make_meet_app

    if not serve:
        logging.disable(logging.WARNING)
        make_meet_app(db=db, meet=meet, lang=lang).run()
        return
    set_lang(lang)
    database = open_database(db)
    try:
        with database.read() as conn:
            info = load_meet(conn, meet)  # refuse here, not in every browser's child
    finally:
        database.dispose()
    os.environ["HUIWU_DB"] = resolve_url(db)
    if lang:
        os.environ["HUIWU_LANG"] = lang
    serve_display(display_command(extra=["--meet", str(info.number)]), info.name, host, port)


def run_seat_map(*, db, lang, serve: bool, host: str, port: int) -> None:
    """``huiwu display --seats``: the seat map here, or served as the page."""
    from models.seats.seat_map import seat_map
    from tui.display_app import make_seat_map_app

    if not serve:
        logging.disable(logging.WARNING)
        make_seat_map_app(db=db, lang=lang).run()
        return
    set_lang(lang)
    database = open_database(db)
    try:
        found = seat_map(database)  # refuse here, not in every browser's child
    finally:
        database.dispose()
    os.environ["HUIWU_DB"] = resolve_url(db)
    if lang:
        os.environ["HUIWU_LANG"] = lang
    title = f"{found.congress} · {t('seatmap.page_title')}"
    serve_display(display_command(seats=True), title, host, port)


def display_command(
    contest_number: int | None = None, *, seats: bool = False, extra: list[str] | None = None
) -> str:
    """The shell command textual-serve starts per browser, quoted for this platform's shell."""
    what = ["--seats"] if seats else [str(contest_number)] if contest_number is not None else []
    what += extra or []
    if getattr(sys, "frozen", False):  # a bundled huiwu.exe is its own interpreter
        argv = [sys.executable, "display", *what]
    else:
        argv = [sys.executable, "-m", "main", "display", *what]
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


PAGE_FOLDER = Path(__file__).with_name("serve_page")


def serve_display(command: str, title: str, host: str, port: int) -> None:
    url = public_url(host, port)
    click.echo(t("display.serving", url=url))
    local_page_server(command=command, host=host, port=port, title=title, public_url=url).serve()


def local_page_server(**options):
    """textual-serve's Server with huiwu's page (tui/serve_page): the stock page asks the
    internet for its font, and a hall's laptop is often offline (or must not be seen online)."""
    import aiohttp_jinja2
    from textual_serve.server import Server

    class LocalPageServer(Server):
        async def _make_app(self):
            app = await super()._make_app()
            aiohttp_jinja2.get_env(app).globals["page"] = page_words()
            return app

    return LocalPageServer(templates_path=PAGE_FOLDER, **options)


def page_words() -> dict[str, str]:
    return {
        "lang": "zh-CN" if get_lang() == "zh" else "en",
        "start": t("display.page_start"),
        "ended": t("display.page_ended"),
        "restart": t("display.page_restart"),
    }


def public_url(host: str, port: int) -> str:
    """The address browsers are sent to for the page's scripts and websocket.

    textual-serve writes absolute URLs into the page, so bound to every interface it must name
    this machine's LAN address, not 0.0.0.0, or a laptop on the projector could not connect.
    """
    if host in WILDCARD_HOSTS:
        host = lan_address()
    if _is_ipv6(host):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def lan_address() -> str:
    # Connecting a UDP socket sends nothing; it only asks the OS which interface it would use.
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"


def _is_ipv6(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).version == 6
    except ValueError:
        return False
