"""The speaking clock in words: the rules, the line under the scoring panel, the projector's clock,
and the calculation view's lines 「用时 5:47.30，超时 47.30 秒，每（不满）30 秒扣 0.5 分，扣 1.00 分」.

Pure text shared by the scoring screen, the projector and the CLI (models.rules.speaking decides,
this only says it)."""

from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from models.rules.scoring import plain, shown
from models.rules.speaking import (
    OVER,
    ClockRules,
    TimeVerdict,
    clock_phase,
    clock_time,
    whole_time,
)
from models.scores import ScoreCard, TimeInfo, shown_seconds
from tui.i18n import t
from tui.score_text import exact_text

# the clock's colour by phase: the speaker reads it from the stage
PHASE_STYLE = {
    "running": "bold green",
    "warning": "bold black on yellow",
    OVER: "bold white on red",
}


def unit_words(rules: ClockRules) -> str:
    key = "clock.unit.started" if rules.started_counts else "clock.unit.full"
    return t(key, unit=rules.unit, amount=plain(rules.amount))


def clock_words(rules: ClockRules) -> str:
    """「限时 5:00，4:00 提醒，最短 3:00，超时或不足每（不满）30 秒扣 0.5 分」."""
    minimum = ""
    if rules.minimum is not None:
        minimum = t("clock.words.minimum", minimum=whole_time(rules.minimum))
    grace = t("clock.words.grace", grace=rules.grace) if rules.grace else ""
    return t(
        "clock.words",
        limit=whole_time(rules.limit),
        warn=whole_time(rules.limit - rules.warning),
        minimum=minimum,
        rule=unit_words(rules),
        grace=grace,
    )


def deduction_text(deduction: Decimal, decimals: int) -> str:
    return shown(Fraction(deduction), max(decimals, 2))


def verdict_words(verdict: TimeVerdict | None, decimals: int) -> str:
    if verdict is None or not verdict.deduction:
        return t("clock.verdict.none")
    return t("clock.verdict.deduct", deduction=deduction_text(verdict.deduction, decimals))


def time_lines(card: ScoreCard) -> list[str]:
    """The calculation view's lines for an event with a clock: the time against the lines, then the
    score less the deduction (never below 0)."""
    rules = card.event.clock
    if rules is None:
        return []
    if card.verdict is None:
        running = card.timing is not None and card.timing.running
        return [t("clock.calc.running" if running else "clock.calc.no_time")]
    verdict = card.verdict
    lines = [_verdict_line(rules, verdict, card.decimals)]
    if verdict.deduction and card.before_time is not None:
        before = exact_text(card.before_time)
        deduction = deduction_text(verdict.deduction, card.decimals)
        if card.total == 0 and card.before_time < Fraction(verdict.deduction):
            lines.append(t("clock.calc.floor", before=before, deduction=deduction))
        else:
            total = exact_text(card.total)
            lines.append(t("clock.calc.final", before=before, deduction=deduction, total=total))
    return lines


def _verdict_line(rules: ClockRules, verdict: TimeVerdict, decimals: int) -> str:
    time = clock_time(verdict.seconds)
    grace = t("clock.calc.grace", grace=rules.grace) if rules.grace else ""
    deduction = deduction_text(verdict.deduction, decimals)
    if verdict.over:
        over = f"{verdict.over:.2f}"
        return t(
            "clock.calc.over",
            time=time,
            over=over,
            rule=unit_words(rules) + grace,
            deduction=deduction,
        )
    if verdict.under:
        under = f"{verdict.under:.2f}"
        return t(
            "clock.calc.under",
            time=time,
            under=under,
            rule=unit_words(rules) + grace,
            deduction=deduction,
        )
    return t("clock.calc.within", time=time)


def clock_state(
    rules: ClockRules, timing: TimeInfo | None, at: datetime | None = None
) -> tuple[str, str]:
    """(time shown, phase) of the clock now: ``0:00.00`` before it starts."""
    seconds = shown_seconds(timing, at)
    if seconds is None:
        return clock_time(Decimal(0)), "idle"
    return clock_time(seconds), clock_phase(rules, seconds)


def clock_line(card: ScoreCard, at: datetime | None = None) -> tuple[str, str, str]:
    """(text, style, phase) of the line under the scoring panel; the phase is ``idle`` before the
    clock starts, ``stopped`` once a time is recorded, else running, warning or over."""
    rules = card.event.clock
    limit = whole_time(rules.limit)
    time, phase = clock_state(rules, card.timing, at)
    if card.verdict is not None:
        verdict = verdict_words(card.verdict, card.decimals)
        style = PHASE_STYLE[phase] if phase == OVER else ""
        return t("clock.line.stopped", time=time, limit=limit, verdict=verdict), style, "stopped"
    if card.timing is None or not card.timing.running:
        return t("clock.line.idle", time=time, limit=limit), "dim", "idle"
    return t(f"clock.line.{phase}", time=time, limit=limit), PHASE_STYLE[phase], phase


def time_note(card: ScoreCard) -> str:
    """「用时 5:47.30，扣 1.00 分」 for a standings line."""
    time = clock_time(card.timing.seconds if card.timing else None)
    return t("clock.note", time=time, verdict=verdict_words(card.verdict, card.decimals))
