"""Contest services on SQLite and PostgreSQL: setting up, marks refused with nothing changed,
corrections kept in the audit log, criteria sheets, weighted stages, measured events, quizzes,
teams, and standings with awards."""

import json
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from models import audit, contests, scores
from models.errors import Refusal
from models.rules.ranking import TIE_ACROSS_BOUNDARY
from models.rules.scoring import LOWER, MEASURED, Criterion, QuizRules, Stage
from tests.helpers import event_count, row_count

ALL_TABLES = (
    scores.T_MARK,
    scores.T_ANSWER,
    contests.T_ENTRANT,
    contests.T_EVENT,
    contests.T_CONTEST,
)


def snapshot(db) -> tuple:
    return (*(row_count(db, t) for t in ALL_TABLES), event_count(db))


def last_event(db) -> tuple[str, dict]:
    with db.read() as conn:
        row = conn.execute(select(audit.T_EVENT).order_by(audit.T_EVENT.c.id.desc())).first()
    return row.kind, json.loads(row.payload)


@pytest.fixture
def speech(congress_db):
    """演讲比赛: 5 judges, trim 1, awards 1 + 2, four entrants."""
    contests.new_contest(congress_db, "演讲比赛", judges=5, awards="一等奖:1,二等奖:2")
    for name, unit in [
        ("张三", "一车间"),
        ("李四", "二车间"),
        ("王五", "三车间"),
        ("赵六", "机关"),
    ]:
        contests.add_entrant(congress_db, "演讲比赛", name, unit=unit)
    return congress_db


def mark_all(db, contest, entrant, values, **options) -> scores.MarkOutcome:
    outcome = None
    for judge, value in enumerate(values, start=1):
        outcome = scores.record_mark(db, contest, entrant, judge, str(value), **options)
    return outcome


# --- setting up ----------------------------------------------------------------------------------


def test_new_contest_is_numbered_logged_and_addressable(congress_db):
    first = contests.new_contest(congress_db, "技能大赛", judges=7, trim=2, decimals=3)
    second = contests.new_contest(congress_db, "知识竞赛", judges=1, trim=0)
    assert (first.number, second.number) == (1, 2)
    assert contests.get_contest(congress_db, "技能大赛").judges == 7
    assert contests.get_contest(congress_db, 2).title == "知识竞赛"
    assert last_event(congress_db)[0] == "contest.new"
    assert [c.title for c in contests.list_contests(congress_db)] == ["技能大赛", "知识竞赛"]


@pytest.mark.parametrize(
    ("options", "key"),
    [
        ({"judges": 2, "trim": 1}, "contest.too_few_judges"),
        ({"judges": 5, "decimals": 5}, "contest.bad_decimals"),
        ({"judges": 5, "maximum": "0"}, "contest.bad_max"),
        ({"judges": 5, "awards": "一等奖"}, "contest.bad_awards"),
        ({"judges": 5, "tie_breakers": ["实操"]}, "contest.bad_breaker"),
        ({"judges": 5, "team_score": "max"}, "contest.bad_team_score"),
    ],
)
def test_bad_contest_settings_change_nothing(congress_db, options, key):
    before = snapshot(congress_db)
    with pytest.raises(Refusal) as refusal:
        contests.new_contest(congress_db, "技能大赛", **options)
    assert refusal.value.key == key
    assert snapshot(congress_db) == before


def test_duplicate_title_refused(speech):
    with pytest.raises(Refusal) as refusal:
        contests.new_contest(speech, "演讲比赛", judges=5)
    assert refusal.value.key == "contest.duplicate_title"


def test_entrants_by_number_or_unique_name(speech):
    contests.add_entrant(speech, 1, "张三", unit="机关")  # a second 张三, another unit
    with pytest.raises(Refusal) as refusal:
        scores.record_mark(speech, 1, "张三", 1, "90")
    assert refusal.value.key == "contest.ambiguous_entrant"
    assert scores.record_mark(speech, 1, "5", 1, "90").card.entrant.unit == "机关"
    with pytest.raises(Refusal):
        contests.add_entrant(speech, 1, "张三", unit="机关")


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [
        ("unit", "单" * 101, 100),
        ("group", "组" * 51, 50),
        ("team", "队" * 101, 100),
        ("members", ["甲" * 101], 100),
        ("members", ["甲乙丙"] * 400, 1000),  # each name fits, the list does not (2,000 stored)
    ],
)
def test_an_entrant_text_longer_than_its_column_is_refused(speech, field, value, limit):
    before = row_count(speech, contests.T_ENTRANT)
    with pytest.raises(Refusal) as refusal:
        contests.add_entrant(speech, 1, "新选手", **{field: value})
    assert refusal.value.key == "contest.name_too_long"
    assert refusal.value.params["limit"] == limit
    assert row_count(speech, contests.T_ENTRANT) == before
    fits = {"unit": value[:100], "group": value[:50], "team": value[:100]}.get(field)
    if field == "members":
        fits = ["甲" * 100] if len(value) == 1 else value[:250]  # 250 × 7 = 1,750 stored
    contests.add_entrant(speech, 1, "新选手", **{field: fits})


