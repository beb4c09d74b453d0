"""A realistic demo congress: a machinery group's workers' congress with nine delegations.

Built through the same services the desk uses (roster import from a generated CSV, signed badge
scans, leave), so the demo exercises the real paths and its audit chain verifies. Its proposals
are in :mod:`models.demo_proposals`.
"""

import csv
import random
import tempfile
from datetime import date
from pathlib import Path

from models import appraisals, attendance, badge_code, contests, elections, motions, scores, voting
from models.congress import (
    CongressInfo,
    congress_secret,
    create_congress,
    create_sitting,
    require_congress,
)
from models.db import Database
from models.demo_proposals import PROPOSALS_FROM, add_demo_proposals
from models.demo_sports import SPORTS_FROM, add_demo_sports
from models.roster import import_roster
from models.rules.election import Ballot
from models.rules.motion import HANDS, MotionCount

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建国志海波辉宇浩俊凯文斌丹慧琳佳欣雪梅"
    "晓东晨旭宁振宏立新春燕云峰亮林森鑫瑞博嘉欢颖婷倩蕾薇淑芬凤珍荣彬兵虎龙飞翔"
)
DELEGATIONS = (
    ("机关代表团", ("党委办公室", "人力资源部", "财务部", "企业管理部", "工会")),
    ("第一车间代表团", ("第一车间机加工段", "第一车间热处理段", "第一车间设备组")),
    ("第二车间代表团", ("第二车间冲压段", "第二车间焊装段", "第二车间涂装段")),
    ("铸造分厂代表团", ("铸造分厂造型工段", "铸造分厂熔炼工段", "铸造分厂清理工段")),
    ("装配分厂代表团", ("装配分厂总装一线", "装配分厂总装二线", "装配分厂调试班")),
    ("研发中心代表团", ("研发中心设计所", "研发中心工艺所", "研发中心试验室")),
    ("质量检测中心代表团", ("质量检测中心理化室", "质量检测中心计量室")),
    ("后勤服务代表团", ("后勤服务中心", "职工食堂", "物业服务部", "医务室")),
    ("销售公司代表团", ("销售公司华东区", "销售公司华南区", "销售公司售后服务部")),
)
CHECKED_IN_SHARE = (1, 2)  # half of the voting delegates are already in when the demo opens
CONTEST_FROM = 12  # ten entrants and a few spare names
CONTEST_ENTRANTS = 10
CONTEST_SCORED = 7  # scored before the demo opens; the 8th is on stage with three marks in
VOTES_FROM = 64  # the demo's candidates, scrutineers and appraisees are distinct delegates
PREPARATORY_SHARE = (19, 20)  # the preparatory sitting, voted and counted, was nearly full
LEAVE_REASONS = ("因公出差", "因病住院", "家中有事", "在外培训", "产假")


