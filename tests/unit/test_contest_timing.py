"""The speaking clock's services on SQLite and PostgreSQL: the event's rules, start and stop of the
entrant on stage, a time typed and corrected with a reason, the deduction in the card, the
standings and their JSON, and verify replaying the times (and catching one changed behind the
log's back)."""

import json
from datetime import timedelta
from decimal import Decimal as D
from fractions import Fraction

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from models import audit, contests, scores
from models.clock import now
from models.contest_publish import publish_contest
from models.errors import Refusal
from models.rules.speaking import ClockRules
from models.verify import verify_database
from tests.helpers import event_count, row_count

CLOCK = "limit=5:00,warn=4:00,min=3:00,unit=30,amount=0.5"


@pytest.fixture
def timed(congress_db):
    """演讲比赛 with a clock: 3 judges, no trim, three entrants, 张三 on stage."""
    contests.new_contest(congress_db, "演讲比赛", judges=3, trim=0, awards="一等奖:1")
    scores.set_clock(congress_db, "演讲比赛", None, CLOCK)
    for name in ("张三", "李四", "王五"):
        contests.add_entrant(congress_db, "演讲比赛", name)
    contests.set_on_stage(congress_db, "演讲比赛", 1)
    return congress_db


def mark_all(db, entrant, values):
    for judge, value in enumerate(values, start=1):
        scores.record_mark(db, "演讲比赛", entrant, judge, str(value))


def last_event(db) -> tuple[str, dict]:
    with db.read() as conn:
        row = conn.execute(select(audit.T_EVENT).order_by(audit.T_EVENT.c.id.desc())).first()
    return row.kind, json.loads(row.payload)


def test_the_clock_rules_are_stored_on_the_event_and_logged(timed):
    event = contests.get_contest(timed, "演讲比赛").events[0]
    assert event.clock == ClockRules(300, 60, 180, 30, True, D("0.5"), 0)
    _kind, payload = last_event_of(timed, "contest.clock")
    assert payload["spec"] == "limit=5:00,warn=4:00,min=3:00,unit=30,amount=0.5,started"
    scores.set_clock(timed, "演讲比赛", None, "")
    assert contests.get_contest(timed, "演讲比赛").events[0].clock is None


def last_event_of(db, kind: str) -> tuple[str, dict]:
    with db.read() as conn:
        row = conn.execute(
            select(audit.T_EVENT)
            .where(audit.T_EVENT.c.kind == kind)
            .order_by(audit.T_EVENT.c.id.desc())
        ).first()
    return row.kind, json.loads(row.payload)


def test_start_and_stop_time_the_entrant_on_stage_to_the_hundredth(timed):
    mark_all(timed, 1, [90, 92, 94])
    begun = now().replace(microsecond=0)
    info = scores.start_clock(timed, "演讲比赛", at=begun)
    assert info.running and info.seconds is None
    assert last_event(timed)[0] == "contest.time.start"
    # another process (the projector) sees the running clock from the database
    seen = scores.timing_of(timed, "演讲比赛", 1)
    assert scores.shown_seconds(seen, begun + timedelta(seconds=61, microseconds=239_999)) == D(
        "61.23"
    )
    card = scores.stop_clock(timed, "演讲比赛", at=begun + timedelta(seconds=347, milliseconds=300))
    assert card.timing.seconds == D("347.30") and not card.timing.running
    assert card.before_time == 92 and card.deduction == D("1.0")
    assert card.total == 91 and card.shown == "91.00"
    kind, payload = last_event(timed)
    assert kind == "contest.time" and payload["seconds"] == "347.30"


def test_the_clock_refuses_what_cannot_be_and_changes_nothing(timed):
    begun = now().replace(microsecond=0)
    scores.start_clock(timed, "演讲比赛", at=begun)
    before = (row_count(timed, scores.T_TIMING), event_count(timed))
    cases = [
        (lambda: scores.start_clock(timed, "演讲比赛"), "clock.already_running"),
        (lambda: scores.start_clock(timed, "演讲比赛", 2), "clock.other_running"),
        (lambda: scores.stop_clock(timed, "演讲比赛", 2), "clock.not_running"),
        (
            lambda: scores.record_time(timed, "演讲比赛", 1, "4:00"),
            "contest.correction_needs_reason",
        ),
        (lambda: scores.record_time(timed, "演讲比赛", 2, "4:00.123"), "clock.hundredths"),
    ]
    for call, key in cases:
        with pytest.raises(Refusal) as refused:
            call()
        assert refused.value.key == key
    assert (row_count(timed, scores.T_TIMING), event_count(timed)) == before
    scores.stop_clock(timed, "演讲比赛", at=begun + timedelta(seconds=200))
    with pytest.raises(Refusal) as refused:
        scores.start_clock(timed, "演讲比赛")
    assert refused.value.key == "clock.time_exists"


