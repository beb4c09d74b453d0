"""The exit desk at 80×24 (issue 21): Ctrl+E switches the desk, its scan field says which way it
scans, a badge scanned at the exit moves its delegate out, the quorum line shows who is in the
hall, and the same badge at the entry brings them back. `huiwu --exit-desk` starts as an exit."""

from models.attendance import attendance, check_out
from tests.helpers import badge, check_in_codes, scan_burst, settle
from tui.app import make_app
from tui.widgets import ResultPanel, ScanInput


def panel_text(app) -> str:
    panel = app.screen.query_one(ResultPanel)
    return f"{panel.headline} {panel.detail}"


async def test_a_desk_switched_to_exit_moves_a_delegate_out_and_back(make_desk, desk_db):
    check_in_codes(desk_db, ["D0001", "D0002", "D0003"])
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        scan = app.screen.query_one(ScanInput)
        assert str(scan.border_title).startswith("入口") and not scan.has_class("-exit")
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert str(scan.border_title).startswith("出口：登记离场") and scan.has_class("-exit")
        await scan_burst(pilot, badge(desk_db, "D0002"))
        assert panel_text(app).startswith("↩ 已离场 代表2")
        assert app.screen.query_one(ResultPanel).has_class("-ok")
        quorum = str(app.screen.query_one("#quorum").render())
        assert "在场 2" in quorum
        await scan_burst(pilot, badge(desk_db, "D0002"))  # out already: told so, nothing else
        assert panel_text(app).startswith("⚠ 已离场 代表2 已于 ")
        await scan_burst(pilot, badge(desk_db, "D0004"))  # never came in
        assert panel_text(app).startswith("✖ 未签到入场")
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert str(scan.border_title).startswith("入口")
        await scan_burst(pilot, badge(desk_db, "D0002"))
        assert panel_text(app).startswith("✔ 重新入场 代表2")
    assert attendance(desk_db).figures.in_hall == 3


async def test_the_exit_desk_starts_as_an_exit(desk_db):
    check_in_codes(desk_db, ["D0001"])
    app = make_app(database=desk_db, lang="zh", station="东门出口", exit_desk=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert str(app.screen.query_one(ScanInput).border_title).startswith("出口")
        assert "出口：请扫描代表证二维码" in str(app.screen.query_one(ResultPanel).render())
        await scan_burst(pilot, badge(desk_db, "D0001"))
        assert panel_text(app).startswith("↩ 已离场")
    assert check_out(desk_db, "D0001", station="东门出口").reason == "already_out"
