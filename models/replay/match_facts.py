"""Matches and meets as facts: the draw, each result (with the sides a knockout winner was
placed as), the meets with their events and records — read from the log and from the tables,
sides named by entrant number (出场序号)."""

import json


def drawn_fact(event: str, m: dict) -> list:
    """[event, phase, round, group, slot, court, a, b, bye, games, ended, winner]."""
    through = m["bye"] and m["phase"] == "knockout"  # a group's bye is a rest, not a win
    bye_side = (m["a"] if m["a"] is not None else m["b"]) if through else None
    return [
        event,
        m["phase"],
        m["round"],
        m["group"],
        m["slot"],
        m["court"],
        m["a"],
        m["b"],
        m["bye"],
        "",
        "",
        bye_side,
    ]


A, B, GAMES, ENDED, WINNER = 6, 7, 9, 10, 11  # places in a match fact


def replay_draw(facts, p) -> None:
    for m in p["matches"]:
        facts.matches[(p["contest"], m["match"])] = tuple(drawn_fact(p["event"], m))


def replay_result(facts, p) -> None:
    key = (p["contest"], p["match"])
    fact = list(facts.matches.get(key, [None] * 12))
    fact[GAMES], fact[ENDED], fact[WINNER] = p["games"], p["ended"], p["winner"]
    facts.matches[key] = tuple(fact)
    for number, position, side in p.get("placed", []):
        target = (p["contest"], number)
        placed = list(facts.matches.get(target, [None] * 12))
        placed[A if position == "a" else B] = side
        facts.matches[target] = tuple(placed)


def replay_lots(facts, p) -> None:
    facts.match_lots[(p["contest"], p["event"], p["group"])] = tuple(p["sides"])


def replay_meet(facts, p) -> None:
    facts.meets[(p["meet"],)] = (p["name"], p["points"], p["record"], p["decimals"])


def replay_meet_add(facts, p) -> None:
    for event in p["events"]:
        facts.meet_events[(p["meet"], p["contest"], event)] = True


def replay_meet_record(facts, p) -> None:
    facts.meet_records[(p["meet"], p["contest"], p["entrant"])] = p["note"]


def match_facts_from_tables(facts, tables: dict, index) -> None:
    events = {e["id"]: e["name"] for e in tables["contest_event"]}
    contests = {c["id"]: c["number"] for c in tables["contest"]}

    def number(entrant_id):
        return None if entrant_id is None else index.entrant.get(entrant_id, (None, None))[1]

    for r in tables.get("contest_match", []):
        facts.matches[(contests.get(r["contest_id"]), r["number"])] = (
            events.get(r["event_id"]),
            r["phase"],
            r["round"],
            r["group_name"],
            r["slot"],
            r["court"],
            number(r["side_a"]),
            number(r["side_b"]),
            bool(r["bye"]),
            r["games"],
            r["ended"],
            number(r["winner"]),
        )
    for r in tables.get("match_lot", []):
        event = next((e for e in tables["contest_event"] if e["id"] == r["event_id"]), {})
        key = (contests.get(event.get("contest_id")), events.get(r["event_id"]), r["group_name"])
        facts.match_lots[key] = tuple(number(s) for s in json.loads(r["sides"]))
    meets = {}
    for r in tables.get("meet", []):
        meets[r["id"]] = r["number"]
        facts.meets[(r["number"],)] = (r["name"], r["points"], r["record"], r["decimals"])
    for r in tables.get("meet_event", []):
        key = (meets.get(r["meet_id"]), contests.get(r["contest_id"]), events.get(r["event_id"]))
        facts.meet_events[key] = True
    for r in tables.get("meet_record", []):
        contest, entrant = index.entrant.get(r["entrant_id"], (None, None))
        facts.meet_records[(meets.get(r["meet_id"]), contest, entrant)] = r["note"]
