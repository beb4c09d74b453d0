from sqlalchemy import func, select
from textual import events

from models.attendance import T_CHECKIN, attendance
from tests.helpers import badge, settle
from tui.widgets import ResultPanel, ScanInput


def post_burst(widget, texts: list[str]) -> None:
    """What a keyboard-wedge scanner does: every key of every badge queued at once, no waiting."""
    for text in texts:
        for char in text:
            widget.post_message(events.Key(char, char))
        widget.post_message(events.Key("enter", "\r"))


def checkins(db) -> list[str]:
    from models.congress import T_PERSON

    with db.read() as conn:
        return list(
            conn.execute(
                select(T_PERSON.c.code)
                .select_from(T_CHECKIN.join(T_PERSON, T_CHECKIN.c.person_id == T_PERSON.c.id))
                .order_by(T_CHECKIN.c.id)
            ).scalars()
        )


async def test_a_burst_of_scans_is_never_merged_or_split(make_desk, desk_db):
    app = make_desk()
    codes = ["D0001", "D0002", "D0003", "D0004"]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        scan = app.screen.query_one(ScanInput)
        assert scan.has_focus
        post_burst(scan, [badge(desk_db, code) for code in codes] + [badge(desk_db, "D0001")])
        await settle(pilot)
        assert checkins(desk_db) == codes
        panel = app.screen.query_one(ResultPanel)
        assert "已签到" in panel.headline  # the fifth scan repeats D0001
        assert scan.value == ""
        assert scan.has_focus
        assert app.screen.query_one("#present").value == "4"


async def test_a_scan_shows_the_person_and_the_quorum_follows(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        scan = app.screen.query_one(ScanInput)
        for code in ("D0001", "D0002", "D0003"):
            await pilot.press(*badge(desk_db, code), "enter")
        await settle(pilot)
        panel = app.screen.query_one(ResultPanel)
        assert panel.headline == "✔ 签到成功"
        assert "代表3 · 第一代表团 · 正式代表" in panel.detail
        quorum = str(app.screen.query_one("#quorum").render())
        assert "还差 1 人" in quorum  # 3 of 6: needs 4
        await pilot.press(*badge(desk_db, "D0004"), "enter")
        await settle(pilot)
        assert "已达法定人数" in str(app.screen.query_one("#quorum").render())
        assert "可以开会" in str(app.screen.query_one("#announcement").render())
        assert scan.has_focus


async def test_a_forged_badge_is_refused_in_red_and_nothing_is_counted(make_desk, desk_db):
    app = make_desk()
    forged = badge(desk_db, "D0001").replace(":D0001:", ":D0002:")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*forged, "enter")
        await settle(pilot)
        panel = app.screen.query_one(ResultPanel)
        assert panel.headline.startswith("✖ 无效二维码")
        assert panel.has_class("-error")
        await pilot.press(*"HW1:OTHER:D0001:AAAAAAAAAAAAAAAA", "enter")
        await settle(pilot)
        assert panel.headline == "✖ 非本次大会的代表证"
    assert checkins(desk_db) == []


async def test_manual_checkin_by_pinyin_initials(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press(*"zsf")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        panel = app.screen.query_one(ResultPanel)
        assert panel.headline == "✔ 签到成功"
        assert "张三丰" in panel.detail and "手工" in panel.detail
        assert app.screen.query_one(ScanInput).has_focus
    assert checkins(desk_db) == ["Z1"]


async def test_undo_the_last_checkin_with_a_reason(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*badge(desk_db, "D0002"), "enter")
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("enter")  # an empty reason is refused, the dialog stays
        await settle(pilot)
        assert checkins(desk_db) == ["D0002"]
        await pilot.press(*"scanned wrong badge", "enter")
        await settle(pilot)
        assert "撤销" in app.screen.query_one(ResultPanel).detail
        assert app.screen.query_one("#present").value == "0"
    assert checkins(desk_db) == []


async def test_leave_is_entered_by_search_and_reason(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press(*"D0005", "enter")
        await settle(pilot)
        await pilot.press(*"travel", "enter")
        await settle(pilot)
        assert app.screen.query_one("#leave").value == "1"
    assert attendance(desk_db).figures.leave == 1


async def test_english_interface(make_desk, desk_db):
    app = make_desk("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*badge(desk_db, "D0001"), "enter")
        await settle(pilot)
        assert app.screen.query_one(ResultPanel).headline == "✔ Checked in"
        keys = {b.binding.description for b in app.active_bindings.values()}
        assert "Manual" in keys and "Undo" in keys


async def test_db_count_matches_screen_after_burst(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        scan = app.screen.query_one(ScanInput)
        post_burst(scan, [badge(desk_db, f"D000{i}") for i in range(1, 6)] * 2)
        await settle(pilot)
    with desk_db.read() as conn:
        assert conn.execute(select(func.count()).select_from(T_CHECKIN)).scalar_one() == 5
