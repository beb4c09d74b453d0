"""The line of the motion ballots keyed last (tui/motion_ballots.py), newest on the right, as
much of it as the width holds."""

from rich.cells import cell_len
from rich.text import Text

from tui.i18n import t

STYLES = {"yes": "bold green", "no": "bold red", "abstain": "bold", "invalid": "bold yellow"}


def recent_ballots(text: Text, stored: list, pending, width: int) -> None:
    """The last ballots keyed, newest on the right; those still being saved are dimmed."""
    label = t("vui.mb.recent")
    items = [(n, c, True) for n, c in stored]
    first = (stored[-1][0] if stored else 0) + 1
    items += [(first + i, c, False) for i, c in enumerate(pending)]
    if not items:
        text.append(label + t("vui.mb.none"), style="dim")
        return
    saving = len(pending)
    tail = t("vui.mb.saving", count=saving) if saving else ""
    room = width - cell_len(label) - cell_len(tail) - 2
    shown: list[tuple[int, str, bool]] = []
    used = 0
    for number, choice, saved in reversed(items):
        size = len(str(number)) + cell_len(t(f"choice.{choice}")) + 2
        if used + size > room:
            break
        shown.append((number, choice, saved))
        used += size
    text.append(label, style="dim")
    if len(shown) < len(items):
        text.append("… ", style="dim")
    for number, choice, saved in reversed(shown):
        text.append(f"{number}", style="dim")
        text.append(t(f"choice.{choice}"), style=STYLES[choice] if saved else "dim italic")
        text.append("  ")
    if tail:
        text.append(tail, style="dim")
