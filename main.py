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

from tui.click_words import CatalogOption, HuiwuGroup
from tui.i18n import set_lang, t

EXIT_REFUSED = 1


def _remember(key: str):
    def callback(ctx: click.Context, _param, value):
        if value is not None:
            ctx.find_root().meta[key] = value
        return value

    return callback


def _remember_lang(ctx: click.Context, param, value):
    """Also switched at once: click's own words (a usage error, --help) follow --lang."""
    if value is not None:
        set_lang(value)
    return _remember("huiwu.lang")(ctx, param, value)


def common_options(fn):
    """``--db`` and ``--lang`` on the group and on every subcommand (the later one wins)."""
    fn = click.option(
        "--db",
        "db_opt",
        metavar="URL_OR_PATH",
        expose_value=False,
        is_eager=True,
        callback=_remember("huiwu.db"),
        cls=CatalogOption,
        help_key="help.opt.db",
    )(fn)
    fn = click.option(
        "--lang",
        "lang_opt",
        cls=CatalogOption,
        help_key="help.opt.lang",
        type=click.Choice(["zh", "en"]),
        expose_value=False,
        is_eager=True,
        callback=_remember_lang,
    )(fn)
    return fn


def _setting(key: str):
    return click.get_current_context().find_root().meta.get(key)


def open_db():
    from models.db import open_database

    db = open_database(_setting("huiwu.db"))
    context = click.get_current_context(silent=True)
    if context is not None:
        # Closing the last connection folds SQLite's -wal file into the database file, so a
        # copy of the file alone (to a USB stick, to another laptop) holds all this command wrote.
        context.call_on_close(db.dispose)
    return db


def default_station() -> str:
    """--station or HUIWU_STATION (tidied; a too long name is refused), else the computer's name."""
    from models.stations import STATION_MAX_CHARS, station_name

    given = os.environ.get("HUIWU_STATION")
    if given and given.strip():
        return station_name(given)
    return (platform.node() or "desk")[:STATION_MAX_CHARS]


def default_operator() -> str:
    """--operator or HUIWU_OPERATOR (tidied; a too long name is refused), else "cli"."""
    from models.stations import station_name

    return station_name(os.environ.get("HUIWU_OPERATOR") or "") or "cli"


def log_path() -> Path:
    from models.db import default_db_path

    return default_db_path().parent / "huiwu.log"


def _log_internal_error() -> Path:
    from models.io.private_files import make_private_folder

    path = log_path()
    try:
        make_private_folder(path.parent)
        # the trace may quote names and codes: the log is its user's only (0600), like the data
        fd = os.open(path, os.O_APPEND | os.O_CREAT | os.O_WRONLY, 0o600)
        with open(fd, "a", encoding="utf-8") as log:
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

        set_lang(_setting("huiwu.lang"))
        as_json = bool(kwargs.get("as_json"))
        try:
            result = fn(*args, **kwargs)
            sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
            return result
        except Refusal as refusal:
            _refused(refusal.key, refusal_text(refusal), as_json)
        except BrokenPipeError:
            _stop_writing_stdout()
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as error:  # the last line of defence: log it, say it in one line
            _refused(*_failure_words(error), as_json)

    return wrapper


def _failure_words(error: Exception) -> tuple[str, str]:
    """The catalog key and the one line for an error no rule foresaw."""
    from models.db import storage_problem
    from tui.texts import error_line

    problem = storage_problem(error)
    if problem is not None:  # said as it is: waiting for the server would not fix it
        return f"data.db_{problem}", t(f"data.db_{problem}")
    if _is_database_error(error):
        return "error.database", t("error.database", detail=error_line(error))
    path = _log_internal_error()
    return "error.internal", t("error.internal", detail=error_line(error), log=path)


def _refused(key: str, message: str, as_json: bool) -> None:
    """Exit 1 with the reason on stderr; a --json caller also gets it as the one JSON document
    on stdout, so a script reading stdout is never left with nothing to parse."""
    click.echo(message, err=True)
    if as_json:
        emit_json({"error": key, "message": message})
    sys.exit(EXIT_REFUSED)


def _stop_writing_stdout() -> None:
    """The reader went away (``huiwu … | head``): end quietly, as the command-line tools do.
    Stdout now points at /dev/null so Python's own flush at exit finds no pipe to complain of."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout (a test runner's buffer)
        pass
    finally:
        os.close(devnull)
    sys.exit(0)


def _is_database_error(error: Exception) -> bool:
    from sqlalchemy.exc import ArgumentError, OperationalError

    return isinstance(error, OperationalError | ArgumentError)


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(
    cls=HuiwuGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@common_options
@click.option("--station", default=None, cls=CatalogOption, help_key="help.opt.station")
@click.option("--operator", default=None, help="Who works at this desk (env HUIWU_OPERATOR).")
@click.pass_context
def cli(ctx: click.Context, station: str | None, operator: str | None) -> None:
    """会务 huiwu — congress-day check-in, votes, proposals and contests."""
    if station is not None:  # the desk's name for every command of this run, as HUIWU_STATION
        os.environ["HUIWU_STATION"] = station
    if operator is not None:  # likewise the person, for every record this run makes
        os.environ["HUIWU_OPERATOR"] = operator
    if ctx.invoked_subcommand is None:
        guarded(_run_tui)(default_station())


def _run_tui(station: str) -> None:
    from tui.app import launch_app

    logging.disable(logging.WARNING)
    app = launch_app(
        db=_setting("huiwu.db"),
        lang=_setting("huiwu.lang"),
        station=station,
        operator=os.environ.get("HUIWU_OPERATOR"),
    )
    app.run()
    if app.launch_error is not None:  # reported by `guarded` as any command's failure is
        raise app.launch_error


# --------------------------------------------------------------------------------- congress


@cli.group()
def congress() -> None:
    """Create or edit a congress; its voting settings."""


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
@click.option(
    "--override-frozen",
    is_flag=True,
    help="Change the category of people on a frozen vote roll anyway (logged with --reason).",
)
@click.option("--reason", default="", help="Why (required with --override-frozen; logged).")
@click.option(
    "--allow-same-name",
    is_flag=True,
    help="Add people whose name and delegation are already on the roster under another code.",
)
@click.option("--yes", is_flag=True, help="Do not ask before changing a roster that has people.")
@click.option("--dry-run", is_flag=True, help="Only show what the import would change.")
@guarded
def roster_import(
    file: Path,
    as_json: bool,
    override_frozen: bool,
    reason: str,
    allow_same_name: bool,
    yes: bool,
    dry_run: bool,
) -> None:
    """Import or re-import the roster (CSV or XLSX); a re-import shows what it changes and asks.

    Headers: 编号 (or 工号, 证号, 代表编号), 姓名, 性别, 团长, 单位 (所在单位, 工作单位),
    代表团 (代表团名称, 所在代表团), 类别 (代表类别, 身份), 电话 (手机, 联系电话).
    序号 is skipped; any other column is named as ignored; a title line above the header is fine.

    Example: huiwu roster import 代表名单.xlsx --yes
    """
    from models.errors import refuse
    from models.roster import import_roster, preview_roster_import
    from tui.roster_texts import preview_lines, report_column_lines

    if not file.is_file():
        raise refuse("import.no_file", path=str(file))
    if override_frozen and not reason.strip():
        raise refuse("common.reason_required")
    db = open_db()
    preview = preview_roster_import(
        db, file, allow_same_name=allow_same_name, override_frozen=override_frozen
    )
    if dry_run:
        if as_json:
            emit_json(preview.as_json())
        else:
            click.echo("\n".join(preview_lines(preview)))
        return
    if preview.changes_roster and not yes:
        _confirm_roster_import(preview, as_json)
    report = import_roster(
        db,
        file,
        operator=default_operator(),
        station=default_station(),
        override_frozen=override_frozen,
        reason=reason,
        allow_same_name=allow_same_name,
        expected_digest=preview.digest,
    )
    if as_json:
        emit_json(
            {
                "added": report.added,
                "updated": report.updated,
                "total": report.total,
                "unchanged": report.unchanged,
                "delegations_created": report.delegations_created,
                "ignored_columns": list(report.ignored_columns),
                "unused_columns": list(report.unused_columns),
                "unlabelled_columns": list(report.unlabelled_columns),
                "not_in_file": [person["code"] for person in preview.not_in_file],
            }
        )
    else:
        for line in report_column_lines(report):
            click.echo(line)
        click.echo(t("import.done", added=report.added, updated=report.updated, total=report.total))


def _confirm_roster_import(preview, as_json: bool) -> None:
    """A re-import changes people others already rely on: show what changes, then ask."""
    from tui.roster_texts import preview_lines

    if not _stdin_is_terminal():
        words = t("roster.import.needs_yes", added=len(preview.added), updated=len(preview.changed))
        _refused("roster.import.needs_yes", words, as_json)
    click.echo("\n".join(preview_lines(preview)), err=True)
    if not click.confirm(t("roster.import.question"), default=False, err=True):
        _refused("roster.import.cancelled", t("roster.import.cancelled"), as_json)


# --------------------------------------------------------------------------------- badges


@cli.command()
@common_options
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
@click.option("--json", "as_json", is_flag=True)
@guarded
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


def _stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _rotate_badges(db, yes: bool, as_json: bool):
    """Ask first (destructive: every printed badge stops working), then rotate the secret."""
    from models.badge_keys import badge_holders, rotate_badge_secret

    people = badge_holders(db)  # also refuses when there is no congress, before asking
    if not yes:
        if not _stdin_is_terminal():
            _refused("badges.rotate.needs_yes", t("badges.rotate.needs_yes"), as_json)
        if not click.confirm(t("badges.rotate.question", people=people), default=False, err=True):
            _refused("badges.rotate.cancelled", t("badges.rotate.cancelled"), as_json)
    rotation = rotate_badge_secret(db, operator=default_operator(), station=default_station())
    # said at once (on stderr under --json): the old badges are void even if the sheet then fails
    click.echo(
        t("badges.rotate.done", generation=rotation.generation, people=rotation.void_badges),
        err=as_json,
    )
    return rotation


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

    info = create_sitting(open_db(), name, operator=default_operator())
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
    info = switch_sitting(db, match[0].id, operator=default_operator())
    click.echo(t("sitting.switched", name=info.name))


@sitting.command("rename")
@common_options
@click.argument("old")
@click.argument("new")
@click.option("--reason", required=True, help="Why (logged).")
@click.option("--json", "as_json", is_flag=True)
@guarded
def sitting_rename(old: str, new: str, reason: str, as_json: bool) -> None:
    """Rename a sitting (refused once a vote froze its roll there)."""
    from models.congress import find_sitting, rename_sitting

    db = open_db()
    before = find_sitting(db, old)
    info = rename_sitting(
        db, before.id, new, reason=reason, operator=default_operator(), station=default_station()
    )
    if as_json:
        emit_json({"id": info.id, "old": before.name, "name": info.name})
    else:
        click.echo(t("sitting.renamed", old=before.name, name=info.name))


@sitting.command("remove")
@common_options
@click.argument("name")
@click.option("--reason", required=True, help="Why (logged).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--json", "as_json", is_flag=True)
@guarded
def sitting_remove(name: str, reason: str, yes: bool, as_json: bool) -> None:
    """Remove a sitting nothing refers to; the newest remaining becomes current if needed."""
    from models.congress import find_sitting, plan_sitting_removal, remove_sitting
    from tui.texts import sitting_removal_question

    db = open_db()
    plan = plan_sitting_removal(db, find_sitting(db, name).id)  # refusals before asking
    if not yes:
        if not _stdin_is_terminal():
            _refused("sitting.remove_needs_yes", t("sitting.remove_needs_yes"), as_json)
        if not click.confirm(sitting_removal_question(plan), default=False, err=True):
            _refused("sitting.cancelled", t("sitting.cancelled"), as_json)
    done = remove_sitting(
        db, plan.sitting.id, reason=reason, operator=default_operator(), station=default_station()
    )
    current = done.next_current.name if done.next_current else None
    if as_json:
        emit_json({"removed": done.sitting.name, "current": current})
    elif current:
        click.echo(t("sitting.removed_current", name=done.sitting.name, current=current))
    else:
        click.echo(t("sitting.removed", name=done.sitting.name))


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
    from tui.texts import first_checkin_text, scan_headline

    result = check_in(
        open_db(),
        code_or_qr_text,
        station=station or default_station(),
        operator=default_operator(),
    )
    if as_json:
        emit_json(result.as_json())
    headline = scan_headline(result)
    details = " · ".join(
        part for part in (result.name, result.delegation, category_name(result.category)) if part
    )
    message = f"{headline} {details}".strip()
    if result.status == "already":  # RULES §1: the first check-in stands; say when and where
        message += " · " + first_checkin_text(result)
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
        cancel_leave(
            db, code, reason=reason, station=default_station(), operator=default_operator()
        )
        click.echo(t("leave.cancelled", name=code))
        return
    person = record_leave(
        db, code, reason=reason, station=default_station(), operator=default_operator()
    )
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
        open_db(),
        reason=reason,
        station=station or default_station(),
        operator=default_operator(),
        code=code,
    )
    click.echo(t("undo.done", name=undone.name, code=undone.code, reason=reason))


@cli.command()
@common_options
@click.option("--json", "as_json", is_flag=True)
@guarded
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
    )
    click.echo(line)
    for desk in desks:
        click.echo(f"  {desk.station or t('att.desk_unnamed')}: {desk.checkins}")


# --------------------------------------------------------------------------------- absentees


@cli.command()
@common_options
@click.option("--delegation", default=None, help="Only this delegation (by name).")
@click.option("--json", "as_json", is_flag=True)
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False, path_type=Path), default=None)
@guarded
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


@roster.command("list")
@common_options
@click.option("--json", "as_json", is_flag=True)
@guarded
def roster_list(as_json: bool) -> None:
    """Everybody on the roster: code, name, gender, unit, delegation, category, 团长, phone."""
    from models.roster import roster_people
    from tui.i18n import category_name

    people = roster_people(open_db())
    if as_json:
        emit_json([person.as_json() for person in people])
        return
    phones = any(p.phone for p in people)  # no empty column for a roster without phones
    for p in people:
        cells = [p.code, p.name, p.gender, p.unit, p.delegation, category_name(p.category)]
        cells.append(t("absent.head_mark") if p.head else "")
        if phones:
            cells.append(p.phone)
        click.echo("\t".join(cell or "" for cell in cells).rstrip("\t"))


# --------------------------------------------------------------------------------- voting


def _entry_option(fn):
    return click.option(
        "--entry",
        type=click.Choice(["1", "2"]),
        default="1",
        show_default=True,
        help="1 = the first clerk, 2 = the blind second entry.",
    )(fn)


def _station_kwargs() -> dict:
    return {"operator": default_operator(), "station": default_station()}


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


def _echo_outcome(outcome, as_json: bool) -> None:
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


def _flags(item) -> list[str]:
    lines = []
    if item.important and item.kind == "motion":
        lines.append(t("cliv.flag.important"))
    if item.double_entry:
        lines.append(t("cliv.flag.double"))
    return lines


@cli.command()
@common_options
@click.option("--json", "as_json", is_flag=True)
@guarded
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


@congress.command("set")
@common_options
@click.argument("key")
@click.argument("value")
@click.option("--json", "as_json", is_flag=True)
@guarded
def congress_set(key: str, value: str, as_json: bool) -> None:
    """Change a congress-wide voting setting (see `huiwu congress settings`)."""
    from models.voting import set_setting

    settings = set_setting(open_db(), key, value, **_station_kwargs())
    if as_json:
        emit_json(settings)
    else:
        click.echo(t("cliv.setting.done", name=key, value=settings[key]))


@congress.command("settings")
@common_options
@click.option("--json", "as_json", is_flag=True)
@guarded
def congress_settings_cmd(as_json: bool) -> None:
    """The congress-wide voting settings that new items start from."""
    from models.voting import SETTING_CHOICES, SETTING_DEFAULTS, congress_settings

    settings = congress_settings(open_db())
    if as_json:
        emit_json(settings)
        return
    for key, value in settings.items():
        mark = t("cliv.settings.default") if value == SETTING_DEFAULTS.get(key) else ""
        choices = SETTING_CHOICES.get(key)
        hint = f"    [{' | '.join(choices)}]" if choices else ""
        click.echo(f"{key} = {value}{mark}{hint}")


@congress.command("edit")
@common_options
@click.option("--name", default=None)
@click.option("--kind", default=None, help="职代会 | 教代会 | 会员代表大会 | 其他")
@click.option("--term", type=int, default=None, help="届, e.g. 3")
@click.option("--session", type=int, default=None, help="次, e.g. 2")
@click.option("--date", default=None, help='YYYY-MM-DD ("" clears it)')
@click.option("--venue", default=None, help='("" clears it)')
@click.option("--json", "as_json", is_flag=True)
@guarded
def congress_edit(as_json: bool, **fields) -> None:
    """Change the current congress's name, kind, 届/次, date or venue (logged; verify replays it)."""
    from models.congress import update_congress

    given = {key: value for key, value in fields.items() if value is not None}
    info = update_congress(open_db(), **given, **_station_kwargs())
    if as_json:
        emit_json(congress_json(info))
    else:
        click.echo(t("setup.edited", name=info.name))


