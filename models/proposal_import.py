"""Importing proposals from a file (``huiwu proposals import``), all or nothing.

Every row goes through the checks of a proposal taken at the desk (:func:`models.proposals.
check_draft`) and is numbered by :func:`models.proposals.insert_proposal`, inside ONE write
transaction under the congress lock, so the numbers stay gap-free whatever the desks do at the
same time. A row's refusal is collected with its line and the next row is tried, so the
committee sees every bad row at once; any problem raises one Refusal (``proposals.invalid``)
whose details read ``第N行: …`` and the transaction rolls back: nothing is numbered.

Re-importing the same file adds nothing: a row whose title and proposers (the same people, or
the same delegation) are those of a proposal already registered is counted as unchanged. One
``proposal.import`` audit event sums the file up (name, sha256, the labels it added) beside
the ``proposal.submit`` event of each proposal.
"""

import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, select

from models import audit
from models.badge_code import normalize_scan
from models.congress import T_DELEGATION, T_PERSON, CongressInfo, require_congress
from models.errors import Refusal
from models.io import table_file
from models.io.proposal_file import AREA, ProposalRow, missing_column, parse_proposal_bytes
from models.proposals import (
    PROPOSER,
    T_PP,
    T_PROPOSAL,
    Draft,
    ProposalSettings,
    check_draft,
    insert_proposal,
    label_of,
    load_settings,
)
from models.roster import lock_congress
from models.rules.proposals import DELEGATION

ROW_PREFIX = "row."  # tui/i18n/cli_proposals.py: "row.proposal.X" = "第{line}行: " + proposal.X
DELEGATION_WORD = "代表团"  # a lone proposer ending so is taken for a delegation's name

Key = tuple[str, tuple[str, frozenset[str]]]  # (title, ("delegation", {name}) | ("people", codes))


@dataclass(frozen=True)
class AddedProposal:
    number: int
    label: str
    title: str


@dataclass(frozen=True)
class ProposalImportReport:
    rows: int  # non-blank rows read
    added: tuple[AddedProposal, ...]
    unchanged: int  # already registered (the same title and proposers), skipped
    file: str
    sha256: str


def at_line(error: Refusal, line: int) -> Refusal:
    """A row's refusal as ``第N行: …``: the file's own keys already say the line; a proposal
    rule's key is shown through its ``row.`` twin."""
    key = error.key
    if not key.startswith(f"{AREA}.err."):
        key = ROW_PREFIX + key
    return Refusal(key, {**error.params, "line": line})


def _title(text: str) -> str:
    return " ".join((text or "").split())


def _key(title: str, delegation: str | None, codes) -> Key:
    if delegation:
        return _title(title), (DELEGATION, frozenset({delegation}))
    return _title(title), ("people", frozenset(codes))


def _registered(conn: Connection, congress_id: int) -> set[Key]:
    """The title and proposers of every proposal of the congress, whatever became of it."""
    rows = conn.execute(
        select(
            T_PROPOSAL.c.id,
            T_PROPOSAL.c.title,
            T_PROPOSAL.c.proposer_kind,
            T_DELEGATION.c.name,
        )
        .outerjoin(T_DELEGATION, T_DELEGATION.c.id == T_PROPOSAL.c.delegation_id)
        .where(T_PROPOSAL.c.congress_id == congress_id)
    ).all()
    codes: dict[int, set[str]] = {}
    people = conn.execute(
        select(T_PP.c.proposal_id, T_PERSON.c.code)
        .join(T_PERSON, T_PERSON.c.id == T_PP.c.person_id)
        .join(T_PROPOSAL, T_PROPOSAL.c.id == T_PP.c.proposal_id)
        .where(T_PROPOSAL.c.congress_id == congress_id, T_PP.c.role == PROPOSER)
    ).all()
    for proposal_id, code in people:
        codes.setdefault(proposal_id, set()).add(code)
    return {
        _key(r.title, r.name if r.proposer_kind == DELEGATION else None, codes.get(r.id, ()))
        for r in rows
    }


def _delegations(conn: Connection, congress_id: int) -> dict[str, str]:
    """A delegation's name as a file may write it (spaces and full-width forms aside) → its
    name as stored."""
    names = conn.execute(
        select(T_DELEGATION.c.name).where(T_DELEGATION.c.congress_id == congress_id)
    ).scalars()
    return {_loose(name): name for name in names}


