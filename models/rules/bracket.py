"""docs/RULES.md §7 — the knockout (淘汰赛): the draw of the first round, the bracket's matches, the
names of its rounds and the places it decides.

A bracket has the next power of two ≥ n slots; its byes (轮空) go to the top seeds. Seeds (种子) sit
in fixed positions — 1 at the top, 2 at the bottom, 3–4 drawn into the other quarters, 5–8 into
the remaining eighths, and so on — and the byes, then the unseeded, are drawn into the rest with
sides of one unit kept apart in the first round wherever the draw allows (同单位回避). The draw
takes its randomness only from the ``random.Random`` it is given: the same seed, the same draw."""

import random
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from models.errors import refuse
from models.rules.draw_units import spread_units

THIRD_PLACE_NAME = "三四名决赛"
ROUND_NAMES = {0: "决赛", 1: "半决赛", 2: "1/4决赛", 3: "1/8决赛", 4: "1/16决赛"}
CHINESE_DIGITS = "零一二三四五六七八九十"


def bracket_size(n: int) -> int:
    """The bracket's slots: the next power of two ≥ n, and at least 2."""
    size = 2
    while size < n:
        size *= 2
    return size


@dataclass(frozen=True)
class Side:
    id: Hashable
    unit: str = ""
    seed: int | None = None


@dataclass(frozen=True)
class Slot:
    round: int
    index: int


@dataclass(frozen=True)
class BracketMatch:
    """One match of the bracket: round 1 is the first; ``winner_to``/``loser_to`` = (round, index,
    0 for side a or 1 for side b) of the match the winner/loser goes on to. A first-round pair
    with a bye is ``bye=True``: not played, its side already placed in round 2."""

    round: int
    index: int
    a: Hashable | None
    b: Hashable | None
    bye: bool
    winner_to: tuple[int, int, int] | None
    loser_to: tuple[int, int, int] | None


def seed_order(size: int) -> list[int]:
    """The standard seeding order: the seed rank at each slot, ranks r and size+1−r paired, 1 at
    the top and 2 at the bottom ([1, 8, 5, 4, 3, 6, 7, 2] for 8), so the better seeds meet late."""
    order = [1, 2]
    while len(order) < size:
        m = 2 * len(order)
        order = [
            x
            for i, r in enumerate(order)
            for x in ((r, m + 1 - r) if i % 2 == 0 else (m + 1 - r, r))
        ]
    return order[:size]


