"""Reading a contest's scores file and entrants file (CSV or XLSX) into rows. Pure: no database.

Scores, long format (DESIGN.md ``huiwu scores import``): one mark per row, headers in Chinese or
English — ``选手``/``entrant`` (a name or the 出场序号), ``评委``/``judge``, ``分数``/``score`` and
optionally ``阶段``/``stage``, ``细则``/``criterion``, ``序号``/``number``, ``组别``/``group``,
``单位``/``unit``, ``项目``/``event``. A judge is written ``3``, ``3号``, ``评委3``, ``3号评委``,
``三号评委`` or by name (resolved against the contest by the importer).

Entrants: ``选手``/``name``, ``单位``/``unit``, ``组别``/``group``, ``项目``/``event``,
``团队``/``team``, ``成员``/``members`` (split by 、 or ,) and ``序号``/``number``.

Only what can be judged without the contest is checked here (blank names, a 序号 that is not a
whole number); every row problem is collected, never the first one only, as ``第N行: …`` with
the line as a spreadsheet shows it (header = line 1). Whether a mark is within [0, max], whether
the judge exists, and every other rule is the importer's (:mod:`models.score_import`), which
applies the very checks of a mark typed at the desk.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from models.errors import Refusal, refuse
from models.io import table_file
from models.io.table_file import clean_text, column_letter, header_key, is_blank, shown

SCORES, ENTRANTS = "scores", "entrants"  # the catalog areas of each file's refusals
HEADER_SEARCH_ROWS = 10  # a title row or two above the header is common in spreadsheets
MAX_NUMBER = 9999
MAX_NAME = 100
# A team's member list is stored as JSON in a 2,000-character column; the cell is held to half
# that, and the JSON (quotes, escapes) is checked too, so a long list is refused, not a crash.
MAX_MEMBERS_TEXT = 1000
MAX_MEMBERS_JSON = 2000

SCORE_ALIASES = {
    "选手": "entrant",
    "参赛选手": "entrant",
    "选手姓名": "entrant",
    "姓名": "entrant",
    "参赛者": "entrant",
    "entrant": "entrant",
    "name": "entrant",
    "序号": "number",
    "出场序号": "number",
    "number": "number",
    "no": "number",
    "no.": "number",
    "评委": "judge",
    "评委号": "judge",
    "评委编号": "judge",
    "judge": "judge",
    "分数": "score",
    "得分": "score",
    "评分": "score",
    "成绩": "score",
    "score": "score",
    "mark": "score",
    "阶段": "stage",
    "stage": "stage",
    "细则": "criterion",
    "评分细则": "criterion",
    "评分项": "criterion",
    "criterion": "criterion",
    "组别": "group",
    "group": "group",
    "单位": "unit",
    "部门": "unit",
    "unit": "unit",
    "项目": "event",
    "event": "event",
}
ENTRANT_ALIASES = {
    "选手": "name",
    "参赛选手": "name",
    "选手姓名": "name",
    "姓名": "name",
    "name": "name",
    "entrant": "name",
    "单位": "unit",
    "部门": "unit",
    "unit": "unit",
    "组别": "group",
    "group": "group",
    "项目": "event",
    "event": "event",
    "团队": "team",
    "队名": "team",
    "team": "team",
    "成员": "members",
    "队员": "members",
    "members": "members",
    "序号": "number",
    "出场序号": "number",
    "number": "number",
    "no": "number",
    "no.": "number",
}
TEXT_LIMITS = {"unit": 100, "group": 50, "event": 100, "team": 100, "stage": 50, "criterion": 50}
FIELD_NAMES = {  # how a missing column is named in the message
    "entrant": "选手/entrant",
    "judge": "评委/judge",
    "score": "分数/score",
    "name": "选手/name",
}

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_DIGITS.update({"七": 7, "八": 8, "九": 9})
_JUDGE_PATTERN = re.compile(
    r"^(?:第)?(?:评委|judge|j)?(?:第)?(?P<n>[0-9]+|[零〇一二两三四五六七八九十]+)(?:号)?(?:评委)?$"
)
_MEMBER_SEPARATORS = re.compile(r"[、,，;；/\n]")


@dataclass(frozen=True)
class ScoreRow:
    """One mark as the file gives it; ``judge`` is a number, a name to look up, or None (blank)."""

    line: int
    entrant: str
    number: int | None
    judge: int | str | None
    score: str
    stage: str = ""
    criterion: str = ""
    group: str = ""
    unit: str = ""
    event: str = ""
    problems: tuple[Refusal, ...] = ()


@dataclass(frozen=True)
class EntrantRow:
    line: int
    name: str
    number: int | None
    unit: str = ""
    group: str = ""
    event: str = ""
    team: str = ""
    members: tuple[str, ...] = ()
    problems: tuple[Refusal, ...] = ()

    def values(self) -> dict:
        """The keywords of :func:`models.contests.insert_entrant`."""
        return {
            "name": self.name,
            "unit": self.unit,
            "group": self.group,
            "event": self.event or None,
            "team": self.team,
            "members": self.members,
            "number": self.number,
        }


@dataclass
class _Row:
    """Collects one record's cells and problems while it is read."""

    line: int
    cells: dict[str, str]
    problems: list[Refusal] = field(default_factory=list)

    def fail(self, key: str, **params) -> None:
        self.problems.append(Refusal(key, {"line": self.line, **params}))

    def text(self, name: str, area: str, labels: dict[str, str]) -> str:
        value = clean_text(self.cells.get(name, ""))
        limit = TEXT_LIMITS.get(name, MAX_NAME)
        if len(value) > limit:
            self.fail(f"{area}.err.too_long", column=labels.get(name, name), max=limit)
        return value


