"""Elections (选举): candidates, scrutineers, ballots keyed or imported, and the tally.

Ballots carry a number (票号) and marks; there is no column anywhere that could name a voter.
"""

from models.elections.ballots import (
    BallotImport,
    _ballot_values,
    delete_ballot,
    import_ballots,
    key_ballot,
    record_ballot,
    refuse_write_ins,
    takes_write_ins,
)
from models.elections.records import (
    T_BALLOT,
    WRITE_IN_SEPARATOR,
    BallotReceipt,
    ElectedAcrossRounds,
    ElectedRow,
    ElectionBallot,
    ElectionOutcome,
)
from models.elections.setup import (
    _settings,
    clean_names,
    new_election,
    set_candidates,
    set_scrutineers,
)
from models.elections.tally import (
    ballots_of,
    election_outcome,
    entry_progress,
    follow_up,
    outcome_in,
)

__all__ = [
    "T_BALLOT",
    "WRITE_IN_SEPARATOR",
    "BallotImport",
    "BallotReceipt",
    "ElectedAcrossRounds",
    "ElectedRow",
    "ElectionBallot",
    "ElectionOutcome",
    "_ballot_values",
    "_settings",
    "ballots_of",
    "clean_names",
    "delete_ballot",
    "election_outcome",
    "entry_progress",
    "follow_up",
    "import_ballots",
    "key_ballot",
    "new_election",
    "outcome_in",
    "record_ballot",
    "refuse_write_ins",
    "set_candidates",
    "set_scrutineers",
    "takes_write_ins",
]
