"""The minutes package's data, workbook, CSV copies and attendance sheet (issue 6, parts 1 and 4).

Real parts: the demo congress built through the desk's own services on SQLite and PostgreSQL,
one collect inside one read transaction, the workbook reopened with openpyxl, the CSV files read
back as bytes and as UTF-8 with BOM, and the PDF's text extracted with PDFium. Every figure is
compared with what the services report on their own (attendance, results, standings, stats).
"""

import csv
import re
from datetime import datetime
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest
from sqlalchemy import event

from models import attendance, elections, motions, proposals, scores
from models.audit import current_version
from models.congress import create_congress, create_sitting, list_sittings
from models.demo import create_demo
from models.io.attendance_sheet import write_attendance_pdf
from models.io.minutes_book import ATTENDANCE_HEADERS, put, sheet_name, write_minutes_xlsx
from models.io.minutes_csv import ENCODING, csv_text, write_minutes_csv
from models.io.minutes_data import ABSENT, LEAVE, PRESENT, announcement_zh, collect_minutes
from models.results import item_outcome
from models.rules.attendance import Attendance
from tests.helpers import add_people, check_in_codes, delegates
from tui.i18n import set_lang
from tui.texts import announcement

DEMO_DELEGATES = 64  # below models.demo.VOTES_FROM (64) the demo has no motions or elections
BOM = b"\xef\xbb\xbf"
PLENARY = "第一次全体会议"


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding=ENCODING, newline="") as handle:
        return list(csv.reader(handle))


def cell_value(cell):
    """What the cell shows: a date cell (number format yyyy-mm-dd) as the date it holds; a time to
    the second, a score or a rate stored as a number with a format (issue 18) as the text that
    format shows, which is what the CSV copy and the printed sheets hold."""
    value, shape = cell.value, cell.number_format
    if isinstance(value, datetime) and shape == "yyyy-mm-dd":
        return value.date()
    if isinstance(value, datetime) and shape == "yyyy-mm-dd hh:mm:ss":
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, float) and re.fullmatch(r"0(\.0+)?%?", shape):
        places = len(shape.rstrip("%").partition(".")[2])
        if shape.endswith("%"):
            return f"{value * 100:.{places}f}%"
        return f"{value:.{places}f}"
    return value


def sheet_rows(sheet) -> list[list]:
    return [[cell_value(cell) for cell in row] for row in sheet.iter_rows()]


def as_text(values) -> list[str]:
    return [csv_text(v) for v in values]


def table_at(rows: list[list], header_first: str) -> list[tuple[list, list[list]]]:
    """Every table whose header row starts with ``header_first``: (header, body rows up to the
    first empty row)."""
    found = []
    for index, row in enumerate(rows):
        if row and row[0] == header_first:
            header = [h for h in row if h is not None]
            body = []
            for later in rows[index + 1 :]:
                if all(v is None for v in later):
                    break
                body.append(later[: len(header)])
            found.append((header, body))
    return found


def value_of(rows: list[list], label: str, column: int = 1):
    return next(row[column] for row in rows if row and row[0] == label)


@pytest.fixture
def demo(db, tmp_path):
    create_demo(db, delegates=DEMO_DELEGATES)
    with db.read() as conn:
        data = collect_minutes(conn)
    return db, data, tmp_path


# -- the announcement ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "figures",
    [
        Attendance(due=64, present=60, leave=1, nonvoting_present=2),  # met
        Attendance(due=64, present=32, leave=1, nonvoting_present=0),  # short
        Attendance(due=3, present=2, leave=0, nonvoting_present=0),  # exactly two-thirds: met
        Attendance(due=0, present=0, leave=0, nonvoting_present=5),  # nobody due: not met
    ],
)
def test_announcement_is_the_catalog_line(figures):
    set_lang("zh")
    assert announcement_zh(figures) == announcement(figures)
    set_lang("en")  # the printed line stays Chinese whatever the interface language
    assert announcement_zh(figures).startswith("本次大会应到代表")


# -- collect ------------------------------------------------------------------------------------


