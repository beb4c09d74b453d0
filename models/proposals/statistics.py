"""Proposal statistics (RULES §5) and the JSON shapes of rows, details and stats."""

from collections import Counter
from datetime import date

from sqlalchemy import select

from models.congress import require_congress
from models.proposals.records import (
    NO_DELEGATION,
    T_PROPOSAL,
    ProposalDetail,
    ProposalRow,
    ProposalStats,
)
from models.proposals.registry import _load_rows, _today
from models.proposals.settings import load_settings
from models.rules import proposals as rules
from models.rules.proposals import (
    ACCEPTED_SET,
    BASIC,
    MERGED,
    REJECTED,
    SATISFIED,
    STATUSES,
    SUBMITTED,
    SUGGESTION,
    UNSATISFIED,
)

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
