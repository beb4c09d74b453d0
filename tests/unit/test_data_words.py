"""What goes wrong around the data is named on each backend (issue 17, item 7): a database of a
newer huiwu, a read-only database, a full disk; the words are the catalog's, not "try again"."""

import subprocess

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from models.congress import create_congress, create_sitting
from models.db import open_database, storage_problem
from models.errors import Refusal
from models.migrate import HEAD
from tests.helpers import event_count
from tui.i18n import set_lang, t
from tui.texts import error_line


def stamp(db_url: str, revision: str) -> None:
    database = open_database(db_url, migrate=False)
    try:
        with database.write() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": revision})
    finally:
        database.dispose()


def stored_revision(db_url: str) -> str:
    database = open_database(db_url, migrate=False)
    try:
        with database.read() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        database.dispose()


def test_a_newer_revision_is_refused_naming_it_and_left_as_it_was(db_url):
    database = open_database(db_url)
    create_congress(database, "测试大会")
    before = event_count(database)
    database.dispose()
    stamp(db_url, "0099")

    with pytest.raises(Refusal) as refused:
        open_database(db_url)
    assert (refused.value.key, refused.value.params) == (
        "data.db_newer",
        {"version": "0099", "known": HEAD},
    )
    assert stored_revision(db_url) == "0099"
    stamp(db_url, HEAD)
    again = open_database(db_url)
    try:
        assert event_count(again) == before
    finally:
        again.dispose()


def test_the_revisions_this_code_knows_reach_up_to_head():
    from models.migrate import known_revisions

    assert HEAD in known_revisions() and "0001" in known_revisions()
    assert "0099" not in known_revisions()


@pytest.fixture
def read_only_url(db_url, tmp_path):
    """A database its users may read and not write: on SQLite an immutable file (root writes
    through chmod 0444), on PostgreSQL a database whose transactions are read-only."""
    database = open_database(db_url)
    create_congress(database, "测试大会")
    database.dispose()
    if "://" not in db_url:
        if subprocess.run(["chattr", "+i", db_url], capture_output=True).returncode:
            pytest.skip("chattr +i is not available on this file system")
        yield db_url
        subprocess.run(["chattr", "-i", db_url], check=True)
        return
    name = db_url.rsplit("/", 1)[1]
    admin = open_database(db_url, migrate=False)
    try:
        with admin.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                f"ALTER DATABASE {name} SET default_transaction_read_only = on"
            )
    finally:
        admin.dispose()
    yield db_url


def test_a_read_only_database_is_named_so(read_only_url):
    database = open_database(read_only_url)
    try:
        with pytest.raises(DBAPIError) as failed:  # PostgreSQL's is an InternalError
            create_sitting(database, "第一次全体会议")
    finally:
        database.dispose()
    assert storage_problem(failed.value) == "read_only"
    set_lang("zh")
    assert error_line(failed.value) == t("data.db_read_only")
    assert "稍后重试" not in error_line(failed.value)


def test_a_full_sqlite_disk_is_named_so(sqlite_db):
    create_congress(sqlite_db, "测试大会")
    with sqlite_db.engine.connect() as conn:
        # The file may not grow: the next page the write needs fails with SQLITE_FULL.
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
        conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
        conn.commit()
        with pytest.raises(OperationalError) as failed, conn.begin():
            conn.exec_driver_sql("CREATE TABLE filler (x TEXT)")
            conn.exec_driver_sql("INSERT INTO filler VALUES (zeroblob(200000))")
    assert storage_problem(failed.value) == "disk_full"
    set_lang("en")
    assert error_line(failed.value) == t("data.db_disk_full")
    set_lang("zh")


def test_other_database_errors_keep_the_try_again_words(sqlite_db):
    with pytest.raises(OperationalError) as failed, sqlite_db.read() as conn:
        conn.exec_driver_sql("SELECT * FROM no_such_table")
    assert storage_problem(failed.value) is None
    set_lang("zh")
    assert error_line(failed.value).startswith("数据库暂时连不上")
