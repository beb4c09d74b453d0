"""Final means final (issue 16): once an item's result is final, or its count closed, every way of
changing it is refused with the command that reopens it, and nothing changes; a reopen needs a
reason and is logged; the next final result says which result it replaced. On SQLite and
PostgreSQL, and with two processes writing one item at once."""

import multiprocessing
import traceback

import pytest
from sqlalchemy import select

from models import audit
from models.appraisals import T_MARKS, T_SHEETS, new_appraisal, record_marks, record_sheets
from models.db import open_database
from models.elections import (
    T_BALLOT,
    delete_ballot,
    election_outcome,
    import_ballots,
    new_election,
    record_ballot,
)
from models.errors import Refusal
from models.motions import (
    T_COUNT,
    T_MBALLOT,
    delete_motion_ballot,
    motion_outcome,
    new_motion,
    record_count,
    record_motion_ballot,
)
from models.results import finality_json, item_outcome, outcome_json
from models.rules.election import Ballot
from models.rules.motion import MotionCount
from models.verify import verify_database
from models.voting import T_ITEM, issue, set_counted
from tests.helpers import seat_voters
from tui.i18n import refusal_text, set_lang
from tui.result_text import result_lines

MOTION_TITLE = "关于集体合同草案的决议"
ELECTION_TITLE = "工会委员会主席选举"
EAST, WEST = "东区代表团", "西区代表团"


def refused(key: str):
    return pytest.raises(Refusal, match=rf"^{key} ")


def tables(db, *more) -> dict:
    """Every row of the voting tables and the log: what a refusal must leave exactly as it was."""
    with db.read() as conn:
        return {
            t.name: conn.execute(select(t).order_by(*t.primary_key.columns)).all()
            for t in (T_ITEM, T_COUNT, T_MBALLOT, T_BALLOT, T_SHEETS, T_MARKS, audit.T_EVENT)
        }


def finals(db) -> list[dict]:
    return [e["payload"] for e in reversed(audit.events(db, "vote.final"))]


@pytest.fixture
def motion(congress_db):
    """6 due, all present, one ordinary motion (item 1) counted by hands: 4 yes → 通过."""
    seat_voters(congress_db, 6, present=6)
    new_motion(congress_db, MOTION_TITLE)
    record_count(congress_db, 1, MotionCount(4, 1, 1), method="hands")
    return congress_db


def test_a_second_count_of_a_final_motion_is_refused_and_changes_nothing(motion):
    before = tables(motion)
    with refused("voting.result_final") as err:
        record_count(motion, 1, MotionCount(3, 3, 0), method="hands")  # would flip to 未通过
    assert err.value.params == {"number": 1, "outcome": "passed", "names": ""}
    assert tables(motion) == before
    assert refusal_text(err.value) == (
        "第1项计票结果已确定（通过），不能再改。如需更正，请先执行：huiwu reopen 1 --reason 原因"
    )
    set_lang("en")
    assert refusal_text(err.value).startswith("The result of item 1 is final (adopted)")
    assert "huiwu reopen 1 --reason" in refusal_text(err.value)


def test_the_second_clerk_cannot_unsettle_a_final_result_either(motion):
    before = tables(motion)
    with refused("voting.result_final"):
        record_count(motion, 1, MotionCount(3, 3, 0), method="hands", entry=2)
    with refused("voting.result_final"):
        issue(motion, 1, 6)  # 发出 is part of the result too
    assert tables(motion) == before


def test_a_bad_count_on_a_final_motion_is_refused_in_words_and_changes_nothing(motion):
    before = tables(motion)
    with refused("voting.result_final"):
        record_count(motion, 1, MotionCount(-1, 0, 0), method="hands")
    with refused("voting.bad_entry"):
        record_count(motion, 1, MotionCount(3, 3, 0), method="hands", entry=3)
    assert tables(motion) == before


