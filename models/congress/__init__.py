"""Congress, delegations, people and sittings: tables and the services that change them."""

import base64
import datetime
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, String, UniqueConstraint, cast, func, insert, select, update
from sqlmodel import Field, SQLModel

from models import audit
from models.clock import now_iso
from models.db import Database
from models.errors import Refusal, refuse

KINDS = ("zdh", "jdh", "hydb", "other")
KIND_ALIASES = {
    "职代会": "zdh",
    "职工代表大会": "zdh",
    "教代会": "jdh",
    "教职工代表大会": "jdh",
    "会员代表大会": "hydb",
    "其他": "other",
}
CATEGORIES = ("delegate", "attendee", "guest", "staff")
CATEGORY_ALIASES = {
    "正式代表": "delegate",
    "代表": "delegate",
    "列席代表": "attendee",
    "列席": "attendee",
    "特邀代表": "guest",
    "特邀": "guest",
    "工作人员": "staff",
    "delegate": "delegate",
    "attendee": "attendee",
    "non-voting": "attendee",
    "guest": "guest",
    "invited": "guest",
    "staff": "staff",
}
VOTING = "delegate"


class Congress(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=16, unique=True)
    name: str = Field(max_length=200)
    kind: str = Field(default="zdh", max_length=16)
    term: int | None = None
    session: int | None = None
    date: str | None = Field(default=None, max_length=32)
    venue: str | None = Field(default=None, max_length=200)
    secret: str = Field(max_length=128)
    current_sitting_id: int | None = None
    created_at: str = Field(max_length=40)


