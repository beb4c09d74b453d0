"""The scanning screen and the review queue at the desk (issue 20): F12 on the election screen,
the scanner's folder followed (a file written later is read too), F5 reads one file, F6 shows
each doubt as a picture beside the candidate's name (typed as the user typed it: ``[/b]``), one
key decides, and the page counts once nothing is left."""

import asyncio

from textual.widgets import DataTable, Input, Static

from models.elections import election_outcome, new_election
from models.paper import load_sheet, print_ballots, review_queue
from models.voting import issue, set_setting
from screens.paper_review import PaperReviewScreen
from screens.paper_scan import PaperScanScreen
from tests.functional.test_election_screen import open_election
from tests.helpers import check_in_codes, settle
from tests.paper_scans import marked, pdf_pages, write
from tui.reason_prompt import ReasonPrompt

NAMES = "[/b]张三,李四,王五"


def ready(db, tmp_path):
    check_in_codes(db, ["D0001", "D0002", "D0003", "D0004"])
    new_election(db, "工会主席选举", seats=1, candidates=NAMES, order="given")
    issue(db, 1, 4)
    set_setting(db, "paper.deck", "off")
    _s, pdf = print_ballots(db, ["1"], tmp_path / "选票.pdf")
    with db.read() as conn:
        sheet = load_sheet(conn, ["1"])
    return pdf_pages(pdf)[0], sheet.real


async def wait_rows(pilot, table: DataTable, rows: int) -> None:
    for _ in range(200):  # the folder is polled once a second; each page reads in ~0.2 s
        if table.row_count >= rows:
            return
        await asyncio.sleep(0.1)
        await pilot.pause()
    raise AssertionError(f"{table.row_count} rows, expected {rows}")


def cells(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(r)] for r in range(table.row_count)]


async def test_the_folder_is_followed_and_a_doubt_is_decided(make_desk, desk_db, tmp_path):
    blank, layout = ready(desk_db, tmp_path)
    folder = tmp_path / "扫描"
    write(folder, "001.png", marked(blank, layout, ["circle", "blank", "cross"], 1))
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_election(app, pilot, 1)
        await pilot.press("f12")
        await settle(pilot)
        assert isinstance(app.screen, PaperScanScreen)
        field = app.screen.query_one("#ps-folder", Input)
        field.value = str(folder)
        await pilot.press("enter")
        table = app.screen.query_one("#ps-table", DataTable)
        await wait_rows(pilot, table, 1)
        write(folder, "002.png", marked(blank, layout, ["tick", "blank", "blank"], 2))
        await wait_rows(pilot, table, 2)
        assert cells(table) == [
            ["001.png", "1", "已读出 （第 1 号票）"],
            ["002.png", "1", "待人工判定"],
        ]
        await settle(pilot)
        summary = str(app.screen.query_one("#ps-summary", Static).render())
        assert "已计入 1 页 · 待人工判定 1 页" in summary
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, PaperReviewScreen)
        shown = str(app.screen.query_one("#pr-what", Static).render())
        assert "[/b]张三 · 第 1 格 · 002.png #1" in shown
        picture = app.screen.query_one("#pr-picture", Static).render()
        assert "▀" in str(picture)
        await pilot.press("o")
        await settle(pilot)
        message = str(app.screen.query_one("#pr-message", Static).render())
        assert "没有待人工判定的格子了" in str(app.screen.query_one("#pr-what", Static).render()), (
            message,
            app.focused,
        )
        await pilot.press("escape")
        await settle(pilot)
    assert review_queue(desk_db, ["1"]) == []
    outcome = election_outcome(desk_db, 1)
    assert outcome.entries.get(1) == 2
    assert {c.name: c.yes for c in outcome.result.candidates}["[/b]张三"] == 2


async def test_a_badge_scanned_in_the_review_queue_decides_nothing(make_desk, desk_db, tmp_path):
    from models.paper import scan_paths
    from tests.helpers import badge, scan_burst

    blank, layout = ready(desk_db, tmp_path)
    scan_paths(
        desk_db,
        ["1"],
        [write(tmp_path, "a.png", marked(blank, layout, ["tick", "blank", "blank"], 3))],
    )
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_election(app, pilot, 1)
        await pilot.press("f12")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, PaperReviewScreen)
        # a badge's text holds "1", "2", "0", "x", "o" …: none may decide the box
        await scan_burst(pilot, badge(desk_db, "D0001"))
        await settle(pilot)
    assert len(review_queue(desk_db, ["1"])) == 1


