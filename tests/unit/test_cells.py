"""The one cell writer (issue 18): text a spreadsheet would run stays text, numbers stay numbers."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from models.io.cells import csv_table, csv_value, put

RISKY = [
    "=1+1",
    '=HYPERLINK("http://x","y")',
    "+86 138 0013 8000",
    "-",
    "-1",
    "@user",
    "\tx",
    "\rx",
]
PLAIN = ["普通文字", "张三", "1+1", "a=b", " =1", "—", ""]


def _saved(tmp_path, values):
    book = Workbook()
    for row, value in enumerate(values, start=1):
        put(book.active, row, 1, value)
    path = tmp_path / "cells.xlsx"
    book.save(path)
    return [row[0] for row in load_workbook(path).active.iter_rows(max_col=1)]


@pytest.mark.parametrize("text", RISKY)
def test_risky_text_is_a_text_cell_with_its_exact_characters(tmp_path, text):
    (cell,) = _saved(tmp_path, [text])
    assert cell.data_type == "s"
    # XML reads a stored CR back as LF; every other character comes back as typed
    assert cell.value == text.replace("\r", "\n")
    assert cell.quotePrefix  # Excel keeps it text when the cell is edited


def test_without_the_helper_openpyxl_writes_a_formula(tmp_path):
    # the line the helper stands on: openpyxl's own reading of "=…"
    book = Workbook()
    assert book.active.cell(row=1, column=1, value="=1+1").data_type == "f"


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_is_left_alone(tmp_path, text):
    (cell,) = _saved(tmp_path, [text or None])
    assert cell.value == (text or None)
    assert not cell.quotePrefix


@pytest.mark.parametrize("number", [0, -1.5, 3, Decimal("-0.5")])
def test_numbers_stay_numbers_even_negative(tmp_path, number):
    (cell,) = _saved(tmp_path, [number])
    assert cell.data_type == "n"
    assert cell.value == number


def test_dates_and_empty_cells(tmp_path):
    when = datetime(2026, 12, 5, 9, 30)
    empty, first = _saved(tmp_path, [None, when])
    assert first.value == when and first.is_date
    assert empty.value is None


@pytest.mark.parametrize("text", RISKY)
def test_csv_quotes_risky_text(text):
    assert csv_value(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN)
def test_csv_leaves_plain_text(text):
    assert csv_value(text) == text


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "0"),
        (-1.5, "-1.5"),
        (Decimal("-0.50"), "-0.50"),
        (None, ""),
        (datetime(2026, 12, 5, 9, 30, 15), "2026-12-05 09:30"),
        (date(2026, 12, 5), "2026-12-05"),
    ],
)
def test_csv_numbers_dates_and_empty(value, shown):
    assert csv_value(value) == shown


def test_csv_table_reads_back_with_every_cell_through_the_helper():
    text = csv_table(("姓名", "=单位"), [["=1+1", -2], ["张三", None]])
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["姓名", "'=单位"], ["'=1+1", "-2"], ["张三", ""]]
