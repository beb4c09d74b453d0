"""A score card explained step by step (算分过程), in the active language.

Pure text: the scoring screen's "show calculation" view and the CLI print these lines so a result
can be defended to a contestant — the marks in judge order, which were dropped, the kept sum and
count, the exact mean, each stage's weight, the unrounded total and the rounding (四舍五入).
"""

from decimal import Decimal
from fractions import Fraction

from models.contests import ContestInfo
from models.io.contest_words import award_parts, breaker_parts, has_panel, stage_kind
from models.numerals import chinese_number
from models.rules.scoring import LOWER, MEASURED, QUIZ, plain, shown, to_fraction
from models.scores import ScoreCard, StageCard
from tui.i18n import get_lang, t

EXACT_PLACES = 10  # a mean that never ends (271 ÷ 3) is written to this many places, then "…"


# --- numbers -------------------------------------------------------------------------------------


def terminates(value: Fraction) -> bool:
    """True when the fraction is a finite decimal (its denominator has no prime but 2 and 5)."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def exact_text(value: Decimal | Fraction | int) -> str:
    """The full value: exact when it ends (92.445), else its first ten places and "…"
    (92.1666666666…): cut, not rounded, so the rounding step below is the only one."""
    value = to_fraction(value)
    if terminates(value):
        return plain(Decimal(value.numerator) / Decimal(value.denominator))
    scale = 10**EXACT_PLACES
    cut = abs(value.numerator) * scale // value.denominator
    digits = Decimal(cut).scaleb(-EXACT_PLACES)
    return ("-" if value < 0 else "") + format(digits, "f") + "…"


def signed(points: int) -> str:
    return f"+{points}" if points >= 0 else f"−{-points}"


# --- labels --------------------------------------------------------------------------------------


def judge_label(contest: ContestInfo, judge: int) -> str:
    """「3号评委」, with the judge's name when the contest lists one."""
    label = t("contest.judge", judge=judge)
    name = contest.judge_name(judge)
    return t("sc.judge_named", label=label, name=name) if name else label


def entrant_line(card: ScoreCard) -> str:
    entrant = card.entrant
    parts = [t("sc.entrant_number", number=entrant.number), entrant.name]
    parts.extend(p for p in (entrant.unit, entrant.group, card.event.name) if p)
    return " · ".join(parts)


def stage_heading(stage_card: StageCard) -> str:
    stage = stage_card.stage
    if stage.weight > 0:
        return t("sc.calc.stage", stage=stage.name, weight=plain(stage.weight))
    return t("sc.calc.stage_breaker", stage=stage.name)


# --- one stage -----------------------------------------------------------------------------------


def criteria_text(stage_card: StageCard, index: int) -> str:
    """「内容 38 + 表达 27 + 形象 19 = 84」 for one judge of a criteria sheet."""
    sheet = stage_card.criteria[index]
    parts = [
        f"{c.name} {plain(sheet[c.name])}" if c.name in sheet else f"{c.name} —"
        for c in stage_card.stage.criteria
    ]
    text = " + ".join(parts)
    mark = stage_card.marks[index]
    return f"{text} = {plain(mark)}" if mark is not None else text


def judge_lines(contest: ContestInfo, stage_card: StageCard) -> list[str]:
    panel = stage_card.panel
    lines = []
    for index, mark in enumerate(stage_card.marks):
        label = judge_label(contest, index + 1)
        if stage_card.stage.criteria:
            value = criteria_text(stage_card, index)
        else:
            value = "—" if mark is None else plain(mark)
        line = t("sc.calc.judge_mark", judge=label, mark=value)
        if panel is not None and index in panel.dropped_high:
            line += t("sc.calc.dropped_high_note")
        elif panel is not None and index in panel.dropped_low:
            line += t("sc.calc.dropped_low_note")
        lines.append(line)
    return lines


def dropped_words(contest: ContestInfo, stage_card: StageCard, indexes) -> str:
    marks = stage_card.panel.marks
    return t("sc.list_sep").join(
        t("sc.calc.dropped_item", mark=plain(marks[i]), judge=judge_label(contest, i + 1))
        for i in indexes
    )


