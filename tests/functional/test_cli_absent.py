"""`huiwu absent` and `huiwu roster list` as users script them (in-process, click's runner)."""

import json

import pytest

from models.attendance import check_in, record_leave
from models.congress import create_congress, create_sitting
from models.db import open_database
from tests.functional.test_cli_badges_rotate import run


@pytest.fixture
def hall(tmp_path):
    """Two delegations with heads, a 列席 attendee; A01 checked in, A02 on leave."""
    path = tmp_path / "huiwu.db"
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "编号,姓名,代表团,类别,单位,团长,性别\n"
        "A01,张三丰,第一代表团,,机关,是,男\n"
        "A02,李四,第一代表团,,一车间,,\n"
        "A03,王五,第一代表团,,=SUM(1),,\n"
        "B01,钱七,第二代表团,,三车间,是,女\n"
        "L01,列席甲,,列席代表,,,\n",
        encoding="utf-8",
    )
    database = open_database(path)
    create_congress(database, "测试公司第三届职工代表大会第二次会议", term=3, session=2)
    create_sitting(database, "第一次全体会议")
    database.dispose()
    run(path, "roster", "import", str(roster), check_code=0)
    database = open_database(path)
    check_in(database, "A01")
    record_leave(database, "A02", reason="病假")
    database.dispose()
    return path


def test_absent_text_names_the_heads_and_counts_leave_apart(hall):
    out = run(hall, "absent", check_code=0).stdout.splitlines()
    assert out[1] == "应到4名，实到1名，请假1名（请假者不列入名单），未到2名"
    assert out[2:] == [
        "第一代表团　团长：张三丰（A01）　未到1名",
        "  A03\t王五\t=SUM(1)",
        "第二代表团　团长：钱七（B01）　未到1名",
        "  B01\t钱七\t三车间",
    ]
    english = run(hall, "absent", "--lang", "en", check_code=0).stdout
    assert "Due 4, present 1, on leave 1 (not listed), not arrived 2" in english


def test_absent_json_and_one_delegation(hall):
    data = json.loads(run(hall, "absent", "--json", check_code=0).stdout)
    assert (data["due"], data["present"], data["leave"], data["absent"]) == (4, 1, 1, 2)
    assert [g["delegation"] for g in data["delegations"]] == ["第一代表团", "第二代表团"]
    assert data["delegations"][0]["head"] == "张三丰"
    assert data["delegations"][0]["absent"] == [
        {"code": "A03", "name": "王五", "unit": "=SUM(1)", "phone": None}
    ]
    assert data["delegations"][0]["head_phone"] is None  # the roster has no phone column
    one = json.loads(run(hall, "absent", "--delegation", "第二代表团", "--json").stdout)
    assert one["absent"] == 1 and one["due"] == 1 and one["delegation"] == "第二代表团"


def test_absent_unknown_delegation_is_refused(hall):
    out = run(hall, "absent", "--delegation", "第九代表团", check_code=1)
    assert "没有名为「第九代表团」的代表团" in out.stderr and out.stdout == ""


def test_everybody_arrived(hall):
    database = open_database(hall)
    check_in(database, "A03")
    check_in(database, "B01")
    database.dispose()
    out = run(hall, "absent", check_code=0).stdout
    assert "未到0名" in out and "没有未到的正式代表" in out


def test_roster_list(hall):
    lines = run(hall, "roster", "list", check_code=0).stdout.splitlines()
    assert lines[0] == "A01\t张三丰\t男\t机关\t第一代表团\t正式代表\t团长"
    assert lines[-1] == "L01\t列席甲\t\t\t\t列席代表"
    data = json.loads(run(hall, "roster", "list", "--json", check_code=0).stdout)
    assert [p["code"] for p in data] == ["A01", "A02", "A03", "B01", "L01"]
    assert data[0] == {
        "code": "A01",
        "name": "张三丰",
        "gender": "男",
        "unit": "机关",
        "delegation": "第一代表团",
        "category": "delegate",
        "head": True,
        "phone": None,
        "seat": None,  # issue 21
        "note": None,
    }
    assert [p["head"] for p in data] == [True, False, False, True, False]


def pdf_text(path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_absent_pdf_and_xlsx_read_back(hall, tmp_path):
    from openpyxl import load_workbook

    pdf, xlsx = tmp_path / "out" / "未到.pdf", tmp_path / "out" / "未到.xlsx"
    out = run(hall, "absent", "--pdf", str(pdf), "--xlsx", str(xlsx), check_code=0)
    assert out.stdout.splitlines() == [f"已写出 {pdf}", f"已写出 {xlsx}"]
    text = pdf_text(pdf).replace("\r", "")
    for words in ("未到名单", "第一次全体会议", "请假 1 名（不列入本名单）", "未到 2 名"):
        assert words in text
    assert "团长：张三丰（A01）" in text and "王五" in text and "钱七" in text
    assert "李四" not in text and "列席甲" not in text  # on leave; not a voting delegate
    sheet = load_workbook(xlsx).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values.index(["代表团", "团长", "团长编号", "编号", "姓名", "单位", "联系情况"])
    assert values[header + 1 :] == [
        ["第一代表团", "张三丰", "A01", "A03", "王五", "=SUM(1)", None],
        ["第二代表团", "钱七", "B01", "B01", "钱七", "三车间", None],
    ]
    assert sheet.cell(row=header + 2, column=6).data_type == "s"  # text, never a formula
    assert sheet.print_title_rows and str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4


def test_absent_files_when_nobody_is_missing_and_json_stays_one_document(hall, tmp_path):
    database = open_database(hall)
    check_in(database, "A03")
    check_in(database, "B01")
    database.dispose()
    pdf = tmp_path / "none.pdf"
    out = run(hall, "absent", "--pdf", str(pdf), "--json", check_code=0)
    assert json.loads(out.stdout)["absent"] == 0 and "已写出" in out.stderr
    assert "没有未到的正式代表" in pdf_text(pdf)


def test_absent_pdf_into_a_folder_is_a_usage_error(hall, tmp_path):
    out = run(hall, "absent", "--pdf", str(tmp_path), check_code=2)
    assert "是文件夹" in out.stderr and out.stdout == ""  # click's words, in Chinese under zh
