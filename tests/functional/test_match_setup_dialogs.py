"""Setting up a match event from the TUI (issue 22): E on the contest list offers 对阵 (单循环 or
淘汰赛) with only the fields the 赛制 needs, and makes the event `huiwu contest event … --matches`
makes — compared through `contest show --json` on one database; a refusal (best of 4, a negative
number advancing) shows in the dialog and creates nothing; A takes a seed (种子) for an entrant of a
match event, and a seed given twice is refused there. At 80×24 every field is reachable, a badge
scanned into a field stays out of it, and a hostile name shows literally."""

import pytest
from textual.widgets import Input, Select, Static

from models import contests
from models.contests.match_format import MatchFormat
from models.db import open_database
from screens.new_entrant import NewEntrantDialog
from screens.new_event import NewEventDialog
from tests.functional.test_cli_voting import run, run_json
from tests.functional.test_new_contest_kinds import fill, open_dialog, shown_fields
from tests.functional.test_no_markup import screen_text as painted
from tests.helpers import badge, delegates, scan_burst, settle
from tui.app import make_app

SIZES = [(80, 24), (120, 40)]
HOSTILE = "[/b]乒乓[b]"

# case → (dialog fields, the `huiwu contest event` options that make the same event)
FORMATS = {
    "roundrobin": (
        {"match_format": "roundrobin", "game": "tabletennis", "groups": "2", "advance": "2",
         "third_place": "yes", "courts": "3"},
        ["--matches", "roundrobin", "--game", "tabletennis", "--groups", "2", "--advance", "2",
         "--third-place", "--courts", "3"],
    ),
    "knockout": (
        {"match_format": "knockout", "game": "badminton", "best_of": "5", "third_place": "yes",
         "courts": "2"},
        ["--matches", "knockout", "--game", "badminton", "--best-of", "5", "--third-place",
         "--courts", "2"],
    ),
    "tug_of_war": (  # a blank best-of is the game's usual one: three pulls
        {"match_format": "roundrobin", "game": "tugofwar"},
        ["--matches", "roundrobin", "--game", "tugofwar"],
    ),
    "volleyball_knockout": (
        {"match_format": "knockout", "game": "volleyball", "best_of": "3"},
        ["--matches", "knockout", "--game", "volleyball", "--best-of", "3"],
    ),
}  # fmt: skip


def error_of(screen) -> str:
    return str(screen.query_one("#error", Static).content)


def screen_text(app) -> str:
    return painted(app.screen)


async def choose(pilot, screen, fields: dict[str, str]) -> None:
    """The Selects first (they decide which rows show), then the typed fields."""
    selects = {k: v for k, v in fields.items() if isinstance(screen.query_one(f"#ev-{k}"), Select)}
    await fill(pilot, screen, "ev", "matches", selects)
    for field, value in fields.items():
        if field not in selects:
            widget = screen.query_one(f"#ev-{field}", Input)
            assert widget.parent.display, f"{field} is hidden"
            widget.value = value
    await settle(pilot)


async def confirm(pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
@pytest.mark.parametrize("case", FORMATS)
async def test_each_format_makes_the_event_the_cli_makes(make_desk, desk_db, tmp_path, case, size):
    fields, options = FORMATS[case]
    contests.new_contest(desk_db, "乒乓球赛", judges=1, trim=0)
    app = make_desk()
    async with app.run_test(size=size) as pilot:
        screen = await open_dialog(pilot, "e")
        assert isinstance(screen, NewEventDialog)
        await fill(pilot, screen, "ev", "matches", {"name": "男子单打"})
        assert app.focused.id == "ev-name"  # choosing the kind moved on to the name
        await choose(pilot, screen, fields)
        await confirm(pilot)
        assert not isinstance(app.screen, NewEventDialog), error_of(screen)
    db_path = tmp_path / "desk.db"
    run(db_path, "contest", "new", "命令行", "--judges", "1", "--trim", "0", check_code=0)
    run(db_path, "contest", "event", "2", "男子单打", *options, check_code=0)
    ours, cli = (run_json(db_path, "contest", "show", n) for n in ("1", "2"))
    for made in (ours, cli):
        del made["number"], made["title"]
    assert ours == cli
    assert ours["events"][0]["matches"]["format"] == fields["match_format"]


def test_the_match_kind_is_an_events_kind_only():
    """A new contest (N) stays a scored one; its match events are added with E."""
    from screens.new_contest import LAYOUT as CONTEST_LAYOUT
    from screens.new_event import LAYOUT

    assert not any("matches" in kinds for kinds in CONTEST_LAYOUT.values())
    shown = [f for f, kinds in LAYOUT.items() if "matches" in kinds]
    assert shown == ["kind", "name", "match_format", "game", "best_of", "groups", "advance",
                     "third_place", "courts"]  # fmt: skip


async def test_only_the_fields_of_the_chosen_format_show(make_desk, desk_db):
    contests.new_contest(desk_db, "乒乓球赛", judges=1, trim=0)
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, "e")
        await choose(pilot, screen, {"match_format": "roundrobin"})
        assert screen.query_one("#ev-name", Input).placeholder == "如 男子单打、拔河"
        common = ["ev-kind", "ev-name", "ev-match_format", "ev-game", "ev-best_of"]
        assert shown_fields(screen) == [*common, "ev-groups", "ev-advance", "ev-third_place",
                                        "ev-courts"]  # fmt: skip
        await choose(pilot, screen, {"match_format": "knockout"})
        assert shown_fields(screen) == [*common, "ev-third_place", "ev-courts"]
        best_of = screen.query_one("#ev-best_of", Input)
        assert best_of.placeholder.endswith("空 = 5 局")  # table tennis: best of five
        await choose(pilot, screen, {"game": "badminton"})
        assert best_of.placeholder.endswith("空 = 3 局")
        assert "如 3" in screen.query_one("#ev-courts", Input).placeholder
        await fill(pilot, screen, "ev", "panel", {})  # back to a scored event: no match field
        assert "ev-game" not in shown_fields(screen)
        assert screen.query_one("#ev-name", Input).placeholder == "如 点钞"


