"""Changing a congress's name, kind, term, session, date and venue."""

from sqlalchemy import select, update

from models import audit
from models.congress.congresses import (
    _check_term,
    _congress_info,
    clean_date,
    clean_venue,
    normalize_kind,
    require_congress,
)
from models.congress.records import T_CONGRESS, CongressInfo
from models.db import Database
from models.errors import refuse

# --- changing a congress's details (issue 17: set-up without a command line) --------------------

CONGRESS_FIELDS = ("name", "kind", "term", "session", "date", "venue")


def check_congress_fields(fields: dict) -> dict:
    """The details tidied and checked as a new congress's are (asked before the question, so
    nobody confirms a value that will be refused); unknown names are a caller's bug."""
    unknown = set(fields) - set(CONGRESS_FIELDS)
    if unknown:
        raise ValueError(f"not a congress field: {sorted(unknown)}")
    clean = {}
    for key, value in fields.items():
        if key == "name":
            value = (value or "").strip()
            if not value:
                raise refuse("congress.empty_name")
            if len(value) > 200:
                raise refuse("congress.name_too_long")
        elif key == "kind":
            value = normalize_kind(value)
        elif key in ("term", "session"):
            _check_term(value)
        elif key == "date":
            value = clean_date(value)
        else:
            value = clean_venue(value)
        clean[key] = value
    return clean


def update_congress(
    db: Database, *, operator: str = "", station: str = "", **fields
) -> CongressInfo:
    """Change the current congress's details (name, kind, 届/次, date, venue). Only the fields
    that really change are written and logged (``congress.update`` with old and new values), so
    ``huiwu verify`` can replay them; a change that changes nothing is refused."""
    clean = check_congress_fields(fields)
    with db.write() as conn:
        congress = require_congress(conn)
        changes = {
            key: [getattr(congress, key), value]
            for key, value in clean.items()
            if getattr(congress, key) != value
        }
        if not changes:
            raise refuse("congress.unchanged")
        conn.execute(
            update(T_CONGRESS)
            .where(T_CONGRESS.c.id == congress.id)
            .values({key: new for key, (_old, new) in changes.items()})
        )
        audit.append(
            conn,
            "congress.update",
            {"changes": changes},
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
        row = conn.execute(select(T_CONGRESS).where(T_CONGRESS.c.id == congress.id)).one()
    return _congress_info(row)
