"""Snapshots at the terminal sizes a desk meets (issue 17, update with --snapshot-update): the
check-in screen at 80×24 and 200×50 and the 未到名单 (F12) at 120×40 and 80×24, on a congress
of eight delegations with Chinese names, heads and units, checked in at two desks.

The clock is fixed at 09:14 (Beijing) so the recent list shows the same times on every run.
"""

import csv
from datetime import datetime, timedelta, timezone

import pytest

from models import attendance
from models.attendance import check_in, record_leave
from models.congress import create_congress, create_sitting
from models.db import open_database
from models.roster import import_roster
from tests.helpers import settle
from tui.app import make_app

NOW = datetime(2026, 5, 6, 9, 14, tzinfo=timezone(timedelta(hours=8)))
DELEGATIONS = (
    ("机关代表团", "集团机关"),
    ("第一分公司代表团", "第一分公司"),
    ("第二分公司代表团", "第二分公司"),
    ("物流中心代表团", "物流中心"),
    ("研发中心代表团", "研发中心"),
    ("制造一厂代表团", "制造一厂"),
    ("制造二厂代表团", "制造二厂"),
    ("后勤服务中心代表团", "后勤服务中心"),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("建国", "秀英", "志强", "海燕", "国华", "丽娟", "文杰", "春梅")


def people() -> list[tuple[str, str, str, str, str]]:
    """(code, name, delegation, unit, head) — six a delegation, the first its head."""
    rows = []
    for d, (delegation, unit) in enumerate(DELEGATIONS):
        for i in range(6):
            n = d * 6 + i
            name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 3 + d) % len(GIVEN)]
            rows.append((f"D{n + 1:03d}", name, delegation, unit, "是" if i == 0 else ""))
    return rows


@pytest.fixture
def congress_db(tmp_path, monkeypatch):
    monkeypatch.setattr(attendance, "now_iso", lambda: NOW.isoformat(timespec="milliseconds"))
    db = open_database(tmp_path / "size.db")
    create_congress(db, "华夏集团第三届职工代表大会第二次会议", kind="职代会", term=3, session=2)
    create_sitting(db, "第一次全体会议")
    roster = tmp_path / "名单.csv"
    with roster.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["编号", "姓名", "代表团", "单位", "类别", "团长"])
        for code, name, delegation, unit, head in people():
            writer.writerow([code, name, delegation, unit, "正式代表", head])
    import_roster(db, roster)
    for n, (code, *_rest) in enumerate(people()):
        if n % 3 == 2:
            continue  # a third have not arrived yet
        check_in(db, code, station="2号签到台" if n % 2 else "1号签到台", method="manual")
    record_leave(db, "D048", reason="出差", station="1号签到台")
    yield db
    db.dispose()


def desk(db):
    return make_app(database=db, lang="zh", station="1号签到台")


async def opened(pilot) -> None:
    await settle(pilot)


async def absentees(pilot) -> None:
    await settle(pilot)
    await pilot.press("f12")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_checkin_screen_at(snap_compare, congress_db, size):
    assert snap_compare(desk(congress_db), terminal_size=size, run_before=opened)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_absentee_list_at(snap_compare, congress_db, size):
    assert snap_compare(desk(congress_db), terminal_size=size, run_before=absentees)


@pytest.mark.parametrize("size", [(120, 40), (200, 50)], ids=["120x40", "200x50"])
async def test_the_recent_list_fills_its_panel_and_is_never_cut(congress_db, size):
    """32 check-ins: the panel shows as many as it has lines below its header, no more."""
    from tests.functional.test_no_markup import screen_text

    app = desk(congress_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        panel = app.screen.query_one("#recent")
        lines = panel.content_size.height - 1
        text = screen_text(app.screen, panel.region)
        assert text.count("09:14") == lines
        assert lines > 10 if size == (200, 50) else lines <= 12
