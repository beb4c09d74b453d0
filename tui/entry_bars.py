"""The entry bars and the number field reading that the voting screens share (motion, appraisal)."""

from rich.text import Text

from models.rules.motion import HANDS, SECRET
from tui.i18n import t


def number_in(text: str) -> int | None:
    text = (text or "").strip()
    if text in ("", "-"):
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _bar(label_key: str, choices, current, word_key) -> Text:
    text = Text()
    text.append(t(label_key), style="bold")
    for choice in choices:
        word = f" {t(word_key(choice))} "
        if choice == current:
            text.append("▶" + word, style="bold reverse")
        else:
            text.append(" " + word, style="dim")
        text.append("  ")
    return text


def method_bar(current: str) -> Text:
    return _bar("vui.method.label", (HANDS, SECRET), current, lambda m: f"method.{m}")


def entry_bar(current: int) -> Text:
    return _bar("vui.entry.label", (1, 2), current, lambda e: f"vui.entry.{e}")
