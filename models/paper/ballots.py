"""The ballots a fully read (or fully decided) page makes, keyed as the first entry exactly as a
clerk's keying would be (same refusals, same audit events, same void rule for an over-filled
ballot), inside the transaction that stores the page."""

from sqlalchemy import Connection, update

from models.errors import refuse
from models.paper.readings import election_ballot_parts, motion_choice, row_choices
from models.paper.records import T_PAPER
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
    """Key the page's ballots; returns the election ballot's number (None for a 表决票, whose
    ballots are one per motion) and notes it on the page."""
    who = {"operator": operator, "station": station}
    if sheet.kind == ELECTION:
        number = _election_ballot(conn, sheet, stored, decisions, **who)
    elif sheet.kind == MOTION:
        _motion_ballots(conn, sheet, page, stored, decisions, **who)
        number = None
    else:
        raise refuse("paper.appraisal_by_hand")
    conn.execute(update(T_PAPER).where(T_PAPER.c.id == page_id).values(ballot=number))
    return number


def _election_ballot(conn, sheet: Sheet, stored: dict, decisions: dict, **who) -> int:
    from models.elections import key_ballot
    from models.rules.election import Ballot

    marks, names = election_ballot_parts(stored, decisions)
    receipt = key_ballot(conn, sheet.items[0].number, Ballot(0, marks, names), entry=ENTRY, **who)
    return receipt.number


def _motion_ballots(conn, sheet: Sheet, page: int, stored: dict, decisions: dict, **who) -> None:
    from models.motions import key_motion_ballot

    cells = [(box.row, box.option) for box in sheet.real.page_boxes(page)]
    for row, chosen in row_choices(stored, decisions, cells).items():
        item = sheet.items[row]
        key_motion_ballot(conn, item.number, motion_choice(chosen), entry=ENTRY, **who)
