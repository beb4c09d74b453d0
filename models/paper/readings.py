"""What a scanned page says, box by box: the reader's marks, a person's decisions over them, and
the ballots they make (RULES §3 "Marks on paper").

A page's reading is stored as plain JSON, aligned with the layout's boxes and write-in lines on
that page. A box the reader could not decide ("review") waits for a person; so does every
write-in line with ink (a person types the name) and, on a 表决票 or 测评表, a × (those sheets
say 「划○」: any other mark is for a person to judge). Decisions are ○, ×, blank or ? (a mark
nobody can make out: RULES §3's unreadable, for which the election's setting applies). A page
whose ink matches an earlier page's waits first of all for a person to say whether it is the same
sheet (:mod:`models.paper.twins`)."""

from dataclasses import dataclass

from models.paper.records import BLANK, CIRCLE, CROSS, DOUBT, UNREADABLE
from models.paper.twins import TWIN_DECISIONS
from models.rules.election import BLANK as BALLOT_BLANK
from models.rules.election import NO, YES
from models.rules.election import UNREADABLE as BALLOT_UNREADABLE

GROUPS = {"box": "boxes", "write_in": "write_ins", "twin": "twin"}  # a decision's key in the JSON
DECISIONS = (CIRCLE, CROSS, BLANK, UNREADABLE)
BALLOT_MARK = {CIRCLE: YES, CROSS: NO, BLANK: BALLOT_BLANK, UNREADABLE: BALLOT_UNREADABLE}
MOTION_CHOICES = ("yes", "no", "abstain")  # the 表决票's columns, in order


@dataclass(frozen=True)
class Pending:
    """One thing on a page a person must decide: a box, or a write-in line (name and mark)."""

    what: str  # box | write_in | twin (the page may be an earlier one scanned again)
    index: int  # the box's index on the page, or the write-in line's (0 for a twin)
    reason: str  # the reader's reason code ("tick", "ink" …)


def reading_json(reading) -> dict:
    """The engine's PageReading as stored: marks and reasons per box, ink and mark per line."""
    return {
        "boxes": [str(box.mark) for box in reading.boxes],
        "reasons": [box.reason for box in reading.boxes],
        "write_ins": [
            {"ink": bool(w.ink), "mark": str(w.box.mark), "reason": w.box.reason}
            for w in reading.write_ins
        ],
    }


def pending(kind: str, stored: dict, decisions: dict) -> list[Pending]:
    """What a person still has to decide on a page, in the order printed."""
    boxes = decisions.get("boxes", {})
    lines = decisions.get("write_ins", {})
    out = []
    if "twin" in stored and "0" not in decisions.get("twin", {}):
        out.append(Pending("twin", 0, "twin"))  # first: a sheet scanned twice needs no more
    for i, (mark, reason) in enumerate(zip(stored["boxes"], stored["reasons"], strict=True)):
        doubtful = mark == DOUBT or (kind != "election" and mark == CROSS)
        if doubtful and str(i) not in boxes:
            out.append(Pending("box", i, reason or ("cross" if mark == CROSS else "unclear")))
    for i, line in enumerate(stored["write_ins"]):
        if _line_doubtful(line) and str(i) not in lines:
            out.append(Pending("write_in", i, "ink" if line["ink"] else line["reason"] or "mark"))
    return out


def _line_doubtful(line: dict) -> bool:
    """A write-in line goes to a person when it has ink, or a mark without a name."""
    return line["ink"] or line["mark"] != BLANK


def effective_marks(stored: dict, decisions: dict) -> list[str]:
    boxes = decisions.get("boxes", {})
    return [boxes.get(str(i), mark) for i, mark in enumerate(stored["boxes"])]


def written_names(stored: dict, decisions: dict) -> list[tuple[str, str]]:
    """(name, mark) of every write-in line: the name a person typed, the mark as decided."""
    lines = decisions.get("write_ins", {})
    out = []
    for i, line in enumerate(stored["write_ins"]):
        decided = lines.get(str(i))
        if decided is not None:
            out.append((decided.get("name", "").strip(), decided.get("mark", BLANK)))
        else:
            out.append(("", line["mark"]))
    return out


def election_ballot_parts(stored: dict, decisions: dict) -> tuple[str, tuple[str, ...]]:
    """(marks, write-ins) of the ballot: a written name counts only with its ○ (RULES §3)."""
    marks = "".join(BALLOT_MARK[m] for m in effective_marks(stored, decisions))
    names = tuple(
        name for name, mark in written_names(stored, decisions) if name and mark == CIRCLE
    )
    return marks, names


def row_choices(
    stored: dict, decisions: dict, cells: list[tuple[int, int]]
) -> dict[int, int | None]:
    """Each row's chosen option on a 表决票 or 测评表, ``cells`` being (row, option) of the page's
    boxes: its one ○; None for 无效 (two or more ○, or a mark that is not a plain ○); -1 when no
    box is marked (the sheet says 不划为弃权)."""
    rows: dict[int, list[tuple[int, str]]] = {}
    for (row, option), mark in zip(cells, effective_marks(stored, decisions), strict=True):
        rows.setdefault(row, []).append((option, mark))
    out: dict[int, int | None] = {}
    for row, marks in rows.items():
        circles = [option for option, mark in marks if mark == CIRCLE]
        others = [mark for _option, mark in marks if mark not in (CIRCLE, BLANK)]
        if others or len(circles) > 1:
            out[row] = None
        else:
            out[row] = circles[0] if circles else -1
    return out


def motion_choice(chosen: int | None) -> str:
    """赞成/反对/弃权 by column; no mark is 弃权, anything doubtful 无效."""
    if chosen is None:
        return "invalid"
    return "abstain" if chosen == -1 else MOTION_CHOICES[chosen]


def check_decision(what: str, value) -> bool:
    if what == "box":
        return value in DECISIONS
    if what == "twin":
        return value in TWIN_DECISIONS
    return (
        isinstance(value, dict)
        and value.get("mark", BLANK) in DECISIONS
        and isinstance(value.get("name", ""), str)
    )
