"""Match events and sports meets: `contest draw`, `contest match`, `contest matches`, and
`meet new/add/record/standings`; `standings --event` for a match event is here too."""

from pathlib import Path

import click

from cli.base import emit_json, huiwu_command, open_db, station_kwargs
from cli.contests import contest
from tui.i18n import t


def _numbers(db, ref) -> dict:
    from models.contests import entrants_of

    return {e.id: e for e in entrants_of(db, ref)}


def match_json(match, entrants: dict) -> dict:
    from models.matches.lookup import games_text, rubbers_text

    """The CLI contract's match: {"id", "round", "group", "a", "b"} (a bye has b null), with the
    phase, court and the result once played; sides by name, their numbers beside."""

    def name(side):
        return entrants[side].name if side is not None else None

    def number(side):
        return entrants[side].number if side is not None else None

    a, b = match.a, match.b
    if match.bye and a is None:  # a bye is listed as the side through and no opponent
        a, b = b, a
    return {
        "id": match.number,
        "phase": match.phase,
        "round": match.round,
        "group": match.group,
        "court": match.court,
        "a": name(a),
        "b": name(b),
        "a_number": number(a),
        "b_number": number(b),
        "bye": match.bye,
        "games": rubbers_text(match.rubbers) if match.rubbers else games_text(match.games),
        "ended": match.ended,
        "winner": name(match.winner),
    }


def match_line(match, entrants: dict, rounds: int | None = None) -> str:
    from tui.match_text import match_words

    return match_words(match, {k: v.name for k, v in entrants.items()}, rounds)


def _rounds(db, ref, event_id: int) -> int | None:
    """The knockout's rounds in the match's event, to name them (半决赛, 决赛 …)."""
    from models.contests import get_contest
    from models.matches import matches_of
    from tui.match_text import knockout_rounds

    info = get_contest(db, ref)
    with db.read() as conn:
        return knockout_rounds(matches_of(conn, info, info.event_by_id(event_id)))


@huiwu_command("draw", group=contest, json=True)
@click.argument("ref", metavar="CONTEST")
@click.argument("event")
@click.option("--missing-ok", is_flag=True, help="Heats: make the final without those unplaced.")
def contest_draw(ref: str, event: str, missing_ok: bool, as_json: bool) -> None:
    """Draw a match event (抽签编排): round-robin groups with the order of play, or the knockout
    bracket; after the groups, draw again for the knockout. --json: {"matches": [{"id", "round",
    "group", "a", "b"}]} (a bye has b null). Heats: the heats, then (drawn again once run) the
    final."""
    from models.contests import get_contest
    from models.matches import draw

    db = open_db()
    if get_contest(db, ref).event(event).is_heats:
        heats_output(db, ref, event, missing_ok, as_json)
        return
    drawn = draw(db, ref, event, **station_kwargs())
    entrants = _numbers(db, ref)
    if as_json:
        emit_json({"matches": [match_json(m, entrants) for m in drawn]})
        return
    click.echo(t("match.drawn", count=sum(not m.bye for m in drawn)))
    rounds = _rounds(db, ref, drawn[0].event_id)
    for m in drawn:
        click.echo(match_line(m, entrants, rounds))


FILE = click.Path(dir_okay=False, path_type=Path)


def heats_output(db, ref, event: str, missing_ok: bool, as_json: bool) -> None:
    from models.matches import draw_heats

    done = draw_heats(db, ref, event, missing_ok=missing_ok, **station_kwargs())
    heats = [[e.name for e in heat] for heat in done.heats]
    if as_json:
        emit_json(
            {
                "heats": heats,
                "final": done.final or None,
                "finalists": [e.name for e in done.finalists],
                "tied_out": [e.name for e in done.tied_out],
                "open_places": done.open_places,
                "missing": [e.name for e in done.missing],
            }
        )
        return
    if not done.final:
        click.echo(t("match.heats_dealt", count=len(heats)))
        for i, names in enumerate(heats, start=1):
            click.echo(t("match.heat_line", heat=f"第{i}组", names="、".join(names)))
        return
    from tui.match_text import heats_words

    click.echo(heats_words(done))


