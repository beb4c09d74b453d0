"""Any terminal size (issue 17): F1, the list of every key of the screen on top; the file name
the badges dialog offers in the export folder."""

ZH = {
    "key.keys": "帮助",
    "tip.keys": "帮助：列出本屏的全部按键（包括底栏放不下的），回车即执行所选的一项",
    "keys.title": "帮助：本屏全部按键",
    "keys.col.key": "按键",
    "keys.col.description": "作用",
    "keys.hint": "↑↓ 选择 · 回车 执行 · Esc 关闭",
    "badges.file": "代表证.pdf",  # offered in the export folder by the F6 dialog
}

EN = {
    "key.keys": "Help",
    "tip.keys": "Help: every key of this screen (also those the footer has no room for); Enter runs the chosen one",
    "keys.title": "Help: every key of this screen",
    "keys.col.key": "Key",
    "keys.col.description": "Does",
    "keys.hint": "↑↓ choose · Enter run · Esc close",
    "badges.file": "badges.pdf",
}
