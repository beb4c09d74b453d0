"""docs/RULES.md §3 — elections: the 差额 check, ballot validity and the tally, in integers.

A ballot is a string of marks, one per formal candidate in ballot order, plus the names written
in (另选他人). Nothing here knows who cast a ballot: a secret ballot has no voter.
"""

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

from models.errors import Refusal, refuse
from models.rules.thresholds import GT, GTE, HALF, TWO_THIRDS, meets, minimum_count, on_line

YES = "o"  # ○ 赞成
NO = "x"  # × 不赞成
BLANK = "-"  # 弃权
UNREADABLE = "?"  # a mark nobody can read
MARKS = (YES, NO, BLANK, UNREADABLE)

UNREADABLE_IGNORE = "ignore"  # not counted for that candidate (default)
UNREADABLE_VOID = "void"  # the whole ballot is void
TIE_RUNOFF = "runoff"  # 再次投票 among the tied (default); never by lot
TIE_FEWEST_NO = "fewest_no"  # fewest 不赞成 wins the tie, runoff if still tied
SHORTFALL_REELECT = "reelect"  # propose 另行选举 among the non-winners (default)
SHORTFALL_VACANT = "vacant"  # leave the seats vacant
SHORTFALL_REDUCE = "reduce"  # reduce the seats to those elected

DEFAULT_RATE = Fraction(5, 100)


@dataclass(frozen=True)
class ElectionSettings:
    seats: int
    equal: bool = False  # 等额: C = S allowed
    rate: Fraction = DEFAULT_RATE
    validity: str = GTE  # 3*参加 >= 2*应到 (GTE) or > (GT, 超过三分之二)
    unreadable: str = UNREADABLE_IGNORE
    tie: str = TIE_RUNOFF
    shortfall: str = SHORTFALL_REELECT


@dataclass(frozen=True)
class Ballot:
    number: int
    marks: str
    write_ins: tuple[str, ...] = ()
    malformed: bool = False  # a ballot that could not be read as a whole: counted, as void


