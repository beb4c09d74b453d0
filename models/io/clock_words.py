"""The speaking clock in the printed documents' fixed Chinese (PDF sheets, the workbook): the
rules of an event and each entrant's time and deduction (models.rules.speaking decides)."""

from fractions import Fraction

from models.rules.scoring import plain, shown
from models.rules.speaking import ClockRules, clock_time, whole_time
from models.scores import ScoreCard

DASH = "—"


def clock_rules_words(rules: ClockRules) -> str:
    """「演讲计时：限时 5:00，4:00 提醒，最短 3:00，超时或不足每（不满）30 秒扣 0.5 分，宽限 5 秒」."""
    each = "每（不满）" if rules.started_counts else "每满"
    parts = [f"限时 {whole_time(rules.limit)}", f"{whole_time(rules.limit - rules.warning)} 提醒"]
    if rules.minimum is not None:
        parts.append(f"最短 {whole_time(rules.minimum)}")
    parts.append(f"超时或不足{each} {rules.unit} 秒扣 {plain(rules.amount)} 分")
    if rules.grace:
        parts.append(f"宽限 {rules.grace} 秒")
    return "演讲计时：" + "，".join(parts) + "；扣分后不低于 0"


def time_text(card: ScoreCard) -> str:
    seconds = card.timing.seconds if card.timing else None
    return DASH if seconds is None else clock_time(seconds)


def deduction_text(card: ScoreCard) -> str:
    if card.verdict is None:
        return DASH
    return shown(Fraction(card.deduction), max(card.decimals, 2))


def time_note(card: ScoreCard) -> str:
    """「用时 5:47.30，扣 1.00 分」, or 「用时 4:35.20，不扣分」; empty before a time is recorded."""
    if card.verdict is None:
        return ""
    if not card.deduction:
        return f"用时 {time_text(card)}，不扣分"
    return f"用时 {time_text(card)}，扣 {deduction_text(card)} 分"
