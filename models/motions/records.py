"""Motion count and ballot tables and the plain objects the motion services return."""

from dataclasses import dataclass

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.rules.motion import MotionCount, MotionResult
from models.voting import ItemInfo, count_complete

FIELDS = ("yes", "no", "abstain", "issued", "returned", "invalid")


class MotionTally(SQLModel, table=True):
    """One clerk's count of a motion: the total (delegation empty) or one delegation's hands."""

    __tablename__ = "motion_count"
    __table_args__ = (UniqueConstraint("item_id", "entry", "delegation"),)
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="vote_item.id", index=True)
    entry: int = 1
    delegation: str = Field(default="", max_length=100)  # "" = the total
    method: str = Field(max_length=16)
    yes: int
    no: int
    abstain: int
    issued: int | None = None
    returned: int | None = None
    invalid: int | None = None
    at: str = Field(max_length=40)


class MotionBallot(SQLModel, table=True):
    """A secret ballot on a motion, keyed one by one. No voter is recorded."""

    __tablename__ = "motion_ballot"
    __table_args__ = (UniqueConstraint("item_id", "entry", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="vote_item.id", index=True)
    entry: int = 1
    number: int
    choice: str = Field(max_length=8)  # yes | no | abstain | invalid


T_COUNT = MotionTally.__table__
T_MBALLOT = MotionBallot.__table__


@dataclass(frozen=True)
class Difference:
    """Where the blind second entry differs from the first: a field, a delegation's field, or a
    ballot number; ``first``/``second`` are None when that side has nothing there."""

    where: str  # field | delegation | ballot
    key: str
    first: str | None
    second: str | None


@dataclass(frozen=True)
class MotionOutcome:
    item: ItemInfo
    result: MotionResult | None
    count: MotionCount | None
    by_delegation: dict[str, MotionCount]
    ballots_keyed: int
    entries: tuple[int, ...]  # which entries hold data
    differences: tuple[Difference, ...]
    missing_delegations: tuple[str, ...] = ()  # present in the roll, hands not yet counted

    @property
    def complete(self) -> bool:
        """Counted totals are complete; ballots keyed one by one once the count is closed or
        every ballot issued is in."""
        return not self.ballots_keyed or count_complete(self.item, self.ballots_keyed)

    @property
    def final(self) -> bool:
        if self.result is None or self.differences or self.missing_delegations:
            return False
        if not self.complete:
            return False
        return 2 in self.entries or not self.item.double_entry
