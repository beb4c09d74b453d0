"""A match event's board as text, for the match desk and the projector alike: the latest result,
each group's table, the knockout round by round, and the places decided."""

from tui.i18n import t
from tui.match_text import format_words, group_lines, match_words, place_lines, result_words


def knockout_lines(board) -> list[str]:
    """The bracket as rounds of lines (the printed 签表 draws it; a terminal lists it)."""
    from models.rules.bracket import THIRD_PLACE_NAME, round_name

    rounds = board.rounds
    if not rounds:
        return []
    lines = []
    for number in range(1, rounds + 1):
        in_round = [m for m in board.matches if m.phase == "knockout" and m.round == number]
        for m in sorted(in_round, key=lambda m: m.slot):
            if m.bye:
                continue
            third = number == rounds and m.slot == 1
            name = THIRD_PLACE_NAME if third else round_name(number, rounds)
            lines.append(f"{name}  {_pair(board, m)}")
    return ["", t("match.bracket"), *lines]


def _pair(board, m) -> str:
    a = board.names.get(m.a, t("match.tbd")) if m.a is not None else t("match.tbd")
    b = board.names.get(m.b, t("match.tbd")) if m.b is not None else t("match.tbd")
    result = result_words(m, board.names)
    return f"{a} {t('match.vs')} {b}" + (f"  {result}" if result else "")


def latest_line(board) -> str:
    latest = board.latest
    if latest is None:
        return t("match.no_result_yet")
    return match_words(latest, board.names, board.rounds)


def next_line(board) -> str:
    up = board.next_up
    if up is None:
        return t("match.all_played") if board.drawn else t("match.none_drawn")
    return t("match.next", match=match_words(up, board.names, board.rounds))


def standings_lines(board) -> list[str]:
    lines = []
    for group, rows in board.tables.items():
        lines += group_lines(group, rows, board.names)
    lines += knockout_lines(board)
    if board.places:
        lines += place_lines(board.places, board.names)
    return lines


def heading(board) -> str:
    event = board.event.name or board.contest.title
    return f"{board.contest.label} · {event} · {format_words(board.event.matches)}"
