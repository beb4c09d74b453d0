"""A badge scanned anywhere goes where it belongs (the App routes it, tui/scan_router.py).

One test per screen and dialog of the desk (tests/functional/screen_registry.py): it opens the
screen on a copy of the registry's congress (every name hostile), types badge texts as a keyboard-wedge scanner does, with
each suffix a scanner can be set to (Enter, Tab, LF, CR LF), and checks that nothing was
created, changed or confirmed except the intended check-in.
"""

import html

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from models.audit import Event
from models.db import open_database
from screens.checkin import CheckinScreen
from tests.functional.screen_registry import ABSENT, DESK, SCREENS, build_congress
from tests.helpers import badge, settle
from tests.helpers import scan_burst as scan
from tui.app import make_app

CHECKIN, PERSON, ELSEWHERE = "checkin", "person", "elsewhere"
# Fields that ask for a person: a badge scanned into them names that person.
PERSON_FIELDS = {
    "person_search": "checked in",
    "leave_search": "asked for the leave reason",
    "undo_any_search": "told they have no check-in to undo",
    "note_search": "asked for their note",
    "proposal_form_proposer_field": "the proposer",
    "proposal_form_find_proposer": "the proposer",
}
# Esc Esc stops where typing would be lost: the clerk is asked first.
ESC_STOPS_AT = {"proposal_discard_question": "ProposalForm"}

SUFFIXES = {"enter": "\r", "tab": "\t", "lf": "\n", "crlf": "\r\n"}
# Tables a check-in writes to; everything else must stay byte for byte.
CHECKIN_TABLES = {"checkin", "event", "chain_head"}


def route(name: str, app) -> str:
    """What a badge must do on this screen: the check-in screen and the dialogs over it check
    in; a field asking for a person takes the person; anywhere else nothing changes."""
    if name in PERSON_FIELDS:
        return PERSON
    return CHECKIN if isinstance(app.base_screen(), CheckinScreen) else ELSEWHERE


def tables(db) -> dict[str, list]:
    with db.read() as conn:
        return {
            table.name: sorted(map(tuple, conn.execute(select(table))), key=repr)
            for table in SQLModel.metadata.sorted_tables
        }


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


async def open_screen(pilot, name, opener):
    await settle(pilot)
    await opener(pilot)
    if name != "checkin":
        assert not isinstance(pilot.app.screen, CheckinScreen), f"{name}: nothing opened"


OTHERS = [(name, opener) for name, opener in SCREENS if name not in PERSON_FIELDS]


@pytest.mark.parametrize(("name", "opener"), OTHERS, ids=[name for name, _ in OTHERS])
async def test_a_scan_is_a_check_in_under_the_check_in_screen_and_changes_nothing_elsewhere(
    name, opener, registry_db
):
    app = make_app(database=registry_db, station=DESK)
    codes = ABSENT[: len(SUFFIXES)]
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot, name, opener)
        top, state, expected = app.screen, field_state(app), route(name, app)
        # Whatever was typed in the field before the scan must still be there after it.
        typed_into = None
        if hasattr(state[0], "insert_text_at_cursor"):
            typed_into, untyped = state[0], state[1:]
            typed_into.insert_text_at_cursor("已输入")
            await settle(pilot)
            state = field_state(app)
        before, mark = tables(registry_db), last_event(registry_db)
        for code, suffix in zip(codes, SUFFIXES.values(), strict=True):
            await scan(pilot, badge(registry_db, code), suffix)
            assert app.screen is top, f"the scan closed or replaced {name}"
            assert field_state(app) == state, "the scan changed the focused field"
        after = tables(registry_db)
        for table in before:
            if expected == ELSEWHERE or table not in CHECKIN_TABLES:
                assert after[table] == before[table], f"{name}: table {table} changed"
        checked_in = len(after["checkin"]) - len(before["checkin"])
        if expected == CHECKIN:
            assert checked_in == len(codes)
            assert new_events(registry_db, mark) == ["checkin"] * len(codes)
        else:
            assert checked_in == 0
            assert "这是代表证扫码" in notices(app)
        if typed_into is not None:  # typing would make a form ask before Esc throws it away
            restore(typed_into, *untyped)
            await settle(pilot)
        await assert_esc_twice_goes_home(pilot, name)