def congress_json(info) -> dict:
    return {
        "id": info.id,
        "uid": info.uid,
        "name": info.name,
        "kind": info.kind,
        "term": info.term,
        "session": info.session,
        "date": info.date,
        "venue": info.venue,
    }


# --- motions


@cli.group()
def motion() -> None:
    """Motions (表决事项): create and count (see `huiwu result`)."""


@motion.command("new")
@common_options
@click.argument("title")
@click.option("--important", is_flag=True, help="重要事项: secret ballot only.")
@click.option("--base", type=click.Choice(["due", "present", "valid"]), default=None)
@click.option("--comparator", type=click.Choice(["gt", "gte"]), default=None)
@click.option("--double", "double_entry", is_flag=True, help="A blind second entry checks it.")
@click.option("--json", "as_json", is_flag=True)
@guarded
def motion_new(title, important, base, comparator, double_entry, as_json) -> None:
    from models.motions import new_motion
    from tui.result_text import motion_rule

    item = new_motion(
        open_db(),
        title,
        important=important,
        base=base,
        comparator=comparator,
        double_entry=double_entry,
        **_station_kwargs(),
    )
    if as_json:
        emit_json(item_json(item))
        return
    click.echo(t("cliv.motion.created", number=item.number, title=item.title))
    click.echo(motion_rule(item.settings))
    for line in _flags(item):
        click.echo(line)


@motion.command("count")
@common_options
@click.argument("motion_ref", metavar="MOTION")
@click.option("--yes", "yes_", type=int, required=True)
@click.option("--no", "no_", type=int, required=True)
@click.option("--abstain", type=int, required=True)
@click.option("--issued", type=int, default=None)
@click.option("--returned", type=int, default=None)
@click.option("--invalid", type=int, default=None)
@click.option("--hands", is_flag=True, help="Show of hands (otherwise a secret ballot).")
@click.option("--delegation", default=None, help="One delegation's show of hands.")
@_entry_option
@click.option("--json", "as_json", is_flag=True)
@guarded
def motion_count(
    motion_ref, yes_, no_, abstain, issued, returned, invalid, hands, delegation, entry, as_json
) -> None:
    """Record a count: secret ballot (needs --issued/--returned/--invalid) or --hands."""
    from models.motions import record_count
    from models.rules.motion import HANDS, SECRET, MotionCount

    count = MotionCount(
        yes=yes_, no=no_, abstain=abstain, issued=issued, returned=returned, invalid=invalid
    )
    outcome = record_count(
        open_db(),
        motion_ref,
        count,
        method=HANDS if hands else SECRET,
        entry=int(entry),
        delegation=delegation,
        **_station_kwargs(),
    )
    _echo_outcome(outcome, as_json)


# Secret ballots keyed one by one (RULES §2: "ballots entered one by one or as counted totals").
CHOICE_WORDS = {
    "yes": "yes",
    "no": "no",
    "abstain": "abstain",
    "invalid": "invalid",
    "赞成": "yes",
    "反对": "no",
    "弃权": "abstain",
    "无效": "invalid",
}


def _motion_item(db, ref):
    from models.voting import MOTION, load_item

    with db.read() as conn:
        return load_item(conn, ref, MOTION)


@motion.command("issue")
@common_options
@click.argument("ref", metavar="MOTION")
@click.argument("count", metavar="N", type=int)
@click.option("--json", "as_json", is_flag=True)
@guarded
def motion_issue(ref: str, count: int, as_json: bool) -> None:
    """发出: secret ballots issued, before they are keyed one by one; freezes the roll."""
    db = open_db()
    _motion_item(db, ref)  # a motion, not an election or an appraisal
    _issue(ref, count, as_json, db)


@motion.command("ballot")
@common_options
@click.argument("ref", metavar="MOTION")
@click.argument(
    "choice",
    metavar="yes|no|abstain|invalid",
    type=click.Choice(list(CHOICE_WORDS), case_sensitive=False),
)
@_entry_option
@click.option("--json", "as_json", is_flag=True)
@guarded
def motion_ballot(ref: str, choice: str, entry: str, as_json: bool) -> None:
    """Key one secret ballot (赞成/反对/弃权/无效 work too); numbered in keying order."""
    from models.motions import entry_ballots, record_motion_ballot

    db = open_db()
    choice = CHOICE_WORDS[choice.lower()]
    number = record_motion_ballot(db, ref, choice, entry=int(entry), **_station_kwargs())
    item = _motion_item(db, ref)
    keyed = len(entry_ballots(db, ref, int(entry)).ballots)
    if as_json:
        emit_json(
            {
                "number": item.number,
                "title": item.title,
                "entry": int(entry),
                "ballot": number,
                "choice": choice,
                "keyed": keyed,
                "issued": item.issued,
            }
        )
        return
    click.echo(
        t(
            "cliv.motion.ballot",
            number=item.number,
            title=item.title,
            entry=entry,
            ballot=number,
            choice=t(f"choice.{choice}"),
            keyed=keyed,
            issued=item.issued,
        )
    )