# --- marks ---------------------------------------------------------------------------------------


def test_the_last_mark_completes_the_score(speech):
    outcome = mark_all(speech, 1, "李四", ["92.44", "92.45", "92.445", "99", "80"])
    assert outcome.completed
    card = outcome.card
    assert card.shown == "92.45" and card.unrounded == D("92.445")
    assert card.stages[0].panel.dropped == {3, 4}


@pytest.mark.parametrize(
    ("judge", "text", "key"),
    [
        (1, "100.5", "contest.mark_above_max"),
        (1, "-1", "contest.mark_negative"),
        (1, "九十", "contest.not_a_number"),
        (6, "90", "contest.unknown_judge"),
        (0, "90", "contest.unknown_judge"),
        ("甲", "90", "contest.unknown_judge"),
    ],
)
def test_bad_marks_change_nothing(speech, judge, text, key):
    scores.record_mark(speech, 1, "张三", 2, "90")
    before = snapshot(speech)
    with pytest.raises(Refusal) as refusal:
        scores.record_mark(speech, 1, "张三", judge, text)
    assert refusal.value.key == key
    assert snapshot(speech) == before


def test_a_second_mark_needs_an_explicit_correction_with_a_reason(speech):
    scores.record_mark(speech, 1, "张三", 1, "90")
    before = snapshot(speech)
    with pytest.raises(Refusal) as refusal:
        scores.record_mark(speech, 1, "张三", 1, "95")
    assert refusal.value.key == "contest.mark_exists"
    with pytest.raises(Refusal) as refusal:
        scores.record_mark(speech, 1, "张三", 1, "95", correct=True)
    assert refusal.value.key == "contest.correction_needs_reason"
    assert snapshot(speech) == before
    outcome = scores.record_mark(speech, 1, "张三", 1, "95", correct=True, reason="听错")
    assert outcome.previous == D(90) and outcome.card.stages[0].marks[0] == D(95)
    kind, payload = last_event(speech)
    assert kind == "contest.mark.correct"
    assert payload["previous"] == "90" and payload["mark"] == "95" and payload["reason"] == "听错"


def test_withdrawing_a_mark_keeps_it_in_the_audit(speech):
    mark_all(speech, 1, "张三", [90, 91, 92, 93, 94])
    card = scores.withdraw_mark(speech, 1, "张三", 3, reason="评委离席")
    assert not card.complete and card.marks_in == 4
    kind, payload = last_event(speech)
    assert kind == "contest.mark.withdraw" and payload["previous"] == "92"
    with pytest.raises(Refusal):
        scores.withdraw_mark(speech, 1, "张三", 3, reason="again")


def test_an_incomplete_entrant_is_listed_unranked(speech):
    mark_all(speech, 1, "张三", [90, 90, 90, 90, 90])
    mark_all(speech, 1, "李四", [95, 95, 95, 95])  # one judge still to mark
    table = scores.standings(speech, 1)
    rows = {r.entrant.name: r for r in table.rows}
    assert rows["张三"].rank == 1
    assert rows["李四"].rank is None and rows["李四"].card.marks_in == 4
    assert rows["李四"].award is None
    assert scores.standing_json(rows["李四"], table.contest)["score"] is None


# --- standings -----------------------------------------------------------------------------------


def test_shared_ranks_awards_and_a_flag_across_the_boundary(speech):
    mark_all(speech, 1, "张三", [99, 99, 99, 99, 99])
    mark_all(speech, 1, "李四", [95, 95, 95, 95, 95])
    mark_all(speech, 1, "王五", [90, 90, 90, 90, 90])
    mark_all(speech, 1, "赵六", [90, 91, 90, 89, 90])  # trimmed mean 90 as well
    table = scores.standings(speech, 1)
    got = [scores.standing_json(r, table.contest) for r in table.rows]
    assert [(g["rank"], g["entrant"], g["score"], g["award"], g["flag"]) for g in got] == [
        (1, "张三", "99.00", "一等奖", None),
        (2, "李四", "95.00", "二等奖", None),
        (3, "王五", "90.00", "二等奖", TIE_ACROSS_BOUNDARY),
        (3, "赵六", "90.00", "二等奖", TIE_ACROSS_BOUNDARY),
    ]


