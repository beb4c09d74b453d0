"""`--help` in Chinese for match events and sports meets (`contest draw/match/matches/lots`,
`contest event --matches …`, `meet …`, `standings --event`): joined into cli_help_sub.ZH."""

JSON = "以 JSON 输出（供其他程序读取）。"

ZH = {
    "help.cmd.contest.draw": (
        "对抗赛项目抽签编排：单循环分组及比赛秩序，或淘汰赛签表；小组赛赛完后再次抽签编排淘汰赛。"
        '--json：{"matches": [{"id", "round", "group", "a", "b"}]}（轮空的 b 为 null）。'
    ),
    "help.opt.contest.draw.as_json": JSON,
    "help.opt.contest.entrant.seed": "种子序号（对抗赛项目的淘汰赛抽签用）。",
    "help.opt.contest.event.match_kind": (
        "对抗赛项目：roundrobin（单循环，可用 --groups 分组）、knockout（淘汰赛）；"
        "或 heats（预赛/决赛）：一项 --measured 测量成绩的项目，各组前 --advance 名和成绩最好的进入 --final 人的决赛。"
    ),
    "help.opt.contest.event.groups": "单循环分几组。",
    "help.opt.contest.event.best_of": "每场几局（默认按比分规则：乒乓球、排球 5 局，羽毛球、拔河 3 局，计分 1 局）。",
    "help.opt.contest.event.game": (
        "比分规则：tabletennis 乒乓球、badminton 羽毛球、volleyball 排球、tugofwar 拔河、"
        "points 计分（不检查每局比分）。"
    ),
    "help.opt.contest.event.third_place": "设三四名决赛。",
    "help.opt.contest.event.advance": "单循环每组前 K 名进入淘汰赛。",
    "help.opt.contest.event.courts": "同时比赛的场地（球台）数。",
    "help.opt.contest.event.rubbers": "团体赛：两队之间每场比赛打几盘（如 5 盘 3 胜）。",
    "help.opt.contest.event.final_size": "预赛：进入决赛的人数。",
    "help.opt.contest.event.lanes": "预赛：每组最多几人（跑道数）。",
    "help.opt.contest.draw.missing_ok": "预赛：没有成绩的不进决赛，照样编排决赛。",
    "help.cmd.contest.lots": (
        "记录组委会为小组中名次并列的各方抽签的结果：ORDER 写出该名次并列的全部参赛方，"
        '按抽签结果从前到后："选手3,选手5,选手8"。'
    ),
    "help.opt.contest.lots.as_json": JSON,
    "help.cmd.contest.match": "录入一场比赛的比分；淘汰赛的胜者进入下一轮。",
    "help.opt.contest.match.games": '各局比分，以甲方在前："11:9,8:11,11:5,11:7"。',
    "help.opt.contest.match.walkover": "对方弃权、因此获胜的一方。",
    "help.opt.contest.match.retired": "中途退赛的一方。",
    "help.opt.contest.match.reason": "更正已录入比分的原因（记入审计日志）。",
    "help.opt.contest.match.as_json": JSON,
    "help.cmd.contest.matches": "比赛秩序（秩序册），附每场已录入的比分。",
    "help.opt.contest.matches.event": "只列这个项目的比赛。",
    "help.opt.contest.matches.as_json": JSON,
    "help.opt.contest.matches.pdf": "把秩序册（逐轮的对阵、场地和轮空）写成 PDF。",
    "help.opt.contest.matches.sheets": "把裁判员记分表写成 PDF（每场一张）。",
    "help.opt.contest.matches.xlsx": "写出工作簿（秩序、比赛结果、小组积分、名次）。",
    "help.cmd.meet": "运动会：把各竞赛的项目合起来，计算各单位的团体总分。",
    "help.cmd.meet.add": "把一项竞赛的项目（或其中一个项目）计入运动会团体总分。",
    "help.opt.meet.add.event": "只计入这个项目（默认：该竞赛的全部项目）。",
    "help.opt.meet.add.as_json": JSON,
    "help.cmd.meet.new": "新建一个运动会。",
    "help.opt.meet.new.points": "各名次的得分（名次分）。",
    "help.opt.meet.new.record": '破纪录的加分办法："double"（名次分加倍）或 "+N"（加 N 分）。',
    "help.opt.meet.new.decimals": "显示的小数位数。",
    "help.opt.meet.new.as_json": JSON,
    "help.cmd.meet.record": "破纪录：该选手的名次分按运动会的破纪录办法计算。",
    "help.opt.meet.record.note": "打破的是什么纪录。",
    "help.opt.meet.record.as_json": JSON,
    "help.cmd.meet.standings": (
        '各单位团体总分：--json [{"rank", "unit", "points", "firsts", "seconds"}]；'
        "总分相同时第一名多者列前，再比第二名，依此类推。"
    ),
    "help.opt.meet.standings.medals": "改为列出奖牌榜。",
    "help.opt.meet.standings.as_json": JSON,
    "help.opt.display.event": "竞赛中的一个对抗赛项目：投影它的积分表和签表。",
    "help.opt.display.meet": "改为投影一个运动会的团体总分和奖牌榜。",
    "help.opt.meet.standings.pdf": "把团体总分、奖牌榜和各项目名次写成 PDF。",
    "help.opt.meet.standings.xlsx": "写出工作簿（团体总分、奖牌榜、各项目名次）。",
    "help.opt.standings.event": "只看一个项目；对抗赛项目列出小组积分表或淘汰赛名次。",
}
