"""The contest commands as users script them (DESIGN.md CLI contract): exit codes, JSON, stderr.

In-process through click's test runner on a real SQLite file, like tests/functional/
test_cli_voting.py; one test runs the installed ``huiwu`` in a process. A bad scores file must
exit 1 with every bad row on stderr as ``第N行: …`` and leave the file untouched: the marks,
the entrants and the audit log are counted before and after.
"""

import json
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest

from tests.functional.test_cli_voting import events, run, run_json

SCORES = """选手,评委,分数,单位
甲,1,95,一车间
甲,2,95,一车间
甲,3,95,一车间
甲,4,95,一车间
甲,5,95,一车间
乙,1,90,二车间
乙,2号,92.4,二车间
乙,评委3,92.5,二车间
乙,4号评委,92.435,二车间
乙,5,96,二车间
丙,1,92.45,三车间
丙,2,92.45,三车间
丙,3,92.45,三车间
丙,4,92.45,三车间
丙,5,92.45,三车间
丁,1,90,四车间
丁,2,90,四车间
丁,3,90,四车间
丁,4,90,四车间
丁,5,90,四车间
"""
NEW = ("contest", "new", "演讲比赛", "--judges", "5", "--trim", "1", "--decimals", "2")
AWARDS = ("--max", "100", "--awards", "一等奖:1,二等奖:1,三等奖:2")


def counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("contest_mark", "contest_entrant", "event")
        )


