"""Creating an election, its candidates and its scrutineers."""

from sqlalchemy import Connection, delete, func, select

from models import audit
from models.congress import require_congress
from models.elections.records import T_BALLOT
from models.errors import refuse
from models.rules.election import ElectionSettings, candidate_problems, normalize_name
from models.rules.thresholds import parse_rate
from models.voting import (
    ELECTION,
    T_ITEM,
    T_NOMINEE,
    T_SCRUTINEER,
    ItemInfo,
    comparator_setting,
    insert_item,
    insert_nominees,
    insert_scrutineers,
    load_item,
    settings_in,
)


def _settings(item: ItemInfo) -> ElectionSettings:
    s = item.settings
    return ElectionSettings(
        seats=s["seats"],
        equal=s.get("equal", False),
        rate=parse_rate(s.get("rate", "5%")),
        validity=comparator_setting(s.get("validity", "gte")),
        unreadable=s.get("unreadable", "ignore"),
        tie=s.get("tie", "runoff"),
        shortfall=s.get("shortfall", "reelect"),
    )


def clean_names(names) -> list[str]:
    if isinstance(names, str):
        names = names.replace("，", ",").replace("、", ",").split(",")
    return [n for n in (normalize_name(x) for x in names) if n]


def new_election(
    db,
    title: str,
    *,
    seats: int,
    candidates,
    equal: bool = False,
    rate: str | None = None,
    scrutineers=(),
    counters=(),
    double_entry: bool = False,
    order: str = "strokes",
    operator: str = "",
    station: str = "",
) -> ItemInfo:
    """A new election. Candidates go in 姓氏笔画 order unless ``order="given"``."""
    names = clean_names(candidates)
    if order == "strokes":
        from models.rules.strokes import sort_by_strokes  # loads the stroke table on first use

        names = sort_by_strokes(names)
    with db.write() as conn:
        congress = require_congress(conn)
        defaults = settings_in(conn, congress.id)
        rate_text = rate if rate is not None else defaults["election.rate"]
        try:
            parse_rate(rate_text)
        except ValueError:
            raise refuse("election.bad_rate", rate=rate_text) from None
        settings = {
            "seats": seats,
            "equal": equal,
            "rate": str(rate_text),
            "validity": defaults["election.validity"],
            "unreadable": defaults["election.unreadable"],
            "tie": defaults["election.tie"],
            "shortfall": defaults["election.shortfall"],
        }
        item_id = _create(
            conn, congress, title, names, settings, scrutineers, counters, double_entry
        )
        number = conn.execute(select(T_ITEM.c.number).where(T_ITEM.c.id == item_id)).scalar()
        item = load_item(conn, number)
        audit.append(
            conn,
            "election.new",
            {
                "item": number,
                "title": item.title,
                "candidates": list(item.nominees),
                "scrutineers": list(item.scrutineers),
                "counters": list(item.counters),
                "double_entry": double_entry,
                **settings,
            },
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
        return item


def _create(
    conn, congress, title, names, settings, scrutineers, counters, double_entry, **extra
) -> int:
    scrutineers, counters = clean_names(scrutineers), clean_names(counters)
    probe = ElectionSettings(
        seats=settings["seats"], equal=settings["equal"], rate=parse_rate(settings["rate"])
    )
    problems = candidate_problems(
        names, probe, [*scrutineers, *counters], runoff=extra.get("round", 1) > 1
    )
    if problems:
        raise problems[0]
    item_id = insert_item(
        conn,
        congress,
        ELECTION,
        title,
        settings=settings,
        important=True,
        method="secret",
        double_entry=double_entry,
        **extra,
    )
    insert_nominees(conn, item_id, names)
    insert_scrutineers(conn, item_id, "scrutineer", scrutineers)
    insert_scrutineers(conn, item_id, "counter", counters)
    return item_id


def _keyed(conn: Connection, item_id: int, entry: int | None = None) -> int:
    query = select(func.count()).where(T_BALLOT.c.item_id == item_id)
    if entry is not None:
        query = query.where(T_BALLOT.c.entry == entry)
    return conn.execute(query).scalar_one()


def set_candidates(db, ref, names, *, operator: str = "", station: str = "") -> ItemInfo:
    """Change the candidates or their printed order, until the first ballot is keyed."""
    names = clean_names(names)
    with db.write() as conn:
        item = load_item(conn, ref, ELECTION)
        if _keyed(conn, item.id):
            raise refuse("election.ballots_exist")
        problems = candidate_problems(
            names,
            _settings(item),
            [*item.scrutineers, *item.counters],
            runoff=item.round > 1,
        )
        if problems:
            raise problems[0]
        conn.execute(delete(T_NOMINEE).where(T_NOMINEE.c.item_id == item.id))
        insert_nominees(conn, item.id, names)
        audit.append(
            conn,
            "election.candidates",
            {"item": item.number, "candidates": names},
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        return load_item(conn, item.number)


def set_scrutineers(
    db, ref, scrutineers, counters, *, operator: str = "", station: str = ""
) -> ItemInfo:
    """监票人 and 计票人: named per election, never candidates."""
    scrutineers, counters = clean_names(scrutineers), clean_names(counters)
    with db.write() as conn:
        item = load_item(conn, ref, ELECTION)
        both = sorted(set(item.nominees) & {*scrutineers, *counters})
        if both:
            raise refuse("election.scrutineer_is_candidate", names="、".join(both))
        conn.execute(delete(T_SCRUTINEER).where(T_SCRUTINEER.c.item_id == item.id))
        insert_scrutineers(conn, item.id, "scrutineer", scrutineers)
        insert_scrutineers(conn, item.id, "counter", counters)
        audit.append(
            conn,
            "election.scrutineers",
            {"item": item.number, "scrutineers": scrutineers, "counters": counters},
            congress_id=item.congress_id,
            operator=operator,
            station=station,
        )
        return load_item(conn, item.number)
