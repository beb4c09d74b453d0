"""Fuzzing the doors hostile input comes through (issue 7 §3c), on SQLite and PostgreSQL.

The scan handler (:func:`models.attendance.check_in`) and the file importers (roster, election
ballots, contest scores and entrants, proposals) and the keying of a motion's secret ballots are
fed arbitrary text and bytes, near-misses of real inputs (a badge with one character changed, a
roster with a bad cell) and well-formed files with random cells. Whatever comes in:

- the answer is a result or a :class:`~models.errors.Refusal` — never another exception;
- a refusal changes nothing: each test keeps ONE database and compares a fingerprint (row count
  and a digest of every row of the tables the service may touch, and of the audit log) before
  and after every example; the only trace a refused scan may leave is its failed-scan row and
  ``checkin.failed`` event, which are the log of the attempt by design;
- a refusal reads in both languages: its key and every detail's key are in the catalogs and
  their parameters fill the template;
- at the end the audit chain and :func:`models.verify.verify_database` still hold, and a real
  badge still checks in.

Hypothesis is not coverage-guided, so the strategies start from real inputs and bend them
(mutated bytes of a valid CSV/XLSX, an XLSX whose parts are damaged, cells drawn from the values
each column accepts mixed with junk). Each test is bounded by ``max_examples``; the figures are
in docs/design.md.
"""

import csv
import datetime as dt
import functools
import hashlib
import io
import json
import os
import string
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import select

from models import audit, badge_code, contests
from models.attendance import T_CHECKIN, T_FAILED, T_LEAVE, check_in, record_leave, undo_checkin
from models.congress import (
    T_CONGRESS,
    T_DELEGATION,
    T_PERSON,
    T_SITTING,
    congress_secret,
    require_congress,
)
from models.contests import T_ENTRANT
from models.elections import T_BALLOT, import_ballots, new_election
from models.errors import Refusal
from models.motions import T_MBALLOT, new_motion, record_motion_ballot
from models.proposal_import import import_proposals
from models.proposals import T_LOG, T_PP, T_PROPOSAL
from models.roster import import_roster
from models.rules.scoring import LOWER, MEASURED, Stage
from models.score_import import import_entrants, import_scores
from models.scores import T_MARK
from models.verify import verify_database
from models.voting import (
    T_ITEM,
    T_ROLL,
    T_ROLL_MEMBER,
    issue,
    load_item,
    locked_outcome,
    set_counted,
)
from tests.helpers import add_people, badge, check_in_codes, delegates, row_count, seat_voters
from tui.i18n import _named as named_params
from tui.i18n import catalogs, set_lang
from tui.texts import scan_detail, scan_headline

# HUIWU_FUZZ_SCALE=20 runs twenty times the examples: a deeper hunt than the suite's bounded run.
SCALE = max(1, int(os.environ.get("HUIWU_FUZZ_SCALE") or 1))
BOUNDED = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
    ],
}
STATION = "模糊台"

# --- what every answer must be ----------------------------------------------------------------


def fingerprint(db, tables) -> tuple:
    """Each table's row count and a digest of all its rows (with ``audit.T_EVENT``: the log)."""
    with db.read() as conn:
        parts: list = []
        for table in tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest = hashlib.sha256(repr([tuple(row) for row in rows]).encode()).hexdigest()
            parts.append((table.name, len(rows), digest))
    return tuple(parts)


def assert_readable(refusal: Refusal) -> None:
    """The refusal and each of its details have a template in both languages that its
    parameters fill (t() falls back to the bare key, which a user must never see)."""
    for error in (refusal, *refusal.details):
        for lang in ("zh", "en"):
            template = catalogs()[lang].get(error.key)
            assert template is not None, f"{error.key} is missing from the {lang} catalog"
            set_lang(lang)
            try:
                text = template.format(**named_params(error.key, error.params))
            finally:
                set_lang("zh")
            assert text.strip(), error.key


