"""Proposals (提案, RULES §5): capture, the lifecycle to the answer and the proposer's rating,
the registry and its statistics.

A proposal is numbered per congress without gaps (「三届二次-001」): the number is taken under the
congress lock when it is submitted and kept for good, whatever becomes of the proposal (a merged or
rejected one keeps its number; nothing is ever deleted). Every change writes its audit event and a
``proposal_log`` row (the history the detail screen shows) in the same transaction.

People are addressed by their roster code (or their badge's QR text); proposals by number, by
label (``三届二次-001``) or by the number's digits (``001``).
"""

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection, UniqueConstraint, func, insert, select, update
from sqlmodel import Field, SQLModel

from models import audit, badge_code
from models.badge_keys import badge_problem
from models.clock import now, now_iso
from models.congress import (
    T_DELEGATION,
    T_PERSON,
    VOTING,
    CongressInfo,
    congress_secret,
    require_congress,
)
from models.errors import refuse
from models.numerals import row_number
from models.roster import lock_congress
from models.rules import proposals as rules
from models.rules.proposals import (
    ACCEPTED_SET,
    ANSWERED,
    ASSIGNED,
    BASIC,
    MERGED,
    RATINGS,
    REJECTED,
    SATISFIED,
    STATUSES,
    SUBMITTED,
    SUGGESTION,
    UNSATISFIED,
)

MAX_TITLE = 200
MAX_TEXT = 5000
MAX_DEPARTMENT = 100
MAX_NOTE = 2000
MAX_REPLY = 10000
MAX_CATEGORY = 32
MAX_CATEGORIES = 30
PROPOSER = "proposer"
SECONDER = "seconder"
NO_DELEGATION = "—"  # by_delegation key for proposals whose proposers belong to no delegation
RATING_ALIASES = {
    "满意": SATISFIED,
    "基本满意": BASIC,
    "不满意": UNSATISFIED,
    **{rating: rating for rating in RATINGS},
}


class ProposalConfig(SQLModel, table=True):
    __tablename__ = "proposal_config"
    congress_id: int = Field(primary_key=True, foreign_key="congress.id")
    min_seconders: int = Field(default=rules.DEFAULT_MIN_SECONDERS)
    categories: str = Field(max_length=2000)  # JSON list, in the order the form offers them
    prefix: str = Field(default="", max_length=40)  # "" = the congress's 「三届二次」


