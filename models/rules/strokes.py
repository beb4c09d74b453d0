"""姓氏笔画: order names by the strokes of their characters, as on an election ballot.

Names are compared character by character (surname first). For each character: total stroke
count, then the class of its first stroke (起笔: 横 竖 撇 点 折) where the data has it, then the
code point as a fixed tie-break. Characters without stroke data come after every character that
has it (by code point among themselves); a name that is a prefix of another comes first. Names
are NFKC-normalised (full-width forms, compatibility ideographs) and whitespace is ignored.

The data ships with the package (``models/data``, built by ``scripts/make_strokes.py``):
``strokes.txt`` (Unihan kTotalStrokes, zh-Hans value; Unicode License) for CJK U+3400–U+9FFF plus
all of GB 2312 and the 通用规范汉字表, and ``first_strokes.txt`` (cnchar-order, MIT) for the
~6,900 characters with a stroke order there. Both load lazily, once.
"""

import unicodedata
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

__all__ = ["first_stroke", "normalize_name", "sort_by_strokes", "stroke_count", "stroke_key"]

HENG, SHU, PIE, DIAN, ZHE = 1, 2, 3, 4, 5  # 横 竖 撇 点 折
_NO_FIRST_STROKE = 6  # within a stroke count, characters with a known 起笔 come first

CharKey = tuple[int, int, int, int]


def _read_table(name: str) -> dict[str, int]:
    """``{character: value}`` from a ``<value>TAB<characters>`` file; ``#`` lines are comments."""
    text = (files("models") / "data" / name).read_text(encoding="utf-8")
    table: dict[str, int] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        value, _, chars = line.partition("\t")
        n = int(value)
        for ch in chars:
            table[ch] = n
    return table


@cache
def _strokes() -> dict[str, int]:
    return _read_table("strokes.txt")


@cache
def _first_strokes() -> dict[str, int]:
    return _read_table("first_strokes.txt")


def _single(ch: str) -> str | None:
    if len(ch) != 1:
        raise ValueError(f"expected one character, got {ch!r}")
    norm = unicodedata.normalize("NFKC", ch)
    return norm if len(norm) == 1 else None


def stroke_count(ch: str) -> int | None:
    """Total strokes of one character (zh-Hans count), or None if there is no data for it."""
    norm = _single(ch)
    return None if norm is None else _strokes().get(norm)


def first_stroke(ch: str) -> int | None:
    """The class of the first stroke, 1 横 2 竖 3 撇 4 点 5 折, or None if unknown."""
    norm = _single(ch)
    return None if norm is None else _first_strokes().get(norm)


def normalize_name(name: str) -> str:
    """NFKC, with every whitespace character (full-width space included) removed."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def _char_key(ch: str) -> CharKey:
    n = _strokes().get(ch)
    if n is None:
        return (1, 0, 0, ord(ch))
    return (0, n, _first_strokes().get(ch, _NO_FIRST_STROKE), ord(ch))


def stroke_key(name: str) -> tuple[CharKey, ...]:
    """Sort key for 姓氏笔画 order: one ``(no_data, strokes, first_stroke, code point)`` a character."""
    return tuple(_char_key(ch) for ch in normalize_name(name))


def sort_by_strokes(names: Iterable[str]) -> list[str]:
    """``names`` in 姓氏笔画 order; names with equal keys keep their given order (stable)."""
    return sorted(names, key=stroke_key)
