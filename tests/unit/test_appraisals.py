"""Appraisals of leaders (民主评议) on real databases: sheets before marks, count checks, the rate,
grade and warning in the result JSON, void sheets and the blind second entry (RULES.md §4)."""

import pytest

from models import audit
from models.appraisals import (
    T_MARKS,
    T_SHEETS,
    appraisal_outcome,
    new_appraisal,
    record_marks,
    record_sheets,
)
from models.errors import Refusal
from models.results import item_outcome, outcome_json
from models.voting import issue
from tests.helpers import event_count, row_count, seat_voters

TITLE = "领导班子成员民主评议"
SUBJECTS = [("张三", "厂长"), ("李四", "副厂长"), "王五"]


def refused(key: str):
    return pytest.raises(Refusal, match=rf"^{key} ")


def unchanged(db):
    return (row_count(db, T_SHEETS), row_count(db, T_MARKS), event_count(db))


@pytest.fixture
def sheets(congress_db):
    """6 due and present, 3 people on a 满意/基本满意/不满意 sheet, 6 sheets issued and returned."""
    seat_voters(congress_db, 6, present=6)
    new_appraisal(congress_db, TITLE, subjects=SUBJECTS)
    issue(congress_db, 1, 6)
    record_sheets(congress_db, 1, returned=6)
    return congress_db


@pytest.fixture
def sheets_double(congress_db):
    """As ``sheets``, keyed twice (blind second entry): final only once both clerks agree."""
    seat_voters(congress_db, 6, present=6)
    new_appraisal(congress_db, TITLE, subjects=SUBJECTS, double_entry=True)
    issue(congress_db, 1, 6)
    record_sheets(congress_db, 1, returned=6)
    return congress_db


def mark_all(db, entry=1, wang=(3, 1, 1)):
    record_marks(db, 1, "张三", (5, 1, 0), entry=entry)
    record_marks(db, 1, "李四", (1, 2, 3), entry=entry)
    return record_marks(db, 1, "王五", wang, entry=entry)


def test_subjects_keep_their_order_and_posts(congress_db):
    item = new_appraisal(congress_db, TITLE, subjects=SUBJECTS)
    assert item.nominees == ("张三", "李四", "王五")
    assert item.posts == ("厂长", "副厂长", None)
    assert item.settings["scale"] == "sat3" and item.settings["denominator"] == "valid"


def test_a_bad_subject_list_scale_or_denominator_is_refused(congress_db):
    before = event_count(congress_db)
    with refused("appraisal.no_subjects"):
        new_appraisal(congress_db, TITLE, subjects=[" "])
    with refused("appraisal.duplicate_subject"):
        new_appraisal(congress_db, TITLE, subjects=["张三", "张 三"])
    with refused("appraisal.bad_scale"):
        new_appraisal(congress_db, TITLE, subjects=["张三"], scale="stars")
    with refused("appraisal.bad_denominator"):
        new_appraisal(congress_db, TITLE, subjects=["张三"], denominator="everyone")
    assert event_count(congress_db) == before


def test_marks_before_the_sheets_are_refused(congress_db):
    seat_voters(congress_db, 6, present=6)
    new_appraisal(congress_db, TITLE, subjects=SUBJECTS)
    before = unchanged(congress_db)
    with refused("appraisal.sheets_first"):
        record_marks(congress_db, 1, "张三", (5, 1, 0))
    assert unchanged(congress_db) == before


def test_sheets_are_refused_without_the_quorum(congress_db):
    seat_voters(congress_db, 6, present=3)
    new_appraisal(congress_db, TITLE, subjects=SUBJECTS)
    with refused("voting.no_quorum"):
        record_sheets(congress_db, 1, returned=3)


def test_more_invalid_sheets_than_returned_are_refused(sheets):
    with refused("appraisal.invalid_exceeds_returned"):
        record_sheets(sheets, 1, returned=2, invalid=3)


def test_counts_exceeding_the_valid_sheets_are_refused(sheets):
    record_sheets(sheets, 1, returned=6, invalid=1)
    before = unchanged(sheets)
    with refused("appraisal.counts_exceed_valid") as err:
        record_marks(sheets, 1, "张三", (4, 1, 1))
    assert err.value.params == {"name": "张三", "total": 6, "valid": 5}
    assert unchanged(sheets) == before


def test_counts_must_match_the_scale_and_name_a_subject(sheets):
    with refused("appraisal.bad_counts"):
        record_marks(sheets, 1, "张三", (5, 1))
    with refused("voting.negative"):
        record_marks(sheets, 1, "张三", (5, 2, -1))
    with refused("appraisal.no_such_subject"):
        record_marks(sheets, 1, "赵六", (1, 1, 1))


def test_a_subject_is_addressed_by_name_or_position(sheets):
    outcome = record_marks(sheets, 1, "2", (1, 2, 3))
    assert outcome.marked == ("李四",)


def test_lowering_the_sheets_below_marks_already_entered_is_refused(sheets):
    record_marks(sheets, 1, "张三", (5, 1, 0))
    with refused("appraisal.counts_exceed_valid"):
        record_sheets(sheets, 1, returned=6, invalid=2)
    assert appraisal_outcome(sheets, 1).result.invalid == 0