async def test_an_advance_typed_for_a_round_robin_is_dropped_with_its_row(make_desk, desk_db):
    contests.new_contest(desk_db, "乒乓球赛", judges=1, trim=0)
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, "e")
        await choose(pilot, screen, {"name": "男单", "groups": "4", "advance": "2"})
        await choose(pilot, screen, {"match_format": "knockout"})
        await confirm(pilot)
    made = contests.get_contest(desk_db, 1).event("男单").matches
    assert made == MatchFormat("knockout", game="tabletennis", best_of=5)


@pytest.mark.parametrize(
    "fields, words",
    [
        ({"best_of": "4"}, "局数必须是正奇数（如 3、5、7），收到 4"),
        ({"best_of": "0"}, "收到 0"),
        ({"advance": "-1"}, "每组出线名额必须是正整数，收到 -1"),
        ({"groups": "0"}, "分组数应为正整数，收到 0"),
        ({"courts": "0"}, "场地（球台）数应为正整数，收到 0"),
        ({"match_format": "knockout", "best_of": "2"}, "收到 2"),
        ({"courts": "--1"}, "收到 --1"),  # pasted past the integer field's filter
    ],
)
async def test_a_refusal_shows_in_the_dialog_and_creates_nothing(make_desk, desk_db, fields,
                                                                 words):  # fmt: skip
    contests.new_contest(desk_db, "乒乓球赛", judges=1, trim=0)
    before = contests.get_contest(desk_db, 1)
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, "e")
        await choose(pilot, screen, {"name": "男单", **fields})
        await confirm(pilot)
        assert app.screen is screen
        assert words in error_of(screen)
    assert contests.get_contest(desk_db, 1) == before


async def test_at_80x24_every_match_field_scrolls_into_view_and_the_hint_shows(make_desk, desk_db):
    contests.new_contest(desk_db, "乒乓球赛", judges=1, trim=0)
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, "e")
        await fill(pilot, screen, "ev", "matches", {})
        form = screen.query_one("#ev-form")
        reached = [app.focused.id]
        while app.focused.id != "ok":
            await pilot.press("tab")
            await settle(pilot)
            if app.focused.id != "ok":
                reached.append(app.focused.id)
                assert form.region.contains_region(app.focused.region), app.focused.id
        assert reached == shown_fields(screen)[1:]
        hint = screen.query_one(".dialog-hint", Static)
        assert app.screen.region.contains_region(hint.region)
        assert "Ctrl+S 确定" in screen_text(app)


async def test_enter_on_the_last_field_creates_the_event(make_desk, desk_db):
    contests.new_contest(desk_db, "拔河比赛", judges=1, trim=0)
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dialog(pilot, "e")
        await choose(
            pilot, screen, {"name": "团体", "game": "tugofwar", "match_format": "knockout"}
        )
        screen.query_one("#ev-courts", Input).focus()
        await pilot.press("2", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, NewEventDialog), error_of(screen)
    made = contests.get_contest(desk_db, 1).event("团体").matches
    assert made == MatchFormat("knockout", game="tugofwar", best_of=3, courts=2)


def match_contest(db, title: str = "乒乓球赛", event: str = "男单") -> None:
    """A contest whose first event is a knockout and second a scored one (演讲)."""
    contests.new_contest(db, title, judges=3, trim=0)
    contests.set_event(db, 1, event, matches=MatchFormat("knockout", game="tabletennis"))
    contests.set_event(db, 1, "演讲")


