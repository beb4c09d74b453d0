"""A proposal's lifecycle after capture: accept, suggest, reject, merge, reopen, assign, answer,
rate, edit."""

import re
from datetime import date

from sqlalchemy import update

import models.proposals as package  # read the clock here: a test fixes it on the package
from models import audit
from models.congress import require_congress
from models.errors import refuse
from models.proposals.records import (
    MAX_DEPARTMENT,
    MAX_NOTE,
    MAX_REPLY,
    MAX_TEXT,
    MAX_TITLE,
    RATING_ALIASES,
    T_PROPOSAL,
    ProposalDetail,
)
from models.proposals.registration import _clean_text, _log
from models.proposals.registry import _detail, _find_row
from models.proposals.settings import label_of, load_settings
from models.rules import proposals as rules
from models.rules.proposals import (
    ACCEPTED_SET,
    ANSWERED,
    ASSIGNED,
    MERGED,
    REJECTED,
    SUBMITTED,
    UNSATISFIED,
)


def _date(value) -> str:
    """An ISO date from 2026-12-31, 2026/12/31, 2026.12.31 or 2026年12月31日."""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value or "").strip()
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    try:
        if match is None:
            raise ValueError
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        raise refuse("proposal.bad_date", value=text[:20]) from None


def _step(
    db,
    ref,
    action: str,
    *,
    note: str = "",
    operator: str = "",
    station: str = "",
    prepare=None,
) -> ProposalDetail:
    """One lifecycle step: refused unless the proposal's status allows it; ``prepare(conn,
    congress, settings, row)`` checks the step's own input and returns (target status, changed
    columns, audit extras)."""
    step = rules.STEPS[action]
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise refuse("proposal.note_too_long", max=MAX_NOTE)
    with db.write() as conn:
        congress = require_congress(conn)
        settings = load_settings(conn, congress)
        row = _find_row(conn, congress, settings, ref, lock=True)
        label = label_of(settings, row.number)
        if not rules.step_allowed(action, row.status):
            raise refuse("proposal.bad_step", label=label, action=action, status=row.status)
        if step.needs_note and not note:
            raise refuse("proposal.needs_reason", action=action)
        target, values, extras = step.target, {}, {}
        if prepare is not None:
            target, values, extras = prepare(conn, congress, settings, row)
        stamp = package.now_iso()
        conn.execute(
            update(T_PROPOSAL)
            .where(T_PROPOSAL.c.id == row.id)
            .values(status=target, updated_at=stamp, **values)
        )
        shown = extras.get("shown", "")
        _log(conn, row.id, action, row.status, target, note, operator, station, stamp, shown)
        payload = {"proposal_id": row.id, "label": label, "from": row.status, "to": target}
        payload.update({k: v for k, v in extras.items() if k != "shown"})
        if note:
            payload["note"] = note
        audit.append(
            conn,
            f"proposal.{action}",
            payload,
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
        return _detail(conn, congress, settings, row.id)


def accept_proposal(db, ref, *, note: str = "", operator: str = "", station: str = ""):
    """立案: lawful, within the unit's remit, worthwhile and feasible."""
    return _step(db, ref, "accept", note=note, operator=operator, station=station)


def suggest_proposal(db, ref, *, note: str = "", operator: str = "", station: str = ""):
    """转为意见建议: handled as an opinion, not as a proposal."""

    def prepare(conn, congress, settings, row):
        return rules.SUGGESTION, {"decision_note": (note or "").strip()}, {}

    return _step(db, ref, "suggest", note=note, operator=operator, station=station, prepare=prepare)


def reject_proposal(db, ref, *, reason: str, operator: str = "", station: str = ""):
    """不予立案, always with the written reason the proposer will read."""

    def prepare(conn, congress, settings, row):
        return REJECTED, {"decision_note": (reason or "").strip()}, {}

    return _step(
        db, ref, "reject", note=reason, operator=operator, station=station, prepare=prepare
    )


def merge_proposal(
    db, ref, into, *, note: str = "", operator: str = "", station: str = ""
) -> ProposalDetail:
    """并案: this proposal is handled as part of ``into`` (which must still be live)."""

    def prepare(conn, congress, settings, row):
        target = _find_row(conn, congress, settings, into, lock=False)
        if target.id == row.id:
            raise refuse("proposal.merge_into_itself")
        if target.status not in (SUBMITTED, *ACCEPTED_SET):
            raise refuse(
                "proposal.merge_target_closed",
                label=label_of(settings, target.number),
                status=target.status,
            )
        target_label = label_of(settings, target.number)
        extras = {"into": target_label, "into_id": target.id, "shown": target_label}
        return MERGED, {"merged_into_id": target.id}, extras

    return _step(db, ref, "merge", note=note, operator=operator, station=station, prepare=prepare)


def reopen_proposal(db, ref, *, reason: str, operator: str = "", station: str = ""):
    """Undo a decision taken by mistake (before any department has the proposal)."""

    def prepare(conn, congress, settings, row):
        return SUBMITTED, {"merged_into_id": None, "decision_note": ""}, {}

    return _step(
        db, ref, "reopen", note=reason, operator=operator, station=station, prepare=prepare
    )


def assign_proposal(
    db,
    ref,
    *,
    department: str,
    due,
    note: str = "",
    not_before: date | None = None,
    operator: str = "",
    station: str = "",
) -> ProposalDetail:
    """交办 to the department that will answer it, by a due date (again after 不满意).
    ``not_before`` (today, at the counter) refuses an earlier due date: one already passed is
    a slip of the year or month, and the proposal would be overdue the moment it is assigned.
    Records entered after the fact leave it out."""
    name = " ".join((department or "").split())
    if not name:
        raise refuse("proposal.empty_department")
    if len(name) > MAX_DEPARTMENT:
        raise refuse("proposal.department_too_long", max=MAX_DEPARTMENT)
    due_date = _date(due)
    if not_before is not None and due_date < not_before.isoformat():
        raise refuse("proposal.due_in_past", due=due_date, today=not_before.isoformat())

    def prepare(conn, congress, settings, row):
        extras = {"department": name, "due": due_date, "shown": f"{name} · {due_date}"}
        return ASSIGNED, {"department": name, "due_date": due_date}, extras

    return _step(db, ref, "assign", note=note, operator=operator, station=station, prepare=prepare)


def answer_proposal(
    db, ref, *, reply: str, operator: str = "", station: str = ""
) -> ProposalDetail:
    """已答复: the department's reply, as the proposer will read it."""
    text = (reply or "").strip()
    if not text:
        raise refuse("proposal.empty_reply")
    if len(text) > MAX_REPLY:
        raise refuse("proposal.reply_too_long", max=MAX_REPLY)

    def prepare(conn, congress, settings, row):
        values = {"reply": text, "answered_at": package.now_iso()}
        return ANSWERED, values, {"reply": text, "shown": text}

    return _step(db, ref, "answer", operator=operator, station=station, prepare=prepare)


def parse_rating(value: str) -> str:
    rating = RATING_ALIASES.get(" ".join(str(value or "").split()).lower())
    if rating is None:
        raise refuse("proposal.bad_rating", value=str(value)[:20])
    return rating


def rate_proposal(
    db, ref, rating: str, *, note: str = "", operator: str = "", station: str = ""
) -> ProposalDetail:
    """The proposer's rating of the answer; 不满意 sends it back to be handled again."""
    chosen = parse_rating(rating)

    def prepare(conn, congress, settings, row):
        values = {"rating": chosen}
        if chosen == UNSATISFIED:
            values["round"] = row.round + 1
        return rules.rated_status(chosen), values, {"rating": chosen, "shown": chosen}

    return _step(db, ref, "rate", note=note, operator=operator, station=station, prepare=prepare)


def edit_proposal(
    db,
    ref,
    *,
    title: str | None = None,
    reason: str | None = None,
    suggestion: str | None = None,
    category: str | None = None,
    operator: str = "",
    station: str = "",
) -> ProposalDetail:
    """Correct the text or the category (a typo at the counter); the audit keeps the old text."""
    with db.write() as conn:
        congress = require_congress(conn)
        settings = load_settings(conn, congress)
        row = _find_row(conn, congress, settings, ref, lock=True)
        changes = {}
        if title is not None:
            changes["title"] = " ".join(title.split())
            if not changes["title"]:
                raise refuse("proposal.empty_title")
            if len(changes["title"]) > MAX_TITLE:
                raise refuse("proposal.title_too_long", max=MAX_TITLE)
        if reason is not None:
            changes["reason"] = _clean_text(reason, "proposal.reason_too_long", MAX_TEXT)
        if suggestion is not None:
            changes["suggestion"] = _clean_text(
                suggestion, "proposal.suggestion_too_long", MAX_TEXT
            )
        if category is not None:
            changes["category"] = " ".join(category.split())
            if changes["category"] not in settings.categories:
                raise refuse(
                    "proposal.unknown_category",
                    category=changes["category"],
                    categories="、".join(settings.categories),
                )
        changes = {k: v for k, v in changes.items() if v != getattr(row, k)}
        if changes:
            stamp = package.now_iso()
            conn.execute(
                update(T_PROPOSAL)
                .where(T_PROPOSAL.c.id == row.id)
                .values(updated_at=stamp, **changes)
            )
            fields = ",".join(changes)
            _log(conn, row.id, "edit", row.status, row.status, "", operator, station, stamp, fields)
            audit.append(
                conn,
                "proposal.edit",
                {
                    "proposal_id": row.id,
                    "label": label_of(settings, row.number),
                    "old": {k: getattr(row, k) for k in changes},
                    "new": changes,
                },
                congress_id=congress.id,
                operator=operator,
                station=station,
            )
        return _detail(conn, congress, settings, row.id)
