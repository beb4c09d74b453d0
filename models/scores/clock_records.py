"""The speaking clock's table: one time per entrant, and the plain object the services return."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class ContestTiming(SQLModel, table=True):
    """An entrant's speaking time. ``started_at`` is set while the clock runs (the projector, another
    process, shows the running clock from it); ``seconds`` once it is stopped or typed by hand."""

    __tablename__ = "contest_timing"
    __table_args__ = (UniqueConstraint("entrant_id"),)
    id: int | None = Field(default=None, primary_key=True)
    entrant_id: int = Field(foreign_key="contest_entrant.id")
    started_at: str | None = Field(default=None, max_length=40)
    seconds: str | None = Field(default=None, max_length=16)  # exact Decimal text, hundredths
    recorded_at: str = Field(max_length=40)


T_TIMING = ContestTiming.__table__


@dataclass(frozen=True)
class TimeInfo:
    entrant_id: int
    started_at: str | None  # running since (ISO 8601), None when stopped
    seconds: Decimal | None  # the time recorded, None while running or before

    @property
    def running(self) -> bool:
        return self.started_at is not None and self.seconds is None


def time_info(row) -> TimeInfo:
    seconds = None if row.seconds is None else Decimal(row.seconds)
    return TimeInfo(row.entrant_id, row.started_at, seconds)
