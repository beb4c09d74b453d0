"""Recomputing every result in a scratch database, the printed files' digests, and the whole
verification."""

import hashlib
import json
from datetime import date

from sqlalchemy import create_engine, insert
from sqlalchemy.pool import StaticPool

from models import archive as arc
from models import audit
from models.db import Database
from models.errors import Refusal
from models.paper.images import SCANS_DIR, scans_folder
from models.replay import Index, facts_from_tables, replay
from models.verify.checks import (
    EXPORT_EVENT,
    FAMILY_CHECKS,
    Check,
    VerifyReport,
    _fact_text,
    _fail,
    _pass,
    _skip,
    check_ballot_numbers,
    check_chain_db,
    check_chain_events,
    check_family,
    check_rolls,
    check_sums,
)

# --- 11. tallies recomputed ---------------------------------------------------------------------


def scratch_database(tables: dict) -> Database:
    """An in-memory database holding exactly the archive's rows, for the services to recompute
    from (the badge secret, never archived, is left empty: nothing here checks a badge)."""
    from models.congress import T_STATE
    from models.schema import metadata

    engine = create_engine("sqlite://", poolclass=StaticPool)
    metadata.create_all(engine)
    congress_row = dict(tables["congress"][0], secret="")
    with engine.begin() as conn:
        for name in arc.TABLE_NAMES:
            rows = [congress_row] if name == "congress" else tables[name]
            if rows:
                conn.execute(insert(metadata.tables[name]), rows)
        conn.execute(
            insert(T_STATE).values(key="current_congress_id", value=str(congress_row["id"]))
        )
    return Database("sqlite://", engine)


def first_difference(recorded, recomputed, path=()):
    """(path, recorded value, recomputed value) of the first place two results differ."""
    if isinstance(recorded, dict) and isinstance(recomputed, dict):
        for key in sorted(recorded.keys() | recomputed.keys()):
            found = first_difference(recorded.get(key), recomputed.get(key), (*path, key))
            if found:
                return found
        return None
    if isinstance(recorded, list) and isinstance(recomputed, list):
        for i in range(max(len(recorded), len(recomputed))):
            a = recorded[i] if i < len(recorded) else None
            b = recomputed[i] if i < len(recomputed) else None
            found = first_difference(a, b, (*path, _label(a, b, i)))
            if found:
                return found
        return None
    return None if recorded == recomputed else (path, recorded, recomputed)


def _label(a, b, index: int) -> str:
    for value in (a, b):
        if isinstance(value, dict):
            for key in ("title", "name", "entrant", "sitting", "team"):
                if value.get(key):
                    number = value.get("number")
                    return f"{number}「{value[key]}」" if number else str(value[key])
    return str(index + 1)


def recompute(tables: dict, as_of: date) -> dict:
    scratch = scratch_database(tables)
    try:
        with scratch.read() as conn:
            return arc.results_in(conn, as_of=as_of)
    finally:
        scratch.dispose()


def check_tallies(recorded: dict, recomputed: dict | Check) -> Check:
    if isinstance(recomputed, Check):
        return recomputed
    found = first_difference(recorded, recomputed)
    if found:
        path, a, b = found
        return _fail(
            "tallies",
            "tally",
            where=[str(p) for p in path],
            recorded=_fact_text(a),
            recomputed=_fact_text(b),
        )
    return _pass(
        "tallies",
        items=len(recomputed["items"]),
        contests=len(recomputed["contests"]),
        sittings=len(recomputed["attendance"]),
    )


def _recomputed_or_check(tables: dict, as_of: date):
    try:
        return recompute(tables, as_of)
    except Refusal as error:
        return _fail("tallies", "unreadable", reason=error.key)
    except Exception as error:  # an edited archive may hold anything; say so, never a traceback
        return _fail("tallies", "unreadable", reason=type(error).__name__)


# --- 12. the last package printed ---------------------------------------------------------------


def part_digests(results: dict) -> dict:
    """One digest per printed part, so a difference names the item, not just "something"."""

    def sha(value) -> str:
        return hashlib.sha256(audit.canonical(value).encode("utf-8")).hexdigest()

    return {
        "attendance": sha(results["attendance"]),
        "items": {str(i["number"]): sha(i) for i in results["items"]},
        "contests": {str(c["number"]): sha(c) for c in results["contests"]},
        "proposals": sha(results["proposals"]),
    }


def last_export(events: list[dict], congress_id: int) -> dict | None:
    for event in reversed(events):
        if event.get("kind") == EXPORT_EVENT and event.get("congress_id") == congress_id:
            return {"id": event["id"], **json.loads(event["payload"])}
    return None


