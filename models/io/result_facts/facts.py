"""What every result sheet is made of: the dataclasses, the words, the parts all three kinds share.

The wording is the print template of a Chinese document (see the package's docstring).
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from models.congress import CongressInfo
from models.numerals import chinese_number
from models.rules.election import (
    BLANK,
    NO,
    SHORTFALL_REDUCE,
    SHORTFALL_REELECT,
    SHORTFALL_VACANT,
    UNREADABLE,
    YES,
)
from models.rules.thresholds import GT, GTE, HALF
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


def yes_no_word(value) -> str:
    return "是" if value else "否"


def joined_names(names) -> str:
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


def build_facts(outcome, congress, *, title, title_parts, with_congress, **parts) -> "ResultFacts":
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


def status_line(outcome, has_data: bool, differences: list[str], missing: str = "") -> str:
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


def plain_signatures() -> tuple[Signature, ...]:
    return (
        Signature("监票人", (), 2),
        Signature("计票人", (), 2),
        Signature("主持人", (), 1),
    )


def make_setting(label: str, key: str, value, words: str) -> Setting:
    if isinstance(value, bool):
        value = "true" if value else "false"
    return Setting(label, key, value if isinstance(value, int) else str(value), words)


def unknown_settings(settings: dict, known: set[str]) -> list[Setting]:
    return [
        make_setting(key, key, settings[key], str(settings[key]))
        for key in sorted(settings)
        if key not in known
    ]


# ----------------------------------------------------------------------------- election settings

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
