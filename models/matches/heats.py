"""Heats and a final (预赛/决赛) for a measured event (RULES §7): the draw deals the entrants into
heats of at most ``lanes`` (each heat is a group of the event, 第1组, 第2组 …, ranked on its own
like any group); once every heat has its results, drawing again makes the final — a measured
event of its own (「…决赛」) with the first k of each heat by place, then the best results across
the heats until the final is full. Sides tied on the line are never cut: when there is no room
for all of them the places stay open and the organisers add whom they decide."""

import random
from dataclasses import dataclass

from sqlalchemy import update

from models import audit
from models.contests import ContestInfo, EntrantInfo, EventInfo, entrant_json, list_entrants
from models.contests.entrants import insert_entrant
from models.contests.records import T_ENTRANT
from models.contests.setup import _insert_event
from models.errors import refuse
from models.rules.heats import qualify
from models.rules.scoring import LOWER


@dataclass(frozen=True)
class HeatsDraw:
    heats: tuple[tuple[EntrantInfo, ...], ...]  # as dealt (the first draw) or as run
    final: str = ""  # the final's event name, once drawn
    finalists: tuple[EntrantInfo, ...] = ()  # the final's new entrants, in qualifying order
    tied_out: tuple[EntrantInfo, ...] = ()  # equal on the line with no room for all
    open_places: int = 0
    missing: tuple[EntrantInfo, ...] = ()  # no heat result: not in the final


def final_name(event: EventInfo) -> str:
    return event.name.removesuffix("预赛") + "决赛"


def _heat_names(count: int) -> list[str]:
    return [f"第{i}组" for i in range(1, count + 1)]


def deal_heats(sides: list[EntrantInfo], lanes: int, rng: random.Random) -> list[list]:
    """The entrants drawn into as few heats as ``lanes`` allows, as even as can be (13 into 8
    lanes: 7 and 6)."""
    order = list(sides)
    rng.shuffle(order)
    count = -(-len(order) // lanes)
    return [order[i::count] for i in range(count)]


def assign_heats(conn, contest: ContestInfo, event: EventInfo, rng) -> HeatsDraw:
    sides = [e for e in list_entrants(conn, contest) if e.event_id == event.id]
    if len(sides) < 2:
        raise refuse("match.too_few_sides", count=len(sides))
    heats = deal_heats(sides, event.matches.lanes, rng)
    for name, heat in zip(_heat_names(len(heats)), heats, strict=True):
        ids = [e.id for e in heat]
        conn.execute(update(T_ENTRANT).where(T_ENTRANT.c.id.in_(ids)).values(group_name=name))
    by_id = {e.id: e for e in list_entrants(conn, contest)}
    return HeatsDraw(tuple(tuple(by_id[e.id] for e in heat) for heat in heats))


def _heat_results(conn, contest: ContestInfo, event: EventInfo):
    """Each heat's (entrant, result) pairs from the event's standings; None: no result."""
    from models.scores import standings_in

    heats = [g for g in standings_in(conn, contest).groups if g.event.id == event.id]
    return [[(row.entrant, row.card.total) for row in group.rows] for group in heats]


def make_final(conn, contest, event: EventInfo, *, missing_ok: bool) -> HeatsDraw:
    name = final_name(event)
    if any(e.name == name for e in contest.events):
        raise refuse("match.already_drawn", event=name)
    heats = _heat_results(conn, contest, event)
    missing = tuple(e for heat in heats for e, result in heat if result is None)
    if missing and not missing_ok:
        names = "、".join(e.name for e in missing)
        raise refuse("match.heats_unfinished", count=len(missing), names=names)
    fmt = event.matches
    found = qualify(
        [[(e.id, r) for e, r in heat] for heat in heats],
        fmt.advance,
        min(fmt.final, sum(len(h) for h in heats)),
        event.better == LOWER,
    )
    _insert_event(conn, contest.id, name, event.stages, None)
    contest = load_after(conn, contest)  # with the final in it
    final = contest.event(name)
    by_id = {e.id: e for heat in heats for e, _ in heat}
    finalists = tuple(
        insert_entrant(
            conn,
            contest,
            by_id[side].name,
            unit=by_id[side].unit,
            event=final.name,
            team=by_id[side].team,
            members=by_id[side].members,
        )
        for side in found.finalists
    )
    tied = tuple(by_id[s] for s in found.tied_out)
    run = tuple(tuple(e for e, _ in heat) for heat in heats)
    return HeatsDraw(run, name, finalists, tied, found.open_places, missing)


def _events(conn, contest: ContestInfo):
    from models.contests import load_contest

    return load_contest(conn, contest.number).events


def heats_draw(conn, contest, event, rng, *, missing_ok: bool, operator="", station=""):
    """The first draw deals the heats; the next, with every heat run, makes the final."""
    sides = [e for e in list_entrants(conn, contest) if e.event_id == event.id]
    dealt = any(e.group for e in sides)
    drawn = make_final(conn, contest, event, missing_ok=missing_ok) if dealt else None
    drawn = drawn or assign_heats(conn, contest, event, rng)
    numbers = {e.id: e.number for e in list_entrants(conn, contest)}
    payload = {
        "contest": contest.number,
        "event": event.name,
        "heats": [[numbers[e.id] for e in heat] for heat in drawn.heats],
    }
    if drawn.final:
        payload |= {
            "final": drawn.final,
            "finalists": [e.number for e in drawn.finalists],
            "tied_out": [numbers[e.id] for e in drawn.tied_out],
            "open_places": drawn.open_places,
            "missing": [numbers[e.id] for e in drawn.missing],
        }
    kind = "match.final" if drawn.final else "match.heats"
    audit.append(
        conn, kind, payload, congress_id=contest.congress_id, operator=operator, station=station
    )
    if drawn.finalists:
        final = next(e for e in _events(conn, contest) if e.name == drawn.final)
        audit.append(
            conn,
            "contest.event",
            {"contest": contest.number, "event": final.name, "stages": _stages_json(final)},
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
        entrants = [entrant_json(e, load_after(conn, contest)) for e in drawn.finalists]
        audit.append(
            conn,
            "contest.entrants",
            {"contest": contest.number, "entrants": entrants},
            congress_id=contest.congress_id,
            operator=operator,
            station=station,
        )
    return drawn


def _stages_json(event: EventInfo) -> list:
    from models.contests import stage_json

    return [stage_json(s) for s in event.stages]


def load_after(conn, contest: ContestInfo) -> ContestInfo:
    from models.contests import load_contest

    return load_contest(conn, contest.number)
