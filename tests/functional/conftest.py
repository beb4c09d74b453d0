import shutil

import pytest
from textual.widgets import Input, TextArea

from models.congress import create_congress, create_sitting
from models.db import open_database
from tests.helpers import add_people, delegates
from tui.app import make_app


@pytest.fixture
def desk_db(tmp_path):
    """A SQLite congress with 6 delegates (one with a pinyin-searchable name) and a sitting."""
    db = open_database(tmp_path / "desk.db")
    create_congress(db, "测试公司第三届职工代表大会第二次会议", kind="职代会", term=3, session=2)
    create_sitting(db, "第一次全体会议")
    add_people(db, [*delegates(5), ("Z1", "张三丰", "第二代表团", "delegate")])
    yield db
    db.dispose()


@pytest.fixture
def make_desk(desk_db):
    def build(lang: str = "zh"):
        return make_app(database=desk_db, lang=lang, station="1号台")

    return build


@pytest.fixture(scope="session")
def registry_file(tmp_path_factory):
    """The congress of tests/functional/screen_registry.py (every user text hostile), built once
    per session and copied per test by ``registry_db``."""
    from tests.functional.screen_registry import build_congress

    path = tmp_path_factory.mktemp("registry") / "congress.db"
    db = open_database(path)
    build_congress(db)
    db.dispose()  # the last connection closed: everything is in the file, nothing in a -wal
    return path


@pytest.fixture
def registry_db(registry_file, tmp_path):
    path = tmp_path / "desk.db"
    shutil.copy(registry_file, path)
    db = open_database(path)
    yield db
    db.dispose()


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch):
    """The text cursor stays drawn: its half-second blink made snapshots differ on a busy machine
    (the same screen saved with the cursor shown, compared with it hidden)."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