def test_collect_reads_everything_at_one_moment(demo):
    db, data, _ = demo
    assert data.congress.name.startswith("华东重型机械集团")
    assert data.head_id == current_version(db) and len(data.head_hash) == 64
    assert [m.sitting.name for m in data.sittings] == [s.name for s in list_sittings(db)]
    current = attendance.attendance(db)  # the current sitting is the plenary
    plenary = data.sittings[-1]
    assert plenary.sitting.name == PLENARY == current.sitting.name
    assert plenary.figures == current.figures
    assert plenary.announcement == announcement_zh(current.figures)
    for minutes in data.sittings:
        figures, people = minutes.figures, minutes.people
        voting = [p for p in people if p.voting]
        assert len(voting) == figures.due == DEMO_DELEGATES
        assert sum(p.status == PRESENT for p in voting) == figures.present
        assert sum(p.status == LEAVE for p in voting) == figures.leave
        assert sum(p.status == ABSENT for p in voting) == figures.absent
        nonvoting = [p for p in people if p.category in ("attendee", "guest")]
        assert sum(p.status == PRESENT for p in nonvoting) == figures.nonvoting_present
        assert all(p.status != LEAVE for p in people if not p.voting)
        for person in people:
            assert (person.status == PRESENT) == (person.checked_in_at is not None)
            assert (person.status == LEAVE) == (person.leave_reason is not None and person.voting)
    assert [o.item.number for o in data.items] == list(range(1, len(data.items) + 1))
    for outcome in data.items:
        assert outcome == item_outcome(db, outcome.item.number)
    assert [d.row.number for d in data.proposals] == [
        r.number for r in proposals.list_proposals(db)
    ]
    assert data.proposal_stats.received == proposals.proposal_stats(db).received == 14
    assert [t.contest.number for t in data.contests] == [1, 2, 3]  # the speech and sports day
    assert [r.score for r in data.contests[0].rows] == [
        r.score for r in scores.standings(db, 1).rows
    ]


