"""The words the match documents print (PDF and xlsx alike): always Chinese, like every huiwu
printed record, whatever the interface language. Names are the users' text: the PDF writers
escape them, the workbook keeps formula-looking names as text (models.io.cells.put)."""

from models.matches.records import BRACKET, RETIRED, WALKOVER, MatchInfo
from models.rules.bracket import THIRD_PLACE_NAME, round_name
from models.rules.games import match_totals, tie_totals

FORMAT_NAMES = {"roundrobin": "单循环", "knockout": "淘汰赛", "heats": "预赛/决赛"}
GAME_NAMES = {
    "tabletennis": "乒乓球（11分制）",
    "badminton": "羽毛球（21分制）",
    "volleyball": "排球（25分制）",
    "tugofwar": "拔河",
    "points": "计分",
}
BYE = "轮空"
TBD = "待定"


def format_line(fmt) -> str:
    """单循环 · 分2组 · 每组前2名进入淘汰赛 · 乒乓球（11分制） · 5局3胜 · 设三四名决赛 · 2个场地"""
    parts = [FORMAT_NAMES.get(fmt.format, fmt.format)]
    if fmt.groups > 1:
        parts.append(f"分{fmt.groups}组")
    if fmt.advance:
        parts.append(f"每组前{fmt.advance}名进入淘汰赛")
    parts.append(GAME_NAMES.get(fmt.game, fmt.game))
    if fmt.best_of > 1:
        parts.append(f"{fmt.best_of}局{fmt.best_of // 2 + 1}胜")
    if fmt.third_place:
        parts.append("设三四名决赛")
    if fmt.courts > 1:
        parts.append(f"{fmt.courts}个场地")
    return " · ".join(parts)


def is_third_place(match: MatchInfo, rounds: int | None) -> bool:
    return match.phase == BRACKET and match.round == rounds and match.slot == 1


def round_words(match: MatchInfo, rounds: int | None) -> str:
    """第1轮 for a group match; 1/4决赛, 半决赛, 决赛, 三四名决赛 … for the knockout's."""
    if match.phase != BRACKET or not rounds:
        return f"第{match.round}轮"
    if is_third_place(match, rounds):
        return THIRD_PLACE_NAME
    return round_name(match.round, rounds)


def group_words(match: MatchInfo) -> str:
    return f"{match.group}组" if match.group else ("淘汰赛" if match.phase == BRACKET else "")


def court_words(match: MatchInfo) -> str:
    return f"{match.court}号" if match.court else ""


def score_words(match: MatchInfo) -> str:
    """3:1 (games won) for a played match; 弃权 for a walk-over; empty before it is played."""
    if match.winner is None or match.bye:
        return ""
    if match.ended == WALKOVER:
        return "弃权"
    if match.rubbers:  # 团体赛: individual matches won, not games
        (won_a, won_b), _games, _points = tie_totals(match.rubbers)
    else:
        (won_a, won_b), _points = match_totals(match.games)
    return f"{won_a}:{won_b}" + ("（退赛）" if match.ended == RETIRED else "")


def games_words(match: MatchInfo, sep: str = " ") -> str:
    if match.rubbers:  # each individual match's games, the matches parted by /
        return " / ".join(sep.join(f"{a}:{b}" for a, b in r) for r in match.rubbers)
    return sep.join(f"{a}:{b}" for a, b in match.games)


def result_words(match: MatchInfo, name) -> str:
    """3:1（11:9 8:11 11:5 11:7）张三胜; 张三 弃权胜 … ``name`` maps a side to its name."""
    if match.bye or match.winner is None:
        return ""
    winner = name(match.winner)
    if match.ended == WALKOVER:
        return f"{winner} 对方弃权胜"
    games = games_words(match)
    tail = "（对方退赛）" if match.ended == RETIRED else ""
    return f"{score_words(match).replace('（退赛）', '')}（{games}）{winner}胜{tail}"


def from_view_of(
    match: MatchInfo, side: int
) -> tuple[tuple[int, int], tuple[tuple[int, int], ...]]:
    """(games won, lost) and each game's score as ``side`` saw them; a team tie's headline is its
    individual matches won and lost."""
    if match.rubbers:
        (won_a, won_b), _games, _points = tie_totals(match.rubbers)
    else:
        (won_a, won_b), _points = match_totals(match.games)
    if side == match.a:
        return (won_a, won_b), tuple(match.games)
    return (won_b, won_a), tuple((b, a) for a, b in match.games)


def bye_side(match: MatchInfo) -> int | None:
    return match.a if match.a is not None else match.b
