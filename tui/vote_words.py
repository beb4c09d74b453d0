"""The small words every voting text uses: the dash for "none", one ballot as marks beside the
names, and plain tables padded by display width (shared by tui/result_text.py and
tui/difference_rows.py, the CLI and the screens; no textual here)."""

from rich.cells import cell_len

from tui.i18n import t

DASH = "—"


def dash_or(value) -> str:
    return DASH if value is None else str(value)


def ballot_text(ballot, nominees) -> str:
    """One ballot as 王芳○ 李四× 张三丰— (another's ○/×/blank marks), with names written in."""
    if ballot is None:
        return DASH
    marks = {"o": "○", "x": "×", "-": DASH, "?": "？"}
    parts = [f"{n}{marks.get(m, m)}" for n, m in zip(nominees, ballot.marks, strict=False)]
    if ballot.write_ins:
        parts.append(t("cliv.write_ins", names="、".join(ballot.write_ins)))
    return " ".join(parts)


def table(rows: list[list[str]], *, numeric=()) -> list[str]:
    """Rows padded to display width (Chinese characters count two); numeric columns right-aligned."""
    numeric = set(numeric)
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - cell_len(cell))
            cells.append(pad + cell if i in numeric else cell + pad)
        out.append("  ".join(cells).rstrip())
    return out
