"""The minutes' rows as values (continued): election notes, appraisals, contests, proposals."""

from models.election_view import left_vacant
from models.io.cells import decimal_shown, percent_shown
from models.io.contest_words import note_words
from models.io.minutes_rows import joined, settings_text, yes_no
from models.io.proposal_book import (
    REGISTER,
    TOTALS,
    register_values,
)
from models.io.result_facts import (
    DENOMINATORS,
    GRADES,
    SCALES,
    ResultFacts,
    percent_text,
    subject_flags,
)
from models.rules.thresholds import parse_rate


def election_notes(outcome, facts: ResultFacts) -> list[tuple[str, str | int | None]]:
    """(label, value) lines under an election's candidates: who won, runoffs, vacancies."""
    item, r = outcome.item, outcome.result
    notes: list[tuple[str, str | int | None]] = []
    if facts.verdict.note:
        notes.append(("说明", facts.verdict.note))
    if r.valid:  # who won and what is left only mean something for a valid count
        notes += [
            (
                # the entries disagree: who has the votes is provisional, not elected
                "暂计当选人（未确定）" if outcome.differences else "当选人（按得票多少为序）",
                joined(r.elected) or "无",
            ),
            ("再次投票", joined(r.runoff) or "无"),
            ("待再次投票名额", r.runoff_seats),
            ("空缺名额（另行选举或空缺）", left_vacant(r)),
            ("另行选举建议名单", joined(r.reelect) or "无"),
        ]
        if r.seats_after is not None:
            notes.append(("减少后应选名额", r.seats_after))
    if r.void_numbers:
        notes.append(("废票票号", "、".join(str(n) for n in r.void_numbers)))
    notes += [
        ("监票人", joined(item.scrutineers)),
        ("计票人", joined(item.counters)),
        ("核对情况", facts.status),
        ("最终结果", yes_no(outcome.final)),
        ("设置", settings_text(facts)),
        ("表决名单SHA-256", item.roll.sha256 if item.roll else None),
    ]
    return notes


APPRAISAL_HEADERS = (
    "测评等次",
    "满意率分母",
    "测评对象人数",
    "应到",
    "发出",
    "收回",
    "无效",
    "有效测评表",
    "测评结果",
)


def appraisal_values(outcome, facts: ResultFacts) -> list:
    item, r = outcome.item, outcome.result
    scale = item.settings.get("scale", "sat3")
    denominator = item.settings.get("denominator", "valid")
    return [
        SCALES.get(scale, scale),
        DENOMINATORS.get(denominator, denominator),
        len(item.nominees),
        r.due if r else None,
        r.issued if r else item.issued,
        r.returned if r else None,
        r.invalid if r else None,
        r.valid_sheets if r else None,
        facts.verdict.text,
    ]


SUBJECT_TAIL = ("弃权", "分母", "满意率", "评价等次", "加权得分", "说明")


def subject_heads(result) -> tuple[str, ...]:
    return ("序号", "测评对象", "职务", *(o.label for o in result.options), *SUBJECT_TAIL)


def posts_of(item) -> dict[str, str | None]:
    return dict(zip(item.nominees, item.posts, strict=False))


def subject_tail(subject, warn) -> list:
    return [
        subject.blank,
        subject.denominator,
        percent_shown(percent_text(subject.rate)) if subject.rate is not None else None,
        GRADES.get(subject.grade, subject.grade) if subject.grade else None,
        None if subject.weighted is None else decimal_shown(f"{subject.weighted:.2f}"),
        subject_flags(subject, warn) or None,
    ]


def subject_values(index: int, subject, outcome) -> list:
    item = outcome.item
    warn = parse_rate(item.settings.get("warn", "1/3"))
    return [
        index + 1,
        subject.name,
        posts_of(item).get(subject.name),
        *subject.counts,
        *subject_tail(subject, warn),
    ]


STANDING_HEADERS = (
    "项目",
    "组别",
    "名次",
    "序号",
    "选手",
    "单位",
    "最后得分",
    "未修约分",
    "奖项",
    "名额线并列",
    "备注",
    "评分已齐",
)


def standing_values(group, row) -> list:
    card = row.card
    return [
        group.event.name or None,
        group.group or None,
        row.rank,
        row.entrant.number,
        row.entrant.name,
        row.entrant.unit or None,
        decimal_shown(card.shown),
        None if card.unrounded is None else decimal_shown(str(card.unrounded)),
        row.award,
        yes_no(row.flag) if row.flag else None,
        note_words(row) or None,
        yes_no(card.complete),
    ]


TEAM_HEADERS = ("名次", "团队", "单位", "成员", "团体成绩")


def team_values(row) -> list:
    return [row.rank, row.team, row.unit or None, "、".join(row.members), decimal_shown(row.shown)]


def proposal_values(detail) -> list:
    return register_values(detail)


PROPOSAL_HEADERS = tuple(title for title, _ in REGISTER)


def stats_rows(stats) -> list[tuple[str, int | str | None]]:
    """(项目, 件数) as the committee reports them; the rate in percent as printed ("87.5%")."""
    rows: list[tuple[str, int | str | None]] = [
        (label, getattr(stats, key)) for key, label in TOTALS
    ]
    rate = stats.satisfaction_rate
    rows.append(("满意率", None if rate is None else percent_shown(f"{rate}%")))
    return rows
