"""docs/RULES.md §6 — contest scores: marks, the trimmed panel mean, criteria, weighted stages, quiz
points and measured results.

Everything is exact: marks are Decimals, means and weighted totals are Fractions, and only the
figure shown is rounded (ROUND_HALF_UP, never banker's rounding) — so 92.445 shows as 92.45.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from models.errors import Refusal, refuse
from models.rules.buzzer import foul_deduction

MAX_TRIM = 2
MAX_DECIMALS = 4
MARK_PATTERN = re.compile(r"^[+-]?\d+(\.\d+)?$")
MAX_DIGITS = 16  # in a typed mark or result: more is a slip (the column holds 32 characters)
HIGHER, LOWER = "higher", "lower"  # measured results: which way is better

PANEL, MEASURED, QUIZ = "panel", "measured", "quiz"  # how one stage is scored
SUM, MEAN = "sum", "mean"  # team score of its members' scores


# --- marks -------------------------------------------------------------------------------------


def normalize_number(text: str) -> str:
    """Full-width digits and the Chinese full stop from an input method become ASCII."""
    text = unicodedata.normalize("NFKC", str(text or "")).strip()
    return text.replace("。", ".").replace("．", ".").replace(" ", "")


def parse_decimal(text: str) -> Decimal:
    """A plain decimal number (``92.5``, ``-10``); no exponents, no NaN, no thousands commas."""
    clean = normalize_number(text)
    if not MARK_PATTERN.match(clean):
        raise refuse("contest.not_a_number", text=str(text or "").strip())
    if sum(ch.isdigit() for ch in clean) > MAX_DIGITS:
        raise refuse("contest.too_many_digits", text=clean[:24], max=MAX_DIGITS)
    try:
        return Decimal(clean)
    except InvalidOperation as error:  # pragma: no cover - the pattern already guards this
        raise refuse("contest.not_a_number", text=str(text).strip()) from error


def parse_mark(text: str, maximum: Decimal) -> Decimal:
    """A judge's mark within [0, maximum]: 超过满分 (or below 0) is refused."""
    value = parse_decimal(text)
    if value < 0:
        raise refuse("contest.mark_negative", mark=str(value))
    if value > maximum:
        raise refuse("contest.mark_above_max", mark=str(value), max=plain(maximum))
    return value


def plain(value: Decimal | int) -> str:
    """A Decimal as typed, without exponent or trailing zeros after the point (``100``, ``9.5``)."""
    value = Decimal(value)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


# --- rounding ----------------------------------------------------------------------------------


def to_fraction(value: Decimal | Fraction | int) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def round_half_up(value: Decimal | Fraction | int, decimals: int) -> Decimal:
    """四舍五入: ``value`` to ``decimals`` places, halves away from zero, computed exactly in integers."""
    exact = to_fraction(value)
    scale = 10**decimals
    scaled = abs(exact) * scale
    units = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
    if exact < 0:
        units = -units
    return Decimal(units).scaleb(-decimals).quantize(Decimal(1).scaleb(-decimals))


def shown(value: Decimal | Fraction | int | None, decimals: int) -> str | None:
    """The score as printed: fixed decimals, ROUND_HALF_UP (``92.45``)."""
    if value is None:
        return None
    return f"{round_half_up(value, decimals):.{decimals}f}"


def unrounded(value: Fraction, places: int = 10) -> Decimal:
    """Full precision for storage and tie-breaking text: exact when it terminates, else to
    ``places`` decimals (half up)."""
    value = to_fraction(value)
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator == 1:
        return Decimal(value.numerator) / Decimal(value.denominator)
    return round_half_up(value, places)


# --- the panel ---------------------------------------------------------------------------------


def trim_problems(judges: int, trim: int) -> list[Refusal]:
    """评委人数: trim k drops k highest and k lowest, so at least 2k+1 judges must mark."""
    if judges < 1:
        return [refuse("contest.bad_judges", judges=judges)]
    if trim < 0 or trim > MAX_TRIM:
        return [refuse("contest.bad_trim", trim=trim, max=MAX_TRIM)]
    if judges < 2 * trim + 1:
        return [refuse("contest.too_few_judges", judges=judges, trim=trim, minimum=2 * trim + 1)]
    return []


