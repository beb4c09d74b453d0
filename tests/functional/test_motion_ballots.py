"""Secret ballots on a motion keyed one by one (RULES.md §2: "ballots entered one by one"), on the
motion screen (F5, one keystroke per ballot) and through `huiwu motion issue/ballot/ballot-undo`.

The desk has 30 voting delegates, 24 of them checked in: the quorum is met (3*24 >= 2*30) and a
motion on the default base passes with 2*赞成 > 30, i.e. at least 16 yes votes.
"""

import json
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from textual import events
from textual.widgets import Static

from main import cli
from models.congress import create_congress, create_sitting
from models.db import open_database
from models.motions import entry_ballots, motion_outcome, new_motion, record_motion_ballot
from models.voting import issue
from screens.issue_ballots import IssueDialog
from screens.motion import MotionScreen
from tests.helpers import seat_voters, settle
from tui.app import make_app
from tui.i18n import t
from tui.motion_ballots import MotionBallots
from tui.reason_prompt import ReasonPrompt

KEYS = {"yes": "1", "no": "2", "abstain": "3", "invalid": "0"}
LETTERS = {"yes": "y", "no": "n", "abstain": "a", "invalid": "i"}


@pytest.fixture
def ballot_db(tmp_path):
    db = open_database(tmp_path / "ballots.db")
    create_congress(db, "测试公司第三届职工代表大会第二次会议", kind="职代会", term=3, session=2)
    create_sitting(db, "第一次全体会议")
    seat_voters(db, 30, 24, delegations=("第一代表团", "第二代表团", "第三代表团"))
    yield db
    db.dispose()


@pytest.fixture
def make_desk(ballot_db):
    def build(lang: str = "zh"):
        app = make_app(database=ballot_db, lang=lang, station="1号台")
        app.bells = []
        app.bell = lambda: app.bells.append(1)
        return app

    return build


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def panel_lines(screen) -> list[str]:
    return screen.query_one(MotionBallots).render().plain.splitlines()


async def open_motion(pilot, number: int) -> MotionScreen:
    await settle(pilot)
    pilot.app.push_screen(MotionScreen(number))
    await settle(pilot)
    assert isinstance(pilot.app.screen, MotionScreen)
    return pilot.app.screen


def stored(db, number: int = 1, entry: int = 1) -> list[str]:
    return [choice for _, choice in entry_ballots(db, number, entry).ballots]


# ---------------------------------------------------------------------- keying at speed


async def test_a_burst_of_ballots_is_stored_in_order_with_the_tally_and_result(
    make_desk, ballot_db
):
    new_motion(ballot_db, "关于《集体合同（草案）》的决议", important=True)
    choices = ["yes"] * 16 + ["no"] * 3 + ["abstain"] * 2 + ["invalid"]
    order = [choices[(i * 7) % len(choices)] for i in range(len(choices))]  # well mixed
    assert sorted(order) == sorted(choices)
    keys = [(KEYS if i % 2 else LETTERS)[c] for i, c in enumerate(order)]  # digits and letters
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        assert not screen.keying and screen.query_one("#f-issued").display
        await pilot.press("f5")  # nothing issued yet: the 发出 dialog opens first
        await settle(pilot)
        assert isinstance(app.screen, IssueDialog)
        await pilot.press("2", "4", "enter")
        await settle(pilot)
        assert app.screen is screen and screen.keying
        panel = screen.query_one(MotionBallots)
        assert panel.has_focus and not screen.query_one("#m-fields").display
        assert "已登记发出 24 张" in text_of(screen, "#m-message")
        assert "下一张：第 1 号" in panel_lines(screen)[0]
        await pilot.press(*keys)  # one burst, never waiting for the database
        await settle(pilot)
        lines = panel_lines(screen)
        assert "下一张：第 23 号" in lines[0]
        assert "收回 22 张 / 发出 24 张（还可录 2 张）" in lines[0]
        assert lines[1].split() == ["赞成", "16", "反对", "3", "弃权", "2", "无效", "1"]
        assert "22" + t(f"choice.{order[-1]}") in lines[2]
        assert screen.query_one("#m-verdict").has_class("-passed")
        assert screen.query_one("#m-yes").value == "16"
        explain = text_of(screen, "#m-explain")
        assert "赞成 16 票 · 反对 3 票 · 弃权 2 票" in explain
        assert "发出 24 张，收回 22 张，有效 21 张，无效 1 张" in explain
        assert "赞成票须超过应到代表 30 人的半数，即至少 16 票" in explain
        assert app.bells == []
    assert stored(ballot_db) == order
    assert [n for n, _ in entry_ballots(ballot_db, 1).ballots] == list(range(1, 23))
    outcome = motion_outcome(ballot_db, 1)
    assert outcome.result.passed and outcome.ballots_keyed == 22
    assert outcome.item.method == "secret" and outcome.item.issued == 24


