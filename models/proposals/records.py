"""Proposal tables, limits and the plain objects the proposal services return."""

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.rules import proposals as rules
from models.rules.proposals import BASIC, RATINGS, SATISFIED, SUBMITTED, UNSATISFIED

MAX_TITLE = 200
MAX_TEXT = 5000
MAX_DEPARTMENT = 100
MAX_NOTE = 2000
MAX_REPLY = 10000
MAX_CATEGORY = 32
MAX_CATEGORIES = 30
PROPOSER = "proposer"
SECONDER = "seconder"
NO_DELEGATION = "—"  # by_delegation key for proposals whose proposers belong to no delegation
RATING_ALIASES = {
    "满意": SATISFIED,
    "基本满意": BASIC,
    "不满意": UNSATISFIED,
    **{rating: rating for rating in RATINGS},
}


class ProposalConfig(SQLModel, table=True):
    __tablename__ = "proposal_config"
    congress_id: int = Field(primary_key=True, foreign_key="congress.id")
    min_seconders: int = Field(default=rules.DEFAULT_MIN_SECONDERS)
    categories: str = Field(max_length=2000)  # JSON list, in the order the form offers them
    prefix: str = Field(default="", max_length=40)  # "" = the congress's 「三届二次」


class Proposal(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("congress_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    number: int
    title: str = Field(max_length=MAX_TITLE)
    reason: str = ""  # 案由
    suggestion: str = ""  # 建议 (suggested measures)
    category: str = Field(max_length=MAX_CATEGORY)
    proposer_kind: str = Field(max_length=16)
    delegation_id: int | None = Field(default=None, foreign_key="delegation.id", index=True)
    status: str = Field(default=SUBMITTED, max_length=16, index=True)
    merged_into_id: int | None = Field(default=None, foreign_key="proposal.id")
    decision_note: str = ""  # why it was rejected / turned into a suggestion
    department: str = Field(default="", max_length=MAX_DEPARTMENT)  # 承办部门
    due_date: str | None = Field(default=None, max_length=10)  # ISO date
    reply: str = ""
    answered_at: str | None = Field(default=None, max_length=40)
    rating: str | None = Field(default=None, max_length=16)
    round: int = 1  # 1, then 2 … each time 不满意 sends it back to be handled again
    submitted_at: str = Field(max_length=40)
    updated_at: str = Field(max_length=40)


class ProposalPerson(SQLModel, table=True):
    __tablename__ = "proposal_person"
    __table_args__ = (UniqueConstraint("proposal_id", "person_id"),)
    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str = Field(max_length=16)
    position: int


class ProposalLog(SQLModel, table=True):
    __tablename__ = "proposal_log"
    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    at: str = Field(max_length=40)
    action: str = Field(max_length=16)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str = Field(max_length=16)
    note: str = ""  # the desk's own words (a reason, a remark)
    detail: str = ""  # what the step set: 承办部门 · due date, the reply, the rating, the target
    operator: str = Field(default="", max_length=64)
    station: str = Field(default="", max_length=64)


T_CONFIG = ProposalConfig.__table__
T_PROPOSAL = Proposal.__table__
T_PP = ProposalPerson.__table__
T_LOG = ProposalLog.__table__


@dataclass(frozen=True)
class ProposalSettings:
    min_seconders: int
    categories: tuple[str, ...]
    prefix: str  # what numbers start with, e.g. 三届二次


@dataclass(frozen=True)
class PersonRef:
    id: int
    code: str
    name: str
    delegation: str | None
    category: str


@dataclass(frozen=True)
class Draft:
    """What the capture form or one file row holds; people by roster code (or badge text)."""

    title: str
    category: str
    proposers: tuple[str, ...] = ()
    seconders: tuple[str, ...] = ()
    delegation: str | None = None  # a delegation's proposal (代表团提案)
    reason: str = ""
    suggestion: str = ""


@dataclass(frozen=True)
class ProposalRow:
    id: int
    number: int
    label: str
    title: str
    category: str
    status: str
    proposer_kind: str
    proposers: str  # 「张三、李四」 or the delegation's name
    delegation: str | None
    department: str
    due_date: str | None
    rating: str | None
    round: int
    submitted_at: str
    overdue: bool


@dataclass(frozen=True)
class HistoryEntry:
    at: str
    action: str
    from_status: str | None
    to_status: str
    note: str
    detail: (
        str  # rate: the rating code; assign: "部门 · 2026-12-31"; answer: the reply; merge: label
    )
    operator: str
    station: str


@dataclass(frozen=True)
class ProposalDetail:
    row: ProposalRow
    reason: str
    suggestion: str
    proposers: tuple[PersonRef, ...]
    seconders: tuple[PersonRef, ...]
    merged_into: str | None  # the label of the proposal it was merged into
    merged: tuple[str, ...]  # labels of the proposals merged into this one
    decision_note: str
    reply: str
    answered_at: str | None
    history: tuple[HistoryEntry, ...]
    next_actions: tuple[str, ...]


@dataclass(frozen=True)
class SimilarProposal:
    number: int
    label: str
    title: str
    status: str
    score: float


@dataclass(frozen=True)
class ProposalStats:
    received: int
    merged: int
    accepted: int
    suggestion: int
    rejected: int
    pending: int  # submitted, not yet decided
    answered: int
    rated: int
    satisfied: int
    basic: int
    unsatisfied: int
    satisfaction_rate: Decimal | None
    overdue: int
    by_category: dict[str, dict[str, int]] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_delegation: dict[str, dict[str, int]] = field(default_factory=dict)
