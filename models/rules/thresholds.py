"""docs/RULES.md §0 — the counting words, as exact integer comparisons.

《民法典》§1259: 以上 includes the number itself, 超过 does not. Every threshold is a fraction of a
base and a comparator; nothing here ever touches a float.
"""

import unicodedata
from dataclasses import dataclass
from fractions import Fraction

GT = "gt"  # 超过 / 过半数: strictly more than the fraction
GTE = "gte"  # 以上: the fraction or more
COMPARATORS = (GT, GTE)


@dataclass(frozen=True)
class Threshold:
    """``count`` against ``fraction`` of ``base`` under ``comparator``."""

    fraction: Fraction
    comparator: str = GT

    def met(self, count: int, base: int) -> bool:
        return meets(count, base, self.fraction, self.comparator)

    def minimum(self, base: int) -> int:
        """The smallest count that meets the threshold for ``base``."""
        return minimum_count(base, self.fraction, self.comparator)

    def on_line(self, count: int, base: int) -> bool:
        return on_line(count, base, self.fraction)


HALF = Fraction(1, 2)
TWO_THIRDS = Fraction(2, 3)
ONE_THIRD = Fraction(1, 3)


def meets(count: int, base: int, fraction: Fraction, comparator: str) -> bool:
    """以上含本数，超过不含本数: ``den*count > num*base`` (GT, 超过) or ``>=`` (GTE, 以上), in
    integers."""
    left = fraction.denominator * count
    right = fraction.numerator * base
    if comparator == GT:
        return left > right
    if comparator == GTE:
        return left >= right
    raise ValueError(f"unknown comparator {comparator!r}")


def on_line(count: int, base: int, fraction: Fraction) -> bool:
    """恰好半数 (or exactly on any fraction): the count sits on the line (``2*yes == base``)."""
    return fraction.denominator * count == fraction.numerator * base


def minimum_count(base: int, fraction: Fraction, comparator: str) -> int:
    """最少票数: the smallest integer count meeting the threshold; found arithmetically, no floats."""
    num, den = fraction.numerator, fraction.denominator
    if comparator == GTE:
        return -(-num * base // den)  # ceil(num*base/den)
    if comparator == GT:
        return num * base // den + 1
    raise ValueError(f"unknown comparator {comparator!r}")


def more_than_half(count: int, base: int) -> bool:
    """过半数 / 超过半数: ``2*x > N`` — exactly half is not enough."""
    return 2 * count > base


def half_or_more(count: int, base: int) -> bool:
    """半数以上: ``2*x >= N``."""
    return 2 * count >= base


def two_thirds_or_more(count: int, base: int) -> bool:
    """三分之二以上: ``3*x >= 2*N``."""
    return 3 * count >= 2 * base


def more_than_two_thirds(count: int, base: int) -> bool:
    """超过三分之二: ``3*x > 2*N``."""
    return 3 * count > 2 * base


def parse_rate(text: str | Fraction) -> Fraction:
    """差额比例: a rate such as ``"0.05"``, ``"5%"`` or ``"1/20"`` as an exact fraction in [0, 1]."""
    if isinstance(text, Fraction):
        rate = text
    else:
        raw = unicodedata.normalize("NFKC", str(text)).strip()
        try:
            rate = Fraction(raw[:-1]) / 100 if raw.endswith("%") else Fraction(raw)
        except (ValueError, ZeroDivisionError) as exc:
            raise ValueError(raw) from exc
    if not 0 <= rate <= 1:
        raise ValueError(str(text))
    return rate
