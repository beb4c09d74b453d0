"""Two desks (two processes) scanning the same badges at once never double-count."""

import multiprocessing

from models.attendance import attendance, check_in
from tests.helpers import add_people, badge, delegates

BADGES = 40


def _desk(url: str, texts: list[str], station: str, out) -> None:
    from models.db import open_database

    db = open_database(url)
    out.put([check_in(db, text, station=station, method="scan").status for text in texts])
    db.dispose()


def test_two_processes_check_in_the_same_badges(db_url):
    from models.congress import create_congress, create_sitting
    from models.db import open_database

    db = open_database(db_url)
    create_congress(db, "并发测试大会")
    create_sitting(db, "第一次全体会议")
    add_people(db, delegates(BADGES))
    texts = [badge(db, f"D{i:04d}") for i in range(1, BADGES + 1)]
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    desks = [
        context.Process(target=_desk, args=(db_url, order, f"{n}号台", out))
        for n, order in enumerate((texts, texts[::-1]), start=1)
    ]
    for desk in desks:
        desk.start()
    statuses = [status for _ in desks for status in out.get(timeout=120)]
    for desk in desks:
        desk.join(timeout=60)
    assert statuses.count("ok") == BADGES
    assert statuses.count("already") == BADGES
    assert attendance(db).figures.present == BADGES
    from models.audit import verify

    assert verify(db).ok
    db.dispose()