def _loose(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


@dataclass
class _Import:
    """One import's state while its rows are taken, inside the write transaction."""

    conn: Connection
    congress: CongressInfo
    settings: ProposalSettings
    operator: str
    station: str
    known: set[Key] = field(default_factory=set)
    delegations: dict[str, str] = field(default_factory=dict)
    seen: dict[Key, int] = field(default_factory=dict)
    errors: list[Refusal] = field(default_factory=list)
    added: list[AddedProposal] = field(default_factory=list)
    unchanged: int = 0

    def take(self, row: ProposalRow) -> None:
        if row.problems:
            self.errors.extend(row.problems)
            return
        try:
            self._proposal(row)
        except Refusal as error:
            self.errors.append(at_line(error, row.line))

    def _draft(self, row: ProposalRow) -> Draft:
        delegation = self.delegations.get(_loose(row.proposer))
        if delegation is None and len(row.codes) == 1 and row.proposer.endswith(DELEGATION_WORD):
            delegation = row.proposer  # not on the roster: check_draft names it unknown
        return Draft(
            title=row.title,
            category=row.category,
            proposers=() if delegation else row.codes,
            seconders=row.seconders,
            delegation=delegation,
            reason=row.reason,
            suggestion=row.suggestion,
        )

    def _proposal(self, row: ProposalRow) -> None:
        draft = self._draft(row)
        key = _key(draft.title, draft.delegation, (normalize_scan(c) for c in draft.proposers))
        if key in self.seen:
            raise Refusal(f"{AREA}.err.duplicate_row", {"first": self.seen[key]})
        self.seen[key] = row.line
        if key in self.known:
            self.unchanged += 1  # a re-import: registered already, whatever its rules say now
            return
        checked = check_draft(self.conn, self.congress, self.settings, draft)
        cleaned = checked.draft
        key = _key(cleaned.title, cleaned.delegation, cleaned.proposers)
        if key in self.known:  # written differently (a badge's text for a code)
            self.unchanged += 1
            return
        proposal_id = insert_proposal(
            self.conn,
            self.congress,
            self.settings,
            checked,
            operator=self.operator,
            station=self.station,
            source="import",
        )
        self.known.add(key)
        number = self.conn.execute(
            select(T_PROPOSAL.c.number).where(T_PROPOSAL.c.id == proposal_id)
        ).scalar_one()
        self.added.append(AddedProposal(number, label_of(self.settings, number), cleaned.title))


def _invalid(errors: list[Refusal], rows: int) -> Refusal:
    errors = sorted(errors, key=lambda e: e.params.get("line", 0))
    lines = {e.params.get("line") for e in errors}
    return Refusal(f"{AREA}.invalid", {"count": len(lines), "rows": rows}, details=errors)


def import_proposals(
    db, path: str | Path, *, operator: str = "", station: str = ""
) -> ProposalImportReport:
    """Register a file of proposals all or nothing; a Refusal (nothing written) if any row is
    bad. Rows already registered (same title, same proposers) are skipped."""
    path = Path(path)
    data = table_file.read_bytes(path, AREA)
    parsed = parse_proposal_bytes(data, suffix=path.suffix)
    digest = hashlib.sha256(data).hexdigest()
    with db.write() as conn:
        congress = require_congress(conn)
        lock_congress(conn, congress.id)
        settings = load_settings(conn, congress)
        if "seconders" not in parsed.columns and settings.min_seconders > 0:
            raise missing_column("seconders", parsed.header)
        state = _Import(conn, congress, settings, operator, station)
        state.known = _registered(conn, congress.id)
        state.delegations = _delegations(conn, congress.id)
        for row in parsed.rows:
            state.take(row)
        if state.errors:
            raise _invalid(state.errors, len(parsed.rows))
        report = ProposalImportReport(
            rows=len(parsed.rows),
            added=tuple(state.added),
            unchanged=state.unchanged,
            file=path.name,
            sha256=digest,
        )
        if report.added:
            audit.append(
                conn,
                "proposal.import",
                {
                    "file": path.name,
                    "sha256": digest,
                    "rows": report.rows,
                    "added": [p.label for p in report.added],
                    "unchanged": report.unchanged,
                },
                congress_id=congress.id,
                operator=operator,
                station=station,
            )
        return report
