"""Text folded at Chinese line breaks: each character may break (a run of names stays whole),
closing punctuation never starts a line and opening punctuation never ends one; ``Folded`` is the
widget that shows it."""

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

NO_LINE_START = set("、，。；：？！）》」』】〕…,.;:?!)]}%")
NO_LINE_END = set("（《「『【〔([{")


def _tokens(line: str, names: bool = False) -> list[str]:
    """Breakable pieces: each Chinese character alone (``names``: each run of them whole, for
    lists of names), a Latin word or number whole, spaces kept with what precedes them; closing
    punctuation stays with the character before it."""
    tokens: list[str] = []
    word = ""
    for char in line:
        if char.isspace():
            if word:
                word += char
            elif tokens:
                tokens[-1] += char
            else:
                word = char
            continue
        if word and word[-1].isspace():
            tokens.append(word)
            word = ""
        punctuation = char in NO_LINE_START or char in NO_LINE_END
        if punctuation or (cell_len(char) == 2 and not names):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    glued: list[str] = []
    for token in tokens:
        if glued and (token[0] in NO_LINE_START or glued[-1].rstrip()[-1:] in NO_LINE_END):
            glued[-1] += token
        else:
            glued.append(token)
    return glued


def fold_offsets(line: str, width: int, names: bool = False) -> list[int]:
    """Where to break one line (no newlines) to fit ``width`` cells, Chinese style: between any
    two characters, never inside a Latin word unless it is wider than the line."""
    offsets: list[int] = []
    used = 0
    position = 0
    for token in _tokens(line, names):
        size = cell_len(token.rstrip())
        if used and used + size > width:
            offsets.append(position)
            used = 0
        if size > width:  # a word wider than the line: cut it by cells
            for char in token:
                if used and used + cell_len(char) > width:
                    offsets.append(position)
                    used = 0
                used += cell_len(char)
                position += 1
            continue
        used += cell_len(token)
        position += len(token)
    return offsets


def fold_text(content: str | Text, width: int, names: bool = False) -> Text:
    """The text with line breaks inserted so that Chinese wraps at the right edge."""
    text = content.copy() if isinstance(content, Text) else Text(content)
    if width <= 0:
        return text
    lines = []
    for line in text.split("\n", allow_blank=True):
        for piece in line.divide(fold_offsets(line.plain, width, names)):
            piece.rstrip()
            lines.append(piece)
    return Text("\n", end="").join(lines)


class Folded(Widget):
    """Static-like text that wraps Chinese between characters (Textual wraps only at spaces, so a
    long run of names jumps to a new line and leaves the first one half empty)."""

    DEFAULT_CSS = """
    Folded {
        height: auto;
    }
    """

    def __init__(
        self, content: str | Text = "", *, names: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._content = content
        self._names = names

    def update(self, content: str | Text) -> None:
        self._content = content
        self.refresh(layout=True)

    @property
    def plain(self) -> str:
        return self._content.plain if isinstance(self._content, Text) else self._content

    def render(self) -> Text:
        return fold_text(self._content, self.content_size.width, self._names)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((cell_len(line) for line in self.plain.split("\n")), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(fold_text(self._content, width, self._names).plain.split("\n"))
