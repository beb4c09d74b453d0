"""User text on screen exactly as it was typed (DESIGN.md: user text is never markup).

Textual parses a plain ``str`` as markup almost everywhere it takes one: Static and Label
contents, DataTable cells, OptionList and Select prompts, border titles, the cells and headers
of a Rich Table. A delegate named ``[/b]`` then crashes the screen (MarkupError), ``[bold]红[/bold]``
loses its brackets and ``[@click=app.quit]x`` becomes a live link. So every string that can hold
user text — a name, a title, a refusal, or a catalog sentence with one of them filled in (the
catalog itself holds no markup) — goes to a widget through :func:`literal`.
"""

from rich.text import Text


def literal(text: str | Text | None, style: str = "", *, no_wrap: bool | None = None) -> Text:
    """``text`` as a Rich Text that is never parsed: brackets and backslashes show as typed.
    A Text (already built span by span, so already literal) is returned as it is.

    ``no_wrap=True`` for a table cell one line high (what DataTable does with a ``str``)."""
    if isinstance(text, Text):
        return text
    return Text(text or "", style=style, no_wrap=no_wrap, end="")
