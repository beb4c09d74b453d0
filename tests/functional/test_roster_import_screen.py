"""The roster import dialog (F5) with real rosters (issue 18): it shows what the file would change
before writing anything; Enter or Y writes it, Esc cancels; a new code for a name already on the
roster is refused naming both codes and A allows it; a formula without a result is named."""

import openpyxl
from sqlalchemy import func, select

from models.audit import T_EVENT
from models.roster import roster_people
from models.verify import verify_database
from screens.roster_import import RosterImport
from tests.helpers import settle

SIZE = (120, 40)
# desk_db holds D0001–D0005 (代表1–5, 第一代表团) and Z1 张三丰 (第二代表团)
REIMPORT = (
    "序号,编号,姓名,所在单位,代表团名称,代表类别,民族\n"
    "1,D0001,代表1,机关,第一代表团,列席代表,\n"
    "2,N0001,新代表,车间,第三代表团,,新增\n"
)


def message(app) -> str:
    return str(app.screen.query_one("#message").render())


def hint(app) -> str:
    return str(app.screen.query_one("#hint").render())


def events(db) -> int:
    with db.read() as conn:
        return conn.execute(select(func.count()).select_from(T_EVENT)).scalar_one()


def codes(db) -> list[str]:
    return [person.code for person in roster_people(db)]


async def open_dialog(pilot, path) -> None:
    await settle(pilot)
    pilot.app.push_screen(RosterImport(path))
    await settle(pilot)


async def test_the_preview_comes_first_and_esc_cancels(make_desk, desk_db, tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text(REIMPORT, encoding="utf-8")
    before = (codes(desk_db), events(desk_db))
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, path)
        shown = message(app)
        assert "导入预览（尚未写入）：名单.csv" in shown
        assert "新增：N0001 新代表" in shown
        assert "更新 D0001 代表1：单位“空”→“机关”、类别“正式代表”→“列席代表”" in shown
        assert "名单上有5人不在这个文件中（不会删除）" in shown
        assert "已忽略的列：民族" in shown  # 备注 would be the check-in note (issue 21)
        assert "Enter 或 Y 导入" in hint(app)
        assert (codes(desk_db), events(desk_db)) == before

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RosterImport)
        assert "已取消，未导入任何人员。" in message(app)
        await pilot.press("enter")  # the path field has the focus again: Enter previews anew
        await settle(pilot)
        assert "导入预览" in message(app)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, RosterImport)
    assert (codes(desk_db), events(desk_db)) == before


async def test_enter_writes_what_was_previewed(make_desk, desk_db, tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text(REIMPORT, encoding="utf-8")
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, path)
        await pilot.press("enter")
        await settle(pilot)
        done = message(app)
        assert "导入完成：新增 1 人，更新 1 人，共 2 行。" in done
        assert "已忽略的列：民族" in done
        await pilot.press("y")  # nothing waits for an answer now
        await settle(pilot)
    assert "N0001" in codes(desk_db) and len(codes(desk_db)) == 7
    assert verify_database(desk_db).ok


async def test_a_new_code_for_a_name_on_the_roster_needs_a(make_desk, desk_db, tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text("编号,姓名,代表团\n0001,代表1,第一代表团\n", encoding="utf-8")
    before = (codes(desk_db), events(desk_db))
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, path)
        said = message(app)
        assert "导入失败，未做任何改动" in said
        assert "第2行: 代表1（第一代表团）编号“0001”，名单上已有编号“D0001”" in said
        assert "A 仍然导入" in hint(app)
        await pilot.press("enter", "y")  # neither confirms a refusal
        await settle(pilot)
        assert (codes(desk_db), events(desk_db)) == before
        await pilot.press("a")
        await settle(pilot)
        assert "已允许同名同代表团：1人" in message(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "新增 1 人" in message(app)
    assert "0001" in codes(desk_db)
    assert verify_database(desk_db).ok


async def test_a_formula_without_a_result_is_named(make_desk, desk_db, tmp_path):
    path = tmp_path / "名单.xlsx"
    workbook = openpyxl.Workbook()
    for row in (["编号", "姓名"], ["N1", "甲"], ["N2", "乙"], ["N3", "丙"], ["N4", "=B2"]):
        workbook.active.append(row)
    workbook.save(path)
    before = (codes(desk_db), events(desk_db))
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, path)
        assert "第5行: “姓名”列是公式，没有保存计算结果" in message(app)
        await pilot.press("enter")
        await settle(pilot)
    assert (codes(desk_db), events(desk_db)) == before
