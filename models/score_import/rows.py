"""The import reports and the row-by-row checks of a scores file, each row as a mark typed at the
desk."""

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import Connection, select

from models import audit
from models.contests import ContestInfo, EntrantInfo, entrant_json, insert_entrant
from models.errors import Refusal, refuse
from models.io.score_file import ENTRANTS, SCORES, ScoreRow
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
