"""Creating a congress, the current one, the desk's context and the badge secrets."""

import base64
import datetime
import re
import secrets

from sqlalchemy import Connection, String, cast, insert, select, update

from models import audit
from models.clock import now_iso
from models.congress.records import (
    KIND_ALIASES,
    KINDS,
    T_CONGRESS,
    T_RETIRED_SECRET,
    T_SITTING,
    T_STATE,
    CongressInfo,
    SittingInfo,
)
from models.db import Database
from models.errors import refuse


def normalize_kind(kind: str | None) -> str:
    if not kind:
        return "zdh"
    value = KIND_ALIASES.get(kind.strip(), kind.strip().lower())
    if value not in KINDS:
        raise refuse("congress.bad_kind", kind=kind)
    return value


def _new_uid() -> str:
    return base64.b32encode(secrets.token_bytes(5)).decode("ascii")


def _congress_info(row) -> CongressInfo:
    return CongressInfo(
        id=row.id,
        uid=row.uid,
        name=row.name,
        kind=row.kind,
        term=row.term,
        session=row.session,
        date=row.date,
        venue=row.venue,
        current_sitting_id=row.current_sitting_id,
    )


def _set_state(conn: Connection, key: str, value: str) -> None:
    found = conn.execute(select(T_STATE.c.key).where(T_STATE.c.key == key)).first()
    if found:
        conn.execute(update(T_STATE).where(T_STATE.c.key == key).values(value=value))
    else:
        conn.execute(insert(T_STATE).values(key=key, value=value))


def create_congress(
    db: Database,
    name: str,
    *,
    kind: str | None = None,
    term: int | None = None,
    session: int | None = None,
    date: str | None = None,
    venue: str | None = None,
    operator: str = "",
    station: str = "",
) -> CongressInfo:
    name = (name or "").strip()
    if not name:
        raise refuse("congress.empty_name")
    if len(name) > 200:
        raise refuse("congress.name_too_long")
    kind_value = normalize_kind(kind)
    for number in (term, session):
        _check_term(number)
    date = clean_date(date)
    venue = clean_venue(venue)
    with db.write() as conn:
        congress_id = conn.execute(
            insert(T_CONGRESS).values(
                uid=_new_uid(),
                name=name,
                kind=kind_value,
                term=term,
                session=session,
                date=date,
                venue=venue,
                secret=secrets.token_hex(32),
                created_at=now_iso(),
            )
        ).inserted_primary_key[0]
        _set_state(conn, "current_congress_id", str(congress_id))
        audit.append(
            conn,
            "congress.new",
            {
                "name": name,
                "kind": kind_value,
                "term": term,
                "session": session,
                "date": date,
                "venue": venue,
            },
            congress_id=congress_id,
            operator=operator,
            station=station,
        )
        row = conn.execute(select(T_CONGRESS).where(T_CONGRESS.c.id == congress_id)).one()
    return _congress_info(row)


def _check_term(number: int | None) -> None:
    if number is not None and not 1 <= number <= 99:
        raise refuse("congress.bad_term", value=number)


def clean_date(value: str | None) -> str | None:
    """A real calendar date written YYYY-MM-DD, or None when left empty: printed on every
    minutes document, so「2026-02-30」or「3月5日」is refused rather than stored."""
    value = (value or "").strip()
    if not value:
        return None
    # fromisoformat alone would also take 20260305 and 2026-W10-4
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise refuse("congress.bad_date", value=value)
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise refuse("congress.bad_date", value=value) from None


def clean_venue(value: str | None) -> str | None:
    value = (value or "").strip()
    if len(value) > 200:
        raise refuse("congress.venue_too_long")
    return value or None


def current_congress_id(conn: Connection) -> int | None:
    value = conn.execute(
        select(T_STATE.c.value).where(T_STATE.c.key == "current_congress_id")
    ).scalar()
    return int(value) if value else None


def current_congress(db: Database) -> CongressInfo:
    """The current congress, or a refusal telling the user to create one."""
    with db.read() as conn:
        return require_congress(conn)


def require_congress(conn: Connection) -> CongressInfo:
    congress_id = current_congress_id(conn)
    row = None
    if congress_id is not None:
        row = conn.execute(select(T_CONGRESS).where(T_CONGRESS.c.id == congress_id)).first()
    if row is None:
        raise refuse("congress.none")
    return _congress_info(row)


def _desk_context_query():
    return (
        select(T_CONGRESS, T_SITTING.c.name.label("sitting_name"))
        .select_from(
            T_STATE.join(T_CONGRESS, cast(T_CONGRESS.c.id, String) == T_STATE.c.value).outerjoin(
                T_SITTING, T_SITTING.c.id == T_CONGRESS.c.current_sitting_id
            )
        )
        .where(T_STATE.c.key == "current_congress_id")
    )


# Built once: SQLAlchemy memoizes a statement's cache key, so a scan pays for no construction.
DESK_CONTEXT = _desk_context_query()


def desk_context(conn: Connection) -> tuple[CongressInfo, SittingInfo, bytes]:
    """The current congress, its current sitting and its badge secret in ONE query: what every
    scan needs (require_congress + require_sitting + congress_secret, with the same refusals)."""
    row = conn.execute(DESK_CONTEXT).first()
    if row is None:
        raise refuse("congress.none")
    congress = _congress_info(row)
    if congress.current_sitting_id is None:
        raise refuse("sitting.none")
    sitting = SittingInfo(congress.current_sitting_id, congress.id, row.sitting_name)
    return congress, sitting, bytes.fromhex(row.secret)


def congress_secret(conn: Connection, congress_id: int) -> bytes:
    value = conn.execute(
        select(T_CONGRESS.c.secret).where(T_CONGRESS.c.id == congress_id)
    ).scalar_one()
    return bytes.fromhex(value)


def retired_secrets(conn: Connection, congress_id: int) -> list[bytes]:
    """The congress's earlier badge secrets, newest first (empty until the first rotation)."""
    values = conn.execute(
        select(T_RETIRED_SECRET.c.secret)
        .where(T_RETIRED_SECRET.c.congress_id == congress_id)
        .order_by(T_RETIRED_SECRET.c.generation.desc())
    ).scalars()
    return [bytes.fromhex(value) for value in values]
