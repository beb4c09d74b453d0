"""`huiwu badges --rotate` as users run it: asked first, refused without a terminal unless --yes,
nothing changed when refused; afterwards old badges scan as revoked and the new sheet checks in.

Commands run in-process through click's test runner. The confirmation prompt needs a terminal;
the runner's stdin is not one, so the tests that answer the question say it is (the one seam
patched: cli.base.stdin_is_terminal) and type the answer on stdin.
"""

import json
import sqlite3
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from cli import base
from main import cli
from models import badge_code
from models.congress import create_congress, create_sitting
from models.db import open_database
from tests.helpers import add_people, delegates
from tests.unit.test_badges import decode, render_pages


def run(db, *args, lang=None, stdin=None, check_code=None):
    env = {"HUIWU_DB": str(db), "HUIWU_STATION": "1号台", "HUIWU_LANG": lang}
    outcome = CliRunner().invoke(cli, list(args), env=env, input=stdin)
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.exc_info
    assert "Traceback" not in outcome.stderr, outcome.stderr
    if check_code is not None:
        assert outcome.exit_code == check_code, (outcome.stdout, outcome.stderr)
    return SimpleNamespace(code=outcome.exit_code, stdout=outcome.stdout, stderr=outcome.stderr)


def state(db) -> tuple:
    """Everything a refused rotation must leave alone: the secret, the retired ones, the log."""
    with sqlite3.connect(db) as conn:
        return (
            conn.execute("SELECT secret FROM congress").fetchall(),
            conn.execute("SELECT * FROM retired_badge_secret").fetchall(),
            conn.execute("SELECT count(*) FROM event").fetchone()[0],
        )


def badge(db, code: str) -> str:
    with sqlite3.connect(db) as conn:
        uid, secret = conn.execute("SELECT uid, secret FROM congress").fetchone()
    return badge_code.badge_text(bytes.fromhex(secret), uid, code)


@pytest.fixture
def hall(tmp_path):
    """A SQLite congress with five delegates and a sitting, closed again before the CLI runs."""
    path = tmp_path / "huiwu.db"
    database = open_database(path)
    create_congress(database, "测试公司第三届职工代表大会第二次会议", term=3, session=2)
    create_sitting(database, "第一次全体会议")
    add_people(database, delegates(5))
    database.dispose()
    return path


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr(base, "stdin_is_terminal", lambda: True)


def test_a_sheet_still_needs_out_and_rotation_alone_does_not(hall):
    before = state(hall)
    missing = run(hall, "badges", check_code=2)
    assert "--out" in missing.stderr
    assert "--png-dir" in run(hall, "badges", "--rotate", "--png-dir", "x", check_code=2).stderr
    assert "--codes" in run(hall, "badges", "--rotate", "--codes", "D0001", check_code=2).stderr
    assert "--out" in run(hall, "badges", lang="en", check_code=2).stderr
    assert state(hall) == before


def test_without_a_terminal_it_refuses_unless_yes(hall):
    before = state(hall)
    refused = run(hall, "badges", "--rotate", check_code=1)
    assert "--yes" in refused.stderr and "未作任何改动" in refused.stderr
    refused_en = run(hall, "badges", "--rotate", lang="en", check_code=1)
    assert "--yes" in refused_en.stderr and "Nothing was changed" in refused_en.stderr
    assert state(hall) == before


@pytest.mark.parametrize(("lang", "asked"), [("zh", "确定吗"), ("en", "Go ahead?")])
def test_a_refused_confirmation_changes_nothing(hall, terminal, lang, asked):
    old = badge(hall, "D0001")
    before = state(hall)

    outcome = run(hall, "badges", "--rotate", lang=lang, stdin="n\n", check_code=1)

    assert asked in outcome.stderr and "5" in outcome.stderr
    assert ("已取消" if lang == "zh" else "Cancelled") in outcome.stderr
    assert state(hall) == before
    assert json.loads(run(hall, "checkin", old, "--json", check_code=0).stdout)["status"] == "ok"


def test_a_confirmed_rotation_voids_the_old_badges(hall, terminal):
    old = badge(hall, "D0001")

    outcome = run(hall, "badges", "--rotate", stdin="y\n", check_code=0)

    assert "5 人需要换领新证" in outcome.stdout
    assert "huiwu badges --out" in outcome.stdout  # how to print the new ones
    refused = run(hall, "checkin", old, "--json", check_code=1)
    assert json.loads(refused.stdout) | {"at": None} == {
        "status": "invalid",
        "reason": "revoked",
        "code": None,
        "name": None,
        "delegation": None,
        "at": None,
        "seat": None,
        "note": None,
    }
    assert "旧代表证已作废" in refused.stderr
    en = run(hall, "checkin", old, lang="en", check_code=1)
    assert "no longer valid" in en.stderr
    assert run(hall, "checkin", badge(hall, "D0001"), check_code=0)


def test_yes_rotates_and_prints_a_sheet_whose_codes_check_in(hall, tmp_path):
    old_sheet = tmp_path / "old.pdf"
    run(hall, "badges", "--out", str(old_sheet), check_code=0)
    new_sheet = tmp_path / "new.pdf"

    outcome = run(hall, "badges", "--rotate", "--yes", "--out", str(new_sheet), "--json")

    assert outcome.code == 0, outcome.stderr
    data = json.loads(outcome.stdout)
    assert data["rotation"]["generation"] == 2 and data["rotation"]["void_badges"] == 5
    assert data["sheet"]["count"] == 5 and data["sheet"]["pdf"] == str(new_sheet)
    assert "5 人需要换领新证" in outcome.stderr  # under --json the sentence goes to stderr
    old_texts = [text for page in render_pages(old_sheet) for text in decode(page)]
    new_texts = [text for page in render_pages(new_sheet) for text in decode(page)]
    assert len(old_texts) == len(new_texts) == 5
    for text in old_texts:
        assert json.loads(run(hall, "checkin", text, "--json").stdout)["reason"] == "revoked"
    for text in new_texts:
        assert (
            json.loads(run(hall, "checkin", text, "--json", check_code=0).stdout)["status"] == "ok"
        )
    assert run(hall, "attendance", "--json", check_code=0)
    assert run(hall, "verify", check_code=0)


def test_english_and_a_second_rotation(hall):
    first = badge(hall, "D0002")
    run(hall, "badges", "--rotate", "--yes", check_code=0)
    second = badge(hall, "D0002")

    outcome = run(hall, "badges", "--rotate", "--yes", lang="en", check_code=0)

    assert "generation 3" in outcome.stdout and "5 people need new badges" in outcome.stdout
    for old in (first, second):
        assert json.loads(run(hall, "checkin", old, "--json").stdout)["reason"] == "revoked"
    with sqlite3.connect(hall) as conn:
        assert conn.execute("SELECT count(*) FROM retired_badge_secret").fetchone()[0] == 2


def test_a_folder_as_out_is_refused_before_anything_is_voided(hall, tmp_path):
    before = state(hall)
    refused = run(hall, "badges", "--rotate", "--yes", "--out", str(tmp_path), check_code=2)
    assert "--out" in refused.stderr
    assert state(hall) == before


def test_without_a_congress_nothing_is_asked(tmp_path, terminal):
    empty = tmp_path / "empty.db"
    refused = run(empty, "badges", "--rotate", stdin="y\n", check_code=1)
    assert "确定吗" not in refused.stderr
    assert "huiwu congress new" in refused.stderr or "大会" in refused.stderr