def restore(field, value, text) -> None:
    if value is not None:
        field.value = value
    elif text is not None:
        field.load_text(text)


async def assert_esc_twice_goes_home(pilot, name: str) -> None:
    app = pilot.app
    await pilot.press("escape", "escape")
    await settle(pilot)
    if name in ESC_STOPS_AT:
        assert type(app.screen).__name__ == ESC_STOPS_AT[name], name
        return
    assert isinstance(app.screen, CheckinScreen), f"Esc Esc from {name}"
    assert app.focused is app.screen.query_one("#scan")


async def test_a_scan_into_a_person_field_names_that_person(registry_db):
    """F2 search: the scanned person is checked in; F3 search: the leave reason asks for them;
    the proposal form's proposer field and its F3 search: they are the proposer."""
    code = ABSENT[0]
    for name, opener in SCREENS:
        if name not in PERSON_FIELDS:
            continue
        app = make_app(database=registry_db, station=DESK)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_screen(pilot, name, opener)
            before = tables(registry_db)
            await scan(pilot, badge(registry_db, code))
            after = tables(registry_db)
            changed = {table for table in before if before[table] != after[table]}
            outcome = PERSON_FIELDS[name]
            if outcome == "checked in":
                assert changed == CHECKIN_TABLES, name
                assert isinstance(app.screen, CheckinScreen)
                await undo_check_in(registry_db, code)
                continue
            assert changed == set(), name
            if outcome == "told they have no check-in to undo":
                assert isinstance(app.screen, CheckinScreen)
                assert code in app.screen.query_one("#result").detail
                continue
            if outcome == "asked for their note":
                assert type(app.screen).__name__ == "PersonNoteDialog"
                continue
            if outcome == "asked for the leave reason":
                assert type(app.screen).__name__ == "ReasonPrompt"
                assert code in own_prompt(app.screen)
            else:
                form = app.screen
                assert type(form).__name__ == "ProposalForm"
                assert [p.code for p in form.people["proposer"]] == [code]


async def undo_check_in(db, code: str) -> None:
    from models.attendance import undo_checkin

    undo_checkin(db, reason="测试后还原", code=code)


def own_prompt(screen) -> str:
    return " ".join(str(static.render()) for static in screen.query("Static"))


async def test_esc_twice_reaches_the_scan_field_from_a_person_field(registry_db):
    """(The other screens are walked home at the end of their scan test.)"""
    for name, opener in SCREENS:
        if name in PERSON_FIELDS:
            app = make_app(database=registry_db, station=DESK)
            async with app.run_test(size=(120, 40)) as pilot:
                await open_screen(pilot, name, opener)
                await assert_esc_twice_goes_home(pilot, name)


ON_BOTH = ("sittings", "undo_reason", "items", "election_close_confirm")


@pytest.mark.parametrize("name", ON_BOTH)
async def test_routing_is_the_same_on_both_backends(name, db_url):
    """A few screens again, on SQLite and on the PostgreSQL test server: one scan under the
    check-in screen's dialogs is one check-in, elsewhere nothing."""
    db = open_database(db_url)
    try:
        build_congress(db)
        opener = dict(SCREENS)[name]
        app = make_app(database=db, station=DESK)
        async with app.run_test(size=(120, 40)) as pilot:
            await open_screen(pilot, name, opener)
            top, expected = app.screen, route(name, app)
            before = tables(db)
            await scan(pilot, badge(db, ABSENT[0]), "\t")
            assert app.screen is top
            after = tables(db)
            gained = len(after["checkin"]) - len(before["checkin"])
            assert gained == (1 if expected == CHECKIN else 0), name
            await assert_esc_twice_goes_home(pilot, name)
    finally:
        db.dispose()
