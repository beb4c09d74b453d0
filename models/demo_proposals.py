"""The demo's proposals: realistic titles and texts, each walked to a different point of its
lifecycle."""

import random
from datetime import date, timedelta

from models import proposals
from models.clock import now
from models.db import Database

# What became of each demo proposal: the steps in order (see _walk).
SUBMITTED_ONLY = ()
ACCEPTED = ("accept",)
ASSIGNED = ("accept", "assign")
OVERDUE = ("accept", "assign_overdue")
ANSWERED = ("accept", "assign", "answer")
SATISFIED = ("accept", "assign", "answer", "满意")
BASIC = ("accept", "assign", "answer", "基本满意")
UNSATISFIED = ("accept", "assign", "answer", "不满意")

# (title, category, proposers: a delegation's name = its delegates (one or two of them jointly),
# "团:<name>" = the delegation's own proposal, reason, suggestion, department, steps, reply)
DEMO_PROPOSALS = (
    (
        "关于改善职工食堂伙食质量的提案",
        "职工福利",
        ("后勤服务代表团",),
        "职工食堂菜品品种少、口味单一，中午高峰时段排队时间长，夜班职工下班后只能吃到剩菜。"
        "不少职工反映饭菜价格逐年上涨而质量没有相应提高。",
        "一是成立由职工代表参加的伙食管理委员会，每月听取意见；二是增加菜品和面食窗口，"
        "高峰时段错峰开餐；三是为夜班职工单独供应热饭热菜。",
        "后勤服务中心",
        SATISFIED,
        "已成立伙食管理委员会，职工代表占半数；新增面食和自选两个窗口，菜品由每天12种增至20种；"
        "夜班热餐自下月起供应。",
    ),
    (
        "关于提高食堂饭菜质量、增加菜品种类的提案",
        "职工福利",
        ("第二车间代表团",),
        "食堂饭菜口味多年不变，品种较少，部分职工只好外出就餐。",
        "建议食堂定期征求职工意见，调整菜谱，增加菜品种类。",
        "",
        ("merge:1",),
        "",
    ),
    (
        "关于增开夜班职工通勤班车的提案",
        "职工福利",
        ("第一车间代表团", "铸造分厂代表团"),
        "现有通勤班车只在白班上下班时段运行，夜班职工零点下班后只能自行回家，"
        "部分职工住在城区，夜间骑电动车往返存在安全隐患。",
        "建议在零点和早上八点增开两趟夜班班车，线路覆盖主要居住小区；"
        "暂不具备条件的，对夜班职工给予交通补贴。",
        "行政管理部",
        OVERDUE,
        "",
    ),
    (
        "关于提高夜班补贴标准的提案",
        "劳动保障",
        ("团:第一车间代表团",),
        "公司夜班补贴标准为每班15元，已执行八年未作调整，明显低于同行业和本地区水平，"
        "与夜班职工的付出不相称，影响一线岗位稳定。",
        "建议将夜班补贴提高到每班30元以上，并建立随物价和公司效益调整的机制，"
        "在集体合同中予以明确。",
        "人力资源部",
        UNSATISFIED,
        "经测算，夜班补贴拟自明年起提高至每班20元，并纳入集体合同协商议题。",
    ),
    (
        "关于加强新员工三级安全教育培训的提案",
        "安全生产",
        ("质量检测中心代表团",),
        "近两年新入职员工较多，部分新员工未经完整的三级安全教育就上岗，"
        "去年发生的几起轻伤事故均涉及入职不满一年的员工。",
        "严格执行厂级、车间级、班组级三级安全教育，考试合格方可上岗；"
        "建立师带徒制度，新员工上岗前三个月须有师傅带班。",
        "安全环保部",
        BASIC,
        "已修订《新员工安全教育管理办法》，三级教育考试合格后方可上岗；"
        "师带徒制度已在第一、第二车间试行，明年全面推开。",
    ),
    (
        "关于落实职工带薪年休假制度的提案",
        "劳动保障",
        ("装配分厂代表团", "研发中心代表团"),
        "部分部门以生产任务重为由，职工应休的年休假难以休满，既不安排休假也不按规定支付报酬。",
        "建议各部门年初制定年休假计划，由人力资源部督促落实；确因工作需要不能安排的，"
        "按国家规定支付未休年休假工资报酬。",
        "人力资源部",
        ASSIGNED,
        "",
    ),
    (
        "关于在各厂区建设职工书屋的提案",
        "其他",
        ("机关代表团",),
        "职工业余文化生活比较单调，厂区内缺少读书学习的场所。",
        "建议在各厂区利用闲置房屋建设职工书屋，配备图书和电子阅览设备，由工会统一管理。",
        "",
        ("suggest",),
        "",
    ),
    (
        "关于将职工子女纳入企业补充医疗保险的提案",
        "职工福利",
        ("销售公司代表团",),
        "职工子女看病就医负担较重，希望企业给予帮助。",
        "建议将职工未成年子女纳入企业补充医疗保险范围。",
        "",
        ("reject",),
        "",
    ),
    (
        "关于改造铸造分厂除尘通风设施的提案",
        "安全生产",
        ("团:铸造分厂代表团",),
        "铸造分厂清理工段除尘设备老化，夏季车间粉尘浓度和温度偏高，"
        "职工长期在此环境下作业，存在职业病危害。",
        "建议更换清理工段除尘设备，增设岗位送风降温装置，并定期开展粉尘浓度检测和职业健康体检。",
        "设备动力部",
        SATISFIED,
        "清理工段除尘设备已于三季度更换完毕，新增岗位送风装置12台；经检测粉尘浓度已低于国家标准限值。",
    ),
    (
        "关于完善职工技能等级评价与薪酬挂钩办法的提案",
        "劳动保障",
        ("研发中心代表团",),
        "公司已开展职业技能等级认定，但取得高级工、技师等级后待遇变化不大，职工学技术的积极性不高。",
        "建议将技能等级与岗位工资挂钩，对取得技师、高级技师的职工给予技能津贴。",
        "",
        ACCEPTED,
        "",
    ),
    (
        "关于增设厂区电动自行车集中充电设施的提案",
        "安全生产",
        ("第二车间代表团",),
        "厂区内电动自行车数量多，部分职工从车间私拉电线充电，存在火灾隐患。",
        "建议在各厂区停车棚增设带定时断电功能的集中充电桩，同时禁止在车间和楼道内充电。",
        "物业服务部",
        ANSWERED,
        "已在三个厂区停车棚安装集中充电桩共120个，具备定时断电和过载保护功能，下月投入使用。",
    ),
    (
        "关于设立职工子女暑期托管班的提案",
        "职工福利",
        ("机关代表团", "后勤服务代表团"),
        "暑假期间双职工家庭子女无人照看，职工上班时牵挂孩子，影响工作。",
        "建议工会利用职工活动中心开办暑期托管班，聘请专业老师，适当收取费用。",
        "",
        SUBMITTED_ONLY,
        "",
    ),
    (
        "关于推行班组民主管理、公开班组奖金分配的提案",
        "民主管理",
        ("装配分厂代表团",),
        "部分班组奖金分配不透明，职工对分配结果有意见但缺少反映渠道。",
        "建议在各班组推行班务公开，奖金分配方案经班组会议讨论通过后张榜公布。",
        "",
        SUBMITTED_ONLY,
        "",
    ),
    (
        "关于优化生产计划、减少频繁加班的提案",
        "生产经营",
        ("第一车间代表团",),
        "今年以来生产计划经常临时调整，车间频繁安排周末加班，职工得不到正常休息。",
        "建议销售、计划和生产部门加强衔接，提前排产；确需加班的提前告知并依法支付加班费。",
        "",
        SUBMITTED_ONLY,
        "",
    ),
)
PROPOSALS_FROM = 12  # every delegation has a delegate to propose
REJECT_REASON = (
    "职工子女的医疗保障属于城乡居民医疗保险范围，企业补充医疗保险的参保对象由政策规定为本企业职工，"
    "不属于本单位职权范围；已建议工会通过职工互助保障计划为职工子女提供帮助。"
)
SUGGEST_NOTE = "场地和经费需统筹安排，作为意见建议转工会办公室研究办理。"