async def test_the_result_flips_as_the_yes_votes_arrive(make_desk, ballot_db):
    new_motion(ballot_db, "关于工资调整方案的决议", important=True)
    issue(ballot_db, 1, 24)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await pilot.press("f5")
        await settle(pilot)
        assert "逐张录入：每张选票按一个键" in text_of(screen, "#m-message")
        await pilot.press(*"1" * 15)
        await settle(pilot)
        assert screen.query_one("#m-verdict").has_class("-failed")  # 2*15 = 30, not more
        assert "恰好半数，未通过" in text_of(screen, "#m-explain")
        await pilot.press("1")
        await settle(pilot)
        assert screen.query_one("#m-verdict").has_class("-passed")


# ---------------------------------------------------------------------- refusals


async def test_more_ballots_than_issued_are_refused_with_nothing_stored(make_desk, ballot_db):
    new_motion(ballot_db, "关于集体合同的决议", important=True)
    issue(ballot_db, 1, 3)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("1", "2", "1")
        await settle(pilot)
        assert app.bells == []
        await pilot.press("1", "3")  # the stack holds only 3 ballots
        await settle(pilot)
        message = screen.query_one("#m-message")
        assert "收回 4 张，多于发出 3 张" in text_of(screen, "#m-message")
        assert message.has_class("-error")
        assert len(app.bells) == 2
        assert "收回 3 张 / 发出 3 张" in panel_lines(screen)[0]
        await pilot.press("x")  # not a ballot key
        await settle(pilot)
        assert "「x」不是选票按键" in text_of(screen, "#m-message")
    assert stored(ballot_db) == ["yes", "no", "yes"]


async def test_keying_before_issuing_is_refused(make_desk, ballot_db):
    new_motion(ballot_db, "关于集体合同的决议", important=True)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, IssueDialog)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert "请先登记发出的票数" in text_of(screen, "#m-message")
        assert screen.query_one("#m-message").has_class("-error") and app.bells
        assert "发出：未登记" in panel_lines(screen)[0]
    assert stored(ballot_db) == []
    assert motion_outcome(ballot_db, 1).item.roll is None  # nothing started


async def test_a_refusal_from_the_database_drops_the_rest_of_the_queue(make_desk, ballot_db):
    new_motion(ballot_db, "关于集体合同的决议", important=True)
    issue(ballot_db, 1, 24)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await pilot.press("f5")
        await settle(pilot)
        issue(ballot_db, 1, 2)  # another desk corrects 发出 meanwhile: this screen still says 24
        panel = screen.query_one(MotionBallots)
        for key in "1211":  # a burst faster than the database answers: all four are queued
            panel.post_message(events.Key(key, key))
        await settle(pilot)
        message = text_of(screen, "#m-message")
        # 2 of 2 in: the result is final, the third is refused with the key that reopens it
        assert "第1项计票结果已确定（未通过），不能再改。如需更正，请先按 F7" in message
        assert "第 3 号起 2 张未保存" in message and screen.query_one("#m-message").has_class(
            "-error"
        )
        assert "收回 2 张 / 发出 2 张" in panel_lines(screen)[0]  # it has caught up
    assert stored(ballot_db) == ["yes", "no"]