@motion.command("ballot-undo")
@common_options
@click.argument("ref", metavar="MOTION")
@click.argument("ballot", metavar="NUMBER", type=int)
@click.option("--reason", required=True, help="Why the ballot is taken back (required).")
@_entry_option
@click.option("--json", "as_json", is_flag=True)
@guarded
def motion_ballot_undo(ref: str, ballot: int, reason: str, entry: str, as_json: bool) -> None:
    """Take back one keyed secret ballot, with a reason."""
    from models.motions import delete_motion_ballot, entry_ballots

    db = open_db()
    choice = dict(entry_ballots(db, ref, int(entry)).ballots).get(ballot)
    delete_motion_ballot(db, ref, ballot, reason=reason, entry=int(entry), **_station_kwargs())
    item = _motion_item(db, ref)
    keyed = len(entry_ballots(db, ref, int(entry)).ballots)
    if as_json:
        emit_json(
            {
                "number": item.number,
                "title": item.title,
                "entry": int(entry),
                "ballot": ballot,
                "choice": choice,
                "undone": True,
                "keyed": keyed,
                "issued": item.issued,
            }
        )
        return
    click.echo(
        t(
            "cliv.motion.ballot_undone",
            number=item.number,
            title=item.title,
            entry=entry,
            ballot=ballot,
            choice=t(f"choice.{choice}"),
            reason=reason.strip(),
            keyed=keyed,
        )
    )


# --- elections


@cli.group()
def election() -> None:
    """Elections (选举): create, issue ballots, runoff."""


@election.command("new")
@common_options
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
@click.option("--json", "as_json", is_flag=True)
@guarded
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
        **_station_kwargs(),
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
    for line in _flags(item):
        click.echo(line)


def _issue(ref: str, count: int, as_json: bool, db=None) -> None:
    from models.voting import issue

    item = issue(db or open_db(), ref, count, **_station_kwargs())
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


@election.command("issue")
@common_options
@click.argument("ref", metavar="ELECTION")
@click.argument("count", metavar="N", type=int)
@click.option("--json", "as_json", is_flag=True)
@guarded
def election_issue(ref: str, count: int, as_json: bool) -> None:
    """发出: ballots issued (an appraisal's sheets too); freezes the roll of voters present."""
    _issue(ref, count, as_json)


@election.command("candidates")
@common_options
@click.argument("ref", metavar="ELECTION")
@click.argument("names")
@click.option("--json", "as_json", is_flag=True)
@guarded
def election_candidates(ref: str, names: str, as_json: bool) -> None:
    """Change the candidates or their printed order ("甲,乙,丙"), until a ballot is keyed."""
    from models.elections import set_candidates

    item = set_candidates(open_db(), ref, names, **_station_kwargs())
    if as_json:
        emit_json(item_json(item))
        return
    click.echo(
        t("cliv.election.candidates", order=t("cliv.order.given"), names="、".join(item.nominees))
    )


@election.command("scrutineers")
@common_options
@click.argument("ref", metavar="ELECTION")
@click.option("--scrutineers", default="", help="监票人, comma separated.")
@click.option("--counters", default="", help="计票人, comma separated.")
@click.option("--json", "as_json", is_flag=True)
@guarded
def election_scrutineers(ref: str, scrutineers: str, counters: str, as_json: bool) -> None:
    """监票人 and 计票人 of an election (never candidates)."""
    from models.counting_staff import staff_away
    from models.elections import set_scrutineers

    db = open_db()
    item = set_scrutineers(db, ref, scrutineers, counters, **_station_kwargs())
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


@election.command("runoff")
@common_options
@click.argument("ref", metavar="ELECTION")
@click.option("--title", default=None, help="Title of the new round.")
@click.option("--json", "as_json", is_flag=True)
@guarded
def election_runoff(ref: str, title: str | None, as_json: bool) -> None:
    """The next round: a runoff among the tied, or the further election for vacant seats."""
    from models.elections import follow_up

    item = follow_up(open_db(), ref, title=title, **_station_kwargs())
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


@cli.group()
def ballots() -> None:
    """Election ballots from a file."""


@ballots.command("import")
@common_options
@click.argument("ref", metavar="ELECTION")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_entry_option
@click.option("--json", "as_json", is_flag=True)
@guarded
def ballots_import(ref: str, file: Path, entry: str, as_json: bool) -> None:
    """One row per ballot: 票号, one column per candidate (○ × or blank), 另选他人."""
    from models.counting_staff import staff_away
    from models.elections import election_outcome, import_ballots

    db = open_db()
    report = import_ballots(db, ref, file, entry=int(entry), **_station_kwargs())
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


# --- appraisals


@cli.group()
def appraisal() -> None:
    """Appraisal of leaders (民主评议 / 满意度测评)."""


def _subjects(text: str) -> list[tuple[str, str | None]]:
    """ "张三:党委书记,李四:工会主席" → [(张三, 党委书记), (李四, 工会主席)]."""
    out = []
    for piece in text.replace("，", ",").replace("、", ",").split(","):
        name, _, post = piece.replace("：", ":").partition(":")
        if name.strip():
            out.append((name.strip(), post.strip() or None))
    return out


@appraisal.command("new")
@common_options
@click.argument("title")
@click.option("--subjects", required=True, help='"张三:党委书记,李四:工会主席"')
@click.option(
    "--scale",
    type=click.Choice(["sat3", "comp4", "sat_unknown", "sat5"]),
    default="sat3",
    show_default=True,
)
@click.option("--denominator", type=click.Choice(["valid", "returned", "due"]), default=None)
@click.option("--weighted", is_flag=True, help="Show the weighted score beside the rate.")
@click.option("--double", "double_entry", is_flag=True, help="A blind second entry checks it.")
@click.option("--json", "as_json", is_flag=True)
@guarded
def appraisal_new(title, subjects, scale, denominator, weighted, double_entry, as_json) -> None:
    from models.appraisals import new_appraisal

    item = new_appraisal(
        open_db(),
        title,
        subjects=_subjects(subjects),
        scale=scale,
        denominator=denominator,
        weighted=weighted,
        double_entry=double_entry,
        **_station_kwargs(),
    )
    if as_json:
        emit_json(item_json(item))
        return
    names = "、".join(
        f"{n}（{p}）" if p else n for n, p in zip(item.nominees, item.posts, strict=True)
    )
    click.echo(
        t(
            "cliv.appraisal.created",
            number=item.number,
            title=item.title,
            names=names,
            scale=t(f"scale.{scale}"),
        )
    )
    for line in _flags(item):
        click.echo(line)


@appraisal.command("issue")
@common_options
@click.argument("ref", metavar="ITEM")
@click.argument("count", metavar="N", type=int)
@click.option("--json", "as_json", is_flag=True)
@guarded
def appraisal_issue(ref: str, count: int, as_json: bool) -> None:
    """发出: appraisal sheets issued (the same as `huiwu election issue`)."""
    _issue(ref, count, as_json)


@appraisal.command("sheets")
@common_options
@click.argument("ref", metavar="ITEM")
@click.option("--returned", type=int, required=True)
@click.option("--invalid", type=int, default=0, show_default=True)
@_entry_option
@click.option("--json", "as_json", is_flag=True)
@guarded
def appraisal_sheets(ref: str, returned: int, invalid: int, entry: str, as_json: bool) -> None:
    """收回 and 无效 sheets (more returned than issued is recorded, and voids the appraisal)."""
    from models.appraisals import record_sheets

    outcome = record_sheets(
        open_db(), ref, returned=returned, invalid=invalid, entry=int(entry), **_station_kwargs()
    )
    _echo_outcome(outcome, as_json)


@appraisal.command("marks")
@common_options
@click.argument("ref", metavar="ITEM")
@click.argument("person")
@click.argument("counts", metavar="N...", type=int, nargs=-1, required=True)
@_entry_option
@click.option("--json", "as_json", is_flag=True)
@guarded
def appraisal_marks(ref: str, person: str, counts, entry: str, as_json: bool) -> None:
    """One person's counts, one per option of the scale in order (e.g. 满意 基本满意 不满意)."""
    from models.appraisals import record_marks

    outcome = record_marks(open_db(), ref, person, counts, entry=int(entry), **_station_kwargs())
    _echo_outcome(outcome, as_json)


# --- settling a double entry: re-key one ballot (or one person's counts) of one entry


def _rekey_entry(entry: str) -> str:
    return t(f"settle.entry.{entry}")


@ballots.command("rekey")
@common_options
@click.argument("ref", metavar="ITEM")
@click.argument("number", metavar="NUMBER", type=int)
@click.option("--entry", type=click.Choice(["1", "2"]), required=True, help="The entry to correct.")
@click.option("--marks", default=None, help='An election ballot\'s marks in order: "○×-" or "ox-".')
@click.option(
    "--write-in", "write_in", default="", help="Names written in (另选他人), 、-separated."
)
@click.option("--void", is_flag=True, help="The ballot is over-filled on paper too (废票).")
@click.option("--choice", default=None, help="A motion ballot: 赞成|反对|弃权|无效 (yes|no|…).")
@click.option("--reason", required=True, help="Why it is keyed again (goes to the audit log).")
@click.option("--json", "as_json", is_flag=True)
@guarded
def ballots_rekey(ref, number, entry, marks, write_in, void, choice, reason, as_json) -> None:
    """Key ballot NUMBER of one entry again, to settle a double entry that disagrees."""
    from models.elections import clean_names
    from models.errors import refuse
    from models.rekey import (
        marks_from_text,
        rekey_election_ballot,
        rekey_motion_ballot,
        stored_ballot,
    )
    from models.results import outcome_json
    from models.voting import ELECTION, MOTION, load_item
    from tui.result_text import ballot_text

    db = open_db()
    with db.read() as conn:
        item = load_item(conn, ref)
    before = stored_ballot(db, item.number, number, int(entry))
    if item.kind == MOTION:
        if choice is None:
            raise refuse("settle.cli.need_choice")
        word = CHOICE_WORDS.get(choice.strip().lower())
        if word is None:
            raise refuse("motion.bad_choice", choice=choice)
        outcome = rekey_motion_ballot(
            db, item.number, number, word, entry=int(entry), reason=reason, **_station_kwargs()
        )
        old = t(f"choice.{before.choice}") if before.choice else "—"
        new = t(f"choice.{word}")
    elif item.kind == ELECTION:
        if marks is None:
            raise refuse("settle.cli.need_marks")
        stored = marks_from_text(marks, len(item.nominees))
        outcome = rekey_election_ballot(
            db,
            item.number,
            number,
            stored,
            clean_names(write_in),
            entry=int(entry),
            reason=reason,
            void=void,
            **_station_kwargs(),
        )
        old = ballot_text(before.ballot, item.nominees)
        after = stored_ballot(db, item.number, number, int(entry)).ballot
        new = ballot_text(after, item.nominees)
    else:
        raise refuse("settle.cli.appraisal")
    if as_json:
        emit_json({**outcome_json(outcome), "rekeyed": {"entry": int(entry), "number": number}})
        return
    click.echo(
        t(
            "settle.cli.rekeyed",
            item=item.number,
            title=item.title,
            entry=_rekey_entry(entry),
            number=number,
            old=old,
            new=new,
            reason=reason.strip(),
        )
    )
    _echo_outcome(outcome, False)


@appraisal.command("rekey")
@common_options
@click.argument("ref", metavar="ITEM")
@click.argument("person")
@click.argument("counts", metavar="N...", type=int, nargs=-1, required=True)
@click.option("--entry", type=click.Choice(["1", "2"]), required=True, help="The entry to correct.")
@click.option("--reason", required=True, help="Why it is keyed again (goes to the audit log).")
@click.option("--json", "as_json", is_flag=True)
@guarded
def appraisal_rekey(ref: str, person: str, counts, entry: str, reason: str, as_json) -> None:
    """Key one person's counts of one entry again, to settle a double entry that disagrees."""
    from models.rekey import rekey_appraisal_marks, stored_marks
    from models.results import outcome_json

    db = open_db()
    before = stored_marks(db, ref, person, int(entry))
    outcome = rekey_appraisal_marks(
        db, ref, person, counts, entry=int(entry), reason=reason, **_station_kwargs()
    )
    if as_json:
        emit_json(outcome_json(outcome))
        return
    item = outcome.item
    click.echo(
        t(
            "settle.cli.rekeyed_marks",
            item=item.number,
            title=item.title,
            entry=_rekey_entry(entry),
            name=person.strip(),
            old="/".join(str(c) for c in before or ()),
            new="/".join(str(c) for c in counts),
            reason=reason.strip(),
        )
    )
    _echo_outcome(outcome, False)


