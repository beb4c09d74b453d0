"""What motions, elections and appraisals share: `items`, `close`, `reopen`, `result`."""

from pathlib import Path

import click

from cli.base import (
    emit_json,
    huiwu_command,
    open_db,
    station_kwargs,
)
from tui.i18n import t

# --------------------------------------------------------------------------------- voting


def item_json(item) -> dict:
    from models.results import roll_json

    return {
        "number": item.number,
        "kind": item.kind,
        "title": item.title,
        "settings": item.settings,
        "important": item.important,
        "method": item.method,
        "double_entry": item.double_entry,
        "issued": item.issued,
        "nominees": list(item.nominees),
        "posts": list(item.posts),
        "scrutineers": list(item.scrutineers),
        "counters": list(item.counters),
        "round": item.round,
        "parent": item.parent_number,
        "counted": item.counted,
        "roll": roll_json(item.roll),
    }


def echo_outcome(outcome, as_json: bool) -> None:
    from models.results import finality_json, outcome_json
    from tui.result_text import result_lines

    if as_json:
        body = {**outcome_json(outcome), **finality_json(outcome)}
        if outcome.item.kind == "election":  # kept out of the archived figures (verify)
            from models.election_view import elected_rows_json

            body["reelect_wanted"] = outcome.result.reelect_wanted
            if outcome.rounds is not None:  # an election with follow-up rounds
                body["elected_all"] = elected_rows_json(outcome.rounds)
        emit_json(body)
        return
    for line in result_lines(outcome):
        click.echo(line)


def item_flags(item) -> list[str]:
    lines = []
    if item.important and item.kind == "motion":
        lines.append(t("cliv.flag.important"))
    if item.double_entry:
        lines.append(t("cliv.flag.double"))
    return lines


def issue_ballots(ref: str, count: int, as_json: bool, db=None) -> None:
    from models.voting import issue

    item = issue(db or open_db(), ref, count, **station_kwargs())
    if as_json:
        emit_json(item_json(item))
        return
    click.echo(
        t(
            "cliv.issued",
            number=item.number,
            title=item.title,
            issued=item.issued,
            present=item.roll.present,
            due=item.roll.due,
        )
    )


@huiwu_command(json=True)
def items(as_json: bool) -> None:
    """Every motion, election and appraisal of the current congress, by number, with the status
    the TUI's items list shows."""
    from models.voting import list_items
    from tui.item_status import item_rows

    db = open_db()
    summaries = {r.number: r for r in list_items(db)}
    rows = item_rows(db)
    if as_json:
        emit_json(
            [
                {
                    "number": r.number,
                    "kind": r.kind,
                    "title": r.title,
                    "counting": summaries[r.number].counting,
                    "status": r.status,
                    "state": r.state,
                }
                for r in rows
            ]
        )
        return
    if not rows:
        click.echo(t("cliv.items.none"))
        return
    from tui.result_text import table

    click.echo(
        "\n".join(
            table(
                [[str(r.number), t(f"item.kind.{r.kind}"), r.title, r.status] for r in rows],
                numeric=[0],
            )
        )
    )


# --- results


@huiwu_command(json=True)
@click.argument("ref", metavar="ITEM")
def close(ref: str, as_json: bool) -> None:
    """计票完毕: every returned ballot of the first entry is keyed; the result can be final."""
    from models.voting import set_counted

    item = set_counted(open_db(), ref, True, **station_kwargs())
    if as_json:
        emit_json(item_json(item))
        return
    click.echo(t("cliv.closed", number=item.number, title=item.title))


@huiwu_command(json=True)
@click.argument("ref", metavar="ITEM")
@click.option("--reason", required=True, help="Why the closed count or final result is reopened.")
def reopen(ref: str, reason: str, as_json: bool) -> None:
    """Reopen a closed count or a final result to correct it (the reason goes to the audit log);
    the next final result says which one it replaced."""
    from models.voting import set_counted

    item = set_counted(open_db(), ref, False, reason=reason, **station_kwargs())
    if as_json:
        emit_json(item_json(item))
        return
    click.echo(t("cliv.reopened", number=item.number, title=item.title, reason=reason.strip()))


@huiwu_command()
@click.argument("ref", metavar="ITEM")
@click.option("--json", "as_json", is_flag=True)
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False, path_type=Path), default=None)
def result(ref: str, as_json: bool, pdf: Path | None, xlsx: Path | None) -> None:
    """The result of a motion, an election or an appraisal (by number or title)."""
    from models.results import item_outcome

    db = open_db()
    if pdf is not None or xlsx is not None:
        from models.io.result_export import export_item

        written = export_item(db, ref, pdf=pdf, xlsx=xlsx)
        for path in (written.pdf, written.xlsx):
            if path is not None:
                click.echo(t("cliv.written", path=path), err=as_json)
    echo_outcome(item_outcome(db, ref), as_json)


COMMANDS = (items, close, reopen, result)
