"""docs/RULES.md §4 — appraisal of leaders (民主评议 / 满意度测评), exact to two decimals."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from models.errors import Refusal, refuse
from models.rules.thresholds import GT, HALF, ONE_THIRD, meets, on_line

TOP, MID, LOW, NONE = "top", "mid", "low", "none"  # 满意 / 基本满意 / 不满意 tiers; 不了解


@dataclass(frozen=True)
class Option:
    id: str
    label: str  # the wording printed on the sheet
    tier: str
    weight: int | None = None  # the published weighted score, when the wording has one


SCALES: dict[str, tuple[Option, ...]] = {
    "sat3": (
        Option("satisfied", "满意", TOP, 80),
        Option("basically", "基本满意", MID, 60),
        Option("unsatisfied", "不满意", LOW, 0),
    ),
    "comp4": (
        Option("excellent", "优秀", TOP),
        Option("competent", "称职", TOP),
        Option("basically_competent", "基本称职", MID),
        Option("incompetent", "不称职", LOW),
    ),
    "sat_unknown": (
        Option("satisfied", "满意", TOP, 80),
        Option("unsatisfied", "不满意", LOW, 0),
        Option("unknown", "不了解", NONE),
    ),
    "sat5": (
        Option("very_satisfied", "很满意", TOP, 100),
        Option("satisfied", "满意", TOP, 80),
        Option("basically", "基本满意", MID, 60),
        Option("somewhat_unsatisfied", "不太满意", LOW, 30),
        Option("unsatisfied", "不满意", LOW, 0),
    ),
}
DENOMINATORS = ("valid", "returned", "due")
GRADES = ("satisfied", "basically", "unsatisfied")


@dataclass(frozen=True)
class AppraisalSettings:
    scale: str = "sat3"
    denominator: str = "valid"
    warn_fraction: Fraction = ONE_THIRD  # warn when 不满意 exceeds this share
    weighted: bool = False


@dataclass(frozen=True)
class Sheets:
    issued: int | None
    returned: int
    invalid: int = 0

    @property
    def valid(self) -> int:
        return self.returned - self.invalid


@dataclass(frozen=True)
class SubjectResult:
    name: str
    counts: tuple[int, ...]  # one per option of the scale
    blank: int  # 弃权: valid sheets with no mark for this person
    denominator: int
    positive: int  # 满意 + 基本满意 tiers
    rate: Decimal | None  # percent, two decimals, ROUND_HALF_UP
    grade: str | None
    weighted: Decimal | None
    warning: bool  # 不满意 above the warning share
    grade_on_line: bool = False  # 2*满意 == N or 2*(满意+基本满意) == N: exactly half, flagged
    warning_on_line: bool = False  # 不满意 exactly at the warning share: no warning, flagged


@dataclass(frozen=True)
class AppraisalResult:
    valid: bool
    void_reason: str | None  # returned_exceeds_issued
    settings: AppraisalSettings
    options: tuple[Option, ...]
    issued: int | None
    returned: int
    invalid: int
    valid_sheets: int
    due: int
    subjects: tuple[SubjectResult, ...]


def sheet_problems(sheets: Sheets) -> list[Refusal]:
    numbers = (sheets.issued, sheets.returned, sheets.invalid)
    if any(n is not None and n < 0 for n in numbers):
        return [refuse("voting.negative")]
    if sheets.invalid > sheets.returned:
        return [refuse("appraisal.invalid_exceeds_returned", invalid=sheets.invalid)]
    return []


def count_problems(name: str, counts: Sequence[int], scale: str, sheets: Sheets) -> list[Refusal]:
    """A person's marks: one count per option, none negative, together at most the valid sheets."""
    if len(counts) != len(SCALES[scale]):
        return [refuse("appraisal.bad_counts", name=name)]
    if any(c < 0 for c in counts):
        return [refuse("voting.negative")]
    if sum(counts) > sheets.valid:
        return [
            refuse(
                "appraisal.counts_exceed_valid", name=name, total=sum(counts), valid=sheets.valid
            )
        ]
    return []


def percent(part: int, whole: int) -> Decimal | None:
    """百分比保留两位小数: ``100*part/whole`` to two decimals, ROUND_HALF_UP, computed in integers."""
    if whole <= 0:
        return None
    hundredths = (20000 * part + whole) // (2 * whole)
    return Decimal(hundredths).scaleb(-2)


def weighted_score(counts: Sequence[int], options: Sequence[Option]) -> Decimal | None:
    """加权得分: Σ weight·count / Σ count over the weighted options, two decimals, ROUND_HALF_UP."""
    pairs = [(c, o.weight) for c, o in zip(counts, options, strict=True) if o.tier != NONE]
    if any(w is None for _, w in pairs):
        return None
    marked = sum(c for c, _ in pairs)
    if marked == 0:
        return None
    total = sum(c * w for c, w in pairs)
    return percent(total, 100 * marked)


def grade(top: int, mid: int, base: int) -> str:
    """测评等次: 满意 if ``2*满意 > N``; else 基本满意 if ``2*(满意+基本满意) > N``; else 不满意."""
    if meets(top, base, HALF, GT):
        return "satisfied"
    if meets(top + mid, base, HALF, GT):
        return "basically"
    return "unsatisfied"


def subject_result(
    name: str, counts: Sequence[int], sheets: Sheets, due: int, settings: AppraisalSettings
) -> SubjectResult:
    """One person's 满意率 = (满意 + 基本满意) / the denominator setting, the grade and the warning."""
    options = SCALES[settings.scale]
    by_tier = {TOP: 0, MID: 0, LOW: 0, NONE: 0}
    for c, o in zip(counts, options, strict=True):
        by_tier[o.tier] += c
    base = {"valid": sheets.valid, "returned": sheets.returned, "due": due}[settings.denominator]
    positive = by_tier[TOP] + by_tier[MID]
    return SubjectResult(
        name=name,
        counts=tuple(counts),
        blank=sheets.valid - sum(counts),
        denominator=base,
        positive=positive,
        rate=percent(positive, base),
        grade=grade(by_tier[TOP], by_tier[MID], base) if base > 0 else None,
        weighted=weighted_score(counts, options) if settings.weighted else None,
        warning=base > 0 and meets(by_tier[LOW], base, settings.warn_fraction, GT),
        grade_on_line=base > 0
        and (on_line(by_tier[TOP], base, HALF) or on_line(by_tier[TOP] + by_tier[MID], base, HALF)),
        warning_on_line=base > 0 and on_line(by_tier[LOW], base, settings.warn_fraction),
    )


def appraisal_result(
    subjects: Sequence[tuple[str, Sequence[int]]],
    sheets: Sheets,
    *,
    due: int,
    settings: AppraisalSettings,
) -> AppraisalResult:
    """Every person's result; 收回多于发出 → 测评无效 (the whole appraisal is void)."""
    void = sheets.issued is not None and sheets.returned > sheets.issued
    return AppraisalResult(
        valid=not void,
        void_reason="returned_exceeds_issued" if void else None,
        settings=settings,
        options=SCALES[settings.scale],
        issued=sheets.issued,
        returned=sheets.returned,
        invalid=sheets.invalid,
        valid_sheets=sheets.valid,
        due=due,
        subjects=tuple(subject_result(n, c, sheets, due, settings) for n, c in subjects),
    )