async def test_a_sheet_scanned_again_is_shown_beside_the_earlier_one(make_desk, desk_db, tmp_path):
    from models.paper import scan_paths
    from tests.helpers import badge, scan_burst

    blank, layout = ready(desk_db, tmp_path)
    image = marked(blank, layout, ["circle", "cross", "blank"], 5, degrade=False)
    rescan = marked(image, layout, ["blank"] * 3, 6)
    scan_paths(
        desk_db,
        ["1"],
        [write(tmp_path / "a", "a.png", image), write(tmp_path / "b", "b.jpg", rescan)],
    )
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_election(app, pilot, 1)
        await pilot.press("f12")
        await settle(pilot)
        assert "重复扫描 " not in str(app.screen.query_one("#ps-summary", Static).render())
        await pilot.press("f6")
        await settle(pilot)
        shown = str(app.screen.query_one("#pr-what", Static).render())
        assert "a.png #1 · 是否重复扫描 · b.jpg #1" in shown
        hint = app.screen.query_one("#pr-hint", Static)
        assert "Y 同一张票，不再计入" in str(hint.render()) and hint.region.bottom <= 24
        await scan_burst(pilot, badge(desk_db, "D0001"))  # decides nothing
        await pilot.press("o")  # a box's key decides nothing here either
        await settle(pilot)
        assert len(review_queue(desk_db, ["1"])) == 1
        await pilot.press("y")
        await settle(pilot)
        assert "没有待人工判定的格子了" in str(app.screen.query_one("#pr-what", Static).render())
        message = str(app.screen.query_one("#pr-message", Static).render())
        assert "同一张票，不再计入" in message
        await pilot.press("escape")
        await settle(pilot)
        summary = str(app.screen.query_one("#ps-summary", Static).render())
        assert "已计入 1 页 · 待人工判定 0 页 · 重复扫描 1 页（未计入）" in summary
        # Y was a slip: F5 in the queue takes the last decision back with a reason
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("y")  # nothing left to decide: the key does nothing
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press("enter")  # no reason: refused in the prompt
        await settle(pilot)
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press(*"按错键", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PaperReviewScreen)
        message = str(app.screen.query_one("#pr-message", Static).render())
        assert "已撤销对“b.jpg #1”的判定" in message
        assert "是否重复扫描 · b.jpg #1" in str(app.screen.query_one("#pr-what", Static).render())
        await pilot.press("n")
        await settle(pilot)
    assert election_outcome(desk_db, 1).entries.get(1) == 2


async def test_a_written_name_is_typed_in_the_queue(make_desk, desk_db, tmp_path):
    from models.paper import scan_paths

    blank, layout = ready(desk_db, tmp_path)
    image = marked(
        blank, layout, ["cross", "blank", "blank"], 14, names={0: "x"}, line_marks={0: "circle"}
    )
    scan_paths(desk_db, ["1"], [write(tmp_path, "w.png", image)])
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_election(app, pilot, 1)
        await pilot.press("f12")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert "另选他人 · 第 1 栏" in str(app.screen.query_one("#pr-what", Static).render())
        await pilot.press(*"林海", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PaperReviewScreen)
        assert "没有待人工判定的格子了" in str(app.screen.query_one("#pr-what", Static).render())
    names = {c.name: c.yes for c in election_outcome(desk_db, 1).result.candidates}
    assert names["林海"] == 1


async def test_a_motion_sheet_with_several_motions_is_read_from_the_motion_screen(
    make_desk, desk_db, tmp_path
):
    from models.motions import motion_outcome, new_motion
    from screens.motion import MotionScreen

    check_in_codes(desk_db, ["D0001", "D0002", "D0003", "D0004"])
    for number, title in enumerate(("关于[/b]福利的决议", "关于经费的决议"), start=1):
        new_motion(desk_db, title)
        issue(desk_db, number, 4)
    set_setting(desk_db, "paper.deck", "off")
    _s, pdf = print_ballots(desk_db, ["1", "2"], tmp_path / "表决票.pdf")
    with desk_db.read() as conn:
        layout = load_sheet(conn, ["1", "2"]).real
    blank = pdf_pages(pdf)[0]
    folder = tmp_path / "扫描"
    write(
        folder,
        "a.png",
        marked(blank, layout, ["circle", "blank", "blank", "blank", "circle", "blank"], 5),
    )
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(MotionScreen(1))
        await settle(pilot)
        await pilot.press("f12")
        await settle(pilot)
        items = app.screen.query_one("#ps-items", Input)
        assert items.value == "1" and app.focused is items
        items.value = "1.2"
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#ps-folder", Input).value = str(folder)
        await pilot.press("enter")
        table = app.screen.query_one("#ps-table", DataTable)
        await wait_rows(pilot, table, 1)
        assert cells(table) == [["a.png", "1", "已读出 （第 1 号票）"]]
    assert motion_outcome(desk_db, 1).count.yes == 1
    assert motion_outcome(desk_db, 2).count.no == 1
