"""Snapshot of the check-in screen with Chinese text (update with --snapshot-update)."""

from tests.helpers import scan_burst


def test_checkin_screen_in_chinese(snap_compare, make_desk):
    async def scan_a_foreign_badge(pilot):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await scan_burst(pilot, "HW1:OTHER:D0001:AAAAAAAAAAAAAAAA")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_desk(), terminal_size=(120, 40), run_before=scan_a_foreign_badge)
