"""Check-in desk work: `checkin`, `leave`, `undo`, `attendance`, `absent`, `badges`."""

import sys
from pathlib import Path

import click

from cli import base
from cli.base import (
    EXIT_REFUSED,
    default_operator,
    default_station,
    emit_json,
    huiwu_command,
    open_db,
    refused,
)
from tui.i18n import t

# --------------------------------------------------------------------------------- badges


@huiwu_command(json=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The PDF to write (required unless --rotate).",
)
@click.option("--png-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--codes", default=None, help="Only these codes, comma separated.")
@click.option(
    "--rotate",
    is_flag=True,
    help="Void every badge printed so far: a new signing key (then print new badges).",
)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation before --rotate.")
def badges(
    out: Path | None,
    png_dir: Path | None,
    codes: str | None,
    rotate: bool,
    yes: bool,
    as_json: bool,
) -> None:
    """A4 sheet of badges with signed QR codes; --rotate voids every badge printed so far."""
    from models.io.badges import write_badges

    _check_badge_options(out, png_dir, codes, rotate)
    db = open_db()
    rotation = _rotate_badges(db, yes, as_json) if rotate else None
    report = None
    if out is not None:
        wanted = [c for c in (codes or "").replace("，", ",").split(",") if c.strip()] or None
        report = write_badges(db, out, png_dir=png_dir, codes=wanted)
    if as_json:
        emit_json(
            {
                "rotation": rotation.as_json() if rotation else None,
                "sheet": report.as_json() if report else None,
            }
        )
    elif report is not None:
        click.echo(t("badges.done", count=report.count, pages=report.pages, path=out))
    else:
        click.echo(t("badges.rotate.print_cli"))


def _check_badge_options(out, png_dir, codes, rotate: bool) -> None:
    """Usage errors (exit 2): a sheet needs --out; only a bare rotation goes without one."""
    if out is not None:
        return
    for option, value in (("--png-dir", png_dir), ("--codes", codes)):
        if value is not None:
            raise click.UsageError(t("badges.out_needed_for", option=option))
    if not rotate:
        raise click.UsageError(t("badges.out_required"))


def _rotate_badges(db, yes: bool, as_json: bool):
    """Ask first (destructive: every printed badge stops working), then rotate the secret."""
    from models.badge_keys import badge_holders, rotate_badge_secret

    people = badge_holders(db)  # also refuses when there is no congress, before asking
    if not yes:
        if not base.stdin_is_terminal():
            refused("badges.rotate.needs_yes", t("badges.rotate.needs_yes"), as_json)
        if not click.confirm(t("badges.rotate.question", people=people), default=False, err=True):
            refused("badges.rotate.cancelled", t("badges.rotate.cancelled"), as_json)
    rotation = rotate_badge_secret(db, operator=default_operator(), station=default_station())
    # said at once (on stderr under --json): the old badges are void even if the sheet then fails
    click.echo(
        t("badges.rotate.done", generation=rotation.generation, people=rotation.void_badges),
        err=as_json,
    )
    return rotation


# --------------------------------------------------------------------------------- check-in


@huiwu_command(json=True)
@click.argument("code_or_qr_text")
@click.option("--station", default=None)
@click.option("--exit", "leaving", is_flag=True, help="An exit scan: the delegate leaves the hall.")
def checkin(code_or_qr_text: str, station: str | None, leaving: bool, as_json: bool) -> None:
    """Check in: a bare code = manual check-in; a badge text = verified scan. --exit: the way
    out (a later check-in scan is the re-entry)."""
    from models.attendance import check_in, check_out
    from tui.texts import (
        checkin_guidance,
        first_checkin_text,
        person_parts,
        scan_detail,
        scan_headline,
    )

    result = (check_out if leaving else check_in)(
        open_db(),
        code_or_qr_text,
        station=station or default_station(),
        operator=default_operator(),
    )
    if as_json:
        emit_json(result.as_json())
    headline = scan_headline(result)
    details = " · ".join(person_parts(result))
    message = f"{headline} {details}".strip()
    if result.status == "already":  # RULES §1: the first check-in stands; say when and where
        message += " · " + first_checkin_text(result)
    if result.status == "not_in_hall" and result.at:
        message += " · " + scan_detail(result)
    if result.ok or result.status in ("exited", "reentered"):
        if not as_json:
            click.echo(message)
            for line in checkin_guidance(result):  # 请到 3 排 12 座, then the notes
                click.echo(f"  {line}")
        return
    click.echo(message, err=True)
    sys.exit(EXIT_REFUSED)


