"""A motion's result sheet as facts (表决结果)."""

from models.congress import CongressInfo
from models.io.result_facts.facts import (
    BASE_COUNTS,
    BASES,
    COMPARATORS,
    METHODS,
    MOTION_FIELDS,
    WARN,
    Column,
    Fact,
    FactGroup,
    Line,
    ResultFacts,
    ResultTable,
    Verdict,
    build_facts,
    make_setting,
    plain_signatures,
    status_line,
    unknown_settings,
    yes_no_word,
)
from models.motions import MotionOutcome
from models.rules.thresholds import GT, GTE


def _motion_threshold(base_kind: str, base: int, comparator: str, minimum: int) -> str:
    what = BASE_COUNTS.get(base_kind, base_kind)
    if comparator == GTE:
        return f"赞成票须达到{what}（{base}）的半数以上，即至少 {minimum} 票。"
    return f"赞成票须超过{what}（{base}）的半数，即至少 {minimum} 票。"


def _motion_differences(outcome: MotionOutcome) -> list[str]:
    out = []
    for d in outcome.differences:
        pair = f"（第一次 {d.first or '无'}／第二次 {d.second or '无'}）"
        if d.where == "ballot":
            choice = {"yes": "赞成", "no": "反对", "abstain": "弃权", "invalid": "无效"}
            first, second = choice.get(d.first, "无"), choice.get(d.second, "无")
            out.append(f"第 {d.key} 号票（第一次 {first}／第二次 {second}）")
        elif d.where == "delegation":
            name, _, what = d.key.partition(":")
            out.append(f"{name}{MOTION_FIELDS.get(what, what)}{pair}")
        else:
            out.append(f"{MOTION_FIELDS.get(d.key, d.key)}{pair}")
    return out


def motion_facts(outcome: MotionOutcome, congress: CongressInfo) -> ResultFacts:
    item, r = outcome.item, outcome.result
    base_kind = item.settings.get("base", "due")
    comparator = item.settings.get("comparator", GT)
    method = item.method
    groups = [
        FactGroup(
            "表决方式",
            (
                Fact("表决方式", METHODS.get(method, "尚未计票") if method else "尚未计票"),
                Fact("重要事项", yes_no_word(item.important)),
            ),
        )
    ]
    lines: list[Line] = []
    table = None
    if r is None:
        verdict = Verdict("尚未计票", "open")
        if item.roll is not None:
            groups.append(
                FactGroup(
                    "人数",
                    (
                        Fact("应到代表", item.roll.due, "名"),
                        Fact("实到代表", item.roll.present, "名"),
                    ),
                )
            )
    else:
        groups.append(
            FactGroup("人数", (Fact("应到代表", r.due, "名"), Fact("实到代表", r.present, "名")))
        )
        if method == "secret" or r.issued is not None:
            groups.append(
                FactGroup(
                    "选票",
                    (
                        Fact("发出", r.issued, "张"),
                        Fact("收回", r.returned, "张"),
                        Fact("有效", r.valid, "张"),
                        Fact("无效", r.invalid, "张"),
                    ),
                )
            )
        groups.append(
            FactGroup(
                "表决结果",
                (
                    Fact("赞成", r.yes, "票"),
                    Fact("反对", r.no, "票"),
                    Fact("弃权", r.abstain, "票"),
                ),
            )
        )
        groups.append(
            FactGroup(
                "计算规则",
                (
                    Fact("计算基数", BASES.get(r.base_kind, r.base_kind)),
                    Fact("基数", r.base, "名" if r.base_kind != "valid" else "票"),
                    Fact("比较方式", COMPARATORS.get(r.comparator, r.comparator)),
                    Fact("通过所需赞成票", r.threshold, "票"),
                ),
            )
        )
        lines.append(
            Line("通过条件", _motion_threshold(r.base_kind, r.base, r.comparator, r.threshold))
        )
        if r.passed:
            note = f"赞成 {r.yes} 票，达到通过所需的 {r.threshold} 票"
        else:
            note = f"赞成 {r.yes} 票，未达到通过所需的 {r.threshold} 票"
        verdict = Verdict("通过" if r.passed else "未通过", "pass" if r.passed else "fail", note)
        if r.exactly_on_line:
            rule = (
                "按超过半数的规则，恰好半数不算超过半数"
                if r.comparator == GT
                else "按半数以上的规则，恰好半数计为达到"
            )
            lines.append(
                Line(
                    "恰好半数",
                    f"{WARN} 恰好半数：赞成 {r.yes} 票恰好是基数 {r.base} 的半数，{rule}。",
                    "warn",
                )
            )
        if outcome.ballots_keyed:
            lines.append(Line("逐张录入", f"选票逐张录入，共 {outcome.ballots_keyed} 张。"))
        if outcome.by_delegation:
            rows = [
                (name, c.yes, c.no, c.abstain, c.valid) for name, c in outcome.by_delegation.items()
            ]
            total = outcome.count
            table = ResultTable(
                "代表团",
                "各代表团举手表决情况",
                (
                    Column("代表团"),
                    Column("赞成", "int"),
                    Column("反对", "int"),
                    Column("弃权", "int"),
                    Column("合计", "int"),
                ),
                tuple(rows),
                footer=("合计", total.yes, total.no, total.abstain, total.valid),
            )
    settings = [
        make_setting(
            "计算基数", "base", base_kind, f"{BASES.get(base_kind, base_kind)}（赞成票与之比较）"
        ),
        make_setting(
            "比较方式",
            "comparator",
            comparator,
            "超过半数（2×赞成 > 基数，恰好半数不通过）"
            if comparator == GT
            else "半数以上（2×赞成 ≥ 基数，恰好半数即通过）",
        ),
        make_setting(
            "重要事项",
            "important",
            item.important,
            "是（必须无记名投票）" if item.important else "否",
        ),
        make_setting(
            "两次录入核对", "double_entry", item.double_entry, yes_no_word(item.double_entry)
        ),
        *unknown_settings(item.settings, {"base", "comparator"}),
    ]
    status = status_line(outcome, r is not None, _motion_differences(outcome))
    return build_facts(
        outcome,
        congress,
        title=f"{item.title} 表决结果",
        title_parts=(f"{item.title} 表决结果",),
        with_congress=True,
        groups=groups,
        verdict=verdict,
        lines=lines,
        table=table,
        settings=settings,
        status=status,
        signatures=plain_signatures(),
    )
