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
