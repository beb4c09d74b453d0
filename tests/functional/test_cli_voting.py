"""The voting commands as users script them: exit codes, JSON, stderr, no tracebacks.

The commands run in-process through click's test runner (a real process costs half a second
and these tests make over a hundred calls); ``real=True`` runs the installed ``huiwu`` in a
process, as tests/functional/test_cli.py does. A congress with 6 voting delegates, 5 of them
checked in (quorum: 3*5 >= 2*6), is built once per module through the CLI and copied for each
test, so every test starts from the same state.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from main import cli

HUIWU = str(Path(sys.executable).with_name("huiwu"))
BALLOT_HEADER = "票号,王芳,李四,张三丰,另选他人\n"


def run(db, *args, lang=None, check_code=None, real=False):
    if real:
        env = {**os.environ, "HUIWU_DB": str(db), "HUIWU_STATION": "1号台"}
        env.pop("HUIWU_LANG", None)
        if lang:
            env["HUIWU_LANG"] = lang
        proc = subprocess.run([HUIWU, *args], capture_output=True, text=True, env=env, timeout=120)
    else:
        # HUIWU_OPERATOR too: --operator sets it for the run, and the runner restores it after
        env = {"HUIWU_DB": str(db), "HUIWU_STATION": "1号台", "HUIWU_LANG": lang,
               "HUIWU_OPERATOR": None}  # fmt: skip
        outcome = CliRunner().invoke(cli, list(args), env=env)
        assert outcome.exception is None or isinstance(outcome.exception, SystemExit), (
            outcome.exc_info
        )
        proc = SimpleNamespace(
            returncode=outcome.exit_code, stdout=outcome.stdout, stderr=outcome.stderr
        )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "程序内部错误" not in proc.stderr and "Internal error" not in proc.stderr, proc.stderr
    if check_code is not None:
        assert proc.returncode == check_code, (proc.stdout, proc.stderr)
    return proc


def run_json(db, *args):
    return json.loads(run(db, *args, "--json", check_code=0).stdout)


def events(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM event").fetchone()[0]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("voting")
    db = folder / "cli.db"
    roster = folder / "roster.csv"
    lines = ["编号,姓名,代表团,类别"]
    lines += [f"D{i:03d},代表{i},第{i % 3 + 1}代表团," for i in range(1, 7)]
    lines += ["L01,列席甲,,列席代表"]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run(db, "congress", "new", "测试大会", "--term", "3", "--session", "2", check_code=0)
    run(db, "roster", "import", str(roster), check_code=0)
    run(db, "sitting", "new", "第一次全体会议", check_code=0)
    for code in ("D001", "D002", "D003", "D004", "D005", "L01"):
        run(db, "checkin", code, check_code=0)
    assert run_json(db, "attendance")["quorum_met"] is True
    return db


@pytest.fixture
def cli_db(template, tmp_path):
    db = tmp_path / "cli.db"
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(template) + suffix)
        if source.exists():
            shutil.copy(source, str(db) + suffix)
    return db


def ballots(tmp_path, rows: list[str], name="ballots.csv", header=BALLOT_HEADER, encoding="utf-8"):
    path = tmp_path / name
    path.write_text(header + "\n".join(rows) + "\n", encoding=encoding)
    return path


# --- motions ------------------------------------------------------------------------------------


def test_motion_new_count_and_result_json(cli_db):
    created = run_json(cli_db, "motion", "new", "关于职工工资的报告")
    assert created["number"] == 1 and created["kind"] == "motion"
    assert created["settings"] == {"base": "due", "comparator": "gt"}
    counted = run_json(
        cli_db, "motion", "count", "1", "--yes", "4", "--no", "1", "--abstain", "0", "--hands"
    )
    assert counted["passed"] is True
    result = run_json(cli_db, "result", "关于职工工资的报告")
    assert result == counted
    assert {k: result[k] for k in ("passed", "yes", "no", "abstain", "base", "threshold")} == {
        "passed": True,
        "yes": 4,
        "no": 1,
        "abstain": 0,
        "base": 6,  # 应到, not 实到: absence counts against
        "threshold": 4,
    }
    assert result["exactly_on_line"] is False and result["final"] is True
    assert result["method"] == "hands" and result["roll"]["present"] == 5


def test_exactly_half_is_not_more_than_half_and_is_flagged(cli_db):
    run(cli_db, "motion", "new", "甲议案", check_code=0)
    half = run_json(
        cli_db, "motion", "count", "甲议案", "--yes", "3", "--no", "2", "--abstain", "0", "--hands"
    )
    assert (half["passed"], half["exactly_on_line"], half["base"]) == (False, True, 6)
    text = run(cli_db, "result", "甲议案", check_code=0).stdout
    assert "未通过" in text and "恰在界线上" in text
    run(cli_db, "motion", "new", "乙议案", "--comparator", "gte", check_code=0)
    gte = run_json(
        cli_db, "motion", "count", "乙议案", "--yes", "3", "--no", "2", "--abstain", "0", "--hands"
    )
    assert (gte["passed"], gte["exactly_on_line"], gte["comparator"]) == (True, True, "gte")


def test_secret_ballot_needs_its_ballot_counts(cli_db):
    run(cli_db, "motion", "new", "集体合同草案", "--important", "--base", "valid", check_code=0)
    missing = run(
        cli_db, "motion", "count", "1", "--yes", "4", "--no", "1", "--abstain", "0", check_code=1
    )
    assert "无记名投票须填写发出、收回和无效票数" in missing.stderr
    result = run_json(
        cli_db,
        "motion",
        "count",
        "1",
        *("--yes", "3", "--no", "1", "--abstain", "0"),
        *("--issued", "5", "--returned", "5", "--invalid", "1"),
    )
    assert (result["passed"], result["base"], result["method"]) == (True, 4, "secret")
    assert (result["issued"], result["returned"], result["invalid"]) == (5, 5, 1)
    assert "第2项" in run(cli_db, "motion", "new", "乙议案", check_code=0).stdout
    out = run(
        cli_db,
        *("motion", "count", "2", "--yes", "3", "--no", "1", "--abstain", "0", "--hands"),
        *("--issued", "5", "--returned", "4", "--invalid", "0"),
        check_code=1,
    )
    assert out.stderr.strip() == "举手表决没有发出、收回、无效票数。"


def test_important_motion_by_hands_is_refused_and_changes_nothing(cli_db):
    run(cli_db, "motion", "new", "职工代表大会实施细则", "--important", check_code=0)
    before = events(cli_db)
    out = run(
        cli_db,
        *("motion", "count", "1", "--yes", "5", "--no", "0", "--abstain", "0", "--hands"),
        check_code=1,
        real=True,
    )
    assert out.stderr.strip() == "重要事项必须采用无记名投票方式表决，不能举手表决。"
    assert out.stdout == ""
    assert events(cli_db) == before
    result = run_json(cli_db, "result", "1")
    assert result["passed"] is None and result["roll"] is None
    assert run_json(cli_db, "items") == [
        {
            "number": 1,
            "kind": "motion",
            "title": "职工代表大会实施细则",
            "counting": False,
            "status": "未开始",
            "state": "idle",
        }
    ]
    en = run(
        cli_db,
        *("motion", "count", "1", "--yes", "5", "--no", "0", "--abstain", "0", "--hands"),
        lang="en",
        check_code=1,
        real=True,
    )
    assert en.stderr.strip() == (
        "An important item must be voted by secret ballot, not by show of hands."
    )


def test_double_entry_is_pending_until_the_second_clerk_agrees(cli_db):
    run(cli_db, "motion", "new", "提案工作报告", "--double", check_code=0)
    count = ("motion", "count", "1", "--no", "1", "--abstain", "0", "--hands")
    first = run_json(cli_db, *count, "--yes", "4")
    assert first["final"] is False
    assert "尚待第二次录入" in run(cli_db, "result", "1", check_code=0).stdout
    differs = run_json(cli_db, *count, "--yes", "3", "--entry", "2")
    assert differs["final"] is False
    assert differs["differences"] == [{"where": "field", "key": "yes", "first": "4", "second": "3"}]
    text = run(cli_db, "result", "1", check_code=0).stdout
    assert "两次录入有 1 处不一致" in text and "赞成：第一次录入 4；第二次录入 3" in text
    agreed = run_json(cli_db, *count, "--yes", "4", "--entry", "2")
    assert agreed["final"] is True and agreed["passed"] is True
    assert "结果已确定：两次录入一致。" in run(cli_db, "result", "1", check_code=0).stdout


def test_motion_result_text_in_both_languages(cli_db):
    run(cli_db, "motion", "new", "财务工作报告", check_code=0)
    run(
        cli_db,
        *("motion", "count", "1", "--yes", "4", "--no", "1", "--abstain", "0", "--hands"),
        check_code=0,
    )
    sha = run_json(cli_db, "result", "1")["roll"]["sha256"]
    zh = run(cli_db, "result", "1", check_code=0).stdout.splitlines()
    assert zh[0] == "第1项　表决事项「财务工作报告」"
    assert "  通过  " in zh[1]
    assert "赞成 4　反对 1　弃权 0" in zh
    assert "基数：应到代表 6；须赞成票超过半数，即至少 4 票" in zh
    assert f"名册：第一次全体会议，应到 6，实到 5，SHA-256 {sha}" in zh
    assert zh[-1] == "结果已确定（一次录入）。"
    en = run(cli_db, "result", "1", lang="en", check_code=0).stdout
    assert "PASSED" in en and "Yes 4   No 1   Abstain 0" in en and sha in en
    assert not any(
        "\u4e00" <= ch <= "\u9fff"
        for ch in en.replace("财务工作报告", "").replace("第一次全体会议", "")
    )


# --- elections ----------------------------------------------------------------------------------


def new_election(db, title="工会委员会委员", seats="2", candidates="王芳,李四,张三丰"):
    return run_json(
        db,
        *("election", "new", title, "--seats", seats, "--candidates", candidates),
        *("--order", "given", "--scrutineers", "代表6", "--counters", "列席甲"),
    )


def test_election_issue_import_and_result_with_an_overfilled_ballot(cli_db, tmp_path):
    created = new_election(cli_db)
    assert created["nominees"] == ["王芳", "李四", "张三丰"]
    assert created["settings"]["seats"] == 2 and created["scrutineers"] == ["代表6"]
    issued = run_json(cli_db, "election", "issue", "工会委员会委员", "5")
    assert issued["issued"] == 5 and issued["roll"]["present"] == 5
    path = ballots(
        tmp_path,
        [
            "1,○,○,×,",
            "2,O,o,,",
            "3,○,○,X,",
            "4,〇,○,,",
            "5,○,○,○,",  # three ○ for two seats: 废票
        ],
        encoding="gbk",
    )
    report = run_json(cli_db, "ballots", "import", "1", str(path))
    assert (report["imported"], report["void"], report["valid"]) == (5, 1, True)
    result = run_json(cli_db, "result", "1")
    assert {
        k: result[k]
        for k in ("valid", "issued", "returned", "valid_ballots", "void_ballots", "threshold")
    } == {
        "valid": True,
        "issued": 5,
        "returned": 5,
        "valid_ballots": 4,
        "void_ballots": 1,
        "threshold": 4,  # more than half of the 6 due
    }
    assert result["void_numbers"] == [5]
    assert [
        (c["name"], c["yes"], c["no"], c["abstain"], c["elected"]) for c in result["candidates"]
    ] == [
        ("王芳", 4, 0, 0, True),
        ("李四", 4, 0, 0, True),
        ("张三丰", 0, 2, 2, False),
    ]
    assert result["elected"] == ["王芳", "李四"] and result["runoff"] == []
    assert result["vacant"] == 0 and result["final"] is True
    text = run(cli_db, "result", "1", check_code=0).stdout
    assert "发出 5　收回 5　有效 4　无效 1" in text
    assert "废票票号：5" in text
    assert "当选（按得票多少为序）：王芳、李四" in text
    assert "监票人：代表6　计票人：列席甲" in text


def test_more_returned_than_issued_is_imported_and_voids_the_election(cli_db, tmp_path):
    new_election(cli_db)
    run(cli_db, "election", "issue", "1", "3", check_code=0)
    path = ballots(tmp_path, ["1,○,○,,", "2,○,○,,", "3,○,○,,", "4,○,,,赵六"])
    out = run(cli_db, "ballots", "import", "1", str(path), check_code=0)
    assert "已导入第1项「工会委员会委员」第1次录入的选票 4 张，其中废票 0 张。" in out.stdout
    assert "收回选票多于发出选票，选举无效，应重新选举" in out.stdout
    result = run_json(cli_db, "result", "1")
    assert result["valid"] is False and result["void_reason"] == "returned_exceeds_issued"
    assert (result["issued"], result["returned"]) == (3, 4) and result["elected"] == []
    assert "选举无效" in run(cli_db, "result", "1", check_code=0).stdout
    again = run(cli_db, "ballots", "import", "1", str(path), lang="en", check_code=1)
    assert "huiwu reopen 1 --reason" in again.stderr  # the imported count is closed
    run(cli_db, "reopen", "1", "--reason", "核对选票文件", check_code=0)
    en = run(cli_db, "ballots", "import", "1", str(path), lang="en", check_code=0).stdout
    assert "Imported 4 ballots" in en and "More ballots returned than issued" in en
    assert "were replaced" in en


def test_a_bad_ballot_file_is_refused_and_changes_nothing(cli_db, tmp_path):
    new_election(cli_db)
    run(cli_db, "election", "issue", "1", "5", check_code=0)
    before = events(cli_db)
    wrong = ballots(tmp_path, ["1,○,○,"], header="票号,王芳,李肆,张三丰\n")
    out = run(cli_db, "ballots", "import", "1", str(wrong), check_code=1)
    assert out.stderr.startswith("选票表缺少候选人的列：李四。")
    assert "李肆（C）" in out.stderr
    rows = ballots(tmp_path, ["1,○,,,", "1,○,,,", "x,,,,"], name="rows.csv")
    out = run(cli_db, "ballots", "import", "1", str(rows), check_code=1)
    assert out.stderr.splitlines()[1:] == [
        "第3行: 票号 1 与第2行重复",
        "第4行: 票号“x”无效（应为从 1 开始的整数）",
    ]
    en = run(cli_db, "ballots", "import", "1", str(rows), lang="en", check_code=1)
    assert en.stderr.startswith("Rows with errors in the ballot file: 2")
    missing = run(cli_db, "ballots", "import", "1", str(tmp_path / "nope.csv"), check_code=1)
    assert "找不到选票文件" in missing.stderr
    assert events(cli_db) == before
    assert run_json(cli_db, "result", "1")["entries"] == {"1": 0, "2": 0}


def test_refusals_for_elections_read_in_english(cli_db):
    out = run(
        cli_db,
        *("election", "new", "主席", "--seats", "2", "--candidates", "王芳,李四"),
        lang="en",
        check_code=1,
    )
    assert "needs at least 3 candidates" in out.stderr
    out = run(cli_db, "result", "99", lang="en", check_code=1)
    assert out.stderr.strip() == "No item “99” (use its number or its full title)."


def test_a_further_election_when_nobody_is_elected(cli_db, tmp_path):
    new_election(cli_db, title="经审会主任", seats="1", candidates="王芳,李四")
    run(cli_db, "election", "issue", "1", "5", check_code=0)
    run(
        cli_db,
        "ballots",
        "import",
        "1",
        str(
            ballots(
                tmp_path,
                ["1,,,", "2,,,", "3,,,", "4,○,,", "5,,○,"],
                header="票号,王芳,李四,另选他人\n",
            )
        ),
        check_code=0,
    )
    result = run_json(cli_db, "result", "1")
    assert result["elected"] == [] and result["vacant"] == 1
    assert result["reelect"] == ["王芳", "李四"]
    follow = run_json(cli_db, "election", "runoff", "经审会主任")
    assert follow["parent"] == 1 and follow["nominees"] == ["王芳", "李四"]
    assert follow["settings"]["seats"] == 1 and follow["number"] == 2
    assert [i["number"] for i in run_json(cli_db, "items")] == [1, 2]


# --- appraisals ---------------------------------------------------------------------------------


def test_appraisal_new_sheets_marks_and_result(cli_db):
    created = run_json(
        cli_db, "appraisal", "new", "领导班子测评", "--subjects", "张三:党委书记,李四：工会主席"
    )
    assert created["nominees"] == ["张三", "李四"] and created["posts"] == ["党委书记", "工会主席"]
    run(cli_db, "election", "issue", "领导班子测评", "5", check_code=0)
    run(cli_db, "appraisal", "sheets", "1", "--returned", "5", check_code=0)
    run(cli_db, "appraisal", "marks", "1", "张三", "4", "1", "0", check_code=0)
    result = run_json(cli_db, "appraisal", "marks", "1", "李四", "1", "1", "3")
    subjects = {s["name"]: s for s in result["subjects"]}
    assert (subjects["张三"]["rate"], subjects["张三"]["grade"]) == ("100.00", "satisfied")
    assert (subjects["李四"]["rate"], subjects["李四"]["grade"]) == ("40.00", "unsatisfied")
    assert subjects["李四"]["warning"] is True and result["final"] is True
    text = run(cli_db, "result", "领导班子测评", check_code=0).stdout
    assert "100.00%" in text and "40.00%" in text and "⚠ 不满意超过 1/3" in text
    bad = run(cli_db, "appraisal", "marks", "1", "王五", "1", "1", "1", check_code=1)
    assert "测评对象中没有「王五」" in bad.stderr


# --- settings, items, exports -------------------------------------------------------------------


def test_congress_settings_and_items(cli_db):
    assert run_json(cli_db, "items") == []
    assert "还没有" in run(cli_db, "items", check_code=0).stdout
    assert run_json(cli_db, "congress", "settings")["motion.base"] == "due"
    run(cli_db, "congress", "set", "motion.base", "present", check_code=0)
    assert run_json(cli_db, "congress", "settings")["motion.base"] == "present"
    bad = run(cli_db, "congress", "set", "motion.base", "half", check_code=1)
    assert "due | present | valid" in bad.stderr
    created = run_json(cli_db, "motion", "new", "新议案")
    assert created["settings"]["base"] == "present"


def test_result_pdf(cli_db, tmp_path):
    pytest.importorskip("models.io.result_sheet")
    run(cli_db, "motion", "new", "议案", check_code=0)
    run(
        cli_db,
        *("motion", "count", "1", "--yes", "4", "--no", "1", "--abstain", "0", "--hands"),
        check_code=0,
    )
    pdf = tmp_path / "result.pdf"
    out = run(cli_db, "result", "1", "--json", "--pdf", str(pdf), check_code=0)
    assert json.loads(out.stdout)["passed"] is True
    assert pdf.read_bytes().startswith(b"%PDF")


def test_result_xlsx(cli_db, tmp_path):
    pytest.importorskip("models.io.result_book")
    import openpyxl

    run(cli_db, "motion", "new", "议案", check_code=0)
    run(
        cli_db,
        *("motion", "count", "1", "--yes", "4", "--no", "1", "--abstain", "0", "--hands"),
        check_code=0,
    )
    book = tmp_path / "result.xlsx"
    out = run(cli_db, "result", "1", "--xlsx", str(book), check_code=0)
    assert str(book) in out.stdout
    openpyxl.load_workbook(book).close()


def test_a_second_entry_of_ballots_is_compared_with_the_first(cli_db, tmp_path):
    created = run_json(
        cli_db,
        *("election", "new", "女职工委员会委员", "--seats", "2"),
        *("--candidates", "王芳,李四,张三丰", "--order", "given", "--double"),
    )
    assert created["double_entry"] is True
    run(cli_db, "election", "issue", "1", "5", check_code=0)
    first = ballots(tmp_path, ["1,○,○,,", "2,○,,×,", "3,,○,,"], name="first.csv")
    second = ballots(tmp_path, ["1,○,○,,", "2,○,×,×,赵六", "3,,○,,"], name="second.csv")
    run(cli_db, "ballots", "import", "1", str(first), check_code=0)
    assert run_json(cli_db, "result", "1")["final"] is False
    assert "待核对：尚待第二次录入。" in run(cli_db, "result", "1", check_code=0).stdout
    out = run(cli_db, "ballots", "import", "1", str(second), "--entry", "2", check_code=0)
    assert "与另一次录入有 1 张选票不一致，请核对。" in out.stdout
    result = run_json(cli_db, "result", "1")
    assert result["final"] is False
    assert result["differences"] == [
        {
            "where": "ballot",
            "key": "2",
            "number": 2,
            "first": "o-x",
            "second": "oxx",
            "first_write_ins": [],
            "second_write_ins": ["赵六"],
        }
    ]
    text = run(cli_db, "result", "1", check_code=0).stdout
    assert (
        "第2号票：第一次录入 王芳○ 李四— 张三丰×；第二次录入 王芳○ 李四× 张三丰× 另选：赵六" in text
    )
    out = run(cli_db, "ballots", "import", "1", str(first), "--entry", "2", check_code=0)
    assert "两次录入一致。" in out.stdout
    assert run_json(cli_db, "result", "1")["final"] is True
    assert "结果已确定：两次录入一致。" in run(cli_db, "result", "1", check_code=0).stdout


def test_candidates_reordered_until_the_first_ballot_and_scrutineers_checked(cli_db, tmp_path):
    new_election(cli_db)
    again = run_json(cli_db, "election", "candidates", "1", "张三丰、王芳、李四")
    assert again["nominees"] == ["张三丰", "王芳", "李四"]
    out = run(cli_db, "election", "scrutineers", "1", "--scrutineers", "王芳", check_code=1)
    assert "是候选人，不能担任监票人或计票人" in out.stderr
    people = run_json(cli_db, "election", "scrutineers", "1", "--scrutineers", "代表7,代表8")
    assert people["scrutineers"] == ["代表7", "代表8"]
    run(cli_db, "election", "issue", "1", "5", check_code=0)
    ballots = tmp_path / "b.csv"
    ballots.write_text("票号,张三丰,王芳,李四\n1,○,○,\n", encoding="utf-8")
    run(cli_db, "ballots", "import", "1", str(ballots), check_code=0)
    before = events(cli_db)
    out = run(cli_db, "election", "candidates", "1", "王芳,李四,张三丰", check_code=1)
    assert "已开始录入选票，不能再修改候选人" in out.stderr
    assert events(cli_db) == before


def test_keyed_ballots_are_final_only_once_the_count_is_closed(cli_db):
    from models.db import open_database
    from models.elections import record_ballot
    from models.rules.election import Ballot

    new_election(cli_db)
    run(cli_db, "election", "issue", "1", "5", check_code=0)
    db = open_database(cli_db)
    for marks in ("oo-", "o-o", "oo-", "-oo"):
        record_ballot(db, 1, Ballot(0, marks))
    db.dispose()
    result = run_json(cli_db, "result", "1")
    assert (result["complete"], result["final"], result["returned"]) == (False, False, 4)
    assert "huiwu close 1" in run(cli_db, "result", "1", check_code=0).stdout
    closed = run_json(cli_db, "close", "1")
    assert closed["counted"] is True
    assert run_json(cli_db, "result", "1")["final"] is True
    out = run(cli_db, "close", "1", check_code=1)
    assert "已经计票完毕" in out.stderr
    run(cli_db, "reopen", "1", check_code=2)  # the reason is required
    reopened = run(cli_db, "reopen", "1", "--reason", "第5张漏录", check_code=0)
    assert "第5张漏录" in reopened.stdout
    assert run_json(cli_db, "result", "1")["final"] is False


def test_a_small_demo_has_no_votes_and_still_verifies(tmp_path):
    db = tmp_path / "small.db"
    run(db, "demo", "--delegates", "12", check_code=0)
    assert "还没有表决事项" in run(db, "items", check_code=0).stdout
    run(db, "verify", check_code=0)


def test_figures_exactly_on_a_line_are_said_so(cli_db):
    run(cli_db, "appraisal", "new", "中层干部测评", "--subjects", "张三,李四", check_code=0)
    run(cli_db, "appraisal", "issue", "1", "5", check_code=0)
    run(cli_db, "appraisal", "sheets", "1", "--returned", "4", check_code=0)
    run(cli_db, "appraisal", "marks", "1", "张三", "2", "1", "1", check_code=0)  # 2*满意 == 4
    result = run_json(cli_db, "appraisal", "marks", "1", "李四", "3", "0", "1")
    subjects = {s["name"]: s for s in result["subjects"]}
    assert subjects["张三"]["grade"] == "basically" and subjects["张三"]["grade_on_line"] is True
    assert subjects["李四"]["grade_on_line"] is False
    assert "恰为半数（等次从低）" in run(cli_db, "result", "1", check_code=0).stdout
    run(cli_db, "checkin", "D006", check_code=0)  # 6 of 6 present
    figures = run_json(cli_db, "attendance")
    assert figures["quorum_met"] is True and figures["quorum_on_line"] is False


# --- settling a double entry --------------------------------------------------------------------


def test_ballots_rekey_settles_an_election_in_either_entry(cli_db, tmp_path):
    run(
        cli_db,
        *("election", "new", "女职工委员会委员", "--seats", "2", "--double"),
        *("--candidates", "王芳,李四,张三丰", "--order", "given"),
        check_code=0,
    )
    run(cli_db, "election", "issue", "1", "5", check_code=0)
    first = ballots(tmp_path, ["1,○,○,,", "2,○,,×,", "3,,○,,"], name="first.csv")
    second = ballots(tmp_path, ["1,○,○,,", "2,○,×,×,赵六", "3,,○,○,"], name="second.csv")
    run(cli_db, "ballots", "import", "1", str(first), check_code=0)
    run(cli_db, "ballots", "import", "1", str(second), "--entry", "2", check_code=0)
    text = run(cli_db, "result", "1", check_code=0).stdout.splitlines()
    assert text[1] == "━━━━━━━━  两次录入不一致，结果未确定  ━━━━━━━━"
    assert "  第3号票：第一次录入 王芳— 李四○ 张三丰—；第二次录入 王芳— 李四○ 张三丰○" in text
    before = events(cli_db)
    # the import closed entry 1: it stays refused until reopened with a reason
    closed = run(
        cli_db, "ballots", "rekey", "1", "2", "--entry", "1", "--marks", "○××", "--reason", "复核"
    )
    assert closed.returncode == 1 and "已计票完毕" in closed.stderr
    bad = [
        (["9", "--entry", "2", "--marks", "○-×"], "第2次录入中没有第 9 号票"),
        (["2", "--entry", "2", "--marks", "○○○"], "多于应选 2 名，是废票"),
        (["2", "--entry", "2", "--marks", "○○"], "选票上有 3 名候选人"),
        (["2", "--entry", "2", "--marks", "○√-"], "无法识别的标记「√」"),
        (["2", "--entry", "2", "--choice", "赞成"], "--marks"),
    ]
    for args, said in bad:
        out = run(cli_db, "ballots", "rekey", "1", *args, "--reason", "复核")
        assert out.returncode == 1 and said in out.stderr, (args, out.stderr)
    empty = run(
        cli_db, "ballots", "rekey", "1", "2", "--entry", "2", "--marks", "○-×", "--reason", " "
    )
    assert empty.returncode == 1 and "必须填写原因" in empty.stderr
    assert events(cli_db) == before
    done = run(
        cli_db,
        *("ballots", "rekey", "1", "2", "--entry", "2", "--marks", "○-×", "--reason", "复核原票"),
        check_code=0,
    )
    assert (
        "第二次录入：第 2 号票 王芳○ 李四× 张三丰× 另选：赵六 → 王芳○ 李四— 张三丰×" in done.stdout
    )
    run(cli_db, "reopen", "1", "--reason", "第3号票第一录入看错", check_code=0)
    body = run_json(
        cli_db, "ballots", "rekey", "1", "3", "--entry", "1", "--marks", "-oo", "--reason", "复核"
    )
    assert body["differences"] == [] and body["provisional"] is False
    assert body["rekeyed"] == {"entry": 1, "number": 3}
    run(cli_db, "close", "1", check_code=0)
    assert run_json(cli_db, "result", "1")["final"] is True
    run(cli_db, "verify", check_code=0)


def test_ballots_rekey_a_motion_ballot_and_appraisal_rekey_in_english(cli_db):
    run(cli_db, "motion", "new", "关于集体合同的决议", "--important", "--double", check_code=0)
    run(cli_db, "motion", "issue", "1", "3", check_code=0)
    for word in ("yes", "yes", "no"):
        run(cli_db, "motion", "ballot", "1", word, check_code=0)
    for word in ("yes", "no", "no"):
        run(cli_db, "motion", "ballot", "1", word, "--entry", "2", check_code=0)
    en = run(cli_db, "result", "1", lang="en", check_code=0).stdout
    assert "The two entries disagree — result not final" in en
    assert "ballot 2: first entry Yes; second entry No" in en.replace("  ", " ")
    wrong = run(
        cli_db,
        "ballots",
        "rekey",
        "1",
        "2",
        "--entry",
        "2",
        "--choice",
        "maybe",
        "--reason",
        "x",
        lang="en",
    )
    assert wrong.returncode == 1 and "Unknown choice" in wrong.stderr
    body = run_json(
        cli_db, "ballots", "rekey", "1", "2", "--entry", "2", "--choice", "赞成", "--reason", "复核"
    )
    assert body["differences"] == []
    run(cli_db, "appraisal", "new", "民主评议", "--subjects", "张三,李四", "--double", check_code=0)
    run(cli_db, "appraisal", "issue", "2", "5", check_code=0)
    for entry, li in (("1", ("1", "2", "2")), ("2", ("2", "1", "2"))):
        run(cli_db, "appraisal", "sheets", "2", "--returned", "5", "--entry", entry, check_code=0)
        run(
            cli_db, "appraisal", "marks", "2", "张三", "5", "0", "0", "--entry", entry, check_code=0
        )
        run(cli_db, "appraisal", "marks", "2", "李四", *li, "--entry", entry, check_code=0)
    text = run(cli_db, "result", "2", check_code=0).stdout
    assert "  李四 满意：第一次录入 1；第二次录入 2" in text
    over = run(
        cli_db, "appraisal", "rekey", "2", "李四", "3", "3", "3", "--entry", "2", "--reason", "复核"
    )
    assert over.returncode == 1 and "李四" in over.stderr
    out = run(
        cli_db,
        *("appraisal", "rekey", "2", "李四", "1", "2", "2", "--entry", "2", "--reason", "复核"),
        check_code=0,
    )
    assert "第二次录入：李四 2/1/2 → 1/2/2（原因：复核）" in out.stdout
    assert "结果已确定：两次录入一致。" in out.stdout
    run(cli_db, "verify", check_code=0)