@huiwu_command("matches", group=contest, json=True)
@click.argument("ref", metavar="CONTEST")
@click.option("--event", default=None, help="Only this event's matches.")
@click.option("--pdf", type=FILE, default=None, help="Write the 秩序册 (order of play) as a PDF.")
@click.option("--sheets", type=FILE, default=None, help="Write the referees' 记分表 as a PDF.")
@click.option("--xlsx", type=FILE, default=None, help="Write 秩序, 比赛结果, 小组积分, 淘汰赛名次.")
def contest_matches(ref, event, pdf, sheets, xlsx, as_json) -> None:
    """The order of play (秩序册) with each match's result so far; --pdf/--sheets/--xlsx print it,
    the score sheets and the results."""
    from models.contests import get_contest
    from models.matches import match_event, matches_of

    db = open_db()
    info = get_contest(db, ref)
    with db.read() as conn:
        chosen = match_event(info, event) if event else None
        listed = matches_of(conn, info, chosen)
    entrants = _numbers(db, ref)
    if pdf or sheets or xlsx:
        from cli.match_files import write_match_files

        write_match_files(db, ref, event, pdf=pdf, sheets=sheets, xlsx=xlsx, err=as_json)
    if as_json:
        emit_json({"matches": [match_json(m, entrants) for m in listed]})
        return
    for event_id in dict.fromkeys(m.event_id for m in listed):
        rounds = _rounds(db, ref, event_id)
        for m in (m for m in listed if m.event_id == event_id):
            click.echo(match_line(m, entrants, rounds))
    if not listed:
        click.echo(t("match.none_drawn"))


@huiwu_command("match", group=contest, json=True)
@click.argument("ref", metavar="CONTEST")
@click.argument("match", metavar="MATCH")
@click.option(
    "--games",
    default=None,
    help='Games from side a\'s view: "11:9,8:11,11:5,11:7"; a team tie\'s matches separated by "|".',
)
@click.option("--walkover", default=None, metavar="SIDE", help="The side that wins by walk-over.")
@click.option("--retired", default=None, metavar="SIDE", help="The side that retired (退赛).")
@click.option("--reason", default="", help="Why a recorded result is corrected.")
def contest_match(ref, match, games, walkover, retired, reason, as_json) -> None:
    """Record a match's result (比分); the winner goes on in a knockout."""
    from models.matches import record_result

    db = open_db()
    done = record_result(
        db,
        ref,
        match,
        games=games,
        walkover=walkover,
        retired=retired,
        reason=reason,
        **station_kwargs(),
    )
    entrants = _numbers(db, ref)
    if as_json:
        emit_json(match_json(done, entrants))
        return
    click.echo(match_line(done, entrants, _rounds(db, ref, done.event_id)))


@huiwu_command("lots", group=contest, json=True)
@click.argument("ref", metavar="CONTEST")
@click.argument("event")
@click.argument("group")
@click.argument("order")
def contest_lots(ref, event, group, order, as_json) -> None:
    """Record the lots the organisers drew (抽签) for sides sharing a place in a group: ORDER is
    every side of that place, best first: "选手3,选手5,选手8"."""
    from cli.base import split_list
    from models.matches import draw_lots
    from tui.match_text import group_lines

    db = open_db()
    rows = draw_lots(db, ref, event, group, split_list(order), **station_kwargs())
    entrants = _numbers(db, ref)
    if as_json:
        emit_json([group_row_json(r, entrants) for r in rows])
        return
    click.echo(t("match.lots_done", group=rows[0].group))
    click.echo(
        "\n".join(group_lines(rows[0].group, rows, {k: v.name for k, v in entrants.items()}))
    )


# --- standings of a match event -------------------------------------------------------------------


def group_row_json(row, entrants: dict) -> dict:
    return {
        "group": row.group,
        "rank": row.rank,
        "entrant": entrants[row.entrant].name,
        "number": entrants[row.entrant].number,
        "unit": entrants[row.entrant].unit,
        "points": row.points,
        "won": row.won,
        "lost": row.lost,
        "games": list(row.games),
        "rallies": list(row.rallies),
        "lots": row.lots,
        "by_lots": row.drawn,
    }


def place_row_json(row, entrants: dict) -> dict:
    return {
        "rank": row.rank,
        "entrant": entrants[row.entrant].name,
        "number": entrants[row.entrant].number,
        "unit": entrants[row.entrant].unit,
    }


