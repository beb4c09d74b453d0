"""The congress's counting settings (the motion base and comparator, the election rate, tie
and shortfall rules, the appraisal warning), each change audited."""

from sqlalchemy import Connection, insert, select, update

from models import audit
from models.congress import require_congress
from models.errors import refuse
from models.rules.thresholds import parse_rate
from models.seats.notes import category_note_key, check_note
from models.voting.records import SETTING_CHOICES, SETTING_DEFAULTS, T_SETTING


def _check_setting(key: str, value: str) -> str:
    note_key = category_note_key(key)
    if note_key is not None:
        return check_note(value)
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
    if key == "paper.check":
        from models.paper.check import check_value

        return check_value(value)
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
    """Change a setting; a category's check-in note (``note.列席代表`` or ``note.attendee``) is
    one too, stored under its category key."""
    value = _check_setting(key, value)
    key = category_note_key(key) or key
    with db.write() as conn:
        congress = require_congress(conn)
        store_setting(conn, congress.id, key, value, operator=operator, station=station)
        return settings_in(conn, congress.id)


def store_setting(
    conn: Connection, congress_id: int, key: str, value: str, *, operator: str, station: str
) -> None:
    """Write one checked setting and its ``settings.set`` event (verify replays it)."""
    where = (T_SETTING.c.congress_id == congress_id) & (T_SETTING.c.key == key)
    if conn.execute(select(T_SETTING.c.id).where(where)).first():
        conn.execute(update(T_SETTING).where(where).values(value=value))
    else:
        conn.execute(insert(T_SETTING).values(congress_id=congress_id, key=key, value=value))
    audit.append(
        conn,
        "settings.set",
        {"key": key, "value": value},
        congress_id=congress_id,
        operator=operator,
        station=station,
    )
