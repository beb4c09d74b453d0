"""One way to write a spreadsheet cell (issue 18): every xlsx and CSV writer of huiwu goes through here.

Names, units, titles and reasons are typed by people; one typed as ``=HYPERLINK("http://…","y")`` or
``=1+1`` must reach the reader as the characters typed, never as a formula that Excel runs. Text
beginning with ``= + - @``, Tab or CR (what spreadsheets read as the start of a formula) is kept as
text: in xlsx a string cell with Excel's quote prefix, in CSV preceded by ``'``. Only text is
touched: a number, even a negative score, stays a number.
"""

import csv
import io
from datetime import date, datetime

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_QUOTE = "'"


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def put(sheet: Worksheet, row: int, column: int, value=None) -> Cell:
    """The cell at (row, column) holding ``value``; text that a spreadsheet would run stays text."""
    cell = sheet.cell(row=row, column=column, value=value)
    if looks_like_formula(value):
        cell.data_type = "s"  # openpyxl makes every str starting with "=" a formula
        cell.quotePrefix = True  # and Excel keeps it text when someone edits the cell
    return cell


def csv_value(value) -> str:
    """One CSV cell: nothing for an empty cell, dates as the workbooks show them, risky text quoted."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if looks_like_formula(value):
        return CSV_QUOTE + value
    return str(value)


def csv_table(head, rows) -> str:
    """A header and rows as CSV text with "\\r\\n" line ends, as Excel writes them; every cell
    through :func:`csv_value`."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([csv_value(value) for value in head])
    writer.writerows([csv_value(value) for value in row] for row in rows)
    return buffer.getvalue()