def trim_recommended(judges: int, trim: int) -> bool:
    """docs/RULES.md §6: 五名以上评委 — with trimming, five or more judges are recommended (a warning, not a refusal)."""
    return trim > 0 and judges < 5


@dataclass(frozen=True)
class PanelScore:
    marks: tuple[Decimal, ...]  # in judge order
    dropped_low: tuple[int, ...]  # indexes into marks
    dropped_high: tuple[int, ...]
    kept_sum: Decimal
    kept_count: int
    mean: Fraction

    @property
    def dropped(self) -> frozenset[int]:
        return frozenset(self.dropped_low + self.dropped_high)


def panel_score(marks: Sequence[Decimal], trim: int) -> PanelScore:
    """去掉最高分和最低分: drop ``trim`` highest and ``trim`` lowest marks, one copy each even when repeated, and
    average the rest. Among equal marks the copy from the earliest judge is the one struck."""
    marks = tuple(Decimal(m) for m in marks)
    if len(marks) < 2 * trim + 1:
        raise refuse("contest.too_few_marks", marks=len(marks), minimum=2 * trim + 1)
    ascending = sorted(range(len(marks)), key=lambda i: (marks[i], i))
    descending = sorted(range(len(marks)), key=lambda i: (-marks[i], i))
    low = tuple(ascending[:trim])
    high: list[int] = []
    for index in descending:
        if len(high) == trim:
            break
        if index not in low:
            high.append(index)
    dropped = set(low) | set(high)
    kept = [m for i, m in enumerate(marks) if i not in dropped]
    total = sum(kept, Decimal(0))
    return PanelScore(marks, low, tuple(high), total, len(kept), Fraction(total) / len(kept))


# --- criteria sheets (评分细则) -------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    name: str
    maximum: Decimal


def criteria_problems(criteria: Sequence[Criterion], maximum: Decimal) -> list[Refusal]:
    """评分细则: named criteria, each with a positive maximum, summing to the full mark."""
    names = [c.name for c in criteria]
    if any(not n for n in names):
        return [refuse("contest.blank_criterion")]
    if len(set(names)) != len(names):
        return [refuse("contest.duplicate_criterion")]
    if any(c.maximum <= 0 for c in criteria):
        return [refuse("contest.bad_criterion_max")]
    total = sum((c.maximum for c in criteria), Decimal(0))
    if criteria and total != maximum:
        return [refuse("contest.criteria_sum", total=plain(total), max=plain(maximum))]
    return []


def sheet_total(marks: dict[str, Decimal], criteria: Sequence[Criterion]) -> Decimal | None:
    """评分细则: a judge's mark is the sum of the criteria; None until every criterion is marked."""
    if any(c.name not in marks for c in criteria):
        return None
    return sum((marks[c.name] for c in criteria), Decimal(0))


# --- weighted stages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    name: str
    weight: Decimal  # percent; 0 = recorded for tie-breaking only
    kind: str = PANEL
    maximum: Decimal = Decimal(100)
    criteria: tuple[Criterion, ...] = ()
    unit: str = ""
    better: str = HIGHER  # measured results only
    single: bool = False  # one mark (an exam paper), not the judges' panel


def parse_weight(text: str) -> Decimal:
    """``30``, ``30%`` or ``0.3`` → 30 (percent)."""
    raw = normalize_number(text).rstrip("%％")
    value = parse_decimal(raw)
    if "%" not in normalize_number(text) and value <= 1 and "." in raw:
        value *= 100
    if value < 0 or value > 100:
        raise refuse("contest.bad_weight", weight=str(text).strip())
    return value.normalize() if value == value.to_integral() else value


def stage_problems(stages: Sequence[Stage]) -> list[Refusal]:
    """权重: the weights (of the stages that count) must sum to exactly 100%; a measured or quiz stage
    cannot be mixed with weighted marks (their units differ)."""
    if not stages:
        return [refuse("contest.no_stages")]
    names = [s.name for s in stages]
    if len(set(names)) != len(names):
        return [refuse("contest.duplicate_stage")]
    counted = [s for s in stages if s.weight > 0]
    total = sum((s.weight for s in stages), Decimal(0))
    if total != 100:
        return [refuse("contest.weights_sum", total=plain(total))]
    if len(counted) > 1 and any(s.kind != PANEL for s in counted):
        return [refuse("contest.mixed_stage_kinds")]
    for stage in stages:
        problems = criteria_problems(stage.criteria, stage.maximum)
        if problems:
            return problems
    return []


