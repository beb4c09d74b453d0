"""Capturing a proposal: checking the draft and numbering it, without gaps, under the
congress lock."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select

import models.proposals as package  # read the clock here: a test fixes it on the package
from models import audit
from models.congress import T_PERSON, VOTING, CongressInfo, require_congress
from models.errors import refuse
from models.proposals.records import (
    MAX_TEXT,
    MAX_TITLE,
    PROPOSER,
    SECONDER,
    T_LOG,
    T_PP,
    T_PROPOSAL,
    Draft,
    PersonRef,
    ProposalDetail,
    ProposalSettings,
)
from models.proposals.registry import _detail
from models.proposals.settings import _delegation_id, _resolve, label_of, load_settings
from models.roster import lock_congress
from models.rules import proposals as rules
from models.rules.proposals import SUBMITTED

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
    stamp = package.now_iso()
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