class Delegation(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("congress_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    name: str = Field(max_length=100)
    head_person_id: int | None = None


class Person(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("congress_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    code: str = Field(max_length=32)
    name: str = Field(max_length=50)
    gender: str | None = Field(default=None, max_length=8)
    unit: str | None = Field(default=None, max_length=200)
    delegation_id: int | None = Field(default=None, foreign_key="delegation.id", index=True)
    category: str = Field(default=VOTING, max_length=16)
    initials: str = Field(default="", max_length=64, index=True)
    # As written in the roster file (0 / +86 / spaces kept); None when the roster has none.
    phone: str | None = Field(default=None, max_length=40)


class Sitting(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("congress_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    name: str = Field(max_length=100)
    created_at: str = Field(max_length=40)


class RetiredBadgeSecret(SQLModel, table=True):
    """A badge secret a rotation replaced: badges signed with it scan as revoked, not forged.

    Never archived and never shown (see models.badge_keys)."""

    __tablename__ = "retired_badge_secret"
    __table_args__ = (UniqueConstraint("congress_id", "generation"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    generation: int  # 1 = the secret the congress was created with
    secret: str = Field(max_length=128)
    retired_at: str = Field(max_length=40)


class AppState(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=200)


@dataclass(frozen=True)
class CongressInfo:
    id: int
    uid: str
    name: str
    kind: str
    term: int | None
    session: int | None
    date: str | None
    venue: str | None
    current_sitting_id: int | None

    @property
    def term_session(self) -> str:
        """「三届二次」-style label, empty when the congress has none."""
        from models.numerals import chinese_number

        if self.term and self.session:
            return f"{chinese_number(self.term)}届{chinese_number(self.session)}次"
        return ""


@dataclass(frozen=True)
class SittingInfo:
    id: int
    congress_id: int
    name: str


T_CONGRESS = Congress.__table__
T_DELEGATION = Delegation.__table__
T_PERSON = Person.__table__
T_SITTING = Sitting.__table__
T_STATE = AppState.__table__
T_RETIRED_SECRET = RetiredBadgeSecret.__table__


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


def create_sitting(db: Database, name: str, *, operator: str = "") -> SittingInfo:
    """A new sitting of the current congress; it becomes the current sitting."""
    name = (name or "").strip()
    if not name:
        raise refuse("sitting.empty_name")
    if len(name) > 100:
        raise refuse("sitting.name_too_long")
    with db.write() as conn:
        congress = require_congress(conn)
        exists = conn.execute(
            select(T_SITTING.c.id).where(
                T_SITTING.c.congress_id == congress.id, T_SITTING.c.name == name
            )
        ).first()
        if exists:
            raise refuse("sitting.duplicate", name=name)
        sitting_id = conn.execute(
            insert(T_SITTING).values(congress_id=congress.id, name=name, created_at=now_iso())
        ).inserted_primary_key[0]
        conn.execute(
            update(T_CONGRESS)
            .where(T_CONGRESS.c.id == congress.id)
            .values(current_sitting_id=sitting_id)
        )
        audit.append(
            conn,
            "sitting.new",
            {"sitting_id": sitting_id, "name": name},
            congress_id=congress.id,
            operator=operator,
        )
    from models.backup import snapshot_quietly  # here, not at the top: backup reads congress

    snapshot_quietly(db, "sitting")  # after the commit; a failed backup never fails the sitting
    return SittingInfo(sitting_id, congress.id, name)


def list_sittings(db: Database) -> list[SittingInfo]:
    with db.read() as conn:
        congress = require_congress(conn)
        rows = conn.execute(
            select(T_SITTING).where(T_SITTING.c.congress_id == congress.id).order_by(T_SITTING.c.id)
        ).all()
    return [SittingInfo(r.id, r.congress_id, r.name) for r in rows]


def switch_sitting(db: Database, sitting_id: int, *, operator: str = "") -> SittingInfo:
    with db.write() as conn:
        congress = require_congress(conn)
        row = conn.execute(
            select(T_SITTING).where(
                T_SITTING.c.id == sitting_id, T_SITTING.c.congress_id == congress.id
            )
        ).first()
        if row is None:
            raise refuse("sitting.unknown", name=str(sitting_id))
        conn.execute(
            update(T_CONGRESS)
            .where(T_CONGRESS.c.id == congress.id)
            .values(current_sitting_id=sitting_id)
        )
        audit.append(
            conn,
            "sitting.switch",
            {"sitting_id": sitting_id, "name": row.name},
            congress_id=congress.id,
            operator=operator,
        )
    from models.backup import snapshot_quietly  # here, not at the top: backup reads congress

    snapshot_quietly(db, "sitting")  # after the commit; a failed backup never fails the sitting
    return SittingInfo(row.id, row.congress_id, row.name)


def require_sitting(conn: Connection, congress: CongressInfo) -> SittingInfo:
    """The congress's current sitting, or a refusal asking for one."""
    if congress.current_sitting_id is None:
        raise refuse("sitting.none")
    row = conn.execute(select(T_SITTING).where(T_SITTING.c.id == congress.current_sitting_id)).one()
    return SittingInfo(row.id, row.congress_id, row.name)


def count_people(conn: Connection, congress_id: int) -> int:
    return conn.execute(
        select(func.count()).select_from(T_PERSON).where(T_PERSON.c.congress_id == congress_id)
    ).scalar_one()


# --- renaming and removing a sitting (issue 16: a sitting made by mistake must not stay) --------


@dataclass(frozen=True)
class SittingRemoval:
    """What removing a sitting does: ``next_current`` is the sitting that becomes current when
    the one removed was current (the newest remaining), else None."""

    sitting: SittingInfo
    was_current: bool
    next_current: SittingInfo | None


def _clean_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise refuse("common.reason_required")
    if len(reason) > 200:
        raise refuse("sitting.reason_too_long")
    return reason


def _sitting_row(conn: Connection, congress: CongressInfo, sitting_id: int):
    row = conn.execute(
        select(T_SITTING).where(
            T_SITTING.c.id == sitting_id, T_SITTING.c.congress_id == congress.id
        )
    ).first()
    if row is None:
        raise refuse("sitting.unknown", name=str(sitting_id))
    return row


def find_sitting(db: Database, ref: str) -> SittingInfo:
    """A sitting of the current congress by its name (or its number in `sitting list`)."""
    ref = (ref or "").strip()
    for sitting in list_sittings(db):
        if sitting.name == ref:
            return sitting
    for sitting in list_sittings(db):
        if str(sitting.id) == ref:
            return sitting
    raise refuse("sitting.unknown", name=ref)


def rename_sitting(
    db: Database,
    sitting_id: int,
    new_name: str,
    *,
    reason: str,
    operator: str = "",
    station: str = "",
) -> SittingInfo:
    """Rename a sitting; its name is checked as a new sitting's is. Refused once a vote froze its
    roll there: the roll's published SHA-256 covers the sitting's name."""
    reason = _clean_reason(reason)
    with db.write() as conn:
        congress = require_congress(conn)
        row, name = _check_rename(conn, congress, sitting_id, new_name)
        conn.execute(update(T_SITTING).where(T_SITTING.c.id == sitting_id).values(name=name))
        audit.append(
            conn,
            "sitting.rename",
            {"sitting_id": sitting_id, "old": row.name, "name": name, "reason": reason},
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
    _snapshot_after_sitting_change(db)
    return SittingInfo(sitting_id, congress.id, name)


def _snapshot_after_sitting_change(db: Database) -> None:
    from models.backup import snapshot_quietly  # here, not at the top: backup reads congress

    snapshot_quietly(db, "sitting")  # after the commit; a failed backup never fails the change


def check_sitting_name(db: Database, name: str, *, renaming: int | None = None) -> str:
    """The tidied name, or the refusal a new sitting (or renaming ``renaming``) would meet:
    asked before the question, so nobody confirms a name that will be refused."""
    with db.read() as conn:
        congress = require_congress(conn)
        if renaming is not None:
            return _check_rename(conn, congress, renaming, name)[1]
        return _check_new_name(conn, congress, name)


def _check_new_name(conn: Connection, congress: CongressInfo, name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise refuse("sitting.empty_name")
    if len(name) > 100:
        raise refuse("sitting.name_too_long")
    taken = conn.execute(
        select(T_SITTING.c.id).where(
            T_SITTING.c.congress_id == congress.id, T_SITTING.c.name == name
        )
    ).first()
    if taken:
        raise refuse("sitting.duplicate", name=name)
    return name


def _check_rename(conn: Connection, congress: CongressInfo, sitting_id: int, new_name: str):
    row = _sitting_row(conn, congress, sitting_id)
    if (new_name or "").strip() == row.name:
        raise refuse("sitting.same_name", name=row.name)
    name = _check_new_name(conn, congress, new_name)
    items = _items_with_roll_in(conn, sitting_id)
    if items:
        raise refuse("sitting.rename_frozen", name=row.name, items=_numbers(items))
    return row, name


def _numbers(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers)


def _items_with_roll_in(conn: Connection, sitting_id: int) -> list[int]:
    from models.voting import T_ITEM, T_ROLL  # here: voting builds on this module

    return list(
        conn.execute(
            select(T_ITEM.c.number)
            .join(T_ROLL, T_ROLL.c.id == T_ITEM.c.roll_id)
            .where(T_ROLL.c.sitting_id == sitting_id)
            .order_by(T_ITEM.c.number)
        ).scalars()
    )


def sitting_references(conn: Connection, sitting_id: int) -> dict[str, int]:
    """Rows of any table that refer to the sitting (table name → count), found by the column
    name so a table added later is covered without touching this function."""
    from models.schema import metadata  # here: the schema imports this module

    found = {}
    for name, table in sorted(metadata.tables.items()):
        if "sitting_id" not in table.c:
            continue
        count = conn.execute(
            select(func.count()).select_from(table).where(table.c.sitting_id == sitting_id)
        ).scalar_one()
        if count:
            found[name] = count
    return found


def _plan_removal(conn: Connection, congress: CongressInfo, sitting_id: int) -> SittingRemoval:
    row = _sitting_row(conn, congress, sitting_id)
    sitting = SittingInfo(row.id, row.congress_id, row.name)
    used = sitting_references(conn, sitting_id)
    if used:
        raise Refusal(
            "sitting.remove_in_use",
            {"name": row.name},
            details=[Refusal(f"sitting.ref.{table}", {"count": n}) for table, n in used.items()],
        )
    was_current = congress.current_sitting_id == sitting_id
    if not was_current:
        return SittingRemoval(sitting, False, None)
    newest = conn.execute(
        select(T_SITTING)
        .where(T_SITTING.c.congress_id == congress.id, T_SITTING.c.id != sitting_id)
        .order_by(T_SITTING.c.id.desc())
        .limit(1)
    ).first()
    if newest is None:  # the desks would have no sitting to check anyone in to
        raise refuse("sitting.remove_only", name=row.name)
    return SittingRemoval(sitting, True, SittingInfo(newest.id, newest.congress_id, newest.name))


def plan_sitting_removal(db: Database, sitting_id: int) -> SittingRemoval:
    """What removing the sitting would do (for the question asked first), or the refusal."""
    with db.read() as conn:
        return _plan_removal(conn, require_congress(conn), sitting_id)


def remove_sitting(
    db: Database, sitting_id: int, *, reason: str, operator: str = "", station: str = ""
) -> SittingRemoval:
    """Remove a sitting nothing refers to (no check-in, leave, roll, failed scan …). Removing the
    current sitting makes the newest remaining one current; the only sitting is never removed."""
    reason = _clean_reason(reason)
    with db.write() as conn:
        congress = require_congress(conn)
        plan = _plan_removal(conn, congress, sitting_id)
        if plan.next_current is not None:
            conn.execute(
                update(T_CONGRESS)
                .where(T_CONGRESS.c.id == congress.id)
                .values(current_sitting_id=plan.next_current.id)
            )
        conn.execute(T_SITTING.delete().where(T_SITTING.c.id == sitting_id))
        audit.append(
            conn,
            "sitting.remove",
            {
                "sitting_id": sitting_id,
                "name": plan.sitting.name,
                "reason": reason,
                "current": plan.next_current.id if plan.next_current else None,
            },
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
    _snapshot_after_sitting_change(db)
    return plan


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