def weighted_total(scores: Sequence[Fraction], weights: Sequence[Decimal]) -> Fraction:
    """加权: total = Σ wᵢ·scoreᵢ with the weights in percent (30 + 70 = 100)."""
    return sum(
        (to_fraction(s) * to_fraction(w) / 100 for s, w in zip(scores, weights, strict=True)),
        Fraction(0),
    )


# --- quiz (知识竞赛) ------------------------------------------------------------------------------

COMPULSORY, BUZZER, RISK = "compulsory", "buzzer", "risk"  # 必答 / 抢答 / 风险题
FOUL = "foul"  # 抢答犯规: a press before the host's 「开始」 (models/rules/buzzer.py)
QUESTION_KINDS = (COMPULSORY, BUZZER, RISK, FOUL)
QUESTION_ALIASES = {
    "必答": COMPULSORY,
    "必答题": COMPULSORY,
    "抢答": BUZZER,
    "抢答题": BUZZER,
    "风险": RISK,
    "风险题": RISK,
    "犯规": FOUL,
    "抢答犯规": FOUL,
}


@dataclass(frozen=True)
class QuizRules:
    start: int = 100  # every team starts with these points (基础分)
    compulsory_right: int = 10
    compulsory_wrong: int = 0
    buzzer_right: int = 10
    buzzer_wrong: int = 10  # deducted
    stakes: tuple[int, ...] = (10, 20, 30)  # a risk question wins or loses its stake
    foul: int | None = None  # deducted for 抢答犯规; None: as much as a wrong 抢答
    keys: tuple[tuple[str, str], ...] = ()  # buzzer key → team (number or name); () by number


def question_kind(text: str) -> str:
    clean = str(text or "").strip()
    kind = QUESTION_ALIASES.get(clean, clean.lower())
    if kind not in QUESTION_KINDS:
        raise refuse("contest.bad_question_kind", kind=clean)
    return kind


def question_points(rules: QuizRules, kind: str, right: bool, stake: int | None = None) -> int:
    """The points one answer earns: 必答, 抢答 and 风险题; + for right, − for a wrong 抢答 or 风险题
    (and for 抢答犯规, right or not)."""
    if kind == FOUL:
        return -foul_deduction(rules)
    if kind == COMPULSORY:
        return rules.compulsory_right if right else -rules.compulsory_wrong
    if kind == BUZZER:
        return rules.buzzer_right if right else -rules.buzzer_wrong
    if stake not in rules.stakes:
        raise refuse("contest.bad_stake", stake=stake, stakes="/".join(map(str, rules.stakes)))
    return stake if right else -stake


# --- measured results (点钞 count, time, distance) -------------------------------------------------


def parse_measure(text: str) -> Decimal:
    """A measured value: a number, or a time as ``m:ss.ff`` (converted to seconds)."""
    clean = normalize_number(text)
    value = parse_time(clean) if ":" in clean else parse_decimal(clean)
    if value < 0:
        raise refuse("contest.mark_negative", mark=str(value))
    return value


def parse_time(clean: str) -> Decimal:
    """``m:ss.ff`` in seconds. Signs and seconds of 60 or more are refused: ``1:-5`` or ``1:75``
    would otherwise be read as 55 s or 135 s, a plausible result nobody typed."""
    minutes, _, seconds = clean.partition(":")
    if not (minutes.isascii() and minutes.isdigit()) or len(minutes) > 9:
        raise refuse("contest.bad_time", text=clean)
    if not seconds[:1].isdigit():  # a sign, or nothing after the colon
        raise refuse("contest.bad_time", text=clean)
    value = parse_decimal(seconds)
    if value >= 60:
        raise refuse("contest.bad_time", text=clean)
    return Decimal(int(minutes) * 60) + value


# --- team score ---------------------------------------------------------------------------------


def team_score(member_scores: Sequence[Fraction], how: str = SUM) -> Fraction:
    """团体成绩: the members' scores summed (default) or averaged."""
    scores = [to_fraction(s) for s in member_scores]
    total = sum(scores, Fraction(0))
    if how == MEAN:
        return total / len(scores) if scores else Fraction(0)
    return total
