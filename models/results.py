"""Any voting item's outcome, and its JSON as the CLI contract gives it (DESIGN.md `result`)."""

from decimal import Decimal

from models import appraisals, elections, motions
from models.voting import APPRAISAL, ELECTION, MOTION, load_item, result_locked


def outcome_in(conn, item):
    """The outcome of a loaded item, whatever its kind, inside the caller's transaction."""
    if item.kind == MOTION:
        return motions.outcome_in(conn, item)
    if item.kind == ELECTION:
        return elections.outcome_in(conn, item)
    return appraisals.outcome_in(conn, item)


def item_outcome(db, ref):
    """The outcome of a motion, an election or an appraisal, addressed by number or title."""
    with db.read() as conn:
        return outcome_in(conn, load_item(conn, ref))


def roll_json(roll) -> dict | None:
    if roll is None:
        return None
    return {
        "sitting": roll.sitting,
        "due": roll.due,
        "present": roll.present,
        "sha256": roll.sha256,
    }


def _common(outcome) -> dict:
    item = outcome.item
    return {
        "kind": item.kind,
        "number": item.number,
        "title": item.title,
        "final": outcome.final,
        # the entries disagree: every figure is the first entry's, provisional until settled
        "provisional": bool(outcome.differences),
        "counted": item.counted,
        "settings": item.settings,
        "roll": roll_json(item.roll),
    }


def motion_json(outcome: motions.MotionOutcome) -> dict:
    r = outcome.result
    body = {
        "passed": None if r is None else r.passed,
        "yes": None if r is None else r.yes,
        "no": None if r is None else r.no,
        "abstain": None if r is None else r.abstain,
        "base": None if r is None else r.base,
        "threshold": None if r is None else r.threshold,
        "exactly_on_line": None if r is None else r.exactly_on_line,
    }
    if r is not None:
        body.update(
            base_kind=r.base_kind,
            comparator=r.comparator,
            method=outcome.item.method,
            important=outcome.item.important,
            valid=r.valid,
            issued=r.issued,
            returned=r.returned,
            invalid=r.invalid,
            due=r.due,
            present=r.present,
        )
    body["differences"] = [d.__dict__ for d in outcome.differences]
    return {**body, **_common(outcome)}


def election_json(outcome: elections.ElectionOutcome) -> dict:
    r = outcome.result
    return {
        "valid": r.valid,
        "void_reason": r.void_reason,
        "issued": r.issued,
        "returned": r.returned,
        "valid_ballots": r.valid_ballots,
        "void_ballots": r.void_ballots,
        "threshold": r.threshold,
        "candidates": [
            {
                "name": c.name,
                "yes": c.yes,
                "no": c.no,
                "abstain": c.abstain,
                "unreadable": c.unreadable,
                "elected": c.elected,
                "write_in": c.write_in,
                "runoff": c.runoff,
                "exactly_half": c.exactly_half,
            }
            for c in r.candidates
        ],
        "complete": outcome.complete,
        "elected": list(r.elected),
        "runoff": list(r.runoff),
        "runoff_seats": r.runoff_seats,
        "vacant": r.vacant,
        "reelect": list(r.reelect),
        "seats": r.seats,
        "seats_after": r.seats_after,
        "due": r.due,
        "participation_required": r.participation_required,
        "participation_on_line": r.participation_on_line,
        "void_numbers": list(r.void_numbers),
        "scrutineers": list(outcome.item.scrutineers),
        "counters": list(outcome.item.counters),
        "round": outcome.item.round,
        "parent": outcome.item.parent_number,
        "entries": {str(k): v for k, v in outcome.entries.items()},
        "differences": [
            {
                "where": "ballot",
                "key": str(d.number),
                "number": d.number,
                "first": None if d.first is None else d.first.marks,
                "second": None if d.second is None else d.second.marks,
                "first_write_ins": None if d.first is None else list(d.first.write_ins),
                "second_write_ins": None if d.second is None else list(d.second.write_ins),
            }
            for d in outcome.differences
        ],
        **_common(outcome),
    }


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def appraisal_json(outcome: appraisals.AppraisalOutcome) -> dict:
    r = outcome.result
    body = {"valid": None, "subjects": []}
    if r is not None:
        body = {
            "valid": r.valid,
            "void_reason": r.void_reason,
            "issued": r.issued,
            "returned": r.returned,
            "invalid": r.invalid,
            "valid_sheets": r.valid_sheets,
            "options": [o.label for o in r.options],
            "subjects": [
                {
                    "name": s.name,
                    "counts": dict(zip((o.label for o in r.options), s.counts, strict=True)),
                    "blank": s.blank,
                    "denominator": s.denominator,
                    "rate": _dec(s.rate),
                    "grade": s.grade,
                    "weighted": _dec(s.weighted),
                    "warning": s.warning,
                    "grade_on_line": s.grade_on_line,
                    "warning_on_line": s.warning_on_line,
                }
                for s in r.subjects
            ],
        }
    body["differences"] = [_appraisal_difference(outcome.item, d) for d in outcome.differences]
    return {**body, **_common(outcome)}


def _appraisal_difference(item, d) -> dict:
    from models.rekey import appraisal_levels

    if d.key in ("returned", "invalid"):
        return {"where": "sheets", **d.__dict__}
    levels = [
        {"option": option, "first": a, "second": b} for option, a, b in appraisal_levels(item, d)
    ]
    return {"where": "person", **d.__dict__, "levels": levels}


def finality_json(outcome) -> dict:
    """Whether the result is locked, and the earlier final result it replaced (what it was, the
    reopen reason and when): known from the log, so kept out of the archived results, which are
    recomputed from the tables alone."""
    return {"locked": result_locked(outcome), "replaces": outcome.item.replaces}


def outcome_json(outcome) -> dict:
    kind = outcome.item.kind
    if kind == MOTION:
        return motion_json(outcome)
    if kind == ELECTION:
        return election_json(outcome)
    assert kind == APPRAISAL
    return appraisal_json(outcome)
