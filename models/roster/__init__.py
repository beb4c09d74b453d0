"""The roster (名单): importing people and delegations into the current congress.

``huiwu roster import FILE`` is all or nothing: the file is read and every row checked first
(:mod:`models.io.roster_file`); only a file without a single bad row is written, in one
transaction, together with one ``roster.import`` audit event. A code already on the roster is
updated in place, so importing a corrected file again never duplicates anybody.

Built for big rosters: the congress's people are loaded in one query, then new people are
inserted and changed people updated in bulk (executemany); never a query per row.
"""

from models.roster.importing import (
    ImportPreview,
    ImportReport,
    import_roster,
    plan_digest,
    preview_roster_import,
)
from models.roster.people import (
    IN_CHUNK,
    MAX_INITIALS,
    SURNAME_INITIALS,
    RosterPerson,
    people_initials,
    roster_people,
)
from models.roster.planning import (
    PERSON_FIELDS,
    PeoplePlan,
    frozen_category_changes,
    lock_congress,
    same_name_conflicts,
)

__all__ = [
    "IN_CHUNK",
    "MAX_INITIALS",
    "PERSON_FIELDS",
    "SURNAME_INITIALS",
    "ImportPreview",
    "ImportReport",
    "PeoplePlan",
    "RosterPerson",
    "frozen_category_changes",
    "import_roster",
    "lock_congress",
    "people_initials",
    "plan_digest",
    "preview_roster_import",
    "roster_people",
    "same_name_conflicts",
]
