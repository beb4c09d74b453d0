"""Issue 17: election results that add up, in the PDF and the workbook read back (PDFium,
openpyxl) and on both database backends where a service is involved."""

import openpyxl
import pytest

from models import elections, voting
from models.congress import create_sitting
from models.counting_staff import StaffAway, staff_away
from models.elections import (
    election_outcome,
    entry_progress,
    follow_up,
    import_ballots,
    set_scrutineers,
    takes_write_ins,
)
from models.io.minutes_book import election_notes
from models.io.result_export import export_item, load_result
from models.io.result_facts import election_facts
from models.rules.election import Ballot
from models.voting import issue
from tests.helpers import event_count, seat_voters
from tests.unit.test_elections import elect, key, refused
from tests.unit.test_result_export import congress, flat, make_election, page_texts  # noqa: F401


def test_a_write_in_row_shows_no_abstain_count(congress, tmp_path):  # noqa: F811
    item = make_election(congress)
    result = export_item(congress, item.number, pdf=tmp_path / "e.pdf", xlsx=tmp_path / "e.xlsx")
    votes = list(openpyxl.load_workbook(result.xlsx)["得票"].iter_rows(values_only=True))
    assert votes[0][4] == "弃权"
    assert votes[6][:5] == ("另选他人", "孙八", 1, 0, None)
    assert isinstance(votes[5][4], int)  # a formal candidate keeps its 弃权
    text = flat("".join(page_texts(result.pdf)))
    assert "另选他人孙八10—未当选" in text


def _facts(book) -> dict:
    return {row[0]: row[1:] for row in book["结果"].iter_rows(values_only=True) if row[0]}


def test_the_workbook_tells_runoff_seats_from_vacant_seats(congress, tmp_path):  # noqa: F811
    item = make_election(congress)  # 3 seats: 2 elected, 李娜 and 刘洋 tied for the third
    result = export_item(congress, item.number, pdf=tmp_path / "e.pdf", xlsx=tmp_path / "e.xlsx")
    facts = _facts(openpyxl.load_workbook(result.xlsx))
    assert facts["已当选"][:2] == (2, "名")
    assert facts["待再次投票名额"][:2] == (1, "名")
    assert facts["空缺名额（另行选举或空缺）"][:2] == (0, "名")
    notes = dict(election_notes(*_outcome_and_facts(congress, item.number)))
    assert (notes["待再次投票名额"], notes["空缺名额（另行选举或空缺）"]) == (1, 0)


def test_a_seat_nobody_won_is_vacant_not_a_runoff(congress, tmp_path):  # noqa: F811
    item = elections.new_election(congress, "经审会委员选举", seats=2, candidates="甲,乙,丙")
    voting.issue(congress, item.number, 30)
    for marks in ["o--"] * 20 + ["-o-"] * 10:  # 甲 20 elected; 乙 10 and 丙 0 fall short
        elections.record_ballot(congress, item.number, Ballot(0, marks))
    result = export_item(congress, item.number, pdf=tmp_path / "v.pdf", xlsx=tmp_path / "v.xlsx")
    facts = _facts(openpyxl.load_workbook(result.xlsx))
    assert facts["待再次投票名额"][0] == 0
    assert facts["空缺名额（另行选举或空缺）"][0] == 1
    text = flat("".join(page_texts(result.pdf)))
    assert "待再次投票名额0名" in text and "空缺名额（另行选举或空缺）1名" in text
    notes = dict(election_notes(*_outcome_and_facts(congress, item.number)))
    assert (notes["待再次投票名额"], notes["空缺名额（另行选举或空缺）"]) == (0, 1)


def _outcome_and_facts(db, number):
    outcome, congress_info, ballots = load_result(db, number)
    return outcome, election_facts(outcome, congress_info, ballots)


# --- a runoff among the tied takes no write-ins (both backends) -----------------------------------