def check_printed(export: dict | None, document: dict) -> Check:
    """Compare with the last package. Exported the same day, the figures to compare are the
    document's (check 11 has just proved them equal to the recount); on a later day they are
    recomputed for the export's day, as overdue proposals depend on it."""
    if export is None:
        return _skip("printed_none")
    if export["as_of"] == document["as_of"]:
        now = document["results"]
    else:
        now = recompute(document["tables"], date.fromisoformat(export["as_of"]))
    digests, printed = part_digests(now), export["parts"]
    for part in ("attendance", "proposals"):
        if digests[part] != printed.get(part):
            return _fail("printed", "printed", id=export["id"], part=part)
    for part in ("items", "contests"):
        for number in sorted(digests[part].keys() | printed.get(part, {}).keys(), key=int):
            if digests[part].get(number) != printed.get(part, {}).get(number):
                return _fail("printed", "printed", id=export["id"], part=part, number=number)
    return _pass("printed", id=export["id"], folder=export.get("folder", ""))


# --- 14. scanned paper ballots read again ------------------------------------------------------


def check_scans(tables: dict, folder) -> Check:
    """Every stored page read again from its image must give the reading the log recorded."""
    from pathlib import Path

    from models.paper.reread import reread_pages

    rows = tables.get("paper_page", [])
    if not rows:
        return _skip("scans_none")
    if folder is None or not Path(folder).is_dir():
        return _skip("scans_absent", pages=len(rows))
    found = reread_pages(scratch_database(tables), rows, Path(folder))
    if found.problem:
        return _fail("scans", f"scan_{found.problem}", source=found.source)
    return _pass("scans", pages=found.pages, decisions=found.decisions)


# --- the report ---------------------------------------------------------------------------------


def _common_checks(document: dict) -> list[Check]:
    try:
        return _checks_on(document)
    except Exception as error:  # a hand-edited archive may hold anything: a failed check
        return [_fail("structure", "structure", reason=f"{type(error).__name__}: {error}"[:200])]


def _checks_on(document: dict) -> list[Check]:
    tables = document["tables"]
    index = Index(tables)
    congress = tables["congress"][0]
    state = replay(document["events"], index, congress["id"])
    table_facts = facts_from_tables(tables, index)
    checks = [check_family(state, table_facts, family) for family in FAMILY_CHECKS]
    checks.append(check_sums(document["results"]))
    checks.append(check_ballot_numbers(tables, index))
    checks.append(check_rolls(tables, index, state.rolls, congress["uid"]))
    as_of = date.fromisoformat(document["as_of"])
    checks.append(check_tallies(document["results"], _recomputed_or_check(tables, as_of)))
    return checks


def verify_database(db: Database) -> VerifyReport:
    """Read the current congress as an archive document (one transaction) and check it."""
    from models.congress import current_congress_id

    with db.snapshot() as conn:
        if current_congress_id(conn) is None:  # nothing to recompute yet: the chain alone
            events = audit.version_in(conn)
            document = None
        else:
            document = arc.build_archive(conn, arc.results_in(conn))
    if document is None:
        checks = (_pass("source_db", events=events), check_chain_db(db))
        return VerifyReport("database", db.describe(), "—", checks)
    congress = document["tables"]["congress"][0]
    checks = [_pass("source_db", events=len(document["events"])), _skip("digest_db")]
    checks.append(check_chain_db(db))
    checks.extend(_common_checks(document))
    checks.append(check_scans(document["tables"], scans_folder(congress["uid"])))
    export = last_export(document["events"], congress["id"])
    checks.append(check_printed(export, document))
    return VerifyReport("database", db.describe(), congress["name"], tuple(checks))


def verify_archive(path) -> VerifyReport:
    """Check an archive file with nothing but the file (and this program's rules)."""
    loaded = arc.load_archive(path)  # a Refusal when it cannot be read at all
    document = loaded.document
    congress = document["tables"]["congress"][0]
    checks = [_pass("source_archive", version=document["version"], size=loaded.size)]
    if arc.content_digest(document) == document[arc.DIGEST_KEY]:
        checks.append(_pass("digest", sha=document[arc.DIGEST_KEY][:16]))
    else:
        checks.append(_fail("digest", "digest"))
    checks.append(check_chain_events(document["events"], document["head"]))
    checks.extend(_common_checks(document))
    checks.append(check_scans(document["tables"], loaded.path.parent / SCANS_DIR))
    checks.append(_skip("printed_archive"))
    return VerifyReport("archive", str(loaded.path), congress.get("name", ""), tuple(checks))
