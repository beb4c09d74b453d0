"""The statutory rules, findable by the Chinese words staff use for them.

Each rule is a pure function in one module of this package (no database, no UI); its docstring
carries the Chinese phrase, and the section of docs/RULES.md that states the rule. ``RULES``
below is the index: the phrase → ``module:function`` → ``§``. Search it with :func:`find`, or
read it here. ``HELPERS`` names the public functions that are plumbing (parsing, normalising,
aggregating) rather than a rule. tests/unit/test_rules_index.py keeps the three in step.

Nothing here imports the rule modules: importing this package stays free (start-up is lazy).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    phrase: str  # the Chinese words of the regulation or of the staff's paperwork
    function: str  # "module:function" inside models.rules
    section: int | None  # § of docs/RULES.md; None for a convention that document does not state


RULES: tuple[Rule, ...] = (
    # §0 the counting words
    Rule("过半数", "thresholds:more_than_half", 0),
    Rule("超过半数", "thresholds:more_than_half", 0),
    Rule("半数以上", "thresholds:half_or_more", 0),
    Rule("三分之二以上", "thresholds:two_thirds_or_more", 0),
    Rule("超过三分之二", "thresholds:more_than_two_thirds", 0),
    Rule("以上含本数，超过不含本数", "thresholds:meets", 0),
    Rule("恰好半数", "thresholds:on_line", 0),
    Rule("最少票数", "thresholds:minimum_count", 0),
    # §1 attendance and quorum
    Rule("法定人数", "attendance:quorum_met", 1),
    Rule("法定人数所需实到人数", "attendance:quorum_required", 1),
    Rule("缺席", "attendance:absent", 1),
    # §2 motions
    Rule("表决通过", "motion:motion_result", 2),
    Rule("表决基数", "motion:motion_base", 2),
    Rule("重要事项", "motion:method_problems", 2),
    Rule("无记名投票", "motion:method_problems", 2),
    Rule("收回 ≤ 发出", "motion:count_problems", 2),
    # §3 elections
    Rule("差额选举", "election:candidate_problems", 3),
    Rule("等额选举", "election:candidate_problems", 3),
    Rule("差额比例", "election:extra_candidates", 3),
    Rule("差额比例", "thresholds:parse_rate", 3),
    Rule("候选人数", "election:min_candidates", 3),
    Rule("废票", "election:is_void", 3),
    Rule("另选他人", "election:chosen_names", 3),
    Rule("始得当选", "election:tally", 3),
    Rule("选举无效", "election:tally", 3),
    Rule("再次投票", "election:tally", 3),
    Rule("另行选举", "election:tally", 3),
    Rule("姓氏笔画", "strokes:sort_by_strokes", None),
    # §4 appraisal of leaders
    Rule("满意率", "appraisal:subject_result", 4),
    Rule("测评等次", "appraisal:grade", 4),
    Rule("加权得分", "appraisal:weighted_score", 4),
    Rule("百分比保留两位小数", "appraisal:percent", 4),
    Rule("测评无效", "appraisal:appraisal_result", 4),
    # §5 proposals
    Rule("附议人", "proposals:seconders_short", 5),
    Rule("联名", "proposals:proposer_kind", 5),
    Rule("立案", "proposals:step_allowed", 5),
    Rule("不予立案", "proposals:next_actions", 5),
    Rule("重新办理", "proposals:rated_status", 5),
    Rule("提案满意率", "proposals:satisfaction_rate", 5),
    # §6 contest scoring
    Rule("去掉最高分和最低分", "scoring:panel_score", 6),
    Rule("评委人数", "scoring:trim_problems", 6),
    Rule("五名以上评委", "scoring:trim_recommended", 6),
    Rule("四舍五入", "scoring:round_half_up", 6),
    Rule("超过满分", "scoring:parse_mark", 6),
    Rule("评分细则", "scoring:criteria_problems", 6),
    Rule("评分细则", "scoring:sheet_total", 6),
    Rule("权重", "scoring:stage_problems", 6),
    Rule("加权", "scoring:weighted_total", 6),
    Rule("必答", "scoring:question_points", 6),
    Rule("抢答", "scoring:question_points", 6),
    Rule("风险题", "scoring:question_points", 6),
    Rule("抢答犯规", "scoring:question_points", 6),
    Rule("开始抢答", "buzzer:start", 6),
    Rule("抢答犯规", "buzzer:press", 6),
    Rule("同时抢答", "buzzer:press_all", 6),
    Rule("抢答犯规", "buzzer:foul_deduction", 6),
    Rule("越小越好", "ranking:oriented", 6),
    Rule("团体成绩", "scoring:team_score", 6),
    Rule("并列名次", "ranking:rank", 6),
    Rule("奖项名额", "ranking:assign_awards", 6),
    Rule("超时或不足", "speaking:time_deduction", 6),
    Rule("超时或不足", "speaking:time_verdict", 6),
    Rule("扣分后不低于零", "speaking:after_deduction", 6),
    Rule("计时提示", "speaking:clock_phase", 6),
    # §7 sports meets and matches
    Rule("单循环", "matches:round_robin", 7),
    Rule("轮空", "matches:round_robin", 7),
    Rule("小组排名", "matches:group_ranking", 7),
    Rule("抽签决定", "matches:group_ranking", 7),
    Rule("胜负比率", "matches:ratio_greater", 7),
    Rule("每局", "games:game_problem", 7),
    Rule("领先两分", "games:game_problem", 7),
    Rule("拔河", "games:game_problem", 7),
    Rule("局数", "games:match_problem", 7),
    Rule("团体赛", "games:tie_problem", 7),
    Rule("盘数", "games:tie_problem", 7),
    Rule("淘汰赛", "bracket:knockout_draw", 7),
    Rule("种子", "bracket:knockout_draw", 7),
    Rule("轮空", "bracket:knockout_draw", 7),
    Rule("同单位回避", "draw_units:spread_units", 7),
    Rule("三四名决赛", "bracket:bracket_matches", 7),
    Rule("淘汰赛名次", "bracket:knockout_places", 7),
    Rule("小组出线", "bracket:seed_from_groups", 7),
    Rule("预赛", "heats:qualify", 7),
    Rule("决赛", "heats:qualify", 7),
    Rule("团体总分", "teampoints:unit_standings", 7),
    Rule("名次分", "teampoints:place_points", 7),
    Rule("并列名次", "teampoints:place_points", 7),
    Rule("破纪录", "teampoints:record_points", 7),
    Rule("奖牌榜", "teampoints:medal_table", 7),
)

HELPERS: frozenset[str] = frozenset(
    {
        "appraisal:count_problems",
        "appraisal:sheet_problems",
        "bracket:bracket_size",
        "bracket:current_sides",
        "bracket:round_name",
        "bracket:seed_order",
        "buzzer:new_round",
        "buzzer:next_question",
        "buzzer:normalize_key",
        "buzzer:parse_key_map",
        "buzzer:team_keys",
        "election:ballot_problems",
        "election:compare_entries",
        "election:normalize_name",
        "games:match_totals",
        "games:match_winner",
        "games:parse_games",
        "games:parse_rubbers",
        "games:tie_totals",
        "motion:count_choices",
        "motion:sum_counts",
        "proposals:rank_similar",
        "proposals:similarity",
        "proposals:title_core",
        "ranking:awards_spec",
        "ranking:parse_awards",
        "scoring:normalize_number",
        "scoring:parse_decimal",
        "scoring:parse_measure",
        "scoring:parse_time",
        "scoring:parse_weight",
        "scoring:plain",
        "scoring:question_kind",
        "scoring:shown",
        "scoring:to_fraction",
        "scoring:unrounded",
        "speaking:clock_from_json",
        "speaking:clock_json",
        "speaking:clock_problem",
        "speaking:clock_spec",
        "speaking:clock_time",
        "speaking:parse_clock",
        "speaking:parse_clock_time",
        "speaking:whole_time",
        "strokes:first_stroke",
        "strokes:normalize_name",
        "strokes:stroke_count",
        "strokes:stroke_key",
        "teampoints:parse_points_table",
        "teampoints:show_points",
    }
)


def find(words: str) -> tuple[Rule, ...]:
    """The rules whose phrase contains ``words`` (or is contained in them): ``find("半数")``."""
    return tuple(r for r in RULES if words in r.phrase or r.phrase in words)
