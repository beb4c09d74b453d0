"""Small builders shared by the tests: people straight into the roster, signed badge texts."""

from sqlalchemy import insert, select

from models import badge_code
from models.congress import T_DELEGATION, T_PERSON, congress_secret, require_congress
from models.db import Database


def add_people(db: Database, people: list[tuple[str, str, str | None, str]]) -> None:
    """(code, name, delegation, category) rows for the current congress."""
    from models.roster import people_initials

    with db.write() as conn:
        congress = require_congress(conn)
        delegations: dict[str, int] = {}
        for _code, _name, delegation, _category in people:
            if delegation and delegation not in delegations:
                found = conn.execute(
                    select(T_DELEGATION.c.id).where(
                        T_DELEGATION.c.congress_id == congress.id, T_DELEGATION.c.name == delegation
                    )
                ).scalar()
                delegations[delegation] = (
                    found
                    or conn.execute(
                        insert(T_DELEGATION).values(congress_id=congress.id, name=delegation)
                    ).inserted_primary_key[0]
                )
        conn.execute(
            insert(T_PERSON),
            [
                {
                    "congress_id": congress.id,
                    "code": code,
                    "name": name,
                    "delegation_id": delegations.get(delegation) if delegation else None,
                    "category": category,
                    "initials": people_initials(name),
                }
                for code, name, delegation, category in people
            ],
        )


def delegates(count: int, delegation: str = "第一代表团", prefix: str = "D") -> list:
    return [(f"{prefix}{i:04d}", f"代表{i}", delegation, "delegate") for i in range(1, count + 1)]


def badge(db: Database, code: str) -> str:
    with db.read() as conn:
        congress = require_congress(conn)
        return badge_code.badge_text(congress_secret(conn, congress.id), congress.uid, code)


def seat_voters(
    db: Database, count: int, present: int, delegations: tuple[str, ...] = ("第一代表团",)
) -> list[str]:
    """``count`` voting delegates dealt round-robin into ``delegations`` (code V0001 goes to the
    first one), and the first ``present`` of them checked in to the current sitting by code.
    Returns every code, in order."""
    people = [
        (f"V{i:04d}", f"选民{i}", delegations[(i - 1) % len(delegations)], "delegate")
        for i in range(1, count + 1)
    ]
    add_people(db, people)
    codes = [code for code, *_ in people]
    check_in_codes(db, codes[:present])
    return codes


def check_in_codes(db: Database, codes: list[str]) -> None:
    """Manual check-in of each code (as the F2 desk does), asserting each one succeeds."""
    from models.attendance import check_in

    for code in codes:
        assert check_in(db, code, station="测试台").status == "ok", code


def row_count(db: Database, table) -> int:
    """Rows in a table (a SQLAlchemy Table), e.g. to show that a refused call changed nothing."""
    from sqlalchemy import func

    with db.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def event_count(db: Database) -> int:
    from models.audit import T_EVENT

    return row_count(db, T_EVENT)


async def settle(pilot) -> None:
    """Wait until every queued key, message and worker has finished (no sleeping), and an
    Esc Esc walk back to the scan field (timer steps, tui/app.py) has arrived."""
    await pilot.pause()
    while any(not worker.is_finished for worker in pilot.app.workers):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    while getattr(pilot.app, "going_home", False):
        await pilot.pause(0.02)
        await settle(pilot)
    await pilot.pause()


def import_people(db: Database, folder, people: list[tuple], **options):
    """(code, name, delegation, category[, unit]) rows imported as a roster CSV, through the
    logged import (unlike add_people, which writes behind the log). Returns the ImportReport."""
    import csv
    from pathlib import Path

    from models.roster import import_roster

    path = Path(folder) / f"roster-{event_count(db)}.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["编号", "姓名", "代表团", "类别", "单位"])
        for code, name, delegation, category, *unit in people:
            writer.writerow([code, name, delegation or "", category, unit[0] if unit else ""])
    return import_roster(db, path, **options)


SUFFIX_KEYS = {"\r": "enter", "\t": "tab", "\n": "ctrl+j"}


async def scan_burst(pilot, text: str, suffix: str = "\r") -> None:
    """What a keyboard-wedge scanner does: every key of the badge and its suffix queued at once
    (as a terminal delivers them), into whatever has the focus. ``pilot.press`` waits between
    keys, which on a loaded machine reads as a person typing (tui/scan_router.py)."""
    from textual import events

    for char in text + suffix:
        pilot.app.post_message(events.Key(SUFFIX_KEYS.get(char, char), char))
    await settle(pilot)