def test_an_event_without_a_clock_and_nobody_on_stage_are_refused(congress_db):
    contests.new_contest(congress_db, "技能比武", judges=3, trim=0)
    contests.add_entrant(congress_db, "技能比武", "张三")
    with pytest.raises(Refusal) as refused:
        scores.start_clock(congress_db, "技能比武")
    assert refused.value.key == "clock.nobody_on_stage"
    with pytest.raises(Refusal) as refused:
        scores.record_time(congress_db, "技能比武", 1, "4:00")
    assert refused.value.key == "clock.no_clock"


def test_a_time_typed_then_corrected_with_a_reason_is_logged(timed):
    mark_all(timed, 2, [80, 80, 80])
    card = scores.record_time(timed, "演讲比赛", "李四", "2:29.99")  # 30.01 s short of 3:00
    assert card.deduction == D("1.0") and card.total == 79
    card = scores.record_time(timed, "演讲比赛", "李四", "4:35.20", reason="计时员看错秒表")
    assert card.deduction == 0 and card.total == 80
    kind, payload = last_event(timed)
    assert kind == "contest.time.correct"
    assert payload == {
        "contest": 1,
        "entrant": 2,
        "seconds": "275.20",
        "previous": "149.99",
        "reason": "计时员看错秒表",
    }


def test_the_deduction_is_in_the_standings_and_their_json(timed):
    mark_all(timed, 1, [92, 92, 92])
    mark_all(timed, 2, [91.5, 91.5, 91.5])
    mark_all(timed, 3, [1, 1, 1])
    scores.record_time(timed, "演讲比赛", 1, "5:30.01")  # two started units: 92 − 1 = 91
    scores.record_time(timed, "演讲比赛", 2, "5:00")
    scores.record_time(timed, "演讲比赛", 3, "7:00")  # 2.0 off 1: never below 0
    table = scores.standings(timed, "演讲比赛")
    assert [(r.entrant.name, r.score, r.rank) for r in table.rows] == [
        ("李四", "91.50", 1),
        ("张三", "91.00", 2),
        ("王五", "0.00", 3),
    ]
    entry = scores.standing_json(table.rows[1], table.contest)
    assert entry["time"] == "5:30.01" and entry["time_seconds"] == "330.01"
    assert entry["time_deduction"] == "1.00" and entry["score_before_time"] == "92.00"
    assert table.rows[2].card.total == Fraction(0)


def test_an_entrant_not_yet_timed_loses_nothing_and_an_event_without_clock_has_no_time_keys(
    timed,
):
    mark_all(timed, 1, [90, 90, 90])
    row = scores.standings(timed, "演讲比赛").rows[0]
    assert row.card.total == 90 and row.card.verdict is None
    entry = scores.standing_json(row, scores.standings(timed, 1).contest)
    assert entry["time"] is None and entry["time_deduction"] is None
    scores.set_clock(timed, "演讲比赛", None, None)
    table = scores.standings(timed, "演讲比赛")
    assert "time" not in scores.standing_json(table.rows[0], table.contest)


def test_a_published_contest_refuses_the_clock(timed):
    mark_all(timed, 1, [90, 90, 90])
    publish_contest(timed, "演讲比赛")
    with pytest.raises(Refusal) as refused:
        scores.start_clock(timed, "演讲比赛")
    assert refused.value.key.startswith("contest.")


def test_verify_replays_the_times_and_catches_one_changed_behind_the_log(timed):
    mark_all(timed, 1, [90, 90, 90])
    begun = now().replace(microsecond=0)
    scores.start_clock(timed, "演讲比赛", at=begun)
    scores.stop_clock(timed, "演讲比赛", at=begun + timedelta(seconds=301))
    scores.record_time(timed, "演讲比赛", 2, "4:10")
    scores.record_time(timed, "演讲比赛", 2, "4:11", reason="复核")
    scores.start_clock(timed, "演讲比赛", 3)  # still running: no time yet on either side
    report = verify_database(timed)
    assert report.ok, [c for c in report.checks if c.ok is False]
    with timed.write() as conn:
        conn.execute(text("UPDATE contest_timing SET seconds = '299.00' WHERE seconds = '301.00'"))
    report = verify_database(timed)
    _number, check = report.first_failure
    assert check.key == "verify.check.replay_contests"
    assert check.problem_params["fact"] == "times"


def test_the_migration_matches_the_tables(db):
    from models.schema import metadata

    with db.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert not [d for d in differences if "contest_timing" in repr(d) or "clock" in repr(d)]


