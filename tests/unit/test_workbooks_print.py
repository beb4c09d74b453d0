"""Every workbook huiwu writes is ready to print (issue 18): A4, one page wide, the header row
on every page and frozen on screen, the page number at the foot; figures are numbers and times
with a format, codes stay text; columns fit Chinese. The workbooks come from the ONE list of
exporters of tests/unit/test_no_formula_exports.py, on its congress (names typed as formulas)
plus a delegate whose code has leading zeros."""

import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils.cell import coordinate_from_string

from models import scores
from models.io.cells import Shown, csv_value, decimal_shown, percent_shown, put, time_shown
from models.io.sheet_layout import (
    FOOTER,
    MAX_WIDTH,
    PORTRAIT_WIDTH,
    fit_columns,
    ready_to_print,
    used_width,
)
from models.io.table_file import records
from tests.helpers import import_people
from tests.unit.test_no_formula_exports import EXPORTERS, congress  # noqa: F401 (the fixture)

CODE = "0012"  # a badge code a spreadsheet would read as the number 12
LONG_UNIT = "中国石油天然气集团有限公司新疆油田分公司采油一厂第三作业区综合服务保障中心"  # 74 wide


@pytest.fixture
def books(congress, tmp_path):  # noqa: F811 (the fixture imported above)
    """{exporter name: {file name: workbook}} of every exporter; a delegate ``0012`` is absent."""
    db, contest = congress
    import_people(db, tmp_path, [(CODE, "王芳", "第一代表团", "正式代表", LONG_UNIT)])
    written = {}
    for exporter in EXPORTERS:
        folder = tmp_path / re.sub(r"\W", "_", exporter.name)
        folder.mkdir()
        paths = [p for p in exporter.run(db, contest, folder) if p.suffix == ".xlsx"]
        written[exporter.name] = {p.name: load_workbook(p) for p in paths}
    return db, contest, written


def frozen_row(sheet) -> int | None:
    if not sheet.freeze_panes:
        return None
    return coordinate_from_string(sheet.freeze_panes)[1]


def column_of(sheet, header_row: int, title: str) -> int:
    return next(c.column for c in sheet[header_row] if c.value == title)


def test_every_sheet_of_every_workbook_prints_on_a4_one_page_wide(books):
    _, _, written = books
    assert set(written) == {exporter.name for exporter in EXPORTERS}
    for name, files in written.items():
        assert files, name  # every exporter wrote at least one workbook
        for file, book in files.items():
            repeated = 0
            for sheet in book.worksheets:
                where = f"{file}!{sheet.title}"
                setup = sheet.page_setup
                assert int(setup.paperSize) == 9, where  # A4
                assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0), where
                assert sheet.sheet_properties.pageSetUpPr.fitToPage, where
                assert sheet.oddFooter.center.text == FOOTER, where
                wide = used_width(sheet) > PORTRAIT_WIDTH
                assert setup.orientation == ("landscape" if wide else "portrait"), where
                row = frozen_row(sheet)
                if row is not None and row > 1:  # the header is the row above the frozen panes
                    assert sheet.print_title_rows == f"${row - 1}:${row - 1}", where
                    repeated += 1
            assert repeated, f"{file}: no sheet repeats its header on every page"


def test_the_header_rows_that_repeat_are_the_tables_headers(books):
    _, _, written = books
    absent = written["未到名单 xlsx"]["absent.xlsx"].active
    header = int(absent.print_title_rows.split(":")[0].strip("$"))
    assert absent[header][0].value == "代表团" and absent[header][3].value == "编号"
    assert absent.freeze_panes == f"A{header + 1}"
    ranking = written["standings --xlsx / --certificates"]["standings.xlsx"]["排名"]
    assert ranking.print_title_rows == "$5:$5" and ranking["C5"].value == "名次"
    registry = written["proposals export --xlsx"]["proposals.xlsx"]["提案登记"]
    assert registry.print_title_rows == "$1:$1" and registry["A1"].value == "编号"
    minutes = written["export (会议记录.xlsx, csv/)"]["会议记录.xlsx"]
    motions = minutes["表决"]
    assert motions.print_title_rows == "$1:$1" and motions.page_setup.orientation == "landscape"


