"""The roster (名单): importing people and delegations into the current congress.

``huiwu roster import FILE`` is all or nothing: the file is read and every row checked first
(:mod:`models.io.roster_file`); only a file without a single bad row is written, in one
transaction, together with one ``roster.import`` audit event. A code already on the roster is
updated in place, so importing a corrected file again never duplicates anybody.

Built for big rosters: the congress's people are loaded in one query, then new people are
inserted and changed people updated in bulk (executemany); never a query per row.
"""

import hashlib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from models import audit
from models.congress import T_CONGRESS, T_DELEGATION, T_PERSON, require_congress
from models.db import Database
from models.errors import Refusal, refuse
from models.io.roster_file import RosterRow, RosterSheet, parse_roster_sheet, read_bytes

MAX_INITIALS = 64
IN_CHUNK = 500

# Surnames whose reading differs from the character's everyday one (单 shàn, not dān).
SURNAME_INITIALS = {
    "单": "s",
    "曾": "z",
    "解": "x",
    "仇": "q",
    "朴": "p",
    "查": "z",
    "区": "o",
    "乐": "y",
    "覃": "q",
    "缪": "m",
    "翟": "z",
    "召": "s",
    "繁": "p",
    "秘": "b",
    "种": "c",
    "重": "c",
}

_initial_cache: dict[str, str] = {}


def _char_initial(char: str) -> str:
    found = _initial_cache.get(char)
    if found is None:
        if char.isascii():
            found = char.lower() if char.isalnum() else ""
        else:
            from pypinyin import Style, lazy_pinyin

            letters = lazy_pinyin(char, style=Style.FIRST_LETTER, errors="ignore")
            found = letters[0][:1].lower() if letters else ""
            if not (found.isascii() and found.isalpha()):
                found = ""
        _initial_cache[char] = found
    return found


def people_initials(name: str) -> str:
    """拼音 first letters for the search box: 张三丰 → "zsf"; Latin letters and digits kept."""
    text = unicodedata.normalize("NFKC", name or "").strip()
    if not text:
        return ""
    first = SURNAME_INITIALS.get(text[0])
    rest = text[1:] if first else text
    initials = (first or "") + "".join(_char_initial(char) for char in rest)
    return initials[:MAX_INITIALS]


@dataclass(frozen=True)
class ImportReport:
    """What an import did. ``total`` = people in the file = added + updated + unchanged."""

    added: int
    updated: int
    delegations_created: int
    total: int
    unchanged: int = 0
    file: str = ""
    sha256: str = ""
    ignored_columns: tuple[str, ...] = ()
    unused_columns: tuple[str, ...] = ()
    unlabelled_columns: tuple[str, ...] = ()

    def as_json(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "delegations_created": self.delegations_created,
            "total": self.total,
            "file": self.file,
            "sha256": self.sha256,
            "ignored_columns": list(self.ignored_columns),
            "unused_columns": list(self.unused_columns),
            "unlabelled_columns": list(self.unlabelled_columns),
        }


