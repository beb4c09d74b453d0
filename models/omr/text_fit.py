"""Line breaking by a font-free width estimate.

The layout (and its hash, printed in every QR code) must not depend on which font a machine has
installed: a sheet printed on one laptop is read on another. So lines are broken by counting a
CJK character as one em and anything else as 0.55 em — wide enough for the shipped Ming face and
its fallbacks — and the printer draws each line where the layout put it.
"""

import unicodedata

PT_MM = 25.4 / 72
NARROW_EM = 0.55


def char_em(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else NARROW_EM


def text_mm(text: str, size_pt: float) -> float:
    return sum(char_em(ch) for ch in text) * size_pt * PT_MM


def wrap(text: str, size_pt: float, width_mm: float, max_lines: int) -> list[str]:
    """At most ``max_lines`` lines no wider than ``width_mm``; the last ends in … if cut short."""
    lines: list[str] = []
    line, used = "", 0.0
    limit = width_mm / (size_pt * PT_MM)
    for ch in text:
        em = char_em(ch)
        if line and used + em > limit:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += em
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and sum(char_em(c) for c in last) + 1 > limit:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines


def fit_size(text: str, width_mm: float, largest: float, smallest: float) -> float:
    """The largest size in 0.5 pt steps at which ``text`` fits on one line, at least ``smallest``."""
    size = largest
    while size > smallest and text_mm(text, size) > width_mm:
        size -= 0.5
    return size
