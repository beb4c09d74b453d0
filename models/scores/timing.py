"""The speaking clock (演讲比赛 计时, RULES §6): the event's clock rules, starting and stopping the
clock of the entrant on stage, and a time set or corrected by hand — each with its audit event.

The running clock lives in the database (``started_at``), not in a screen: the projector, another
process, shows it from there, and a desk that restarts finds it still running. The time is stored
in hundredths as exact Decimal text; the deduction it costs is computed on the score card
(models.scores.cards), so standings, exports, the projector and verify's recount share one figure.
"""

from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import Connection, delete, insert, select, update

from models import audit
from models.clock import now, now_iso
from models.contest_publish import scorable_contest
from models.contests import (
    T_ENTRANT,
    T_EVENT,
    ContestInfo,
    EntrantInfo,
    EventInfo,
    find_entrant,
    load_contest,
)
from models.errors import refuse
from models.rules.scoring import LOWER, shown
from models.rules.speaking import (
    ClockRules,
    clock_json,
    clock_spec,
    clock_time,
    parse_clock,
    parse_clock_time,
)
from models.scores.cards import card_in
from models.scores.clock_records import T_TIMING, TimeInfo, time_info
from models.scores.marks import required_reason
from models.scores.records import ScoreCard

START_EVENT, TIME_EVENT = "contest.time.start", "contest.time"
CORRECT_EVENT, WITHDRAW_EVENT = "contest.time.correct", "contest.time.withdraw"
CLOCK_EVENT = "contest.clock"


# --- the event's clock ---------------------------------------------------------------------------


def check_clock_fits(name: str, stages, quiz) -> None:
    """A deduction comes off a score where higher is better: a quiz's points are not timed, and
    off a lower-better result (a time, a count of errors) it would be a bonus — refused."""
    event = EventInfo(0, name, 0, tuple(stages or ()), quiz)
    if event.is_quiz or event.better == LOWER:
        raise refuse("clock.not_for_event", event=name)


