"""What a printed result says, as plain data: the one source for the PDF sheet and the workbook.

A result sheet is a Chinese document whatever the interface language (like the badges), so its
wording lives here as the print template rather than in the UI catalog. :func:`result_facts`
turns a motion's, an election's or an appraisal's outcome into :class:`ResultFacts`: the title,
grouped figures (numbers stay numbers), the verdict, the sentences that explain it, one table
(candidates, people appraised or delegations), the settings in words, the electorate roll, the
entry check and the signature lines. :mod:`models.io.result_sheet` draws it as a PDF and
:mod:`models.io.result_book` writes it as cells, so the two never disagree.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from models.appraisals import AppraisalOutcome
from models.congress import CongressInfo
from models.election_view import left_vacant, shown_abstain, shows_unreadable
from models.elections import ElectionOutcome
from models.motions import MotionOutcome
from models.numerals import chinese_number
from models.rules.appraisal import MID, TOP
from models.rules.election import (
    BLANK,
    NO,
    SHORTFALL_REDUCE,
    SHORTFALL_REELECT,
    SHORTFALL_VACANT,
    UNREADABLE,
    YES,
    Ballot,
    is_void,
)
from models.rules.thresholds import GT, GTE, HALF, parse_rate
from models.voting import outcome_word

WARN = "⚠"
METHODS = {"hands": "举手表决", "secret": "无记名投票"}
BASES = {"due": "应到代表", "present": "实到代表", "valid": "有效票"}
BASE_COUNTS = {"due": "应到代表人数", "present": "实到代表人数", "valid": "有效票数"}
COMPARATORS = {GT: "超过半数", GTE: "半数以上"}
MOTION_FIELDS = {
    "yes": "赞成",
    "no": "反对",
    "abstain": "弃权",
    "issued": "发出",
    "returned": "收回",
    "invalid": "无效",
}
GRADES = {"satisfied": "满意", "basically": "基本满意", "unsatisfied": "不满意"}
SCALES = {
    "sat3": "满意／基本满意／不满意",
    "comp4": "优秀／称职／基本称职／不称职",
    "sat_unknown": "满意／不满意／不了解",
    "sat5": "很满意／满意／基本满意／不太满意／不满意",
}
DENOMINATORS = {"valid": "有效测评表", "returned": "收回测评表", "due": "应到人数"}
MARK_SIGNS = {YES: "○", NO: "×", BLANK: "", UNREADABLE: "？"}
WRITE_IN = "另选他人"


@dataclass(frozen=True)
class Fact:
    """One figure: ``value`` is an int (a count) or a word; ``unit`` is 名 / 张 / 票 or empty."""

    label: str
    value: int | str | None
    unit: str = ""
    number: float | None = None  # a rate's value as a number (66.67 for "66.67%")
    moment: datetime | None = None  # a time's value, for a workbook cell (the words above)

    @property
    def text(self) -> str:
        if self.value is None:
            return "—"
        return f"{self.value} {self.unit}".strip() if self.unit else str(self.value)


@dataclass(frozen=True)
class FactGroup:
    name: str
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Line:
    """A sentence of the result. ``tone``: "" plain, "warn" (flagged ⚠), "key" (a finding)."""

    label: str
    text: str
    tone: str = ""


@dataclass(frozen=True)
class Verdict:
    text: str  # 通过 / 未通过 / 选举有效 / 选举无效 …
    tone: str  # pass | fail | open
    note: str = ""


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = (
        "text"  # text (takes spare width) | short | int | percent (Decimal: "96.45%") | decimal
    )


@dataclass(frozen=True)
class ResultTable:
    name: str  # the workbook sheet's name
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    marked: tuple[int, ...] = ()  # rows to show as a success (当选)
    flagged: tuple[int, ...] = ()  # rows to show as a warning (再次投票, 恰好半数, ⚠, 废票)
    footer: tuple | None = None  # a total row


@dataclass(frozen=True)
class Setting:
    label: str
    key: str
    value: int | str
    words: str


@dataclass(frozen=True)
class Signature:
    role: str
    names: tuple[str, ...]  # printed under the lines; empty → blank lines to sign on
    blanks: int = 1


@dataclass(frozen=True)
class ResultFacts:
    kind: str
    number: int
    title: str  # the printed heading
    title_parts: tuple[str, ...]  # where the heading may break when it needs two lines
    item_title: str
    congress_name: str
    heading: tuple[str, ...]  # lines under the title
    groups: tuple[FactGroup, ...]
    verdict: Verdict
    lines: tuple[Line, ...]
    table: ResultTable | None
    settings: tuple[Setting, ...]
    roll_line: str
    roll_present: int | None
    roll_sha256: str | None
    roll_details: tuple[Fact, ...]
    status: str
    final: bool
    signatures: tuple[Signature, ...]
    ballots: ResultTable | None = None
    extra: dict = field(default_factory=dict)
    differences: ResultTable | None = None  # both entries side by side, while they disagree
    elected_all: ResultTable | None = None  # an election with follow-up rounds: all elected


# ----------------------------------------------------------------------------- words


def when(iso: str | None) -> str:
    """``2025年3月5日 09:14`` from a stored timestamp."""
    if not iso:
        return ""
    moment = datetime.fromisoformat(iso)
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


def moment(iso: str | None) -> datetime | None:
    return datetime.fromisoformat(iso) if iso else None


def percent_text(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}%"


def rate_words(rate: Fraction) -> str:
    """5% / 12.5% from an exact fraction."""
    value = rate * 100
    if value.denominator == 1:
        return f"{value.numerator}%"
    return f"{float(value):.2f}".rstrip("0").rstrip(".") + "%"


def fraction_words(fraction: Fraction) -> str:
    """半数 / 三分之一 / 十分之三, or a percentage when the denominator is not small."""
    if fraction == HALF:
        return "半数"
    if 0 < fraction < 1 and fraction.denominator < 100:
        return f"{chinese_number(fraction.denominator)}分之{chinese_number(fraction.numerator)}"
    return rate_words(fraction)


def _yes_no(value) -> str:
    return "是" if value else "否"


def _names(names) -> str:
    return "、".join(names) if names else "无"


# ----------------------------------------------------------------------------- shared parts


def _heading(congress: CongressInfo, outcome, *, with_congress: bool) -> tuple[str, ...]:
    item = outcome.item
    parts = [congress.term_session] if congress.term_session else []
    if item.roll is not None:
        parts.append(item.roll.sitting)
    parts.append(f"第 {item.number} 项")
    if item.round > 1 or item.parent_number:
        earlier = f"（上一轮：第 {item.parent_number} 项）" if item.parent_number else ""
        parts.append(f"第 {item.round} 轮{earlier}")
    if item.roll is not None:
        parts.append(f"表决名单确定于 {when(item.roll.at)}")
    else:
        parts.append("尚未开始计票")
    lines = [congress.name] if with_congress else []
    lines.append(" · ".join(parts))
    return tuple(lines)


def _roll(outcome) -> tuple[str, int | None, str | None, tuple[Fact, ...]]:
    roll = outcome.item.roll
    if roll is None:
        return "表决名单：尚未确定（开始计票时按签到情况冻结）", None, None, ()
    line = f"表决名单（实到有表决权代表 {roll.present} 名）SHA-256: {roll.sha256}"
    details = (
        Fact("会次", roll.sitting),
        Fact("应到有表决权代表", roll.due, "名"),
        Fact("实到有表决权代表", roll.present, "名"),
        Fact("表决名单确定时间", when(roll.at), moment=moment(roll.at)),
        Fact("表决名单 SHA-256", roll.sha256),
    )
    return line, roll.present, roll.sha256, details


def _facts(outcome, congress, *, title, title_parts, with_congress, **parts) -> "ResultFacts":
    """The parts every kind shares: number, heading, the roll and whether the result is final."""
    item = outcome.item
    roll_line, present, sha, details = _roll(outcome)
    if item.replaces:
        parts["status"] += "；" + replaces_words(item)
    return ResultFacts(
        kind=item.kind,
        number=item.number,
        title=title,
        title_parts=title_parts,
        item_title=item.title,
        congress_name=congress.name,
        heading=_heading(congress, outcome, with_congress=with_congress),
        groups=tuple(parts.pop("groups")),
        lines=tuple(parts.pop("lines")),
        settings=tuple(parts.pop("settings")),
        roll_line=roll_line,
        roll_present=present,
        roll_sha256=sha,
        roll_details=details,
        final=outcome.final,
        **parts,
    )


def _status(outcome, has_data: bool, differences: list[str], missing: str = "") -> str:
    item = outcome.item
    second = (
        bool(outcome.entries.get(2)) if isinstance(outcome.entries, dict) else 2 in outcome.entries
    )
    if not has_data:
        return "尚未计票，结果未确定"
    if differences:
        return "两次录入不一致：" + "、".join(differences) + "（结果未确定，须核对选票后更正）"
    if missing:
        return missing
    if not getattr(outcome, "complete", True):
        issued = "—" if item.issued is None else item.issued
        keyed = outcome.entries.get(1, 0) if item.kind == "election" else outcome.ballots_keyed
        return f"计票中：已录入 {keyed} 张，发出 {issued} 张，尚未计票完毕（结果未确定）"
    if second:
        return "两次录入核对一致（最终结果）"
    if item.double_entry:
        return "未经第二次录入核对（本事项要求两次录入，结果未确定）"
    return "未经第二次录入核对（本事项未要求两次录入，以第一次录入为准）"


OUTCOME_WORDS = {
    "passed": "通过",
    "not_passed": "未通过",
    "elected": "当选：{names}",
    "none_elected": "无人当选",
    "void": "无效",
    "appraised": "测评结果",
}


def replaces_words(item) -> str:
    """The printed note of a result that replaced an earlier final one, and why it was reopened."""
    code, names = outcome_word(item.kind, item.replaces["outcome"])
    earlier = OUTCOME_WORDS[code].format(names=names)
    reason = item.replaces.get("reason", "")
    return f"本结果取代此前已确定的结果（{earlier}），重新打开的原因：{reason}"


def subject_flags(subject, warn) -> str:
    """⚠ above the warning share, and any figure exactly on a line (RULES §0 says so)."""
    flags = []
    if subject.warning:
        flags.append(f"{WARN} 不满意超过{fraction_words(warn)}")
    if subject.warning_on_line:
        flags.append(f"不满意恰为{fraction_words(warn)}（未超过）")
    if subject.grade_on_line:
        flags.append("恰为半数（等次从低）")
    return "；".join(flags)


def _plain_signatures() -> tuple[Signature, ...]:
    return (
        Signature("监票人", (), 2),
        Signature("计票人", (), 2),
        Signature("主持人", (), 1),
    )


def _setting(label: str, key: str, value, words: str) -> Setting:
    if isinstance(value, bool):
        value = "true" if value else "false"
    return Setting(label, key, value if isinstance(value, int) else str(value), words)


def _unknown_settings(settings: dict, known: set[str]) -> list[Setting]:
    return [
        _setting(key, key, settings[key], str(settings[key]))
        for key in sorted(settings)
        if key not in known
    ]


# ----------------------------------------------------------------------------- motions


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
                Fact("重要事项", _yes_no(item.important)),
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
        _setting(
            "计算基数", "base", base_kind, f"{BASES.get(base_kind, base_kind)}（赞成票与之比较）"
        ),
        _setting(
            "比较方式",
            "comparator",
            comparator,
            "超过半数（2×赞成 > 基数，恰好半数不通过）"
            if comparator == GT
            else "半数以上（2×赞成 ≥ 基数，恰好半数即通过）",
        ),
        _setting(
            "重要事项",
            "important",
            item.important,
            "是（必须无记名投票）" if item.important else "否",
        ),
        _setting("两次录入核对", "double_entry", item.double_entry, _yes_no(item.double_entry)),
        *_unknown_settings(item.settings, {"base", "comparator"}),
    ]
    status = _status(outcome, r is not None, _motion_differences(outcome))
    return _facts(
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
        signatures=_plain_signatures(),
    )


# ----------------------------------------------------------------------------- elections

VALIDITY = {
    GTE: "参加投票人数达到应到会有选举权人数的三分之二以上（3×参加 ≥ 2×应到）",
    GT: "参加投票人数超过应到会有选举权人数的三分之二（3×参加 > 2×应到）",
}
UNREADABLE_WORDS = {
    "ignore": "无法辨认的标记不计入该候选人得票，选票仍有效",
    "void": "有无法辨认标记的选票作废",
}
TIE_WORDS = {
    "runoff": "得票相等影响当选时，在得票相等的人中再次投票（不抽签）",
    "fewest_no": "得票相等影响当选时，不赞成票少者当选；仍相等的再次投票",
}
SHORTFALL_WORDS = {
    SHORTFALL_REELECT: "当选人数不足应选名额时，在未当选的人中按得票多少提出另行选举名单",
    SHORTFALL_VACANT: "当选人数不足应选名额时，名额空缺",
    SHORTFALL_REDUCE: "当选人数不足应选名额时，减少应选名额",
}


def _void_reason(r) -> str:
    reason = r.void_reason
    if reason == "returned_exceeds_issued":
        return f"收回选票 {r.returned} 张，多于发出选票 {r.issued} 张，选举无效，应重新选举。"
    if reason == "participation":
        words = "三分之二以上" if r.settings.validity == GTE else "超过三分之二"
        line = "（恰为三分之二，不算超过）" if r.participation_on_line else ""
        return (
            f"参加投票 {r.issued} 人{line}，未达到应到会有选举权人数 {r.due} 人的{words}"
            f"（至少 {r.participation_required} 人），选举无效，应重新选举。"
        )
    if reason == "not_issued":
        return "尚未登记发出选票数，不能确定选举结果。"
    if reason == "no_voters":
        return "没有应到会有选举权的代表，选举无效。"
    return f"选举无效（{reason}）。"


def candidate_result(c, valid: bool) -> str:
    if not valid:
        return "—"
    if c.elected:
        return "当选"
    if c.runoff:
        return "得票相等，须再次投票"
    if c.exactly_half:
        return "得票恰好半数，未当选"
    if c.qualified:
        return "得票过半，名额已满，未当选"
    return "未当选"


def _ballot_table(outcome: ElectionOutcome, ballots: list[Ballot]) -> ResultTable:
    item, r = outcome.item, outcome.result
    names = item.nominees
    columns = (
        Column("票号", "int"),
        *(Column(n) for n in names),
        Column(WRITE_IN),
        Column("有效/废票", "short"),
        Column("备注"),
    )
    rows = []
    void_rows = []
    for index, ballot in enumerate(ballots):
        void = is_void(ballot, names, r.settings)
        readable = not ballot.malformed and len(ballot.marks) == len(names)
        marks = [MARK_SIGNS.get(m, m) for m in ballot.marks] if readable else [""] * len(names)
        note = (
            ""
            if readable
            else f"无法识别的选票（{ballot.marks}）"
            if ballot.marks
            else "无法识别的选票"
        )
        rows.append(
            (ballot.number, *marks, "、".join(ballot.write_ins), "废票" if void else "有效", note)
        )
        if void:
            void_rows.append(index)
    return ResultTable("选票", "选票（第一次录入）", columns, tuple(rows), flagged=tuple(void_rows))


def _runoff_setting(settings: dict) -> list[Setting]:
    if not settings.get("runoff"):
        return []
    words = "在得票相等的候选人中再次投票，不设另选他人"
    return [_setting("再次投票", "runoff", True, words)]


ROUND_KIND_WORDS = {"first": "第一轮", "runoff": "再次投票", "reelect": "另行选举"}


def _across_words(rounds) -> str:
    """All elected across the rounds, in order (ElectedAcrossRounds: round by round, then ○)."""
    names = "、".join(
        f"{row.name}（第 {row.item} 项{ROUND_KIND_WORDS[row.kind]}，{row.yes}票"
        + ("" if row.final else "，该轮未确定")
        + "）"
        for row in rounds.rows
    )
    text = f"应选 {rounds.seats} 名，各轮合计当选 {len(rounds.rows)} 名（按轮次，同一轮按得票多少为序）"
    text += f"：{names}" if names else "。"
    if rounds.open_seats:
        text += f"；尚缺 {rounds.open_seats} 名"
    return text + ("。" if names else "")


def _across_table(rounds) -> ResultTable | None:
    if rounds is None:
        return None
    columns = (
        Column("序号", "int"),
        Column("当选人"),
        Column("赞成", "int"),
        Column("事项", "int"),
        Column("轮次", "short"),
        Column("该轮结果", "short"),
    )
    rows = tuple(
        (
            row.rank,
            row.name,
            row.yes,
            row.item,
            ROUND_KIND_WORDS[row.kind],
            "已确定" if row.final else "未确定",
        )
        for row in rounds.rows
    )
    return ResultTable(
        "全部当选人", "全部当选人（各轮合计，按轮次，同一轮按得票多少为序）", columns, rows
    )


def _seat_outcome(r) -> FactGroup:
    """Where the seats went: elected, going to the runoff among the tied (再次投票), and left
    vacant (另行选举 or empty) — three numbers, so a runoff seat is never read as a vacancy."""
    return FactGroup(
        "名额结果",
        (
            Fact("已当选", len(r.elected), "名"),
            Fact("待再次投票名额", r.runoff_seats, "名"),
            Fact("空缺名额（另行选举或空缺）", left_vacant(r), "名"),
        ),
    )


def election_facts(
    outcome: ElectionOutcome, congress: CongressInfo, ballots: list[Ballot] | None = None
) -> ResultFacts:
    item, r = outcome.item, outcome.result
    s = r.settings
    seats, count = s.seats, len(item.nominees)
    rate = parse_rate(item.settings.get("rate", "5%"))
    if s.equal or count == seats:
        kind_words = "等额选举"
        margin = Fact("差额", 0, "名")
        margin_rate = Fact("差额比例", "0%", number=0.0)
    else:
        kind_words = "差额选举"
        margin = Fact("差额", count - seats, "名")
        share = Fraction(count - seats, seats)
        margin_rate = Fact("差额比例", rate_words(share), number=round(float(share * 100), 2))
    groups = [
        FactGroup(
            "名额",
            (
                Fact("应选", seats, "名"),
                Fact("候选人", count, "名"),
                Fact("选举方式", kind_words),
                margin,
                margin_rate,
            ),
        ),
        FactGroup(
            "人数",
            (
                Fact("应到会有选举权人数", r.due, "名"),
                Fact("实到", item.roll.present if item.roll else None, "名"),
                Fact("有效所需参加人数", r.participation_required, "名"),
                Fact("当选所需赞成票", r.threshold, "票"),
            ),
        ),
        FactGroup(
            "选票",
            (
                Fact("发出", r.issued, "张"),
                Fact("收回", r.returned, "张"),
                Fact("有效", r.valid_ballots, "张"),
                Fact("无效（废票）", r.void_ballots, "张"),
            ),
        ),
    ]
    if r.valid:
        groups.append(_seat_outcome(r))
    lines: list[Line] = []
    if r.valid:
        words = "三分之二以上" if s.validity == GTE else "超过三分之二"
        verdict = Verdict(
            "选举有效",
            "pass",
            f"收回选票 {r.returned} 张，不多于发出 {r.issued} 张；参加投票 {r.issued} 人，"
            f"达到应到会有选举权人数 {r.due} 人的{words}（至少 {r.participation_required} 人）"
            + ("；参加人数恰为三分之二" if r.participation_on_line else ""),
        )
    elif r.void_reason == "not_issued":  # not started: nothing is void yet
        verdict = Verdict("尚未计票", "open", _void_reason(r))
    else:
        verdict = Verdict("选举无效", "fail", _void_reason(r))
    lines.append(
        Line(
            "当选条件",
            f"得票超过应到会有选举权人数（{r.due}）的半数，即至少 {r.threshold} 票，始得当选。",
        )
    )
    if r.valid:
        if r.elected:
            votes = {c.name: c.yes for c in r.candidates}
            elected = "、".join(f"{n}（{votes[n]}票）" for n in r.elected)
            lines.append(Line("当选人", f"当选人（按得票多少为序）：{elected}", "key"))
        else:
            lines.append(Line("当选人", "无人当选。", "key"))
        if outcome.rounds is not None:
            lines.append(Line("全部当选人", _across_words(outcome.rounds), "key"))
        if r.runoff:
            tied = {c.name: c.yes for c in r.candidates if c.runoff}
            votes = next(iter(tied.values()))
            lines.append(
                Line(
                    "再次投票",
                    f"{WARN} {_names(r.runoff)} 得票相等（各 {votes} 票），须在他们中再次投票，"
                    f"选出 {r.runoff_seats} 名。",
                    "warn",
                )
            )
        shortfall = r.vacant - r.runoff_seats
        if r.seats_after is not None:
            lines.append(
                Line(
                    "名额",
                    f"当选人数不足应选名额，按设置应选名额由 {seats} 名减为 {r.seats_after} 名。",
                    "warn",
                )
            )
        elif shortfall > 0:
            if r.reelect:
                text = (
                    f"当选人数不足应选名额，尚缺 {shortfall} 名；建议另行选举，"
                    f"候选人（按第一轮得票多少为序）：{_names(r.reelect)}。"
                )
                if len(r.reelect) > r.reelect_wanted:
                    text += (
                        f"第 {r.reelect_wanted} 名处得票相等，得票相等的均列入名单"
                        f"（共 {len(r.reelect)} 人）。"
                    )
            else:
                text = f"当选人数不足应选名额，尚缺 {shortfall} 名，按设置名额空缺。"
            lines.append(Line("另行选举", f"{WARN} {text}", "warn"))
        halves = [c.name for c in r.candidates if c.exactly_half]
        if halves:
            lines.append(
                Line(
                    "恰好半数",
                    f"{WARN} {_names(halves)} 得票恰好为应到会有选举权人数 {r.due} 的半数，"
                    "不算超过半数，未当选。",
                    "warn",
                )
            )
    if r.void_numbers:
        lines.append(Line("废票票号", "废票票号：" + "、".join(str(n) for n in r.void_numbers)))
    with_unreadable = shows_unreadable(r)
    columns = [
        Column("序号", "short"),
        Column("候选人"),
        Column("赞成", "int"),
        Column("不赞成", "int"),
        Column("弃权", "int"),
    ]
    if with_unreadable:
        columns.append(Column("无法辨认", "int"))
    columns.append(Column("结果"))
    rows, marked, flagged = [], [], []
    for index, c in enumerate(r.candidates):
        row = [WRITE_IN if c.write_in else index + 1, c.name, c.yes, c.no, shown_abstain(c)]
        if with_unreadable:
            row.append(None if c.write_in else c.unreadable)
        row.append(candidate_result(c, r.valid))
        rows.append(tuple(row))
        if c.elected:
            marked.append(index)
        elif r.valid and (c.runoff or c.exactly_half):
            flagged.append(index)
    table = ResultTable(
        "得票",
        "各候选人得票情况（按选票上的顺序）",
        tuple(columns),
        tuple(rows),
        tuple(marked),
        tuple(flagged),
    )
    settings = [
        _setting("应选名额", "seats", seats, f"{seats} 名"),
        _setting(
            "选举方式",
            "equal",
            s.equal,
            "等额选举（候选人数等于应选名额）"
            if s.equal
            else f"差额选举（候选人至少比应选名额多 {rate_words(rate)}，且至少多 1 名）",
        ),
        _setting("差额比例", "rate", item.settings.get("rate", "5%"), rate_words(rate)),
        _setting("选举有效条件", "validity", s.validity, VALIDITY.get(s.validity, s.validity)),
        _setting(
            "当选条件",
            "",
            "",
            "得赞成票超过应到会有选举权人数的半数（2×赞成 > 应到）",
        ),
        _setting(
            "无法辨认的标记",
            "unreadable",
            s.unreadable,
            UNREADABLE_WORDS.get(s.unreadable, s.unreadable),
        ),
        _setting("得票相等", "tie", s.tie, TIE_WORDS.get(s.tie, s.tie)),
        _setting(
            "名额不足", "shortfall", s.shortfall, SHORTFALL_WORDS.get(s.shortfall, s.shortfall)
        ),
        _setting(
            "废票",
            "",
            "",
            f"所选人数（○ 与另选他人合计）多于应选名额 {seats} 名的选票作废；全部空白的选票有效（均为弃权）",
        ),
        _setting("两次录入核对", "double_entry", item.double_entry, _yes_no(item.double_entry)),
        *_runoff_setting(item.settings),
        *_unknown_settings(
            item.settings,
            {"seats", "equal", "rate", "validity", "unreadable", "tie", "shortfall", "runoff"},
        ),
    ]
    differences = [f"第 {d.number} 号票" for d in outcome.differences]
    missing = "" if outcome.entries.get(1) else "尚未录入选票，结果未确定"
    status = _status(
        outcome, bool(outcome.entries.get(1)) or item.issued is not None, differences, missing
    )
    signatures = (
        Signature("监票人", tuple(item.scrutineers), 0 if item.scrutineers else 2),
        Signature("计票人", tuple(item.counters), 0 if item.counters else 2),
        Signature("主持人", (), 1),
    )
    title_congress = f"{congress.name} " if congress.name else ""
    title_parts = tuple(p for p in (congress.name, f"{item.title} 选举结果报告单") if p)
    return _facts(
        outcome,
        congress,
        elected_all=_across_table(outcome.rounds) if r.valid else None,
        title=f"{title_congress}{item.title} 选举结果报告单",
        title_parts=title_parts,
        with_congress=False,
        groups=groups,
        verdict=verdict,
        lines=lines,
        table=table,
        settings=settings,
        status=status,
        signatures=signatures,
        ballots=None if ballots is None else _ballot_table(outcome, ballots),
    )


# ----------------------------------------------------------------------------- appraisals


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
                    f"{WARN} 不满意超过{fraction_words(warn)}：{_names(warned)}",
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
        _setting("测评等次", "scale", scale, SCALES.get(scale, scale)),
        _setting(
            "满意率分母",
            "denominator",
            denominator,
            DENOMINATORS.get(denominator, denominator),
        ),
        _setting(
            "不满意预警",
            "warn",
            item.settings.get("warn", "1/3"),
            f"不满意票超过{DENOMINATORS.get(denominator, denominator)}的{fraction_words(warn)}时提示",
        ),
        _setting("加权得分", "weighted", weighted, "计算（仅供参考）" if weighted else "不计算"),
        _setting("两次录入核对", "double_entry", item.double_entry, _yes_no(item.double_entry)),
        *_unknown_settings(item.settings, {"scale", "denominator", "warn", "weighted"}),
    ]
    unmarked = len(item.nominees) - len(outcome.marked)
    missing = f"尚有 {unmarked} 名测评对象未录入，结果未确定" if r is not None and unmarked else ""
    status = _status(outcome, r is not None, _appraisal_differences(outcome), missing)
    return _facts(
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
        signatures=_plain_signatures(),
    )


def result_facts(
    outcome, congress: CongressInfo, ballots: list[Ballot] | None = None
) -> ResultFacts:
    if isinstance(outcome, MotionOutcome):
        facts = motion_facts(outcome, congress)
    elif isinstance(outcome, ElectionOutcome):
        facts = election_facts(outcome, congress, ballots)
    elif isinstance(outcome, AppraisalOutcome):
        facts = appraisal_facts(outcome, congress)
    else:
        raise TypeError(f"not a voting outcome: {type(outcome).__name__}")
    return unsettled(facts, outcome) if outcome.differences else facts


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