def add_demo_proposals(db: Database, rng: random.Random, delegates: list[dict]) -> None:
    """Fourteen proposals through the desk's own services, spread over the lifecycle: pending,
    merged, not accepted, a suggestion, accepted and assigned (one overdue), answered and rated
    (满意, 基本满意, and 不满意 sent back to be handled again)."""
    by_delegation: dict[str, list[str]] = {}
    for row in delegates:
        by_delegation.setdefault(row["代表团"], []).append(row["编号"])
    codes = [row["编号"] for row in delegates]
    numbers = []
    for title, category, who, reason, suggestion, *_fate in DEMO_PROPOSALS:
        delegation = who[0][2:] if who[0].startswith("团:") else None
        proposers = () if delegation else _demo_proposers(rng, by_delegation, who)
        others = [c for c in codes if c not in proposers]
        draft = proposals.Draft(
            title=title,
            category=category,
            proposers=proposers,
            seconders=tuple(rng.sample(others, rng.randint(2, 4))),
            delegation=delegation,
            reason=reason,
            suggestion=suggestion,
        )
        detail = proposals.submit_proposal(db, draft, operator="demo", station="demo")
        numbers.append(detail.row.number)
    # The committee's decisions come after the forms are in (a merge joins a still-open one).
    today = now().date()
    for number, (*_form, department, steps, reply) in zip(numbers, DEMO_PROPOSALS, strict=True):
        _walk(db, number, steps, department, reply, today)


def _demo_proposers(rng: random.Random, by_delegation: dict, who: tuple[str, ...]) -> tuple:
    """One delegate of each delegation named (two names = a joint proposal)."""
    picked = []
    for name in who:
        pool = [code for code in by_delegation[name] if code not in picked]
        picked.append(rng.choice(pool))
    return tuple(picked)


def _walk(db: Database, number: int, steps, department: str, reply: str, today: date) -> None:
    kw = {"operator": "demo", "station": "demo"}
    for step in steps:
        if step == "accept":
            proposals.accept_proposal(db, number, **kw)
        elif step.startswith("merge:"):
            proposals.merge_proposal(db, number, int(step[6:]), **kw)
        elif step == "suggest":
            proposals.suggest_proposal(db, number, note=SUGGEST_NOTE, **kw)
        elif step == "reject":
            proposals.reject_proposal(db, number, reason=REJECT_REASON, **kw)
        elif step in ("assign", "assign_overdue"):
            days = -10 if step == "assign_overdue" else 30 + number
            due = today + timedelta(days=days)
            proposals.assign_proposal(db, number, department=department, due=due, **kw)
        elif step == "answer":
            proposals.answer_proposal(db, number, reply=reply, **kw)
        else:
            proposals.rate_proposal(db, number, step, **kw)