def import_roster(
    db: Database,
    path: str | Path,
    *,
    operator: str = "",
    station: str = "",
    override_frozen: bool = False,
    reason: str = "",
    allow_same_name: bool = False,
    expected_digest: str | None = None,
) -> ImportReport:
    """Import a roster file into the current congress; a Refusal (nothing written) if any row is
    bad, if it changes the category of someone on a frozen roll (unless ``override_frozen``,
    which needs a reason and is logged with it), if it would add someone under a new code who
    has the name and delegation of someone already there (unless ``allow_same_name``), or if
    what it would write is no longer what a preview showed (``expected_digest``)."""
    path = Path(path)
    reason = (reason or "").strip()
    if override_frozen and not reason:
        raise refuse("common.reason_required")
    sheet, data = _read_sheet(path)
    rows = sheet.rows
    digest = hashlib.sha256(data).hexdigest()
    with db.write() as conn:
        congress = require_congress(conn)
        lock_congress(conn, congress.id)
        delegation_ids, created = _ensure_delegations(conn, congress.id, rows)
        plan = _plan_people(conn, congress.id, rows, delegation_ids)
        frozen = frozen_category_changes(conn, plan)
        if frozen and not override_frozen:
            raise _refuse_frozen(frozen)  # the transaction rolls back: no delegation either
        same_name = same_name_conflicts(conn, congress.id, rows)
        if same_name and not allow_same_name:
            raise _refuse_same_name(same_name)
        if expected_digest is not None and plan_digest(digest, plan) != expected_digest:
            raise refuse("roster.changed_since_preview")
        _write_people(conn, plan)
        _set_heads(conn, congress.id, rows, delegation_ids, plan.person_ids)
        added, updated = len(plan.new_people), len(plan.updates)
        report = ImportReport(
            added=added,
            updated=updated,
            delegations_created=created,
            total=len(rows),
            unchanged=len(rows) - added - updated,
            file=path.name,
            sha256=digest,
            ignored_columns=sheet.ignored,
            unused_columns=sheet.unused,
            unlabelled_columns=sheet.unlabelled,
        )
        payload = {
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "delegations_created": report.delegations_created,
            "total": report.total,
            "sha256": digest,
            "file": path.name,
            # what verify replays: every person added, and per person changed old → new
            "people": {
                "added": plan.added,
                "changed": [{k: v for k, v in c.items() if k != "id"} for c in plan.changed],
            },
        }
        if frozen:
            payload["override"] = {"reason": reason, "frozen": frozen}
        if same_name:
            payload["same_name_allowed"] = same_name
        audit.append(
            conn,
            "roster.import",
            payload,
            congress_id=congress.id,
            station=station,
            operator=operator,
        )
    return report


def _read_sheet(path: Path) -> tuple[RosterSheet, bytes]:
    data = read_bytes(path)
    return parse_roster_sheet(data, suffix=path.suffix), data


def plan_digest(sha256: str, plan: "PeoplePlan") -> str:
    """What an import of this file would write, as one digest: the preview shows a plan, the
    import writes it only if it is still the same (another desk may have imported meanwhile)."""
    changed = [{k: v for k, v in c.items() if k != "id"} for c in plan.changed]
    text = json.dumps([sha256, plan.added, changed], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ImportPreview:
    """What importing a file would do, computed without writing: the people added, each change
    (field → [old, new]), the people on the roster the file does not list (never deleted), the
    delegations it would create and the columns it does not use."""

    file: str
    sha256: str
    digest: str  # pass to import_roster(expected_digest=…) to write exactly this
    total: int
    added: list[dict]
    changed: list[dict]
    not_in_file: list[dict]
    delegations_new: list[str]
    roster_was_empty: bool
    ignored_columns: tuple[str, ...] = ()
    unused_columns: tuple[str, ...] = ()
    unlabelled_columns: tuple[str, ...] = ()
    same_name: list[dict] = ()  # allowed (allow_same_name): new codes for names already there
    frozen: list[dict] = ()  # allowed (override_frozen)
    names: dict[str, str] | None = None  # code → name in the file, to say whose row changes

    @property
    def category_changes(self) -> list[dict]:
        return [entry for entry in self.changed if "category" in entry]

    @property
    def unchanged(self) -> int:
        return self.total - len(self.added) - len(self.changed)

    @property
    def changes_roster(self) -> bool:
        """Whether the import adds to or changes a roster that already had people: what the
        CLI asks about (a first import into an empty roster is only what the file says)."""
        return not self.roster_was_empty and bool(self.added or self.changed)

    def as_json(self) -> dict:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "total": self.total,
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "not_in_file": self.not_in_file,
            "delegations_new": self.delegations_new,
            "ignored_columns": list(self.ignored_columns),
            "unused_columns": list(self.unused_columns),
            "unlabelled_columns": list(self.unlabelled_columns),
            "same_name": list(self.same_name),
        }


