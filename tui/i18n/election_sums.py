"""Issue 17 election wording: the combined list of the elected, runoff vs vacant seats, write-in
rows, the 另行选举 list at a tie, the status word, and counting staff not checked in."""

ZH = {
    "elx.reelect_tie": "第 {wanted} 名处得票相等，得票相等的均列入名单（共 {count} 人）。",
    "el.col.unreadable": "无法辨认",
    "vui.status.reopened": "已重新打开，待确定",
    "elx.status": "状态：{status}",
    "elx.all.heading": "全部当选人（应选 {seats} 名，已当选 {count} 名；按轮次，同一轮按得票多少为序）：",
    "elx.all.row": "  {rank}. {name}（第 {item} 项 {kind}，{yes} 票{final}）",
    "elx.all.not_final": "，该轮结果未确定",
    "elx.all.open": "  尚缺 {count} 名。",
    "elx.kind.first": "第一轮",
    "elx.kind.runoff": "再次投票",
    "elx.kind.reelect": "另行选举",
    "elx.staff_away": "⚠ 本次会议尚未签到的监票人/计票人：{names}（请核实后再计票、签字）",
    "elx.staff_away_name": "{name}（{role}{roster}）",
    "elx.role.scrutineer": "监票人",
    "elx.role.counter": "计票人",
    "elx.not_on_roster": "，不在名册",
    "election.runoff_no_write_in": "第 {number} 号票：再次投票只在得票相等的候选人中进行，不得另选他人。",
    "elx.no_write_in": "另选他人：再次投票只在得票相等的候选人中进行，不设另选他人",
}

EN = {
    "elx.reelect_tie": "A tie at place {wanted}: everyone tied is on the list ({count} names).",
    "el.col.unreadable": "Unreadable",
    "vui.status.reopened": "Reopened, not final",
    "elx.status": "Status: {status}",
    "elx.all.heading": "Everyone elected ({seats} seats, {count} elected; round by round, by votes within a round):",
    "elx.all.row": "  {rank}. {name} (item {item}, {kind}, {yes} votes{final})",
    "elx.all.not_final": ", that round not final",
    "elx.all.open": "  {count} seat(s) still open.",
    "elx.kind.first": "first round",
    "elx.kind.runoff": "runoff",
    "elx.kind.reelect": "further election",
    "elx.staff_away": "⚠ Counting staff not checked in to this sitting: {names} (check before counting and signing)",
    "elx.staff_away_name": "{name} ({role}{roster})",
    "elx.role.scrutineer": "scrutineer",
    "elx.role.counter": "counter",
    "elx.not_on_roster": ", not on the roster",
    "election.runoff_no_write_in": "Ballot {number}: a runoff is among the tied candidates only; no write-ins.",
    "elx.no_write_in": "Write-ins: none in a runoff among the tied candidates",
}