def normalize_name(name: str) -> str:
    """Names compare after NFKC and with inner spaces removed (IME full-width spaces, 张 三)."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def extra_candidates(seats: int, rate: Fraction) -> int:
    """差额比例: max(1, ceil(S*rate)) — how many more candidates than seats a 差额 election needs."""
    product = seats * rate
    return max(1, -(-product.numerator // product.denominator))


def min_candidates(seats: int, rate: Fraction, equal: bool = False) -> int:
    """候选人数 at least: S for 等额选举, S + max(1, ceil(S*rate)) for 差额选举."""
    return seats if equal else seats + extra_candidates(seats, rate)


def candidate_problems(
    candidates: Sequence[str],
    settings: ElectionSettings,
    scrutineers: Iterable[str] = (),
    *,
    runoff: bool = False,
) -> list[Refusal]:
    """差额选举 (C > S by the rate) or 等额选举 (C = S, when so marked), and the candidate list's
    sanity; a runoff only needs more names than seats."""
    seats = settings.seats
    names = [normalize_name(c) for c in candidates]
    if seats < 1:
        return [refuse("election.bad_seats", seats=seats)]
    if any(not n for n in names):
        return [refuse("election.blank_candidate")]
    repeated = sorted({n for n, k in Counter(names).items() if k > 1})
    if repeated:
        return [refuse("election.duplicate_candidate", names="、".join(repeated))]
    problems = []
    count = len(names)
    if runoff:
        if count < seats:
            problems.append(refuse("election.too_few_candidates", count=count, need=seats))
    elif settings.equal:
        if count != seats:
            problems.append(refuse("election.equal_needs_equal", count=count, seats=seats))
    else:
        need = min_candidates(seats, settings.rate)
        if count < need:
            problems.append(
                refuse(
                    "election.too_few_candidates_rate",
                    count=count,
                    need=need,
                    seats=seats,
                    rate=_percent(settings.rate),
                )
            )
    both = sorted({normalize_name(s) for s in scrutineers} & set(names))
    if both:
        problems.append(refuse("election.scrutineer_is_candidate", names="、".join(both)))
    return problems


def _percent(rate: Fraction) -> str:
    value = rate * 100
    return f"{value.numerator}%" if value.denominator == 1 else f"{float(value):g}%"


def ballot_problems(ballot: Ballot, candidates: int) -> list[Refusal]:
    """A ballot that cannot even be stored: wrong length or a mark that is not ○ × blank or ?."""
    if ballot.number < 1:
        return [refuse("ballot.bad_number", number=ballot.number)]
    if ballot.malformed:
        return []
    if len(ballot.marks) != candidates or any(m not in MARKS for m in ballot.marks):
        return [refuse("ballot.bad_marks", number=ballot.number)]
    return []


def chosen_names(ballot: Ballot, candidates: Sequence[str]) -> set[str]:
    """Everyone this ballot says ○ to: marked candidates and, once each, the names written in
    (另选他人)."""
    return _chosen(ballot, [normalize_name(c) for c in candidates])


def _chosen(ballot: Ballot, names: Sequence[str]) -> set[str]:
    chosen = {n for n, m in zip(names, ballot.marks, strict=False) if m == YES}
    if ballot.write_ins:
        chosen.update(n for n in (normalize_name(w) for w in ballot.write_ins) if n)
    return chosen


def is_void(ballot: Ballot, candidates: Sequence[str], settings: ElectionSettings) -> bool:
    """废票: ○ plus write-ins above the seats (or malformed, or unreadable under that setting)."""
    names = [normalize_name(c) for c in candidates]
    return _void(ballot, names, settings, _chosen(ballot, names))


def _void(ballot: Ballot, names: Sequence[str], settings: ElectionSettings, chosen: set) -> bool:
    if ballot.malformed or len(ballot.marks) != len(names):
        return True
    if settings.unreadable == UNREADABLE_VOID and UNREADABLE in ballot.marks:
        return True
    return len(chosen) > settings.seats


@dataclass(frozen=True)
class CandidateTally:
    name: str
    yes: int
    no: int
    abstain: int
    unreadable: int = 0
    write_in: bool = False
    qualified: bool = False  # 2*yes > due
    elected: bool = False
    runoff: bool = False
    exactly_half: bool = False  # 2*yes == due: on the line, not elected


@dataclass(frozen=True)
class ElectionResult:
    valid: bool
    void_reason: str | None  # returned_exceeds_issued | participation | not_issued | no_voters
    settings: ElectionSettings
    due: int  # 应到会有选举权人数
    issued: int | None
    returned: int
    valid_ballots: int
    void_ballots: int
    void_numbers: tuple[int, ...]
    threshold: int  # the fewest ○ that elect: due//2 + 1
    participation_required: int
    participation_on_line: bool  # 3*参加 == 2*应到: exactly two-thirds, flagged on the report
    candidates: tuple[CandidateTally, ...]
    elected: tuple[str, ...]
    runoff: tuple[str, ...] = ()
    runoff_seats: int = 0
    vacant: int = 0
    reelect: tuple[str, ...] = ()  # proposed 另行选举 list, in first-round order
    reelect_wanted: int = 0  # names the 差额 ratio asks for; fewer than len(reelect) on a tie
    seats_after: int | None = None  # set when the shortfall setting reduces the seats
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def seats(self) -> int:
        return self.settings.seats


def tally(
    candidates: Sequence[str],
    ballots: Iterable[Ballot],
    *,
    due: int,
    issued: int | None,
    settings: ElectionSettings,
) -> ElectionResult:
    """Count the ballots under docs/RULES.md §3. The result does not depend on the ballots' order.

    超过应到会有选举权人数的半数始得当选; 收回多于发出 → 选举无效; a tie at the last seat goes to
    再次投票 among the tied; too few elected → 另行选举 proposed among the others."""
    names = [normalize_name(c) for c in candidates]
    formal = set(names)
    yes = Counter()
    no = Counter()
    unreadable = Counter()
    written = Counter()
    valid_ballots = 0
    void_numbers = []
    returned = 0
    for ballot in ballots:
        returned += 1
        chosen = _chosen(ballot, names)
        if _void(ballot, names, settings, chosen):
            void_numbers.append(ballot.number)
            continue
        valid_ballots += 1
        if NO in ballot.marks or UNREADABLE in ballot.marks:
            for name, mark in zip(names, ballot.marks, strict=True):
                if name in chosen:
                    continue  # written in by name: one ○, never also × or unreadable
                if mark == NO:
                    no[name] += 1
                elif mark == UNREADABLE:
                    unreadable[name] += 1
        yes.update(chosen)
        if ballot.write_ins:
            written.update(n for n in chosen if n not in formal)
    tallies = [
        _candidate(n, yes[n], no[n], unreadable[n], valid_ballots, due, write_in=False)
        for n in names
    ]
    write_ins = sorted(written, key=lambda n: (-written[n], n))
    tallies += [_candidate(n, yes[n], 0, 0, valid_ballots, due, write_in=True) for n in write_ins]
    void_reason = _void_reason(due, issued, returned, settings)
    base = dict(
        settings=settings,
        due=due,
        issued=issued,
        returned=returned,
        valid_ballots=valid_ballots,
        void_ballots=len(void_numbers),
        void_numbers=tuple(sorted(void_numbers)),
        threshold=minimum_count(due, HALF, GT),
        participation_required=minimum_count(due, TWO_THIRDS, settings.validity),
        participation_on_line=issued is not None and due > 0 and on_line(issued, due, TWO_THIRDS),
    )
    if void_reason:
        return ElectionResult(
            valid=False,
            void_reason=void_reason,
            candidates=tuple(tallies),
            elected=(),
            vacant=settings.seats,
            **base,
        )
    return _decide(tallies, settings, base)


def _candidate(name, yes, no, unreadable, valid, due, *, write_in) -> CandidateTally:
    return CandidateTally(
        name=name,
        yes=yes,
        no=no,
        abstain=valid - yes - no - unreadable,
        unreadable=unreadable,
        write_in=write_in,
        qualified=meets(yes, due, HALF, GT),
        exactly_half=due > 0 and on_line(yes, due, HALF),
    )


def _void_reason(due, issued, returned, settings) -> str | None:
    if issued is None:
        return "not_issued"
    if returned > issued:
        return "returned_exceeds_issued"  # 选举无效，应重新选举
    if due <= 0:
        return "no_voters"
    if not meets(issued, due, TWO_THIRDS, settings.validity):
        return "participation"
    return None


def _by_votes(tallies: list[CandidateTally]) -> list[CandidateTally]:
    """Highest ○ first; equal votes keep ballot order (formal candidates, then write-ins)."""
    order = {t.name: i for i, t in enumerate(tallies)}
    return sorted(tallies, key=lambda t: (-t.yes, order[t.name]))


def _decide(tallies: list[CandidateTally], settings: ElectionSettings, base: dict):
    seats = settings.seats
    qualifiers = _by_votes([t for t in tallies if t.qualified])
    runoff: list[CandidateTally] = []
    runoff_seats = 0
    if len(qualifiers) > seats and qualifiers[seats].yes == qualifiers[seats - 1].yes:
        cut = qualifiers[seats - 1].yes
        elected = [t for t in qualifiers if t.yes > cut]
        tied = [t for t in qualifiers if t.yes == cut]
        open_seats = seats - len(elected)
        if settings.tie == TIE_FEWEST_NO:
            won, runoff = _split_tie(tied, open_seats)
            elected += won
        else:
            runoff = tied
        runoff_seats = seats - len(elected) if runoff else 0
    else:
        elected = qualifiers[:seats]
    vacant = seats - len(elected)
    elected_names = {t.name for t in elected}
    runoff_names = {t.name for t in runoff}
    final = tuple(
        replace(t, elected=t.name in elected_names, runoff=t.name in runoff_names) for t in tallies
    )
    reelect: tuple[str, ...] = ()
    wanted = 0
    seats_after = None
    shortfall = vacant - runoff_seats
    if shortfall > 0 and settings.shortfall == SHORTFALL_REELECT:
        others = _by_votes([t for t in tallies if t.name not in elected_names])
        wanted = min_candidates(shortfall, settings.rate, settings.equal)
        reelect = tuple(t.name for t in _up_to_tie(others, wanted))
    elif shortfall > 0 and settings.shortfall == SHORTFALL_REDUCE:
        seats_after = len(elected) + runoff_seats
        vacant = runoff_seats
    return ElectionResult(
        valid=True,
        void_reason=None,
        candidates=final,
        elected=tuple(t.name for t in _by_votes(elected)),
        runoff=tuple(t.name for t in runoff),
        runoff_seats=runoff_seats,
        vacant=vacant,
        reelect=reelect,
        reelect_wanted=wanted if reelect else 0,
        seats_after=seats_after,
        **base,
    )


def _up_to_tie(ranked: list[CandidateTally], wanted: int) -> list[CandidateTally]:
    """The first ``wanted`` by votes, and everyone tied with the last of them: the 另行选举 list
    is drawn by first-round votes and never by lot (docs/RULES.md §3), so a tie at the cut goes in whole.
    """
    if wanted <= 0 or len(ranked) <= wanted:
        return ranked[: max(wanted, 0)]
    cut = ranked[wanted - 1].yes
    return ranked[:wanted] + [t for t in ranked[wanted:] if t.yes == cut]


def _split_tie(tied: list[CandidateTally], open_seats: int):
    """Fewest 不赞成 first; a group that still straddles the last seat goes to a runoff."""
    won: list[CandidateTally] = []
    for no in sorted({t.no for t in tied}):
        group = [t for t in tied if t.no == no]
        left = open_seats - len(won)
        if left <= 0:
            break
        if len(group) <= left:
            won += group
        else:
            return won, group
    return won, []


@dataclass(frozen=True)
class Disagreement:
    """One ballot number on which the two blind entries differ (either may be missing)."""

    number: int
    first: Ballot | None
    second: Ballot | None


def _same(a: Ballot, b: Ballot) -> bool:
    def written(x: Ballot):
        return sorted(n for n in (normalize_name(w) for w in x.write_ins) if n)

    return (a.malformed, a.marks, written(a)) == (b.malformed, b.marks, written(b))


def compare_entries(first: Iterable[Ballot], second: Iterable[Ballot]) -> list[Disagreement]:
    """Every ballot number where the first and second clerk keyed something different."""
    one = {b.number: b for b in first}
    two = {b.number: b for b in second}
    out = []
    for number in sorted(one.keys() | two.keys()):
        a, b = one.get(number), two.get(number)
        if a is None or b is None or not _same(a, b):
            out.append(Disagreement(number, a, b))
    return out
