"""`huiwu seats`: the hall plan, assignment by delegation blocks, one seat by hand, the list and
the 座次表 PDF."""

from pathlib import Path

import click

from cli.base import common_options, emit_json, guarded, huiwu_command, open_db, station_kwargs
from tui.i18n import category_name, t


@click.group(invoke_without_command=True)
@common_options
@click.option("--json", "as_json", is_flag=True, help="The plan and everyone's seat as JSON.")
@click.option(
    "--pdf",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the 座次表 (by rows, the presidium on top) and each delegation's seat list.",
)
@click.option("--by-delegation", is_flag=True, help="With --pdf: only the per-delegation lists.")
@click.option("--paper", type=click.Choice(["A4", "A3"]), default=None, help="Landscape paper.")
@click.pass_context
@guarded
def seats(ctx, as_json: bool, pdf: Path | None, by_delegation: bool, paper: str | None) -> None:
    """Seats: with no subcommand, the list (or --pdf the 座次表)."""
    if ctx.invoked_subcommand is not None:
        return
    from models.seats.assigning import seat_chart, seat_list

    db = open_db()
    if pdf is not None:
        from models.io.seat_chart import write_seat_chart

        out = write_seat_chart(seat_chart(db), pdf, paper=paper, lists_only=by_delegation)
        if as_json:
            emit_json({"pdf": str(out)})
        else:
            click.echo(t("seats.pdf.done", path=out))
        return
    plan, people = seat_list(db)
    if as_json:
        emit_json(
            {
                "plan": plan.as_json() if plan else None,
                "people": [person.as_json() for person in people],
            }
        )
        return
    click.echo(plan_line(plan))
    for person in people:
        seat = person.seat or t("seats.unseated")
        delegation = person.delegation or t("delegation.none")
        click.echo(
            f"  {seat:<8} {person.code:<8} {person.name}  {delegation}  "
            f"{category_name(person.category)}"
        )


def plan_line(plan) -> str:
    if plan is None:
        return t("seats.plan.none")
    aisles = "、".join(str(a) for a in plan.aisles)
    return t(
        "seats.plan.done",
        rows=plan.rows,
        seats=plan.seats,
        aisles=t("seats.plan.aisles", aisles=aisles) if plan.aisles else "",
        presidium=t("seats.plan.presidium", count=plan.presidium) if plan.presidium else "",
        capacity=plan.capacity,
    )


@huiwu_command("plan", group=seats, json=True)
@click.option("--rows", type=int, required=True, help="Rows in the hall.")
@click.option("--seats", "per_row", type=int, required=True, help="Seats per row.")
@click.option("--aisles", default=None, help="An aisle after these seat numbers, e.g. 10,20.")
@click.option("--presidium", type=int, default=0, help="Seats at the presidium's table.")
def seats_plan(rows: int, per_row: int, aisles: str | None, presidium: int, as_json: bool):
    """The hall plan: rows × seats per row, aisles, the presidium's table."""
    from models.errors import refuse
    from models.seats.assigning import set_hall_plan
    from models.seats.plan import PlanError, parse_aisles

    try:
        aisle_list = parse_aisles(aisles)
    except PlanError as error:
        raise refuse(error.key, **error.params) from None
    plan = set_hall_plan(open_db(), rows, per_row, aisle_list, presidium, **station_kwargs())
    if as_json:
        emit_json(plan.as_json())
        return
    click.echo(plan_line(plan))


@huiwu_command("assign", group=seats, json=True)
@click.option(
    "--by",
    type=click.Choice(["delegation"]),
    default="delegation",
    help="Blocks by delegation (the only way so far).",
)
def seats_assign(by: str, as_json: bool) -> None:
    """Seat everyone by delegation blocks in roster order, voting delegates first; the seats the
    roster gives are kept."""
    from models.seats.assigning import assign_seats

    report = assign_seats(open_db(), **station_kwargs())
    if as_json:
        emit_json(report.as_json())
        return
    click.echo(
        t("seats.assign.done", assigned=report.assigned, kept=report.kept, changed=report.changed)
    )


@huiwu_command("set", group=seats, json=True)
@click.argument("code")
@click.argument("seat", required=False, default="")
def seats_set(code: str, seat: str, as_json: bool) -> None:
    """Give one person a seat by hand (3排12座, 3-12, 主席台1), kept by assignment; no SEAT
    clears it."""
    from models.seats.assigning import set_person_seat

    person = set_person_seat(open_db(), code, seat, **station_kwargs())
    if as_json:
        emit_json(person.as_json())
        return
    key = "seats.set.done" if person.seat else "seats.set.cleared"
    click.echo(t(key, code=person.code, name=person.name, seat=person.seat or ""))


@huiwu_command("note", group=seats, json=True)
@click.argument("code")
@click.argument("note", required=False, default="")
def seats_note(code: str, note: str, as_json: bool) -> None:
    """The note shown when this person checks in (「请到主席台就座」); no NOTE clears it. A
    category's note is a setting: huiwu congress set note.列席代表 请领取列席证."""
    from models.seats.notes import set_person_note

    person = set_person_note(open_db(), code, note, **station_kwargs())
    if as_json:
        emit_json({"code": person.code, "name": person.name, "note": person.note})
        return
    click.echo(t("note.saved" if person.note else "note.cleared", name=person.name))


COMMANDS = (seats,)
