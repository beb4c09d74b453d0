"""The check-in screen when its PostgreSQL server goes away and comes back (issue 21, part 3):
the next scan is answered from the desk's copy 「✔ 已签到（离线，待上传）」, a banner counts what
waits, the counters follow the copy, and once the server answers the journal is uploaded and the
banner goes."""

import pytest

from models.attendance import attendance
from models.congress import create_congress, create_sitting
from models.db import open_database
from tests.helpers import add_people, badge, delegates, scan_burst, settle
from tui.app import make_app
from tui.widgets import ResultPanel


@pytest.fixture
def pg_hall(own_pg_server):
    db = open_database(own_pg_server.new_database())
    create_congress(db, "离线测试大会")
    create_sitting(db, "第一次全体会议")
    add_people(db, delegates(6))
    yield db
    db.dispose()
    if own_pg_server.proc.poll() is not None:
        own_pg_server.resume()


def shown(app) -> str:
    panel = app.screen.query_one(ResultPanel)
    return f"{panel.headline} {panel.detail}"


async def test_the_desk_checks_in_offline_and_uploads_when_the_server_is_back(
    pg_hall, own_pg_server
):
    texts = [badge(pg_hall, f"D{n:04d}") for n in range(1, 4)]
    app = make_app(database=pg_hall, lang="zh", station="东门")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.link.path.exists()  # the copy was made while online
        await scan_burst(pilot, texts[0])
        assert shown(app).startswith("✔ 签到成功")
        own_pg_server.pause()
        await scan_burst(pilot, texts[1])
        assert shown(app).startswith("✔ 已签到（离线，待上传） 代表2")
        await scan_burst(pilot, texts[0])
        assert shown(app).startswith("⚠ 已签到")
        await settle(pilot)
        banner = screen.query_one("#offline-banner")
        assert banner.display and "离线：2 条待上传" in str(banner.render())
        assert str(screen.query_one("#present").value) == "2"  # from the desk's copy
        screen.offline_tick()  # the server is still gone: nothing happens
        await settle(pilot)
        assert screen.link.offline and banner.display
        own_pg_server.resume()
        screen.offline_tick()
        await settle(pilot)
        assert not screen.link.offline and not banner.display
        await scan_burst(pilot, texts[2])
        assert shown(app).startswith("✔ 签到成功")
    assert attendance(pg_hall).figures.present == 3
