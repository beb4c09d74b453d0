"""The desk as a whole: badge scans outside the check-in screen, Esc Esc, worker errors."""

ZH = {
    "desk.scan_title": "代表证扫码",
    "desk.scan_elsewhere": "这是代表证扫码，请在签到页扫码（按两次 Esc 回到签到页）。本页未作任何改动。",
    "desk.scan_checkin_hint": "（签到页在对话框下方，已为其签到）",
    "desk.scan_exit_hint": "（签到页在对话框下方，这是出口，已为其登记离场）",
    "desk.mode.entry": "入口：签到、重新入场（Ctrl+E 改为出口）",
    "desk.mode.exit": "出口：登记离场（Ctrl+E 改为入口）",
    "desk.mode.switched": "本台已切换，扫码区上方写着现在是入口还是出口。",
    "key.exit_mode": "入口/出口",
    "tip.exit_mode": "本台改为出口（扫码登记离场）或入口（签到、重新入场）",
    "search.title_exit": "手工登记离场：查找代表",
    "desk.worker_error_title": "后台任务出错",
    "desk.worker_error": "后台任务出错，已记录，可以继续操作：{detail}",
}

EN = {
    "desk.scan_title": "Badge scan",
    "desk.scan_elsewhere": "That was a badge scan: scan badges on the check-in screen (press Esc twice to go back there). Nothing on this screen was changed.",
    "desk.scan_checkin_hint": "(checked in on the check-in screen under this dialog)",
    "desk.scan_exit_hint": "(this is an exit desk: they are out of the hall now)",
    "desk.mode.entry": "Entry: check in, come back (Ctrl+E: exit)",
    "desk.mode.exit": "Exit: leaving the hall (Ctrl+E: entry)",
    "desk.mode.switched": "This desk has switched; the scan field's title says which way it scans.",
    "key.exit_mode": "Entry/exit",
    "tip.exit_mode": "Make this desk an exit (scans register leaving) or an entry (check in, come back)",
    "search.title_exit": "Manual exit: find the delegate",
    "desk.worker_error_title": "A background task failed",
    "desk.worker_error": "A background task failed; it was logged and you can carry on: {detail}",
}
ZH["desk.scan_proposal_hint"] = (
    "这是代表证扫码：请先把光标移到“提案人”或“附议人”栏（或按 F3/F4 查找）再扫码。本页未作任何改动。"
)
EN["desk.scan_proposal_hint"] = (
    "That was a badge scan: move to the proposer or seconder field (or press F3/F4) and scan again. Nothing was changed."
)
