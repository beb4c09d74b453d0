"""Every dialog that offers a place to write to starts in the one export folder
(tui/exports.py: Documents/huiwu, or HUIWU_EXPORT_DIR), not somewhere of its own."""

from pathlib import Path

from textual.widgets import Input

from screens.badges_export import BadgesExport
from screens.minutes_export import MinutesExportScreen
from tests.helpers import settle


async def test_the_badges_dialog_offers_and_writes_into_the_export_folder(
    make_desk, tmp_path, monkeypatch
):
    folder = tmp_path / "会务导出"  # not there yet: the first sheet creates it
    monkeypatch.setenv("HUIWU_EXPORT_DIR", str(folder))
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, BadgesExport)
        offered = Path(app.screen.query_one("#path", Input).value)
        assert offered == folder / "代表证.pdf"
        assert not folder.exists()  # offering writes nothing
        app.screen.query_one("#path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert (folder / "代表证.pdf").stat().st_size > 0


async def test_the_minutes_dialog_offers_a_folder_inside_the_export_folder(
    make_desk, tmp_path, monkeypatch
):
    monkeypatch.setenv("HUIWU_EXPORT_DIR", str(tmp_path / "exports"))
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f7", "f2")
        await settle(pilot)
        assert isinstance(app.screen, MinutesExportScreen)
        offered = Path(app.screen.query_one("#mx-folder", Input).value)
        assert offered.parent == tmp_path / "exports"
