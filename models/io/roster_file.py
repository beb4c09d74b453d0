"""Reading a roster file (CSV or XLSX) into checked rows. Pure: no database.

Everything that can be wrong with the file is found here, before anything is written: a problem
with the file as a whole is one :class:`~models.errors.Refusal` with its own key; problems with
rows are collected, every one of them, into a single ``roster.invalid`` refusal whose details
name the line as a spreadsheet shows it (header = line 1; for CSV a record, not a physical line,
so a quoted field holding a newline does not shift the numbers).
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from models.badge_code import is_valid_code, normalize_code
from models.congress import CATEGORY_ALIASES, VOTING
from models.errors import Refusal, refuse
from models.io import table_file
from models.io.roster_header import FIELDS as FIELDS
from models.io.roster_header import NOTE, SEAT, find_header, unused_columns
from models.io.roster_header import header_fields as header_fields
from models.io.shown_cells import DATE, FORMULA, problem_of
from models.io.table_file import clean_text
from models.io.table_file import column_letter as column_letter
from models.io.table_file import header_key as _header_key
from models.io.table_file import shown as _shown
from models.seats.labels import SeatError, parse_seat

AREA = "roster"
MAX_NAME = 50
MAX_GENDER = 8
MAX_UNIT = 200
MAX_DELEGATION = 100
MAX_CODE = 32
MAX_PHONE = 40
MAX_NOTE = 200
# What Excel shows for a long number in a General cell, and what a CSV saved from it then holds:
# the digits are gone, so the file is refused rather than a wrong number stored.
_SCIENTIFIC = re.compile(r"[0-9](\.[0-9]+)?[eE][+]?[0-9]+")
HEAD_YES = {"是", "y", "yes", "1", "true", "√", "✓", "✔", "团长"}
HEAD_NO = {"", "否", "n", "no", "0", "false", "×", "✗", "✘"}


@dataclass(frozen=True)
class RosterRow:
    """One checked person from the file. ``category`` is a key (delegate/attendee/guest/staff)."""

    line: int
    code: str
    name: str
    gender: str | None
    unit: str | None
    delegation: str | None
    category: str
    head: bool = False
    phone: str | None = None  # as written: leading 0, +86, spaces and dashes kept
    seat: str | None = None  # the canonical label (3排12座, 主席台1), see models.seats.labels
    note: str | None = None  # shown on ✔ at check-in


@dataclass(frozen=True)
class RosterSheet:
    """A roster file read: its checked rows, and the columns it does not use — ``ignored``
    (headers not known: 备注, 民族 …; 序号 is left out on purpose), ``unused`` (known, not stored
    yet: 座号) and ``unlabelled`` (the letters of columns holding data under an empty header)."""

    rows: list[RosterRow]
    ignored: tuple[str, ...] = ()
    unused: tuple[str, ...] = ()
    unlabelled: tuple[str, ...] = ()  # letters of columns with data but no header
    # the optional fields the file has a column for: a re-import without a 座号 column keeps
    # the seats assigned meanwhile (and without 备注 the notes)
    carries: frozenset[str] = frozenset()


def read_roster_file(path: str | Path) -> list[RosterRow]:
    """The checked rows of a roster file, or a Refusal saying what is wrong with it."""
    path = Path(path)
    return parse_roster_bytes(read_bytes(path), suffix=path.suffix)


def read_bytes(path: Path) -> bytes:
    return table_file.read_bytes(path, AREA)


def parse_roster_bytes(data: bytes, *, suffix: str = "") -> list[RosterRow]:
    """The checked rows of a roster file's content; ``suffix`` only sharpens one message."""
    return parse_roster_sheet(data, suffix=suffix).rows


def parse_roster_sheet(data: bytes, *, suffix: str = "") -> RosterSheet:
    """The checked rows of a roster file's content and the columns it does not use."""
    records = _records(data, suffix.lower())
    header_index, columns = find_header(records)
    header = records[header_index]
    labels = {field: header[index].strip() for field, index in columns.items()}
    rows = _check_rows(records[header_index + 1 :], header_index + 2, columns, labels)
    if not rows:
        raise refuse("roster.no_rows")
    ignored, unused, unlabelled = unused_columns(records, header_index)
    carries = frozenset(field for field in (SEAT, NOTE) if field in columns)
    return RosterSheet(rows, ignored, unused, unlabelled, carries)


# --- bytes → records (lists of cell texts): models.io.table_file ----------------------------


def _records(data: bytes, suffix: str) -> list[list[str]]:
    return table_file.records(data, suffix, AREA, as_shown=True)


# --- rows ---------------------------------------------------------------------------------------


