"""docs/RULES.md §7 — games and matches between two sides: when a game (每局) may end, and when a
best-of-N match (局数) is over.

A game's score is a pair of integers ``(a, b)``, side a first. Table tennis is played to 11,
badminton to 21 (capped at 30), volleyball to 25 (the deciding set to 15), each won by two clear
points (领先两分); a pull of tug of war is 1:0 or 0:1; "points" takes any score with a winner.
A match ends the moment one side has won best_of//2 + 1 games: fewer is unfinished, more is a
game played after the end — both refused, so a typing slip never becomes a result."""

import re
import unicodedata
from collections.abc import Sequence

from models.errors import Refusal, refuse

GAMES = ("tabletennis", "badminton", "volleyball", "tugofwar", "points")
# to how many points a game is played, the deciding set's target, the cap (None: no cap)
TARGETS = {"tabletennis": (11, 11, None), "badminton": (21, 21, 30), "volleyball": (25, 15, None)}
DEFAULT_BEST_OF = {"tabletennis": 5, "badminton": 3, "volleyball": 5, "tugofwar": 3, "points": 1}
MAX_SCORE_DIGITS = 4  # a game's score beyond 9999 is a slip
GAME_PATTERN = re.compile(rf"^(\d{{1,{MAX_SCORE_DIGITS}}}):(\d{{1,{MAX_SCORE_DIGITS}}})$")

Score = tuple[int, int]


def parse_games(text: str) -> tuple[Score, ...]:
    """``11:9,8:11,11:5`` (also ``11：9，8：11、11:5`` or separated by spaces) → ((11, 9), (8, 11),
    (11, 5)). Anything else, a negative number or nothing at all is refused."""
    raw = str(text or "").strip()
    clean = unicodedata.normalize("NFKC", raw).replace("、", ",").replace("；", ";")
    clean = re.sub(r"\s*:\s*", ":", clean)
    parts = [p for p in re.split(r"[,;\s]+", clean) if p]
    if not parts:
        raise refuse("match.no_games")
    games = []
    for part in parts:
        found = GAME_PATTERN.match(part)
        if found is None:
            key = "match.negative_score" if "-" in part else "match.bad_game_text"
            raise refuse(key, part=part)
        games.append((int(found[1]), int(found[2])))
    return tuple(games)


def game_problem(game: str, score: Score, *, deciding: bool = False) -> Refusal | None:
    """每局: whether ``score`` can end one game of ``game`` (``deciding``: volleyball's deciding set,
    played to 15). Table tennis, badminton and volleyball are won by 领先两分 (two clear points):
    11:9 and 12:10 end a game, 11:10 cannot, nor can 13:10 (the game ended at 12:10); badminton's
    cap of 30 ends it at 30:29. A pull of 拔河 (tug of war) is 1:0 or 0:1; "points" needs only a winner."""
    if game not in GAMES:
        return refuse("match.bad_game", game=game, games="|".join(GAMES))
    a, b = score
    shown = f"{a}:{b}"
    if a < 0 or b < 0:
        return refuse("match.negative_score", part=shown)
    if a == b:
        return refuse("match.game_tied", score=shown)
    if game == "tugofwar":
        return None if {a, b} == {0, 1} else refuse("match.bad_pull", score=shown)
    if game == "points":
        return None
    target, deciding_target, cap = TARGETS[game]
    if deciding:
        target = deciding_target
    return _two_clear_problem(shown, max(a, b), min(a, b), target, cap)


def _two_clear_problem(shown: str, won: int, lost: int, target: int, cap: int | None):
    """The winner reached the target with a two-point lead, and not a point later (or hit the cap)."""
    if cap is not None and won > cap:
        return refuse("match.above_cap", score=shown, cap=cap)
    if cap is not None and won == cap and lost == cap - 1:
        return None  # 29:29, the next point wins
    if won < target:
        return refuse("match.game_short", score=shown, target=target)
    if won - lost < 2:
        return refuse("match.two_clear", score=shown)
    end = target if lost <= target - 2 else lost + 2
    if won != end:
        return refuse("match.game_over_at", score=shown, end=f"{end}:{lost}")
    return None