class Proposal(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("congress_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    number: int
    title: str = Field(max_length=MAX_TITLE)
    reason: str = ""  # 案由
    suggestion: str = ""  # 建议 (suggested measures)
    category: str = Field(max_length=MAX_CATEGORY)
    proposer_kind: str = Field(max_length=16)
    delegation_id: int | None = Field(default=None, foreign_key="delegation.id", index=True)
    status: str = Field(default=SUBMITTED, max_length=16, index=True)
    merged_into_id: int | None = Field(default=None, foreign_key="proposal.id")
    decision_note: str = ""  # why it was rejected / turned into a suggestion
    department: str = Field(default="", max_length=MAX_DEPARTMENT)  # 承办部门
    due_date: str | None = Field(default=None, max_length=10)  # ISO date
    reply: str = ""
    answered_at: str | None = Field(default=None, max_length=40)
    rating: str | None = Field(default=None, max_length=16)
    round: int = 1  # 1, then 2 … each time 不满意 sends it back to be handled again
    submitted_at: str = Field(max_length=40)
    updated_at: str = Field(max_length=40)


class ProposalPerson(SQLModel, table=True):
    __tablename__ = "proposal_person"
    __table_args__ = (UniqueConstraint("proposal_id", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str = Field(max_length=16)
    position: int


class ProposalLog(SQLModel, table=True):
    __tablename__ = "proposal_log"
    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    at: str = Field(max_length=40)
    action: str = Field(max_length=16)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str = Field(max_length=16)
    note: str = ""  # the desk's own words (a reason, a remark)
    detail: str = ""  # what the step set: 承办部门 · due date, the reply, the rating, the target
    operator: str = Field(default="", max_length=64)
    station: str = Field(default="", max_length=64)


T_CONFIG = ProposalConfig.__table__
T_PROPOSAL = Proposal.__table__
T_PP = ProposalPerson.__table__
T_LOG = ProposalLog.__table__


@dataclass(frozen=True)
class ProposalSettings:
    min_seconders: int
    categories: tuple[str, ...]
    prefix: str  # what numbers start with, e.g. 三届二次


@dataclass(frozen=True)
class PersonRef:
    id: int
    code: str
    name: str
    delegation: str | None
    category: str


@dataclass(frozen=True)
class Draft:
    """What the capture form or one file row holds; people by roster code (or badge text)."""

    title: str
    category: str
    proposers: tuple[str, ...] = ()
    seconders: tuple[str, ...] = ()
    delegation: str | None = None  # a delegation's proposal (代表团提案)
    reason: str = ""
    suggestion: str = ""


@dataclass(frozen=True)
class ProposalRow:
    id: int
    number: int
    label: str
    title: str
    category: str
    status: str
    proposer_kind: str
    proposers: str  # 「张三、李四」 or the delegation's name
    delegation: str | None
    department: str
    due_date: str | None
    rating: str | None
    round: int
    submitted_at: str
    overdue: bool


@dataclass(frozen=True)
class HistoryEntry:
    at: str
    action: str
    from_status: str | None
    to_status: str
    note: str
    detail: (
        str  # rate: the rating code; assign: "部门 · 2026-12-31"; answer: the reply; merge: label
    )
    operator: str
    station: str


@dataclass(frozen=True)
class ProposalDetail:
    row: ProposalRow
    reason: str
    suggestion: str
    proposers: tuple[PersonRef, ...]
    seconders: tuple[PersonRef, ...]
    merged_into: str | None  # the label of the proposal it was merged into
    merged: tuple[str, ...]  # labels of the proposals merged into this one
    decision_note: str
    reply: str
    answered_at: str | None
    history: tuple[HistoryEntry, ...]
    next_actions: tuple[str, ...]


@dataclass(frozen=True)
class SimilarProposal:
    number: int
    label: str
    title: str
    status: str
    score: float


@dataclass(frozen=True)
class ProposalStats:
    received: int
    merged: int
    accepted: int
    suggestion: int
    rejected: int
    pending: int  # submitted, not yet decided
    answered: int
    rated: int
    satisfied: int
    basic: int
    unsatisfied: int
    satisfaction_rate: Decimal | None
    overdue: int
    by_category: dict[str, dict[str, int]] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_delegation: dict[str, dict[str, int]] = field(default_factory=dict)


# -- settings -----------------------------------------------------------------------------------


def _settings_row(conn: Connection, congress_id: int):
    return conn.execute(select(T_CONFIG).where(T_CONFIG.c.congress_id == congress_id)).first()


def load_settings(conn: Connection, congress: CongressInfo) -> ProposalSettings:
    row = _settings_row(conn, congress.id)
    default_prefix = congress.term_session or "提案"
    if row is None:
        return ProposalSettings(
            rules.DEFAULT_MIN_SECONDERS, rules.DEFAULT_CATEGORIES, default_prefix
        )
    return ProposalSettings(
        row.min_seconders, tuple(json.loads(row.categories)), row.prefix or default_prefix
    )


def proposal_settings(db) -> ProposalSettings:
    with db.read() as conn:
        return load_settings(conn, require_congress(conn))


def _clean_categories(categories) -> tuple[str, ...]:
    cleaned = tuple(dict.fromkeys(" ".join(str(c).split()) for c in categories if str(c).strip()))
    if not cleaned:
        raise refuse("proposal.no_categories")
    if len(cleaned) > MAX_CATEGORIES:
        raise refuse("proposal.too_many_categories", max=MAX_CATEGORIES)
    for name in cleaned:
        if len(name) > MAX_CATEGORY:
            raise refuse("proposal.category_too_long", category=name, max=MAX_CATEGORY)
    return cleaned


def set_proposal_settings(
    db,
    *,
    min_seconders: int | None = None,
    categories=None,
    prefix: str | None = None,
    operator: str = "",
) -> ProposalSettings:
    """Change the seconders minimum, the category list or the numbering prefix. A category that
    proposals already use cannot be dropped (rename it by adding the new one first)."""
    with db.write() as conn:
        congress = require_congress(conn)
        lock_congress(conn, congress.id)
        before = load_settings(conn, congress)
        minimum = before.min_seconders if min_seconders is None else min_seconders
        if not 0 <= minimum <= rules.MAX_MIN_SECONDERS:
            raise refuse("proposal.bad_min_seconders", value=minimum, max=rules.MAX_MIN_SECONDERS)
        chosen = before.categories if categories is None else _clean_categories(categories)
        dropped = set(before.categories) - set(chosen)
        in_use = _categories_in_use(conn, congress.id) & dropped
        if in_use:
            raise refuse("proposal.category_in_use", category="、".join(sorted(in_use)))
        stored_prefix = _stored_prefix(conn, congress.id) if prefix is None else prefix.strip()
        if len(stored_prefix) > 40:
            raise refuse("proposal.prefix_too_long")
        values = {
            "min_seconders": minimum,
            "categories": json.dumps(list(chosen), ensure_ascii=False),
            "prefix": stored_prefix,
        }
        if _settings_row(conn, congress.id) is None:
            conn.execute(insert(T_CONFIG).values(congress_id=congress.id, **values))
        else:
            conn.execute(
                update(T_CONFIG).where(T_CONFIG.c.congress_id == congress.id).values(values)
            )
        audit.append(
            conn,
            "proposal.settings",
            {"min_seconders": minimum, "categories": list(chosen), "prefix": stored_prefix},
            congress_id=congress.id,
            operator=operator,
        )
        return load_settings(conn, congress)


def _stored_prefix(conn: Connection, congress_id: int) -> str:
    row = _settings_row(conn, congress_id)
    return row.prefix if row is not None else ""


def _categories_in_use(conn: Connection, congress_id: int) -> set[str]:
    query = select(T_PROPOSAL.c.category).where(T_PROPOSAL.c.congress_id == congress_id).distinct()
    return set(conn.execute(query).scalars())


def label_of(settings: ProposalSettings, number: int) -> str:
    return f"{settings.prefix}-{number:03d}"


# -- people -------------------------------------------------------------------------------------


def _person_query():
    return select(
        T_PERSON.c.id,
        T_PERSON.c.code,
        T_PERSON.c.name,
        T_PERSON.c.category,
        T_DELEGATION.c.name.label("delegation"),
    ).outerjoin(T_DELEGATION, T_DELEGATION.c.id == T_PERSON.c.delegation_id)


def _person_ref(row) -> PersonRef:
    return PersonRef(row.id, row.code, row.name, row.delegation, row.category)


def _resolve(conn: Connection, congress: CongressInfo, text: str) -> PersonRef:
    """A person from a roster code or a badge's QR text; a refusal for anything else."""
    raw = badge_code.normalize_scan(text or "")
    badge = badge_code.parse(raw)
    code = raw
    if badge is not None:
        problem = badge_problem(conn, congress, congress_secret(conn, congress.id), badge)
        if problem == "foreign":
            raise refuse("proposal.foreign_badge")
        if problem is not None:  # forged or revoked: the message names both
            raise refuse("proposal.forged_badge")
        code = badge.code
    row = conn.execute(
        _person_query().where(T_PERSON.c.congress_id == congress.id, T_PERSON.c.code == code)
    ).first()
    if row is None:
        raise refuse("proposal.unknown_person", code=raw[:40])
    return _person_ref(row)


def identify_person(db, text: str) -> PersonRef:
    """The person a scanned badge or a typed code names (the capture form's proposer field)."""
    with db.read() as conn:
        return _resolve(conn, require_congress(conn), text)


def _delegation_id(conn: Connection, congress: CongressInfo, name: str) -> int:
    found = conn.execute(
        select(T_DELEGATION.c.id).where(
            T_DELEGATION.c.congress_id == congress.id, T_DELEGATION.c.name == name
        )
    ).scalar()
    if found is None:
        raise refuse("proposal.unknown_delegation", delegation=name)
    return found


def delegation_names(db) -> list[str]:
    with db.read() as conn:
        congress = require_congress(conn)
        query = select(T_DELEGATION.c.name).where(T_DELEGATION.c.congress_id == congress.id)
        return list(conn.execute(query.order_by(T_DELEGATION.c.id)).scalars())


# -- checking a draft ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Checked:
    draft: Draft
    proposers: tuple[PersonRef, ...]
    seconders: tuple[PersonRef, ...]
    delegation_id: int | None
    kind: str


def _clean_text(value: str, key: str, limit: int) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise refuse(key, max=limit)
    return text


def check_person(
    person: PersonRef, role: str, proposers: Sequence[PersonRef], seconders: Sequence[PersonRef]
) -> None:
    """Can ``person`` join the proposal as ``role`` next to the people already listed? (RULES §5:
    voting delegates only, nobody twice, a proposer never seconds.) The capture form asks at each
    scan; :func:`check_draft` asks again for every person on submit."""
    same = {"name": person.name, "code": person.code}
    own, other = (proposers, seconders) if role == PROPOSER else (seconders, proposers)
    if any(p.id == person.id for p in own):
        raise refuse(f"proposal.duplicate_{role}", **same)
    if any(p.id == person.id for p in other):
        raise refuse("proposal.seconder_is_proposer", **same)
    if person.category != VOTING:
        raise refuse(f"proposal.{role}_not_delegate", **same)


def _people(conn, congress, codes, role: str, proposers=()) -> tuple[PersonRef, ...]:
    people: list[PersonRef] = []
    for code in codes:
        if not str(code).strip():
            continue
        person = _resolve(conn, congress, str(code))
        if role == PROPOSER:
            check_person(person, role, proposers=people, seconders=())
        else:
            check_person(person, role, proposers=proposers, seconders=people)
        people.append(person)
    return tuple(people)


def check_draft(
    conn: Connection, congress: CongressInfo, settings: ProposalSettings, draft: Draft
) -> _Checked:
    """Every rule a proposal must meet before it gets a number (RULES §5); the first broken one
    is raised as a refusal."""
    title = " ".join((draft.title or "").split())
    if not title:
        raise refuse("proposal.empty_title")
    if len(title) > MAX_TITLE:
        raise refuse("proposal.title_too_long", max=MAX_TITLE)
    category = " ".join((draft.category or "").split())
    if not category:
        raise refuse("proposal.empty_category", categories="、".join(settings.categories))
    if category not in settings.categories:
        raise refuse(
            "proposal.unknown_category",
            category=category,
            categories="、".join(settings.categories),
        )
    reason = _clean_text(draft.reason, "proposal.reason_too_long", MAX_TEXT)
    suggestion = _clean_text(draft.suggestion, "proposal.suggestion_too_long", MAX_TEXT)
    delegation = " ".join((draft.delegation or "").split())
    delegation_id = _delegation_id(conn, congress, delegation) if delegation else None
    proposers = _people(conn, congress, draft.proposers, PROPOSER)
    if not proposers and delegation_id is None:
        raise refuse("proposal.no_proposer")
    seconders = _people(conn, congress, draft.seconders, SECONDER, proposers)
    if rules.seconders_short(len(seconders), settings.min_seconders):
        raise refuse("proposal.too_few_seconders", count=len(seconders), min=settings.min_seconders)
    if delegation_id is None:
        delegation_id = _first_delegation_id(conn, proposers[0])
    cleaned = Draft(
        title=title,
        category=category,
        proposers=tuple(p.code for p in proposers),
        seconders=tuple(p.code for p in seconders),
        delegation=delegation or None,
        reason=reason,
        suggestion=suggestion,
    )
    kind = rules.proposer_kind(len(proposers), bool(delegation))
    return _Checked(cleaned, proposers, seconders, delegation_id, kind)


def _first_delegation_id(conn: Connection, person: PersonRef) -> int | None:
    return conn.execute(select(T_PERSON.c.delegation_id).where(T_PERSON.c.id == person.id)).scalar()


# -- submitting ---------------------------------------------------------------------------------


def _next_number(conn: Connection, congress_id: int) -> int:
    last = conn.execute(
        select(func.max(T_PROPOSAL.c.number)).where(T_PROPOSAL.c.congress_id == congress_id)
    ).scalar()
    return (last or 0) + 1


def insert_proposal(
    conn: Connection,
    congress: CongressInfo,
    settings: ProposalSettings,
    checked: _Checked,
    *,
    operator: str = "",
    station: str = "",
    source: str = "desk",
) -> int:
    """Number and store a checked draft (the caller holds the congress lock); its id."""
    number = _next_number(conn, congress.id)
    stamp = now_iso()
    draft = checked.draft
    proposal_id = conn.execute(
        insert(T_PROPOSAL).values(
            congress_id=congress.id,
            number=number,
            title=draft.title,
            reason=draft.reason,
            suggestion=draft.suggestion,
            category=draft.category,
            proposer_kind=checked.kind,
            delegation_id=checked.delegation_id,
            status=SUBMITTED,
            submitted_at=stamp,
            updated_at=stamp,
        )
    ).inserted_primary_key[0]
    people = [(PROPOSER, p) for p in checked.proposers] + [(SECONDER, p) for p in checked.seconders]
    if people:
        conn.execute(
            insert(T_PP),
            [
                {"proposal_id": proposal_id, "person_id": p.id, "role": role, "position": i}
                for i, (role, p) in enumerate(people)
            ],
        )
    _log(conn, proposal_id, "submit", None, SUBMITTED, "", operator, station, stamp)
    audit.append(
        conn,
        "proposal.submit",
        {
            "proposal_id": proposal_id,
            "number": number,
            "label": label_of(settings, number),
            "title": draft.title,
            "category": draft.category,
            "kind": checked.kind,
            "delegation": draft.delegation,
            "proposers": list(draft.proposers),
            "seconders": list(draft.seconders),
            "reason": draft.reason,
            "suggestion": draft.suggestion,
            "source": source,
        },
        congress_id=congress.id,
        operator=operator,
        station=station,
    )
    return proposal_id


def submit_proposal(db, draft: Draft, *, operator: str = "", station: str = "") -> ProposalDetail:
    """Check a proposal against RULES §5 and give it the next number; nothing is stored when a
    rule refuses it."""
    with db.write() as conn:
        congress = require_congress(conn)
        lock_congress(conn, congress.id)
        settings = load_settings(conn, congress)
        checked = check_draft(conn, congress, settings, draft)
        proposal_id = insert_proposal(
            conn, congress, settings, checked, operator=operator, station=station
        )
        return _detail(conn, congress, settings, proposal_id)


# -- the lifecycle ------------------------------------------------------------------------------


def _log(
    conn, proposal_id, action, before, after, note, operator, station, stamp, detail=""
) -> None:
    conn.execute(
        insert(T_LOG).values(
            proposal_id=proposal_id,
            at=stamp,
            action=action,
            from_status=before,
            to_status=after,
            note=note,
            detail=detail,
            operator=operator,
            station=station,
        )
    )


def _find_row(conn: Connection, congress: CongressInfo, settings: ProposalSettings, ref, lock):
    text = " ".join(str(ref if ref is not None else "").split())
    number = None
    number = row_number(text)
    if number is None and text.startswith(f"{settings.prefix}-"):
        number = row_number(text[len(settings.prefix) + 1 :])
    row = None
    if number is not None:
        query = select(T_PROPOSAL).where(
            T_PROPOSAL.c.congress_id == congress.id, T_PROPOSAL.c.number == number
        )
        if lock and conn.dialect.name != "sqlite":
            query = query.with_for_update()
        row = conn.execute(query).first()
    if row is None:
        raise refuse("proposal.no_such_proposal", ref=text[:40])
    return row


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
        stamp = now_iso()
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
        values = {"reply": text, "answered_at": now_iso()}
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
            stamp = now_iso()
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


# -- reading ------------------------------------------------------------------------------------


def _today(today: date | None) -> str:
    return (today or now().date()).isoformat()


def _is_overdue(status: str, due: str | None, today: str) -> bool:
    return status == ASSIGNED and due is not None and due < today


def _rows_query(congress_id: int):
    return (
        select(T_PROPOSAL, T_DELEGATION.c.name.label("delegation_name"))
        .outerjoin(T_DELEGATION, T_DELEGATION.c.id == T_PROPOSAL.c.delegation_id)
        .where(T_PROPOSAL.c.congress_id == congress_id)
        .order_by(T_PROPOSAL.c.number)
    )


def _proposer_names(conn: Connection, proposal_ids) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    ids = list(proposal_ids)
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(T_PP.c.proposal_id, T_PERSON.c.name)
            .join(T_PERSON, T_PERSON.c.id == T_PP.c.person_id)
            .where(T_PP.c.proposal_id.in_(ids[start : start + 500]), T_PP.c.role == PROPOSER)
            .order_by(T_PP.c.proposal_id, T_PP.c.position)
        ).all()
        for proposal_id, name in rows:
            names.setdefault(proposal_id, []).append(name)
    return names


def _row(settings, row, names: list[str], today: str) -> ProposalRow:
    delegation_named = row.proposer_kind == rules.DELEGATION
    shown = (row.delegation_name or "") if delegation_named else "、".join(names)
    return ProposalRow(
        id=row.id,
        number=row.number,
        label=label_of(settings, row.number),
        title=row.title,
        category=row.category,
        status=row.status,
        proposer_kind=row.proposer_kind,
        proposers=shown,
        delegation=row.delegation_name,
        department=row.department,
        due_date=row.due_date,
        rating=row.rating,
        round=row.round,
        submitted_at=row.submitted_at,
        overdue=_is_overdue(row.status, row.due_date, today),
    )


def _load_rows(conn, congress, settings, today: str, where=()) -> list[ProposalRow]:
    rows = conn.execute(_rows_query(congress.id).where(*where)).all()
    names = _proposer_names(conn, (r.id for r in rows))
    return [_row(settings, r, names.get(r.id, []), today) for r in rows]


def list_proposals(
    db,
    *,
    status: str | None = None,
    category: str | None = None,
    delegation: str | None = None,
    department: str | None = None,
    query: str = "",
    overdue: bool = False,
    today: date | None = None,
) -> list[ProposalRow]:
    """The registry in number order, filtered; ``query`` matches the title, the label's number or
    a proposer's name."""
    with db.read() as conn:
        congress = require_congress(conn)
        settings = load_settings(conn, congress)
        where = []
        if status:
            where.append(T_PROPOSAL.c.status == status)
        if category:
            where.append(T_PROPOSAL.c.category == category)
        if department:
            where.append(T_PROPOSAL.c.department == department)
        if delegation:
            where.append(T_DELEGATION.c.name == delegation)
        rows = _load_rows(conn, congress, settings, _today(today), where)
    if overdue:
        rows = [r for r in rows if r.overdue]
    text = " ".join((query or "").split())
    if text:
        rows = [r for r in rows if _matches(r, text)]
    return rows


def _matches(row: ProposalRow, text: str) -> bool:
    if (number := row_number(text)) is not None:
        return row.number == number or text in row.title
    return text in row.title or text in row.proposers or text in row.label


def overdue_proposals(db, *, today: date | None = None) -> list[ProposalRow]:
    """交办 and past the due date, most overdue first."""
    rows = list_proposals(db, overdue=True, today=today)
    return sorted(rows, key=lambda r: (r.due_date or "", r.number))


def departments(db) -> list[str]:
    """The departments proposals were handed to so far (the assign form offers them)."""
    with db.read() as conn:
        congress = require_congress(conn)
        query = (
            select(T_PROPOSAL.c.department)
            .where(T_PROPOSAL.c.congress_id == congress.id, T_PROPOSAL.c.department != "")
            .distinct()
        )
        return sorted(conn.execute(query).scalars())


def _people_of(conn: Connection, proposal_id: int, role: str) -> tuple[PersonRef, ...]:
    rows = conn.execute(
        _person_query()
        .join(T_PP, T_PP.c.person_id == T_PERSON.c.id)
        .where(T_PP.c.proposal_id == proposal_id, T_PP.c.role == role)
        .order_by(T_PP.c.position)
    ).all()
    return tuple(_person_ref(r) for r in rows)


def _history(conn: Connection, proposal_id: int) -> tuple[HistoryEntry, ...]:
    rows = conn.execute(
        select(T_LOG).where(T_LOG.c.proposal_id == proposal_id).order_by(T_LOG.c.id)
    ).all()
    return tuple(
        HistoryEntry(
            r.at, r.action, r.from_status, r.to_status, r.note, r.detail, r.operator, r.station
        )
        for r in rows
    )


def _detail(conn, congress, settings, proposal_id: int, today: str | None = None):
    row = conn.execute(_rows_query(congress.id).where(T_PROPOSAL.c.id == proposal_id)).one()
    proposers = _people_of(conn, proposal_id, PROPOSER)
    merged_into = None
    if row.merged_into_id is not None:
        number = conn.execute(
            select(T_PROPOSAL.c.number).where(T_PROPOSAL.c.id == row.merged_into_id)
        ).scalar_one()
        merged_into = label_of(settings, number)
    merged = conn.execute(
        select(T_PROPOSAL.c.number)
        .where(T_PROPOSAL.c.merged_into_id == proposal_id, T_PROPOSAL.c.status == MERGED)
        .order_by(T_PROPOSAL.c.number)
    ).scalars()
    return ProposalDetail(
        row=_row(settings, row, [p.name for p in proposers], today or _today(None)),
        reason=row.reason,
        suggestion=row.suggestion,
        proposers=proposers,
        seconders=_people_of(conn, proposal_id, SECONDER),
        merged_into=merged_into,
        merged=tuple(label_of(settings, n) for n in merged),
        decision_note=row.decision_note,
        reply=row.reply,
        answered_at=row.answered_at,
        history=_history(conn, proposal_id),
        next_actions=rules.next_actions(row.status),
    )


def get_proposal(db, ref, *, today: date | None = None) -> ProposalDetail:
    with db.read() as conn:
        congress = require_congress(conn)
        settings = load_settings(conn, congress)
        row = _find_row(conn, congress, settings, ref, lock=False)
        return _detail(conn, congress, settings, row.id, _today(today))


def compilation(db) -> list[ProposalDetail]:
    """Every accepted proposal (立案 and after), in number order: the 提案汇编."""
    with db.read() as conn:
        congress = require_congress(conn)
        settings = load_settings(conn, congress)
        ids = conn.execute(
            select(T_PROPOSAL.c.id)
            .where(T_PROPOSAL.c.congress_id == congress.id, T_PROPOSAL.c.status.in_(ACCEPTED_SET))
            .order_by(T_PROPOSAL.c.number)
        ).scalars()
        return [_detail(conn, congress, settings, proposal_id) for proposal_id in list(ids)]


def all_details(db) -> list[ProposalDetail]:
    """Every proposal with its people and history, in number order (the registry workbook)."""
    with db.read() as conn:
        return all_details_in(conn)


def all_details_in(conn: Connection, *, today: date | None = None) -> list[ProposalDetail]:
    """:func:`all_details` inside the caller's transaction (the minutes package reads every
    figure at one moment); ``today`` decides what is overdue."""
    congress = require_congress(conn)
    settings = load_settings(conn, congress)
    ids = conn.execute(
        select(T_PROPOSAL.c.id)
        .where(T_PROPOSAL.c.congress_id == congress.id)
        .order_by(T_PROPOSAL.c.number)
    ).scalars()
    day = _today(today)
    return [_detail(conn, congress, settings, proposal_id, day) for proposal_id in list(ids)]


def similar_proposals(
    db, title: str, text: str = "", *, exclude: int | None = None, limit: int = 5
) -> list[SimilarProposal]:
    """Earlier proposals that read like this one (title or 案由+建议), most alike first, so the
    desk can merge a duplicate instead of registering it twice."""
    with db.read() as conn:
        congress = require_congress(conn)
        settings = load_settings(conn, congress)
        rows = conn.execute(
            select(
                T_PROPOSAL.c.number,
                T_PROPOSAL.c.title,
                T_PROPOSAL.c.reason,
                T_PROPOSAL.c.suggestion,
                T_PROPOSAL.c.status,
            ).where(T_PROPOSAL.c.congress_id == congress.id)
        ).all()
    candidates = {
        r.number: (r.title, f"{r.reason}\n{r.suggestion}") for r in rows if r.number != exclude
    }
    status = {r.number: (r.title, r.status) for r in rows}
    return [
        SimilarProposal(number, label_of(settings, number), *status[number], score)
        for number, score in rules.rank_similar(title, text, candidates, limit=limit)
    ]


# -- statistics ---------------------------------------------------------------------------------


_COUNTED = ("received", "merged", "accepted", "suggestion", "rejected", "answered", "satisfied")


def _tally(rows: list[ProposalRow], answered_ids: set[int]) -> dict[str, int]:
    counts = Counter()
    for row in rows:
        counts["received"] += 1
        if row.status == MERGED:
            counts["merged"] += 1
        elif row.status in ACCEPTED_SET:
            counts["accepted"] += 1
        elif row.status == SUGGESTION:
            counts["suggestion"] += 1
        elif row.status == REJECTED:
            counts["rejected"] += 1
        if row.id in answered_ids:
            counts["answered"] += 1
        if row.rating in (SATISFIED, BASIC):
            counts["satisfied"] += 1
    return {key: counts[key] for key in _COUNTED}


def proposal_stats(db, *, today: date | None = None) -> ProposalStats:
    """The figures the proposal committee reports (RULES §5), by category and by delegation.
    ``received`` = merged + accepted + suggestion + rejected + pending, always."""
    with db.read() as conn:
        return proposal_stats_in(conn, today=today)


def proposal_stats_in(conn, *, today: date | None = None) -> ProposalStats:
    """:func:`proposal_stats` inside the caller's transaction (the minutes package reads every
    figure at one moment); ``today`` decides what is overdue."""
    congress = require_congress(conn)
    settings = load_settings(conn, congress)
    rows = _load_rows(conn, congress, settings, _today(today))
    answered_ids = set(
        conn.execute(
            select(T_PROPOSAL.c.id).where(
                T_PROPOSAL.c.congress_id == congress.id, T_PROPOSAL.c.answered_at.is_not(None)
            )
        ).scalars()
    )
    ratings = Counter(r.rating for r in rows if r.rating)
    rated = sum(ratings.values())
    by_status = {status: 0 for status in STATUSES}
    by_status.update(Counter(r.status for r in rows))
    categories = list(settings.categories) + sorted(
        {r.category for r in rows} - set(settings.categories)
    )
    by_category = {
        c: _tally([r for r in rows if r.category == c], answered_ids) for c in categories
    }
    delegations = list(dict.fromkeys(r.delegation or NO_DELEGATION for r in rows))
    by_delegation = {
        d: _tally([r for r in rows if (r.delegation or NO_DELEGATION) == d], answered_ids)
        for d in delegations
    }
    totals = _tally(rows, answered_ids)
    return ProposalStats(
        received=totals["received"],
        merged=totals["merged"],
        accepted=totals["accepted"],
        suggestion=totals["suggestion"],
        rejected=totals["rejected"],
        pending=by_status[SUBMITTED],
        answered=totals["answered"],
        rated=rated,
        satisfied=ratings[SATISFIED],
        basic=ratings[BASIC],
        unsatisfied=ratings[UNSATISFIED],
        satisfaction_rate=rules.satisfaction_rate(ratings[SATISFIED], ratings[BASIC], rated),
        overdue=sum(1 for r in rows if r.overdue),
        by_category=by_category,
        by_status=by_status,
        by_delegation=by_delegation,
    )


def stats_json(stats: ProposalStats) -> dict:
    """``huiwu proposals stats --json``; the rate is a string in percent ("87.5") or null."""
    rate = stats.satisfaction_rate
    return {
        "received": stats.received,
        "merged": stats.merged,
        "accepted": stats.accepted,
        "suggestion": stats.suggestion,
        "rejected": stats.rejected,
        "pending": stats.pending,
        "answered": stats.answered,
        "rated": stats.rated,
        "satisfied": stats.satisfied,
        "basic": stats.basic,
        "unsatisfied": stats.unsatisfied,
        "satisfaction_rate": None if rate is None else str(rate),
        "overdue": stats.overdue,
        "by_category": stats.by_category,
        "by_status": stats.by_status,
        "by_delegation": stats.by_delegation,
    }


def row_json(row: ProposalRow) -> dict:
    """One registry row (``huiwu proposals list --json``); ``proposed_by`` is the names as shown."""
    return {
        "number": row.number,
        "label": row.label,
        "title": row.title,
        "category": row.category,
        "status": row.status,
        "kind": row.proposer_kind,
        "proposed_by": row.proposers,
        "delegation": row.delegation,
        "department": row.department or None,
        "due_date": row.due_date,
        "rating": row.rating,
        "round": row.round,
        "overdue": row.overdue,
    }


def proposal_json(detail: ProposalDetail) -> dict:
    """The row plus its people by roster code and what it was merged into."""
    return {
        **row_json(detail.row),
        "proposers": [p.code for p in detail.proposers],
        "seconders": [p.code for p in detail.seconders],
        "merged_into": detail.merged_into,
    }
