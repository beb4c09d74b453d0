"""The projector's seat map (``huiwu display --seats``): a check-in made elsewhere, as another desk
would, turns its seat green, an exit grey, repainting that seat only; a hall of 1,000 seats fits
80 × 24; names are text, never markup."""

import time

import pytest
from click.testing import CliRunner
from rich.color import Color
from textual.widgets import Static

from main import cli
from models.attendance import check_in, check_out, record_leave
from models.seats.assigning import assign_seats, set_hall_plan, set_person_seat
from models.seats.labels import hall_seat, presidium_seat
from models.seats.seat_map import ABSENT, IN_HALL, LEAVE, OUT
from tests.helpers import add_people, delegates
from tui.display_app import make_seat_map_app
from tui.display_cli import display_command
from tui.seat_grid import COLOURS, HALF, SeatGrid

WAIT_SECONDS = 10
HOSTILE = "[/b]司马[red]"


@pytest.fixture
def hall_db(congress_db):
    """On SQLite and PostgreSQL: 6 delegates in a hall of 3 rows × 6 seats (an aisle after seat
    3) and a presidium of 3, Z1 (张三丰) at its first seat."""
    add_people(congress_db, [*delegates(5), ("Z1", "张三丰", "第二代表团", "delegate")])
    set_hall_plan(congress_db, 3, 6, aisles=(3,), presidium=3)
    set_person_seat(congress_db, "Z1", "主席台1")
    assign_seats(congress_db)
    return congress_db


def seat_map_app(db, lang: str = "zh"):
    return make_seat_map_app(database=db, lang=lang, poll_seconds=0.05)


