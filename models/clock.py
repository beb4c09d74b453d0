"""Local wall-clock time as stored in the database (ISO 8601 with the UTC offset)."""

from datetime import datetime


def now() -> datetime:
    return datetime.now().astimezone()


def now_iso() -> str:
    return now().isoformat(timespec="milliseconds")


def hhmm(iso: str) -> str:
    """``09:14`` from a stored timestamp, as the check-in screen shows it."""
    return datetime.fromisoformat(iso).strftime("%H:%M")
