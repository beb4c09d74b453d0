"""Proposal services on SQLite and PostgreSQL (RULES §5): gap-free numbering, the seconders rule at
its edge, every bad input refused with nothing changed, the lifecycle in order only, the history
and the audit, the overdue list and statistics that add up."""

import contextlib
import json
import threading
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from models import audit
from models import proposals as p
from models.congress import create_congress, switch_sitting
from models.errors import Refusal
from models.rules import proposals as rules
from tests.helpers import add_people, badge, delegates, event_count, row_count

TABLES = (p.T_PROPOSAL, p.T_PP, p.T_LOG, p.T_CONFIG)


def snapshot(db) -> tuple:
    return (*(row_count(db, table) for table in TABLES), event_count(db))


def last_event(db) -> tuple[str, dict]:
    with db.read() as conn:
        row = conn.execute(select(audit.T_EVENT).order_by(audit.T_EVENT.c.id.desc())).first()
    return row.kind, json.loads(row.payload)


@pytest.fixture
def hall(congress_db):
    """Ten delegates in two delegations, one 列席代表 and one member of staff."""
    add_people(congress_db, delegates(6, "第一代表团") + delegates(4, "第二代表团", prefix="E"))
    add_people(
        congress_db,
        [("L001", "列席甲", "第一代表团", "attendee"), ("S001", "工作人员乙", None, "staff")],
    )
    return congress_db


def draft(title="关于提高职工食堂伙食质量的提案", **values) -> p.Draft:
    values.setdefault("category", "职工福利")
    values.setdefault("proposers", ("D0001",))
    values.setdefault("seconders", ("D0002", "D0003"))
    return p.Draft(title=title, **values)


def submit(db, title="关于提高职工食堂伙食质量的提案", **values) -> p.ProposalDetail:
    return p.submit_proposal(db, draft(title, **values), operator="秘书", station="提案台")


def refused(db, call, key: str) -> Refusal:
    before = snapshot(db)
    with pytest.raises(Refusal) as caught:
        call()
    assert caught.value.key == key
    assert snapshot(db) == before
    return caught.value


# -- capture ------------------------------------------------------------------------------------


def test_a_proposal_gets_the_congress_label_and_its_people(hall):
    detail = submit(hall, reason="伙食差", suggestion="公开菜价")
    assert detail.row.label == "三届二次-001"
    assert detail.row.status == rules.SUBMITTED
    assert detail.row.proposer_kind == rules.PERSON
    assert [x.code for x in detail.proposers] == ["D0001"]
    assert [x.code for x in detail.seconders] == ["D0002", "D0003"]
    assert detail.row.delegation == "第一代表团"
    assert (detail.reason, detail.suggestion) == ("伙食差", "公开菜价")
    kind, payload = last_event(hall)
    assert kind == "proposal.submit"
    assert payload["label"] == "三届二次-001"
    assert payload["seconders"] == ["D0002", "D0003"]


def test_a_scanned_badge_names_the_proposer(hall):
    detail = submit(hall, proposers=(badge(hall, "E0001"),), seconders=("E0002", "E0003"))
    assert detail.proposers[0].code == "E0001"
    assert detail.row.delegation == "第二代表团"


def test_a_joint_proposal_and_a_delegations_proposal(hall):
    joint = submit(hall, proposers=("D0001", "D0004"), seconders=("D0002", "D0003"))
    assert joint.row.proposer_kind == rules.JOINT
    assert joint.row.proposers == "代表1、代表4"
    group = submit(hall, "关于增开通勤班车的提案", proposers=(), delegation="第二代表团")
    assert group.row.proposer_kind == rules.DELEGATION
    assert group.row.proposers == "第二代表团"
    assert group.row.delegation == "第二代表团"


def test_numbers_are_per_congress(hall):
    submit(hall)
    create_congress(hall, "另一次大会", term=4, session=1)
    add_people(hall, delegates(3))
    assert submit(hall).row.label == "四届一次-001"


