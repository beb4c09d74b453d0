"""docs/RULES.md §7 — 同单位回避: drawing sides into a knockout's free first-round slots so that no
two sides of one unit meet there, wherever the draw allows.

Which slots each unit can take is a small transportation problem, solved exactly: the free slots
form pairs (both free: "open"), or face a seed (who forbids their own unit) or a bye (forbids
nothing). A unit fits iff it has no more sides than the open pairs plus the single slots not
facing its own unit (a cut of the flow network below) — the maximum flow places as many as any
draw can; only the rest meet a side of their own unit. Random swaps that keep every pair apart
then mix the draw, so the randomness is the ``random.Random`` given, and only it."""

import random
from collections import deque
from collections.abc import Callable, Sequence

SOURCE, SINK, OPEN, LONE, NOUNIT = "source", "sink", ("open",), ("lone",), ("nounit",)


def spread_units(
    free: Sequence[int], sides: Sequence, opponent: Callable[[int], object], rng: random.Random
) -> dict[int, object]:
    """同单位回避: ``sides`` (each with a ``unit``; "" = none) into the ``free`` slots, as a dict slot →
    side; ``opponent(slot)`` is who already faces that slot in the first round (a side or None).
    Sides of one unit face each other only when the numbers leave no other way."""
    free_set = set(free)
    open_pairs = sorted({slot & ~1 for slot in free if slot ^ 1 in free_set})
    singles: dict[tuple, list[int]] = {}
    for slot in free:
        if slot ^ 1 not in free_set:
            unit = getattr(opponent(slot), "unit", "") or ""
            singles.setdefault(("faces", unit) if unit else LONE, []).append(slot)
    by_unit: dict[tuple, list] = {}
    for side in sides:
        by_unit.setdefault(("unit", side.unit) if side.unit else NOUNIT, []).append(side)
    for members in by_unit.values():
        rng.shuffle(members)
    flow = _max_flow(_network(by_unit, len(open_pairs), singles))
    placed: dict[int, object] = {}
    open_items = _fill_singles(by_unit, singles, flow, placed, rng)
    _fill_open(open_items, open_pairs, placed, rng)
    _mix(placed, opponent, rng)
    return placed


def _network(by_unit: dict, open_count: int, singles: dict) -> dict:
    """Source → unit (its sides) → open pairs (at most one per pair) / single slots not facing it →
    sink (the slots). Sides without a unit are one pool with no limits."""
    cap: dict = {SOURCE: {}, OPEN: {SINK: 2 * open_count}}
    for klass, slots in singles.items():
        cap[klass] = {SINK: len(slots)}
    for unit, members in by_unit.items():
        count = len(members)
        cap[SOURCE][unit] = count
        cap[unit] = {OPEN: count if unit == NOUNIT else min(count, open_count)}
        for klass in singles:
            if unit == NOUNIT or klass != ("faces", unit[1]):
                cap[unit][klass] = count
    return cap


def _max_flow(cap: dict) -> dict:
    """Edmonds–Karp on a dict of dicts; returns the flow on each edge of ``cap``."""
    residual: dict = {}
    for u, edges in cap.items():
        for v, c in edges.items():
            residual.setdefault(u, {})[v] = residual.get(u, {}).get(v, 0) + c
            residual.setdefault(v, {}).setdefault(u, 0)
    while True:
        parent = {SOURCE: None}
        queue = deque([SOURCE])
        while queue and SINK not in parent:
            u = queue.popleft()
            for v, c in residual[u].items():
                if c > 0 and v not in parent:
                    parent[v] = u
                    queue.append(v)
        if SINK not in parent:
            break
        path, v = [], SINK
        while parent[v] is not None:
            path.append((parent[v], v))
            v = parent[v]
        push = min(residual[u][v] for u, v in path)
        for u, v in path:
            residual[u][v] -= push
            residual[v][u] += push
    return {u: {v: c - residual[u][v] for v, c in edges.items()} for u, edges in cap.items()}


def _fill_singles(by_unit, singles, flow, placed, rng) -> list:
    """Single slots first, as the flow says; returns what goes into the open pairs, each unit's
    sides together (what the flow could not place last)."""
    left = {unit: list(members) for unit, members in by_unit.items()}
    spare: list[int] = []
    for klass, slots in singles.items():
        slots = list(slots)
        rng.shuffle(slots)
        for unit in by_unit:
            for _ in range(flow[unit].get(klass, 0)):
                placed[slots.pop()] = left[unit].pop()
        spare += slots
    units = list(by_unit)
    rng.shuffle(units)
    open_items = [side for unit in units for side in left[unit][: flow[unit][OPEN]]]
    overflow = [side for unit in units for side in left[unit][flow[unit][OPEN] :]]
    for slot in spare:  # the numbers left no way: these face whoever is there
        placed[slot] = overflow.pop()
    return _keep_together(open_items, overflow)


def _keep_together(open_items: list, overflow: list) -> list:
    """Each unit's sides next to each other, so laying them out by position mod pairs splits them."""
    order: dict = {}
    for side in open_items + overflow:
        order.setdefault(side.unit or id(side), []).append(side)
    return [side for group in order.values() for side in group]


def _fill_open(items: list, pairs: list[int], placed: dict, rng: random.Random) -> None:
    """Item j into pair j mod P: a unit with at most P sides lands in P different pairs; then
    each pair's two sides change places on a coin."""
    rng.shuffle(pairs)
    count = len(pairs)
    for j, side in enumerate(items):
        placed[pairs[j % count] + j // count] = side
    for top in pairs:
        if rng.random() < 0.5:
            placed[top], placed[top + 1] = placed[top + 1], placed[top]


def _mix(placed: dict, opponent: Callable[[int], object], rng: random.Random) -> None:
    """Random swaps between free slots, kept only when they add no meeting of one unit."""

    def clash(slot: int) -> bool:
        a = placed[slot]
        b = placed[slot ^ 1] if slot ^ 1 in placed else opponent(slot)
        return bool(b is not None and a.unit and a.unit == getattr(b, "unit", ""))

    slots = list(placed)
    if len(slots) < 2:
        return
    for _ in range(3 * len(slots)):
        x, y = rng.sample(slots, 2)
        before = clash(x) + clash(y)
        placed[x], placed[y] = placed[y], placed[x]
        if clash(x) + clash(y) > before:
            placed[x], placed[y] = placed[y], placed[x]
