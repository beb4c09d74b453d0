"""Importing a contest's marks or entrants from a file, all or nothing.

Every row goes through the same checks as a mark typed at the desk (:func:`models.scores.
write_mark`) inside ONE write transaction; a row's refusal is collected with its line and the
next row is tried, so the organiser sees every bad row at once. Any problem raises one Refusal
(``scores.invalid`` / ``entrants.invalid``) whose details read ``第N行: …``, and the transaction
rolls back: nothing is written, not even the entrants the file would have registered.

Re-importing the same file changes nothing: a mark equal to the one stored is skipped. A mark
that differs from the stored one is refused unless the import is an explicit correction (with a
reason), which the audit log records mark by mark with the old value.
"""

from models.score_import.importing import import_entrants, import_scores
from models.score_import.rows import ROW_PREFIX, EntrantImportReport, ScoreImportReport, at_line

__all__ = [
    "ROW_PREFIX",
    "EntrantImportReport",
    "ScoreImportReport",
    "at_line",
    "import_entrants",
    "import_scores",
]
