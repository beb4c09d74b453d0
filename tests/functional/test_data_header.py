"""The TUI around the data (issue 17, item 7): the header names the database the desk writes to
(a SQLite file by its name, a PostgreSQL database by server and name, never the password), and a
read-only database or a newer huiwu's is said in words."""

import subprocess

import pytest
from textual.widgets._header import HeaderTitle

from models.congress import create_congress, create_sitting
from models.db import Database, make_engine, open_database, resolve_url
from tests.helpers import badge, settle
from tui.app import launch_app, make_app
from tui.i18n import t
from tui.widgets import ResultPanel


def header_text(app) -> str:
    return str(app.screen.query_one(HeaderTitle).visual)


async def test_the_header_names_the_sqlite_file(desk_db):
    app = make_app(database=desk_db, lang="zh", station="1号台")
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        assert app.title == "会务 · 数据库 desk.db"
        assert "数据库 desk.db" in header_text(app)


async def test_a_desk_started_by_huiwu_names_its_file_in_english_too(desk_db):
    url = desk_db.url
    desk_db.dispose()
    app = launch_app(db=url, lang="en", station="1号台")
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        assert "database desk.db" in header_text(app)


async def test_the_header_names_the_postgresql_server_and_never_the_password(pg_server):
    url = pg_server.new_database()
    database = open_database(url)
    try:
        create_congress(database, "测试大会", kind="职代会")
        create_sitting(database, "第一次全体会议")
        shown = database.label()
        parsed = database.engine.url
        assert shown == f"{parsed.host}:{parsed.port}/{parsed.database}"
        app = make_app(database=database, lang="zh", station="1号台")
        async with app.run_test(size=(160, 30)) as pilot:
            await settle(pilot)
            assert f"数据库 {shown}" in header_text(app)
            assert not parsed.password or parsed.password not in header_text(app)
    finally:
        database.dispose()
        pg_server.drop_database(url)


def test_a_label_never_carries_user_or_password(tmp_path):
    secret = "postgresql+psycopg://huiwu:Topsecret9@10.0.0.5:5433/congress"
    database = Database(secret, make_engine(secret))  # an engine connects only when used
    assert database.label() == "10.0.0.5:5433/congress"
    local = resolve_url(tmp_path / "大会.db")
    assert Database(local, make_engine(local)).label() == "大会.db"


async def test_a_file_name_that_looks_like_markup_shows_whole(tmp_path):
    path = tmp_path / "[b]大会[i].db"
    database = open_database(path)
    create_congress(database, "测试大会")
    create_sitting(database, "第一次全体会议")
    app = make_app(database=database, lang="zh", station="1号台")
    try:
        async with app.run_test(size=(160, 30)) as pilot:
            await settle(pilot)
            assert "数据库 [b]大会[i].db" in header_text(app)
    finally:
        database.dispose()


async def test_a_newer_huiwus_database_ends_the_launch_with_its_refusal(desk_db):
    from sqlalchemy import text

    from models.errors import Refusal

    with desk_db.write() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    url = desk_db.url
    desk_db.dispose()
    app = launch_app(db=url, lang="zh", station="1号台")
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
    assert isinstance(app.launch_error, Refusal)
    assert app.launch_error.params["version"] == "0099"


async def test_a_scan_on_a_read_only_database_says_so_on_the_desk(desk_db):
    """The file made immutable before the desk opens it (root writes through chmod 0444)."""
    scanned = badge(desk_db, "D0001")
    path = desk_db.engine.url.database
    desk_db.dispose()
    if subprocess.run(["chattr", "+i", path], capture_output=True).returncode:
        pytest.skip("chattr +i is not available on this file system")
    database = open_database(path)
    try:
        app = make_app(database=database, lang="zh", station="1号台")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press(*scanned, "enter")
            await settle(pilot)
            panel = app.screen.query_one(ResultPanel)
            assert panel.detail == t("data.db_read_only")
            assert "稍后重试" not in panel.detail
    finally:
        database.dispose()
        subprocess.run(["chattr", "-i", path], check=True)
