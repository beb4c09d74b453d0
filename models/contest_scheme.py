"""How an event is scored, from the short texts a clerk types (the CLI's scheme options and the
TUI's new-contest and new-event dialogs read the same notation, so both build the same stages):

    stages        "理论:30,实操:70"          weighted stages (percent; weight 0 = tie-break only)
    stage_single  ("理论",)                  stages taking ONE mark (an exam paper)
    criteria      ("实操=规范:30,质量:70",)  a criteria sheet, "STAGE=" may be left out with one stage
    measured      ("用时=秒",)               a measured result in a unit, "STAGE=" likewise
    quiz, start, stakes                     a knowledge quiz: start points, "10,20,30"
    foul, buzzer_keys                       its buzzer: 抢答犯规 deduction, keys "1=A队,2=B队"

Checked here, never written: the caller hands (stages, quiz) to contests.new_contest/set_event.
"""

import re
from decimal import Decimal

from models.errors import refuse
from models.rules.buzzer import parse_key_map
from models.rules.scoring import (
    HIGHER,
    LOWER,
    MEASURED,
    PANEL,
    Criterion,
    QuizRules,
    Stage,
    parse_decimal,
    parse_weight,
    stage_problems,
)

# How a refusal names the option that must say its stage; the TUI passes its field labels.
CLI_OPTIONS = {
    "criteria": "--criteria",
    "measured": "--measured",
    "stage_single": "--stage-single",
}
SCHEME_KEYS = (
    "stages",
    "stage_single",
    "single",
    "criteria",
    "measured",
    "quiz",
    "stakes",
    "buzzer_keys",
)


def split_list(text: str | None) -> list[str]:
    """ "甲,乙、丙" → [甲, 乙, 丙]: commas (also full-width), 、 and ; separate."""
    return [p.strip() for p in re.split(r"[,，、;；]", text or "") if p.strip()]


def pairs(text: str, key: str) -> list[tuple[str, str]]:
    """ "理论:30,实操:70" → [(理论, 30), (实操, 70)]; a piece without NAME:VALUE is refused."""
    out = []
    for part in split_list(text):
        name, sep, value = part.replace("：", ":").rpartition(":")
        if not sep or not name.strip() or not value.strip():
            raise refuse(key, part=part)
        out.append((" ".join(name.split()), value.strip()))
    return out


def named(text: str) -> tuple[str, str]:
    """ "实操=仪表:10,…" → (实操, "仪表:10,…"); no "=" → ("", text)."""
    head, sep, rest = text.replace("＝", "=").partition("=")
    return (" ".join(head.split()), rest) if sep else ("", text)


def has_scheme(options: dict) -> bool:
    """Whether any scheme option is given (none: the contest's default panel event)."""
    numbers = ("start", "foul")
    return any(options.get(k) for k in SCHEME_KEYS) or any(
        options.get(k) is not None for k in numbers
    )


def quiz_from_text(
    start: int | None = None,
    stakes: str | None = None,
    foul: int | None = None,
    buzzer_keys: str | None = None,
) -> QuizRules:
    """Quiz rules: the defaults, with the start points, the risk stakes, the foul's deduction
    and the buzzer's keys when given."""
    values: dict = {}
    if foul is not None:
        if foul < 0:
            raise refuse("buzzer.bad_foul", foul=foul)
        values["foul"] = foul
    if buzzer_keys:
        values["keys"] = parse_key_map(buzzer_keys)
    if start is not None:
        values["start"] = start
    if stakes:
        try:
            values["stakes"] = tuple(int(s) for s in split_list(stakes))
        except ValueError:
            raise refuse("clic.bad_stakes", stakes=stakes) from None
    return QuizRules(**{**QuizRules().__dict__, **values})


def scheme_from_text(
    *,
    event_name: str,
    maximum: Decimal,
    stages: str | None = None,
    stage_single=(),
    single: bool = False,
    criteria=(),
    measured=(),
    lower_better: bool = False,
    quiz: bool = False,
    start: int | None = None,
    stakes: str | None = None,
    foul: int | None = None,
    buzzer_keys: str | None = None,
    option_names: dict[str, str] = CLI_OPTIONS,
) -> tuple[tuple[Stage, ...] | None, QuizRules | None]:
    """(stages, quiz) for contests.new_contest/set_event; refused exactly as the CLI refuses."""
    if quiz:
        if any((stages, stage_single, single, criteria, measured)):
            raise refuse("clic.quiz_alone")
        return None, quiz_from_text(start, stakes, foul, buzzer_keys)
    if start is not None or stakes or foul is not None or buzzer_keys:
        raise refuse("clic.quiz_only")
    weighted = [(n, parse_weight(w)) for n, w in pairs(stages, "clic.bad_stages")] if stages else []
    weighted = weighted or [("", Decimal(100))]
    names = [n for n, _ in weighted]

    def target(name: str, option: str) -> str:
        if name:
            if name not in names:
                raise refuse("contest.no_such_stage", stage=name, event=event_name)
            return name
        if len(weighted) > 1:
            raise refuse("clic.which_stage", option=option_names[option], stages="、".join(names))
        return names[0]

    sheets: dict[str, tuple] = {}
    for text in criteria or ():
        stage, sheet = named(text)
        sheets[target(stage, "criteria")] = tuple(
            Criterion(n, parse_decimal(m)) for n, m in pairs(sheet, "clic.bad_criteria")
        )
    units: dict[str, str] = {}
    for text in measured or ():
        stage, unit = named(text)
        units[target(stage, "measured")] = unit.strip()
    singles = set()
    for text in stage_single or ():
        singles |= {target(name, "stage_single") for name in split_list(text)}
    out = tuple(
        _stage(
            name,
            weight,
            sheets.get(name, ()),
            units,
            lower_better,
            single or name in singles,
            maximum,
        )
        for name, weight in weighted
    )
    problems = stage_problems(out)
    if problems:
        raise problems[0]
    return out, None


def _stage(name, weight, sheet, units, lower_better, single, maximum) -> Stage:
    """A criteria sheet's maximum is the sum of its criteria; otherwise the contest's maximum."""
    top = sum((c.maximum for c in sheet), Decimal(0)) if sheet else Decimal(maximum)
    return Stage(
        name=name,
        weight=weight,
        kind=MEASURED if name in units else PANEL,
        maximum=top,
        criteria=sheet,
        unit=units.get(name, ""),
        better=LOWER if lower_better and name in units else HIGHER,
        single=single,
    )
