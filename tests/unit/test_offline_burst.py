"""The issue's proof for desks without their server (issue 21, part 3): two desks (separate
processes) scan 500 badges each, 100 of them at both desks, and PostgreSQL is stopped for the
middle of the burst. Desk B is killed with SIGKILL while offline and started again on its own
files. Every scan is answered; after the restart every check-in is stored exactly once, the 100
are listed with both desks and times, nothing a desk showed is lost, and verify passes."""

import multiprocessing
import os
import signal
import traceback
from multiprocessing.connection import wait

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
                out.send(("outage", station, i))
                down.wait(WAIT_S)
            if i == OUTAGE_TO:
                out.send(("back", station, i))
                up.wait(WAIT_S)
            if link.offline and i >= OUTAGE_TO and i % 25 == 0:
                link.reconnect()  # the screen's timer, every few seconds
            result = link.scan(texts[i], method="scan")
            out.send(("answer", station, i, result.status, result.offline, result.code))
        while link.pending():
            link.reconnect()
        out.send(("done", station, len(texts)))
        db.dispose()
    except BaseException:
        out.send(("error", station, traceback.format_exc()))


class Desks:
    """The desk processes, each with a pipe of its own: a process killed while writing to a
    shared queue would leave the queue's lock held, and the other desks' words stuck behind it."""

    def __init__(self, url: str, tmp_path, texts: list[str]) -> None:
        self.context = multiprocessing.get_context("spawn")
        self.down, self.up = self.context.Event(), self.context.Event()
        self.url, self.tmp_path = url, tmp_path
        self.lists = {"A门": desk_badges(texts, 0), "B门": desk_badges(texts, 1)}
        self.processes, self.readers = {}, {}

    def start(self, station: str, start: int = 0, fresh: bool = True) -> None:
        reader, writer = self.context.Pipe(duplex=False)
        args = (self.url, self.tmp_path / f"{station}.sqlite", station, self.lists[station])
        args += (start, fresh, self.down, self.up, writer)
        process = self.context.Process(target=_desk, args=args, daemon=True)
        process.start()
        writer.close()  # the child's end: EOF here once the child is gone
        self.processes[station], self.readers[station] = process, reader

    def next(self, state: str = "") -> tuple:
        while self.readers:
            ready = wait(list(self.readers.values()), timeout=WAIT_S)
            if not ready:  # say where the desks stood, for whoever reads the failure
                alive = {station: p.is_alive() for station, p in self.processes.items()}
                raise AssertionError(f"no word from the desks in {WAIT_S} s: {alive} {state}")
            try:
                message = ready[0].recv()
            except EOFError:
                self._forget(ready[0])
                continue
            assert message[0] != "error", message[2]
            return message
        raise AssertionError(f"every desk is gone: {state}")

    def kill(self, station: str) -> list[tuple]:
        """SIGKILL the desk; what it had sent before it died (it was on its screen)."""
        os.kill(self.processes[station].pid, signal.SIGKILL)
        self.processes[station].join(30)
        reader, sent = self.readers.pop(station), []
        while True:
            try:
                sent.append(reader.recv())
            except EOFError:
                return sent

    def _forget(self, reader) -> None:
        self.readers = {s: r for s, r in self.readers.items() if r is not reader}


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
    waiting, done, killed = set(), set(), False
    try:
        desks.start("A门")
        desks.start("B门")
        while len(done) < 2:
            state = f"{sorted(waiting)} {[len(a) for a in shown.values()]} done={done}"
            kind, station, *rest = desks.next(state)
            if kind == "answer":
                shown[station][rest[0]] = tuple(rest[1:])
                if station == "B门" and not killed and len(shown["B门"]) >= KILL_AFTER:
                    for message in desks.kill("B门"):  # mid-burst, offline
                        if message[0] == "answer":
                            shown["B门"][message[2]] = tuple(message[3:])
                    killed = True
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


def _stored_codes(db) -> set[str]:
    with db.read() as conn:
        return set(
            conn.execute(
                select(T_PERSON.c.code).join(T_CHECKIN, T_CHECKIN.c.person_id == T_PERSON.c.id)
            ).scalars()
        )
