"""docs/RULES.md §6 — standings: competition ranking (1, 2, 2, 4), ordered tie-breakers, and awards by
fixed counts or floor percentages, with a tie across an award boundary flagged, never cut.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from models.errors import refuse
from models.rules.scoring import HIGHER, normalize_number, round_half_up

UNROUNDED = "unrounded"  # the tie-breaker "higher unrounded score"
TIE_ACROSS_BOUNDARY = "tie_across_boundary"


@dataclass(frozen=True)
class Entry:
    """One entrant's figures for ranking. ``score`` is exact; ``keys`` holds the tie-breaker
    figures by name (a stage's score, a measured time), each already oriented: higher is better."""

    id: int
    score: Fraction | None  # None: incomplete, never ranked
    keys: dict[str, Fraction | None]


@dataclass(frozen=True)
class Placed:
    id: int
    rank: int | None  # None while incomplete
    decided_by: str | None  # the tie-breaker that separated it from an equal score, if any
    award: str | None = None
    flag: str | None = None


def oriented(value: Fraction | None, better: str) -> Fraction | None:
    """越小越好: flip lower-is-better figures (time) so that every key sorts higher-first."""
    if value is None:
        return None
    return value if better == HIGHER else -value


def _sort_key(entry: Entry, decimals: int, breakers: Sequence[str]) -> tuple:
    shown = round_half_up(entry.score, decimals)
    keys = []
    for name in breakers:
        value = entry.score if name == UNROUNDED else entry.keys.get(name)
        # a missing tie-breaker figure ranks behind any present one
        keys.append((0, 0) if value is None else (1, value))
    return (shown, *keys)


def rank(entries: Sequence[Entry], decimals: int, breakers: Sequence[str] = ()) -> list[Placed]:
    """并列名次: ranks by the score as shown (rounded), then each tie-breaker in order; entries equal on
    all of them share a rank and the next rank skips (1, 2, 2, 4). Incomplete entries follow,
    unranked, in their given order."""
    complete = [e for e in entries if e.score is not None]
    keyed = sorted(
        ((_sort_key(e, decimals, breakers), e) for e in complete),
        key=lambda pair: pair[0],
        reverse=True,
    )
    placed: list[Placed] = []
    previous = None
    current_rank = 0
    for position, (key, entry) in enumerate(keyed, start=1):
        if key != previous:
            current_rank = position
        placed.append(Placed(entry.id, current_rank, _decided_by(keyed, position - 1, breakers)))
        previous = key
    placed.extend(Placed(e.id, None, None) for e in entries if e.score is None)
    return placed


def _decided_by(keyed: list[tuple], index: int, breakers: Sequence[str]) -> str | None:
    """The first tie-breaker that tells this entry apart from a neighbour with the same shown
    score — so a sheet can say why 2nd is ahead of 3rd."""
    key = keyed[index][0]
    for other_index in (index - 1, index + 1):
        if not 0 <= other_index < len(keyed):
            continue
        other = keyed[other_index][0]
        if other[0] != key[0] or other == key:
            continue
        for level, name in enumerate(breakers, start=1):
            if other[level] != key[level]:
                return name
    return None


# --- awards ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AwardTier:
    name: str
    count: int | None = None  # a fixed number of places
    percent: Fraction | None = None  # or a share of the entrants, rounded down

    def places(self, entrants: int) -> int:
        if self.count is not None:
            return self.count
        return int(self.percent * entrants // 100)

    @property
    def spec(self) -> str:
        if self.count is not None:
            return f"{self.name}:{self.count}"
        value = self.percent
        number = str(value.numerator) if value.denominator == 1 else str(float(value))
        return f"{self.name}:{number}%"


AWARD_ITEM = re.compile(r"^(?P<name>[^:：]+)[:：](?P<n>\d+(\.\d+)?)(?P<pct>[%％])?$")


def parse_awards(text: str | None) -> tuple[AwardTier, ...]:
    """``一等奖:1,二等奖:3,三等奖:6`` or ``一等奖:10%,二等奖:20%`` (also with ，、；)."""
    if not text or not str(text).strip():
        return ()
    tiers = []
    for part in re.split(r"[,，、;；]", str(text)):
        part = part.strip()
        if not part:
            continue
        match = AWARD_ITEM.match(normalize_number(part))
        if match is None:
            raise refuse("contest.bad_awards", part=part)
        name = match["name"].strip()
        number = match["n"]
        if match["pct"]:
            percent = Fraction(number)
            if percent <= 0 or percent > 100:
                raise refuse("contest.bad_awards", part=part)
            tiers.append(AwardTier(name, percent=percent))
        else:
            if "." in number or int(number) < 1:
                raise refuse("contest.bad_awards", part=part)
            tiers.append(AwardTier(name, count=int(number)))
    names = [t.name for t in tiers]
    if len(set(names)) != len(names):
        raise refuse("contest.duplicate_award")
    return tuple(tiers)


def awards_spec(tiers: Sequence[AwardTier]) -> str:
    return ",".join(t.spec for t in tiers)


def assign_awards(
    placed: Sequence[Placed], tiers: Sequence[AwardTier], entrants: int
) -> list[Placed]:
    """奖项名额: places 1..c₁ win the first tier, the next c₂ the second, and so on (percentages of all
    ``entrants``, floored). An entry wins the tier its rank falls in; when entries sharing a rank
    run past the tier's last place, they all keep that tier and carry a flag, so the organisers
    decide — nobody is silently cut."""
    bounds = []
    last = 0
    for tier in tiers:
        last += tier.places(entrants)
        bounds.append((tier.name, last))
    ranked = [p for p in placed if p.rank is not None]
    group_end: dict[int, int] = {}
    for position, p in enumerate(ranked, start=1):
        group_end[p.rank] = position
    out = []
    for p in placed:
        if p.rank is None:
            out.append(p)
            continue
        award, flag = None, None
        for name, bound in bounds:
            if p.rank <= bound:
                award = name
                if group_end[p.rank] > bound:
                    flag = TIE_ACROSS_BOUNDARY
                break
        out.append(Placed(p.id, p.rank, p.decided_by, award, flag))
    return out
