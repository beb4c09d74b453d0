"""Appraisal of leaders (民主评议 / 满意度测评): sheets issued and returned, marks per person."""

from dataclasses import dataclass

from sqlalchemy import Connection, UniqueConstraint, delete, insert, select
from sqlmodel import Field, SQLModel

from models import audit
from models.congress import require_congress
from models.errors import refuse
from models.numerals import row_number
from models.rules.appraisal import (
    DENOMINATORS,
    SCALES,
    AppraisalResult,
    AppraisalSettings,
    Sheets,
    appraisal_result,
    count_problems,
    sheet_problems,
)
from models.rules.election import normalize_name
from models.rules.thresholds import parse_rate
from models.voting import (
    APPRAISAL,
    T_ITEM,
    ItemInfo,
    check_entry,
    due_voters,
    insert_item,
    insert_nominees,
    keyable_item,
    load_item,
    refuse_if_final,
    settings_in,
    settle,
    start_counting,
    writable_item,
)


class AppraisalSheets(SQLModel, table=True):
    __tablename__ = "appraisal_sheets"
    __table_args__ = (UniqueConstraint("item_id", "entry"),)
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="vote_item.id", index=True)
    entry: int = 1
    returned: int
    invalid: int = 0


class AppraisalMarks(SQLModel, table=True):
    __tablename__ = "appraisal_marks"
    __table_args__ = (UniqueConstraint("item_id", "entry", "position"),)
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="vote_item.id", index=True)
    entry: int = 1
    position: int  # the person's place on the sheet
    counts: str = Field(max_length=200)  # one count per option, comma-separated


T_SHEETS = AppraisalSheets.__table__
T_MARKS = AppraisalMarks.__table__


@dataclass(frozen=True)
class AppraisalDifference:
    key: str  # returned | invalid | a person's name
    first: str | None
    second: str | None


@dataclass(frozen=True)
class AppraisalOutcome:
    item: ItemInfo
    result: AppraisalResult | None
    marked: tuple[str, ...]  # people with marks entered (first entry)
    entries: tuple[int, ...]
    differences: tuple[AppraisalDifference, ...]

    @property
    def final(self) -> bool:
        if self.result is None or self.differences:
            return False
        if len(self.marked) < len(self.item.nominees):
            return False
        return 2 in self.entries or not self.item.double_entry


def _settings(item: ItemInfo) -> AppraisalSettings:
    s = item.settings
    return AppraisalSettings(
        scale=s["scale"],
        denominator=s["denominator"],
        warn_fraction=parse_rate(s.get("warn", "1/3")),
        weighted=s.get("weighted", False),
    )


def new_appraisal(
    db,
    title: str,
    *,
    subjects,
    scale: str = "sat3",
    denominator: str | None = None,
    weighted: bool = False,
    double_entry: bool = False,
    operator: str = "",
    station: str = "",
) -> ItemInfo:
    """``subjects``: names, or (name, post) pairs, in the order printed on the sheet."""
    pairs = [(s, None) if isinstance(s, str) else (s[0], s[1]) for s in subjects]
    pairs = [(normalize_name(n), (p or "").strip() or None) for n, p in pairs]
    pairs = [(n, p) for n, p in pairs if n]
    if not pairs:
        raise refuse("appraisal.no_subjects")
    names = [n for n, _ in pairs]
    if len(set(names)) != len(names):
        raise refuse("appraisal.duplicate_subject")
    if scale not in SCALES:
        raise refuse("appraisal.bad_scale", scale=scale, choices=" | ".join(SCALES))
    with db.write() as conn:
        congress = require_congress(conn)
        defaults = settings_in(conn, congress.id)
        denominator = denominator or defaults["appraisal.denominator"]
        if denominator not in DENOMINATORS:
            raise refuse("appraisal.bad_denominator", denominator=denominator)
        settings = {
            "scale": scale,
            "denominator": denominator,
            "warn": defaults["appraisal.warn"],
            "weighted": weighted,
        }
        item_id = insert_item(
            conn, congress, APPRAISAL, title, settings=settings, double_entry=double_entry
        )
        insert_nominees(conn, item_id, names, [p for _, p in pairs])
        number = conn.execute(select(T_ITEM.c.number).where(T_ITEM.c.id == item_id)).scalar()
        audit.append(
            conn,
            "appraisal.new",
            {"item": number, "title": title, "subjects": names, **settings},
            congress_id=congress.id,
            operator=operator,
            station=station,
        )
        return load_item(conn, number)


def _sheets(conn: Connection, item: ItemInfo, entry: int) -> Sheets | None:
    row = conn.execute(
        select(T_SHEETS).where(T_SHEETS.c.item_id == item.id, T_SHEETS.c.entry == entry)
    ).first()
    return None if row is None else Sheets(item.issued, row.returned, row.invalid)


def _marks(conn: Connection, item_id: int, entry: int) -> dict[int, tuple[int, ...]]:
    return {
        r.position: tuple(int(x) for x in r.counts.split(","))
        for r in conn.execute(
            select(T_MARKS.c.position, T_MARKS.c.counts).where(
                T_MARKS.c.item_id == item_id, T_MARKS.c.entry == entry
            )
        )
    }


def record_sheets(
    db,
    ref,
    *,
    returned: int,
    invalid: int = 0,
    entry: int = 1,
    operator: str = "",
    station: str = "",
) -> AppraisalOutcome:
    """收回 and 无效 sheets of one clerk. More returned than issued is recorded: it voids the
    appraisal, and the result says so."""
    with db.write() as conn:
        key_sheets(
            conn,
            ref,
            returned=returned,
            invalid=invalid,
            entry=entry,
            operator=operator,
            station=station,
        )
    return appraisal_outcome(db, ref)


