"""The ballots a fully read (or fully decided) page makes, keyed as the first entry exactly as a
clerk's keying would be (same refusals, same audit events, same void rule for an over-filled
ballot), inside the transaction that stores the page."""

import json

from sqlalchemy import Connection, select, update

from models.errors import refuse
from models.paper.readings import election_ballot_parts, motion_choice, row_choices
from models.paper.records import DECIDED, READ, REVIEW, T_PAPER
from models.paper.sheets import Sheet
from models.voting import ELECTION, MOTION

ENTRY = 1  # the machine's reading is the first entry; a clerk's blind keying is the second


def make_ballots(
    conn: Connection,
    sheet: Sheet,
    page_id: int,
    page: int,
    stored: dict,
    decisions: dict,
    *,
    operator: str = "",
    station: str = "",
) -> int | None:
    """Key the page's ballots; returns the ballot's number (a 表决票's first motion's; None for a
    测评表, counted as totals) and notes it on the page."""
    who = {"operator": operator, "station": station}
    if sheet.kind == ELECTION:
        number = _election_ballot(conn, sheet, stored, decisions, **who)
    elif sheet.kind == MOTION:
        number = _motion_ballots(conn, sheet, page, stored, decisions, **who)
    else:  # a 测评表 counts as totals, once the pages are all in (count_appraisal)
        number = None
    conn.execute(update(T_PAPER).where(T_PAPER.c.id == page_id).values(ballot=number))
    return number


def _election_ballot(conn, sheet: Sheet, stored: dict, decisions: dict, **who) -> int:
    from models.elections import key_ballot
    from models.paper.check import second_entry_needed
    from models.rules.election import Ballot
    from models.voting import keyable_item

    second_entry_needed(conn, keyable_item(conn, sheet.items[0].number, ELECTION), **who)
    marks, names = election_ballot_parts(stored, decisions)
    receipt = key_ballot(conn, sheet.items[0].number, Ballot(0, marks, names), entry=ENTRY, **who)
    return receipt.number


def _motion_ballots(conn, sheet: Sheet, page: int, stored: dict, decisions: dict, **who) -> int:
    """One ballot per motion on the page; returns the first one's number (the page's ballots are
    read in turn, so each motion's ballot from this page has the same number unless hands keyed
    some between scans)."""
    from models.motions import key_motion_ballot
    from models.paper.check import second_entry_needed
    from models.voting import keyable_item

    cells = [(box.row, box.option) for box in sheet.real.page_boxes(page)]
    numbers = []
    for row, chosen in row_choices(stored, decisions, cells).items():
        item = sheet.items[row]
        second_entry_needed(conn, keyable_item(conn, item.number, MOTION), **who)
        numbers.append(
            key_motion_ballot(conn, item.number, motion_choice(chosen), entry=ENTRY, **who)
        )
    return numbers[0]


def count_appraisal(db, refs, *, operator: str = "", station: str = "") -> tuple[int, int]:
    """Write a 测评表's first entry from its scanned pages: 收回 = the pages read or decided (one
    page is one sheet), each person's counts from their rows. Written once every page is in and
    decided, since the totals make the result final; a later page needs the count reopened.
    Returns (sheets, pages still waiting for a person: then nothing is written)."""
    from models.paper.sheets import load_sheet

    with db.write() as conn:
        sheet = load_sheet(conn, refs)
        if sheet.kind != "appraisal":
            raise refuse("paper.count_appraisal_only")
        waiting = conn.execute(
            select(T_PAPER.c.id).where(
                T_PAPER.c.congress_id == sheet.items[0].congress_id,
                T_PAPER.c.sheet == sheet.ref,
                T_PAPER.c.test.is_(False),
                T_PAPER.c.status == REVIEW,
            )
        ).all()
        if waiting:
            raise refuse("paper.count_waiting", count=len(waiting))
        return _appraisal_totals(conn, sheet, operator=operator, station=station), 0


def _appraisal_totals(conn, sheet: Sheet, **who) -> int:
    """A row with two ○ or a mark that is not a plain ○ counts for no level (blank for that
    person), like a row left empty."""
    from models.appraisals import key_marks, key_sheets

    item = sheet.items[0]
    rows = conn.execute(
        select(T_PAPER.c.page, T_PAPER.c.reading, T_PAPER.c.decisions).where(
            T_PAPER.c.congress_id == item.congress_id,
            T_PAPER.c.sheet == sheet.ref,
            T_PAPER.c.test.is_(False),
            T_PAPER.c.status.in_((READ, DECIDED)),
        )
    ).all()
    levels = len(sheet.real.spec.options)
    counts = [[0] * levels for _ in item.nominees]
    for page, reading, decisions in rows:
        cells = [(box.row, box.option) for box in sheet.real.page_boxes(page)]
        chosen = row_choices(json.loads(reading), json.loads(decisions), cells)
        for row, level in chosen.items():
            if level is not None and level >= 0:
                counts[row][level] += 1
    if not rows:
        raise refuse("paper.nothing_scanned")
    key_sheets(conn, item.number, returned=len(rows), entry=ENTRY, **who)
    for name, person in zip(item.nominees, counts, strict=True):
        key_marks(conn, item.number, name, person, entry=ENTRY, **who)
    return len(rows)
