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
