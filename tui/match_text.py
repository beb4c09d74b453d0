"""Matches, group tables, knockout places and a meet's team points as lines of plain text: what
the CLI prints and the screens show (never markup: names are the users' text)."""

from models.rules.games import tie_totals
from tui.i18n import t
from tui.vote_words import table


def _name(names: dict, side) -> str:
    return names.get(side, "?") if side is not None else t("match.tbd")


def result_words(match, names: dict) -> str:
    if match.bye:
        return t("match.bye")
    if match.winner is None:
        return ""
    winner = _name(names, match.winner)
    if match.ended == "walkover":
        return t("match.walkover_won", name=winner)
    score = " ".join(f"{a}:{b}" for a, b in match.games)
    if match.rubbers:  # 团体赛: the tie's score, then each match's games
        (won_a, won_b), _, _ = tie_totals(match.rubbers)
        each = " / ".join(" ".join(f"{a}:{b}" for a, b in r) for r in match.rubbers)
        score = f"{won_a}:{won_b}（{each}）"
    if match.ended == "retired":
        return f"{score}  {t('match.retired_won', name=winner)}".strip()
    return f"{score}  {t('match.won', name=winner)}"


def knockout_rounds(matches) -> int | None:
    """How many rounds the knockout of these matches has (None: no knockout among them)."""
    return max((m.round for m in matches if m.phase == "knockout"), default=None)


def where_words(match, rounds: int | None = None) -> str:
    """第1轮 · A组 · 2号台, or the knockout round's name (半决赛 …)."""
    from models.rules.bracket import THIRD_PLACE_NAME, round_name

    if match.phase == "knockout" and rounds:
        third = match.round == rounds and match.slot == 1
        parts = [THIRD_PLACE_NAME if third else round_name(match.round, rounds)]
    else:
        parts = [t("match.round", round=match.round)]
    if match.group:
        parts.append(t("match.group", group=match.group))
    if match.court:
        parts.append(t("match.court", court=match.court))
    return " · ".join(parts)


def match_words(match, names: dict, rounds: int | None = None) -> str:
    """第3场 第1轮 · A组 · 1号台  张三 对 李四  11:9 8:11 11:5 11:7  张三 胜"""
    if match.bye:
        side = match.a if match.a is not None else match.b
        sides = f"{_name(names, side)}  {t('match.bye')}"
    else:
        sides = f"{_name(names, match.a)} {t('match.vs')} {_name(names, match.b)}"
    result = "" if match.bye else result_words(match, names)
    line = f"{t('match.number', number=match.number)}  {where_words(match, rounds)}  {sides}"
    return f"{line}  {result}".rstrip()


def format_words(fmt) -> str:
    """单循环 · 分2组 · 每组前2名进入淘汰赛 · 乒乓球（11分制） · 5局3胜 · 2个场地"""
    parts = [t(f"match.format.{fmt.format}")]
    if fmt.format == "heats":
        parts.append(t("match.format.heats_rule", advance=fmt.advance, final=fmt.final))
        parts.append(t("match.format.lanes", lanes=fmt.lanes))
        return " · ".join(parts)
    if fmt.groups > 1:
        parts.append(t("match.format.groups", groups=fmt.groups))
    if fmt.advance:
        parts.append(t("match.format.advance", advance=fmt.advance))
    parts.append(t(f"match.game.{fmt.game}"))
    if fmt.best_of > 1:
        parts.append(t("match.format.best_of", best_of=fmt.best_of, need=fmt.best_of // 2 + 1))
    if fmt.rubbers:
        parts.append(t("match.format.rubbers", rubbers=fmt.rubbers, need=fmt.rubbers // 2 + 1))
    if fmt.third_place:
        parts.append(t("match.format.third"))
    if fmt.courts > 1:
        parts.append(t("match.format.courts", courts=fmt.courts))
    return " · ".join(parts)


def group_lines(group: str, rows, names: dict) -> list[str]:
    head = [
        t("match.col.rank"),
        t("match.col.side"),
        t("match.col.points"),
        t("match.col.won"),
        t("match.col.lost"),
        t("match.col.games"),
        t("match.col.rallies"),
        "",
    ]
    body = [
        [
            str(r.rank),
            names.get(r.entrant, "?"),
            str(r.points),
            str(r.won),
            str(r.lost),
            f"{r.games[0]}:{r.games[1]}",
            f"{r.rallies[0]}:{r.rallies[1]}",
            t("match.lots") if r.lots else (t("match.by_lots") if r.drawn else ""),
        ]
        for r in rows
    ]
    return ["", f"【{t('match.group', group=group)}】", *table([head, *body], numeric=[0, 2, 3, 4])]


def place_lines(places, names: dict) -> list[str]:
    head = [t("match.col.rank"), t("match.col.side")]
    body = [[str(r.rank), names.get(r.entrant, "?")] for r in places]
    return ["", t("match.places"), *table([head, *body], numeric=[0])]


def meet_lines(standings) -> list[str]:
    from models.rules.teampoints import show_points

    meet = standings.meet
    lines = [t("meet.head", number=meet.number, name=meet.name)]
    head = [t("meet.col.rank"), t("meet.col.unit"), t("meet.col.points"), t("meet.col.places")]
    body = [
        [
            str(r.rank),
            r.unit,
            show_points(r.points, meet.decimals),
            "/".join(str(n) for n in ([*list(r.places), 0, 0, 0])[:3]),
        ]
        for r in standings.rows
    ]
    lines += table([head, *body], numeric=[0, 2]) if body else [t("meet.none")]
    if standings.pending:
        lines.append(t("meet.pending", events="、".join(standings.pending)))
    return lines


def medal_lines(standings) -> list[str]:
    meet = standings.meet
    head = [
        t("meet.col.rank"),
        t("meet.col.unit"),
        t("meet.col.gold"),
        t("meet.col.silver"),
        t("meet.col.bronze"),
    ]
    body = [
        [str(r.rank), r.unit, str(r.gold), str(r.silver), str(r.bronze)] for r in standings.medals
    ]
    lines = [t("meet.medals_head", number=meet.number, name=meet.name)]
    return lines + (table([head, *body], numeric=[0, 2, 3, 4]) if body else [t("meet.none")])


def heats_words(done) -> str:
    """What the heats draw did, in one or two sentences for a status line."""
    if not done.final:
        return t("match.heats_dealt", count=len(done.heats))
    names = "、".join(e.name for e in done.finalists)
    text = t("match.final_made", final=done.final, names=names)
    if done.open_places:
        tied = "、".join(e.name for e in done.tied_out)
        text += t("match.final_open", count=done.open_places, names=tied, final=done.final)
    return text
