"""Planning a roster import: who is new or changed, same-name and frozen-category checks, the
writes."""

from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import Connection, bindparam, insert, select, update

from models.congress import T_CONGRESS, T_DELEGATION, T_PERSON
from models.db import insert_ignore, lock_row
from models.errors import Refusal
from models.io.roster_file import RosterRow
from models.roster.people import IN_CHUNK, people_initials


def _people_by_code(conn: Connection, congress_id: int) -> dict[str, tuple[str, str | None]]:
    """code → (name, delegation name) of everyone on the congress's roster, by code."""
    found = conn.execute(
        select(T_PERSON.c.code, T_PERSON.c.name, T_DELEGATION.c.name)
        .select_from(
            T_PERSON.outerjoin(T_DELEGATION, T_PERSON.c.delegation_id == T_DELEGATION.c.id)
        )
        .where(T_PERSON.c.congress_id == congress_id)
        .order_by(T_PERSON.c.code)
    ).all()
    return {code: (name, delegation) for code, name, delegation in found}


def same_name_conflicts(conn: Connection, congress_id: int, rows: list[RosterRow]) -> list[dict]:
    """The rows that would add, under a new code, someone with the name and delegation (or both
    without one) of a person who stays on the roster: most often the same person whose code was
    retyped (12 and 0012), which would count them twice in 应到."""
    on_roster = _people_by_code(conn, congress_id)
    in_file = {row.code: row for row in rows}
    staying: dict[tuple[str, str | None], str] = {}
    for code, (name, delegation) in on_roster.items():
        row = in_file.get(code)
        key = (row.name, row.delegation) if row is not None else (name, delegation)
        staying.setdefault(key, code)
    return [
        {
            "line": row.line,
            "code": row.code,
            "name": row.name,
            "delegation": row.delegation,
            "existing": staying[(row.name, row.delegation)],
        }
        for row in rows
        if row.code not in on_roster and (row.name, row.delegation) in staying
    ]


def _refuse_same_name(conflicts: list[dict]) -> Refusal:
    return Refusal(
        "roster.same_name",
        {"count": len(conflicts)},
        details=[
            Refusal(
                "roster.same_name.person"
                if entry["delegation"]
                else "roster.same_name.person_no_delegation",
                {**entry, "delegation": entry["delegation"] or ""},
            )
            for entry in conflicts
        ],
    )


def lock_congress(conn: Connection, congress_id: int) -> None:
    """On PostgreSQL, two imports into one congress queue up (SQLite's BEGIN IMMEDIATE already does)."""
    lock_row(conn, T_CONGRESS, congress_id)


def _ensure_delegations(
    conn: Connection, congress_id: int, rows: list[RosterRow]
) -> tuple[dict[str, int], int]:
    """Delegation name → id for the congress, creating the ones the file names for the first time."""
    query = select(T_DELEGATION.c.name, T_DELEGATION.c.id).where(
        T_DELEGATION.c.congress_id == congress_id
    )
    before = dict(conn.execute(query).all())
    wanted = dict.fromkeys(row.delegation for row in rows if row.delegation)
    missing = [name for name in wanted if name not in before]
    if not missing:
        return before, 0
    conn.execute(
        insert_ignore(conn, T_DELEGATION),
        [{"congress_id": congress_id, "name": name} for name in missing],
    )
    after = dict(conn.execute(query).all())
    return after, len(after) - len(before)


# what the log records (an older log's people have no phone, seat or note: they replay as None,
# as they read)
PERSON_FIELDS = ("name", "gender", "unit", "delegation", "category", "phone", "seat", "note")
OPTIONAL_FIELDS = ("phone", "seat", "note")  # left out of an added person's entry when None


@dataclass
class PeoplePlan:
    """What an import will write: rows to insert, bulk updates, and for the audit log each person
    added and, per person changed, each field's old and new value (delegation by name)."""

    new_people: list[dict]
    updates: list[dict]
    added: list[dict]
    changed: list[dict]
    person_ids: dict[str, int]  # code → id of the people already on the roster


