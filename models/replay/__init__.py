"""The facts the audit log says should be in the tables, re-derived by replaying its events.

:func:`facts_from_tables` reads the same facts from an archive's table rows. When the two agree,
every result computed from the tables is a result computed from the log; when they do not, the
first difference names the row someone changed without the log knowing (or the reverse).
Both sides key the facts by what a person reads on paper (sitting, badge code, item number,
ballot number, contest and entrant number), never by database ids alone.
"""

from models.replay.events import HANDLERS, Replay, _people_logged, mismatches, replay
from models.replay.facts import (
    FAMILIES,
    Facts,
    Index,
    Mismatch,
    RollSeen,
    facts_from_tables,
    person_fact,
)

__all__ = [
    "FAMILIES",
    "HANDLERS",
    "Facts",
    "Index",
    "Mismatch",
    "Replay",
    "RollSeen",
    "_people_logged",
    "facts_from_tables",
    "mismatches",
    "person_fact",
    "replay",
]