def test_reopen_needs_a_reason_then_the_new_result_says_what_it_replaced(motion):
    with refused("common.reason_required"):
        set_counted(motion, 1, False, reason="  ")
    item = set_counted(motion, 1, False, reason="东区报错了举手数")
    assert item.reopened and not item.counted
    reopen = audit.events(motion, "vote.reopen", limit=1)[0]["payload"]
    assert reopen == {"item": 1, "reason": "东区报错了举手数", "was": finals(motion)[0]["outcome"]}
    assert not finality_json(item_outcome(motion, 1))["locked"]

    outcome = record_count(motion, 1, MotionCount(3, 3, 0), method="hands")
    assert not outcome.result.passed and outcome.final
    first, second = finals(motion)
    assert first == {"item": 1, "outcome": {"passed": True, "yes": 4, "no": 1, "abstain": 1}}
    assert second["outcome"]["passed"] is False
    assert second["replaces"]["outcome"] == first["outcome"]
    assert second["replaces"]["reason"] == "东区报错了举手数"

    body = finality_json(item_outcome(motion, 1))
    assert body["locked"] and body["replaces"]["outcome"]["passed"] is True
    assert body["replaces"]["reason"] == "东区报错了举手数"
    assert "本结果取代此前已确定的结果（通过），重新打开的原因：东区报错了举手数" in result_lines(
        item_outcome(motion, 1)
    )
    with refused("voting.result_final") as err:  # locked again
        record_count(motion, 1, MotionCount(4, 1, 1), method="hands")
    assert err.value.params["outcome"] == "not_passed"
    assert verify_database(motion).ok


def test_reopening_what_is_neither_closed_nor_final_is_refused(congress_db):
    seat_voters(congress_db, 6, present=6)
    new_motion(congress_db, MOTION_TITLE)
    with refused("voting.not_closed"):
        set_counted(congress_db, 1, False, reason="试试")
    set_counted(motion_db := congress_db, 1, True)  # an empty count can be closed: not final
    set_counted(motion_db, 1, False, reason="还没开始")
    with refused("voting.not_closed"):
        set_counted(motion_db, 1, False, reason="再来一次")


def test_hands_by_delegation_lock_once_every_delegation_is_counted(congress_db):
    seat_voters(congress_db, 8, present=6, delegations=(EAST, WEST))
    new_motion(congress_db, MOTION_TITLE)
    record_count(congress_db, 1, MotionCount(3, 0, 0), method="hands", delegation=EAST)
    # one delegation still to count: not final, its line may be corrected
    record_count(congress_db, 1, MotionCount(2, 1, 0), method="hands", delegation=EAST)
    assert record_count(congress_db, 1, MotionCount(3, 0, 0), method="hands", delegation=WEST).final
    before = tables(congress_db)
    with refused("voting.result_final"):
        record_count(congress_db, 1, MotionCount(0, 3, 0), method="hands", delegation=WEST)
    assert tables(congress_db) == before


def test_motion_ballots_keyed_one_by_one_lock_when_the_last_one_issued_is_in(congress_db):
    seat_voters(congress_db, 6, present=6)
    new_motion(congress_db, MOTION_TITLE)
    issue(congress_db, 1, 3)
    for choice in ("yes", "yes", "no"):
        record_motion_ballot(congress_db, 1, choice)
    assert motion_outcome(congress_db, 1).final
    before = tables(congress_db)
    with refused("voting.result_final"):
        delete_motion_ballot(congress_db, 1, 3, reason="看错了")
    with refused("voting.result_final"):
        record_count(congress_db, 1, MotionCount(3, 0, 0), method="hands")
    assert tables(congress_db) == before
    set_counted(congress_db, 1, False, reason="第3张是赞成")
    delete_motion_ballot(congress_db, 1, 3, reason="第3张是赞成")
    record_motion_ballot(congress_db, 1, "yes")
    assert finals(congress_db)[-1]["replaces"]["reason"] == "第3张是赞成"
    assert verify_database(congress_db).ok


