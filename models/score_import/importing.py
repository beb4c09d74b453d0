"""Importing a scores file or an entrants file: all or nothing, every bad row reported with its
line."""

import hashlib
from pathlib import Path

from models import audit
from models.contest_publish import scorable_contest
from models.contests import ContestInfo, EntrantInfo, entrant_json, insert_entrant, list_entrants
from models.errors import Refusal, refuse
from models.io import table_file
from models.io.score_file import (
    ENTRANTS,
    SCORES,
    EntrantRow,
    parse_entrant_bytes,
    parse_score_bytes,
)
from models.score_import.rows import (
    EntrantImportReport,
    ScoreImportReport,
    _invalid,
    _ScoreImport,
    at_line,
)


def import_scores(
    db,
    contest_ref,
    path: str | Path,
    *,
    correct: bool = False,
    reason: str = "",
    operator: str = "",
    station: str = "",
) -> ScoreImportReport:
    """Import a long-format scores file into a contest; a Refusal (nothing written) if any row is
    bad. ``correct=True`` with a ``reason`` replaces stored marks that the file changes."""
    path = Path(path)
    reason = " ".join(str(reason or "").split())
    if correct and not reason:
        raise refuse("contest.correction_needs_reason")
    data = table_file.read_bytes(path, SCORES)
    rows = parse_score_bytes(data, suffix=path.suffix)
    digest = hashlib.sha256(data).hexdigest()
    with db.write() as conn:
        contest = scorable_contest(conn, contest_ref)
        state = _ScoreImport(conn, contest, correct, reason, operator, station, path.name)
        state.entrants = list_entrants(conn, contest)
        for row in rows:
            state.take(row)
        if state.errors:
            raise _invalid(SCORES, state.errors, len(rows))
        report = ScoreImportReport(
            contest=contest.number,
            title=contest.title,
            rows=len(rows),
            added=state.added,
            corrected=state.corrected,
            unchanged=state.unchanged,
            blank=state.blank,
            new_entrants=tuple(state.new),
            completed=tuple(state.completed),
            file=path.name,
            sha256=digest,
        )
        if report.changed:
            audit.append(
                conn,
                "scores.import",
                {
                    "contest": contest.number,
                    "file": path.name,
                    "sha256": digest,
                    "rows": report.rows,
                    "added": report.added,
                    "corrected": report.corrected,
                    "unchanged": report.unchanged,
                    "blank": report.blank,
                    "new_entrants": [e.number for e in report.new_entrants],
                    "reason": reason if report.corrected else "",
                },
                congress_id=contest.congress_id,
                operator=operator,
                station=station,
            )
        return report


# --- entrants -----------------------------------------------------------------------------------


def _registered(contest: ContestInfo, known: list[EntrantInfo], row: EntrantRow):
    """The entrant this row describes when it is registered exactly so already (a re-import),
    else None. A 序号 that belongs to somebody else is refused here, with their name."""
    event_id = contest.event(row.event or None).id

    def same(e: EntrantInfo) -> bool:
        return (
            e.name == row.name
            and e.unit == row.unit
            and e.group == row.group
            and e.event_id == event_id
            and e.team == row.team
            and tuple(e.members) == tuple(row.members)
        )

    if row.number is not None:
        holder = next((e for e in known if e.number == row.number), None)
        if holder is None:
            return None
        if same(holder):
            return holder
        raise refuse("entrants.err.number_taken", number=row.number, name=holder.name)
    return next((e for e in known if same(e)), None)


def import_entrants(
    db, contest_ref, path: str | Path, *, operator: str = "", station: str = ""
) -> EntrantImportReport:
    """Register a file of entrants all or nothing; rows already registered exactly are skipped."""
    path = Path(path)
    data = table_file.read_bytes(path, ENTRANTS)
    rows = parse_entrant_bytes(data, suffix=path.suffix)
    digest = hashlib.sha256(data).hexdigest()
    with db.write() as conn:
        contest = scorable_contest(conn, contest_ref)
        known = list_entrants(conn, contest)
        added: list[EntrantInfo] = []
        unchanged = 0
        errors: list[Refusal] = []
        for row in rows:
            if row.problems:
                errors.extend(row.problems)
                continue
            try:
                if _registered(contest, known, row) is not None:
                    unchanged += 1
                    continue
                entrant = insert_entrant(conn, contest, **row.values())
            except Refusal as error:
                errors.append(at_line(error, row.line))
                continue
            known.append(entrant)
            added.append(entrant)
        if errors:
            raise _invalid(ENTRANTS, errors, len(rows))
        if added:
            audit.append(
                conn,
                "contest.entrants",
                {
                    "contest": contest.number,
                    "entrants": [entrant_json(e, contest) for e in added],
                    "file": path.name,
                    "sha256": digest,
                },
                congress_id=contest.congress_id,
                operator=operator,
                station=station,
            )
        return EntrantImportReport(
            contest.number, contest.title, len(rows), tuple(added), unchanged, path.name, digest
        )
