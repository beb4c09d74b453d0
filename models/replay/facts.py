"""The facts both sides are compared on, keyed by what a person reads on paper, and those read from
the tables."""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from models.congress import CONGRESS_FIELDS
from models.elections import WRITE_IN_SEPARATOR
from models.motions import FIELDS
from models.replay.match_facts import match_facts_from_tables
from models.roster import PERSON_FIELDS

FAMILIES = {
    "attendance": ("sittings", "people", "checkins", "leaves", "out_of_hall"),
    "voting": (
        "motion_counts",
        "motion_ballots",
        "election_ballots",
        "appraisal_sheets",
        "appraisal_marks",
        "issued",
    ),
    "contests": (
        "marks",
        "answers",
        "matches",
        "match_lots",
        "meets",
        "meet_events",
        "meet_records",
        "times",
    ),
    "proposals": ("proposal_status",),
    "congress": ("congress", "settings"),
    "paper": ("paper_pages", "paper_decisions", "paper_samples"),
}


@dataclass
class Facts:
    sittings: dict = field(default_factory=dict)  # (sitting id,) → name
    people: dict = field(default_factory=dict)  # (code,) → (name, gender, unit, delegation, cat.)
    checkins: dict = field(default_factory=dict)  # (sitting id, code) → (at, station)
    leaves: dict = field(default_factory=dict)  # (sitting id, code) → reason
    out_of_hall: dict = field(default_factory=dict)  # (sitting id, code) → True: exited, not back
    motion_counts: dict = field(default_factory=dict)  # (item, entry, delegation) → counts
    motion_ballots: dict = field(default_factory=dict)  # (item, entry, number) → choice
    election_ballots: dict = field(default_factory=dict)  # (item, entry, number) → ballot
    appraisal_sheets: dict = field(default_factory=dict)  # (item, entry) → (returned, invalid)
    appraisal_marks: dict = field(default_factory=dict)  # (item, entry, position) → counts
    issued: dict = field(default_factory=dict)  # item → ballots issued
    marks: dict = field(default_factory=dict)  # (contest, entrant, stage, judge, crit.) → mark
    answers: dict = field(default_factory=dict)  # (contest, entrant, question) → answer
    matches: dict = field(default_factory=dict)  # (contest, match) → draw and result
    match_lots: dict = field(default_factory=dict)  # (contest, event, group) → order drawn
    meets: dict = field(default_factory=dict)  # (meet,) → (name, points, record, decimals)
    meet_events: dict = field(default_factory=dict)  # (meet, contest, event) → True
    meet_records: dict = field(default_factory=dict)  # (meet, contest, entrant) → note
    times: dict = field(default_factory=dict)  # (contest, entrant) → speaking time, "347.30"
    paper_pages: dict = field(default_factory=dict)  # (sha256,) → (sheet, page, test, reading)
    paper_decisions: dict = field(default_factory=dict)  # (sha256, what, index) → decision
    paper_samples: dict = field(default_factory=dict)  # (item,) → ballot numbers drawn
    proposal_status: dict = field(default_factory=dict)  # proposal number → status
    congress: dict = field(default_factory=dict)  # (detail,) → value: name, kind, 届/次, date …
    settings: dict = field(default_factory=dict)  # (setting key,) → value set (defaults not kept)


@dataclass(frozen=True)
class Mismatch:
    family: str  # attendance | voting | contests | proposals
    fact: str  # which kind of fact, e.g. checkins
    key: tuple
    in_log: object  # None when the log has no such fact
    in_tables: object  # None when the tables have no such fact


class Index:
    """Id → readable key maps over an archive's tables."""

    def __init__(self, tables: dict[str, list[dict]]):
        self.code = {p["id"]: p["code"] for p in tables["person"]}
        self.category = {p["code"]: p["category"] for p in tables["person"]}
        self.sitting_id = {s["name"]: s["id"] for s in tables["sitting"]}
        delegations = {d["id"]: d["name"] for d in tables["delegation"]}
        self.people = {
            (p["code"],): person_fact({**p, "delegation": delegations.get(p["delegation_id"])})
            for p in tables["person"]
        }
        self.item = {i["id"]: i["number"] for i in tables["vote_item"]}
        self.contest = {c["id"]: c["number"] for c in tables["contest"]}
        self.entrant = {
            e["id"]: (self.contest.get(e["contest_id"]), e["number"])
            for e in tables["contest_entrant"]
        }
        self.proposal = {p["id"]: p["number"] for p in tables["proposal"]}
        congress = tables["congress"][0] if tables["congress"] else {}  # a hand-built table set
        self.congress = {(name,): congress.get(name) for name in CONGRESS_FIELDS}
        self.nominees: dict[int, list[str]] = {}
        for n in sorted(tables["nominee"], key=lambda n: (n["item_id"], n["position"])):
            self.nominees.setdefault(self.item.get(n["item_id"]), []).append(n["name"])


