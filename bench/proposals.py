"""What the proposal counter feels at a large congress: registering a proposal, the similar-title
panel while a title is typed, and the committee's statistics.

Run ``python bench/proposals.py [--proposals 500] [--runs 5]``. The script builds a congress of
300 delegates in a temporary SQLite file, registers ``--proposals`` proposals through
``models.proposals.submit_proposal`` (each one committed with its audit event, as the capture form
does), moves a third of them along the lifecycle, and measures:

* ``submit_p50_ms`` / ``submit_p99_ms``: ``submit_proposal`` per proposal (rules checked, number
  taken under the congress lock, people, history, audit, commit);
* ``similar_ms``: ``similar_proposals`` for a title typed so far against every earlier proposal
  (what the capture form's side panel waits on after each pause in typing), median over the runs;
* ``stats_ms``: ``proposal_stats`` (totals, by category, by status, by delegation), median.

A human table is printed, then one JSON object as the last line.
"""

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import private_folders  # noqa: E402, F401 - huiwu's data and export folders: temporary ones

from models import proposals  # noqa: E402
from models.congress import create_congress  # noqa: E402
from models.db import open_database  # noqa: E402
from tests.helpers import add_people  # noqa: E402

DELEGATES = 300
SUBJECTS = (
    "食堂伙食质量",
    "夜班通勤班车",
    "夜班补贴标准",
    "安全生产培训",
    "带薪年休假",
    "职工书屋",
    "厂区停车位",
    "高温津贴",
    "职工体检",
    "技能等级评价",
    "班组民主管理",
    "子女暑期托管",
)
VERBS = ("提高", "完善", "改善", "增加", "落实", "规范", "加强")


def build(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)  # an explicit database path's folder must exist
    db = open_database(folder / "bench.db")
    create_congress(db, "基准测试大会", term=3, session=2)
    people = [
        (f"D{i:04d}", f"代表{i}", f"第{i % 9 + 1}代表团", "delegate")
        for i in range(1, DELEGATES + 1)
    ]
    add_people(db, people)
    return db


def register(db, count: int, rng: random.Random) -> list[float]:
    categories = proposals.proposal_settings(db).categories
    timings = []
    for i in range(count):
        codes = rng.sample(range(1, DELEGATES + 1), 3)
        subject = f"{rng.choice(SUBJECTS)}{i}"
        draft = proposals.Draft(
            title=f"关于{rng.choice(VERBS)}{subject}的提案",
            category=rng.choice(categories),
            proposers=(f"D{codes[0]:04d}",),
            seconders=(f"D{codes[1]:04d}", f"D{codes[2]:04d}"),
            reason=f"{subject}方面职工反映较多，" * 5,
            suggestion=f"建议有关部门研究{subject}问题。" * 3,
        )
        start = time.perf_counter()
        proposals.submit_proposal(db, draft, station="提案台")
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def move_along(db, count: int) -> None:
    for number in range(1, count + 1, 3):
        proposals.accept_proposal(db, number)
        proposals.assign_proposal(db, number, department="工会办公室", due="2026-12-31")
        if number % 2:
            proposals.answer_proposal(db, number, reply="已办理。")
            proposals.rate_proposal(db, number, "满意")


def median_ms(call, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = build(Path(folder))
        timings = register(db, args.proposals, random.Random(2026))
        move_along(db, args.proposals)
        similar = median_ms(lambda: proposals.similar_proposals(db, "关于改善食堂伙食"), args.runs)
        stats = median_ms(lambda: proposals.proposal_stats(db), args.runs)
        assert proposals.proposal_stats(db).received == args.proposals
        db.dispose()
    result = {
        "proposals": args.proposals,
        "submit_p50_ms": round(statistics.median(timings), 2),
        "submit_p99_ms": round(percentile(timings, 0.99), 2),
        "similar_ms": round(similar, 2),
        "stats_ms": round(stats, 2),
        "python": platform.python_version(),
    }
    print(f"proposals: {args.proposals} registered by {DELEGATES} delegates")
    print(
        f"  submit_proposal    p50 {result['submit_p50_ms']:.2f} ms"
        f"   p99 {result['submit_p99_ms']:.2f} ms"
    )
    print(f"  similar_proposals  {result['similar_ms']:.2f} ms (median of {args.runs})")
    print(f"  proposal_stats     {result['stats_ms']:.2f} ms (median of {args.runs})")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
