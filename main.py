"""The ``huiwu`` command: the TUI with no subcommand, and the same work headless.

This file builds the root group and adds the areas' commands (cli/); what every command shares
(options, the error guard, JSON output, the database) is in cli/base.py. Start-up stays lazy:
nothing here or in cli/ imports SQLAlchemy or Textual before a command runs.
"""

import logging
import os

import click

from cli import (
    appraisals,
    checkin,
    congress,
    contest_clock,
    contest_marks,
    contests,
    display,
    elections,
    matches,
    motions,
    offline,
    paper,
    proposal_steps,
    proposals,
    records,
    seats,
    standings,
    voting,
)
from cli.base import common_options, default_station, guarded, setting
from tui.click_words import CatalogOption, HuiwuGroup


@click.group(
    cls=HuiwuGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@common_options
@click.option("--station", default=None, cls=CatalogOption, help_key="help.opt.station")
@click.option("--operator", default=None, help="Who works at this desk (env HUIWU_OPERATOR).")
@click.option(
    "--exit-desk", is_flag=True, help="Open the desk as an exit: scans register leaving the hall."
)
@click.pass_context
def cli(ctx: click.Context, station: str | None, operator: str | None, exit_desk: bool) -> None:
    """会务 huiwu — congress-day check-in, votes, proposals and contests."""
    if station is not None:  # the desk's name for every command of this run, as HUIWU_STATION
        os.environ["HUIWU_STATION"] = station
    if operator is not None:  # likewise the person, for every record this run makes
        os.environ["HUIWU_OPERATOR"] = operator
    if ctx.invoked_subcommand is None:
        guarded(_run_tui)(default_station(), exit_desk)


def _run_tui(station: str, exit_desk: bool = False) -> None:
    from tui.app import launch_app

    logging.disable(logging.WARNING)
    app = launch_app(
        db=setting("huiwu.db"),
        lang=setting("huiwu.lang"),
        station=station,
        operator=os.environ.get("HUIWU_OPERATOR"),
        exit_desk=exit_desk,
    )
    app.run()
    if app.launch_error is not None:  # reported by `guarded` as any command's failure is
        raise app.launch_error


AREAS = (congress, checkin, voting, motions, elections, appraisals, records, contests)
AREAS += (contest_marks, contest_clock, standings, proposals, proposal_steps, display, paper)
AREAS += (offline, seats)
AREAS += (matches,)
for area in AREAS:
    for command in area.COMMANDS:
        cli.add_command(command)


if __name__ == "__main__":
    cli()