# --- results


@cli.command()
@common_options
@click.argument("ref", metavar="ITEM")
@click.option("--json", "as_json", is_flag=True)
@guarded
def close(ref: str, as_json: bool) -> None:
    """计票完毕: every returned ballot of the first entry is keyed; the result can be final."""
    from models.voting import set_counted

    item = set_counted(open_db(), ref, True, **_station_kwargs())
    if as_json:
        emit_json(item_json(item))
        return
    click.echo(t("cliv.closed", number=item.number, title=item.title))


@cli.command()
@common_options
@click.argument("ref", metavar="ITEM")
@click.option("--reason", required=True, help="Why the closed count or final result is reopened.")
@click.option("--json", "as_json", is_flag=True)
@guarded
def reopen(ref: str, reason: str, as_json: bool) -> None:
    """Reopen a closed count or a final result to correct it (the reason goes to the audit log);
    the next final result says which one it replaced."""
    from models.voting import set_counted

    item = set_counted(open_db(), ref, False, reason=reason, **_station_kwargs())
    if as_json:
        emit_json(item_json(item))
        return
    click.echo(t("cliv.reopened", number=item.number, title=item.title, reason=reason.strip()))


@cli.command()
@common_options
@click.argument("ref", metavar="ITEM")
@click.option("--json", "as_json", is_flag=True)
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False, path_type=Path), default=None)
@guarded
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
    _echo_outcome(item_outcome(db, ref), as_json)


# --------------------------------------------------------------------------------- backups


def _sqlite_db():
    """The open database, or a refusal: backups are for the local SQLite file only."""
    from models.errors import refuse

    db = open_db()
    if not db.is_sqlite:
        raise refuse("backup.sqlite_only")
    return db


def _backup_row(info) -> str:
    congress = info.congress or t("backup.no_congress")
    chain = {True: "backup.chain_ok", False: "backup.chain_bad", None: "backup.chain_unknown"}
    return t(
        "backup.row",
        taken_at=info.taken_at.replace("T", " ")[:19],
        reason=t(f"backup.reason.{info.reason}") if info.reason else "",
        event=info.last_event_id if info.last_event_id is not None else "?",
        size=f"{info.size / 1024:,.0f} KB",
        congress=congress,
        chain=t(chain[info.chain_ok]),
        file=info.path.name,
    )


@cli.group()
def backup() -> None:
    """Automatic SQLite backups (at each sitting change and every N minutes)."""


@backup.command("list")
@common_options
@click.option("--json", "as_json", is_flag=True)
@guarded
def backup_list(as_json: bool) -> None:
    """This database's backups, newest first."""
    from models.backup import backup_folder, list_backups

    db = _sqlite_db()
    rows = list_backups(db)
    if as_json:
        emit_json([info.as_json() for info in rows])
        return
    if not rows:
        click.echo(t("backup.none", folder=backup_folder(db)))
        return
    click.echo(t("backup.folder", folder=backup_folder(db)))
    for info in rows:
        click.echo(_backup_row(info))


@backup.command("now")
@common_options
@click.option("--json", "as_json", is_flag=True)
@guarded
def backup_now(as_json: bool) -> None:
    """Take a backup now; prints its path."""
    from models.backup import snapshot

    path = snapshot(_sqlite_db(), "manual")
    if as_json:
        emit_json({"path": str(path) if path else None})
    elif path is None:
        click.echo(t("backup.skipped"))
    else:
        click.echo(t("backup.taken", path=path))


@cli.command()
@common_options
@click.argument("file")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--json", "as_json", is_flag=True)
@guarded
def restore(file: str, yes: bool, as_json: bool) -> None:
    """Replace the current database with a backup (FILE: a path or a name from `backup list`).

    The file is checked completely first; the current data is saved as a backup before it is
    replaced, and the restore is recorded in the audit log.
    """
    from models.backup import check_backup, database_file
    from models.backup import restore as restore_backup

    db = _sqlite_db()
    info = check_backup(db, file)
    if not yes:
        question = t(
            "backup.confirm",
            file=info.path.name,
            taken_at=info.taken_at.replace("T", " ")[:19],
            event=info.last_event_id,
            congress=info.congress or t("backup.no_congress"),
            db=database_file(db),
        )
        if not click.confirm(question, default=False, err=True):
            _refused("backup.cancelled", t("backup.cancelled"), as_json)
    report = restore_backup(db, info.path, operator=default_operator(), station=default_station())
    if as_json:
        emit_json(report.as_json())
        return
    click.echo(
        t(
            "backup.restored",
            file=report.file.name,
            event=report.restored_to_event,
            restore_event=report.event_id,
        )
    )
    if report.safety_copy:
        click.echo(t("backup.safety_copy", path=report.safety_copy))


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
@click.option(
    "--archive",
    "archive_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Check this archive (huiwu-archive.json) instead of the database.",
)
@click.option("--json", "as_json", is_flag=True)
@guarded
def verify(archive_file: Path | None, as_json: bool) -> None:
    """Recompute everything and print a numbered self-check; exit 1 naming the first failure."""
    from models.verify import verify_archive, verify_database
    from tui.verify_text import check_line, header_line, problem_text, summary_line

    report = verify_archive(archive_file) if archive_file else verify_database(open_db())
    if as_json:
        emit_json(
            {
                "ok": report.ok,
                "source": report.source,
                "congress": report.congress,
                "checks": [
                    {
                        "number": n,
                        "check": c.key.removeprefix("verify.check."),
                        "ok": c.ok,
                        "text": check_line(n, c).split(" ", 2)[-1],
                        "problem": c.problem and c.problem.removeprefix("verify.fail."),
                        "detail": problem_text(c) or None,
                    }
                    for n, c in enumerate(report.checks, start=1)
                ],
            }
        )
    else:
        click.echo(header_line(report))
        for number, check in enumerate(report.checks, start=1):
            click.echo(check_line(number, check))
        click.echo(summary_line(report), err=not report.ok)
    if not report.ok:
        if as_json:
            click.echo(summary_line(report), err=True)
        sys.exit(EXIT_REFUSED)


@cli.command()
@common_options
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder to write the package into (created; must be empty).",
)
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
@click.option("--json", "as_json", is_flag=True)
@guarded
def export(out: Path, force: bool, as_json: bool) -> None:
    """The minutes package: one workbook, PDFs, CSV copies, a JSON archive and SHA256SUMS."""
    from models.minutes import export_minutes
    from tui.verify_text import export_lines

    def progress(done: int, total: int, label: str) -> None:
        if label and not as_json:
            click.echo(t("export.step", done=done + 1, total=total, label=label), err=True)

    done = export_minutes(open_db(), out, force=force, progress=progress, station=default_station())
    if as_json:
        emit_json(
            {
                "folder": str(done.folder),
                "files": [f.relative_to(done.folder).as_posix() for f in done.files],
                "items": done.items,
                "contests": done.contests,
                "proposals": done.proposals,
                "sittings": done.sittings,
                "head": done.head_id,
                "event": done.event_id,
            }
        )
        return
    for line in export_lines(done):
        click.echo(line)


# --------------------------------------------------------------------------------- contests


def _split_list(text: str | None) -> list[str]:
    """ "甲,乙、丙" → [甲, 乙, 丙] (models/contest_scheme.py, shared with the TUI)."""
    from models.contest_scheme import split_list

    return split_list(text)


def _scheme_options(fn):
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
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _has_scheme(options: dict) -> bool:
    from models.contest_scheme import has_scheme

    return has_scheme(options)


def _scheme(options: dict, maximum):
    """(stages, quiz) for contests.set_event from the scheme options; checked, never written
    (models/contest_scheme.py: the TUI's dialogs read the same notation)."""
    from models.contest_scheme import scheme_from_text

    return scheme_from_text(maximum=maximum, **options)


def _stage_words(stage, contest) -> str:
    from models.rules.scoring import LOWER, MEASURED, QUIZ, plain

    name = stage.name or t("clic.stage.unnamed")
    weight = f" {plain(stage.weight)}%" if stage.name else ""
    if stage.kind == QUIZ:
        how = t("clic.stage.quiz")
    elif stage.kind == MEASURED:
        how = t(
            "clic.stage.measured",
            unit=stage.unit or "—",
            better=t("contest.better.lower" if stage.better == LOWER else "contest.better.higher"),
        )
    elif stage.single:
        how = t("clic.stage.single", max=plain(stage.maximum))
    else:
        how = t("clic.stage.panel", judges=contest.judges, max=plain(stage.maximum))
    if stage.criteria:
        sheet = "、".join(f"{c.name}{plain(c.maximum)}" for c in stage.criteria)
        how += t("clic.stage.criteria", sheet=sheet)
    return f"{name}{weight}（{how}）"


def _rule_words(contest) -> str:
    from models.io.contest_sheet import has_panel
    from models.numerals import chinese_number
    from models.rules.scoring import plain
    from tui.i18n import get_lang

    count = contest.trim
    if get_lang() == "zh":
        count = "两" if contest.trim == 2 else chinese_number(contest.trim)
    if not has_panel(contest):
        return t("clic.rule.no_panel", decimals=contest.decimals)
    trim = t("clic.rule.trim", trim=count) if contest.trim else t("clic.rule.no_trim")
    return t(
        "clic.rule",
        judges=contest.judges,
        trim=trim,
        decimals=contest.decimals,
        max=plain(contest.maximum),
    )


def _award_words(contest) -> str:
    parts = []
    for tier in contest.awards:
        if tier.count is not None:
            parts.append(t("clic.award_count", name=tier.name, count=tier.count))
        else:
            parts.append(t("clic.award_share", name=tier.name, share=tier.spec.split(":")[-1]))
    return t("clic.list_sep").join(parts) or t("clic.none")


def _event_words(event, contest) -> str:
    if event.quiz:
        stakes = "/".join(map(str, event.quiz.stakes))
        return t("clic.quiz_rules", start=event.quiz.start, stakes=stakes)
    return t("clic.stage_sep").join(_stage_words(s, contest) for s in event.stages)


def _event_line(event, contest) -> str:
    if not event.name:
        return t("clic.event.default", stages=_event_words(event, contest))
    return t("clic.event", name=event.name, stages=_event_words(event, contest))


def _breaker_words(contest) -> str:
    from models.rules.ranking import UNROUNDED

    names = [t("contest.unrounded") if b == UNROUNDED else b for b in contest.tie_breakers]
    return "、".join(names) or t("clic.none")


def contest_json(contest, entrants: int | None = None) -> dict:
    from models.contests import quiz_json, stage_json
    from models.rules.scoring import plain

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
            }
            for e in contest.events
        ],
        "entrants": entrants,
        "on_stage": contest.on_stage,
    }


