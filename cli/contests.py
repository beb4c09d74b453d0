"""`huiwu contest`: settings, events, entrants, publishing."""

from pathlib import Path

import click

from cli.base import (
    emit_json,
    huiwu_command,
    open_db,
    split_list,
    station_kwargs,
)
from cli.clock_options import apply_clock, check_clock_fits, checked_clock, clock_option
from cli.contest_setup import (
    contest_json,
    echo_contest,
    event_scheme,
    has_scheme,
    match_format,
    match_options,
    scheme_options,
)
from tui.i18n import t


@click.group()
def contest() -> None:
    """Contests (技能大赛, 演讲比赛, 知识竞赛): settings, events, entrants, marks."""


@huiwu_command("new", group=contest, json=True)
@click.argument("title")
@click.option("--judges", type=int, required=True, help="Judges on the panel.")
@click.option(
    "--trim",
    type=int,
    default=1,
    show_default=True,
    help="Marks dropped at each end (1 = 去掉一个最高分和一个最低分; 0, 1 or 2).",
)
@click.option("--decimals", type=int, default=2, show_default=True, help="Decimals shown.")
@click.option("--max", "maximum", default="100", show_default=True, help="The maximum mark.")
@click.option(
    "--awards", default=None, help='"一等奖:1,二等奖:3,三等奖:6" or "一等奖:10%,二等奖:20%".'
)
@click.option(
    "--tiebreak",
    default=None,
    help='Tie-breakers in order: stage names and/or "unrounded" (未修约分), e.g. "实操,unrounded".',
)
@click.option(
    "--team-score",
    type=click.Choice(["sum", "mean"]),
    default="sum",
    show_default=True,
    help="A team's score from its members' scores.",
)
@click.option("--judge-names", default=None, help='Judges in order: "王老师,李老师,…".')
@scheme_options
@clock_option
def contest_new(
    title,
    judges,
    trim,
    decimals,
    maximum,
    awards,
    tiebreak,
    team_score,
    judge_names,
    as_json,
    clock=None,
    **scheme,
) -> None:
    """A contest; prints its number. The --stages … options set how its first event is scored
    (more events: `huiwu contest event`)."""
    from models import contests
    from models.rules.scoring import parse_decimal, trim_problems, trim_recommended

    problems = trim_problems(judges, trim)
    if problems:
        raise problems[0]
    breakers = split_list(tiebreak)
    rules = checked_clock(clock)
    stages = quiz = None
    if has_scheme(scheme):
        scheme["event_name"] = title
        stages, quiz = event_scheme(scheme, parse_decimal(maximum))
    if rules:
        check_clock_fits(title, stages, quiz)
    db = open_db()
    info = contests.new_contest(
        db,
        title,
        judges=judges,
        trim=trim,
        decimals=decimals,
        maximum=maximum,
        awards=awards,
        tie_breakers=breakers,
        team_score=team_score,
        judge_names=split_list(judge_names),
        stages=stages,
        quiz=quiz,
        **station_kwargs(),
    )
    if rules is not None:
        apply_clock(db, info.number, None, rules)
        info = contests.get_contest(db, info.number)
    if trim_recommended(judges, trim):
        click.echo(t("clic.trim_warning", judges=judges, trim=trim), err=True)
    if as_json:
        emit_json(contest_json(info, 0))
        return
    click.echo(t("clic.created", number=info.number, title=info.title))
    echo_contest(info)


@huiwu_command("list", group=contest, json=True)
def contest_list(as_json: bool) -> None:
    """Every contest of the current congress, by number."""
    from models.contests import list_contests

    rows = list_contests(open_db())
    if as_json:
        emit_json([{"number": r.number, "title": r.title, "entrants": r.entrants} for r in rows])
        return
    if not rows:
        click.echo(t("clic.none_yet"))
        return
    from tui.result_text import table

    head = [t("clic.col.number"), t("clic.col.title"), t("clic.col.entrants")]
    body = [[str(r.number), r.title, str(r.entrants)] for r in rows]
    click.echo("\n".join(table([head, *body], numeric=[0, 2])))


@huiwu_command("show", group=contest, json=True)
@click.argument("ref", metavar="CONTEST")
def contest_show(ref: str, as_json: bool) -> None:
    """A contest's settings, events (how each is scored) and number of entrants."""
    from models.contests import entrants_of, get_contest

    db = open_db()
    info = get_contest(db, ref)
    count = len(entrants_of(db, info.number))
    if as_json:
        emit_json(contest_json(info, count))
        return
    echo_contest(info, count)


@huiwu_command("event", group=contest, json=True)
@click.argument("ref", metavar="CONTEST")
@click.argument("name")
@scheme_options
@click.option("--max", "maximum", default=None, help="Maximum mark of its stages (the contest's).")
@match_options
@clock_option
def contest_event(
    ref: str, name: str, maximum: str | None, as_json: bool, clock=None, **scheme
) -> None:
    """Add an event (项目) or redefine one with no entrants yet. With no option: one stage
    marked by the judges' panel; with --matches its sides play matches (单循环 in groups, 淘汰赛).
    The first named event replaces the contest's unnamed default while that has no entrants."""
    from models import contests
    from models.rules.scoring import parse_decimal
    from tui.score_text import event_line

    db = open_db()
    info = contests.get_contest(db, ref)
    matches = match_format(scheme)
    scheme["event_name"] = name
    plays = matches is not None and matches.format != "heats"
    if plays and has_scheme(scheme):
        raise click.UsageError(t("match.not_scored"))
    top = parse_decimal(maximum) if maximum is not None else info.maximum
    stages, quiz = (None, None) if plays else event_scheme(scheme, top)
    rules = checked_clock(clock)
    if rules:
        check_clock_fits(name or info.title, stages, quiz)
    info = contests.set_event(
        db, info.number, name, stages=stages, quiz=quiz, matches=matches, **station_kwargs()
    )
    if rules is not None:
        apply_clock(db, info.number, name, rules)
        info = contests.get_contest(db, info.number)
    if as_json:
        emit_json(contest_json(info))
        return
    click.echo(t("clic.event_set", contest=info.label))
    click.echo(event_line(info.event(name), info))