def set_clock(
    db, contest_ref, event_ref, rules, *, operator: str = "", station: str = ""
) -> ContestInfo:
    """Give an event its speaking clock, change it, or take it away (``rules`` None or ""): a
    :class:`ClockRules` or the notation :func:`models.rules.speaking.parse_clock` reads."""
    if rules is None or isinstance(rules, str):
        rules = parse_clock(rules)
    with db.write() as conn:
        contest = scorable_contest(conn, contest_ref)
        event = contest.event(event_ref)
        if rules is not None:
            check_clock_fits(event.name or contest.title, event.stages, event.quiz)
        stored = None if rules is None else audit.canonical(clock_json(rules))
        conn.execute(update(T_EVENT).where(T_EVENT.c.id == event.id).values(clock=stored))
        audit.append(
            conn,
            CLOCK_EVENT,
            {
                "contest": contest.number,
                "event": event.name,
                "clock": None if rules is None else clock_json(rules),
                "spec": "" if rules is None else clock_spec(rules),
            },
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return scorable_contest(conn, contest.number)


# --- reading -------------------------------------------------------------------------------------


def elapsed(started_at: str, at: datetime) -> Decimal:
    """Seconds from ``started_at`` to ``at``, cut (not rounded) to the hundredth as a stopwatch
    shows them, in integers: no float ever decides which side of a line a speech ends on."""
    delta = at - datetime.fromisoformat(started_at)
    micro = (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
    return Decimal(max(micro, 0) // 10_000).scaleb(-2)


def shown_seconds(info: TimeInfo | None, at: datetime | None = None) -> Decimal | None:
    """The time a clock shows: the recorded time, or the running time at ``at`` (now)."""
    if info is None:
        return None
    if info.seconds is not None:
        return info.seconds
    if info.started_at is None:
        return None
    return elapsed(info.started_at, at or now())


def _timing_row(conn: Connection, entrant_id: int):
    return conn.execute(select(T_TIMING).where(T_TIMING.c.entrant_id == entrant_id)).first()


def timing_of(db, contest_ref, entrant_ref=None) -> TimeInfo | None:
    with db.read() as conn:
        contest = load_contest(conn, contest_ref)
        entrant = _entrant(conn, contest, entrant_ref)
        row = _timing_row(conn, entrant.id)
        return None if row is None else time_info(row)


def clock_card(db, contest_ref, entrant_ref=None) -> ScoreCard:
    """The card (with its timing) of the entrant named, or of the one on stage."""
    with db.read() as conn:
        contest = load_contest(conn, contest_ref)
        return card_in(conn, contest, _entrant(conn, contest, entrant_ref))


def time_json(card: ScoreCard) -> dict:
    """The clock's keys of a standings entry (events with a clock): the time as typed at the CLI
    (``5:47.30``), in seconds, and the points it cost, with the contest's decimals."""
    seconds = card.timing.seconds if card.timing else None
    deduction = None if card.verdict is None else shown(Fraction(card.deduction), card.decimals)
    return {
        "time": None if seconds is None else clock_time(seconds),
        "time_seconds": None if seconds is None else str(seconds),
        "time_deduction": deduction,
        "score_before_time": shown(card.before_time, card.decimals),
    }


# --- writing -------------------------------------------------------------------------------------


def _entrant(conn: Connection, contest: ContestInfo, entrant_ref) -> EntrantInfo:
    """The entrant named, or the one on stage when none is."""
    if entrant_ref is not None and str(entrant_ref).strip():
        return find_entrant(conn, contest, entrant_ref)
    if contest.on_stage is None:
        raise refuse("clock.nobody_on_stage")
    row = conn.execute(select(T_ENTRANT).where(T_ENTRANT.c.id == contest.on_stage)).first()
    return find_entrant(conn, contest, row.number)


def _clock_of(contest: ContestInfo, entrant: EntrantInfo) -> ClockRules:
    event = contest.event_by_id(entrant.event_id)
    if event.clock is None:
        raise refuse("clock.no_clock", event=event.name or contest.title)
    return event.clock


def _running_other(conn: Connection, contest: ContestInfo, entrant: EntrantInfo):
    ids = select(T_ENTRANT.c.id).where(T_ENTRANT.c.contest_id == contest.id)
    return conn.execute(
        select(T_ENTRANT.c.name)
        .join(T_TIMING, T_TIMING.c.entrant_id == T_ENTRANT.c.id)
        .where(
            T_TIMING.c.entrant_id.in_(ids),
            T_TIMING.c.entrant_id != entrant.id,
            T_TIMING.c.started_at.is_not(None),
            T_TIMING.c.seconds.is_(None),
        )
    ).first()


def _append(conn, kind: str, contest: ContestInfo, entrant: EntrantInfo, payload: dict, who: dict):
    audit.append(
        conn,
        kind,
        {"contest": contest.number, "entrant": entrant.number, **payload},
        congress_id=contest.congress_id,
        **who,
    )


def start_clock(
    db, contest_ref, entrant_ref=None, *, at: datetime | None = None, **who
) -> TimeInfo:
    """Start the clock of the entrant (default: the one on stage). Refused when the event has no
    clock, the entrant already has a time (correct it instead), or another entrant's clock runs."""
    with db.write() as conn:
        contest = scorable_contest(conn, contest_ref)
        entrant = _entrant(conn, contest, entrant_ref)
        _clock_of(contest, entrant)
        row = _timing_row(conn, entrant.id)
        if row is not None and row.seconds is not None:
            raise refuse("clock.time_exists", entrant=entrant.name, time=clock_time(row.seconds))
        if row is not None and row.started_at is not None:
            raise refuse("clock.already_running", entrant=entrant.name)
        other = _running_other(conn, contest, entrant)
        if other is not None:
            raise refuse("clock.other_running", entrant=other.name)
        started = (at or now()).isoformat(timespec="milliseconds")
        values = {"started_at": started, "seconds": None, "recorded_at": now_iso()}
        if row is None:
            conn.execute(insert(T_TIMING).values(entrant_id=entrant.id, **values))
        else:
            conn.execute(update(T_TIMING).where(T_TIMING.c.id == row.id).values(**values))
        _append(conn, START_EVENT, contest, entrant, {"started_at": started}, who)
        return time_info(_timing_row(conn, entrant.id))


def stop_clock(
    db, contest_ref, entrant_ref=None, *, at: datetime | None = None, **who
) -> ScoreCard:
    """Stop the running clock: the time is stored to the hundredth and the card, with the
    deduction it costs, comes back."""
    with db.write() as conn:
        contest = scorable_contest(conn, contest_ref)
        entrant = _entrant(conn, contest, entrant_ref)
        _clock_of(contest, entrant)
        row = _timing_row(conn, entrant.id)
        if row is None or row.started_at is None or row.seconds is not None:
            raise refuse("clock.not_running", entrant=entrant.name)
        stopped = at or now()
        seconds = elapsed(row.started_at, stopped)
        conn.execute(
            update(T_TIMING)
            .where(T_TIMING.c.id == row.id)
            .values(seconds=str(seconds), recorded_at=now_iso())
        )
        payload = {
            "seconds": str(seconds),
            "started_at": row.started_at,
            "stopped_at": stopped.isoformat(timespec="milliseconds"),
        }
        _append(conn, TIME_EVENT, contest, entrant, payload, who)
        return card_in(conn, contest, entrant)


def record_time(db, contest_ref, entrant_ref, text, *, reason: str = "", **who) -> ScoreCard:
    """A time typed by hand (``4:35.20``): the first one for an entrant timed elsewhere, or a
    correction — of a stopped time or a running clock — that must say why."""
    seconds = parse_clock_time(text)
    with db.write() as conn:
        contest = scorable_contest(conn, contest_ref)
        entrant = _entrant(conn, contest, entrant_ref)
        _clock_of(contest, entrant)
        row = _timing_row(conn, entrant.id)
        values = {"seconds": str(seconds), "recorded_at": now_iso()}
        if row is None:
            conn.execute(insert(T_TIMING).values(entrant_id=entrant.id, **values))
            _append(conn, TIME_EVENT, contest, entrant, {"seconds": str(seconds)}, who)
        else:
            reason = required_reason(reason)
            previous = row.seconds
            conn.execute(update(T_TIMING).where(T_TIMING.c.id == row.id).values(**values))
            payload = {"seconds": str(seconds), "previous": previous, "reason": reason}
            _append(conn, CORRECT_EVENT, contest, entrant, payload, who)
        return card_in(conn, contest, entrant)


def withdraw_time(db, contest_ref, entrant_ref=None, *, reason: str, **who) -> ScoreCard:
    """Take back a time or a running clock started by mistake (the wrong entrant, a false start):
    the entrant is untimed again and can be timed afresh; the log keeps what it was and why."""
    reason = required_reason(reason)
    with db.write() as conn:
        contest = scorable_contest(conn, contest_ref)
        entrant = _entrant(conn, contest, entrant_ref)
        _clock_of(contest, entrant)
        row = _timing_row(conn, entrant.id)
        if row is None:
            raise refuse("clock.no_time", entrant=entrant.name)
        conn.execute(delete(T_TIMING).where(T_TIMING.c.id == row.id))
        payload = {"previous": row.seconds, "started_at": row.started_at, "reason": reason}
        _append(conn, WITHDRAW_EVENT, contest, entrant, payload, who)
        return card_in(conn, contest, entrant)
