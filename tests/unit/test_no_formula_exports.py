"""No exported cell is a formula (issue 18): every xlsx and CSV exporter of huiwu, from ONE list,
writes a congress whose names, units, delegations, titles, candidates, entrants and replies are
typed as formulas, and no cell of what it writes is one. A guard reads the source so a new
module that writes a workbook or a CSV without a place in the list fails here."""

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from models import appraisals, contests, elections, motions, proposals, scores, voting
from models.absentees import absentees
from models.attendance import attendance
from models.clock import now
from models.congress import create_sitting
from models.demo import create_demo
from models.io.absent_export import write_absent_xlsx
from models.io.cells import FORMULA_STARTS
from models.io.contest_export import export_contest
from models.io.proposal_export import export_proposals
from models.io.result_export import export_item
from models.minutes import export_minutes
from models.rules.election import Ballot
from models.rules.motion import HANDS, MotionCount
from models.voting import list_items
from tests.helpers import check_in_codes, import_people

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ('=HYPERLINK("http://x","y")', "=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1")
KW = {"operator": "test", "station": "test"}


def hostile(index: int, tail: str = "") -> str:
    return HOSTILE[index % len(HOSTILE)] + tail


# -- the congress -------------------------------------------------------------------------------


def _hostile_roster(db, folder) -> list[str]:
    """The demo's first delegates renamed (importing a code again updates it): names, units and
    a delegation typed as formulas. Returns their codes."""
    people = [
        (f"X{i:02d}", hostile(i, f"代表{i}"), hostile(i + 1, "代表团"), "正式代表", hostile(i + 2))
        for i in range(8)
    ]
    import_people(db, folder, people, operator="test", station="test")
    return [code for code, *_ in people]


def _everyone_here(db) -> None:
    check_in_codes(db, [p.code for group in absentees(db).groups for p in group.people])


def _hostile_items(db, codes: list[str]) -> None:
    _everyone_here(db)
    present = attendance(db).figures.present
    motion = motions.new_motion(db, hostile(1, "决议"), **KW)
    motions.record_count(db, motion.number, MotionCount(present, 0, 0), method=HANDS, **KW)
    names = [hostile(i, f"候选{i}") for i in range(4)]
    election = elections.new_election(db, hostile(0, "选举"), seats=2, candidates=names, **KW)
    voting.issue(db, election.number, 3, **KW)
    for marks in ("oo-x", "o-ox", "xooo"):
        elections.record_ballot(db, election.number, Ballot(0, marks), **KW)
    voting.set_counted(db, election.number, True, **KW)
    subjects = [(hostile(i, f"对象{i}"), hostile(i + 3, "职务")) for i in range(2)]
    appraisal = appraisals.new_appraisal(db, hostile(4, "测评"), subjects=subjects, **KW)
    voting.issue(db, appraisal.number, 3, **KW)
    appraisals.record_sheets(db, appraisal.number, returned=3, invalid=0, **KW)
    for subject in (1, 2):
        appraisals.record_marks(db, appraisal.number, subject, (2, 1, 0), **KW)


def _hostile_contest(db) -> str:
    title = hostile(4, "竞赛")
    contests.new_contest(db, title, judges=3, trim=0, awards="一等奖:1,二等奖:2", **KW)
    entrants = [{"name": hostile(i, f"选手{i}"), "unit": hostile(i + 1, "单位")} for i in range(4)]
    contests.add_entrants(db, title, entrants, **KW)
    for number in range(1, 5):
        contests.set_on_stage(db, title, number, **KW)
        for judge in (1, 2, 3):
            scores.record_mark(db, title, number, judge, f"{80 + number + judge}.5", **KW)
    return title


def _hostile_proposal(db, codes: list[str]) -> None:
    draft = proposals.Draft(
        title=hostile(0, "提案"),
        category="其他",
        proposers=(codes[0],),
        seconders=(codes[1], codes[2]),
        reason=hostile(1, "案由"),
        suggestion=hostile(2, "建议"),
    )
    number = proposals.submit_proposal(db, draft, **KW).row.number
    proposals.accept_proposal(db, number, **KW)
    due = now().date() + timedelta(days=30)
    proposals.assign_proposal(db, number, department=hostile(3, "部门"), due=due, **KW)
    proposals.answer_proposal(db, number, reply=hostile(5, "答复"), **KW)


@pytest.fixture
def congress(db, tmp_path):
    create_demo(db, delegates=64)
    codes = _hostile_roster(db, tmp_path)
    _hostile_items(db, codes)
    contest = _hostile_contest(db)
    _hostile_proposal(db, codes)
    create_sitting(db, hostile(6, "会议"), operator="test")  # nobody here yet: everyone is 未到
    return db, contest


# -- every exporter, in one list ----------------------------------------------------------------


@dataclass(frozen=True)
class Exporter:
    name: str
    modules: tuple[str, ...]  # the source files whose workbooks/CSV it writes
    run: Callable  # (db, contest title, folder) -> the files written


def _results(db, contest, folder) -> list[Path]:
    return [
        export_item(db, i.number, xlsx=folder / f"{i.number}.xlsx").xlsx for i in list_items(db)
    ]


def _standings(db, contest, folder) -> list[Path]:
    books = {"xlsx": folder / "standings.xlsx", "certificates": folder / "certificates.xlsx"}
    return export_contest(db, contest, **books)


