"""A sports day for the match documents' tests: a table-tennis contest with a 7-side round robin
in two groups going on to a knockout with a third-place match (all played), a 12-side knockout
half played, a judged 跳绳 contest, and a meet joining them. Names that look like markup or a
formula must print as they are."""

import random

from models import contests, matches, scores
from models.contests.match_format import MatchFormat

TT = "乒乓球赛"
MEET = "职工运动会（测试）"  # not the demo's meet: a test may add it to the demo congress
MEN = [
    "张三",
    "李四",
    "[/b]王五",
    '=HYPERLINK("x")',
    "赵六<b>&",
    "钱七",
    "孙八",
]
WOMEN = [f"女{n}号选手" for n in "甲乙丙丁戊己庚辛壬癸子丑"]
SKIP = "跳绳比赛"


def play(db, title, pick=lambda m: "11:5,11:6,11:7", only=None):
    info = contests.get_contest(db, title)
    while True:
        with db.read() as conn:
            ready = [m for m in matches.matches_of(conn, info) if m.playable and not m.decided]
        ready = [m for m in ready if only is None or only(m)]
        if not ready:
            return
        for m in ready:
            matches.record_result(db, title, m.number, games=pick(m))


def sports_day(db, *, rng_seed: int = 7) -> None:
    rng = random.Random(rng_seed)
    contests.new_contest(db, TT, judges=1, trim=0)
    men = MatchFormat(
        "roundrobin", groups=2, best_of=5, game="tabletennis", third_place=True, advance=2, courts=2
    )
    contests.set_event(db, TT, "男单", matches=men)
    for i, name in enumerate(MEN):
        contests.add_entrant(db, TT, name, unit=f"{i % 3 + 1}车间", event="男单")
    women = MatchFormat("knockout", best_of=3, game="tabletennis", third_place=True)
    contests.set_event(db, TT, "女单", matches=women)
    for i, name in enumerate(WOMEN):
        seed = i + 1 if i < 4 else None
        contests.add_entrant(db, TT, name, unit=f"{i % 4 + 1}科室", event="女单", seed=seed)
    matches.draw(db, TT, "男单", rng=rng)
    play(
        db,
        TT,
        pick=lambda m: rng.choice(["11:5,11:6,11:7", "8:11,11:9,11:5,11:7", "5:11,6:11,7:11"]),
    )
    matches.draw(db, TT, "男单", rng=rng)
    matches.draw(db, TT, "女单", rng=rng)
    play(db, TT, pick=lambda m: "11:9,9:11,11:4,11:8", only=lambda m: _men(db, m))
    play(db, TT, pick=lambda m: "11:9,9:11,11:4", only=lambda m: m.round == 1)
    contests.new_contest(db, SKIP, judges=1, trim=0)
    for i in range(6):
        contests.add_entrant(db, SKIP, f"跳绳选手{i + 1}", unit=f"{i % 3 + 1}车间")
    for number in range(1, 7):
        scores.record_mark(db, SKIP, number, 1, str(60 + number * 3))
    meet = matches.new_meet(db, MEET)
    matches.add_to_meet(db, meet.number, TT)
    matches.add_to_meet(db, meet.number, SKIP)


def _men(db, match) -> bool:
    info = contests.get_contest(db, TT)
    return info.event_by_id(match.event_id).name == "男单"
