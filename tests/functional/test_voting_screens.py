"""The voting hub, the motion screen and the appraisal screen, driven with the keyboard.

The desk has 6 voting delegates (conftest ``desk_db``); five are checked in, so the quorum (4) is
met, and a motion on the default base passes with ``2*赞成 > 6``, i.e. at least 4 yes votes.
"""

import pytest
from textual.widgets import DataTable, Digits, Input

from models.appraisals import appraisal_outcome, new_appraisal
from models.motions import motion_outcome, new_motion, record_count
from models.rules.motion import MotionCount
from models.voting import list_items
from screens.appraisal import AppraisalScreen
from screens.items import ItemsScreen
from screens.motion import MotionScreen
from tests.helpers import check_in_codes, settle


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


@pytest.fixture
def voting_db(desk_db):
    check_in_codes(desk_db, ["D0001", "D0002", "D0003", "D0004", "D0005"])
    return desk_db


@pytest.fixture(autouse=True)
def _exports_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("HUIWU_EXPORT_DIR", str(tmp_path / "exports"))


async def open_motion(pilot, number: int) -> MotionScreen:
    await settle(pilot)
    pilot.app.push_screen(MotionScreen(number))
    await settle(pilot)
    assert isinstance(pilot.app.screen, MotionScreen)
    return pilot.app.screen


async def type_counts(pilot, *values) -> None:
    """Type values into the visible count fields in order (Tab between), without saving."""
    for i, value in enumerate(values):
        if i:
            await pilot.press("tab")
        await pilot.press(*str(value))
    await settle(pilot)


# ---------------------------------------------------------------------- the hub


async def test_f8_opens_the_hub_with_the_quorum_and_the_items(make_desk, voting_db):
    new_motion(voting_db, "关于工作报告的决议")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        hub = app.screen
        assert isinstance(hub, ItemsScreen)
        quorum = text_of(hub, "#vote-quorum")
        assert "应到 6 人，实到 5 人" in quorum and "已达法定人数" in quorum
        table = hub.query_one("#items", DataTable)
        assert table.row_count == 1
        row = [str(cell) for cell in table.get_row("1")]
        assert row[:3] == ["1", "表决事项", "关于工作报告的决议"]
        assert row[-1] == "未开始"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MotionScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ItemsScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#scan").has_focus


async def test_the_hub_shows_each_items_state(make_desk, voting_db):
    new_motion(voting_db, "甲决议")
    new_motion(voting_db, "乙决议")
    new_motion(voting_db, "丙决议", double_entry=True)
    record_count(voting_db, 1, MotionCount(4, 1, 0), method="hands")
    record_count(voting_db, 2, MotionCount(3, 2, 0), method="hands")
    record_count(voting_db, 3, MotionCount(4, 1, 0), method="hands")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        table = app.screen.query_one("#items", DataTable)
        states = [str(table.get_row(str(n))[-1]) for n in (1, 2, 3)]
        assert states == ["通过", "未通过", "待第二录入"]


async def test_the_hub_says_counting_until_keyed_ballots_are_complete(make_desk, voting_db):
    from models.elections import new_election, record_ballot
    from models.motions import record_motion_ballot
    from models.rules.election import Ballot
    from models.voting import issue, set_counted

    new_election(voting_db, "工会主席选举", seats=1, candidates="甲,乙")  # 1
    new_motion(voting_db, "关于集体合同的决议", important=True)  # 2
    new_election(voting_db, "经审委员选举", seats=1, candidates="丙,丁")  # 3
    issue(voting_db, 1, 5)
    issue(voting_db, 2, 5)
    issue(voting_db, 3, 4)
    for _ in range(4):
        record_ballot(voting_db, 1, Ballot(0, "o-"))
        record_motion_ballot(voting_db, 2, "yes")
        record_ballot(voting_db, 3, Ballot(0, "o-"))  # all 4 issued are back: complete
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        hub = app.screen
        table = hub.query_one("#items", DataTable)

        def states() -> list[str]:
            return [str(table.get_row(str(n))[-1]) for n in (1, 2, 3)]

        assert states() == ["计票中（已录 4/5 张）", "计票中（已录 4/5 张）", "已确定（当选 1 人）"]
        set_counted(voting_db, 1, True)
        set_counted(voting_db, 2, True)
        hub.request_reload()
        await settle(pilot)
        assert states() == ["当选 1 人（收回 4/5 张）", "通过", "已确定（当选 1 人）"]
        set_counted(voting_db, 1, False, reason="漏录")
        hub.request_reload()
        await settle(pilot)
        assert states()[0] == "计票中（已录 4/5 张）"


