"""F12 on the check-in screen: 未到名单, filtered, following check-ins live, Esc back."""

from textual.widgets import DataTable, Input

from models.attendance import check_in, record_leave
from screens.absentees import AbsenteesScreen
from screens.checkin import CheckinScreen
from tests.helpers import badge, settle


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("#absent-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def open_list(pilot) -> None:
    await settle(pilot)
    await pilot.press("f12")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AbsenteesScreen)


async def test_the_list_by_delegation_without_those_on_leave(make_desk, desk_db):
    check_in(desk_db, "D0001")
    record_leave(desk_db, "D0002", reason="病假")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        assert "第一次全体会议 未到名单" in text_of(app, "#absent-title")
        assert text_of(app, "#absent-figures") == (
            "应到6名，实到1名，请假1名（请假者不列入名单），未到4名"
        )
        assert rows(app) == [
            ["第一代表团", "名单未指定团长", "D0003", "代表3", ""],
            ["", "", "D0004", "代表4", ""],
            ["", "", "D0005", "代表5", ""],
            ["第二代表团", "名单未指定团长", "Z1", "张三丰", ""],
        ]
        assert app.screen.query_one("#absent-filter", Input).has_focus


async def test_filter_by_initials_delegation_and_nothing_found(make_desk):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        await pilot.press(*"zsf")
        await settle(pilot)
        assert [row[2] for row in rows(app)] == ["Z1"]
        app.screen.query_one("#absent-filter", Input).value = "第一"
        await settle(pilot)
        assert [row[2] for row in rows(app)] == ["D0001", "D0002", "D0003", "D0004", "D0005"]
        app.screen.query_one("#absent-filter", Input).value = "无此人"
        await settle(pilot)
        assert rows(app) == [] and "没有符合筛选条件" in text_of(app, "#absent-message")


async def test_a_scan_meanwhile_checks_in_and_another_desk_too_the_list_follows(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        await pilot.press(*badge(desk_db, "D0003"), "enter")  # routed to the check-in screen
        await settle(pilot)
        check_in(desk_db, "Z1", station="2号台")  # another desk's commit
        app.screen.watch_tick()  # what the twice-a-second timer does, without waiting for it
        await settle(pilot)
        codes = [row[2] for row in rows(app)]
        assert "D0003" not in codes and "Z1" not in codes and len(codes) == 4
        assert "实到2名" in text_of(app, "#absent-figures")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)


async def test_everybody_here_says_so(make_desk, desk_db):
    for code in ("D0001", "D0002", "D0003", "D0004", "Z1"):
        check_in(desk_db, code)
    record_leave(desk_db, "D0005", reason="出差")
    app = make_desk("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        assert rows(app) == []
        assert "No voting delegate is missing" in text_of(app, "#absent-message")


async def test_f2_writes_the_list_as_shown_to_the_export_folder(
    make_desk, desk_db, tmp_path, monkeypatch
):
    from openpyxl import load_workbook

    from tests.functional.test_cli_absent import pdf_text

    monkeypatch.setenv("HUIWU_EXPORT_DIR", str(tmp_path / "exports"))
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        await pilot.press(*"第二")  # the filter applies to the files too
        await pilot.press("f2")
        await settle(pilot)
        assert "已导出" in text_of(app, "#absent-export")
    pdf = tmp_path / "exports" / "第一次全体会议-未到名单.pdf"
    xlsx = pdf.with_suffix(".xlsx")
    text = pdf_text(pdf)
    assert "张三丰" in text and "代表3" not in text
    codes = [row[3] for row in load_workbook(xlsx).active.iter_rows(values_only=True)]
    assert "Z1" in codes and "D0003" not in codes
