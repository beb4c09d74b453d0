"""Marks, quiz answers, score cards and standings (RULES.md §6).

Marks are stored exactly as Decimal text; every score is recomputed from them on demand (a few
thousand rows at most), so a correction shows everywhere at once and nothing derived can go stale.
Each change appends to the audit log in its own transaction; a correction records the old value.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import Connection, UniqueConstraint, delete, func, insert, select, update
from sqlmodel import Field, SQLModel

from models import audit
from models.clock import now_iso
from models.contest_publish import scorable_contest
from models.contests import (
    T_ENTRANT,
    ContestInfo,
    EntrantInfo,
    EventInfo,
    entrant_info,
    find_entrant,
    list_entrants,
    load_contest,
)
from models.errors import refuse
from models.rules.ranking import (
    TIE_ACROSS_BOUNDARY,
    UNROUNDED,
    Entry,
    assign_awards,
    oriented,
    rank,
)
from models.rules.scoring import (
    MEASURED,
    QUIZ,
    PanelScore,
    Stage,
    panel_score,
    parse_mark,
    parse_measure,
    plain,
    question_kind,
    question_points,
    round_half_up,
    sheet_total,
    shown,
    team_score,
    unrounded,
    weighted_total,
)

__all__ = ["TIE_ACROSS_BOUNDARY"]


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

    @property
    def complete(self) -> bool:
        return self.total is not None

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


@dataclass(frozen=True)
class MarkOutcome:
    card: ScoreCard
    judge: int
    value: Decimal
    previous: Decimal | None
    completed: bool  # this mark was the last one the entrant needed


# --- score cards ---------------------------------------------------------------------------------


def _answer_info(row) -> AnswerInfo:
    return AnswerInfo(
        row.id, row.question, row.entrant_id, row.kind, row.stake, row.right, row.points, row.void
    )


def _stage_card(contest: ContestInfo, event: EventInfo, stage: Stage, marks, answers) -> StageCard:
    """``marks`` maps (judge, criterion) → Decimal for this entrant and stage."""
    if stage.kind == QUIZ:
        live = [a for a in answers if not a.void]
        start = event.quiz.start if event.quiz else 0
        # a team is ranked once it has answered; before that it only shows its starting points
        score = Fraction(start + sum(a.points for a in live)) if answers else None
        return StageCard(stage, 0, (), (), None, tuple(answers), score, start)
    single = stage.single or stage.kind == MEASURED
    judges = (0,) if single else tuple(range(1, contest.judges + 1))
    per_judge: list[Decimal | None] = []
    criteria: list[dict[str, Decimal]] = []
    for judge in judges:
        if stage.criteria:
            sheet = {
                c.name: marks[(judge, c.name)] for c in stage.criteria if (judge, c.name) in marks
            }
            criteria.append(sheet)
            per_judge.append(sheet_total(sheet, stage.criteria))
        else:
            criteria.append({})
            per_judge.append(marks.get((judge, "")))
    panel = None
    score = None
    if all(m is not None for m in per_judge):
        if single:
            score = Fraction(per_judge[0])
        else:
            panel = panel_score(per_judge, contest.trim)
            score = panel.mean
    return StageCard(stage, len(judges), tuple(per_judge), tuple(criteria), panel, (), score)


def build_card(contest: ContestInfo, entrant: EntrantInfo, marks: dict, answers) -> ScoreCard:
    """``marks`` maps (stage, judge, criterion) → Decimal for this entrant."""
    event = contest.event_by_id(entrant.event_id)
    cards = []
    for stage in event.stages:
        stage_marks = {(j, c): v for (s, j, c), v in marks.items() if s == stage.name}
        cards.append(_stage_card(contest, event, stage, stage_marks, answers))
    counted = [(c.score, c.stage.weight) for c in cards if c.stage.weight > 0]
    total = None
    if all(score is not None for score, _ in counted):
        if len(counted) == 1:
            total = counted[0][0]
        else:
            total = weighted_total([s for s, _ in counted], [w for _, w in counted])
    return ScoreCard(entrant, event, tuple(cards), total, contest.decimals)


def _marks_by_entrant(conn: Connection, where) -> dict[int, dict]:
    out: dict[int, dict] = defaultdict(dict)
    for row in conn.execute(select(T_MARK).where(where)):
        out[row.entrant_id][(row.stage, row.judge, row.criterion)] = Decimal(row.value)
    return out


def _answers_by_entrant(conn: Connection, where) -> dict[int, list[AnswerInfo]]:
    out: dict[int, list[AnswerInfo]] = defaultdict(list)
    for row in conn.execute(select(T_ANSWER).where(where).order_by(T_ANSWER.c.question)):
        out[row.entrant_id].append(_answer_info(row))
    return out


def card_in(conn: Connection, contest: ContestInfo, entrant: EntrantInfo) -> ScoreCard:
    marks = _marks_by_entrant(conn, T_MARK.c.entrant_id == entrant.id)
    answers = _answers_by_entrant(conn, T_ANSWER.c.entrant_id == entrant.id)
    return build_card(contest, entrant, marks[entrant.id], answers[entrant.id])


def score_card(db, contest_ref, entrant_ref) -> ScoreCard:
    with db.read() as conn:
        contest = load_contest(conn, contest_ref)
        return card_in(conn, contest, find_entrant(conn, contest, entrant_ref))


# --- marks ---------------------------------------------------------------------------------------


def required_reason(text) -> str:
    """A correction, withdrawal or void always says why (it goes to the audit log)."""
    reason = " ".join(str(text or "").split())
    if not reason:
        raise refuse("contest.correction_needs_reason")
    return reason


def _check_judge(contest: ContestInfo, stage: Stage, judge) -> int:
    single = stage.single or stage.kind == MEASURED
    try:
        number = int(str(judge).strip() or "0")
    except ValueError:
        raise refuse(
            "contest.unknown_judge", judge=str(judge).strip(), judges=contest.judges
        ) from None
    if single:
        if number not in (0, 1):
            raise refuse("contest.single_mark", stage=stage.name or contest.title)
        return 0
    if not 1 <= number <= contest.judges:
        raise refuse("contest.unknown_judge", judge=str(judge).strip(), judges=contest.judges)
    return number


def check_value(stage: Stage, criterion: str, text) -> Decimal:
    if stage.kind == QUIZ:
        raise refuse("contest.quiz_has_no_marks")
    if stage.kind == MEASURED:
        if criterion:
            raise refuse("contest.no_such_criterion", criterion=criterion)
        return parse_measure(text)
    if stage.criteria:
        limit = next((c.maximum for c in stage.criteria if c.name == criterion), None)
        if limit is None:
            raise refuse("contest.no_such_criterion", criterion=criterion or "—")
        return parse_mark(text, limit)
    if criterion:
        raise refuse("contest.no_such_criterion", criterion=criterion)
    return parse_mark(text, stage.maximum)


def _existing_mark(conn, entrant_id: int, stage: str, judge: int, criterion: str):
    return conn.execute(
        select(T_MARK.c.id, T_MARK.c.value).where(
            T_MARK.c.entrant_id == entrant_id,
            T_MARK.c.stage == stage,
            T_MARK.c.judge == judge,
            T_MARK.c.criterion == criterion,
        )
    ).first()


def write_mark(
    conn: Connection,
    contest: ContestInfo,
    entrant: EntrantInfo,
    judge,
    text,
    *,
    stage: str = "",
    criterion: str = "",
    correct: bool = False,
    reason: str = "",
    operator: str = "",
    station: str = "",
) -> MarkOutcome:
    event = contest.event_by_id(entrant.event_id)
    stage_info = event.stage(stage)
    number = _check_judge(contest, stage_info, judge)
    criterion = " ".join(str(criterion or "").split())
    value = check_value(stage_info, criterion, text)
    before = card_in(conn, contest, entrant)
    existing = _existing_mark(conn, entrant.id, stage, number, criterion)
    previous = Decimal(existing.value) if existing else None
    if existing and not correct:
        key = "contest.mark_exists" if number else "contest.result_exists"
        raise refuse(key, judge=number, entrant=entrant.name, mark=plain(previous))
    reason = " ".join(str(reason or "").split())
    if existing and not reason:
        raise refuse("contest.correction_needs_reason")
    if existing:
        conn.execute(
            update(T_MARK).where(T_MARK.c.id == existing.id).values(value=str(value), at=now_iso())
        )
    else:
        conn.execute(
            insert(T_MARK).values(
                entrant_id=entrant.id,
                stage=stage,
                judge=number,
                criterion=criterion,
                value=str(value),
                at=now_iso(),
            )
        )
    payload = {
        "contest": contest.number,
        "entrant": entrant.number,
        "stage": stage,
        "judge": number,
        "criterion": criterion,
        "mark": str(value),
    }
    if existing:
        payload.update(previous=str(previous), reason=reason)
    audit.append(
        conn,
        "contest.mark.correct" if existing else "contest.mark",
        payload,
        congress_id=contest.congress_id,
        operator=operator,
        station=station,
    )
    card = card_in(conn, contest, entrant)
    return MarkOutcome(card, number, value, previous, card.complete and not before.complete)


def record_mark(db, contest_ref, entrant_ref, judge, text, **options) -> MarkOutcome:
    """A judge's mark for an entrant: refused when out of [0, max], not a number, from an unknown
    judge, or when that judge already marked (unless ``correct=True`` with a ``reason``)."""
    with db.write() as conn:
        contest = scorable_contest(conn, contest_ref)
        entrant = find_entrant(conn, contest, entrant_ref)
        return write_mark(conn, contest, entrant, judge, text, **options)


def withdraw_mark(
    db,
    contest_ref,
    entrant_ref,
    judge,
    *,
    stage: str = "",
    criterion: str = "",
    reason: str,
    operator: str = "",
    station: str = "",
) -> ScoreCard:
    """Undo a mark entered in error; the audit log keeps the value and the reason."""
    reason = required_reason(reason)
    with db.write() as conn:
        contest = scorable_contest(conn, contest_ref)
        entrant = find_entrant(conn, contest, entrant_ref)
        stage_info = contest.event_by_id(entrant.event_id).stage(stage)
        number = _check_judge(contest, stage_info, judge)
        existing = _existing_mark(conn, entrant.id, stage, number, criterion)
        if existing is None:
            raise refuse("contest.no_such_mark", judge=number, entrant=entrant.name)
        conn.execute(delete(T_MARK).where(T_MARK.c.id == existing.id))
        audit.append(
            conn,
            "contest.mark.withdraw",
            {
                "contest": contest.number,
                "entrant": entrant.number,
                "stage": stage,
                "judge": number,
                "criterion": criterion,
                "previous": existing.value,
                "reason": reason,
            },
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return card_in(conn, contest, entrant)


# --- quiz ----------------------------------------------------------------------------------------


def _quiz_event(contest: ContestInfo, entrant: EntrantInfo) -> EventInfo:
    event = contest.event_by_id(entrant.event_id)
    if not event.is_quiz:
        raise refuse("contest.not_a_quiz", event=event.name or contest.title)
    return event


def record_answer(
    db,
    contest_ref,
    entrant_ref,
    kind: str,
    right: bool,
    *,
    stake: int | None = None,
    question: int | None = None,
    operator: str = "",
    station: str = "",
) -> AnswerInfo:
    """One question's result for one team; numbered in order unless ``question`` is given."""
    kind = question_kind(kind)
    with db.write() as conn:
        contest = scorable_contest(conn, contest_ref)
        entrant = find_entrant(conn, contest, entrant_ref)
        event = _quiz_event(contest, entrant)
        points = question_points(event.quiz, kind, bool(right), stake)
        if question is None:
            top = conn.execute(
                select(func.max(T_ANSWER.c.question)).where(T_ANSWER.c.event_id == event.id)
            ).scalar()
            question = (top or 0) + 1
        elif question < 1:
            raise refuse("contest.bad_question", question=question)
        taken = conn.execute(
            select(T_ANSWER.c.id).where(
                T_ANSWER.c.event_id == event.id,
                T_ANSWER.c.question == question,
                T_ANSWER.c.entrant_id == entrant.id,
            )
        ).first()
        if taken:
            raise refuse("contest.answer_exists", question=question, entrant=entrant.name)
        answer_id = conn.execute(
            insert(T_ANSWER).values(
                event_id=event.id,
                entrant_id=entrant.id,
                question=question,
                kind=kind,
                stake=stake if kind == "risk" else None,
                right=bool(right),
                points=points,
                at=now_iso(),
            )
        ).inserted_primary_key[0]
        audit.append(
            conn,
            "contest.answer",
            {
                "contest": contest.number,
                "entrant": entrant.number,
                "question": question,
                "kind": kind,
                "stake": stake if kind == "risk" else None,
                "right": bool(right),
                "points": points,
            },
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        row = conn.execute(select(T_ANSWER).where(T_ANSWER.c.id == answer_id)).one()
        return _answer_info(row)


def correct_answer(
    db,
    contest_ref,
    entrant_ref,
    question: int,
    *,
    right: bool | None = None,
    stake: int | None = None,
    void: bool = False,
    reason: str,
    kind: str | None = None,
    operator: str = "",
    station: str = "",
) -> AnswerInfo:
    """Correct a logged answer (right/wrong, stake) or void it; the old points stay in the audit.
    ``kind``, when given, must be the logged one: a differing kind means the wrong question number."""
    reason = required_reason(reason)
    kind = None if kind is None else question_kind(kind)
    with db.write() as conn:
        contest = scorable_contest(conn, contest_ref)
        entrant = find_entrant(conn, contest, entrant_ref)
        event = _quiz_event(contest, entrant)
        row = conn.execute(
            select(T_ANSWER).where(
                T_ANSWER.c.event_id == event.id,
                T_ANSWER.c.question == question,
                T_ANSWER.c.entrant_id == entrant.id,
            )
        ).first()
        if row is None:
            raise refuse("contest.no_such_answer", question=question, entrant=entrant.name)
        old = _answer_info(row)
        if kind is not None and kind != old.kind:
            raise refuse("contest.answer_kind_differs", question=question, kind=old.kind)
        new_right = old.right if right is None else bool(right)
        new_stake = old.stake if stake is None else stake
        points = question_points(event.quiz, old.kind, new_right, new_stake)
        conn.execute(
            update(T_ANSWER)
            .where(T_ANSWER.c.id == row.id)
            .values(right=new_right, stake=new_stake, points=points, void=bool(void))
        )
        audit.append(
            conn,
            "contest.answer.correct",
            {
                "contest": contest.number,
                "entrant": entrant.number,
                "question": question,
                "previous": {
                    "right": old.right,
                    "stake": old.stake,
                    "points": old.points,
                    "void": old.void,
                },
                "right": new_right,
                "stake": new_stake,
                "points": points,
                "void": bool(void),
                "reason": reason,
            },
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return _answer_info(conn.execute(select(T_ANSWER).where(T_ANSWER.c.id == row.id)).one())


# --- standings -----------------------------------------------------------------------------------


def _entry(card: ScoreCard, breakers) -> Entry:
    score = oriented(card.total, card.event.better)
    keys = {}
    for name in breakers:
        if name == UNROUNDED:
            continue
        stage = next((s for s in card.stages if s.stage.name == name), None)
        keys[name] = None if stage is None else oriented(stage.score, stage.stage.better)
    return Entry(card.entrant.id, score, keys)


def rank_cards(contest: ContestInfo, cards: list[ScoreCard]) -> list[StandingRow]:
    """One ranking group: ranks by the shown score, then the contest's tie-breakers, then awards
    on the places (percentages of every entrant in the group)."""
    entries = [_entry(card, contest.tie_breakers) for card in cards]
    placed = rank(entries, contest.decimals, contest.tie_breakers)
    placed = assign_awards(placed, contest.awards, len(cards))
    by_id = {card.entrant.id: card for card in cards}
    return [
        StandingRow(by_id[p.id].entrant, by_id[p.id], p.rank, p.award, p.flag, p.decided_by)
        for p in placed
    ]


def _team_rows(contest: ContestInfo, cards: list[ScoreCard]) -> tuple[TeamRow, ...]:
    teams: dict[str, list[ScoreCard]] = defaultdict(list)
    for card in cards:
        if card.entrant.team:
            teams[card.entrant.team].append(card)
    if not teams:
        return ()
    rows = []
    for name, members in teams.items():
        complete = all(m.complete for m in members)
        score = team_score([m.total for m in members], contest.team_score) if complete else None
        units = sorted({m.entrant.unit for m in members if m.entrant.unit})
        rows.append((name, "、".join(units), tuple(m.entrant.name for m in members), score))
    entries = [Entry(i, score, {}) for i, (_, _, _, score) in enumerate(rows)]
    placed = rank(entries, contest.decimals, (UNROUNDED,))
    return tuple(
        TeamRow(
            rows[p.id][0],
            rows[p.id][1],
            rows[p.id][2],
            rows[p.id][3],
            shown(rows[p.id][3], contest.decimals),
            p.rank,
            rows[p.id][3] is not None,
        )
        for p in placed
    )


def standings_in(conn: Connection, contest: ContestInfo) -> Standings:
    entrants = list_entrants(conn, contest)
    in_contest = T_ENTRANT.c.contest_id == contest.id
    ids = select(T_ENTRANT.c.id).where(in_contest)
    marks = _marks_by_entrant(conn, T_MARK.c.entrant_id.in_(ids))
    answers = _answers_by_entrant(conn, T_ANSWER.c.entrant_id.in_(ids))
    cards = [build_card(contest, e, marks[e.id], answers[e.id]) for e in entrants]
    grouped: dict[tuple[int, str], list[ScoreCard]] = defaultdict(list)
    for card in cards:
        grouped[(card.event.position, card.entrant.group)].append(card)
    groups = []
    # events in their order, groups in the order their first entrant comes on (男子组 before
    # 女子组 when that is how they were registered), not alphabetically
    for (_, group), members in sorted(
        grouped.items(), key=lambda kv: (kv[0][0], kv[1][0].entrant.number)
    ):
        groups.append(RankingGroup(members[0].event, group, tuple(rank_cards(contest, members))))
    return Standings(contest, tuple(groups), _team_rows(contest, cards), audit.version_in(conn))


def standings(db, contest_ref) -> Standings:
    with db.read() as conn:
        return standings_in(conn, load_contest(conn, contest_ref))


def standing_json(row: StandingRow, contest: ContestInfo) -> dict:
    """The CLI contract's entry: rank, entrant, score (a string with the contest's decimals),
    award, flag — plus the event, group and progress that let a script tell entries apart."""
    card = row.card
    return {
        "rank": row.rank,
        "entrant": row.entrant.name,
        "number": row.entrant.number,
        "unit": row.entrant.unit,
        "event": card.event.name,
        "group": row.entrant.group,
        "score": card.shown,
        "unrounded": None if card.unrounded is None else str(card.unrounded),
        "award": row.award,
        "flag": row.flag,
        "decided_by": row.decided_by,
        "complete": card.complete,
        "marks": card.marks_in,
        "marks_due": card.marks_due,
    }


def entrants_by_id(conn: Connection, contest: ContestInfo) -> dict[int, EntrantInfo]:
    rows = conn.execute(select(T_ENTRANT).where(T_ENTRANT.c.contest_id == contest.id)).all()
    return {r.id: entrant_info(r) for r in rows}


@dataclass(frozen=True)
class Board:
    """What the projector shows: the contest, the entrant on stage with their card, the standings."""

    standings: Standings
    on_stage: ScoreCard | None
    version: int
    extra: dict = field(default_factory=dict)


def board(db, contest_ref) -> Board:
    with db.read() as conn:
        contest = load_contest(conn, contest_ref)
        table = standings_in(conn, contest)
        card = None
        if contest.on_stage is not None:
            row = table.row_of(contest.on_stage)
            card = row.card if row else None
        return Board(table, card, table.version)


def rounded(card: ScoreCard) -> Decimal | None:
    return None if card.total is None else round_half_up(card.total, card.decimals)
