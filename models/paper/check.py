"""The blind second entry of an election or a 表决票 read by machine (RULES §3: a machine never
decides alone). The machine's reading is the first entry; the congress's setting ``paper.check`` says what
a clerk keys again, blind: ``all`` ballots (the default), or a random sample of N ballots drawn
once the first entry is complete. Any difference blocks the result exactly as double entry does.

Scanning an election or a motion marks it for double entry (in the same transaction as its first
scanned ballot, logged), so its result is never final on the machine's reading alone."""

import json
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from models import audit
from models.errors import refuse
from models.paper.records import T_PAPER
from models.voting import (
    ELECTION,
    MOTION,
    T_ITEM,
    ItemInfo,
    count_complete,
    keyable_item,
    settings_in,
)

CHECK_SETTING = "paper.check"
ALL = "all"
SAMPLE_KEY = "check_sample"  # in the item's settings: the ballot numbers drawn


def check_value(value: str) -> str:
    """``all``, or a sample size (a whole number from 1)."""
    value = value.strip().lower()
    if value == ALL or (value.isdigit() and int(value) >= 1):
        return str(int(value)) if value.isdigit() else ALL
    raise refuse("settings.bad_value", key=CHECK_SETTING, value=value, choices="all | 20")


def second_entry_needed(conn: Connection, item: ItemInfo, **who) -> ItemInfo:
    """An election gets its first scanned ballot: from now on its result waits for a clerk's
    blind second entry (all ballots or the sample)."""
    if item.kind not in (ELECTION, MOTION) or item.double_entry:
        return item
    conn.execute(update(T_ITEM).where(T_ITEM.c.id == item.id).values(double_entry=True))
    check = settings_in(conn, item.congress_id).get(CHECK_SETTING, ALL)
    audit.append(
        conn,
        "paper.second_entry",
        {"item": item.number, "check": check},
        congress_id=item.congress_id,
        **who,
    )
    return keyable_item(conn, item.number, item.kind)


@dataclass(frozen=True)
class SampleBallot:
    number: int
    source: str  # the scan it was read from ("" when keyed by hand)


def draw_sample(db, ref, *, operator: str = "", station: str = "") -> list[SampleBallot]:
    """Draw the ballots a clerk keys again, once, when the first entry is complete; the numbers
    are kept with the item and logged. Nothing is drawn when the setting is ``all``."""
    with db.write() as conn:
        item = keyable_item(conn, ref, None, 2)
        if item.kind not in (ELECTION, MOTION):
            raise refuse("paper.sample_ballots_only")
        size = settings_in(conn, item.congress_id).get(CHECK_SETTING, ALL)
        if size == ALL:
            raise refuse("paper.check_all")
        if SAMPLE_KEY in item.settings:
            raise refuse("paper.sample_drawn", numbers=_words(item.settings[SAMPLE_KEY]))
        numbers = first_entry_numbers(conn, item)
        if not count_complete(item, len(numbers)):
            raise refuse("paper.sample_too_early", number=item.number)
        drawn = sorted(secrets.SystemRandom().sample(numbers, min(int(size), len(numbers))))
        settings = {**item.settings, SAMPLE_KEY: drawn}
        conn.execute(
            update(T_ITEM)
            .where(T_ITEM.c.id == item.id)
            .values(
                settings=json.dumps(settings, ensure_ascii=False, sort_keys=True), double_entry=True
            )
        )
        audit.append(
            conn,
            "paper.sample",
            {"item": item.number, "size": int(size), "numbers": drawn},
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        return sample_sources(conn, item, drawn)


def first_entry_numbers(conn: Connection, item: ItemInfo) -> list[int]:
    from models.elections import T_BALLOT
    from models.motions import T_MBALLOT

    table = T_BALLOT if item.kind == ELECTION else T_MBALLOT
    return list(
        conn.execute(
            select(table.c.number).where(table.c.item_id == item.id, table.c.entry == 1)
        ).scalars()
    )


def sample_of(db, ref) -> list[SampleBallot]:
    from models.voting import load_item

    with db.read() as conn:
        item = load_item(conn, ref)
        return sample_sources(conn, item, item.settings.get(SAMPLE_KEY, []))


def sample_sources(conn: Connection, item: ItemInfo, numbers) -> list[SampleBallot]:
    """Each drawn ballot with the scan it was read from, so the clerk can find the sheet."""
    from models.paper.sheets import item_numbers

    rows = conn.execute(
        select(T_PAPER.c.ballot, T_PAPER.c.source, T_PAPER.c.sheet).where(
            T_PAPER.c.congress_id == item.congress_id,
            T_PAPER.c.test.is_(False),
            T_PAPER.c.ballot.in_(list(numbers)),
        )
    ).all()
    sources = {n: src for n, src, sheet in rows if item.number in (item_numbers(sheet) or ())}
    return [SampleBallot(n, sources.get(n, "")) for n in numbers]


def _words(numbers) -> str:
    return "、".join(str(n) for n in numbers)
