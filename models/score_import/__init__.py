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

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Connection, select

from models import audit
from models.contest_publish import scorable_contest
from models.contests import (
    ContestInfo,
    EntrantInfo,
    entrant_json,
    insert_entrant,
    list_entrants,
)
from models.errors import Refusal, refuse
from models.io import table_file
from models.io.score_file import (
    ENTRANTS,
    SCORES,
    EntrantRow,
    ScoreRow,
    parse_entrant_bytes,
    parse_score_bytes,
)
from models.rules.scoring import MEASURED, QUIZ, Stage
from models.scores import T_MARK, check_value, write_mark

ROW_PREFIX = "row."  # tui/i18n/cli_contests.py: "row.contest.X" = "第{line}行: " + contest.X


@dataclass(frozen=True)
class ScoreImportReport:
    contest: int
    title: str
    rows: int  # non-blank rows read
    added: int  # new marks
    corrected: int  # stored marks replaced (an explicit correction)
    unchanged: int  # the same mark was already stored
    blank: int  # rows with no score yet, skipped
    new_entrants: tuple[EntrantInfo, ...]  # registered from the file
    completed: tuple[EntrantInfo, ...]  # whose score this import completed
    file: str
    sha256: str

    @property
    def changed(self) -> bool:
        return bool(self.added or self.corrected or self.new_entrants)


@dataclass(frozen=True)
class EntrantImportReport:
    contest: int
    title: str
    rows: int
    added: tuple[EntrantInfo, ...]
    unchanged: int
    file: str
    sha256: str


def at_line(error: Refusal, line: int) -> Refusal:
    """A row's refusal as ``第N行: …``: the importers' own keys already say the line; a contest
    rule's key is shown through its ``row.`` twin."""
    key = error.key
    if not key.startswith((f"{SCORES}.err.", f"{ENTRANTS}.err.")):
        key = ROW_PREFIX + key
    return Refusal(key, {**error.params, "line": line})


def _invalid(area: str, errors: list[Refusal], rows: int) -> Refusal:
    errors = sorted(errors, key=lambda e: e.params.get("line", 0))
    lines = {e.params.get("line") for e in errors}
    return Refusal(f"{area}.invalid", {"count": len(lines), "rows": rows}, details=errors)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


# --- scores -------------------------------------------------------------------------------------


