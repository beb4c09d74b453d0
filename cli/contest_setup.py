"""How a contest is set up and said: the scoring-scheme options and the contest's JSON."""

import click

from tui.i18n import t

# --------------------------------------------------------------------------------- contests


def scheme_options(fn):
    """How an event is scored: shared by `contest new` (its first event) and `contest event`."""
    options = [
        click.option(
            "--stages",
            default=None,
            help='Weighted stages "理论:30,实操:70" (weights make 100%; a stage of weight 0 '
            "is recorded for tie-breaking only). Each is marked by the judges' panel unless "
            "named in --stage-single or --measured.",
        ),
        click.option(
            "--stage-single",
            "stage_single",
            multiple=True,
            help="A stage that takes ONE mark per entrant (an exam paper), not one per judge: "
            '--stage-single 理论 (repeat it, or "理论,笔试").',
        ),
        click.option(
            "--single",
            is_flag=True,
            help="Every stage of the event takes one mark (an exam paper, a single result).",
        ),
        click.option(
            "--criteria",
            multiple=True,
            help='A criteria sheet (评分细则): "仪表:10,内容:40,表达:50" for the only stage, or '
            '"实操=规范:30,质量:70" for a named one. A judge\'s mark is the sum.',
        ),
        click.option(
            "--measured",
            multiple=True,
            metavar="UNIT|STAGE=UNIT",
            help='A measured result (点钞 count, time, distance) in UNIT: "秒" for the only '
            'stage, or "用时=秒" for a named one. Times may be typed m:ss.ff.',
        ),
        click.option(
            "--lower-better", is_flag=True, help="Measured results: lower is better (time)."
        ),
        click.option(
            "--quiz", is_flag=True, help="A knowledge quiz (知识竞赛): points per question."
        ),
        click.option(
            "--start", type=int, default=None, help="Quiz: the points every team starts with (100)."
        ),
        click.option(
            "--stakes", default=None, help='Quiz: the stakes a risk question may carry "10,20,30".'
        ),
        click.option("--foul", type=int, default=None, help="Quiz: 抢答犯规 deduction (= 抢答错)."),
        click.option("--buzzer-keys", default=None, help='Quiz: buzzer keys "1=A队,2=B队".'),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def match_options(fn):
    """How a match event is played (`contest event … --matches`)."""
    options = [
        click.option(
            "--matches",
            "match_kind",
            type=click.Choice(["roundrobin", "knockout", "heats"]),
            default=None,
            help="Sides play matches: roundrobin (单循环, in --groups), knockout (淘汰赛); or heats "
            "(预赛/决赛) of a --measured event, the first --advance of each heat and the best "
            "results to a --final of that size.",
        ),
        click.option(
            "--groups", type=int, default=1, show_default=True, help="Round-robin groups."
        ),
        click.option(
            "--best-of",
            "best_of",
            type=int,
            default=None,
            help="Games a match is best of (default by game: table tennis and volleyball 5, "
            "badminton and tug of war 3, points 1).",
        ),
        click.option(
            "--game",
            type=click.Choice(["tabletennis", "badminton", "volleyball", "tugofwar", "points"]),
            default="points",
            show_default=True,
            help="Which scores end a game (points: any, no check).",
        ),
        click.option("--third-place", "third_place", is_flag=True, help="Play a 三四名决赛."),
        click.option(
            "--advance", type=int, default=0, help="The first K of each group go on to a knockout."
        ),
        click.option("--courts", type=int, default=1, show_default=True, help="Tables or courts."),
        click.option(
            "--rubbers",
            type=int,
            default=0,
            help="Team ties (团体赛): each is this many individual matches (5: the first to 3).",
        ),
        click.option(
            "--final",
            "final_size",
            type=int,
            default=8,
            show_default=True,
            help="Heats: how many go to the final.",
        ),
        click.option(
            "--lanes",
            type=int,
            default=8,
            show_default=True,
            help="Heats: the most sides in one heat.",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


MATCH_KEYS = ("match_kind", "groups", "best_of", "game", "third_place", "advance", "courts")
MATCH_KEYS += ("final_size", "lanes", "rubbers")


def match_format(options: dict):
    """The MatchFormat the options ask for (None for a scored event); takes its keys out of
    ``options`` so the scheme options are left. Best of N by the game unless told
    (models.rules.games.DEFAULT_BEST_OF), as the new-event dialog does."""
    from models.contests.match_format import MatchFormat

    values = {key: options.pop(key) for key in MATCH_KEYS}
    if values["match_kind"] is None:
        return None
    from models.rules.games import DEFAULT_BEST_OF

    best_of = values["best_of"] or DEFAULT_BEST_OF[values["game"]]
    return MatchFormat(
        format=values["match_kind"],
        groups=values["groups"],
        best_of=best_of,
        game=values["game"],
        third_place=values["third_place"],
        advance=values["advance"],
        courts=values["courts"],
        final=values["final_size"] if values["match_kind"] == "heats" else 0,
        lanes=values["lanes"] if values["match_kind"] == "heats" else 0,
        rubbers=values["rubbers"],
    )


def has_scheme(options: dict) -> bool:
    from models.contest_scheme import has_scheme

    return has_scheme(options)


def event_scheme(options: dict, maximum):
    """(stages, quiz) for contests.set_event from the scheme options; checked, never written
    (models/contest_scheme.py: the TUI's dialogs read the same notation)."""
    from models.contest_scheme import scheme_from_text

    return scheme_from_text(maximum=maximum, **options)


def contest_json(contest, entrants: int | None = None) -> dict:
    from models.contests import quiz_json, stage_json
    from models.rules.scoring import plain
    from models.rules.speaking import clock_spec

    return {
        "number": contest.number,
        "title": contest.title,
        "judges": contest.judges,
        "trim": contest.trim,
        "decimals": contest.decimals,
        "max": plain(contest.maximum),
        "awards": contest.awards_spec,
        "tie_breakers": list(contest.tie_breakers),
        "team_score": contest.team_score,
        "judge_names": list(contest.judge_names),
        "events": [
            {
                "name": e.name,
                "stages": [stage_json(s) for s in e.stages],
                "quiz": quiz_json(e.quiz) if e.quiz else None,
                **({"matches": e.matches.json()} if e.matches else {}),
                **({"clock": clock_spec(e.clock)} if e.clock else {}),  # timed events only
            }
            for e in contest.events
        ],
        "entrants": entrants,
        "on_stage": contest.on_stage,
    }


def echo_contest(contest, entrants: int | None = None) -> None:
    from tui.score_text import award_words, breaker_words, event_line, rule_words

    click.echo(t("clic.head", number=contest.number, title=contest.title))
    click.echo(rule_words(contest))
    click.echo(t("clic.awards", awards=award_words(contest)))
    click.echo(t("clic.tiebreak", names=breaker_words(contest)))
    if contest.judge_names:
        names = "、".join(f"{i}号 {n}" for i, n in enumerate(contest.judge_names, start=1) if n)
        click.echo(t("clic.judge_names", names=names))
    if any(e.stages and e.stages[0].kind != "quiz" for e in contest.events):
        click.echo(t("clic.team_score", how=t(f"contest.team.{contest.team_score}")))
    for event in contest.events:
        click.echo(event_line(event, contest))
        if event.clock is not None:
            from tui.clock_text import clock_words

            click.echo("  " + clock_words(event.clock))
    if entrants is not None:
        click.echo(t("clic.entrant_count", count=entrants))
