"""Contest tables, the plain objects the contest services return, and their JSON forms."""

import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.contests.match_format import HEATS, MatchFormat
from models.errors import refuse
from models.rules.ranking import UNROUNDED, AwardTier, awards_spec
from models.rules.scoring import (
    HIGHER,
    MEAN,
    MEASURED,
    PANEL,
    SUM,
    Criterion,
    QuizRules,
    Stage,
    plain,
)
from models.rules.speaking import ClockRules

TEAM_SCORES = (SUM, MEAN)
BREAKER_ALIASES = {"未修约分": UNROUNDED, "未修约": UNROUNDED, "unrounded": UNROUNDED}


class Contest(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("congress_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    number: int
    title: str = Field(max_length=200)
    judges: int
    trim: int
    decimals: int
    max_mark: str = Field(max_length=20)
    awards: str = Field(default="", max_length=400)  # "一等奖:1,二等奖:3" or "一等奖:10%"
    tie_breakers: str = Field(default="[]", max_length=400)  # JSON list, in order
    team_score: str = Field(default=SUM, max_length=8)
    judge_names: str = Field(default="[]", max_length=2000)  # JSON list; "" = 评委N
    on_stage: int | None = Field(default=None)  # the entrant the hall is looking at
    created_at: str = Field(max_length=40)


class ContestEvent(SQLModel, table=True):
    """A 项目 of a contest with its scheme: its stages (weights, criteria, measured units) or a quiz."""

    __tablename__ = "contest_event"
    __table_args__ = (UniqueConstraint("contest_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    contest_id: int = Field(foreign_key="contest.id", index=True)
    position: int
    name: str = Field(max_length=100)
    stages: str  # JSON list of stages
    quiz: str | None = None  # JSON QuizRules when the event is a quiz
    matches: str | None = None  # JSON MatchFormat when sides play matches (models.matches)
    clock: str | None = None  # JSON ClockRules when speeches are timed (models.rules.speaking)


class Entrant(SQLModel, table=True):
    """An individual, or a team (members listed); individuals may belong to a team whose score is
    the sum or mean of theirs."""

    __tablename__ = "contest_entrant"
    __table_args__ = (UniqueConstraint("contest_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    contest_id: int = Field(foreign_key="contest.id", index=True)
    event_id: int = Field(foreign_key="contest_event.id", index=True)
    number: int  # 出场序号, per contest
    name: str = Field(max_length=100)
    unit: str = Field(default="", max_length=100)  # 单位 / 部门 / 班组
    group_name: str = Field(default="", max_length=50)  # 男子组 / 女子组
    team: str = Field(default="", max_length=100)
    members: str = Field(default="[]", max_length=2000)  # JSON list of names (team entrants)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    seed: int | None = None  # 种子序号 in a knockout draw


MEMBERS_MAX_CHARS = 2000  # the members column: a JSON list of names

T_CONTEST = Contest.__table__
T_EVENT = ContestEvent.__table__
T_ENTRANT = Entrant.__table__


# --- plain objects -------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventInfo:
    id: int
    name: str
    position: int
    stages: tuple[Stage, ...]
    quiz: QuizRules | None
    matches: MatchFormat | None = None
    clock: ClockRules | None = None  # the speaking clock (演讲比赛 计时), if the event has one

    @property
    def is_match(self) -> bool:
        """Sides play matches (单循环, 淘汰赛); heats are a measured event split into heats."""
        return self.matches is not None and self.matches.format != HEATS

    @property
    def is_heats(self) -> bool:
        return self.matches is not None and self.matches.format == HEATS

    @property
    def is_quiz(self) -> bool:
        return self.quiz is not None

    @property
    def counted(self) -> tuple[Stage, ...]:
        return tuple(s for s in self.stages if s.weight > 0)

    @property
    def better(self) -> str:
        """Which way the event's total ranks: lower only for a lone lower-better measurement."""
        counted = self.counted
        if len(counted) == 1 and counted[0].kind == MEASURED:
            return counted[0].better
        return HIGHER

    def stage(self, name: str) -> Stage:
        for stage in self.stages:
            if stage.name == name:
                return stage
        raise refuse("contest.no_such_stage", stage=name, event=self.name)


@dataclass(frozen=True)
class ContestInfo:
    id: int
    congress_id: int
    number: int
    title: str
    judges: int
    trim: int
    decimals: int
    maximum: Decimal
    awards: tuple[AwardTier, ...]
    tie_breakers: tuple[str, ...]
    team_score: str
    judge_names: tuple[str, ...]
    on_stage: int | None
    events: tuple[EventInfo, ...]

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def awards_spec(self) -> str:
        return awards_spec(self.awards)

    def judge_name(self, judge: int) -> str:
        if 1 <= judge <= len(self.judge_names) and self.judge_names[judge - 1]:
            return self.judge_names[judge - 1]
        return ""

    def event(self, ref: str | int | None) -> EventInfo:
        if ref is None or str(ref).strip() == "":
            return self.events[0]
        for event in self.events:
            if event.name == str(ref).strip() or str(event.id) == str(ref):
                return event
        raise refuse("contest.no_such_event", event=str(ref))

    def event_by_id(self, event_id: int) -> EventInfo:
        return next(e for e in self.events if e.id == event_id)


@dataclass(frozen=True)
class EntrantInfo:
    id: int
    contest_id: int
    event_id: int
    number: int
    name: str
    unit: str
    group: str
    team: str
    members: tuple[str, ...]
    seed: int | None = None

    @property
    def label(self) -> str:
        return f"{self.number}. {self.name}"


@dataclass(frozen=True)
class ContestSummary:
    number: int
    title: str
    entrants: int


# --- stages as JSON ------------------------------------------------------------------------------


def stage_json(stage: Stage) -> dict:
    return {
        "name": stage.name,
        "weight": plain(stage.weight),
        "kind": stage.kind,
        "max": plain(stage.maximum),
        "criteria": [[c.name, plain(c.maximum)] for c in stage.criteria],
        "unit": stage.unit,
        "better": stage.better,
        "single": stage.single,
    }


def stage_from_json(data: dict) -> Stage:
    return Stage(
        name=data["name"],
        weight=Decimal(data["weight"]),
        kind=data.get("kind", PANEL),
        maximum=Decimal(data.get("max", "100")),
        criteria=tuple(Criterion(n, Decimal(m)) for n, m in data.get("criteria", [])),
        unit=data.get("unit", ""),
        better=data.get("better", HIGHER),
        single=bool(data.get("single", False)),
    )


def quiz_json(rules: QuizRules) -> dict:
    data = {
        "start": rules.start,
        "compulsory_right": rules.compulsory_right,
        "compulsory_wrong": rules.compulsory_wrong,
        "buzzer_right": rules.buzzer_right,
        "buzzer_wrong": rules.buzzer_wrong,
        "stakes": list(rules.stakes),
    }
    # the buzzer's settings only when set: a quiz made before them reads back the same
    if rules.foul is not None:
        data["foul"] = rules.foul
    if rules.keys:
        data["keys"] = [list(pair) for pair in rules.keys]
    return data


def quiz_from_json(text: str | None) -> QuizRules | None:
    if not text:
        return None
    data = json.loads(text)
    data["stakes"] = tuple(data.get("stakes", ()))
    data["keys"] = tuple(tuple(pair) for pair in data.get("keys", ()))
    return QuizRules(**data)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
