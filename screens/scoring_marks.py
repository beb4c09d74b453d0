"""Where the next typed mark of a contest goes (the judge due next, the criterion, the stage
still open) and what the prompt above the mark field says — pure functions of a score card,
used by the scoring screen (screens/scoring.py)."""

import unicodedata
from dataclasses import dataclass

from models.contests import ContestInfo
from models.errors import Refusal
from models.rules.scoring import MEASURED, plain
from models.scores import ScoreCard, StageCard
from tui.i18n import t
from tui.score_text import judge_label
from tui.score_widgets import is_single
from tui.texts import screen_refusal_text


def mark_refusal_text(refusal: Refusal) -> str:
    """A refused mark; a repeat also says which key corrects it here."""
    text = screen_refusal_text(refusal)
    if refusal.key in ("contest.mark_exists", "contest.result_exists"):
        text += t("sc.correct_with_f4")
    return text


@dataclass(frozen=True)
class Slot:
    """Where the next typed mark goes: a judge (0 = the single mark) and a criterion."""

    judge: int
    criterion: str = ""


def next_slot(stage_card: StageCard, judge: int | None = None) -> Slot | None:
    """The first mark still missing in judge order (criteria in sheet order), or None."""
    if is_single(stage_card):
        return Slot(0) if stage_card.marks[0] is None else None
    stage = stage_card.stage
    judges = range(1, stage_card.judges + 1) if judge is None else (judge,)
    for number in judges:
        if not 1 <= number <= stage_card.judges:
            return None
        if stage.criteria:
            sheet = stage_card.criteria[number - 1]
            missing = next((c.name for c in stage.criteria if c.name not in sheet), None)
            if missing is not None:
                return Slot(number, missing)
        elif stage_card.marks[number - 1] is None:
            return Slot(number)
    return None


def split_judge(text: str) -> tuple[int | None, str]:
    """``3=92.5`` (or full-width ``３＝９２.５``) → (3, "92.5"); anything else → (None, text)."""
    clean = unicodedata.normalize("NFKC", text).strip()
    left, sep, right = clean.partition("=")
    if sep and left.strip().isdigit():
        return int(left.strip()), right.strip()
    return None, text


def open_stage(card: ScoreCard, start: int = 0) -> int | None:
    """The first stage from ``start`` on (wrapping) that still misses a mark."""
    count = len(card.stages)
    for step in range(count):
        index = (start + step) % count
        if not card.stages[index].complete:
            return index
    return None


def slot_prompt(
    contest: ContestInfo, stage_card: StageCard, slot: Slot | None, staged: bool
) -> str:
    """「3号评委」, 「2号评委 · 内容（满分40）」, 「理论 · 成绩（满分100）」 — or 已录齐."""
    stage = stage_card.stage
    prefix = f"{stage.name} · " if staged and stage.name else ""
    if slot is None:
        return prefix + t("sc.prompt.stage_done")
    if is_single(stage_card):
        if stage.kind == MEASURED:
            better = t(f"contest.better.{stage.better}")
            return prefix + t("sc.prompt.measured", unit=stage.unit or "—", better=better)
        return prefix + t("sc.prompt.single", max=plain(stage.maximum))
    words = judge_label(contest, slot.judge)
    if slot.criterion:
        limit = next(c.maximum for c in stage.criteria if c.name == slot.criterion)
        words += " · " + t("sc.prompt.criterion", criterion=slot.criterion, max=plain(limit))
    else:
        words += " · " + t("sc.prompt.max", max=plain(stage.maximum))
    return prefix + words
