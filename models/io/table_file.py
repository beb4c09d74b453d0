"""Reading a table file (CSV in UTF-8 / UTF-8 with BOM / GBK / GB18030, or XLSX) into records.

Shared by the roster and the ballot readers. Pure: no database. Every refusal about the file as
a whole is ``<area>.<problem>`` (``roster.empty``, ``ballots.encoding`` …), so each reader keeps
its own wording in its own catalog area. The problems are: ``not_found``, ``cannot_read``,
``too_large`` (params file, max_mb), ``empty``, ``encoding``, ``xls_unsupported``, ``bad_xlsx``
and ``not_table``.
"""

import csv
import io
import re
import unicodedata
from pathlib import Path

from models.errors import Refusal, refuse

MAX_FILE_BYTES = 64 * 1024 * 1024
SHOWN_VALUE_CHARS = 40

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
XLSX_SUFFIXES = (".xlsx", ".xlsm")
# What the import file pickers list: .xls too, so its clear refusal is seen, not a missing file.
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".tsv", ".txt")

_SPACES = re.compile(r"\s+")
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")


def read_bytes(path: Path, area: str) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise refuse(f"{area}.too_large", file=path.name, max_mb=MAX_FILE_BYTES // 2**20)
        return path.read_bytes()
    except FileNotFoundError:
        raise refuse(f"{area}.not_found", file=str(path)) from None
    except OSError:
        raise refuse(f"{area}.cannot_read", file=str(path)) from None


def records(data: bytes, suffix: str, area: str, *, as_shown: bool = False) -> list[list[str]]:
    """Every record of the file as a list of cell texts (XLSX: the active sheet).

    ``as_shown``: XLSX numbers read through their number format, as Excel shows them, and
    a formula without a saved result or a date comes back as a :class:`CellText` saying so
    (see :mod:`models.io.shown_cells`)."""
    if not data.strip().removeprefix(b"\xef\xbb\xbf").strip():
        raise refuse(f"{area}.empty")
    if data.startswith(ZIP_MAGIC):
        if as_shown:
            from models.io.shown_cells import xlsx_shown_records

            return xlsx_shown_records(data, area)
        return xlsx_records(data, area)
    if data.startswith(OLE_MAGIC):
        raise refuse(f"{area}.xls_unsupported")
    text = decode(data)
    if text is None:
        raise refuse(f"{area}.bad_xlsx" if suffix.lower() in XLSX_SUFFIXES else f"{area}.encoding")
    return csv_records(text, area)


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK); None when neither fits."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding, errors="strict")
        except UnicodeDecodeError:
            continue
    return None


def csv_records(text: str, area: str) -> list[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise refuse(f"{area}.not_table") from None


def xlsx_records(data: bytes, area: str) -> list[list[str]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (BadZipFile, KeyError, XML errors …)
        raise refuse(f"{area}.bad_xlsx") from None
    try:
        sheet = workbook.active
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise refuse(f"{area}.not_table")
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # never trust the file's declared size; read every row
        return [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    except Refusal:
        raise
    except Exception:
        raise refuse(f"{area}.bad_xlsx") from None
    finally:
        workbook.close()


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 1001 typed into Excel comes back as 1001.0
    return str(value)


def header_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def is_blank(record: list[str]) -> bool:
    return all(not cell.strip() for cell in record)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as a spreadsheet labels it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def shown(value: str) -> str:
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
