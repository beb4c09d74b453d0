"""The check-in screen's side panels as Rich tables: the latest check-ins and the desks."""

from rich.table import Table

from models.attendance import DeskCount, RecentCheckin
from models.clock import hhmm
from tui.i18n import category_name, t
from tui.literal import literal


def recent_table(recent: list[RecentCheckin]) -> Table:
    table = Table(box=None, expand=True, show_header=True, header_style="bold", pad_edge=False)
    # Time, name, desk and method keep their width; the delegation takes what is left.
    widths = {"time": 5, "name": 6, "delegation": 4, "station": 4, "method": 4}
    for key, least in widths.items():
        table.add_column(
            t(f"att.col.{key}"),
            no_wrap=True,
            overflow="ellipsis",
            min_width=least,
            max_width=10 if key == "station" else None,
            ratio=1 if key == "delegation" else None,
        )
    for row in recent:
        table.add_row(
            hhmm(row.at),
            literal(row.name),
            literal(row.delegation or category_name(row.category)),
            literal(row.station),
            t(f"scan.method.{row.method}"),
        )
    return table


def desk_table(desks: list[DeskCount], station: str) -> Table:
    """Check-ins per desk, this desk marked (and listed with 0 before its first)."""
    table = Table(box=None, expand=True, show_header=True, header_style="bold")
    for key in ("station", "checkins", "last"):
        table.add_column(t(f"att.col.{key}"), no_wrap=True, overflow="ellipsis", min_width=4)
    if not any(desk.station == station for desk in desks):
        desks = [*desks, DeskCount(station, 0, "")]
    for desk in desks:
        name = desk.station or t("att.desk_unnamed")
        if desk.station == station:
            name = t("att.this_desk", name=name)
        table.add_row(
            literal(name), str(desk.checkins), hhmm(desk.last_at) if desk.last_at else "—"
        )
    return table
