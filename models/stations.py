"""A desk's name: light enough for the launch path to check before anything heavy is imported."""

from models.errors import refuse

STATION_MAX_CHARS = 64  # the width of the station columns


def station_name(raw: str) -> str:
    """A desk's name as given (``--station``, HUIWU_STATION): spaces tidied, refused when it
    would not fit the log, so a desk never starts and then fails on every scan."""
    name = " ".join((raw or "").replace("\x00", " ").split())
    if len(name) > STATION_MAX_CHARS:
        raise refuse("station.too_long", limit=STATION_MAX_CHARS, start=name[:16])
    return name
