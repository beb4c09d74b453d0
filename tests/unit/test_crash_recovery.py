"""A desk killed with SIGKILL in the middle of a burst of scans loses nothing it showed as ✔.

The desk is a separate Python process that scans the 500 badges in a shuffled order and, once a
check-in has returned ✔, reports the code on one flushed line of its stdout. The test kills it
(a real SIGKILL: no handler, no cleanup, possibly inside a transaction) after a chosen number of
✔, reopens the database and checks that every reported ✔ is stored once and the log agrees;
then a restarted desk scans everything again and the day ends complete and verified.
"""

import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from models.attendance import T_CHECKIN, attendance
from models.audit import T_EVENT
from models.audit import verify as verify_chain
from models.congress import T_PERSON, create_congress, create_sitting
from models.db import open_database
from models.verify import verify_database
from tests.helpers import add_people, delegates

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

BADGES = 500
ROOT = Path(__file__).resolve().parents[2]
LINE_TIMEOUT_S = 60  # the desk's start-up (imports, connection) or one scan under load
DESK = "from tests.unit.test_crash_recovery import desk_main; desk_main()"


def desk_main() -> None:
    """The desk process: ``python -c DESK url seed station``. Prints ``status code`` per scan
    (flushed only after check_in returned, i.e. after the commit), then ``done``."""
    from models.attendance import check_in
    from tests.helpers import badge

    url, seed, station = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    db = open_database(url)
    texts = [badge(db, f"D{i:04d}") for i in range(1, BADGES + 1)]
    random.Random(seed).shuffle(texts)
    for text in texts:
        result = check_in(db, text, station=station, method="scan")
        print(result.status, result.code, flush=True)
    print("done", flush=True)
    db.dispose()


class Desk:
    """A desk process and a thread that turns its stdout into a queue of lines (None at EOF), so
    every wait has a timeout and a hung desk fails the test instead of blocking it."""

    def __init__(self, url: str, seed: int, station: str):
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen(
            [sys.executable, "-c", DESK, url, str(seed), station],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.split())
        self.lines.put(None)

    def next_line(self) -> list[str] | None:
        try:
            return self.lines.get(timeout=LINE_TIMEOUT_S)
        except queue.Empty:
            self.proc.kill()
            pytest.fail(f"the desk said nothing for {LINE_TIMEOUT_S} s")

    def rest(self) -> list[list[str]]:
        """Every line still to come, up to EOF."""
        lines = []
        while (line := self.next_line()) is not None:
            lines.append(line)
        self.proc.wait(timeout=LINE_TIMEOUT_S)
        return lines

    def fail_with_stderr(self, what: str):
        self.proc.kill()
        self.proc.wait(timeout=LINE_TIMEOUT_S)
        pytest.fail(f"{what}; the desk's stderr:\n{self.proc.stderr.read()}")


def scan_until_killed(url: str, seed: int, kill_after: int) -> set[str]:
    """Run a desk, SIGKILL it right after its ``kill_after``-th ✔; every code it reported ✔."""
    desk = Desk(url, seed, "1号台")
    reported: list[str] = []
    while len(reported) < kill_after:
        line = desk.next_line()
        if line is None or line[0] == "done":
            desk.fail_with_stderr(f"the desk stopped after {len(reported)} ✔")
        assert line[0] == "ok", line
        reported.append(line[1])
    os.kill(desk.proc.pid, signal.SIGKILL)
    # Lines already in the pipe were shown before the kill: they count as reported ✔ too. A
    # blank tail (the kill landed inside a print) names nobody, so it reports nothing.
    for line in desk.rest():
        if not line:
            continue
        assert line[0] == "ok", line
        reported.append(line[1])
    assert desk.proc.returncode == -signal.SIGKILL
    assert len(reported) < BADGES, "the desk finished before the kill; nothing was tested"
    assert len(set(reported)) == len(reported), "a badge was reported ✔ twice"
    return set(reported)


def scan_to_the_end(url: str, seed: int) -> Counter:
    desk = Desk(url, seed, "2号台")
    lines = desk.rest()
    if desk.proc.returncode != 0 or not lines or lines[-1] != ["done"]:
        pytest.fail(f"the restarted desk failed:\n{desk.proc.stderr.read()}")
    return Counter((status, code) for status, code in lines[:-1])


def build_congress(url: str) -> None:
    db = open_database(url)
    create_congress(db, "断电测试大会")
    create_sitting(db, "第一次全体会议")
    add_people(db, delegates(BADGES))
    db.dispose()


def stored_codes(db) -> list[str]:
    with db.read() as conn:
        return list(
            conn.execute(
                select(T_PERSON.c.code).select_from(
                    T_CHECKIN.join(T_PERSON, T_CHECKIN.c.person_id == T_PERSON.c.id)
                )
            ).scalars()
        )


def logged_codes(db) -> list[str]:
    """The code of every ``checkin`` event in the audit log."""
    with db.read() as conn:
        payloads = conn.execute(select(T_EVENT.c.payload).where(T_EVENT.c.kind == "checkin"))
        return [json.loads(payload)["code"] for payload in payloads.scalars()]


def assert_consistent(db) -> set[str]:
    """The stored check-ins, each once, equal to the logged ones; the chain and the self-check
    pass. Returns the checked-in codes."""
    if db.is_sqlite:
        with db.read() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    stored, logged = stored_codes(db), logged_codes(db)
    assert len(stored) == len(set(stored)), "a person is checked in twice"
    assert Counter(logged) == Counter(stored), "check-in rows and checkin events disagree"
    assert verify_chain(db).ok
    report = verify_database(db)
    assert report.ok, report.first_failure
    return set(stored)


@pytest.mark.timeout(180)
@pytest.mark.parametrize(("kill_after", "seed"), [(150, 1), (275, 2), (420, 3)])
def test_a_killed_desk_loses_no_reported_checkin(db_url, kill_after, seed):
    build_congress(db_url)
    reported = scan_until_killed(db_url, seed, kill_after)

    db = open_database(db_url)
    try:
        stored = assert_consistent(db)
        assert reported <= stored, f"lost ✔: {sorted(reported - stored)}"
        # At most the one check-in that committed while its ✔ line was being written.
        assert len(stored - reported) <= 1, sorted(stored - reported)

        scans = scan_to_the_end(db_url, seed + 100)
        assert {code for status, code in scans if status == "ok"} == {
            f"D{i:04d}" for i in range(1, BADGES + 1)
        } - stored
        assert {code for status, code in scans if status == "already"} == stored
        assert sum(scans.values()) == BADGES

        final = assert_consistent(db)
        assert len(final) == BADGES
        assert attendance(db).figures.present == BADGES
    finally:
        db.dispose()
