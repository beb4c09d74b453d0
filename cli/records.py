"""Keeping and proving the record: `backup`, `restore`, `demo`, `verify`, `export`."""

import sys
from pathlib import Path

import click

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


@click.group()
def backup() -> None:
    """Automatic SQLite backups (at each sitting change and every N minutes)."""


@huiwu_command("list", group=backup, json=True)
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


@huiwu_command("now", group=backup, json=True)
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


@huiwu_command(json=True)
@click.argument("file")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
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
            refused("backup.cancelled", t("backup.cancelled"), as_json)
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


@huiwu_command()
@click.option("--delegates", type=click.IntRange(3, 20000), default=300, show_default=True)
def demo(delegates: int) -> None:
    """Create a realistic demo congress and make it current."""
    from models.demo import create_demo

    info = create_demo(open_db(), delegates=delegates)
    click.echo(t("cli.demo_done", name=info.name, delegates=delegates))


@huiwu_command(json=True)
@click.option(
    "--archive",
    "archive_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Check this archive (huiwu-archive.json) instead of the database.",
)
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
                        "text": check_line(n, c).lstrip().split(" ", 1)[-1],
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


@huiwu_command(json=True)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="The folder to write the package into (created; must be empty).",
)
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
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


COMMANDS = (backup, restore, demo, verify, export)
