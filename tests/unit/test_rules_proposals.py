"""RULES §5 as pure functions: the lifecycle table, the seconders edge, the satisfaction rate and
the similar-proposal score on real Chinese titles."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.rules import proposals as r


@pytest.mark.parametrize(
    ("status", "actions"),
    [
        (r.SUBMITTED, ("merge", "accept", "suggest", "reject")),
        (r.MERGED, ("reopen",)),
        (r.ACCEPTED, ("reopen", "assign")),
        (r.SUGGESTION, ("reopen",)),
        (r.REJECTED, ("reopen",)),
        (r.ASSIGNED, ("assign", "answer")),
        (r.ANSWERED, ("rate",)),
        (r.CLOSED, ()),
        (r.REHANDLING, ("assign",)),
    ],
)
def test_each_status_allows_exactly_its_next_steps(status, actions):
    assert r.next_actions(status) == actions


def test_every_step_leads_to_a_known_status_and_every_status_is_reachable():
    targets = {step.target for step in r.STEPS.values()} | {r.REHANDLING, r.SUBMITTED}
    assert targets == set(r.STATUSES)


@pytest.mark.parametrize(
    ("action", "status", "allowed"),
    [
        ("answer", r.ACCEPTED, False),  # not handed to a department yet
        ("answer", r.ASSIGNED, True),
        ("rate", r.ASSIGNED, False),  # nothing to rate before the answer
        ("rate", r.ANSWERED, True),
        ("accept", r.MERGED, False),  # a merged one is handled through the other
        ("assign", r.SUBMITTED, False),  # 立案 comes first
        ("reopen", r.ASSIGNED, False),  # a department already has it
        ("reject", r.ACCEPTED, False),
    ],
)
def test_steps_out_of_order_are_refused(action, status, allowed):
    assert r.step_allowed(action, status) is allowed


def test_only_a_written_decision_needs_a_reason():
    assert {a for a, s in r.STEPS.items() if s.needs_note} == {"reject", "reopen"}


@pytest.mark.parametrize(
    ("rating", "status"),
    [(r.SATISFIED, r.CLOSED), (r.BASIC, r.CLOSED), (r.UNSATISFIED, r.REHANDLING)],
)
def test_unsatisfied_goes_back_to_handling(rating, status):
    assert r.rated_status(rating) == status


@pytest.mark.parametrize(
    ("seconders", "minimum", "short"),
    [(1, 2, True), (2, 2, False), (3, 2, False), (0, 0, False), (4, 5, True), (5, 5, False)],
)
def test_seconders_edge_exactly_the_minimum_is_enough(seconders, minimum, short):
    assert r.seconders_short(seconders, minimum) is short


@pytest.mark.parametrize(
    ("proposers", "delegation", "kind"),
    [(1, False, r.PERSON), (2, False, r.JOINT), (0, True, r.DELEGATION), (1, True, r.DELEGATION)],
)
def test_proposer_kind(proposers, delegation, kind):
    assert r.proposer_kind(proposers, delegation) == kind


@pytest.mark.parametrize(
    ("satisfied", "basic", "rated", "rate"),
    [
        (0, 0, 0, None),
        (1, 0, 1, D("100.0")),
        (0, 0, 3, D("0.0")),
        (1, 1, 3, D("66.7")),  # 66.666… rounds up
        (1, 0, 8, D("12.5")),
        (1, 0, 16, D("6.3")),  # 6.25 → 6.3: half up, not to even
        (1, 0, 6, D("16.7")),
    ],
)
def test_satisfaction_rate_counts_basic_as_satisfied_and_rounds_half_up(
    satisfied, basic, rated, rate
):
    assert r.satisfaction_rate(satisfied, basic, rated) == rate


@given(st.integers(0, 500), st.integers(0, 500), st.integers(0, 500))
def test_satisfaction_rate_is_a_percentage(satisfied, basic, unsatisfied):
    rated = satisfied + basic + unsatisfied
    rate = r.satisfaction_rate(satisfied, basic, rated)
    if rated == 0:
        assert rate is None
    else:
        assert D(0) <= rate <= D(100)
        assert abs(rate - D(100 * (satisfied + basic)) / D(rated)) <= D("0.05")


ALIKE = [
    ("关于提高职工食堂伙食质量的提案", "关于改善职工食堂饭菜质量的建议"),
    ("关于增加班车线路的建议", "关于增开职工通勤班车的提案"),
    ("关于提高夜班补贴标准的提案", "关于提高夜班津贴的建议"),
    ("关于加强安全生产培训的提案", "关于加强安全教育培训的建议"),
    ("关于完善带薪休假制度的提案", "关于落实带薪年休假的建议"),
    ("关于改善厂区停车条件的建议", "关于增加厂区停车位的提案"),
    ("食堂伙食", "关于提高职工食堂伙食质量的提案"),  # a title typed so far
]
UNLIKE = [
    ("关于提高职工食堂伙食质量的提案", "关于加强安全生产培训的提案"),
    ("关于建设职工健身房的提案", "关于建立职工书屋的提案"),
    ("关于完善带薪休假制度的提案", "关于提高夜班补贴标准的提案"),
    ("关于完善职工体检制度的提案", "关于完善带薪休假制度的提案"),  # same frame, other subject
    ("关于提高夜班补贴标准的提案", "关于提高一线职工高温补贴的提案"),
    ("关于", "关于提高职工食堂伙食质量的提案"),
]


@pytest.mark.parametrize(("a", "b"), ALIKE)
def test_titles_about_the_same_thing_are_similar(a, b):
    assert r.similarity(a, "", b, "") >= r.SIMILAR_THRESHOLD


@pytest.mark.parametrize(("a", "b"), UNLIKE)
def test_titles_about_different_things_are_not(a, b):
    assert r.similarity(a, "", b, "") < r.SIMILAR_THRESHOLD


def test_the_same_text_under_another_title_is_found():
    text = "食堂饭菜品种单一，价格偏高，夜班职工下班后无处就餐。建议增加夜宵窗口，公开菜价。"
    score = r.similarity("关于夜宵窗口的提案", text, "关于改进后勤服务的建议", text)
    assert score >= r.SIMILAR_THRESHOLD


def test_rank_similar_puts_the_closest_first_and_drops_the_rest():
    candidates = {
        1: ("关于加强安全生产培训的提案", ""),
        2: ("关于改善职工食堂饭菜质量的建议", ""),
        3: ("关于提高职工食堂伙食质量的提案", ""),
    }
    ranked = r.rank_similar("关于提高食堂伙食质量的提案", "", candidates)
    assert [key for key, _ in ranked] == [3, 2]


def test_an_empty_query_finds_nothing():
    assert r.rank_similar("  ", "", {1: ("关于提高职工食堂伙食质量的提案", "")}) == []


@given(st.text(max_size=40), st.text(max_size=40))
def test_similarity_is_bounded_and_symmetric_on_titles(a, b):
    score = r.similarity(a, "", b, "")
    assert 0 <= score <= 100
    assert score == pytest.approx(r.similarity(b, "", a, ""))
