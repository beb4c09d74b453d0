"""Reading a file of election ballots (CSV or XLSX) into :class:`Ballot` values. Pure: no database.

One row per ballot (DESIGN.md ``huiwu ballots import``):

- ``票号`` / ``ballot``: the ballot's number, a whole number from 1;
- one column per candidate, headed by the candidate's name (compared after NFKC with spaces
  removed), holding ○ (赞成), × (不赞成) or nothing (弃权);
- optionally ``另选他人`` / ``write_in``: names written in, split by 、 or , or ，.

Marks: ○ 〇 ◯ O o (and full-width Ｏ ｏ) are 赞成; × X x ✗ ✘ ✕ are 不赞成; an empty cell is 弃权;
anything else (0, √, two marks, a scribble) is unreadable ``?`` — counted as the election's
setting says, never guessed. A row is never dropped for its marks: it is still a ballot, even
when not one of its cells can be read. Over-filled ballots are not refused here — the tally
counts them void.

A problem with the file as a whole refuses it, and nothing is imported: an unreadable file, no
票号 column, a candidate with no column, a column that is neither a candidate nor known, a column
named twice, or rows that cannot be lined up: no usable 票号, a 票号 used twice, text in a column
with no header (every such row is listed as ``第N行: …``, the line as a spreadsheet shows it,
header = line 1).
"""

import re
import unicodedata
from pathlib import Path

from models.errors import Refusal, refuse
from models.io import table_file
from models.io.table_file import clean_text, column_letter, header_key, is_blank, shown
from models.rules.election import BLANK, NO, UNREADABLE, YES, Ballot, normalize_name

AREA = "ballots"
HEADER_SEARCH_ROWS = 10  # a title row or two above the header is common in spreadsheets
MAX_NUMBER = 999_999
MAX_WRITE_IN = 50  # a name, as long as a candidate's
MAX_WRITE_INS = 400  # all the names written on one ballot, joined

NUMBER, WRITE_IN = "#number", "#write_in"  # never a normalized candidate name
HEADER_ALIASES = {
    "票号": NUMBER,
    "选票号": NUMBER,
    "选票编号": NUMBER,
    "ballot": NUMBER,
    "ballotno": NUMBER,
    "ballotno.": NUMBER,
    "ballot_no": NUMBER,
    "ballotnumber": NUMBER,
    "ballot_number": NUMBER,
    "另选他人": WRITE_IN,
    "另选": WRITE_IN,
    "另选人": WRITE_IN,
    "write_in": WRITE_IN,
    "write-in": WRITE_IN,
    "writein": WRITE_IN,
    "write_ins": WRITE_IN,
    "write-ins": WRITE_IN,
    "writeins": WRITE_IN,
}
YES_MARKS = frozenset("○〇◯Oo")
NO_MARKS = frozenset("×Xx✗✘✕")
_WRITE_IN_SEPARATORS = re.compile(r"[、,，;；\n]")


def read_ballot_file(path: str | Path, candidates: list[str]) -> list[Ballot]:
    """The ballots of a file, marks in the order of ``candidates``; or a Refusal."""
    path = Path(path)
    return parse_ballot_bytes(table_file.read_bytes(path, AREA), candidates, suffix=path.suffix)


def parse_ballot_bytes(data: bytes, candidates: list[str], *, suffix: str = "") -> list[Ballot]:
    records = table_file.records(data, suffix, AREA)
    names = [normalize_name(c) for c in candidates]
    header_index = _find_header(records)
    header = records[header_index]
    columns = _columns(header, names)
    ballots = _read_rows(records[header_index + 1 :], header_index + 2, columns, names, header)
    if not ballots:
        raise refuse("ballots.no_rows")
    return ballots


def mark_of(text: str) -> str:
    """One cell as a mark: ``o`` ○, ``x`` ×, ``-`` blank, ``?`` unreadable."""
    value = "".join(unicodedata.normalize("NFKC", text).split())
    if not value:
        return BLANK
    if value in YES_MARKS:
        return YES
    if value in NO_MARKS:
        return NO
    return UNREADABLE


def split_write_ins(text: str) -> tuple[str, ...]:
    """Names written in, split by 、 , ， ; ； or a line break, each tidied; empty pieces dropped."""
    pieces = _WRITE_IN_SEPARATORS.split(unicodedata.normalize("NFKC", text))
    return tuple(name for name in (clean_text(p) for p in pieces) if name)