def key_sheets(
    conn,
    ref,
    *,
    returned: int,
    invalid: int = 0,
    entry: int = 1,
    operator: str = "",
    station: str = "",
) -> None:
    """:func:`record_sheets` inside the caller's transaction (the scanned 测评表 count so)."""
    check_entry(entry)
    item = keyable_item(conn, ref, APPRAISAL, entry)
    item = start_counting(conn, item, operator=operator, station=station)
    sheets = Sheets(item.issued, returned, invalid)
    problems = sheet_problems(sheets)
    if problems:
        raise problems[0]
    marks = _marks(conn, item.id, entry)
    for position, counts in marks.items():
        found = count_problems(item.nominees[position - 1], counts, _settings(item).scale, sheets)
        if found:
            raise found[0]
    conn.execute(delete(T_SHEETS).where(T_SHEETS.c.item_id == item.id, T_SHEETS.c.entry == entry))
    conn.execute(
        insert(T_SHEETS).values(item_id=item.id, entry=entry, returned=returned, invalid=invalid)
    )
    audit.append(
        conn,
        "appraisal.sheets",
        {"item": item.number, "entry": entry, "returned": returned, "invalid": invalid},
        congress_id=item.congress_id,
        operator=operator,
        station=station,
    )
    settle(conn, item, operator=operator, station=station)


def record_marks(
    db,
    ref,
    subject,
    counts,
    *,
    entry: int = 1,
    operator: str = "",
    station: str = "",
) -> AppraisalOutcome:
    """One person's counts, one per option of the scale (blank = the rest of the valid sheets)."""
    with db.write() as conn:
        key_marks(conn, ref, subject, counts, entry=entry, operator=operator, station=station)
    return appraisal_outcome(db, ref)


def key_marks(
    conn, ref, subject, counts, *, entry: int = 1, operator: str = "", station: str = ""
) -> None:
    """:func:`record_marks` inside the caller's transaction."""
    check_entry(entry)
    counts = tuple(int(c) for c in counts)
    item = writable_item(conn, ref, APPRAISAL)
    position = _position(item, subject)
    refuse_if_final(conn, item, entry)
    sheets = _sheets(conn, item, entry)
    if sheets is None:
        raise refuse("appraisal.sheets_first")
    problems = count_problems(item.nominees[position - 1], counts, _settings(item).scale, sheets)
    if problems:
        raise problems[0]
    conn.execute(
        delete(T_MARKS).where(
            T_MARKS.c.item_id == item.id,
            T_MARKS.c.entry == entry,
            T_MARKS.c.position == position,
        )
    )
    conn.execute(
        insert(T_MARKS).values(
            item_id=item.id,
            entry=entry,
            position=position,
            counts=",".join(str(c) for c in counts),
        )
    )
    audit.append(
        conn,
        "appraisal.marks",
        {
            "item": item.number,
            "entry": entry,
            "subject": item.nominees[position - 1],
            "counts": list(counts),
        },
        congress_id=item.congress_id,
        operator=operator,
        station=station,
    )
    settle(conn, item, operator=operator, station=station)


def _position(item: ItemInfo, subject) -> int:
    text = normalize_name(str(subject))
    if text in item.nominees:
        return item.nominees.index(text) + 1
    if (number := row_number(text)) is not None and 1 <= number <= len(item.nominees):
        return number
    raise refuse("appraisal.no_such_subject", name=str(subject))


def _differences(item, sheets1, sheets2, marks1, marks2) -> list[AppraisalDifference]:
    if sheets2 is None and not marks2:
        return []
    out = []
    for key in ("returned", "invalid"):
        a = None if sheets1 is None else getattr(sheets1, key)
        b = None if sheets2 is None else getattr(sheets2, key)
        if a != b:
            out.append(AppraisalDifference(key, _s(a), _s(b)))
    for position, name in enumerate(item.nominees, start=1):
        a, b = marks1.get(position), marks2.get(position)
        if a != b:
            out.append(AppraisalDifference(name, _s(a), _s(b)))
    return out


def _s(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return "/".join(str(v) for v in value)
    return str(value)


def outcome_in(conn: Connection, item: ItemInfo) -> AppraisalOutcome:
    sheets1, sheets2 = _sheets(conn, item, 1), _sheets(conn, item, 2)
    marks1, marks2 = _marks(conn, item.id, 1), _marks(conn, item.id, 2)
    settings = _settings(item)
    zeros = (0,) * len(SCALES[settings.scale])
    result = None
    if sheets1 is not None:
        due = item.roll.due if item.roll else due_voters(conn, item.congress_id)
        subjects = [(n, marks1.get(i, zeros)) for i, n in enumerate(item.nominees, start=1)]
        result = appraisal_result(subjects, sheets1, due=due, settings=settings)
    entries = tuple(
        e for e, s, m in ((1, sheets1, marks1), (2, sheets2, marks2)) if s is not None or m
    )
    return AppraisalOutcome(
        item=item,
        result=result,
        marked=tuple(item.nominees[p - 1] for p in sorted(marks1)),
        entries=entries,
        differences=tuple(_differences(item, sheets1, sheets2, marks1, marks2)),
    )


def appraisal_outcome(db, ref) -> AppraisalOutcome:
    with db.read() as conn:
        return outcome_in(conn, load_item(conn, ref, APPRAISAL))
