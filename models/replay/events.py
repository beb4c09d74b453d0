"""Replaying the audit log event by event into facts, and the mismatches against the tables."""

import json
import re
from collections.abc import Iterable

from models.congress import CONGRESS_FIELDS, VOTING
from models.replay import match_facts
from models.replay.facts import (
    FAMILIES,
    Facts,
    Index,
    Mismatch,
    RollSeen,
    _ballot,
    _counts,
    canonical,
    paper_page_fact,
    person_fact,
)
from models.roster import PERSON_FIELDS


class Replay:
    def __init__(self, index: Index, *, people_logged: bool = True):
        self.index = index
        self.facts = Facts()
        self.rolls: list[RollSeen] = []
        # False for a log written before roster imports recorded each person: the roster is then
        # taken as it is now (and not compared), as verify always did before. Likewise anyone the
        # log never mentions (written straight into the table, as tests do) is taken as found.
        self.people_logged = people_logged

    def apply(self, event: dict) -> None:
        handler = HANDLERS.get(event["kind"])
        if handler is None and event["kind"].startswith("proposal."):
            handler = Replay._proposal_step
        if handler is not None:
            handler(self, json.loads(event["payload"]), event)

    # the congress's details and settings
    def _congress_new(self, p, _event):
        for name in CONGRESS_FIELDS:
            if name in p:  # a log older than issue 17 holds no date and venue: taken as found
                self.facts.congress[(name,)] = p[name]

    def _congress_update(self, p, _event):
        for name, (_old, new) in p["changes"].items():
            self.facts.congress[(name,)] = new

    def _setting(self, p, _event):
        self.facts.settings[(p["key"],)] = p["value"]

    # sittings and the roster
    def _sitting_new(self, p, _event):
        self.facts.sittings[(p["sitting_id"],)] = p["name"]

    def _sitting_remove(self, p, _event):
        self.facts.sittings.pop((p["sitting_id"],), None)

    def _roster_import(self, p, _event):
        if not self.people_logged:
            return
        people = p.get("people", {})
        for person in people.get("added", []):
            self.facts.people[(person["code"],)] = person_fact(person)
        for change in people.get("changed", []):
            key = (change["code"],)
            # someone the log never added (written straight into the table) is taken as found
            was = self.facts.people.get(key) or self.index.people.get(key, person_fact({}))
            now = dict(zip(PERSON_FIELDS, was, strict=True))
            now.update({name: change[name][1] for name in PERSON_FIELDS if name in change})
            self.facts.people[key] = person_fact(now)

    def _category(self, code: str) -> str | None:
        """The person's category at this point of the log (as the roll counted them)."""
        if not self.people_logged:
            return self.index.category.get(code)
        fact = self.facts.people.get((code,))
        if fact is None:
            return self.index.category.get(code)
        return fact[PERSON_FIELDS.index("category")]

    def _sitting_named(self, name: str) -> int | None:
        for (sitting_id,), known in self.facts.sittings.items():
            if known == name:
                return sitting_id
        return self.index.sitting_id.get(name)

    # attendance
    def _checkin(self, p, event):
        self.facts.checkins[(p["sitting_id"], p["code"])] = (event["at"], event["station"])

    def _checkin_undo(self, p, _event):
        self.facts.checkins.pop((p["sitting_id"], p["code"]), None)
        self.facts.out_of_hall.pop((p["sitting_id"], p["code"]), None)

    def _checkin_earlier(self, p, _event):
        self.facts.checkins[(p["sitting_id"], p["code"])] = (p["at"], p["station"])

    def _checkin_exit(self, p, _event):
        self.facts.out_of_hall[(p["sitting_id"], p["code"])] = True

    def _checkin_reentry(self, p, _event):
        self.facts.out_of_hall.pop((p["sitting_id"], p["code"]), None)

    def _leave(self, p, _event):
        self.facts.leaves[(p["sitting_id"], p["code"])] = p["reason"]

    def _leave_cancel(self, p, _event):
        self.facts.leaves.pop((p["sitting_id"], p["code"]), None)

    # voting
    def _roll(self, p, event):
        sitting_id = self._sitting_named(p["sitting"])
        in_hall_only = p.get("presence") == "hall"
        codes = tuple(
            sorted(
                code
                for (sid, code) in self.facts.checkins
                if sid == sitting_id
                and self._category(code) == VOTING
                and not (in_hall_only and (sid, code) in self.facts.out_of_hall)
            )
        )
        self.rolls.append(
            RollSeen(
                event["id"], p["item"], p["sitting"], p["due"], p["present"], p["sha256"], codes
            )
        )

    def _issue(self, p, _event):
        self.facts.issued[p["item"]] = p["issued"]

    def _motion_count(self, p, _event):
        item, entry, delegation = p["item"], p["entry"], p["delegation"] or ""
        if not delegation:  # a total replaces the clerk's lines and keyed ballots alike
            _drop(self.facts.motion_counts, item, entry)
            _drop(self.facts.motion_ballots, item, entry)
        self.facts.motion_counts[(item, entry, delegation)] = _counts(p)

    def _motion_ballot(self, p, _event):
        self.facts.motion_ballots[(p["item"], p["entry"], p["number"])] = p["choice"]

    def _motion_ballot_undo(self, p, _event):
        self.facts.motion_ballots.pop((p["item"], p["entry"], p["number"]), None)

    def _ballot_key(self, p, _event):
        key = (p["item"], p["entry"], p["number"])
        self.facts.election_ballots[key] = _ballot(p["marks"], p["write_ins"], p["malformed"])

    def _ballot_undo(self, p, _event):
        self.facts.election_ballots.pop((p["item"], p["entry"], p["number"]), None)

    def _ballot_import(self, p, _event):
        item, entry = p["item"], p["entry"]
        _drop(self.facts.election_ballots, item, entry)
        for number, marks, write_ins, malformed in p["ballots"]:
            self.facts.election_ballots[(item, entry, number)] = _ballot(
                marks, write_ins, malformed
            )

    def _sheets(self, p, _event):
        self.facts.appraisal_sheets[(p["item"], p["entry"])] = (p["returned"], p["invalid"])

    def _appraisal_marks(self, p, _event):
        names = self.index.nominees.get(p["item"], [])
        position = names.index(p["subject"]) + 1 if p["subject"] in names else p["subject"]
        self.facts.appraisal_marks[(p["item"], p["entry"], position)] = tuple(p["counts"])

    # contests
    def _mark(self, p, _event):
        key = (p["contest"], p["entrant"], p["stage"], p["judge"], p["criterion"])
        self.facts.marks[key] = p["mark"]

    def _mark_withdraw(self, p, _event):
        key = (p["contest"], p["entrant"], p["stage"], p["judge"], p["criterion"])
        self.facts.marks.pop(key, None)

    def _answer(self, p, _event):
        key = (p["contest"], p["entrant"], p["question"])
        self.facts.answers[key] = (p["kind"], p["stake"], p["right"], p["points"], False)

    def _answer_correct(self, p, _event):
        key = (p["contest"], p["entrant"], p["question"])
        kind = self.facts.answers.get(key, (None,))[0]
        self.facts.answers[key] = (kind, p["stake"], p["right"], p["points"], p["void"])

    # matches and meets (models/replay/match_facts.py)
    def _match_draw(self, p, _event):
        match_facts.replay_draw(self.facts, p)

    def _match_result(self, p, _event):
        match_facts.replay_result(self.facts, p)

    def _match_lots(self, p, _event):
        match_facts.replay_lots(self.facts, p)

    def _meet_new(self, p, _event):
        match_facts.replay_meet(self.facts, p)

    def _meet_add(self, p, _event):
        match_facts.replay_meet_add(self.facts, p)

    def _meet_record(self, p, _event):
        match_facts.replay_meet_record(self.facts, p)

    def _time(self, p, _event):
        self.facts.times[(p["contest"], p["entrant"])] = p["seconds"]

    def _time_withdraw(self, p, _event):
        self.facts.times.pop((p["contest"], p["entrant"]), None)

    # proposals
    # paper ballots: the reader's reading of each scanned page, a person's decisions
    def _paper_page(self, p, _event):
        fact = paper_page_fact(p["sheet"], p["page"], p["test"], p["reading"])
        self.facts.paper_pages[(p["sha256"],)] = fact

    def _paper_decide(self, p, _event):
        self.facts.paper_decisions[(p["sha256"], p["what"], p["index"])] = canonical(p["value"])

    def _paper_reopen(self, p, _event):
        for key in [k for k in self.facts.paper_decisions if k[0] == p["sha256"]]:
            del self.facts.paper_decisions[key]

    def _paper_sample(self, p, _event):
        self.facts.paper_samples[(p["item"],)] = tuple(p["numbers"])

    def _proposal_submit(self, p, _event):
        self.facts.proposal_status[p["number"]] = "submitted"

    def _proposal_import(self, p, _event):
        for label in p.get("added", []):
            number = _label_number(label)
            if number is not None:
                self.facts.proposal_status[number] = "submitted"

    def _proposal_step(self, p, _event):
        if "to" in p and "proposal_id" in p:
            number = self.index.proposal.get(p["proposal_id"], _label_number(p.get("label", "")))
            self.facts.proposal_status[number] = p["to"]