@dataclass
class _ScoreImport:
    """The state of one scores import while its rows are taken, inside the write transaction."""

    conn: Connection
    contest: ContestInfo
    correct: bool
    reason: str
    operator: str
    station: str
    file: str
    entrants: list[EntrantInfo] = field(default_factory=list)
    errors: list[Refusal] = field(default_factory=list)
    seen: dict[tuple, int] = field(default_factory=dict)
    new: list[EntrantInfo] = field(default_factory=list)
    completed: list[EntrantInfo] = field(default_factory=list)
    added: int = 0
    corrected: int = 0
    unchanged: int = 0
    blank: int = 0

    def take(self, row: ScoreRow) -> None:
        if row.problems:
            self.errors.extend(row.problems)
            return
        if not row.score:
            self.blank += 1  # a sheet filled in as the marks come: the rest follows later
            return
        try:
            self._mark(row)
        except Refusal as error:
            self.errors.append(at_line(error, row.line))

    def _mark(self, row: ScoreRow) -> None:
        entrant = self._entrant(row)
        stage = self._stage(entrant, row)
        judge = self._judge(stage, row)
        criterion = row.criterion
        key = (entrant.id, stage.name, judge, criterion)
        if key in self.seen:
            raise refuse("scores.err.duplicate_row", first=self.seen[key])
        self.seen[key] = row.line
        value = check_value(stage, criterion, row.score)  # the desk's rules, stored or not
        stored = self._stored(entrant, stage, judge, criterion)
        if stored is not None:
            if value == stored:
                self.unchanged += 1
                return
            if not self.correct:
                raise refuse(
                    "scores.err.differs",
                    judge=judge,
                    entrant=entrant.name,
                    stored=str(stored),
                    mark=str(value),
                )
        outcome = write_mark(
            self.conn,
            self.contest,
            entrant,
            judge,
            row.score,
            stage=stage.name,
            criterion=criterion,
            correct=stored is not None,
            reason=self.reason,
            operator=self.operator,
            station=self.station,
        )
        if stored is None:
            self.added += 1
        else:
            self.corrected += 1
        if outcome.completed:
            self.completed.append(entrant)

    # --- who, which stage, which judge

    def _entrant(self, row: ScoreRow) -> EntrantInfo:
        """By 序号 (column or a number in the 选手 column) or by name; a name the contest does
        not know yet is registered from the row."""
        by_number = {e.number: e for e in self.entrants}
        if row.number is not None:
            found = by_number.get(row.number)
            if found is None:
                if not row.entrant:
                    raise refuse("contest.no_such_entrant", ref=str(row.number))
                return self._register(row, row.number)
            if row.entrant and not _same(row.entrant, found.name):
                raise refuse(
                    "scores.err.number_name", number=row.number, name=found.name, given=row.entrant
                )
            self._check_fits(found, row)
            return found
        text = row.entrant
        if text.isascii() and text.isdigit():
            found = by_number.get(int(text))
            if found is None:
                raise refuse("contest.no_such_entrant", ref=text)
            self._check_fits(found, row)
            return found
        matches = [e for e in self.entrants if e.name == text and self._fits(e, row)]
        if len(matches) > 1:
            raise refuse("contest.ambiguous_entrant", name=text, count=len(matches))
        if matches:
            return matches[0]
        return self._register(row, None)

    def _fits(self, entrant: EntrantInfo, row: ScoreRow) -> bool:
        """The row's 组别 / 单位 / 项目, where given, are the entrant's."""
        if row.group and row.group != entrant.group:
            return False
        if row.unit and row.unit != entrant.unit:
            return False
        return not row.event or self.contest.event(row.event).id == entrant.event_id

    def _check_fits(self, entrant: EntrantInfo, row: ScoreRow) -> None:
        event = self.contest.event_by_id(entrant.event_id).name
        for label, given, known in (
            ("组别", row.group, entrant.group),
            ("单位", row.unit, entrant.unit),
            ("项目", row.event, event),
        ):
            if given and given != known:
                raise refuse(
                    "scores.err.mismatch",
                    entrant=entrant.label,
                    column=label,
                    given=given,
                    known=known or "—",
                )

    def _register(self, row: ScoreRow, number: int | None) -> EntrantInfo:
        entrant = insert_entrant(
            self.conn,
            self.contest,
            row.entrant,
            unit=row.unit,
            group=row.group,
            event=row.event or None,
            number=number,
        )
        audit.append(
            self.conn,
            "contest.entrants",
            {
                "contest": self.contest.number,
                "entrants": [entrant_json(entrant, self.contest)],
                "file": self.file,
            },
            congress_id=self.contest.congress_id,
            operator=self.operator,
            station=self.station,
        )
        self.entrants.append(entrant)
        self.new.append(entrant)
        return entrant

    def _stage(self, entrant: EntrantInfo, row: ScoreRow) -> Stage:
        event = self.contest.event_by_id(entrant.event_id)
        if row.stage or any(s.name == "" for s in event.stages):
            stage = event.stage(row.stage)
        elif len(event.stages) == 1:
            stage = event.stages[0]  # a lone named stage needs no 阶段 column
        else:
            names = "、".join(s.name for s in event.stages)
            raise refuse("scores.err.stage_needed", stages=names)
        if stage.kind == QUIZ:
            raise refuse("contest.quiz_has_no_marks")
        return stage

    def _judge(self, stage: Stage, row: ScoreRow) -> int:
        """The judge's number as stored: 0 for a single mark (an exam paper, a measurement)."""
        single = stage.single or stage.kind == MEASURED
        judge = row.judge
        if isinstance(judge, str):  # a name: compared without spaces (王 芳 is 王芳)
            names = ["".join(n.split()) for n in self.contest.judge_names]
            key = "".join(judge.split())
            if not key or key not in names:
                raise refuse(
                    "scores.err.unknown_judge_name", judge=judge, judges=self.contest.judges
                )
            judge = names.index(key) + 1
        if single:
            if judge not in (None, 0, 1):
                raise refuse("contest.single_mark", stage=stage.name or self.contest.title)
            return 0
        if judge is None:
            raise refuse("scores.err.no_judge")
        if not 1 <= judge <= self.contest.judges:
            raise refuse("contest.unknown_judge", judge=judge, judges=self.contest.judges)
        return judge

    def _stored(self, entrant: EntrantInfo, stage: Stage, judge: int, criterion: str):
        value = self.conn.execute(
            select(T_MARK.c.value).where(
                T_MARK.c.entrant_id == entrant.id,
                T_MARK.c.stage == stage.name,
                T_MARK.c.judge == judge,
                T_MARK.c.criterion == criterion,
            )
        ).scalar()
        return None if value is None else Decimal(value)


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
