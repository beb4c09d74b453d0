"""Chinese numerals for labels such as 「三届二次」."""

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