def _drop(facts: dict, item, entry) -> None:
    for key in [k for k in facts if k[0] == item and k[1] == entry]:
        del facts[key]


def _label_number(label: str) -> int | None:
    found = re.search(r"(\d+)\s*$", label or "")
    return int(found.group(1)) if found else None


HANDLERS = {
    "congress.new": Replay._congress_new,
    "congress.update": Replay._congress_update,
    "settings.set": Replay._setting,
    "sitting.new": Replay._sitting_new,
    "sitting.rename": Replay._sitting_new,  # the new name, under the same id
    "sitting.remove": Replay._sitting_remove,
    "roster.import": Replay._roster_import,
    # a seat or note changed outside an import is logged as the same change of a person
    "seats.assign": Replay._roster_import,
    "person.seat": Replay._roster_import,
    "person.note": Replay._roster_import,
    "checkin": Replay._checkin,
    "checkin.undo": Replay._checkin_undo,
    "checkin.exit": Replay._checkin_exit,
    "checkin.earlier": Replay._checkin_earlier,
    "checkin.reentry": Replay._checkin_reentry,
    "leave": Replay._leave,
    "leave.cancel": Replay._leave_cancel,
    "vote.roll": Replay._roll,
    "vote.issue": Replay._issue,
    "motion.count": Replay._motion_count,
    "motion.ballot": Replay._motion_ballot,
    "motion.ballot_undo": Replay._motion_ballot_undo,
    "ballot.key": Replay._ballot_key,
    "ballot.undo": Replay._ballot_undo,
    "ballot.import": Replay._ballot_import,
    "appraisal.sheets": Replay._sheets,
    "appraisal.marks": Replay._appraisal_marks,
    # re-keying one ballot to settle a double entry carries the new content like a keying
    "motion.ballot_rekey": Replay._motion_ballot,
    "ballot.rekey": Replay._ballot_key,
    "appraisal.marks_rekey": Replay._appraisal_marks,
    "contest.mark": Replay._mark,
    "contest.mark.correct": Replay._mark,
    "contest.mark.withdraw": Replay._mark_withdraw,
    "contest.answer": Replay._answer,
    "contest.answer.correct": Replay._answer_correct,
    "match.draw": Replay._match_draw,
    "match.result": Replay._match_result,
    "match.result.correct": Replay._match_result,
    "match.lots": Replay._match_lots,
    "meet.new": Replay._meet_new,
    "meet.add": Replay._meet_add,
    "meet.record": Replay._meet_record,
    "contest.time": Replay._time,  # the speaking clock stopped, or a time typed
    "contest.time.correct": Replay._time,
    "contest.time.withdraw": Replay._time_withdraw,
    "paper.page": Replay._paper_page,
    "paper.decide": Replay._paper_decide,
    "paper.sample": Replay._paper_sample,
    "paper.reopen": Replay._paper_reopen,
    "proposal.submit": Replay._proposal_submit,
    "proposal.import": Replay._proposal_import,
}