def test_scores_are_numbers_shown_with_the_contest_decimals(books):
    db, contest, written = books
    decimals = scores.standings(db, contest).contest.decimals
    shape = "0." + "0" * decimals
    top = scores.standings(db, contest).rows[0]
    ranking = written["standings --xlsx / --certificates"]["standings.xlsx"]["排名"]
    cell = ranking.cell(row=6, column=column_of(ranking, 5, "最后得分"))
    assert isinstance(cell.value, float) and cell.number_format == shape
    assert f"{cell.value:.{decimals}f}" == top.score
    sheet = written["export (会议记录.xlsx, csv/)"]["会议记录.xlsx"]["竞赛"]
    head = next(row for row in sheet.iter_rows() if row[0].value == "项目")[0].row
    name, score = column_of(sheet, head, "选手"), column_of(sheet, head, "最后得分")
    row = next(r for r in sheet.iter_rows() if r[name - 1].value == top.entrant.name)
    cell = row[score - 1]
    assert isinstance(cell.value, float) and cell.number_format == shape
    assert f"{cell.value:.{decimals}f}" == top.score
    exact = row[column_of(sheet, head, "未修约分") - 1]
    assert isinstance(exact.value, float)
    assert Decimal(str(exact.value)) == top.card.unrounded


def test_rates_and_counts_are_numbers(books):
    _, _, written = books
    sheet = written["export (会议记录.xlsx, csv/)"]["会议记录.xlsx"]["测评"]
    head = next(row for row in sheet.iter_rows() if row[0].value == "序号")
    rate = sheet.cell(row=head[0].row + 1, column=column_of(sheet, head[0].row, "满意率"))
    assert isinstance(rate.value, float) and 0 <= rate.value <= 1
    assert rate.number_format == "0.00%"
    count = sheet.cell(row=head[0].row + 1, column=column_of(sheet, head[0].row, "满意"))
    assert isinstance(count.value, int) and count.number_format == "General"


def test_times_are_spreadsheet_times(books):
    _, _, written = books
    minutes = written["export (会议记录.xlsx, csv/)"]["会议记录.xlsx"]
    checked = [
        cell
        for sheet in minutes.worksheets
        if sheet.title.startswith("出席-")
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, datetime)
    ]
    assert checked  # the desk checked everyone in at the first sitting
    assert {c.number_format for c in checked} == {"yyyy-mm-dd hh:mm:ss"}
    exported = next(r for r in minutes["封面"].iter_rows() if r[0].value == "导出时间")[1]
    assert isinstance(exported.value, datetime)
    rolls = [  # the roll of the delegates present, frozen when each count began
        row[1]
        for book in written["result --xlsx"].values()
        for row in book["结果"].iter_rows()
        if row[0].value == "表决名单确定时间"
    ]
    assert rolls and all(isinstance(cell.value, datetime) for cell in rolls)
    assert {cell.number_format for cell in rolls} == {"yyyy-mm-dd hh:mm"}
    registry = written["proposals export --xlsx"]["proposals.xlsx"]["提案登记"]
    submitted = registry.cell(row=2, column=column_of(registry, 1, "提交时间"))
    assert isinstance(submitted.value, datetime)
    assert submitted.number_format == "yyyy-mm-dd hh:mm"


def test_codes_with_leading_zeros_stay_text(books, tmp_path):
    _, _, written = books
    absent = written["未到名单 xlsx"]["absent.xlsx"].active
    codes = [c for row in absent.iter_rows() for c in row if c.value == CODE]
    assert codes and all(c.data_type == "s" for c in codes)
    minutes = written["export (会议记录.xlsx, csv/)"]["会议记录.xlsx"]
    last = [s for s in minutes.worksheets if s.title.startswith("出席-")][-1]
    assert any(c.value == CODE and c.data_type == "s" for row in last.iter_rows() for c in row)
    # and huiwu's own table reader, which reads the files it is given back, still sees "0012"
    path = tmp_path / "absent.xlsx"
    written["未到名单 xlsx"]["absent.xlsx"].save(path)
    assert [CODE, "王芳"] in [row[3:5] for row in records(path.read_bytes(), ".xlsx", "roster")]


def test_a_long_chinese_unit_widens_its_column_up_to_the_cap_and_wraps(books):
    _, _, written = books
    absent = written["未到名单 xlsx"]["absent.xlsx"].active
    unit = next(c for row in absent.iter_rows() for c in row if c.value == LONG_UNIT)
    assert absent.column_dimensions[unit.column_letter].width == MAX_WIDTH
    assert unit.alignment.wrap_text


# -- the helper on its own ----------------------------------------------------------------------


def test_a_chinese_character_counts_two_and_the_widest_cell_sets_the_width():
    sheet = Workbook().active
    sheet["A1"], sheet["A2"] = "姓名", "欧阳娜娜"  # 4 characters: 8 wide, + 2 of padding
    sheet["B1"], sheet["B2"] = "code", "ABCDEFGH"  # 8 Latin characters: 8 wide, + 2
    sheet["C1"] = "王"
    fit_columns(sheet)
    assert sheet.column_dimensions["A"].width == 10
    assert sheet.column_dimensions["B"].width == 10
    assert sheet.column_dimensions["C"].width == 6  # the minimum
    assert not sheet["A2"].alignment.wrap_text


