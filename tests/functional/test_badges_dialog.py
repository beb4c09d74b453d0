"""The badges dialog (F6 on the check-in desk): F2 voids every printed badge after a confirmation,
then the desk reads an old badge as revoked and the new sheet is printed from the same dialog."""

from sqlalchemy import func, select

from models.congress import T_RETIRED_SECRET
from screens.badges_export import BadgesExport
from tests.helpers import badge, event_count, settle
from tui.confirm import ConfirmDialog
from tui.widgets import ResultPanel


def retired(db) -> int:
    with db.read() as conn:
        return conn.execute(select(func.count()).select_from(T_RETIRED_SECRET)).scalar_one()


def message(app) -> str:
    return str(app.screen.query_one("#message").render())


async def test_f2_asks_then_voids_old_badges_and_the_desk_says_so(make_desk, desk_db, tmp_path):
    old = badge(desk_db, "D0001")
    events = event_count(desk_db)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, BadgesExport)
        assert "F2 作废旧证并换新密钥" in str(app.screen.query_one(".dialog-hint").render())

        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "6 人" in str(app.screen.query("Static")[1].render())
        await pilot.press("escape")  # declined: nothing happens
        await settle(pilot)
        assert isinstance(app.screen, BadgesExport)
        assert (retired(desk_db), event_count(desk_db)) == (0, events)

        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BadgesExport)
        assert "6 人需要换领新证" in message(app)
        assert "打印新代表证" in message(app)
        assert retired(desk_db) == 1

        path = app.screen.query_one("#path")
        path.value = str(tmp_path / "新证.pdf")
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "新证.pdf").is_file()
        assert "已生成 6 张代表证" in message(app)

        await pilot.press("escape")
        await settle(pilot)
        await pilot.press(*old, "enter")
        await settle(pilot)
        panel = app.screen.query_one(ResultPanel)
        assert panel.headline == "✖ 旧代表证已作废，请换领新证"
        assert panel.has_class("-error")
        await pilot.press(*badge(desk_db, "D0001"), "enter")
        await settle(pilot)
        assert panel.headline == "✔ 签到成功"
