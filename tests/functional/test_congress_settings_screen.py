"""The congress settings (Ctrl+S on the check-in screen, issue 17): every detail and voting
setting with its value, the default marked; Enter asks for the new value, then confirms old →
new; the change is read back from the services and logged; Esc at the question changes nothing;
a refused value is said before anything is asked."""

from textual.widgets import DataTable, Input, OptionList, Static

from models.congress import current_congress
from models.seats.notes import congress_notes
from models.verify import verify_database
from models.voting import congress_settings
from screens.congress_settings import CongressSettings, ValuePrompt
from tests.helpers import event_count, settle
from tui.confirm import ConfirmDialog
from tui.widgets import ScanInput


def said(app) -> str:
    return " ".join(str(app.screen.query_one(f"#{n}", Static).render()) for n in ("error", "said"))


def question(app) -> str:
    assert isinstance(app.screen, ConfirmDialog)
    return str(app.screen.query(Static)[1].render())


async def open_settings(pilot) -> CongressSettings:
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CongressSettings)
    return pilot.app.screen


async def pick_line(pilot, key: str) -> ValuePrompt:
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(key))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ValuePrompt)
    return pilot.app.screen


def row_text(screen, key: str) -> str:
    table = screen.query_one(DataTable)
    return " ".join(str(cell) for cell in table.get_row(key))


async def test_the_key_is_hidden_with_an_id_and_a_tooltip(make_desk):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        binding = app.active_bindings["ctrl+s"].binding
        assert (binding.id, binding.show) == ("settings", False)
        assert binding.description == "大会设置" and binding.tooltip


async def test_every_line_with_its_value_and_the_default_marked(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        assert "测试公司第三届职工代表大会第二次会议" in row_text(screen, "name")
        assert "职工代表大会" in row_text(screen, "kind")
        assert "应到代表 (due)（默认）" in row_text(screen, "motion.base")
        assert "实到代表 | 有效票" in row_text(screen, "motion.base")
        # the details, the voting settings, then the four categories' check-in notes
        assert screen.query_one(DataTable).row_count == 6 + len(congress_settings(desk_db)) + 4
        assert "已建立的事项保留建立时的设置" in str(screen.query_one("#setup-note").render())


async def test_change_a_voting_setting(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        prompt = await pick_line(pilot, "motion.base")
        options = prompt.query_one(OptionList)
        assert options.highlighted == 0  # the current value: due
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "表决事项通过的基数：应到代表 (due) → 实到代表 (present)" in question(app)
        assert "此后新建的事项按新设置" in question(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert "已修改：表决事项通过的基数 = 实到代表 (present)" in said(app)
        assert "实到代表 (present)" in row_text(screen, "motion.base")
        assert "默认" not in row_text(screen, "motion.base")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(ScanInput).has_focus
    assert congress_settings(desk_db)["motion.base"] == "present"


async def test_change_a_typed_setting_and_a_refused_one(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(pilot)
        prompt = await pick_line(pilot, "election.rate")
        assert prompt.query_one(Input).value == "5%"
        prompt.query_one(Input).value = "五成"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CongressSettings)
        assert "election.rate 的值「五成」无效" in said(app)
        await pick_line(pilot, "election.rate")
        app.screen.query_one(Input).value = "10%"
        await pilot.press("enter")
        await settle(pilot)
        assert "差额比例：5% → 10%" in question(app)
        await pilot.press("enter")
        await settle(pilot)
    assert congress_settings(desk_db)["election.rate"] == "10%"


async def test_change_a_detail(make_desk, desk_db):
    events = event_count(desk_db)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        await pick_line(pilot, "date")
        app.screen.query_one(Input).value = "2026-03-05"
        await pilot.press("enter")
        await settle(pilot)
        assert "日期：— → 2026-03-05" in question(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "2026-03-05" in row_text(screen, "date")

        await pick_line(pilot, "name")
        app.screen.query_one(Input).value = "测试公司第四届职工代表大会第一次会议"
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert app.sub_title.startswith("测试公司第四届职工代表大会第一次会议")
    info = current_congress(desk_db)
    assert (info.date, info.name) == ("2026-03-05", "测试公司第四届职工代表大会第一次会议")
    assert event_count(desk_db) == events + 2
    assert verify_database(desk_db).ok


async def test_esc_at_the_question_changes_nothing(make_desk, desk_db):
    events = event_count(desk_db)
    before = (current_congress(desk_db), congress_settings(desk_db))
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        await pick_line(pilot, "kind")
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "类型：职工代表大会 → 教职工代表大会" in question(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pick_line(pilot, "motion.comparator")
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pick_line(pilot, "venue")
        await pilot.press("escape")  # at the value prompt
        await settle(pilot)
        assert app.screen is screen
    assert (current_congress(desk_db), congress_settings(desk_db)) == before
    assert event_count(desk_db) == events


async def test_a_refused_detail_is_said_before_anything_is_asked(make_desk, desk_db):
    events = event_count(desk_db)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(pilot)
        for key, typed, words in [
            ("date", "2026-02-30", "日期“2026-02-30”无效"),
            ("term", "3", "没有要改的内容"),
            ("term", "x", "“届”应为整数"),
            ("session", "100", "届次“100”无效"),
            ("name", " ", "大会名称不能为空"),
        ]:
            prompt = await pick_line(pilot, key)
            prompt.query_one(Input).value = typed
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, CongressSettings), key
            assert words in said(app), (key, said(app))
    assert event_count(desk_db) == events


async def test_a_category_note_is_set_here_and_shown_at_check_in(make_desk, desk_db):
    """Issue 21: 列席代表 →「请领取列席证」, typed on the settings screen, logged, verified."""
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(pilot)
        assert "列席代表签到提示语" in row_text(screen, "note.attendee")
        await pick_line(pilot, "note.attendee")
        app.screen.query_one(Input).value = "[/b]请领取列席证"
        await pilot.press("enter")
        await settle(pilot)
        assert "[/b]请领取列席证" in question(app)
        assert "新建的事项" not in question(app)  # a note is no voting rule
        await pilot.press("enter")
        await settle(pilot)
        assert "[/b]请领取列席证" in row_text(app.screen, "note.attendee")
    assert congress_notes(desk_db) == {"attendee": "[/b]请领取列席证"}
    assert verify_database(desk_db).ok
