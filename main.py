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
    """Create a congress; its voting settings."""


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
                "quorum_on_line": figures.quorum_on_line,
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
    return {"operator": "cli", "station": default_station()}


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
    from models.results import outcome_json
    from tui.result_text import result_lines

    if as_json:
        emit_json(outcome_json(outcome))
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
    """Every motion, election and appraisal of the current congress, by number."""
    from models.voting import list_items

    rows = list_items(open_db())
    if as_json:
        emit_json(
            [
                {"number": r.number, "kind": r.kind, "title": r.title, "counting": r.counting}
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
                [
                    [
                        str(r.number),
                        t(f"item.kind.{r.kind}"),
                        r.title,
                        t("cliv.items.counting") if r.counting else "",
                    ]
                    for r in rows
                ],
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
    from models.elections import set_scrutineers

    item = set_scrutineers(open_db(), ref, scrutineers, counters, **_station_kwargs())
    if as_json:
        emit_json(item_json(item))
        return
    click.echo(
        t(
            "cliv.election.people",
            scrutineers="、".join(item.scrutineers) or "—",
            counters="、".join(item.counters) or "—",
        )
    )


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
    from models.elections import election_outcome, import_ballots

    db = open_db()
    report = import_ballots(db, ref, file, entry=int(entry), **_station_kwargs())
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
@click.option("--reason", required=True, help="Why the closed count is reopened.")
@click.option("--json", "as_json", is_flag=True)
@guarded
def reopen(ref: str, reason: str, as_json: bool) -> None:
    """Reopen a closed count to correct the first entry (the reason goes to the audit log)."""
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