def panel_lines(contest: ContestInfo, stage_card: StageCard) -> list[str]:
    """Marks in judge order, the dropped ones, the kept sum ÷ count = the exact mean."""
    lines = judge_lines(contest, stage_card)
    panel = stage_card.panel
    if panel is None:
        due = stage_card.judges
        lines.append(t("sc.calc.incomplete", marks=stage_card.marks_in, due=due))
        return lines
    if panel.dropped_high or panel.dropped_low:
        lines.append(
            t(
                "sc.calc.dropped",
                trim=len(panel.dropped_high),
                high=dropped_words(contest, stage_card, panel.dropped_high),
                low=dropped_words(contest, stage_card, panel.dropped_low),
            )
        )
    else:
        lines.append(t("sc.calc.no_trim"))
    kept = [plain(m) for i, m in enumerate(panel.marks) if i not in panel.dropped]
    lines.append(
        t(
            "sc.calc.kept",
            marks=" + ".join(kept),
            sum=plain(panel.kept_sum),
            count=panel.kept_count,
        )
    )
    lines.append(
        t(
            "sc.calc.mean",
            sum=plain(panel.kept_sum),
            count=panel.kept_count,
            mean=exact_text(panel.mean),
        )
    )
    return lines


def single_lines(stage_card: StageCard) -> list[str]:
    """An exam paper or a measured result: one value (with its unit and direction)."""
    stage = stage_card.stage
    value = stage_card.marks[0] if stage_card.marks else None
    if value is None:
        return [t("sc.calc.incomplete", marks=0, due=1)]
    if stage.kind == MEASURED:
        better = t(f"contest.better.{stage.better}")
        unit = stage.unit
        return [t("sc.calc.measured", value=plain(value), unit=unit, better=better)]
    return [t("sc.calc.single", value=plain(value), max=plain(stage.maximum))]


def quiz_lines(stage_card: StageCard) -> list[str]:
    """Starting points, then every question's points (voided ones shown but not counted)."""
    lines = [t("sc.calc.quiz_start", start=stage_card.start)]
    for answer in stage_card.answers:
        kind = t(f"contest.question.{answer.kind}")
        if answer.stake is not None:
            kind = t("sc.calc.quiz_stake", kind=kind, stake=answer.stake)
        right = t("sc.calc.right") if answer.right else t("sc.calc.wrong")
        line = t(
            "sc.calc.quiz_answer",
            question=answer.question,
            kind=kind,
            right=right,
            points=signed(answer.points),
        )
        if answer.void:
            line += t("sc.calc.void_note")
        lines.append(line)
    if stage_card.score is not None:
        lines.append(t("sc.calc.quiz_total", total=exact_text(stage_card.score)))
    return lines


def stage_lines(contest: ContestInfo, stage_card: StageCard) -> list[str]:
    kind = stage_card.stage.kind
    if kind == QUIZ:
        return quiz_lines(stage_card)
    if stage_card.stage.single or kind == MEASURED:
        return single_lines(stage_card)
    return panel_lines(contest, stage_card)


# --- the whole card ------------------------------------------------------------------------------


def weight_lines(card: ScoreCard) -> list[str]:
    """理论 30% × 85.5 = 25.65 for each stage that counts, then their sum."""
    counted = [s for s in card.stages if s.stage.weight > 0]
    if len(counted) < 2:
        return []
    lines = [t("sc.calc.weights")]
    parts = []
    for stage_card in counted:
        stage = stage_card.stage
        if stage_card.score is None:
            lines.append(t("sc.calc.weight_missing", stage=stage.name, weight=plain(stage.weight)))
            continue
        product = to_fraction(stage_card.score) * to_fraction(stage.weight) / 100
        parts.append(exact_text(product))
        lines.append(
            t(
                "sc.calc.weight_line",
                stage=stage.name,
                weight=plain(stage.weight),
                score=exact_text(stage_card.score),
                product=exact_text(product),
            )
        )
    total = panel_total(card)
    if total is not None:
        lines.append(t("sc.calc.weighted_total", parts=" + ".join(parts), total=exact_text(total)))
    return lines


