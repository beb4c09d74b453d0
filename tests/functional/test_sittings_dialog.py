"""The sittings dialog (F7) as a desk uses it: creating or switching asks first and Esc changes
nothing; F3 renames and F4 removes with a reason; Esc closes every sub-dialog, then the dialog,
and the scan field has the focus again. And F5's roster import says a frozen-roll refusal."""

from textual.widgets import Input, OptionList, Static

from models import audit
from models.attendance import check_in
from models.congress import create_sitting, current_congress, list_sittings
from models.motions import new_motion, record_count
from models.rules.motion import MotionCount
from screens.sittings import NamePrompt, Sittings
from tests.helpers import event_count, settle
from tui.confirm import ConfirmDialog
from tui.reason_prompt import ReasonPrompt
from tui.widgets import ScanInput

FIRST = "第一次全体会议"


def names(db) -> list[str]:
    return [s.name for s in list_sittings(db)]


def current_name(db) -> str:
    current = current_congress(db).current_sitting_id
    return next(s.name for s in list_sittings(db) if s.id == current)


def said(app) -> str:
    return " ".join(str(app.screen.query_one(f"#{n}", Static).render()) for n in ("error", "said"))


def question(app) -> str:
    assert isinstance(app.screen, ConfirmDialog)
    return str(app.screen.query(Static)[1].render())


async def open_sittings(pilot) -> Sittings:
    await pilot.press("f7")
    await settle(pilot)
    assert isinstance(pilot.app.screen, Sittings)
    return pilot.app.screen


async def type_into(pilot, value: str) -> None:
    field = pilot.app.screen.query_one(Input)
    field.focus()
    field.value = value
    await pilot.press("enter")
    await settle(pilot)


async def test_creating_asks_first_and_esc_changes_nothing(make_desk, desk_db):
    events = event_count(desk_db)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await open_sittings(pilot)
        await type_into(pilot, "第二次全体会议")
        assert "新建场次「第二次全体会议」并设为当前场次" in question(app)
        assert "实到从0开始" in question(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dialog
        assert (names(desk_db), event_count(desk_db)) == ([FIRST], events)

        await type_into(pilot, "第二次全体会议")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, (Sittings, ConfirmDialog))
        assert current_name(desk_db) == "第二次全体会议"
        assert app.screen.query_one(ScanInput).has_focus


async def test_a_refused_name_is_said_before_anything_is_asked(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_sittings(pilot)
        await type_into(pilot, FIRST)
        assert isinstance(app.screen, Sittings)
        assert "场次「第一次全体会议」已经存在" in said(app)


async def test_switching_asks_first(make_desk, desk_db):
    create_sitting(desk_db, "第二次全体会议")  # now current
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await open_sittings(pilot)
        options = dialog.query_one(OptionList)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert "把当前场次切换为「第一次全体会议」" in question(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dialog and current_name(desk_db) == "第二次全体会议"

        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert current_name(desk_db) == FIRST
        assert app.screen.query_one(ScanInput).has_focus


async def test_f3_renames_with_a_reason(make_desk, desk_db):
    create_sitting(desk_db, "HW1:ABCD:D0001:3f9a")  # current: what F3 acts on
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await open_sittings(pilot)
        assert "F3 改名" in str(dialog.query_one(".dialog-hint").render())
        assert app.active_bindings["f3"].binding.tooltip
        assert app.active_bindings["f4"].binding.tooltip
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, NamePrompt)
        assert app.screen.query_one(Input).value == "HW1:ABCD:D0001:3f9a"
        await type_into(pilot, "第二次全体会议")
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press("enter")  # no reason yet: refused in the prompt
        await settle(pilot)
        assert isinstance(app.screen, ReasonPrompt)
        await type_into(pilot, "扫码误建")
        assert app.screen is dialog
        assert "已改名为「第二次全体会议」" in said(app)
        assert names(desk_db) == [FIRST, "第二次全体会议"]
        assert "第二次全体会议（当前）" in str(
            dialog.query_one(OptionList).get_option_at_index(1).prompt
        )
        assert audit.events(desk_db, "sitting.rename")[0]["payload"]["reason"] == "扫码误建"


async def test_f4_removes_the_current_sitting_after_a_reason_and_a_question(make_desk, desk_db):
    create_sitting(desk_db, "HW1:ABCD:D0001:3f9a")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await open_sittings(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await type_into(pilot, "扫码误建")
        assert "删除后「第一次全体会议」成为当前场次" in question(app)
        await pilot.press("escape")  # declined: nothing removed
        await settle(pilot)
        assert app.screen is dialog and len(names(desk_db)) == 2

        await pilot.press("f4")
        await settle(pilot)
        await type_into(pilot, "扫码误建")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert names(desk_db) == [FIRST] and current_name(desk_db) == FIRST
        assert "当前场次现为「第一次全体会议」" in said(app)


async def test_f4_on_a_sitting_with_check_ins_says_why_not(make_desk, desk_db):
    assert check_in(desk_db, "D0001", station="1号台").ok
    create_sitting(desk_db, "第二次全体会议")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await open_sittings(pilot)
        dialog.query_one(OptionList).highlighted = 0
        await pilot.press("f4")
        await settle(pilot)
        assert app.screen is dialog
        assert "不能删除" in said(app) and "签到 1 条" in said(app)
        assert len(names(desk_db)) == 2


async def test_esc_closes_each_sub_dialog_then_the_dialog_and_the_scan_field_has_focus(
    make_desk, desk_db
):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await open_sittings(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await type_into(pilot, "第一次大会")
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dialog and names(desk_db) == [FIRST]
        dialog.query_one("#new", Input).focus()
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, Sittings)
        assert app.screen.query_one(ScanInput).has_focus


async def test_the_roster_import_screen_says_a_frozen_roll_refusal(make_desk, desk_db, tmp_path):
    for code in ("D0001", "D0002", "D0003", "D0004", "D0005"):
        assert check_in(desk_db, code, station="1号台").ok
    new_motion(desk_db, "关于集体合同草案的决议")
    record_count(desk_db, 1, MotionCount(5, 0, 0), method="hands")
    path = tmp_path / "名单.csv"
    path.write_text("编号,姓名,代表团,类别\nD0002,代表2,第一代表团,列席代表\n", encoding="utf-8")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await type_into(pilot, str(path))
        await settle(pilot)
        message = str(app.screen.query_one("#message", Static).render())
    assert "导入失败，未做任何改动" in message
    assert "第1项表决已冻结名单，代表2（D0002）的类别不能从正式代表改为列席代表" in message
