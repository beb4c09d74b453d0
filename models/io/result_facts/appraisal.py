"""An appraisal's result sheet as facts (民主测评结果)."""

from models.appraisals import AppraisalOutcome
from models.congress import CongressInfo
from models.io.result_facts.facts import (
    DENOMINATORS,
    GRADES,
    SCALES,
    WARN,
    Column,
    Fact,
    FactGroup,
    Line,
    ResultFacts,
    ResultTable,
    Verdict,
    build_facts,
    fraction_words,
    joined_names,
    make_setting,
    plain_signatures,
    status_line,
    subject_flags,
    unknown_settings,
    yes_no_word,
)
from models.rules.appraisal import MID, TOP
from models.rules.thresholds import parse_rate


def _appraisal_differences(outcome: AppraisalOutcome) -> list[str]:
    words = {"returned": "收回", "invalid": "无效"}
    return [
        f"{words.get(d.key, d.key)}（第一次 {d.first or '无'}／第二次 {d.second or '无'}）"
        for d in outcome.differences
    ]


def appraisal_facts(outcome: AppraisalOutcome, congress: CongressInfo) -> ResultFacts:
    item, r = outcome.item, outcome.result
    scale = item.settings.get("scale", "sat3")
    denominator = item.settings.get("denominator", "valid")
    warn = parse_rate(item.settings.get("warn", "1/3"))
    weighted = bool(item.settings.get("weighted", False))
    groups = [
        FactGroup(
            "测评方式",
            (
                Fact("测评等次", SCALES.get(scale, scale)),
                Fact("满意率分母", DENOMINATORS.get(denominator, denominator)),
                Fact("测评对象", len(item.nominees), "名"),
            ),
        )
    ]
    lines: list[Line] = []
    table = None
    if r is None:
        verdict = Verdict("尚未计票", "open")
        groups.append(FactGroup("测评表", (Fact("发出", item.issued, "张"),)))
    else:
        groups.append(
            FactGroup(
                "测评表",
                (
                    Fact("应到", r.due, "名"),
                    Fact("发出", r.issued, "张"),
                    Fact("收回", r.returned, "张"),
                    Fact("无效", r.invalid, "张"),
                    Fact("有效", r.valid_sheets, "张"),
                ),
            )
        )
        if r.valid:
            verdict = Verdict(
                "测评有效", "pass", f"收回测评表 {r.returned} 张，不多于发出 {r.issued} 张"
            )
        else:
            verdict = Verdict(
                "测评无效",
                "fail",
                f"收回测评表 {r.returned} 张，多于发出 {r.issued} 张，测评无效。",
            )
        positive = "＋".join(o.label for o in r.options if o.tier in (TOP, MID))
        lines.append(
            Line(
                "满意率",
                f"满意率 =（{positive}）÷ {DENOMINATORS.get(denominator, denominator)}，"
                "以百分数表示，保留两位小数（四舍五入）。",
            )
        )
        lines.append(
            Line(
                "评价等次",
                "评价等次：满意票超过半数的为满意；满意与基本满意合计超过半数的为基本满意；"
                "其余为不满意。",
            )
        )
        warned = [s.name for s in r.subjects if s.warning]
        if warned:
            lines.append(
                Line(
                    "预警",
                    f"{WARN} 不满意超过{fraction_words(warn)}：{joined_names(warned)}",
                    "warn",
                )
            )
        posts = any(item.posts)
        columns = [Column("序号", "short"), Column("姓名")]
        if posts:
            columns.append(Column("职务"))
        columns += [Column(o.label, "int") for o in r.options]
        columns += [Column("弃权", "int"), Column("满意率", "percent"), Column("评价等次", "short")]
        if weighted:
            columns.append(Column("加权得分", "decimal"))
        columns.append(Column("提示"))
        rows, flagged = [], []
        for index, subject in enumerate(r.subjects):
            row = [index + 1, subject.name]
            if posts:
                row.append(item.posts[index] or "")
            if subject.name not in outcome.marked:  # nothing keyed yet: no figures to show
                row += [None] * (len(r.options) + 3) + ([None] if weighted else [])
                row.append("未录入")
                rows.append(tuple(row))
                continue
            row += [*subject.counts, subject.blank, subject.rate]
            row.append(GRADES.get(subject.grade, "—") if subject.grade else "—")
            if weighted:
                row.append(subject.weighted)
            row.append(subject_flags(subject, warn))
            rows.append(tuple(row))
            if subject.warning:
                flagged.append(index)
        table = ResultTable(
            "测评", "各测评对象测评结果", tuple(columns), tuple(rows), flagged=tuple(flagged)
        )
        if weighted:
            weights = "、".join(f"{o.label} {o.weight}" for o in r.options if o.weight is not None)
            lines.append(
                Line(
                    "加权得分",
                    f"加权得分按 {weights} 分计算，仅供参考，不计入满意率。",
                )
            )
    settings = [
        make_setting("测评等次", "scale", scale, SCALES.get(scale, scale)),
        make_setting(
            "满意率分母",
            "denominator",
            denominator,
            DENOMINATORS.get(denominator, denominator),
        ),
        make_setting(
            "不满意预警",
            "warn",
            item.settings.get("warn", "1/3"),
            f"不满意票超过{DENOMINATORS.get(denominator, denominator)}的{fraction_words(warn)}时提示",
        ),
        make_setting(
            "加权得分", "weighted", weighted, "计算（仅供参考）" if weighted else "不计算"
        ),
        make_setting(
            "两次录入核对", "double_entry", item.double_entry, yes_no_word(item.double_entry)
        ),
        *unknown_settings(item.settings, {"scale", "denominator", "warn", "weighted"}),
    ]
    unmarked = len(item.nominees) - len(outcome.marked)
    missing = f"尚有 {unmarked} 名测评对象未录入，结果未确定" if r is not None and unmarked else ""
    status = status_line(outcome, r is not None, _appraisal_differences(outcome), missing)
    return build_facts(
        outcome,
        congress,
        title=f"{item.title} 测评结果",
        title_parts=(f"{item.title} 测评结果",),
        with_congress=True,
        groups=groups,
        verdict=verdict,
        lines=lines,
        table=table,
        settings=settings,
        status=status,
        signatures=plain_signatures(),
    )
