"""Importing a roster file (all or nothing) and the preview shown before a re-import."""

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from models import audit
from models.congress import T_DELEGATION, require_congress
from models.db import Database
from models.errors import refuse
from models.io.roster_file import RosterSheet, parse_roster_sheet, read_bytes
from models.roster.planning import (
    PeoplePlan,
    _ensure_delegations,
    _people_by_code,
    _plan_people,
    _refuse_frozen,
    _refuse_same_name,
    _set_heads,
    _write_people,
    frozen_category_changes,
    lock_congress,
    same_name_conflicts,
)
from models.roster.seat_clashes import clear_seats, settle_seats


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
        plan = _plan_people(conn, congress.id, rows, delegation_ids, sheet.carries)
        cleared = settle_seats(conn, congress.id, rows, plan)
        plan.changed.extend(cleared)
        frozen = frozen_category_changes(conn, plan)
        if frozen and not override_frozen:
            raise _refuse_frozen(frozen)  # the transaction rolls back: no delegation either
        same_name = same_name_conflicts(conn, congress.id, rows)
        if same_name and not allow_same_name:
            raise _refuse_same_name(same_name)
        if expected_digest is not None and plan_digest(digest, plan) != expected_digest:
            raise refuse("roster.changed_since_preview")
        _write_people(conn, plan)
        clear_seats(conn, cleared)
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


def plan_digest(sha256: str, plan: PeoplePlan) -> str:
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
        plan = _plan_people(conn, congress.id, rows, {**known, **stand_ins}, sheet.carries)
        plan.changed.extend(settle_seats(conn, congress.id, rows, plan))
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
