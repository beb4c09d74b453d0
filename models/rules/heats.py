"""docs/RULES.md §7 — heats and a final (预赛/决赛) for measured events: the first k of each heat by
place qualify, then the next best results across all heats until the final is full.

A tie on the line is never cut silently (the rule of §6's award boundaries): sides tied on the
last place all go in when the final has room for all of them; when it has not, none of them
does — they come back as ``tied_out`` and their places stay open for the organisers to settle
(a run-off, or lots drawn and recorded). The software never picks one of equal sides."""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from models.errors import refuse

Entry = tuple[Hashable, Decimal | None]  # a side and its result (None: no result, DNF, DQ)


@dataclass(frozen=True)
class Qualified:
    finalists: tuple  # by place (heat by heat, best first), then by result (best first)
    tied_out: tuple  # tied on the line with no room for all: for the organisers
    open_places: int = 0  # the final's places left for the organisers to fill


def qualify(
    heats: Sequence[Sequence[Entry]], k: int, final_size: int, lower_better: bool
) -> Qualified:
    """预赛 → 决赛: the first ``k`` by place in each heat, then the best results across all heats
    until ``final_size``; a side with no result (None) never qualifies. Equal results share a
    place; sides tied on the line go in together or, when there is no room for all, not at all
    (``tied_out``)."""
    _check(heats, k, final_size)
    by_place, line_ties = [], []
    for heat in heats:
        placed, on_line = _first_by_place(heat, k, lower_better)
        by_place += placed
        line_ties += on_line
    if len(by_place) > final_size:  # only ties can do this: k × heats ≤ final_size
        tied = set(line_ties)
        finalists = tuple(s for s in by_place if s not in tied)
        return Qualified(finalists, _fixed(tied), final_size - len(finalists))
    taken = set(by_place)
    rest = [(s, r) for heat in heats for s, r in heat if r is not None and s not in taken]
    finalists, tied_out = list(by_place), ()
    for group in _equal_groups(rest, lower_better):
        room = final_size - len(finalists)
        if room == 0:
            break
        if len(group) > room:
            tied_out = _fixed(group)
            break
        finalists += _fixed(group)
    return Qualified(tuple(finalists), tied_out, final_size - len(finalists))


def _check(heats, k: int, final_size: int) -> None:
    if isinstance(final_size, bool) or not isinstance(final_size, int) or final_size < 1:
        raise refuse("match.bad_final_size", size=final_size)
    if isinstance(k, bool) or not isinstance(k, int) or k < 0:
        raise refuse("match.bad_qualify_k", k=k)
    if k * len(heats) > final_size:
        raise refuse(
            "match.too_many_by_place", heats=len(heats), k=k, count=k * len(heats), size=final_size
        )
    seen = set()
    for heat in heats:
        for side, _ in heat:
            if side in seen:
                raise refuse("match.duplicate_side", side=str(side))
            seen.add(side)


def _first_by_place(heat: Sequence[Entry], k: int, lower_better: bool) -> tuple[list, list]:
    """The sides placed 1..k in the heat (equal results share a place), and those among them tied
    on the k-th line when the tie makes more than k."""
    placed: list = []
    last: list = []
    for group in _equal_groups([e for e in heat if e[1] is not None], lower_better):
        if len(placed) >= k:
            break
        last = _fixed(group)
        placed += last
    return placed, (last if len(placed) > k else [])


def _equal_groups(entries: Sequence[Entry], lower_better: bool) -> list[list]:
    """The sides grouped by equal result, best first."""
    groups: dict[Decimal, list] = {}
    for side, result in entries:
        groups.setdefault(result, []).append(side)
    return [groups[r] for r in sorted(groups, reverse=not lower_better)]


def _fixed(sides) -> tuple:
    """Equal sides in a fixed order (never the order they were entered)."""
    return tuple(sorted(sides, key=str))