def test_the_exports_carry_the_time_the_deduction_and_the_score_after_it(timed, tmp_path):
    import openpyxl
    import pypdfium2 as pdfium

    from models.io.contest_export import export_contest

    mark_all(timed, 1, [92, 92, 92])
    scores.record_time(timed, "演讲比赛", 1, "5:47.3")
    pdf, xlsx = tmp_path / "成绩.pdf", tmp_path / "成绩.xlsx"
    export_contest(timed, "演讲比赛", pdf=pdf, xlsx=xlsx)
    sheet = openpyxl.load_workbook(xlsx)["排名"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    head = next(r for r in rows if r and "最后得分" in r)
    first = rows[rows.index(head) + 1]
    entry = dict(zip(head, first, strict=False))
    assert entry["最后得分"] == 91 and entry["用时"] == "5:47.30"
    assert (entry["用时（秒）"], entry["时间扣分"], entry["扣时前得分"]) == (347.3, 1, 92)
    assert "用时 5:47.30，扣 1.00 分" in entry["备注"]
    settings = openpyxl.load_workbook(xlsx)["设置"]
    assert any("演讲计时：限时 5:00" in str(c.value) for row in settings.iter_rows() for c in row)
    document = pdfium.PdfDocument(str(pdf))
    try:
        text = "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    assert "用时 扣分" in text and "92 92 92 5:47.30 1.00 91.00" in text
    assert "演讲计时：限时 5:00" in text


def test_a_clock_started_by_mistake_is_withdrawn_with_a_reason_and_timed_afresh(timed):
    mark_all(timed, 1, [90, 90, 90])
    begun = now().replace(microsecond=0)
    scores.start_clock(timed, "演讲比赛", at=begun)
    scores.stop_clock(timed, "演讲比赛", at=begun + timedelta(seconds=2))  # 0:02: undertime
    assert scores.score_card(timed, "演讲比赛", 1).deduction == D("3.0")
    with pytest.raises(Refusal) as refused:
        scores.withdraw_time(timed, "演讲比赛", reason=" ")
    assert refused.value.key == "contest.correction_needs_reason"
    card = scores.withdraw_time(timed, "演讲比赛", reason="开错了选手")
    assert card.timing is None and card.total == 90
    kind, payload = last_event(timed)
    assert kind == "contest.time.withdraw" and payload["previous"] == "2.00"
    with pytest.raises(Refusal) as refused:
        scores.withdraw_time(timed, "演讲比赛", reason="再撤")
    assert refused.value.key == "clock.no_time"
    scores.start_clock(timed, "演讲比赛")  # timed afresh
    assert verify_database(timed).ok


def test_the_archive_holds_the_times_and_verifies_and_a_time_edited_in_it_is_caught(
    timed, tmp_path
):
    from datetime import date

    from models import archive as arc
    from models.verify import verify_archive

    mark_all(timed, 1, [92, 92, 92])
    scores.record_time(timed, "演讲比赛", 1, "5:47.3")
    with timed.read() as conn:
        as_of = date.today()
        document = arc.build_archive(conn, arc.results_in(conn, as_of=as_of), as_of=as_of)
    assert [r["seconds"] for r in document["tables"]["contest_timing"]] == ["347.30"]
    entry = document["results"]["contests"][0]["groups"][0]["rows"][0]
    assert (entry["score"], entry["time_deduction"]) == ("91.00", "1.00")
    path = tmp_path / "archive.json"
    arc.write_archive(document, path)
    assert verify_archive(path).ok
    document["tables"]["contest_timing"][0]["seconds"] = "300.00"
    document[arc.DIGEST_KEY] = arc.content_digest(document)
    arc.write_archive(document, path)
    _number, check = verify_archive(path).first_failure
    assert check.key == "verify.check.replay_contests"


def test_a_clock_on_a_quiz_or_a_lower_better_result_is_refused(congress_db):
    from models.rules.scoring import LOWER, MEASURED, QuizRules, Stage

    contests.new_contest(congress_db, "知识竞赛", judges=1, trim=0, quiz=QuizRules())
    timed_stage = Stage(name="", weight=D(100), kind=MEASURED, unit="秒", better=LOWER)
    contests.new_contest(congress_db, "跳绳", judges=1, trim=0, stages=[timed_stage])
    before = event_count(congress_db)
    for contest in ("知识竞赛", "跳绳"):
        with pytest.raises(Refusal) as refused:
            scores.set_clock(congress_db, contest, None, "limit=5:00")
        assert refused.value.key == "clock.not_for_event"
    assert event_count(congress_db) == before