def _plan_people(
    conn: Connection,
    congress_id: int,
    rows: list[RosterRow],
    delegation_ids: dict[str, int],
    carries: frozenset[str] = frozenset(),
) -> PeoplePlan:
    """Compare the file with the roster: new codes to insert, changed ones to update. A seat or
    note column the file does not have (``carries``) leaves seats and notes as they are."""
    existing = {
        row.code: row
        for row in conn.execute(
            select(
                T_PERSON.c.id,
                T_PERSON.c.code,
                T_PERSON.c.name,
                T_PERSON.c.gender,
                T_PERSON.c.unit,
                T_PERSON.c.delegation_id,
                T_PERSON.c.category,
                T_PERSON.c.initials,
                T_PERSON.c.phone,
                T_PERSON.c.seat,
                T_PERSON.c.seat_fixed,
                T_PERSON.c.note,
            ).where(T_PERSON.c.congress_id == congress_id)
        )
    }
    delegation_names = {number: name for name, number in delegation_ids.items()}
    given = {row.seat for row in rows if row.seat} if "seat" in carries else set()
    plan = PeoplePlan([], [], [], [], {code: row.id for code, row in existing.items()})
    for row in rows:
        values = {
            "name": row.name,
            "gender": row.gender,
            "unit": row.unit,
            "delegation_id": delegation_ids[row.delegation] if row.delegation else None,
            "category": row.category,
            "initials": people_initials(row.name),
            "phone": row.phone,
        }
        old = existing.get(row.code)
        in_file = row.seat  # the seat the file itself gives: fixed
        row = _with_kept(row, old, carries, given)
        values.update(_seat_values(row.seat, in_file, old))
        values["note"] = row.note
        if old is None:
            plan.new_people.append({"congress_id": congress_id, "code": row.code, **values})
            plan.added.append(_logged_person(row))
        elif any(getattr(old, column) != value for column, value in values.items()):
            plan.updates.append({"person_id": old.id, **{f"new_{k}": v for k, v in values.items()}})
            before = {**old._asdict(), "delegation": delegation_names.get(old.delegation_id)}
            fields = {
                name: [before[name], getattr(row, name)]
                for name in PERSON_FIELDS
                if before[name] != getattr(row, name)
            }
            if fields:  # initials alone (a new spelling rule) is not a change of the person
                plan.changed.append({"code": row.code, "id": old.id, **fields})
    return plan


def _with_kept(row: RosterRow, old, carries: frozenset[str], given: set[str]) -> RosterRow:
    """The row with the seat and note the roster keeps: without a 座号 column the person's seat
    stays; with one, a blank cell keeps a seat a block assignment gave (not one the roster gave
    before, nor one the file now gives someone else); without a 备注 column the note stays."""
    seat, note = row.seat, row.note
    if old is not None:
        assigned_kept = seat is None and not old.seat_fixed and old.seat not in given
        if "seat" not in carries or assigned_kept:
            seat = old.seat
        if "note" not in carries:
            note = old.note
    return replace(row, seat=seat, note=note)


def _seat_values(seat: str | None, in_file: str | None, old) -> dict:
    """A seat the file gives is fixed (assignment never moves it); one kept stays as it was."""
    if in_file is not None:
        return {"seat": in_file, "seat_fixed": True}
    fixed = old is not None and bool(old.seat_fixed) and seat is not None
    return {"seat": seat, "seat_fixed": fixed}


def _logged_person(row: RosterRow) -> dict:
    """A person added, as the log keeps them; no phone, seat or note is left out (it replays
    as None)."""
    logged = {"code": row.code, **{f: getattr(row, f) for f in PERSON_FIELDS}}
    for name in OPTIONAL_FIELDS:
        if logged[name] is None:
            del logged[name]
    return logged


def _write_people(conn: Connection, plan: PeoplePlan) -> None:
    """Insert the new people and update the changed ones, in bulk (executemany)."""
    if plan.new_people:
        conn.execute(insert(T_PERSON), plan.new_people)
    if plan.updates:
        conn.execute(
            update(T_PERSON)
            .where(T_PERSON.c.id == bindparam("person_id"))
            .values(
                name=bindparam("new_name"),
                gender=bindparam("new_gender"),
                unit=bindparam("new_unit"),
                delegation_id=bindparam("new_delegation_id"),
                category=bindparam("new_category"),
                initials=bindparam("new_initials"),
                phone=bindparam("new_phone"),
                seat=bindparam("new_seat"),
                seat_fixed=bindparam("new_seat_fixed"),
                note=bindparam("new_note"),
            ),
            plan.updates,
        )


