"""Printed results: the A4 result sheets (PDF) and the workbooks (xlsx) of every voting item.

Real parts throughout: a migrated database, the voting services, reportlab's PDF read back with
PDFium, and the workbook reopened with openpyxl.
"""

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest

from models import appraisals, elections, motions, voting
from models.attendance import check_in
from models.congress import create_congress, create_sitting, current_congress
from models.errors import Refusal
from models.io.result_book import write_result_xlsx
from models.io.result_export import ExportedResult, export_item, load_result
from models.io.result_sheet import write_result_pdf
from models.rules.election import Ballot
from models.rules.motion import MotionCount
from tests.helpers import add_people, delegates

CONGRESS = "测试公司第三届职工代表大会第二次会议"
CANDIDATES = ["张伟", "王芳", "李娜", "刘洋", "陈静"]  # in this order on the ballot
TARGETS = [18, 17, 16, 16, 15]  # ○ per candidate: a tie at the cut-off, one exactly half


def page_texts(pdf_path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def roll_hash(outcome) -> str:
    return outcome.item.roll.sha256


def seat_everyone(db, first: int = 18, second: int = 12) -> None:
    """Two delegations of voting delegates, all checked in (应到 = 实到 = first + second)."""
    add_people(db, delegates(first, "第一代表团", "D") + delegates(second, "第二代表团", "E"))
    for i in range(1, first + 1):
        assert check_in(db, f"D{i:04d}").status == "ok"
    for i in range(1, second + 1):
        assert check_in(db, f"E{i:04d}").status == "ok"


@pytest.fixture
def congress(sqlite_db):
    create_congress(sqlite_db, CONGRESS, kind="职代会", term=3, session=2)
    create_sitting(sqlite_db, "第一次全体会议")
    seat_everyone(sqlite_db)
    return sqlite_db


def election_ballots() -> list[Ballot]:
    """30 ballots: 29 valid (one with a write-in) giving TARGETS, and one over-filled (void)."""
    remaining = list(TARGETS)
    ballots = []
    for number in range(1, 30):
        room = 2 if number == 7 else 3
        order = sorted(range(5), key=lambda i: (-remaining[i], i))
        chosen = {i for i in order[:room] if remaining[i] > 0}
        marks = []
        for i in range(5):
            if i in chosen:
                remaining[i] -= 1
                marks.append("o")
            else:
                marks.append("x" if number % 3 == 0 else "-")
        write_ins = ("孙八",) if number == 7 else ()
        ballots.append(Ballot(number, "".join(marks), write_ins))
    assert remaining == [0] * 5
    ballots.append(Ballot(30, "oooo-"))  # four ○ for three seats: 废票
    return ballots


def make_election(db, *, double_entry: bool = False):
    item = elections.new_election(
        db,
        "工会委员会委员选举",
        seats=3,
        candidates=CANDIDATES,
        scrutineers=["赵监票", "钱监票"],
        counters=["孙计票"],
        order="given",
        double_entry=double_entry,
    )
    voting.issue(db, item.number, 30)
    for ballot in election_ballots():
        elections.record_ballot(db, item.number, ballot)
    return item


# ----------------------------------------------------------------------------- motions


def test_motion_exactly_half_fails_and_says_so(congress, tmp_path):
    db = congress
    item = motions.new_motion(db, "关于《集体合同（草案）》的决议", important=True)
    outcome = motions.record_count(
        db,
        item.number,
        MotionCount(15, 8, 4, issued=28, returned=28, invalid=1),
        method="secret",
    )
    assert outcome.result.exactly_on_line and not outcome.result.passed

    pdf = write_result_pdf(outcome, tmp_path / "motion.pdf", current_congress(db))

    texts = page_texts(pdf)
    assert len(texts) == 1
    text = texts[0]
    assert "关于《集体合同（草案）》的决议 表决结果" in text
    assert "三届二次" in text and "第一次全体会议" in text and "第 1 项" in text
    assert "未通过" in text
    assert "无记名投票" in text and "重要事项" in text
    assert "恰好半数" in text
    assert flat("赞成票须超过应到代表人数（30）的半数，即至少 16 票") in flat(text)
    for label in ("应到代表", "实到代表", "发出", "收回", "有效", "无效", "赞成", "反对", "弃权"):
        assert label in text
    assert "计算规则与设置" in text and "超过半数" in text
    assert "表决名单（实到有表决权代表 30 名）SHA-256:" in text
    assert roll_hash(outcome) in flat(text)
    assert "未经第二次录入核对" in text
    for label in ("监票人", "计票人", "主持人", "日期"):
        assert label in text

    book = openpyxl.load_workbook(
        write_result_xlsx(outcome, tmp_path / "m.xlsx", current_congress(db))
    )
    assert book.sheetnames == ["结果", "设置"]
    cells = {row[0]: row[1:] for row in book["结果"].iter_rows(values_only=True) if row[0]}
    assert cells["赞成"][:2] == (15, "票")
    assert cells["应到代表"][0] == 30 and isinstance(cells["应到代表"][0], int)
    assert cells["通过所需赞成票"][0] == 16
    assert cells["表决结果"][0] == "未通过"
    assert "恰好半数" in cells["恰好半数"][0]
    assert cells["表决名单 SHA-256"][0] == roll_hash(outcome)
    assert book["结果"]["A1"].value == "关于《集体合同（草案）》的决议 表决结果"
    assert book["结果"]["A1"].font.bold
    settings = {row[1]: row[2] for row in book["设置"].iter_rows(min_row=2, values_only=True)}
    assert settings["base"] == "due" and settings["comparator"] == "gt"


def test_motion_by_delegation_passes_with_its_table(congress, tmp_path):
    db = congress
    item = motions.new_motion(db, "关于职工福利费使用情况的报告", double_entry=True)
    for entry in (1, 2):
        motions.record_count(
            db,
            item.number,
            MotionCount(15, 2, 1),
            method="hands",
            delegation="第一代表团",
            entry=entry,
        )
        outcome = motions.record_count(
            db,
            item.number,
            MotionCount(9, 2, 1),
            method="hands",
            delegation="第二代表团",
            entry=entry,
        )
    assert outcome.result.passed and outcome.final

    result = export_item(db, item.number, pdf=tmp_path / "m.pdf", xlsx=tmp_path / "m.xlsx")

    text = page_texts(result.pdf)[0]
    assert "通过" in text and "未通过" not in text
    assert "举手表决" in text
    assert "各代表团举手表决情况" in text and "第一代表团" in text and "第二代表团" in text
    assert "两次录入核对一致" in text
    book = openpyxl.load_workbook(result.xlsx)
    assert book.sheetnames == ["结果", "代表团", "设置"]
    rows = list(book["代表团"].iter_rows(values_only=True))
    assert rows[0] == ("代表团", "赞成", "反对", "弃权", "合计")
    assert ("第一代表团", 15, 2, 1, 18) in rows and ("第二代表团", 9, 2, 1, 12) in rows
    assert rows[-1] == ("合计", 24, 4, 2, 30)
    assert book["代表团"]["A1"].font.bold and book["代表团"].freeze_panes == "A2"


# ----------------------------------------------------------------------------- elections


def test_election_sheet_lists_every_candidate_and_the_runoff(congress, tmp_path):
    db = congress
    item = make_election(db)
    result = export_item(db, item.number, pdf=tmp_path / "e.pdf", xlsx=tmp_path / "e.xlsx")
    assert result == ExportedResult(tmp_path / "e.pdf", tmp_path / "e.xlsx")
    outcome, _, ballots = load_result(db, item.number)
    r = outcome.result
    assert r.valid and r.elected == ("张伟", "王芳") and r.runoff == ("李娜", "刘洋")
    assert r.runoff_seats == 1 and r.void_numbers == (30,) and r.threshold == 16
    assert [c.yes for c in r.candidates] == [*TARGETS, 1]
    assert len(ballots) == 30

    texts = page_texts(result.pdf)
    text = "".join(texts)
    assert flat(f"{CONGRESS} 工会委员会委员选举 选举结果报告单") in flat(text)
    assert "选举有效" in text
    for name in [*CANDIDATES, "孙八"]:
        assert name in text
    assert "另选他人" in text
    assert flat("当选人（按得票多少为序）：张伟（18票）、王芳（17票）") in flat(text)
    assert "须再次投票" in text and "选出 1 名" in text
    assert "得票恰好半数，未当选" in text
    assert flat("得票超过应到会有选举权人数（30）的半数，即至少 16 票，始得当选") in flat(text)
    assert "废票票号：30" in text
    for label in ("应选", "候选人", "差额选举", "发出", "收回", "有效", "无效"):
        assert label in text
    assert roll_hash(outcome) in flat(text)
    for label in ("监票人", "计票人", "主持人", "赵监票", "钱监票", "孙计票"):
        assert label in text
    assert "计算规则与设置" in text and "再次投票（不抽签）" in text

    book = openpyxl.load_workbook(result.xlsx)
    assert book.sheetnames == ["结果", "得票", "设置", "选票"]
    facts = {row[0]: row[1:] for row in book["结果"].iter_rows(values_only=True) if row[0]}
    assert facts["应选"][:2] == (3, "名")
    assert facts["发出"][0] == 30 and facts["收回"][0] == 30
    assert facts["有效"][0] == 29 and facts["无效（废票）"][0] == 1
    assert facts["差额比例"][0] == "66.67%" and facts["差额比例（%）"][0] == pytest.approx(66.67)
    assert facts["选举是否有效"][0] == "选举有效"
    assert "李娜、刘洋" in facts["再次投票"][0]
    votes = list(book["得票"].iter_rows(values_only=True))
    assert votes[0] == ("序号", "候选人", "赞成", "不赞成", "弃权", "结果")
    assert votes[1][:3] == (1, "张伟", 18) and votes[1][5] == "当选"
    assert votes[3][5] == "得票相等，须再次投票"
    assert votes[5][5] == "得票恰好半数，未当选"
    assert votes[6][:3] == ("另选他人", "孙八", 1)
    sheet = book["选票"]
    assert [c.value for c in sheet[1]] == ["票号", *CANDIDATES, "另选他人", "有效/废票", "备注"]
    assert sheet.freeze_panes == "B2" and sheet["A1"].font.bold
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 30
    assert rows[30][1:6] == ("○", "○", "○", "○", None) and rows[30][7] == "废票"
    assert rows[7][6] == "孙八" and rows[7][7] == "有效"
    assert "×" in rows[3]
    assert sheet.column_dimensions["H"].width >= 8


def test_double_entry_disagreement_is_printed_with_the_ballot_number(congress, tmp_path):
    db = congress
    item = make_election(db, double_entry=True)
    for ballot in election_ballots():
        if ballot.number == 3:
            ballot = Ballot(3, "ooo--" if ballot.marks != "ooo--" else "oo---")
        elections.record_ballot(db, item.number, ballot, entry=2)

    result = export_item(db, item.number, pdf=tmp_path / "e.pdf", xlsx=tmp_path / "e.xlsx")

    text = "".join(page_texts(result.pdf))
    assert "两次录入不一致：第 3 号票" in text
    book = openpyxl.load_workbook(result.xlsx)
    facts = {row[0]: row[1:] for row in book["结果"].iter_rows(values_only=True) if row[0]}
    assert facts["核对情况"][0].startswith("两次录入不一致：第 3 号票")
    assert facts["最终结果"][0] == "否"


def test_more_ballots_returned_than_issued_voids_the_election(congress, tmp_path):
    db = congress
    item = elections.new_election(db, "经费审查委员会委员选举", seats=1, candidates="甲,乙")
    voting.issue(db, item.number, 2)
    for marks in ("o-", "-o"):
        elections.record_ballot(db, item.number, Ballot(0, marks))
    voting.set_counted(db, item.number, False, reason="票箱里还有一张")  # 2 of 2: final, locked
    elections.record_ballot(db, item.number, Ballot(0, "o-"))

    result = export_item(db, item.number, pdf=tmp_path / "v.pdf")

    assert result.xlsx is None
    text = "".join(page_texts(result.pdf))
    assert "选举无效" in text and flat("选举无效，应重新选举") in flat(text)
    assert flat("收回选票 3 张，多于发出选票 2 张") in flat(text)


def test_forty_candidates_flow_onto_a_second_page_with_the_header_repeated(congress, tmp_path):
    db = congress
    names = [f"候选人{i:02d}" for i in range(1, 41)]
    item = elections.new_election(
        db, "职工代表选举", seats=30, candidates=names, order="given", scrutineers="周监票"
    )
    voting.issue(db, item.number, 30)
    for _ in range(5):
        elections.record_ballot(db, item.number, Ballot(0, "o" * 20 + "-" * 20))

    result = export_item(db, item.number, pdf=tmp_path / "big.pdf", xlsx=tmp_path / "big.xlsx")

    texts = page_texts(result.pdf)
    assert len(texts) >= 2
    header = ("序号", "候选人", "赞成", "不赞成", "弃权", "结果")
    table_pages = [t for t in texts if any(n in t for n in names)]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert all(word in page for word in header)
    joined = "".join(texts)
    assert all(name in joined for name in names)
    assert "无人当选" in joined
    assert "建议另行选举" in joined and "尚缺 30 名" in joined
    assert "周监票" in joined
    book = openpyxl.load_workbook(result.xlsx)
    assert book["得票"].max_row == 41
    assert book["选票"].max_column == 1 + 40 + 3


# ----------------------------------------------------------------------------- appraisals


def test_appraisal_rates_grades_and_the_warning(congress, tmp_path):
    db = congress
    item = appraisals.new_appraisal(
        db, "领导班子成员民主测评", subjects=[("甲", "总经理"), ("乙", "副总经理")], weighted=True
    )
    voting.issue(db, item.number, 30)
    appraisals.record_sheets(db, item.number, returned=29, invalid=1)
    appraisals.record_marks(db, item.number, "甲", (22, 4, 1))
    outcome = appraisals.record_marks(db, item.number, "乙", (8, 8, 10))
    assert outcome.result.subjects[0].rate == Decimal("92.86")
    assert outcome.result.subjects[1].warning

    result = export_item(db, item.number, pdf=tmp_path / "a.pdf", xlsx=tmp_path / "a.xlsx")

    text = page_texts(result.pdf)[0]
    assert "领导班子成员民主测评 测评结果" in text
    assert "92.86%" in text and "57.14%" in text
    assert "⚠ 不满意超过三分之一" in text
    assert "加权得分" in text and "基本满意" in text
    for label in ("发出", "收回", "无效", "有效", "满意率", "弃权", "总经理"):
        assert label in text
    assert roll_hash(outcome) in flat(text)
    for label in ("监票人", "计票人", "主持人"):
        assert label in text

    book = openpyxl.load_workbook(result.xlsx)
    assert book.sheetnames == ["结果", "测评", "设置"]
    rows = list(book["测评"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:8] == ("序号", "姓名", "职务", "满意", "基本满意", "不满意", "弃权", "满意率")
    first = dict(zip(header, rows[1], strict=True))
    assert first["满意率"] == "92.86%" and first["满意率（%）"] == pytest.approx(92.86)
    assert first["满意"] == 22 and first["弃权"] == 1 and first["评价等次"] == "满意"
    assert isinstance(first["加权得分"], float)
    second = dict(zip(header, rows[2], strict=True))
    assert second["提示"] == "⚠ 不满意超过三分之一"
    facts = {row[0]: row[1:] for row in book["结果"].iter_rows(values_only=True) if row[0]}
    assert facts["有效"][0] == 28 and facts["无效"][0] == 1


# ----------------------------------------------------------------------------- both backends


def test_export_item_on_each_backend_with_its_font_embedded(congress_db, tmp_path):
    db = congress_db
    seat_everyone(db, 6, 3)
    item = motions.new_motion(db, "关于年度工作报告的决议")
    motions.record_count(db, item.number, MotionCount(8, 1, 0), method="hands")

    result = export_item(
        db, "关于年度工作报告的决议", pdf=tmp_path / "r.pdf", xlsx=tmp_path / "r.xlsx"
    )

    data = result.pdf.read_bytes()
    assert b"STSong-Light" not in data and b"/FontFile2" in data  # the font travels with it
    assert "通过" in page_texts(result.pdf)[0]
    assert openpyxl.load_workbook(result.xlsx)["结果"]["A1"].value.endswith("表决结果")
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_a_folder_is_refused_as_the_output(congress, tmp_path):
    item = motions.new_motion(congress, "关于某事的决定")
    outcome, info, _ = load_result(congress, item.number)
    with pytest.raises(Refusal) as refused:
        write_result_pdf(outcome, tmp_path, info)
    assert refused.value.key == "result.out_is_dir"
    with pytest.raises(Refusal):
        write_result_xlsx(outcome, tmp_path, info)
    # Not yet counted: the sheet still prints, and says so.
    text = page_texts(write_result_pdf(outcome, tmp_path / "open.pdf", info))[0]
    assert "尚未计票" in text


def test_unreadable_marks_and_a_malformed_ballot(congress, tmp_path):
    db = congress
    item = elections.new_election(db, "工会主席选举", seats=1, candidates="甲,乙", order="given")
    voting.issue(db, item.number, 30)
    for marks in ["o-"] * 16 + ["-o"] * 10 + ["?o", "o?"]:
        elections.record_ballot(db, item.number, Ballot(0, marks))
    elections.record_ballot(db, item.number, Ballot(0, "", malformed=True))

    result = export_item(db, item.number, pdf=tmp_path / "u.pdf", xlsx=tmp_path / "u.xlsx")

    text = "".join(page_texts(result.pdf))
    assert "无法辨认" in text and "当选人（按得票多少为序）：甲（17票）" in flat(text)
    book = openpyxl.load_workbook(result.xlsx)
    votes = list(book["得票"].iter_rows(values_only=True))
    assert votes[0] == ("序号", "候选人", "赞成", "不赞成", "弃权", "无法辨认", "结果")
    assert votes[1] == (1, "甲", 17, 0, 10, 1, "当选")
    ballots = {row[0]: row for row in book["选票"].iter_rows(min_row=2, values_only=True)}
    assert ballots[27][1:3] == ("？", "○")
    assert ballots[29][3:] == (None, "废票", "无法识别的选票")


def test_an_election_not_yet_started_prints_as_open(congress, tmp_path):
    item = elections.new_election(congress, "女职工委员会委员选举", seats=2, candidates="甲,乙,丙")
    text = "".join(page_texts(export_item(congress, item.number, pdf=tmp_path / "o.pdf").pdf))
    assert "尚未计票" in text and "选举无效" not in text
    assert "表决名单：尚未确定" in text
    appraisal = appraisals.new_appraisal(congress, "中层干部测评", subjects=["丁"])
    text = "".join(page_texts(export_item(congress, appraisal.number, pdf=tmp_path / "a.pdf").pdf))
    assert "尚未计票" in text


def test_an_election_still_being_keyed_says_so_until_the_count_is_closed(congress, tmp_path):
    item = elections.new_election(congress, "女职工委员会委员选举", seats=2, candidates="甲,乙,丙")
    voting.issue(congress, item.number, 30)
    for marks in ("oo-", "o-o", "-oo"):
        elections.record_ballot(congress, item.number, Ballot(0, marks))
    text = flat("".join(page_texts(export_item(congress, item.number, pdf=tmp_path / "k.pdf").pdf)))
    assert "计票中：已录入3张，发出30张，尚未计票完毕" in text
    voting.set_counted(congress, item.number, True)
    text = flat("".join(page_texts(export_item(congress, item.number, pdf=tmp_path / "c.pdf").pdf)))
    assert "计票中" not in text and "以第一次录入为准" in text
