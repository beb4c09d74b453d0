"""The ballot being keyed: one cell per candidate, the cursor moving one cell per keystroke.

Every keystroke is handled in the widget's own key handler, so a fast clerk's queued keys are
applied strictly in order and never wait on the database: Enter posts one ``Cast`` message with
the finished ballot and the next ballot starts empty before the next queued key is read. The
write-in names are typed into the widget itself (no separate Input that would need the focus
moved, which a burst of keys could overtake).

Keys (documented in the hint line, ``el.keys_hint``):

- ``1`` or ``o`` ○ (赞成), ``2`` or ``x`` × (不赞成), ``0`` ``-`` ``.`` or space blank (弃权),
  ``?`` unreadable; the cursor then moves to the next candidate;
- Backspace goes back one cell and clears it;
- Tab or ``w`` opens the write-in field (另选他人, names separated by 、 or ,); Tab or Esc there
  goes back to the cells, Backspace deletes a character;
- Enter saves: cells not keyed yet are blank;
- Esc clears a ballot that has any mark; on an empty ballot it is left to the screen (back).
"""

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from models.elections import clean_names
from models.rules.election import (
    BLANK,
    NO,
    UNREADABLE,
    YES,
    Ballot,
    ElectionSettings,
    chosen_names,
    is_void,
)
from tui.i18n import t

KEY_MARKS = {
    "1": YES,
    "o": YES,
    "O": YES,
    "2": NO,
    "x": NO,
    "X": NO,
    "0": BLANK,
    "-": BLANK,
    ".": BLANK,
    " ": BLANK,
    "?": UNREADABLE,
    "？": UNREADABLE,
}
SHOWN = {YES: "○", NO: "×", BLANK: "·", UNREADABLE: "?", None: "_"}
STYLES = {
    YES: "bold green",
    NO: "bold red",
    BLANK: "dim",
    UNREADABLE: "bold yellow",
    None: "dim",
}
BAR_WIDTH = 20


