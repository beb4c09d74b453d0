"""Congress, delegation, person and sitting tables, their categories, and the plain objects
returned."""

from dataclasses import dataclass

from sqlalchemy import UniqueConstraint, false
from sqlmodel import Field, SQLModel

KINDS = ("zdh", "jdh", "hydb", "other")
KIND_ALIASES = {
    "职代会": "zdh",
    "职工代表大会": "zdh",
    "教代会": "jdh",
    "教职工代表大会": "jdh",
    "会员代表大会": "hydb",
    "其他": "other",
}
CATEGORIES = ("delegate", "attendee", "guest", "staff")
CATEGORY_ALIASES = {
    "正式代表": "delegate",
    "代表": "delegate",
    "列席代表": "attendee",
    "列席": "attendee",
    "特邀代表": "guest",
    "特邀": "guest",
    "工作人员": "staff",
    "delegate": "delegate",
    "attendee": "attendee",
    "non-voting": "attendee",
    "guest": "guest",
    "invited": "guest",
    "staff": "staff",
}
VOTING = "delegate"


class Congress(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=16, unique=True)
    name: str = Field(max_length=200)
    kind: str = Field(default="zdh", max_length=16)
    term: int | None = None
    session: int | None = None
    date: str | None = Field(default=None, max_length=32)
    venue: str | None = Field(default=None, max_length=200)
    secret: str = Field(max_length=128)
    current_sitting_id: int | None = None
    created_at: str = Field(max_length=40)


class Delegation(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("congress_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    name: str = Field(max_length=100)
    head_person_id: int | None = None


class Person(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("congress_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    code: str = Field(max_length=32)
    name: str = Field(max_length=50)
    gender: str | None = Field(default=None, max_length=8)
    unit: str | None = Field(default=None, max_length=200)
    delegation_id: int | None = Field(default=None, foreign_key="delegation.id", index=True)
    category: str = Field(default=VOTING, max_length=16)
    initials: str = Field(default="", max_length=64, index=True)
    # As written in the roster file (0 / +86 / spaces kept); None when the roster has none.
    phone: str | None = Field(default=None, max_length=40)
    # Where they sit, as models.seats.labels writes it (3排12座, 主席台1); fixed = from the roster
    # file or set by hand, which a block assignment (huiwu seats assign) never moves.
    seat: str | None = Field(default=None, max_length=32)
    seat_fixed: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    note: str | None = Field(default=None, max_length=200)  # shown on ✔ under the name


class Sitting(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("congress_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    name: str = Field(max_length=100)
    created_at: str = Field(max_length=40)


class RetiredBadgeSecret(SQLModel, table=True):
    """A badge secret a rotation replaced: badges signed with it scan as revoked, not forged.

    Never archived and never shown (see models.badge_keys)."""

    __tablename__ = "retired_badge_secret"
    __table_args__ = (UniqueConstraint("congress_id", "generation"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    generation: int  # 1 = the secret the congress was created with
    secret: str = Field(max_length=128)
    retired_at: str = Field(max_length=40)


class AppState(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=200)


@dataclass(frozen=True)
class CongressInfo:
    id: int
    uid: str
    name: str
    kind: str
    term: int | None
    session: int | None
    date: str | None
    venue: str | None
    current_sitting_id: int | None

    @property
    def term_session(self) -> str:
        """「三届二次」-style label, empty when the congress has none."""
        from models.numerals import chinese_number

        if self.term and self.session:
            return f"{chinese_number(self.term)}届{chinese_number(self.session)}次"
        return ""


@dataclass(frozen=True)
class SittingInfo:
    id: int
    congress_id: int
    name: str


T_CONGRESS = Congress.__table__
T_DELEGATION = Delegation.__table__
T_PERSON = Person.__table__
T_SITTING = Sitting.__table__
T_STATE = AppState.__table__
T_RETIRED_SECRET = RetiredBadgeSecret.__table__