# --- header -------------------------------------------------------------------------------------


def _find_header(records: list[list[str]]) -> int:
    """The first of the first few non-blank records that has a 票号 column."""
    filled = [i for i, record in enumerate(records) if not is_blank(record)]
    if not filled:
        raise refuse("ballots.empty")
    for index in filled[:HEADER_SEARCH_ROWS]:
        if any(HEADER_ALIASES.get(header_key(cell)) == NUMBER for cell in records[index]):
            return index
    found = "、".join(shown(cell) for cell in records[filled[0]] if cell.strip())[:200]
    raise refuse("ballots.no_number_column", found=found)


def _columns(header: list[str], names: list[str]) -> dict[str, int]:
    """Field (``number``, ``write_in`` or a candidate's normalized name) → column index."""
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for index, cell in enumerate(header):
        if not cell.strip():
            continue  # an unnamed column must stay empty (checked row by row)
        field = HEADER_ALIASES.get(header_key(cell))
        if field is None and normalize_name(cell) in names:
            field = normalize_name(cell)
        if field is None:
            unknown.append(f"{shown(cell)}（{column_letter(index)}）")
            continue
        if field in columns:
            raise refuse(
                "ballots.duplicate_column",
                column=shown(cell),
                first=column_letter(columns[field]),
                second=column_letter(index),
            )
        columns[field] = index
    missing = [n for n in names if n not in columns]
    if missing:
        error = refuse("ballots.missing_candidates", names="、".join(missing))
        if unknown:
            error.details.append(Refusal("ballots.hint_unknown", {"columns": "、".join(unknown)}))
        raise error
    if unknown:
        raise refuse("ballots.unknown_columns", columns="、".join(unknown))
    return columns


# --- rows ---------------------------------------------------------------------------------------


def _read_rows(
    records: list[list[str]],
    first_line: int,
    columns: dict[str, int],
    names: list[str],
    header: list[str],
) -> list[Ballot]:
    ballots: list[Ballot] = []
    errors: list[Refusal] = []
    bad_lines: set[int] = set()
    number_lines: dict[int, int] = {}
    named = {index for index, cell in enumerate(header) if cell.strip()}

    def fail(line: int, key: str, **params) -> None:
        errors.append(Refusal(key, {"line": line, **params}))
        bad_lines.add(line)

    for offset, record in enumerate(records):
        line = first_line + offset
        if is_blank(record):
            continue
        number = _number(record, columns, line, fail)
        if number is not None:
            if number in number_lines:
                fail(
                    line, "ballots.err.duplicate_number", number=number, first=number_lines[number]
                )
            else:
                number_lines[number] = line
        stray = [i for i, cell in enumerate(record) if cell.strip() and i not in named]
        if stray:
            fail(line, "ballots.err.unnamed_column", column=column_letter(stray[0]))
        write_ins = split_write_ins(_cell(record, columns.get(WRITE_IN)))
        long = [w for w in write_ins if len(normalize_name(w)) > MAX_WRITE_IN]
        if long:
            fail(line, "ballots.err.write_in_too_long", name=shown(long[0]), max=MAX_WRITE_IN)
        elif len("、".join(normalize_name(w) for w in write_ins)) > MAX_WRITE_INS:
            fail(line, "ballots.err.write_ins_too_long", max=MAX_WRITE_INS)
        if line in bad_lines or number is None:
            continue
        marks = "".join(mark_of(_cell(record, columns[n])) for n in names)
        ballots.append(Ballot(number, marks, write_ins))
    if errors:
        raise Refusal("ballots.invalid", {"count": len(bad_lines)}, details=errors)
    return ballots


def _cell(record: list[str], index: int | None) -> str:
    if index is None or index >= len(record):
        return ""
    return record[index]


def _number(record: list[str], columns: dict[str, int], line: int, fail) -> int | None:
    raw = _cell(record, columns[NUMBER])
    text = "".join(unicodedata.normalize("NFKC", raw).split())
    if not text:
        fail(line, "ballots.err.empty_number")
        return None
    if not text.isascii() or not text.isdigit():
        fail(line, "ballots.err.bad_number", value=shown(raw))
        return None
    number = int(text)
    if not 1 <= number <= MAX_NUMBER:
        fail(line, "ballots.err.bad_number", value=shown(raw))
        return None
    return number
