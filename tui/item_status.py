"""Each voting item's status in words, the same on the items list, on the item's own screen and
in `huiwu items`: 未开始 / 计票中 / 待核对 / 通过 / 未通过 / 已确定 / 无效 (issue 17: the list and the
screen never disagree). Plain functions over the result services' outcomes; no textual."""

from dataclasses import dataclass

from models.errors import Refusal
from models.voting import ELECTION, MOTION, ItemSummary, list_items
from tui.i18n import refusal_text, t


@dataclass(frozen=True)
class ItemRow:
    number: int
    kind: str
    title: str
    detail: str
    status: str
    state: str  # idle | counting | check | passed | failed | done | void


def item_detail(outcome) -> str:
    """A few words on what the item is: method and flags, seats, people appraised."""
    item = outcome.item
    if item.kind == MOTION:
        parts = []
        if item.important:
            parts.append(t("vui.important"))
        if item.method:
            parts.append(t(f"method.{item.method}"))
        if item.double_entry:
            parts.append(t("vui.double_entry"))
        return " · ".join(parts)
    if item.kind == ELECTION:
        seats = item.settings.get("seats", 0)
        text = t("vui.detail.election", seats=seats, candidates=len(item.nominees))
        if item.round > 1:
            text += " · " + t("vui.detail.round", round=item.round)
        return text
    return t("vui.detail.appraisal", people=len(item.nominees))


def counting_words(keyed: int, issued: int | None) -> str:
    """「计票中（已录 x/y 张）」: ballots keyed one by one, the count not closed yet."""
    if issued is None:
        return t("vui.status.counting_keyed_no_issue", keyed=keyed)
    return t("vui.status.counting_keyed", keyed=keyed, issued=issued)


def item_state(outcome) -> tuple[str, str]:
    """(words, state) for the status column: 未开始 / 计票中 / 待核对 / 通过 / 未通过 / 已确定 / 无效.

    Ballots keyed one by one (an election, a motion's secret ballot) stay 计票中 until the count
    is complete: the clerk closed it (计票完毕) or every ballot issued is keyed."""
    item = outcome.item
    if outcome.differences:
        return t("vui.status.check"), "check"
    if item.reopened and outcome.final:  # all in and agreeing, but open for changes again
        return t("vui.status.reopened"), "counting"
    if item.kind == MOTION:
        if outcome.result is None:
            return t("vui.status.idle"), "idle"
        if not outcome.complete:
            return counting_words(outcome.ballots_keyed, item.issued), "counting"
        if not outcome.final:
            return t("vui.status.second"), "counting"
        if outcome.result.passed:
            return t("motion.passed"), "passed"
        return t("motion.failed"), "failed"
    if item.kind == ELECTION:
        keyed = outcome.entries.get(1, 0)
        if not keyed:
            if item.roll is None:
                return t("vui.status.idle"), "idle"
            return t("vui.status.counting"), "counting"
        result = outcome.result
        if not result.valid and result.void_reason not in ("not_issued", None):
            return t("vui.status.void"), "void"
        if not outcome.complete:
            return counting_words(keyed, item.issued), "counting"
        if item.issued is None:  # counted, but 发出 unknown: the result cannot be final yet
            return t("vui.status.not_issued"), "counting"
        if not outcome.final:
            return t("vui.status.second"), "counting"
        if result.issued is not None and keyed < result.issued:
            # fewer ballots back than issued is lawful; say how many, keying may also go on
            words = t(
                "vui.status.elected_back",
                count=len(result.elected),
                keyed=keyed,
                issued=result.issued,
            )
            return words, "done"
        return t("vui.status.elected", count=len(result.elected)), "done"
    result = outcome.result
    if result is None:
        if item.roll is None:
            return t("vui.status.idle"), "idle"
        return t("vui.status.counting"), "counting"
    if not result.valid:
        return t("vui.status.void"), "void"
    if len(outcome.marked) < len(item.nominees):
        marked, total = len(outcome.marked), len(item.nominees)
        return t("vui.status.marked", marked=marked, total=total), "counting"
    if not outcome.final:
        return t("vui.status.second"), "counting"
    return t("vui.status.done"), "done"


STATE_STYLE = {
    "idle": "dim",
    "counting": "yellow",
    "check": "bold red",
    "passed": "bold green",
    "failed": "bold red",
    "done": "bold green",
    "void": "bold red",
}


def item_rows(db) -> list[ItemRow]:
    from models.results import item_outcome

    rows = []
    for summary in list_items(db):
        rows.append(_row(db, summary, item_outcome))
    return rows


def _row(db, summary: ItemSummary, item_outcome) -> ItemRow:
    try:
        outcome = item_outcome(db, summary.number)
    except Refusal as refusal:
        words, state, detail = refusal_text(refusal), "void", ""
    else:
        (words, state), detail = item_state(outcome), item_detail(outcome)
    return ItemRow(summary.number, summary.kind, summary.title, detail, words, state)
