"""The workbook building kit: the styles every huiwu xlsx shares and its header rows.

Cells are written through :func:`models.io.cells.put` (text stays text), columns are fitted and
the print set-up made by :mod:`models.io.sheet_layout`; this module holds what is left in
common: the fonts and fills (the same colours as the PDFs of :mod:`models.io.pdf_kit`) and
:func:`write_header`, the bold shaded row above every table.
"""

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from models.io.cells import put

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="EEEEEE")
PASS_FILL = PatternFill("solid", fgColor="E8F5E9")
WARN_FILL = PatternFill("solid", fgColor="FDECEA")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center")


def write_header(sheet: Worksheet, row: int, titles) -> None:
    """``titles`` across ``row`` from column A, bold, shaded and centred."""
    for column, title in enumerate(titles, start=1):
        cell = put(sheet, row, column, title)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = CENTRE
