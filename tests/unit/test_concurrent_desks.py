"""Two and four desks (separate processes) scanning the same 500 badges at once: every badge is
counted exactly once, every other scan is told who was first, and the log still verifies."""

import multiprocessing
import random
import time
import traceback

import pytest
from sqlalchemy import func, select

from models.attendance import T_CHECKIN, attendance, check_in
from models.audit import T_EVENT
from models.audit import verify as verify_chain
from models.congress import T_PERSON, create_congress, create_sitting
from models.db import open_database
from models.verify import verify_database
from tests.helpers import add_people, badge, delegates

BADGES = 500
START_TIMEOUT_S = 60  # every desk has opened the database and waits at the barrier
RESULT_TIMEOUT_S = 150  # one desk's 500 scans, with the others fighting for the write lock


def desk_order(texts: list[str], n: int) -> list[str]:
    """Desk 1 scans forwards, desk 2 backwards, the others in a shuffled order (fixed seed)."""
    if n == 1:
        return list(texts)
    if n == 2:
        return texts[::-1]
    order = list(texts)
    random.Random(n).shuffle(order)
    return order


def _desk(url: str, texts: list[str], station: str, start, out) -> None:
    """One desk: its own connection, then every scan as fast as it can once all desks are ready.
    Sends (station, (first scan began, last scan ended), [(status, code, at, station of the
    first check-in)]) or (station, None, traceback)."""
    try:
        db = open_database(url)
        try:
            start.wait(timeout=START_TIMEOUT_S)
            began = time.time()
            results = []
            for text in texts:
                result = check_in(db, text, station=station, method="scan")
                results.append((result.status, result.code, result.at, result.station))
            ended = time.time()
        finally:
            db.dispose()
        out.put((station, (began, ended), results))
    except BaseException:  # the parent fails the test with the child's traceback
        out.put((station, None, traceback.format_exc()))


def run_desks(url: str, texts: list[str], desks: int) -> tuple[dict, dict]:
    """Each desk's results, and each desk's (began, ended) scanning."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(desks)
    out = context.Queue()
    processes = [
        context.Process(
            target=_desk, args=(url, desk_order(texts, n), f"{n}号台", start, out), daemon=True
        )
        for n in range(1, desks + 1)
    ]
    for process in processes:
        process.start()
    try:
        sent = [out.get(timeout=START_TIMEOUT_S + RESULT_TIMEOUT_S) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    failed = {station: tb for station, span, tb in sent if span is None}
    assert not failed, "\n".join(f"{station}:\n{tb}" for station, tb in failed.items())
    return {station: results for station, _, results in sent}, {s: span for s, span, _ in sent}


def build_congress(url: str) -> list[str]:
    db = open_database(url)
    create_congress(db, "并发测试大会")
    create_sitting(db, "第一次全体会议")
    add_people(db, delegates(BADGES))
    texts = [badge(db, f"D{i:04d}") for i in range(1, BADGES + 1)]
    db.dispose()
    return texts


def stored_checkins(db) -> dict[str, tuple[str, str]]:
    with db.read() as conn:
        rows = conn.execute(
            select(T_PERSON.c.code, T_CHECKIN.c.at, T_CHECKIN.c.station).select_from(
                T_CHECKIN.join(T_PERSON, T_CHECKIN.c.person_id == T_PERSON.c.id)
            )
        ).all()
    return {row.code: (row.at, row.station) for row in rows}


def checkin_events(db) -> int:
    with db.read() as conn:
        return conn.execute(
            select(func.count()).select_from(T_EVENT).where(T_EVENT.c.kind == "checkin")
        ).scalar_one()


@pytest.mark.timeout(300)
@pytest.mark.parametrize("desks", [2, 4])
def test_desks_check_in_the_same_badges_at_once(db_url, desks):
    texts = build_congress(db_url)
    by_desk, spans = run_desks(db_url, texts, desks)

    every = [(station, *result) for station, results in by_desk.items() for result in results]
    statuses = [status for _, status, *_ in every]
    assert statuses.count("ok") == BADGES
    assert statuses.count("already") == (desks - 1) * BADGES
    assert len(statuses) == desks * BADGES  # nothing else: no invalid, unknown, on_leave

    winners = {code: (at, station) for station, status, code, at, _ in every if status == "ok"}
    assert len(winners) == BADGES  # each badge won by exactly one desk
    for station, status, code, at, first_station in every:
        assert status == "ok" or (at, first_station) == winners[code], (station, code)
    # The desks really scanned at the same time: every desk began before any desk was done.
    # (Who wins how many is SQLite's lock to decide: a desk asleep in SQLite's busy handler may
    # win none while another takes the lock back-to-back; PostgreSQL queues them fairly.)
    assert max(began for began, _ in spans.values()) < min(ended for _, ended in spans.values())

    db = open_database(db_url)
    try:
        assert stored_checkins(db) == winners
        assert checkin_events(db) == BADGES
        assert attendance(db).figures.present == BADGES
        assert verify_chain(db).ok
        report = verify_database(db)
        assert report.ok, report.first_failure
    finally:
        db.dispose()