async def test_ballots_cannot_be_keyed_into_an_entry_counted_as_totals(make_desk, ballot_db):
    from models.motions import record_count
    from models.rules.motion import MotionCount

    new_motion(ballot_db, "关于集体合同的决议", important=True)
    count = MotionCount(18, 2, 1, issued=24, returned=22, invalid=1)
    record_count(ballot_db, 1, count, method="secret")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await pilot.press("f5")
        await settle(pilot)
        assert not screen.keying
        assert "本录入已按总数计票，不能再逐张录入选票" in text_of(screen, "#m-message")
        assert app.bells
    assert stored(ballot_db) == []


async def test_ballot_keying_needs_a_secret_ballot(make_desk, ballot_db):
    new_motion(ballot_db, "关于工作报告的决议")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        assert screen.method == "hands"
        await pilot.press("f5")
        await settle(pilot)
        assert "逐张录入只适用于无记名投票" in text_of(screen, "#m-message")
        assert not screen.keying
        await pilot.press("f2", "f5")
        await settle(pilot)
        assert screen.keying and isinstance(app.screen, IssueDialog)


# ---------------------------------------------------------------------- undo


async def test_ctrl_z_takes_back_the_last_ballot_with_a_reason(make_desk, ballot_db):
    new_motion(ballot_db, "关于集体合同的决议", important=True)
    issue(ballot_db, 1, 24)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("1", "2", "3", "ctrl+z")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, ReasonPrompt)
        prompt_text = "".join(str(widget.render()) for widget in prompt.query(Static))
        assert "撤回第一录入的第 3 号票（弃权）。请写明原因" in prompt_text
        await pilot.press("enter")  # a reason is required
        await settle(pilot)
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press(*"按错键", "enter")
        await settle(pilot)
        assert app.screen is screen and screen.query_one(MotionBallots).has_focus
        assert "已撤回第一录入的第 3 号票（弃权）：按错键" in text_of(screen, "#m-message")
        lines = panel_lines(screen)
        assert "下一张：第 3 号" in lines[0] and "收回 2 张" in lines[0]
        assert lines[1].split()[:4] == ["赞成", "1", "反对", "1"]
        await pilot.press("0")
        await settle(pilot)
    assert entry_ballots(ballot_db, 1).ballots == ((1, "yes"), (2, "no"), (3, "invalid"))
    from sqlalchemy import select

    from models.audit import T_EVENT

    with ballot_db.read() as conn:
        kinds = [row.kind for row in conn.execute(select(T_EVENT)).all()]
    assert kinds.count("motion.ballot_undo") == 1 and kinds.count("motion.ballot") == 4


# ---------------------------------------------------------------------- the blind second entry


