"""The checks on the chain, the tables' facts, the sums, ballot numbers and rolls, each a Check."""

from dataclasses import dataclass, field

from sqlalchemy import select

from models import audit
from models.db import Database
from models.replay import FAMILIES, Index, mismatches
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
    "paper": "replay_paper",
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
