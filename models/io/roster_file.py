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
from models.io.shown_cells import DATE, FORMULA, problem_of
from models.io.table_file import clean_text, column_letter
from models.io.table_file import header_key as _header_key
from models.io.table_file import is_blank as _is_blank
from models.io.table_file import shown as _shown

AREA = "roster"
MAX_NAME = 50
MAX_GENDER = 8
MAX_UNIT = 200
MAX_DELEGATION = 100
MAX_CODE = 32
MAX_PHONE = 40
HEADER_SEARCH_ROWS = 10  # a title row or two above the header is common in spreadsheets
SEAT = "seat"  # recognised; not stored until the roster has seats (issue 21)
SKIP = "skip"  # 序号: a row number, ignored without a word
FIELDS = ("code", "name", "gender", "unit", "delegation", "category", "head", "phone")
REQUIRED = ("code", "name")
HEADER_ALIASES = {
    "编号": "code",
    "code": "code",
    "姓名": "name",
    "name": "name",
    "性别": "gender",
    "gender": "gender",
    "单位": "unit",
    "unit": "unit",
    "代表团": "delegation",
    "delegation": "delegation",
    "类别": "category",
    "category": "category",
    "团长": "head",
    "head": "head",
    "电话": "phone",
    "手机": "phone",
    "手机号": "phone",
    "手机号码": "phone",
    "联系电话": "phone",
    "联系方式": "phone",
    "phone": "phone",
    "mobile": "phone",
    # as real rosters name them (issue 18)
    "工号": "code",
    "证号": "code",
    "代表编号": "code",
    "所在单位": "unit",
    "工作单位": "unit",
    "代表团名称": "delegation",
    "所在代表团": "delegation",
    "代表类别": "category",
    "身份": "category",
    "座号": SEAT,
    "座位": SEAT,
    "座位号": SEAT,
    "seat": SEAT,
    "序号": SKIP,
}
# 编号/code, 姓名（必填）: a header is also read part by part; a required-field star is no part
_HEADER_PARTS = re.compile(r"[/／|｜()（）\[\]【】]")
_HEADER_MARKS = "*＊:："
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


@dataclass(frozen=True)
class RosterSheet:
    """A roster file read: its checked rows, and the columns it does not use — ``ignored``
    (headers not known: 备注, 民族 …; 序号 is left out on purpose), ``unused`` (known, not stored
    yet: 座号) and ``unlabelled`` (the letters of columns holding data under an empty header)."""

    rows: list[RosterRow]
    ignored: tuple[str, ...] = ()
    unused: tuple[str, ...] = ()
    unlabelled: tuple[str, ...] = ()  # letters of columns with data but no header


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
    header_index, columns = _find_header(records)
    header = records[header_index]
    labels = {field: header[index].strip() for field, index in columns.items()}
    rows = _check_rows(records[header_index + 1 :], header_index + 2, columns, labels)
    if not rows:
        raise refuse("roster.no_rows")
    ignored, unused, unlabelled = _unused_columns(records, header_index)
    return RosterSheet(rows, ignored, unused, unlabelled)


# --- bytes → records (lists of cell texts): models.io.table_file ----------------------------


def _records(data: bytes, suffix: str) -> list[list[str]]:
    return table_file.records(data, suffix, AREA, as_shown=True)


# --- header -------------------------------------------------------------------------------------


def _find_header(records: list[list[str]]) -> tuple[int, dict[str, int]]:
    """The index of the header record and field → column index.

    The header is the first record naming both required columns, looked for among the first few
    non-blank records (a title line or two above it is common); when there is none, the record
    that looks most like a header is reported on, not the title above it.
    """
    candidates = [i for i, record in enumerate(records) if not _is_blank(record)]
    if not candidates:
        raise refuse("roster.empty")
    searched = candidates[:HEADER_SEARCH_ROWS]
    for index in searched:
        found = {field for cell in records[index] for field in header_fields(cell)}
        if all(field in found for field in REQUIRED):
            return index, _header_columns(records[index])
    best = max(searched, key=lambda index: (_header_score(records[index]), -index))
    record = records[best]
    found_fields = {field for cell in record for field in header_fields(cell)}
    missing = [field for field in REQUIRED if field not in found_fields]
    found = "、".join(_shown(cell) for cell in record if cell.strip())[:200]
    raise refuse("roster.missing." + "_".join(missing), found=found, line=best + 1)


