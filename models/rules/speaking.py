"""docs/RULES.md §6 — the speaking clock (演讲比赛 计时): a time limit per entrant, a warning before
it, and the deduction for overtime and undertime, 超时或不足每（满/不满）30秒扣0.5分.

Times are Decimals of seconds to the hundredth; the limit, warning, minimum, unit and grace are
whole seconds; the deduction is a Decimal. Nothing here is float: 30.00 s over a line and 30.01 s
over it must never land on the same side by a rounding accident.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from models.errors import Refusal, refuse
from models.rules.scoring import normalize_number, parse_decimal, parse_time, plain, to_fraction

RUNNING, WARNING, OVER = "running", "warning", "over"  # what the clock shows
HUNDREDTH = Decimal("0.01")
MAX_SECONDS = 10 * 3600  # a speech of ten hours is a slip


@dataclass(frozen=True)
class ClockRules:
    limit: int  # seconds allowed
    warning: int = 60  # the warning shows this many seconds before the limit
    minimum: int | None = None  # below this is undertime (None: no undertime line)
    unit: int = 30  # the deduction counts in units of this many seconds
    started_counts: bool = True  # 每不满30秒也算: a started unit counts (else only full ones)
    amount: Decimal = Decimal("0.5")  # points off per unit
    grace: int = 0  # seconds past the limit (or short of the minimum) that cost nothing


@dataclass(frozen=True)
class TimeVerdict:
    """What the time means under the rules: seconds over (or under) the line, units, points off."""

    seconds: Decimal
    over: Decimal  # beyond limit + grace; 0 when not over
    under: Decimal  # short of minimum − grace; 0 when not under
    units: int
    deduction: Decimal


# --- the deduction -----------------------------------------------------------------------------


def _units(beyond: Decimal, rules: ClockRules) -> int:
    """Whole units in ``beyond`` seconds, a started one counting when the rules say so (in integer
    hundredths, so the line is exact)."""
    if beyond <= 0:
        return 0
    hundredths = int((beyond / HUNDREDTH).to_integral_value(rounding=ROUND_DOWN))
    size = rules.unit * 100
    if rules.started_counts:
        return -(-hundredths // size)
    return hundredths // size


def time_verdict(rules: ClockRules, seconds: Decimal) -> TimeVerdict:
    """超时或不足 — the time against the lines: overtime is counted beyond limit + grace, undertime
    short of minimum − grace; exactly on a line is no deduction."""
    seconds = Decimal(seconds)
    over = max(Decimal(0), seconds - rules.limit - rules.grace)
    under = Decimal(0)
    if rules.minimum is not None:
        under = max(Decimal(0), Decimal(rules.minimum - rules.grace) - seconds)
    units = _units(over, rules) + _units(under, rules)
    return TimeVerdict(seconds, over, under, units, rules.amount * units)


def time_deduction(rules: ClockRules, seconds: Decimal) -> Decimal:
    """超时或不足每（满/不满）30秒扣0.5分: the points off for ``seconds``. Beyond limit + grace (or
    short of minimum − grace) each started unit counts (每不满30秒也算), or only each full one
    (每满30秒), times the amount. Exactly limit + grace costs nothing; 0.01 s more costs one unit
    when a started unit counts, nothing when only full units do; 30.00 s over is one unit both ways,
    30.01 s two or one."""
    return time_verdict(rules, seconds).deduction


def after_deduction(score: Fraction, deduction: Decimal) -> Fraction:
    """扣分后不低于零: the final score is the panel's score less the time deduction, never below 0
    (a deduction takes away points the speech earned, it never makes a debt)."""
    final = to_fraction(score) - Fraction(deduction)
    return final if final > 0 else Fraction(0)


def clock_phase(rules: ClockRules, seconds: Decimal) -> str:
    """计时提示: ``running`` until ``warning`` seconds before the limit, then ``warning`` up to and
    including the limit, ``over`` past it (red on the screen; deductions start after the grace)."""
    seconds = Decimal(seconds)
    if seconds > rules.limit:
        return OVER
    if seconds >= rules.limit - rules.warning:
        return WARNING
    return RUNNING


# --- times as written ------------------------------------------------------------------------------


def clock_time(seconds: Decimal | None) -> str:
    """``5:47.30`` for 347.3 s (minutes:seconds with hundredths); ``—`` for no time."""
    if seconds is None:
        return "—"
    seconds = Decimal(seconds).quantize(HUNDREDTH, rounding=ROUND_DOWN)
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}:{rest:05.2f}"


def whole_time(seconds: int) -> str:
    """``5:00`` for 300 s; the lines of the rules are whole seconds."""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


def parse_clock_time(text) -> Decimal:
    """A time typed by hand: ``4:35.20``, ``4:35.2`` or ``275.2`` (seconds), to the hundredth."""
    clean = normalize_number(str(text or "")).replace("：", ":")
    value = parse_time(clean) if ":" in clean else parse_decimal(clean)
    if value < 0 or value > MAX_SECONDS:
        raise refuse("clock.bad_time", text=str(text or "").strip())
    if value != value.quantize(HUNDREDTH, rounding=ROUND_DOWN):
        raise refuse("clock.hundredths", text=str(text or "").strip())
    return value.quantize(HUNDREDTH)


# --- the rules as written: "limit=5:00,warn=4:00,min=3:00,unit=30,amount=0.5,grace=5,full" --------

KEYS = {
    "limit": "limit",
    "限时": "limit",
    "warn": "warn",
    "提醒": "warn",
    "min": "min",
    "最短": "min",
    "unit": "unit",
    "每": "unit",
    "amount": "amount",
    "扣": "amount",
    "grace": "grace",
    "宽限": "grace",
}
FLAGS = {"full": False, "满": False, "started": True, "不满": True}


def _seconds(text: str, whole: str) -> int:
    """A line of the rules: ``5:00`` or ``300``, whole seconds."""
    clean = normalize_number(text).replace("：", ":")
    try:
        value = parse_time(clean) if ":" in clean else parse_decimal(clean)
    except Refusal:
        raise refuse("clock.bad_rules", part=whole) from None
    if value != value.to_integral_value() or value < 0 or value > MAX_SECONDS:
        raise refuse("clock.bad_rules", part=whole)
    return int(value)


def parse_clock(text) -> ClockRules | None:
    """The speaking clock as typed at the CLI or in the event form (empty: no clock).

    ``limit=5:00,warn=4:00,min=3:00,unit=30,amount=0.5,grace=5,full``: ``warn`` is the moment the
    warning shows (default one minute before the limit), ``min`` the undertime line, ``full`` counts
    only full units (default: a started unit counts, ``started``). Chinese keys work too
    (限时=5:00，提醒=4:00，最短=3:00，每=30，扣=0.5，宽限=5，满); a lone ``5:00`` is the limit."""
    clean = unicodedata.normalize("NFKC", str(text or "")).strip()
    if not clean or clean.lower() in ("none", "无", "-"):
        return None
    values: dict[str, str] = {}
    started = True
    for part in re.split(r"[,;、]", clean):
        part = part.strip()
        if not part:
            continue
        name, sep, value = (p.strip() for p in part.partition("="))
        if not sep:
            if part.lower() in FLAGS:
                started = FLAGS[part.lower()]
                continue
            name, value = "limit", part
        key = KEYS.get(name.lower())
        if key is None or key in values:
            raise refuse("clock.bad_rules", part=part)
        values[key] = value
    if "limit" not in values:
        raise refuse("clock.no_limit")
    return _rules_from(values, started, clean)


def _rules_from(values: dict[str, str], started: bool, whole: str) -> ClockRules:
    limit = _seconds(values["limit"], whole)
    warn = _seconds(values["warn"], whole) if "warn" in values else max(limit - 60, 0)
    minimum = _seconds(values["min"], whole) if "min" in values else None
    unit = _seconds(values["unit"], whole) if "unit" in values else 30
    grace = _seconds(values["grace"], whole) if "grace" in values else 0
    try:
        amount = parse_decimal(values.get("amount", "0.5"))
    except Refusal:
        raise refuse("clock.bad_rules", part=whole) from None
    rules = ClockRules(limit, limit - warn, minimum, unit, started, amount, grace)
    problem = clock_problem(rules)
    if problem:
        raise refuse(problem, limit=whole_time(limit))
    return rules


def clock_problem(rules: ClockRules) -> str | None:
    """The catalog key of what cannot be, or None: a limit of 0, a warning outside the speech, a
    minimum not below the limit, a unit of 0, a negative amount."""
    if rules.limit <= 0:
        return "clock.no_limit"
    if not 0 <= rules.warning <= rules.limit:
        return "clock.bad_warning"
    if rules.minimum is not None and not 0 <= rules.minimum < rules.limit:
        return "clock.bad_minimum"
    if rules.unit <= 0:
        return "clock.bad_unit"
    if rules.amount < 0 or rules.grace < 0:
        return "clock.bad_amount"
    return None


def clock_spec(rules: ClockRules) -> str:
    """The rules written back in the notation :func:`parse_clock` reads (what the log and the
    forms show)."""
    parts = [f"limit={whole_time(rules.limit)}", f"warn={whole_time(rules.limit - rules.warning)}"]
    if rules.minimum is not None:
        parts.append(f"min={whole_time(rules.minimum)}")
    parts += [f"unit={rules.unit}", f"amount={plain(rules.amount)}"]
    if rules.grace:
        parts.append(f"grace={rules.grace}")
    parts.append("started" if rules.started_counts else "full")
    return ",".join(parts)


def clock_json(rules: ClockRules) -> dict:
    return {
        "limit": rules.limit,
        "warning": rules.warning,
        "minimum": rules.minimum,
        "unit": rules.unit,
        "started_counts": rules.started_counts,
        "amount": plain(rules.amount),
        "grace": rules.grace,
    }


def clock_from_json(data: dict | None) -> ClockRules | None:
    if not data:
        return None
    return ClockRules(
        limit=int(data["limit"]),
        warning=int(data.get("warning", 60)),
        minimum=None if data.get("minimum") is None else int(data["minimum"]),
        unit=int(data.get("unit", 30)),
        started_counts=bool(data.get("started_counts", True)),
        amount=Decimal(str(data.get("amount", "0.5"))),
        grace=int(data.get("grace", 0)),
    )
