"""What motions, elections and appraisals share: the item list, the congress settings, the
electorate snapshot (roll) taken when counting starts, and the blind second entry.

Items are numbered per congress in one sequence (议程 1, 2, 3 …) so the CLI can address any of
them by number or by title.
"""

import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import Connection, UniqueConstraint, func, insert, select, update
from sqlmodel import Field, SQLModel

from models import audit
from models.attendance import T_CHECKIN
from models.clock import now_iso
from models.congress import (
    T_DELEGATION,
    T_PERSON,
    VOTING,
    CongressInfo,
    require_congress,
    require_sitting,
)
from models.errors import refuse
from models.numerals import row_number
from models.rules.attendance import quorum_met, quorum_required
from models.rules.thresholds import COMPARATORS, GTE, parse_rate

MOTION, ELECTION, APPRAISAL = "motion", "election", "appraisal"
KINDS = (MOTION, ELECTION, APPRAISAL)
ENTRIES = (1, 2)  # the first clerk and the blind second clerk
ROLL_FORMAT = "HWROLL1"


class CongressSetting(SQLModel, table=True):
    __tablename__ = "congress_setting"
    __table_args__ = (UniqueConstraint("congress_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    key: str = Field(max_length=64)
    value: str = Field(max_length=200)


class Roll(SQLModel, table=True):
    """The present voting delegates, frozen when counting of an item starts."""

    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    sitting_id: int = Field(foreign_key="sitting.id")
    due: int
    present: int
    sha256: str = Field(max_length=64)
    at: str = Field(max_length=40)


class RollMember(SQLModel, table=True):
    __tablename__ = "roll_member"
    __table_args__ = (UniqueConstraint("roll_id", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    roll_id: int = Field(foreign_key="roll.id", index=True)
    person_id: int = Field(foreign_key="person.id")


class VoteItem(SQLModel, table=True):
    __tablename__ = "vote_item"
    __table_args__ = (
        UniqueConstraint("congress_id", "number"),
        UniqueConstraint("congress_id", "title"),
    )
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    number: int
    kind: str = Field(max_length=16)
    title: str = Field(max_length=200)
    settings: str = Field(default="{}", max_length=2000)  # JSON, printed on every result
    important: bool = False
    method: str | None = Field(default=None, max_length=16)
    double_entry: bool = False
    issued: int | None = None
    roll_id: int | None = Field(default=None, foreign_key="roll.id")
    parent_id: int | None = Field(default=None, foreign_key="vote_item.id")
    round: int = 1
    counted: bool = False  # 计票完毕: the clerk says every returned ballot is keyed
    created_at: str = Field(max_length=40)


class Nominee(SQLModel, table=True):
    """A candidate on a ballot, or a person appraised, in the order printed."""

    __table_args__ = (UniqueConstraint("item_id", "position"),)
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="vote_item.id", index=True)
    position: int
    name: str = Field(max_length=50)
    post: str | None = Field(default=None, max_length=100)
    person_id: int | None = Field(default=None, foreign_key="person.id")


class Scrutineer(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="vote_item.id", index=True)
    role: str = Field(max_length=16)  # scrutineer 监票人 | counter 计票人
    name: str = Field(max_length=50)


T_SETTING = CongressSetting.__table__
T_ROLL = Roll.__table__
T_ROLL_MEMBER = RollMember.__table__
T_ITEM = VoteItem.__table__
T_NOMINEE = Nominee.__table__
T_SCRUTINEER = Scrutineer.__table__

# Congress-wide defaults (RULES.md: every varying rule is a setting with this default).
SETTING_DEFAULTS = {
    "motion.base": "due",
    "motion.comparator": "gt",
    "election.rate": "5%",
    "election.validity": "gte",
    "election.unreadable": "ignore",
    "election.tie": "runoff",
    "election.shortfall": "reelect",
    "appraisal.denominator": "valid",
    "appraisal.warn": "1/3",
}
SETTING_CHOICES = {
    "motion.base": ("due", "present", "valid"),
    "motion.comparator": COMPARATORS,
    "election.validity": COMPARATORS,
    "election.unreadable": ("ignore", "void"),
    "election.tie": ("runoff", "fewest_no"),
    "election.shortfall": ("reelect", "vacant", "reduce"),
    "appraisal.denominator": ("valid", "returned", "due"),
}


def _check_setting(key: str, value: str) -> str:
    if key not in SETTING_DEFAULTS:
        raise refuse("settings.unknown", key=key)
    value = value.strip()
    if key in SETTING_CHOICES and value not in SETTING_CHOICES[key]:
        raise refuse(
            "settings.bad_value", key=key, value=value, choices=" | ".join(SETTING_CHOICES[key])
        )
    if key in ("election.rate", "appraisal.warn"):
        try:
            parse_rate(value)
        except ValueError:
            raise refuse(
                "settings.bad_value", key=key, value=value, choices="0.05 | 5% | 1/3"
            ) from None
    return value


def check_setting(key: str, value: str) -> str:
    """The value tidied, or the refusal set_setting would meet (asked before the question)."""
    return _check_setting(key, value)


def settings_in(conn: Connection, congress_id: int) -> dict[str, str]:
    stored = dict(
        conn.execute(
            select(T_SETTING.c.key, T_SETTING.c.value).where(T_SETTING.c.congress_id == congress_id)
        ).all()
    )
    return {**SETTING_DEFAULTS, **{k: v for k, v in stored.items() if k in SETTING_DEFAULTS}}


def congress_settings(db) -> dict[str, str]:
    with db.read() as conn:
        return settings_in(conn, require_congress(conn).id)


def set_setting(db, key: str, value: str, *, operator: str = "", station: str = "") -> dict:
    value = _check_setting(key, value)
    with db.write() as conn:
        congress = require_congress(conn)
        where = (T_SETTING.c.congress_id == congress.id) & (T_SETTING.c.key == key)
        if conn.execute(select(T_SETTING.c.id).where(where)).first():
            conn.execute(update(T_SETTING).where(where).values(value=value))
        else:
            conn.execute(insert(T_SETTING).values(congress_id=congress.id, key=key, value=value))
        audit.append(
            conn,
            "settings.set",
            {"key": key, "value": value},
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
        return settings_in(conn, congress.id)


# --- items ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RollInfo:
    id: int
    sitting: str
    due: int
    present: int
    sha256: str
    at: str


@dataclass(frozen=True)
class ItemInfo:
    id: int
    congress_id: int
    number: int
    kind: str
    title: str
    settings: dict
    important: bool
    method: str | None
    double_entry: bool
    issued: int | None
    roll: RollInfo | None
    parent_number: int | None
    round: int
    counted: bool = False
    reopened: bool = False  # reopened since its result was last final: writes are open again
    replaces: dict | None = None  # the earlier final result the current one replaced
    nominees: tuple[str, ...] = ()
    posts: tuple[str | None, ...] = ()
    scrutineers: tuple[str, ...] = ()
    counters: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class ItemSummary:
    number: int
    kind: str
    title: str
    counting: bool  # the roll is frozen


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise refuse("voting.empty_title")
    if len(title) > 200:
        raise refuse("voting.title_too_long")
    return title


def next_number(conn: Connection, congress_id: int) -> int:
    top = conn.execute(
        select(func.max(T_ITEM.c.number)).where(T_ITEM.c.congress_id == congress_id)
    ).scalar()
    return (top or 0) + 1


def insert_item(conn: Connection, congress: CongressInfo, kind: str, title: str, **values) -> int:
    title = clean_title(title)
    taken = conn.execute(
        select(T_ITEM.c.number).where(T_ITEM.c.congress_id == congress.id, T_ITEM.c.title == title)
    ).first()
    if taken:
        raise refuse("voting.duplicate_title", title=title, number=taken.number)
    settings = values.pop("settings", {})
    return conn.execute(
        insert(T_ITEM).values(
            congress_id=congress.id,
            number=next_number(conn, congress.id),
            kind=kind,
            title=title,
            settings=json.dumps(settings, ensure_ascii=False, sort_keys=True),
            created_at=now_iso(),
            **values,
        )
    ).inserted_primary_key[0]


def insert_nominees(conn: Connection, item_id: int, names, posts=None) -> None:
    posts = list(posts or [None] * len(names))
    conn.execute(
        insert(T_NOMINEE),
        [
            {"item_id": item_id, "position": i + 1, "name": n, "post": p}
            for i, (n, p) in enumerate(zip(names, posts, strict=True))
        ],
    )


def insert_scrutineers(conn: Connection, item_id: int, role: str, names) -> None:
    if names:
        conn.execute(
            insert(T_SCRUTINEER), [{"item_id": item_id, "role": role, "name": n} for n in names]
        )


def _item_row(conn: Connection, congress_id: int, ref) -> object:
    text = str(ref).strip()
    query = select(T_ITEM).where(T_ITEM.c.congress_id == congress_id)
    row = None
    if (number := row_number(text)) is not None:
        row = conn.execute(query.where(T_ITEM.c.number == number)).first()
    if row is None:
        row = conn.execute(query.where(T_ITEM.c.title == " ".join(text.split()))).first()
    if row is None:
        raise refuse("voting.no_such_item", ref=text)
    return row


def roll_info(conn: Connection, roll_id: int | None) -> RollInfo | None:
    if roll_id is None:
        return None
    from models.congress import T_SITTING

    row = conn.execute(
        select(T_ROLL, T_SITTING.c.name.label("sitting"))
        .join(T_SITTING, T_SITTING.c.id == T_ROLL.c.sitting_id)
        .where(T_ROLL.c.id == roll_id)
    ).one()
    return RollInfo(row.id, row.sitting, row.due, row.present, row.sha256, row.at)


def load_item(conn: Connection, ref, kind: str | None = None) -> ItemInfo:
    congress = require_congress(conn)
    row = _item_row(conn, congress.id, ref)
    if kind is not None and row.kind != kind:
        raise refuse(f"voting.not_{kind}", ref=str(ref))
    return item_info(conn, row)


def item_info(conn: Connection, row) -> ItemInfo:
    nominees = conn.execute(
        select(T_NOMINEE.c.name, T_NOMINEE.c.post)
        .where(T_NOMINEE.c.item_id == row.id)
        .order_by(T_NOMINEE.c.position)
    ).all()
    people = conn.execute(
        select(T_SCRUTINEER.c.role, T_SCRUTINEER.c.name)
        .where(T_SCRUTINEER.c.item_id == row.id)
        .order_by(T_SCRUTINEER.c.id)
    ).all()
    parent = None
    if row.parent_id is not None:
        parent = conn.execute(select(T_ITEM.c.number).where(T_ITEM.c.id == row.parent_id)).scalar()
    last = _last_lock_event(conn, row.congress_id, row.number)
    final_event = last is not None and last["kind"] == FINAL_EVENT
    return ItemInfo(
        id=row.id,
        congress_id=row.congress_id,
        number=row.number,
        kind=row.kind,
        title=row.title,
        settings=json.loads(row.settings or "{}"),
        important=bool(row.important),
        method=row.method,
        double_entry=bool(row.double_entry),
        issued=row.issued,
        roll=roll_info(conn, row.roll_id),
        parent_number=parent,
        round=row.round,
        counted=bool(row.counted),
        reopened=last is not None and last["kind"] == REOPEN_EVENT,
        replaces=last["payload"].get("replaces") if final_event else None,
        nominees=tuple(n.name for n in nominees),
        posts=tuple(n.post for n in nominees),
        scrutineers=tuple(p.name for p in people if p.role == "scrutineer"),
        counters=tuple(p.name for p in people if p.role == "counter"),
    )


def list_items(db, kind: str | None = None) -> list[ItemSummary]:
    with db.read() as conn:
        congress = require_congress(conn)
        query = select(T_ITEM.c.number, T_ITEM.c.kind, T_ITEM.c.title, T_ITEM.c.roll_id).where(
            T_ITEM.c.congress_id == congress.id
        )
        if kind:
            query = query.where(T_ITEM.c.kind == kind)
        return [
            ItemSummary(r.number, r.kind, r.title, r.roll_id is not None)
            for r in conn.execute(query.order_by(T_ITEM.c.number))
        ]


def check_entry(entry: int) -> int:
    if entry not in ENTRIES:
        raise refuse("voting.bad_entry", entry=entry)
    return entry


# --- the electorate snapshot ----------------------------------------------------------------


def roll_digest(congress_uid: str, sitting: str, codes: list[str]) -> str:
    """SHA-256 over the congress, the sitting and the sorted badge codes of the present voters.

    Printed on every result so anyone holding the check-in list can recompute it.
    """
    text = "\n".join([ROLL_FORMAT, congress_uid, sitting, *sorted(codes)]) + "\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def present_voters(conn: Connection, sitting_id: int) -> list[tuple[int, str, int | None]]:
    """(person id, code, delegation id) of every voting delegate checked in to the sitting."""
    return [
        tuple(r)
        for r in conn.execute(
            select(T_PERSON.c.id, T_PERSON.c.code, T_PERSON.c.delegation_id)
            .join(T_CHECKIN, T_CHECKIN.c.person_id == T_PERSON.c.id)
            .where(T_CHECKIN.c.sitting_id == sitting_id, T_PERSON.c.category == VOTING)
            .order_by(T_PERSON.c.code)
        )
    ]


def due_voters(conn: Connection, congress_id: int) -> int:
    return conn.execute(
        select(func.count())
        .select_from(T_PERSON)
        .where(T_PERSON.c.congress_id == congress_id, T_PERSON.c.category == VOTING)
    ).scalar_one()


def start_counting(conn: Connection, item: ItemInfo, *, operator: str, station: str) -> ItemInfo:
    """Freeze the roll for this item (once). Refused when the quorum is not met (RULES §1)."""
    if item.roll is not None:
        return item
    congress = require_congress(conn)
    sitting = require_sitting(conn, congress)
    voters = present_voters(conn, sitting.id)
    due = due_voters(conn, congress.id)
    if not quorum_met(len(voters), due):
        raise refuse(
            "voting.no_quorum", present=len(voters), due=due, required=quorum_required(due)
        )
    digest = roll_digest(congress.uid, sitting.name, [code for _, code, _ in voters])
    at = now_iso()
    roll_id = conn.execute(
        insert(T_ROLL).values(
            congress_id=congress.id,
            sitting_id=sitting.id,
            due=due,
            present=len(voters),
            sha256=digest,
            at=at,
        )
    ).inserted_primary_key[0]
    conn.execute(
        insert(T_ROLL_MEMBER), [{"roll_id": roll_id, "person_id": pid} for pid, _, _ in voters]
    )
    conn.execute(update(T_ITEM).where(T_ITEM.c.id == item.id).values(roll_id=roll_id))
    audit.append(
        conn,
        "vote.roll",
        {
            "item": item.number,
            "sitting": sitting.name,
            "due": due,
            "present": len(voters),
            "sha256": digest,
        },
        congress_id=congress.id,
        operator=operator,
        station=station,
    )
    return load_item(conn, item.number)


def roll_codes(conn: Connection, roll_id: int) -> list[str]:
    return list(
        conn.execute(
            select(T_PERSON.c.code)
            .join(T_ROLL_MEMBER, T_ROLL_MEMBER.c.person_id == T_PERSON.c.id)
            .where(T_ROLL_MEMBER.c.roll_id == roll_id)
            .order_by(T_PERSON.c.code)
        ).scalars()
    )


def roll_by_delegation(conn: Connection, roll_id: int) -> dict[str, int]:
    """Present voters per delegation name, for per-delegation shows of hands."""
    rows = conn.execute(
        select(T_DELEGATION.c.name, func.count())
        .select_from(
            T_ROLL_MEMBER.join(T_PERSON, T_PERSON.c.id == T_ROLL_MEMBER.c.person_id).join(
                T_DELEGATION, T_DELEGATION.c.id == T_PERSON.c.delegation_id
            )
        )
        .where(T_ROLL_MEMBER.c.roll_id == roll_id)
        .group_by(T_DELEGATION.c.name)
    ).all()
    return dict(rows)


def issue(db, ref, count: int, *, operator: str = "", station: str = "") -> ItemInfo:
    """发出: ballots (or appraisal sheets) issued to present voters; starts the count.

    For a motion this is what ballots keyed one by one are checked against; counted totals
    carry their own 发出."""
    if count < 0:
        raise refuse("voting.negative")
    with db.write() as conn:
        item = writable_item(conn, ref)
        if item.issued is None and item.kind == ELECTION:
            # 发出 is a fact from the hall, not a ballot: a count closed (or imported) before it
            # was registered still takes it, and only then can the result become final.
            refuse_if_locked(conn, item)
        else:
            refuse_if_final(conn, item)
        item = start_counting(conn, item, operator=operator, station=station)
        if count > item.roll.present:
            raise refuse("voting.issued_exceeds_present", issued=count, present=item.roll.present)
        if item.kind == MOTION:
            keyed = _motion_ballots_keyed(conn, item.id)
            if count < keyed:
                raise refuse("voting.issued_below_keyed", issued=count, keyed=keyed)
        conn.execute(update(T_ITEM).where(T_ITEM.c.id == item.id).values(issued=count))
        audit.append(
            conn,
            "vote.issue",
            {"item": item.number, "issued": count},
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        item = load_item(conn, item.number)
        settle(conn, item, operator=operator, station=station)
        return item


def _motion_ballots_keyed(conn: Connection, item_id: int) -> int:
    """The most ballots either clerk has keyed for a motion (an election's ballots above 发出
    are lawful to record: they void the election, RULES §3)."""
    from models.motions import T_MBALLOT

    counts = conn.execute(
        select(func.count()).where(T_MBALLOT.c.item_id == item_id).group_by(T_MBALLOT.c.entry)
    ).scalars()
    return max(counts, default=0)


def count_complete(item: ItemInfo, keyed: int) -> bool:
    """Ballots keyed one by one are all in when the clerk closed the count (计票完毕) or every
    ballot issued has been keyed; fewer back than issued is lawful, so only the clerk knows."""
    return item.counted or (item.issued is not None and keyed >= item.issued)


def refuse_if_closed(item: ItemInfo) -> None:
    """The first entry of a closed count (计票完毕) takes no change; :func:`refuse_if_final` is
    the whole check (a final result too), which every write path calls."""
    if item.counted:
        raise refuse("voting.count_closed", number=item.number)


def set_counted(
    db, ref, counted: bool, *, reason: str = "", operator: str = "", station: str = ""
) -> ItemInfo:
    """Close the count (计票完毕), or reopen it with a reason to correct it.

    Reopening also unlocks a result that is final without a close (counted totals, an appraisal,
    both clerks agreeing): the log keeps what the result was and why it was reopened, and the next
    final result says it replaced it."""
    reason = (reason or "").strip()
    if not counted and not reason:
        raise refuse("common.reason_required")
    with db.write() as conn:
        item = writable_item(conn, ref)
        was = None
        if counted:
            if item.kind == APPRAISAL:
                raise refuse("voting.nothing_to_close")
            if item.counted:
                raise refuse("voting.already_closed")
        else:
            was = locked_outcome(conn, item)
            if not item.counted and was is None:
                raise refuse("voting.not_closed")
        conn.execute(update(T_ITEM).where(T_ITEM.c.id == item.id).values(counted=counted))
        payload = {"item": item.number, **({"reason": reason} if reason else {})}
        if was is not None:
            payload["was"] = was
        audit.append(
            conn,
            "vote.close" if counted else REOPEN_EVENT,
            payload,
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        item = load_item(conn, item.number)
        if counted:
            settle(conn, item, operator=operator, station=station)
        return item


def comparator_setting(value: str) -> str:
    return value if value in COMPARATORS else GTE


# --- final means final ---------------------------------------------------------------------------
#
# An item whose result is final (计票结果已确定) is locked: every write to either entry is refused
# until `huiwu reopen ITEM --reason …`. The lock is not a column but what the log says last about
# the item: "vote.final" (appended by the write that made the result final) or "vote.reopen". A
# final result with neither (a database from before this rule) is locked too.

FINAL_EVENT, REOPEN_EVENT = "vote.final", "vote.reopen"


def writable_item(conn: Connection, ref, kind: str | None = None) -> ItemInfo:
    """The item, its row locked for this write transaction and read again after the lock, so a
    second desk writing the same item waits here and then sees the first desk's result.
    (SQLite's BEGIN IMMEDIATE already lets one writer in at a time.)"""
    item = load_item(conn, ref, kind)
    if conn.dialect.name == "sqlite":
        return item
    conn.execute(select(T_ITEM.c.id).where(T_ITEM.c.id == item.id).with_for_update())
    return load_item(conn, item.number, kind)


def _last_lock_event(conn: Connection, congress_id: int, number: int) -> dict | None:
    """The newest "vote.final" or "vote.reopen" of item ``number``, as {"kind", "payload", "at"}."""
    rows = conn.execute(
        select(audit.T_EVENT.c.kind, audit.T_EVENT.c.payload, audit.T_EVENT.c.at)
        .where(
            audit.T_EVENT.c.congress_id == congress_id,
            audit.T_EVENT.c.kind.in_((FINAL_EVENT, REOPEN_EVENT)),
        )
        .order_by(audit.T_EVENT.c.id.desc())
    )
    for row in rows:
        payload = json.loads(row.payload)
        if payload.get("item") == number:
            return {"kind": row.kind, "payload": payload, "at": row.at}
    return None


def outcome_summary(outcome) -> dict:
    """What a result decided, in a few plain values: logged when it becomes final, quoted when it
    is reopened and when a later result replaces it."""
    item, r = outcome.item, outcome.result
    if item.kind == MOTION:
        return {"passed": r.passed, "yes": r.yes, "no": r.no, "abstain": r.abstain}
    if item.kind == ELECTION:
        return {"valid": r.valid, "elected": list(r.elected), "runoff": list(r.runoff)}
    return {"valid": r.valid, "grades": {s.name: s.grade for s in r.subjects}}


def _may_be_final(conn: Connection, item: ItemInfo) -> bool:
    """False when ballots keyed one by one are still coming in (not closed, fewer keyed than
    issued): then the result cannot be final, and keying a ballot need not tally them all."""
    if item.counted:
        return True
    from models.elections import T_BALLOT
    from models.motions import T_MBALLOT

    table = T_BALLOT if item.kind == ELECTION else T_MBALLOT if item.kind == MOTION else None
    if table is None:
        return True
    keyed = conn.execute(
        select(func.count()).where(table.c.item_id == item.id, table.c.entry == 1)
    ).scalar_one()
    if item.kind == MOTION and not keyed:
        return True  # counted totals: complete as soon as they are in
    return count_complete(item, keyed)


def locked_outcome(conn: Connection, item: ItemInfo) -> dict | None:
    """The summary of this item's result when it is final and not reopened since, else None."""
    from models.results import outcome_in

    if item.reopened or not _may_be_final(conn, item):
        return None
    outcome = outcome_in(conn, item)
    return outcome_summary(outcome) if result_locked(outcome) else None


def result_locked(outcome) -> bool:
    """Final and not reopened since: what the screens show as locked and offer F7 to reopen."""
    return outcome.final and not outcome.item.reopened


def outcome_word(kind: str, summary: dict) -> tuple[str, str]:
    """(catalog code, names) saying in a word what a summary decided: 通过, 当选：甲、乙 …"""
    if kind == MOTION:
        return ("passed" if summary["passed"] else "not_passed"), ""
    if not summary.get("valid", True):
        return "void", ""
    if kind == ELECTION:
        elected = summary.get("elected") or []
        return ("elected" if elected else "none_elected"), "、".join(elected)
    return "appraised", ""


def refuse_if_final(conn: Connection, item: ItemInfo, entry: int = 1) -> None:
    """Every write to a voting item calls this inside its write transaction, after
    :func:`writable_item`: a closed count refuses the first entry, a final result both entries,
    each with the command that reopens it."""
    if entry == 1:
        refuse_if_closed(item)
    refuse_if_locked(conn, item)


def refuse_if_locked(conn: Connection, item: ItemInfo) -> None:
    """A final result refuses every write until it is reopened with a reason."""
    summary = locked_outcome(conn, item)
    if summary is not None:
        outcome, names = outcome_word(item.kind, summary)
        raise refuse("voting.result_final", number=item.number, outcome=outcome, names=names)


def settle(conn: Connection, item: ItemInfo, *, operator: str = "", station: str = "") -> None:
    """After a write: when the result has just become final, log it ("vote.final"), saying which
    earlier result it replaces when the item had been reopened. ``item`` is as the write left its
    row (a write that changed 发出 or 计票完毕 passes it read again)."""
    from models.results import outcome_in

    if not _may_be_final(conn, item):
        return
    outcome = outcome_in(conn, item)
    if not outcome.final:
        return
    last = _last_lock_event(conn, item.congress_id, item.number)
    if last is not None and last["kind"] == FINAL_EVENT:
        return
    payload = {"item": item.number, "outcome": outcome_summary(outcome)}
    if last is not None and "was" in last["payload"]:
        payload["replaces"] = {
            "outcome": last["payload"]["was"],
            "reason": last["payload"].get("reason", ""),
            "at": last["at"],
        }
    audit.append(
        conn,
        FINAL_EVENT,
        payload,
        congress_id=item.congress_id,
        operator=operator,
        station=station,
    )