def _proposals(db, contest, folder) -> list[Path]:
    return [export_proposals(db, xlsx=folder / "proposals.xlsx").xlsx]


def _absent(db, contest, folder) -> list[Path]:
    return [write_absent_xlsx(absentees(db), folder / "absent.xlsx")]


def _minutes(db, contest, folder) -> list[Path]:
    done = export_minutes(db, folder / "package", as_of=date(2026, 11, 21))
    return [*done.folder.glob("*.xlsx"), *done.folder.glob("csv/*.csv")]


def _matches(db, contest, folder) -> list[Path]:
    """A round robin and a meet whose contest, event, sides, units and name look like formulas."""
    import random

    from models import matches
    from models.congress import current_congress
    from models.contests.match_format import MatchFormat
    from models.io.match_book import write_matches_xlsx, write_meet_xlsx
    from models.io.match_data import match_papers, meet_papers

    title, event = hostile(2, "球赛"), hostile(3, "项目")
    contests.new_contest(db, title, judges=1, trim=0, **KW)
    contests.set_event(db, title, event, matches=MatchFormat("roundrobin", best_of=1), **KW)
    sides = [
        {"name": hostile(i, f"队{i}"), "unit": hostile(i + 1), "event": event} for i in range(5)
    ]
    contests.add_entrants(db, title, sides, **KW)
    for m in matches.draw(db, title, event, rng=random.Random(1), **KW):
        if m.playable:
            matches.record_result(db, title, m.number, games="3:1", **KW)
    meet = matches.new_meet(db, hostile(5, "运动会"), **KW)
    matches.add_to_meet(db, meet.number, title, **KW)
    congress = current_congress(db)
    return [
        write_matches_xlsx(match_papers(db, title), folder / "matches.xlsx", congress),
        write_meet_xlsx(meet_papers(db, meet.number), folder / "meet.xlsx", congress),
        *export_contest(db, title, xlsx=folder / "standings.xlsx"),
    ]


EXPORTERS = (
    Exporter("result --xlsx", ("models/io/result_book.py",), _results),
    Exporter("standings --xlsx / --certificates", ("models/io/contest_book.py",), _standings),
    Exporter("proposals export --xlsx", ("models/io/proposal_book.py",), _proposals),
    Exporter("未到名单 xlsx", ("models/io/absent_export.py",), _absent),
    Exporter(
        "export (会议记录.xlsx, csv/)",
        ("models/io/minutes_book.py", "models/io/minutes_csv.py"),
        _minutes,
    ),
    Exporter("contest matches / meet standings --xlsx", ("models/io/match_book.py",), _matches),
)

# Writers that are not exports: the demo writes a roster for huiwu's own import, where a quote
# would become part of the names; the cell writer itself.
NOT_EXPORTS = {"models/demo.py", "models/io/cells.py"}


# -- reading back -------------------------------------------------------------------------------


def _xlsx_problems(path: Path) -> tuple[list[str], int]:
    """(cells a spreadsheet would run, how many cells hold formula-like text kept as text)."""
    problems, kept = [], 0
    for sheet in load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    problems.append(f"{path.name}!{sheet.title}!{cell.coordinate}: {cell.value!r}")
                elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    kept += 1
    return problems, kept


def _csv_problems(path: Path) -> tuple[list[str], int]:
    problems, kept = [], 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.reader(handle), start=1):
            for value in row:
                if value.startswith(FORMULA_STARTS):
                    problems.append(f"{path.name}:{line}: {value!r}")
                elif value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
                    kept += 1
    return problems, kept


def test_no_exporter_writes_a_formula(congress, tmp_path):
    db, contest = congress
    formulas, untested = {}, []
    for exporter in EXPORTERS:
        folder = tmp_path / re.sub(r"\W", "_", exporter.name)
        folder.mkdir()
        kept = 0
        for path in exporter.run(db, contest, folder):
            found, count = (_csv_problems if path.suffix == ".csv" else _xlsx_problems)(path)
            formulas.setdefault(exporter.name, []).extend(found)
            kept += count
        if not kept:  # no hostile text reached its files: nothing was tested
            untested.append(exporter.name)
    assert {name: found for name, found in formulas.items() if found} == {}
    assert untested == []


def _writing_modules() -> set[str]:
    """Every source file that makes a workbook or writes CSV."""
    makes = re.compile(r"\bWorkbook\(|\bcsv\.(writer|DictWriter)\(|\bcsv_table\(")
    found = set()
    for path in [
        ROOT / "main.py",
        *(p for d in ("models", "tui", "screens", "cli") for p in (ROOT / d).rglob("*.py")),
    ]:
        if makes.search(path.read_text(encoding="utf-8")):
            found.add(path.relative_to(ROOT).as_posix())
    return found


def test_every_module_that_writes_a_workbook_or_csv_is_in_the_list():
    listed = {module for exporter in EXPORTERS for module in exporter.modules}
    assert _writing_modules() - NOT_EXPORTS - listed == set()
    assert listed <= _writing_modules()  # a module renamed or gone: the list says so


def test_cells_are_written_only_by_the_cell_writer():
    bypass = re.compile(r"\.cell\([^)]*value=|\bcsv\.(writer|DictWriter)\(")
    offenders = [
        f"{path.relative_to(ROOT).as_posix()}:{number}"
        for path in (ROOT / "models" / "io").rglob("*.py")
        if path.name != "cells.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if bypass.search(line)
    ]
    assert offenders == []
