"""`huiwu … --help` below the top level: each command's paragraph and each option's help in
Chinese, keyed by the command path (tui/click_words.py): ``help.cmd.contest.new``,
``help.opt.contest.new.judges`` (the option's parameter name), ``help.opt.operator`` for an
option of ``huiwu`` itself. The top-level commands' own lines stay in tui/i18n/cli_help.py.

Not an area of the catalog: English needs no entry, the English is main.py's own help (what
``--lang en`` shows), so a key missing here falls back to it. Option names, file formats and
examples are kept exactly as the command takes them.
"""

JSON = "以 JSON 输出（供其他程序读取）。"
ENTRY = "1 = 第一遍录入，2 = 背靠背的第二遍录入。"
ENTRY_TO_FIX = "要更正的那一遍录入（1 或 2）。"
KEYED_AGAIN = "重新录入的原因（记入审计日志）。"
DOUBLE = "由背靠背的第二遍录入核对。"
NO_CONFIRM = "不再询问确认。"
WHY_LOGGED = "原因（记入审计日志）。"
NOTE = "处理经过中的备注。"
CORRECTED_WHY = "更正的原因（记入审计日志）。"
PDF_OUT = "另存为 PDF 文件（给出文件路径）。"
XLSX_OUT = "另存为 xlsx 工作簿（给出文件路径）。"
DEPARTMENT = "承办部门。"
SCRUTINEERS = "监票人，用逗号分隔。"
COUNTERS = "计票人，用逗号分隔。"

# Options `contest new` and `contest event` share: how an event is scored.
STAGES = (
    '分阶段加权 "理论:30,实操:70"（权重合计 100%；权重为 0 的阶段只用于并列时排序）。'
    "除 --stage-single 或 --measured 中列出的阶段外，每个阶段都由评委组打分。"
)
STAGE_SINGLE = (
    "每名选手只得一个分数（如笔试卷面分）、而不是每位评委各打一个分的阶段："
    '--stage-single 理论（可重复，或写作 "理论,笔试"）。'
)
SINGLE = "该项目的每个阶段都只记一个分数（笔试卷面分、单一成绩）。"
CRITERIA = (
    '评分细则："仪表:10,内容:40,表达:50" 用于唯一的阶段，'
    '"实操=规范:30,质量:70" 用于指定的阶段。评委的分数为各细则之和。'
)
MEASURED = (
    '以 UNIT 为单位的实测成绩（点钞张数、用时、距离）："秒" 用于唯一的阶段，'
    '"用时=秒" 用于指定的阶段。用时可写作 m:ss.ff。'
)
LOWER_BETTER = "实测成绩越低越好（用时）。"
QUIZ = "知识竞赛：按题计分。"
QUIZ_START = "知识竞赛：每队的起始分（100）。"
QUIZ_STAKES = '知识竞赛：风险题可选的分值 "10,20,30"。'
QUIZ_FOUL = "知识竞赛：抢答犯规（按「开始」前抢答）扣的分，默认同抢答答错。"
QUIZ_KEYS = (
    '知识竞赛：抢答器按键 "1=A队,2=B队"（队名或队号，每键一个字符；空格、y、n、h 保留）；'
    "默认 1–9 号队按自己的号码。"
)