def assert_consistent(db) -> None:
    chain = audit.verify(db)
    assert chain.ok, chain
    report = verify_database(db)
    assert report.ok, report.first_failure


def kinds_since(db, version: int) -> list[str]:
    with db.read() as conn:
        return list(
            conn.execute(
                select(audit.T_EVENT.c.kind)
                .where(audit.T_EVENT.c.id > version)
                .order_by(audit.T_EVENT.c.id)
            ).scalars()
        )


# --- text strategies ----------------------------------------------------------------------------

ANY_CHAR = st.characters(blacklist_categories=("Cs",))  # a str never holds a lone surrogate
TEXT_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
ODD_CHARS = (" ", "\t", "\n", "\r", "\u3000", "\u00a0", "\u200b", "\ufeff", "\x1b", "\x7f", "\x85")
IME_PUNCTUATION = {":": ("：", "﹕"), ".": ("。", "．"), "-": ("—", "–", "－")}


def repeated(text: st.SearchStrategy[str], low: int, high: int) -> st.SearchStrategy[str]:
    """Huge texts without drawing each character: a short text repeated."""
    return st.builds(lambda s, n: (s or "长") * n, text, st.integers(low, high))


def any_text(char=ANY_CHAR, max_size=40) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(char, max_size=max_size),
        st.text(st.sampled_from(ODD_CHARS + tuple(string.printable)), max_size=max_size),
        repeated(st.text(char, max_size=4), 20, 400),
    )


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@st.composite
def near(draw, text: str, alphabet: str = "") -> str:
    """``text`` bent one to three times the way people, scanners and input methods bend it."""
    for _ in range(draw(st.integers(1, 3))):
        size = len(text)
        i = draw(st.integers(0, max(size - 1, 0)))
        j = draw(st.integers(i, size))
        how = draw(
            st.sampled_from(
                [
                    "flip",
                    "drop",
                    "insert",
                    "full_width",
                    "ime",
                    "lower",
                    "truncate",
                    "colon",
                    "odd",
                    "repeat",
                    "twice",
                ]
            )
        )
        if how == "flip" and size:
            char = draw(st.one_of(st.sampled_from(alphabet or string.ascii_uppercase), ANY_CHAR))
            text = text[:i] + char + text[i + 1 :]
        elif how == "drop":
            text = text[:i] + text[i + 1 :]
        elif how == "insert":
            text = text[:i] + draw(st.text(ANY_CHAR, min_size=1, max_size=3)) + text[i:]
        elif how == "full_width":
            text = text[:i] + full_width(text[i:j]) + text[j:]
        elif how == "ime":
            text = "".join(
                draw(st.sampled_from(IME_PUNCTUATION[c])) if c in IME_PUNCTUATION else c
                for c in text
            )
        elif how == "lower":
            text = text[:i] + text[i:j].lower() + text[j:]
        elif how == "truncate":
            text = text[:i]
        elif how == "colon":
            text = text[:i] + ":" + text[i:]
        elif how == "odd":
            text = text[:i] + draw(st.sampled_from(ODD_CHARS)) + text[i:]
        elif how == "repeat":
            text = text * draw(st.integers(2, 40))
        elif how == "twice":
            text = text + draw(st.sampled_from(["", " ", "\n", "\r\n"])) + text
    return text


# --- 1. the scan handler ------------------------------------------------------------------------

ROSTER_CODES = ("D0001", "D0002", "D0003", "D0004", "D0005", "Z1")
UNCHANGED_BY_A_SCAN = (T_CHECKIN, T_LEAVE, T_PERSON, T_DELEGATION, T_SITTING, T_CONGRESS)
STATUSES = {"ok", "already", "invalid", "unknown", "on_leave"}
REASONS = {None, "malformed", "forged", "foreign"}


@pytest.fixture
def desk(congress_db):
    """Six people; D0002 already checked in, D0003 on leave (each answer can come up)."""
    add_people(congress_db, [*delegates(5), ("Z1", "张三丰", "第二代表团", "guest")])
    check_in_codes(congress_db, ["D0002"])
    record_leave(congress_db, "D0003", reason="出差")
    return congress_db


