"""The minutes' rows as values, shared by the workbook (:mod:`models.io.minutes_book`) and its CSV
copies (:mod:`models.io.minutes_csv`): the words, the headers, attendance, motions, elections.
"""

from datetime import datetime

from models.election_view import shown_abstain
from models.io.badges import CATEGORY_NAMES
from models.io.cells import time_shown
from models.io.minutes_data import ABSENT, LEAVE, PRESENT, AttendanceRow, MinutesData
from models.io.result_facts import (
    BASES,
    COMPARATORS,
    METHODS,
    WRITE_IN,
    ResultFacts,
    candidate_result,
    result_facts,
)
from models.rules.thresholds import GT

SHEET_NAME_LIMIT = 31  # Excel refuses longer sheet names
SHEET_NAME_REFUSED = set("[]:*?/\\")
STATUS_WORDS = {PRESENT: "出席", LEAVE: "请假", ABSENT: "缺席"}
METHOD_WORDS = {"scan": "扫码", "manual": "手工"}
KIND_NAMES = {
    "zdh": "职工代表大会",
    "jdh": "教职工代表大会",
    "hydb": "会员代表大会",
    "other": "其他",
}

NO_SITTINGS = "尚未设立会次，没有出席记录。"
NO_MOTIONS = "本次大会没有表决事项。"
NO_ELECTIONS = "本次大会没有选举。"
NO_APPRAISALS = "本次大会没有民主测评。"
NO_PROPOSALS = "本次大会没有收到提案。"
NO_CONTESTS = "本次大会没有竞赛。"


# -- values shared with the CSV copies ----------------------------------------------------------


def yes_no(value) -> str:
    return "是" if value else "否"


def stamp(iso: str | None):
    """``2026-03-05 09:14:27``: a stored timestamp as the desk's wall clock, to the second."""
    if not iso:
        return None
    try:
        return time_shown(datetime.fromisoformat(iso))
    except ValueError:
        return iso


def joined(names) -> str | None:
    return "、".join(names) if names else None


FIGURE_HEADERS = (
    "应到代表",
    "实到代表",
    "请假",
    "缺席",
    "列席代表",
    "法定人数（至少）",
    "达到法定人数",
)


def figure_values(figures) -> list:
    met = yes_no(figures.quorum_met)
    if figures.quorum_on_line:  # RULES §0: exactly on the line is said so
        met += "（恰为三分之二）"
    return [
        figures.due,
        figures.present,
        figures.leave,
        figures.absent,
        figures.nonvoting_present,
        figures.required,
        met,
    ]


ATTENDANCE_HEADERS = (
    "编号",
    "姓名",
    "性别",
    "单位",
    "代表团",
    "类别",
    "出席情况",
    "签到时间",
    "签到台",
    "签到方式",
    "请假事由",
)


def attendance_values(row: AttendanceRow) -> list:
    return [
        row.code,
        row.name,
        row.gender,
        row.unit,
        row.delegation,
        CATEGORY_NAMES.get(row.category, row.category),
        STATUS_WORDS.get(row.status, row.status),
        stamp(row.checked_in_at),
        row.station,
        METHOD_WORDS.get(row.method, row.method) if row.method else None,
        row.leave_reason,
    ]


def kind_outcomes(data: MinutesData, kind: str) -> list:
    return [outcome for outcome in data.items if outcome.item.kind == kind]


def facts_of(data: MinutesData) -> dict[int, ResultFacts]:
    """The printed result sheet's words (verdict, entry check, settings) of every item."""
    return {o.item.number: result_facts(o, data.congress) for o in data.items}


def settings_text(facts: ResultFacts) -> str:
    return "；".join(f"{s.label}：{s.words}" for s in facts.settings)


MOTION_HEADERS = (
    "序号",
    "事项",
    "表决方式",
    "重要事项",
    "会次",
    "应到",
    "实到",
    "发出",
    "收回",
    "有效票",
    "无效票",
    "赞成",
    "反对",
    "弃权",
    "计算基数",
    "基数人数",
    "比较方式",
    "通过所需赞成票",
    "表决结果",
    "恰好半数",
    "核对情况",
    "最终结果",
    "设置",
    "表决名单SHA-256",
)


def motion_values(outcome, facts: ResultFacts) -> list:
    item, r = outcome.item, outcome.result
    roll = item.roll
    base_kind = r.base_kind if r else item.settings.get("base", "due")
    comparator = r.comparator if r else item.settings.get("comparator", GT)
    return [
        item.number,
        item.title,
        METHODS.get(item.method, item.method) if item.method else None,
        yes_no(item.important),
        roll.sitting if roll else None,
        r.due if r else (roll.due if roll else None),
        r.present if r else (roll.present if roll else None),
        r.issued if r else None,
        r.returned if r else None,
        r.valid if r else None,
        r.invalid if r else None,
        r.yes if r else None,
        r.no if r else None,
        r.abstain if r else None,
        BASES.get(base_kind, base_kind),
        r.base if r else None,
        COMPARATORS.get(comparator, comparator),
        r.threshold if r else None,
        facts.verdict.text,
        yes_no(r.exactly_on_line) if r else None,
        facts.status,
        yes_no(outcome.final),
        settings_text(facts),
        roll.sha256 if roll else None,
    ]


ELECTION_HEADERS = (
    "应选名额",
    "候选人数",
    "选举方式",
    "应到会有选举权人数",
    "实到",
    "有效所需参加人数",
    "当选所需赞成票",
    "发出",
    "收回",
    "有效票",
    "无效票",
    "选举结果",
)


def election_values(outcome, facts: ResultFacts) -> list:
    item, r = outcome.item, outcome.result
    equal = r.settings.equal or len(item.nominees) == r.seats
    return [
        r.seats,
        len(item.nominees),
        "等额选举" if equal else "差额选举",
        r.due,
        item.roll.present if item.roll else None,
        r.participation_required,
        r.threshold,
        r.issued,
        r.returned,
        r.valid_ballots,
        r.void_ballots,
        facts.verdict.text,
    ]


CANDIDATE_HEADERS = (
    "候选人序号",
    "候选人",
    "另选他人",
    "赞成",
    "不赞成",
    "弃权",
    "无法辨认",
    "结果",
    "当选",
    "再次投票",
)


def candidate_values(index: int, candidate, result) -> list:
    return [
        WRITE_IN if candidate.write_in else index + 1,
        candidate.name,
        yes_no(candidate.write_in),
        candidate.yes,
        candidate.no,
        shown_abstain(candidate),
        None if candidate.write_in else candidate.unreadable,
        candidate_result(candidate, result.valid),
        yes_no(candidate.elected),
        yes_no(candidate.runoff),
    ]
