"""Recording, correcting and withdrawing a judge's mark, each with its audit event."""

from decimal import Decimal

from sqlalchemy import Connection, delete, insert, select, update

from models import audit
from models.clock import now_iso
from models.contest_publish import scorable_contest
from models.contests import ContestInfo, EntrantInfo, find_entrant
from models.errors import refuse
from models.rules.scoring import MEASURED, QUIZ, Stage, parse_mark, parse_measure, plain
from models.scores.cards import card_in
from models.scores.records import T_MARK, MarkOutcome, ScoreCard

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