def person_fact(values: dict) -> tuple:
    return tuple(values.get(name) for name in PERSON_FIELDS)


def _counts(row: dict) -> tuple:
    return tuple(row.get(f) for f in FIELDS)


def _ballot(marks, write_ins: Iterable[str], malformed) -> tuple:
    return (marks, tuple(w for w in write_ins if w), bool(malformed))


def facts_from_tables(tables: dict[str, list[dict]], index: Index) -> Facts:
    facts = Facts()
    facts.sittings = {(s["id"],): s["name"] for s in tables["sitting"]}
    facts.people = dict(index.people)
    for r in tables["checkin"]:
        facts.checkins[(r["sitting_id"], index.code.get(r["person_id"]))] = (r["at"], r["station"])
        if not r.get("in_hall", True):  # an archive from before exits has no such column
            facts.out_of_hall[(r["sitting_id"], index.code.get(r["person_id"]))] = True
    for r in tables["leave"]:
        facts.leaves[(r["sitting_id"], index.code.get(r["person_id"]))] = r["reason"]
    for r in tables["motion_count"]:
        key = (index.item.get(r["item_id"]), r["entry"], r["delegation"])
        facts.motion_counts[key] = _counts(r)
    for r in tables["motion_ballot"]:
        facts.motion_ballots[(index.item.get(r["item_id"]), r["entry"], r["number"])] = r["choice"]
    for r in tables["election_ballot"]:
        key = (index.item.get(r["item_id"]), r["entry"], r["number"])
        write_ins = (r["write_ins"] or "").split(WRITE_IN_SEPARATOR)
        facts.election_ballots[key] = _ballot(r["marks"], write_ins, r["malformed"])
    for r in tables["appraisal_sheets"]:
        key = (index.item.get(r["item_id"]), r["entry"])
        facts.appraisal_sheets[key] = (r["returned"], r["invalid"])
    for r in tables["appraisal_marks"]:
        key = (index.item.get(r["item_id"]), r["entry"], r["position"])
        facts.appraisal_marks[key] = tuple(int(x) for x in str(r["counts"]).split(","))
    for r in tables["vote_item"]:
        if r["issued"] is not None:
            facts.issued[r["number"]] = r["issued"]
    for r in tables["contest_mark"]:
        contest, entrant = index.entrant.get(r["entrant_id"], (None, None))
        key = (contest, entrant, r["stage"], r["judge"], r["criterion"])
        facts.marks[key] = r["value"]
    for r in tables["quiz_answer"]:
        contest, entrant = index.entrant.get(r["entrant_id"], (None, None))
        key = (contest, entrant, r["question"])
        facts.answers[key] = (r["kind"], r["stake"], bool(r["right"]), r["points"], bool(r["void"]))
    match_facts_from_tables(facts, tables, index)
    for r in tables.get("contest_timing", []):
        if r["seconds"] is not None:  # a clock still running has no time yet
            facts.times[index.entrant.get(r["entrant_id"], (None, None))] = r["seconds"]
    for r in tables["proposal"]:
        facts.proposal_status[r["number"]] = r["status"]
    facts.congress = dict(index.congress)
    facts.settings = {(r["key"],): r["value"] for r in tables.get("congress_setting", [])}
    for r in tables["vote_item"]:
        drawn = json.loads(r["settings"] or "{}").get("check_sample")
        if drawn is not None:
            facts.paper_samples[(r["number"],)] = tuple(drawn)
    for r in tables.get("paper_page", []):
        reading = json.loads(r["reading"])
        facts.paper_pages[(r["sha256"],)] = paper_page_fact(
            r["sheet"], r["page"], r["test"], reading
        )
        for group, decided in json.loads(r["decisions"] or "{}").items():
            what = DECISION_OF[group]
            for index_text, value in decided.items():
                facts.paper_decisions[(r["sha256"], what, int(index_text))] = canonical(value)
    return facts


# A page's decisions JSON by group (models.paper.readings.GROUPS), as the paper.decide event names them.
DECISION_OF = {"boxes": "box", "write_ins": "write_in", "twin": "twin"}


def canonical(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def paper_page_fact(sheet, page, test, reading: dict) -> tuple:
    return (sheet, int(page), bool(test), canonical(reading))


# --- replaying the log --------------------------------------------------------------------------


@dataclass(frozen=True)
class RollSeen:
    """What the log says about a roll the moment it was frozen, and who was present then."""

    event_id: int
    item: int
    sitting: str
    due: int
    present: int
    sha256: str
    codes_present: tuple[str, ...]  # voting delegates checked in at that moment, by the log
