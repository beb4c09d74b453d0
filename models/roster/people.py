"""The roster's people as plain rows, and their 拼音 initials (for search by initials)."""

import unicodedata
from dataclasses import dataclass

from sqlalchemy import select

from models.congress import T_DELEGATION, T_PERSON, require_congress
from models.db import Database

MAX_INITIALS = 64
IN_CHUNK = 500

# Surnames whose reading differs from the character's everyday one (单 shàn, not dān).
SURNAME_INITIALS = {
    "单": "s",
    "曾": "z",
    "解": "x",
    "仇": "q",
    "朴": "p",
    "查": "z",
    "区": "o",
    "乐": "y",
    "覃": "q",
    "缪": "m",
    "翟": "z",
    "召": "s",
    "繁": "p",
    "秘": "b",
    "种": "c",
    "重": "c",
}

_initial_cache: dict[str, str] = {}


def _char_initial(char: str) -> str:
    found = _initial_cache.get(char)
    if found is None:
        if char.isascii():
            found = char.lower() if char.isalnum() else ""
        else:
            from pypinyin import Style, lazy_pinyin

            letters = lazy_pinyin(char, style=Style.FIRST_LETTER, errors="ignore")
            found = letters[0][:1].lower() if letters else ""
            if not (found.isascii() and found.isalpha()):
                found = ""
        _initial_cache[char] = found
    return found


def people_initials(name: str) -> str:
    """拼音 first letters for the search box: 张三丰 → "zsf"; Latin letters and digits kept."""
    text = unicodedata.normalize("NFKC", name or "").strip()
    if not text:
        return ""
    first = SURNAME_INITIALS.get(text[0])
    rest = text[1:] if first else text
    initials = (first or "") + "".join(_char_initial(char) for char in rest)
    return initials[:MAX_INITIALS]


@dataclass(frozen=True)
class RosterPerson:
    """One person on the roster as ``huiwu roster list`` shows them; ``category`` is a key."""

    code: str
    name: str
    gender: str | None
    unit: str | None
    delegation: str | None
    category: str
    head: bool
    phone: str | None = None
    seat: str | None = None
    note: str | None = None

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "gender": self.gender,
            "unit": self.unit,
            "delegation": self.delegation,
            "category": self.category,
            "head": self.head,
            "phone": self.phone,
            "seat": self.seat,
            "note": self.note,
        }


def roster_people(db: Database) -> list[RosterPerson]:
    """Everybody on the current congress's roster, by code, each with whether they head their
    delegation."""
    with db.read() as conn:
        congress = require_congress(conn)
        rows = conn.execute(
            select(
                T_PERSON.c.code,
                T_PERSON.c.name,
                T_PERSON.c.gender,
                T_PERSON.c.unit,
                T_DELEGATION.c.name.label("delegation"),
                T_PERSON.c.category,
                (T_DELEGATION.c.head_person_id == T_PERSON.c.id).label("head"),
                T_PERSON.c.phone,
                T_PERSON.c.seat,
                T_PERSON.c.note,
            )
            .select_from(
                T_PERSON.outerjoin(T_DELEGATION, T_PERSON.c.delegation_id == T_DELEGATION.c.id)
            )
            .where(T_PERSON.c.congress_id == congress.id)
            .order_by(T_PERSON.c.code)
        ).all()
    return [
        RosterPerson(*row[:6], head=bool(row.head), phone=row.phone, seat=row.seat, note=row.note)
        for row in rows
    ]
