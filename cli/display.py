"""`huiwu display`: the read-only projector view."""

import click

from cli.base import (
    huiwu_command,
    setting,
)

# --------------------------------------------------------------------------------- projector


@huiwu_command()
@click.argument("contest", required=False)
@click.option(
    "--serve", is_flag=True, help="Serve the projector page in a browser (textual-serve)."
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind with --serve."
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--seats", is_flag=True, help="The live seat map of the current sitting instead.")
@click.option("--event", default=None, help="A match event of the contest: its tables and bracket.")
@click.option("--meet", default=None, help="A sports meet's team points and medal table instead.")
def display(contest, serve: bool, host: str, port: int, seats: bool, event, meet) -> None:
    """Read-only projector view of a contest (big score, entrant on stage, leaderboard), or with
    --seats the live seat map of the current sitting."""
    from tui.display_cli import run_display, run_meet, run_seat_map
    from tui.i18n import t

    if seats:
        if contest:
            raise click.UsageError(t("seatmap.contest_too", contest=contest))
        run_seat_map(
            db=setting("huiwu.db"), lang=setting("huiwu.lang"), serve=serve, host=host, port=port
        )
        return
    if meet:
        run_meet(
            db=setting("huiwu.db"),
            lang=setting("huiwu.lang"),
            meet=meet,
            serve=serve,
            host=host,
            port=port,
        )
        return
    run_display(
        event=event,
        db=setting("huiwu.db"),
        lang=setting("huiwu.lang"),
        contest=contest,
        serve=serve,
        host=host,
        port=port,
    )


COMMANDS = (display,)