def write(tmp_path: Path, text: str, name="scores.csv", encoding="utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return str(path)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("contests")
    db = folder / "cli.db"
    run(db, "congress", "new", "测试大会", check_code=0)
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
def scored(cli_db, tmp_path):
    run(cli_db, *NEW, *AWARDS, check_code=0)
    run(cli_db, "scores", "import", "1", write(tmp_path, SCORES), check_code=0)
    run(cli_db, "contest", "entrant", "1", "戊", "--unit", "五车间", check_code=0)
    run(cli_db, "contest", "mark", "1", "戊", "1", "80", check_code=0)
    return cli_db


# --- contest new ---------------------------------------------------------------------------------


def test_contest_new_with_the_design_flags(cli_db):
    done = run(cli_db, *NEW, *AWARDS, check_code=0)
    assert "已建立第1项竞赛「演讲比赛」" in done.stdout
    assert "去掉一个最高分和一个最低分" in done.stdout
    assert done.stderr == ""  # five judges: no warning
    shown = run_json(cli_db, "contest", "show", "演讲比赛")
    assert {k: shown[k] for k in ("number", "judges", "trim", "decimals", "max", "awards")} == {
        "number": 1,
        "judges": 5,
        "trim": 1,
        "decimals": 2,
        "max": "100",
        "awards": "一等奖:1,二等奖:1,三等奖:2",
    }
    assert run_json(cli_db, "contest", "list") == [
        {"number": 1, "title": "演讲比赛", "entrants": 0}
    ]


def test_trimming_with_few_judges_warns_but_creates(cli_db):
    done = run(cli_db, "contest", "new", "小比赛", "--judges", "3", check_code=0)
    assert "建议至少 5 名评委" in done.stderr
    assert run_json(cli_db, "contest", "show", "小比赛")["judges"] == 3
    refused = run(cli_db, "contest", "new", "太少", "--judges", "2", check_code=1)
    assert "至少需要 3 名评委" in refused.stderr


def test_contest_new_with_stages_and_tiebreak_is_checked_before_anything_is_written(cli_db):
    before = counts(cli_db)
    bad = run(
        cli_db,
        *("contest", "new", "技能比武", "--judges", "5"),
        *("--stages", "理论:30,实操:60", "--tiebreak", "实操"),
        check_code=1,
    )
    assert "合计 90%" in bad.stderr
    unknown = run(
        cli_db,
        *("contest", "new", "技能比武", "--judges", "5"),
        *("--stages", "理论:30,实操:70", "--tiebreak", "操作"),
        check_code=1,
    )
    assert "排名依据「操作」" in unknown.stderr
    assert counts(cli_db) == before
    info = run_json(
        cli_db,
        *("contest", "new", "技能比武", "--judges", "5", "--stages", "理论:30,实操:70"),
        *("--stage-single", "理论", "--tiebreak", "实操,unrounded", "--team-score", "mean"),
    )
    assert info["tie_breakers"] == ["实操", "unrounded"] and info["team_score"] == "mean"
    stages = info["events"][0]["stages"]
    assert [(s["name"], s["weight"], s["single"]) for s in stages] == [
        ("理论", "30", True),
        ("实操", "70", False),
    ]


def test_contest_event_kinds(cli_db):
    run(cli_db, "contest", "new", "综合竞赛", "--judges", "5", check_code=0)
    speech = run_json(
        cli_db, "contest", "event", "1", "演讲", "--criteria", "仪表:10,内容:40,表达:50"
    )
    assert speech["events"][0]["name"] == "演讲"  # the unnamed default became 演讲
    assert speech["events"][0]["stages"][0]["criteria"] == [
        ["仪表", "10"],
        ["内容", "40"],
        ["表达", "50"],
    ]
    timed = run_json(cli_db, "contest", "event", "1", "点钞", "--measured", "秒", "--lower-better")
    stage = timed["events"][1]["stages"][0]
    assert (stage["kind"], stage["unit"], stage["better"]) == ("measured", "秒", "lower")
    quiz = run_json(cli_db, "contest", "event", "1", "知识问答", "--quiz", "--start", "50")
    assert quiz["events"][2]["quiz"]["start"] == 50
    text = run(cli_db, "contest", "show", "1", check_code=0).stdout
    assert "评分细则：仪表10、内容40、表达50" in text and "越低越好" in text
    refused = run(cli_db, "contest", "event", "1", "笔试", "--quiz", "--single", check_code=1)
    assert "知识竞赛按题记分" in refused.stderr


# --- scores import and standings -----------------------------------------------------------------


def test_scores_import_then_standings_json(scored):
    table = run_json(scored, "standings", "1")
    assert [(r["rank"], r["entrant"], r["score"], r["award"], r["flag"]) for r in table] == [
        (1, "甲", "95.00", "一等奖", None),
        (2, "乙", "92.45", "二等奖", "tie_across_boundary"),  # mean 92.445, half up
        (2, "丙", "92.45", "二等奖", "tie_across_boundary"),
        (4, "丁", "90.00", "三等奖", None),
        (None, "戊", None, None, None),  # incomplete: never ranked
    ]
    assert table[1]["unrounded"] == "92.445" and table[1]["unit"] == "二车间"
    assert table[4]["complete"] is False and (table[4]["marks"], table[4]["marks_due"]) == (1, 5)


def test_scores_import_reports_new_entrants_and_is_idempotent(cli_db, tmp_path):
    run(cli_db, *NEW, *AWARDS, check_code=0)
    path = write(tmp_path, SCORES)
    first = run_json(cli_db, "scores", "import", "演讲比赛", path)
    assert (first["added"], first["new_entrants"], first["new"]) == (
        20,
        4,
        ["甲", "乙", "丙", "丁"],
    )
    before = counts(cli_db)
    again = run(cli_db, "scores", "import", "1", path, check_code=0)
    assert "新增 0 个" in again.stdout and "相同 20 个" in again.stdout
    assert counts(cli_db) == before


def test_standings_text_in_both_languages(scored):
    zh = run(scored, "standings", "1", check_code=0).stdout
    assert "名次" in zh and "92.45" in zh and "一等奖" in zh
    assert "并列跨越获奖名额线，请组委会确定" in zh
    assert "未完成（已收 1/5）" in zh
    en = run(scored, "standings", "1", lang="en", check_code=0).stdout
    assert "Rank" in en and "tie across an award boundary" in en and "incomplete (1/5" in en


BAD_FILES = {
    "above_max": ("选手,评委,分数\n甲,1,95\n乙,1,101\n", "第3行: 分数 101 超过满分 100，未录入。"),
    "negative": ("选手,评委,分数\n乙,1,-1\n", "第2行: 分数 -1 不能为负数，未录入。"),
    "not_a_number": ("选手,评委,分数\n乙,2,abc\n", "第2行: 「abc」不是数字，未录入。"),
    "unknown_judge": ("选手,评委,分数\n乙,6,90\n", "第2行: 没有6号评委（本竞赛评委 1–5 号）。"),
    "duplicate": (
        "选手,评委,分数\n乙,1,90\n乙,1号评委,90\n",
        "第3行: 与第2行是同一选手、同一评委的分数（重复）",
    ),
    "differs": (
        "选手,评委,分数\n新人,1,90\n甲,1,94\n",
        "第3行: 1号评委给「甲」的分数已录入为 95，文件中为 94",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_scores_file_changes_nothing(scored, tmp_path, case):
    text, line = BAD_FILES[case]
    before = counts(scored)
    refused = run(scored, "scores", "import", "1", write(tmp_path, text), check_code=1)
    assert "未导入任何分数" in refused.stderr
    assert line in refused.stderr
    assert refused.stdout == ""
    assert counts(scored) == before


def test_all_bad_rows_at_once_in_english(scored, tmp_path):
    text = "entrant,judge,score\n乙,1,101\n乙,2,-1\n乙,3,x\n乙,7,90\n"
    refused = run(scored, "scores", "import", "1", write(tmp_path, text), lang="en", check_code=1)
    lines = refused.stderr.strip().splitlines()
    assert lines[0].startswith("4 of the 4 rows in the scores file have errors")
    assert [line.split(":")[0] for line in lines[1:]] == ["Line 2", "Line 3", "Line 4", "Line 5"]


def test_a_differing_mark_is_corrected_with_a_reason(scored, tmp_path):
    path = write(tmp_path, "选手,评委,分数\n乙,2,92.6\n乙,1,90\n")
    refused = run(scored, "scores", "import", "1", path, "--correct", check_code=1)
    assert "须写明原因" in refused.stderr
    done = run_json(scored, "scores", "import", "1", path, "--correct", "--reason", "笔误")
    assert (done["corrected"], done["unchanged"]) == (1, 1)
    table = run_json(scored, "standings", "1")
    assert [(r["entrant"], r["rank"], r["score"]) for r in table[:3]] == [
        ("甲", 1, "95.00"),
        ("乙", 2, "92.51"),  # (92.6 + 92.5 + 92.435) / 3, no longer tied with 丙
        ("丙", 3, "92.45"),
    ]
    assert table[1]["flag"] is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01PK garbage", "无法识别文件编码"),
        ("姓名,备注\n甲,好\n".encode(), "缺少必需的列：评委/judge、分数/score"),
        (b"", "分数文件是空的"),
    ],
)
def test_a_malformed_file_is_refused(scored, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    before = counts(scored)
    refused = run(scored, "scores", "import", "1", str(path), check_code=1)
    assert message in refused.stderr
    assert counts(scored) == before
    missing = run(scored, "scores", "import", "1", str(tmp_path / "none.csv"), check_code=1)
    assert "找不到分数文件" in missing.stderr


# --- the other contest commands ------------------------------------------------------------------


def test_marks_at_the_desk(cli_db):
    run(cli_db, "contest", "new", "演讲比赛", "--judges", "5", "--awards", "一等奖:1", check_code=0)
    run(cli_db, "contest", "entrant", "1", "张三", "--unit", "一车间", check_code=0)
    run(cli_db, "contest", "stage", "1", "张三", check_code=0)
    for judge, mark in zip(("1", "2号", "评委3", "4"), ("90", "92", "91", "95"), strict=True):
        run(cli_db, "contest", "mark", "1", "张三", judge, mark, check_code=0)
    last = run(cli_db, "contest", "mark", "1", "1", "5", "８０", check_code=0).stdout
    assert "90 91 92 [95] [80]" not in last  # marks stay in judge order
    assert "90 92 91 [95] [80]" in last and "最后得分 91.00" in last and "第 1 名" in last
    again = run(cli_db, "contest", "mark", "1", "张三", "1", "93", check_code=1)
    assert "--correct --reason" in again.stderr
    fixed = run_json(
        cli_db, "contest", "mark", "1", "张三", "1", "93", "--correct", "--reason", "听错"
    )
    assert (fixed["previous"], fixed["value"], fixed["score"], fixed["rank"]) == (
        "90",
        "93",
        "92.00",
        1,
    )
    assert fixed["stages"][0]["dropped"] == [4, 5]
    for value in ("101", "-1", "abc"):
        run(cli_db, "contest", "mark", "1", "张三", "2", value, "--correct", "--reason", "x",
            check_code=1)  # fmt: skip


def test_entrants_file_and_quiz_answers(cli_db, tmp_path):
    run(cli_db, "contest", "new", "知识竞赛", "--judges", "1", "--trim", "0", "--quiz",
        check_code=0)  # fmt: skip
    text = "序号,选手,单位,成员\n1,第一队,机关,甲、乙\n2,第二队,车间,丙、丁\n"
    imported = run_json(cli_db, "contest", "entrants", "1", write(tmp_path, text, "teams.csv"))
    assert imported["added"] == 2 and imported["entrants"][0]["members"] == ["甲", "乙"]
    run(cli_db, "contest", "answer", "1", "第一队", "必答", "right", check_code=0)
    risky = run_json(cli_db, "contest", "answer", "1", "2", "风险题", "wrong", "--stake", "20")
    assert (risky["points"], risky["score"]) == (-20, "80.00")
    table = run_json(cli_db, "standings", "1")
    assert [(r["rank"], r["entrant"], r["score"]) for r in table] == [
        (1, "第一队", "110.00"),
        (2, "第二队", "80.00"),
    ]
    bad = "序号,选手\n1,第三队\nx,第四队\n"
    refused = run(cli_db, "contest", "entrants", "1", write(tmp_path, bad, "bad.csv"), check_code=1)
    assert "第2行: 序号 1 已是「第一队」的出场序号" in refused.stderr
    assert "第3行: 序号“x”无效" in refused.stderr


def test_a_quiz_answer_is_corrected_from_the_cli(cli_db, tmp_path):
    run(cli_db, "contest", "new", "知识竞赛", "--judges", "1", "--trim", "0", "--quiz",
        check_code=0)  # fmt: skip
    run(cli_db, "contest", "entrant", "1", "第一队", check_code=0)
    run(cli_db, "contest", "answer", "1", "第一队", "必答", "right", check_code=0)
    run(cli_db, "contest", "answer", "1", "第一队", "风险题", "right", "--stake", "20",
        check_code=0)  # fmt: skip
    again = run(cli_db, "contest", "answer", "1", "第一队", "必答", "wrong", "--question", "1",
                check_code=1)  # fmt: skip
    assert "--correct 1 --reason" in again.stderr  # the refusal names the way out
    before = events(cli_db)
    no_reason = run(cli_db, "contest", "answer", "1", "第一队", "必答", "wrong", "--correct", "1",
                    check_code=1)  # fmt: skip
    assert no_reason.stderr.strip()
    other_kind = run(cli_db, "contest", "answer", "1", "第一队", "抢答", "wrong", "--correct", "2",
                     "--reason", "记错", check_code=1)  # fmt: skip
    assert "第2题记录的是风险题" in other_kind.stderr
    run(cli_db, "contest", "answer", "1", "第一队", "必答", "wrong", "--correct", "3", "--reason",
        "x", check_code=1)  # fmt: skip
    assert events(cli_db) == before  # nothing written by a refusal
    fixed = run_json(cli_db, "contest", "answer", "1", "第一队", "必答", "wrong", "--correct", "1",
                     "--reason", "裁判改判")  # fmt: skip
    assert (fixed["question"], fixed["points"], fixed["previous"]) == (1, 0, 10)
    assert fixed["score"] == "120.00"  # 100 + 0 + 20
    text = run(cli_db, "contest", "answer", "1", "第一队", "风险题", "wrong", "--correct", "2",
               "--stake", "10", "--reason", "分值记错", check_code=0).stdout  # fmt: skip
    assert "第2题 风险题" in text and "-10" in text and "原为 +20" in text and "累计 90.00" in text
    assert events(cli_db) == before + 2
    assert run(cli_db, "verify", check_code=0)


def test_standings_exports(scored, tmp_path):
    pdf, xlsx = tmp_path / "排名.pdf", tmp_path / "排名.xlsx"
    certificates = tmp_path / "证书.xlsx"
    done = run(
        scored,
        *("standings", "1", "--pdf", str(pdf), "--xlsx", str(xlsx)),
        *("--certificates", str(certificates), "--json"),
        check_code=0,
    )
    assert json.loads(done.stdout)[0]["entrant"] == "甲"  # still exactly one JSON document
    assert done.stderr.count("已写出") == 3
    document = pdfium.PdfDocument(str(pdf))
    text = "".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    assert "乙" in text and "92.45" in text and "二等奖" in text
    book = openpyxl.load_workbook(xlsx)
    assert book["排名"].cell(row=7, column=7).value == 92.45
    assert openpyxl.load_workbook(certificates).active.cell(row=6, column=3).value == "甲"


def test_the_installed_command(scored):
    table = json.loads(run(scored, "standings", "1", "--json", real=True, check_code=0).stdout)
    assert [r["rank"] for r in table] == [1, 2, 2, 4, None]
