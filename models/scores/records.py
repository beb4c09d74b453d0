"""Score tables and the plain objects the scoring services return (cards, standings, outcomes)."""

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.contests import ContestInfo, EntrantInfo, EventInfo
from models.rules.scoring import QUIZ, PanelScore, Stage, shown, unrounded
from models.rules.speaking import TimeVerdict
from models.scores.clock_records import TimeInfo


class ContestMark(SQLModel, table=True):
    """One judge's mark (or one criterion of it) for one entrant in one stage. Judge 0 holds a
    single mark: an exam paper or a measured result."""

    __tablename__ = "contest_mark"
    __table_args__ = (UniqueConstraint("entrant_id", "stage", "judge", "criterion"),)
    id: int | None = Field(default=None, primary_key=True)
    entrant_id: int = Field(foreign_key="contest_entrant.id", index=True)
    stage: str = Field(default="", max_length=50)
    judge: int
    criterion: str = Field(default="", max_length=50)
    value: str = Field(max_length=32)  # exact Decimal text
    at: str = Field(max_length=40)


class QuizAnswer(SQLModel, table=True):
    """One question's points for one team: the log a quiz is scored from, corrected in place
    (the audit log keeps what it said before)."""

    __tablename__ = "quiz_answer"
    __table_args__ = (UniqueConstraint("event_id", "question", "entrant_id"),)
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="contest_event.id", index=True)
    entrant_id: int = Field(foreign_key="contest_entrant.id", index=True)
    question: int  # 题号 in the event
    kind: str = Field(max_length=16)  # compulsory | buzzer | risk
    stake: int | None = None
    right: bool
    points: int
    void: bool = False
    at: str = Field(max_length=40)


T_MARK = ContestMark.__table__
T_ANSWER = QuizAnswer.__table__


# --- plain objects -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerInfo:
    id: int
    question: int
    entrant_id: int
    kind: str
    stake: int | None
    right: bool
    points: int
    void: bool


@dataclass(frozen=True)
class StageCard:
    stage: Stage
    judges: int  # marks due (1 for a single mark)
    marks: tuple[Decimal | None, ...]  # per judge; None = not yet (criteria: until all are in)
    criteria: tuple[dict[str, Decimal], ...]  # per judge, the criteria marks so far
    panel: PanelScore | None
    answers: tuple[AnswerInfo, ...]
    score: Fraction | None  # exact; None while incomplete
    start: int = 0  # a quiz's starting points

    @property
    def marks_in(self) -> int:
        return sum(m is not None for m in self.marks)

    @property
    def complete(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class ScoreCard:
    entrant: EntrantInfo
    event: EventInfo
    stages: tuple[StageCard, ...]
    total: Fraction | None  # exact; None while any counted stage is incomplete
    decimals: int
    # the speaking clock (events with one): the time, what it costs, the score before it
    timing: TimeInfo | None = None
    verdict: TimeVerdict | None = None
    before_time: Fraction | None = None

    @property
    def complete(self) -> bool:
        return self.total is not None

    @property
    def deduction(self) -> Decimal:
        return self.verdict.deduction if self.verdict else Decimal(0)

    @property
    def shown(self) -> str | None:
        return shown(self.total, self.decimals)

    @property
    def unrounded(self) -> Decimal | None:
        return None if self.total is None else unrounded(self.total)

    @property
    def marks_in(self) -> int:
        return sum(s.marks_in for s in self.stages if s.stage.kind != QUIZ)

    @property
    def marks_due(self) -> int:
        return sum(s.judges for s in self.stages if s.stage.kind != QUIZ)

    def stage_card(self, name: str) -> StageCard:
        return next(s for s in self.stages if s.stage.name == name)


@dataclass(frozen=True)
class StandingRow:
    entrant: EntrantInfo
    card: ScoreCard
    rank: int | None
    award: str | None
    flag: str | None
    decided_by: str | None

    @property
    def score(self) -> str | None:
        return self.card.shown


@dataclass(frozen=True)
class RankingGroup:
    event: EventInfo
    group: str
    rows: tuple[StandingRow, ...]

    @property
    def flagged(self) -> bool:
        return any(r.flag for r in self.rows)

    @property
    def complete(self) -> bool:
        """Every entrant has every mark: until then ranks and awards are provisional."""
        return all(r.card.complete for r in self.rows)


@dataclass(frozen=True)
class TeamRow:
    team: str
    unit: str
    members: tuple[str, ...]
    score: Fraction | None
    shown: str | None
    rank: int | None
    complete: bool


@dataclass(frozen=True)
class Standings:
    contest: ContestInfo
    groups: tuple[RankingGroup, ...]
    teams: tuple[TeamRow, ...] = ()
    version: int = 0

    @property
    def rows(self) -> list[StandingRow]:
        return [row for group in self.groups for row in group.rows]

    def row_of(self, entrant_id: int) -> StandingRow | None:
        return next((r for r in self.rows if r.entrant.id == entrant_id), None)

    def of_event(self, event: EventInfo) -> "Standings":
        """Only one event's groups (the team standings stay the contest's)."""
        groups = tuple(g for g in self.groups if g.event.id == event.id)
        return replace(self, groups=groups)


@dataclass(frozen=True)
class MarkOutcome:
    card: ScoreCard
    judge: int
    value: Decimal
    previous: Decimal | None
    completed: bool  # this mark was the last one the entrant needed