def badge_pool(db) -> list[str]:
    """Genuine badges, badges of another congress, and a genuine signature on a code that is
    not on the roster."""
    with db.read() as conn:
        congress = require_congress(conn)
        secret, uid = congress_secret(conn, congress.id), congress.uid
    other = [badge_code.badge_text(b"another congress", "OTHERUID1", c) for c in ROSTER_CODES]
    unknown = [badge_code.badge_text(secret, uid, c) for c in ("X0001", "D00010", "D-1")]
    return [badge(db, c) for c in ROSTER_CODES] + other + unknown


def scan(db, raw: str, method: str | None):
    """One check-in, and every property of its answer."""
    before = fingerprint(db, UNCHANGED_BY_A_SCAN)
    version = audit.current_version(db)
    failed = row_count(db, T_FAILED)
    result = check_in(db, raw, station=STATION, operator="模糊", method=method)
    assert result.status in STATUSES and result.reason in REASONS, result
    json.dumps(result.as_json(), ensure_ascii=False)
    assert scan_headline(result) and isinstance(scan_detail(result), str)
    new_kinds = kinds_since(db, version)
    if result.status == "ok":
        # Only a person's own badge (or, typed, their code) checks them in.
        text = badge_code.normalize_scan(raw)
        genuine = badge(db, result.code)
        assert text == genuine if method == "scan" else text in (genuine, result.code), raw
        assert new_kinds == ["checkin"]
        undo_checkin(db, code=result.code, reason="模糊测试复原", station=STATION)
        return result
    assert fingerprint(db, UNCHANGED_BY_A_SCAN) == before, (raw, result)
    assert new_kinds == ([] if result.status == "already" else ["checkin.failed"]), new_kinds
    assert row_count(db, T_FAILED) - failed == len(new_kinds)
    return result


def finish_desk(db) -> None:
    assert check_in(db, badge(db, "D0001"), station=STATION, method="scan").status == "ok"
    assert check_in(db, badge(db, "D0002"), station=STATION, method="scan").status == "already"
    assert_consistent(db)


METHODS = st.sampled_from([None, "scan", "manual"])


def test_any_text_scanned_or_typed_is_answered_and_changes_nobody(desk):
    @settings(max_examples=150 * SCALE, **BOUNDED)
    @given(text=any_text(max_size=80), method=METHODS)
    @example(text="", method=None)
    @example(text="HW1:", method="scan")
    @example(text=":::", method=None)
    @example(text="d0001", method=None)  # a typed code, lower case: a manual check-in
    @example(text="HW1:" + "A" * 600, method="scan")
    def fuzz(text, method):
        scan(desk, text, method)

    fuzz()
    finish_desk(desk)


def test_near_badges_check_in_only_their_owner(desk):
    pool = badge_pool(desk)
    alphabet = string.ascii_uppercase + string.digits + ":.-$%*+/ "

    @settings(max_examples=200 * SCALE, **BOUNDED)
    @given(data=st.data(), method=METHODS)
    def fuzz(data, method):
        base = data.draw(st.sampled_from(pool), label="badge")
        bent = data.draw(st.one_of(st.just(base), near(base, alphabet)), label="scanned")
        result = scan(desk, bent, method)
        if base == bent and base in pool[: len(ROSTER_CODES)] and method != "manual":
            assert result.status in ("ok", "already", "on_leave"), (bent, result)

    fuzz()
    finish_desk(desk)


def test_a_nul_in_a_scan_is_refused_not_crashed(desk):
    for raw, method in (("\x00", None), ("\x00", "scan"), ("HW1:\x00", None)):
        assert scan(desk, raw, method).status in ("invalid", "unknown")


def test_a_badge_with_a_non_ascii_signature_is_forged_not_a_crash(desk):
    genuine = badge(desk, "D0001")
    bent = genuine[:-16] + "\x80" + genuine[-15:]  # found by test_near_badges_…
    assert scan(desk, bent, None).status == "invalid"


