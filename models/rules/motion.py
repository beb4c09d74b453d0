"""docs/RULES.md §2 — motions (表决事项): the count checks and the pass rule, in integers."""

from collections.abc import Iterable
from dataclasses import dataclass

from models.errors import Refusal, refuse
from models.rules.thresholds import GT, HALF, meets, minimum_count, on_line

BASES = ("due", "present", "valid")
HANDS = "hands"  # 举手/鼓掌
SECRET = "secret"  # 无记名投票
METHODS = (HANDS, SECRET)
CHOICES = ("yes", "no", "abstain", "invalid")


@dataclass(frozen=True)
class MotionCount:
    """One entry of a motion's count: totals, or one delegation's show of hands."""

    yes: int
    no: int
    abstain: int
    issued: int | None = None
    returned: int | None = None
    invalid: int | None = None

    @property
    def valid(self) -> int:
        return self.yes + self.no + self.abstain


def sum_counts(counts: Iterable[MotionCount]) -> MotionCount:
    """Per-delegation shows of hands add up to one total."""
    counts = list(counts)

    def total(name):
        values = [getattr(c, name) for c in counts]
        return None if all(v is None for v in values) else sum(v or 0 for v in values)

    return MotionCount(
        yes=sum(c.yes for c in counts),
        no=sum(c.no for c in counts),
        abstain=sum(c.abstain for c in counts),
        issued=total("issued"),
        returned=total("returned"),
        invalid=total("invalid"),
    )


def count_choices(choices: Iterable[str], issued: int | None) -> MotionCount:
    """Secret ballots keyed one by one (赞成/反对/弃权/无效) become counted totals."""
    tally = dict.fromkeys(CHOICES, 0)
    for choice in choices:
        tally[choice] += 1
    returned = sum(tally.values())
    return MotionCount(
        yes=tally["yes"],
        no=tally["no"],
        abstain=tally["abstain"],
        issued=issued,
        returned=returned,
        invalid=tally["invalid"],
    )


def count_problems(count: MotionCount, *, method: str, present: int) -> list[Refusal]:
    """Why a count cannot be accepted; empty when it adds up (docs/RULES.md §2).

    Show of hands: 赞成+反对+弃权 ≤ 实到. Secret ballot: 有效+无效 = 收回 ≤ 发出 ≤ 实到.
    """
    numbers = [count.yes, count.no, count.abstain, count.issued, count.returned, count.invalid]
    if any(n is not None and n < 0 for n in numbers):
        return [refuse("voting.negative")]
    if method == HANDS:
        if count.issued is not None or count.returned is not None or count.invalid is not None:
            return [refuse("voting.hands_no_ballots")]
        if count.valid > present:
            return [refuse("voting.hands_exceed_present", valid=count.valid, present=present)]
        return []
    problems = []
    if count.issued is None or count.returned is None or count.invalid is None:
        return [refuse("voting.secret_needs_ballots")]
    if count.valid + count.invalid != count.returned:
        problems.append(
            refuse(
                "voting.returned_mismatch",
                valid=count.valid,
                invalid=count.invalid,
                returned=count.returned,
            )
        )
    if count.returned > count.issued:
        problems.append(
            refuse("voting.returned_exceeds_issued", returned=count.returned, issued=count.issued)
        )
    if count.issued > present:
        problems.append(
            refuse("voting.issued_exceeds_present", issued=count.issued, present=present)
        )
    return problems


def method_problems(method: str, important: bool) -> list[Refusal]:
    """重要事项…应当采用无记名投票: a show of hands is refused for an important item."""
    if method not in METHODS:
        return [refuse("voting.bad_method", method=method)]
    if important and method == HANDS:
        return [refuse("voting.important_needs_secret")]
    return []


@dataclass(frozen=True)
class MotionResult:
    passed: bool
    yes: int
    no: int
    abstain: int
    valid: int
    invalid: int | None
    issued: int | None
    returned: int | None
    due: int
    present: int
    base_kind: str
    base: int
    comparator: str
    threshold: int  # the fewest 赞成 that pass
    exactly_on_line: bool  # 2*赞成 == base: exactly half, flagged on every report


def motion_base(base_kind: str, *, due: int, present: int, valid: int) -> int:
    """表决基数: 应到 (default), 实到 or 有效票, the base the pass rule counts against."""
    if base_kind == "due":
        return due
    if base_kind == "present":
        return present
    if base_kind == "valid":
        return valid
    raise ValueError(f"unknown base {base_kind!r}")


def motion_result(
    count: MotionCount, *, due: int, present: int, base_kind: str = "due", comparator: str = GT
) -> MotionResult:
    """表决通过 by default (《企业民主管理规定》§20): ``2*赞成 > 应到`` — absence and abstention count against."""
    base = motion_base(base_kind, due=due, present=present, valid=count.valid)
    return MotionResult(
        passed=base > 0 and meets(count.yes, base, HALF, comparator),
        yes=count.yes,
        no=count.no,
        abstain=count.abstain,
        valid=count.valid,
        invalid=count.invalid,
        issued=count.issued,
        returned=count.returned,
        due=due,
        present=present,
        base_kind=base_kind,
        base=base,
        comparator=comparator,
        threshold=minimum_count(base, HALF, comparator),
        exactly_on_line=base > 0 and on_line(count.yes, base, HALF),
    )
