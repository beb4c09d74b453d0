"""The ``huiwu`` command: the TUI with no subcommand, and the same work headless.

Contract (shared/DESIGN.md): every command takes ``--db`` and ``--lang``; exit 0 = done,
1 = refused (reason on stderr, nothing changed), 2 = usage; ``--json`` prints exactly one JSON
document on stdout. No traceback ever reaches the user: unexpected errors are logged to a file
in the user data dir and reported in one line.
"""

import json
import logging
import os
import platform
import sys
import traceback
from functools import wraps
from pathlib import Path

import click

from tui.i18n import set_lang, t

EXIT_REFUSED = 1


def _remember(key: str):
    def callback(ctx: click.Context, _param, value):
        if value is not None:
            ctx.find_root().meta[key] = value
        return value

    return callback


def common_options(fn):
    """``--db`` and ``--lang`` on the group and on every subcommand (the later one wins)."""
    fn = click.option(
        "--db",
        "db_opt",
        metavar="URL_OR_PATH",
        expose_value=False,
        is_eager=True,
        callback=_remember("huiwu.db"),
        help="SQLite path or SQLAlchemy URL (env HUIWU_DB).",
    )(fn)
    fn = click.option(
        "--lang",
        "lang_opt",
        type=click.Choice(["zh", "en"]),
        expose_value=False,
        is_eager=True,
        callback=_remember("huiwu.lang"),
        help="Interface language (env HUIWU_LANG, default zh).",
    )(fn)
    return fn


def _setting(key: str):
    return click.get_current_context().find_root().meta.get(key)


def open_db():
    from models.db import open_database

    return open_database(_setting("huiwu.db"))


def default_station() -> str:
    return os.environ.get("HUIWU_STATION") or platform.node() or "desk"


def log_path() -> Path:
    from models.db import default_db_path

    return default_db_path().parent / "huiwu.log"


def _log_internal_error() -> Path:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(traceback.format_exc())
    except OSError:
        pass
    return path