def _echo_contest(contest, entrants: int | None = None) -> None:
    click.echo(t("clic.head", number=contest.number, title=contest.title))
    click.echo(_rule_words(contest))
    click.echo(t("clic.awards", awards=_award_words(contest)))
    click.echo(t("clic.tiebreak", names=_breaker_words(contest)))
    if contest.judge_names:
        names = "、".join(f"{i}号 {n}" for i, n in enumerate(contest.judge_names, start=1) if n)
        click.echo(t("clic.judge_names", names=names))
    if any(e.stages and e.stages[0].kind != "quiz" for e in contest.events):
        click.echo(t("clic.team_score", how=t(f"contest.team.{contest.team_score}")))
    for event in contest.events:
        click.echo(_event_line(event, contest))
    if entrants is not None:
        click.echo(t("clic.entrant_count", count=entrants))


@cli.group()
def contest() -> None:
    """Contests (技能大赛, 演讲比赛, 知识竞赛): settings, events, entrants, marks."""


@contest.command("new")
@common_options
@click.argument("title")
@click.option("--judges", type=int, required=True, help="Judges on the panel.")
@click.option(
    "--trim",
    type=int,
    default=1,
    show_default=True,
    help="Marks dropped at each end (1 = 去掉一个最高分和一个最低分; 0, 1 or 2).",
)
@click.option("--decimals", type=int, default=2, show_default=True, help="Decimals shown.")
@click.option("--max", "maximum", default="100", show_default=True, help="The maximum mark.")
@click.option(
    "--awards", default=None, help='"一等奖:1,二等奖:3,三等奖:6" or "一等奖:10%,二等奖:20%".'
)
@click.option(
    "--tiebreak",
    default=None,
    help='Tie-breakers in order: stage names and/or "unrounded" (未修约分), e.g. "实操,unrounded".',
)
@click.option(
    "--team-score",
    type=click.Choice(["sum", "mean"]),
    default="sum",
    show_default=True,
    help="A team's score from its members' scores.",
)
@click.option("--judge-names", default=None, help='Judges in order: "王老师,李老师,…".')
@_scheme_options
@click.option("--json", "as_json", is_flag=True)
@guarded
def contest_new(
    title,
    judges,
    trim,
    decimals,
    maximum,
    awards,
    tiebreak,
    team_score,
    judge_names,
    as_json,
    **scheme,
) -> None:
    """A contest; prints its number. The --stages … options set how its first event is scored
    (more events: `huiwu contest event`)."""
    from models import contests
    from models.rules.scoring import parse_decimal, trim_problems, trim_recommended

    problems = trim_problems(judges, trim)
    if problems:
        raise problems[0]
    breakers = _split_list(tiebreak)
    stages = quiz = None
    if _has_scheme(scheme):
        scheme["event_name"] = title
        stages, quiz = _scheme(scheme, parse_decimal(maximum))
    db = open_db()
    info = contests.new_contest(
        db,
        title,
        judges=judges,
        trim=trim,
        decimals=decimals,
        maximum=maximum,
        awards=awards,
        tie_breakers=breakers,
        team_score=team_score,
        judge_names=_split_list(judge_names),
        stages=stages,
        quiz=quiz,
        **_station_kwargs(),
    )
    if trim_recommended(judges, trim):
        click.echo(t("clic.trim_warning", judges=judges, trim=trim), err=True)
    if as_json:
        emit_json(contest_json(info, 0))
        return
    click.echo(t("clic.created", number=info.number, title=info.title))
    _echo_contest(info)


@contest.command("list")
@common_options
@click.option("--json", "as_json", is_flag=True)
@guarded
def contest_list(as_json: bool) -> None:
    """Every contest of the current congress, by number."""
    from models.contests import list_contests

    rows = list_contests(open_db())
    if as_json:
        emit_json([{"number": r.number, "title": r.title, "entrants": r.entrants} for r in rows])
        return
    if not rows:
        click.echo(t("clic.none_yet"))
        return
    from tui.result_text import table

    head = [t("clic.col.number"), t("clic.col.title"), t("clic.col.entrants")]
    body = [[str(r.number), r.title, str(r.entrants)] for r in rows]
    click.echo("\n".join(table([head, *body], numeric=[0, 2])))


@contest.command("show")
@common_options
@click.argument("ref", metavar="CONTEST")
@click.option("--json", "as_json", is_flag=True)
@guarded
def contest_show(ref: str, as_json: bool) -> None:
    """A contest's settings, events (how each is scored) and number of entrants."""
    from models.contests import entrants_of, get_contest

    db = open_db()
    info = get_contest(db, ref)
    count = len(entrants_of(db, info.number))
    if as_json:
        emit_json(contest_json(info, count))
        return
    _echo_contest(info, count)


@contest.command("event")
@common_options
@click.argument("ref", metavar="CONTEST")
@click.argument("name")
@_scheme_options
@click.option("--max", "maximum", default=None, help="Maximum mark of its stages (the contest's).")
@click.option("--json", "as_json", is_flag=True)
@guarded
def contest_event(ref: str, name: str, maximum: str | None, as_json: bool, **scheme) -> None:
    """Add an event (项目) or redefine one with no entrants yet. With no option: one stage
    marked by the judges' panel. The first named event replaces the contest's unnamed default
    while that has no entrants."""
    from models import contests
    from models.rules.scoring import parse_decimal

    db = open_db()
    info = contests.get_contest(db, ref)
    scheme["event_name"] = name
    top = parse_decimal(maximum) if maximum is not None else info.maximum
    stages, quiz = _scheme(scheme, top)
    info = contests.set_event(db, info.number, name, stages=stages, quiz=quiz, **_station_kwargs())
    if as_json:
        emit_json(contest_json(info))
        return
    click.echo(t("clic.event_set", contest=info.label))
    click.echo(_event_line(info.event(name), info))


@contest.command("tiebreak")
@common_options
@click.argument("ref", metavar="CONTEST")
@click.argument("names")
@guarded
def contest_tiebreak(ref: str, names: str) -> None:
    """Tie-breakers in order: stage names and/or "unrounded" (未修约分); "" clears them."""
    from models.contests import set_tie_breakers

    info = set_tie_breakers(open_db(), ref, _split_list(names), **_station_kwargs())
    click.echo(t("clic.tiebreak", names=_breaker_words(info)))


# Published standings are final (issue 16): publish locks every mark, reopen needs a reason.


def _publication_json(pub) -> dict:
    return {
        "contest": pub.contest,
        "title": pub.title,
        "published": pub.published,
        "at": pub.at,
        "standings": [
            dict(zip(("rank", "entrant", "name", "score", "award"), row, strict=True))
            for row in pub.standings
        ],
        "replaces": pub.replaces,
    }


def _publication_lines(pub) -> list[str]:
    if not pub.published:
        return []
    lines = [t("final.contest.published_at", at=pub.at.replace("T", " ")[:16])]
    if pub.replaces:
        lines.append(t("final.contest.replaces", reason=pub.replaces["reason"]))
    return lines


@contest.command("publish")
@common_options
@click.argument("ref", metavar="CONTEST")
@click.option("--json", "as_json", is_flag=True)
@guarded
def contest_publish(ref: str, as_json: bool) -> None:
    """公布成绩: the standings become final; every later change needs `contest reopen` first."""
    from models.contest_publish import publish_contest

    pub = publish_contest(open_db(), ref, **_station_kwargs())
    if as_json:
        emit_json(_publication_json(pub))
        return
    click.echo(t("final.contest.published", number=pub.contest, title=pub.title))
    click.echo("\n".join(_publication_lines(pub)))


@contest.command("reopen")
@common_options
@click.argument("ref", metavar="CONTEST")
@click.option("--reason", required=True, help="Why published standings are reopened.")
@click.option("--json", "as_json", is_flag=True)
@guarded
def contest_reopen(ref: str, reason: str, as_json: bool) -> None:
    """Reopen published standings to correct them (the reason goes to the audit log)."""
    from models.contest_publish import reopen_contest

    pub = reopen_contest(open_db(), ref, reason=reason, **_station_kwargs())
    if as_json:
        emit_json(_publication_json(pub))
        return
    click.echo(t("final.contest.reopened", number=pub.contest, title=pub.title, reason=reason))


@contest.command("entrant")
@common_options
@click.argument("ref", metavar="CONTEST")
@click.argument("name")
@click.option("--unit", default="", help="单位 / 部门 / 班组.")
@click.option("--group", default="", help="组别 (男子组, 女子组 …).")
@click.option("--event", default=None, help="The event (项目), by name; default the first.")
@click.option("--team", default="", help="The team this entrant scores for.")
@click.option("--members", default="", help='A team entrant\'s members: "甲、乙、丙".')
@click.option("--number", type=int, default=None, help="出场序号 (default: the next).")
@click.option("--json", "as_json", is_flag=True)
@guarded
def contest_entrant(ref, name, unit, group, event, team, members, number, as_json) -> None:
    """Register an entrant (an individual, or a team with --members)."""
    from models.contests import add_entrant, entrant_json, get_contest

    db = open_db()
    entrant = add_entrant(
        db,
        ref,
        name,
        unit=unit,
        group=group,
        event=event,
        team=team,
        members=_split_list(members),
        number=number,
        **_station_kwargs(),
    )
    if as_json:
        emit_json(entrant_json(entrant, get_contest(db, ref)))
        return
    click.echo(t("clic.entrant_added", number=entrant.number, name=entrant.name))


@contest.command("entrants")
@common_options
@click.argument("ref", metavar="CONTEST")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
@guarded
def contest_entrants(ref: str, file: Path, as_json: bool) -> None:
    """Register entrants from CSV/XLSX, all or nothing: 选手/name, 单位/unit, 组别/group,
    项目/event, 团队/team, 成员/members, 序号/number."""
    from models.contests import entrant_json, get_contest
    from models.score_import import import_entrants

    db = open_db()
    report = import_entrants(db, ref, file, **_station_kwargs())
    if as_json:
        info = get_contest(db, ref)
        emit_json(
            {
                "contest": report.contest,
                "rows": report.rows,
                "added": len(report.added),
                "unchanged": report.unchanged,
                "entrants": [entrant_json(e, info) for e in report.added],
            }
        )
        return
    click.echo(
        t(
            "clic.entrants_imported",
            title=report.title,
            added=len(report.added),
            unchanged=report.unchanged,
            rows=report.rows,
        )
    )


def _panel_text(stage_card) -> str:
    """Each judge's mark in order, a dropped one in brackets: 90 [95] 91 92 [80]."""
    from models.rules.scoring import plain

    dropped = stage_card.panel.dropped if stage_card.panel else frozenset()
    marks = []
    for index, mark in enumerate(stage_card.marks):
        text = "—" if mark is None else plain(mark)
        marks.append(f"[{text}]" if index in dropped else text)
    return " ".join(marks)


def mark_json(outcome, row) -> dict:
    from models.rules.scoring import plain

    card = outcome.card
    return {
        "entrant": card.entrant.name,
        "number": card.entrant.number,
        "judge": outcome.judge,
        "value": plain(outcome.value),
        "previous": None if outcome.previous is None else plain(outcome.previous),
        "completed": outcome.completed,
        "complete": card.complete,
        "score": card.shown,
        "unrounded": None if card.unrounded is None else str(card.unrounded),
        "marks": card.marks_in,
        "marks_due": card.marks_due,
        "rank": row.rank if row else None,
        "award": row.award if row else None,
        "flag": row.flag if row else None,
        "stages": [
            {
                "stage": s.stage.name,
                "marks": [None if m is None else plain(m) for m in s.marks],
                "dropped": sorted(i + 1 for i in s.panel.dropped) if s.panel else [],
                "score": None if s.score is None else str(s.score),
            }
            for s in card.stages
        ],
    }


