"""docs/RULES.md §7 — matches between two sides: the round robin drawn by the circle method, and
the group ranking (points 2/1/0; sides equal on points ordered only by the matches among
themselves, step by step, ratios compared exactly by cross-multiplying integers).

Pure functions over plain values: a side is any hashable id; a match is its two sides and the
result as integers. Nothing here decides by the order sides were given: sides still equal after
every step come back together, for the organisers to draw lots."""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

WIN, LOSS, WALKOVER_LOSS = 2, 1, 0  # match points (docs/RULES.md §7)


def round_robin(sides: Sequence[Hashable]) -> list[list[tuple[Hashable, Hashable | None]]]:
    """单循环 by the circle method: rounds of pairs, every pair once; with an odd number of sides
    each round gives one side a bye (轮空), written ``(side, None)``. n sides → n−1 rounds (n if
    odd)."""
    ring = list(sides)
    if len(ring) < 2:
        return []
    if len(ring) % 2:
        ring.append(None)
    half = len(ring) // 2
    rounds = []
    for _ in range(len(ring) - 1):
        pairs = []
        for i in range(half):
            a, b = ring[i], ring[-1 - i]
            if a is None:
                a, b = b, a
            pairs.append((a, b))
        rounds.append(pairs)
        ring = [ring[0], ring[-1], *ring[1:-1]]  # the first stays, the others turn one place
    return rounds


@dataclass(frozen=True)
class MatchResult:
    """One played match: the sides, the individual matches (team events; 0:0 otherwise), games
    and points each side won, and whether the loser did not appear (walk-over)."""

    a: Hashable
    b: Hashable
    matches: tuple[int, int]
    games: tuple[int, int]
    points: tuple[int, int]
    walkover: bool = False
    won: Hashable | None = None  # the winner when the games do not say it (walk-over, retired)

    @property
    def winner(self) -> Hashable:
        if self.won is not None:
            return self.won
        return self.a if self.games[0] > self.games[1] else self.b


@dataclass
class _Tally:
    points: int = 0
    matches: list[int] = field(default_factory=lambda: [0, 0])  # won, lost
    games: list[int] = field(default_factory=lambda: [0, 0])
    rallies: list[int] = field(default_factory=lambda: [0, 0])


def _tally(sides: set, results: Sequence[MatchResult]) -> dict:
    """Each side's points and won/lost counts over the results between ``sides`` only."""
    tallies = {side: _Tally() for side in sides}
    for r in results:
        if r.a not in sides or r.b not in sides:
            continue
        for me, i in ((r.a, 0), (r.b, 1)):
            t = tallies[me]
            won = r.winner == me
            t.points += WIN if won else (WALKOVER_LOSS if r.walkover else LOSS)
            for mine, pair in ((t.matches, r.matches), (t.games, r.games), (t.rallies, r.points)):
                mine[0] += pair[i]
                mine[1] += pair[1 - i]
    return tallies


def ratio_greater(x: tuple[int, int], y: tuple[int, int]) -> bool:
    """胜负比率: won/lost of x above y's: a/b > c/d ⇔ a·d > c·b; x/0 is above every finite ratio; two
    ratios with no loss compare by what was won (an unbeaten 0:0 is below 1:0)."""
    (a, b), (c, d) = x, y
    if b == 0 and d == 0:
        return a > c
    if b == 0:
        return True
    if d == 0:
        return False
    return a * d > c * b


STEPS = ("points", "matches", "games", "rallies")  # docs/RULES.md §7, in turn


def group_ranking(sides: Sequence[Hashable], results: Sequence[MatchResult]) -> list[list]:
    """小组排名: the group's order, a list of places, each a list of sides (more than one: still
    equal after every step — 抽签决定 by the organisers, the software never picks)."""
    overall = _tally(set(sides), results)
    by_points: dict[int, list] = {}
    for side in sides:
        by_points.setdefault(overall[side].points, []).append(side)
    places = []
    for points in sorted(by_points, reverse=True):
        places += _separate(by_points[points], results)
    return places


def _separate(equal: list, results: Sequence[MatchResult]) -> list[list]:
    """Order sides equal on points by the matches among themselves, step by step; whenever a
    step separates some, the steps start again for each group still equal (among *them*)."""
    if len(equal) == 1:
        return [equal]
    among = _tally(set(equal), results)
    for step in STEPS:
        groups = _split(equal, among, step)
        if len(groups) > 1:
            return [place for group in groups for place in _separate(group, results)]
    return [sorted(equal, key=str)]  # still equal: one shared place, listed in a fixed order


def _split(equal: list, among: dict, step: str) -> list[list]:
    """The sides grouped by one step's figure, best first."""
    if step == "points":
        value = {side: (among[side].points, 0) for side in equal}
        better = lambda x, y: x[0] > y[0]  # noqa: E731
    else:
        value = {side: tuple(getattr(among[side], step)) for side in equal}
        better = ratio_greater
    groups: list[list] = []
    for side in sorted(equal, key=str):
        for i, group in enumerate(groups):
            if not better(value[side], value[group[0]]) and not better(
                value[group[0]], value[side]
            ):
                group.append(side)
                break
            if better(value[side], value[group[0]]):
                groups.insert(i, [side])
                break
        else:
            groups.append([side])
    return groups
