"""Marks, quiz answers, score cards and standings (RULES.md §6).

Marks are stored exactly as Decimal text; every score is recomputed from them on demand (a few
thousand rows at most), so a correction shows everywhere at once and nothing derived can go stale.
Each change appends to the audit log in its own transaction; a correction records the old value.
"""

from models.rules.ranking import TIE_ACROSS_BOUNDARY
from models.scores.cards import build_card, card_in, score_card
from models.scores.clock_records import T_TIMING, ContestTiming, TimeInfo
from models.scores.marks import check_value, record_mark, required_reason, withdraw_mark, write_mark
from models.scores.quiz import buzzer_won, correct_answer, record_answer, record_foul
from models.scores.ranking import (
    Board,
    board,
    entrants_by_id,
    rank_cards,
    rounded,
    standing_json,
    standings,
    standings_in,
)
from models.scores.records import (
    T_ANSWER,
    T_MARK,
    AnswerInfo,
    ContestMark,
    MarkOutcome,
    QuizAnswer,
    RankingGroup,
    ScoreCard,
    StageCard,
    StandingRow,
    Standings,
    TeamRow,
)
from models.scores.timing import (
    check_clock_fits,
    clock_card,
    elapsed,
    record_time,
    set_clock,
    shown_seconds,
    start_clock,
    stop_clock,
    time_json,
    timing_of,
    withdraw_time,
)

__all__ = [
    "TIE_ACROSS_BOUNDARY",
    "T_ANSWER",
    "T_MARK",
    "T_TIMING",
    "AnswerInfo",
    "Board",
    "ContestMark",
    "ContestTiming",
    "MarkOutcome",
    "QuizAnswer",
    "RankingGroup",
    "ScoreCard",
    "StageCard",
    "StandingRow",
    "Standings",
    "TeamRow",
    "TimeInfo",
    "board",
    "build_card",
    "buzzer_won",
    "card_in",
    "check_clock_fits",
    "check_value",
    "clock_card",
    "correct_answer",
    "elapsed",
    "entrants_by_id",
    "rank_cards",
    "record_answer",
    "record_foul",
    "record_mark",
    "record_time",
    "required_reason",
    "rounded",
    "score_card",
    "set_clock",
    "shown_seconds",
    "standing_json",
    "standings",
    "standings_in",
    "start_clock",
    "stop_clock",
    "time_json",
    "timing_of",
    "withdraw_mark",
    "withdraw_time",
    "write_mark",
]