@contest.command("mark", context_settings={"ignore_unknown_options": True})
@common_options
@click.argument("ref", metavar="CONTEST")
@click.argument("entrant")
@click.argument("judge")
@click.argument("value")
@click.option("--stage", default="", help="The stage the mark is for (理论, 实操 …).")
@click.option("--criterion", default="", help="The criterion of a criteria sheet (评分细则).")
@click.option("--correct", is_flag=True, help="Replace the judge's mark already entered.")
@click.option("--reason", default="", help="Why it is corrected (kept in the audit log).")
@click.option("--json", "as_json", is_flag=True)
@guarded
def contest_mark(ref, entrant, judge, value, stage, criterion, correct, reason, as_json) -> None:
    """A judge's mark for an entrant (ENTRANT by 出场序号 or name; JUDGE 1…N, 0 for a single
    mark). Refused when out of [0, max], not a number, from an unknown judge, or a second mark
    without --correct --reason."""
    from models.errors import Refusal, refuse
    from models.io.score_file import judge_number
    from models.scores import record_mark, standings

    db = open_db()
    number = judge_number(judge)
    try:
        outcome = record_mark(
            db,
            ref,
            entrant,
            number if number is not None else judge,
            value,
            stage=stage,
            criterion=criterion,
            correct=correct,
            reason=reason,
            **_station_kwargs(),
        )
    except Refusal as error:
        if error.key != "contest.mark_exists":
            raise
        raise refuse("clic.mark_exists", **error.params) from None  # the CLI's own way to correct
    card = outcome.card
    row = standings(db, ref).row_of(card.entrant.id) if card.complete else None
    if as_json:
        emit_json(mark_json(outcome, row))
        return
    _echo_mark(outcome, row)


def _echo_mark(outcome, row) -> None:
    from models.rules.scoring import plain

    card = outcome.card
    judge = t("contest.judge", judge=outcome.judge) if outcome.judge else t("clic.single_mark")
    line = t("clic.mark", judge=judge, entrant=card.entrant.label, value=plain(outcome.value))
    if outcome.previous is not None:
        line += t("clic.mark_was", previous=plain(outcome.previous))
    click.echo(line + t("clic.progress", marks=card.marks_in, due=card.marks_due))
    if not card.complete:
        return
    for stage_card in card.stages:
        if stage_card.panel is None:
            continue
        name = f"{stage_card.stage.name}：" if stage_card.stage.name else ""
        hint = t("clic.dropped_hint") if stage_card.panel.dropped else ""
        click.echo(t("clic.panel", stage=name, marks=_panel_text(stage_card)) + hint)
    click.echo(_final_line(card, row))


def _final_line(card, row) -> str:
    line = t("clic.final", score=card.shown)
    if row is not None and row.rank is not None:
        line += t("clic.final_rank", rank=row.rank)
    if row is not None and row.award:
        line += f" · {row.award}"
    if row is not None and row.flag:
        line += f" · {t('contest.flag.' + row.flag)}"
    return line


@contest.command("answer")
@common_options
@click.argument("ref", metavar="CONTEST")
@click.argument("team")
@click.argument("kind", metavar="KIND")
@click.argument("verdict", type=click.Choice(["right", "wrong", "对", "错"]))
@click.option("--stake", type=int, default=None, help="A risk question's stake (风险题分值).")
@click.option("--question", type=int, default=None, help="题号 (default: the next).")
@click.option(
    "--correct", "correct", type=int, default=None, metavar="N", help="Correct question N's answer."
)
@click.option("--reason", default="", help="Why it is corrected (kept in the audit log).")
@click.option("--json", "as_json", is_flag=True)
@guarded
def contest_answer(ref, team, kind, verdict, stake, question, correct, reason, as_json) -> None:
    """A quiz answer: KIND 必答 | 抢答 | 风险题 (compulsory | buzzer | risk), right or wrong.
    With --correct N --reason R, question N's logged answer is corrected instead."""
    from models.errors import Refusal, refuse
    from models.scores import record_answer, score_card

    db = open_db()
    right = verdict in ("right", "对")
    if correct is not None:
        answer, previous = _correct_answer(db, ref, team, kind, right, stake, correct, reason)
    else:
        previous = None
        try:
            answer = record_answer(
                db, ref, team, kind, right, stake=stake, question=question, **_station_kwargs()
            )
        except Refusal as error:
            if error.key != "contest.answer_exists":
                raise
            raise refuse("clic.answer_exists", **error.params) from None  # the CLI's own way
    card = score_card(db, ref, team)
    if as_json:
        emit_json(
            {
                "question": answer.question,
                "entrant": card.entrant.name,
                "kind": answer.kind,
                "right": answer.right,
                "stake": answer.stake,
                "points": answer.points,
                "previous": previous,
                "score": card.shown,
            }
        )
        return
    line = t(
        "clic.answer",
        question=answer.question,
        kind=t(f"contest.question.{answer.kind}"),
        entrant=card.entrant.label,
        points=f"{answer.points:+d}",
        score=card.shown,
    )
    if previous is not None:
        line += t("clic.mark_was", previous=f"{previous:+d}")
    click.echo(line)


def _correct_answer(db, ref, team, kind, right, stake, question, reason):
    """The corrected answer and the points it had (read first, for the echo only)."""
    from models.scores import correct_answer, score_card

    logged = [a for s in score_card(db, ref, team).stages for a in s.answers]
    before = next((a.points for a in logged if a.question == question), None)
    answer = correct_answer(
        db,
        ref,
        team,
        question,
        right=right,
        stake=stake,
        reason=reason,
        kind=kind,
        **_station_kwargs(),
    )
    return answer, before


@contest.command("stage")
@common_options
@click.argument("ref", metavar="CONTEST")
@click.argument("entrant")
@guarded
def contest_stage(ref: str, entrant: str) -> None:
    """Put an entrant on stage: the one the scoring screen and the projector show."""
    from models.contests import set_on_stage

    info = set_on_stage(open_db(), ref, entrant, **_station_kwargs())
    click.echo(t("clic.on_stage", entrant=info.label))


# --- scores


@cli.group()
def scores() -> None:
    """Contest marks from a file."""


@scores.command("import")
@common_options
@click.argument("ref", metavar="CONTEST")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--correct", is_flag=True, help="Replace stored marks that the file changes.")
@click.option("--reason", default="", help="Why they are corrected (with --correct).")
@click.option("--json", "as_json", is_flag=True)
@guarded
def scores_import(ref: str, file: Path, correct: bool, reason: str, as_json: bool) -> None:
    """Long format, one mark a row: 选手/entrant (name or 序号), 评委/judge (3, 3号, 评委3 or a
    name), 分数/score [, 阶段/stage, 细则/criterion, 组别/group, 单位/unit, 项目/event, 序号/number].
    All or nothing; an entrant not yet registered is registered from the row; the same mark
    again is skipped."""
    from models.score_import import import_scores

    report = import_scores(
        open_db(), ref, file, correct=correct, reason=reason, **_station_kwargs()
    )
    if as_json:
        emit_json(
            {
                "contest": report.contest,
                "rows": report.rows,
                "added": report.added,
                "corrected": report.corrected,
                "unchanged": report.unchanged,
                "blank": report.blank,
                "new_entrants": len(report.new_entrants),
                "new": [e.name for e in report.new_entrants],
                "completed": [e.name for e in report.completed],
            }
        )
        return
    click.echo(
        t(
            "clic.scores_imported",
            title=report.title,
            added=report.added,
            corrected=report.corrected,
            unchanged=report.unchanged,
            rows=report.rows,
        )
    )
    if report.new_entrants:
        names = "、".join(e.label for e in report.new_entrants)
        click.echo(t("clic.new_entrants", count=len(report.new_entrants), names=names))
    if report.blank:
        click.echo(t("clic.blank_rows", count=report.blank))
    if report.completed:
        click.echo(t("clic.completed", names="、".join(e.name for e in report.completed)))


# --- standings


def _group_title(group) -> str:
    parts = [p for p in (group.event.name, group.group) if p]
    return " · ".join(parts)


def _standing_note(row) -> str:
    from models.rules.ranking import UNROUNDED

    card = row.card
    if not card.complete:
        return t("clic.incomplete", marks=card.marks_in, due=card.marks_due)
    notes = []
    if row.flag:
        notes.append(t(f"contest.flag.{row.flag}"))
    if row.decided_by:
        by = t("contest.unrounded") if row.decided_by == UNROUNDED else row.decided_by
        notes.append(t("clic.decided_by", name=by))
    return "；".join(notes)


def _standings_lines(table) -> list[str]:
    from tui.result_text import table as padded

    contest = table.contest
    lines = [t("clic.head", number=contest.number, title=contest.title), _rule_words(contest)]
    head = [
        t("clic.col.rank"),
        t("clic.col.number"),
        t("clic.col.entrant"),
        t("clic.col.unit"),
        t("clic.col.score"),
        t("clic.col.award"),
        t("clic.col.note"),
    ]
    for group in table.groups:
        title = _group_title(group)
        lines.append("")
        if title:
            lines.append(f"【{title}】")
        body = [
            [
                "—" if r.rank is None else str(r.rank),
                str(r.entrant.number),
                r.entrant.name,
                r.entrant.unit,
                r.score or "—",
                r.award or "",
                _standing_note(r),
            ]
            for r in group.rows
        ]
        lines += padded([head, *body], numeric=[0, 1, 4]) if body else [t("clic.no_entrants")]
    if any(group.flagged for group in table.groups):
        lines += ["", t("clic.flag_note")]
    return lines


def _team_lines(table) -> list[str]:
    from tui.result_text import table as padded

    head = [
        t("clic.col.rank"),
        t("clic.col.team"),
        t("clic.col.unit"),
        t("clic.col.score"),
        t("clic.col.members"),
    ]
    body = [
        [
            "—" if r.rank is None else str(r.rank),
            r.team,
            r.unit,
            r.shown or "—",
            "、".join(r.members),
        ]
        for r in table.teams
    ]
    lines = [t("clic.teams", how=t(f"contest.team.{table.contest.team_score}"))]
    return lines + (padded([head, *body], numeric=[0, 3]) if body else [t("clic.no_teams")])


def team_json(row) -> dict:
    from models.rules.scoring import unrounded

    return {
        "rank": row.rank,
        "team": row.team,
        "unit": row.unit,
        "members": list(row.members),
        "score": row.shown,
        "unrounded": None if row.score is None else str(unrounded(row.score)),
        "complete": row.complete,
    }


@cli.command("standings")
@common_options
@click.argument("ref", metavar="CONTEST")
@click.option("--json", "as_json", is_flag=True)
@click.option(
    "--pdf",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write 成绩排名表 and 获奖名单 as a PDF.",
)
@click.option(
    "--xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the workbook (排名, 评分明细, 获奖名单, 证书名单, 设置).",
)
@click.option(
    "--certificates",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the certificate list (证书名单): .xlsx, else PDF.",
)
@click.option("--teams", is_flag=True, help="The team standings (sum or mean of members).")
@guarded
def standings_cmd(ref, as_json, pdf, xlsx, certificates, teams) -> None:
    """The ranking (1, 2, 2, 4) with awards; a tie across an award boundary is flagged.
    --json: [{"rank", "entrant", "score", "award", "flag", …}]."""
    from models.scores import standing_json, standings

    db = open_db()
    table = standings(db, ref)
    if pdf is not None or xlsx is not None or certificates is not None:
        from models.io.contest_export import export_contest

        written = export_contest(
            db, ref, pdf=pdf, xlsx=xlsx, certificates=certificates, table=table
        )
        for path in written:
            click.echo(t("clic.written", path=path), err=as_json)
    if as_json:
        if teams:
            emit_json([team_json(r) for r in table.teams])
        else:
            emit_json([standing_json(r, table.contest) for r in table.rows])
        return
    lines = _team_lines(table) if teams else _standings_lines(table)
    from models.contest_publish import publication

    lines += _publication_lines(publication(db, ref))
    click.echo("\n".join(lines))


