"""Motions (表决事项): creation, counts by show of hands or secret ballot, and the result."""

from models.motions.counting import (
    delete_motion_ballot,
    key_motion_ballot,
    new_motion,
    record_count,
    record_motion_ballot,
)
from models.motions.outcome import (
    EntryBallots,
    delegations_present,
    entry_ballots,
    motion_outcome,
    outcome_in,
    second_entry_progress,
)
from models.motions.records import (
    FIELDS,
    T_COUNT,
    T_MBALLOT,
    Difference,
    MotionBallot,
    MotionOutcome,
    MotionTally,
)
from models.rules.motion import CHOICES

__all__ = [
    "CHOICES",
    "FIELDS",
    "T_COUNT",
    "T_MBALLOT",
    "Difference",
    "EntryBallots",
    "MotionBallot",
    "MotionOutcome",
    "MotionTally",
    "delegations_present",
    "delete_motion_ballot",
    "entry_ballots",
    "key_motion_ballot",
    "motion_outcome",
    "new_motion",
    "outcome_in",
    "record_count",
    "record_motion_ballot",
    "second_entry_progress",
]
