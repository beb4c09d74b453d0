"""Who gets a badge: the people of the current congress (or the codes asked for), in roster order,
each with the signed text their QR code carries.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from models import badge_code
from models.congress import T_DELEGATION, T_PERSON
from models.errors import refuse


@dataclass(frozen=True)
class BadgePerson:
    code: str
    name: str
    unit: str | None
    category: str
    delegation: str | None
    qr_text: str


def _natural(code: str) -> tuple:
    parts = re.split(r"(\d+)", code)
    return tuple(int(part) if i % 2 else part for i, part in enumerate(parts)), code


def load_people(
    conn: Connection, congress_id: int, codes: Iterable[str] | None, secret: bytes, uid: str
) -> list[BadgePerson]:
    query = (
        select(
            T_PERSON.c.code,
            T_PERSON.c.name,
            T_PERSON.c.unit,
            T_PERSON.c.category,
            T_PERSON.c.delegation_id,
            T_DELEGATION.c.name.label("delegation"),
        )
        .select_from(
            T_PERSON.outerjoin(T_DELEGATION, T_PERSON.c.delegation_id == T_DELEGATION.c.id)
        )
        .where(T_PERSON.c.congress_id == congress_id)
    )
    wanted: set[str] | None = None
    if codes is not None:
        if isinstance(codes, str):
            codes = [codes]
        wanted = {badge_code.normalize_code(code) for code in codes} - {""}
        if not wanted:
            raise refuse("badges.nobody")
        query = query.where(T_PERSON.c.code.in_(sorted(wanted)))
    rows = conn.execute(query).all()
    if wanted is not None:
        missing = sorted(wanted - {row.code for row in rows}, key=_natural)
        if missing:
            shown = "、".join(missing[:10]) + ("…" if len(missing) > 10 else "")
            raise refuse("badges.unknown_codes", codes=shown, count=len(missing))
    if not rows:
        raise refuse("badges.nobody")
    # Delegations in the order they were created (the roster's order), people by code within.
    rows.sort(key=lambda r: (r.delegation_id is None, r.delegation_id or 0, _natural(r.code)))
    return [
        BadgePerson(
            code=r.code,
            name=r.name,
            unit=r.unit,
            category=r.category,
            delegation=r.delegation,
            qr_text=badge_code.badge_text(secret, uid, r.code),
        )
        for r in rows
    ]