# --- 2, 3. the importers --------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column a file may have: the headers it goes by, and the cells it may hold."""

    headers: tuple[str, ...]
    cells: st.SearchStrategy
    required: bool = False


@dataclass(frozen=True)
class Target:
    name: str
    setup: Callable
    run: Callable  # (db, path) → report; a Refusal when the file is refused
    tables: tuple
    sample: tuple[tuple[str, ...], ...]  # a good file's records: the fuzzing starts from it
    columns: tuple[Column, ...]
    check: Callable | None = None  # (db, report) on success
    prepare: Callable | None = None  # (db) before each attempt, outside what must stay unchanged


JUNK = any_text(TEXT_CHAR, max_size=12)
TOO_LONG = repeated(st.sampled_from(["长", "A", "名字", " "]), 30, 300)


def cells(*values: str) -> st.SearchStrategy[str]:
    """Mostly the values a column takes (bent at times), sometimes junk or far too long."""
    good = st.sampled_from(values)
    return st.one_of(good, good, good, good.flatmap(near), JUNK, TOO_LONG)


def table_of(columns: tuple[Column, ...]) -> st.SearchStrategy[list[list[str]]]:
    @st.composite
    def build(draw) -> list[list[str]]:
        chosen = [
            c for c in columns if (c.required and draw(st.integers(0, 19))) or draw(st.booleans())
        ]
        if draw(st.integers(0, 9)) == 0:
            chosen.append(Column(("备注", "remark", "", "??"), JUNK))
        if chosen and draw(st.integers(0, 14)) == 0:
            chosen.append(draw(st.sampled_from(chosen)))  # a column named twice
        chosen = draw(st.permutations(chosen))
        header = [draw(header_cell(c.headers)) for c in chosen]
        rows = draw(st.lists(st.tuples(*(c.cells for c in chosen)).map(list), max_size=8))
        records = [header, *rows]
        if draw(st.integers(0, 5)) == 0:
            records.insert(0, [draw(st.sampled_from(["某公司职代会", "", "表一"]))])
        if rows and draw(st.integers(0, 5)) == 0:
            at = draw(st.integers(1, len(records)))
            records.insert(at, draw(st.sampled_from([[], [""], ["", "", ""], ["x"] * 12])))
        return records

    return build()


@st.composite
def header_cell(draw, names: tuple[str, ...]) -> str:
    name = draw(st.sampled_from(names))
    how = draw(st.sampled_from(["as is", "as is", "upper", "spaced", "full", "bom"]))
    return {
        "as is": name,
        "upper": name.upper(),
        "spaced": f" {name} ",
        "full": full_width(name),
        "bom": "\ufeff" + name,
    }[how]


def csv_text(records, delimiter=",", quoted=True, newline="\r\n") -> str:
    if not quoted:
        return "".join(delimiter.join(record) + newline for record in records)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(records)
    return buffer.getvalue()


@st.composite
def csv_bytes(draw, records) -> bytes:
    text = csv_text(
        records,
        delimiter=draw(st.sampled_from([",", ",", "\t", ";"])),
        quoted=draw(st.integers(0, 3)) > 0,
        newline=draw(st.sampled_from(["\r\n", "\n", "\r"])),
    )
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030"]))
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:  # beyond GBK: GB18030 holds every character
        return text.encode("gb18030")


FORMULAS = ("=1/0", "=A1", "=SUM(1,2)", '="甲"&"乙"', "=NA()", "=A1+", "=#REF!")
XLSX_VALUES = st.one_of(
    st.none(),
    st.integers(-(10**15), 10**15),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1)),
    st.times(),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, max_value=10**9, min_value=-(10**9)
    ),
    st.sampled_from(FORMULAS),
)


