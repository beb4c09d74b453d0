"""An entrant's score card, recomputed from the stored marks and quiz answers."""

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import Connection, select

from models.contests import ContestInfo, EntrantInfo, EventInfo, find_entrant, load_contest
from models.rules.scoring import MEASURED, QUIZ, Stage, panel_score, sheet_total, weighted_total
from models.rules.speaking import after_deduction, time_verdict
from models.scores.clock_records import T_TIMING, TimeInfo, time_info
from models.scores.records import T_ANSWER, T_MARK, AnswerInfo, ScoreCard, StageCard

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


def build_card(
    contest: ContestInfo,
    entrant: EntrantInfo,
    marks: dict,
    answers,
    timing: TimeInfo | None = None,
) -> ScoreCard:
    """``marks`` maps (stage, judge, criterion) → Decimal for this entrant; ``timing`` is its
    speaking time when the event has a clock. The total is the panel's (weighted) score less the
    time deduction, never below 0 (RULES §6 Speaking clock; models.rules.speaking)."""
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
    if event.clock is None:
        return ScoreCard(entrant, event, tuple(cards), total, contest.decimals)
    return _timed_card(ScoreCard(entrant, event, tuple(cards), total, contest.decimals), timing)


def _timed_card(card: ScoreCard, timing: TimeInfo | None) -> ScoreCard:
    """The card with its time: until a time is recorded nothing is taken off (a running clock
    costs nothing yet); the panel's score stays on the card for the calculation view."""
    seconds = timing.seconds if timing else None
    verdict = None if seconds is None else time_verdict(card.event.clock, seconds)
    total = card.total
    if verdict is not None and total is not None:
        total = after_deduction(total, verdict.deduction)
    return replace(card, total=total, timing=timing, verdict=verdict, before_time=card.total)


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


def _times_by_entrant(conn: Connection, where) -> dict[int, TimeInfo]:
    return {row.entrant_id: time_info(row) for row in conn.execute(select(T_TIMING).where(where))}


def card_in(conn: Connection, contest: ContestInfo, entrant: EntrantInfo) -> ScoreCard:
    marks = _marks_by_entrant(conn, T_MARK.c.entrant_id == entrant.id)
    answers = _answers_by_entrant(conn, T_ANSWER.c.entrant_id == entrant.id)
    times = _times_by_entrant(conn, T_TIMING.c.entrant_id == entrant.id)
    return build_card(
        contest, entrant, marks[entrant.id], answers[entrant.id], times.get(entrant.id)
    )


def score_card(db, contest_ref, entrant_ref) -> ScoreCard:
    with db.read() as conn:
        contest = load_contest(conn, contest_ref)
        return card_in(conn, contest, find_entrant(conn, contest, entrant_ref))
