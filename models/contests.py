"""Contests (技能大赛, 演讲比赛, 知识竞赛, 劳动竞赛): the contest, its events (项目) with their scoring
scheme, the entrants and the judges panel. Marks, quiz answers and standings are in
``models.scores``.

A contest is numbered per congress (竞赛 1, 2 …) and addressed by number or title; an entrant by
its number (出场序号) or its name.
"""

import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, UniqueConstraint, func, insert, select, update
from sqlmodel import Field, SQLModel

from models import audit
from models.clock import now_iso
from models.congress import require_congress
from models.errors import refuse
from models.numerals import row_number
from models.roster import lock_congress
from models.rules.ranking import UNROUNDED, AwardTier, awards_spec, parse_awards
from models.rules.scoring import (
    HIGHER,
    LOWER,
    MAX_DECIMALS,
    MEAN,
    MEASURED,
    PANEL,
    QUIZ,
    SUM,
    Criterion,
    QuizRules,
    Stage,
    parse_decimal,
    plain,
    stage_problems,
    trim_problems,
)

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
    return {
        "start": rules.start,
        "compulsory_right": rules.compulsory_right,
        "compulsory_wrong": rules.compulsory_wrong,
        "buzzer_right": rules.buzzer_right,
        "buzzer_wrong": rules.buzzer_wrong,
        "stakes": list(rules.stakes),
    }


def quiz_from_json(text: str | None) -> QuizRules | None:
    if not text:
        return None
    data = json.loads(text)
    data["stakes"] = tuple(data.get("stakes", ()))
    return QuizRules(**data)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# --- loading -------------------------------------------------------------------------------------


def _event_info(row) -> EventInfo:
    stages = tuple(stage_from_json(s) for s in json.loads(row.stages))
    return EventInfo(row.id, row.name, row.position, stages, quiz_from_json(row.quiz))


def contest_info(conn: Connection, row) -> ContestInfo:
    events = conn.execute(
        select(T_EVENT).where(T_EVENT.c.contest_id == row.id).order_by(T_EVENT.c.position)
    ).all()
    return ContestInfo(
        id=row.id,
        congress_id=row.congress_id,
        number=row.number,
        title=row.title,
        judges=row.judges,
        trim=row.trim,
        decimals=row.decimals,
        maximum=Decimal(row.max_mark),
        awards=parse_awards(row.awards),
        tie_breakers=tuple(json.loads(row.tie_breakers)),
        team_score=row.team_score,
        judge_names=tuple(json.loads(row.judge_names)),
        on_stage=row.on_stage,
        events=tuple(_event_info(e) for e in events),
    )


def load_contest(conn: Connection, ref) -> ContestInfo:
    congress = require_congress(conn)
    text = " ".join(str(ref if ref is not None else "").split())
    query = select(T_CONTEST).where(T_CONTEST.c.congress_id == congress.id)
    row = None
    if (number := row_number(text)) is not None:
        row = conn.execute(query.where(T_CONTEST.c.number == number)).first()
    if row is None and text:
        row = conn.execute(query.where(T_CONTEST.c.title == text)).first()
    if row is None:
        raise refuse("contest.no_such_contest", ref=text)
    return contest_info(conn, row)


def lock_contest(conn: Connection, contest: ContestInfo) -> None:
    """On PostgreSQL, two desks changing one contest queue up, so a check-then-write (is there a
    mark from this judge already?) cannot race (SQLite's BEGIN IMMEDIATE already serialises)."""
    if conn.dialect.name != "sqlite":
        conn.execute(select(T_CONTEST.c.id).where(T_CONTEST.c.id == contest.id).with_for_update())


def writable_contest(conn: Connection, ref) -> ContestInfo:
    """The contest, locked for this write transaction."""
    contest = load_contest(conn, ref)
    lock_contest(conn, contest)
    return contest


def _scorable(conn: Connection, ref) -> ContestInfo:
    """Locked for this write and refused once its standings are published (models.contest_publish
    imports this module, hence the import here)."""
    from models.contest_publish import scorable_contest

    return scorable_contest(conn, ref)


def get_contest(db, ref) -> ContestInfo:
    with db.read() as conn:
        return load_contest(conn, ref)


def list_contests(db) -> list[ContestSummary]:
    with db.read() as conn:
        congress = require_congress(conn)
        entrants = (
            select(func.count())
            .where(T_ENTRANT.c.contest_id == T_CONTEST.c.id)
            .correlate(T_CONTEST)
            .scalar_subquery()
        )
        rows = conn.execute(
            select(T_CONTEST.c.number, T_CONTEST.c.title, entrants.label("entrants"))
            .where(T_CONTEST.c.congress_id == congress.id)
            .order_by(T_CONTEST.c.number)
        ).all()
    return [ContestSummary(r.number, r.title, r.entrants) for r in rows]