def _names(rng: random.Random, count: int) -> list[str]:
    seen: set[str] = set()
    names: list[str] = []
    while len(names) < count:
        given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        name = rng.choice(SURNAMES) + given
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _roster_rows(rng: random.Random, delegates: int) -> list[dict]:
    attendees, guests, staff = (
        max(2, delegates // 15),
        max(1, delegates // 40),
        max(1, delegates // 50),
    )
    names = _names(rng, delegates + attendees + guests + staff)
    rows = []
    for index in range(delegates):
        delegation, units = DELEGATIONS[index % len(DELEGATIONS)]
        rows.append(
            {
                "编号": f"D{index + 1:04d}",
                "姓名": names[index],
                "性别": rng.choice("男男男女女"),
                "单位": rng.choice(units),
                "代表团": delegation,
                "类别": "正式代表",
                "团长": "是" if index < len(DELEGATIONS) else "",
            }
        )
    extra = (("L", "列席代表", attendees), ("T", "特邀代表", guests), ("S", "工作人员", staff))
    offset = delegates
    for prefix, category, count in extra:
        for number in range(count):
            rows.append(
                {
                    "编号": f"{prefix}{number + 1:03d}",
                    "姓名": names[offset],
                    "性别": rng.choice("男女"),
                    "单位": "集团公司" if prefix != "S" else "大会秘书处",
                    "代表团": "",
                    "类别": category,
                    "团长": "",
                }
            )
            offset += 1
    return rows


def _write_csv(rows: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def create_demo(
    db: Database, *, delegates: int = 300, seed: int = 2026, votes: bool = True
) -> CongressInfo:
    rng = random.Random(seed)
    votes = votes and delegates >= VOTES_FROM
    info = create_congress(
        db,
        "华东重型机械集团有限公司第三届职工代表大会第二次会议",
        kind="职代会",
        term=3,
        session=2,
        date=date.today().isoformat(),
        venue="集团职工活动中心大礼堂",
        operator="demo",
    )
    rows = _roster_rows(rng, delegates)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo-roster.csv"
        _write_csv(rows, path)
        import_roster(db, path, operator="demo", station="demo")
    if votes:
        create_sitting(db, "预备会议", operator="demo")
        _arrivals(db, rng, rows, delegates, PREPARATORY_SHARE)
        _preparatory_votes(db, rng, rows[:delegates])
    create_sitting(db, "第一次全体会议", operator="demo")
    _arrivals(db, rng, rows, delegates, CHECKED_IN_SHARE)
    if votes:
        _plenary_items(db, rng, rows[:delegates])
    if delegates >= CONTEST_FROM:
        _speech_contest(db, rng, rows[:delegates])
    if delegates >= PROPOSALS_FROM:
        add_demo_proposals(db, random.Random(seed + 5), rows[:delegates])
    if delegates >= SPORTS_FROM:
        add_demo_sports(db, random.Random(seed + 7), rows[:delegates])
    return info


def _arrivals(
    db: Database, rng: random.Random, rows: list[dict], delegates: int, share: tuple[int, int]
) -> None:
    """Some leave and the first arrivals at two desks, by scanning the real signed badge texts."""
    with db.read() as conn:
        congress = require_congress(conn)
        secret = congress_secret(conn, congress.id)
    voting = [row["编号"] for row in rows[:delegates]]
    rng.shuffle(voting)
    on_leave = voting[: max(1, delegates // 50)]
    arrived = voting[len(on_leave) : len(on_leave) + delegates * share[0] // share[1]]
    for code in on_leave:
        attendance.record_leave(
            db, code, reason=rng.choice(LEAVE_REASONS), station="demo", operator="demo"
        )
    guests = [row["编号"] for row in rows[delegates:] if row["类别"] != "工作人员"]
    for index, code in enumerate(arrived + guests[: len(guests) // 2]):
        text = badge_code.badge_text(secret, congress.uid, code)
        attendance.check_in(
            db, text, station=f"{index % 2 + 1}号签到台", operator="demo", method="scan"
        )


def _preparatory_votes(db: Database, rng: random.Random, delegates: list[dict]) -> None:
    """What the preparatory sitting decided and counted: two shows of hands, the funds-audit
    committee (等额, ballots keyed one by one) and the leaders' appraisal."""
    present = attendance.attendance(db).figures.present
    for title in ("大会议程", "大会选举办法"):
        item = motions.new_motion(db, title, operator="demo")
        against = rng.randint(0, 3)
        abstain = rng.randint(0, 4)
        motions.record_count(
            db,
            item.number,
            MotionCount(present - against - abstain, against, abstain),
            method=HANDS,
            operator="demo",
            station="demo",
        )
    names = [row["姓名"] for row in delegates]
    candidates, scrutineers = names[10:15], names[20:23]
    election = elections.new_election(
        db,
        "工会经费审查委员会委员选举",
        seats=5,
        candidates=candidates,
        equal=True,
        scrutineers=scrutineers[:2],
        counters=scrutineers[2:],
        operator="demo",
    )
    voting.issue(db, election.number, present, operator="demo", station="demo")
    for _ in range(present - 1):
        marks = "".join(rng.choices("oooooooox-", k=5))
        elections.record_ballot(db, election.number, Ballot(0, marks), operator="demo")
    voting.set_counted(db, election.number, True, operator="demo", station="demo")  # one not back
    appraisal = appraisals.new_appraisal(
        db,
        "领导班子和领导人员民主测评",
        subjects=[(names[30], "党委书记"), (names[31], "总经理"), (names[32], "工会主席")],
        operator="demo",
    )
    voting.issue(db, appraisal.number, present, operator="demo", station="demo")
    appraisals.record_sheets(db, appraisal.number, returned=present - 2, invalid=1, operator="demo")
    valid = present - 3
    for subject in range(3):
        unsatisfied = rng.randint(2, 12)
        basically = rng.randint(15, 40)
        counts = (valid - basically - unsatisfied - 1, basically, unsatisfied)
        appraisals.record_marks(db, appraisal.number, subject + 1, counts, operator="demo")


def _plenary_items(db: Database, rng: random.Random, delegates: list[dict]) -> None:
    """Items waiting for the plenary: the collective contract and the union committee."""
    motions.new_motion(db, "关于《集体合同（草案）》的决议", important=True, operator="demo")
    names = [row["姓名"] for row in delegates]
    elections.new_election(
        db,
        "工会委员会委员选举",
        seats=15,
        candidates=names[40:57],
        scrutineers=names[60:62],
        counters=names[62:64],
        operator="demo",
    )


def _speech_contest(db: Database, rng: random.Random, delegates: list[dict]) -> None:
    """A speech contest in progress: seven entrants scored, the eighth on stage mid-way."""
    title = "“建功新时代”职工演讲比赛"
    contests.new_contest(
        db,
        title,
        judges=7,
        trim=1,
        decimals=2,
        awards="一等奖:1,二等奖:2,三等奖:3",
        tie_breakers=["unrounded"],
        operator="demo",
    )
    picked = rng.sample(delegates, CONTEST_ENTRANTS)
    entrants = [{"name": row["姓名"], "unit": row["单位"]} for row in picked]
    contests.add_entrants(db, title, entrants, operator="demo", station="demo")
    for number in range(1, CONTEST_SCORED + 2):
        contests.set_on_stage(db, title, number, operator="demo", station="demo")
        level = rng.randint(850, 960)
        judges = 7 if number <= CONTEST_SCORED else 3
        for judge in range(1, judges + 1):
            mark = min(1000, max(700, level + rng.randint(-25, 25))) / 10
            scores.record_mark(db, title, number, judge, f"{mark:.1f}", operator="demo")
