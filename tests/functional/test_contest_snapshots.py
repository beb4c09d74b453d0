"""Snapshots of the scoring screen with Chinese text (update with --snapshot-update).

张三 has all five marks (99 and 80 struck through, 92.45 in big digits, 第 1 名 · 一等奖), 李四 two
of five (未完成 2/5, unranked), 王五 none; the leaderboard sorts the ranked first.
"""

import pytest

from models import contests, scores
from screens.scoring import ScoringScreen
from tests.helpers import settle

MARKS = ("92.4", "99", "92.5", "80", "92.435")


@pytest.fixture
def scored_db(desk_db):
    contests.new_contest(desk_db, "职工演讲比赛", judges=5, awards="一等奖:1,二等奖:1,三等奖:1")
    for name, unit in (("张三", "一车间"), ("李四", "二车间"), ("王五", "机关")):
        contests.add_entrant(desk_db, 1, name, unit=unit)
    for judge, mark in enumerate(("95", "93"), 1):
        scores.record_mark(desk_db, 1, "李四", judge, mark)
    return desk_db


async def score_zhang_san(pilot) -> None:
    await settle(pilot)
    pilot.app.push_screen(ScoringScreen(1))
    await settle(pilot)
    for mark in MARKS:
        await pilot.press(*mark, "enter")
    await settle(pilot)


def test_scoring_screen_after_the_last_mark(snap_compare, make_desk, scored_db):
    assert snap_compare(make_desk(), terminal_size=(120, 40), run_before=score_zhang_san)


def test_show_calculation(snap_compare, make_desk, scored_db):
    async def explain(pilot) -> None:
        await score_zhang_san(pilot)
        await pilot.press("f3")
        await settle(pilot)

    assert snap_compare(make_desk(), terminal_size=(120, 40), run_before=explain)