def replay(events: Iterable[dict], index: Index, congress_id: int) -> Replay:
    """Apply this congress's events in order."""
    own = [e for e in events if not e.get("foreign") and e.get("congress_id") == congress_id]
    state = Replay(index, people_logged=_people_logged(own))
    for event in own:
        state.apply(event)
    for key, fact in state.index.people.items():
        state.facts.people.setdefault(key, fact)
    for key, value in state.index.congress.items():  # a congress made outside the log
        state.facts.congress.setdefault(key, value)
    return state


def _people_logged(events: list[dict]) -> bool:
    """Whether every roster import in the log records each person (see models.roster)."""
    imports = [json.loads(e["payload"]) for e in events if e["kind"] == "roster.import"]
    return bool(imports) and all("people" in payload for payload in imports)


def mismatches(from_log: Facts, from_tables: Facts, family: str) -> list[Mismatch]:
    """Every fact of ``family`` on which the log and the tables disagree, in key order."""
    out = []
    for fact in FAMILIES[family]:
        log, rows = getattr(from_log, fact), getattr(from_tables, fact)
        for key in sorted(log.keys() | rows.keys(), key=_sort_key):
            if log.get(key) != rows.get(key):
                out.append(Mismatch(family, fact, key, log.get(key), rows.get(key)))
    return out


def _sort_key(key) -> tuple:
    parts = key if isinstance(key, tuple) else (key,)
    return tuple((0, p) if isinstance(p, int) else (1, str(p)) for p in parts)