async def test_the_second_entry_is_blind_and_a_disagreement_is_named_by_ballot(
    make_desk, ballot_db
):
    new_motion(ballot_db, "关于集体合同的决议", important=True, double_entry=True)
    issue(ballot_db, 1, 24)
    first = ["yes", "yes", "no", "yes", "abstain", "yes", "invalid", "yes", "yes", "no"]
    for choice in first:
        record_motion_ballot(ballot_db, 1, choice)
    second = list(first)
    second[3], second[6] = "no", "yes"  # ballots 4 and 7 keyed differently
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        assert screen.keying  # ballots were keyed: the screen opens on ballot keying
        assert "收回 10 张 / 发出 24 张" in panel_lines(screen)[0]
        await pilot.press("f3")
        await settle(pilot)
        lines = panel_lines(screen)
        assert "第二录入已录 0 张" in lines[0] and "下一张：第 1 号" in lines[0]
        assert lines[1] == t("vui.mb.blind")  # no tally at all
        assert "第二录入（盲录）" in text_of(screen, "#m-verdict")
        assert screen.query_one("#m-yes").value == ""
        await pilot.press(*(KEYS[c] for c in second[:3]))  # agreeing so far
        await settle(pilot)
        assert "第二录入已录 3 张" in panel_lines(screen)[0]
        assert panel_lines(screen)[1] == t("vui.mb.blind")
        shown = text_of(screen, "#m-verdict") + text_of(screen, "#m-explain")
        assert "第二录入已录 3 张" in shown and "张数还不相同" in shown
        assert "通过" not in shown and "不一致" not in shown
        await pilot.press(*(KEYS[c] for c in second[3:9]))
        await settle(pilot)
        explain = text_of(screen, "#m-explain")
        assert "第 4 号票、第 7 号票" in explain and "张数也不相同" in explain
        await pilot.press(KEYS[second[9]])
        await settle(pilot)
        assert "张数" not in text_of(screen, "#m-explain")
        assert "两次录入不一致" in text_of(screen, "#m-verdict")
        explain = text_of(screen, "#m-explain")
        assert "第 4 号票、第 7 号票" in explain
        assert "赞成" not in explain and "反对" not in explain  # still blind: no values
        assert screen.query_one("#m-yes").value == ""
        await pilot.press("f3")  # the first entry's view names both sides
        await settle(pilot)
        status = text_of(screen, "#m-status")
        assert "第 4 号票 第一录入 赞成 ≠ 第二录入 反对" in status
        assert "第 7 号票 第一录入 无效 ≠ 第二录入 赞成" in status
        assert screen.query_one("#m-verdict").has_class("-check")
    outcome = motion_outcome(ballot_db, 1)
    assert [d.key for d in outcome.differences] == ["4", "7"] and not outcome.final
    assert stored(ballot_db, entry=2) == second


async def test_matching_second_entry_makes_the_ballots_final(make_desk, ballot_db):
    new_motion(ballot_db, "关于集体合同的决议", important=True, double_entry=True)
    issue(ballot_db, 1, 24)
    first = ["yes"] * 17 + ["no"] * 2
    for choice in first:
        record_motion_ballot(ballot_db, 1, choice)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        assert "计票中（已录 19/发出 24）" in text_of(screen, "#m-status")
        assert "计票中（已录 19/发出 24）" in text_of(screen, "#m-verdict")
        await close_count(pilot, screen, returned=19, issued=24)
        assert "待第二录入" in text_of(screen, "#m-status")
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press(*(KEYS[c] for c in first))  # the blind second entry goes on
        await settle(pilot)
        assert screen.query_one("#m-verdict").has_class("-passed")
        assert "（已录 19/24 张）" in text_of(screen, "#m-verdict")
        status = text_of(screen, "#m-status")
        assert "两次录入一致" in status and "已逐张录入 19 张，发出 24 张" in status
    assert motion_outcome(ballot_db, 1).final


async def close_count(pilot, screen, *, returned: int, issued: int) -> None:
    """F7 计票完毕, confirmed with Enter in the dialog that states the ballots returned."""
    from tui.confirm import ConfirmDialog

    await pilot.press("f7")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ConfirmDialog)
    question = "".join(str(widget.render()) for widget in dialog.query(Static))
    assert f"收回 {returned} 张 / 发出 {issued} 张，确认全部选票已录入？" in question
    assert "计票完毕后第一录入不能再改，除非说明原因重新打开" in question
    await pilot.press("enter")
    await settle(pilot)
    assert pilot.app.screen is screen
    assert text_of(screen, "#m-message").startswith("✔ 计票完毕")
    assert "计票完毕" in text_of(screen, "#m-title")


def f7_label(app) -> str | None:
    active = app.active_bindings.get("f7")
    return active.binding.description if active else None


