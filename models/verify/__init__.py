"""`huiwu verify`: a numbered self-check of a congress, from its database or from its archive.

Both sources become the same archive document first (:mod:`models.archive`), so the checks are
one code path. The checks, in order:

 1. the source: the archive's format and version (or the database it was read from);
 2. the archive's content digest (a hand edit that did not recompute it);
 3. the audit chain: every row's hash and link, and the head;
 4–7. replaying the log gives exactly the sittings, the roster, the check-ins and leaves, the
    counts and ballots, the contest marks, answers and speaking times and the proposal statuses
    that are in the tables
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

from models.verify.checks import (
    EXPORT_EVENT,
    FAMILY_CHECKS,
    Check,
    VerifyReport,
    check_ballot_numbers,
    check_chain_db,
    check_chain_events,
    check_family,
    check_rolls,
    check_sums,
)
from models.verify.verifying import (
    check_printed,
    check_tallies,
    first_difference,
    last_export,
    part_digests,
    recompute,
    scratch_database,
    verify_archive,
    verify_database,
)

__all__ = [
    "EXPORT_EVENT",
    "FAMILY_CHECKS",
    "Check",
    "VerifyReport",
    "check_ballot_numbers",
    "check_chain_db",
    "check_chain_events",
    "check_family",
    "check_printed",
    "check_rolls",
    "check_sums",
    "check_tallies",
    "first_difference",
    "last_export",
    "part_digests",
    "recompute",
    "scratch_database",
    "verify_archive",
    "verify_database",
]
