"""The issue's proof for desks without their server (issue 21, part 3): two desks (separate
processes) scan 500 badges each, 100 of them at both desks, and PostgreSQL is stopped for the
middle of the burst. Desk B is killed with SIGKILL while offline and started again on its own
files. Every scan is answered; after the restart every check-in is stored exactly once, the 100
are listed with both desks and times, nothing a desk showed is lost, and verify passes."""

import multiprocessing
import os
import signal
import traceback

import pytest
from sqlalchemy import func, select

from models.attendance import T_CHECKIN, attendance
from models.congress import T_PERSON, create_congress, create_sitting
from models.db import open_database
from models.offline import T_OFFLINE
from models.offline.link import DeskLink
from models.offline.listing import two_desk_checkins
from models.verify import verify_database
from tests.helpers import add_people, badge, delegates

EACH, SHARED = 500, 100
OUTAGE_FROM, OUTAGE_TO = 200, 350  # scans of each desk made while the server is stopped
SHARED_FROM = 200  # both desks scan the shared badges first thing in the outage
KILL_AFTER = 240  # desk B is killed once it has shown this many answers
WAIT_S = 120


def desk_badges(texts: list[str], desk: int) -> list[str]:
    """Desk 0's and desk 1's 500: their own 400 around the 100 both scan."""
    shared = texts[:SHARED]
    own = texts[SHARED + desk * (EACH - SHARED) : SHARED + (desk + 1) * (EACH - SHARED)]
    return own[:SHARED_FROM] + shared + own[SHARED_FROM:]


def _desk(url, path, station, texts, start, fresh, down, up, out) -> None:
    try:
        db = open_database(url, migrate=False)
        link = DeskLink(db, station, path=path)
        if fresh:
            assert link.refresh()
        for i in range(start, len(texts)):
            if i == OUTAGE_FROM:
                out.put(("outage", station, i))
                down.wait(WAIT_S)
            if i == OUTAGE_TO:
                out.put(("back", station, i))
                up.wait(WAIT_S)
            if link.offline and i >= OUTAGE_TO and i % 25 == 0:
                link.reconnect()  # the screen's timer, every few seconds
            result = link.scan(texts[i], method="scan")
            out.put(("answer", station, i, result.status, result.offline, result.code))
        while link.pending():
            link.reconnect()
        out.put(("done", station, len(texts)))
        db.dispose()
    except BaseException:
        out.put(("error", station, traceback.format_exc()))


class Desks:
    def __init__(self, url: str, tmp_path, texts: list[str]) -> None:
        self.context = multiprocessing.get_context("spawn")
        self.down, self.up = self.context.Event(), self.context.Event()
        self.out = self.context.Queue()
        self.url, self.tmp_path = url, tmp_path
        self.lists = {"A门": desk_badges(texts, 0), "B门": desk_badges(texts, 1)}
        self.processes = {}

    def start(self, station: str, start: int = 0, fresh: bool = True) -> None:
        args = (self.url, self.tmp_path / f"{station}.sqlite", station, self.lists[station])
        args += (start, fresh, self.down, self.up, self.out)
        process = self.context.Process(target=_desk, args=args, daemon=True)
        process.start()
        self.processes[station] = process

    def next(self, state: str = "") -> tuple:
        import queue

        try:
            message = self.out.get(timeout=WAIT_S)
        except queue.Empty:  # say where the desks stood, for whoever reads the failure
            alive = {station: p.is_alive() for station, p in self.processes.items()}
            raise AssertionError(f"no word from the desks in {WAIT_S} s: {alive} {state}") from None
        assert message[0] != "error", message[2]
        return message


@pytest.mark.timeout(400)
def test_two_desks_apart_lose_nothing_and_store_everything_once(own_pg_server, tmp_path):
    url = own_pg_server.new_database()
    db = open_database(url)
    create_congress(db, "离线压力测试大会")
    create_sitting(db, "第一次全体会议")
    add_people(db, delegates(2 * EACH - SHARED))
    texts = [badge(db, f"D{i:04d}") for i in range(1, 2 * EACH - SHARED + 1)]
    desks = Desks(url, tmp_path, texts)
    shown: dict[str, dict[int, tuple]] = {"A门": {}, "B门": {}}
    waiting, done, killed, later = set(), set(), False, []
    try:
        desks.start("A门")
        desks.start("B门")
        while len(done) < 2:
            state = f"{sorted(waiting)} {[len(a) for a in shown.values()]} done={done}"
            kind, station, *rest = later.pop(0) if later else desks.next(state)
            if kind == "answer":
                shown[station][rest[0]] = tuple(rest[1:])
                if station == "B门" and not killed and len(shown["B门"]) >= KILL_AFTER:
                    os.kill(desks.processes["B门"].pid, signal.SIGKILL)  # mid-burst, offline
                    desks.processes["B门"].join(30)
                    killed = True
                    later += _drain_b(desks, shown)
                    desks.start("B门", start=max(shown["B门"]) + 1, fresh=False)
            elif kind in ("outage", "back"):
                waiting.add((kind, station))
                if {("outage", "A门"), ("outage", "B门")} <= waiting and not desks.down.is_set():
                    own_pg_server.pause()
                    desks.down.set()
                if {("back", "A门"), ("back", "B门")} <= waiting and not desks.up.is_set():
                    own_pg_server.resume()
                    desks.up.set()
            elif kind == "done":
                done.add(station)
    finally:
        for process in desks.processes.values():
            process.kill()
        if own_pg_server.proc.poll() is not None:
            own_pg_server.resume()
    assert killed and all(len(shown[s]) == EACH for s in shown)  # every scan answered
    offline = [a for answers in shown.values() for a in answers.values() if a[1]]
    assert len(offline) >= 2 * (OUTAGE_TO - OUTAGE_FROM) - 10  # the outage was real
    stored = _stored_codes(db)
    shown_in = {a[2] for answers in shown.values() for a in answers.values() if a[0] == "ok"}
    assert shown_in <= stored  # nothing a desk showed is lost (B's too, killed offline)
    assert stored == {f"D{i:04d}" for i in range(1, 2 * EACH - SHARED + 1)}  # all, once
    assert attendance(db).figures.present == len(stored)
    pairs = two_desk_checkins(db)
    assert len(pairs) == SHARED and {p.code for p in pairs} == {f"D{i:04d}" for i in range(1, 101)}
    assert all(p.kept_at <= p.other_at and p.kept_station != p.other_station for p in pairs)
    with db.read() as conn:
        ids = conn.execute(select(func.count(), func.count(T_OFFLINE.c.scan_id.distinct()))).one()
    assert ids[0] == ids[1] > 0  # each journaled scan uploaded exactly once
    report = verify_database(db)
    assert report.ok, report.first_failure
    db.dispose()


def _drain_b(desks: Desks, shown: dict) -> list[tuple]:
    """Answers desk B sent before it died (they were on its screen); the rest, to handle next."""
    rest = []
    while True:
        try:
            message = desks.out.get(timeout=0.5)
        except Exception:
            return rest
        if message[0] == "answer" and message[1] == "B门":
            shown["B门"][message[2]] = tuple(message[3:])
        else:
            rest.append(message)


def _stored_codes(db) -> set[str]:
    with db.read() as conn:
        return set(
            conn.execute(
                select(T_PERSON.c.code).join(T_CHECKIN, T_CHECKIN.c.person_id == T_PERSON.c.id)
            ).scalars()
        )