def test_rate_grade_and_warning_are_in_the_json(sheets):
    outcome = mark_all(sheets)
    assert outcome.final and outcome.marked == ("张三", "李四", "王五")
    body = outcome_json(item_outcome(sheets, TITLE))
    assert (body["valid"], body["issued"], body["returned"], body["valid_sheets"]) == (
        True,
        6,
        6,
        6,
    )
    assert body["options"] == ["满意", "基本满意", "不满意"]
    people = {s["name"]: s for s in body["subjects"]}
    graded = {name: (p["rate"], p["grade"], p["warning"]) for name, p in people.items()}
    assert graded == {
        "张三": ("100.00", "satisfied", False),
        "李四": ("50.00", "unsatisfied", True),  # 不满意 3 > one third of 6
        "王五": ("66.67", "basically", False),  # 2*3 = 6 is not more than half; 2*(3+1) is
    }
    assert people["王五"]["counts"] == {"满意": 3, "基本满意": 1, "不满意": 1}
    assert people["王五"]["blank"] == 1 and people["王五"]["denominator"] == 6
    assert people["张三"]["weighted"] is None


def test_the_weighted_score_is_shown_beside_the_rate(congress_db):
    seat_voters(congress_db, 6, present=6)
    new_appraisal(congress_db, TITLE, subjects=["张三"], weighted=True)
    issue(congress_db, 1, 6)
    record_sheets(congress_db, 1, returned=6)
    record_marks(congress_db, 1, "张三", (5, 1, 0))
    (person,) = outcome_json(item_outcome(congress_db, 1))["subjects"]
    assert (person["rate"], person["weighted"]) == ("100.00", "76.67")  # (5*80 + 60) / 6


def test_the_denominator_can_be_the_voters_due(congress_db):
    seat_voters(congress_db, 8, present=6)
    new_appraisal(congress_db, TITLE, subjects=["张三"], denominator="due")
    issue(congress_db, 1, 6)
    record_sheets(congress_db, 1, returned=6)
    (person,) = record_marks(congress_db, 1, "张三", (3, 1, 2)).result.subjects
    assert (person.denominator, str(person.rate), person.grade) == (8, "50.00", "unsatisfied")


def test_more_sheets_returned_than_issued_voids_the_appraisal(congress_db):
    seat_voters(congress_db, 6, present=6)
    new_appraisal(congress_db, TITLE, subjects=["张三"])
    issue(congress_db, 1, 4)
    outcome = record_sheets(congress_db, 1, returned=5)
    assert (outcome.result.valid, outcome.result.void_reason) == (False, "returned_exceeds_issued")
    body = outcome_json(outcome)
    assert (body["valid"], body["void_reason"], body["returned"]) == (
        False,
        "returned_exceeds_issued",
        5,
    )


def test_an_appraisal_is_final_only_when_everyone_is_marked(sheets):
    record_marks(sheets, 1, "张三", (5, 1, 0))
    assert not appraisal_outcome(sheets, 1).final


def test_the_blind_second_entry_lists_differences_by_person(sheets_double):
    sheets = sheets_double
    mark_all(sheets)
    record_sheets(sheets, 1, returned=6, entry=2)
    record_marks(sheets, 1, "张三", (5, 1, 0), entry=2)
    outcome = record_marks(sheets, 1, "李四", (1, 3, 2), entry=2)
    assert not outcome.final and outcome.entries == (1, 2)
    assert [(d.key, d.first, d.second) for d in outcome.differences] == [
        ("李四", "1/2/3", "1/3/2"),
        ("王五", "3/1/1", None),
    ]
    assert outcome_json(outcome)["differences"][0] == {
        "where": "person",
        "key": "李四",
        "first": "1/2/3",
        "second": "1/3/2",
        "levels": [
            {"option": "basically", "first": 2, "second": 3},
            {"option": "unsatisfied", "first": 3, "second": 2},
        ],
    }
    record_marks(sheets, 1, "李四", (1, 2, 3), entry=2)
    assert appraisal_outcome(sheets, 1).differences[0].key == "王五"
    assert mark_all(sheets, entry=2).final


def test_differing_sheet_counts_are_listed(sheets_double):
    sheets = sheets_double
    mark_all(sheets)
    outcome = record_sheets(sheets, 1, returned=5, entry=2)
    assert [(d.key, d.first, d.second) for d in outcome.differences] == [
        ("returned", "6", "5"),
        ("张三", "5/1/0", None),
        ("李四", "1/2/3", None),
        ("王五", "3/1/1", None),
    ]


def test_a_double_entry_appraisal_is_final_only_once_entry_two_agrees(congress_db):
    seat_voters(congress_db, 6, present=6)
    new_appraisal(congress_db, TITLE, subjects=["张三"], double_entry=True)
    issue(congress_db, 1, 6)
    record_sheets(congress_db, 1, returned=6)
    assert not record_marks(congress_db, 1, "张三", (5, 1, 0)).final
    record_sheets(congress_db, 1, returned=6, entry=2)
    assert record_marks(congress_db, 1, "张三", (5, 1, 0), entry=2).final


def test_every_change_writes_an_audit_event(congress_db):
    seat_voters(congress_db, 6, present=6)
    steps = [
        (lambda: new_appraisal(congress_db, TITLE, subjects=["张三"]), ["appraisal.new"]),
        (lambda: issue(congress_db, 1, 6), ["vote.roll", "vote.issue"]),
        (lambda: record_sheets(congress_db, 1, returned=6), ["appraisal.sheets"]),
        (
            lambda: record_marks(congress_db, 1, "张三", (5, 1, 0)),
            ["appraisal.marks", "vote.final"],
        ),
    ]
    for step, kinds in steps:
        before = event_count(congress_db)
        step()
        new = audit.events(congress_db, limit=event_count(congress_db) - before)
        assert [e["kind"] for e in reversed(new)] == kinds
    assert audit.verify(congress_db).ok