def xlsx_safe(value):
    """openpyxl refuses to write control characters (the XML cannot hold them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


@st.composite
def xlsx_bytes(draw, records) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for record in records:
        row = [
            draw(st.one_of(st.just(cell), XLSX_VALUES)) if draw(st.integers(0, 5)) == 0 else cell
            for cell in record
        ]
        sheet.append([xlsx_safe(value) for value in row])
    layout = draw(st.sampled_from(["one sheet", "one sheet", "two sheets", "chart sheet", "empty"]))
    if layout == "two sheets":
        workbook.create_sheet("其他").append(["编号", "姓名"])
    elif layout == "chart sheet":
        workbook.create_chartsheet("图表")
        workbook.active = 1
    elif layout == "empty":
        workbook.active = workbook.index(workbook.create_sheet("空表"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@functools.cache
def sample_xlsx(records: tuple) -> bytes:
    workbook = openpyxl.Workbook()
    for record in records:
        workbook.active.append(list(record))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """Bytes flipped, inserted, deleted, duplicated or cut off."""
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, max(len(data) - 1, 0)))
        how = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate"]))
        if how == "flip" and data:
            data[i] = draw(st.integers(0, 255))
        elif how == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif how == "delete":
            del data[i : i + draw(st.integers(1, 8))]
        elif how == "truncate":
            del data[i:]
        elif how == "duplicate":
            data[i:i] = data[i : i + draw(st.integers(1, 64))]
    return bytes(data)


@st.composite
def damaged_xlsx(draw, data: bytes) -> bytes:
    """A real XLSX with one of its parts mutated, replaced or missing: past the zip, into the XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = draw(st.sampled_from(sorted(parts)))
    how = draw(st.sampled_from(["mutate", "mutate", "replace", "drop"]))
    if how == "mutate":
        parts[name] = draw(mutated(parts[name]))
    elif how == "replace":
        parts[name] = draw(st.one_of(st.binary(max_size=200), st.just(b"")))
    else:
        del parts[name]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return buffer.getvalue()


def any_bytes(target: Target) -> st.SearchStrategy[bytes]:
    good_csv = csv_text(target.sample).encode()
    good_xlsx = sample_xlsx(target.sample)
    return st.one_of(
        st.binary(max_size=2000),
        mutated(good_csv),
        mutated(csv_text(target.sample).encode("gbk")),
        mutated(good_xlsx),
        damaged_xlsx(good_xlsx),
        st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=200).map(lambda b: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b),
        st.binary(max_size=200).map(lambda b: b"\xef\xbb\xbf" + b),
    )


SUFFIXES = st.sampled_from([".csv", ".xlsx", ".CSV", ".XLSX", ".txt", "", ".xls", ".xlsm"])


def attempt(db, target: Target, path: Path):
    """One import: a report, or a Refusal that changed nothing and reads in both languages."""
    tables = (*target.tables, audit.T_EVENT)
    if target.prepare is not None:
        target.prepare(db)
    before = fingerprint(db, tables)
    try:
        report = target.run(db, path)
    except Refusal as refusal:
        assert fingerprint(db, tables) == before, f"a refused {target.name} file changed the db"
        assert_readable(refusal)
        return None
    if target.check is not None:
        target.check(db, report)
    return report


# --- the targets

HEAD_MARKS = ("是", "", "否", "Y", "√", "团长", "1", "×", "maybe")
CATEGORIES = (
    "正式代表",
    "",
    "列席代表",
    "特邀代表",
    "工作人员",
    "delegate",
    "guest",
    "代表团",
    "??",
)


def roster_setup(db) -> None:
    add_people(db, delegates(3))


def roster_check(db, report) -> None:
    assert report.total == report.added + report.updated + report.unchanged
    assert row_count(db, T_PERSON) >= report.total