ZH = {
    # huiwu itself
    "help.opt.operator": "本台经办人（环境变量 HUIWU_OPERATOR）。",
    "help.opt.exit_desk": "本台作为出口打开：扫码登记离场（界面中 Ctrl+E 可切换为入口）。",
    # absent
    "help.cmd.absent": "未到名单：本次会议既未签到也未请假的有表决权代表。",
    "help.opt.absent.delegation": "只列这个代表团（按名称）。",
    "help.opt.absent.as_json": JSON,
    "help.opt.absent.pdf": PDF_OUT,
    "help.opt.absent.xlsx": XLSX_OUT,
    # appraisal
    "help.cmd.appraisal.issue": "发出：测评表已发出的张数（与 `huiwu election issue` 相同）。",
    "help.opt.appraisal.issue.as_json": JSON,
    "help.cmd.appraisal.marks": (
        "一名被测评人的各档票数，按测评等级的顺序各写一个（如 满意 基本满意 不满意）。"
    ),
    "help.opt.appraisal.marks.entry": ENTRY,
    "help.opt.appraisal.marks.as_json": JSON,
    "help.cmd.appraisal.new": "新建一项测评（民主评议 / 满意度测评）。",
    "help.opt.appraisal.new.subjects": '被测评人 "张三:党委书记,李四:工会主席"。',
    "help.opt.appraisal.new.scale": (
        "测评等级：sat3 满意／基本满意／不满意，comp4 优秀／称职／基本称职／不称职，"
        "sat_unknown 满意／不满意／不了解，sat5 很满意／满意／基本满意／不太满意／不满意。"
    ),
    "help.opt.appraisal.new.denominator": (
        "满意率的分母：valid 有效票，returned 收回票，due 应到人数（默认按大会设置）。"
    ),
    "help.opt.appraisal.new.weighted": "在满意率旁同时显示加权得分。",
    "help.opt.appraisal.new.double_entry": DOUBLE,
    "help.opt.appraisal.new.as_json": JSON,
    "help.cmd.appraisal.rekey": "重新录入某一遍录入中一名被测评人的票数，以解决两遍录入不一致。",
    "help.opt.appraisal.rekey.entry": ENTRY_TO_FIX,
    "help.opt.appraisal.rekey.reason": KEYED_AGAIN,
    "help.opt.appraisal.rekey.as_json": JSON,
    "help.cmd.appraisal.sheets": "收回和无效的测评表张数（收回多于发出也照记，该测评作废）。",
    "help.opt.appraisal.sheets.returned": "收回的测评表张数。",
    "help.opt.appraisal.sheets.invalid": "无效的测评表张数。",
    "help.opt.appraisal.sheets.entry": ENTRY,
    "help.opt.appraisal.sheets.as_json": JSON,
    # attendance
    "help.opt.attendance.as_json": JSON,
    # backup
    "help.cmd.backup.list": "本数据库的备份，最新的在前。",
    "help.opt.backup.list.as_json": JSON,
    "help.cmd.backup.now": "立即备份一次，并显示备份文件的路径。",
    "help.opt.backup.now.as_json": JSON,
    # badges
    "help.opt.badges.out": "要写出的 PDF 文件（除 --rotate 外必须给出）。",
    "help.opt.badges.png_dir": "另把每张代表证的二维码存为 PNG，放进这个文件夹。",
    "help.opt.badges.codes": "只打印这些编号，用逗号分隔。",
    "help.opt.badges.rotate": "作废已打印的全部代表证：换一把新的签名密钥（然后重新打印代表证）。",
    "help.opt.badges.yes": "--rotate 之前不再询问确认。",
    "help.opt.badges.as_json": JSON,
    # ballots
    "help.cmd.ballots.import": ("每张选票一行：票号，每位候选人一列（○、× 或空白），另选他人。"),
    "help.opt.ballots.import.entry": ENTRY,
    "help.opt.ballots.import.as_json": JSON,
    "help.cmd.ballots.rekey": "重新录入某一遍录入中第 NUMBER 号选票，以解决两遍录入不一致。",
    "help.opt.ballots.rekey.entry": ENTRY_TO_FIX,
    "help.opt.ballots.rekey.marks": '选举选票上按顺序的划票："○×-" 或 "ox-"。',
    "help.opt.ballots.rekey.write_in": "另选他人的姓名，用 、 分隔。",
    "help.opt.ballots.rekey.void": "纸质选票上也是多选的（废票）。",
    "help.opt.ballots.rekey.choice": "表决票：赞成|反对|弃权|无效（yes|no|…）。",
    "help.opt.ballots.rekey.reason": KEYED_AGAIN,
    "help.opt.ballots.rekey.as_json": JSON,
    "help.cmd.ballots.print": "印制机读票：选票、表决票（几项表决事项印在一张上：4.5.6）或测评表。",
    "help.opt.ballots.print.out": "要写出的 PDF 文件。",
    "help.opt.ballots.print.copies": "份数。",
    "help.opt.ballots.print.as_json": JSON,
    "help.cmd.ballots.layout": "票面版式：每个格子的位置（毫米，自页面左上角量起），供核对读票程序。",
    "help.opt.ballots.layout.as_json": JSON,
    "help.cmd.ballots.testdeck": "印制测试票（已按已知规律划好），并给出应读出的结果。",
    "help.opt.ballots.testdeck.out": "要写出的 PDF 文件。",
    "help.opt.ballots.testdeck.as_json": JSON,
    "help.cmd.ballots.scan": "读取扫描的票（PNG、JPEG、TIFF、PDF 或整个文件夹），作为第一遍录入。",
    "help.opt.ballots.scan.as_json": JSON,
    "help.cmd.ballots.review": "列出读票程序交给人工判定的格子；--images 把每处的图像存成文件。",
    "help.opt.ballots.review.images": "把每处待判定的图像存为 PNG，放进这个文件夹。",
    "help.opt.ballots.review.as_json": JSON,
    "help.cmd.ballots.decide": "人工判定扫描件 SCAN 上的一个格子或一栏另选他人（编号见 ballots review），或判定它是否与先前一页是同一张票（--twin）。",
    "help.opt.ballots.decide.box": "格子的序号（从 1 起）。",
    "help.opt.ballots.decide.line": "另选他人栏的序号（从 1 起）。",
    "help.opt.ballots.decide.mark": "○（o）、×（x）、空白（-）或 ?（无法辨认）。",
    "help.opt.ballots.decide.name": "另选他人栏上写的姓名。",
    "help.opt.ballots.decide.twin": "笔迹与先前一页相同的扫描件：same（同一张票扫了两次，不再计入）或 different（不同的票，照常计入）。",
    "help.opt.ballots.decide.as_json": JSON,
    "help.cmd.ballots.sample": "抽取要背靠背复核的机读选票或表决票（大会设置“机读选票的背靠背复核”为抽查张数时）。",
    "help.opt.ballots.sample.as_json": JSON,
    "help.cmd.ballots.reopen": "撤销对扫描件 SCAN 的人工判定（尚未计入的页，如按错键判成重复扫描），它回到待判定的队列。",
    "help.opt.ballots.reopen.reason": "撤销的原因（记入审计日志）。",
    "help.opt.ballots.reopen.as_json": JSON,
    "help.cmd.ballots.count": "测评表：全部扫描并判定完后，把各人票数计入第一遍录入。",
    "help.opt.ballots.count.as_json": JSON,
    # seats
    "help.opt.seats.as_json": "以 JSON 输出会场座位图和每人的座位。",
    "help.opt.seats.pdf": "写出座次表 PDF（按排，主席台在上）和各代表团座位表。",
    "help.opt.seats.by_delegation": "与 --pdf 同用：只打印各代表团座位表。",
    "help.opt.seats.paper": "纸张（横向）：A4 或 A3；不填时按每排座位数自动选择。",
    "help.cmd.seats.plan": "会场座位图：排数 × 每排座位数、过道、主席台座位数。",
    "help.opt.seats.plan.rows": "会场的排数。",
    "help.opt.seats.plan.per_row": "每排的座位数。",
    "help.opt.seats.plan.aisles": "过道在第几座之后，如 10,20。",
    "help.opt.seats.plan.presidium": "主席台的座位数。",
    "help.opt.seats.plan.as_json": JSON,
    "help.cmd.seats.assign": "按代表团分块安排座位（按名单顺序，正式代表在前）；名单给定的座位保留不动。",
    "help.opt.seats.assign.by": "分块方式（目前只有按代表团）。",
    "help.opt.seats.assign.as_json": JSON,
    "help.cmd.seats.set": "手工给一人指定座位（3排12座、3-12、主席台1），分块安排时保留；不写座位即取消。",
    "help.opt.seats.set.as_json": JSON,
    "help.cmd.seats.note": "此人签到时显示的提示语（如「请到主席台就座」）；不写即取消。类别提示语是大会设置：huiwu congress set note.列席代表 请领取列席证。",
    "help.opt.seats.note.as_json": JSON,
    # checkin
    "help.opt.offline.as_json": JSON,
    "help.opt.checkin.station": "本签到台的名称（代替 huiwu --station）。",
    "help.opt.checkin.leaving": "出口扫码：登记该代表离场（之后在入口再扫码即为重新入场）。",
    "help.opt.checkin.as_json": JSON,
    # close
    "help.opt.close.as_json": JSON,
    # congress
    "help.cmd.congress.new": "新建一届大会，并设为当前大会。",
    "help.opt.congress.new.kind": "职代会 | 教代会 | 会员代表大会 | other（其他）",
    "help.opt.congress.new.term": "届，如 3",
    "help.opt.congress.new.session": "次，如 2",
    "help.opt.congress.new.date": "会议日期，如 2026-12-31。",
    "help.opt.congress.new.venue": "会议地点。",
    "help.opt.congress.new.as_json": JSON,
    "help.cmd.congress.edit": "修改当前大会的名称、类别、届次、日期或地点（记入审计日志，verify 可重演）。",
    "help.opt.congress.edit.name": "大会名称。",
    "help.opt.congress.edit.kind": "职代会 | 教代会 | 会员代表大会 | 其他",
    "help.opt.congress.edit.term": "届，如 3",
    "help.opt.congress.edit.session": "次，如 2",
    "help.opt.congress.edit.date": '会议日期 YYYY-MM-DD（写 "" 清除）。',
    "help.opt.congress.edit.venue": '会议地点（写 "" 清除）。',
    "help.opt.congress.edit.as_json": JSON,
    "help.cmd.congress.set": "修改一项大会的表决设置（见 `huiwu congress settings`）；note.列席代表 文字 为该类别签到时显示的提示语。",
    "help.opt.congress.set.as_json": JSON,
    "help.cmd.congress.settings": "大会的表决设置，新建的事项以此为准。",
    "help.opt.congress.settings.as_json": JSON,
    # contest
    "help.cmd.contest.answer": (
        "知识竞赛的一次答题：KIND 为 必答 | 抢答 | 风险题，答对或答错；"
        "抢答犯规 KIND 为 犯规（foul），不写对错，按竞赛设置扣分。"
        "带 --correct N --reason R 时，改为更正第 N 题已记录的答题。"
    ),
    "help.opt.contest.answer.stake": "风险题的分值。",
    "help.opt.contest.answer.question": "题号（默认：下一题）。",
    "help.opt.contest.answer.correct": "更正第 N 题的答题。",
    "help.opt.contest.answer.reason": CORRECTED_WHY,
    "help.opt.contest.answer.void": "与 --correct N 同用：撤销第 N 题的答题（如误判的抢答犯规）。",
    "help.opt.contest.answer.as_json": JSON,
    "help.cmd.contest.entrant": "登记一名选手（个人，或用 --members 登记一个团队）。",
    "help.opt.contest.entrant.unit": "单位 / 部门 / 班组。",
    "help.opt.contest.entrant.group": "组别（男子组、女子组 …）。",
    "help.opt.contest.entrant.event": "参加的项目（按名称）；默认为第一个项目。",
    "help.opt.contest.entrant.team": "该选手为之计分的团队。",
    "help.opt.contest.entrant.members": '团队选手的成员："甲、乙、丙"。',
    "help.opt.contest.entrant.number": "出场序号（默认：下一个）。",
    "help.opt.contest.entrant.as_json": JSON,
    "help.cmd.contest.entrants": (
        "从 CSV/XLSX 登记选手，要么全部登记，要么一个不登记："
        "选手/name、单位/unit、组别/group、项目/event、团队/team、成员/members、序号/number。"
    ),
    "help.opt.contest.entrants.as_json": JSON,
    "help.cmd.contest.event": (
        "新增一个项目，或重新定义一个还没有选手的项目。不带选项时：一个阶段，由评委组打分。"
        "竞赛原有的未命名默认项目还没有选手时，第一个命名的项目取代它。"
    ),
    "help.opt.contest.event.stages": STAGES,
    "help.opt.contest.event.stage_single": STAGE_SINGLE,
    "help.opt.contest.event.single": SINGLE,
    "help.opt.contest.event.criteria": CRITERIA,
    "help.opt.contest.event.measured": MEASURED,
    "help.opt.contest.event.lower_better": LOWER_BETTER,
    "help.opt.contest.event.quiz": QUIZ,
    "help.opt.contest.event.start": QUIZ_START,
    "help.opt.contest.event.stakes": QUIZ_STAKES,
    "help.opt.contest.event.foul": QUIZ_FOUL,
    "help.opt.contest.event.buzzer_keys": QUIZ_KEYS,
    "help.opt.contest.event.maximum": "各阶段的满分（默认为竞赛的满分）。",
    "help.opt.contest.event.as_json": JSON,
    "help.cmd.contest.list": "本届大会的全部竞赛，按序号列出。",
    "help.opt.contest.list.as_json": JSON,
    "help.cmd.contest.mark": (
        "一位评委给一名选手的分数（ENTRANT 为出场序号或姓名；JUDGE 为 1…N，单一分数为 0）。"
        "超出 [0, 满分]、不是数字、评委不存在，或未带 --correct --reason 的第二个分数，都会被拒绝。"
    ),
    "help.opt.contest.mark.stage": "分数所属的阶段（理论、实操 …）。",
    "help.opt.contest.mark.criterion": "评分细则中的一项。",
    "help.opt.contest.mark.correct": "替换该评委已录入的分数。",
    "help.opt.contest.mark.reason": CORRECTED_WHY,
    "help.opt.contest.mark.as_json": JSON,
    "help.cmd.contest.new": (
        "新建一项竞赛，并显示它的序号。--stages 等选项设定第一个项目的计分方式"
        "（更多项目：`huiwu contest event`）。"
    ),
    "help.opt.contest.new.judges": "评委组的人数。",
    "help.opt.contest.new.trim": "两端各去掉几个分数（1 = 去掉一个最高分和一个最低分；0、1 或 2）。",
    "help.opt.contest.new.decimals": "显示的小数位数。",
    "help.opt.contest.new.maximum": "满分。",
    "help.opt.contest.new.awards": '"一等奖:1,二等奖:3,三等奖:6" 或 "一等奖:10%,二等奖:20%"。',
    "help.opt.contest.new.tiebreak": (
        '并列时依次比较：阶段名称和/或 "unrounded"（未修约分），如 "实操,unrounded"。'
    ),
    "help.opt.contest.new.team_score": "团队成绩由成员成绩如何得出（合计或平均）。",
    "help.opt.contest.new.judge_names": '按顺序的评委姓名："王老师,李老师,…"。',
    "help.opt.contest.new.stages": STAGES,
    "help.opt.contest.new.stage_single": STAGE_SINGLE,
    "help.opt.contest.new.single": SINGLE,
    "help.opt.contest.new.criteria": CRITERIA,
    "help.opt.contest.new.measured": MEASURED,
    "help.opt.contest.new.lower_better": LOWER_BETTER,
    "help.opt.contest.new.quiz": QUIZ,
    "help.opt.contest.new.start": QUIZ_START,
    "help.opt.contest.new.stakes": QUIZ_STAKES,
    "help.opt.contest.new.foul": QUIZ_FOUL,
    "help.opt.contest.new.buzzer_keys": QUIZ_KEYS,
    "help.opt.contest.new.as_json": JSON,
    "help.cmd.contest.publish": "公布成绩：排名定稿；此后任何修改都须先 `contest reopen`。",
    "help.opt.contest.publish.as_json": JSON,
    "help.cmd.contest.reopen": "重新打开已公布的成绩以便更正（原因记入审计日志）。",
    "help.opt.contest.reopen.reason": "重新打开已公布成绩的原因。",
    "help.opt.contest.reopen.as_json": JSON,
    "help.cmd.contest.show": "一项竞赛的设置、项目（各自的计分方式）和选手人数。",
    "help.opt.contest.show.as_json": JSON,
    "help.cmd.contest.stage": "请一名选手上台：评分界面和投影画面显示的就是这名选手。",
    "help.cmd.contest.tiebreak": '并列时依次比较：阶段名称和/或 "unrounded"（未修约分）；"" 清除。',
    # demo
    "help.opt.demo.delegates": "演示大会的代表人数。",
    # display
    "help.opt.display.serve": "在浏览器中提供投影画面（textual-serve）。",
    "help.opt.display.host": "--serve 时监听的地址。",
    "help.opt.display.port": "--serve 时监听的端口。",
    "help.opt.display.seats": "改为显示本次会议的实时座位图（绿色在场，灰色离场或未到）。",
    # election
    "help.cmd.election.candidates": '修改候选人或其在选票上的顺序（"甲,乙,丙"），录入第一张选票前均可。',
    "help.opt.election.candidates.as_json": JSON,
    "help.cmd.election.issue": "发出：已发出的选票张数（测评表也用它）；冻结在场选举人名单。",
    "help.opt.election.issue.as_json": JSON,
    "help.cmd.election.new": "新建一项选举。",
    "help.opt.election.new.seats": "应选名额。",
    "help.opt.election.new.candidates": '候选人 "甲,乙,丙"（也可用 、 和 ，）',
    "help.opt.election.new.equal": "等额：候选人数等于应选名额。",
    "help.opt.election.new.rate": "差额比例：0.05、5% 或 1/20。",
    "help.opt.election.new.scrutineers": SCRUTINEERS,
    "help.opt.election.new.counters": COUNTERS,
    "help.opt.election.new.order": "候选人在选票上的顺序：strokes 按姓氏笔画，given 按给出的顺序。",
    "help.opt.election.new.double_entry": DOUBLE,
    "help.opt.election.new.as_json": JSON,
    "help.cmd.election.runoff": "下一轮：在票数相同者中再次投票，或为空缺名额另行选举。",
    "help.opt.election.runoff.title": "新一轮的名称。",
    "help.opt.election.runoff.as_json": JSON,
    "help.cmd.election.scrutineers": "一项选举的监票人和计票人（不能是候选人）。",
    "help.opt.election.scrutineers.scrutineers": SCRUTINEERS,
    "help.opt.election.scrutineers.counters": COUNTERS,
    "help.opt.election.scrutineers.as_json": JSON,
    # export
    "help.opt.export.out": "写入材料包的文件夹（会新建；必须是空的）。",
    "help.opt.export.force": "写入不空的文件夹。",
    "help.opt.export.as_json": JSON,
    # items
    "help.opt.items.as_json": JSON,
    # leave
    "help.opt.leave.reason": "请假事由。",
    "help.opt.leave.cancel": "改为撤销请假。",
    # motion
    "help.cmd.motion.ballot": "录入一张无记名表决票（也可写 赞成/反对/弃权/无效）；按录入顺序编号。",
    "help.opt.motion.ballot.entry": ENTRY,
    "help.opt.motion.ballot.as_json": JSON,
    "help.cmd.motion.ballot-undo": "收回一张已录入的无记名表决票，须写明原因。",
    "help.opt.motion.ballot-undo.reason": "收回这张票的原因（必填）。",
    "help.opt.motion.ballot-undo.entry": ENTRY,
    "help.opt.motion.ballot-undo.as_json": JSON,
    "help.cmd.motion.count": "记录计票结果：无记名投票（须给出 --issued/--returned/--invalid）或 --hands。",
    "help.opt.motion.count.yes_": "赞成票数。",
    "help.opt.motion.count.no_": "反对票数。",
    "help.opt.motion.count.abstain": "弃权票数。",
    "help.opt.motion.count.issued": "发出的票数（无记名投票）。",
    "help.opt.motion.count.returned": "收回的票数（无记名投票）。",
    "help.opt.motion.count.invalid": "无效票数（无记名投票）。",
    "help.opt.motion.count.hands": "举手表决（否则为无记名投票）。",
    "help.opt.motion.count.delegation": "一个代表团的举手表决。",
    "help.opt.motion.count.entry": ENTRY,
    "help.opt.motion.count.as_json": JSON,
    "help.cmd.motion.issue": "发出：逐张录入之前已发出的无记名表决票张数；冻结表决人名单。",
    "help.opt.motion.issue.as_json": JSON,
    "help.cmd.motion.new": "新建一项表决事项。",
    "help.opt.motion.new.important": "重要事项：只能无记名投票。",
    "help.opt.motion.new.base": "通过的基数：due 应到代表，present 实到代表，valid 有效票（默认按大会设置）。",
    "help.opt.motion.new.comparator": "通过的条件：gt 超过半数，gte 半数以上（默认按大会设置）。",
    "help.opt.motion.new.double_entry": DOUBLE,
    "help.opt.motion.new.as_json": JSON,
    # proposals
    "help.cmd.proposals.accept": "立案：合法、属于本单位职权范围、有必要且可行。",
    "help.opt.proposals.accept.note": NOTE,
    "help.opt.proposals.accept.as_json": JSON,
    "help.cmd.proposals.answer": "已答复：承办部门的答复，即提案人将读到的文字。",
    "help.opt.proposals.answer.reply": "承办部门的答复。",
    "help.opt.proposals.answer.reply_file": "从文本文件读入答复（UTF-8 或 GBK）。",
    "help.opt.proposals.answer.as_json": JSON,
    "help.cmd.proposals.assign": (
        "交办给负责答复的承办部门，并定下办理期限（评为不满意后再次交办）。"
        "期限早于今天会被拒绝，除非带 --allow-past。"
    ),
    "help.opt.proposals.assign.department": DEPARTMENT,
    "help.opt.proposals.assign.due": "办理期限，如 2026-12-31。",
    "help.opt.proposals.assign.note": NOTE,
    "help.opt.proposals.assign.allow_past": "接受早于今天的期限（补录）。",
    "help.opt.proposals.assign.as_json": JSON,
    "help.cmd.proposals.export": "提案汇编（PDF）和/或提案登记簿（xlsx）。",
    "help.opt.proposals.export.pdf": "把提案汇编（每件立案的提案一页）写成 PDF。",
    "help.opt.proposals.export.xlsx": "把全部提案的登记簿写成 xlsx 工作簿。",
    "help.opt.proposals.export.as_json": JSON,
    "help.cmd.proposals.import": (
        "从 CSV/XLSX 导入提案，要么全部导入，要么一件不导入。每行一件提案：标题/title、"
        "提案人/proposer（名册编号，用 、 , ; 或空格分隔即为联名，或一个代表团的名称）、"
        "附议人/seconders、类别/category、案由/reason、建议/suggestion。"
        "已登记过的（标题和提案人相同）跳过。"
    ),
    "help.opt.proposals.import.as_json": JSON,
    "help.cmd.proposals.list": "按编号顺序列出提案登记簿，可筛选。",
    "help.opt.proposals.list.status": "submitted | accepted | … 或 已提交 | 已立案 | …",
    "help.opt.proposals.list.category": "一个类别（生产经营 …）。",
    "help.opt.proposals.list.delegation": "提案人所在的代表团。",
    "help.opt.proposals.list.department": DEPARTMENT,
    "help.opt.proposals.list.overdue": "已交办且超过办理期限的。",
    "help.opt.proposals.list.as_json": JSON,
    "help.cmd.proposals.merge": "并案：REF 并入另一件提案一并办理（保留自己的编号）。",
    "help.opt.proposals.merge.into": "并入的那件提案。",
    "help.opt.proposals.merge.note": NOTE,
    "help.opt.proposals.merge.as_json": JSON,
    "help.cmd.proposals.new": "登记一件提案；编号顺延（如 三届二次-001）。",
    "help.opt.proposals.new.category": "类别（见 `huiwu proposals settings`）。",
    "help.opt.proposals.new.proposer": '提案人的名册编号 "D001"，联名为 "D001,D002"。',
    "help.opt.proposals.new.delegation": "代表团提案：代表团的名称。",
    "help.opt.proposals.new.seconders": '附议人的名册编号 "D003,D004"。',
    "help.opt.proposals.new.reason": "案由。",
    "help.opt.proposals.new.suggestion": "建议（建议采取的措施）。",
    "help.opt.proposals.new.as_json": JSON,
    "help.cmd.proposals.rate": (
        "提案人对答复的评价（也可写 satisfied | basic | unsatisfied）；不满意的退回重新办理。"
    ),
    "help.opt.proposals.rate.note": "提案人的意见。",
    "help.opt.proposals.rate.as_json": JSON,
    "help.cmd.proposals.reject": "不予立案，并写明理由。",
    "help.opt.proposals.reject.reason": "提案人将读到的书面理由。",
    "help.opt.proposals.reject.as_json": JSON,
    "help.cmd.proposals.reopen": "撤销误作的决定（并案、立案、转意见建议、不予立案），须在交办之前。",
    "help.opt.proposals.reopen.reason": "撤销这个决定的原因。",
    "help.opt.proposals.reopen.as_json": JSON,
    "help.cmd.proposals.settings": "附议人最少人数、类别列表和编号前缀；不带选项时显示当前设置。",
    "help.opt.proposals.settings.min_seconders": "最少附议人数（默认 2）。",
    "help.opt.proposals.settings.categories": '类别列表 "生产经营,安全生产,…"。',
    "help.opt.proposals.settings.prefix": '编号前缀（"" = 大会的 三届二次）。',
    "help.opt.proposals.settings.as_json": JSON,
    "help.cmd.proposals.show": "一件提案的人员、正文和处理经过（REF：1、001 或 三届二次-001）。",
    "help.opt.proposals.show.as_json": JSON,
    "help.cmd.proposals.stats": (
        "收到、合并、立案、转意见建议、不予立案、已答复、满意率——合计、按类别、按代表团。"
        "--json：received、merged、accepted、…、by_category、by_status、by_delegation。"
    ),
    "help.opt.proposals.stats.as_json": JSON,
    "help.cmd.proposals.suggest": "转为意见建议：作为意见建议而不是提案办理。",
    "help.opt.proposals.suggest.note": "作为意见建议办理的原因。",
    "help.opt.proposals.suggest.as_json": JSON,
    # reopen
    "help.cmd.reopen": (
        "重新打开已完毕的计票或已定稿的结果以便更正（原因记入审计日志）；"
        "下一次定稿的结果会注明它取代了哪一个。"
    ),
    "help.opt.reopen.reason": "重新打开已完毕的计票或已定稿结果的原因。",
    "help.opt.reopen.as_json": JSON,
    # restore
    "help.cmd.restore": (
        "用备份替换当前数据库（FILE：路径或 `backup list` 中的名称）。"
        "先完整检查该文件；替换前把当前数据另存为一份备份，恢复操作记入审计日志。"
    ),
    "help.opt.restore.yes": NO_CONFIRM,
    "help.opt.restore.as_json": JSON,
    # result
    "help.opt.result.as_json": JSON,
    "help.opt.result.pdf": PDF_OUT,
    "help.opt.result.xlsx": XLSX_OUT,
    # roster
    "help.cmd.roster.import": (
        "从 CSV/XLSX 导入或重新导入名册（代表、列席、特邀和工作人员）。\n\n"
        "名册上已有人员时，先列出将新增和更新的人员，确认后才导入。\n\n"
        "表头：编号（工号、证号、代表编号）、姓名、性别、团长、\n\n"
        "单位（所在单位、工作单位）、代表团（代表团名称、所在代表团）、\n\n"
        "类别（代表类别、身份）、电话（手机、联系电话）。\n\n"
        "序号不读；其他列列出为“已忽略的列”；表头上方可以有标题行。\n\n"
        "例：huiwu roster import 代表名单.xlsx --yes"
    ),
    "help.opt.roster.import.as_json": JSON,
    "help.opt.roster.import.allow_same_name": (
        "允许新增与名册上已有人员同名且同代表团、但编号不同的人（否则拒绝并列出双方编号）。"
    ),
    "help.opt.roster.import.yes": "名册上已有人员时也不询问确认，直接导入。",
    "help.opt.roster.import.dry_run": "只列出这次导入将做的改动，不写入。",
    "help.opt.roster.import.override_frozen": (
        "仍然修改已冻结表决人名单上人员的类别（与 --reason 一起记入审计日志）。"
    ),
    "help.opt.roster.import.reason": "原因（带 --override-frozen 时必填；记入审计日志）。",
    "help.cmd.roster.list": "名册上的全部人员：编号、姓名、性别、单位、代表团、类别、团长、电话、座位、提示语。",
    "help.opt.roster.list.as_json": JSON,
    # scores
    "help.cmd.scores.import": (
        "长表格式，每行一个分数：选手/entrant（姓名或序号）、评委/judge（3、3号、评委3 或姓名）、"
        "分数/score [, 阶段/stage, 细则/criterion, 组别/group, 单位/unit, 项目/event, 序号/number]。"
        "要么全部导入，要么一个不导入；未登记的选手按该行登记；重复的分数跳过。"
    ),
    "help.opt.scores.import.correct": "用文件中的分数替换已存的不同分数。",
    "help.opt.scores.import.reason": "更正的原因（带 --correct 时）。",
    "help.opt.scores.import.as_json": JSON,
    # sitting
    "help.cmd.sitting.list": "本届大会的全部会议，标出当前会议。",
    "help.opt.sitting.list.as_json": JSON,
    "help.cmd.sitting.new": "新增一次会议，并设为当前会议。",
    "help.cmd.sitting.remove": "删除一次没有任何记录引用的会议；必要时由剩下最新的一次成为当前会议。",
    "help.opt.sitting.remove.reason": WHY_LOGGED,
    "help.opt.sitting.remove.yes": NO_CONFIRM,
    "help.opt.sitting.remove.as_json": JSON,
    "help.cmd.sitting.rename": "修改会议名称（已有表决在该次会议冻结名单后即不可改）。",
    "help.opt.sitting.rename.reason": WHY_LOGGED,
    "help.opt.sitting.rename.as_json": JSON,
    "help.cmd.sitting.use": "把指定的一次会议设为当前会议。",
    # standings
    "help.cmd.standings": (
        "排名（1、2、2、4）与奖项；跨奖项分界的并列会标出。"
        '--json：[{"rank", "entrant", "score", "award", "flag", …}]。'
    ),
    "help.opt.standings.as_json": JSON,
    "help.opt.standings.pdf": "写出成绩排名表和获奖名单 PDF（对抗赛附签表等）。",
    "help.opt.standings.xlsx": "写出工作簿（排名、获奖名单等；对抗赛另有比赛结果）。",
    "help.opt.standings.certificates": "写出证书名单：.xlsx，否则为 PDF。",
    "help.opt.standings.teams": "团队排名（成员成绩的合计或平均）。",
    # undo
    "help.opt.undo.reason": "撤销的原因（记入审计日志）。",
    "help.opt.undo.station": "撤销哪个签到台最近的一次签到（默认本台）。",
    # verify
    "help.opt.verify.archive_file": "检查这个存档（huiwu-archive.json）而不是数据库。",
    "help.opt.verify.as_json": JSON,
}

EN: dict[str, str] = {}


def _join_areas() -> None:
    """Areas kept in their own files, joined here so every command's Chinese is found in ZH."""
    from tui.i18n.cli_help_matches import ZH as MATCHES

    ZH.update(MATCHES)


_join_areas()
