"""A throwaway PostgreSQL server on loopback for the test suite.

Started once per test run from Debian's packages (``.ci/run`` / ``make test`` install them when
missing). Each test gets its own database cloned from a migrated template, so tests never see
each other's rows. When the server cannot start, the PostgreSQL half of the suite fails loudly
with the reason; it is never skipped silently.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from itertools import count
from pathlib import Path

TEMPLATE = "huiwu_template"
_FAST_UNSAFE = ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]


def _pg_bin(name: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    found = candidates[0] if candidates else shutil.which(name)
    if not found:
        raise RuntimeError(
            f"PostgreSQL's {name} was not found; run `make test` (it installs Debian's "
            "postgresql package) or install it yourself."
        )
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres_user(cmd: list[str]) -> list[str]:
    # The server refuses to run as root; CI and the dev machines run the suite as root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class PgServer:
    """``durable=True`` keeps PostgreSQL's crash-safe defaults (fsync, synchronous commit, full
    page writes) for benchmarks; the test suite trades them for speed, as a process kill (the
    worst the tests do) never needs them."""

    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable
        self.dir = Path(tempfile.mkdtemp(prefix="huiwu-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self._names = count(1)
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        subprocess.run(
            _as_postgres_user(
                [
                    _pg_bin("initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            capture_output=True,
        )
        self._launch()
        self._wait_ready()
        self._make_template()

    def _launch(self) -> None:
        self.proc = subprocess.Popen(
            _as_postgres_user(
                [
                    _pg_bin("postgres"),
                    "-D",
                    str(self.data),
                    "-p",
                    str(self.port),
                    "-k",
                    str(self.dir),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    *([] if self.durable else _FAST_UNSAFE),
                    "-c",
                    "max_connections=200",
                ]
            ),
            stdout=subprocess.DEVNULL,
            stderr=open(self.dir / "server.log", "ab"),  # noqa: SIM115
        )

    def _wait_ready(self) -> None:
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(self.admin_dsn(), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    log = (self.dir / "server.log").read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"PostgreSQL did not start:\n{log}") from None
                time.sleep(0.1)

    def admin_dsn(self, dbname: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={dbname}"

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def _execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_dsn(), autocommit=True) as conn:
            conn.execute(sql)

    def _make_template(self) -> None:
        from models.db import open_database

        self._execute(f"CREATE DATABASE {TEMPLATE}")
        database = open_database(self.url(TEMPLATE))
        database.dispose()

    def new_database(self) -> str:
        name = f"t{os.getpid()}_{next(self._names)}"
        self._execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def pause(self) -> None:
        """Stop the server, keeping its data: what the desks see when the server laptop goes
        away (its connections are cut, new ones are refused)."""
        # pg_ctl's fast shutdown ends open sessions at once and waits until the server is down
        # (a signal to runuser would leave the postmaster waiting for its clients).
        subprocess.run(
            _as_postgres_user(
                [_pg_bin("pg_ctl"), "stop", "-D", str(self.data), "-m", "fast", "-w"]
            ),
            check=True,
            capture_output=True,
            timeout=60,
        )
        if self.proc is not None:
            self.proc.wait(timeout=30)

    def resume(self) -> None:
        """Start the paused server again on its data and port."""
        self._launch()
        self._wait_ready()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)
