"""A screen's message line: what was done, or in red with the bell what failed."""

from textual.widgets import Static

from tui.literal import literal


def show_line(line: Static, text: str, error: bool = False) -> None:
    """``text`` as typed (never markup); an error is red and rings the bell."""
    line.update(literal(text))
    line.set_class(error, "-error")
    if error:
        line.app.bell()
