"""When the two entries of one ballot count disagree: the sheet says so and decides nothing."""

from dataclasses import replace

from models.elections import ElectionOutcome
from models.io.result_facts.facts import (
    MOTION_FIELDS,
    WRITE_IN,
    Column,
    Line,
    ResultFacts,
    ResultTable,
    Verdict,
)
from models.motions import MotionOutcome
from models.rules.election import (
    BLANK,
    NO,
    UNREADABLE,
    YES,
    Ballot,
)

# ----------------------------------------------------------------------------- entries disagree

UNSETTLED = "两次录入不一致，结果未确定"
PROVISIONAL = "暂计（未确定）"
ELECTED = "当选"


def unsettled(facts: ResultFacts, outcome) -> ResultFacts:
    """While the two entries disagree the sheet leads with 两次录入不一致，结果未确定 in the
    warning tone: the verdict (通过 / 选举有效 …) and 当选人 become provisional lines below, no
    row is shown as elected, and both entries stand side by side before anything else."""
    verdict = facts.verdict
    was = f"{PROVISIONAL}：{verdict.text}" + (f"（{verdict.note}）" if verdict.note else "")
    lines = [Line("暂计结论", was)]
    for line in facts.lines:
        if line.tone == "key":  # 当选人: a finding only once the entries agree
            line = Line(f"暂计{line.label}", f"{PROVISIONAL}：{line.text}")
        lines.append(line)
    return replace(
        facts,
        verdict=Verdict(UNSETTLED, "warn", "以下数字按第一次录入暂计，核对更正前不得宣布。"),
        lines=tuple(lines),
        table=_provisional_table(facts.table),
        differences=difference_table(outcome),
    )


def _provisional_table(table: ResultTable | None) -> ResultTable | None:
    if table is None or not table.marked:
        return table
    rows = tuple(
        tuple(f"暂计{ELECTED}" if cell == ELECTED else cell for cell in row) for row in table.rows
    )
    return replace(table, rows=rows, marked=())


def _side(value) -> str:
    return "—" if value is None else str(value)


def _printed_ballot(ballot: Ballot | None, names) -> str:
    if ballot is None:
        return "—"
    signs = {YES: "○", NO: "×", BLANK: "—", UNREADABLE: "？"}
    text = " ".join(f"{n}{signs.get(m, m)}" for n, m in zip(names, ballot.marks, strict=False))
    if ballot.write_ins:
        text += f" {WRITE_IN}：" + "、".join(ballot.write_ins)
    return text


def difference_rows(outcome) -> list[tuple[str, str, str]]:
    """(where, first entry, second entry) in the print's words, one row per difference; an
    appraisal person's marks are split by level."""
    item = outcome.item
    choices = {"yes": "赞成", "no": "反对", "abstain": "弃权", "invalid": "无效"}
    rows = []
    for d in outcome.differences:
        if isinstance(outcome, ElectionOutcome):
            rows.append(
                (
                    f"第 {d.number} 号票",
                    _printed_ballot(d.first, item.nominees),
                    _printed_ballot(d.second, item.nominees),
                )
            )
        elif isinstance(outcome, MotionOutcome) and d.where == "ballot":
            rows.append((f"第 {d.key} 号票", choices.get(d.first, "—"), choices.get(d.second, "—")))
        elif isinstance(outcome, MotionOutcome):
            name, _, what = d.key.rpartition(":")
            where = MOTION_FIELDS.get(what or d.key, what or d.key)
            rows.append((f"{name} {where}" if name else where, _side(d.first), _side(d.second)))
        else:
            rows += _appraisal_rows(item, d)
    return rows


def _appraisal_rows(item, d) -> list[tuple[str, str, str]]:
    from models.rekey import appraisal_levels
    from models.rules.appraisal import SCALES

    if d.key in ("returned", "invalid"):
        return [({"returned": "收回", "invalid": "无效"}[d.key], _side(d.first), _side(d.second))]
    labels = {o.id: o.label for o in SCALES[item.settings.get("scale", "sat3")]}
    if d.first is None or d.second is None:

        def whole(text):
            if text is None:
                return "—"
            counts = text.split("/")
            return " ".join(
                f"{label} {c}" for label, c in zip(labels.values(), counts, strict=False)
            )

        return [(f"{d.key}（全部等次）", whole(d.first), whole(d.second))]
    return [(f"{d.key} {labels[o]}", _side(a), _side(b)) for o, a, b in appraisal_levels(item, d)]


def difference_table(outcome) -> ResultTable:
    rows = difference_rows(outcome)
    return ResultTable(
        "核对",
        f"两次录入不一致之处（共 {len(rows)} 处）",
        (Column("何处不一致", "short"), Column("第一次录入"), Column("第二次录入")),
        tuple(rows),
        flagged=tuple(range(len(rows))),
    )
