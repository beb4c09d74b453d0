"""Settling a blind double entry: re-key one ballot (or one person's marks) of one entry.

When the two clerks' entries disagree, somebody takes the paper ballot out of the box and keys it
again into whichever entry was wrong. Each service here replaces exactly one stored ballot of one
entry in one transaction and appends an audit event with the old content, the new content and
the reason, so `huiwu verify` replays it (models/replay.py). Nothing is created: a ballot number
the entry does not hold is refused, as is an unchanged ballot, an empty reason or bad marks.
A closed count (计票完毕) keeps refusing the first entry until it is reopened with a reason.
"""

from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update

from models import audit
from models.appraisals import T_MARKS, _position, _sheets, appraisal_outcome
from models.appraisals import _settings as appraisal_settings
from models.elections import (
    T_BALLOT,
    WRITE_IN_SEPARATOR,
    _ballot_values,
    _settings,
    clean_names,
    election_outcome,
    refuse_write_ins,
)
from models.errors import refuse
from models.motions import CHOICES, T_MBALLOT, motion_outcome
from models.rules.appraisal import count_problems
from models.rules.election import (
    BLANK,
    NO,
    UNREADABLE,
    YES,
    Ballot,
    ballot_problems,
    chosen_names,
    is_void,
)
from models.voting import (
    APPRAISAL,
    ELECTION,
    MOTION,
    check_entry,
    keyable_item,
    load_item,
    settle,
)

# What a clerk may type for each mark: the printed signs, the keying keys, and plain letters.
MARK_WORDS = {
    YES: "○〇oO1",
    NO: "×xX✕2",
    BLANK: "-—·.0空",
    UNREADABLE: "?？",
}
WRITE_INS_MAX = 400  # the column's width (election_ballot.write_ins)


def _writable(conn: Connection, ref, kind: str, entry: int):
    """The item locked for this write, refused when the result is final (it is reopened with a
    reason first: then re-keying corrects a final result) or, for the first entry, closed."""
    item = keyable_item(conn, ref, kind, entry)
    return item


def _reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise refuse("common.reason_required")
    return reason


def marks_from_text(text: str, candidates: int) -> str:
    """ "○×○" / "ox-" / "○ × 空" → the stored marks; one mark per candidate, in ballot order.

    Spaces separate marks only when the clerk typed them between marks; a blank is written ``-``
    or ``空`` (an empty cell cannot be seen on the command line)."""
    signs = {ch: mark for mark, chars in MARK_WORDS.items() for ch in chars}
    marks = []
    for ch in "".join((text or "").split()):
        if ch not in signs:
            raise refuse("rekey.bad_mark", mark=ch)
        marks.append(signs[ch])
    if len(marks) != candidates:
        raise refuse("rekey.marks_count", count=len(marks), candidates=candidates)
    return "".join(marks)


# --- motions ------------------------------------------------------------------------------------