def panel_total(card: ScoreCard):
    """The score before the speaking clock's deduction (the total itself when there is no clock)."""
    return card.before_time if card.event.clock is not None else card.total


def rounding_line(card: ScoreCard) -> str:
    """「92.445 → 92.45（四舍五入，保留 2 位小数）」."""
    return t(
        "sc.calc.rounding",
        exact=exact_text(card.total),
        shown=shown(card.total, card.decimals),
        decimals=card.decimals,
    )


def explain(card: ScoreCard, contest: ContestInfo) -> list[str]:
    """Every step from the marks to the score shown, one line each."""
    lines = [entrant_line(card)]
    several = len(card.stages) > 1
    for stage_card in card.stages:
        if several:
            lines.append(stage_heading(stage_card))
            lines.extend("  " + line for line in stage_lines(contest, stage_card))
        else:
            lines.extend(stage_lines(contest, stage_card))
    lines.extend(weight_lines(card))
    from tui.clock_text import time_lines  # it uses this module's words

    lines.extend(time_lines(card))
    if card.total is None:
        lines.append(t("sc.calc.not_ranked", marks=card.marks_in, due=card.marks_due))
        return lines
    lines.append(t("sc.calc.unrounded", total=exact_text(card.total)))
    lines.append(rounding_line(card))
    return lines


def explain_text(card: ScoreCard, contest: ContestInfo) -> str:
    return "\n".join(explain(card, contest))


# --- a contest's settings in words (`huiwu contest show`, `standings`)


def stage_words(stage, contest) -> str:
    name = stage.name or t("clic.stage.unnamed")
    weight = f" {plain(stage.weight)}%" if stage.name else ""
    kind = stage_kind(stage)
    if kind == QUIZ:
        how = t("clic.stage.quiz")
    elif kind == MEASURED:
        how = t(
            "clic.stage.measured",
            unit=stage.unit or "—",
            better=t("contest.better.lower" if stage.better == LOWER else "contest.better.higher"),
        )
    elif kind == "single":
        how = t("clic.stage.single", max=plain(stage.maximum))
    else:
        how = t("clic.stage.panel", judges=contest.judges, max=plain(stage.maximum))
    if stage.criteria:
        sheet = "、".join(f"{c.name}{plain(c.maximum)}" for c in stage.criteria)
        how += t("clic.stage.criteria", sheet=sheet)
    return f"{name}{weight}（{how}）"


def rule_words(contest) -> str:
    count = contest.trim
    if get_lang() == "zh":
        count = "两" if contest.trim == 2 else chinese_number(contest.trim)
    if not has_panel(contest):
        return t("clic.rule.no_panel", decimals=contest.decimals)
    trim = t("clic.rule.trim", trim=count) if contest.trim else t("clic.rule.no_trim")
    return t(
        "clic.rule",
        judges=contest.judges,
        trim=trim,
        decimals=contest.decimals,
        max=plain(contest.maximum),
    )


def award_words(contest) -> str:
    parts = [
        t("clic.award_count", name=name, count=count)
        if share is None
        else t("clic.award_share", name=name, share=share)
        for name, count, share in award_parts(contest)
    ]
    return t("clic.list_sep").join(parts) or t("clic.none")


def event_words(event, contest) -> str:
    if event.matches:
        from tui.match_text import format_words

        return format_words(event.matches)
    if event.quiz:
        stakes = "/".join(map(str, event.quiz.stakes))
        return t("clic.quiz_rules", start=event.quiz.start, stakes=stakes)
    return t("clic.stage_sep").join(stage_words(s, contest) for s in event.stages)


def event_line(event, contest) -> str:
    if not event.name:
        return t("clic.event.default", stages=event_words(event, contest))
    return t("clic.event", name=event.name, stages=event_words(event, contest))


def breaker_words(contest) -> str:
    names = [t("contest.unrounded") if b is None else b for b in breaker_parts(contest)]
    return "、".join(names) or t("clic.none")
