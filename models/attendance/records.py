"""Check-in, leave and failed-scan tables and the plain objects the attendance services return."""

from dataclasses import dataclass

from sqlalchemy import UniqueConstraint, true
from sqlmodel import Field, SQLModel

NONVOTING_ATTENDEES = ("attendee", "guest")
RAW_KEEP_CHARS = 500


class CheckIn(SQLModel, table=True):
    __tablename__ = "checkin"
    __table_args__ = (UniqueConstraint("sitting_id", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    sitting_id: int = Field(foreign_key="sitting.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    at: str = Field(max_length=40)
    station: str = Field(default="", max_length=64)
    method: str = Field(max_length=16)  # scan | manual
    operator: str = Field(default="", max_length=64)
    # 在场 (RULES §1): checked in and not exited since; an exit desk clears it, a re-entry sets it
    in_hall: bool = Field(default=True, sa_column_kwargs={"server_default": true()})


class HallMove(SQLModel, table=True):
    """An exit from the hall or a re-entry into it, after the person's check-in."""

    __tablename__ = "hall_move"
    id: int | None = Field(default=None, primary_key=True)
    sitting_id: int = Field(foreign_key="sitting.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    kind: str = Field(max_length=8)  # exit | entry
    at: str = Field(max_length=40)
    station: str = Field(default="", max_length=64)
    operator: str = Field(default="", max_length=64)


class Leave(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("sitting_id", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    sitting_id: int = Field(foreign_key="sitting.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    reason: str = Field(max_length=200)
    at: str = Field(max_length=40)
    operator: str = Field(default="", max_length=64)


class FailedScan(SQLModel, table=True):
    __tablename__ = "failed_scan"
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int | None = Field(default=None, index=True)
    sitting_id: int | None = None
    raw: str = Field(max_length=RAW_KEEP_CHARS)
    reason: str = Field(max_length=32)
    at: str = Field(max_length=40)
    station: str = Field(default="", max_length=64)


T_CHECKIN = CheckIn.__table__
T_LEAVE = Leave.__table__
T_FAILED = FailedScan.__table__
T_MOVE = HallMove.__table__
EXIT, ENTRY = "exit", "entry"


@dataclass(frozen=True)
class CheckinResult:
    """What the desk shows after one scan. ``status`` is the CLI contract's value."""

    # ok | already | invalid | unknown | on_leave; at an exit desk exited | not_in_hall; a
    # re-entry (checked in, exited, scanned at an entry desk again) is reentered
    status: str
    reason: str | None = None  # for invalid: malformed | forged | foreign | revoked (an old key)
    code: str | None = None
    name: str | None = None
    delegation: str | None = None
    category: str | None = None
    at: str | None = None
    station: str | None = None
    method: str | None = None
    offline: bool = False  # decided on the desk's own copy, journaled, not uploaded yet
    seat: str | None = None  # 3排12座 / 主席台1 (models.seats.labels); at check-in only
    notes: tuple[str, ...] = ()  # the person's note, then their category's

    @property
    def note(self) -> str | None:
        return "；".join(self.notes) or None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def as_json(self) -> dict:
        data = {
            "status": self.status,
            "code": self.code,
            "name": self.name,
            "delegation": self.delegation,
            "at": self.at,
            "seat": self.seat,
            "note": self.note,
        }
        if self.reason:
            data["reason"] = self.reason
        if self.station is not None:
            data["station"] = self.station
        if self.offline:
            data["offline"] = True
        if self.status == "already":  # spelled out: "at" of an ok is this scan's own time
            data["first_at"] = self.at
            data["first_station"] = self.station
        return data


@dataclass(frozen=True)
class PersonRow:
    id: int
    code: str
    name: str
    delegation: str | None
    category: str
    unit: str | None
    checked_in_at: str | None = None
    on_leave: bool = False