# --- judges -------------------------------------------------------------------------------------


def chinese_digits(text: str) -> int | None:
    """一 … 九十九 as a number (三 → 3, 十二 → 12, 二十 → 20); None when it is not one."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[ch]) for ch in text)) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def judge_number(text: str) -> int | None:
    """``3``, ``3号``, ``评委3``, ``3号评委``, ``第3号评委``, ``三号评委``, ``Judge 3`` → 3;
    None when the text is not a judge's number (it may be a judge's name)."""
    key = "".join(unicodedata.normalize("NFKC", str(text or "")).split()).lower()
    match = _JUDGE_PATTERN.match(key)
    if match is None:
        return None
    digits = match["n"]
    return int(digits) if digits.isdigit() else chinese_digits(digits)


def parse_judge(text: str) -> int | str | None:
    """A judge's number, else the judge's name (spaces tidied), or None when blank."""
    name = clean_text(unicodedata.normalize("NFKC", str(text or "")))
    if not name:
        return None
    number = judge_number(name)
    return number if number is not None else name


def _members_too_long(cell: str, members: tuple[str, ...]) -> bool:
    stored = json.dumps(list(members), ensure_ascii=False)
    return len(clean_text(cell)) > MAX_MEMBERS_TEXT or len(stored) > MAX_MEMBERS_JSON


def split_members(text: str) -> tuple[str, ...]:
    pieces = _MEMBER_SEPARATORS.split(unicodedata.normalize("NFKC", str(text or "")))
    return tuple(name for name in (clean_text(p) for p in pieces) if name)


# --- files --------------------------------------------------------------------------------------


def read_score_file(path: str | Path) -> list[ScoreRow]:
    path = Path(path)
    return parse_score_bytes(table_file.read_bytes(path, SCORES), suffix=path.suffix)


def read_entrant_file(path: str | Path) -> list[EntrantRow]:
    path = Path(path)
    return parse_entrant_bytes(table_file.read_bytes(path, ENTRANTS), suffix=path.suffix)


def parse_score_bytes(data: bytes, *, suffix: str = "") -> list[ScoreRow]:
    """Every non-blank row of a scores file; rows with problems carry them (``problems``)."""
    records = table_file.records(data, suffix.lower(), SCORES)
    index, columns = _find_header(records, SCORE_ALIASES, SCORES, _score_header_ok)
    labels = {name: records[index][i].strip() for name, i in columns.items()}
    rows = []
    for offset, record in enumerate(records[index + 1 :]):
        row = _cells(record, columns, index + 2 + offset)
        if row is not None:
            rows.append(_score_row(row, labels))
    if not rows:
        raise refuse("scores.no_rows")
    return rows


def parse_entrant_bytes(data: bytes, *, suffix: str = "") -> list[EntrantRow]:
    records = table_file.records(data, suffix.lower(), ENTRANTS)
    index, columns = _find_header(records, ENTRANT_ALIASES, ENTRANTS, lambda c: "name" in c)
    labels = {name: records[index][i].strip() for name, i in columns.items()}
    rows = []
    for offset, record in enumerate(records[index + 1 :]):
        row = _cells(record, columns, index + 2 + offset)
        if row is not None:
            rows.append(_entrant_row(row, labels))
    if not rows:
        raise refuse("entrants.no_rows")
    return rows


def _score_header_ok(columns: dict[str, int]) -> bool:
    return ("entrant" in columns or "number" in columns) and {"judge", "score"} <= set(columns)


def _find_header(records, aliases, area, complete) -> tuple[int, dict[str, int]]:
    """The first of the first few non-blank records that names every required column."""
    filled = [i for i, record in enumerate(records) if not is_blank(record)]
    if not filled:
        raise refuse(f"{area}.empty")
    for index in filled[:HEADER_SEARCH_ROWS]:
        columns = _columns(records[index], aliases, area)
        if complete(columns):
            return index, columns
    first = records[filled[0]]
    columns = _columns(first, aliases, area)
    required = ("entrant", "judge", "score") if area == SCORES else ("name",)
    missing = [FIELD_NAMES[f] for f in required if f not in columns]
    if area == SCORES and "number" in columns and "entrant" not in columns:
        missing = [m for m in missing if m != FIELD_NAMES["entrant"]]
    found = "、".join(shown(cell) for cell in first if cell.strip())[:200] or "—"
    raise refuse(f"{area}.missing", columns="、".join(missing), found=found)


def _columns(record: list[str], aliases: dict[str, str], area: str) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(record):
        name = aliases.get(header_key(cell))
        if name is None:
            continue  # other columns (备注 …) are left alone
        if name in columns:
            raise refuse(
                f"{area}.duplicate_column",
                column=shown(cell),
                first=column_letter(columns[name]),
                second=column_letter(index),
            )
        columns[name] = index
    return columns


def _cells(record: list[str], columns: dict[str, int], line: int) -> _Row | None:
    cells = {name: record[i] if i < len(record) else "" for name, i in columns.items()}
    if all(not value.strip() for value in cells.values()):
        return None
    return _Row(line, cells)


def _number(row: _Row, area: str) -> int | None:
    raw = row.cells.get("number", "")
    text = "".join(unicodedata.normalize("NFKC", raw).split())
    if not text:
        return None
    if text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_NUMBER:
        return int(text)
    row.fail(f"{area}.err.bad_number", value=shown(raw))
    return None


def _score_row(row: _Row, labels: dict[str, str]) -> ScoreRow:
    entrant = row.text("entrant", SCORES, labels)
    number = _number(row, SCORES)
    if not entrant and number is None and not row.problems:
        row.fail("scores.err.no_entrant")
    return ScoreRow(
        line=row.line,
        entrant=entrant,
        number=number,
        judge=parse_judge(row.cells.get("judge", "")),
        score=row.cells.get("score", "").strip(),
        stage=row.text("stage", SCORES, labels),
        criterion=row.text("criterion", SCORES, labels),
        group=row.text("group", SCORES, labels),
        unit=row.text("unit", SCORES, labels),
        event=row.text("event", SCORES, labels),
        problems=tuple(row.problems),
    )


def _entrant_row(row: _Row, labels: dict[str, str]) -> EntrantRow:
    name = row.text("name", ENTRANTS, labels)
    if not name:
        row.fail("entrants.err.empty_name")
    members = split_members(row.cells.get("members", ""))
    if any(len(m) > MAX_NAME for m in members):
        row.fail("entrants.err.too_long", column=labels.get("members", "members"), max=MAX_NAME)
    elif _members_too_long(row.cells.get("members", ""), members):
        column = labels.get("members", "members")
        row.fail("entrants.err.too_long", column=column, max=MAX_MEMBERS_TEXT)
    return EntrantRow(
        line=row.line,
        name=name,
        number=_number(row, ENTRANTS),
        unit=row.text("unit", ENTRANTS, labels),
        group=row.text("group", ENTRANTS, labels),
        event=row.text("event", ENTRANTS, labels),
        team=row.text("team", ENTRANTS, labels),
        members=members,
        problems=tuple(row.problems),
    )