ROSTER = Target(
    name="roster",
    setup=roster_setup,
    run=lambda db, path: import_roster(db, path, operator="模糊", station=STATION),
    tables=(T_PERSON, T_DELEGATION),
    sample=(
        ("编号", "姓名", "性别", "单位", "代表团", "类别", "团长"),
        ("A001", "张三丰", "男", "机关党委", "第一代表团", "正式代表", "是"),
        ("A002", "李四", "女", "第一车间", "第一代表团", "", ""),
        ("D0001", "代表一", "男", "", "第二代表团", "列席代表", ""),
    ),
    columns=(
        Column(
            ("编号", "code"),
            cells("A001", "A002", "D0001", "a 003", "Ａ004", "", "A#1", "A" * 40),
            True,
        ),
        Column(("姓名", "name"), cells("张三丰", "王 芳", "李四", "", "Ann Lee"), True),
        Column(("性别", "gender"), cells("男", "女", "", "未知性别很长")),
        Column(("单位", "unit"), cells("机关党委", "第一车间", "")),
        Column(("代表团", "delegation"), cells("第一代表团", "第二代表团", "", " 第一 代表团 ")),
        Column(("类别", "category"), cells(*CATEGORIES)),
        Column(("团长", "head"), cells(*HEAD_MARKS)),
    ),
    check=roster_check,
)

CANDIDATES = ("王芳", "李四", "张三丰")
MARKS = ("○", "×", "", "O", "x", "〇", "✗", "√", "0", "○×", " ○ ")


def ballots_setup(db) -> None:
    seat_voters(db, 3, present=3)
    new_election(db, "工会委员会选举", seats=2, candidates=",".join(CANDIDATES), order="given")


def ballots_reopen(db) -> None:
    """An imported file closes the count and the result is final: each further file is a
    correction, made after reopening (or a closed count refuses every file alike)."""
    if voting_reopenable(db):
        set_counted(db, 1, False, reason="换一个文件重新导入")


def voting_reopenable(db) -> bool:
    with db.read() as conn:
        item = load_item(conn, 1)
        return item.counted or locked_outcome(conn, item) is not None


def ballots_check(db, report) -> None:
    with db.read() as conn:
        stored = conn.execute(select(T_BALLOT.c.id).where(T_BALLOT.c.entry == 1)).all()
    assert len(stored) == report.imported


BALLOTS = Target(
    name="ballots",
    setup=ballots_setup,
    run=lambda db, path: import_ballots(db, 1, path, entry=1, operator="模糊", station=STATION),
    tables=(T_BALLOT, T_ITEM, T_ROLL, T_ROLL_MEMBER),
    sample=(
        ("票号", *CANDIDATES, "另选他人"),
        ("1", "○", "○", "×", ""),
        ("2", "○", "", "", "赵六"),
        ("3", "○", "○", "○", ""),
    ),
    columns=(
        Column(
            ("票号", "ballot", "选票号", "Ballot No."),
            cells("1", "2", "3", "4", "0", "-1", "１", "1.0", "999999", "1000000", ""),
            True,
        ),
        *(Column((name, f"{name[0]} {name[1:]}"), cells(*MARKS), True) for name in CANDIDATES),
        Column(
            ("另选他人", "write_in", "另选"), cells("", "赵六", "赵六、钱七", "王芳", "甲,乙,丙")
        ),
        Column(("赵六", "候选人"), cells(*MARKS)),  # not a candidate: the file is refused
    ),
    check=ballots_check,
    prepare=ballots_reopen,
)

JUDGES = ("王评委", "李评委", "张评委")


def contest_setup(db) -> None:
    contests.new_contest(db, "技能比武", judges=3, trim=0, judge_names=JUDGES)
    contests.set_event(db, 1, "演讲")
    two_stages = (Stage("理论", Decimal(30), single=True), Stage("实操", Decimal(70)))
    contests.set_event(db, 1, "钳工", stages=two_stages)
    timed = (Stage("", Decimal(100), kind=MEASURED, unit="秒", better=LOWER),)
    contests.set_event(db, 1, "百米", stages=timed)
    for name, event in (("甲", "演讲"), ("乙", "钳工"), ("丙", "百米")):
        contests.add_entrant(db, 1, name, event=event, unit="一车间")


