"""The format of a match event (单循环, 淘汰赛, 预赛/决赛), stored as JSON on its contest_event row.

Here, not in models.matches, because an event carries it: the contest services load it with the
event, and the match services (which need the contest services) read it from there."""

import json
from dataclasses import dataclass

from models.errors import refuse

ROUND_ROBIN, KNOCKOUT, HEATS = "roundrobin", "knockout", "heats"
FORMATS = (ROUND_ROBIN, KNOCKOUT, HEATS)


@dataclass(frozen=True)
class MatchFormat:
    """How a match event is played: 单循环 in groups, 淘汰赛, or 预赛/决赛; the game (which scores
    end a game) and best-of-N; a third-place match; how many of each group go on to a knockout."""

    format: str
    groups: int = 1
    best_of: int = 5
    game: str = "points"
    third_place: bool = False
    advance: int = 0  # round robin: the first K of each group into a knockout (0: none);
    # heats: the first K of each heat by place into the final
    courts: int = 1  # tables or pitches played on at once
    final: int = 0  # heats: the final's size (8 lanes)
    lanes: int = 0  # heats: the most sides in one heat
    rubbers: int = 0  # 团体赛: individual matches in a tie between two teams (0: one match)

    def json(self) -> dict:
        heats = {"final": self.final, "lanes": self.lanes} if self.format == HEATS else {}
        team = {"rubbers": self.rubbers} if self.rubbers else {}
        return {
            **heats,
            **team,
            "format": self.format,
            "groups": self.groups,
            "best_of": self.best_of,
            "game": self.game,
            "third_place": self.third_place,
            "advance": self.advance,
            "courts": self.courts,
        }


def format_text(fmt: MatchFormat | None) -> str | None:
    return json.dumps(fmt.json(), sort_keys=True) if fmt else None


def format_from_text(text: str | None) -> MatchFormat | None:
    return MatchFormat(**json.loads(text)) if text else None


def check_format(fmt: MatchFormat) -> MatchFormat:
    from models.rules.games import GAMES

    if fmt.format not in FORMATS:
        raise refuse("match.bad_format", value=fmt.format, formats="|".join(FORMATS))
    if fmt.game not in GAMES:
        raise refuse("match.bad_game", game=fmt.game, games="|".join(GAMES))
    if fmt.best_of < 1 or fmt.best_of % 2 == 0:
        raise refuse("match.bad_best_of", best_of=fmt.best_of)
    if fmt.groups < 1:
        raise refuse("match.bad_groups", value=fmt.groups)
    if fmt.advance < 0:
        raise refuse("match.bad_advance", advance=fmt.advance)
    if fmt.advance and fmt.format == KNOCKOUT:
        raise refuse("match.advance_not_groups")
    if fmt.rubbers and (fmt.rubbers < 0 or fmt.rubbers % 2 == 0 or fmt.format == HEATS):
        raise refuse("match.bad_rubbers", rubbers=fmt.rubbers)
    if fmt.format == HEATS and (fmt.final < 1 or fmt.lanes < 2):
        raise refuse("match.heats_sizes", final=fmt.final, lanes=fmt.lanes)
    if fmt.courts < 1:
        raise refuse("match.bad_courts", value=fmt.courts)
    return fmt
