"""Issue 17 election wording: the combined list of the elected, runoff vs vacant seats, write-in
rows, the 另行选举 list at a tie, the status word, and counting staff not checked in."""

ZH = {
    "elx.reelect_tie": "第 {wanted} 名处得票相等，得票相等的均列入名单（共 {count} 人）。",
    "el.col.unreadable": "无法辨认",
}

EN = {
    "elx.reelect_tie": "A tie at place {wanted}: everyone tied is on the list ({count} names).",
    "el.col.unreadable": "Unreadable",
}