def _header_score(record: list[str]) -> tuple[int, int]:
    """How much a record looks like a header: known columns first, then filled cells."""
    known = {field for cell in record for field in header_fields(cell)} - {SKIP}
    return len(known), sum(1 for cell in record if cell.strip())


def header_fields(cell: str) -> set[str]:
    """The fields a header cell names: one as a rule, none for an unknown column, two or more
    when it is ambiguous (姓名/单位). Read whole first, then part by part when its first part is
    a known name (编号/code, 姓名（必填）, 单位(部门)); other parts that are no name are notes."""
    key = _header_key(cell).strip(_HEADER_MARKS)
    if not key:
        return set()
    if key in HEADER_ALIASES:
        return {HEADER_ALIASES[key]}
    parts = [part.strip(_HEADER_MARKS) for part in _HEADER_PARTS.split(key)]
    if parts[0] not in HEADER_ALIASES:
        return set()  # 备注（团长）is a note about heads, not the head column
    return {HEADER_ALIASES[part] for part in parts if part in HEADER_ALIASES}


def _header_columns(record: list[str]) -> dict[str, int]:
    """Field → column index of the header record; a Refusal naming the columns when a column
    names two fields or two columns name one."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(record):
        fields = header_fields(cell)
        if len(fields) > 1:
            first, second = sorted(fields, key=_field_order)[:2]
            raise refuse(
                "roster.ambiguous_column",
                column=_shown(cell),
                letter=column_letter(index),
                first=first,
                second=second,
            )
        if not fields or SKIP in fields:
            continue
        (field,) = fields
        if field in columns:
            _refuse_two_columns(record, field, columns[field], index)
        columns[field] = index
    return columns


def _field_order(field: str) -> int:
    return (*FIELDS, SEAT).index(field) if field in (*FIELDS, SEAT) else len(FIELDS) + 1


def _refuse_two_columns(record: list[str], field: str, first: int, second: int) -> None:
    first_column, second_column = record[first].strip(), record[second].strip()
    # 电话 and 手机 side by side name no column twice, yet only one can be the phone
    two_phones = field == "phone" and _header_key(first_column) != _header_key(second_column)
    raise refuse(
        "roster.two_phone_columns" if two_phones else "roster.duplicate_column",
        column=_shown(second_column),
        first_column=_shown(first_column),
        second_column=_shown(second_column),
        first=column_letter(first),
        second=column_letter(second),
        field=field,
    )


def _unused_columns(
    records: list[list[str]], header_index: int
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The header's unknown columns and its known-but-unused ones (座号), as labelled; a
    column holding data under an empty header is named by its letter."""
    header = records[header_index]
    ignored: list[str] = []
    unused: list[str] = []
    unlabelled: list[str] = []
    for cell in header:
        fields = header_fields(cell)
        if not cell.strip():
            continue
        if not fields:
            ignored.append(_shown(cell))
        elif fields == {SEAT}:
            unused.append(_shown(cell))
    width = max((len(record) for record in records[header_index + 1 :]), default=0)
    for index in range(width):
        if index < len(header) and header[index].strip():
            continue
        if any(
            index < len(record) and record[index].strip() for record in records[header_index + 1 :]
        ):
            unlabelled.append(column_letter(index))
    return tuple(ignored), tuple(unused), tuple(unlabelled)


# --- rows ---------------------------------------------------------------------------------------


def _check_rows(
    records: list[list[str]], first_line: int, columns: dict[str, int], labels: dict[str, str]
) -> list[RosterRow]:
    rows: list[RosterRow] = []
    errors: list[Refusal] = []
    bad_lines: set[int] = set()
    code_lines: dict[str, int] = {}
    head_lines: dict[str, int] = {}

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
        if field == SEAT or problem is None:
            continue
        if problem == FORMULA:
            found.append(("roster.err.formula_no_value", {"column": labels[field]}))
        elif problem == DATE:
            found.append(("roster.err.date_cell", {"column": labels[field], "value": str(value)}))
    return found


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
