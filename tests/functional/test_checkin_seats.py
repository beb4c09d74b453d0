"""The desk's ✔ says where to sit and shows the notes (issue 21, parts 2–4), the bells tell the
answers apart, and Ctrl+N sets a person's note in a dialog a badge scan cannot write into."""

import pytest
from textual.widgets import Input

from models.seats.assigning import set_person_seat
from models.seats.notes import person_note, set_person_note
from models.voting import set_setting
from screens.person_note import PersonNoteDialog
from tests.helpers import badge, scan_burst, settle
from tui.sounds import answer_sound
from tui.widgets import ResultPanel

HOSTILE = '[/b]=HYPERLINK("x","y")'


def listen(app) -> list[int]:
    app.bells = []
    app.bell = lambda: app.bells.append(1)
    return app.bells


async def rung(pilot, bells: list[int], count: int) -> None:
    """The bells after the first come on timers: wait for them (never a sleep of a guess)."""
    for _ in range(50):
        if len(bells) >= count:
            return
        await pilot.pause(0.05)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_scan_says_where_to_sit_and_shows_the_notes(make_desk, desk_db, size):
    set_person_seat(desk_db, "D0001", "3-12")
    set_person_note(desk_db, "D0001", "请领取选票")
    set_setting(desk_db, "note.正式代表", "请到主席台就座")
    set_person_note(desk_db, "D0002", HOSTILE)
    app = make_desk()
    bells = listen(app)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await scan_burst(pilot, badge(desk_db, "D0001"))
        panel = app.screen.query_one(ResultPanel)
        assert panel.headline == "✔ 签到成功"
        assert "请到 3 排 12 座" in panel.detail
        assert "请领取选票 · 请到主席台就座" in panel.detail
        rendered = str(panel.render())
        assert "请到 3 排 12 座" in rendered and "请领取选票" in rendered
        await rung(pilot, bells, 2)
        assert len(bells) == 2  # ✔ with a note: two bells

        await scan_burst(pilot, badge(desk_db, "D0002"))
        assert HOSTILE in str(panel.render())  # literally, never as markup or a formula
        assert "请到" not in panel.detail.split("\n")[1]  # no seat, no seat line

        await scan_burst(pilot, badge(desk_db, "D0001"))  # ⚠ already: one bell, no seat line
        assert "已签到" in panel.headline and "请到 3 排" not in panel.detail


async def test_the_bells_count_the_answers(make_desk, desk_db):
    assert answer_sound("ok") is None and answer_sound("ok", has_note=True) == "note"
    assert (answer_sound("warn"), answer_sound("error")) == ("warn", "error")
    app = make_desk()
    bells = listen(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await scan_burst(pilot, badge(desk_db, "D0003"))  # plain ✔: silent
        await pilot.pause(0.5)
        assert bells == []
        await scan_burst(pilot, badge(desk_db, "D0003"))  # ⚠
        await rung(pilot, bells, 1)
        assert len(bells) == 1
        await scan_burst(pilot, badge(desk_db, "D0003").replace(":D0003:", ":D0004:"))  # ✖
        await rung(pilot, bells, 4)
        await pilot.pause(0.3)
        assert len(bells) == 4


async def test_ctrl_n_sets_a_note_and_a_badge_scanned_into_it_changes_nothing(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press(*"D0005", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonNoteDialog)
        field = app.screen.query_one("#note", Input)
        await pilot.press(*"qing")
        await scan_burst(pilot, badge(desk_db, "D0004"))
        # the badge checked D0004 in (the App's route); the note is as typed, not saved
        assert isinstance(app.screen, PersonNoteDialog)
        assert field.value == "qing"
        assert person_note(desk_db, "D0005").note is None
        field.value = HOSTILE
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, PersonNoteDialog)
    assert person_note(desk_db, "D0005").note == HOSTILE
    from models.attendance import check_in

    assert check_in(desk_db, "D0005").notes == (HOSTILE,)
    assert check_in(desk_db, "D0004").status == "already"
