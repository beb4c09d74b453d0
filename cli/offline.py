"""`huiwu offline`: what desks uploaded after working without the server (issue 21, part 3),
and who was checked in at two desks meanwhile (the check-in that stands first)."""

import click

from cli.base import emit_json, huiwu_command, open_db
from tui.i18n import t


@huiwu_command(json=True)
def offline(as_json: bool) -> None:
    """Scans uploaded from desks that worked offline, and people checked in at two desks."""
    from models.clock import hhmm
    from models.offline.listing import two_desk_checkins, uploads_by_desk

    db = open_db()
    by_desk, pairs = uploads_by_desk(db), two_desk_checkins(db)
    if as_json:
        emit_json({"by_desk": by_desk, "two_desks": [pair.as_json() for pair in pairs]})
        return
    for station, count in by_desk.items():
        click.echo(t("offline.by_desk", station=station, count=count))
    if not pairs:
        click.echo(t("offline.none_two"))
    for pair in pairs:
        click.echo(
            t(
                "offline.two_desks",
                name=pair.name,
                code=pair.code,
                kept_at=hhmm(pair.kept_at),
                kept_station=pair.kept_station,
                other_at=hhmm(pair.other_at),
                other_station=pair.other_station,
            )
        )


COMMANDS = (offline,)