def preview_roster_import(
    db: Database,
    path: str | Path,
    *,
    allow_same_name: bool = False,
    override_frozen: bool = False,
) -> ImportPreview:
    """What :func:`import_roster` would do with this file, without writing anything; the same
    refusals (a bad row, a frozen roll, a same-name person under a new code) come first."""
    path = Path(path)
    sheet, data = _read_sheet(path)
    rows = sheet.rows
    sha256 = hashlib.sha256(data).hexdigest()
    with db.read() as conn:
        congress = require_congress(conn)
        known = dict(
            conn.execute(
                select(T_DELEGATION.c.name, T_DELEGATION.c.id).where(
                    T_DELEGATION.c.congress_id == congress.id
                )
            ).all()
        )
        new_names = list(
            dict.fromkeys(r.delegation for r in rows if r.delegation and r.delegation not in known)
        )
        # a delegation not made yet gets a stand-in id no real row has, so its people differ
        stand_ins = {name: -number for number, name in enumerate(new_names, start=1)}
        plan = _plan_people(conn, congress.id, rows, {**known, **stand_ins})
        frozen = frozen_category_changes(conn, plan)
        if frozen and not override_frozen:
            raise _refuse_frozen(frozen)
        same_name = same_name_conflicts(conn, congress.id, rows)
        if same_name and not allow_same_name:
            raise _refuse_same_name(same_name)
        on_roster = _people_by_code(conn, congress.id)
    in_file = {row.code for row in rows}
    return ImportPreview(
        file=path.name,
        sha256=sha256,
        digest=plan_digest(sha256, plan),
        total=len(rows),
        added=plan.added,
        changed=[{k: v for k, v in c.items() if k != "id"} for c in plan.changed],
        not_in_file=[
            {"code": code, "name": name, "delegation": delegation}
            for code, (name, delegation) in on_roster.items()
            if code not in in_file
        ],
        delegations_new=new_names,
        roster_was_empty=not on_roster,
        ignored_columns=sheet.ignored,
        unused_columns=sheet.unused,
        unlabelled_columns=sheet.unlabelled,
        same_name=same_name,
        frozen=frozen,
        names={row.code: row.name for row in rows},
    )


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
    if conn.dialect.name != "sqlite":
        conn.execute(
            select(T_CONGRESS.c.id).where(T_CONGRESS.c.id == congress_id).with_for_update()
        )


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
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    conn.execute(
        dialect.insert(T_DELEGATION).on_conflict_do_nothing(),
        [{"congress_id": congress_id, "name": name} for name in missing],
    )
    after = dict(conn.execute(query).all())
    return after, len(after) - len(before)


# what the log records (an older log's people have no phone: they replay as None, as they read)
PERSON_FIELDS = ("name", "gender", "unit", "delegation", "category", "phone")


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
    conn: Connection, congress_id: int, rows: list[RosterRow], delegation_ids: dict[str, int]
) -> PeoplePlan:
    """Compare the file with the roster: new codes to insert, changed ones to update."""
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
            ).where(T_PERSON.c.congress_id == congress_id)
        )
    }
    delegation_names = {number: name for name, number in delegation_ids.items()}
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


def _logged_person(row: RosterRow) -> dict:
    """A person added, as the log keeps them; no phone is left out (it replays as None)."""
    logged = {"code": row.code, **{f: getattr(row, f) for f in PERSON_FIELDS}}
    if logged["phone"] is None:
        del logged["phone"]
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


@dataclass(frozen=True)
class RosterPerson:
    """One person on the roster as ``huiwu roster list`` shows them; ``category`` is a key."""

    code: str
    name: str
    gender: str | None
    unit: str | None
    delegation: str | None
    category: str
    head: bool
    phone: str | None = None

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "gender": self.gender,
            "unit": self.unit,
            "delegation": self.delegation,
            "category": self.category,
            "head": self.head,
            "phone": self.phone,
        }


def roster_people(db: Database) -> list[RosterPerson]:
    """Everybody on the current congress's roster, by code, each with whether they head their
    delegation."""
    with db.read() as conn:
        congress = require_congress(conn)
        rows = conn.execute(
            select(
                T_PERSON.c.code,
                T_PERSON.c.name,
                T_PERSON.c.gender,
                T_PERSON.c.unit,
                T_DELEGATION.c.name.label("delegation"),
                T_PERSON.c.category,
                (T_DELEGATION.c.head_person_id == T_PERSON.c.id).label("head"),
                T_PERSON.c.phone,
            )
            .select_from(
                T_PERSON.outerjoin(T_DELEGATION, T_PERSON.c.delegation_id == T_DELEGATION.c.id)
            )
            .where(T_PERSON.c.congress_id == congress.id)
            .order_by(T_PERSON.c.code)
        ).all()
    return [RosterPerson(*row[:6], head=bool(row.head), phone=row.phone) for row in rows]
