"""Reading a roster file (CSV or XLSX) into checked rows. Pure: no database.

Everything that can be wrong with the file is found here, before anything is written: a problem
with the file as a whole is one :class:`~models.errors.Refusal` with its own key; problems with
rows are collected, every one of them, into a single ``roster.invalid`` refusal whose details
name the line as a spreadsheet shows it (header = line 1; for CSV a record, not a physical line,
so a quoted field holding a newline does not shift the numbers).
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from models.badge_code import is_valid_code, normalize_code
from models.congress import CATEGORY_ALIASES, VOTING
from models.errors import Refusal, refuse

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NAME = 50
MAX_GENDER = 8
MAX_UNIT = 200
MAX_DELEGATION = 100
MAX_CODE = 32
HEADER_SEARCH_ROWS = 10  # a title row or two above the header is common in spreadsheets
SHOWN_VALUE_CHARS = 40

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
XLSX_SUFFIXES = (".xlsx", ".xlsm")

FIELDS = ("code", "name", "gender", "unit", "delegation", "category", "head")
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
}
HEAD_YES = {"是", "y", "yes", "1", "true", "√", "✓", "✔", "团长"}
HEAD_NO = {"", "否", "n", "no", "0", "false", "×", "✗", "✘"}

_SPACES = re.compile(r"\s+")
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")


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


def read_roster_file(path: str | Path) -> list[RosterRow]:
    """The checked rows of a roster file, or a Refusal saying what is wrong with it."""
    path = Path(path)
    return parse_roster_bytes(read_bytes(path), suffix=path.suffix)


def read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise refuse("roster.too_large", file=path.name, max_mb=MAX_FILE_BYTES // 2**20)
        return path.read_bytes()
    except FileNotFoundError:
        raise refuse("roster.not_found", file=str(path)) from None
    except OSError:
        raise refuse("roster.cannot_read", file=str(path)) from None


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


# --- bytes → records (lists of cell texts) -----------------------------------------------------


def _records(data: bytes, suffix: str) -> list[list[str]]:
    if not data.strip().removeprefix(b"\xef\xbb\xbf").strip():
        raise refuse("roster.empty")
    if data.startswith(ZIP_MAGIC):
        return _xlsx_records(data)
    if data.startswith(OLE_MAGIC):
        raise refuse("roster.xls_unsupported")
    text = _decode(data)
    if text is None:
        raise refuse("roster.bad_xlsx" if suffix in XLSX_SUFFIXES else "roster.encoding")
    return _csv_records(text)


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK); None when neither fits."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding, errors="strict")
        except UnicodeDecodeError:
            continue
    return None


def _csv_records(text: str) -> list[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise refuse("roster.not_table") from None


def _xlsx_records(data: bytes) -> list[list[str]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (BadZipFile, KeyError, XML errors …)
        raise refuse("roster.bad_xlsx") from None
    try:
        sheet = workbook.active
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise refuse("roster.not_table")
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # never trust the file's declared size; read every row
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    except Refusal:
        raise
    except Exception:
        raise refuse("roster.bad_xlsx") from None
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 1001 typed into Excel comes back as 1001.0
    return str(value)


# --- header -------------------------------------------------------------------------------------


def _header_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _is_blank(record: list[str]) -> bool:
    return all(not cell.strip() for cell in record)


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
        if field in columns:
            raise refuse(
                "roster.duplicate_column",
                column=cell.strip(),
                first=column_letter(columns[field]),
                second=column_letter(index),
            )
        columns[field] = index
    return columns


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as a spreadsheet labels it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- rows ---------------------------------------------------------------------------------------


def _shown(value: str) -> str:
    """A cell's text safe to put in a message: no control characters, not too long."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else "?" for ch in value.strip())
    return text if len(text) <= SHOWN_VALUE_CHARS else text[: SHOWN_VALUE_CHARS - 1] + "…"


def clean_text(value: str) -> str:
    """Trimmed, runs of spaces made one, and no space between two Chinese characters
    (「王  芳」 is spaced out to line up with three-character names; it is 王芳)."""
    text = value.strip()
    if _SPACES.search(text) is None:
        return text
    return _SPACE_BETWEEN_CJK.sub("", _SPACES.sub(" ", text))


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