RUNOFF_FILE = "票号,乙,丙,另选他人\n1,○,,丁\n2,,○,\n"


@pytest.fixture
def runoff(congress_db):
    """甲 6 elected; 乙 and 丙 tie (4 each) for the 2nd seat: round 2 is a runoff among them."""
    seat_voters(congress_db, 7, present=7)
    elect(congress_db, "甲,乙,丙", seats=2)
    issue(congress_db, 1, 7)
    key(congress_db, *["oo-"] * 3, *["o-o"] * 3, "-oo")
    again = follow_up(congress_db, 1)
    issue(congress_db, again.number, 7)
    return congress_db, again.number


def test_a_runoff_refuses_a_write_in_and_changes_nothing(runoff):
    db, number = runoff
    before = event_count(db)
    with refused("election.runoff_no_write_in") as err:
        key(db, ("o-", ["丁"]), ref=number)
    assert err.value.params == {"number": 1}
    assert event_count(db) == before and entry_progress(db, number, 1) == 0
    key(db, "o-", ref=number)  # the same ballot without the name is taken
    assert entry_progress(db, number, 1) == 1


def test_a_runoff_refuses_a_ballot_file_with_a_write_in(runoff, tmp_path):
    db, number = runoff
    path = tmp_path / "runoff.csv"
    path.write_text(RUNOFF_FILE, encoding="utf-8")
    with refused("election.runoff_no_write_in"):
        import_ballots(db, number, path)
    assert entry_progress(db, number, 1) == 0
    path.write_text(RUNOFF_FILE.replace("丁", ""), encoding="utf-8")
    assert import_ballots(db, number, path).imported == 2


def test_a_further_election_for_a_vacant_seat_still_takes_write_ins(congress_db):
    seat_voters(congress_db, 6, present=6)
    elect(congress_db, "甲,乙,丙", seats=2)
    issue(congress_db, 1, 6)
    key(congress_db, *["o--"] * 4, "-o-", "--o")  # 甲 elected; 1 seat vacant: 另行选举
    again = follow_up(congress_db, 1)
    assert takes_write_ins(again) and not again.settings.get("runoff")
    issue(congress_db, again.number, 6)
    key(congress_db, ("x-", ["丁"]), ref=again.number)
    assert entry_progress(congress_db, again.number, 1) == 1


# --- 监票人/计票人 not checked in: a warning, never a refusal (both backends) ----------------------


def test_counting_staff_not_checked_in_are_named(congress_db):
    seat_voters(congress_db, 4, present=2)  # 选民1 选民2 in; 选民3 选民4 not
    item = elect(congress_db, "甲,乙")
    set_scrutineers(congress_db, item.number, "选民1,选民3", "选民 2,路人甲")  # taken anyway
    assert staff_away(congress_db, item.number) == [
        StaffAway("选民3", "scrutineer", on_roster=True),
        StaffAway("路人甲", "counter", on_roster=False),
    ]


def test_counting_staff_all_in_give_no_warning(congress_db):
    seat_voters(congress_db, 2, present=2)
    item = elect(congress_db, "甲,乙", scrutineers="选民1", counters="选民2")
    assert staff_away(congress_db, item.number) == []


def test_counting_staff_are_checked_against_the_current_sitting(congress_db):
    seat_voters(congress_db, 2, present=2)
    item = elect(congress_db, "甲,乙", scrutineers="选民1", counters="选民2")
    create_sitting(congress_db, "第二次全体会议")  # checked in to the first sitting only
    assert [s.name for s in staff_away(congress_db, item.number)] == ["选民1", "选民2"]


# --- everyone elected across the rounds, in order (both backends) ---------------------------------


def _rows(rounds):
    return [(r.rank, r.name, r.yes, r.item, r.kind, r.final) for r in rounds.rows]


