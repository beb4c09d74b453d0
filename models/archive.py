"""The JSON archive of a whole congress: everything needed to re-verify it on another machine.

One document (format ``huiwu-archive``, version :data:`VERSION`, described in docs/archive.md):

- ``tables``: every row of the congress's tables, column by column, as stored (the badge secret
  left out), so the results can be recomputed with the same rules;
- ``events``: the hash-chained audit log. Events of other congresses in the same database are
  kept as their id and hashes only, so the chain still links without showing their content;
- ``results``: the figures this package printed (attendance per sitting, every vote item's
  result, contest standings, proposal statistics), for :mod:`models.verify` to compare against;
- ``content_sha256``: SHA-256 over the canonical JSON of everything else — a hand edit that
  does not recompute it is caught before anything else is read.

The archive is built inside one read transaction, so its tables, events and results describe
the same moment.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, select

from models.audit import T_EVENT, canonical
from models.clock import now_iso
from models.congress import require_congress
from models.errors import refuse
from models.io.private_files import write_privately

FORMAT = "huiwu-archive"
VERSION = 1
DIGEST_KEY = "content_sha256"
SECTIONS = ("format", "version", "created_at", "as_of", "congress", "head", "tables", "events")

# (table, column that ties a row to the congress, the table that column points into).
# ``None`` as the parent means the column holds the congress id itself. Parents come first.
SCOPES: tuple[tuple[str, str, str | None], ...] = (
    ("congress", "id", None),
    ("delegation", "congress_id", None),
    ("person", "congress_id", None),
    ("sitting", "congress_id", None),
    ("checkin", "sitting_id", "sitting"),
    ("leave", "sitting_id", "sitting"),
    ("hall_move", "sitting_id", "sitting"),
    ("failed_scan", "congress_id", None),
    ("congress_setting", "congress_id", None),
    ("roll", "congress_id", None),
    ("roll_member", "roll_id", "roll"),
    ("vote_item", "congress_id", None),
    ("nominee", "item_id", "vote_item"),
    ("scrutineer", "item_id", "vote_item"),
    ("motion_count", "item_id", "vote_item"),
    ("motion_ballot", "item_id", "vote_item"),
    ("election_ballot", "item_id", "vote_item"),
    ("appraisal_sheets", "item_id", "vote_item"),
    ("appraisal_marks", "item_id", "vote_item"),
    ("contest", "congress_id", None),
    ("contest_event", "contest_id", "contest"),
    ("contest_entrant", "contest_id", "contest"),
    ("contest_mark", "entrant_id", "contest_entrant"),
    ("quiz_answer", "entrant_id", "contest_entrant"),
    ("contest_match", "contest_id", "contest"),
    ("match_lot", "event_id", "contest_event"),
    ("meet", "congress_id", None),
    ("meet_event", "meet_id", "meet"),
    ("meet_record", "meet_id", "meet"),
    ("contest_timing", "entrant_id", "contest_entrant"),
    ("proposal_config", "congress_id", None),
    ("proposal", "congress_id", None),
    ("proposal_person", "proposal_id", "proposal"),
    ("proposal_log", "proposal_id", "proposal"),
    ("paper_page", "congress_id", None),
    ("offline_scan", "congress_id", None),
)
TABLE_NAMES = tuple(name for name, _, _ in SCOPES)
# Tables added after archive version 1 was fixed: an older archive has none of their rows.
LATER_TABLES = ("paper_page", "hall_move", "offline_scan", "contest_match", "meet", "meet_event")
LATER_TABLES += ("meet_record", "match_lot", "contest_timing")
# Never leaves the database: whoever holds it can print valid badges.
SECRET_COLUMNS = {"congress": ("secret",)}
# Tables kept out of SCOPES on purpose: the badge secrets a rotation retired (models.badge_keys)
# still sign badges that a desk running an older copy of the database would accept.
NEVER_ARCHIVED = ("retired_badge_secret",)


def _metadata():
    from models.schema import metadata

    return metadata


def _order_column(table):
    return next(iter(table.primary_key.columns))


def dump_tables(conn: Connection, congress_id: int) -> dict[str, list[dict]]:
    """Every row of the congress's tables, in primary-key order, secrets left out."""
    tables = _metadata().tables
    ids: dict[str, list] = {}
    out: dict[str, list[dict]] = {}
    for name, column, parent in SCOPES:
        table = tables[name]
        if parent is None:
            where = table.c[column] == congress_id
        else:
            where = table.c[column].in_(ids[parent]) if ids[parent] else None
        if where is None:
            rows = []
        else:
            hidden = SECRET_COLUMNS.get(name, ())
            columns = [c for c in table.columns if c.name not in hidden]
            query = select(*columns).where(where).order_by(_order_column(table))
            rows = [dict(r._mapping) for r in conn.execute(query)]
        out[name] = rows
        if "id" in table.c:
            ids[name] = [r["id"] for r in rows]
    return out


