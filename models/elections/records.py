"""The ballot table and the plain objects the election services return."""

from dataclasses import dataclass

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.rules.election import Disagreement, ElectionResult
from models.voting import ItemInfo, count_complete

WRITE_IN_SEPARATOR = "、"


class ElectionBallot(SQLModel, table=True):
    __tablename__ = "election_ballot"
    __table_args__ = (UniqueConstraint("item_id", "entry", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="vote_item.id", index=True)
    entry: int = 1
    number: int
    marks: str = Field(max_length=400)
    write_ins: str = Field(default="", max_length=400)
    malformed: bool = False


T_BALLOT = ElectionBallot.__table__


@dataclass(frozen=True)
class BallotReceipt:
    number: int
    void: bool
    chosen: int  # ○ plus write-ins on this ballot
    keyed: int  # ballots this clerk has keyed so far


@dataclass(frozen=True)
class ElectedRow:
    """One person elected, in the list across an election's rounds."""

    rank: int
    name: str
    yes: int  # ○ in the round that elected them (rounds are different ballots: not comparable)
    item: int  # the voting item (round) number
    round: int
    kind: str  # first | runoff (再次投票 among the tied) | reelect (另行选举)
    final: bool  # that round's result is final (both entries agree, count complete)


@dataclass(frozen=True)
class ElectedAcrossRounds:
    """Everyone elected in an election and its follow-up rounds, in order: round by round, and
    within a round by ○, highest first (RULES.md §3: qualifiers are taken by yes votes, highest
    first; a runoff or 另行选举 fills the seats the earlier round left)."""

    rows: tuple[ElectedRow, ...]
    seats: int  # the first round's seats
    items: tuple[int, ...]  # every round's item number, first round first

    @property
    def open_seats(self) -> int:
        return max(self.seats - len(self.rows), 0)


@dataclass(frozen=True)
class ElectionOutcome:
    item: ItemInfo
    result: ElectionResult
    entries: dict[int, int]  # entry → ballots keyed
    differences: tuple[Disagreement, ...]
    rounds: ElectedAcrossRounds | None = None  # set when the election has more than one round

    @property
    def complete(self) -> bool:
        """Every returned ballot keyed: the count was closed, or all issued ballots are in."""
        return count_complete(self.item, self.entries.get(1, 0))

    @property
    def final(self) -> bool:
        """All ballots in and agreeing — and 发出 registered: without it nobody can say whether
        the election is valid (RULES §3: 收回多于发出 voids it), so nothing is final yet."""
        if not self.entries.get(1) or self.differences or not self.complete:
            return False
        if self.item.issued is None:
            return False
        return bool(self.entries.get(2)) or not self.item.double_entry
