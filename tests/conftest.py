import os

import pytest

from models.db import open_database
from tests.pgserver import PgServer
from tui.i18n import set_lang

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session", autouse=True)
def _private_user_folders(tmp_path_factory):
    """For the whole session (and every subprocess it starts), huiwu's data folder (default
    database, backups, huiwu.log) and export folder are temporary ones, not the user's: a test
    that forgets --db or runs into an internal error leaves nothing in the real folders.
    Neither exists yet, so the code that makes them is exercised."""
    folders = tmp_path_factory.mktemp("user-folders")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HUIWU_HOME", str(folders / "huiwu"))
        patch.setenv("HUIWU_EXPORT_DIR", str(folders / "Documents" / "huiwu"))
        yield folders


@pytest.fixture(scope="session")
def pg_server():
    server = PgServer()
    try:
        server.start()
    except Exception as error:  # reported on every PostgreSQL test, never skipped silently
        server.stop()
        pytest.fail(f"the PostgreSQL test server could not start: {error}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def own_pg_server():
    """A PostgreSQL server of the module's own, which its tests may stop and start again (the
    server laptop going away): the shared one stays up for every other test."""
    server = PgServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """A fresh, migrated database URL on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "huiwu.db")
        return
    server = request.getfixturevalue("pg_server")
    url = server.new_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def db(db_url):
    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path):
    database = open_database(tmp_path / "huiwu.db")
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def _chinese_by_default(monkeypatch):
    monkeypatch.delenv("HUIWU_DB", raising=False)
    monkeypatch.delenv("HUIWU_LANG", raising=False)
    set_lang("zh")
    yield
    set_lang("zh")


@pytest.fixture(autouse=True)
def _no_real_backups(monkeypatch):
    """Backups (models.backup) never reach the user's folders: off unless a test sets
    HUIWU_BACKUP_DIR."""
    monkeypatch.delenv("HUIWU_BACKUP_DIR", raising=False)
    monkeypatch.delenv("HUIWU_BACKUP_MINUTES", raising=False)
    monkeypatch.delenv("HUIWU_BACKUP_KEEP", raising=False)
    monkeypatch.setenv("HUIWU_TESTING", "1")


@pytest.fixture(autouse=True)
def _no_real_import_folder(monkeypatch, tmp_path_factory):
    """The file pickers open in an empty folder of the test's own, never the user's Documents
    (beside tmp_path, not in it: tests that list tmp_path see only their own files)."""
    folder = tmp_path_factory.mktemp("import-files")
    monkeypatch.setenv("HUIWU_IMPORT_DIR", str(folder))


@pytest.fixture
def congress_db(db):
    """A database with a congress and a current sitting (no people yet)."""
    from models.congress import create_congress, create_sitting

    create_congress(db, "测试公司第三届职工代表大会第二次会议", kind="职代会", term=3, session=2)
    create_sitting(db, "第一次全体会议")
    return db


os.environ.setdefault("HUIWU_TESTING", "1")
