"""The quiz buzzer from the command line: `contest new … --quiz --foul N --buzzer-keys …` keeps
the settings, `contest answer CONTEST TEAM 犯规` records 抢答犯规 with the deduction, and
`--correct N --void --reason R` undoes it; refusals exit 1 with nothing written."""

import pytest

from tests.functional.test_cli_voting import events, run, run_json


@pytest.fixture
def cli_db(tmp_path):
    db = tmp_path / "cli.db"
    run(db, "congress", "new", "测试大会", check_code=0)
    return db


def new_quiz(cli_db, *options: str) -> dict:
    return run_json(cli_db, "contest", "new", "知识竞赛", "--judges", "1", "--trim", "0",
                    "--quiz", *options)  # fmt: skip


def test_the_foul_deduction_and_the_keys_are_kept_with_the_quiz(cli_db):
    shown = new_quiz(cli_db, "--foul", "15", "--buzzer-keys", "1=第一队，a=2")
    quiz = shown["events"][0]["quiz"]
    assert quiz["foul"] == 15 and quiz["keys"] == [["1", "第一队"], ["a", "2"]]
    plain = run_json(cli_db, "contest", "event", "1", "复赛", "--quiz")
    assert "foul" not in plain["events"][0]["quiz"]  # (it took the unnamed event) unset: as before


def test_a_foul_is_recorded_and_voided_from_the_cli(cli_db):
    new_quiz(cli_db, "--foul", "15")
    run(cli_db, "contest", "entrant", "1", "第一队", check_code=0)
    foul = run_json(cli_db, "contest", "answer", "1", "第一队", "犯规")
    assert (foul["kind"], foul["right"], foul["points"], foul["score"]) == (
        "foul", False, -15, "85.00")  # fmt: skip
    text = run(cli_db, "contest", "answer", "1", "第一队", "foul", "wrong", check_code=0).stdout
    assert "第2题 抢答犯规" in text and "-15" in text
    before = events(cli_db)
    refused = run(cli_db, "contest", "answer", "1", "第一队", "犯规", "right", check_code=1)
    assert "不能判为答对" in refused.stderr
    run(cli_db, "contest", "answer", "1", "第一队", "必答", check_code=1)  # no verdict
    run(cli_db, "contest", "answer", "1", "第一队", "犯规", "--void", check_code=1)
    run(
        cli_db, "contest", "answer", "1", "第一队", "犯规", "--correct", "1", "--void", check_code=1
    )  # fmt: skip  (no reason)
    assert events(cli_db) == before
    voided = run_json(cli_db, "contest", "answer", "1", "第一队", "犯规", "--correct", "1",
                      "--void", "--reason", "开始后才按")  # fmt: skip
    assert voided["score"] == "85.00" and voided["previous"] == -15
    assert run(cli_db, "verify", check_code=0)


def test_buzzer_options_are_for_a_quiz_and_bad_keys_are_refused(cli_db):
    refused = run(cli_db, "contest", "new", "演讲", "--judges", "3", "--foul", "5", check_code=1)
    assert "--foul" in refused.stderr
    for keys, words in (
        ("y=第一队", "不能作抢答键"),
        ("1=甲,1=乙", "分给了两个队"),
        ("12=甲", "写法不对"),
    ):
        refused = run(cli_db, "contest", "new", "知识竞赛", "--judges", "1", "--trim", "0",
                      "--quiz", "--buzzer-keys", keys, check_code=1)  # fmt: skip
        assert words in refused.stderr
    refused = new_quiz_refused(cli_db, "--foul", "-5")
    assert "不能是负数" in refused.stderr


def new_quiz_refused(cli_db, *options: str):
    return run(cli_db, "contest", "new", "知识竞赛", "--judges", "1", "--trim", "0", "--quiz",
               *options, check_code=1)  # fmt: skip