SCORE_VALUES = (
    "95", "100", "0", "92.5", "100.01", "-1", "abc", "1e3", "NaN", "９５", "９５。５", "",
    "1:05.3", "0:59", "12:3:4", "1:75", "1:-5", "-0:30", "9" * 40, "0." + "1" * 40, "0.1000000000000000000000000000000001",
)  # fmt: skip

SCORES = Target(
    name="scores",
    setup=contest_setup,
    run=lambda db, path: import_scores(db, 1, path, operator="模糊", station=STATION),
    tables=(T_MARK, T_ENTRANT),
    sample=(
        ("选手", "评委", "分数", "项目", "阶段"),
        ("甲", "1", "95", "演讲", ""),
        ("乙", "", "80", "钳工", "理论"),
        ("丙", "", "12.5", "百米", ""),
    ),
    columns=(
        Column(
            ("选手", "entrant", "姓名"), cells("甲", "乙", "丙", "丁", "1", "2", "99", ""), True
        ),
        Column(
            ("评委", "judge"),
            cells("1", "2号", "评委3", "四号评委", "0", "", *JUDGES, "赵评委"),
            True,
        ),
        Column(("分数", "score", "成绩"), cells(*SCORE_VALUES), True),
        Column(("序号", "number"), cells("1", "2", "3", "4", "0", "10000", "")),
        Column(("阶段", "stage"), cells("理论", "实操", "", "决赛")),
        Column(("细则", "criterion"), cells("", "仪态")),
        Column(("项目", "event"), cells("演讲", "钳工", "百米", "", "跳高")),
        Column(("组别", "group"), cells("", "男子组")),
        Column(("单位", "unit"), cells("一车间", "", "二车间")),
    ),
)

ENTRANTS = Target(
    name="entrants",
    setup=contest_setup,
    run=lambda db, path: import_entrants(db, 1, path, operator="模糊", station=STATION),
    tables=(T_ENTRANT,),
    sample=(
        ("选手", "单位", "项目", "序号", "成员"),
        ("丁", "二车间", "演讲", "", ""),
        ("红队", "三车间", "钳工", "7", "张三、李四"),
    ),
    columns=(
        Column(("选手", "name"), cells("甲", "丁", "红队", ""), True),
        Column(("单位", "unit"), cells("一车间", "", "二车间")),
        Column(("项目", "event"), cells("演讲", "钳工", "百米", "", "跳高")),
        Column(("组别", "group"), cells("", "男子组")),
        Column(("团队", "team"), cells("", "红队")),
        Column(("成员", "members"), cells("", "张三、李四", "、".join(["名字" * 40] * 30))),
        Column(("序号", "number"), cells("1", "2", "7", "0", "10000", "")),
    ),
)


def proposals_setup(db) -> None:
    add_people(db, delegates(6, "第一代表团") + delegates(4, "第二代表团", prefix="E"))
    add_people(
        db, [("L001", "列席甲", "第一代表团", "attendee"), ("S001", "工作人员乙", None, "staff")]
    )


PROPOSERS = (
    "D0001",
    "D0001、D0002",
    "第二代表团",
    "第九代表团",
    "L001",
    "Z999",
    "d0004，e0001",
    "",
)

PROPOSALS = Target(
    name="proposals",
    setup=proposals_setup,
    run=lambda db, path: import_proposals(db, path, operator="模糊", station=STATION),
    tables=(T_PROPOSAL, T_PP, T_LOG),
    sample=(
        ("标题", "提案人", "附议人", "类别", "案由", "建议"),
        ("关于改善职工食堂伙食的提案", "D0001", "D0002、D0003", "职工福利", "饭菜单一", "增加窗口"),
        ("关于加强安全培训的提案", "第二代表团", "D0005/D0006", "安全生产", "", ""),
    ),
    columns=(
        Column(("标题", "title", "提案标题"), cells("关于食堂的提案", "关于班车的提案", ""), True),
        Column(("提案人", "proposer"), cells(*PROPOSERS), True),
        Column(("附议人", "seconders"), cells("D0002、D0003", "E0002 E0003", "D0001", "S001", "")),
        Column(("类别", "category"), cells("职工福利", "安全生产", "其他", "", "娱乐"), True),
        Column(("案由", "reason"), cells("饭菜单一", "", "很长" * 2600)),
        Column(("建议", "suggestion"), cells("增加窗口", "")),
    ),
)