def test_elected_across_a_runoff_is_one_list_in_round_order(runoff):
    db, number = runoff
    before = election_outcome(db, 1).rounds
    assert _rows(before) == [(1, "甲", 6, 1, "first", True)] and before.open_seats == 1
    key(db, *["o-"] * 5, *["-o"] * 2, ref=number)  # 乙 5 of 7 due: elected in the runoff
    expected = [(1, "甲", 6, 1, "first", True), (2, "乙", 5, number, "runoff", True)]
    for ref in (1, number):  # the same list from either round
        rounds = election_outcome(db, ref).rounds
        assert _rows(rounds) == expected and rounds.open_seats == 0
        assert rounds.items == (1, number) and rounds.seats == 2


def test_elected_across_a_further_election_says_so(congress_db):
    seat_voters(congress_db, 6, present=6)
    elect(congress_db, "甲,乙,丙", seats=2)
    issue(congress_db, 1, 6)
    key(congress_db, *["o--"] * 4, "-o-", "--o")  # 甲 4 elected; 1 seat left: 另行选举
    again = follow_up(congress_db, 1)
    issue(congress_db, again.number, 6)
    key(congress_db, *["-o"] * 2, *["o-"] * 3, ref=again.number)  # 乙 3 of 6 due: not yet
    rounds = election_outcome(congress_db, again.number).rounds
    assert _rows(rounds) == [(1, "甲", 4, 1, "first", True)]  # 3 is exactly half: not elected
    key(congress_db, "o-", ref=again.number)  # 乙 4
    rounds = election_outcome(congress_db, 1).rounds
    assert _rows(rounds) == [(1, "甲", 4, 1, "first", True), (2, "乙", 4, 2, "reelect", True)]


def test_a_single_round_election_has_no_list_across_rounds(congress_db):
    seat_voters(congress_db, 3, present=3)
    elect(congress_db)
    assert election_outcome(congress_db, 1).rounds is None


def test_the_pdf_and_workbook_list_everyone_elected_across_the_rounds(congress, tmp_path):  # noqa: F811
    item = make_election(congress)  # 3 seats: 张伟 18, 王芳 17 elected; 李娜 刘洋 tied at 16
    runoff_item = follow_up(congress, item.number)
    voting.issue(congress, runoff_item.number, 30)
    for marks in ["o-"] * 20 + ["-o"] * 10:  # 李娜 20 of 30 due: elected in the runoff
        elections.record_ballot(congress, runoff_item.number, Ballot(0, marks))
    for ref in (item.number, runoff_item.number):
        result = export_item(
            congress, ref, pdf=tmp_path / f"{ref}.pdf", xlsx=tmp_path / f"{ref}.xlsx"
        )
        book = openpyxl.load_workbook(result.xlsx)
        rows = list(book["全部当选人"].iter_rows(values_only=True))
        assert rows[0] == ("序号", "当选人", "赞成", "事项", "轮次", "该轮结果")
        assert rows[1:] == [
            (1, "张伟", 18, 1, "第一轮", "已确定"),
            (2, "王芳", 17, 1, "第一轮", "已确定"),
            (3, "李娜", 20, 2, "再次投票", "已确定"),
        ]
        assert (
            "张伟（第 1 项第一轮，18票）、王芳（第 1 项第一轮，17票）、李娜（第 2 项再次投票，20票）"
            in (_facts(book)["全部当选人"][0])
        )
        text = flat("".join(page_texts(result.pdf)))
        assert flat("各轮合计当选 3 名") in text
        assert (
            flat(
                "张伟（第 1 项第一轮，18票）、王芳（第 1 项第一轮，17票）、李娜（第 2 项再次投票，20票）"
            )
            in text
        )


def test_verify_replays_a_runoff_round_and_its_refused_write_in(runoff):
    from models.verify import verify_database

    db, number = runoff
    with refused("election.runoff_no_write_in"):
        key(db, ("o-", ["丁"]), ref=number)
    key(db, *["o-"] * 5, *["-o"] * 2, ref=number)
    assert verify_database(db).ok
