"""Rosters as people really make them (issue 18): other header names, a title above the header,
columns huiwu does not use, numbers formatted in Excel, formulas never calculated, a date where a
code was typed; and re-imports that would count someone twice. Files are real CSV and real xlsx
written with openpyxl; the database tests run on SQLite and PostgreSQL."""

import datetime as dt
import zipfile

import openpyxl
import pytest
from sqlalchemy import func, select

from models.audit import T_EVENT
from models.congress import T_PERSON
from models.errors import Refusal
from models.io.roster_file import parse_roster_sheet, read_bytes, read_roster_file
from models.io.shown_cells import format_number
from models.roster import import_roster, preview_roster_import, roster_people
from models.verify import verify_database
from tui.i18n import refusal_text, set_lang

ISSUE_HEADER = "序号,编号,姓名,所在单位,代表团名称,代表类别,备注,民族\n"
TITLE = "XX公司第三届职工代表大会代表名单"


def write(tmp_path, text: str, name: str = "roster.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def write_xlsx(tmp_path, rows, name: str = "roster.xlsx", formats: dict | None = None):
    """rows as cells; ``formats`` maps a cell reference (A2) to its number format."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    path = tmp_path / name
    workbook.save(path)
    return path


def sheet_of(path):
    return parse_roster_sheet(read_bytes(path), suffix=path.suffix)


def refusal_of(path) -> Refusal:
    with pytest.raises(Refusal) as caught:
        read_roster_file(path)
    return caught.value


def person_count(db) -> int:
    with db.read() as conn:
        return conn.execute(select(func.count()).select_from(T_PERSON)).scalar_one()


def event_count(db) -> int:
    with db.read() as conn:
        return conn.execute(select(func.count()).select_from(T_EVENT)).scalar_one()


# --- headers ------------------------------------------------------------------------------------


def test_the_issue_header_reads_unit_delegation_and_category_and_names_the_ignored(tmp_path):
    path = write(tmp_path, ISSUE_HEADER + "1,D001,张三,机关党委,第一代表团,列席代表,新任,汉\n")
    sheet = sheet_of(path)
    (row,) = sheet.rows
    assert (row.code, row.name, row.unit, row.delegation, row.category) == (
        "D001",
        "张三",
        "机关党委",
        "第一代表团",
        "attendee",
    )
    assert sheet.ignored == ("民族",)  # 序号 is ignored without a word; 备注 is the note
    assert sheet.unused == () and sheet.unlabelled == ()


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("工号", "code"),
        ("证号", "code"),
        ("代表编号", "code"),
        ("所在单位", "unit"),
        ("工作单位", "unit"),
        ("代表团名称", "delegation"),
        ("所在代表团", "delegation"),
        ("代表类别", "category"),
        ("身份", "category"),
        ("手机", "phone"),
        ("联系电话", "phone"),
    ],
)
def test_header_aliases(tmp_path, header, field):
    values = {"code": "D9", "unit": "二车间", "delegation": "二团", "category": "特邀代表"}
    values["phone"] = "13800138000"
    columns = {"code": "编号", "name": "姓名", field: header}
    line = {"code": "D9", "name": "李四", field: values[field]}
    path = write(tmp_path, ",".join(columns.values()) + "\n" + ",".join(line.values()) + "\n")
    (row,) = read_roster_file(path)
    expected = "guest" if field == "category" else values[field]
    assert getattr(row, field) == expected


@pytest.mark.parametrize(
    "header",
    [
        " 编 号 ,姓　名,单位",  # spaces, an ideographic space
        "ｃｏｄｅ,ＮＡＭＥ,单位",  # full-width letters
        "编号（必填）,*姓名,单位：",  # a required note, a star, a colon
        "编号/code,姓名 / Name,单位(unit)",  # both languages
    ],
)
def test_header_spelling_variants(tmp_path, header):
    (row,) = read_roster_file(write(tmp_path, header + "\nD1,王五,机关\n"))
    assert (row.code, row.name, row.unit) == ("D1", "王五", "机关")


def test_a_note_naming_a_field_is_not_that_field(tmp_path):
    sheet = sheet_of(write(tmp_path, "编号,姓名,单位(部门),备注(团长)\nD1,张三,机关,新任\n"))
    assert sheet.rows[0].unit == "机关" and not sheet.rows[0].head
    assert sheet.rows[0].note == "新任" and sheet.ignored == ()  # a note (about heads)


def test_the_header_is_found_below_a_title_and_a_blank_line(tmp_path):
    text = f"{TITLE},,,\n,,,\n工号,姓名,所在单位,代表团名称\nD1,张三,机关,一团\n"
    (row,) = read_roster_file(write(tmp_path, text))
    assert (row.line, row.code, row.unit, row.delegation) == (4, "D1", "机关", "一团")


def test_xlsx_title_row_then_header(tmp_path):
    path = write_xlsx(tmp_path, [[TITLE], [], ["证号", "姓名", "身份"], ["D1", "张三", "工作人员"]])
    (row,) = read_roster_file(path)
    assert (row.line, row.code, row.category) == (4, "D1", "staff")


def test_a_missing_column_quotes_the_header_not_the_title(tmp_path):
    error = refusal_of(write(tmp_path, f"{TITLE}\n\n人员号,姓名,单位\nX1,张三,机关\n"))
    assert error.key == "roster.missing.code"
    assert error.params == {"found": "人员号、姓名、单位", "line": 3}
    assert (
        refusal_text(error) == "名单缺少必需的列：编号。表头（第3行）读到的列：人员号、姓名、单位"
    )


def test_a_column_naming_two_fields_is_refused(tmp_path):
    error = refusal_of(write(tmp_path, "编号,姓名/单位\nD1,张三\n"))
    assert error.key == "roster.ambiguous_column"
    assert refusal_text(error) == (
        "表头第B列“姓名/单位”既像“姓名”列又像“单位”列，无法确定，请改成其中一个。"
    )
    set_lang("en")
    assert "“name” or the “unit” column" in refusal_text(error)


def test_two_columns_for_one_field_are_refused_naming_both(tmp_path):
    error = refusal_of(write(tmp_path, "编号,姓名,单位,工作单位\nD1,张三,机关,车间\n"))
    assert error.key == "roster.duplicate_column"
    assert refusal_text(error) == (
        "表头中“单位”（第C列）和“工作单位”（第D列）都是“单位”列，请只保留一列。"
    )


def test_a_seat_column_and_a_note_column_are_read(tmp_path):
    sheet = sheet_of(write(tmp_path, "编号,姓名,座号,备注\nD1,张三,3排5号,\n"))
    assert sheet.unused == () and sheet.ignored == ()  # issue 21: seats are stored
    assert (sheet.rows[0].seat, sheet.rows[0].note) == ("3排5座", None)


def test_data_under_no_header_is_named_by_its_column(tmp_path):
    sheet = sheet_of(write(tmp_path, "编号,姓名,,\nD1,张三,,党员\nD2,李四,,\n"))
    assert sheet.unlabelled == ("D",)  # column C is empty throughout: not worth a word


# --- xlsx cells as Excel shows them ------------------------------------------------------------


def test_a_code_formatted_0000_reads_as_shown_and_general_numbers_lose_the_point(tmp_path):
    path = write_xlsx(
        tmp_path,
        [
            ["编号", "姓名", "手机"],
            [12, "张三", 13800138000],
            [1.0, "李四", None],
            [7, "王五", None],
        ],
        formats={"A2": "0000", "A4": '"D"000'},
    )
    rows = read_roster_file(path)
    assert [(r.code, r.phone) for r in rows] == [
        ("0012", "13800138000"),
        ("1", None),
        ("D007", None),
    ]


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (12, "0000", "0012"),
        (123456, "0000", "123456"),  # more digits than placeholders: all kept
        (1.0, "General", "1"),
        (1.5, "General", "1.5"),
        (13800138000, "000-0000-0000", "138-0013-8000"),
        (1234.5, "#,##0.00", "1,234.50"),
        (0.5, "0%", "50%"),
        (2.5, "0.0#", "2.5"),
        (12, "@", "12"),
        (-5, "0000", "-0005"),
        (7, "[Red]0000;-0000", "0007"),
    ],
)
def test_number_formats(value, number_format, shown):
    assert format_number(value, number_format) == shown


def test_a_date_where_text_belongs_is_refused_and_elsewhere_ignored(tmp_path):
    path = write_xlsx(
        tmp_path,
        [
            ["编号", "姓名", "出生日期"],
            ["D1", "张三", dt.date(1980, 5, 1)],  # an ignored column may hold dates
            [dt.datetime(2026, 3, 1), "李四", None],  # "3-1" typed, Excel made it 1 March
        ],
    )
    error = refusal_of(path)
    assert error.key == "roster.invalid"
    (detail,) = error.details
    assert refusal_text(detail) == (
        "第3行: “编号”列是日期（2026-03-01），原来填写的内容已被 Excel 改成日期："
        "请把该列设为“文本”格式、重新填写后再导入"
    )


def test_a_formula_without_a_saved_result_is_named_not_taken_for_an_empty_name(tmp_path):
    rows = [[TITLE], [], ["编号", "姓名"], ["D1", "张三"], ["D2", '="李"&"四"'], ["D3", "王五"]]
    error = refusal_of(write_xlsx(tmp_path, rows))
    (detail,) = error.details
    assert detail.key == "roster.err.formula_no_value"
    assert refusal_text(detail) == (
        "第5行: “姓名”列是公式，没有保存计算结果：请在 Excel 中打开并保存后再导入"
    )
    set_lang("en")
    assert refusal_text(detail).startswith("Line 5: the “姓名” cell is a formula")


def test_a_formula_with_a_saved_result_reads_the_result(tmp_path):
    path = write_xlsx(tmp_path, [["编号", "姓名"], ["D1", '="李"&"四"']])
    # what Excel does on saving: the result next to the formula (openpyxl never writes one)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet_xml = "xl/worksheets/sheet1.xml"
    parts[sheet_xml] = (
        parts[sheet_xml]
        .decode()
        .replace('<c r="B2"><f>', '<c r="B2" t="str"><f>')
        .replace("<v />", "<v>李四</v>")
        .encode()
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    (row,) = read_roster_file(path)
    assert row.name == "李四"


# --- importing: nothing written for a bad file; 0012 is one person -----------------------------


def test_a_refused_xlsx_changes_nothing(congress_db, tmp_path):
    path = write_xlsx(tmp_path, [["编号", "姓名"], ["D1", "张三"], ["D2", "=A1"]])
    before = (person_count(congress_db), event_count(congress_db))
    with pytest.raises(Refusal):
        import_roster(congress_db, path)
    assert (person_count(congress_db), event_count(congress_db)) == before


def test_xlsx_0012_then_the_same_roster_as_csv_is_one_person(congress_db, tmp_path):
    xlsx = write_xlsx(
        tmp_path, [["编号", "姓名", "代表团"], [12, "张三", "一团"]], formats={"A2": "0000"}
    )
    assert import_roster(congress_db, xlsx).added == 1
    csv = write(tmp_path, "编号,姓名,代表团\n0012,张三,一团\n")
    report = import_roster(congress_db, csv)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
    assert [p.code for p in roster_people(congress_db)] == ["0012"]


def test_a_new_code_for_the_same_name_and_delegation_is_refused_naming_both(congress_db, tmp_path):
    import_roster(congress_db, write(tmp_path, "编号,姓名,代表团\n12,张三,一团\n13,李四,\n"))
    again = write(tmp_path, "编号,姓名,代表团\n0012,张三,一团\n0013,李四,\n0014,张三,二团\n")
    before = (person_count(congress_db), event_count(congress_db))
    with pytest.raises(Refusal) as caught:
        import_roster(congress_db, again)
    assert caught.value.key == "roster.same_name"
    assert [refusal_text(d) for d in caught.value.details] == [
        "第2行: 张三（一团）编号“0012”，名单上已有编号“12”",
        "第3行: 李四（无代表团）编号“0013”，名单上已有编号“13”",
    ]  # 张三 of 二团 is somebody else
    with pytest.raises(Refusal):
        preview_roster_import(congress_db, again)
    assert (person_count(congress_db), event_count(congress_db)) == before

    report = import_roster(congress_db, again, allow_same_name=True)
    assert report.added == 3 and person_count(congress_db) == 5
    assert verify_database(congress_db).ok


def test_a_renamed_code_frees_the_name(congress_db, tmp_path):
    """12 is renamed in the same file that adds 张三 under 0012: nobody is there twice."""
    import_roster(congress_db, write(tmp_path, "编号,姓名,代表团\n12,张三,一团\n"))
    again = write(tmp_path, "编号,姓名,代表团\n12,张三丰,一团\n0012,张三,一团\n")
    assert import_roster(congress_db, again).added == 1


# --- the preview ---------------------------------------------------------------------------------


def test_the_preview_lists_every_change_and_writes_nothing(congress_db, tmp_path):
    first = "编号,姓名,单位,代表团,类别\nD1,张三,机关,一团,\nD2,李四,车间,一团,\nD3,王五,,二团,\n"
    import_roster(congress_db, write(tmp_path, first))
    second = write(
        tmp_path,
        "编号,姓名,单位,代表团,类别,备注\nD1,张三,机关,一团,,\nD2,李四,工会,一团,列席代表,\n"
        "D4,赵六,,三团,,新\n",
    )
    before = (person_count(congress_db), event_count(congress_db))
    preview = preview_roster_import(congress_db, second)
    assert (person_count(congress_db), event_count(congress_db)) == before
    assert [p["code"] for p in preview.added] == ["D4"]
    assert preview.changed == [
        {"code": "D2", "unit": ["车间", "工会"], "category": ["delegate", "attendee"]}
    ]
    assert preview.category_changes == preview.changed
    assert preview.not_in_file == [{"code": "D3", "name": "王五", "delegation": "二团"}]
    assert preview.delegations_new == ["三团"]
    assert preview.ignored_columns == ()  # 备注 is the check-in note (issue 21)
    assert (preview.total, preview.unchanged, preview.changes_roster) == (3, 1, True)

    report = import_roster(congress_db, second, expected_digest=preview.digest)
    assert (report.added, report.updated, report.ignored_columns) == (1, 1, ())
    assert [p.code for p in roster_people(congress_db)] == ["D1", "D2", "D3", "D4"]  # D3 kept
    assert verify_database(congress_db).ok


def test_a_first_import_needs_no_question(congress_db, tmp_path):
    preview = preview_roster_import(congress_db, write(tmp_path, "编号,姓名\nD1,张三\n"))
    assert preview.roster_was_empty and not preview.changes_roster


def test_what_changed_after_the_preview_is_not_written(congress_db, tmp_path):
    import_roster(congress_db, write(tmp_path, "编号,姓名\nD1,张三\n", name="a.csv"))
    mine = write(tmp_path, "编号,姓名\nD1,张三\nD2,李四\n", name="b.csv")
    preview = preview_roster_import(congress_db, mine)
    # another desk imports meanwhile
    import_roster(congress_db, write(tmp_path, "编号,姓名\nD2,李四四\n", name="c.csv"))
    before = (person_count(congress_db), event_count(congress_db))
    with pytest.raises(Refusal) as caught:
        import_roster(congress_db, mine, expected_digest=preview.digest)
    assert caught.value.key == "roster.changed_since_preview"
    assert (person_count(congress_db), event_count(congress_db)) == before
