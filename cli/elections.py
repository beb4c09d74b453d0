"""`huiwu election` and `ballots import`: an election, its ballots and follow-up rounds."""

from pathlib import Path

import click

from cli.base import (
    emit_json,
    entry_option,
    huiwu_command,
    open_db,
    station_kwargs,
)
from cli.voting import issue_ballots, item_flags, item_json
from tui.i18n import t

# --- elections


@click.group()
def election() -> None:
    """Elections (选举): create, issue ballots, runoff."""


@huiwu_command("new", group=election, json=True)
@click.argument("title")
@click.option("--seats", type=int, required=True)
@click.option("--candidates", required=True, help='"甲,乙,丙" (、 and ， work too)')
@click.option("--equal", is_flag=True, help="等额: as many candidates as seats.")
@click.option("--rate", default=None, help="差额 rate: 0.05, 5% or 1/20.")
@click.option("--scrutineers", default="", help="监票人, comma separated.")
@click.option("--counters", default="", help="计票人, comma separated.")
@click.option(
    "--order", type=click.Choice(["strokes", "given"]), default="strokes", show_default=True
)
@click.option("--double", "double_entry", is_flag=True, help="A blind second entry checks it.")
def election_new(
    title, seats, candidates, equal, rate, scrutineers, counters, order, double_entry, as_json
) -> None:
    from models.elections import new_election
    from tui.result_text import election_mode

    item = new_election(
        open_db(),
        title,
        seats=seats,
        candidates=candidates,
        equal=equal,
        rate=rate,
        scrutineers=scrutineers,
        counters=counters,
        double_entry=double_entry,
        order=order,
        **station_kwargs(),
    )
    if as_json:
        emit_json(item_json(item))
        return
    click.echo(
        t(
            "cliv.election.created",
            number=item.number,
            title=item.title,
            seats=item.settings["seats"],
            mode=election_mode(item.settings),
        )
    )
    click.echo(
        t(
            "cliv.election.candidates",
            order=t(f"cliv.order.{order}"),
            names="、".join(item.nominees),
        )
    )
    if item.scrutineers or item.counters:
        click.echo(
            t(
                "cliv.election.people",
                scrutineers="、".join(item.scrutineers) or "—",
                counters="、".join(item.counters) or "—",
            )
        )
    for line in item_flags(item):
        click.echo(line)


@huiwu_command("issue", group=election, json=True)
@click.argument("ref", metavar="ELECTION")
@click.argument("count", metavar="N", type=int)
def election_issue(ref: str, count: int, as_json: bool) -> None:
    """发出: ballots issued (an appraisal's sheets too); freezes the roll of voters present."""
    issue_ballots(ref, count, as_json)


@huiwu_command("candidates", group=election, json=True)
@click.argument("ref", metavar="ELECTION")
@click.argument("names")
def election_candidates(ref: str, names: str, as_json: bool) -> None:
    """Change the candidates or their printed order ("甲,乙,丙"), until a ballot is keyed."""
    from models.elections import set_candidates

    item = set_candidates(open_db(), ref, names, **station_kwargs())
    if as_json:
        emit_json(item_json(item))
        return
    click.echo(
        t("cliv.election.candidates", order=t("cliv.order.given"), names="、".join(item.nominees))
    )


@huiwu_command("scrutineers", group=election, json=True)
@click.argument("ref", metavar="ELECTION")
@click.option("--scrutineers", default="", help="监票人, comma separated.")
@click.option("--counters", default="", help="计票人, comma separated.")
def election_scrutineers(ref: str, scrutineers: str, counters: str, as_json: bool) -> None:
    """监票人 and 计票人 of an election (never candidates)."""
    from models.counting_staff import staff_away
    from models.elections import set_scrutineers

    db = open_db()
    item = set_scrutineers(db, ref, scrutineers, counters, **station_kwargs())
    away = staff_away(db, item.number)
    if as_json:
        emit_json({**item_json(item), "staff_away": [s.__dict__ for s in away]})
        return
    _warn_staff_away(away)
    click.echo(
        t(
            "cliv.election.people",
            scrutineers="、".join(item.scrutineers) or "—",
            counters="、".join(item.counters) or "—",
        )
    )


def _warn_staff_away(away) -> None:
    """Counting staff not checked in: a warning on stderr; the command still did its work."""
    from tui.result_text import staff_away_line

    if away:
        click.echo(staff_away_line(away), err=True)


@huiwu_command("runoff", group=election, json=True)
@click.argument("ref", metavar="ELECTION")
@click.option("--title", default=None, help="Title of the new round.")
def election_runoff(ref: str, title: str | None, as_json: bool) -> None:
    """The next round: a runoff among the tied, or the further election for vacant seats."""
    from models.elections import follow_up

    item = follow_up(open_db(), ref, title=title, **station_kwargs())
    if as_json:
        emit_json(item_json(item))
        return
    click.echo(
        t(
            "cliv.runoff.created",
            number=item.number,
            title=item.title,
            round=item.round,
            seats=item.settings["seats"],
            names="、".join(item.nominees),
        )
    )


@click.group()
def ballots() -> None:
    """Election ballots from a file."""


@huiwu_command("import", group=ballots, json=True)
@click.argument("ref", metavar="ELECTION")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@entry_option
def ballots_import(ref: str, file: Path, entry: str, as_json: bool) -> None:
    """One row per ballot: 票号, one column per candidate (○ × or blank), 另选他人."""
    from models.counting_staff import staff_away
    from models.elections import election_outcome, import_ballots

    db = open_db()
    report = import_ballots(db, ref, file, entry=int(entry), **station_kwargs())
    _warn_staff_away(staff_away(db, report.item.number))
    outcome = election_outcome(db, report.item.number)
    result = outcome.result
    issued = report.item.issued
    if report.entry == 1:
        reason = result.void_reason
    elif issued is None:  # the result comes from the first entry; this one's count still matters
        reason = "not_issued"
    else:
        reason = "returned_exceeds_issued" if report.imported > issued else None
    both = bool(outcome.entries.get(1)) and bool(outcome.entries.get(2))
    if as_json:
        emit_json(
            {
                "number": report.item.number,
                "title": report.item.title,
                "entry": report.entry,
                "imported": report.imported,
                "void": report.void,
                "replaced": report.replaced,
                "issued": issued,
                "valid": reason is None,
                "void_reason": reason,
                "differences": len(outcome.differences) if both else None,
            }
        )
        return
    click.echo(
        t(
            "cliv.ballots.imported",
            number=report.item.number,
            title=report.item.title,
            entry=report.entry,
            imported=report.imported,
            void=report.void,
        )
    )
    if report.replaced:
        click.echo(t("cliv.ballots.replaced", entry=report.entry))
    if reason:
        click.echo(t("cliv.ballots.warning", reason=t(f"election.void.{reason}")))
    if both:
        if outcome.differences:
            click.echo(t("cliv.ballots.entries_differ", count=len(outcome.differences)))
        else:
            click.echo(t("cliv.ballots.entries_agree"))


COMMANDS = (election, ballots)
