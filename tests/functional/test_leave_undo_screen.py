"""F3 on someone already present or on leave, and Shift+F4: undo anyone's check-in."""

import json

from sqlalchemy import select

from models.attendance import attendance, check_in, record_leave, sitting_state
from models.audit import T_EVENT
from screens.checkin import CheckinScreen
from screens.person_search import PersonSearch
from tests.helpers import badge, event_count, settle
from tui.confirm import ConfirmDialog
from tui.reason_prompt import ReasonPrompt
from tui.widgets import ResultPanel


def last_event(db) -> tuple[str, dict]:
    with db.read() as conn:
        row = conn.execute(
            select(T_EVENT.c.kind, T_EVENT.c.payload).order_by(T_EVENT.c.id.desc()).limit(1)
        ).one()
    return row.kind, json.loads(row.payload)


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def pick(pilot, opener: str, code: str) -> None:
    """Open the search with ``opener`` and pick the person by code."""
    await press(pilot, opener)
    assert isinstance(pilot.app.screen, PersonSearch)
    await pilot.press(*code)
    await press(pilot, "enter")


async def test_f3_on_someone_checked_in_says_when_and_where_at_once(make_desk, desk_db):
    first = check_in(desk_db, "D0001", station="2号台")
    events = event_count(desk_db)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pick(pilot, "f3", "D0001")
        assert isinstance(app.screen, CheckinScreen)  # no reason asked
        shown = app.screen.query_one(ResultPanel)
        assert "已签到" in shown.headline
        assert "2号台" in shown.detail and first.at[11:16] in shown.detail
        assert "Shift+F4" in shown.detail
    assert event_count(desk_db) == events
    assert attendance(desk_db).figures.leave == 0


async def test_f3_on_someone_on_leave_cancels_the_leave_with_a_reason(make_desk, desk_db):
    record_leave(desk_db, "D0002", reason="出差")
    events = event_count(desk_db)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pick(pilot, "f3", "D0002")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "escape")  # no: nothing changed
        assert isinstance(app.screen, CheckinScreen)
        assert sitting_state(desk_db, "D0002").on_leave and event_count(desk_db) == events
        await pick(pilot, "f3", "D0002")
        await press(pilot, "enter")
        assert isinstance(app.screen, ReasonPrompt)
        await press(pilot, "escape")  # no reason: nothing changed either
        assert sitting_state(desk_db, "D0002").on_leave and event_count(desk_db) == events
        await pick(pilot, "f3", "D0002")
        await press(pilot, "enter", "enter")  # an empty reason is refused, the prompt stays
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press(*"提前返回")
        await press(pilot, "enter")
        assert isinstance(app.screen, CheckinScreen)
        assert "已撤销" in app.screen.query_one(ResultPanel).detail
        assert app.screen.query_one("#leave").value == "0"
    assert not sitting_state(desk_db, "D0002").on_leave
    kind, payload = last_event(desk_db)
    assert kind == "leave.cancel" and payload["code"] == "D0002"
    assert payload["reason"] == "提前返回"
    assert check_in(desk_db, "D0002").status == "ok"  # and now the person checks in


async def test_a_leave_cancelled_meanwhile_at_another_desk_is_refused_in_words(make_desk, desk_db):
    from models.attendance import cancel_leave

    record_leave(desk_db, "D0003", reason="病假")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pick(pilot, "f3", "D0003")
        await press(pilot, "enter")
        cancel_leave(desk_db, "D0003", reason="另一台已处理", station="2号台")
        events = event_count(desk_db)
        await pilot.press(*"到会")
        await press(pilot, "enter")
        shown = app.screen.query_one(ResultPanel)
        assert shown.headline == "✖" and "没有请假记录" in shown.detail
    assert event_count(desk_db) == events


async def test_shift_f4_undoes_another_desks_check_in_after_naming_time_and_desk(
    make_desk, desk_db
):
    first = check_in(desk_db, "D0004", station="2号台")
    check_in(desk_db, "D0005", station="1号台")  # this desk's last: F4 would take this one
    events = event_count(desk_db)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pick(pilot, "shift+f4", "D0004")
        assert isinstance(app.screen, ConfirmDialog)
        question = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "D0004" in question and "2号台" in question and first.at[11:16] in question
        await press(pilot, "escape")
        assert event_count(desk_db) == events
        await pick(pilot, "shift+f4", "D0004")
        await press(pilot, "enter")
        assert isinstance(app.screen, ReasonPrompt)
        await press(pilot, "escape")
        assert event_count(desk_db) == events
        assert sitting_state(desk_db, "D0004").checked_in_at == first.at
        await pick(pilot, "shift+f4", "D0004")
        await press(pilot, "enter", "enter")  # an empty reason is refused
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press(*"扫错了人")
        await press(pilot, "enter")
        assert isinstance(app.screen, CheckinScreen)
        assert "已撤销" in app.screen.query_one(ResultPanel).detail
        assert app.screen.query_one("#present").value == "1"
    assert sitting_state(desk_db, "D0004").checked_in_at is None
    assert sitting_state(desk_db, "D0005").checked_in_at is not None  # the desk's last stays
    kind, payload = last_event(desk_db)
    assert kind == "checkin.undo" and payload["code"] == "D0004"
    assert payload["reason"] == "扫错了人" and payload["checked_in_at"] == first.at


async def test_shift_f4_on_someone_not_checked_in_is_refused_in_words(make_desk, desk_db):
    events = event_count(desk_db)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pick(pilot, "shift+f4", "Z1")
        assert isinstance(app.screen, CheckinScreen)  # no question asked
        shown = app.screen.query_one(ResultPanel)
        assert shown.headline == "✖" and "张三丰" in shown.detail and "没有签到" in shown.detail
        await press(pilot, "shift+f4", "escape")  # Esc in the search: nothing at all
        assert isinstance(app.screen, CheckinScreen)
    assert event_count(desk_db) == events


async def test_f4_with_nothing_at_this_desk_points_to_shift_f4(make_desk, desk_db):
    check_in(desk_db, "D0001", station="2号台")
    app = make_desk("en")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f4")
        assert isinstance(app.screen, CheckinScreen)
        assert "Shift+F4" in app.screen.query_one(ResultPanel).detail
        assert app.screen.active_bindings["shift+f4"].binding.description == "Undo anyone"
        check_in(desk_db, "D0002", station="1号台")
        await press(pilot, "f4")  # this desk's last: its dialog names the other way too
        assert isinstance(app.screen, ReasonPrompt)
        prompt = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "D0002" in prompt and "Shift+F4" in prompt
        await press(pilot, "escape")
    assert sitting_state(desk_db, "D0002").checked_in_at is not None


async def test_a_badge_scanned_into_the_shift_f4_search_names_that_person(make_desk, desk_db):
    first = check_in(desk_db, "D0003", station="2号台")
    events = event_count(desk_db)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "shift+f4")
        await pilot.press(*badge(desk_db, "D0003"), "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)  # the scan's Enter confirmed nothing
        question = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "D0003" in question and "2号台" in question
        await press(pilot, "escape")
    assert event_count(desk_db) == events
    assert sitting_state(desk_db, "D0003").checked_in_at == first.at
