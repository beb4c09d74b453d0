"""The proposals commands as users script them (DESIGN.md CLI contract): exit codes, JSON, stderr.

In-process through click's test runner on a real SQLite file, like tests/functional/
test_cli_contests.py. A bad proposals file must exit 1 with every bad row on stderr as
``第N行: …`` and leave the database untouched: the proposals, their people, their history and
the audit log are counted before and after.
"""

import json
import os
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from main import cli
from tests.functional.test_cli_voting import run, run_json

FILE = """标题,提案人,附议人,类别,案由,建议
关于改善职工食堂伙食的提案,D001,D002、D003,职工福利,饭菜单一，排队时间长。,增加窗口，错峰开餐。
关于增开夜班班车的提案,"D004,D005",D001 D002,职工福利,夜班职工回家难。,增开零点班车。
关于加强安全培训的提案,第二代表团,D001、D002,安全生产,新员工培训不足。,严格三级教育。
"""
BAD = """标题,提案人,附议人,类别
关于改善职工食堂伙食的提案,D001,D002、D003,职工福利
关于增开夜班班车的提案,D999,D002、D003,职工福利
,D001,D002、D003,职工福利
关于改善宿舍的提案,D001,D002、L01,职工福利
"""
PAST = (date.today() - timedelta(days=5)).isoformat()
FUTURE = (date.today() + timedelta(days=30)).isoformat()


def counts(db: Path) -> tuple[int, ...]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("proposal", "proposal_person", "proposal_log", "event")
        )


def write(tmp_path: Path, text: str, name="proposals.csv", encoding="utf-8") -> str:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return str(path)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("proposals")
    db = folder / "cli.db"
    roster = folder / "roster.csv"
    lines = ["编号,姓名,代表团,类别"]
    lines += [f"D{i:03d},代表{i},{'第一代表团' if i <= 4 else '第二代表团'}," for i in range(1, 9)]
    lines += ["L01,列席甲,,列席代表"]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run(db, "congress", "new", "测试大会", "--term", "3", "--session", "2", check_code=0)
    run(db, "roster", "import", str(roster), check_code=0)
    return db


@pytest.fixture
def cli_db(template, tmp_path):
    db = tmp_path / "cli.db"
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(template) + suffix)
        if source.exists():
            shutil.copy(source, str(db) + suffix)
    return db


@pytest.fixture
def filed(cli_db, tmp_path):
    """Three proposals from a file: 001 by D001, 002 by D004 and D005, 003 by 第二代表团."""
    run(cli_db, "proposals", "import", write(tmp_path, FILE), check_code=0)
    return cli_db


# --- import ------------------------------------------------------------------------------------


def test_import_numbers_the_file_and_says_so(cli_db, tmp_path):
    done = run(cli_db, "proposals", "import", write(tmp_path, FILE), check_code=0)
    assert "新增 3 件，已登记未变 0 件（共 3 行）" in done.stdout
    assert "三届二次-001、三届二次-002、三届二次-003" in done.stdout
    assert "SHA-256" in done.stdout
    rows = run_json(cli_db, "proposals", "list")
    assert [(r["label"], r["kind"]) for r in rows] == [
        ("三届二次-001", "person"),
        ("三届二次-002", "joint"),
        ("三届二次-003", "delegation"),
    ]
    assert rows[2]["proposed_by"] == "第二代表团"


def test_import_again_is_unchanged_in_json(filed, tmp_path):
    before = counts(filed)
    again = run_json(filed, "proposals", "import", write(tmp_path, FILE))
    assert (again["rows"], again["added"], again["unchanged"]) == (3, 0, 3)
    assert again["proposals"] == [] and len(again["sha256"]) == 64
    assert counts(filed) == before


