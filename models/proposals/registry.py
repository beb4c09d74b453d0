"""The proposal registry: rows, filters, the detail with its history, similar titles."""

from datetime import date

from sqlalchemy import Connection, select

import models.proposals as package  # read the clock here: a test fixes it on the package
from models.congress import T_DELEGATION, T_PERSON, CongressInfo, require_congress
from models.db import for_update
from models.errors import refuse
from models.numerals import row_number
from models.proposals.records import (
    PROPOSER,
    SECONDER,
    T_LOG,
    T_PP,
    T_PROPOSAL,
    HistoryEntry,
    PersonRef,
    ProposalDetail,
    ProposalRow,
    ProposalSettings,
    SimilarProposal,
)
from models.proposals.settings import _person_query, _person_ref, label_of, load_settings
from models.rules import proposals as rules
from models.rules.proposals import ACCEPTED_SET, ASSIGNED, MERGED


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
        if lock:
            query = for_update(conn, query)
        row = conn.execute(query).first()
    if row is None:
        raise refuse("proposal.no_such_proposal", ref=text[:40])
    return row


# -- reading ------------------------------------------------------------------------------------


def _today(today: date | None) -> str:
    return (today or package.now().date()).isoformat()


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
