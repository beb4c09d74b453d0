"""XLSX cells read as Excel shows them, for a reader whose columns are text (the roster).

A code typed as 12 in a cell formatted ``0000`` is shown, printed on badges and scanned as
``0012``; the stored number 12 is not what anyone sees, so the cell's number format is applied.
Two kinds of cell cannot be read as text at all and come back as a :class:`CellText` naming the
problem, so the reader can refuse the row instead of importing something nobody typed:

- ``formula``: a formula whose result was never saved (a file written by a program, not by
  Excel): openpyxl reads it as empty, which would be reported as a missing name;
- ``date``: Excel turned what was typed (``3-1``, ``1/2``) into a date; the typed text is lost.

Pure: no database.
"""

import datetime as dt
import io
import re
from decimal import ROUND_HALF_UP, Decimal
from itertools import zip_longest

from models.errors import Refusal, refuse
from models.io.table_file import cell_text

FORMULA = "formula"
DATE = "date"

# One token of a number format: a quoted literal, an escaped character, a [colour]/[condition],
# a padding (_x) or fill (*x) directive, a digit placeholder, or any other character.
_TOKEN = re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|_.|\*.|([0#?])|(.)', re.DOTALL)
_DATE_OR_SCIENTIFIC = set("yYmMdDhHsSeEbBgG")


class CellText(str):
    """A cell's text that also says why it cannot be taken as typed (``problem``)."""

    problem: str | None = None


def marked(text: str, problem: str) -> CellText:
    cell = CellText(text)
    cell.problem = problem
    return cell


def problem_of(text: str) -> str | None:
    return getattr(text, "problem", None)


def xlsx_shown_records(data: bytes, area: str) -> list[list[str]]:
    """The active sheet's records, each cell as shown; the sheet is read twice, once for the
    saved results and once for the formulas (openpyxl gives one or the other)."""
    import openpyxl

    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds (BadZipFile, KeyError, XML errors …)
        raise refuse(f"{area}.bad_xlsx") from None
    try:
        sheet, formula_sheet = values.active, formulas.active
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise refuse(f"{area}.not_table")
        for each in (sheet, formula_sheet):
            if hasattr(each, "reset_dimensions"):
                each.reset_dimensions()  # never trust the file's declared size; read every row
        return [
            [
                shown_cell(cell, formula)
                for cell, formula in zip_longest(row or (), formula_row or ())
                if cell is not None
            ]
            for row, formula_row in zip_longest(sheet.iter_rows(), formula_sheet.iter_rows())
            if row is not None
        ]
    except Refusal:
        raise
    except Exception:
        raise refuse(f"{area}.bad_xlsx") from None
    finally:
        values.close()
        formulas.close()


def shown_cell(cell, formula_cell=None) -> str:
    value = cell.value
    if value is None:
        source = getattr(formula_cell, "value", None)
        if _is_formula(source):
            return marked("", FORMULA)
        return ""
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return marked(_date_text(value), DATE)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value, getattr(cell, "number_format", None) or "General")
    return cell_text(value)


def _is_formula(value) -> bool:
    if isinstance(value, str):
        return value.startswith("=")
    return value is not None and hasattr(value, "text")  # ArrayFormula, DataTableFormula


def _date_text(value) -> str:
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def format_number(value: int | float, number_format: str) -> str:
    """The number as a cell with this format shows it, for the formats rosters use: digit
    placeholders 0 # ? with literals (``0000``, ``000-0000-0000``, ``"D"000``), decimals,
    thousands separators and %. Anything else (General, @, scientific) reads as General."""
    sections = number_format.split(";")
    negative = value < 0
    section = sections[1] if negative and len(sections) > 1 else sections[0]
    tokens = _tokens(section)
    if tokens is None:
        return general(value)
    sign = "-" if negative and len(sections) == 1 else ""
    number = Decimal(repr(abs(value))) if isinstance(value, float) else Decimal(abs(value))
    if "%" in [text for kind, text in tokens if kind == "lit"]:
        number *= 100
    if any(kind == "dot" for kind, _ in tokens) or any(kind == "comma" for kind, _ in tokens):
        return sign + _decimal_layout(number, tokens)
    return sign + _fill_from_right(number, tokens)


def general(value: int | float) -> str:
    """Excel's General for a number: 1.0 → "1", never "1.0"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _tokens(section: str) -> list[tuple[str, str]] | None:
    """(kind, text) pairs: ph (placeholder), dot, comma, lit; None when not a plain number format."""
    if not section or "general" in section.lower() or "@" in section:
        return None
    tokens: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(section):
        quoted, escaped, placeholder, other = match.groups()
        if quoted is not None or escaped is not None:
            tokens.append(("lit", quoted if quoted is not None else escaped))
        elif placeholder is not None:
            tokens.append(("ph", placeholder))
        elif other is not None:
            if other in _DATE_OR_SCIENTIFIC:
                return None
            kind = {".": "dot", ",": "comma"}.get(other, "lit")
            tokens.append((kind, other))
    if not any(kind == "ph" for kind, _ in tokens):
        return None
    return tokens


def _fill_from_right(number: Decimal, tokens: list[tuple[str, str]]) -> str:
    """An integer format: digits fill the placeholders from the right (``000-0000`` → 012-3456);
    more digits than placeholders all go to the leftmost one, as Excel does."""
    digits = str(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if digits == "0":
        digits = ""  # a 0 placeholder shows it, a # does not
    out: list[str] = []
    remaining = list(digits)
    first_placeholder = next(i for i, (kind, _) in enumerate(tokens) if kind == "ph")
    for index in range(len(tokens) - 1, -1, -1):
        kind, text = tokens[index]
        if kind != "ph":
            out.append(text)
            continue
        if index == first_placeholder and len(remaining) > 1:
            out.append("".join(remaining))
            remaining = []
        elif remaining:
            out.append(remaining.pop())
        else:
            out.append({"0": "0", "?": " "}.get(text, ""))
    return "".join(reversed(out))


def _decimal_layout(number: Decimal, tokens: list[tuple[str, str]]) -> str:
    """A format with decimals or a thousands separator: literals before the first placeholder,
    the number, then every other literal."""
    dot = next((i for i, (kind, _) in enumerate(tokens) if kind == "dot"), len(tokens))
    whole = [text for kind, text in tokens[:dot] if kind == "ph"]
    fraction = [text for kind, text in tokens[dot:] if kind == "ph"]
    grouping = any(kind == "comma" for kind, _ in tokens[:dot])
    rounded = number.quantize(Decimal(1).scaleb(-len(fraction)), rounding=ROUND_HALF_UP)
    whole_digits, _, fraction_digits = f"{rounded:f}".partition(".")
    minimum = whole.count("0")
    whole_digits = whole_digits.lstrip("0").rjust(minimum, "0")
    if grouping:
        whole_digits = f"{int(whole_digits or 0):,}".rjust(minimum, "0") if whole_digits else ""
    keep = len(fraction)
    while keep > fraction.count("0") and fraction_digits[keep - 1 : keep] == "0":
        keep -= 1
    fraction_digits = fraction_digits[:keep]
    first = next(i for i, (kind, _) in enumerate(tokens) if kind == "ph")
    before = "".join(text for kind, text in tokens[:first] if kind == "lit")
    after = "".join(text for kind, text in tokens[first:] if kind == "lit")
    point = "." if dot < len(tokens) else ""  # Excel shows 1. for 1 under 0.##
    return before + whole_digits + point + fraction_digits + after
