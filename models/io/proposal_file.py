"""Reading a proposals file (CSV or XLSX) into rows. Pure: no database.

DESIGN.md ``huiwu proposals import``: one proposal a row, headers in Chinese or English —
``标题``/``title``, ``提案人``/``proposer``, ``附议人``/``seconders``, ``类别``/``category``,
``案由``/``reason``, ``建议``/``suggestion``. The proposer cell holds roster codes (several =
a joint proposal, 联名) or a delegation's name (a delegation's proposal); people are split by
、 , ， ; ； / or spaces. Headers are matched without regard to spaces, case, full-width forms or
a BOM; other columns (序号, 备注 …) are left alone.

Only what can be judged without the congress is checked here (an empty title); whether a code
is on the roster, a category in the list, and every other rule of RULES §5 is the importer's
(:mod:`models.proposal_import`), which runs the very checks of a proposal taken at the desk.
Every row problem is collected as ``第N行: …`` with the line as a spreadsheet shows it.
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from models.errors import Refusal, refuse
from models.io import table_file
from models.io.table_file import clean_text, column_letter, header_key, is_blank, shown

AREA = "proposals"  # the catalog area of the file's refusals (tui/i18n/cli_proposals.py)
HEADER_SEARCH_ROWS = 10  # a title row or two above the header is common in spreadsheets

ALIASES = {
    "标题": "title",
    "提案标题": "title",
    "提案题目": "title",
    "题目": "title",
    "案题": "title",
    "提案名称": "title",
    "title": "title",
    "提案人": "proposer",
    "提案者": "proposer",
    "提案代表": "proposer",
    "领衔人": "proposer",
    "领衔代表": "proposer",
    "proposer": "proposer",
    "proposers": "proposer",
    "附议人": "seconders",
    "附议代表": "seconders",
    "附议": "seconders",
    "seconders": "seconders",
    "seconder": "seconders",
    "类别": "category",
    "提案类别": "category",
    "分类": "category",
    "类型": "category",
    "category": "category",
    "案由": "reason",
    "理由": "reason",
    "reason": "reason",
    "建议": "suggestion",
    "具体建议": "suggestion",
    "建议措施": "suggestion",
    "措施": "suggestion",
    "办法": "suggestion",
    "suggestion": "suggestion",
    "suggestions": "suggestion",
}
REQUIRED = ("title", "proposer", "category")
FIELD_NAMES = {  # how a missing column is named in the message
    "title": "标题/title",
    "proposer": "提案人/proposer",
    "seconders": "附议人/seconders",
    "category": "类别/category",
}
_SEPARATORS = re.compile(r"[、,，;；/\s]+")


@dataclass(frozen=True)
class ProposalRow:
    """One proposal as the file gives it: ``proposer`` is the cell's text (a delegation's name
    or codes), ``codes`` the same cell split into roster codes."""

    line: int
    title: str
    proposer: str
    codes: tuple[str, ...]
    seconders: tuple[str, ...]
    category: str
    reason: str = ""
    suggestion: str = ""
    problems: tuple[Refusal, ...] = ()


@dataclass(frozen=True)
class ProposalFile:
    rows: tuple[ProposalRow, ...]
    columns: frozenset[str]  # the fields the header names (``seconders`` may be absent)
    header: str = "—"  # the header's cells, to name them in a message


def split_codes(text: str) -> tuple[str, ...]:
    """「D001、D002,D003 D004」 → (D001, D002, D003, D004); full-width forms folded."""
    pieces = _SEPARATORS.split(unicodedata.normalize("NFKC", str(text or "")))
    return tuple(piece for piece in pieces if piece)


def read_proposal_file(path: str | Path) -> ProposalFile:
    path = Path(path)
    return parse_proposal_bytes(table_file.read_bytes(path, AREA), suffix=path.suffix)


def parse_proposal_bytes(data: bytes, *, suffix: str = "") -> ProposalFile:
    """Every non-blank row of a proposals file; rows with problems carry them (``problems``)."""
    records = table_file.records(data, suffix.lower(), AREA)
    index, columns = _find_header(records)
    rows = []
    for offset, record in enumerate(records[index + 1 :]):
        row = _row(record, columns, index + 2 + offset)
        if row is not None:
            rows.append(row)
    if not rows:
        raise refuse(f"{AREA}.no_rows")
    header = "、".join(shown(cell) for cell in records[index] if cell.strip())[:200]
    return ProposalFile(tuple(rows), frozenset(columns), header)


def missing_column(field: str, found: str = "—") -> Refusal:
    return refuse(f"{AREA}.missing", columns=FIELD_NAMES[field], found=found)


def _find_header(records) -> tuple[int, dict[str, int]]:
    """The first of the first few non-blank records that names every required column."""
    filled = [i for i, record in enumerate(records) if not is_blank(record)]
    if not filled:
        raise refuse(f"{AREA}.empty")
    for index in filled[:HEADER_SEARCH_ROWS]:
        columns = _columns(records[index])
        if all(name in columns for name in REQUIRED):
            return index, columns
    first = records[filled[0]]
    columns = _columns(first)
    missing = [FIELD_NAMES[name] for name in REQUIRED if name not in columns]
    found = "、".join(shown(cell) for cell in first if cell.strip())[:200] or "—"
    raise refuse(f"{AREA}.missing", columns="、".join(missing), found=found)


def _columns(record: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(record):
        name = ALIASES.get(header_key(cell.lstrip("\ufeff")))
        if name is None:
            continue  # other columns (序号, 备注 …) are left alone
        if name in columns:
            raise refuse(
                f"{AREA}.duplicate_column",
                column=shown(cell),
                first=column_letter(columns[name]),
                second=column_letter(index),
            )
        columns[name] = index
    return columns


def _row(record: list[str], columns: dict[str, int], line: int) -> ProposalRow | None:
    cells = {name: record[i] if i < len(record) else "" for name, i in columns.items()}
    if all(not value.strip() for value in cells.values()):
        return None
    problems = []
    title = clean_text(cells.get("title", ""))
    if not title:
        problems.append(Refusal(f"{AREA}.err.empty_title", {"line": line}))
    proposer = clean_text(cells.get("proposer", ""))
    if not proposer:
        problems.append(Refusal(f"{AREA}.err.no_proposer", {"line": line}))
    return ProposalRow(
        line=line,
        title=title,
        proposer=proposer,
        codes=split_codes(proposer),
        seconders=split_codes(cells.get("seconders", "")),
        category=clean_text(cells.get("category", "")),
        reason=_text(cells.get("reason", "")),
        suggestion=_text(cells.get("suggestion", "")),
        problems=tuple(problems),
    )


def _text(value: str) -> str:
    """A paragraph as written: trimmed, line breaks kept (案由 and 建议 run to several lines)."""
    lines = [" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()