def test_unrounded_score_as_tie_breaker(congress_db):
    contests.new_contest(congress_db, "比武", judges=3, trim=0, tie_breakers=["未修约分"])
    contests.add_entrants(congress_db, 1, [{"name": "甲"}, {"name": "乙"}])
    mark_all(congress_db, 1, "甲", ["92.44", "92.45", "92.445"])  # 92.445
    mark_all(congress_db, 1, "乙", ["92.45", "92.45", "92.45"])  # 92.45
    rows = scores.standings(congress_db, 1).rows
    assert [(r.entrant.name, r.rank, r.score, r.decided_by) for r in rows] == [
        ("乙", 1, "92.45", "unrounded"),
        ("甲", 2, "92.45", "unrounded"),
    ]


# --- schemes -------------------------------------------------------------------------------------


def test_criteria_sheet(congress_db):
    contests.new_contest(congress_db, "演讲", judges=3, trim=0)
    sheet = (Criterion("仪表", D(10)), Criterion("内容", D(40)), Criterion("表达", D(50)))
    contests.set_event(congress_db, 1, "演讲", stages=[Stage("", D(100), criteria=sheet)])
    contests.add_entrant(congress_db, 1, "甲")
    with pytest.raises(Refusal) as refusal:
        scores.record_mark(congress_db, 1, "甲", 1, "11", criterion="仪表")
    assert refusal.value.key == "contest.mark_above_max"
    with pytest.raises(Refusal) as refusal:
        scores.record_mark(congress_db, 1, "甲", 1, "30")  # no criterion named
    assert refusal.value.key == "contest.no_such_criterion"
    for judge in (1, 2, 3):
        for name, value in (("仪表", "9"), ("内容", "38"), ("表达", str(44 + judge))):
            outcome = scores.record_mark(congress_db, 1, "甲", judge, value, criterion=name)
    card = outcome.card
    assert card.stages[0].marks == (D(92), D(93), D(94))
    assert card.shown == "93.00"


def test_weighted_stages_and_a_tie_broken_by_practical(congress_db):
    contests.new_contest(congress_db, "技能大赛", judges=5, trim=1)
    stages = [Stage("理论", D(30), single=True), Stage("实操", D(70))]
    contests.set_event(congress_db, 1, "钳工", stages=stages)
    contests.set_tie_breakers(congress_db, 1, ["实操"])
    contests.add_entrants(congress_db, 1, [{"name": "甲"}, {"name": "乙"}])
    # 甲: 0.3·90 + 0.7·80 = 83 ; 乙: 0.3·76 + 0.7·86 = 83 → tie, 乙 has the higher practical
    scores.record_mark(congress_db, 1, "甲", 0, "90", stage="理论")
    scores.record_mark(congress_db, 1, "乙", 0, "76", stage="理论")
    mark_all(congress_db, 1, "甲", [80, 80, 80, 80, 80], stage="实操")
    mark_all(congress_db, 1, "乙", [86, 86, 86, 86, 86], stage="实操")
    rows = scores.standings(congress_db, 1).rows
    assert [(r.entrant.name, r.rank, r.score, r.decided_by) for r in rows] == [
        ("乙", 1, "83.00", "实操"),
        ("甲", 2, "83.00", "实操"),
    ]
    with pytest.raises(Refusal) as refusal:
        contests.set_event(
            congress_db, 1, "车工", stages=[Stage("理论", D(30)), Stage("实操", D(60))]
        )
    assert refusal.value.key == "contest.weights_sum"


def test_a_stage_with_entrants_cannot_change_its_scheme(congress_db):
    contests.new_contest(congress_db, "技能大赛", judges=3, trim=0)
    contests.set_event(congress_db, 1, "钳工", stages=[Stage("", D(100))])
    contests.add_entrant(congress_db, 1, "甲", event="钳工")
    with pytest.raises(Refusal) as refusal:
        contests.set_event(congress_db, 1, "钳工", stages=[Stage("", D(100), maximum=D(10))])
    assert refusal.value.key == "contest.event_has_entrants"


def test_measured_time_lower_is_better(congress_db):
    contests.new_contest(congress_db, "点钞比赛", judges=1, trim=0, decimals=2)
    timed = Stage("", D(100), kind=MEASURED, unit="秒", better=LOWER)
    contests.set_event(congress_db, 1, "单指单张", stages=[timed])
    contests.add_entrants(congress_db, 1, [{"name": "甲"}, {"name": "乙"}, {"name": "丙"}])
    scores.record_mark(congress_db, 1, "甲", 0, "1:02.5")
    scores.record_mark(congress_db, 1, "乙", 0, "58.25")
    scores.record_mark(congress_db, 1, "丙", 0, "58.25")
    rows = scores.standings(congress_db, 1).rows
    assert [(r.entrant.name, r.rank, r.score) for r in rows] == [
        ("乙", 1, "58.25"),
        ("丙", 1, "58.25"),
        ("甲", 3, "62.50"),
    ]
    with pytest.raises(Refusal) as refusal:
        scores.record_mark(congress_db, 1, "甲", 2, "60")
    assert refusal.value.key == "contest.single_mark"