def _check_rows(
    records: list[list[str]], first_line: int, columns: dict[str, int], labels: dict[str, str]
) -> list[RosterRow]:
    rows: list[RosterRow] = []
    errors: list[Refusal] = []
    bad_lines: set[int] = set()
    code_lines: dict[str, int] = {}
    head_lines: dict[str, int] = {}
    seat_lines: dict[str, int] = {}

    def fail(line: int, key: str, **params) -> None:
        errors.append(Refusal(key, {"line": line, **params}))
        bad_lines.add(line)

    for offset, record in enumerate(records):
        line = first_line + offset
        cells = {
            field: record[index] if index < len(record) else "" for field, index in columns.items()
        }
        if all(not value.strip() and not problem_of(value) for value in cells.values()):
            continue
        unreadable = _unreadable_cells(cells, labels)
        if unreadable:
            # a name that is a formula without a result is that, not an empty name
            for key, params in unreadable:
                fail(line, key, **params)
            continue
        raw_code = cells.get("code", "").strip()
        code = normalize_code(raw_code)
        if not code:
            fail(line, "roster.err.empty_code")
        elif not is_valid_code(code):
            fail(line, "roster.err.bad_code", code=_shown(raw_code), max=MAX_CODE)
        elif code in code_lines:
            fail(line, "roster.err.duplicate_code", code=code, first=code_lines[code])
        else:
            code_lines[code] = line

        name = clean_text(cells.get("name", ""))
        if not name:
            fail(line, "roster.err.empty_name")
        elif len(name) > MAX_NAME:
            fail(line, "roster.err.name_too_long", max=MAX_NAME)

        values = {}
        for field, limit in (
            ("gender", MAX_GENDER),
            ("unit", MAX_UNIT),
            ("delegation", MAX_DELEGATION),
        ):
            value = clean_text(cells.get(field, ""))
            if len(value) > limit:
                fail(line, "roster.err.too_long", column=labels[field], max=limit)
            values[field] = value or None

        phone = cells.get("phone", "").strip()
        if len(phone) > MAX_PHONE:
            fail(line, "roster.err.too_long", column=labels["phone"], max=MAX_PHONE)
        elif _SCIENTIFIC.fullmatch(phone):
            fail(line, "roster.err.phone_lost_digits", value=_shown(phone))

        seat = _seat(cells.get(SEAT, ""), line, seat_lines, fail)
        note = clean_text(cells.get(NOTE, ""))
        if len(note) > MAX_NOTE:
            fail(line, "roster.err.too_long", column=labels[NOTE], max=MAX_NOTE)

        raw_category = cells.get("category", "").strip()
        category = _category(raw_category)
        if category is None:
            fail(line, "roster.err.bad_category", value=_shown(raw_category))

        raw_head = cells.get("head", "")
        head = _head_mark(raw_head)
        delegation = values["delegation"]
        if head is None:
            fail(line, "roster.err.bad_head", value=_shown(raw_head))
        elif head and delegation is None:
            fail(line, "roster.err.head_without_delegation")
        elif head and delegation in head_lines:
            fail(
                line,
                "roster.err.two_heads",
                delegation=_shown(delegation),
                first=head_lines[delegation],
            )
        elif head:
            head_lines[delegation] = line

        if line not in bad_lines:
            rows.append(
                RosterRow(
                    line=line,
                    code=code,
                    name=name,
                    gender=values["gender"],
                    unit=values["unit"],
                    delegation=delegation,
                    category=category or VOTING,
                    head=bool(head),
                    phone=phone or None,
                    seat=seat,
                    note=note or None,
                )
            )
    if errors:
        raise Refusal("roster.invalid", {"count": len(bad_lines)}, details=errors)
    return rows


def _unreadable_cells(cells: dict[str, str], labels: dict[str, str]) -> list[tuple[str, dict]]:
    """(key, params) for each used cell that holds no text as typed: a formula whose result was
    never saved, or a date Excel made of what was typed."""
    found = []
    for field, value in cells.items():
        problem = problem_of(value)
        if problem is None:
            continue
        if problem == FORMULA:
            found.append(("roster.err.formula_no_value", {"column": labels[field]}))
        elif problem == DATE:
            found.append(("roster.err.date_cell", {"column": labels[field], "value": str(value)}))
    return found


def _seat(raw: str, line: int, seat_lines: dict[str, int], fail) -> str | None:
    """The seat's canonical label; a bad seat, or one an earlier row has, fails the row."""
    if not raw.strip():
        return None
    try:
        seat = parse_seat(raw).label
    except SeatError as error:
        bad = "seat_out_of_range" if error.key == "seats.err.out_of_range" else "bad_seat"
        fail(line, f"roster.err.{bad}", value=_shown(raw))
        return None
    if seat in seat_lines:
        fail(line, "roster.err.duplicate_seat", seat=seat, first=seat_lines[seat])
        return None
    seat_lines[seat] = line
    return seat


def _category(value: str) -> str | None:
    if not value:
        return VOTING
    value = unicodedata.normalize("NFKC", value)
    return CATEGORY_ALIASES.get(value) or CATEGORY_ALIASES.get(_header_key(value))


def _head_mark(value: str) -> bool | None:
    """True for 是/Y/yes/1/true/√, False for blank/否/N/no/0/false/×, None for anything else."""
    key = _header_key(value)
    if key in HEAD_YES:
        return True
    if key in HEAD_NO:
        return False
    return None
