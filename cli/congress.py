"""`huiwu congress`, `roster` and `sitting`: the congress, its people and its sittings."""

from pathlib import Path

import click

from cli import base
from cli.base import (
    default_operator,
    default_station,
    emit_json,
    huiwu_command,
    open_db,
    refused,
    station_kwargs,
)
from tui.i18n import t

# --------------------------------------------------------------------------------- congress


@click.group()
def congress() -> None:
    """Create or edit a congress; its voting settings."""


@huiwu_command("new", group=congress, json=True)
@click.argument("name")
@click.option("--kind", default="职代会", help="职代会 | 教代会 | 会员代表大会 | other")
@click.option("--term", type=int, default=None, help="届, e.g. 3")
@click.option("--session", type=int, default=None, help="次, e.g. 2")
@click.option("--date", default=None)
@click.option("--venue", default=None)
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


@click.group()
def roster() -> None:
    """The roster of delegates, attendees, guests and staff."""


@huiwu_command("import", group=roster)
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

    if not base.stdin_is_terminal():
        words = t("roster.import.needs_yes", added=len(preview.added), updated=len(preview.changed))
        refused("roster.import.needs_yes", words, as_json)
    click.echo("\n".join(preview_lines(preview)), err=True)
    if not click.confirm(t("roster.import.question"), default=False, err=True):
        refused("roster.import.cancelled", t("roster.import.cancelled"), as_json)


# --------------------------------------------------------------------------------- sittings


@click.group()
def sitting() -> None:
    """Sittings (预备会议, 第一次全体会议 …); the newest is current."""


@huiwu_command("new", group=sitting)
@click.argument("name")
def sitting_new(name: str) -> None:
    from models.congress import create_sitting

    info = create_sitting(open_db(), name, operator=default_operator())
    click.echo(t("sitting.created", name=info.name))


@huiwu_command("list", group=sitting, json=True)
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


@huiwu_command("use", group=sitting)
@click.argument("name")
def sitting_use(name: str) -> None:
    from models.congress import list_sittings, switch_sitting
    from models.errors import refuse

    db = open_db()
    match = [s for s in list_sittings(db) if s.name == name or str(s.id) == name]
    if not match:
        raise refuse("sitting.unknown", name=name)
    info = switch_sitting(db, match[0].id, operator=default_operator())
    click.echo(t("sitting.switched", name=info.name))


@huiwu_command("rename", group=sitting, json=True)
@click.argument("old")
@click.argument("new")
@click.option("--reason", required=True, help="Why (logged).")
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


@huiwu_command("remove", group=sitting, json=True)
@click.argument("name")
@click.option("--reason", required=True, help="Why (logged).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def sitting_remove(name: str, reason: str, yes: bool, as_json: bool) -> None:
    """Remove a sitting nothing refers to; the newest remaining becomes current if needed."""
    from models.congress import find_sitting, plan_sitting_removal, remove_sitting
    from tui.texts import sitting_removal_question

    db = open_db()
    plan = plan_sitting_removal(db, find_sitting(db, name).id)  # refusals before asking
    if not yes:
        if not base.stdin_is_terminal():
            refused("sitting.remove_needs_yes", t("sitting.remove_needs_yes"), as_json)
        if not click.confirm(sitting_removal_question(plan), default=False, err=True):
            refused("sitting.cancelled", t("sitting.cancelled"), as_json)
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


@huiwu_command("list", group=roster, json=True)
def roster_list(as_json: bool) -> None:
    """Everybody on the roster: code, name, gender, unit, delegation, category, 团长, phone,
    seat, note."""
    from models.roster import roster_people
    from tui.i18n import category_name

    people = roster_people(open_db())
    if as_json:
        emit_json([person.as_json() for person in people])
        return
    # no empty column for a roster without phones, seats or notes
    phones, seats, notes = (any(getattr(p, f) for p in people) for f in ("phone", "seat", "note"))
    for p in people:
        cells = [p.code, p.name, p.gender, p.unit, p.delegation, category_name(p.category)]
        cells.append(t("absent.head_mark") if p.head else "")
        cells += [p.phone] if phones or seats or notes else []
        cells += [p.seat] if seats or notes else []
        cells += [p.note] if notes else []
        click.echo("\t".join(cell or "" for cell in cells).rstrip("\t"))


@huiwu_command("set", group=congress, json=True)
@click.argument("key")
@click.argument("value")
def congress_set(key: str, value: str, as_json: bool) -> None:
    """Change a congress-wide voting setting (see `huiwu congress settings`); note.列席代表 TEXT
    is the note a category's check-in shows."""
    from models.seats.notes import category_note_key, check_note
    from models.voting import set_setting

    settings = set_setting(open_db(), key, value, **station_kwargs())
    note_key = category_note_key(key)
    if note_key is not None:  # a note is no voting setting: said back as it was stored
        key, settings = note_key, {**settings, note_key: check_note(value)}
    if as_json:
        emit_json(settings)
    else:
        click.echo(t("cliv.setting.done", name=key, value=settings[key]))


@huiwu_command("settings", group=congress, json=True)
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


@huiwu_command("edit", group=congress, json=True)
@click.option("--name", default=None)
@click.option("--kind", default=None, help="职代会 | 教代会 | 会员代表大会 | 其他")
@click.option("--term", type=int, default=None, help="届, e.g. 3")
@click.option("--session", type=int, default=None, help="次, e.g. 2")
@click.option("--date", default=None, help='YYYY-MM-DD ("" clears it)')
@click.option("--venue", default=None, help='("" clears it)')
def congress_edit(as_json: bool, **fields) -> None:
    """Change the current congress's name, kind, 届/次, date or venue (logged; verify replays it)."""
    from models.congress import update_congress

    given = {key: value for key, value in fields.items() if value is not None}
    info = update_congress(open_db(), **given, **station_kwargs())
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


COMMANDS = (congress, roster, sitting)
