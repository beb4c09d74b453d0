"""docs/RULES.md §6 — the quiz buzzer (抢答): after the host's 「开始」 the first press wins the
question and locks the others; a press before it is 抢答犯规, with the quiz's deduction.

Each team has a key: a USB buzzer button types one character, as a keyboard does. A question goes
待开始 (waiting) → the host's 「开始」 → 抢答中 (open) → won by the first press (the later presses
are ignored but listed) → the answer is scored → the next question, 待开始 again.

Presses in the same tick. The terminal sends keys as one byte stream and Textual hands them to
the screen one at a time, in the order they were sent; two buttons pressed "at once" still
arrive one after the other, so the earlier key in the stream wins. The rule takes an ordered
batch (:func:`press_all`) so that this order is the rule, not an accident of the event loop:
the first press in the batch wins; a team pressing twice counts once; the host's 「开始」 can be
inside the batch (:data:`START`), and a press is a foul only if it came before it.

Pure functions over a frozen state; a team is any hashable id (the screen uses entrant numbers).
"""

import re
import unicodedata
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from models.errors import refuse

WAITING, OPEN, WON = "waiting", "open", "won"  # 待开始 / 抢答中 / 已抢到
START = "\x00start"  # the host's 「开始」 inside a batch of presses (no key types it)

# What a press was: the winner, a foul, a late press (after the win), the same team again, the
# host's start, a start while already open or won, or a key no team has.
WINS, FOUL, LATE, AGAIN, STARTED, IGNORED, UNKNOWN = (
    "wins",
    "foul",
    "late",
    "again",
    "started",
    "ignored",
    "unknown",
)

# Keys no team may have: the host's 「开始」 (space), the judge's 对 / 错 (y / n), and h, the first
# letter of a badge (HW1:), which the desk holds back for a moment in case a badge follows.
RESERVED_KEYS = {" ": "start", "y": "right", "n": "wrong", "h": "badge"}


@dataclass(frozen=True)
class BuzzerState:
    """One question's buzzer: the key → team map, the phase, who won, who fouled, who was late."""

    keys: Mapping[str, Hashable]
    phase: str = WAITING
    winner: Hashable | None = None
    fouls: tuple = ()  # teams that pressed before 「开始」, each once, in order
    late: tuple = ()  # teams that pressed after the win, each once, in order


@dataclass(frozen=True)
class Press:
    """What one input did: ``verdict`` is one of WINS, FOUL, LATE, AGAIN, STARTED, IGNORED,
    UNKNOWN; ``team`` is None for the host's start and for a key no team has."""

    key: str
    team: Hashable | None
    verdict: str


def normalize_key(key: str) -> str:
    """A key as typed (full-width from a Chinese input method, upper case with Shift) folded
    to the one character it stands for."""
    return unicodedata.normalize("NFKC", key or "").lower()


def new_round(keys: Mapping[str, Hashable]) -> BuzzerState:
    """A buzzer with no question open: 待开始."""
    return BuzzerState({normalize_key(k): team for k, team in keys.items()})


def start(state: BuzzerState) -> BuzzerState:
    """开始抢答: the host opens the question; a start while open or won changes nothing."""
    return replace(state, phase=OPEN) if state.phase == WAITING else state


def press(state: BuzzerState, key: str) -> tuple[BuzzerState, Press]:
    """One press. Before 「开始」 it is 抢答犯规 (once per team and question); while open the
    first press wins; after the win a press is late, listed once per team, and changes nothing."""
    if key == START:
        opened = start(state)
        return opened, Press(key, None, STARTED if opened is not state else IGNORED)
    key = normalize_key(key)
    team = state.keys.get(key)
    if team is None:
        return state, Press(key, None, UNKNOWN)
    if state.phase == WAITING:
        if team in state.fouls:
            return state, Press(key, team, AGAIN)
        return replace(state, fouls=(*state.fouls, team)), Press(key, team, FOUL)
    if state.phase == OPEN:
        return replace(state, phase=WON, winner=team), Press(key, team, WINS)
    if team == state.winner or team in state.late:
        return state, Press(key, team, AGAIN)
    return replace(state, late=(*state.late, team)), Press(key, team, LATE)


def press_all(state: BuzzerState, presses: Iterable[str]) -> tuple[BuzzerState, tuple[Press, ...]]:
    """同时抢答 (presses in one tick) in the order they arrived: the first press after 「开始」 wins,
    a team twice counts once, and a press is a foul only if it came before the :data:`START`."""
    outcomes = []
    for key in presses:
        state, outcome = press(state, key)
        outcomes.append(outcome)
    return state, tuple(outcomes)


def next_question(state: BuzzerState) -> BuzzerState:
    """The answer is scored (or the question dropped): 待开始 again, with the same keys."""
    return BuzzerState(state.keys)


def foul_deduction(rules) -> int:
    """抢答犯规: the points a foul costs (the quiz's ``foul`` setting, else a wrong 抢答's)."""
    foul = getattr(rules, "foul", None)
    return rules.buzzer_wrong if foul is None else foul


# --- the key map, a setting of the quiz event -------------------------------------------------


def parse_key_map(text: str | None) -> tuple[tuple[str, str], ...]:
    """ "1=A队,2=B队" (or "a=3": a team by its number) → ((key, team), …); a key is one
    character, no two teams share one, and the host's keys (space, y, n) and h are refused."""
    out: list[tuple[str, str]] = []
    for part in _split(text):
        key, sep, team = part.replace("＝", "=").partition("=")
        key, team = normalize_key(key.strip()), " ".join(team.split())
        if not sep or len(key) != 1 or not key.isprintable() or not team:
            raise refuse("buzzer.bad_key", part=part)
        if key in RESERVED_KEYS:
            raise refuse("buzzer.reserved_key", key=key)
        if any(key == k for k, _ in out):
            raise refuse("buzzer.key_twice", key=key)
        out.append((key, team))
    return tuple(out)


def _split(text: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"[,，、;；]", text or "") if p.strip()]


def team_keys(
    key_map: Sequence[tuple[str, str]], teams: Sequence[tuple[int, str]]
) -> dict[str, int]:
    """The key of each team (number, name): from the quiz's key map, a team named by its number
    or its name; with no map, teams 1–9 press their own number."""
    if not key_map:
        return {str(number): number for number, _ in teams if 1 <= number <= 9}
    by_number = {str(number): number for number, _ in teams}
    by_name: dict[str, list[int]] = {}
    for number, name in teams:
        by_name.setdefault(name, []).append(number)
    keys = {}
    for key, ref in key_map:
        if ref in by_number:
            keys[key] = by_number[ref]
        elif len(by_name.get(ref, ())) == 1:
            keys[key] = by_name[ref][0]
        else:
            raise refuse("buzzer.no_such_team", key=key, team=ref)
    return keys