def entrant_info(row) -> EntrantInfo:
    return EntrantInfo(
        row.id,
        row.contest_id,
        row.event_id,
        row.number,
        row.name,
        row.unit,
        row.group_name,
        row.team,
        tuple(json.loads(row.members)),
    )


def list_entrants(conn: Connection, contest: ContestInfo) -> list[EntrantInfo]:
    rows = conn.execute(
        select(T_ENTRANT).where(T_ENTRANT.c.contest_id == contest.id).order_by(T_ENTRANT.c.number)
    ).all()
    return [entrant_info(r) for r in rows]


def entrants_of(db, contest_ref) -> list[EntrantInfo]:
    with db.read() as conn:
        return list_entrants(conn, load_contest(conn, contest_ref))


def find_entrant(conn: Connection, contest: ContestInfo, ref) -> EntrantInfo:
    """By 出场序号, or by name when that name is unique in the contest."""
    text = " ".join(str(ref if ref is not None else "").split())
    query = select(T_ENTRANT).where(T_ENTRANT.c.contest_id == contest.id)
    if (number := row_number(text)) is not None:
        row = conn.execute(query.where(T_ENTRANT.c.number == number)).first()
        if row is not None:
            return entrant_info(row)
    rows = conn.execute(query.where(T_ENTRANT.c.name == text)).all() if text else []
    if len(rows) > 1:
        raise refuse("contest.ambiguous_entrant", name=text, count=len(rows))
    if not rows:
        raise refuse("contest.no_such_entrant", ref=text)
    return entrant_info(rows[0])


# --- creating ------------------------------------------------------------------------------------


def clean_name(text: str, key: str, limit: int = 100) -> str:
    name = " ".join(str(text or "").split())
    if not name:
        raise refuse(key)
    if len(name) > limit:
        raise refuse("contest.name_too_long", name=name[:20], limit=limit)
    return name


def _check_entrant_lengths(unit: str, group: str, team: str, members: list[str]) -> None:
    """Held to the columns, so a long text typed at the CLI is refused on both backends alike."""
    for text, limit in ((unit, 100), (group, 50), (team, 100), *((m, 100) for m in members)):
        tidy = " ".join(text.split())
        if len(tidy) > limit:
            raise refuse("contest.name_too_long", name=tidy[:20], limit=limit)
    stored = _dumps(members)
    if len(stored) > MEMBERS_MAX_CHARS:
        raise refuse(
            "contest.name_too_long", name="、".join(members)[:20], limit=MEMBERS_MAX_CHARS // 2
        )


def parse_breakers(items) -> tuple[str, ...]:
    """Tie-breakers in order: a stage name (its score, oriented by the stage) or ``unrounded``."""
    out = []
    for item in items or ():
        name = str(item).strip()
        if not name:
            continue
        out.append(BREAKER_ALIASES.get(name, name))
    if len(set(out)) != len(out):
        raise refuse("contest.duplicate_breaker")
    return tuple(out)


def _check_breakers(breakers, events) -> None:
    stages = {s.name for e in events for s in e.stages if s.name}
    for name in breakers:
        if name != UNROUNDED and name not in stages:
            raise refuse("contest.bad_breaker", name=name)