def frozen_category_changes(conn: Connection, plan: PeoplePlan) -> list[dict]:
    """The category changes of people on a frozen roll: code, name, old → new, and the numbers
    of the items whose roll holds them. A roll's members were counted as what they were then."""
    from models.voting import T_ITEM, T_ROLL_MEMBER  # here: voting builds on the roster

    moving = {entry["id"]: entry for entry in plan.changed if "category" in entry}
    items: dict[int, list[int]] = {}
    ids = list(moving)
    for start in range(0, len(ids), IN_CHUNK):
        found = conn.execute(
            select(T_ROLL_MEMBER.c.person_id, T_ITEM.c.number)
            .join(T_ITEM, T_ITEM.c.roll_id == T_ROLL_MEMBER.c.roll_id)
            .where(T_ROLL_MEMBER.c.person_id.in_(ids[start : start + IN_CHUNK]))
            .order_by(T_ITEM.c.number)
        )
        for person_id, number in found:
            items.setdefault(person_id, []).append(number)
    return [
        {
            "code": moving[pid]["code"],
            "name": moving[pid].get("name", [None, None])[1] or _name_of(conn, pid),
            "category": moving[pid]["category"],
            "items": numbers,
        }
        for pid, numbers in sorted(items.items(), key=lambda pair: moving[pair[0]]["code"])
    ]


def _name_of(conn: Connection, person_id: int) -> str:
    return conn.execute(select(T_PERSON.c.name).where(T_PERSON.c.id == person_id)).scalar_one()


def _refuse_frozen(frozen: list[dict]) -> Refusal:
    return Refusal(
        "roster.frozen",
        {"count": len(frozen)},
        details=[
            Refusal(
                "roster.frozen.person",
                {
                    "items": "、".join(str(n) for n in entry["items"]),
                    "code": entry["code"],
                    "name": entry["name"],
                    "old": entry["category"][0],
                    "new": entry["category"][1],
                },
            )
            for entry in frozen
        ],
    )


def _set_heads(
    conn: Connection,
    congress_id: int,
    rows: list[RosterRow],
    delegation_ids: dict[str, int],
    person_ids: dict[str, int],
) -> None:
    """团长 marks name their delegation's head; a head who moved to another delegation is cleared."""
    heads = {row.delegation: row.code for row in rows if row.head and row.delegation}
    missing = [code for code in heads.values() if code not in person_ids]
    person_ids = {**person_ids, **_ids_of(conn, congress_id, missing)}
    new_heads = {delegation_ids[name]: person_ids[code] for name, code in heads.items()}

    moved: dict[int, int | None] = {
        person_ids[row.code]: delegation_ids[row.delegation] if row.delegation else None
        for row in rows
        if row.code in person_ids
    }
    current = conn.execute(
        select(T_DELEGATION.c.id, T_DELEGATION.c.head_person_id).where(
            T_DELEGATION.c.congress_id == congress_id,
            T_DELEGATION.c.head_person_id.is_not(None),
        )
    ).all()
    changes = dict(new_heads)
    for delegation_id, head_id in current:
        if delegation_id in new_heads:
            if new_heads[delegation_id] == head_id:
                del changes[delegation_id]
        elif head_id in moved and moved[head_id] != delegation_id:
            changes[delegation_id] = None
    if changes:
        conn.execute(
            update(T_DELEGATION)
            .where(T_DELEGATION.c.id == bindparam("delegation"))
            .values(head_person_id=bindparam("head")),
            [{"delegation": key, "head": value} for key, value in changes.items()],
        )


def _ids_of(conn: Connection, congress_id: int, codes: Iterable[str]) -> dict[str, int]:
    codes = list(codes)
    found: dict[str, int] = {}
    for start in range(0, len(codes), IN_CHUNK):
        chunk = codes[start : start + IN_CHUNK]
        found.update(
            conn.execute(
                select(T_PERSON.c.code, T_PERSON.c.id).where(
                    T_PERSON.c.congress_id == congress_id, T_PERSON.c.code.in_(chunk)
                )
            ).all()
        )
    return found