# --- elections -----------------------------------------------------------------------------------


def ballot_file(path, rows) -> str:
    path.write_text("票号,甲,乙\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return str(path)


@pytest.fixture
def election(congress_db):
    """3 due and present, 1 seat among 甲 乙, 3 ballots issued."""
    seat_voters(congress_db, 3, present=3)
    new_election(congress_db, ELECTION_TITLE, seats=1, candidates="甲,乙", order="given")
    issue(congress_db, 1, 3)
    return congress_db


def test_a_second_ballot_import_is_refused_until_reopened_and_then_says_it_replaced(
    election, tmp_path
):
    first = ballot_file(tmp_path / "a.csv", ["1,○,×", "2,○,×", "3,○,"])
    second = ballot_file(tmp_path / "b.csv", ["1,×,○", "2,×,○", "3,,○"])
    import_ballots(election, 1, first)
    assert election_outcome(election, 1).result.elected == ("甲",)
    before = tables(election)
    with refused("voting.count_closed"):  # the import closed the count
        import_ballots(election, 1, second)
    with refused("voting.count_closed"):
        record_ballot(election, 1, Ballot(2, "x-"), replace_reason="看错")
    with refused("voting.count_closed"):
        delete_ballot(election, 1, 1, reason="看错")
    with refused("voting.result_final") as err:  # the second clerk is locked out too
        import_ballots(election, 1, second, entry=2)
    assert err.value.params == {"number": 1, "outcome": "elected", "names": "甲"}
    assert refusal_text(err.value).startswith("第1项计票结果已确定（当选：甲）")
    assert tables(election) == before

    set_counted(election, 1, False, reason="导错了文件")
    import_ballots(election, 1, second)
    body = {**outcome_json(item_outcome(election, 1)), **finality_json(item_outcome(election, 1))}
    assert body["elected"] == ["乙"] and body["locked"]
    assert body["replaces"]["outcome"]["elected"] == ["甲"]
    assert body["replaces"]["reason"] == "导错了文件"
    assert "本结果取代此前已确定的结果（当选：甲），重新打开的原因：导错了文件" in result_lines(
        item_outcome(election, 1)
    )
    assert verify_database(election).ok


def test_a_count_closed_before_issued_is_registered_is_not_final_and_takes_the_issued_then(
    congress_db, tmp_path
):
    """An import (or 计票完毕) with 发出 not registered: nothing is final — whether the election
    is valid depends on 发出 (RULES §3) — and registering 发出 afterwards is taken, then final."""
    seat_voters(congress_db, 3, present=3)
    new_election(congress_db, ELECTION_TITLE, seats=1, candidates="甲,乙", order="given")
    import_ballots(congress_db, 1, ballot_file(tmp_path / "a.csv", ["1,○,×", "2,○,×", "3,○,"]))
    outcome = election_outcome(congress_db, 1)
    assert outcome.item.counted and not outcome.final
    assert finals(congress_db) == []
    assert not finality_json(item_outcome(congress_db, 1))["locked"]
    from tui.item_status import item_state

    assert item_state(outcome) == ("计票完毕，待登记发出张数（F3）", "counting")
    issue(congress_db, 1, 3)  # taken although the count is closed
    outcome = election_outcome(congress_db, 1)
    assert outcome.final and outcome.result.elected == ("甲",)
    assert finals(congress_db)[0]["outcome"]["elected"] == ["甲"]
    with refused("voting.count_closed"):  # once registered, 发出 is locked like the rest
        issue(congress_db, 1, 2)
    assert verify_database(congress_db).ok


def test_keyed_ballots_lock_when_every_ballot_issued_is_in(election):
    for marks in ("o-", "o-"):
        record_ballot(election, 1, Ballot(0, marks))
    record_ballot(election, 1, Ballot(2, "-o"), replace_reason="看错")  # not final yet: fine
    record_ballot(election, 1, Ballot(0, "o-"))
    assert election_outcome(election, 1).final
    before = tables(election)
    with refused("voting.result_final"):
        record_ballot(election, 1, Ballot(2, "o-"), replace_reason="又看错")
    with refused("voting.result_final"):
        record_ballot(election, 1, Ballot(0, "-o"))  # a 4th ballot found later
    assert tables(election) == before


def test_a_bad_ballot_file_for_a_final_election_is_refused_and_changes_nothing(election, tmp_path):
    import_ballots(election, 1, ballot_file(tmp_path / "a.csv", ["1,○,×", "2,○,×", "3,○,"]))
    before = tables(election)
    bad = tmp_path / "bad.csv"
    bad.write_text("票号,甲,丙\n1,○,×\n", encoding="utf-8")
    with pytest.raises(Refusal):
        import_ballots(election, 1, bad)
    assert tables(election) == before


def test_the_second_clerk_keys_on_after_a_close_until_both_agree(congress_db):
    seat_voters(congress_db, 3, present=3)
    new_election(
        congress_db, ELECTION_TITLE, seats=1, candidates="甲,乙", order="given", double_entry=True
    )
    issue(congress_db, 1, 3)
    for marks in ("o-", "o-"):
        record_ballot(congress_db, 1, Ballot(0, marks))
    set_counted(congress_db, 1, True)  # 2 of 3 back: closed, not final without entry 2
    assert not election_outcome(congress_db, 1).final and not finals(congress_db)
    for marks in ("o-", "o-"):
        record_ballot(congress_db, 1, Ballot(0, marks), entry=2)
    assert election_outcome(congress_db, 1).final
    assert finals(congress_db)[0]["outcome"]["elected"] == ["甲"]
    with refused("voting.result_final"):
        record_ballot(congress_db, 1, Ballot(0, "-o"), entry=2)


# --- appraisals ----------------------------------------------------------------------------------


def test_appraisal_marks_and_sheets_lock_when_everyone_is_marked(congress_db):
    seat_voters(congress_db, 6, present=6)
    new_appraisal(congress_db, "领导班子成员民主评议", subjects=["张三", "李四"])
    issue(congress_db, 1, 6)
    record_sheets(congress_db, 1, returned=6)
    record_marks(congress_db, 1, "张三", (5, 1, 0))
    record_marks(congress_db, 1, "张三", (4, 1, 1))  # one still unmarked: not final, may change
    assert record_marks(congress_db, 1, "李四", (1, 2, 3)).final
    before = tables(congress_db)
    with refused("voting.result_final") as err:
        record_marks(congress_db, 1, "李四", (6, 0, 0))
    assert err.value.params["outcome"] == "appraised"
    with refused("voting.result_final"):
        record_sheets(congress_db, 1, returned=5)
    with refused("appraisal.no_such_subject"):  # bad input still says what is wrong
        record_marks(congress_db, 1, "王五", (1, 1, 1))
    assert tables(congress_db) == before
    with refused("voting.nothing_to_close"):
        set_counted(congress_db, 1, True)
    set_counted(congress_db, 1, False, reason="李四的票数抄错")
    record_marks(congress_db, 1, "李四", (2, 2, 2))
    replaced = finality_json(item_outcome(congress_db, 1))["replaces"]
    assert replaced["outcome"]["grades"]["李四"] == "unsatisfied"
    assert verify_database(congress_db).ok


# --- two desks at once ---------------------------------------------------------------------------

START_TIMEOUT_S = 60


def _writer(url: str, job: str, arg: str, start, out) -> None:
    """One desk's process: wait for the other, then import a ballot file or record a count."""
    try:
        db = open_database(url)
        try:
            start.wait(timeout=START_TIMEOUT_S)
            try:
                if job == "ballots":
                    import_ballots(db, 1, arg, station=arg.rsplit("/", 1)[-1])
                elif job == "scores":
                    from models.score_import import import_scores

                    import_scores(db, 1, arg, station=arg.rsplit("/", 1)[-1])
                else:
                    yes, no = (int(x) for x in arg.split(","))
                    record_count(db, 1, MotionCount(yes, no, 0), method="hands", station=arg)
            except Refusal as refusal:
                out.put((arg, refusal.key))
                return
        finally:
            db.dispose()
        out.put((arg, "ok"))
    except BaseException:
        out.put((arg, traceback.format_exc()))


def run_two(url: str, job: str, args: list[str]) -> dict[str, str]:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(len(args))
    out = context.Queue()
    processes = [
        context.Process(target=_writer, args=(url, job, arg, start, out), daemon=True)
        for arg in args
    ]
    for process in processes:
        process.start()
    try:
        sent = dict(out.get(timeout=START_TIMEOUT_S + 120) for _ in processes)
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    return sent


@pytest.mark.timeout(300)
def test_two_desks_importing_one_election_at_once_one_wins_the_other_is_refused(db_url, tmp_path):
    db = open_database(db_url)
    from models.congress import create_congress, create_sitting

    create_congress(db, "并发测试大会")
    create_sitting(db, "第一次全体会议")
    seat_voters(db, 3, present=3)
    new_election(db, ELECTION_TITLE, seats=1, candidates="甲,乙", order="given")
    issue(db, 1, 3)
    files = {
        ballot_file(tmp_path / "jia.csv", ["1,○,×", "2,○,×", "3,○,"]): "甲",
        ballot_file(tmp_path / "yi.csv", ["1,×,○", "2,×,○", "3,,○"]): "乙",
    }
    sent = run_two(db_url, "ballots", list(files))
    assert sorted(sent.values()) == ["ok", "voting.count_closed"], sent
    winner = next(path for path, status in sent.items() if status == "ok")
    assert election_outcome(db, 1).result.elected == (files[winner],)
    imports = audit.events(db, "ballot.import")
    assert [e["station"] for e in imports] == [winner.rsplit("/", 1)[-1]]
    assert verify_database(db).ok
    db.dispose()


@pytest.mark.timeout(300)
def test_two_desks_counting_one_motion_at_once_one_wins_the_other_is_refused(db_url):
    db = open_database(db_url)
    from models.congress import create_congress, create_sitting

    create_congress(db, "并发测试大会")
    create_sitting(db, "第一次全体会议")
    seat_voters(db, 6, present=6)
    new_motion(db, MOTION_TITLE)
    sent = run_two(db_url, "count", ["4,2", "2,4"])
    assert sorted(sent.values()) == ["ok", "voting.result_final"], sent
    winner = next(arg for arg, status in sent.items() if status == "ok")
    outcome = motion_outcome(db, 1)
    assert (outcome.count.yes, outcome.count.no) == tuple(int(x) for x in winner.split(","))
    assert [e["station"] for e in audit.events(db, "motion.count")] == [winner]
    assert len(finals(db)) == 1
    assert verify_database(db).ok
    db.dispose()


# --- contests: published standings ---------------------------------------------------------------


def contest_tables(db) -> dict:
    from models.contests import T_CONTEST, T_ENTRANT
    from models.scores import T_ANSWER, T_MARK

    with db.read() as conn:
        return {
            t.name: conn.execute(select(t).order_by(*t.primary_key.columns)).all()
            for t in (T_CONTEST, T_ENTRANT, T_MARK, T_ANSWER, audit.T_EVENT)
        }


@pytest.fixture
def published(congress_db, tmp_path):
    """A 3-judge speech contest, 甲 and 乙 fully marked (甲 first), standings published."""
    from models import contests
    from models.contest_publish import publish_contest
    from models.score_import import import_scores

    contests.new_contest(congress_db, "演讲比赛", judges=3, trim=0, awards="一等奖:1")
    path = tmp_path / "scores.csv"
    path.write_text("选手,评委,分数\n甲,1,95\n甲,2,95\n甲,3,95\n乙,1,90\n乙,2,90\n乙,3,90\n")
    import_scores(congress_db, 1, path)
    publish_contest(congress_db, 1)
    return congress_db


def test_published_standings_refuse_every_change_and_change_nothing(published, tmp_path):
    from models import contests
    from models.score_import import import_scores
    from models.scores import record_mark, withdraw_mark

    better = tmp_path / "better.csv"
    better.write_text("选手,评委,分数\n乙,1,99\n乙,2,99\n乙,3,99\n")
    before = contest_tables(published)
    writes = [
        lambda: record_mark(published, 1, "乙", 1, "99", correct=True, reason="看错"),
        lambda: withdraw_mark(published, 1, "乙", 1, reason="看错"),
        lambda: import_scores(published, 1, better, correct=True, reason="复核"),
        lambda: contests.add_entrant(published, 1, "丙"),
        lambda: contests.set_tie_breakers(published, 1, ["unrounded"]),
    ]
    for write in writes:
        with refused("contest.published") as err:
            write()
        assert err.value.params == {"number": 1, "title": "演讲比赛"}
    assert contest_tables(published) == before
    assert refusal_text(err.value).endswith("请先执行：huiwu contest reopen 1 --reason 原因")


def test_a_reopened_contest_is_corrected_and_the_next_publication_says_what_it_replaced(
    published,
):
    from models.contest_publish import publication, publish_contest, reopen_contest
    from models.scores import record_mark

    with refused("contest.already_published"):
        publish_contest(published, 1)
    with refused("common.reason_required"):
        reopen_contest(published, 1, reason=" ")
    first = publication(published, 1)
    assert [row[2] for row in first.standings] == ["甲", "乙"]
    reopen_contest(published, 1, reason="乙的评委分抄错")
    assert not publication(published, 1).published
    with refused("contest.not_published"):
        reopen_contest(published, 1, reason="再开一次")
    for judge in (1, 2, 3):
        record_mark(published, 1, "乙", judge, "99", correct=True, reason="乙的评委分抄错")
    again = publish_contest(published, 1)
    assert [(row[2], row[4]) for row in again.standings] == [("乙", "一等奖"), ("甲", None)]
    assert again.replaces["standings"] == [list(row) for row in first.standings]
    assert again.replaces["reason"] == "乙的评委分抄错"
    assert verify_database(published).ok


@pytest.mark.timeout(300)
def test_two_desks_importing_scores_at_once_never_lose_a_correction(db_url, tmp_path):
    """Two files for one contest at once: the imports queue on the contest's row, so the second
    sees the first one's marks (and, without --correct, is refused rather than overwriting)."""
    from models import contests
    from models.congress import create_congress, create_sitting

    db = open_database(db_url)
    create_congress(db, "并发测试大会")
    create_sitting(db, "第一次全体会议")
    contests.new_contest(db, "演讲比赛", judges=3, trim=0)
    files = []
    for name, mark in (("a.csv", 95), ("b.csv", 80)):
        path = tmp_path / name
        path.write_text(f"选手,评委,分数\n甲,1,{mark}\n甲,2,{mark}\n甲,3,{mark}\n")
        files.append(str(path))
    sent = run_two(db_url, "scores", files)
    assert sorted(sent.values()) == ["ok", "scores.invalid"], sent  # 第N行: 已有评委N的分数
    winner = next(path for path, status in sent.items() if status == "ok")
    from models.scores import T_MARK

    with db.read() as conn:
        marks = conn.execute(select(T_MARK.c.value)).scalars().all()
    assert marks == ["95"] * 3 if winner.endswith("a.csv") else ["80"] * 3
    assert verify_database(db).ok
    db.dispose()
