"""The quiz buzzer on the scoring screen (抢答器), driven with the keyboard at 80×24 and 120×40:
F8 enters buzzer mode, a team key before Space is a foul, after Space the first key wins, Y / N
score the winner's 抢答; a badge scanned in buzzer mode presses no button."""

import pytest

from models import audit, contests, scores
from models.rules.scoring import QuizRules
from screens.mark_correction import AnswerCorrection
from screens.scoring import ScoringScreen
from tests.helpers import badge, event_count, scan_burst, settle
from tui.buzzer_panel import BuzzerPanel


def text_of(screen, selector: str) -> str:
    widget = screen.query_one(selector)
    content = getattr(widget, "content", None)
    return str(content) if content is not None else str(widget.render())


@pytest.fixture
def quiz_db(desk_db):
    """知识竞赛: 红队 1, 蓝队 2, 绿队 3, [/b]队 4 press their numbers; a foul costs 15."""
    contests.new_contest(desk_db, "知识竞赛", judges=1, trim=0, decimals=0)
    contests.set_event(desk_db, 1, "决赛", quiz=QuizRules(foul=15))
    names = ("红队", "蓝队", "绿队", "[/b]队")  # the last one's name is not markup
    contests.add_entrants(desk_db, 1, [{"name": n} for n in names])
    return desk_db


async def open_buzzer(pilot) -> ScoringScreen:
    await settle(pilot)
    pilot.app.push_screen(ScoringScreen(1))
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ScoringScreen)
    shown = screen.active_bindings["f8"]  # in the footer
    assert shown.binding.action == "buzzer" and shown.enabled
    await pilot.press("f8")
    await settle(pilot)
    assert screen.in_buzzer_mode and isinstance(pilot.app.focused, BuzzerPanel)
    assert not screen.query_one("#sc-quiz").display
    return screen


def answers(db) -> list[tuple]:
    """(team, question, kind, points) of every answer logged, in order."""
    logged = [
        e["payload"] for e in audit.events(db, "contest.answer") if e["kind"] == "contest.answer"
    ]
    return [(p["entrant"], p["question"], p["kind"], p["points"]) for p in reversed(logged)]


def last(db, kind: str) -> dict:
    return next(e["payload"] for e in audit.events(db, kind) if e["kind"] == kind)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_foul_start_first_press_wins_and_the_answer_is_scored(make_desk, quiz_db, size):
    app = make_desk()
    async with app.run_test(size=size) as pilot:
        screen = await open_buzzer(pilot)
        assert "待开始" in text_of(screen, "#bz-phase")
        await pilot.press("3")  # before 「开始」: 绿队 fouls
        await settle(pilot)
        assert "绿队 抢答犯规 −15" in text_of(screen, "#sc-status")
        assert answers(quiz_db) == [(3, 1, "foul", -15)]
        assert "本题犯规：绿队" in text_of(screen, "#bz-lines")

        await pilot.press("space")
        await settle(pilot)
        assert "抢答中" in text_of(screen, "#bz-phase")
        await pilot.press("2", "1")  # two buttons at once: the earlier key wins
        await settle(pilot)
        assert screen.buzzer.winner == 2 and screen.buzzer.late == (1,)
        assert text_of(screen, "#bz-name") == "蓝队"
        assert "已锁定：红队" in text_of(screen, "#bz-lines")
        assert screen.entrant.name == "蓝队"  # on stage: the projector follows
        assert contests.get_contest(quiz_db, 1).on_stage == screen.entrant.id
        assert last(quiz_db, "contest.buzzer")["entrant"] == 2

        await pilot.press("y")
        await settle(pilot)
        assert answers(quiz_db)[-1] == (2, 2, "buzzer", 10)
        assert scores.score_card(quiz_db, 1, 2).shown == "110"
        assert screen.query_one("#sc-digits").value == "110"  # the big score follows
        assert "待开始" in text_of(screen, "#bz-phase")  # the next question
        await pilot.press("1")  # 红队 too early again: a foul of this question
        await pilot.press("space", "1")
        await pilot.press("n")
        await settle(pilot)
        assert answers(quiz_db)[-2:] == [(1, 3, "foul", -15), (1, 4, "buzzer", -10)]

        await pilot.press("escape")
        await settle(pilot)
        assert not screen.in_buzzer_mode and not screen.query(BuzzerPanel)
        assert screen.query_one("#sc-quiz").display
        assert isinstance(app.screen, ScoringScreen)


async def test_a_badge_scanned_in_buzzer_mode_presses_nothing(make_desk, quiz_db):
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_buzzer(pilot)
        before = event_count(quiz_db)
        await scan_burst(pilot, badge(quiz_db, "D001"))
        assert event_count(quiz_db) == before and screen.buzzer.fouls == ()
        await pilot.press("space")
        await scan_burst(pilot, badge(quiz_db, "D002"), "\t")
        assert screen.buzzer.phase == "open" and screen.buzzer.winner is None
        assert event_count(quiz_db) == before
        await pilot.press("4")
        await settle(pilot)
        assert text_of(screen, "#bz-name") == "[/b]队"  # shown as typed
        await pilot.press("f8")  # F8 leaves as it entered
        await settle(pilot)
        assert not screen.in_buzzer_mode and screen.query_one("#sc-input").has_focus


async def test_f4_undoes_a_foul_with_a_reason(make_desk, quiz_db):
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_buzzer(pilot)
        await pilot.press("3")
        await pilot.press("f4")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AnswerCorrection) and dialog.card.entrant.name == "绿队"
        await pilot.press("ctrl+s")  # no reason: refused, nothing changed
        await settle(pilot)
        assert app.screen is dialog
        dialog.query_one("#fix-reason").focus()
        await pilot.press(*"按键误触", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert scores.score_card(quiz_db, 1, 3).stages[0].answers[0].void
        assert last(quiz_db, "contest.answer.correct")["reason"] == "按键误触"
        assert isinstance(app.focused, BuzzerPanel)  # the buzzer has the keys again
        await pilot.press("space", "3")
        await settle(pilot)
        assert screen.buzzer.winner == 3


async def test_two_keys_queued_in_one_tick_the_earlier_wins(make_desk, quiz_db):
    """Both keys sit in the App's queue before either is handled (as two buttons pressed together
    reach the terminal): they are handled in the order they arrived."""
    from textual import events

    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_buzzer(pilot)
        await pilot.press("space")
        for key in ("4", "1"):
            app.post_message(events.Key(key, key))
        await settle(pilot)
        assert screen.buzzer.winner == 4 and screen.buzzer.late == (1,)


async def test_a_press_not_recorded_leaves_the_buzzer_as_it_was(make_desk, quiz_db):
    """Published standings refuse every write: a foul is not listed, a win does not lock."""
    from models.contest_publish import publish_contest

    publish_contest(quiz_db, 1)
    app = make_desk()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_buzzer(pilot)
        before = event_count(quiz_db)
        await pilot.press("3")
        await settle(pilot)
        assert screen.buzzer.fouls == () and "F7" in text_of(screen, "#sc-status")
        await pilot.press("space", "2")
        await settle(pilot)
        assert screen.buzzer.phase == "open" and screen.buzzer.winner is None
        assert event_count(quiz_db) == before


def test_snapshot_of_a_won_buzzer_at_80x24(snap_compare, make_desk, quiz_db):
    """绿队 fouled, then 蓝队 won with 红队 locked out: the winner big, the others listed."""

    async def play(pilot) -> None:
        await open_buzzer(pilot)
        await pilot.press("3", "space", "2", "1")
        await settle(pilot)

    assert snap_compare(make_desk(), terminal_size=(80, 24), run_before=play)
