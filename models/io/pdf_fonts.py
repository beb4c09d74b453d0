"""The one font of every PDF huiwu writes, embedded so a sheet prints the same on any machine.

A PDF that only names a font (reportlab's built-in CID font STSong-Light did) is drawn with
whatever the reader's machine finds: poppler without Chinese fonts prints empty boxes, pdfium
blanks ≥ and ○, and the text a test extracts depends on the fonts installed. So every writer sets
the name :data:`FONT`, and :func:`ensure_pdf_font` puts an embedded TrueType font behind it
(reportlab embeds the subset of glyphs a document uses):

* by default AR PL UMing CN, a Ming (Song) face shipped in ``models/fonts`` (licence beside it);
* ``HUIWU_FONT=/path/to/font.ttf|.ttc`` picks another TrueType font (its first face), e.g.
  ``C:\\Windows\\Fonts\\simsun.ttc``; a missing or unusable file is refused, and no PDF is written.

reportlab draws a run of text in one font and has no fallback of its own, so :class:`ChainFont`
splits each run by face: a character the chosen face lacks comes from the shipped Ming face,
then from DejaVu Sans (⚠ and the like, which no Ming face here has). There is no bold face: the
writers fill and stroke the glyphs (text render mode 2), which works with any font.
"""

import os
from functools import lru_cache
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus.tables import CellStyle

from models.errors import refuse

FONT = "huiwu"  # the name every writer sets; which face is behind it is decided per document
ENV = "HUIWU_FONT"
FOLDER = Path(__file__).resolve().parent.parent / "fonts"
SHIPPED = FOLDER / "uming.ttc"  # AR PL UMing CN is its first face
SYMBOLS = FOLDER / "DejaVuSans.ttf"
STEP = 1000  # subset numbers of the k-th fallback face start at k * STEP (a face has < 1000)
NBSP = 0xA0  # reportlab prints it as a space of the first face


class ChainFont(TTFont):
    """A TrueType font that takes each character it lacks from the first fallback that has it.

    :meth:`splitString` hands out subset number ``k * STEP + n`` for subset ``n`` of the k-th
    fallback, and :meth:`getSubsetInternalName` sends such a number to that face, which then
    embeds its own subset; widths are summed the same way, so line breaking measures right."""

    def __init__(self, name: str, path: Path, fallbacks: list[TTFont]):
        super().__init__(name, str(path), shapable=False)
        self.fallbacks = fallbacks

    def face_of(self, code: int) -> int:
        """0 for this face, k for the k-th fallback; 0 (its .notdef) when none has it."""
        if code == NBSP or code in self.face.charToGlyph:
            return 0
        for k, font in enumerate(self.fallbacks, start=1):
            if code in font.face.charToGlyph:
                return k
        return 0

    def runs(self, text: str) -> list[tuple[int, str]]:
        """``text`` cut into (face, run) pieces, each run printable by one face."""
        pieces: list[tuple[int, str]] = []
        for char in text:
            k = self.face_of(ord(char))
            if pieces and pieces[-1][0] == k:
                pieces[-1] = (k, pieces[-1][1] + char)
            else:
                pieces.append((k, char))
        return pieces

    def stringWidth(self, text, size, encoding="utf8"):
        if isinstance(text, bytes):
            text = text.decode(encoding)
        return sum(
            super(ChainFont, self).stringWidth(run, size, encoding)
            if k == 0
            else self.fallbacks[k - 1].stringWidth(run, size, encoding)
            for k, run in self.runs(text)
        )

    def splitString(self, text, doc, encoding="utf-8"):
        if isinstance(text, bytes):
            text = text.decode(encoding)
        pieces = []
        for k, run in self.runs(text):
            if k == 0:
                pieces += super().splitString(run, doc, encoding)
            else:
                font = self.fallbacks[k - 1]
                pieces += [(k * STEP + n, t) for n, t in font.splitString(run, doc, encoding)]
        return pieces

    def getSubsetInternalName(self, subset, doc):
        k, n = divmod(subset, STEP)
        if k == 0:
            return super().getSubsetInternalName(n, doc)
        return self.fallbacks[k - 1].getSubsetInternalName(n, doc)


def chosen_font() -> Path:
    """The file ``HUIWU_FONT`` names, else the shipped Ming face; a Refusal if it is not there."""
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        if not SHIPPED.is_file():
            raise refuse("pdf_font.not_installed", path=str(SHIPPED), variable=ENV)
        return SHIPPED
    path = Path(raw).expanduser()
    if not path.is_file():
        raise refuse("pdf_font.missing", variable=ENV, path=str(path))
    return path


def ensure_pdf_font() -> str:
    """Register :data:`FONT` for the chosen face (before any text is measured) and return it.

    Call it before writing anything: a file that is not a usable TrueType font is refused."""
    path = chosen_font()
    try:
        stat = path.stat()
        font = _chain(str(path), stat.st_mtime_ns, stat.st_size)
    except (TTFError, OSError) as error:  # not TrueType, CFF outlines, no embedding right …
        raise refuse(
            "pdf_font.unusable", variable=ENV, path=str(path), detail=str(error)
        ) from error
    _register(font)
    _make_default()
    return FONT


def _register(font: ChainFont) -> None:
    """reportlab keeps the first font registered under a name, and hands out the first font of a
    face for a later one of the same face, so what stands behind :data:`FONT` is taken out first
    (HUIWU_FONT may change between two documents)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        current = pdfmetrics.getFont(FONT)
        if current is font:
            return
        current.unregister()
    font.unregister()
    pdfmetrics.registerFont(font)


def _make_default() -> None:
    """reportlab falls back to Helvetica, never embedded, for a table cell or paragraph style
    that names no font (even an empty cell sets it), so huiwu's font becomes the default."""
    CellStyle.fontname = FONT
    ParagraphStyle.defaults["fontName"] = FONT


@lru_cache(maxsize=4)
def _chain(path: str, mtime_ns: int, size: int) -> ChainFont:
    """The chosen face with its fallbacks; cached per file version (parsing takes ~0.1 s)."""
    fallbacks = [_face(SYMBOLS, f"{FONT}-symbols")]
    if Path(path) != SHIPPED:
        fallbacks.insert(0, _face(SHIPPED, f"{FONT}-ming"))
    return ChainFont(FONT, Path(path), fallbacks)


@lru_cache(maxsize=2)
def _face(path: Path, name: str) -> TTFont:
    """A fallback face: never registered (nothing sets it by name), each document lists it in
    its font table when :meth:`ChainFont.getSubsetInternalName` first hands out one of its
    subsets."""
    return TTFont(name, str(path), shapable=False)
