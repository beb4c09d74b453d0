"""The server's record of every scan a desk journaled while apart: uploaded once (the scan's own
id is unique), with what the server made of it — and, for a person checked in at two desks
while apart, the other desk's check-in beside it, for the staff to see."""

from sqlmodel import Field, SQLModel

# What the server made of an uploaded scan.
STORED = "stored"  # a check-in, exit or re-entry applied as the desk showed it
EARLIER = "earlier"  # checked in elsewhere later: this earlier check-in now stands
KEPT_OTHER = "kept_other"  # checked in elsewhere earlier: that one stands, both are listed
NOTHING = "nothing"  # the desk refused it too (unknown, forged …), or it changes nothing now


class OfflineScan(SQLModel, table=True):
    __tablename__ = "offline_scan"
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    sitting_id: int = Field(foreign_key="sitting.id", index=True)
    scan_id: str = Field(max_length=32, unique=True)
    kind: str = Field(max_length=8)  # entry | exit
    code: str = Field(max_length=64)
    method: str = Field(max_length=16)
    at: str = Field(max_length=40)  # when the desk scanned it
    station: str = Field(max_length=64)
    operator: str = Field(max_length=64)
    desk_status: str = Field(max_length=16)  # what the desk showed (ok, already, exited …)
    outcome: str = Field(max_length=16)
    other_at: str | None = Field(default=None, max_length=40)
    other_station: str | None = Field(default=None, max_length=64)
    uploaded_at: str = Field(max_length=40)


T_OFFLINE = OfflineScan.__table__
