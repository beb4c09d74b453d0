"""Contests (技能大赛, 演讲比赛, 知识竞赛, 劳动竞赛): the contest, its events (项目) with their scoring
scheme, the entrants and the judges panel. Marks, quiz answers and standings are in
``models.scores``.

A contest is numbered per congress (竞赛 1, 2 …) and addressed by number or title; an entrant by
its number (出场序号) or its name.
"""

from models.contests.entrants import (
    add_entrant,
    add_entrants,
    entrant_json,
    insert_entrant,
    set_on_stage,
)
from models.contests.lookup import (
    contest_info,
    entrant_info,
    entrants_of,
    find_entrant,
    get_contest,
    list_contests,
    list_entrants,
    load_contest,
    lock_contest,
    writable_contest,
)
from models.contests.records import (
    BREAKER_ALIASES,
    MEMBERS_MAX_CHARS,
    T_CONTEST,
    T_ENTRANT,
    T_EVENT,
    TEAM_SCORES,
    Contest,
    ContestEvent,
    ContestInfo,
    ContestSummary,
    Entrant,
    EntrantInfo,
    EventInfo,
    quiz_from_json,
    quiz_json,
    stage_from_json,
    stage_json,
)
from models.contests.setup import (
    clean_name,
    new_contest,
    parse_breakers,
    set_event,
    set_tie_breakers,
)

__all__ = [
    "BREAKER_ALIASES",
    "MEMBERS_MAX_CHARS",
    "TEAM_SCORES",
    "T_CONTEST",
    "T_ENTRANT",
    "T_EVENT",
    "Contest",
    "ContestEvent",
    "ContestInfo",
    "ContestSummary",
    "Entrant",
    "EntrantInfo",
    "EventInfo",
    "add_entrant",
    "add_entrants",
    "clean_name",
    "contest_info",
    "entrant_info",
    "entrant_json",
    "entrants_of",
    "find_entrant",
    "get_contest",
    "insert_entrant",
    "list_contests",
    "list_entrants",
    "load_contest",
    "lock_contest",
    "new_contest",
    "parse_breakers",
    "quiz_from_json",
    "quiz_json",
    "set_event",
    "set_on_stage",
    "set_tie_breakers",
    "stage_from_json",
    "stage_json",
    "writable_contest",
]