@huiwu_command("tiebreak", group=contest)
@click.argument("ref", metavar="CONTEST")
@click.argument("names")
def contest_tiebreak(ref: str, names: str) -> None:
    """Tie-breakers in order: stage names and/or "unrounded" (未修约分); "" clears them."""
    from models.contests import set_tie_breakers
    from tui.score_text import breaker_words

    info = set_tie_breakers(open_db(), ref, split_list(names), **station_kwargs())
    click.echo(t("clic.tiebreak", names=breaker_words(info)))


# Published standings are final (issue 16): publish locks every mark, reopen needs a reason.


def _publication_json(pub) -> dict:
    return {
        "contest": pub.contest,
        "title": pub.title,
        "published": pub.published,
        "at": pub.at,
        "standings": [
            dict(zip(("rank", "entrant", "name", "score", "award"), row, strict=True))
            for row in pub.standings
        ],
        "replaces": pub.replaces,
    }


def publication_lines(pub) -> list[str]:
    if not pub.published:
        return []
    lines = [t("final.contest.published_at", at=pub.at.replace("T", " ")[:16])]
    if pub.replaces:
        lines.append(t("final.contest.replaces", reason=pub.replaces["reason"]))
    return lines


@huiwu_command("publish", group=contest, json=True)
@click.argument("ref", metavar="CONTEST")
def contest_publish(ref: str, as_json: bool) -> None:
    """公布成绩: the standings become final; every later change needs `contest reopen` first."""
    from models.contest_publish import publish_contest

    pub = publish_contest(open_db(), ref, **station_kwargs())
    if as_json:
        emit_json(_publication_json(pub))
        return
    click.echo(t("final.contest.published", number=pub.contest, title=pub.title))
    click.echo("\n".join(publication_lines(pub)))


@huiwu_command("reopen", group=contest, json=True)
@click.argument("ref", metavar="CONTEST")
@click.option("--reason", required=True, help="Why published standings are reopened.")
def contest_reopen(ref: str, reason: str, as_json: bool) -> None:
    """Reopen published standings to correct them (the reason goes to the audit log)."""
    from models.contest_publish import reopen_contest

    pub = reopen_contest(open_db(), ref, reason=reason, **station_kwargs())
    if as_json:
        emit_json(_publication_json(pub))
        return
    click.echo(t("final.contest.reopened", number=pub.contest, title=pub.title, reason=reason))


@huiwu_command("entrant", group=contest, json=True)
@click.argument("ref", metavar="CONTEST")
@click.argument("name")
@click.option("--unit", default="", help="单位 / 部门 / 班组.")
@click.option("--group", default="", help="组别 (男子组, 女子组 …).")
@click.option("--event", default=None, help="The event (项目), by name; default the first.")
@click.option("--team", default="", help="The team this entrant scores for.")
@click.option("--members", default="", help='A team entrant\'s members: "甲、乙、丙".')
@click.option("--number", type=int, default=None, help="出场序号 (default: the next).")
@click.option("--seed", type=int, default=None, help="种子序号 in a match event's knockout draw.")
def contest_entrant(ref, name, unit, group, event, team, members, number, seed, as_json) -> None:
    """Register an entrant (an individual, or a team with --members)."""
    from models.contests import add_entrant, entrant_json, get_contest

    db = open_db()
    entrant = add_entrant(
        db,
        ref,
        name,
        unit=unit,
        group=group,
        event=event,
        team=team,
        members=split_list(members),
        number=number,
        seed=seed,
        **station_kwargs(),
    )
    if as_json:
        emit_json(entrant_json(entrant, get_contest(db, ref)))
        return
    click.echo(t("clic.entrant_added", number=entrant.number, name=entrant.name))


@huiwu_command("entrants", group=contest, json=True)
@click.argument("ref", metavar="CONTEST")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def contest_entrants(ref: str, file: Path, as_json: bool) -> None:
    """Register entrants from CSV/XLSX, all or nothing: 选手/name, 单位/unit, 组别/group,
    项目/event, 团队/team, 成员/members, 序号/number."""
    from models.contests import entrant_json, get_contest
    from models.score_import import import_entrants

    db = open_db()
    report = import_entrants(db, ref, file, **station_kwargs())
    if as_json:
        info = get_contest(db, ref)
        emit_json(
            {
                "contest": report.contest,
                "rows": report.rows,
                "added": len(report.added),
                "unchanged": report.unchanged,
                "entrants": [entrant_json(e, info) for e in report.added],
            }
        )
        return
    click.echo(
        t(
            "clic.entrants_imported",
            title=report.title,
            added=len(report.added),
            unchanged=report.unchanged,
            rows=report.rows,
        )
    )


COMMANDS = (contest,)