def match_problem(game: str, best_of: int, games: Sequence[Score]) -> Refusal | None:
    """局数: a match of ``best_of`` games (odd, ≥ 1; tug of war best of 3 by default) ends exactly
    when one side has won best_of//2 + 1: an unfinished match, or a game after the end, is
    refused, and so is any game that cannot end as scored (volleyball's deciding set is game
    number ``best_of``, to 15)."""
    if best_of < 1 or best_of % 2 == 0:
        return refuse("match.bad_best_of", best_of=best_of)
    if not games:
        return refuse("match.no_games")
    need = best_of // 2 + 1
    won = [0, 0]
    for number, score in enumerate(games, start=1):
        if max(won) == need:
            return refuse("match.game_after_end", number=number, won=f"{won[0]}:{won[1]}")
        problem = game_problem(game, score, deciding=number == best_of)
        if problem is not None:
            return Refusal("match.in_game", {"number": number}, [problem])
        won[0 if score[0] > score[1] else 1] += 1
    if max(won) < need:
        return refuse("match.unfinished", won=f"{won[0]}:{won[1]}", best_of=best_of, need=need)
    return None


def match_winner(games: Sequence[Score]) -> int:
    """The side that won more games: 0 = side a, 1 = side b (check :func:`match_problem` first)."""
    (a, b), _ = match_totals(games)
    if a == b:
        raise refuse("match.no_winner", won=f"{a}:{b}")
    return 0 if a > b else 1


def match_totals(games: Sequence[Score]) -> tuple[Score, Score]:
    """(games won by a, by b), (points won by a, by b) — what the group ranking's ratios count."""
    won_a = sum(1 for a, b in games if a > b)
    won_b = sum(1 for a, b in games if b > a)
    return (won_a, won_b), (sum(a for a, _ in games), sum(b for _, b in games))


# --- team ties (团体赛): individual matches (盘) between two teams ----------------------------------

RUBBER_SEPARATORS = re.compile(r"\s*[|｜/／;；]\s*")


def parse_rubbers(text: str) -> tuple[tuple[Score, ...], ...]:
    """``11:9,11:7,11:5 | 9:11,11:8,11:4,11:6 | …`` → each individual match's games (separated by
    ``|``, ``/`` or ``；`` as an input method types them)."""
    raw = unicodedata.normalize("NFKC", str(text or "")).strip()
    parts = [p for p in RUBBER_SEPARATORS.split(raw) if p.strip()]
    if not parts:
        raise refuse("match.no_games")
    return tuple(parse_games(part) for part in parts)


def tie_problem(game: str, best_of: int, rubbers: int, played) -> Refusal | None:
    """团体赛: a tie of ``rubbers`` individual matches (盘数, odd; 5 for the Swaythling format) ends the
    moment one team has won rubbers//2 + 1; each individual match is checked as a match of
    ``best_of`` games. An unfinished tie, or a match after its end, is refused."""
    if rubbers < 1 or rubbers % 2 == 0:
        return refuse("match.bad_rubbers", rubbers=rubbers)
    need = rubbers // 2 + 1
    won = [0, 0]
    for number, games in enumerate(played, start=1):
        if max(won) == need:
            return refuse("match.rubber_after_end", number=number, won=f"{won[0]}:{won[1]}")
        problem = match_problem(game, best_of, games)
        if problem is not None:
            return Refusal("match.in_rubber", {"number": number}, [problem])
        won[match_winner(games)] += 1
    if max(won) < need:
        return refuse("match.tie_unfinished", won=f"{won[0]}:{won[1]}", need=need)
    return None


def tie_totals(played) -> tuple[Score, Score, Score]:
    """(individual matches won by a, by b), (games), (points) over a tie's matches."""
    matches = [0, 0]
    games, points = [0, 0], [0, 0]
    for rubber in played:
        (ga, gb), (pa, pb) = match_totals(rubber)
        if ga != gb:  # a match left unfinished by a retirement wins nobody the match
            matches[0 if ga > gb else 1] += 1
        games[0] += ga
        games[1] += gb
        points[0] += pa
        points[1] += pb
    return tuple(matches), tuple(games), tuple(points)