async def test_a_motion_is_created_in_the_dialog(make_desk, voting_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        assert "还没有事项" in text_of(app.screen, "#items-hint")
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("enter")  # an empty title is refused, the dialog stays
        await settle(pilot)
        assert "标题不能为空" in text_of(app.screen, "#error")
        await pilot.press(*"关于集体合同的决议", "tab", "space", "ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MotionScreen)
        assert "重要事项" in text_of(screen, "#m-title")
        assert "应到代表" in text_of(screen, "#m-settings")
    [item] = list_items(voting_db)
    assert item.title == "关于集体合同的决议"
    outcome = motion_outcome(voting_db, 1)
    assert outcome.item.important
    assert outcome.item.settings == {"base": "due", "comparator": "gt"}


# ---------------------------------------------------------------------- counting a motion


async def test_counts_that_do_not_add_up_are_named_in_red_and_not_saved(make_desk, voting_db):
    new_motion(voting_db, "关于工作报告的决议")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        assert "当前实到 5 人" in text_of(screen, "#m-roll")
        await type_counts(pilot, 4, 1, 1)
        assert "合计（赞成＋反对＋弃权）6 人 · 实到 5 人" in text_of(screen, "#m-sums")
        problems = text_of(screen, "#m-problems")
        assert "合计 6 人，超过实到代表 5 人" in problems
        await pilot.press("enter")
        await settle(pilot)
        assert "未保存" in text_of(screen, "#m-message")
        assert screen.query_one("#m-message").has_class("-error")
        # secret ballot: valid + invalid must equal returned, returned ≤ issued
        await pilot.press("f2")
        await settle(pilot)
        assert screen.query_one("#f-issued", Input).has_focus
        screen.query_one("#f-abstain", Input).value = ""
        screen.query_one("#f-issued", Input).value = "5"
        screen.query_one("#f-returned", Input).value = "6"
        screen.query_one("#f-yes", Input).value = "4"
        screen.query_one("#f-no", Input).value = "1"
        screen.query_one("#f-invalid", Input).value = "0"
        await settle(pilot)
        problems = text_of(screen, "#m-problems")
        assert "有效票（赞成+反对+弃权）5 加无效票 0 不等于收回票 6" in problems
        assert "收回 6 张，多于发出 5 张" in problems
        await pilot.press("enter")
        await settle(pilot)
    outcome = motion_outcome(voting_db, 1)
    assert outcome.entries == () and outcome.item.roll is None


async def test_without_the_quorum_nothing_is_counted(make_desk, desk_db):
    check_in_codes(desk_db, ["D0001", "D0002", "D0003"])  # 3 of 6: needs 4
    new_motion(desk_db, "关于工作报告的决议")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        assert "未达法定人数：还差 1 人" in text_of(screen, "#m-roll")
        assert screen.query_one("#m-roll").has_class("-error")
        await type_counts(pilot, 3, 0, 0)
        await pilot.press("enter")
        await settle(pilot)
        assert "不足三分之二（至少需 4 名），不能进行表决" in text_of(screen, "#m-message")
    assert motion_outcome(desk_db, 1).item.roll is None


async def test_a_passing_count_shows_passed_big(make_desk, voting_db):
    new_motion(voting_db, "关于工作报告的决议")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        assert "尚未计票" in text_of(screen, "#m-verdict")
        await type_counts(pilot, 4, 1, 0)
        assert text_of(screen, "#m-problems") == ""
        await pilot.press("enter")
        await settle(pilot)
        verdict = screen.query_one("#m-verdict")
        assert "通 过" in text_of(screen, "#m-verdict")
        assert verdict.has_class("-passed")
        assert screen.query_one("#m-yes", Digits).value == "4"
        explain = text_of(screen, "#m-explain")
        assert "赞成 4 票 · 反对 1 票 · 弃权 0 票" in explain
        assert "赞成票须超过应到代表 6 人的半数，即至少 4 票" in explain
        assert "恰好半数" not in explain
        assert "计票结果已确定" in text_of(screen, "#m-status")
        assert "表决名单已冻结：应到 6 人，实到 5 人" in text_of(screen, "#m-roll")
    outcome = motion_outcome(voting_db, 1)
    assert outcome.result.passed and outcome.final and outcome.item.method == "hands"


async def test_exactly_half_is_not_passed_and_says_so(make_desk, voting_db):
    new_motion(voting_db, "关于工作报告的决议")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await type_counts(pilot, 3, 2, 0)
        await pilot.press("enter")
        await settle(pilot)
        assert "未 通 过" in text_of(screen, "#m-verdict")
        assert screen.query_one("#m-verdict").has_class("-failed")
        assert "恰好半数，未通过" in text_of(screen, "#m-explain")


async def test_an_important_item_refuses_a_show_of_hands(make_desk, voting_db):
    new_motion(voting_db, "关于集体合同的决议", important=True)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        assert screen.method == "secret"
        assert screen.query_one("#box-issued").display
        await pilot.press("f2")
        await settle(pilot)
        assert screen.method == "secret"
        assert "重要事项必须采用无记名投票方式表决，不能举手表决" in text_of(screen, "#m-note")
        assert screen.query_one("#m-note").has_class("-error")
        await type_counts(pilot, 5, 5, 4, 1, 0, 0)  # 发出 收回 赞成 反对 弃权 无效
        assert text_of(screen, "#m-problems") == ""
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one("#m-verdict").has_class("-passed")
        assert "发出 5 张，收回 5 张，有效 5 张，无效 0 张" in text_of(screen, "#m-explain")
    assert motion_outcome(voting_db, 1).item.method == "secret"


async def test_the_second_entry_is_blind_and_a_disagreement_is_shown(make_desk, voting_db):
    new_motion(voting_db, "关于工作报告的决议", double_entry=True)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await type_counts(pilot, 4, 1, 0)
        await pilot.press("enter")
        await settle(pilot)
        assert "待第二录入" in text_of(screen, "#m-status")
        assert "待第二录入核对" in text_of(screen, "#m-verdict")
        await pilot.press("f3")
        await settle(pilot)
        # nothing of the first entry shows: empty fields, no verdict, no numbers
        assert all(screen.query_one(f"#f-{k}", Input).value == "" for k in ("yes", "no"))
        assert "第二录入（盲录）" in text_of(screen, "#m-verdict")
        assert screen.query_one("#m-yes", Digits).value == ""
        shown = text_of(screen, "#m-explain") + text_of(screen, "#m-status")
        assert "4" not in shown and "通过" not in shown
        await type_counts(pilot, 3, 2, 0)
        await pilot.press("enter")
        await settle(pilot)
        assert "两次录入不一致" in text_of(screen, "#m-verdict")
        explain = text_of(screen, "#m-explain")
        assert "赞成" in explain and "反对" in explain
        assert "4" not in explain  # still blind: the first clerk's figure is not shown
        await pilot.press("f3")  # the first entry's view names both figures
        await settle(pilot)
        status = text_of(screen, "#m-status")
        assert "赞成 第一录入 4 ≠ 第二录入 3" in status
        assert screen.query_one("#f-yes", Input).value == "4"
    outcome = motion_outcome(voting_db, 1)
    assert not outcome.final and {d.key for d in outcome.differences} == {"yes", "no"}


async def test_matching_second_entry_makes_the_count_final(make_desk, voting_db):
    new_motion(voting_db, "关于工作报告的决议", double_entry=True)
    record_count(voting_db, 1, MotionCount(4, 1, 0), method="hands")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await pilot.press("f3")
        await settle(pilot)
        await type_counts(pilot, 4, 1, 0)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one("#m-verdict").has_class("-passed")
        assert "两次录入一致" in text_of(screen, "#m-status")
    assert motion_outcome(voting_db, 1).final


async def test_a_show_of_hands_by_delegation(make_desk, voting_db):
    check_in_codes(voting_db, ["Z1"])  # 第一代表团 5 present, 第二代表团 1
    new_motion(voting_db, "关于工作报告的决议")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await pilot.press("f4")
        await settle(pilot)
        dialog = app.screen
        assert dialog.names == ["第一代表团", "第二代表团"]
        await pilot.press("9", "tab", "0", "tab", "0")
        await settle(pilot)
        assert "第一代表团：赞成、反对、弃权合计 9 人，超过实到代表 5 人" in text_of(
            dialog, "#hands-error"
        )
        await pilot.press("enter")  # refused: nothing saved
        await settle(pilot)
        assert motion_outcome(voting_db, 1).entries == ()
        await pilot.press("shift+tab", "shift+tab", "4", "tab", "1", "enter")
        await settle(pilot)
        assert "已保存 1/2" in text_of(dialog, "#hands-sum")
        assert dialog.query_one("#h-1-yes", Input).has_focus  # on to the next delegation
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        # one delegation of two: no verdict yet
        assert "按代表团计票中（1/2）" in text_of(screen, "#m-verdict")
        assert "已录 1/2 个代表团" in text_of(screen, "#m-status")
        await pilot.press("f4")
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#h-0-yes", Input).value == "4"  # the first entry's line
        await pilot.press("down", "1", "enter")
        await settle(pilot)
        assert "已保存 2/2" in text_of(dialog, "#hands-sum")
        await pilot.press("escape")
        await settle(pilot)
        assert screen.query_one("#m-verdict").has_class("-passed")
        assert screen.query_one("#m-yes", Digits).value == "5"
        assert "按代表团计数（已录 2 个代表团）" in text_of(screen, "#m-explain")
    outcome = motion_outcome(voting_db, 1)
    assert set(outcome.by_delegation) == {"第一代表团", "第二代表团"}
    assert outcome.result.yes == 5 and outcome.result.passed


async def test_export_writes_the_result_sheets(make_desk, voting_db, tmp_path):
    pytest.importorskip("models.io.result_export")
    new_motion(voting_db, "关于工作报告的决议")
    record_count(voting_db, 1, MotionCount(4, 1, 0), method="hands")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        await pilot.press("f9")
        await settle(pilot)
        assert "已导出" in text_of(screen, "#m-export")
    assert sorted(p.suffix for p in (tmp_path / "exports").iterdir()) == [".pdf", ".xlsx"]


async def test_english_motion_screen(make_desk, voting_db):
    new_motion(voting_db, "Work report")
    record_count(voting_db, 1, MotionCount(3, 2, 0), method="hands")
    app = make_desk("en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_motion(pilot, 1)
        assert "NOT PASSED" in text_of(screen, "#m-verdict")
        assert "Exactly half: not passed" in text_of(screen, "#m-explain")
        keys = {b.binding.description for b in app.active_bindings.values()}
        assert {"Method", "Export"} <= keys


# ---------------------------------------------------------------------- elections from the hub


async def test_an_election_opens_from_the_hub(make_desk, voting_db):
    election = pytest.importorskip("screens.election")
    from models.elections import new_election

    new_election(voting_db, "工会委员会委员选举", seats=1, candidates="甲,乙")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, election.ElectionScreen)


# ---------------------------------------------------------------------- appraisals


def test_subjects_are_read_one_a_line_as_name_and_post():
    from screens.new_appraisal import parse_subjects

    text = "张三 总经理\n\n李四\u3000工会主席\n 王五 \n赵六  党委副书记 兼 副总经理"
    assert parse_subjects(text) == [
        ("张三", "总经理"),
        ("李四", "工会主席"),
        ("王五", None),
        ("赵六", "党委副书记 兼 副总经理"),
    ]


async def test_an_appraisal_is_created_in_the_dialog(make_desk, voting_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"领导班子成员测评", "enter")
        await settle(pilot)
        await pilot.press(*"张三 总经理", "enter", *"李四 工会主席", "enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AppraisalScreen)
        assert "张三（总经理）" in text_of(app.screen, "#p-0 .a-name")
    outcome = appraisal_outcome(voting_db, 1)
    assert outcome.item.nominees == ("张三", "李四")
    assert outcome.item.posts == ("总经理", "工会主席")
    assert outcome.item.settings["scale"] == "sat3"


async def test_appraisal_counts_give_rate_and_grade(make_desk, voting_db):
    new_appraisal(
        voting_db, "领导班子成员测评", subjects=[("张三", "总经理"), ("李四", "工会主席")]
    )
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pilot.app.push_screen(AppraisalScreen(1))
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#s-issued", Input).has_focus
        await pilot.press("5", "tab", "5", "tab", "0", "enter")  # 发出 收回 无效
        await settle(pilot)
        assert "有效测评表 5 张" in text_of(screen, "#a-valid")
        assert screen.query_one("#p-0-0", Input).has_focus
        await pilot.press("4", "tab", "2", "tab", "0")
        await settle(pilot)
        assert "张三 的各等次合计 6 票，超过有效测评表 5 张" in text_of(screen, "#a-problems")
        await pilot.press("enter")
        await settle(pilot)
        assert "未保存" in text_of(screen, "#a-message")
        await pilot.press("shift+tab", "backspace", "1")
        await settle(pilot)
        assert text_of(screen, "#a-problems") == ""
        assert text_of(screen, "#p-0-blank") == "0"
        await pilot.press("enter")
        await settle(pilot)
        result = text_of(screen, "#p-0-result")
        assert "100.00%" in result and "满意" in result
        await pilot.press("1", "tab", "1", "tab", "2", "enter")  # 1 blank, 2 of 5 unsatisfied
        await settle(pilot)
        result = text_of(screen, "#p-1-result")
        assert "40.00%" in result and "不满意" in result and "⚠" in result
        assert "计票结果已确定" in text_of(screen, "#a-status")
    outcome = appraisal_outcome(voting_db, 1)
    assert outcome.final
    assert [s.grade for s in outcome.result.subjects] == ["satisfied", "unsatisfied"]


async def test_typed_rows_look_unsaved_enter_saves_them_all_and_esc_asks(make_desk, voting_db):
    new_appraisal(
        voting_db, "领导班子成员测评", subjects=[("张三", "总经理"), ("李四", "工会主席")]
    )
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pilot.app.push_screen(AppraisalScreen(1))
        await settle(pilot)
        screen = app.screen
        await pilot.press("5", "tab", "5", "tab", "0", "enter")
        await settle(pilot)
        # Both rows typed with Tab only: each says it is not saved, nothing is in the database.
        await pilot.press("4", "tab", "1", "tab", "0", "tab", "3", "tab", "2", "tab", "0")
        await settle(pilot)
        for row in (0, 1):
            assert screen.query_one(f"#p-{row}").has_class("-unsaved")
            assert "未保存" in text_of(screen, f"#p-{row}-result")
        assert appraisal_outcome(voting_db, 1).marked == ()
        await pilot.press("enter")  # in 李四's row: 张三's row is saved too
        await settle(pilot)
        assert appraisal_outcome(voting_db, 1).marked == ("张三", "李四")
        assert "已保存 2 人的票数" in text_of(screen, "#a-message")
        for row in (0, 1):
            assert not screen.query_one(f"#p-{row}").has_class("-unsaved")
            assert "%" in text_of(screen, f"#p-{row}-result")
        # A changed count, then Esc: asked first; Esc stays with the typing kept.
        screen.query_one("#p-0-0", Input).focus()
        await pilot.press("backspace", "3")
        await settle(pilot)
        assert screen.query_one("#p-0").has_class("-unsaved")
        await pilot.press("escape")
        await settle(pilot)
        words = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "1 人的票数已输入但未保存：张三" in words
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#p-0-0", Input).value == "3"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")  # throw the typing away
        await settle(pilot)
        assert app.screen is not screen
    counts = appraisal_outcome(voting_db, 1).result.subjects[0].counts
    assert tuple(counts) == (4, 1, 0)


@pytest.mark.parametrize("yes", [0, 5, 1])  # 未开始 (nothing counted), 通过, 未通过
async def test_the_motion_screen_leads_with_the_items_lists_status(make_desk, voting_db, yes):
    new_motion(voting_db, "关于《集体合同（草案）》的决议")
    if yes:
        record_count(voting_db, 1, MotionCount(yes, 5 - yes, 0), method="hands")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pilot.app.push_screen(ItemsScreen())
        await settle(pilot)
        listed = str(app.screen.query_one("#items", DataTable).get_row("1")[-1])
        pilot.app.push_screen(MotionScreen(1))
        await settle(pilot)
        line = text_of(app.screen, "#m-settings")
    assert listed == {0: "未开始", 5: "通过", 1: "未通过"}[yes]
    assert line.startswith(f"状态：{listed} · ")


async def test_the_appraisal_screen_leads_with_the_status_but_not_in_the_blind_entry(
    make_desk, voting_db
):
    new_appraisal(voting_db, "领导班子成员测评", subjects=[("张三", "总经理")])
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pilot.app.push_screen(AppraisalScreen(1))
        await settle(pilot)
        screen = app.screen
        assert text_of(screen, "#a-settings").startswith("状态：未开始 · ")
        await pilot.press("f3")
        await settle(pilot)
        assert "状态" not in text_of(screen, "#a-settings")


# ---------------------------------------------------------------------- snapshot


def test_motion_screen_with_a_result_in_chinese(snap_compare, make_desk, voting_db):
    new_motion(voting_db, "关于《集体合同（草案）》的决议", important=True)
    record_count(
        voting_db,
        1,
        MotionCount(3, 1, 0, issued=5, returned=5, invalid=1),
        method="secret",
    )

    async def open_the_motion(pilot):
        await settle(pilot)
        pilot.app.push_screen(MotionScreen(1))
        await settle(pilot)

    assert snap_compare(make_desk(), terminal_size=(120, 40), run_before=open_the_motion)