async def test_a_closed_count_refuses_first_entry_ballots_until_reopened(make_desk, ballot_db):
    new_motion(ballot_db, "关于集体合同的决议", important=True)
    issue(ballot_db, 1, 24)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        assert f7_label(app) is None  # F7 belongs to ballot by ballot
        await pilot.press("f5")
        await settle(pilot)
        assert f7_label(app) == "计票完毕"
        await pilot.press(*"1" * 16, "2", "2")
        await settle(pilot)
        assert "计票中（已录 18/发出 24）" in text_of(screen, "#m-status")
        assert not motion_outcome(ballot_db, 1).final
        await close_count(pilot, screen, returned=18, issued=24)
        assert f7_label(app) == "重新打开"
        assert screen.query_one("#m-verdict").has_class("-passed")
        assert "计票结果已确定" in text_of(screen, "#m-status")
        assert "计票完毕" in panel_lines(screen)[0]
        bells = len(app.bells)
        await pilot.press("1", "ctrl+z")  # refused at once: nothing queued, no undo prompt
        await settle(pilot)
        assert app.screen is screen and len(app.bells) == bells + 2
        assert "第1项已计票完毕" in text_of(screen, "#m-message")
        assert not screen.query_one(MotionBallots).busy
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press(*"漏录两张", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert "已重新打开计票，原因：漏录两张" in text_of(screen, "#m-message")
        assert f7_label(app) == "计票完毕"
        await pilot.press("3")
        await settle(pilot)
        assert "计票中（已录 19/发出 24）" in text_of(screen, "#m-status")
    assert stored(ballot_db) == ["yes"] * 16 + ["no", "no", "abstain"]
    assert not motion_outcome(ballot_db, 1).item.counted


async def test_back_to_totals_shows_the_keyed_ballots_counts(make_desk, ballot_db):
    new_motion(ballot_db, "关于集体合同的决议", important=True)
    issue(ballot_db, 1, 24)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await pilot.press("f5", "1", "1", "2", "0")
        await pilot.press("f5")
        await settle(pilot)
        assert not screen.keying
        assert "已逐张录入 4 张选票" in text_of(screen, "#m-message")
        values = {k: screen.query_one(f"#f-{k}").value for k in ("issued", "returned", "yes")}
        assert values == {"issued": "24", "returned": "4", "yes": "2"}


async def test_english_ballot_keying(make_desk, ballot_db):
    new_motion(ballot_db, "Collective contract", important=True)
    issue(ballot_db, 1, 24)
    app = make_desk("en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await pilot.press("f5", "y", "n", "a", "i")
        await settle(pilot)
        lines = panel_lines(screen)
        assert "Next: ballot 5" in lines[0] and "returned 4 / issued 24" in lines[0]
        assert lines[1].split() == ["Yes", "1", "No", "1", "Abstain", "1", "Invalid", "1"]
        keys = {b.binding.description for b in app.active_bindings.values()}
        assert {"Ballot by ballot", "Issued", "Undo ballot"} <= keys


# ---------------------------------------------------------------------- the CLI


def run(db, *args, lang=None):
    env = {"HUIWU_DB": str(db), "HUIWU_STATION": "1号台", "HUIWU_LANG": lang}
    outcome = CliRunner().invoke(cli, list(args), env=env)
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.exc_info
    assert "Traceback" not in outcome.stderr
    return SimpleNamespace(code=outcome.exit_code, stdout=outcome.stdout, stderr=outcome.stderr)


def run_json(db, *args):
    proc = run(db, *args, "--json")
    assert proc.code == 0, proc.stderr
    return json.loads(proc.stdout)


def test_cli_issue_ballots_undo_and_result(ballot_db, tmp_path):
    path = tmp_path / "ballots.db"
    new_motion(ballot_db, "关于集体合同的决议", important=True)
    issued = run_json(path, "motion", "issue", "1", "20")
    assert issued["issued"] == 20 and issued["roll"]["present"] == 24
    words = ["yes", "赞成", "yes", "no", "abstain", "invalid", "YES", "反对"] + ["yes"] * 12
    for number, word in enumerate(words, 1):
        receipt = run_json(path, "motion", "ballot", "1", word)
        assert receipt["ballot"] == number and receipt["keyed"] == number
    assert receipt["issued"] == 20 and receipt["choice"] == "yes"
    over = run(path, "motion", "ballot", "1", "yes")  # the 21st of 20: 20 in, the result is final
    assert over.code == 1 and "第1项计票结果已确定（通过）" in over.stderr
    assert "huiwu reopen 1 --reason" in over.stderr
    result = run_json(path, "result", "1")
    assert result["yes"] == 16 and result["no"] == 2 and result["abstain"] == 1
    assert result["invalid"] == 1 and result["returned"] == 20 and result["issued"] == 20
    assert result["passed"] is True and result["threshold"] == 16 and result["method"] == "secret"
    assert result["locked"] and result["replaces"] is None
    assert run(path, "reopen", "1", "--reason", "第20号票录重了").code == 0
    over = run(path, "motion", "ballot", "1", "yes")
    assert over.code == 1 and "收回 21 张，多于发出 20 张" in over.stderr
    undone = run(path, "motion", "ballot-undo", "1", "20", "--reason", "重复录入")
    assert undone.code == 0
    assert "已撤回第 20 号票（赞成），原因：重复录入（已录 19 张）" in undone.stdout
    result = run_json(path, "result", "1")
    assert result["yes"] == 15 and result["passed"] is False and result["exactly_on_line"]
    missing = run(path, "motion", "ballot-undo", "1", "99", "--reason", "x", lang="en")
    assert missing.code == 1 and "There is no ballot 99" in missing.stderr
    no_reason = run(path, "motion", "ballot-undo", "1", "20", "--reason", " ")
    assert no_reason.code == 1 and len(stored(ballot_db)) == 19
    text = run(path, "motion", "ballot", "1", "赞成")
    assert "第 20 号票 赞成（已录 20 张，发出 20 张）" in text.stdout
    result = run_json(path, "result", "1")
    assert result["yes"] == 16 and result["replaces"]["reason"] == "第20号票录重了"
    assert (
        "本结果取代此前已确定的结果（通过），重新打开的原因：第20号票录重了"
        in run(path, "result", "1").stdout
    )
    assert run(path, "motion", "ballot", "1", "maybe").code == 2  # usage


def test_cli_second_entry_and_a_disagreement(ballot_db, tmp_path):
    path = tmp_path / "ballots.db"
    new_motion(ballot_db, "关于集体合同的决议", important=True, double_entry=True)
    run_json(path, "motion", "issue", "关于集体合同的决议", "20")
    for word in ["yes"] * 16 + ["no"]:
        run_json(path, "motion", "ballot", "1", word)
    for word in ["yes"] * 15 + ["no", "no"]:
        receipt = run_json(path, "motion", "ballot", "1", word, "--entry", "2")
    assert receipt["entry"] == 2 and receipt["keyed"] == 17
    result = run_json(path, "result", "1")
    assert result["final"] is False
    assert result["differences"] == [
        {"where": "ballot", "key": "16", "first": "yes", "second": "no"}
    ]
    text = run(path, "result", "1").stdout
    assert "第16号票：第一次录入 赞成；第二次录入 反对" in text
    fixed = run(path, "motion", "ballot-undo", "1", "17", "--reason", "看错", "--entry", "2")
    assert fixed.code == 0
    run(path, "motion", "ballot-undo", "1", "16", "--reason", "看错", "--entry", "2")
    run_json(path, "motion", "ballot", "1", "yes", "--entry", "2")
    run_json(path, "motion", "ballot", "1", "no", "--entry", "2")
    result = run_json(path, "result", "1")
    assert result["final"] is False and result["counted"] is False  # 17 of 20: still counting
    assert run(path, "close", "1").code == 0
    result = run_json(path, "result", "1")
    assert result["final"] is True and result["passed"] is True and result["yes"] == 16


def test_cli_issue_refuses_an_election(ballot_db, tmp_path):
    from models.elections import new_election

    new_election(ballot_db, "工会委员会委员选举", seats=1, candidates="甲,乙")
    proc = run(tmp_path / "ballots.db", "motion", "issue", "1", "20")
    assert proc.code == 1 and "「1」不是表决事项" in proc.stderr
    from models.voting import load_item

    with ballot_db.read() as conn:
        item = load_item(conn, 1)
    assert item.issued is None and item.roll is None  # nothing changed
