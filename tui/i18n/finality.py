"""Final means final: a closed count or a final result is locked until reopened with a reason."""

ZH = {
    "voting.result_final": "第{number}项计票结果已确定（{outcome}），不能再改。如需更正，请先执行：huiwu reopen {number} --reason 原因",
    "voting.result_final.tui": "第{number}项计票结果已确定（{outcome}），不能再改。如需更正，请先按 {key} 说明原因重新打开。",
    "voting.count_closed.tui": "第{number}项已计票完毕，不能再改。如需更正，请先按 {key} 说明原因重新打开。",
    "voting.outcome.passed": "通过",
    "voting.outcome.not_passed": "未通过",
    "voting.outcome.elected": "当选：{names}",
    "voting.outcome.none_elected": "无人当选",
    "voting.outcome.void": "无效",
    "voting.outcome.appraised": "测评结果",
    "final.replaces": "本结果取代此前已确定的结果（{outcome}），重新打开的原因：{reason}",
    "final.reopened_was": "原已确定的结果（{outcome}）已作废，待重新计票确定。",
}

EN = {
    "voting.result_final": "The result of item {number} is final ({outcome}) and cannot be changed. To correct it, first run: huiwu reopen {number} --reason REASON",
    "voting.result_final.tui": "The result of item {number} is final ({outcome}) and cannot be changed. To correct it, first press {key} and give a reason to reopen it.",
    "voting.count_closed.tui": "The count of item {number} is closed and cannot be changed. To correct it, first press {key} and give a reason to reopen it.",
    "voting.outcome.passed": "adopted",
    "voting.outcome.not_passed": "not adopted",
    "voting.outcome.elected": "elected: {names}",
    "voting.outcome.none_elected": "no one elected",
    "voting.outcome.void": "void",
    "voting.outcome.appraised": "appraisal results",
    "final.replaces": "This result replaces an earlier final result ({outcome}); reopened because: {reason}",
    "final.reopened_was": "The earlier final result ({outcome}) no longer stands until the count is final again.",
}
