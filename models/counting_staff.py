"""监票人 and 计票人 who are not checked in to the current sitting (issue 17): a warning, never a
refusal — the staff sign the result, so the desk should notice that one of them is not in."""

from dataclasses import dataclass

from sqlalchemy import Connection, select

from models.attendance import T_CHECKIN
from models.congress import T_PERSON, require_congress
from models.rules.election import normalize_name
from models.voting import ELECTION, ItemInfo, load_item


@dataclass(frozen=True)
class StaffAway:
    name: str
    role: str  # scrutineer | counter
    on_roster: bool  # False: no one of that name on the roster, so nobody can check them in


def staff_away_in(conn: Connection, item: ItemInfo) -> list[StaffAway]:
    """Counting staff of ``item`` not checked in to the current sitting, in the item's order.

    With no current sitting nobody is checked in, and every named person is reported."""
    named = [("scrutineer", n) for n in item.scrutineers] + [("counter", n) for n in item.counters]
    if not named:
        return []
    congress = require_congress(conn)
    people = conn.execute(
        select(T_PERSON.c.id, T_PERSON.c.name).where(T_PERSON.c.congress_id == congress.id)
    ).all()
    ids_by_name: dict[str, set[int]] = {}
    for person_id, name in people:
        ids_by_name.setdefault(normalize_name(name), set()).add(person_id)
    present: set[int] = set()
    if congress.current_sitting_id is not None:
        present = set(
            conn.execute(
                select(T_CHECKIN.c.person_id).where(
                    T_CHECKIN.c.sitting_id == congress.current_sitting_id
                )
            ).scalars()
        )
    away = []
    for role, name in named:
        ids = ids_by_name.get(normalize_name(name), set())
        if not ids & present:  # two people of one name: either being in will do
            away.append(StaffAway(name, role, bool(ids)))
    return away


def staff_away(db, ref) -> list[StaffAway]:
    with db.read() as conn:
        return staff_away_in(conn, load_item(conn, ref, ELECTION))