TARGETS = {t.name: t for t in (ROSTER, BALLOTS, SCORES, ENTRANTS, PROPOSALS)}
EXAMPLES = {"bytes": 40, "csv": 60, "xlsx": 25}


@pytest.fixture(params=sorted(TARGETS))
def target(request, congress_db):
    chosen = TARGETS[request.param]
    chosen.setup(congress_db)
    return chosen


def test_each_sample_file_imports(target, congress_db, tmp_path):
    """The fuzzing starts from good files: check they are."""
    for name, data in (
        ("good.csv", csv_text(target.sample).encode()),
        ("good.xlsx", sample_xlsx(target.sample)),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        assert attempt(congress_db, target, path) is not None, name
    assert_consistent(congress_db)


def test_arbitrary_bytes_are_refused_or_imported_never_a_crash(target, congress_db, tmp_path):
    @settings(max_examples=EXAMPLES["bytes"] * SCALE, **BOUNDED)
    @given(data=any_bytes(target), suffix=SUFFIXES)
    def fuzz(data, suffix):
        path = tmp_path / f"file{suffix}"
        path.write_bytes(data)
        attempt(congress_db, target, path)

    fuzz()
    assert_consistent(congress_db)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_files_with_random_cells_are_all_or_nothing(kind, target, congress_db, tmp_path):
    encode = {"csv": csv_bytes, "xlsx": xlsx_bytes}[kind]

    @settings(max_examples=EXAMPLES[kind] * SCALE, **BOUNDED)
    @given(data=table_of(target.columns).flatmap(encode))
    def fuzz(data):
        path = tmp_path / f"file.{kind}"
        path.write_bytes(data)
        attempt(congress_db, target, path)

    fuzz()
    assert_consistent(congress_db)


# --- the keying of a motion's secret ballots -------------------------------------------------------


def test_motion_ballots_keyed_with_any_reference_and_choice(congress_db):
    seat_voters(congress_db, 3, present=3)
    new_motion(congress_db, "关于通过工作报告的决议")
    issue(congress_db, 1, 3)
    tables = (T_MBALLOT, T_ITEM, T_ROLL, audit.T_EVENT)
    refs = st.one_of(
        st.sampled_from(["1", " 1 ", "2", "关于通过工作报告的决议", "0", "-1", "１"]), JUNK
    )
    choices = st.one_of(
        st.sampled_from(["yes", "no", "abstain", "invalid", "YES", "赞成", ""]), JUNK
    )

    @settings(max_examples=60 * SCALE, **BOUNDED)
    @given(ref=refs, choice=choices, entry=st.sampled_from([1, 1, 2, 0, 3]))
    def fuzz(ref, choice, entry):
        before = fingerprint(congress_db, tables)
        try:
            number = record_motion_ballot(congress_db, ref, choice, entry=entry, station=STATION)
        except Refusal as refusal:
            assert fingerprint(congress_db, tables) == before
            assert_readable(refusal)
            return
        assert number >= 1 and choice in ("yes", "no", "abstain", "invalid")

    fuzz()
    assert_consistent(congress_db)


@pytest.mark.parametrize("ref", ["²", "9" * 30, "9" * 5000], ids=["superscript", "30", "5000"])
def test_item_references_beyond_numbers_are_refused(congress_db, ref):
    new_motion(congress_db, "关于通过工作报告的决议")
    with pytest.raises(Refusal):
        record_motion_ballot(congress_db, ref, "yes")
