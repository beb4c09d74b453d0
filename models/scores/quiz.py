"""Quiz answers (抢答/必答): recording one and correcting it; the buzzer's foul (抢答犯规) is an
answer of kind ``foul``, and the buzzer's win is logged (``contest.buzzer``, not a table fact)."""

from collections.abc import Sequence

from sqlalchemy import func, insert, select, update

from models import audit
from models.clock import now_iso
from models.contest_publish import scorable_contest
from models.contests import T_CONTEST, ContestInfo, EntrantInfo, EventInfo, find_entrant
from models.errors import refuse
from models.rules.scoring import FOUL, question_kind, question_points
from models.scores.cards import _answer_info
from models.scores.marks import required_reason
from models.scores.records import T_ANSWER, AnswerInfo

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
    """One question's result for one team; numbered in order unless ``question`` is given.
    A foul (抢答犯规) is never right: it costs the quiz's foul deduction."""
    kind = question_kind(kind)
    if kind == FOUL:
        if right:
            raise refuse("contest.foul_is_wrong")
        stake = None
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
        if old.kind == FOUL and new_right:
            raise refuse("contest.foul_is_wrong")  # a foul wrongly called is voided, not "right"
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


# --- the buzzer (抢答器) -------------------------------------------------------------------------


def record_foul(
    db, contest_ref, entrant_ref, *, operator: str = "", station: str = ""
) -> AnswerInfo:
    """抢答犯规: a press before the host's 「开始」, recorded as the next question's answer of
    kind ``foul`` with the quiz's deduction (undone like any answer: corrected to void)."""
    return record_answer(
        db, contest_ref, entrant_ref, FOUL, False, operator=operator, station=station
    )


def buzzer_won(
    db,
    contest_ref,
    entrant_ref,
    *,
    fouls: Sequence[int] = (),
    operator: str = "",
    station: str = "",
) -> EntrantInfo:
    """The team that won the buzzer goes on stage (the projector follows) and the win is logged
    as ``contest.buzzer`` with the teams that fouled before 「开始」 (entrant numbers); the
    answer itself is then recorded by :func:`record_answer` as a 抢答."""
    with db.write() as conn:
        contest = scorable_contest(conn, contest_ref)
        entrant = find_entrant(conn, contest, entrant_ref)
        _quiz_event(contest, entrant)
        payload = {"contest": contest.number, "entrant": entrant.number, "name": entrant.name}
        if contest.on_stage != entrant.id:
            conn.execute(
                update(T_CONTEST).where(T_CONTEST.c.id == contest.id).values(on_stage=entrant.id)
            )
            audit.append(
                conn,
                "contest.on_stage",
                payload,
                congress_id=contest.congress_id,
                operator=operator,
                station=station,
            )
        audit.append(
            conn,
            "contest.buzzer",
            {**payload, "fouls": list(fouls)},
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return entrant