def dump_events(conn: Connection, congress_id: int) -> list[dict]:
    """The whole chain; other congresses' events by id and hashes only."""
    out = []
    for row in conn.execution_options(yield_per=5000).execute(
        select(T_EVENT).order_by(T_EVENT.c.id)
    ):
        if row.congress_id not in (None, congress_id):
            out.append(
                {"id": row.id, "prev_hash": row.prev_hash, "hash": row.hash, "foreign": True}
            )
            continue
        out.append(
            {
                "id": row.id,
                "at": row.at,
                "kind": row.kind,
                "congress_id": row.congress_id,
                "station": row.station,
                "operator": row.operator,
                "payload": row.payload,
                "prev_hash": row.prev_hash,
                "hash": row.hash,
            }
        )
    return out


def content_digest(document: dict) -> str:
    body = {k: v for k, v in document.items() if k != DIGEST_KEY}
    return hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()


def results_digest(results: dict) -> str:
    return hashlib.sha256(canonical(results).encode("utf-8")).hexdigest()


def build_archive(conn: Connection, results: dict, *, as_of: date | None = None) -> dict:
    """The archive document of the current congress, read on ``conn`` (one transaction)."""
    congress = require_congress(conn)
    events = dump_events(conn, congress.id)
    tables = dump_tables(conn, congress.id)
    head = events[-1] if events else {"id": 0, "hash": "0" * 64}
    document = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": now_iso(),
        "as_of": (as_of or date.today()).isoformat(),
        "congress": {
            "uid": congress.uid,
            "name": congress.name,
            "kind": congress.kind,
            "term": congress.term,
            "session": congress.session,
            "sittings": [s["name"] for s in tables["sitting"]],
        },
        "head": {"id": head["id"], "hash": head["hash"]},
        "tables": tables,
        "events": events,
        "results": results,
    }
    document[DIGEST_KEY] = content_digest(document)
    return document


def write_archive(document: dict, path: str | Path) -> Path:
    path = Path(path)
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False)
    write_privately(path, lambda temp: temp.write_text(text + "\n", encoding="utf-8"))
    return path


# --- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedArchive:
    path: Path
    document: dict
    size: int


def _json_error(error: json.JSONDecodeError, text: str):
    if not text.strip():
        return refuse("archive.empty")
    # the archive is one object: text that does not close it stopped early (cut off, or a
    # copy that did not finish), wherever the parser noticed
    if text.lstrip().startswith("{") and not text.rstrip().endswith("}"):
        return refuse("archive.truncated", size=len(text.encode("utf-8")))
    return refuse("archive.not_json", line=error.lineno, column=error.colno, reason=error.msg)


