"""A congress's proposal settings (number prefix, categories) and who a person is."""

import json

from sqlalchemy import Connection, insert, select, update

from models import audit, badge_code
from models.badge_keys import badge_problem
from models.congress import T_DELEGATION, T_PERSON, CongressInfo, congress_secret, require_congress
from models.errors import refuse
from models.proposals.records import (
    MAX_CATEGORIES,
    MAX_CATEGORY,
    T_CONFIG,
    T_PROPOSAL,
    PersonRef,
    ProposalSettings,
)
from models.roster import lock_congress
from models.rules import proposals as rules

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
