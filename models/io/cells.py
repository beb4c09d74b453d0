"""One way to write a spreadsheet cell (issue 18): every xlsx and CSV writer of huiwu goes through here.

Names, units, titles and reasons are typed by people; one typed as ``=HYPERLINK("http://…","y")`` or
``=1+1`` must reach the reader as the characters typed, never as a formula that Excel runs. Text
beginning with ``= + - @``, Tab or CR (what spreadsheets read as the start of a formula) is kept as
text: in xlsx a string cell with Excel's quote prefix, in CSV preceded by ``'``. Only text is
touched: a number, even a negative score, stays a number.

A figure that the printed sheets and the CSV copies show as text ("92.35", "96.45%", a check-in
time to the second) is a :class:`Shown`: the CSV holds its text, a workbook the number or date
itself with a number format that shows the same text, so Excel can sort and sum it.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_QUOTE = "'"


@dataclass(frozen=True)
class Shown:
    """A figure as text for CSV (``text``) and as a spreadsheet value with its format."""

    text: str
    value: int | float | date | datetime
    number_format: str

    def __str__(self) -> str:
        return self.text


def decimal_shown(text: str | None):
    """ "92.35" as the number 92.35 shown with two decimals, as many as the text has; text that
    is no number (None, "—") stays as it is."""
    number = _decimal(text)
    if number is None:
        return text
    return Shown(text, float(number), _fixed(number))


def percent_shown(text: str | None):
    """ "96.45%" as the fraction 0.9645 shown as 96.45%; anything else stays as it is."""
    number = _decimal(text[:-1]) if text and text.endswith("%") else None
    if number is None:
        return text
    return Shown(text, float(number / 100), _fixed(number) + "%")


def time_shown(moment: datetime | None, text_format: str = "%Y-%m-%d %H:%M:%S"):
    """A moment as the desk's wall clock, to the second unless told (Excel has no time zones)."""
    if moment is None:
        return None
    local = moment.replace(tzinfo=None, microsecond=0)
    excel = text_format.replace("%Y", "yyyy").replace("%m", "mm").replace("%d", "dd")
    excel = excel.replace("%H", "hh").replace("%M", "mm").replace("%S", "ss")
    return Shown(local.strftime(text_format), local, excel)


def _fixed(number: Decimal) -> str:
    """The number format showing as many decimals as ``number`` was written with."""
    places = max(0, -int(number.as_tuple().exponent))
    return "0." + "0" * places if places else "0"


def _decimal(text: str | None) -> Decimal | None:
    if not isinstance(text, str):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def put(sheet: Worksheet, row: int, column: int, value=None) -> Cell:
    """The cell at (row, column) holding ``value``; text that a spreadsheet would run stays text;
    a :class:`Shown` figure is its number or date with its format."""
    if isinstance(value, Shown):
        cell = sheet.cell(row=row, column=column, value=value.value)
        cell.number_format = value.number_format
        return cell
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
