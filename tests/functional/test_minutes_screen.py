"""The minutes dialog as the secretary uses it: F7 → F2, Enter exports with a
progress bar, F3 verifies, a folder that is not empty asks before overwriting."""

import pytest
from textual.widgets import Input, ProgressBar, Static

from models.db import open_database
from models.demo import create_demo
from screens.minutes_export import MinutesExportScreen
from tests.helpers import settle
from tui.app import make_app


@pytest.fixture
def demo_desk(tmp_path, monkeypatch):
    monkeypatch.setenv("HUIWU_EXPORT_DIR", str(tmp_path / "exports"))
    db = open_database(tmp_path / "demo.db")
    create_demo(db, delegates=64)
    yield lambda lang="zh": make_app(database=db, lang=lang, station="1号台")
    db.dispose()


def _lines(app) -> str:
    return str(app.screen.query_one("#mx-lines", Static).render())


async def _open(pilot) -> None:
    await pilot.press("f7")
    await settle(pilot)
    await pilot.press("f2")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MinutesExportScreen)


async def test_export_from_the_sittings_dialog_fills_the_progress_bar(demo_desk, tmp_path):
    app = demo_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open(pilot)
        folder = tmp_path / "package"
        field = app.screen.query_one("#mx-folder", Input)
        assert "会议材料" in field.value  # a sensible default under the export folder
        field.value = str(folder)
        await pilot.press("enter")
        await settle(pilot)
        bar = app.screen.query_one("#mx-progress", ProgressBar)
        assert bar.total and bar.progress == bar.total
        assert "会议材料已导出到" in _lines(app)
        assert (folder / "SHA256SUMS").exists()
        await pilot.press("f3")
        await settle(pilot)
        report = _lines(app)
        assert " 3. ✔ 审计链完整" in report
        assert "与最近一次导出的会议材料一致" in report
        assert "全部通过" in report


async def test_a_folder_that_is_not_empty_asks_first(demo_desk, tmp_path):
    folder = tmp_path / "full"
    folder.mkdir()
    (folder / "旧文件.txt").write_text("x", encoding="utf-8")
    app = demo_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open(pilot)
        app.screen.query_one("#mx-folder", Input).value = str(folder)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("escape")  # "no": nothing written
        await settle(pilot)
        assert not (folder / "SHA256SUMS").exists()
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("enter")  # "yes, overwrite"
        await settle(pilot)
        assert (folder / "SHA256SUMS").exists()


async def test_the_dialog_speaks_english(demo_desk):
    app = demo_desk("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert "Audit chain intact" in _lines(app)
