"""The speaking clock (演讲比赛 计时): `contest time` — a time typed or corrected, or the clock of
the entrant on stage started and stopped (the `--clock` option of `contest new/event`:
cli/clock_options.py)."""

import click

from cli.base import emit_json, huiwu_command, open_db, station_kwargs
from cli.contests import contest
from tui.click_words import CatalogOption
from tui.i18n import t


def time_result_json(card) -> dict:
    from models.scores import time_json

    running = card.timing is not None and card.timing.running
    return {
        "entrant": card.entrant.name,
        "number": card.entrant.number,
        **time_json(card),
        "running": running,
        "started_at": card.timing.started_at if running else None,
        "score": card.shown,
    }


@huiwu_command("time", group=contest, json=True)
@click.argument("ref", metavar="CONTEST")
@click.argument("entrant", required=False, default=None)
@click.argument("value", metavar="TIME", required=False, default=None)
@click.option("--reason", default="", cls=CatalogOption, help_key="clock.help.reason")
@click.option("--start", is_flag=True, cls=CatalogOption, help_key="clock.help.start")
@click.option("--stop", is_flag=True, cls=CatalogOption, help_key="clock.help.stop")
@click.option("--withdraw", is_flag=True, cls=CatalogOption, help_key="clock.help.withdraw")
def contest_time(ref, entrant, value, reason, start, stop, withdraw, as_json) -> None:
    """An entrant's speaking time, e.g. `contest time 1 3 5:47.3` (ENTRANT by 出场序号 or name;
    TIME m:ss.ff or seconds); a time already recorded is corrected only with --reason. --start /
    --stop run the clock of the entrant on stage (or ENTRANT)."""
    from models.scores import clock_card, record_time, start_clock, stop_clock, withdraw_time

    db = open_db()
    if withdraw:
        card = withdraw_time(db, ref, entrant, reason=reason, **station_kwargs())
    elif start or stop:
        if start:
            start_clock(db, ref, entrant, **station_kwargs())
            card = clock_card(db, ref, entrant)
        else:
            card = stop_clock(db, ref, entrant, **station_kwargs())
    else:
        if entrant is None or value is None:
            raise click.UsageError(t("clock.help.time"))
        card = record_time(db, ref, entrant, value, reason=reason, **station_kwargs())
    if as_json:
        emit_json(time_result_json(card))
        return
    _echo_time(card)


def _echo_time(card) -> None:
    from models.rules.speaking import clock_time
    from tui.clock_text import verdict_words

    if card.timing is not None and card.timing.running:
        click.echo(t("clock.started", entrant=card.entrant.label))
        return
    verdict = verdict_words(card.verdict, card.decimals)
    time = clock_time(card.timing.seconds if card.timing else None)
    score = card.shown or "—"
    click.echo(
        t("clock.recorded", entrant=card.entrant.label, time=time, verdict=verdict, score=score)
    )


COMMANDS = ()  # `contest time` hangs on the contest group (cli/contests.py)
