"""Issue 17 from the command line: counting staff not checked in are warned about (stderr, exit
0), and `huiwu result` lists everyone elected across the rounds."""

from tests.functional.test_cli_voting import (  # noqa: F401
    ballots,
    cli_db,
    new_election,
    run,
    run_json,
    template,
)


def test_election_scrutineers_warns_about_staff_not_checked_in(cli_db):  # noqa: F811
    new_election(cli_db)
    proc = run(
        cli_db,
        *("election", "scrutineers", "工会委员会委员"),
        *("--scrutineers", "代表6", "--counters", "列席甲,路人乙"),
        check_code=0,
    )
    assert "监票人：代表6" in proc.stdout
    assert "尚未签到的监票人/计票人：代表6（监票人）、路人乙（计票人，不在名册）" in proc.stderr
    assert "列席甲" not in proc.stderr  # checked in: no warning for them
    body = run_json(cli_db, "election", "scrutineers", "工会委员会委员", "--scrutineers", "代表1")
    assert body["staff_away"] == []


def test_ballots_import_warns_about_staff_not_checked_in(cli_db, tmp_path):  # noqa: F811
    new_election(cli_db)  # 监票人 代表6 is not checked in
    run_json(cli_db, "election", "issue", "工会委员会委员", "5")
    path = ballots(tmp_path, [f"{n},○,○," for n in range(1, 6)])
    proc = run(cli_db, "ballots", "import", "工会委员会委员", str(path), check_code=0)
    assert "代表6（监票人）" in proc.stderr and "列席甲" not in proc.stderr


def test_result_lists_everyone_elected_across_the_rounds(cli_db, tmp_path):  # noqa: F811
    new_election(cli_db)  # 2 seats among 王芳 李四 张三丰; 6 due, 4 ○ elect
    run_json(cli_db, "election", "issue", "1", "5")
    rows = ["1,○,○,,", "2,○,○,,", "3,○,,○,", "4,○,,,", "5,○,,,"]
    run(cli_db, "ballots", "import", "1", str(ballots(tmp_path, rows)), check_code=0)
    again = run_json(cli_db, "election", "runoff", "1")  # 王芳 elected; 另行选举 for 1 seat
    assert again["nominees"] == ["李四", "张三丰"]
    run_json(cli_db, "election", "issue", str(again["number"]), "5")
    path = ballots(
        tmp_path,
        ["1,○,,", "2,○,,", "3,○,,", "4,○,,", "5,,○,"],
        "r2.csv",
        "票号,李四,张三丰,另选他人\n",
    )
    run(cli_db, "ballots", "import", str(again["number"]), str(path), check_code=0)
    body = run_json(cli_db, "result", "1")
    assert [
        (r["rank"], r["name"], r["yes"], r["item"], r["kind"]) for r in body["elected_all"]
    ] == [
        (1, "王芳", 5, 1, "first"),
        (2, "李四", 4, 2, "reelect"),
    ]
    text = run(cli_db, "result", str(again["number"]), check_code=0).stdout
    assert "全部当选人（应选 2 名，已当选 2 名" in text
    assert "1. 王芳（第 1 项 第一轮，5 票）" in text and "2. 李四（第 2 项 另行选举，4 票）" in text


def test_result_says_a_tie_at_the_cut_put_everyone_tied_on_the_list(cli_db, tmp_path):  # noqa: F811
    new_election(cli_db, candidates="王芳,李四,张三丰,赵六")
    run_json(cli_db, "election", "issue", "1", "5")
    rows = ["1,○,○,,,", "2,○,○,,,", "3,○,,○,,", "4,○,,,○,", "5,○,,,,"]
    header = "票号,王芳,李四,张三丰,赵六,另选他人\n"
    run(cli_db, "ballots", "import", "1", str(ballots(tmp_path, rows, header=header)), check_code=0)
    body = run_json(cli_db, "result", "1")
    assert body["reelect"] == ["李四", "张三丰", "赵六"] and body["reelect_wanted"] == 2
    text = run(cli_db, "result", "1", check_code=0).stdout
    assert "第 2 名处得票相等，得票相等的均列入名单（共 3 人）" in text
