"""`huiwu roster import` with real rosters (issue 18): the columns it leaves out are named, a
re-import shows what it changes and asks (refused without a terminal unless --yes), --dry-run
writes nothing, and a new code for a name already on the roster is refused unless allowed.

The confirmation prompt needs a terminal; the runner's stdin is not one, so the tests that answer
the question say it is (the one seam patched: cli.base.stdin_is_terminal) and type the answer.
"""

import json
import sqlite3
from types import SimpleNamespace

import openpyxl
import pytest
from click.testing import CliRunner

from cli import base
from main import cli
from models.congress import create_congress, create_sitting
from models.db import open_database

FIRST = "序号,编号,姓名,所在单位,代表团名称,代表类别,籍贯,民族\n1,D1,张三,机关,一团,,,汉\n2,D2,李四,车间,一团,,,\n"
SECOND = "序号,编号,姓名,所在单位,代表团名称,代表类别,籍贯,民族\n1,D1,张三,机关,一团,列席代表,,\n3,D3,王五,,二团,,,\n"


def run(db, *args, lang=None, stdin=None, check_code=None):
    env = {"HUIWU_DB": str(db), "HUIWU_STATION": "1号台", "HUIWU_LANG": lang}
    outcome = CliRunner().invoke(cli, list(args), env=env, input=stdin)
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.exc_info
    assert "Traceback" not in outcome.stderr, outcome.stderr
    if check_code is not None:
        assert outcome.exit_code == check_code, (outcome.stdout, outcome.stderr)
    return SimpleNamespace(code=outcome.exit_code, stdout=outcome.stdout, stderr=outcome.stderr)


def state(db) -> tuple:
    with sqlite3.connect(db) as conn:
        return (
            conn.execute("SELECT code, name, unit, category FROM person ORDER BY code").fetchall(),
            conn.execute("SELECT count(*) FROM event").fetchone()[0],
        )


@pytest.fixture
def empty(tmp_path):
    path = tmp_path / "huiwu.db"
    database = open_database(path)
    create_congress(database, "测试公司第三届职工代表大会第二次会议", term=3, session=2)
    create_sitting(database, "第一次全体会议")
    database.dispose()
    return path


@pytest.fixture
def files(tmp_path):
    first, second = tmp_path / "名单.csv", tmp_path / "名单2.csv"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    return first, second


def test_a_first_import_asks_nothing_and_names_the_ignored_columns(empty, files):
    done = run(empty, "roster", "import", str(files[0]), check_code=0)
    assert done.stdout.splitlines() == [
        "已忽略的列：籍贯、民族",
        "导入完成：新增 2 人，更新 0 人，共 2 行。",
    ]
    people, _ = state(empty)
    assert people == [("D1", "张三", "机关", "delegate"), ("D2", "李四", "车间", "delegate")]


def test_the_json_names_the_columns_too(empty, files):
    data = json.loads(run(empty, "roster", "import", str(files[0]), "--json", check_code=0).stdout)
    assert data["ignored_columns"] == ["籍贯", "民族"] and data["added"] == 2


def test_a_reimport_without_a_terminal_needs_yes(empty, files):
    run(empty, "roster", "import", str(files[0]), check_code=0)
    before = state(empty)
    refused = run(empty, "roster", "import", str(files[1]), check_code=1)
    assert "--yes" in refused.stderr and "新增1人，更新1人" in refused.stderr
    as_json = run(empty, "roster", "import", str(files[1]), "--json", check_code=1)
    assert json.loads(as_json.stdout)["error"] == "roster.import.needs_yes"
    assert state(empty) == before

    data = json.loads(
        run(empty, "roster", "import", str(files[1]), "--yes", "--json", check_code=0).stdout
    )
    assert (data["added"], data["updated"], data["not_in_file"]) == (1, 1, ["D2"])
    people, _ = state(empty)
    assert [p[0] for p in people] == ["D1", "D2", "D3"]  # D2 is not in the file: kept
    assert "全部通过" in run(empty, "verify", check_code=0).stdout


def test_a_reimport_in_a_terminal_shows_the_preview_and_asks(empty, files, monkeypatch):
    monkeypatch.setattr(base, "stdin_is_terminal", lambda: True)
    run(empty, "roster", "import", str(files[0]), check_code=0)
    before = state(empty)
    no = run(empty, "roster", "import", str(files[1]), stdin="n\n", check_code=1)
    assert "导入预览（尚未写入）：名单2.csv" in no.stderr
    assert "更新 D1 张三：类别“正式代表”→“列席代表”" in no.stderr
    assert "名单上有1人不在这个文件中（不会删除）：D2 李四" in no.stderr
    assert "已取消，未导入任何人员。" in no.stderr
    assert state(empty) == before

    yes = run(empty, "roster", "import", str(files[1]), stdin="y\n", check_code=0)
    assert "导入完成：新增 1 人，更新 1 人，共 2 行。" in yes.stdout
    assert state(empty)[1] == before[1] + 1


def test_dry_run_writes_nothing(empty, files):
    run(empty, "roster", "import", str(files[0]), check_code=0)
    before = state(empty)
    shown = run(empty, "roster", "import", str(files[1]), "--dry-run", check_code=0)
    assert (
        "文件中共2人：新增1人，更新1人（其中类别变动1人），未变0人；新建代表团1个。" in shown.stdout
    )
    data = json.loads(
        run(empty, "roster", "import", str(files[1]), "--dry-run", "--json", check_code=0).stdout
    )
    assert data["changed"] == [{"code": "D1", "category": ["delegate", "attendee"]}]
    assert [p["code"] for p in data["added"]] == ["D3"]
    english = run(empty, "roster", "import", str(files[1]), "--dry-run", lang="en", check_code=0)
    assert "Update D1 张三: category “Delegate” → “Non-voting Attendee”" in english.stdout
    assert state(empty) == before


def test_a_new_code_for_a_name_on_the_roster_is_refused_unless_allowed(empty, tmp_path):
    xlsx = tmp_path / "名单.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["编号", "姓名", "代表团"])
    workbook.active.append([12, "张三", "一团"])
    workbook.save(xlsx)
    run(empty, "roster", "import", str(xlsx), check_code=0)  # General: code 12
    csv = tmp_path / "名单.csv"
    csv.write_text("编号,姓名,代表团\n0012,张三,一团\n", encoding="utf-8")
    before = state(empty)
    refused = run(empty, "roster", "import", str(csv), "--yes", check_code=1)
    assert "第2行: 张三（一团）编号“0012”，名单上已有编号“12”" in refused.stderr
    assert "--allow-same-name" in refused.stderr
    assert state(empty) == before
    run(empty, "roster", "import", str(csv), "--yes", "--allow-same-name", check_code=0)
    assert [p[0] for p in state(empty)[0]] == ["0012", "12"]


def test_a_formula_without_a_result_is_named_by_line_and_column(empty, tmp_path):
    xlsx = tmp_path / "名单.xlsx"
    workbook = openpyxl.Workbook()
    for row in (["XX公司第三届职工代表大会代表名单"], [], ["编号", "姓名"], ["D1", "张三"]):
        workbook.active.append(row)
    workbook.active.append(["D2", "=B4"])
    workbook.save(xlsx)
    refused = run(empty, "roster", "import", str(xlsx), check_code=1)
    assert "第5行: “姓名”列是公式，没有保存计算结果：请在 Excel 中打开并保存后再导入" in (
        refused.stderr
    )
    assert "姓名为空" not in refused.stderr
    assert state(empty)[0] == []