def event_standings(db, ref, event_ref, as_json: bool) -> None:
    """`huiwu standings CONTEST --event E` for a match event: the groups' tables, then the
    knockout's places."""
    from models.contests import get_contest
    from models.matches import bracket_places, group_tables, match_event, matches_of
    from tui.match_text import group_lines, place_lines

    info = get_contest(db, ref)
    event = match_event(info, event_ref)
    with db.read() as conn:
        tables = group_tables(conn, info, event)
        places = bracket_places(event, matches_of(conn, info, event))
    entrants = _numbers(db, ref)
    if as_json:
        if places:
            emit_json([place_row_json(r, entrants) for r in places])
        else:
            emit_json([group_row_json(r, entrants) for rows in tables.values() for r in rows])
        return
    names = {k: v.name for k, v in entrants.items()}
    lines = [t("clic.head", number=info.number, title=info.title)]
    for group, rows in tables.items():
        lines += group_lines(group, rows, names)
    if places:
        lines += place_lines(places, names)
    click.echo("\n".join(lines))


# --- meets ----------------------------------------------------------------------------------------


@click.group()
def meet() -> None:
    """Sports meets (运动会): events joined for the units' team points (团体总分)."""


def meet_json(info) -> dict:
    return {
        "number": info.number,
        "name": info.name,
        "points": ",".join(map(str, info.points)),
        "record": info.record,
        "decimals": info.decimals,
        "events": len(info.events),
    }


@huiwu_command("new", group=meet, json=True)
@click.argument("name")
@click.option("--points", default="9,7,6,5,4,3,2,1", show_default=True, help="Points by place.")
@click.option("--record", default="", help='A broken record: "double" or "+N" points.')
@click.option("--decimals", type=int, default=2, show_default=True, help="Decimals shown.")
def meet_new(name, points, record, decimals, as_json) -> None:
    """A new sports meet (运动会)."""
    from models.matches import new_meet

    info = new_meet(
        open_db(), name, points=points, record=record, decimals=decimals, **station_kwargs()
    )
    if as_json:
        emit_json(meet_json(info))
        return
    click.echo(t("meet.created", number=info.number, name=info.name, points=points))


@huiwu_command("add", group=meet, json=True)
@click.argument("ref", metavar="MEET")
@click.argument("contest_ref", metavar="CONTEST")
@click.option("--event", default=None, help="One event of the contest (default: every event).")
def meet_add(ref, contest_ref, event, as_json) -> None:
    """Count a contest's events (or one) in the meet's team points."""
    from models.matches import add_to_meet

    info = add_to_meet(open_db(), ref, contest_ref, event, **station_kwargs())
    if as_json:
        emit_json(meet_json(info))
        return
    click.echo(t("meet.added", name=info.name, events=len(info.events)))


@huiwu_command("record", group=meet, json=True)
@click.argument("ref", metavar="MEET")
@click.argument("contest_ref", metavar="CONTEST")
@click.argument("entrant")
@click.option("--note", default="", help="The record broken.")
def meet_record(ref, contest_ref, entrant, note, as_json) -> None:
    """破纪录: the entrant's place scores by the meet's record rule."""
    from models.matches import mark_record

    info = mark_record(open_db(), ref, contest_ref, entrant, note=note, **station_kwargs())
    if as_json:
        emit_json(meet_json(info))
        return
    click.echo(t("meet.record_marked", name=entrant, meet=info.name))


@huiwu_command("standings", group=meet, json=True)
@click.argument("ref", metavar="MEET")
@click.option("--medals", is_flag=True, help="The medal table (奖牌榜) instead.")
@click.option("--pdf", type=FILE, default=None, help="Write 团体总分, 奖牌榜 and places as a PDF.")
@click.option("--xlsx", type=FILE, default=None, help="Write 团体总分, 奖牌榜, 各项目名次.")
def meet_standings_cmd(ref, medals, pdf, xlsx, as_json) -> None:
    """The units' team points (团体总分): --json [{"rank", "unit", "points", "firsts",
    "seconds"}]; ties on points go to more firsts, then more seconds …"""
    from models.matches import meet_row_json, meet_standings
    from tui.match_text import medal_lines, meet_lines

    db = open_db()
    if pdf or xlsx:
        from cli.match_files import write_meet_files

        write_meet_files(db, ref, pdf=pdf, xlsx=xlsx, err=as_json)
    table = meet_standings(db, ref)
    if as_json:
        if medals:
            emit_json([medal_json(r) for r in table.medals])
        else:
            emit_json([meet_row_json(r, table.meet.decimals) for r in table.rows])
        return
    click.echo("\n".join(medal_lines(table) if medals else meet_lines(table)))


def medal_json(row) -> dict:
    return {
        "rank": row.rank,
        "unit": row.unit,
        "gold": row.gold,
        "silver": row.silver,
        "bronze": row.bronze,
    }


COMMANDS = (meet,)