def test_a_cell_exactly_at_the_cap_does_not_wrap_one_wider_does():
    sheet = Workbook().active
    sheet["A1"] = "字" * ((MAX_WIDTH - 2) // 2)  # 58 wide + 2 of padding: exactly the cap
    sheet["B1"] = "字" * ((MAX_WIDTH - 2) // 2) + "x"  # one wider
    fit_columns(sheet)
    assert sheet.column_dimensions["A"].width == MAX_WIDTH
    assert sheet.column_dimensions["B"].width == MAX_WIDTH
    assert not sheet["A1"].alignment.wrap_text
    assert sheet["B1"].alignment.wrap_text


def test_a_title_alone_on_its_row_runs_across_instead_of_wrapping():
    sheet = Workbook().active
    sheet["A1"] = "字" * MAX_WIDTH  # a title over the table
    sheet["A2"], sheet["B2"] = "姓名", "单位"
    fit_columns(sheet)
    assert not sheet["A1"].alignment.wrap_text


@pytest.mark.parametrize(
    ("widths", "orientation"),
    [
        ((50, PORTRAIT_WIDTH - 50), "portrait"),  # exactly the widest sheet printed portrait
        ((50, PORTRAIT_WIDTH - 49.5), "landscape"),  # half a character over
    ],
)
def test_landscape_only_when_the_columns_are_wider_than_portrait(widths, orientation):
    sheet = Workbook().active
    for column, width in enumerate(widths, start=1):
        sheet.cell(row=1, column=column, value="x")
        sheet.column_dimensions[chr(ord("A") + column - 1)].width = width
    assert used_width(sheet) == sum(widths)
    ready_to_print(sheet, header_row=1)
    assert sheet.page_setup.orientation == orientation


def test_unsized_columns_count_as_excel_default_width():
    sheet = Workbook().active
    for column in range(1, 13):  # twelve columns of 8.43: 101.16, portrait
        sheet.cell(row=1, column=column, value=column)
    assert used_width(sheet) == pytest.approx(101.16)
    ready_to_print(sheet)
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.print_title_rows is None and sheet.freeze_panes is None  # nothing frozen


def test_an_existing_freeze_of_columns_is_kept(tmp_path: Path):
    sheet = Workbook().active
    sheet.freeze_panes = "C2"  # the number and the title stay in view
    ready_to_print(sheet)
    assert sheet.freeze_panes == "C2" and sheet.print_title_rows == "$1:$1"


# -- figures shown as text, stored as numbers ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "shape"),
    [
        ("92.35", 92.35, "0.00"),
        ("92.30", 92.3, "0.00"),  # the trailing zero is the format's, the number is 92.3
        ("92", 92, "0"),
        ("-1.5", -1.5, "0.0"),
    ],
)
def test_a_score_as_text_becomes_a_number_with_as_many_decimals(text, number, shape):
    shown = decimal_shown(text)
    assert (shown.value, shown.number_format, str(shown)) == (number, shape, text)


@pytest.mark.parametrize("text", [None, "—", "", "nan", "Infinity", "=1+1"])
def test_text_that_is_no_number_stays_text(text):
    assert decimal_shown(text) == text
    assert percent_shown(text) == text


def test_a_rate_is_a_fraction_shown_as_percent():
    shown = percent_shown("96.45%")
    assert shown.value == pytest.approx(0.9645) and shown.number_format == "0.00%"
    assert percent_shown("100%").number_format == "0%"
    assert percent_shown("96.45") == "96.45"  # no % sign: not a rate


def test_a_time_keeps_the_desks_wall_clock_and_drops_the_zone():
    moment = datetime(2026, 3, 5, 9, 14, 27, 500, tzinfo=timezone(timedelta(hours=8)))
    shown = time_shown(moment)
    assert shown.value == datetime(2026, 3, 5, 9, 14, 27)  # Excel has no time zones
    assert (str(shown), shown.number_format) == ("2026-03-05 09:14:27", "yyyy-mm-dd hh:mm:ss")
    minutes = time_shown(moment, "%Y-%m-%d %H:%M")
    assert (str(minutes), minutes.number_format) == ("2026-03-05 09:14", "yyyy-mm-dd hh:mm")
    assert time_shown(None) is None


def test_csv_holds_the_text_a_workbook_the_value():
    shown = Shown("92.30", 92.3, "0.00")
    assert csv_value(shown) == "92.30"
    sheet = Workbook().active
    cell = put(sheet, 1, 1, shown)
    assert (cell.value, cell.number_format, cell.data_type) == (92.3, "0.00", "n")