def new_contest(
    db,
    title: str,
    *,
    judges: int,
    trim: int = 1,
    decimals: int = 2,
    maximum="100",
    awards: str | None = None,
    tie_breakers=(),
    team_score: str = SUM,
    judge_names=(),
    stages=None,
    quiz: QuizRules | None = None,
    operator: str = "",
    station: str = "",
) -> ContestInfo:
    """A contest with its first event: scored by the judges' panel unless ``stages`` or ``quiz``
    say otherwise (more events via :func:`set_event`). One transaction: all of it or nothing."""
    title = clean_name(title, "contest.empty_title", 200)
    problems = trim_problems(judges, trim)
    if problems:
        raise problems[0]
    if not 0 <= decimals <= MAX_DECIMALS:
        raise refuse("contest.bad_decimals", decimals=decimals, max=MAX_DECIMALS)
    maximum = parse_decimal(str(maximum))
    if maximum <= 0:
        raise refuse("contest.bad_max", max=plain(maximum))
    tiers = parse_awards(awards)
    if team_score not in TEAM_SCORES:
        raise refuse("contest.bad_team_score", value=team_score)
    names = [" ".join(str(n).split()) for n in judge_names]
    if len(names) > judges:
        raise refuse("contest.too_many_judge_names", names=len(names), judges=judges)
    first = EventInfo(0, "", 1, _event_stages(stages, quiz, maximum), quiz)
    _check_stages(first.stages)
    breakers = parse_breakers(tie_breakers)
    _check_breakers(breakers, (first,))
    with db.write() as conn:
        congress = require_congress(conn)
        lock_congress(conn, congress.id)
        taken = conn.execute(
            select(T_CONTEST.c.number).where(
                T_CONTEST.c.congress_id == congress.id, T_CONTEST.c.title == title
            )
        ).first()
        if taken:
            raise refuse("contest.duplicate_title", title=title, number=taken.number)
        number = (
            conn.execute(
                select(func.max(T_CONTEST.c.number)).where(T_CONTEST.c.congress_id == congress.id)
            ).scalar()
            or 0
        ) + 1
        contest_id = conn.execute(
            insert(T_CONTEST).values(
                congress_id=congress.id,
                number=number,
                title=title,
                judges=judges,
                trim=trim,
                decimals=decimals,
                max_mark=plain(maximum),
                awards=awards_spec(tiers),
                tie_breakers=_dumps(list(breakers)),
                team_score=team_score,
                judge_names=_dumps(names),
                created_at=now_iso(),
            )
        ).inserted_primary_key[0]
        _insert_event(conn, contest_id, "", first.stages, quiz)
        audit.append(
            conn,
            "contest.new",
            {
                "contest": number,
                "title": title,
                "judges": judges,
                "trim": trim,
                "decimals": decimals,
                "max": plain(maximum),
                "awards": awards_spec(tiers),
                "tie_breakers": list(breakers),
                "team_score": team_score,
                "stages": [stage_json(st) for st in first.stages],
                "quiz": quiz_json(quiz) if quiz else None,
            },
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
        return load_contest(conn, number)


def _event_stages(stages, quiz: QuizRules | None, maximum: Decimal) -> tuple[Stage, ...]:
    """A quiz scores by question; no stages given means one panel stage up to ``maximum``."""
    if quiz is not None:
        return (Stage(name="", weight=Decimal(100), kind=QUIZ, maximum=Decimal(0)),)
    return tuple(stages or (Stage(name="", weight=Decimal(100), maximum=maximum),))


def _check_stages(stages) -> None:
    problems = stage_problems(stages)
    if problems:
        raise problems[0]
    for stage in stages:
        if stage.kind == MEASURED and stage.better not in (HIGHER, LOWER):
            raise refuse("contest.bad_better", better=stage.better)


def _insert_event(conn, contest_id: int, name: str, stages, quiz: QuizRules | None) -> int:
    position = (
        conn.execute(
            select(func.max(T_EVENT.c.position)).where(T_EVENT.c.contest_id == contest_id)
        ).scalar()
        or 0
    ) + 1
    return conn.execute(
        insert(T_EVENT).values(
            contest_id=contest_id,
            position=position,
            name=name,
            stages=_dumps([stage_json(s) for s in stages]),
            quiz=_dumps(quiz_json(quiz)) if quiz else None,
        )
    ).inserted_primary_key[0]


def _has_entrants(conn, event_id: int) -> bool:
    return (
        conn.execute(select(T_ENTRANT.c.id).where(T_ENTRANT.c.event_id == event_id)).first()
        is not None
    )


def set_event(
    db,
    contest_ref,
    name: str = "",
    *,
    stages=None,
    quiz: QuizRules | None = None,
    operator: str = "",
    station: str = "",
) -> ContestInfo:
    """Add an event (项目) or redefine one that has no entrants yet. ``stages`` are
    :class:`Stage` objects; a quiz event has one stage of kind quiz. The default unnamed event is
    replaced by the first named one when it has no entrants."""
    name = " ".join(str(name or "").split())
    with db.write() as conn:
        contest = _scorable(conn, contest_ref)
        stages = _event_stages(stages, quiz, contest.maximum)
        _check_stages(stages)
        existing = next((e for e in contest.events if e.name == name), None)
        if existing is None and name and len(contest.events) == 1:
            lone = contest.events[0]
            if lone.name == "" and not _has_entrants(conn, lone.id):
                existing = lone  # the default event becomes the named one
        if existing is not None:
            if _has_entrants(conn, existing.id) and (
                existing.stages != stages or existing.quiz != quiz
            ):
                raise refuse("contest.event_has_entrants", event=name or contest.title)
            conn.execute(
                update(T_EVENT)
                .where(T_EVENT.c.id == existing.id)
                .values(
                    name=name,
                    stages=_dumps([stage_json(s) for s in stages]),
                    quiz=_dumps(quiz_json(quiz)) if quiz else None,
                )
            )
        else:
            _insert_event(conn, contest.id, name, stages, quiz)
        events = load_contest(conn, contest.number).events
        _check_breakers(contest.tie_breakers, events)
        audit.append(
            conn,
            "contest.event",
            {
                "contest": contest.number,
                "event": name,
                "stages": [stage_json(s) for s in stages],
                "quiz": quiz_json(quiz) if quiz else None,
            },
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return load_contest(conn, contest.number)


def set_tie_breakers(
    db, contest_ref, breakers, *, operator: str = "", station: str = ""
) -> ContestInfo:
    breakers = parse_breakers(breakers)
    with db.write() as conn:
        contest = _scorable(conn, contest_ref)
        _check_breakers(breakers, contest.events)
        conn.execute(
            update(T_CONTEST)
            .where(T_CONTEST.c.id == contest.id)
            .values(tie_breakers=_dumps(list(breakers)))
        )
        audit.append(
            conn,
            "contest.tie_breakers",
            {"contest": contest.number, "tie_breakers": list(breakers)},
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return load_contest(conn, contest.number)


def insert_entrant(
    conn: Connection,
    contest: ContestInfo,
    name: str,
    *,
    unit: str = "",
    group: str = "",
    event=None,
    team: str = "",
    members=(),
    number: int | None = None,
) -> EntrantInfo:
    name = clean_name(name, "contest.empty_entrant")
    event_info = contest.event(event)
    taken = select(T_ENTRANT.c.id).where(T_ENTRANT.c.contest_id == contest.id)
    if number is None:
        number = (
            conn.execute(
                select(func.max(T_ENTRANT.c.number)).where(T_ENTRANT.c.contest_id == contest.id)
            ).scalar()
            or 0
        ) + 1
    elif number < 1:
        raise refuse("contest.bad_entrant_number", number=number)
    elif conn.execute(taken.where(T_ENTRANT.c.number == number)).first():
        raise refuse("contest.duplicate_entrant_number", number=number)
    same = conn.execute(
        taken.where(
            T_ENTRANT.c.name == name,
            T_ENTRANT.c.unit == " ".join(unit.split()),
            T_ENTRANT.c.event_id == event_info.id,
            T_ENTRANT.c.group_name == " ".join(group.split()),
        )
    ).first()
    if same:
        raise refuse("contest.duplicate_entrant", name=name)
    members = [" ".join(str(m).split()) for m in members if str(m).strip()]
    _check_entrant_lengths(unit, group, team, members)
    entrant_id = conn.execute(
        insert(T_ENTRANT).values(
            contest_id=contest.id,
            event_id=event_info.id,
            number=number,
            name=name,
            unit=" ".join(unit.split()),
            group_name=" ".join(group.split()),
            team=" ".join(team.split()),
            members=_dumps(members),
        )
    ).inserted_primary_key[0]
    row = conn.execute(select(T_ENTRANT).where(T_ENTRANT.c.id == entrant_id)).one()
    return entrant_info(row)


def entrant_json(entrant: EntrantInfo, contest: ContestInfo) -> dict:
    return {
        "number": entrant.number,
        "name": entrant.name,
        "unit": entrant.unit,
        "group": entrant.group,
        "event": contest.event_by_id(entrant.event_id).name,
        "team": entrant.team,
        "members": list(entrant.members),
    }


def add_entrants(
    db, contest_ref, entrants, *, operator: str = "", station: str = ""
) -> list[EntrantInfo]:
    """Register entrants (dicts of :func:`insert_entrant`'s keywords with ``name``) all or nothing."""
    with db.write() as conn:
        contest = _scorable(conn, contest_ref)
        added = [insert_entrant(conn, contest, **dict(e)) for e in entrants]
        audit.append(
            conn,
            "contest.entrants",
            {"contest": contest.number, "entrants": [entrant_json(e, contest) for e in added]},
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return added


def add_entrant(db, contest_ref, name: str, **values) -> EntrantInfo:
    operator = values.pop("operator", "")
    station = values.pop("station", "")
    return add_entrants(
        db, contest_ref, [{"name": name, **values}], operator=operator, station=station
    )[0]


def set_on_stage(
    db, contest_ref, entrant_ref, *, operator: str = "", station: str = ""
) -> EntrantInfo:
    """The entrant the hall (and the projector) is looking at now."""
    with db.write() as conn:
        contest = writable_contest(conn, contest_ref)
        entrant = find_entrant(conn, contest, entrant_ref)
        if contest.on_stage == entrant.id:
            return entrant
        conn.execute(
            update(T_CONTEST).where(T_CONTEST.c.id == contest.id).values(on_stage=entrant.id)
        )
        audit.append(
            conn,
            "contest.on_stage",
            {"contest": contest.number, "entrant": entrant.number, "name": entrant.name},
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return entrant
