"""The proposal compilation's words, shared with the registry workbook (:mod:`models.io.proposal_book`)."""

from datetime import date, datetime

from models.proposals import ProposalDetail, ProposalStats
from models.rules.proposals import DELEGATION

# -- the catalog's Chinese words (tui/i18n/proposals.py; a test keeps them equal) ---------------

STATUS_WORDS = {
    "submitted": "已提交",
    "merged": "已合并",
    "accepted": "已立案",
    "suggestion": "转为意见建议",
    "rejected": "不予立案",
    "assigned": "已交办",
    "answered": "已答复",
    "closed": "已办结",
    "rehandling": "重新办理",
}
ACTION_WORDS = {
    "submit": "提交",
    "merge": "合并",
    "accept": "立案",
    "suggest": "转为意见建议",
    "reject": "不予立案",
    "reopen": "撤销决定",
    "assign": "交办",
    "answer": "答复",
    "rate": "评价",
    "edit": "修改",
}
RATING_WORDS = {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}
KIND_WORDS = {"person": "代表个人", "joint": "代表联名", "delegation": "代表团"}
DASH = "—"


# -- words shared with the workbook -------------------------------------------------------------


def status_words(code: str | None) -> str:
    return STATUS_WORDS.get(code or "", code or "")


def rating_words(code: str | None) -> str:
    return RATING_WORDS.get(code or "", code or "")


def kind_words(code: str | None) -> str:
    return KIND_WORDS.get(code or "", code or "")


def action_words(code: str | None) -> str:
    return ACTION_WORDS.get(code or "", code or "")


def stamp_text(iso: str | None) -> str:
    """``2026-05-01 09:30`` from a stored timestamp (local time, as the desk saw it)."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def day_words(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def person_words(person, with_delegation: bool = True) -> str:
    if with_delegation and person.delegation:
        return f"{person.name}（{person.delegation}）"
    return person.name


def proposer_words(detail: ProposalDetail) -> str:
    """Who proposes it: the delegation for a delegation's proposal (with the delegates who signed
    it, if any), else each delegate with their delegation."""
    if detail.row.proposer_kind == DELEGATION:
        name = detail.row.delegation or detail.row.proposers or DASH
        if detail.proposers:
            signed = "、".join(p.name for p in detail.proposers)
            return f"{name}（署名代表：{signed}）"
        return name
    return "、".join(person_words(p) for p in detail.proposers) or detail.row.proposers or DASH


def seconder_words(detail: ProposalDetail) -> str:
    return "、".join(p.name for p in detail.seconders)


def decision_words(detail: ProposalDetail) -> str:
    """The committee's decision in words: why it was not accepted, where it was merged, what was
    merged into it."""
    parts = []
    if detail.merged_into:
        parts.append(f"并入 {detail.merged_into}")
    if detail.decision_note:
        parts.append(detail.decision_note)
    if detail.merged:
        parts.append("并案：" + "、".join(detail.merged))
    return "；".join(parts)


def history_words(entry) -> str:
    """What a step set and the desk's own note: 「人力资源部 · 2026-06-30；请尽快」."""
    detail = rating_words(entry.detail) if entry.action == "rate" else entry.detail
    if entry.action == "merge" and detail:
        detail = f"并入 {detail}"
    return "；".join(part for part in (detail, entry.note) if part)


def summary_sentence(stats: ProposalStats) -> str:
    """收到 … 件，立案 … 件 … — the committee's figures as the report states them."""
    if not stats.received:
        return "本次大会尚未收到代表提案。"
    text = (
        f"本次大会共收到代表提案 {stats.received} 件。经提案审查，立案 {stats.accepted} 件，"
        f"并案处理 {stats.merged} 件，转为意见建议 {stats.suggestion} 件，"
        f"不予立案 {stats.rejected} 件"
    )
    text += f"，尚待审查 {stats.pending} 件。" if stats.pending else "。"
    if stats.accepted:
        text += f"立案提案中已答复 {stats.answered} 件"
        if stats.rated:
            text += (
                f"，提案人已评价 {stats.rated} 件（满意 {stats.satisfied} 件、基本满意 "
                f"{stats.basic} 件、不满意 {stats.unsatisfied} 件），"
                f"满意率 {stats.satisfaction_rate}%"
            )
        text += "。"
    if stats.overdue:
        text += f"另有 {stats.overdue} 件已超过办理期限尚未答复。"
    return text
