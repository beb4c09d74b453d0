ZH = {
    "cli.demo_done": "已建立演示大会「{name}」（{delegates} 名正式代表），并设为当前大会。",
}

EN = {
    "cli.demo_done": "Demo congress “{name}” created ({delegates} delegates); it is now the current congress.",
}
