"""Final means final, as users script it: a second count, import or mark on a final result exits 1
with the reason and the reopen command on stderr and changes nothing; `huiwu reopen` needs a reason;
the new result says which one it replaced. Contests: `contest publish` / `contest reopen`."""

import sqlite3

import tests.functional.test_cli_voting as voting_cli
from tests.functional.test_cli_voting import ballots, new_election, run, run_json

# The voting CLI tests' congress (6 delegates, 5 present), copied for each test.
template = voting_cli.template
cli_db = voting_cli.cli_db


def snapshot(db) -> dict:
    """Every row of the tables a result lives in, and the log: what a refusal must not touch."""
    tables = ("vote_item", "motion_count", "election_ballot", "appraisal_marks", "contest_mark")
    with sqlite3.connect(db) as conn:
        rows = {
            name: conn.execute(f"SELECT * FROM {name} ORDER BY id").fetchall() for name in tables
        }
        rows["event"] = conn.execute("SELECT id, hash FROM event ORDER BY id").fetchall()
    return rows


COUNT = ("motion", "count", "1", "--hands")


def test_a_second_motion_count_is_refused_until_reopened_and_then_says_it_replaced(cli_db):
    run(cli_db, "motion", "new", "关于职工工资的报告", check_code=0)
    run(cli_db, *COUNT, "--yes", "4", "--no", "1", "--abstain", "0", check_code=0)
    before = snapshot(cli_db)
    flip = ("--yes", "2", "--no", "3", "--abstain", "0")
    out = run(cli_db, *COUNT, *flip, check_code=1)
    assert out.stdout == ""
    assert out.stderr == (
        "第1项计票结果已确定（通过），不能再改。如需更正，请先执行：huiwu reopen 1 --reason 原因\n"
    )
    en = run(cli_db, *COUNT, *flip, lang="en", check_code=1)
    assert en.stderr.startswith("The result of item 1 is final (adopted) and cannot be changed.")
    assert snapshot(cli_db) == before

    assert run(cli_db, "reopen", "1", check_code=2).stderr  # --reason is required (usage)
    assert "原因" in run(cli_db, "reopen", "1", "--reason", " ", check_code=1).stderr
    reopened = run(cli_db, "reopen", "1", "--reason", "计票员把反对读成了赞成", check_code=0)
    assert "已重新打开计票，原因：计票员把反对读成了赞成" in reopened.stdout
    assert run_json(cli_db, "result", "1")["locked"] is False

    counted = run_json(cli_db, *COUNT, *flip)
    assert counted["passed"] is False and counted["locked"] is True
    assert counted["replaces"]["outcome"]["passed"] is True
    assert counted["replaces"]["reason"] == "计票员把反对读成了赞成"
    text = run(cli_db, "result", "1", check_code=0).stdout
    assert "本结果取代此前已确定的结果（通过），重新打开的原因：计票员把反对读成了赞成" in text
    assert "未通过" in run(cli_db, *COUNT, "--yes", "4", "--no", "1", "--abstain", "0").stderr
    assert run(cli_db, "verify", check_code=0)


def test_a_second_ballot_import_is_refused_and_the_first_result_stands(cli_db, tmp_path):
    new_election(cli_db)
    run(cli_db, "election", "issue", "1", "5", check_code=0)
    first = ballots(tmp_path, [f"{n},○,○,," for n in range(1, 6)], name="first.csv")
    second = ballots(tmp_path, [f"{n},×,○,○," for n in range(1, 6)], name="second.csv")
    run(cli_db, "ballots", "import", "1", str(first), check_code=0)
    elected = run_json(cli_db, "result", "1")["elected"]
    before = snapshot(cli_db)
    out = run(cli_db, "ballots", "import", "1", str(second), check_code=1)
    assert out.stderr.startswith("第1项已计票完毕，不能再改。")
    assert "huiwu reopen 1 --reason 原因" in out.stderr
    blind = run(cli_db, "ballots", "import", "1", str(second), "--entry", "2", check_code=1)
    assert blind.stderr.startswith("第1项计票结果已确定（当选：")
    assert snapshot(cli_db) == before and run_json(cli_db, "result", "1")["elected"] == elected
    run(cli_db, "reopen", "1", "--reason", "导错了文件", check_code=0)
    run(cli_db, "ballots", "import", "1", str(second), check_code=0)
    result = run_json(cli_db, "result", "1")
    assert result["elected"] != elected and result["replaces"]["outcome"]["elected"] == elected


def test_appraisal_marks_on_a_final_appraisal_are_refused(cli_db):
    run(cli_db, "appraisal", "new", "领导班子测评", "--subjects", "张三", check_code=0)
    run(cli_db, "election", "issue", "1", "5", check_code=0)
    run(cli_db, "appraisal", "sheets", "1", "--returned", "5", check_code=0)
    run(cli_db, "appraisal", "marks", "1", "张三", "4", "1", "0", check_code=0)
    before = snapshot(cli_db)
    out = run(cli_db, "appraisal", "marks", "1", "张三", "0", "1", "4", check_code=1)
    assert out.stderr.startswith("第1项计票结果已确定（测评结果），不能再改。")
    bad = run(cli_db, "appraisal", "marks", "1", "张三", "9", "9", "9", lang="en", check_code=1)
    assert bad.stderr.startswith("The result of item 1 is final")
    assert snapshot(cli_db) == before
    run(cli_db, "reopen", "1", "--reason", "张三的票数抄错", check_code=0)
    run(cli_db, "appraisal", "marks", "1", "张三", "0", "1", "4", check_code=0)


def test_published_contest_standings_refuse_a_score_import_until_reopened(cli_db, tmp_path):
    run(cli_db, "contest", "new", "演讲比赛", "--judges", "3", "--trim", "0", check_code=0)
    scores = tmp_path / "scores.csv"
    scores.write_text("选手,评委,分数\n甲,1,95\n甲,2,95\n甲,3,95\n", encoding="utf-8")
    run(cli_db, "scores", "import", "1", str(scores), check_code=0)
    assert run(cli_db, "contest", "reopen", "1", "--reason", "x", check_code=1).stderr.startswith(
        "第1项竞赛「演讲比赛」的成绩尚未公布"
    )
    published = run_json(cli_db, "contest", "publish", "1")
    assert published["published"] and published["standings"][0]["name"] == "甲"
    assert "成绩已于" in run(cli_db, "standings", "1", check_code=0).stdout
    fixed = tmp_path / "fixed.csv"
    fixed.write_text("选手,评委,分数\n甲,1,90\n", encoding="utf-8")
    before = snapshot(cli_db)
    out = run(
        cli_db, "scores", "import", "1", str(fixed), "--correct", "--reason", "抄错", check_code=1
    )
    assert out.stderr == (
        "第1项竞赛「演讲比赛」成绩已公布，不能再改。"
        "如需更正，请先执行：huiwu contest reopen 1 --reason 原因\n"
    )
    assert snapshot(cli_db) == before
    run(cli_db, "contest", "reopen", "1", "--reason", "1号评委分数抄错", check_code=0)
    run(cli_db, "scores", "import", "1", str(fixed), "--correct", "--reason", "抄错", check_code=0)
    again = run_json(cli_db, "contest", "publish", "1")
    assert again["replaces"]["reason"] == "1号评委分数抄错"
    assert "取代此前公布的成绩" in run(cli_db, "standings", "1", check_code=0).stdout