def guarded(fn):
    """Refusals become a translated message and exit 1; anything unexpected never shows a traceback."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        from models.errors import Refusal
        from tui.i18n import refusal_text
        from tui.texts import error_line

        set_lang(_setting("huiwu.lang"))
        try:
            return fn(*args, **kwargs)
        except Refusal as refusal:
            click.echo(refusal_text(refusal), err=True)
            sys.exit(EXIT_REFUSED)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as error:  # the last line of defence: log it, say it in one line
            if _is_database_error(error):
                click.echo(t("error.database", detail=error_line(error)), err=True)
            else:
                path = _log_internal_error()
                click.echo(t("error.internal", detail=error_line(error), log=path), err=True)
            sys.exit(EXIT_REFUSED)

    return wrapper


def _is_database_error(error: Exception) -> bool:
    from sqlalchemy.exc import ArgumentError, OperationalError

    return isinstance(error, OperationalError | ArgumentError)


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@common_options
@click.option("--station", default=None, help="This desk's name (env HUIWU_STATION).")
@click.pass_context
def cli(ctx: click.Context, station: str | None) -> None:
    """会务 huiwu — congress-day check-in, votes, proposals and contests."""
    if ctx.invoked_subcommand is None:
        guarded(_run_tui)(station or default_station())


def _run_tui(station: str) -> None:
    from tui.app import make_app

    logging.disable(logging.WARNING)
    app = make_app(db=_setting("huiwu.db"), lang=_setting("huiwu.lang"), station=station)
    app.run()


# --------------------------------------------------------------------------------- congress


@cli.group()
def congress() -> None:
    """Create a congress."""


@congress.command("new")
@common_options
@click.argument("name")
@click.option("--kind", default="职代会", help="职代会 | 教代会 | 会员代表大会 | other")
@click.option("--term", type=int, default=None, help="届, e.g. 3")
@click.option("--session", type=int, default=None, help="次, e.g. 2")
@click.option("--date", default=None)
@click.option("--venue", default=None)
@click.option("--json", "as_json", is_flag=True)
@guarded
def congress_new(name, kind, term, session, date, venue, as_json) -> None:
    from models.congress import create_congress

    info = create_congress(
        open_db(), name, kind=kind, term=term, session=session, date=date, venue=venue
    )
    if as_json:
        emit_json({"id": info.id, "name": info.name, "kind": info.kind, "uid": info.uid})
    else:
        click.echo(t("congress.created", name=info.name))


# --------------------------------------------------------------------------------- roster


@cli.group()
def roster() -> None:
    """The roster of delegates, attendees, guests and staff."""


@roster.command("import")
@common_options
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
@guarded
def roster_import(file: Path, as_json: bool) -> None:
    from models.errors import refuse
    from models.roster import import_roster

    if not file.is_file():
        raise refuse("import.no_file", path=str(file))
    report = import_roster(open_db(), file, operator="cli", station=default_station())
    if as_json:
        emit_json({"added": report.added, "updated": report.updated, "total": report.total})
    else:
        click.echo(t("import.done", added=report.added, updated=report.updated, total=report.total))


# --------------------------------------------------------------------------------- badges


@cli.command()
@common_options
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--png-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--codes", default=None, help="Only these codes, comma separated.")
@guarded
def badges(out: Path, png_dir: Path | None, codes: str | None) -> None:
    """A4 sheet of badges with signed QR codes."""
    from models.io.badges import write_badges

    wanted = [c for c in (codes or "").replace("，", ",").split(",") if c.strip()] or None
    report = write_badges(open_db(), out, png_dir=png_dir, codes=wanted)
    click.echo(t("badges.done", count=report.count, pages=report.pages, path=out))


# --------------------------------------------------------------------------------- sittings


@cli.group()
def sitting() -> None:
    """Sittings (预备会议, 第一次全体会议 …); the newest is current."""


@sitting.command("new")
@common_options
@click.argument("name")
@guarded
def sitting_new(name: str) -> None:
    from models.congress import create_sitting

    info = create_sitting(open_db(), name, operator="cli")
    click.echo(t("sitting.created", name=info.name))


@sitting.command("list")
@common_options
@click.option("--json", "as_json", is_flag=True)
@guarded
def sitting_list(as_json: bool) -> None:
    from models.congress import current_congress, list_sittings

    db = open_db()
    current = current_congress(db).current_sitting_id
    rows = list_sittings(db)
    if as_json:
        emit_json([{"id": s.id, "name": s.name, "current": s.id == current} for s in rows])
        return
    for s in rows:
        click.echo(f"{s.id}\t{s.name}{t('sitting.current_mark') if s.id == current else ''}")


@sitting.command("use")
@common_options
@click.argument("name")
@guarded
def sitting_use(name: str) -> None:
    from models.congress import list_sittings, switch_sitting
    from models.errors import refuse

    db = open_db()
    match = [s for s in list_sittings(db) if s.name == name or str(s.id) == name]
    if not match:
        raise refuse("sitting.unknown", name=name)
    info = switch_sitting(db, match[0].id, operator="cli")
    click.echo(t("sitting.switched", name=info.name))


# --------------------------------------------------------------------------------- check-in


@cli.command()
@common_options
@click.argument("code_or_qr_text")
@click.option("--station", default=None)
@click.option("--json", "as_json", is_flag=True)
@guarded
def checkin(code_or_qr_text: str, station: str | None, as_json: bool) -> None:
    """Check in: a bare code = manual check-in; a badge text = verified scan."""
    from models.attendance import check_in
    from tui.i18n import category_name
    from tui.texts import scan_headline

    result = check_in(
        open_db(), code_or_qr_text, station=station or default_station(), operator="cli"
    )
    if as_json:
        emit_json(result.as_json())
    headline = scan_headline(result)
    details = " · ".join(
        part for part in (result.name, result.delegation, category_name(result.category)) if part
    )
    message = f"{headline} {details}".strip()
    if result.ok:
        if not as_json:
            click.echo(message)
        return
    click.echo(message, err=True)
    sys.exit(EXIT_REFUSED)


@cli.command()
@common_options
@click.argument("code")
@click.option("--reason", required=True)
@click.option("--cancel", is_flag=True, help="Withdraw the leave instead.")
@guarded
def leave(code: str, reason: str, cancel: bool) -> None:
    """Approved leave for the current sitting."""
    from models.attendance import cancel_leave, record_leave

    db = open_db()
    if cancel:
        cancel_leave(db, code, reason=reason, station=default_station(), operator="cli")
        click.echo(t("leave.cancelled", name=code))
        return
    person = record_leave(db, code, reason=reason, station=default_station(), operator="cli")
    click.echo(t("leave.done", name=person.name, reason=reason))


@cli.command()
@common_options
@click.argument("code", required=False)
@click.option("--reason", required=True)
@click.option("--station", default=None)
@guarded
def undo(code: str | None, reason: str, station: str | None) -> None:
    """Undo a check-in (the named person's, or this desk's last) with a reason."""
    from models.attendance import undo_checkin

    undone = undo_checkin(
        open_db(), reason=reason, station=station or default_station(), operator="cli", code=code
    )
    click.echo(t("undo.done", name=undone.name, code=undone.code, reason=reason))


@cli.command()
@common_options
@click.option("--json", "as_json", is_flag=True)
@guarded
def attendance(as_json: bool) -> None:
    """应到 / 实到 / 请假 / 缺席 / 列席 and the quorum for the current sitting."""
    from models.attendance import attendance as attendance_report
    from tui.texts import announcement

    report = attendance_report(open_db())
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
                "quorum_met": figures.quorum_met,
                "required": figures.required,
                "sitting": report.sitting.name,
                "announcement": line,
            }
        )
        return
    click.echo(f"{report.congress.name} · {report.sitting.name}")
    click.echo(
        f"{t('att.due')} {figures.due}  {t('att.present')} {figures.present}  "
        f"{t('att.leave')} {figures.leave}  {t('att.absent')} {figures.absent}  "
        f"{t('att.nonvoting')} {figures.nonvoting_present}"
    )
    click.echo(line)


# --------------------------------------------------------------------------------- demo, verify


@cli.command()
@common_options
@click.option("--delegates", type=click.IntRange(3, 20000), default=300, show_default=True)
@guarded
def demo(delegates: int) -> None:
    """Create a realistic demo congress and make it current."""
    from models.demo import create_demo

    info = create_demo(open_db(), delegates=delegates)
    click.echo(t("cli.demo_done", name=info.name, delegates=delegates))


@cli.command()
@common_options
@guarded
def verify() -> None:
    """Walk the hash-chained audit log; exit 1 naming the first broken record."""
    from models.audit import verify as verify_chain

    report = verify_chain(open_db())
    if report.ok:
        click.echo(t("audit.ok", count=report.checked))
        return
    click.echo(t(report.problem, id=report.broken_id), err=True)
    sys.exit(EXIT_REFUSED)


if __name__ == "__main__":
    cli()
