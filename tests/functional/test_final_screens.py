"""Final means final on the motion screen: a re-save of a final result is refused with the key that
reopens it (F7), F7 asks for the reason, and the corrected result says which one it replaced."""

from models.motions import motion_outcome, new_motion
from tests.functional.test_voting_screens import open_motion, text_of, type_counts, voting_db
from tests.helpers import settle
from tui.reason_prompt import ReasonPrompt

__all__ = ["voting_db"]  # the fixture, for pytest


async def clear_fields(pilot, screen) -> None:
    from textual.widgets import Input

    for field in ("yes", "no", "abstain"):
        screen.query_one(f"#f-{field}", Input).value = ""
    screen.query_one("#f-yes", Input).focus()
    await settle(pilot)


async def test_a_final_motion_refuses_a_re_save_until_f7_reopens_it(make_desk, voting_db):
    new_motion(voting_db, "关于工作报告的决议")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await type_counts(pilot, 4, 1, 0)
        await pilot.press("enter")
        await settle(pilot)
        assert "通 过" in text_of(screen, "#m-verdict")
        assert app.active_bindings["f7"].binding.action == "reopen_count"

        await clear_fields(pilot, screen)
        await type_counts(pilot, 2, 3, 0)  # would flip it to 未通过
        await pilot.press("enter")
        await settle(pilot)
        message = text_of(screen, "#m-message")
        assert (
            "第1项计票结果已确定（通过），不能再改。如需更正，请先按 F7 说明原因重新打开" in message
        )
        assert motion_outcome(voting_db, 1).result.passed

        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press(*"读错了票数", "enter")
        await settle(pilot)
        assert app.screen is screen
        await clear_fields(pilot, screen)
        await type_counts(pilot, 2, 3, 0)
        await pilot.press("enter")
        await settle(pilot)
        assert "未 通 过" in text_of(screen, "#m-verdict")
        status = text_of(screen, "#m-status")
        assert "本结果取代此前已确定的结果（通过），重新打开的原因：读错了票数" in status
    outcome = motion_outcome(voting_db, 1)
    assert not outcome.result.passed and outcome.item.replaces["reason"] == "读错了票数"


async def test_a_final_appraisal_is_reopened_with_f7_and_the_new_result_says_so(
    make_desk, voting_db
):
    from textual.widgets import Input

    from models.appraisals import appraisal_outcome, new_appraisal, record_marks, record_sheets
    from models.voting import issue
    from screens.appraisal import AppraisalScreen

    new_appraisal(voting_db, "领导班子成员测评", subjects=["张三"])
    issue(voting_db, 1, 5)
    record_sheets(voting_db, 1, returned=5)
    record_marks(voting_db, 1, "张三", (4, 1, 0))
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pilot.app.push_screen(AppraisalScreen(1))
        await settle(pilot)
        screen = app.screen
        assert app.active_bindings["f7"].binding.action == "reopen"
        screen.query_one("#p-0-0", Input).value = "1"
        screen.query_one("#p-0-2", Input).value = "3"
        screen.query_one("#p-0-0", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        message = text_of(screen, "#a-message")
        assert "第1项计票结果已确定（测评结果），不能再改。如需更正，请先按 F7" in message
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press(*"张三的票数抄错", "enter")
        await settle(pilot)
        assert "f7" not in app.active_bindings  # reopened: nothing to reopen until final again
        screen.query_one("#p-0-0", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "本结果取代此前已确定的结果（测评结果），重新打开的原因：张三的票数抄错" in text_of(
            screen, "#a-status"
        )
    outcome = appraisal_outcome(voting_db, 1)
    assert outcome.result.subjects[0].counts == (1, 1, 3)
