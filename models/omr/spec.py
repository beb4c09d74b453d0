"""What a sheet asks: the item, its rows and options, the marking instructions.

The caller (the ballots service) builds a :class:`SheetSpec` from an election, motion or
appraisal; the engine lays it out, prints it and reads it back from nothing else.
"""

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["election", "motion", "appraisal"]
KINDS = ("election", "motion", "appraisal")

# RULES.md §3, in the words of units' 选举办法: the sheet says exactly what the reader applies.
ELECTION_INSTRUCTION = (
    "同意的在候选人姓名下（旁）的格内划○，不同意的划×，弃权的不划任何符号；"
    "另选他人的，在另选他人栏内写上姓名，并在其格内划○"
)
CHOICE_INSTRUCTION = "在所选栏内划○，每项只划一个；不划为弃权"
MOTION_OPTIONS = ("赞成", "反对", "弃权")
TEST_BANNER = "测试票 · 不计入结果"
WRITE_IN_LABEL = "另选他人"

# The QR payload is QR-alphanumeric; an item reference must survive it unchanged.
ITEM_REF_RE = re.compile(r"^[0-9A-Z.]{1,24}$")  # "4.5.6": the motions of one 表决票
UID_RE = re.compile(r"^[0-9A-Z]{1,16}$")


def default_instructions(kind: Kind) -> tuple[str, ...]:
    return (ELECTION_INSTRUCTION,) if kind == "election" else (CHOICE_INSTRUCTION,)


@dataclass(frozen=True)
class SheetSpec:
    congress_uid: str
    item_ref: str  # short, QR-alphanumeric: "E3", "M5", "A2"
    kind: Kind
    title: str
    subtitle: str = ""  # e.g. the seats line 「应选15名，候选人17名」
    instructions: tuple[str, ...] = field(default=())
    rows: tuple[str, ...] = ()  # candidates in the item's order / motion titles / people
    options: tuple[str, ...] = ()  # election: () (one box per row); motion: 赞成/反对/弃权; scale
    write_ins: int = 0
    test: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r}")
        if not UID_RE.match(self.congress_uid):
            raise ValueError(f"congress_uid {self.congress_uid!r} is not QR-alphanumeric")
        if not ITEM_REF_RE.match(self.item_ref):
            raise ValueError(f"item_ref {self.item_ref!r} is not 1–24 of 0-9A-Z.")
        if not self.rows:
            raise ValueError("a sheet needs at least one row")
        if self.kind == "election" and self.options:
            raise ValueError("an election has one box per candidate, no options")
        if self.kind != "election" and (len(self.options) < 2 or self.write_ins):
            raise ValueError("motions and appraisals need two or more options and no write-ins")
        if self.write_ins < 0:
            raise ValueError("write_ins < 0")

    @property
    def shown_instructions(self) -> tuple[str, ...]:
        """The instructions printed: the caller's, else the kind's standard wording."""
        return self.instructions or default_instructions(self.kind)


def motion_spec(uid: str, item_ref: str, title: str, motions: tuple[str, ...], **kw) -> SheetSpec:
    """A 表决票 with 赞成/反对/弃权 for each motion (分项表决)."""
    return SheetSpec(uid, item_ref, "motion", title, rows=motions, options=MOTION_OPTIONS, **kw)
