"""The scanned pages of paper ballots (RULES §3 "Marks on paper"): each page's hash, what the
reader made of it and what a person decided. Nothing here ties a page to a voter: the sheets are
printed identical, and a page is known by its image's SHA-256 only."""

from dataclasses import dataclass, field

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

# A page's status. read: every box definite; review: a person must decide some box or write-in;
# decided: a person has; test: a test-deck sheet (never counted).
READ = "read"
REVIEW = "review"
DECIDED = "decided"
TEST = "test"
REFUSED = "refused"
DUPLICATE = "duplicate"

# A box's reading as stored (the reader's ○ × blank review, and a person's ? for unreadable).
CIRCLE = "○"
CROSS = "×"
BLANK = ""
DOUBT = "review"
UNREADABLE = "?"


class PaperPage(SQLModel, table=True):
    __tablename__ = "paper_page"
    __table_args__ = (UniqueConstraint("congress_id", "sha256"),)
    id: int | None = Field(default=None, primary_key=True)
    congress_id: int = Field(foreign_key="congress.id", index=True)
    sheet: str = Field(max_length=80)  # the items on the sheet, "3" or "4+5+6"
    page: int = 1
    test: bool = False
    sha256: str = Field(max_length=64)
    image: str = Field(max_length=120)  # the stored image's file name in the scans folder
    source: str = Field(default="", max_length=300)  # the scanned file and page, as given
    status: str = Field(max_length=12)
    reading: str  # JSON: what the reader made of every box and write-in
    decisions: str = "{}"  # JSON: what a person decided, box by box
    ballot: int | None = None  # the ballot number it became (elections; first entry)
    fingerprint: str = ""  # hex of the ink map, to notice a sheet scanned twice
    at: str = Field(max_length=40)
    station: str = Field(default="", max_length=64)


T_PAPER = PaperPage.__table__


@dataclass(frozen=True)
class PageOutcome:
    """One scanned page as the scan report shows it (``huiwu ballots scan --json``)."""

    file: str
    page: int
    status: str
    reason: str = ""  # a reader's code ("no_page" …) or a refusal's catalog key
    detail: dict = field(default_factory=dict)  # the refusal's parameters
    marks: dict = field(default_factory=dict)
    write_ins: tuple[dict, ...] = ()
    sha256: str = ""
    ballot: int | None = None

    def as_json(self) -> dict:
        return {
            "file": self.file,
            "page": self.page,
            "status": self.status,
            "reason": self.reason,
            "detail": self.detail,
            "marks": self.marks,
            "write_ins": list(self.write_ins),
            "sha256": self.sha256,
            "ballot": self.ballot,
        }
