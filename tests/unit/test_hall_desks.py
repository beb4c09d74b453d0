"""Four desks (separate processes) each taking the same 500 badges in its own random order, each
scan an entry or an exit (issue 21): the in-hall count the figures give equals a reference model
replayed from the audit log, every desk's answers agree with that log, and verify passes."""

import multiprocessing
import random
import traceback

import pytest

from models import audit
from models.attendance import attendance, check_in, check_out
from models.db import open_database
from models.verify import verify_database
from tests.unit.test_concurrent_desks import START_TIMEOUT_S, build_congress

DESKS = 4
RESULT_TIMEOUT_S = 240  # one desk's 500 scans, with three others fighting for the write lock
ANSWERS = {"ok": "checkin", "exited": "checkin.exit", "reentered": "checkin.reentry"}


def desk_scans(texts: list[str], n: int) -> list[tuple[str, str]]:
    """(entry | exit, badge text) for every badge, shuffled, entry or exit at random (seed n)."""
    rng = random.Random(1000 + n)
    order = list(texts)
    rng.shuffle(order)
    return [(rng.choice(("entry", "entry", "exit")), text) for text in order]


def _desk(url: str, scans: list[tuple[str, str]], station: str, start, out) -> None:
    try:
        db = open_database(url)
        try:
            start.wait(timeout=START_TIMEOUT_S)
            answers = []
            for kind, text in scans:
                scan = check_in if kind == "entry" else check_out
                answers.append(scan(db, text, station=station, method="scan").status)
        finally:
            db.dispose()
        out.put((station, answers))
    except BaseException:
        out.put((station, traceback.format_exc()))


def run_desks(url: str, texts: list[str]) -> dict[str, list[str]]:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(DESKS)
    out = context.Queue()
    processes = [
        context.Process(
            target=_desk, args=(url, desk_scans(texts, n), f"{n}号门", start, out), daemon=True
        )
        for n in range(1, DESKS + 1)
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
    failed = {station: answers for station, answers in sent if isinstance(answers, str)}
    assert not failed, "\n".join(f"{station}:\n{tb}" for station, tb in failed.items())
    return dict(sent)


def in_hall_from_the_log(db) -> int:
    """The reference model: who is in the hall, replayed event by event in the log's order."""
    inside: dict[str, bool] = {}
    moves = {"checkin": True, "checkin.reentry": True, "checkin.exit": False}
    for event in reversed(audit.events(db, "checkin", limit=100_000)):
        if event["kind"] in moves:
            inside[event["payload"]["code"]] = moves[event["kind"]]
    return sum(inside.values())


@pytest.mark.timeout(400)
def test_four_desks_of_entries_and_exits_agree_with_the_log(db_url):
    texts = build_congress(db_url)
    by_desk = run_desks(db_url, texts)
    answers = [status for statuses in by_desk.values() for status in statuses]
    assert len(answers) == DESKS * len(texts)
    assert set(answers) <= {"ok", "already", "exited", "reentered", "not_in_hall"}, set(answers)
    db = open_database(db_url)
    try:
        logged = [e["kind"] for e in audit.events(db, "checkin", limit=100_000)]
        for status, kind in ANSWERS.items():  # each answer on a screen is one fact in the log
            assert answers.count(status) == logged.count(kind), status
        figures = attendance(db).figures
        assert figures.in_hall_now == in_hall_from_the_log(db)
        assert figures.present == answers.count("ok")
        assert answers.count("exited") > 0 and answers.count("reentered") > 0
        report = verify_database(db)
        assert report.ok, report.first_failure
    finally:
        db.dispose()
