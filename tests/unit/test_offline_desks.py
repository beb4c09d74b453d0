"""Desks that keep checking in when the PostgreSQL server is gone (issue 21, part 3), on a real
server this module stops and starts: each desk answers from its own copy and journal, and when
the server is back uploads every scan exactly once, with its own time; a person checked in at two
desks while apart keeps the earliest check-in and both records are listed; verify passes."""

import pytest
from sqlalchemy import select

from models.attendance import T_CHECKIN, attendance
from models.congress import create_congress, create_sitting
from models.db import open_database
from models.errors import Refusal
from models.offline import T_OFFLINE
from models.offline.desk import EXIT, offline_scan
from models.offline.link import DeskLink
from models.offline.listing import two_desk_checkins
from models.offline.mirror import MirrorProblem
from models.offline.upload import upload_journal
from models.verify import verify_database
from tests.helpers import add_people, badge, delegates
from tui.texts import scan_headline


@pytest.fixture
def server(own_pg_server):
    return own_pg_server


@pytest.fixture
def hall(server):
    """A congress of 20 delegates on its own database, and the server running."""
    url = server.new_database()
    db = open_database(url)
    create_congress(db, "离线测试大会")
    create_sitting(db, "第一次全体会议")
    add_people(db, delegates(20))
    yield db
    db.dispose()
    if server.proc.poll() is not None:
        server.resume()


def desk(db, station, tmp_path) -> DeskLink:
    link = DeskLink(db, station, path=tmp_path / f"{station}.sqlite")
    assert link.refresh()
    return link


def test_a_desk_goes_on_offline_and_uploads_once_when_the_server_is_back(hall, server, tmp_path):
    from models.seats.assigning import set_person_seat
    from models.seats.notes import set_person_note

    texts = {n: badge(hall, f"D{n:04d}") for n in range(1, 8)}
    set_person_seat(hall, "D0004", "3排12座")
    set_person_note(hall, "D0004", "请领取选票")
    east, west = desk(hall, "东门", tmp_path), desk(hall, "西门", tmp_path)
    for n in (1, 2, 3):
        assert east.scan(texts[n], method="scan").status == "ok"
    server.pause()
    answers = [
        east.scan(texts[4], method="scan"),
        east.scan(texts[1], method="scan"),  # checked in online before the server went
        east.scan(texts[2], EXIT, method="scan"),
        east.scan(texts[5][:-3] + "AAA", method="scan"),  # a forged badge
        west.scan(texts[4], method="scan"),  # the same person at the other door, later
        west.scan(texts[6], method="scan"),
    ]
    assert [(a.status, a.offline) for a in answers] == [
        ("ok", True),
        ("already", True),
        ("exited", True),
        ("invalid", False),
        ("ok", True),
        ("ok", True),
    ]
    assert scan_headline(answers[0]) == "✔ 已签到（离线，待上传）"
    assert (answers[0].seat, answers[0].notes) == ("3排12座", ("请领取选票",))  # as online
    assert (east.offline, east.pending(), west.pending()) == (True, 4, 2)
    assert east.reconnect() is None  # still gone: nothing lost, nothing uploaded
    server.resume()
    report = east.reconnect()
    assert (report.uploaded, report.left, east.offline) == (4, 0, False)
    assert west.reconnect().outcomes == {"kept_other": 1, "stored": 1}
    figures = attendance(hall).figures
    assert (figures.present, figures.in_hall) == (5, 4)
    (both,) = two_desk_checkins(hall)
    assert (both.code, both.kept_station, both.other_station) == ("D0004", "东门", "西门")
    assert both.kept_at < both.other_at
    assert upload_journal(hall, east.path).uploaded == 0  # exactly once
    report = verify_database(hall)
    assert report.ok, report.first_failure


def test_the_earliest_check_in_stands_whichever_desk_uploads_first(hall, server, tmp_path):
    text = badge(hall, "D0009")
    early, late = desk(hall, "一号门", tmp_path), desk(hall, "二号门", tmp_path)
    server.pause()
    first = early.scan(text, method="scan")
    second = late.scan(text, method="scan")
    server.resume()
    late.reconnect()  # the later scan lands first …
    early.reconnect()  # … and the earlier one replaces it
    with hall.read() as conn:
        stored = conn.execute(select(T_CHECKIN.c.at, T_CHECKIN.c.station)).one()
    assert tuple(stored) == (first.at, "一号门") and first.at < second.at
    outcomes = {r.station: r.outcome for r in _uploads(hall)}
    assert outcomes == {"二号门": "stored", "一号门": "earlier"}
    (both,) = two_desk_checkins(hall)
    assert (both.kept_station, both.other_station) == ("一号门", "二号门")
    report = verify_database(hall)
    assert report.ok, report.first_failure


def test_a_crash_between_the_servers_commit_and_the_desks_mark_uploads_nothing_twice(
    hall, server, tmp_path
):
    from models.offline import upload

    link = desk(hall, "东门", tmp_path)
    texts = [badge(hall, f"D{n:04d}") for n in (1, 2, 3)]
    server.pause()
    for text in texts:
        link.scan(text, method="scan")
    server.resume()
    rows = upload._pending(link.path, 100)
    upload._upload_batch(hall, rows)  # committed on the server; the desk died before marking
    assert link.pending() == 3
    report = link.reconnect()
    assert (report.uploaded, report.left) == (3, 0)
    assert len(_uploads(hall)) == 3 and attendance(hall).figures.present == 3
    report = verify_database(hall)
    assert report.ok, report.first_failure


def test_a_journal_of_another_congress_or_a_damaged_one_is_refused_and_kept(hall, server, tmp_path):
    other_url = server.new_database()
    other = open_database(other_url)
    create_congress(other, "另一个大会")
    create_sitting(other, "第一次全体会议")
    add_people(other, delegates(3))
    stray = desk(other, "东门", tmp_path)
    offline_scan(stray.path, badge(other, "D0001"), station="东门")
    other.dispose()
    with pytest.raises(Refusal, match=r"^offline.foreign_journal "):
        upload_journal(hall, stray.path)
    assert stray.pending() == 1 and _uploads(hall) == []
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(Refusal, match=r"^offline.damaged "):
        upload_journal(hall, broken)
    assert broken.read_bytes().startswith(b"SQLite format 3")  # left for a person to look at
    with pytest.raises(MirrorProblem):
        offline_scan(tmp_path / "never-online.sqlite", badge(hall, "D0001"), station="东门")


def _uploads(db):
    with db.read() as conn:
        return conn.execute(select(T_OFFLINE).order_by(T_OFFLINE.c.id)).all()