def yes_bar(yes: int, due: int, width: int = BAR_WIDTH) -> str:
    """``█`` for the share of the voters due, with ``┊`` marking the half-way line."""
    if due <= 0:
        return ""
    filled = min(width, yes * width // due)
    cells = ["█"] * filled + ["░"] * (width - filled)
    half = width // 2
    if filled <= half:
        cells[half] = "┊"
    return "".join(cells)


class BallotRow(Widget, can_focus=True):
    """The current ballot. Configure with the candidates and the seats before keying."""

    class Cast(Message):
        """A finished ballot, in keying order."""

        def __init__(self, marks: str, write_ins: tuple[str, ...]) -> None:
            super().__init__()
            self.marks = marks
            self.write_ins = write_ins

    class Notice(Message):
        """Something the screen should say (a key that is not a mark, the ballot cleared …)."""

        def __init__(self, text: str, error: bool) -> None:
            super().__init__()
            self.text = text
            self.error = error

    DEFAULT_CSS = """
    BallotRow {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.candidates: tuple[str, ...] = ()
        self.settings = ElectionSettings(seats=1)
        self.number = 1
        self.marks: list[str | None] = []
        self.cursor = 0
        self.writing = False
        self.write_text = ""
        self.write_in = True  # False in a runoff among the tied: no 另选他人 field

    # ------------------------------------------------------------------ state

    def configure(self, candidates, settings: ElectionSettings, write_in: bool = True) -> None:
        if (
            tuple(candidates) != self.candidates
            or settings != self.settings
            or write_in != self.write_in
        ):
            self.candidates = tuple(candidates)
            self.settings = settings
            self.write_in = write_in
            self.reset()

    def set_number(self, number: int) -> None:
        if number != self.number:
            self.number = number
            self.refresh(layout=True)

    def reset(self) -> None:
        self.marks = [None] * len(self.candidates)
        self.cursor = 0
        self.writing = False
        self.write_text = ""
        self._changed()

    @property
    def touched(self) -> bool:
        return self.cursor > 0 or bool(self.write_text.strip()) or self.writing

    @property
    def write_ins(self) -> tuple[str, ...]:
        return tuple(clean_names(self.write_text))

    def ballot(self) -> Ballot:
        marks = "".join(m or BLANK for m in self.marks)
        return Ballot(self.number, marks, self.write_ins)

    @property
    def chosen(self) -> int:
        return len(chosen_names(self.ballot(), self.candidates))

    @property
    def void(self) -> bool:
        return bool(self.candidates) and is_void(self.ballot(), self.candidates, self.settings)

    def _changed(self) -> None:
        self.set_class(self.void, "-void")
        self.set_class(self.writing, "-writing")
        self.refresh(layout=True)

    # ------------------------------------------------------------------ keys

    async def _on_key(self, event: events.Key) -> None:
        if self._handle(event):
            event.stop()
            event.prevent_default()

    def _handle(self, event: events.Key) -> bool:
        key, char = event.key, event.character
        if key == "enter":
            self._cast()
            return True
        if (key == "tab" or key == "w") and not self.write_in:
            self.app.bell()
            self.post_message(self.Notice(t("elx.no_write_in"), error=True))
            return True
        if key == "tab" or (key == "w" and not self.writing):
            self.writing = not self.writing
            self._changed()
            return True
        if self.writing:
            return self._handle_writing(key, char)
        if key == "backspace":
            if self.cursor > 0:
                self.cursor -= 1
                self.marks[self.cursor] = None
                self._changed()
            else:
                self.app.bell()
            return True
        if key == "escape":
            if not self.touched:
                return False  # the screen's Esc: back
            self.reset()
            self.post_message(self.Notice(t("el.cleared"), error=False))
            return True
        if char and char in KEY_MARKS:
            if self.cursor >= len(self.candidates):
                self.app.bell()
                full = "el.last_cell" if self.write_in else "elx.last_cell_runoff"
                self.post_message(self.Notice(t(full), error=True))
                return True
            self.marks[self.cursor] = KEY_MARKS[char]
            self.cursor += 1
            self._changed()
            return True
        if char and char.isprintable() and not key.startswith("f"):
            self.app.bell()
            self.post_message(self.Notice(t("el.unknown_key", key=char), error=True))
            return True
        return False

    def _handle_writing(self, key: str, char: str | None) -> bool:
        if key == "escape":
            self.writing = False
        elif key == "backspace":
            self.write_text = self.write_text[:-1]
        elif char and char.isprintable():
            self.write_text += char
        else:
            return False
        self._changed()
        return True

    def _on_paste(self, event: events.Paste) -> None:
        if self.writing:
            event.stop()
            self.write_text += " ".join(event.text.split())
            self._changed()

    def _cast(self) -> None:
        ballot = self.ballot()
        self.post_message(self.Cast(ballot.marks, ballot.write_ins))
        self.reset()

    # ------------------------------------------------------------------ drawing

    def render(self) -> Text:
        width = max(self.size.width, 40)
        text = Text()
        text.append(t("el.ballot_no", number=self.number), style="bold")
        text.append("   ")
        void = self.void
        text.append(
            t("el.chosen", chosen=self.chosen, seats=self.settings.seats),
            style="bold red" if void else "bold",
        )
        text.append("   ")
        if void:
            text.append(f" {t('el.void_mark')} ", style="bold white on red")
        elif self.touched:
            text.append(t("el.valid_mark"), style="green")
        text.append("\n")
        self._render_cells(text, width)
        text.append("\n")
        if not self.write_in:
            text.append(t("elx.no_write_in"), style="dim")
            return text
        text.append(t("el.writein"), style="bold" if self.writing else "")
        if self.writing:
            text.append(self.write_text, style="underline")
            text.append("▏", style="blink bold")
            text.append(t("el.writein_editing"), style="dim")
        elif self.write_text:
            text.append(self.write_text)
        else:
            text.append(t("el.writein_hint"), style="dim")
        return text

    def _render_cells(self, text: Text, width: int) -> None:
        if not self.candidates:
            return
        name_width = max(cell_len(n) for n in self.candidates)
        cell_width = name_width + 5  # " 名字 ○ " plus a gap
        per_line = max(1, width // cell_width)
        for i, name in enumerate(self.candidates):
            if i and i % per_line == 0:
                text.append("\n")
            mark = self.marks[i] if i < len(self.marks) else None
            at_cursor = i == self.cursor and not self.writing
            padded = name + " " * (name_width - cell_len(name))
            base = "reverse" if at_cursor else ""
            text.append(f" {padded} ", style=base)
            text.append(SHOWN[mark], style=f"{STYLES[mark]} {base}".strip())
            text.append(" ", style=base)
            text.append(" ")
