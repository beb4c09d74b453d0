"""未到名单 (models/absentees.py): who has not arrived, by delegation — screen, CLI and files."""

ZH = {
    "absent.unknown_delegation": "没有名为「{delegation}」的代表团",
    "absent.heading": "{sitting} 未到名单",
    "absent.heading_one": "{sitting} 未到名单（{delegation}）",
    "absent.figures": "应到{due}名，实到{present}名，请假{leave}名（请假者不列入名单），未到{absent}名",
    "absent.no_delegation": "未分代表团",
    "absent.head": "团长：{head}（{code}）",
    "absent.no_head": "名单未指定团长",
    "absent.group": "{delegation}　{head}　未到{count}名",
    "absent.none": "没有未到的正式代表（已到或已请假）。",
    "absent.head_mark": "团长",
}

EN = {
    "absent.unknown_delegation": "There is no delegation named “{delegation}”",
    "absent.heading": "{sitting}: not arrived",
    "absent.heading_one": "{sitting}: not arrived ({delegation})",
    "absent.figures": "Due {due}, present {present}, on leave {leave} (not listed), not arrived {absent}",
    "absent.no_delegation": "No delegation",
    "absent.head": "Head: {head} ({code})",
    "absent.no_head": "no head on the roster",
    "absent.group": "{delegation}  {head}  {count} not arrived",
    "absent.none": "No voting delegate is missing (all present or on leave).",
    "absent.head_mark": "head",
}