def rekey_motion_ballot(
    db,
    ref,
    number: int,
    choice: str,
    *,
    entry: int,
    reason: str,
    operator: str = "",
    station: str = "",
):
    """Ballot ``number`` of ``entry`` now says ``choice`` (yes | no | abstain | invalid)."""
    check_entry(entry)
    reason = _reason(reason)
    if choice not in CHOICES:
        raise refuse("motion.bad_choice", choice=choice)
    with db.write() as conn:
        item = _writable(conn, ref, MOTION, entry)
        where = (
            (T_MBALLOT.c.item_id == item.id)
            & (T_MBALLOT.c.entry == entry)
            & (T_MBALLOT.c.number == number)
        )
        old = conn.execute(select(T_MBALLOT.c.choice).where(where)).scalar()
        if old is None:
            raise refuse("rekey.no_such_ballot", number=number, entry=entry)
        if old == choice:
            raise refuse("rekey.unchanged", number=number, entry=entry)
        conn.execute(update(T_MBALLOT).where(where).values(choice=choice))
        audit.append(
            conn,
            "motion.ballot_rekey",
            {
                "item": item.number,
                "entry": entry,
                "number": number,
                "choice": choice,
                "was": old,
                "reason": reason,
            },
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        settle(conn, item, operator=operator, station=station)
    return motion_outcome(db, ref)


# --- elections ----------------------------------------------------------------------------------


def _stored_ballot(row) -> Ballot:
    names = tuple(w for w in (row.write_ins or "").split(WRITE_IN_SEPARATOR) if w)
    return Ballot(row.number, row.marks, names, bool(row.malformed))


def _ballot_payload(ballot: Ballot) -> dict:
    return {
        "marks": ballot.marks,
        "write_ins": list(ballot.write_ins),
        "malformed": ballot.malformed,
    }


def _check_new_ballot(item, ballot: Ballot, void: bool) -> None:
    """Marks that fit the ballot, write-ins that fit the column, and an over-filled ballot only
    when the clerk says it is void on paper too (a typo must not silently void a vote)."""
    problems = ballot_problems(ballot, len(item.nominees))
    if problems:
        raise problems[0]
    if len(WRITE_IN_SEPARATOR.join(ballot.write_ins)) > WRITE_INS_MAX:
        raise refuse("rekey.write_ins_too_long", max=WRITE_INS_MAX)
    seats = _settings(item).seats
    chosen = len(chosen_names(ballot, item.nominees))
    if chosen > seats and not void:
        raise refuse("rekey.overfilled", number=ballot.number, chosen=chosen, seats=seats)


def rekey_election_ballot(
    db,
    ref,
    number: int,
    marks: str,
    write_ins=(),
    *,
    entry: int,
    reason: str,
    void: bool = False,
    operator: str = "",
    station: str = "",
):
    """Ballot ``number`` of ``entry`` now holds ``marks`` (stored letters: o x - ?) and the
    names written in. ``void=True`` confirms an over-filled ballot is 废票 on paper."""
    check_entry(entry)
    reason = _reason(reason)
    ballot = Ballot(number, marks, tuple(clean_names(list(write_ins))))
    with db.write() as conn:
        item = _writable(conn, ref, ELECTION, entry)
        _check_new_ballot(item, ballot, void)
        refuse_write_ins(item, [ballot])
        where = (
            (T_BALLOT.c.item_id == item.id)
            & (T_BALLOT.c.entry == entry)
            & (T_BALLOT.c.number == number)
        )
        row = conn.execute(select(T_BALLOT).where(where)).first()
        if row is None:
            raise refuse("rekey.no_such_ballot", number=number, entry=entry)
        old = _stored_ballot(row)
        if _same_ballot(old, ballot):
            raise refuse("rekey.unchanged", number=number, entry=entry)
        conn.execute(delete(T_BALLOT).where(where))
        conn.execute(insert(T_BALLOT).values(**_ballot_values(item, ballot, entry)))
        audit.append(
            conn,
            "ballot.rekey",
            {
                "item": item.number,
                "entry": entry,
                "number": number,
                **_ballot_payload(ballot),
                "void": is_void(ballot, item.nominees, _settings(item)),
                "was": _ballot_payload(old),
                "reason": reason,
            },
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        settle(conn, item, operator=operator, station=station)
    return election_outcome(db, ref)


def _same_ballot(a: Ballot, b: Ballot) -> bool:
    return (a.marks, sorted(a.write_ins), a.malformed) == (b.marks, sorted(b.write_ins), False)


# --- appraisals ---------------------------------------------------------------------------------


def rekey_appraisal_marks(
    db,
    ref,
    subject,
    counts,
    *,
    entry: int,
    reason: str,
    operator: str = "",
    station: str = "",
):
    """One person's counts of ``entry`` keyed again (one per option of the scale)."""
    check_entry(entry)
    reason = _reason(reason)
    counts = tuple(int(c) for c in counts)
    with db.write() as conn:
        item = _writable(conn, ref, APPRAISAL, entry)
        position = _position(item, subject)
        name = item.nominees[position - 1]
        where = (
            (T_MARKS.c.item_id == item.id)
            & (T_MARKS.c.entry == entry)
            & (T_MARKS.c.position == position)
        )
        stored = conn.execute(select(T_MARKS.c.counts).where(where)).scalar()
        if stored is None:
            raise refuse("rekey.no_such_marks", name=name, entry=entry)
        problems = count_problems(
            name, counts, appraisal_settings(item).scale, _sheets(conn, item, entry)
        )
        if problems:
            raise problems[0]
        old = tuple(int(x) for x in stored.split(","))
        if old == counts:
            raise refuse("rekey.unchanged_marks", name=name, entry=entry)
        conn.execute(update(T_MARKS).where(where).values(counts=",".join(map(str, counts))))
        audit.append(
            conn,
            "appraisal.marks_rekey",
            {
                "item": item.number,
                "entry": entry,
                "subject": name,
                "counts": list(counts),
                "was": list(old),
                "reason": reason,
            },
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        settle(conn, item, operator=operator, station=station)
    return appraisal_outcome(db, ref)


# --- what the differences list offers to re-key -------------------------------------------------


@dataclass(frozen=True)
class EntryBallot:
    """One entry's stored ballot, for the re-key dialog to start from (None: not keyed)."""

    number: int
    entry: int
    choice: str | None = None  # a motion ballot
    ballot: Ballot | None = None  # an election ballot


def stored_ballot(db, ref, number: int, entry: int) -> EntryBallot:
    check_entry(entry)
    with db.read() as conn:
        item = load_item(conn, ref)
        return _stored_in(conn, item, number, entry)


def _stored_in(conn: Connection, item, number: int, entry: int) -> EntryBallot:
    if item.kind == MOTION:
        choice = conn.execute(
            select(T_MBALLOT.c.choice).where(
                T_MBALLOT.c.item_id == item.id,
                T_MBALLOT.c.entry == entry,
                T_MBALLOT.c.number == number,
            )
        ).scalar()
        return EntryBallot(number, entry, choice=choice)
    row = conn.execute(
        select(T_BALLOT).where(
            T_BALLOT.c.item_id == item.id, T_BALLOT.c.entry == entry, T_BALLOT.c.number == number
        )
    ).first()
    return EntryBallot(number, entry, ballot=None if row is None else _stored_ballot(row))


def appraisal_levels(item, difference) -> list[tuple[str, int | None, int | None]]:
    """(option id, first, second) for each level of a person's marks on which the two entries
    differ; every level when one entry has no marks for that person."""
    if difference.key in ("returned", "invalid"):
        return []
    from models.rules.appraisal import SCALES

    options = SCALES[item.settings.get("scale", "sat3")]

    def counts(text):
        return [None] * len(options) if text is None else [int(x) for x in text.split("/")]

    first, second = counts(difference.first), counts(difference.second)
    return [(o.id, a, b) for o, a, b in zip(options, first, second, strict=False) if a != b]


def stored_marks(db, ref, subject, entry: int) -> tuple[int, ...] | None:
    """One person's counts in one entry, as stored (None: not keyed)."""
    check_entry(entry)
    with db.read() as conn:
        item = load_item(conn, ref, APPRAISAL)
        stored = conn.execute(
            select(T_MARKS.c.counts).where(
                T_MARKS.c.item_id == item.id,
                T_MARKS.c.entry == entry,
                T_MARKS.c.position == _position(item, subject),
            )
        ).scalar()
    return None if stored is None else tuple(int(x) for x in stored.split(","))
