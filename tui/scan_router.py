"""Badge scans recognised wherever the focus is.

A keyboard-wedge scanner types the badge's text into whatever has the focus, in a burst of a
few milliseconds, and ends it with Enter, CR, LF, CR LF or Tab (a factory setting). Left to the
focused widget, a scan becomes a sitting's name, an undo's reason, a category picked by its
digits or a confirmation. So the App holds back every key that may begin a badge (``H`` of
``HW1:``, also full-width as a Chinese input method types it) while the keys that follow still
read as a badge; the suffix then turns the held keys into one scan, which the App routes, and
the keys never reach the widget. Anything else (a person typing ``Hu``, a pause longer than a
scanner ever makes, Esc) lets the held keys through, in order, as if they had never waited.

This module decides; the App (tui/app.py) holds, replays and routes.
"""

from dataclasses import dataclass, field

from models.badge_code import MAX_SCAN_CHARS, PREFIX, normalize_scan

BADGE_START = PREFIX + ":"
# Keys a scanner ends a badge with: CR arrives as enter, LF as ctrl+j, Tab as tab.
SUFFIXES = frozenset({"enter", "ctrl+j", "tab"})
# A scanner types its burst within milliseconds, even set to its slowest; a person who typed an
# ``H`` sees it after this pause at most.
HOLD_SECONDS = 0.35
# The LF of a CR LF suffix, arriving after the CR was taken as the end of a scan.
TRAILING_LF_SECONDS = 0.2


def may_begin_badge(text: str) -> bool:
    """Could ``text`` (the keys held so far) still be the start of a badge's text?"""
    folded = normalize_scan(text)
    if len(folded) <= len(BADGE_START):
        return bool(folded) and BADGE_START.startswith(folded)
    return folded.startswith(BADGE_START) and len(folded) <= MAX_SCAN_CHARS


def is_badge_text(text: str) -> bool:
    """A whole badge text: ``HW1:`` and something after it (the check decides what it is)."""
    folded = normalize_scan(text)
    return folded.startswith(BADGE_START) and len(folded) > len(BADGE_START)


@dataclass
class Verdict:
    """What to do with one key: ``hold`` it; or let ``release`` (held keys, in order) through
    before it; ``scan`` is the badge text when this key ended a scan (the key is consumed);
    ``drop`` consumes the key (the LF of a CR LF)."""

    hold: bool = False
    release: list = field(default_factory=list)
    scan: str | None = None
    drop: bool = False


class ScanRecognizer:
    """The key-by-key state of the recogniser. ``feed`` is given each key as it arrives
    (``key`` name, ``character`` or None, the event to hold, and the time in seconds)."""

    def __init__(self) -> None:
        self._held: list = []
        self._text = ""
        self._last_at = 0.0
        self._scan_ended_at: float | None = None

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def feed(self, key: str, character: str | None, event, now: float) -> Verdict:
        ended_at, self._scan_ended_at = self._scan_ended_at, None
        if key == "ctrl+j" and ended_at is not None and now - ended_at <= TRAILING_LF_SECONDS:
            return Verdict(drop=True)
        if self._held and now - self._last_at > HOLD_SECONDS:
            released = self.release()  # a person's pause, not a scanner's burst
            verdict = self.feed(key, character, event, now)
            verdict.release = released + verdict.release
            return verdict
        if self._held and key in SUFFIXES:
            if is_badge_text(self._text):
                scan, self._held, self._text = self._text, [], ""
                self._scan_ended_at = now if key == "enter" else None
                return Verdict(scan=scan)
            return Verdict(release=self.release())
        if self._extends(character):
            return self._hold(character, event, now)
        released = self.release()
        if self._extends(character):  # this key may begin a badge of its own
            return Verdict(hold=True, release=released + self._hold(character, event, now).release)
        return Verdict(release=released)

    def _extends(self, character: str | None) -> bool:
        return (
            bool(character)
            and len(character) == 1
            and character.isprintable()
            and may_begin_badge(self._text + character)
        )

    def _hold(self, character: str, event, now: float) -> Verdict:
        self._held.append(event)
        self._text += character
        self._last_at = now
        return Verdict(hold=True)

    def release(self) -> list:
        """Give back the held keys (a pause, Esc, a key that is not part of a badge)."""
        held, self._held, self._text = self._held, [], ""
        return held

    def due(self, now: float) -> bool:
        """Held keys waited longer than a scanner ever pauses."""
        return bool(self._held) and now - self._last_at > HOLD_SECONDS