def load_archive(path: str | Path) -> LoadedArchive:
    """Read and shape-check an archive; a Refusal that says exactly what is wrong, otherwise.

    The content digest is *not* checked here: verify reports it as its own numbered check, so a
    hand-edited archive still shows what else differs."""
    path = Path(path)
    if not path.is_file():
        raise refuse("archive.missing", path=str(path))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refuse("archive.not_utf8", offset=error.start) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _json_error(error, text) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise refuse("archive.not_archive")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refuse("archive.bad_version", version=str(version))
    if version > VERSION:
        raise refuse("archive.newer", version=version, supported=VERSION)
    check_shape(document)
    return LoadedArchive(path, document, len(raw))


def check_shape(document: dict) -> None:
    """Every section present with the right type; every table a list of objects."""
    for key in (*SECTIONS, "results", DIGEST_KEY):
        if key not in document:
            raise refuse("archive.missing_section", section=key)
    if not isinstance(document["tables"], dict):
        raise refuse("archive.bad_section", section="tables")
    for name in LATER_TABLES:
        document["tables"].setdefault(name, [])
    for name in TABLE_NAMES:
        rows = document["tables"].get(name)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise refuse("archive.bad_table", table=name)
    if not isinstance(document["events"], list) or not all(
        isinstance(e, dict) for e in document["events"]
    ):
        raise refuse("archive.bad_section", section="events")
    if not isinstance(document["results"], dict):
        raise refuse("archive.bad_section", section="results")
    if len(document["tables"]["congress"]) != 1:
        raise refuse("archive.bad_table", table="congress")


# --- the figures a package prints ---------------------------------------------------------------


def attendance_json(sitting: str, figures) -> dict:
    return {
        "sitting": sitting,
        "due": figures.due,
        "present": figures.present,
        "leave": figures.leave,
        "absent": figures.absent,
        "nonvoting_present": figures.nonvoting_present,
        "required": figures.required,
        "quorum_met": figures.quorum_met,
    }


def contest_json(table) -> dict:
    from models.scores import standing_json

    contest = table.contest
    return {
        "number": contest.number,
        "title": contest.title,
        "groups": [
            {
                "event": group.event.name,
                "group": group.group,
                "rows": [standing_json(row, contest) for row in group.rows],
            }
            for group in table.groups
        ],
        "teams": [
            {"rank": team.rank, "team": team.team, "score": team.shown} for team in table.teams
        ],
    }


def results_from(attendance, outcomes, standings, proposal_stats) -> dict:
    """The printed figures as JSON, from what has already been computed: ``attendance`` is
    (sitting name, Attendance) pairs, ``outcomes`` the vote items' outcomes, ``standings`` each
    contest's Standings."""
    from models.proposals import stats_json
    from models.results import outcome_json

    return {
        "attendance": [attendance_json(name, figures) for name, figures in attendance],
        "items": [outcome_json(outcome) for outcome in outcomes],
        "contests": [contest_json(table) for table in standings],
        "proposals": stats_json(proposal_stats),
    }


def results_in(conn: Connection, *, as_of: date | None = None) -> dict:
    """Every figure the package prints, computed by the services from the tables on ``conn``
    (the readers the minutes package uses, without its roster and proposal details)."""
    from models.attendance import attendance_in
    from models.io.minutes_data import contest_standings, item_outcomes, sittings_of
    from models.proposals import proposal_stats_in

    congress = require_congress(conn)
    attendance = [
        (sitting.name, attendance_in(conn, congress, sitting))
        for sitting in sittings_of(conn, congress)
    ]
    standings = contest_standings(conn, congress)
    results = results_from(
        attendance,
        item_outcomes(conn, congress),
        standings,
        proposal_stats_in(conn, today=as_of),
    )
    add_match_results(conn, results, standings)
    return results


def add_match_results(conn: Connection, results: dict, standings) -> None:
    """Match events and meets join the figures only where a congress has them (an archive from
    before them recomputes to the very same figures)."""
    from models.matches.results_json import match_results, meets_json

    for entry, table in zip(results["contests"], standings, strict=True):
        found = match_results(conn, table.contest)
        if found:
            entry["matches"] = found
    meets = meets_json(conn)
    if meets:
        results["meets"] = meets