# --------------------------------------------------------------------------------- proposals


@cli.group("proposals")
def proposals_group() -> None:
    """Proposals (提案): capture, import, the lifecycle to the rating, statistics, exports."""


def _proposal_codes(text: str | None) -> tuple[str, ...]:
    from models.io.proposal_file import split_codes

    return split_codes(text or "")


def _status_words() -> dict[str, str]:
    """Every way a status may be written here → its code: 已立案, 立案, accepted …"""
    from models.rules.proposals import CLOSED, REJECTED, STATUSES, SUGGESTION
    from tui.i18n import catalogs

    words = {"意见建议": SUGGESTION, "转意见建议": SUGGESTION, "未立案": REJECTED, "办结": CLOSED}
    for status in STATUSES:
        words[status] = status
        for lang in ("zh", "en"):
            name = catalogs()[lang][f"proposal.status.{status}"].lower()
            words[name] = status
            words[name.removeprefix("已")] = status
    return words


def _proposal_status(value: str | None) -> str | None:
    from models.errors import refuse
    from models.rules.proposals import STATUSES

    text = " ".join((value or "").split()).lower()
    if not text:
        return None
    status = _status_words().get(text)
    if status is None:
        choices = "、".join(t(f"proposal.status.{s}") for s in STATUSES)
        raise refuse("clip.bad_status", value=value[:20], choices=choices)
    return status


def _proposal_category(db, value: str | None) -> str | None:
    from models.errors import refuse
    from models.proposals import proposal_settings

    text = " ".join((value or "").split())
    if not text:
        return None
    categories = proposal_settings(db).categories
    if text not in categories:
        raise refuse("proposal.unknown_category", category=text, categories="、".join(categories))
    return text


def proposal_detail_json(detail) -> dict:
    from models.proposals import proposal_json

    data = proposal_json(detail)
    data.update(
        {
            "proposer_names": [p.name for p in detail.proposers],
            "seconder_names": [p.name for p in detail.seconders],
            "reason": detail.reason,
            "suggestion": detail.suggestion,
            "decision_note": detail.decision_note or None,
            "reply": detail.reply or None,
            "answered_at": detail.answered_at,
            "merged": list(detail.merged),
            "next_actions": list(detail.next_actions),
            "history": [
                {
                    "at": h.at,
                    "action": h.action,
                    "from": h.from_status,
                    "to": h.to_status,
                    "note": h.note,
                    "detail": h.detail,
                    "operator": h.operator,
                    "station": h.station,
                }
                for h in detail.history
            ],
        }
    )
    return data


def _status_word(row) -> str:
    word = t(f"proposal.status.{row.status}")
    return word + t("clip.overdue") if row.overdue else word


def _moment(stamp: str | None) -> str:
    """2026-11-21T14:53:31.123+08:00 → 2026-11-21 14:53."""
    return (stamp or "")[:16].replace("T", " ")


def _people_words(people) -> str:
    return "、".join(f"{p.name}（{p.code}）" for p in people) or "—"


def _history_line(entry) -> str:
    detail = entry.detail
    if entry.action == "rate" and detail:
        detail = t(f"proposal.rating.{detail}")
    elif entry.action == "answer" and len(detail) > 40:
        detail = detail[:39] + "…"
    status = t(f"proposal.status.{entry.to_status}")
    parts = [_moment(entry.at), t(f"proposal.action.{entry.action}"), f"→ {status}"]
    parts += [part for part in (detail, entry.note) if part]
    who = "/".join(part for part in (entry.operator, entry.station) if part)
    return "  ".join(parts) + (t("clip.history.by", who=who) if who else "")


def _echo_proposal(detail) -> None:
    row = detail.row
    click.echo(t("clip.show.head", label=row.label, title=row.title))
    click.echo(t("clip.show.category", category=row.category))
    kind = t(f"proposal.kind.{row.proposer_kind}")
    names = _people_words(detail.proposers)
    if row.proposer_kind == "delegation":
        names = row.delegation + (f"（{names}）" if detail.proposers else "")
    click.echo(t("clip.show.proposers", kind=kind, names=names))
    click.echo(t("clip.show.seconders", names=_people_words(detail.seconders)))
    click.echo(t("clip.show.status", status=_status_word(row)))
    if row.round > 1:
        click.echo(t("clip.show.round", round=row.round))
    if detail.merged_into:
        click.echo(t("clip.show.merged_into", label=detail.merged_into))
    if detail.merged:
        click.echo(t("clip.show.merged", labels="、".join(detail.merged)))
    if detail.decision_note:
        click.echo(t("clip.show.decision", note=detail.decision_note))
    if row.department:
        click.echo(t("clip.show.department", department=row.department, due=row.due_date or "—"))
    for key, text in (
        ("clip.show.reason", detail.reason),
        ("clip.show.suggestion", detail.suggestion),
    ):
        if text:
            click.echo(t(key))
            click.echo(text)
    if detail.reply:
        click.echo(t("clip.show.reply", at=_moment(detail.answered_at)))
        click.echo(detail.reply)
    if row.rating:
        click.echo(t("clip.show.rating", rating=t(f"proposal.rating.{row.rating}")))
    click.echo(t("clip.show.history"))
    for entry in detail.history:
        click.echo("  " + _history_line(entry))
    if detail.next_actions:
        actions = "、".join(t(f"proposal.action.{a}") for a in detail.next_actions)
        click.echo(t("clip.show.next", actions=actions))
    else:
        click.echo(t("clip.show.done"))


def _echo_step(detail, action: str, as_json: bool) -> None:
    if as_json:
        emit_json(proposal_detail_json(detail))
        return
    row = detail.row
    click.echo(
        t(
            "clip.step",
            label=row.label,
            title=row.title,
            action=t(f"proposal.action.{action}"),
            status=t(f"proposal.status.{row.status}"),
        )
    )
    if action == "merge" and detail.merged_into:
        click.echo(t("clip.show.merged_into", label=detail.merged_into))
    if action == "assign":
        click.echo(t("clip.assigned", department=row.department, due=row.due_date))
    if action == "rate":
        click.echo(t("clip.rated", rating=t(f"proposal.rating.{row.rating}")))
        if row.status == "rehandling":
            click.echo(t("clip.rehandling", round=row.round))


def _json_option(fn):
    return click.option("--json", "as_json", is_flag=True)(fn)


@proposals_group.command("import")
@common_options
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_json_option
@guarded
def proposals_import(file: Path, as_json: bool) -> None:
    """Import proposals from CSV/XLSX, all or nothing. One proposal a row: 标题/title, 提案人/proposer
    (roster codes split by 、 , ; or space = jointly, or a delegation's name), 附议人/seconders,
    类别/category, 案由/reason, 建议/suggestion. A row already registered (same title and
    proposers) is skipped."""
    from models.proposal_import import import_proposals

    report = import_proposals(open_db(), file, **_station_kwargs())
    if as_json:
        emit_json(
            {
                "rows": report.rows,
                "added": len(report.added),
                "unchanged": report.unchanged,
                "file": report.file,
                "sha256": report.sha256,
                "proposals": [
                    {"number": p.number, "label": p.label, "title": p.title} for p in report.added
                ],
            }
        )
        return
    click.echo(
        t(
            "clip.imported",
            added=len(report.added),
            unchanged=report.unchanged,
            rows=report.rows,
        )
    )
    if report.added:
        click.echo(t("clip.added", labels="、".join(p.label for p in report.added)))
    click.echo(t("clip.file", file=report.file, sha256=report.sha256))


@proposals_group.command("new")
@common_options
@click.argument("title")
@click.option("--category", default="", help="类别 (see `huiwu proposals settings`).")
@click.option("--proposer", default=None, help='Roster codes "D001" or jointly "D001,D002".')
@click.option("--delegation", default=None, help="A delegation's proposal: its name.")
@click.option("--seconders", default="", help='附议人 roster codes "D003,D004".')
@click.option("--reason", default="", help="案由.")
@click.option("--suggestion", default="", help="建议 (suggested measures).")
@_json_option
@guarded
def proposals_new(title, category, proposer, delegation, seconders, reason, suggestion, as_json):
    """Register a proposal; it gets the next number (e.g. 三届二次-001)."""
    from models.proposals import Draft, similar_proposals, submit_proposal

    db = open_db()
    draft = Draft(
        title=title,
        category=category,
        proposers=_proposal_codes(proposer),
        seconders=_proposal_codes(seconders),
        delegation=delegation,
        reason=reason,
        suggestion=suggestion,
    )
    detail = submit_proposal(db, draft, **_station_kwargs())
    row = detail.row
    similar = similar_proposals(
        db, row.title, f"{detail.reason}\n{detail.suggestion}".strip(), exclude=row.number
    )
    if as_json:
        data = proposal_detail_json(detail)
        data["similar"] = [
            {"number": s.number, "label": s.label, "title": s.title, "score": s.score}
            for s in similar
        ]
        emit_json(data)
        return
    click.echo(t("clip.created", label=row.label, title=row.title))
    if similar:
        click.echo(t("clip.similar"))
        for s in similar:
            status = t(f"proposal.status.{s.status}")
            click.echo(
                t("clip.similar_item", label=s.label, title=s.title, status=status, score=s.score)
            )


@proposals_group.command("list")
@common_options
@click.option("--status", default=None, help="submitted | accepted | … or 已提交 | 已立案 | …")
@click.option("--category", default=None, help="A category (生产经营 …).")
@click.option("--delegation", default=None, help="The proposers' delegation.")
@click.option("--department", default=None, help="承办部门.")
@click.option("--overdue", is_flag=True, help="Assigned and past the due date.")
@_json_option
@guarded
def proposals_list(status, category, delegation, department, overdue, as_json) -> None:
    """The registry in number order, filtered."""
    from models.proposals import list_proposals, row_json

    db = open_db()
    rows = list_proposals(
        db,
        status=_proposal_status(status),
        category=_proposal_category(db, category),
        delegation=" ".join((delegation or "").split()) or None,
        department=" ".join((department or "").split()) or None,
        overdue=overdue,
    )
    if as_json:
        emit_json([row_json(r) for r in rows])
        return
    filtered = any((status, category, delegation, department, overdue))
    if not rows:
        click.echo(t("clip.none_match" if filtered else "clip.none"))
        return
    from tui.result_text import table

    head = [
        t("clip.col.label"),
        t("clip.col.title"),
        t("clip.col.category"),
        t("clip.col.proposers"),
        t("clip.col.status"),
        t("clip.col.department"),
        t("clip.col.due"),
    ]
    body = [
        [
            r.label,
            r.title,
            r.category,
            r.proposers,
            _status_word(r),
            r.department or "",
            r.due_date or "",
        ]
        for r in rows
    ]
    click.echo("\n".join(table([head, *body])))
    click.echo(t("clip.count", count=len(rows)))


