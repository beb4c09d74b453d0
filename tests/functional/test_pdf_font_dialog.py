"""The badges dialog (F6 on the check-in desk) with an unusable HUIWU_FONT: the refusal names the
variable and the path, and no PDF is written; with the variable unset the same entry prints."""

from tests.helpers import settle


def message(app) -> str:
    return str(app.screen.query_one("#message").render())


async def test_the_badges_dialog_says_which_font_is_missing(
    make_desk, desk_db, tmp_path, monkeypatch
):
    font = tmp_path / "simsun.ttc"
    monkeypatch.setenv("HUIWU_FONT", str(font))
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        app.screen.query_one("#path").value = str(tmp_path / "代表证.pdf")
        await pilot.press("enter")
        await settle(pilot)
        assert "HUIWU_FONT" in message(app) and "simsun.ttc" in message(app)
        assert not (tmp_path / "代表证.pdf").exists()

        monkeypatch.delenv("HUIWU_FONT")
        await pilot.press("enter")
        await settle(pilot)
        assert (tmp_path / "代表证.pdf").is_file()
        assert "已生成 6 张代表证" in message(app)
