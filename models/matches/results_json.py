"""The match events' standings and the meets' team points as the printed figures (the archive's
results, which verify recomputes from the tables). Present only for a congress that has them, so
the figures of an archive made before matches existed compare unchanged."""

from sqlalchemy import Connection

from models.contests import ContestInfo, list_entrants
from models.matches.lookup import matches_of
from models.matches.meets import list_meets, meet_row_json, meet_standings_in
from models.matches.tables import bracket_places, group_tables


def _side(entrants: dict, side: int) -> dict:
    e = entrants[side]
    return {"number": e.number, "entrant": e.name, "unit": e.unit}


def match_event_json(conn: Connection, contest: ContestInfo, event, entrants: dict) -> dict:
    matches = matches_of(conn, contest, event)
    groups = group_tables(conn, contest, event)
    return {
        "event": event.name,
        "played": sum(1 for m in matches if m.decided and not m.bye),
        "matches": len([m for m in matches if not m.bye]),
        "groups": [
            {
                "group": group,
                "rows": [
                    {
                        "rank": r.rank,
                        **_side(entrants, r.entrant),
                        "points": r.points,
                        "won": r.won,
                        "lost": r.lost,
                        "lots": r.lots,
                    }
                    for r in rows
                ],
            }
            for group, rows in groups.items()
        ],
        "places": [
            {"rank": r.rank, **_side(entrants, r.entrant)} for r in bracket_places(event, matches)
        ],
    }


def match_results(conn: Connection, contest: ContestInfo) -> list[dict]:
    events = [e for e in contest.events if e.is_match]
    if not events:
        return []
    entrants = {e.id: e for e in list_entrants(conn, contest)}
    return [match_event_json(conn, contest, event, entrants) for event in events]


def meets_json(conn: Connection) -> list[dict]:
    out = []
    for meet in list_meets(conn):
        table = meet_standings_in(conn, meet)
        out.append(
            {
                "number": meet.number,
                "name": meet.name,
                "rows": [meet_row_json(r, meet.decimals) for r in table.rows],
                "medals": [
                    {
                        "rank": r.rank,
                        "unit": r.unit,
                        "gold": r.gold,
                        "silver": r.silver,
                        "bronze": r.bronze,
                    }
                    for r in table.medals
                ],
            }
        )
    return out
