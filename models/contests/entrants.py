"""Entrants: adding them (one or a list) and the order on stage."""

from sqlalchemy import Connection, func, insert, select, update

from models import audit
from models.contests.lookup import _scorable, entrant_info, find_entrant, writable_contest
from models.contests.records import T_CONTEST, T_ENTRANT, ContestInfo, EntrantInfo, _dumps
from models.contests.setup import _check_entrant_lengths, clean_name
from models.errors import refuse


def insert_entrant(
    conn: Connection,
    contest: ContestInfo,
    name: str,
    *,
    unit: str = "",
    group: str = "",
    event=None,
    team: str = "",
    members=(),
    number: int | None = None,
    seed: int | None = None,
) -> EntrantInfo:
    name = clean_name(name, "contest.empty_entrant")
    event_info = contest.event(event)
    taken = select(T_ENTRANT.c.id).where(T_ENTRANT.c.contest_id == contest.id)
    if number is None:
        number = (
            conn.execute(
                select(func.max(T_ENTRANT.c.number)).where(T_ENTRANT.c.contest_id == contest.id)
            ).scalar()
            or 0
        ) + 1
    elif number < 1:
        raise refuse("contest.bad_entrant_number", number=number)
    elif conn.execute(taken.where(T_ENTRANT.c.number == number)).first():
        raise refuse("contest.duplicate_entrant_number", number=number)
    if seed is not None:
        _check_seed(conn, event_info, seed)
    same = conn.execute(
        taken.where(
            T_ENTRANT.c.name == name,
            T_ENTRANT.c.unit == " ".join(unit.split()),
            T_ENTRANT.c.event_id == event_info.id,
            T_ENTRANT.c.group_name == " ".join(group.split()),
        )
    ).first()
    if same:
        raise refuse("contest.duplicate_entrant", name=name)
    members = [" ".join(str(m).split()) for m in members if str(m).strip()]
    _check_entrant_lengths(unit, group, team, members)
    entrant_id = conn.execute(
        insert(T_ENTRANT).values(
            contest_id=contest.id,
            event_id=event_info.id,
            number=number,
            name=name,
            unit=" ".join(unit.split()),
            group_name=" ".join(group.split()),
            team=" ".join(team.split()),
            members=_dumps(members),
            seed=seed,
        )
    ).inserted_primary_key[0]
    row = conn.execute(select(T_ENTRANT).where(T_ENTRANT.c.id == entrant_id)).one()
    return entrant_info(row)


def _check_seed(conn: Connection, event, seed: int) -> None:
    """A seed places a side in a knockout draw: only in a match event, once per event."""
    if not event.is_match:
        raise refuse("match.seed_not_match", event=event.name)
    if seed < 1:
        raise refuse("match.bad_seed", seed=seed)
    taken = conn.execute(
        select(T_ENTRANT.c.name).where(T_ENTRANT.c.event_id == event.id, T_ENTRANT.c.seed == seed)
    ).first()
    if taken:
        raise refuse("match.duplicate_seed", seed=seed, name=taken.name)


def entrant_json(entrant: EntrantInfo, contest: ContestInfo) -> dict:
    seed = {"seed": entrant.seed} if entrant.seed is not None else {}
    return {
        "number": entrant.number,
        "name": entrant.name,
        "unit": entrant.unit,
        "group": entrant.group,
        "event": contest.event_by_id(entrant.event_id).name,
        "team": entrant.team,
        "members": list(entrant.members),
        **seed,
    }


def add_entrants(
    db, contest_ref, entrants, *, operator: str = "", station: str = ""
) -> list[EntrantInfo]:
    """Register entrants (dicts of :func:`insert_entrant`'s keywords with ``name``) all or nothing."""
    with db.write() as conn:
        contest = _scorable(conn, contest_ref)
        added = [insert_entrant(conn, contest, **dict(e)) for e in entrants]
        audit.append(
            conn,
            "contest.entrants",
            {"contest": contest.number, "entrants": [entrant_json(e, contest) for e in added]},
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return added


def add_entrant(db, contest_ref, name: str, **values) -> EntrantInfo:
    operator = values.pop("operator", "")
    station = values.pop("station", "")
    return add_entrants(
        db, contest_ref, [{"name": name, **values}], operator=operator, station=station
    )[0]


def set_on_stage(
    db, contest_ref, entrant_ref, *, operator: str = "", station: str = ""
) -> EntrantInfo:
    """The entrant the hall (and the projector) is looking at now."""
    with db.write() as conn:
        contest = writable_contest(conn, contest_ref)
        entrant = find_entrant(conn, contest, entrant_ref)
        if contest.on_stage == entrant.id:
            return entrant
        conn.execute(
            update(T_CONTEST).where(T_CONTEST.c.id == contest.id).values(on_stage=entrant.id)
        )
        audit.append(
            conn,
            "contest.on_stage",
            {"contest": contest.number, "entrant": entrant.number, "name": entrant.name},
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        return entrant
