"""Match tables (contest_match, meet, meet_event, meet_record) and the plain objects the match
services return: a match event's format, a match, a group's table, a meet's standings."""

from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.contests.match_format import (  # noqa: F401  (the match services' names)
    FORMATS,
    HEATS,
    KNOCKOUT,
    ROUND_ROBIN,
    MatchFormat,
    check_format,
)

GROUP, BRACKET = "group", "knockout"  # a match's phase
PLAYED, WALKOVER, RETIRED = "played", "walkover", "retired"  # how a match ended


class ContestMatch(SQLModel, table=True):
    """One match between two sides (entrants) of a match event. Drawn matches exist before they
    are played; a knockout match of a later round waits for its sides (NULL until known); a
    first-round pair with a bye (轮空) is stored with ``bye`` and its side already through."""

    __tablename__ = "contest_match"
    __table_args__ = (UniqueConstraint("contest_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    contest_id: int = Field(foreign_key="contest.id", index=True)
    event_id: int = Field(foreign_key="contest_event.id", index=True)
    number: int  # 场次, per contest, in the order of play
    phase: str = Field(max_length=12)  # group | knockout
    round: int
    group_name: str = Field(default="", max_length=20)  # A, B … for a group match
    slot: int = 0  # a knockout match's place in its round, from the top
    court: str = Field(default="", max_length=20)  # 球台 / 场地
    side_a: int | None = Field(default=None, foreign_key="contest_entrant.id")
    side_b: int | None = Field(default=None, foreign_key="contest_entrant.id")
    bye: bool = False
    games: str = Field(default="", max_length=400)  # "11:9,8:11,…" from side a's view
    ended: str = Field(default="", max_length=12)  # "" | played | walkover | retired
    winner: int | None = Field(default=None, foreign_key="contest_entrant.id")
    at: str = Field(default="", max_length=40)


class MatchLot(SQLModel, table=True):
    """The organisers' drawing of lots (抽签) for sides of a group still equal after every step
    of RULES §7: the order they drew, best first. The software never picks."""

    __tablename__ = "match_lot"
    __table_args__ = (UniqueConstraint("event_id", "group_name"),)
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="contest_event.id", index=True)
    group_name: str = Field(default="", max_length=20)
    sides: str = Field(max_length=2000)  # JSON list of entrant ids, in the order drawn
    at: str = Field(max_length=40)


class Meet(SQLModel, table=True):
    """A sports meet (运动会): events of contests joined for the units' team points (团体总分)."""

    __tablename__ = "meet"
    __table_args__ = (UniqueConstraint("congress_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    number: int
    name: str = Field(max_length=200)
    points: str = Field(max_length=200)  # "9,7,6,5,4,3,2,1"
    record: str = Field(default="", max_length=20)  # "" | double | +N
    decimals: int = 2
    created_at: str = Field(max_length=40)


class MeetEvent(SQLModel, table=True):
    __tablename__ = "meet_event"
    __table_args__ = (UniqueConstraint("meet_id", "event_id"),)
    id: int | None = Field(default=None, primary_key=True)
    meet_id: int = Field(foreign_key="meet.id", index=True)
    contest_id: int = Field(foreign_key="contest.id")
    event_id: int = Field(foreign_key="contest_event.id")
    position: int


class MeetRecord(SQLModel, table=True):
    """An entrant who broke a record in a meet's event: their place's points are doubled or get
    the meet's bonus (RULES §7)."""

    __tablename__ = "meet_record"
    __table_args__ = (UniqueConstraint("meet_id", "entrant_id"),)
    id: int | None = Field(default=None, primary_key=True)
    meet_id: int = Field(foreign_key="meet.id", index=True)
    entrant_id: int = Field(foreign_key="contest_entrant.id")
    note: str = Field(default="", max_length=200)


T_MATCH = ContestMatch.__table__
T_LOT = MatchLot.__table__
T_MEET = Meet.__table__
T_MEET_EVENT = MeetEvent.__table__
T_MEET_RECORD = MeetRecord.__table__


# --- plain objects -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchInfo:
    id: int
    number: int
    event_id: int
    phase: str
    round: int
    group: str
    slot: int
    court: str
    a: int | None  # entrant ids
    b: int | None
    bye: bool
    games: tuple[tuple[int, int], ...]  # every game played (a team tie: of all its matches)
    ended: str
    winner: int | None
    at: str
    rubbers: tuple[tuple[tuple[int, int], ...], ...] = ()  # 团体赛: each individual match's games

    @property
    def decided(self) -> bool:
        return self.winner is not None

    @property
    def playable(self) -> bool:
        return not self.bye and self.a is not None and self.b is not None


@dataclass(frozen=True)
class GroupRow:
    """One side's line in a group's table (小组积分表)."""

    group: str
    rank: int
    entrant: int
    points: int
    won: int
    lost: int
    games: tuple[int, int]
    rallies: tuple[int, int]
    lots: bool  # still equal after every step: the organisers draw lots
    drawn: bool = False  # placed by the lots the organisers drew


@dataclass(frozen=True)
class PlaceRow:
    rank: int
    entrant: int


@dataclass(frozen=True)
class MeetRow:
    rank: int
    unit: str
    points: Fraction
    places: tuple[int, ...]  # how many 1st, 2nd, … places
