"""Proposals (docs/RULES.md §5): the lifecycle, the seconders rule, similarity and the satisfaction rate.

Pure functions, no database. The services in ``models.proposals`` ask these before they write.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from rapidfuzz import fuzz, process, utils

SUBMITTED = "submitted"  # 已提交
MERGED = "merged"  # 已合并 (into another proposal)
ACCEPTED = "accepted"  # 已立案
SUGGESTION = "suggestion"  # 转为意见建议
REJECTED = "rejected"  # 不予立案
ASSIGNED = "assigned"  # 已交办
ANSWERED = "answered"  # 已答复
CLOSED = "closed"  # 已办结 (rated 满意 or 基本满意)
REHANDLING = "rehandling"  # 重新办理 (rated 不满意; waits to be assigned again)
STATUSES = (
    SUBMITTED,
    MERGED,
    ACCEPTED,
    SUGGESTION,
    REJECTED,
    ASSIGNED,
    ANSWERED,
    CLOSED,
    REHANDLING,
)
# 立案 and every step after it: these are in the compilation and count as accepted.
ACCEPTED_SET = (ACCEPTED, ASSIGNED, ANSWERED, CLOSED, REHANDLING)
HANDLING = (ASSIGNED, REHANDLING)  # a department owes an answer (overdue is measured on these)

SATISFIED = "satisfied"  # 满意
BASIC = "basic"  # 基本满意
UNSATISFIED = "unsatisfied"  # 不满意
RATINGS = (SATISFIED, BASIC, UNSATISFIED)

PERSON = "person"  # one delegate
JOINT = "joint"  # several delegates jointly (联名)
DELEGATION = "delegation"  # a delegation (代表团)
PROPOSER_KINDS = (PERSON, JOINT, DELEGATION)

DEFAULT_CATEGORIES = ("生产经营", "安全生产", "职工福利", "劳动保障", "民主管理", "其他")
DEFAULT_MIN_SECONDERS = 2
MAX_MIN_SECONDERS = 50


@dataclass(frozen=True)
class Step:
    """One lifecycle action: the statuses it may start from and the status it leads to."""

    action: str
    sources: tuple[str, ...]
    target: str
    needs_note: bool = False  # a written reason is part of the decision


STEPS = {
    step.action: step
    for step in (
        Step("merge", (SUBMITTED,), MERGED),
        Step("accept", (SUBMITTED,), ACCEPTED),
        Step("suggest", (SUBMITTED,), SUGGESTION),
        Step("reject", (SUBMITTED,), REJECTED, needs_note=True),
        # Undoing a decision taken by mistake; once a department has it, it is no longer a desk slip.
        Step("reopen", (MERGED, ACCEPTED, SUGGESTION, REJECTED), SUBMITTED, needs_note=True),
        Step("assign", (ACCEPTED, ASSIGNED, REHANDLING), ASSIGNED),
        Step("answer", (ASSIGNED,), ANSWERED),
        Step("rate", (ANSWERED,), CLOSED),  # 不满意 leads to REHANDLING instead, see rated_status
    )
}
ACTIONS = tuple(STEPS)


def step_allowed(action: str, status: str) -> bool:
    """May a proposal in ``status`` take ``action`` (立案, 不予立案, 交办 …)?"""
    return status in STEPS[action].sources


def next_actions(status: str) -> tuple[str, ...]:
    """The actions a proposal in ``status`` can take next, in lifecycle order (已提交 → 立案 |
    转为意见建议 | 不予立案 → 交办 → 已答复)."""
    return tuple(action for action, step in STEPS.items() if status in step.sources)


def rated_status(rating: str) -> str:
    """满意 and 基本满意 close the proposal; 不满意 sends it back: 重新办理."""
    return REHANDLING if rating == UNSATISFIED else CLOSED


def proposer_kind(proposers: int, delegation: bool) -> str:
    """One delegate, several delegates 联名, or a delegation."""
    if delegation:
        return DELEGATION
    return JOINT if proposers > 1 else PERSON


def seconders_short(seconders: int, minimum: int) -> bool:
    """附议人 too few: fewer seconders than the setting asks for (the edge: exactly ``minimum`` is enough)."""
    return seconders < minimum


def satisfaction_rate(satisfied: int, basic: int, rated: int) -> Decimal | None:
    """提案满意率 = (满意 + 基本满意) / rated, in percent with one decimal (ROUND_HALF_UP); None if
    nobody has rated yet."""
    if rated <= 0:
        return None
    percent = Decimal(100 * (satisfied + basic)) / Decimal(rated)
    return percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# Words every proposal title carries; left in, they make any two titles look alike.
_BOILERPLATE = (
    "关于进一步",
    "关于",
    "的提案",
    "的建议",
    "的意见",
    "提案",
    "建议",
    "进一步",
    "职工",
    "有关",
    "问题",
    "制度",
    # the verbs titles open with (提高…, 完善…制度) say little about the subject
    "加强",
    "提高",
    "完善",
    "改善",
    "改进",
    "增加",
    "建立",
    "建设",
    "落实",
    "加快",
    "推进",
    "解决",
    "规范",
)
SIMILAR_THRESHOLD = 50  # out of 100; tuned on the pairs in tests/unit/test_rules_proposals.py
_MIN_CORE = 2
_MIN_PARTIAL = 3  # a title typed so far is compared as a part of the other once it has 3 characters
_PARTIAL_WEIGHT = 0.9


def title_core(title: str) -> str:
    """The title without its set phrases, punctuation and spaces: what the proposal is about."""
    core = utils.default_process(title or "").replace(" ", "")
    for phrase in _BOILERPLATE:
        core = core.replace(phrase, "")
    return core


def similarity(title: str, text: str, other_title: str, other_text: str) -> float:
    """0–100: how alike two proposals read, on their titles' cores (character level, as Chinese
    has no spaces) and, when both have one, their 案由 + 建议 text."""
    a, b = title_core(title), title_core(other_title)
    score = 0.0
    if len(a) >= _MIN_CORE and len(b) >= _MIN_CORE:
        score = fuzz.ratio(a, b)
        if min(len(a), len(b)) >= _MIN_PARTIAL:
            score = max(score, fuzz.partial_ratio(a, b) * _PARTIAL_WEIGHT)
    if text.strip() and other_text.strip():
        body = fuzz.token_set_ratio(_bigrams(text), _bigrams(other_text))
        score = max(score, body * 0.9)
    return score


def _bigrams(text: str) -> str:
    chars = [c for c in utils.default_process(text) if not c.isspace()]
    return " ".join(a + b for a, b in pairwise(chars))


def rank_similar(
    title: str, text: str, candidates: dict[int, tuple[str, str]], *, limit: int = 5
) -> list[tuple[int, float]]:
    """The candidates (id → (title, text)) at or above the threshold, most alike first."""
    if not title_core(title) and not text.strip():
        return []
    scored = process.extract(
        (title, text),
        candidates,
        scorer=lambda query, choice, **_: similarity(query[0], query[1], choice[0], choice[1]),
        processor=None,
        score_cutoff=SIMILAR_THRESHOLD,
        limit=limit,
    )
    return [(key, round(score, 1)) for _choice, score, key in scored]