async def wait_for(pilot, condition, what: str) -> None:
    """Let the app run (its poll is a real timer) until ``condition()`` holds; bounded."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"the seat map never showed {what}")
        await pilot.pause(0.05)


def grid(app) -> SeatGrid:
    return app.screen.query_one(SeatGrid)


def colour_of(app, seat):
    return grid(app).seat_colour(seat)


def shows(app, seat, state: str):
    return lambda: colour_of(app, seat) == Color.parse(COLOURS[state][1])


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_a_check_in_turns_the_seat_green_and_an_exit_grey(hall_db, size):
    first = hall_seat(1, 1)  # D0001, the first of the first delegation's block
    app = seat_map_app(hall_db)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, shows(app, first, ABSENT), "D0001 not yet come")
        assert text_of(app, "#seatmap-counts") == "在场 0 / 应到 6"
        assert "第一次全体会议" in text_of(app, "#seatmap-title")
        drawn = grid(app).full_redraws

        check_in(hall_db, "D0001", station="东门")  # another desk, another connection
        await wait_for(pilot, shows(app, first, IN_HALL), "D0001 green")
        assert text_of(app, "#seatmap-counts") == "在场 1 / 应到 6"
        # Only that seat's cell was repainted; the map was not drawn anew.
        assert grid(app).repainted == [grid(app).seat_region(first)]
        assert grid(app).full_redraws == drawn
        assert colour_of(app, hall_seat(1, 2)) == Color.parse(COLOURS[ABSENT][1])

        check_out(hall_db, "D0001", station="东门出口")
        await wait_for(pilot, shows(app, first, OUT), "D0001 grey")
        assert text_of(app, "#seatmap-counts") == "在场 0 / 应到 6"
        assert grid(app).full_redraws == drawn

        check_in(hall_db, "D0001")  # back in
        await wait_for(pilot, shows(app, first, IN_HALL), "D0001 green again")


async def test_the_presidium_leave_and_the_legend(hall_db):
    record_leave(hall_db, "D0002", reason="出差")
    check_in(hall_db, "Z1")
    app = seat_map_app(hall_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, shows(app, presidium_seat(1), IN_HALL), "Z1 at the presidium")
        assert colour_of(app, hall_seat(1, 2)) == Color.parse(COLOURS[LEAVE][1])
        assert grid(app).seat_text(presidium_seat(1)).strip() == "张三丰"
        assert grid(app).seat_text(hall_seat(1, 2)).strip() == "代表2"
        legend = text_of(app, "#seatmap-legend")
        assert "在场 1" in legend and "请假 1" in legend and "未到 4" in legend
        assert "空座 15" in legend  # 3 + 18 seats, 6 of them given


async def test_names_are_shortened_to_the_surname_on_narrow_cells(desk_db):
    set_hall_plan(desk_db, 2, 30)
    assign_seats(desk_db)
    app = seat_map_app(desk_db)
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_for(pilot, lambda: grid(app).layout_ is not None, "the map")
        assert grid(app).seat_text(hall_seat(1, 1)).strip() == "代"


async def test_a_hall_of_a_thousand_seats_fits_80_by_24(congress_db):
    add_people(congress_db, delegates(1000))
    set_hall_plan(congress_db, 25, 40, aisles=(10, 30), presidium=12)
    assign_seats(congress_db)
    check_in(congress_db, "D1000")  # the last seat of the last row
    app = seat_map_app(congress_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, shows(app, hall_seat(25, 40), IN_HALL), "the last seat green")
        area = grid(app).size
        regions = [grid(app).seat_region(cell.seat) for cell in app.screen.seat_map.seats]
        assert len(regions) == 1012
        assert all(r.right <= area.width and r.bottom <= area.height for r in regions)
        assert len(set(regions)) == 13 * 40 + 12  # two rows a line, the 25th alone
        assert (
            grid(app).layout_.half
            and HALF in grid(app).render_line(grid(app).seat_region(hall_seat(1, 1)).y).text
        )
        check_out(congress_db, "D1000")
        await wait_for(pilot, shows(app, hall_seat(25, 40), OUT), "the last seat grey")
        check_in(congress_db, "D0002")  # 1排2座: the upper half of the first line
        await wait_for(pilot, shows(app, hall_seat(1, 2), IN_HALL), "1排2座 green")
        assert colour_of(app, hall_seat(2, 2)) == Color.parse(COLOURS[ABSENT][1])


async def test_a_name_is_never_markup(desk_db):
    add_people(desk_db, [("H1", HOSTILE, "第三代表团", "delegate")])
    set_hall_plan(desk_db, 1, 8)
    set_person_seat(desk_db, "H1", "1-1")
    app = seat_map_app(desk_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: grid(app).layout_ is not None, "the map")
        assert grid(app).seat_text(hall_seat(1, 1)).strip() == "[/b]司"  # 7 columns, as typed
        assert text_of(app, "#seatmap-status") == ""


async def test_english(hall_db):
    check_in(hall_db, "D0003")
    app = seat_map_app(hall_db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, shows(app, hall_seat(1, 3), IN_HALL), "D0003 green")
        assert text_of(app, "#seatmap-counts") == "In the hall 1 / Due 6"
        assert "In the hall 1" in text_of(app, "#seatmap-legend")


def test_cli_refusals(tmp_path, desk_db):
    db = str(tmp_path / "desk.db")  # desk_db's file: a sitting and people, no seats
    no_seats = CliRunner().invoke(cli, ["--db", db, "display", "--seats"])
    assert no_seats.exit_code == 1
    assert "huiwu seats plan" in no_seats.stderr
    both = CliRunner().invoke(cli, ["--db", db, "display", "--seats", "技能比武"])
    assert both.exit_code == 2 and "技能比武" in both.stderr


def test_served_command_is_the_seat_map():
    assert display_command(seats=True).endswith("-m main display --seats")
    assert display_command(3).endswith("-m main display 3")


async def test_it_takes_no_input_but_quitting(hall_db):
    app = seat_map_app(hall_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: grid(app).layout_ is not None, "the map")
        await pilot.press("a", "enter", "tab", "f2", "ctrl+e")  # a stray keyboard, a scanner
        assert app.is_running and app.screen.focused is None
        await pilot.press("q")
        assert not app.is_running
