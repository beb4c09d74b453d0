"""What the desk shows on ✔ under the name: a person's own note (roster column 备注/提示, or set
at the desk) and their category's note (a congress setting, e.g. 列席代表 →「请领取列席证」)."""

from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from models import audit
from models.congress import CATEGORIES, CATEGORY_ALIASES, T_PERSON, require_congress
from models.db import Database
from models.errors import refuse
from models.io.table_file import clean_text

MAX_NOTE = 200
NOTE_PREFIX = "note."


def category_note_key(key: str) -> str | None:
    """``note.attendee`` (or ``note.列席代表``) → ``note.attendee``; None for any other key."""
    if not key.startswith(NOTE_PREFIX):
        return None
    name = key[len(NOTE_PREFIX) :].strip()
    category = name if name in CATEGORIES else CATEGORY_ALIASES.get(name)
    if category is None:
        raise refuse("notes.bad_category", value=name, choices=" | ".join(CATEGORIES))
    return NOTE_PREFIX + category


def check_note(value: str | None) -> str:
    """A note as stored: on one line, trimmed; empty clears it; too long is refused."""
    note = clean_text(value or "")
    if len(note) > MAX_NOTE:
        raise refuse("notes.too_long", max=MAX_NOTE)
    return note


def category_notes(conn: Connection, congress_id: int) -> dict[str, str]:
    """category → its note, for the categories that have one."""
    from models.voting.records import T_SETTING  # voting builds on the roster

    rows = conn.execute(
        select(T_SETTING.c.key, T_SETTING.c.value).where(
            T_SETTING.c.congress_id == congress_id, T_SETTING.c.key.startswith(NOTE_PREFIX)
        )
    ).all()
    return {key[len(NOTE_PREFIX) :]: value for key, value in rows if value}


def congress_notes(db: Database) -> dict[str, str]:
    with db.read() as conn:
        return category_notes(conn, require_congress(conn).id)


@dataclass(frozen=True)
class PersonNote:
    code: str
    name: str
    note: str | None


def person_note(db: Database, code: str) -> PersonNote:
    with db.read() as conn:
        congress = require_congress(conn)
        found = _person(conn, congress.id, code)
    return PersonNote(found.code, found.name, found.note)


def set_person_note(
    db: Database, code: str, note: str | None, *, operator: str = "", station: str = ""
) -> PersonNote:
    """A person's own note, set (or cleared with an empty text) and logged as a change of the
    person (verify replays it like a roster change)."""
    text = check_note(note) or None
    with db.write() as conn:
        congress = require_congress(conn)
        found = _person(conn, congress.id, code)
        if found.note != text:
            conn.execute(update(T_PERSON).where(T_PERSON.c.id == found.id).values(note=text))
            audit.append(
                conn,
                "person.note",
                {"people": {"changed": [{"code": found.code, "note": [found.note, text]}]}},
                congress_id=congress.id,
                operator=operator,
                station=station,
            )
    return PersonNote(found.code, found.name, text)


def _person(conn: Connection, congress_id: int, code: str):
    found = conn.execute(
        select(T_PERSON.c.id, T_PERSON.c.code, T_PERSON.c.name, T_PERSON.c.note).where(
            T_PERSON.c.congress_id == congress_id, T_PERSON.c.code == code.strip()
        )
    ).first()
    if found is None:
        raise refuse("notes.unknown_person", code=code)
    return found