def test_quiz_log_is_scored_and_corrected(congress_db):
    contests.new_contest(congress_db, "知识竞赛", judges=1, trim=0, decimals=0)
    contests.set_event(congress_db, 1, "决赛", quiz=QuizRules(start=100))
    contests.add_entrants(
        congress_db, 1, [{"name": "一队", "members": ["甲", "乙"]}, {"name": "二队"}]
    )
    scores.record_answer(congress_db, 1, "一队", "必答", True)
    scores.record_answer(congress_db, 1, "二队", "必答", True)
    scores.record_answer(congress_db, 1, "一队", "抢答", False)
    scores.record_answer(congress_db, 1, "二队", "风险题", True, stake=30)
    assert scores.score_card(congress_db, 1, "一队").shown == "100"
    assert scores.score_card(congress_db, 1, "二队").shown == "140"
    before = snapshot(congress_db)
    with pytest.raises(Refusal):
        scores.record_answer(congress_db, 1, "一队", "风险题", True, stake=25)
    with pytest.raises(Refusal):
        scores.record_mark(congress_db, 1, "一队", 1, "90")
    assert snapshot(congress_db) == before
    scores.correct_answer(congress_db, 1, "一队", 3, right=True, reason="裁判复核")
    assert scores.score_card(congress_db, 1, "一队").shown == "120"
    kind, payload = last_event(congress_db)
    assert kind == "contest.answer.correct" and payload["previous"]["points"] == -10
    scores.correct_answer(congress_db, 1, "二队", 4, void=True, reason="题目有误")
    card = scores.score_card(congress_db, 1, "二队")
    assert card.shown == "110" and len(card.stages[0].answers) == 2


def test_team_score_is_the_sum_or_mean_of_members(congress_db):
    for how, expected in (("sum", "270.00"), ("mean", "90.00")):
        title = f"技能{how}"
        contests.new_contest(congress_db, title, judges=1, trim=0, team_score=how)
        for name, team, mark in (
            ("甲", "一车间队", 85),
            ("乙", "一车间队", 95),
            ("丙", "一车间队", 90),
        ):
            contests.add_entrant(congress_db, title, name, team=team)
            scores.record_mark(congress_db, title, name, 1, str(mark))
        contests.add_entrant(congress_db, title, "丁", team="二车间队")
        teams = scores.standings(congress_db, title).teams
        assert [(t.team, t.shown, t.rank) for t in teams] == [
            ("一车间队", expected, 1),
            ("二车间队", None, None),
        ]


def test_groups_are_ranked_separately(congress_db):
    contests.new_contest(congress_db, "技能大赛", judges=1, trim=0, awards="一等奖:1")
    contests.add_entrants(
        congress_db,
        1,
        [
            {"name": "甲", "group": "男子组"},
            {"name": "乙", "group": "男子组"},
            {"name": "丙", "group": "女子组"},
        ],
    )
    for name, mark in (("甲", 80), ("乙", 90), ("丙", 70)):
        scores.record_mark(congress_db, 1, name, 1, str(mark))
    groups = scores.standings(congress_db, 1).groups
    assert {g.group: [(r.entrant.name, r.rank, r.award) for r in g.rows] for g in groups} == {
        "女子组": [("丙", 1, "一等奖")],
        "男子组": [("乙", 1, "一等奖"), ("甲", 2, None)],
    }


def test_the_board_follows_the_entrant_on_stage(speech):
    version = audit.current_version(speech)
    contests.set_on_stage(speech, 1, 2)
    scores.record_mark(speech, 1, 2, 1, "90")
    board = scores.board(speech, 1)
    assert board.on_stage.entrant.name == "李四" and board.on_stage.marks_in == 1
    assert board.version > version


def test_the_demo_has_a_contest_in_progress(sqlite_db):
    from models.demo import create_demo

    create_demo(sqlite_db, delegates=20)
    table = scores.standings(sqlite_db, 1)
    ranked = [r for r in table.rows if r.rank is not None]
    assert len(ranked) == 7 and len(table.rows) == 10
    assert not table.groups[0].complete
    on_stage = scores.board(sqlite_db, 1).on_stage
    assert on_stage.marks_in == 3 and not on_stage.complete
    assert audit.verify(sqlite_db).ok


def test_two_desks_marking_the_same_judge_at_once_store_one_mark(speech):
    import threading

    barrier = threading.Barrier(2)
    results: list[str] = []

    def desk(value: str) -> None:
        barrier.wait()
        try:
            scores.record_mark(speech, 1, "张三", 1, value)
            results.append("ok")
        except Refusal as refusal:
            results.append(refusal.key)

    threads = [threading.Thread(target=desk, args=(v,)) for v in ("90", "91")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["contest.mark_exists", "ok"]
    assert row_count(speech, scores.T_MARK) == 1
