"""Voting tables, the setting defaults and the plain objects the voting services return."""

from dataclasses import dataclass, field

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.rules.thresholds import COMPARATORS

MOTION, ELECTION, APPRAISAL = "motion", "election", "appraisal"
KINDS = (MOTION, ELECTION, APPRAISAL)
ENTRIES = (1, 2)  # the first clerk and the blind second clerk
ROLL_FORMAT = "HWROLL1"


class CongressSetting(SQLModel, table=True):
    __tablename__ = "congress_setting"
    __table_args__ = (UniqueConstraint("congress_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    key: str = Field(max_length=64)
    value: str = Field(max_length=200)


class Roll(SQLModel, table=True):
    """The present voting delegates, frozen when counting of an item starts."""

    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    sitting_id: int = Field(foreign_key="sitting.id")
    due: int
    present: int
    sha256: str = Field(max_length=64)
    at: str = Field(max_length=40)
    # RULES §1: checkin (everyone checked in) | hall (those in the hall when it was frozen)
    presence: str = Field(
        default="checkin", max_length=8, sa_column_kwargs={"server_default": "checkin"}
    )


class RollMember(SQLModel, table=True):
    __tablename__ = "roll_member"
    __table_args__ = (UniqueConstraint("roll_id", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    roll_id: int = Field(foreign_key="roll.id", index=True)
    person_id: int = Field(foreign_key="person.id")


class VoteItem(SQLModel, table=True):
    __tablename__ = "vote_item"
    __table_args__ = (
        UniqueConstraint("congress_id", "number"),
        UniqueConstraint("congress_id", "title"),
    )
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    number: int
    kind: str = Field(max_length=16)
    title: str = Field(max_length=200)
    settings: str = Field(default="{}", max_length=2000)  # JSON, printed on every result
    important: bool = False
    method: str | None = Field(default=None, max_length=16)
    double_entry: bool = False
    issued: int | None = None
    roll_id: int | None = Field(default=None, foreign_key="roll.id")
    parent_id: int | None = Field(default=None, foreign_key="vote_item.id")
    round: int = 1
    counted: bool = False  # 计票完毕: the clerk says every returned ballot is keyed
    created_at: str = Field(max_length=40)


class Nominee(SQLModel, table=True):
    """A candidate on a ballot, or a person appraised, in the order printed."""

    __table_args__ = (UniqueConstraint("item_id", "position"),)
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="vote_item.id", index=True)
    position: int
    name: str = Field(max_length=50)
    post: str | None = Field(default=None, max_length=100)
    person_id: int | None = Field(default=None, foreign_key="person.id")


class Scrutineer(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="vote_item.id", index=True)
    role: str = Field(max_length=16)  # scrutineer 监票人 | counter 计票人
    name: str = Field(max_length=50)


T_SETTING = CongressSetting.__table__
T_ROLL = Roll.__table__
T_ROLL_MEMBER = RollMember.__table__
T_ITEM = VoteItem.__table__
T_NOMINEE = Nominee.__table__
T_SCRUTINEER = Scrutineer.__table__

# Congress-wide defaults (RULES.md: every varying rule is a setting with this default).
SETTING_DEFAULTS = {
    "motion.base": "due",
    "motion.comparator": "gt",
    "election.rate": "5%",
    "election.validity": "gte",
    "election.unreadable": "ignore",
    "election.tie": "runoff",
    "election.shortfall": "reelect",
    "appraisal.denominator": "valid",
    "appraisal.warn": "1/3",
    "paper.deck": "required",
    "paper.check": "all",
    "roll.presence": "checkin",
}
SETTING_CHOICES = {
    "motion.base": ("due", "present", "valid"),
    "motion.comparator": COMPARATORS,
    "election.validity": COMPARATORS,
    "election.unreadable": ("ignore", "void"),
    "election.tie": ("runoff", "fewest_no"),
    "election.shortfall": ("reelect", "vacant", "reduce"),
    "appraisal.denominator": ("valid", "returned", "due"),
    "paper.deck": ("required", "off"),
    "roll.presence": ("checkin", "hall"),  # RULES §1: what a vote's roll counts
}


@dataclass(frozen=True)
class RollInfo:
    id: int
    sitting: str
    due: int
    present: int
    sha256: str
    at: str
    presence: str = "checkin"


@dataclass(frozen=True)
class ItemInfo:
    id: int
    congress_id: int
    number: int
    kind: str
    title: str
    settings: dict
    important: bool
    method: str | None
    double_entry: bool
    issued: int | None
    roll: RollInfo | None
    parent_number: int | None
    round: int
    counted: bool = False
    reopened: bool = False  # reopened since its result was last final: writes are open again
    replaces: dict | None = None  # the earlier final result the current one replaced
    nominees: tuple[str, ...] = ()
    posts: tuple[str | None, ...] = ()
    scrutineers: tuple[str, ...] = ()
    counters: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class ItemSummary:
    number: int
    kind: str
    title: str
    counting: bool  # the roll is frozen
