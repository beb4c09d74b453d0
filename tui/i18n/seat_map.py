"""The projector's live seat map (``huiwu display --seats``)."""

ZH = {
    "seatmap.title": "{congress} · {sitting} · 座位图",
    "seatmap.counts": "在场 {in_hall} / 应到 {due}",
    "seatmap.presidium": "主席台",
    "seatmap.state.in_hall": "在场",
    "seatmap.state.out": "离场",
    "seatmap.state.absent": "未到",
    "seatmap.state.leave": "请假",
    "seatmap.state.empty": "空座",
    "seatmap.legend": "{word} {count} 座",
    "seatmap.unplanned": "（未设会场座位图，按已有座位绘制）",
    "seatmap.page_title": "座位图",
    "seatmap.contest_too": "--seats 显示座位图，不能同时指定竞赛「{contest}」",
}

EN = {
    "seatmap.title": "{congress} · {sitting} · Seat map",
    "seatmap.counts": "In the hall {in_hall} / Due {due}",
    "seatmap.presidium": "Presidium",
    "seatmap.state.in_hall": "In the hall",
    "seatmap.state.out": "Left",
    "seatmap.state.absent": "Not arrived",
    "seatmap.state.leave": "On leave",
    "seatmap.state.empty": "Empty",
    "seatmap.legend": "{word} {count} seats",
    "seatmap.unplanned": "(no hall plan set: drawn round the seats given)",
    "seatmap.page_title": "Seat map",
    "seatmap.contest_too": "--seats shows the seat map; it takes no contest (“{contest}”)",
}
