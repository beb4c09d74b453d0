"""`huiwu verify`: a numbered self-check of a congress, from its database or from its archive.

Both sources become the same archive document first (:mod:`models.archive`), so the checks are
one code path. The checks, in order:

 1. the source: the archive's format and version (or the database it was read from);
 2. the archive's content digest (a hand edit that did not recompute it);
 3. the audit chain: every row's hash and link, and the head;
 4–7. replaying the log gives exactly the sittings, the roster, the check-ins and leaves, the
    counts and ballots, the contest marks and the proposal statuses that are in the tables
    (:mod:`models.replay`);
 8. the counts add up (应到 = 实到 + 请假 + 缺席; 收回 = 有效 + 无效; every candidate's marks …);
 9. no ballot number twice for one item and clerk;
10. each roll hash is the SHA-256 of the delegates present when the count started;
11. each tally, recomputed with the rules from the tables, equals the recorded result;
12. (database) the results equal those of the last minutes package exported.

A check that fails says exactly where (a catalog key and its parameters); the report's first
failure is what `huiwu verify` names when it exits 1. Nothing here raises on bad data: an
archive that cannot be read is itself the failed check.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import create_engine, insert, select
from sqlalchemy.pool import StaticPool

from models import archive as arc
from models import audit
from models.db import Database
from models.errors import Refusal
from models.replay import FAMILIES, Index, facts_from_tables, mismatches, replay
from models.voting import roll_digest

EXPORT_EVENT = "export.minutes"


@dataclass(frozen=True)
class Check:
    key: str  # verify.check.<name>: what was checked
    ok: bool | None  # None: not applicable to this source
    params: dict = field(default_factory=dict)  # figures for the line (how many rows …)
    problem: str | None = None  # verify.fail.<name>: what is wrong, when not ok
    problem_params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class VerifyReport:
    source: str  # "archive" | "database"
    where: str  # the file or the database (password hidden)
    congress: str
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(c.ok is not False for c in self.checks)

    @property
    def first_failure(self) -> tuple[int, Check] | None:
        for number, check in enumerate(self.checks, start=1):
            if check.ok is False:
                return number, check
        return None


def _pass(name: str, **params) -> Check:
    return Check(f"verify.check.{name}", True, params)


def _fail(name: str, problem: str, **params) -> Check:
    return Check(f"verify.check.{name}", False, {}, f"verify.fail.{problem}", params)


def _skip(name: str, **params) -> Check:
    return Check(f"verify.check.{name}", None, params)


# --- 3. the chain -------------------------------------------------------------------------------


def check_chain_events(events: list[dict], head: dict) -> Check:
    expected_prev, expected_id = audit.GENESIS, 1
    for event in events:
        if event.get("id") != expected_id:
            return _fail("chain", "chain_missing", id=expected_id)
        if event.get("prev_hash") != expected_prev:
            return _fail("chain", "chain_link", id=event["id"])
        if not event.get("foreign"):
            try:
                digest = audit.row_hash(
                    event["id"],
                    event["at"],
                    event["kind"],
                    event["congress_id"],
                    event["station"],
                    event["operator"],
                    event["payload"],
                    event["prev_hash"],
                )
            except (KeyError, TypeError):
                return _fail("chain", "chain_row", id=event["id"])
            if digest != event.get("hash"):
                return _fail("chain", "chain_hash", id=event["id"])
        expected_prev = event.get("hash")
        expected_id += 1
    if head.get("id") != expected_id - 1 or head.get("hash") != expected_prev:
        return _fail("chain", "chain_head", id=head.get("id"), count=expected_id - 1)
    return _pass("chain", count=expected_id - 1, head=str(expected_prev)[:16])


def check_chain_db(db: Database) -> Check:
    report = audit.verify(db)
    if report.ok:
        head = audit.current_version(db)
        return _pass("chain", count=report.checked, head=_head_hash(db, head)[:16])
    problem = {
        "audit.missing_row": "chain_missing",
        "audit.link_broken": "chain_link",
        "audit.hash_mismatch": "chain_hash",
        "audit.head_mismatch": "chain_head",
    }.get(report.problem, "chain_hash")
    return _fail("chain", problem, id=report.broken_id, count=report.checked)


def _head_hash(db: Database, event_id: int) -> str:
    with db.read() as conn:
        value = conn.execute(
            select(audit.T_EVENT.c.hash).where(audit.T_EVENT.c.id == event_id)
        ).scalar()
    return value or audit.GENESIS


# --- 4–7. the log against the tables ------------------------------------------------------------

FAMILY_CHECKS = {
    "attendance": "replay_attendance",
    "voting": "replay_voting",
    "contests": "replay_contests",
    "proposals": "replay_proposals",
    "congress": "replay_congress",
}


def _fact_text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, tuple):
        return "/".join("—" if v is None else str(v) for v in value)
    return str(value)


def check_family(state, table_facts, family: str) -> Check:
    name = FAMILY_CHECKS[family]
    found = mismatches(state.facts, table_facts, family)
    count = sum(len(getattr(table_facts, f)) for f in FAMILIES[family])
    if not found:
        return _pass(name, count=count)
    first = found[0]
    return _fail(
        name,
        "replay",
        fact=first.fact,
        key=" / ".join(str(k) for k in first.key),
        in_log=_fact_text(first.in_log),
        in_tables=_fact_text(first.in_tables),
        differences=len(found),
    )


# --- 8. counts add up ---------------------------------------------------------------------------


def _sum_problems(results: dict):
    """(where, what) of the first figure that does not add up, or None."""
    for row in results.get("attendance", []):
        if row["due"] != row["present"] + row["leave"] + row["absent"] or row["absent"] < 0:
            return f"{row['sitting']}", "应到 = 实到 + 请假 + 缺席"
    for item in results.get("items", []):
        where = f"{item['number']}「{item['title']}」"
        problem = _item_sum_problem(item)
        if problem:
            return where, problem
    stats = results.get("proposals") or {}
    if stats and stats["received"] != sum(
        stats[k] for k in ("merged", "accepted", "suggestion", "rejected", "pending")
    ):
        return "提案", "收到 = 合并 + 立案 + 转意见建议 + 不予立案 + 待审查"
    return None


def _item_sum_problem(item: dict) -> str | None:
    kind = item["kind"]
    if kind == "motion" and item.get("yes") is not None:
        if (
            item.get("valid") is not None
            and item["yes"] + item["no"] + item["abstain"] != (item["valid"])
        ):
            return "赞成 + 反对 + 弃权 = 有效票"
        returned, invalid = item.get("returned"), item.get("invalid")
        if returned is not None and invalid is not None and returned != item["valid"] + invalid:
            return "收回 = 有效 + 无效"
        if returned is not None and item.get("issued") is not None and returned > item["issued"]:
            return "收回 ≤ 发出"
    if kind == "election" and item.get("returned") is not None:
        if item["returned"] != item["valid_ballots"] + item["void_ballots"]:
            return "收回 = 有效票 + 废票"
        for candidate in item["candidates"]:
            marks = candidate["yes"] + candidate["no"] + candidate["abstain"]
            marks += candidate.get("unreadable", 0)
            if not candidate["write_in"] and marks != item["valid_ballots"]:
                return f"{candidate['name']}：赞成 + 不赞成 + 弃权 = 有效票"
    if kind == "appraisal" and item.get("valid_sheets") is not None:
        for subject in item.get("subjects", []):
            if sum(subject["counts"].values()) + subject["blank"] != item["valid_sheets"]:
                return f"{subject['name']}：各项合计 + 未填 = 有效票"
    return None


def check_sums(results: dict) -> Check:
    problem = _sum_problems(results)
    if problem:
        return _fail("sums", "sums", where=problem[0], rule=problem[1])
    return _pass(
        "sums",
        sittings=len(results.get("attendance", [])),
        items=len(results.get("items", [])),
    )


# --- 9. ballot numbers --------------------------------------------------------------------------


def check_ballot_numbers(tables: dict, index: Index) -> Check:
    ballots = 0
    for table in ("election_ballot", "motion_ballot"):
        seen = set()
        for row in tables[table]:
            key = (row["item_id"], row["entry"], row["number"])
            if key in seen:
                return _fail(
                    "ballot_numbers",
                    "duplicate_ballot",
                    item=index.item.get(row["item_id"]),
                    entry=row["entry"],
                    number=row["number"],
                )
            seen.add(key)
            ballots += 1
    seen = set()
    for row in tables["checkin"]:
        key = (row["sitting_id"], row["person_id"])
        if key in seen:
            return _fail("ballot_numbers", "duplicate_checkin", code=index.code.get(key[1]))
        seen.add(key)
    return _pass("ballot_numbers", count=ballots)


# --- 10. roll hashes ----------------------------------------------------------------------------


def check_rolls(tables: dict, index: Index, rolls_seen, uid: str) -> Check:
    rolls = {r["id"]: r for r in tables["roll"]}
    members: dict[int, list[str]] = {}
    for m in tables["roll_member"]:
        members.setdefault(m["roll_id"], []).append(index.code.get(m["person_id"]))
    sittings = {s["id"]: s["name"] for s in tables["sitting"]}
    for roll in rolls.values():
        codes = members.get(roll["id"], [])
        digest = roll_digest(uid, sittings.get(roll["sitting_id"], ""), codes)
        if digest != roll["sha256"] or len(codes) != roll["present"]:
            items = [i["number"] for i in tables["vote_item"] if i["roll_id"] == roll["id"]]
            return _fail("rolls", "roll_members", item=_first(items), sha=roll["sha256"][:16])
    by_item = {i["number"]: rolls.get(i["roll_id"]) for i in tables["vote_item"]}
    for seen in rolls_seen:
        digest = roll_digest(uid, seen.sitting, list(seen.codes_present))
        if digest != seen.sha256 or len(seen.codes_present) != seen.present:
            return _fail("rolls", "roll_log", item=seen.item, sha=seen.sha256[:16])
        stored = by_item.get(seen.item)
        if stored is not None and (stored["sha256"], stored["present"], stored["due"]) != (
            seen.sha256,
            seen.present,
            seen.due,
        ):
            return _fail("rolls", "roll_stored", item=seen.item, sha=seen.sha256[:16])
    return _pass("rolls", count=len(rolls))


def _first(values):
    return values[0] if values else "—"


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
    checks.append(_skip("printed_archive"))
    return VerifyReport("archive", str(loaded.path), congress.get("name", ""), tuple(checks))