def test_a_congress_without_term_numbers_its_proposals_plainly(db):
    create_congress(db, "教代会")
    add_people(db, delegates(3))
    assert submit(db).row.label == "提案-001"


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"title": "   "}, "proposal.empty_title"),
        ({"title": "长" * 201}, "proposal.title_too_long"),
        ({"category": "福利"}, "proposal.unknown_category"),
        ({"category": ""}, "proposal.empty_category"),
        ({"proposers": ()}, "proposal.no_proposer"),
        ({"proposers": ("X404",)}, "proposal.unknown_person"),
        ({"proposers": ("L001",)}, "proposal.proposer_not_delegate"),
        ({"proposers": ("D0001", "D0001")}, "proposal.duplicate_proposer"),
        ({"seconders": ("D0002", "X404")}, "proposal.unknown_person"),
        ({"seconders": ("D0002",)}, "proposal.too_few_seconders"),
        ({"seconders": ()}, "proposal.too_few_seconders"),
        ({"seconders": ("D0002", "D0001")}, "proposal.seconder_is_proposer"),
        ({"seconders": ("D0002", "L001")}, "proposal.seconder_not_delegate"),
        ({"seconders": ("D0002", "S001")}, "proposal.seconder_not_delegate"),
        ({"seconders": ("D0002", "D0002")}, "proposal.duplicate_seconder"),
        ({"proposers": (), "delegation": "第九代表团"}, "proposal.unknown_delegation"),
        ({"reason": "字" * 5001}, "proposal.reason_too_long"),
    ],
)
def test_bad_proposals_are_refused_and_change_nothing(hall, values, key):
    submit(hall)
    values = {"title": "关于增开通勤班车的提案", **values}
    title = values.pop("title")
    refused(hall, lambda: submit(hall, title, **values), key)
    assert submit(hall, "关于夜班补贴的提案").row.number == 2  # no number was used up


def test_a_joint_proposer_cannot_second_it_either(hall):
    refused(
        hall,
        lambda: submit(hall, proposers=("D0001", "D0002"), seconders=("D0003", "D0002")),
        "proposal.seconder_is_proposer",
    )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("HW1|AAAAAAAA|D0001|0000000000000000", "proposal.unknown_person"),
        ("not a badge at all", "proposal.unknown_person"),
    ],
)
def test_malformed_badge_texts_name_nobody(hall, text, key):
    refused(hall, lambda: submit(hall, proposers=(text,)), key)


def test_forged_and_foreign_badges_are_refused(hall):
    good = badge(hall, "D0001")
    forged = good[:-2] + ("00" if not good.endswith("00") else "11")
    refused(hall, lambda: submit(hall, proposers=(forged,)), "proposal.forged_badge")
    create_congress(hall, "别的大会")
    add_people(hall, delegates(3))
    foreign = badge(hall, "D0001")
    with hall.write() as conn:  # back to the first congress
        p.audit  # noqa: B018 (keeps the import used when this test is read alone)
        from models.congress import _set_state

        _set_state(conn, "current_congress_id", "1")
    refused(hall, lambda: submit(hall, proposers=(foreign,)), "proposal.foreign_badge")


@pytest.mark.parametrize(("minimum", "given", "ok"), [(2, 2, True), (2, 1, False), (3, 3, True)])
def test_the_seconders_minimum_is_a_setting_and_its_edge_passes(hall, minimum, given, ok):
    p.set_proposal_settings(hall, min_seconders=minimum)
    seconders = ("D0002", "D0003", "D0004")[:given]
    if ok:
        assert len(submit(hall, seconders=seconders).seconders) == given
    else:
        error = refused(
            hall, lambda: submit(hall, seconders=seconders), "proposal.too_few_seconders"
        )
        assert error.params == {"count": given, "min": minimum}


def test_no_seconders_needed_when_the_setting_is_zero(hall):
    p.set_proposal_settings(hall, min_seconders=0)
    assert submit(hall, seconders=()).seconders == ()


def test_settings_refuse_bad_values(hall):
    refused(
        hall, lambda: p.set_proposal_settings(hall, min_seconders=-1), "proposal.bad_min_seconders"
    )
    refused(hall, lambda: p.set_proposal_settings(hall, categories=[" "]), "proposal.no_categories")
    submit(hall)
    refused(
        hall,
        lambda: p.set_proposal_settings(hall, categories=["生产经营", "其他"]),
        "proposal.category_in_use",
    )


def test_categories_are_editable_and_the_prefix_renames_every_label(hall):
    p.set_proposal_settings(hall, categories=["职工福利", "后勤服务"], prefix="2026职代会")
    detail = submit(hall, category="后勤服务")
    assert detail.row.label == "2026职代会-001"
    assert p.proposal_settings(hall).categories == ("职工福利", "后勤服务")
    assert p.get_proposal(hall, "2026职代会-001").row.number == 1
    assert last_event(hall)[0] == "proposal.submit"


