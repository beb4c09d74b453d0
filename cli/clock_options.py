"""The `--clock` option of `contest new` and `contest event`: the speaking clock's rules read
before anything is written, then given to the event (models.scores.set_clock)."""

import click

from cli.base import station_kwargs
from tui.click_words import CatalogOption
from tui.i18n import t


def clock_option(fn):
    """`--clock "limit=5:00,warn=4:00,min=3:00,unit=30,amount=0.5,grace=5,full"` on `contest
    new` and `contest event`."""
    return click.option("--clock", default=None, cls=CatalogOption, help_key="clock.help.clock")(fn)


def checked_clock(text):
    """The rules read before anything is written, so bad notation changes nothing."""
    if text is None:
        return None
    from models.rules.speaking import parse_clock

    return parse_clock(text) or ""


def check_clock_fits(name: str, stages, quiz) -> None:
    """Refused before the event is written: no clock on a quiz or a lower-better result."""
    from models.scores import check_clock_fits as fits

    fits(name, stages, quiz)


def apply_clock(db, contest_number: int, event: str | None, rules) -> None:
    """Give the event its clock (after `contest new/event` made it) and say so."""
    if rules is None:
        return
    from models.scores import set_clock

    info = set_clock(db, contest_number, event, rules or None, **station_kwargs())
    event_info = info.event(event)
    name = event_info.name or info.title
    if event_info.clock is None:
        click.echo(t("clock.unset", event=name), err=True)
        return
    from tui.clock_text import clock_words

    click.echo(t("clock.set", event=name, words=clock_words(event_info.clock)), err=True)
