"""The header of a roster file: which column holds which field. Pure: no database."""

import re

from models.errors import refuse
from models.io.table_file import column_letter
from models.io.table_file import header_key as _header_key
from models.io.table_file import is_blank as _is_blank
from models.io.table_file import shown as _shown

HEADER_SEARCH_ROWS = 10  # a title row or two above the header is common in spreadsheets
SEAT = "seat"  # 座号: 3排12座, 3-12, 主席台1 (models.seats.labels)
NOTE = "note"  # 备注/提示: shown on ✔ under the name at check-in
SKIP = "skip"  # 序号: a row number, ignored without a word
FIELDS = ("code", "name", "gender", "unit", "delegation", "category", "head", "phone", SEAT, NOTE)
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
    "备注": NOTE,
    "提示": NOTE,
    "提示语": NOTE,
    "签到提示": NOTE,
    "note": NOTE,
    "序号": SKIP,
}
# 编号/code, 姓名（必填）: a header is also read part by part; a required-field star is no part
_HEADER_PARTS = re.compile(r"[/／|｜()（）\[\]【】]")
_HEADER_MARKS = "*＊:："

# --- header -------------------------------------------------------------------------------------


def find_header(records: list[list[str]]) -> tuple[int, dict[str, int]]:
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
        return set()
    if HEADER_ALIASES[parts[0]] == NOTE:
        return {NOTE}  # 备注（团长）is a note (about heads), not the head column
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
    return FIELDS.index(field) if field in FIELDS else len(FIELDS) + 1


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


def unused_columns(
    records: list[list[str]], header_index: int
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The header's unknown columns (and known-but-unused ones: none since seats are stored), as
    labelled; a column holding data under an empty header is named by its letter."""
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
    width = max((len(record) for record in records[header_index + 1 :]), default=0)
    for index in range(width):
        if index < len(header) and header[index].strip():
            continue
        if any(
            index < len(record) and record[index].strip() for record in records[header_index + 1 :]
        ):
            unlabelled.append(column_letter(index))
    return tuple(ignored), tuple(unused), tuple(unlabelled)