def test_proposals_can_be_taken_before_the_first_sitting(db):
    create_congress(db, "会前收集提案", term=1, session=1)
    add_people(db, delegates(3))
    assert submit(db).row.label == "一届一次-001"


# -- numbering ----------------------------------------------------------------------------------


def test_numbering_stays_gap_free_under_merge_and_rejection(hall):
    for i in range(1, 6):
        submit(hall, f"关于第{i}件事的提案")
    p.merge_proposal(hall, 2, 1)
    p.reject_proposal(hall, 3, reason="不属于本单位职权范围")
    p.suggest_proposal(hall, 4)
    with pytest.raises(Refusal):
        submit(hall, "")
    assert submit(hall, "关于第六件事的提案").row.label == "三届二次-006"
    rows = p.list_proposals(hall)
    assert [row.number for row in rows] == [1, 2, 3, 4, 5, 6]
    assert [row.status for row in rows[:4]] == ["submitted", "merged", "rejected", "suggestion"]


def test_two_desks_submitting_at_once_share_one_gap_free_sequence(hall):
    errors = []

    def desk(name: str) -> None:
        try:
            for i in range(8):
                p.submit_proposal(hall, draft(f"{name}的第{i}件提案"), station=name)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=desk, args=(f"{n}号台",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert [row.number for row in p.list_proposals(hall)] == list(range(1, 17))
    assert audit.verify(hall).ok


# -- the lifecycle ------------------------------------------------------------------------------


def test_the_whole_way_to_a_rating_and_back_to_handling(hall):
    submit(hall)
    p.accept_proposal(hall, 1, operator="秘书")
    p.assign_proposal(hall, "001", department="后勤服务中心", due="2026年12月31日")
    p.answer_proposal(hall, "三届二次-001", reply="已增设夜宵窗口。")
    detail = p.rate_proposal(hall, 1, "不满意", note="菜价仍偏高")
    assert detail.row.status == rules.REHANDLING
    assert detail.row.round == 2
    assert detail.next_actions == ("assign",)
    p.assign_proposal(hall, 1, department="后勤服务中心", due="2027-01-31")
    p.answer_proposal(hall, 1, reply="已公开菜价并下调。")
    final = p.rate_proposal(hall, 1, "基本满意")
    assert final.row.status == rules.CLOSED
    assert final.row.rating == rules.BASIC
    assert final.reply == "已公开菜价并下调。"
    steps = [(h.action, h.from_status, h.to_status) for h in final.history]
    assert steps == [
        ("submit", None, "submitted"),
        ("accept", "submitted", "accepted"),
        ("assign", "accepted", "assigned"),
        ("answer", "assigned", "answered"),
        ("rate", "answered", "rehandling"),
        ("assign", "rehandling", "assigned"),
        ("answer", "assigned", "answered"),
        ("rate", "answered", "closed"),
    ]
    assert final.history[2].detail == "后勤服务中心 · 2026-12-31"
    assert final.history[3].detail == "已增设夜宵窗口。"  # the first reply stays in the history
    assert final.history[4].note == "菜价仍偏高"
    assert final.history[4].detail == "unsatisfied"
    assert final.history[1].operator == "秘书"
    kinds = _event_kinds(hall)
    assert kinds[-8:] == [
        "proposal.submit",
        "proposal.accept",
        "proposal.assign",
        "proposal.answer",
        "proposal.rate",
        "proposal.assign",
        "proposal.answer",
        "proposal.rate",
    ]
    assert audit.verify(hall).ok


def _event_kinds(db) -> list[str]:
    with db.read() as conn:
        return list(
            conn.execute(select(audit.T_EVENT.c.kind).order_by(audit.T_EVENT.c.id)).scalars()
        )


@pytest.mark.parametrize(
    ("call", "key"),
    [
        (lambda db: p.answer_proposal(db, 1, reply="答复"), "proposal.bad_step"),
        (lambda db: p.rate_proposal(db, 1, "满意"), "proposal.bad_step"),
        (
            lambda db: p.assign_proposal(db, 1, department="工会", due="2026-12-31"),
            "proposal.bad_step",
        ),
        (lambda db: p.reopen_proposal(db, 1, reason="误操作"), "proposal.bad_step"),
        (lambda db: p.reject_proposal(db, 1, reason="  "), "proposal.needs_reason"),
        (lambda db: p.merge_proposal(db, 1, 1), "proposal.merge_into_itself"),
        (lambda db: p.merge_proposal(db, 1, 99), "proposal.no_such_proposal"),
        (lambda db: p.accept_proposal(db, 7), "proposal.no_such_proposal"),
        (lambda db: p.accept_proposal(db, "三届九次-001"), "proposal.no_such_proposal"),
        (lambda db: p.rate_proposal(db, 1, "还行"), "proposal.bad_rating"),
    ],
)
def test_steps_out_of_order_or_without_their_input_change_nothing(hall, call, key):
    submit(hall)
    refused(hall, lambda: call(hall), key)


def test_a_step_needs_its_own_input(hall):
    submit(hall)
    p.accept_proposal(hall, 1)
    refused(
        hall,
        lambda: p.assign_proposal(hall, 1, department=" ", due="2026-12-31"),
        "proposal.empty_department",
    )
    refused(
        hall,
        lambda: p.assign_proposal(hall, 1, department="工会", due="2026-02-30"),
        "proposal.bad_date",
    )
    refused(
        hall, lambda: p.assign_proposal(hall, 1, department="工会", due="下周"), "proposal.bad_date"
    )
    p.assign_proposal(hall, 1, department="工会", due="2026/12/31")
    refused(hall, lambda: p.answer_proposal(hall, 1, reply=""), "proposal.empty_reply")


def test_a_due_date_before_the_day_given_is_refused(hall):
    submit(hall)
    p.accept_proposal(hall, 1)
    today = date(2026, 11, 21)
    error = refused(
        hall,
        lambda: p.assign_proposal(hall, 1, department="工会", due="2026-11-20", not_before=today),
        "proposal.due_in_past",
    )
    assert error.params == {"due": "2026-11-20", "today": "2026-11-21"}
    done = p.assign_proposal(hall, 1, department="工会", due="2026-11-21", not_before=today)
    assert done.row.due_date == "2026-11-21"  # due today is on the line: accepted
    late = p.assign_proposal(hall, 1, department="工会", due="2026-11-20")  # entered after the fact
    assert late.row.due_date == "2026-11-20"


def test_a_bad_step_refusal_names_the_status(hall):
    submit(hall)
    error = refused(hall, lambda: p.answer_proposal(hall, 1, reply="x"), "proposal.bad_step")
    assert error.params == {"label": "三届二次-001", "action": "answer", "status": "submitted"}
    from tui.i18n import refusal_text

    assert refusal_text(error) == "提案 三届二次-001 现为「已提交」，不能答复。"


def test_merging_and_undoing_a_decision(hall):
    submit(hall)
    submit(
        hall, "关于改善职工食堂饭菜质量的建议", proposers=("E0001",), seconders=("E0002", "E0003")
    )
    merged = p.merge_proposal(hall, 2, "001", note="同一事项")
    assert merged.row.status == rules.MERGED
    assert merged.merged_into == "三届二次-001"
    assert p.get_proposal(hall, 1).merged == ("三届二次-002",)
    refused(hall, lambda: p.merge_proposal(hall, 2, 1), "proposal.bad_step")  # merged already
    submit(hall, "关于第三件事的提案")
    refused(hall, lambda: p.merge_proposal(hall, 3, 2), "proposal.merge_target_closed")
    reopened = p.reopen_proposal(hall, 2, reason="两件提案诉求不同")
    assert reopened.row.status == rules.SUBMITTED
    assert reopened.merged_into is None
    assert p.get_proposal(hall, 1).merged == ()
    assert reopened.history[-1].note == "两件提案诉求不同"


def test_rejection_keeps_its_written_reason(hall):
    submit(hall)
    detail = p.reject_proposal(hall, 1, reason="属于个人诉求，不符合立案条件")
    assert detail.decision_note == "属于个人诉求，不符合立案条件"
    kind, payload = last_event(hall)
    assert (kind, payload["note"]) == ("proposal.reject", "属于个人诉求，不符合立案条件")
    refused(hall, lambda: p.merge_proposal(hall, 1, 1), "proposal.bad_step")


def test_a_correction_keeps_the_old_text_in_the_audit(hall):
    submit(hall, "关于提高食唐伙食质量的提案")
    detail = p.edit_proposal(hall, 1, title="关于提高食堂伙食质量的提案", category="其他")
    assert (detail.row.title, detail.row.category) == ("关于提高食堂伙食质量的提案", "其他")
    kind, payload = last_event(hall)
    assert kind == "proposal.edit"
    assert payload["old"] == {"title": "关于提高食唐伙食质量的提案", "category": "职工福利"}
    before = snapshot(hall)
    p.edit_proposal(hall, 1, title="关于提高食堂伙食质量的提案")  # nothing changes, nothing logged
    assert snapshot(hall) == before
    refused(hall, lambda: p.edit_proposal(hall, 1, category="福利"), "proposal.unknown_category")


# -- reading ------------------------------------------------------------------------------------


def _assigned(db, title: str, due: str) -> None:
    detail = submit(db, title)
    p.accept_proposal(db, detail.row.number)
    p.assign_proposal(db, detail.row.number, department="安全环保部", due=due)


def test_the_overdue_list_is_assigned_and_past_its_due_date(hall):
    _assigned(hall, "关于安全培训的提案", "2026-11-20")
    _assigned(hall, "关于劳保用品的提案", "2026-11-21")  # due today: not yet overdue
    _assigned(hall, "关于消防通道的提案", "2026-10-01")
    p.answer_proposal(hall, 3, reply="已整改")  # answered late is no longer owed
    today = date(2026, 11, 21)
    assert [r.number for r in p.overdue_proposals(hall, today=today)] == [1]
    assert p.list_proposals(hall, overdue=True, today=date(2026, 11, 22))[-1].number == 2


def test_filters_and_search(hall):
    submit(hall)
    submit(
        hall,
        "关于加强安全生产培训的提案",
        category="安全生产",
        proposers=("E0001",),
        seconders=("E0002", "E0003"),
    )
    p.accept_proposal(hall, 2)
    p.assign_proposal(hall, 2, department="安全环保部", due="2026-12-31")
    assert [r.number for r in p.list_proposals(hall, category="安全生产")] == [2]
    assert [r.number for r in p.list_proposals(hall, status="submitted")] == [1]
    assert [r.number for r in p.list_proposals(hall, delegation="第二代表团")] == [2]
    assert [r.number for r in p.list_proposals(hall, department="安全环保部")] == [2]
    assert [r.number for r in p.list_proposals(hall, query="食堂")] == [1]
    assert [r.number for r in p.list_proposals(hall, query="代表1")] == [
        1,
        2,
    ]  # D0001 and E0001 share the name
    assert [r.number for r in p.list_proposals(hall, query="2")] == [2]
    assert p.departments(hall) == ["安全环保部"]


def test_similar_earlier_proposals_are_offered_while_typing(hall):
    submit(hall)
    submit(hall, "关于加强安全生产培训的提案", category="安全生产")
    found = p.similar_proposals(hall, "关于改善食堂饭菜质量的建议")
    assert [(s.label, s.title) for s in found] == [
        ("三届二次-001", "关于提高职工食堂伙食质量的提案")
    ]
    assert p.similar_proposals(hall, "关于改善食堂饭菜质量的建议", exclude=1) == []


def test_the_compilation_holds_the_accepted_ones_only(hall):
    for title in ("关于甲的提案", "关于乙的提案", "关于丙的提案", "关于丁的提案"):
        submit(hall, title)
    p.accept_proposal(hall, 1)
    p.reject_proposal(hall, 2, reason="不予立案")
    p.accept_proposal(hall, 4)
    p.assign_proposal(hall, 4, department="人力资源部", due="2026-12-31")
    assert [d.row.title for d in p.compilation(hall)] == ["关于甲的提案", "关于丁的提案"]


# -- statistics ---------------------------------------------------------------------------------


def test_statistics_add_up_by_category_status_and_delegation(hall):
    submit(hall)  # 1 职工福利, 第一代表团
    submit(
        hall,
        "关于安全培训的提案",
        category="安全生产",
        proposers=("E0001",),
        seconders=("E0002", "E0003"),
    )
    submit(hall, "关于班车的提案", proposers=(), delegation="第二代表团")
    submit(hall, "关于食堂的建议")
    submit(hall, "关于个人调岗的提案")
    p.accept_proposal(hall, 1)
    p.assign_proposal(hall, 1, department="后勤", due="2026-01-01")
    p.answer_proposal(hall, 1, reply="已办")
    p.rate_proposal(hall, 1, "满意")
    p.accept_proposal(hall, 2)
    p.assign_proposal(hall, 2, department="安环", due="2026-01-01")
    p.suggest_proposal(hall, 3)
    p.merge_proposal(hall, 4, 1)
    stats = p.proposal_stats(hall, today=date(2026, 11, 21))
    assert (stats.received, stats.merged, stats.accepted, stats.suggestion, stats.rejected) == (
        5,
        1,
        2,
        1,
        0,
    )
    assert stats.pending == 1
    assert stats.answered == 1
    assert (stats.rated, stats.satisfied, stats.satisfaction_rate) == (
        1,
        1,
        rules.satisfaction_rate(1, 0, 1),
    )
    assert stats.overdue == 1
    assert stats.by_status["closed"] == 1 and stats.by_status["assigned"] == 1
    assert sum(stats.by_status.values()) == stats.received
    assert stats.by_category["职工福利"]["received"] == 4
    assert stats.by_category["安全生产"]["accepted"] == 1
    assert stats.by_category["生产经营"]["received"] == 0  # every category is listed
    assert stats.by_delegation["第一代表团"]["received"] == 3
    assert stats.by_delegation["第二代表团"] == {
        "received": 2,
        "merged": 0,
        "accepted": 1,
        "suggestion": 1,
        "rejected": 0,
        "answered": 0,
        "satisfied": 0,
    }
    data = p.stats_json(stats)
    assert data["satisfaction_rate"] == "100.0"
    assert {"received", "by_category", "by_status", "by_delegation"} <= set(data)
    json.dumps(data, ensure_ascii=False)


ACTIONS = st.sampled_from(
    ["submit", "accept", "suggest", "reject", "merge", "reopen", "assign", "answer", "rate"]
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(ACTIONS, st.integers(1, 6), st.sampled_from(rules.RATINGS)), max_size=25))
def test_any_sequence_of_steps_keeps_numbers_gap_free_and_the_figures_adding_up(
    sqlite_db_with_people, steps
):
    db = sqlite_db_with_people
    with db.write() as conn:  # each example starts empty
        for table in (p.T_LOG, p.T_PP, p.T_PROPOSAL):
            conn.execute(table.delete())
    for action, number, rating in steps:
        _try(db, action, number, rating)
    rows = p.list_proposals(db)
    assert [row.number for row in rows] == list(range(1, len(rows) + 1))
    stats = p.proposal_stats(db)
    parts = stats.merged + stats.accepted + stats.suggestion + stats.rejected + stats.pending
    assert stats.received == len(rows) == parts == sum(stats.by_status.values())
    assert sum(c["received"] for c in stats.by_category.values()) == stats.received
    assert sum(d["accepted"] for d in stats.by_delegation.values()) == stats.accepted
    assert stats.rated == stats.satisfied + stats.basic + stats.unsatisfied
    assert stats.answered >= stats.rated
    for row in rows:
        if row.status == rules.MERGED:
            target = p.get_proposal(db, row.number).merged_into
            assert p.get_proposal(db, target).row.status != rules.MERGED


