"""Issue 17: election results that add up, in the PDF and the workbook read back (PDFium,
openpyxl) and on both database backends where a service is involved."""

import openpyxl

from models import elections, voting
from models.io.minutes_book import election_notes
from models.io.result_export import export_item, load_result
from models.io.result_facts import election_facts
from models.rules.election import Ballot
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