async def test_the_entrant_dialog_takes_a_seed_for_a_match_event_only(make_desk, desk_db):
    match_contest(desk_db)
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot, "a")
        assert isinstance(dialog, NewEntrantDialog)
        seed = dialog.query_one("#ne-seed", Input)
        assert seed.display and "淘汰赛抽签" in seed.placeholder
        dialog.query_one("#ne-event", Select).value = "演讲"
        await settle(pilot)
        assert not seed.display  # a scored event's entrant has no seed
        dialog.query_one("#ne-event", Select).value = "男单"
        await settle(pilot)
        assert seed.display
        dialog.query_one("#ne-name", Input).value = "张三"
        dialog.query_one("#ne-unit", Input).value = "一车间"
        seed.value = "1"
        await confirm(pilot)
        assert app.screen is not dialog, error_of(dialog)
        dialog = await open_dialog(pilot, "a")
        dialog.query_one("#ne-name", Input).value = "李四"  # unseeded: seed left blank
        await confirm(pilot)
    entrants = contests.entrants_of(desk_db, 1)
    assert [(e.name, e.seed) for e in entrants] == [("张三", 1), ("李四", None)]


async def test_a_seed_given_twice_is_refused_in_the_dialog_and_adds_nothing(make_desk, desk_db):
    match_contest(desk_db)
    contests.add_entrant(desk_db, 1, "张三", event="男单", seed=1)
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot, "a")
        dialog.query_one("#ne-name", Input).value = "王五"
        dialog.query_one("#ne-seed", Input).value = "1"
        await confirm(pilot)
        assert app.screen is dialog
        assert "种子号 1 重复" in error_of(dialog)
        for typed in ("0", "1.5"):
            dialog.query_one("#ne-seed", Input).value = typed
            await confirm(pilot)
            assert f"种子号必须是正整数，收到 {typed}" in error_of(dialog)
    assert [e.name for e in contests.entrants_of(desk_db, 1)] == ["张三"]


async def test_a_contest_of_scored_events_shows_no_seed(make_desk, desk_db):
    contests.new_contest(desk_db, "演讲比赛", judges=3, trim=0)
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot, "a")
        assert not dialog.query_one("#ne-seed").display
        assert "种子" not in screen_text(app)


async def test_at_80x24_the_seed_is_reachable_and_the_hint_shows(make_desk, desk_db):
    match_contest(desk_db)
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot, "a")
        box = dialog.query_one("#ne-dialog")
        while app.focused.id != "ne-seed":
            await pilot.press("tab")
            await settle(pilot)
            assert box.region.contains_region(app.focused.region), app.focused.id
        text = screen_text(app)
        assert "种子" in text and "Esc 取消" in text


async def test_hostile_names_show_literally(make_desk, desk_db):
    match_contest(desk_db, title=HOSTILE, event="[b]男单")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_dialog(pilot, "e")
        assert HOSTILE in screen_text(app)
        await choose(pilot, dialog, {"name": "[/i]女单", "best_of": "4"})
        await confirm(pilot)
        assert "收到 4" in error_of(dialog)
        dialog.query_one("#ev-best_of", Input).value = "3"
        await confirm(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, NewEntrantDialog)
        text = screen_text(app)
        assert HOSTILE in text and "[b]男单" in text
    assert contests.get_contest(desk_db, 1).event("[/i]女单").matches.best_of == 3


@pytest.mark.parametrize("dialog_key, field", [("e", "ev-name"), ("e", "ev-courts"),
                                               ("a", "ne-seed")])  # fmt: skip
async def test_a_badge_scanned_into_a_field_stays_out_of_it(make_desk, desk_db, dialog_key, field):
    match_contest(desk_db)
    before = contests.get_contest(desk_db, 1)
    code = delegates(1)[0][0]
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot, dialog_key)
        if dialog_key == "e":
            await choose(pilot, dialog, {})
        dialog.query_one(f"#{field}", Input).focus()
        await settle(pilot)
        await scan_burst(pilot, badge(desk_db, code))
        assert app.screen is dialog
        assert dialog.query_one(f"#{field}", Input).value == ""
        assert "这是代表证扫码" in " ".join(str(n.message) for n in app._notifications)
    assert contests.get_contest(desk_db, 1) == before
    assert contests.entrants_of(desk_db, 1) == []


async def test_the_dialog_makes_a_match_event_on_both_backends(db_url):
    """The same services on SQLite and on the PostgreSQL test server."""
    from models.congress import create_congress

    db = open_database(db_url)
    try:
        create_congress(db, "职工运动会", kind="职代会", term=1, session=1)
        contests.new_contest(db, "羽毛球赛", judges=1, trim=0)
        app = make_app(database=db, station="1号台")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_dialog(pilot, "e")
            fields = {"name": "混双", "game": "badminton", "groups": "2", "advance": "1"}
            await choose(pilot, screen, fields)
            await confirm(pilot)
            assert not isinstance(app.screen, NewEventDialog), error_of(screen)
            await pilot.press("a")
            await settle(pilot)
            app.screen.query_one("#ne-name", Input).value = "一车间队"
            app.screen.query_one("#ne-seed", Input).value = "2"
            await confirm(pilot)
        made = contests.get_contest(db, 1).event("混双").matches
        assert made == MatchFormat("roundrobin", groups=2, best_of=3, game="badminton", advance=1)
        assert [(e.name, e.seed) for e in contests.entrants_of(db, 1)] == [("一车间队", 2)]
    finally:
        db.dispose()
