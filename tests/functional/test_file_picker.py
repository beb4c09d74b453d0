"""Importing by picking the file (issue 17): the file browser lists folders and the accepted files,
filters, goes into a folder and up, picks; F5 on the check-in screen imports the picked roster."""

from pathlib import Path

import pytest
from openpyxl import Workbook
from textual.widgets import Input, OptionList

from models.attendance import search_people
from screens.checkin import CheckinScreen
from screens.roster_import import RosterImport
from tests.helpers import settle
from tui.file_picker import FilePicker
from tui.places import Place

SIZE = (140, 40)


@pytest.fixture
def docs(tmp_path, monkeypatch) -> Path:
    """A Documents folder with a subfolder, a roster workbook, a CSV and a file of another type."""
    folder = tmp_path / "文档"
    (folder / "2026职代会").mkdir(parents=True)
    (folder / ".cache").mkdir()
    write_roster(folder / "代表名单.xlsx", [("R001", "王小红", "第三代表团", "正式代表")])
    (folder / "2026职代会" / "选票.csv").write_text("票号,甲\n1,○\n", encoding="utf-8")
    (folder / "说明.docx").write_bytes(b"PK")
    monkeypatch.setenv("HUIWU_IMPORT_DIR", str(folder))
    return folder


def write_roster(path: Path, people: list[tuple[str, str, str, str]]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["编号", "姓名", "代表团", "类别"])
    for row in people:
        sheet.append(list(row))
    book.save(path)


def listed(app) -> list[str]:
    files = app.screen.query_one("#fp-files", OptionList)
    return [
        str(files.get_option_at_index(i).prompt).split("   ")[0] for i in range(files.option_count)
    ]


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def open_picker(pilot) -> FilePicker:
    await settle(pilot)
    await pilot.press("f5")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FilePicker)
    return pilot.app.screen


async def test_folders_first_then_only_table_files_with_size_and_time(make_desk, docs):
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        assert listed(app) == ["▸ 2026职代会/", "代表名单.xlsx"]  # no .docx, no hidden folder
        files = app.screen.query_one("#fp-files", OptionList)
        assert files.has_focus
        assert "KB" in str(files.get_option_at_index(1).prompt)
        assert str(docs) in text_of(app, "#fp-folder")
        places = app.screen.query_one("#fp-places", OptionList)
        assert str(places.get_option_at_index(0).prompt) == "文档"


async def test_the_lists_fill_the_dialog_rather_than_a_few_lines(make_desk, docs):
    """A folder of ballot files must be seen at a glance: the lists take the dialog's height."""
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_picker(pilot)
        dialog = app.screen.query_one("#fp-dialog").region
        assert dialog.width > 100
        for name in ("#fp-places", "#fp-files"):
            assert app.screen.query_one(name).region.height >= dialog.height - 14, name


async def test_enter_opens_a_folder_and_backspace_goes_up(make_desk, docs):
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        picker = await open_picker(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert picker.folder == docs / "2026职代会"
        assert listed(app) == ["选票.csv"]
        await pilot.press("backspace")
        await settle(pilot)
        assert picker.folder == docs
        assert listed(app) == ["▸ 2026职代会/", "代表名单.xlsx"]


async def test_filter_narrows_the_list_and_enter_picks_from_it(make_desk, docs):
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        await pilot.press("ctrl+f")
        await pilot.press(*"名单")
        await settle(pilot)
        assert listed(app) == ["代表名单.xlsx"]
        app.screen.query_one("#fp-filter", Input).value = "没有这个"
        await settle(pilot)
        assert listed(app) == [] and "没有可导入的文件" in text_of(app, "#fp-hint")


async def test_a_place_on_the_left_opens_its_folder(make_desk, docs, tmp_path):
    stick = tmp_path / "media" / "KINGSTON"
    stick.mkdir(parents=True)
    write_roster(stick / "U盘名单.xlsx", [])
    places = [Place("documents", docs), Place("removable", stick, "KINGSTON")]
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        picked = []
        app.push_screen(FilePicker("选择", (".xlsx",), places=places), picked.append)
        await settle(pilot)
        options = app.screen.query_one("#fp-places", OptionList)
        assert str(options.get_option_at_index(1).prompt) == "U盘 KINGSTON"
        options.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert listed(app) == ["U盘名单.xlsx"]
        await pilot.press("enter")
        await settle(pilot)
        assert picked == [stick / "U盘名单.xlsx"]


async def test_escape_picks_nothing(make_desk, docs):
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)


async def test_f5_imports_the_picked_roster(make_desk, desk_db, docs):
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, RosterImport)
        assert "导入预览（尚未写入）" in text_of(app, "#message")  # nothing written yet
        assert search_people(desk_db, "R001") == []
        await pilot.press("enter")
        await settle(pilot)
        assert "新增 1 人" in text_of(app, "#message")
        assert [p.name for p in search_people(desk_db, "R001")] == ["王小红"]


async def test_a_bad_roster_says_why_in_chinese_and_imports_nobody(make_desk, desk_db, docs):
    write_roster(docs / "代表名单.xlsx", [("R001", "", "第三代表团", "正式代表")])
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        message = text_of(app, "#message")
        assert "未导入任何人员" in message and "第2行: 姓名为空" in message
        assert search_people(desk_db, "R001") == []


async def test_ctrl_l_takes_a_typed_path(make_desk, desk_db, docs):
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(pilot)
        await pilot.press("ctrl+l")
        field = app.screen.query_one("#fp-typed", Input)
        assert field.has_focus and field.value == str(docs)
        field.value = str(docs / "没有.xlsx")
        await pilot.press("enter")
        await settle(pilot)
        assert "找不到文件" in text_of(app, "#fp-hint")
        field.value = str(docs / "代表名单.xlsx")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RosterImport)
        await pilot.press("y")
        await settle(pilot)
        assert [p.name for p in search_people(desk_db, "R001")] == ["王小红"]
