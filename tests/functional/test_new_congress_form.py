"""A new congress from the TUI (issue 17): from an empty database, N on the welcome screen opens
the form; Enter walks the fields and creates on the last; a bad date or a missing name is said
in the dialog and nothing is created; Esc cancels; a badge scanned into the form creates
nothing (the form opens where the registry's check-in screen cannot reach)."""

import pytest
from textual.widgets import Input, OptionList, Static

from models.congress import current_congress
from models.db import open_database
from models.errors import Refusal
from screens.checkin import CheckinScreen
from screens.new_congress import NewCongressDialog
from screens.no_congress import NoCongressScreen
from tests.helpers import event_count, settle
from tests.helpers import scan_burst as scan
from tui.app import make_app

NAME = "测试公司第四届职工代表大会第一次会议"


@pytest.fixture
def empty_db(tmp_path):
    db = open_database(tmp_path / "empty.db")
    yield db
    db.dispose()


def no_congress(db) -> bool:
    try:
        current_congress(db)
    except Refusal:
        return True
    return False


def error_text(app) -> str:
    return str(app.screen.query_one("#error", Static).render())


async def open_form(pilot) -> NewCongressDialog:
    await settle(pilot)
    assert isinstance(pilot.app.screen, NoCongressScreen)
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, NewCongressDialog)
    return pilot.app.screen


async def type_field(pilot, text: str) -> None:
    """Type into the focused field and press Enter (to the next field, or create on the last)."""
    field = pilot.app.focused
    assert isinstance(field, Input), field
    field.value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_enter_walks_the_form_and_creates_the_congress(empty_db):
    app = make_app(database=empty_db, station="1号台")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_form(pilot)
        await type_field(pilot, NAME)
        assert app.focused.id == "nc-kind"
        await pilot.press("down", "enter")  # 教代会
        await settle(pilot)
        assert app.focused.id == "nc-term"
        await type_field(pilot, "4")
        await type_field(pilot, "1")
        await type_field(pilot, "2026-03-05")
        assert no_congress(empty_db)  # nothing before the last field's Enter
        await type_field(pilot, "大礼堂")
        assert isinstance(app.screen, CheckinScreen)
        assert app.sub_title == NAME
    info = current_congress(empty_db)
    assert (info.name, info.kind, info.term, info.session) == (NAME, "jdh", 4, 1)
    assert (info.date, info.venue) == ("2026-03-05", "大礼堂")


async def test_a_new_congress_says_f7_and_f7_takes_the_first_sittings_name(empty_db):
    """After the form the desk names the key (not a command), and F7 with no sitting yet has the
    name field focused: typing and Enter ask, Enter creates."""
    from models.congress import list_sittings
    from screens.sittings import Sittings
    from tui.widgets import ResultPanel

    app = make_app(database=empty_db, station="1号台")
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_form(pilot)
        dialog.query_one("#nc-name", Input).value = NAME
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)
        panel = app.screen.query_one(ResultPanel)
        assert "请按 F7 建立第一个场次" in panel.detail + panel.headline
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, Sittings)
        assert app.focused.id == "new"
        await pilot.press(*"预备会议", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)
    assert [s.name for s in list_sittings(empty_db)] == ["预备会议"]


async def test_the_key_is_in_the_footer(empty_db):
    app = make_app(database=empty_db, station="1号台")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        binding = app.active_bindings["n"].binding
        assert binding.description == "新建大会" and binding.show


async def test_a_bad_date_is_said_and_nothing_is_created(empty_db):
    app = make_app(database=empty_db, station="1号台")
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_form(pilot)
        dialog.query_one("#nc-name", Input).value = NAME
        dialog.query_one("#nc-date", Input).value = "2026-02-30"
        dialog.query_one("#nc-venue", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "日期“2026-02-30”无效" in error_text(app)
        assert no_congress(empty_db) and event_count(empty_db) == 0

        dialog.query_one("#nc-date", Input).value = ""
        dialog.query_one("#nc-name", Input).value = " "
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "大会名称不能为空" in error_text(app)
        dialog.query_one("#nc-name", Input).value = NAME
        dialog.query_one("#nc-term", Input).value = "100"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "届次“100”无效" in error_text(app)
        assert no_congress(empty_db) and event_count(empty_db) == 0


async def test_esc_cancels_and_creates_nothing(empty_db):
    app = make_app(database=empty_db, station="1号台")
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_form(pilot)
        dialog.query_one("#nc-name", Input).value = NAME
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, NoCongressScreen)
    assert no_congress(empty_db) and event_count(empty_db) == 0


@pytest.mark.parametrize("field", ["nc-name", "nc-kind", "nc-venue"])
@pytest.mark.parametrize("suffix", ["\r", "\t", "\n", "\r\n"])
async def test_a_badge_scanned_into_the_form_creates_nothing(empty_db, field, suffix):
    app = make_app(database=empty_db, station="1号台")
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_form(pilot)
        dialog.query_one("#nc-name", Input).value = NAME  # a scan's Enter must not create it
        dialog.query_one(f"#{field}").focus()
        await scan(pilot, "HW1:ABCDEFGH:D0001:3f9a2b", suffix)
        assert app.screen is dialog
        assert dialog.query_one("#nc-name", Input).value == NAME
        assert "HW1" not in dialog.query_one("#nc-venue", Input).value
        assert dialog.query_one(OptionList).highlighted == 0
    assert no_congress(empty_db) and event_count(empty_db) == 0