@huiwu_command()
@click.argument("code")
@click.option("--reason", required=True)
@click.option("--cancel", is_flag=True, help="Withdraw the leave instead.")
def leave(code: str, reason: str, cancel: bool) -> None:
    """Approved leave for the current sitting."""
    from models.attendance import cancel_leave, record_leave

    db = open_db()
    if cancel:
        cancel_leave(
            db, code, reason=reason, station=default_station(), operator=default_operator()
        )
        click.echo(t("leave.cancelled", name=code))
        return
    person = record_leave(
        db, code, reason=reason, station=default_station(), operator=default_operator()
    )
    click.echo(t("leave.done", name=person.name, reason=reason))


@huiwu_command()
@click.argument("code", required=False)
@click.option("--reason", required=True)
@click.option("--station", default=None)
def undo(code: str | None, reason: str, station: str | None) -> None:
    """Undo a check-in (the named person's, or this desk's last) with a reason."""
    from models.attendance import undo_checkin

    undone = undo_checkin(
        open_db(),
        reason=reason,
        station=station or default_station(),
        operator=default_operator(),
        code=code,
    )
    click.echo(t("undo.done", name=undone.name, code=undone.code, reason=reason))


@huiwu_command(json=True)
def attendance(as_json: bool) -> None:
    """应到 / 实到 / 请假 / 缺席 / 列席 and the quorum for the current sitting."""
    from models.attendance import dashboard
    from tui.texts import announcement

    shown = dashboard(open_db(), recent_rows=0)  # the figures and the desks read at one moment
    report, desks = shown.report, shown.desks
    figures = report.figures
    line = announcement(figures)
    if as_json:
        emit_json(
            {
                "due": figures.due,
                "present": figures.present,
                "leave": figures.leave,
                "absent": figures.absent,
                "nonvoting_present": figures.nonvoting_present,
                "in_hall": figures.in_hall_now,
                "quorum_met": figures.quorum_met,
                "quorum_on_line": figures.quorum_on_line,
                "required": figures.required,
                "sitting": report.sitting.name,
                "announcement": line,
                "by_station": [
                    {"station": d.station, "checkins": d.checkins, "last_at": d.last_at}
                    for d in desks
                ],
            }
        )
        return
    click.echo(f"{report.congress.name} · {report.sitting.name}")
    click.echo(
        f"{t('att.due')} {figures.due}  {t('att.present')} {figures.present}  "
        f"{t('att.leave')} {figures.leave}  {t('att.absent')} {figures.absent}  "
        f"{t('att.nonvoting')} {figures.nonvoting_present}"
        + (f"  {t('att.in_hall')} {figures.in_hall}" if figures.in_hall is not None else "")
    )
    click.echo(line)
    for desk in desks:
        click.echo(f"  {desk.station or t('att.desk_unnamed')}: {desk.checkins}")


# --------------------------------------------------------------------------------- absentees


@huiwu_command()
@click.option("--delegation", default=None, help="Only this delegation (by name).")
@click.option("--json", "as_json", is_flag=True)
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False, path_type=Path), default=None)
def absent(delegation: str | None, as_json: bool, pdf: Path | None, xlsx: Path | None) -> None:
    """未到名单: voting delegates of the current sitting neither checked in nor on leave."""
    from models.absentees import absentees
    from models.io.absent_export import write_absent_pdf, write_absent_xlsx
    from tui.absent_text import absentee_lines

    report = absentees(open_db(), delegation=delegation)
    for path, write in ((pdf, write_absent_pdf), (xlsx, write_absent_xlsx)):
        if path is not None:
            click.echo(t("cliv.written", path=write(report, path)), err=as_json)
    if (pdf or xlsx) and not as_json:
        return
    if as_json:
        emit_json(report.as_json())
        return
    for line in absentee_lines(report):
        click.echo(line)


COMMANDS = (badges, checkin, leave, undo, attendance, absent)
