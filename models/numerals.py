"""Chinese numerals for labels such as 「三届二次」, and numbers typed to pick a row."""

DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..99 as Chinese numerals (十, 十一, 二十, 九十九); other values as Arabic digits."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    prefix = "" if tens == 1 else DIGITS[tens]
    return prefix + "十" + (DIGITS[ones] if ones else "")


# A row number (item, contest, entrant, proposal) is at most nine digits: an integer column of
# either backend holds it, and no congress numbers anything beyond.
ROW_NUMBER_DIGITS = 9


def row_number(text: str) -> int | None:
    """The number typed to pick a row, or None when the text is not one.

    ``str.isdigit`` also holds for ² or ①, which ``int`` refuses; ``isdecimal`` holds exactly
    for what ``int`` reads (ASCII and full-width digits alike)."""
    if text.isdecimal() and len(text) <= ROW_NUMBER_DIGITS:
        return int(text)
    return None