@proposals_group.command("show")
@common_options
@click.argument("ref", metavar="REF")
@_json_option
@guarded
def proposals_show(ref: str, as_json: bool) -> None:
    """One proposal with its people, texts and history (REF: 1, 001 or 三届二次-001)."""
    from models.proposals import get_proposal

    detail = get_proposal(open_db(), ref)
    if as_json:
        emit_json(proposal_detail_json(detail))
        return
    _echo_proposal(detail)


@proposals_group.command("accept")
@common_options
@click.argument("ref", metavar="REF")
@click.option("--note", default="", help="A remark for the history.")
@_json_option
@guarded
def proposals_accept(ref: str, note: str, as_json: bool) -> None:
    """立案: lawful, within the unit's remit, worthwhile and feasible."""
    from models.proposals import accept_proposal

    _echo_step(accept_proposal(open_db(), ref, note=note, **_station_kwargs()), "accept", as_json)


@proposals_group.command("suggest")
@common_options
@click.argument("ref", metavar="REF")
@click.option("--note", default="", help="Why it is handled as an opinion.")
@_json_option
@guarded
def proposals_suggest(ref: str, note: str, as_json: bool) -> None:
    """转为意见建议: handled as an opinion, not as a proposal."""
    from models.proposals import suggest_proposal

    detail = suggest_proposal(open_db(), ref, note=note, **_station_kwargs())
    _echo_step(detail, "suggest", as_json)


@proposals_group.command("reject")
@common_options
@click.argument("ref", metavar="REF")
@click.option("--reason", required=True, help="The written reason the proposer will read.")
@_json_option
@guarded
def proposals_reject(ref: str, reason: str, as_json: bool) -> None:
    """不予立案, with the written reason."""
    from models.proposals import reject_proposal

    detail = reject_proposal(open_db(), ref, reason=reason, **_station_kwargs())
    _echo_step(detail, "reject", as_json)


@proposals_group.command("merge")
@common_options
@click.argument("ref", metavar="REF")
@click.option("--into", required=True, help="The proposal it is handled with.")
@click.option("--note", default="", help="A remark for the history.")
@_json_option
@guarded
def proposals_merge(ref: str, into: str, note: str, as_json: bool) -> None:
    """并案: REF is handled as part of another proposal (it keeps its number)."""
    from models.proposals import merge_proposal

    detail = merge_proposal(open_db(), ref, into, note=note, **_station_kwargs())
    _echo_step(detail, "merge", as_json)


@proposals_group.command("reopen")
@common_options
@click.argument("ref", metavar="REF")
@click.option("--reason", required=True, help="Why the decision is undone.")
@_json_option
@guarded
def proposals_reopen(ref: str, reason: str, as_json: bool) -> None:
    """Undo a decision taken by mistake (merge, accept, suggest, reject) before it is assigned."""
    from models.proposals import reopen_proposal

    detail = reopen_proposal(open_db(), ref, reason=reason, **_station_kwargs())
    _echo_step(detail, "reopen", as_json)


@proposals_group.command("assign")
@common_options
@click.argument("ref", metavar="REF")
@click.option("--department", required=True, help="承办部门.")
@click.option("--due", required=True, help="Due date, 2026-12-31.")
@click.option("--note", default="", help="A remark for the history.")
@click.option("--allow-past", is_flag=True, help="Accept a due date before today (late entry).")
@_json_option
@guarded
def proposals_assign(
    ref: str, department: str, due: str, note: str, allow_past: bool, as_json: bool
) -> None:
    """交办 to the department that will answer it, by a due date (again after 不满意). A due
    date before today is refused unless --allow-past."""
    from models.clock import now
    from models.errors import Refusal, refuse
    from models.proposals import assign_proposal

    not_before = None if allow_past else now().date()
    try:
        detail = assign_proposal(
            open_db(),
            ref,
            department=department,
            due=due,
            note=note,
            not_before=not_before,
            **_station_kwargs(),
        )
    except Refusal as error:
        if error.key != "proposal.due_in_past":
            raise
        raise refuse("clip.due_in_past", **error.params) from None  # names the CLI's way out
    _echo_step(detail, "assign", as_json)


def _reply_text(reply: str | None, reply_file: Path | None) -> str:
    from models.errors import refuse
    from models.io.table_file import decode

    if (reply is None) == (reply_file is None):
        raise refuse("clip.no_reply")
    if reply_file is None:
        return reply
    try:
        text = decode(reply_file.read_bytes())
    except OSError:
        text = None
    if text is None:
        raise refuse("clip.reply_file", path=str(reply_file))
    return text


@proposals_group.command("answer")
@common_options
@click.argument("ref", metavar="REF")
@click.option("--reply", default=None, help="The department's reply.")
@click.option(
    "--reply-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The reply from a text file (UTF-8 or GBK).",
)
@_json_option
@guarded
def proposals_answer(ref: str, reply: str | None, reply_file: Path | None, as_json: bool) -> None:
    """已答复: the department's reply, as the proposer will read it."""
    from models.proposals import answer_proposal

    text = _reply_text(reply, reply_file)
    detail = answer_proposal(open_db(), ref, reply=text, **_station_kwargs())
    _echo_step(detail, "answer", as_json)


@proposals_group.command("rate")
@common_options
@click.argument("ref", metavar="REF")
@click.argument("rating", metavar="满意|基本满意|不满意")
@click.option("--note", default="", help="The proposer's remark.")
@_json_option
@guarded
def proposals_rate(ref: str, rating: str, note: str, as_json: bool) -> None:
    """The proposer's rating of the answer (satisfied | basic | unsatisfied work too);
    不满意 sends it back to be handled again."""
    from models.proposals import rate_proposal

    detail = rate_proposal(open_db(), ref, rating, note=note, **_station_kwargs())
    _echo_step(detail, "rate", as_json)


def _settings_json(settings) -> dict:
    return {
        "min_seconders": settings.min_seconders,
        "categories": list(settings.categories),
        "prefix": settings.prefix,
    }


@proposals_group.command("settings")
@common_options
@click.option("--min-seconders", type=int, default=None, help="Seconders needed (default 2).")
@click.option("--categories", default=None, help='The category list "生产经营,安全生产,…".')
@click.option("--prefix", default=None, help='Numbering prefix ("" = the congress\'s 三届二次).')
@_json_option
@guarded
def proposals_settings(min_seconders, categories, prefix, as_json) -> None:
    """The seconders minimum, the category list and the numbering prefix; no option = show."""
    from models.proposals import label_of, proposal_settings, set_proposal_settings

    db = open_db()
    changing = min_seconders is not None or categories is not None or prefix is not None
    if changing:
        settings = set_proposal_settings(
            db,
            min_seconders=min_seconders,
            categories=None if categories is None else _split_list(categories),
            prefix=prefix,
            operator=default_operator(),
        )
    else:
        settings = proposal_settings(db)
    if as_json:
        emit_json(_settings_json(settings))
        return
    if changing:
        click.echo(t("clip.settings.done"))
    click.echo(t("clip.settings.min", min=settings.min_seconders))
    click.echo(t("clip.settings.categories", categories="、".join(settings.categories)))
    click.echo(t("clip.settings.prefix", prefix=settings.prefix, example=label_of(settings, 1)))


_STAT_COLUMNS = (
    "received",
    "merged",
    "accepted",
    "suggestion",
    "rejected",
    "answered",
    "satisfied",
)


def _stats_table(first: str, groups: dict[str, dict[str, int]], names=None) -> list[str]:
    from tui.result_text import table

    head = [t(first), *(t(f"clip.col.{c}") for c in _STAT_COLUMNS)]
    body = [
        [(names or {}).get(name, name), *(str(counts[c]) for c in _STAT_COLUMNS)]
        for name, counts in groups.items()
    ]
    return table([head, *body], numeric=range(1, len(head)))


@proposals_group.command("stats")
@common_options
@_json_option
@guarded
def proposals_stats(as_json: bool) -> None:
    """收到, 合并, 立案, 转意见建议, 不予立案, 已答复, 满意率 — totals, by category, by
    delegation. --json: received, merged, accepted, …, by_category, by_status, by_delegation."""
    from models.proposals import NO_DELEGATION, proposal_settings, proposal_stats, stats_json

    db = open_db()
    stats = proposal_stats(db)
    if as_json:
        emit_json(stats_json(stats))
        return
    rate = (
        t("clip.stats.no_rate")
        if stats.satisfaction_rate is None
        else f"{stats.satisfaction_rate}%"
    )
    lines = [
        t("clip.stats.head", prefix=proposal_settings(db).prefix),
        t(
            "clip.stats.totals",
            received=stats.received,
            merged=stats.merged,
            accepted=stats.accepted,
            suggestion=stats.suggestion,
            rejected=stats.rejected,
            pending=stats.pending,
        ),
        t(
            "clip.stats.answers",
            answered=stats.answered,
            rated=stats.rated,
            satisfied=stats.satisfied,
            basic=stats.basic,
            unsatisfied=stats.unsatisfied,
            rate=rate,
            overdue=stats.overdue,
        ),
    ]
    statuses = t("clip.list_sep").join(
        f"{t(f'proposal.status.{s}')} {n}" for s, n in stats.by_status.items() if n
    )
    lines.append(t("clip.stats.by_status", statuses=statuses or "—"))
    lines += ["", t("clip.stats.by_category")]
    lines += _stats_table("clip.col.category_name", stats.by_category)
    if stats.by_delegation:
        lines += ["", t("clip.stats.by_delegation")]
        names = {NO_DELEGATION: t("clip.stats.no_delegation")}
        lines += _stats_table("clip.col.delegation", stats.by_delegation, names)
    click.echo("\n".join(lines))


@proposals_group.command("export")
@common_options
@click.option(
    "--pdf",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the 提案汇编 (one page per accepted proposal) as a PDF.",
)
@click.option(
    "--xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the registry of every proposal as an xlsx workbook.",
)
@_json_option
@guarded
def proposals_export(pdf: Path | None, xlsx: Path | None, as_json: bool) -> None:
    """The 提案汇编 (PDF) and/or the registry workbook (xlsx)."""
    from models.errors import refuse
    from models.io.proposal_export import export_proposals

    if pdf is None and xlsx is None:
        raise refuse("clip.export_nothing")
    written = export_proposals(open_db(), pdf=pdf, xlsx=xlsx)
    if as_json:
        emit_json(
            {
                "pdf": None if written.pdf is None else str(written.pdf),
                "xlsx": None if written.xlsx is None else str(written.xlsx),
                "received": written.received,
                "accepted": written.accepted,
            }
        )
        return
    for path in (written.pdf, written.xlsx):
        if path is not None:
            click.echo(t("clip.written", path=path))
    click.echo(t("clip.exported", received=written.received, accepted=written.accepted))


# --------------------------------------------------------------------------------- projector


@cli.command()
@common_options
@click.argument("contest", required=False)
@click.option(
    "--serve", is_flag=True, help="Serve the projector page in a browser (textual-serve)."
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind with --serve."
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@guarded
def display(contest: str | None, serve: bool, host: str, port: int) -> None:
    """Read-only projector view of a contest (big score, entrant on stage, leaderboard)."""
    from tui.display_cli import run_display

    run_display(
        db=_setting("huiwu.db"),
        lang=_setting("huiwu.lang"),
        contest=contest,
        serve=serve,
        host=host,
        port=port,
    )


if __name__ == "__main__":
    cli()