def _try(db, action, number, rating) -> None:
    calls = {
        "submit": lambda: submit(db, f"关于第{number}件事的提案"),
        "accept": lambda: p.accept_proposal(db, number),
        "suggest": lambda: p.suggest_proposal(db, number),
        "reject": lambda: p.reject_proposal(db, number, reason="理由"),
        "merge": lambda: p.merge_proposal(db, number, 1),
        "reopen": lambda: p.reopen_proposal(db, number, reason="理由"),
        "assign": lambda: p.assign_proposal(db, number, department="工会", due="2026-12-31"),
        "answer": lambda: p.answer_proposal(db, number, reply="答复"),
        "rate": lambda: p.rate_proposal(db, number, rating),
    }
    with contextlib.suppress(Refusal):
        calls[action]()


@pytest.fixture
def sqlite_db_with_people(sqlite_db):
    create_congress(sqlite_db, "性质测试大会", term=3, session=2)
    add_people(sqlite_db, delegates(6))
    return sqlite_db


def test_the_sitting_does_not_matter_to_proposals(hall):
    from models.congress import create_sitting

    submit(hall)
    sitting = create_sitting(hall, "第二次全体会议")
    switch_sitting(hall, sitting.id)
    assert submit(hall, "关于乙的提案").row.number == 2
