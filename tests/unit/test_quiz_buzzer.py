"""The quiz buzzer's records on SQLite and PostgreSQL: a foul (抢答犯规) is an answer of kind
``foul`` with the quiz's deduction, logged and replayed by verify; the buzzer's win puts the team
on stage and is logged (``contest.buzzer``); the settings round-trip through the quiz JSON."""

import json

import pytest
from sqlalchemy import select

from models import audit, contests, scores
from models.congress import current_congress
from models.contest_scheme import scheme_from_text
from models.errors import Refusal
from models.io.contest_book import build_workbook
from models.io.contest_words import event_words
from models.rules.scoring import QuizRules
from models.verify import verify_database
from tests.helpers import event_count, row_count


def events_of(db, kind: str) -> list[dict]:
    with db.read() as conn:
        rows = conn.execute(
            select(audit.T_EVENT).where(audit.T_EVENT.c.kind == kind).order_by(audit.T_EVENT.c.id)
        ).all()
    return [json.loads(r.payload) for r in rows]


@pytest.fixture
def quiz(congress_db):
    """知识竞赛: three teams, 抢答 ±10, foul 15."""
    contests.new_contest(congress_db, "知识竞赛", judges=1, trim=0, decimals=0)
    _, rules = scheme_from_text(
        event_name="决赛", maximum=100, quiz=True, foul=15, buzzer_keys="1=A队,b=B队,c=3"
    )
    contests.set_event(congress_db, 1, "决赛", quiz=rules)
    contests.add_entrants(congress_db, 1, [{"name": n} for n in ("A队", "B队", "C队")])
    return congress_db


def test_the_buzzer_settings_are_kept_with_the_quiz(quiz):
    rules = contests.get_contest(quiz, 1).events[0].quiz
    assert rules.foul == 15
    assert rules.keys == (("1", "A队"), ("b", "B队"), ("c", "3"))


def test_a_quiz_without_buzzer_settings_reads_back_as_before():
    data = contests.quiz_json(QuizRules())
    assert "foul" not in data and "keys" not in data
    assert contests.quiz_from_json(json.dumps(data)) == QuizRules()


def test_a_foul_is_recorded_with_the_deduction_logged_and_replayed_by_verify(quiz):
    foul = scores.record_foul(quiz, 1, "B队", operator="主持人")
    assert (foul.kind, foul.right, foul.points, foul.question) == ("foul", False, -15, 1)
    logged = events_of(quiz, "contest.answer")[-1]
    assert logged["kind"] == "foul" and logged["points"] == -15
    scores.buzzer_won(quiz, 1, "A队", fouls=[2])
    scores.record_answer(quiz, 1, "A队", "抢答", True)
    standings = scores.standings(quiz, 1)
    assert [(r.entrant.name, r.score) for r in standings.rows] == [
        ("A队", "110"),
        ("B队", "85"),
        ("C队", None),  # no answer yet: not ranked
    ]
    assert events_of(quiz, "contest.buzzer") == [
        {"contest": 1, "entrant": 1, "name": "A队", "fouls": [2]}
    ]
    assert scores.board(quiz, 1).on_stage.entrant.name == "A队"  # what the projector shows
    report = verify_database(quiz)
    assert report.ok, report


def test_a_foul_is_undone_by_voiding_it_never_by_calling_it_right(quiz):
    scores.record_foul(quiz, 1, "C队")
    before = (row_count(quiz, scores.T_ANSWER), event_count(quiz))
    with pytest.raises(Refusal) as refusal:
        scores.correct_answer(quiz, 1, "C队", 1, right=True, reason="误判")
    assert refusal.value.key == "contest.foul_is_wrong"
    with pytest.raises(Refusal) as refusal:
        scores.record_answer(quiz, 1, "C队", "犯规", True)
    assert refusal.value.key == "contest.foul_is_wrong"
    assert (row_count(quiz, scores.T_ANSWER), event_count(quiz)) == before
    scores.correct_answer(
        quiz, 1, "C队", 1, void=True, reason="主持人还没说开始就按了？复核是按在开始后"
    )
    assert scores.score_card(quiz, 1, "C队").shown == "100"
    assert verify_database(quiz).ok


def test_the_buzzer_is_only_for_a_quiz(congress_db):
    contests.new_contest(congress_db, "演讲比赛", judges=3, trim=0)
    contests.add_entrant(congress_db, 1, "甲")
    before = event_count(congress_db)
    for call in (
        lambda: scores.record_foul(congress_db, 1, "甲"),
        lambda: scores.buzzer_won(congress_db, 1, "甲"),
    ):
        with pytest.raises(Refusal) as refusal:
            call()
        assert refusal.value.key == "contest.not_a_quiz"
    assert event_count(congress_db) == before


def test_the_workbook_and_the_rule_words_name_the_foul(quiz):
    scores.record_foul(quiz, 1, "B队")
    book = build_workbook(scores.standings(quiz, 1), current_congress(quiz))
    cells = {c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert "第1题 抢答犯规" in cells
    contest = contests.get_contest(quiz, 1)
    assert "抢答犯规 −15" in event_words(contest.events[0], contest)