def _seed_groups(size: int) -> list[list[int]]:
    """The seed positions of the first half of the ranks, grouped 1 | 2 | 3–4 | 5–8 | 9–16 …: each
    first-round pair holds exactly one of them."""
    where = {rank: slot for slot, rank in enumerate(seed_order(size))}
    groups, low = [[where[1]]], 2
    while low <= size // 2:
        high = max(low, 2 * (low - 1))
        groups.append([where[r] for r in range(low, min(high, size // 2) + 1)])
        low = high + 1
    return groups


def knockout_draw(sides: Sequence[Side], rng: random.Random) -> tuple[Hashable | None, ...]:
    """淘汰赛 draw: the first round's slots (None: a bye, 轮空). 种子 1 at the top and 2 at the
    bottom; seeds 3–4, 5–8, 9–16 … drawn among their group's positions; the byes opposite the top
    seeds in seed order (then the next seed positions); the unseeded drawn into the rest with
    同单位回避: no two sides of one unit meet in the first round where the draw allows. Seeds
    beyond half the bracket are drawn as unseeded."""
    _check_sides(sides)
    size = bracket_size(len(sides))
    slots: list = [None] * size
    seeded = sorted((s for s in sides if s.seed is not None), key=lambda s: s.seed)[: size // 2]
    seeded_ids = {s.id for s in seeded}
    unseeded = [s for s in sides if s.id not in seeded_ids]
    tops = []  # seed positions in the order the byes go to them
    taken = 0
    for positions in _seed_groups(size):
        drawn = positions[:]
        rng.shuffle(drawn)
        group = seeded[taken : taken + len(positions)]
        for side, slot in zip(group, drawn, strict=False):
            slots[slot] = side
        tops += drawn  # the seeds' positions first (in seed order), then the group's free ones
        taken += len(group)
    byes = {slot ^ 1 for slot in tops[: size - len(sides)]}
    free = [slot for slot in range(size) if slots[slot] is None and slot not in byes]
    for slot, side in spread_units(free, unseeded, lambda slot: slots[slot ^ 1], rng).items():
        slots[slot] = side
    return tuple(side.id if side is not None else None for side in slots)


def _check_sides(sides: Sequence[Side]) -> None:
    if len(sides) < 2:
        raise refuse("match.too_few_sides", count=len(sides))
    seen, seeds = set(), set()
    for side in sides:
        if side.id in seen:
            raise refuse("match.duplicate_side", side=str(side.id))
        seen.add(side.id)
        if side.seed is None:
            continue
        if isinstance(side.seed, bool) or not isinstance(side.seed, int) or side.seed < 1:
            raise refuse("match.bad_seed", seed=side.seed)
        if side.seed in seeds:
            raise refuse("match.duplicate_seed", seed=side.seed)
        seeds.add(side.seed)


def bracket_matches(slots: Sequence[Hashable | None], third_place: bool) -> list[BracketMatch]:
    """The bracket's matches round by round, the first round's from ``slots`` (a side facing a bye
    already in round 2); a 三四名决赛 (third-place match) between the semi-finals' losers is
    (last round, index 1) when asked for and there are two semi-finals to lose. n sides → n − 1
    played matches (n with the third-place match)."""
    size = len(slots)
    rounds = size.bit_length() - 1
    sides = sum(1 for s in slots if s is not None)
    third = third_place and rounds >= 2 and sides >= 4
    placed: dict[tuple[int, int], list] = {}
    matches = []
    for rnd in range(1, rounds + 1):
        for index in range(size >> rnd):
            a, b = (
                (slots[2 * index], slots[2 * index + 1])
                if rnd == 1
                else placed.get((rnd, index), [None, None])
            )
            bye = rnd == 1 and (a is None or b is None)
            winner_to = (rnd + 1, index // 2, index % 2) if rnd < rounds else None
            loser_to = (rounds, 1, index % 2) if third and rnd == rounds - 1 else None
            if bye and winner_to is not None:
                placed.setdefault(winner_to[:2], [None, None])[winner_to[2]] = a if b is None else b
            matches.append(BracketMatch(rnd, index, a, b, bye, winner_to, loser_to))
    if third:
        matches.append(BracketMatch(rounds, 1, None, None, False, None, None))
    return matches


def round_name(round: int, rounds: int) -> str:
    """The round's name: 决赛, 半决赛, 1/4决赛, 1/8决赛, 1/16决赛; earlier rounds 第一轮, 第二轮 …
    (the third-place match is ``THIRD_PLACE_NAME``, 三四名决赛)."""
    left = rounds - round
    if left in ROUND_NAMES:
        return ROUND_NAMES[left]
    return f"第{_chinese_number(round)}轮"


def _chinese_number(n: int) -> str:
    if n <= 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return (
        (CHINESE_DIGITS[tens] if tens > 1 else "") + "十" + (CHINESE_DIGITS[ones] if ones else "")
    )


def knockout_places(
    matches: Sequence[BracketMatch], winners: Mapping[tuple[int, int], Hashable]
) -> list[list]:
    """淘汰赛名次: the places the knockout has decided so far, best first, as ``[rank, [sides …]]``: the final
    gives 1st and 2nd; the third-place match 3rd and 4th, or without one the semi-finals' losers
    share 3rd (并列名次); the losers of the round before share 5th (5–8), then 9th (9–16) …
    ``winners`` maps a played match's (round, index) to its winner; byes and matches not yet
    decided place nobody."""
    rounds = max(m.round for m in matches)
    size = 2**rounds
    rows: dict[int, list] = {}
    for match in matches:
        winner = winners.get((match.round, match.index))
        if match.bye or winner is None:
            continue
        loser = _loser(match, winner, matches, winners)
        if loser is None:
            continue
        if match.round == rounds and match.index == 0:
            rows.setdefault(1, []).append(winner)
            rows.setdefault(2, []).append(loser)
        elif match.round == rounds:
            rows.setdefault(3, []).append(winner)
            rows.setdefault(4, []).append(loser)
        elif match.loser_to is None:
            rows.setdefault(size // 2**match.round + 1, []).append(loser)
    return [[rank, sorted(rows[rank], key=str)] for rank in sorted(rows)]


def current_sides(
    matches: Sequence[BracketMatch], winners: Mapping[tuple[int, int], Hashable]
) -> dict[tuple[int, int], tuple[Hashable | None, Hashable | None]]:
    """Who plays each match as far as the results so far tell: (round, index) → (a, b), None
    where the match that feeds that side is not decided yet."""
    return {(m.round, m.index): tuple(_sides_of(m, matches, winners)) for m in matches}


def _loser(match: BracketMatch, winner, matches, winners):
    """The side that lost ``match``: its two sides come from the slots or from the winners (and
    losers) of the matches that feed it."""
    a, b = _sides_of(match, matches, winners)
    if winner not in (a, b) or a is None or b is None:
        return None
    return b if winner == a else a


def _sides_of(match: BracketMatch, matches, winners) -> list:
    sides = [match.a, match.b]
    for feeder in matches:
        for target, take in ((feeder.winner_to, "winner"), (feeder.loser_to, "loser")):
            if target is None or target[:2] != (match.round, match.index) or feeder.bye:
                continue
            won = winners.get((feeder.round, feeder.index))
            if won is None:
                continue
            sides[target[2]] = won if take == "winner" else _loser(feeder, won, matches, winners)
    return sides


def seed_from_groups(
    group_places: Sequence[Sequence[Hashable]], advance: int, names: Sequence[str] | None = None
) -> list[Side]:
    """小组出线: from round-robin groups into the knockout, the first ``advance`` of each group; the group
    winners are 种子 1..G in group order, and the group's name is every side's ``unit``, so the
    draw keeps two sides of one group apart in the first round (同单位回避)."""
    if isinstance(advance, bool) or not isinstance(advance, int) or advance < 1:
        raise refuse("match.bad_advance", advance=advance)
    names = (
        list(names) if names is not None else [_group_letter(i) for i in range(len(group_places))]
    )
    sides = []
    for g, places in enumerate(group_places):
        for place, side in enumerate(places[:advance]):
            sides.append(Side(side, unit=names[g], seed=g + 1 if place == 0 else None))
    return sides


def _group_letter(index: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[index] if index < len(letters) else str(index + 1)