def test_a_bad_file_names_every_bad_row_and_writes_nothing(cli_db, tmp_path):
    before = counts(cli_db)
    out = run(cli_db, "proposals", "import", write(tmp_path, BAD), check_code=1)
    assert "提案文件共 4 行，其中 3 行有错误，未导入任何提案" in out.stderr
    assert "第3行: 名册中没有编号为「D999」的人员" in out.stderr
    assert "第4行: 提案标题为空" in out.stderr
    assert "第5行: 「列席甲」（L01）不是正式代表" in out.stderr
    assert "第2行" not in out.stderr
    assert out.stdout == ""
    assert counts(cli_db) == before


def test_a_missing_file_or_column_is_refused(cli_db, tmp_path):
    out = run(cli_db, "proposals", "import", str(tmp_path / "none.csv"), check_code=1)
    assert "找不到提案文件" in out.stderr
    no_proposer = write(tmp_path, "标题,附议人,类别\n甲,D002、D003,职工福利\n", "x.csv")
    out = run(cli_db, "proposals", "import", no_proposer, check_code=1)
    assert "缺少必需的列：提案人/proposer" in out.stderr


def test_an_xlsx_file_with_english_headers(cli_db, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Title", "Proposer", "Seconders", "Category"])
    workbook.active.append(["Canteen", "D001", "D002,D003", "职工福利"])
    path = tmp_path / "p.xlsx"
    workbook.save(path)
    assert run_json(cli_db, "proposals", "import", str(path))["added"] == 1


# --- new ---------------------------------------------------------------------------------------


def test_new_proposals_by_a_delegate_jointly_and_by_a_delegation(cli_db):
    one = run(
        cli_db,
        *("proposals", "new", "关于改善职工食堂伙食的提案", "--category", "职工福利"),
        *("--proposer", "D001", "--seconders", "D002,D003", "--reason", "饭菜单一"),
        check_code=0,
    )
    assert "已登记提案 三届二次-001「关于改善职工食堂伙食的提案」" in one.stdout
    joint = run_json(
        cli_db,
        *("proposals", "new", "关于增开夜班班车的提案", "--category", "职工福利"),
        *("--proposer", "D004、D005", "--seconders", "D001 D002"),
    )
    assert joint["kind"] == "joint" and joint["proposers"] == ["D004", "D005"]
    team = run_json(
        cli_db,
        *("proposals", "new", "关于加强安全培训的提案", "--category", "安全生产"),
        *("--delegation", "第二代表团", "--seconders", "D001,D002"),
    )
    assert team["kind"] == "delegation" and team["delegation"] == "第二代表团"
    assert team["label"] == "三届二次-003"


def test_new_shows_a_similar_earlier_proposal(filed):
    out = run(
        filed,
        *("proposals", "new", "关于改善食堂伙食的提案", "--category", "职工福利"),
        *("--proposer", "D006", "--seconders", "D007,D008"),
        check_code=0,
    )
    assert "与下列已有提案相似" in out.stdout
    assert "三届二次-001「关于改善职工食堂伙食的提案」" in out.stdout


def test_new_is_refused_with_the_reason_and_nothing_changes(filed):
    before = counts(filed)
    short = run(
        filed,
        *("proposals", "new", "关于某事的提案", "--category", "职工福利"),
        *("--proposer", "D001", "--seconders", "D002"),
        check_code=1,
    )
    assert "附议人只有 1 名，至少需要 2 名正式代表附议" in short.stderr
    same = run(
        filed,
        *("proposals", "new", "关于某事的提案", "--category", "职工福利"),
        *("--proposer", "D001", "--seconders", "D001,D002"),
        check_code=1,
    )
    assert "是提案人，不能同时作为附议人" in same.stderr
    category = run(
        filed,
        *("proposals", "new", "关于某事的提案", "--category", "文体"),
        *("--proposer", "D001", "--seconders", "D002,D003"),
        check_code=1,
    )
    assert "类别「文体」不在类别列表中" in category.stderr
    assert counts(filed) == before


# --- the lifecycle -----------------------------------------------------------------------------


def test_the_lifecycle_to_a_rating_and_back_to_handling(filed, tmp_path):
    accepted = run(filed, "proposals", "accept", "1", check_code=0)
    assert "三届二次-001" in accepted.stdout and "现为「已立案」" in accepted.stdout
    assigned = run(
        filed,
        *("proposals", "assign", "001", "--department", "后勤服务中心", "--due", FUTURE),
        check_code=0,
    )
    assert f"承办部门：后勤服务中心，办理期限：{FUTURE}" in assigned.stdout
    answered = run(filed, "proposals", "answer", "1", "--reply", "已增加窗口。", check_code=0)
    assert "现为「已答复」" in answered.stdout
    unhappy = run(filed, "proposals", "rate", "三届二次-001", "不满意", check_code=0)
    assert "不满意，转重新办理（第 2 轮）" in unhappy.stdout
    run(filed, "proposals", "assign", "1", "--department", "后勤服务中心", "--due", FUTURE)
    reply = tmp_path / "reply.txt"
    reply.write_text("新增两个窗口，\n夜班供应热餐。", encoding="gbk")
    run(filed, "proposals", "answer", "1", "--reply-file", str(reply), check_code=0)
    rated = run_json(filed, "proposals", "rate", "1", "满意")
    assert (rated["status"], rated["rating"], rated["round"]) == ("closed", "satisfied", 2)
    assert rated["reply"] == "新增两个窗口，\n夜班供应热餐。"
    actions = [h["action"] for h in rated["history"]]
    assert actions == ["submit", "accept", "assign", "answer", "rate", "assign", "answer", "rate"]


def test_decisions_merge_reject_suggest_and_reopen(filed):
    merged = run(filed, "proposals", "merge", "2", "--into", "1", check_code=0)
    assert "现为「已合并」" in merged.stdout and "已并入：三届二次-001" in merged.stdout
    run(filed, "proposals", "reject", "3", check_code=2)  # the written reason is required
    rejected = run_json(filed, "proposals", "reject", "3", "--reason", "不属于本单位职权范围")
    assert rejected["status"] == "rejected"
    assert rejected["decision_note"] == "不属于本单位职权范围"
    reopened = run(filed, "proposals", "reopen", "3", "--reason", "误操作", check_code=0)
    assert "现为「已提交」" in reopened.stdout
    suggested = run_json(filed, "proposals", "suggest", "3", "--note", "作为意见处理")
    assert suggested["status"] == "suggestion"
    shown = run(filed, "proposals", "show", "1", check_code=0)
    assert "并入本案的提案：三届二次-002" in shown.stdout


def test_steps_out_of_order_are_refused_with_the_reason(filed):
    before = counts(filed)
    out = run(filed, "proposals", "answer", "1", "--reply", "好", check_code=1)
    assert "提案 三届二次-001 现为「已提交」，不能答复" in out.stderr
    out = run(filed, "proposals", "rate", "1", "很好", check_code=1)
    assert "评价「很好」无效" in out.stderr
    out = run(filed, "proposals", "accept", "9", check_code=1)
    assert "没有编号为「9」的提案" in out.stderr
    out = run(filed, "proposals", "answer", "1", check_code=1)
    assert "--reply" in out.stderr
    run(filed, "proposals", "accept", "1", check_code=0)
    out = run(
        filed, "proposals", "assign", "1", "--department", "行政部", "--due", "明天", "--json"
    )
    assert out.returncode == 1 and "日期「明天」无效" in out.stderr
    assert json.loads(out.stdout)["message"] == out.stderr.strip()  # --json: one document too
    assert counts(filed)[0] == before[0]


def test_a_due_date_before_today_is_refused_unless_allowed(filed):
    run(filed, "proposals", "accept", "1", check_code=0)
    today = date.today().isoformat()
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    before = counts(filed)
    out = run(filed, "proposals", "assign", "1", "--department", "行政部", "--due", yesterday,
              check_code=1)  # fmt: skip
    assert f"办理期限 {yesterday} 早于今天" in out.stderr and "--allow-past" in out.stderr
    assert counts(filed) == before
    on_the_line = run_json(filed, "proposals", "assign", "1", "--department", "行政部", "--due",
                           today)  # fmt: skip
    assert (on_the_line["status"], on_the_line["due_date"]) == ("assigned", today)
    late = run_json(filed, "proposals", "assign", "1", "--department", "行政部", "--due",
                    yesterday, "--allow-past")  # fmt: skip
    assert late["due_date"] == yesterday


def test_the_operator_is_recorded_when_one_is_set(filed):
    run(filed, "--operator", " 王  秘书 ", "proposals", "accept", "1", check_code=0)
    env = {"HUIWU_DB": str(filed), "HUIWU_STATION": "1号台", "HUIWU_OPERATOR": "李干事"}
    outcome = CliRunner().invoke(cli, ["proposals", "accept", "3", "--json"], env=env)
    assert outcome.exit_code == 0 and "HUIWU_OPERATOR" not in os.environ
    assert json.loads(outcome.stdout)["history"][-1]["operator"] == "李干事"
    plain = run_json(filed, "proposals", "suggest", "2")
    assert plain["history"][-1]["operator"] == "cli"  # none set: as before
    first = run_json(filed, "proposals", "show", "1")["history"][-1]
    assert (first["operator"], first["station"]) == ("王 秘书", "1号台")
    run(filed, "--operator", "名" * 65, "proposals", "accept", "4", check_code=1)
    assert "HUIWU_OPERATOR" not in os.environ


# --- reading -----------------------------------------------------------------------------------


def test_list_filters_accept_codes_and_chinese_words(filed):
    run(filed, "proposals", "accept", "1", check_code=0)
    run(filed, "proposals", "accept", "3", check_code=0)
    run(filed, "proposals", "assign", "1", "--department", "后勤服务中心", "--due", PAST,
        "--allow-past", check_code=0)  # fmt: skip
    run(filed, "proposals", "assign", "3", "--department", "安全环保部", "--due", FUTURE)

    def labels(*options):
        return [r["label"][-3:] for r in run_json(filed, "proposals", "list", *options)]

    assert labels("--status", "已交办") == ["001", "003"]
    assert labels("--status", "交办") == labels("--status", "assigned") == ["001", "003"]
    assert labels("--status", "已提交") == ["002"]
    assert labels("--category", "安全生产") == ["003"]
    assert labels("--delegation", "第一代表团") == ["001", "002"]  # 002: its first proposer's
    assert labels("--department", "后勤服务中心") == ["001"]
    assert labels("--overdue") == ["001"]
    text = run(filed, "proposals", "list", "--overdue", check_code=0).stdout
    assert "已交办（超期）" in text and "共 1 件。" in text
    assert "没有符合条件的提案" in run(filed, "proposals", "list", "--status", "已合并").stdout
    bad = run(filed, "proposals", "list", "--status", "办完了", check_code=1)
    assert "状态「办完了」无效" in bad.stderr


def test_an_empty_registry_says_so(cli_db):
    assert "还没有提案" in run(cli_db, "proposals", "list", check_code=0).stdout
    assert run_json(cli_db, "proposals", "list") == []


def test_show_gives_the_people_the_texts_and_the_history(filed):
    run(filed, "proposals", "accept", "1", "--note", "符合立案条件", check_code=0)
    out = run(filed, "proposals", "show", "三届二次-001", check_code=0).stdout
    assert "提案 三届二次-001「关于改善职工食堂伙食的提案」" in out
    assert "提案人（代表个人）：代表1（D001）" in out
    assert "附议人：代表2（D002）、代表3（D003）" in out
    assert "案由：\n饭菜单一，排队时间长。" in out
    assert "办理记录：" in out and "立案  → 已立案  符合立案条件" in out
    assert "可进行：撤销决定、交办" in out
    data = run_json(filed, "proposals", "show", "3")
    assert data["kind"] == "delegation" and data["seconders"] == ["D001", "D002"]
    assert data["history"][0]["action"] == "submit"
    assert data["next_actions"] == ["merge", "accept", "suggest", "reject"]


# --- statistics --------------------------------------------------------------------------------


def _busy(db, tmp_path):
    """Seven proposals: merged, rejected, a suggestion, one closed, one to handle again, two
    pending."""
    more = FILE + "关于改善宿舍的提案,D006,D007、D008,职工福利,,\n"
    more += "关于带薪休假的提案,D007,D006、D008,劳动保障,,\n"
    more += "关于职工书屋的提案,D008,D006、D007,其他,,\n"
    more += "关于班组民主管理的提案,D001,D006、D007,民主管理,,\n"
    run(db, "proposals", "import", write(tmp_path, more), check_code=0)
    run(db, "proposals", "merge", "2", "--into", "1", check_code=0)
    run(db, "proposals", "reject", "3", "--reason", "不属于职权范围", check_code=0)
    run(db, "proposals", "suggest", "4", check_code=0)
    for ref, rating in (("1", "满意"), ("5", "不满意")):
        run(db, "proposals", "accept", ref, check_code=0)
        run(db, "proposals", "assign", ref, "--department", "人力资源部", "--due", FUTURE)
        run(db, "proposals", "answer", ref, "--reply", "已办理。", check_code=0)
        run(db, "proposals", "rate", ref, rating, check_code=0)


def test_stats_json_has_the_contract_keys_and_adds_up(filed, tmp_path):
    _busy(filed, tmp_path)
    stats = run_json(filed, "proposals", "stats")
    assert {"received", "by_category", "by_status", "by_delegation"} <= set(stats)
    assert stats["received"] == 7
    parts = ("merged", "accepted", "suggestion", "rejected", "pending")
    assert stats["received"] == sum(stats[k] for k in parts)
    assert [stats[k] for k in parts] == [1, 2, 1, 1, 2]
    assert (stats["answered"], stats["rated"], stats["satisfaction_rate"]) == (2, 2, "50.0")
    assert sum(stats["by_status"].values()) == stats["received"]
    assert stats["by_status"]["rehandling"] == 1 and stats["by_status"]["closed"] == 1
    for key in ("received", "merged", "accepted", "answered"):
        assert sum(c[key] for c in stats["by_category"].values()) == stats[key]
        assert sum(d[key] for d in stats["by_delegation"].values()) == stats[key]
    assert stats["by_category"]["职工福利"]["received"] == 3
    assert stats["by_delegation"]["第二代表团"]["received"] == 4


def test_stats_text_is_a_readable_table(filed, tmp_path):
    _busy(filed, tmp_path)
    out = run(filed, "proposals", "stats", check_code=0).stdout
    assert "收到 7　合并 1　立案 2　转意见建议 1　不予立案 1　待审查 2" in out
    assert "满意率 50.0%" in out
    assert "按类别：" in out and "按代表团：" in out
    row = next(line for line in out.splitlines() if line.startswith("职工福利"))
    assert row.split() == ["职工福利", "3", "1", "1", "1", "0", "1", "1"]


def test_stats_of_a_congress_without_proposals(cli_db):
    stats = run_json(cli_db, "proposals", "stats")
    assert stats["received"] == 0 and stats["satisfaction_rate"] is None
    assert "满意率 —（尚无评价）" in run(cli_db, "proposals", "stats", check_code=0).stdout


# --- settings and export -----------------------------------------------------------------------


def test_settings_show_and_change(cli_db, tmp_path):
    shown = run(cli_db, "proposals", "settings", check_code=0).stdout
    assert (
        "附议人数下限：2 名正式代表" in shown and "编号前缀：三届二次（如 三届二次-001）" in shown
    )
    changed = run_json(
        cli_db,
        *("proposals", "settings", "--min-seconders", "1", "--prefix", "提案"),
        *("--categories", "生产经营、安全生产，职工福利,文体活动"),
    )
    assert changed == {
        "min_seconders": 1,
        "categories": ["生产经营", "安全生产", "职工福利", "文体活动"],
        "prefix": "提案",
    }
    one = "标题,提案人,附议人,类别\n球赛,D001,D002,文体活动\n"
    added = run_json(cli_db, "proposals", "import", write(tmp_path, one))
    assert added["proposals"][0]["label"] == "提案-001"
    bad = run(cli_db, "proposals", "settings", "--min-seconders", "-1", check_code=1)
    assert "附议人数下限必须在 0 到 50 之间" in bad.stderr
    in_use = run(cli_db, "proposals", "settings", "--categories", "生产经营", check_code=1)
    assert "已有提案使用" in in_use.stderr


def test_export_writes_the_compilation_and_the_registry(filed, tmp_path):
    run(filed, "proposals", "accept", "1", check_code=0)
    run(filed, "proposals", "accept", "3", check_code=0)
    pdf, xlsx = tmp_path / "汇编.pdf", tmp_path / "登记.xlsx"
    out = run(filed, "proposals", "export", "--pdf", str(pdf), "--xlsx", str(xlsx), check_code=0)
    assert f"已写出 {pdf}" in out.stdout and f"已写出 {xlsx}" in out.stdout
    document = pdfium.PdfDocument(str(pdf))
    text = "".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    squeezed = "".join(text.split())
    assert "关于改善职工食堂伙食的提案" in squeezed and "关于加强安全培训的提案" in squeezed
    book = openpyxl.load_workbook(xlsx)
    cells = {str(c.value) for sheet in book for row in sheet.iter_rows() for c in row}
    assert "关于增开夜班班车的提案" in cells
    data = run_json(filed, "proposals", "export", "--xlsx", str(tmp_path / "b.xlsx"))
    assert data["pdf"] is None and data["received"] == 3 and data["accepted"] == 2
    nothing = run(filed, "proposals", "export", check_code=1)
    assert "--pdf 或 --xlsx" in nothing.stderr


# --- English, the demo -------------------------------------------------------------------------


def test_english_output_and_refusals(filed, tmp_path):
    done = run(filed, "proposals", "import", write(tmp_path, FILE), lang="en", check_code=0)
    assert "Proposals imported: 0 added, 3 already registered (3 rows)." in done.stdout
    step = run(filed, "--lang", "en", "proposals", "accept", "1", check_code=0)
    assert "now “accepted”" in step.stdout
    out = run(filed, "proposals", "stats", lang="en", check_code=0).stdout
    assert "received 3" in out and "By category:" in out and "By delegation:" in out
    bad = run(filed, "proposals", "import", write(tmp_path, BAD, "bad.csv"), lang="en")
    assert bad.returncode == 1
    assert "3 of the 4 rows in the proposals file have errors" in bad.stderr
    assert "Line 3: Nobody on the roster has the code “D999”." in bad.stderr
    assert "Line 4: the title is empty" in bad.stderr
    refused = run(filed, "proposals", "answer", "2", "--reply", "ok", lang="en", check_code=1)
    assert "Proposal 三届二次-002 is “submitted”; it cannot be answered now." in refused.stderr


def test_the_demo_has_proposals_all_along_the_lifecycle(tmp_path):
    db = tmp_path / "demo.db"
    run(db, "demo", "--delegates", "12", check_code=0)
    stats = run_json(db, "proposals", "stats")
    assert stats["received"] == 14
    parts = ("merged", "accepted", "suggestion", "rejected", "pending")
    assert stats["received"] == sum(stats[k] for k in parts)
    assert all(stats[k] >= 1 for k in parts)
    assert stats["overdue"] == 1 and stats["by_status"]["rehandling"] == 1
    assert (stats["satisfied"], stats["basic"], stats["unsatisfied"]) == (2, 1, 1)
    kinds = {r["kind"] for r in run_json(db, "proposals", "list")}
    assert kinds == {"person", "joint", "delegation"}
    rejected = run_json(db, "proposals", "list", "--status", "不予立案")
    assert run_json(db, "proposals", "show", str(rejected[0]["number"]))["decision_note"]
    run(db, "verify", check_code=0)