def _count_statements(db, run) -> int:
    statements = []

    def seen(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    return len(statements)


def _roster_with_sittings(db, people: int) -> int:
    create_congress(db, "测试公司第三届职工代表大会第二次会议")
    add_people(db, delegates(people))
    create_sitting(db, "预备会议")
    check_in_codes(db, [code for code, *_ in delegates(people)[: people // 2]])
    create_sitting(db, PLENARY)
    check_in_codes(db, [code for code, *_ in delegates(people)[1:]])

    def collect():
        with db.read() as conn:
            collect_minutes(conn)

    return _count_statements(db, collect)


def test_collect_is_set_based(tmp_path):
    """The number of queries does not grow with the roster: no query per person."""
    from models.db import open_database

    counts = []
    for people in (4, 120):
        db = open_database(tmp_path / f"roster{people}.db")
        try:
            counts.append(_roster_with_sittings(db, people))
        finally:
            db.dispose()
    assert counts[0] == counts[1]


# -- the workbook, the CSV copies, the PDF ------------------------------------------------------


def test_workbook_numbers_are_the_results(demo):
    db, data, folder = demo
    path = write_minutes_xlsx(data, folder / "会议记录.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "封面",
        "出席-预备会议",
        f"出席-{PLENARY}",
        "表决",
        "选举",
        "测评",
        "提案",
        "竞赛",
    ]
    cover = sheet_rows(book["封面"])
    assert value_of(cover, "数据截至") == f"数据截至审计记录第 {data.head_id} 条"
    assert value_of(cover, "审计记录哈希（前16位）") == data.head_hash[:16]
    assert [row[0] for row in table_at(cover, "工作表")[-1][1]] == book.sheetnames

    # attendance: the figures of the current sitting, as the desk reports them
    figures = attendance.attendance(db).figures
    sheet = book[f"出席-{PLENARY}"]
    assert [c.value for c in sheet[3][:7]][:6] == [
        "应到代表",
        "实到代表",
        "请假",
        "缺席",
        "列席代表",
        "法定人数（至少）",
    ]
    assert sheet["A4"].value == figures.due == DEMO_DELEGATES
    assert sheet["B4"].value == figures.present
    assert sheet["C4"].value == figures.leave
    assert sheet["D4"].value == figures.absent
    assert sheet["F4"].value == figures.required
    assert sheet["A5"].value == announcement_zh(figures)
    header, people = table_at(sheet_rows(sheet), "编号")[0]
    assert len(people) == len(data.sittings[-1].people)
    status = header.index("出席情况")
    assert sum(
        row[status] == "出席" and row[header.index("类别")] == "正式代表" for row in people
    ) == (figures.present)
    checked = next(row for row in people if row[status] == "出席")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", checked[header.index("签到时间")])
    assert checked[header.index("签到台")] in ("1号签到台", "2号签到台")

    # motions: every figure of the result
    agenda = motions.motion_outcome(db, "大会议程").result
    header, rows = table_at(sheet_rows(book["表决"]), "序号")[0]
    row = dict(zip(header, rows[0], strict=True))
    assert row["事项"] == "大会议程"
    assert (row["赞成"], row["反对"], row["弃权"]) == (agenda.yes, agenda.no, agenda.abstain)
    assert (row["基数人数"], row["通过所需赞成票"]) == (agenda.base, agenda.threshold)
    assert row["表决结果"] == ("通过" if agenda.passed else "未通过")
    assert row["表决名单SHA-256"] == motions.motion_outcome(db, 1).item.roll.sha256
    assert isinstance(row["赞成"], int)

    # elections: a candidate's votes
    audit_committee = elections.election_outcome(db, "工会经费审查委员会委员选举").result
    blocks = table_at(sheet_rows(book["选举"]), "候选人序号")
    header, candidates = blocks[0]
    first = dict(zip(header, candidates[0], strict=True))
    expected = audit_committee.candidates[0]
    assert first["候选人"] == expected.name
    assert (first["赞成"], first["不赞成"], first["弃权"]) == (
        expected.yes,
        expected.no,
        expected.abstain,
    )
    assert first["当选"] == ("是" if expected.elected else "否")
    counts = table_at(sheet_rows(book["选举"]), "应选名额")[0]
    ballots = dict(zip(counts[0], counts[1][0], strict=True))
    assert (ballots["发出"], ballots["收回"], ballots["有效票"], ballots["无效票"]) == (
        audit_committee.issued,
        audit_committee.returned,
        audit_committee.valid_ballots,
        audit_committee.void_ballots,
    )
    assert ballots["当选所需赞成票"] == audit_committee.threshold

    # appraisal: the rate exactly as printed
    appraisal = item_outcome(db, "领导班子和领导人员民主测评").result
    header, subjects = table_at(sheet_rows(book["测评"]), "序号")[0]
    shown = dict(zip(header, subjects[0], strict=True))
    assert shown["满意率"] == f"{appraisal.subjects[0].rate:.2f}%"
    assert shown["满意"] == appraisal.subjects[0].counts[0]

    # proposals: the registry and the figures
    stats = proposals.proposal_stats(db)
    registry = sheet_rows(book["提案"])
    header, listed = table_at(registry, "编号")[0]
    assert [row[0] for row in listed] == [r.label for r in proposals.list_proposals(db)]
    assert value_of(registry, "收到提案") == stats.received == 14
    assert value_of(registry, "立案") == stats.accepted

    # contests: the top score, as the shown string
    standings = scores.standings(db, 1)
    header, ranked = table_at(sheet_rows(book["竞赛"]), "项目")[0]
    top = dict(zip(header, ranked[0], strict=True))
    assert top["选手"] == standings.rows[0].entrant.name
    assert top["最后得分"] == standings.rows[0].score
    assert isinstance(top["最后得分"], str) and re.fullmatch(r"\d+\.\d\d", top["最后得分"])
    assert top["名次"] == 1 and top["奖项"] == "一等奖"


def test_csv_copies_hold_the_workbook_values(demo):
    _, data, folder = demo
    book = openpyxl.load_workbook(write_minutes_xlsx(data, folder / "会议记录.xlsx"))
    paths = write_minutes_csv(data, folder / "csv")
    names = [p.name for p in paths]
    assert names == [
        "sittings.csv",
        "attendance.csv",
        "motions.csv",
        "elections.csv",
        "appraisals.csv",
        "proposals.csv",
        "proposal_stats.csv",
        "contests.csv",
        "contest_teams.csv",
    ]
    for path in paths:
        assert path.read_bytes().startswith(BOM), path.name
    tables = {p.name: read_csv(p) for p in paths}

    # attendance: every person of every sitting, as in the sitting's sheet
    body = tables["attendance.csv"][1:]
    for minutes in data.sittings:
        header, people = table_at(sheet_rows(book[f"出席-{minutes.sitting.name}"]), "编号")[0]
        assert tables["attendance.csv"][0] == ["会次", *header]
        mine = [row[1:] for row in body if row[0] == minutes.sitting.name]
        assert mine == [as_text(row) for row in people]
    sittings = tables["sittings.csv"]
    plenary = dict(zip(sittings[0], sittings[-1], strict=True))
    assert plenary["实到代表"] == str(data.sittings[-1].figures.present)
    assert plenary["宣布词"] == data.sittings[-1].announcement

    # flat tables: the same rows, cell for cell
    header, rows = table_at(sheet_rows(book["表决"]), "序号")[0]
    assert tables["motions.csv"] == [header, *(as_text(r) for r in rows)]
    header, rows = table_at(sheet_rows(book["提案"]), "编号")[0]
    assert tables["proposals.csv"] == [header, *(as_text(r) for r in rows)]
    header, rows = table_at(sheet_rows(book["竞赛"]), "项目")[0]
    assert [row[2:] for row in tables["contests.csv"]] == [header, *(as_text(r) for r in rows)]
    stats = sheet_rows(book["提案"])
    for label, count in tables["proposal_stats.csv"][1:]:
        assert csv_text(value_of(stats, label)) == count

    # elections: each candidate row equals the block in the workbook
    election_rows = tables["elections.csv"]
    head = election_rows[0]
    blocks = table_at(sheet_rows(book["选举"]), "候选人序号")
    in_book = [as_text(row) for _, candidates in blocks for row in candidates]
    width = len(blocks[0][0])
    assert [row[-width:] for row in election_rows[1:]] == in_book
    assert head[-width:] == blocks[0][0]

    # appraisals: one row per person per option, the counts and the rate of the workbook
    appraisal_rows = tables["appraisals.csv"]
    head = appraisal_rows[0]
    header, subjects = table_at(sheet_rows(book["测评"]), "序号")[0]
    for subject in subjects:
        shown = dict(zip(header, subject, strict=True))
        mine = [dict(zip(head, r, strict=True)) for r in appraisal_rows[1:]]
        mine = [r for r in mine if r["测评对象"] == shown["测评对象"]]
        assert {r["选项"]: r["票数"] for r in mine} == {
            label: str(shown[label]) for label in ("满意", "基本满意", "不满意")
        }
        assert {r["满意率"] for r in mine} == {shown["满意率"]}


def test_attendance_sheet_prints_every_sitting(demo):
    _, data, folder = demo
    path = write_attendance_pdf(data, folder / "出席情况.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    text = flat(pdf_text(path))
    for minutes in data.sittings:
        assert flat(f"{minutes.sitting.name}出席情况") in text
        assert flat(minutes.announcement) in text
    plenary = data.sittings[-1]
    present = next(p for p in plenary.people if p.status == PRESENT)
    absent = next(p for p in plenary.people if p.status == ABSENT and p.voting)
    on_leave = next(p for p in plenary.people if p.status == LEAVE)
    for person in (present, absent, on_leave):
        assert person.name in text
    assert flat(f"请假（{on_leave.leave_reason}）") in text
    assert "缺席" in text and "主持人" in text and "工作人员" in text
    assert f"至少{plenary.figures.required}名" in text
    pdf = pdfium.PdfDocument(str(path))
    try:
        assert len(pdf) >= len(data.sittings)
        width, height = pdf[0].get_size()
        assert (round(width), round(height)) == (595, 842)  # A4 portrait
        image = pdf[0].render(scale=1.5).to_pil()
        image.save(folder / "page1.png")
        assert image.getbbox() is not None
    finally:
        pdf.close()


# -- an empty congress --------------------------------------------------------------------------


def test_empty_congress_still_writes_every_file(db, tmp_path):
    """A congress with a sitting and a few people, and nothing else: the files exist, open, and
    say there is nothing."""
    create_congress(db, "测试公司第三届职工代表大会第二次会议")
    add_people(db, delegates(3))
    create_sitting(db, PLENARY)
    check_in_codes(db, ["D0001", "D0002"])
    with db.read() as conn:
        data = collect_minutes(conn)
    assert (data.items, data.proposals, data.contests) == ((), (), ())
    book = openpyxl.load_workbook(write_minutes_xlsx(data, tmp_path / "会议记录.xlsx"))
    assert book.sheetnames == ["封面", f"出席-{PLENARY}", "表决", "选举", "测评", "提案", "竞赛"]
    assert book[f"出席-{PLENARY}"]["B4"].value == 2
    assert book[f"出席-{PLENARY}"]["A5"].value == announcement_zh(data.sittings[0].figures)
    assert "本次大会没有表决事项。" in flat_cells(book["表决"])
    assert "本次大会没有选举。" in flat_cells(book["选举"])
    assert "本次大会没有民主测评。" in flat_cells(book["测评"])
    assert "本次大会没有收到提案。" in flat_cells(book["提案"])
    assert "本次大会没有竞赛。" in flat_cells(book["竞赛"])
    assert value_of(sheet_rows(book["提案"]), "收到提案") == 0
    paths = write_minutes_csv(data, tmp_path / "csv")
    for path in paths:
        assert path.read_bytes().startswith(BOM)
    rows = {p.name: read_csv(p) for p in paths}
    assert len(rows["attendance.csv"]) == 4  # the header and three people
    assert [len(rows[name]) for name in ("motions.csv", "elections.csv", "contests.csv")] == [
        1,
        1,
        1,
    ]
    text = flat(pdf_text(write_attendance_pdf(data, tmp_path / "出席情况.pdf")))
    assert "代表1" in text and flat(data.sittings[0].announcement) in text


def test_congress_without_sittings(sqlite_db, tmp_path):
    create_congress(sqlite_db, "测试公司第三届职工代表大会第二次会议")
    with sqlite_db.read() as conn:
        data = collect_minutes(conn)
    assert data.sittings == () and data.head_id == current_version(sqlite_db)
    book = openpyxl.load_workbook(write_minutes_xlsx(data, tmp_path / "会议记录.xlsx"))
    assert "出席" in book.sheetnames
    assert "尚未设立会次，没有出席记录。" in flat_cells(book["出席"])
    assert "尚未设立会次" in pdf_text(write_attendance_pdf(data, tmp_path / "出席情况.pdf"))
    header = read_csv(write_minutes_csv(data, tmp_path / "csv")[1])
    assert header == [["会次", *ATTENDANCE_HEADERS]]  # attendance.csv: the header only


def flat_cells(sheet) -> str:
    return "".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)


# -- small pieces -------------------------------------------------------------------------------


def test_sheet_names_are_what_excel_accepts():
    taken = {"封面"}
    assert sheet_name("出席-第一次全体会议", taken) == "出席-第一次全体会议"
    assert sheet_name("出席-[预备]会议: 第1/2场*?", taken) == "出席-_预备_会议_ 第1_2场__"
    long = "出席-" + "很长的会次名称" * 6
    first = sheet_name(long, taken)
    second = sheet_name(long, taken)
    assert len(first) == len(second) == 31
    assert first != second and second.endswith("~2")
    assert sheet_name("封面", taken) == "封面~2"


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    book = openpyxl.Workbook()
    put(book.active, 1, 1, '=HYPERLINK("http://example.com")')
    book.save(tmp_path / "f.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "f.xlsx").active["A1"]
    assert cell.data_type == "s"


def test_the_workbook_has_the_match_contests_sheets(demo):
    """The demo's sports day: each match contest's groups, places and results, listed on the
    cover."""
    from openpyxl import load_workbook

    from models.minutes import export_minutes

    db, _, folder = demo
    export_minutes(db, folder / "package")
    book = load_workbook(folder / "package" / "会议记录.xlsx")
    for number in (2, 3):
        for what in ("积分", "名次", "结果"):
            assert f"对阵{number}-{what}" in book.sheetnames
    groups = book["对阵2-积分"]
    assert [c.value for c in groups[1]][:4] == ["项目", "组别", "名次", "姓名"]
    assert groups.max_row > 1
    cover = [c.value for row in book["封面"].iter_rows() for c in row]
    assert "对阵3-结果" in cover
