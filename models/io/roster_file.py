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
}
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


def read_roster_file(path: str | Path) -> list[RosterRow]:
    """The checked rows of a roster file, or a Refusal saying what is wrong with it."""
    path = Path(path)
    return parse_roster_bytes(read_bytes(path), suffix=path.suffix)


def read_bytes(path: Path) -> bytes:
    return table_file.read_bytes(path, AREA)


def parse_roster_bytes(data: bytes, *, suffix: str = "") -> list[RosterRow]:
    """The checked rows of a roster file's content; ``suffix`` only sharpens one message."""
    records = _records(data, suffix.lower())
    header_index, columns = _find_header(records)
    header = records[header_index]
    labels = {field: header[index].strip() for field, index in columns.items()}
    rows = _check_rows(records[header_index + 1 :], header_index + 2, columns, labels)
    if not rows:
        raise refuse("roster.no_rows")
    return rows


# --- bytes → records (lists of cell texts): models.io.table_file ----------------------------


def _records(data: bytes, suffix: str) -> list[list[str]]:
    return table_file.records(data, suffix, AREA)


# --- header -------------------------------------------------------------------------------------


def _find_header(records: list[list[str]]) -> tuple[int, dict[str, int]]:
    """The index of the header record and field → column index.

    The header is the first record naming both required columns, looked for among the first few
    non-blank records; when there is none, the first non-blank record is reported on.
    """
    candidates = [i for i, record in enumerate(records) if not _is_blank(record)]
    if not candidates:
        raise refuse("roster.empty")
    for index in candidates[:HEADER_SEARCH_ROWS]:
        columns = _header_columns(records[index])
        if all(field in columns for field in REQUIRED):
            return index, columns
    first = records[candidates[0]]
    columns = _header_columns(first)
    missing = [field for field in REQUIRED if field not in columns]
    found = "、".join(_shown(cell) for cell in first if cell.strip())[:200]
    raise refuse("roster.missing." + "_".join(missing), found=found)


def _header_columns(record: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(record):
        field = HEADER_ALIASES.get(_header_key(cell))
        if field is None:
            continue
        if field in columns and field == "phone":
            # 电话 and 手机 side by side name no column twice, yet only one can be the phone
            raise refuse(
                "roster.two_phone_columns",
                first_column=record[columns[field]].strip(),
                second_column=cell.strip(),
                first=column_letter(columns[field]),
                second=column_letter(index),
            )
        if field in columns:
            raise refuse(
                "roster.duplicate_column",
                column=cell.strip(),
                first=column_letter(columns[field]),
                second=column_letter(index),
            )
        columns[field] = index
    return columns


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
        if all(not value.strip() for value in cells.values()):
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
