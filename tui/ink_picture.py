"""A grey image in the terminal: two pixels per cell with the upper half block (▀), foreground
the upper pixel and background the lower, so a box's ○, × or √ shows at the desk without a
picture viewer. Any terminal with colours shows it; the review queue also offers the PNG to the
system's viewer."""

from rich.style import Style
from rich.text import Text

UPPER_HALF = "▀"


def ink_picture(gray, columns: int = 32, max_lines: int | None = None) -> Text:
    """``gray``: a 2-D uint8 array (paper ≈ 255). Scaled to ``columns`` cells wide, or narrower
    to stay within ``max_lines`` lines."""
    import cv2

    height, width = gray.shape[:2]
    if max_lines is not None:
        columns = max(2, min(columns, 2 * max_lines * width // height))
    rows = max(2, round(height * columns / width / 2) * 2)
    small = cv2.resize(gray, (columns, rows), interpolation=cv2.INTER_AREA)
    text = Text(no_wrap=True, overflow="crop")
    for y in range(0, rows, 2):
        for x in range(columns):
            top, bottom = int(small[y, x]), int(small[y + 1, x])
            text.append(UPPER_HALF, Style(color=_grey(top), bgcolor=_grey(bottom)))
        if y + 2 < rows:
            text.append("\n")
    return text


def _grey(level: int) -> str:
    return f"rgb({level},{level},{level})"


def png_picture(data: bytes, columns: int = 32, max_lines: int | None = None) -> Text:
    import cv2
    import numpy as np

    gray = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    return ink_picture(gray, columns, max_lines)
