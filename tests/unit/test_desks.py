"""Desk identity: check-ins counted per desk, and the change token other desks' commits move."""

from models.attendance import check_in, desk_counts
from models.db import open_database
from models.watch import ChangeWatch
from tests.helpers import add_people, badge, delegates


def test_check_ins_are_counted_per_desk_busiest_first(congress_db):
    add_people(congress_db, delegates(6))
    for code, station in [
        ("D0001", "2号台"),
        ("D0002", "1号台"),
        ("D0003", "2号台"),
        ("D0004", "1号台"),
        ("D0005", "2号台"),
    ]:
        assert check_in(congress_db, badge(congress_db, code), station=station).status == "ok"
    check_in(congress_db, "D0006", station="", method="manual")
    check_in(congress_db, badge(congress_db, "D0001"), station="1号台")  # already: not counted
    counts = desk_counts(congress_db)
    assert [(desk.station, desk.checkins) for desk in counts] == [
        ("2号台", 3),
        ("1号台", 2),
        ("", 1),
    ]
    assert all(desk.last_at for desk in counts)


def test_no_check_ins_no_desks(congress_db):
    assert desk_counts(congress_db) == []


def test_the_watch_sees_another_desks_commit_and_only_that(congress_db):
    add_people(congress_db, delegates(2))
    watch = ChangeWatch(congress_db)
    try:
        assert watch.changed()  # the first look always refreshes
        assert not watch.changed()
        assert not watch.changed()
        other = open_database(congress_db.url)  # another engine, as another desk's process
        try:
            check_in(other, badge(other, "D0001"), station="2号台")
        finally:
            other.dispose()
        assert watch.changed()
        assert not watch.changed()
        check_in(congress_db, badge(congress_db, "D0002"), station="1号台")  # this desk too
        assert watch.changed()
    finally:
        watch.close()


def test_a_refused_scan_is_a_change_too(congress_db):
    """A failed scan is logged (failed_scan and the audit log): the dashboard may refresh."""
    add_people(congress_db, delegates(1))
    watch = ChangeWatch(congress_db)
    try:
        watch.changed()
        assert check_in(congress_db, "HW1:XXXX:D0001:AAAAAAAAAAAAAAAA").status == "invalid"
        assert watch.changed()
    finally:
        watch.close()


def test_a_refresh_that_saw_a_commit_is_not_told_of_it_again(congress_db):
    """The dashboard takes the token before its queries: its own scan, already in the figures it
    read, must not start a second refresh; a commit after the token still does."""
    add_people(congress_db, delegates(2))
    watch = ChangeWatch(congress_db)
    try:
        watch.changed()
        check_in(congress_db, badge(congress_db, "D0001"), station="1号台")
        watch.seen(watch.token())  # a refresh read everything up to here
        assert not watch.changed()
        token = watch.token()
        check_in(congress_db, badge(congress_db, "D0002"), station="1号台")
        watch.seen(token)  # taken before this commit
        assert watch.changed()
    finally:
        watch.close()


def test_a_closed_watch_answers_no_change_even_while_polled_from_another_thread(congress_db):
    """The screen closes the watch from the UI thread while a worker may be polling it."""
    import threading

    watch = ChangeWatch(congress_db)
    watch.changed()
    stop = threading.Event()
    errors: list[BaseException] = []

    def poll() -> None:
        while not stop.is_set():
            try:
                watch.changed()
            except BaseException as error:
                errors.append(error)
                return

    poller = threading.Thread(target=poll)
    poller.start()
    watch.close()
    stop.set()
    poller.join(timeout=10)
    assert errors == []
    assert watch.changed() is False
    watch.close()  # twice is harmless


def test_a_desk_name_is_tidied_and_a_too_long_one_refused():
    from models.errors import Refusal
    from models.stations import STATION_MAX_CHARS, station_name
    from tui.i18n import refusal_text

    assert station_name("  2号 \t台 ") == "2号 台"
    assert station_name("") == ""
    assert station_name("东" * STATION_MAX_CHARS) == "东" * STATION_MAX_CHARS
    try:
        station_name("东" * (STATION_MAX_CHARS + 1))
    except Refusal as refusal:
        assert "最多 64 个字" in refusal_text(refusal)
    else:
        raise AssertionError("a 65-character desk name was accepted")
