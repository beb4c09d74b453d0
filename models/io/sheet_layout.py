"""How every huiwu workbook looks on paper and on screen (issue 18): ONE place for the layout.

Every writer of an xlsx (:mod:`models.io.result_book`, :mod:`models.io.contest_book`,
:mod:`models.io.proposal_book`, :mod:`models.io.minutes_book`, :mod:`models.io.absent_export`)
fits its columns with :func:`fit_columns` and calls :func:`ready_book` before saving, so a clerk
who presses Print gets A4 pages one page wide, the header row on every page and 「第 1 页 / 共
3 页」 at the foot, whatever the sheet.

A sheet's header is the row just above its frozen panes: the writers freeze the rows above the
first data row, and those are the rows worth repeating on each page. A sheet with several tables
one under the other (the minutes' 选举, 测评, 竞赛) freezes nothing and repeats nothing: each
table carries its own header row.
"""

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

MAX_WIDTH = 60  # a column wider than this wraps its text instead
# The widest sheet printed portrait, in Excel's width units (about one Latin character, 1.85 mm):
# A4's 210 mm less openpyxl's default margins of 2 × 0.75 in leaves 172 mm, about 93 units at
# 100 %; a sheet up to a tenth wider still reads well a little smaller (a result sheet's four
# columns), anything wider turns the page.
PORTRAIT_WIDTH = 103
DEFAULT_WIDTH = 8.43  # Excel's width for a column nobody sized
FOOTER = "第 &P 页 / 共 &N 页"  # &P this page, &N the page count (Excel header/footer codes)
PADDING = 2  # room either side of the text so it does not touch the grid


def display_width(value) -> int:
    """Columns a value needs: CJK and full-width characters count two."""
    text = "" if value is None else str(value)
    return max(
        (sum(2 if ord(ch) > 0x2E7F else 1 for ch in line) for line in text.split("\n")),
        default=0,
    )


def fit_columns(sheet: Worksheet, minimum: int = 6, maximum: int = MAX_WIDTH) -> None:
    """Every used column as wide as its widest cell (a Chinese character counts two), between
    ``minimum`` and ``maximum``; a table's cell still wider than its column wraps, so a long
    reason or unit is read in full on paper instead of cut at the next cell. Text alone on its
    row (a title, a sentence under a table) does not wrap: it runs across the empty cells."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            widths[cell.column] = max(widths.get(cell.column, 0), display_width(cell.value))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(width + PADDING, minimum), maximum
        )
    for row in sheet.iter_rows():
        if sum(cell.value is not None for cell in row) < 2:
            continue
        for cell in row:
            if isinstance(cell.value, str) and display_width(cell.value) + PADDING > maximum:
                wrap(cell)


def wrap(cell) -> None:
    """Wrap the cell's text, keeping its alignment otherwise."""
    old = cell.alignment
    if not old.wrap_text:
        cell.alignment = Alignment(
            horizontal=old.horizontal, vertical=old.vertical or "top", wrap_text=True
        )


def used_width(sheet: Worksheet) -> float:
    """The printed width of the used columns, in Excel's width units."""
    total = 0.0
    for column in range(1, sheet.max_column + 1):
        dimension = sheet.column_dimensions.get(get_column_letter(column))
        if dimension is not None and dimension.hidden:
            continue
        sized = dimension is not None and dimension.customWidth
        total += dimension.width if sized else DEFAULT_WIDTH
    return total


def header_row_of(sheet: Worksheet) -> int | None:
    """The row just above the frozen panes (the writers freeze below the header); None when
    nothing is frozen or only columns are."""
    if not sheet.freeze_panes:
        return None
    _, row = coordinate_from_string(sheet.freeze_panes)
    return row - 1 if row > 1 else None


def ready_to_print(sheet: Worksheet, header_row: int | None = None) -> None:
    """A4, one page wide (as many pages down as it takes), landscape when the used columns are
    too wide for portrait, the header row repeated on every page and frozen on screen, and the
    page number at the foot. ``header_row`` defaults to the row above the frozen panes."""
    if header_row is None:
        header_row = header_row_of(sheet)
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    landscape = used_width(sheet) > PORTRAIT_WIDTH
    setup.orientation = sheet.ORIENTATION_LANDSCAPE if landscape else sheet.ORIENTATION_PORTRAIT
    setup.fitToWidth, setup.fitToHeight = 1, 0  # 0: as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = FOOTER
    if header_row is not None:
        sheet.print_title_rows = f"{header_row}:{header_row}"
        if not sheet.freeze_panes:
            sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)


def ready_book(book: Workbook) -> Workbook:
    """Every sheet of ``book`` ready to print (see :func:`ready_to_print`)."""
    for sheet in book.worksheets:
        ready_to_print(sheet)
    return book
