"""The speaking clock in words (tui/clock_text.py): the calculation view's lines exactly as the
issue writes them, the floor at 0, undertime, the clock line's phases, in Chinese and English."""

from datetime import timedelta
from decimal import Decimal as D

import pytest

from models import contests, scores
from models.clock import now
from tui.clock_text import clock_line, clock_words, time_lines, time_note
from tui.i18n import set_lang
from tui.score_text import explain


@pytest.fixture
def timed(congress_db):
    contests.new_contest(congress_db, "演讲比赛", judges=3, trim=0)
    scores.set_clock(congress_db, 1, None, "limit=5:00,warn=4:00,min=3:00,unit=30,amount=0.5")
    for name in ("张三", "李四", "王五"):
        contests.add_entrant(congress_db, 1, name)
    for number, mark in ((1, "92"), (2, "0.25"), (3, "88")):
        for judge in (1, 2, 3):
            scores.record_mark(congress_db, 1, number, judge, mark)
    return congress_db


def test_f3_says_the_time_the_overtime_the_rule_and_the_deduction(timed):
    card = scores.record_time(timed, 1, 1, "5:47.30")
    assert time_lines(card) == [
        "用时 5:47.30，超时 47.30 秒，每（不满）30 秒扣 0.5 分，扣 1.00 分",
        "总分 = 92 − 1.00 = 91",
    ]
    lines = explain(card, contests.get_contest(timed, 1))
    assert lines.index("总分 = 92 − 1.00 = 91") < lines.index("未修约分：91")
    assert time_note(card) == "用时 5:47.30，扣 1.00 分"


def test_undertime_the_floor_at_zero_and_a_time_within_the_limits(timed):
    card = scores.record_time(timed, 1, 2, "2:29.99")
    assert time_lines(card) == [
        "用时 2:29.99，不足 30.01 秒，每（不满）30 秒扣 0.5 分，扣 1.00 分",
        "总分 = 0.25 − 1.00，不低于 0，记 0",
    ]
    assert card.shown == "0.00"
    card = scores.record_time(timed, 1, 3, "4:00")
    assert time_lines(card) == ["用时 4:00.00，在规定时间内，不扣分"]


def test_the_rules_and_the_clock_line_in_both_languages(timed):
    rules = contests.get_contest(timed, 1).events[0].clock
    assert (
        clock_words(rules) == "限时 5:00，4:00 提醒，最短 3:00，超时或不足每（不满）30 秒扣 0.5 分"
    )
    begun = now().replace(microsecond=0)
    scores.start_clock(timed, 1, 1, at=begun)
    card = scores.score_card(timed, 1, 1)
    assert time_lines(card) == ["用时：计时中（停止后计算扣分）"]
    assert clock_line(card, begun + timedelta(seconds=12))[::2] == (
        "计时中 0:12.00 · 限时 5:00",
        "running",
    )
    text, style, phase = clock_line(card, begun + timedelta(seconds=250))
    assert (phase, "yellow" in style) == ("warning", True)
    text, style, phase = clock_line(card, begun + timedelta(seconds=300, milliseconds=10))
    assert (text, phase, "red" in style) == ("计时中 5:00.01 · 已超时（限时 5:00）", "over", True)
    set_lang("en")
    assert clock_words(rules).startswith("limit 5:00, warning at 4:00, minimum 3:00")
    assert clock_line(card, begun + timedelta(seconds=1))[0] == "Timing 0:01.00 · limit 5:00"
    assert scores.score_card(timed, 1, 3).deduction == D(0)
