"""A badge scanned anywhere goes where it belongs (the App routes it, tui/scan_router.py).

One test per screen and dialog of the desk (tests/functional/desk_screens.py): it opens the
screen on a copy of the demo congress, types badge texts as a keyboard-wedge scanner does, with
each suffix a scanner can be set to (Enter, Tab, LF, CR LF), and checks that nothing was
created, changed or confirmed except the intended check-in.
"""

import html
import shutil

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel
from textual import events

from models.attendance import T_CHECKIN, T_LEAVE
from models.audit import Event
from models.congress import T_PERSON, VOTING, current_congress
from models.db import open_database
from models.demo import create_demo
from tests.functional.desk_screens import CHECKIN, ELSEWHERE, PERSON, SCREENS
from tests.helpers import badge, settle
from tui.app import make_app

SUFFIXES = {"enter": "\r", "tab": "\t", "lf": "\n", "crlf": "\r\n"}
SUFFIX_KEYS = {"\r": "enter", "\t": "tab", "\n": "ctrl+j"}
# Tables a check-in writes to; everything else must stay byte for byte.
CHECKIN_TABLES = {"checkin", "event", "chain_head"}


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(path)
    create_demo(db)
    db.dispose()
    return path


@pytest.fixture
def demo_db(demo_file, tmp_path):
    path = tmp_path / "desk.db"
    shutil.copy(demo_file, path)
    db = open_database(path)
    yield db
    db.dispose()


def tables(db) -> dict[str, list]:
    with db.read() as conn:
        return {
            table.name: sorted(map(tuple, conn.execute(select(table))), key=repr)
            for table in SQLModel.metadata.sorted_tables
        }


def absent_codes(db, count: int) -> list[str]:
    """Voting delegates neither checked in nor on leave at the current sitting."""
    sitting = current_congress(db).current_sitting_id
    with db.read() as conn:
        taken = select(T_CHECKIN.c.person_id).where(T_CHECKIN.c.sitting_id == sitting)
        leave = select(T_LEAVE.c.person_id).where(T_LEAVE.c.sitting_id == sitting)
        return list(
            conn.execute(
                select(T_PERSON.c.code)
                .where(
                    T_PERSON.c.category == VOTING,
                    T_PERSON.c.id.not_in(taken),
                    T_PERSON.c.id.not_in(leave),
                )
                .order_by(T_PERSON.c.code)
                .limit(count)
            ).scalars()
        )


def new_events(db, after: int) -> list[str]:
    with db.read() as conn:
        return list(
            conn.execute(select(Event.kind).where(Event.id > after).order_by(Event.id)).scalars()
        )


def last_event(db) -> int:
    with db.read() as conn:
        return conn.execute(select(Event.id).order_by(Event.id.desc()).limit(1)).scalar() or 0


def field_state(app):
    focused = app.focused
    return focused, getattr(focused, "value", None), getattr(focused, "text", None)


def screen_text(app) -> str:
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


def notices(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def scan(pilot, text: str, suffix: str = "\r") -> None:
    """What a keyboard-wedge scanner does: every key of the badge and its suffix queued at once,
    into whatever has the focus."""
    for char in text + suffix:
        pilot.app.post_message(events.Key(SUFFIX_KEYS.get(char, char), char))
    await settle(pilot)


async def open_entry(pilot, entry):
    await settle(pilot)
    await entry.open(pilot)
    assert type(pilot.app.screen).__name__ == entry.top, f"{entry} did not open"


@pytest.mark.parametrize("entry", [e for e in SCREENS if e.route != PERSON], ids=str)
async def test_a_scan_is_a_check_in_under_the_check_in_screen_and_changes_nothing_elsewhere(
    entry, demo_db
):
    app = make_app(database=demo_db, station="1号台")
    codes = absent_codes(demo_db, len(SUFFIXES))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(pilot, entry)
        top, state = app.screen, field_state(app)
        # Whatever was typed in the field before the scan must still be there after it.
        if hasattr(state[0], "insert_text_at_cursor"):
            state[0].insert_text_at_cursor("已输入")
            await settle(pilot)
            state = field_state(app)
        before, mark = tables(demo_db), last_event(demo_db)
        for code, suffix in zip(codes, SUFFIXES.values(), strict=True):
            await scan(pilot, badge(demo_db, code), suffix)
            assert app.screen is top, f"the scan closed or replaced {entry.top}"
            assert field_state(app) == state, "the scan changed the focused field"
        after = tables(demo_db)
        for name in before:
            if entry.route == ELSEWHERE or name not in CHECKIN_TABLES:
                assert after[name] == before[name], f"{entry}: table {name} changed"
        checked_in = len(after["checkin"]) - len(before["checkin"])
        if entry.route == CHECKIN:
            assert checked_in == len(codes)
            assert new_events(demo_db, mark) == ["checkin"] * len(codes)
        else:
            assert checked_in == 0
            assert "这是代表证扫码" in notices(app)


async def test_a_scan_into_a_person_field_names_that_person(demo_db):
    """F2 search: the scanned person is checked in; F3 search: the leave reason asks for them;
    the proposal form's proposer field and its F3 search: they are the proposer."""
    code = absent_codes(demo_db, 1)[0]
    with demo_db.read() as conn:
        name = conn.execute(select(T_PERSON.c.name).where(T_PERSON.c.code == code)).scalar()
    for entry in [e for e in SCREENS if e.route == PERSON]:
        app = make_app(database=demo_db, station="1号台")
        async with app.run_test(size=(120, 40)) as pilot:
            await open_entry(pilot, entry)
            before = tables(demo_db)
            await scan(pilot, badge(demo_db, code))
            assert name in screen_text(app), entry
            after = tables(demo_db)
            changed = {n for n in before if before[n] != after[n]}
            if entry.name.startswith("manual"):
                assert changed == CHECKIN_TABLES, entry
                assert type(app.screen).__name__ == "CheckinScreen"
            else:
                assert changed == set(), entry
            if "leave" in entry.name:
                assert type(app.screen).__name__ == "ReasonPrompt"
            if "proposal" in entry.name:
                form = app.screen
                assert type(form).__name__ == "ProposalForm"
                assert [p.code for p in form.people["proposer"]] == [code]


@pytest.mark.parametrize("entry", SCREENS, ids=str)
async def test_esc_twice_reaches_the_scan_field_from_anywhere(entry, demo_db):
    app = make_app(database=demo_db, station="1号台")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_entry(pilot, entry)
        await pilot.press("escape", "escape")
        await settle(pilot)
        if entry.stops_at:
            assert type(app.screen).__name__ == entry.stops_at, entry
            return
        assert type(app.screen).__name__ == "CheckinScreen", entry
        assert app.focused is app.screen.query_one("#scan")
