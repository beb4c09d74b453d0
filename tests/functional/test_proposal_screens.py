"""The proposal screens driven with the keyboard at 120×40: the counter's capture form (badges
scanned into the fields), the registry with its filters and figures, and the detail with the
lifecycle steps in their dialogs.

The desk (conftest ``desk_db``) is the congress 三届二次 with delegates D0001–D0005 (代表1–5,
第一代表团) and Z1 张三丰 (第二代表团); the seconders minimum is the default, 2.
"""

import io
from datetime import date, timedelta

import pytest
from rich.console import Console
from rich.text import Text
from textual.widgets import Checkbox, DataTable, Digits, Input, OptionList, Select, TextArea

from models import proposals
from models.proposals import Draft
from screens.proposal_detail import ProposalDetailScreen
from screens.proposal_form import ProposalForm
from screens.proposal_stats import ProposalStatsScreen
from screens.proposal_step import AssignStep, ConfirmStep, MergeStep, RateStep
from screens.proposals import ProposalsScreen, clip
from tests.helpers import add_people, badge, event_count, settle
from tui.app import make_app
from tui.choice_strip import ChoiceStrip
from tui.confirm import ConfirmDialog
from tui.i18n import t
from tui.reason_prompt import ReasonPrompt

CANTEEN = "关于改善职工食堂就餐环境的提案"


def text_of(screen, selector: str) -> str:
    """A Static's text as the clerk reads it (rich tables rendered at 200 cells, no wrapping)."""
    widget = screen.query_one(selector)
    content = getattr(widget, "content", None)
    if content is None:
        content = widget.render()
    if isinstance(content, str | Text):
        return str(content)
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


def submit(db, title: str, category: str = "职工福利", proposer: str = "D0001", **extra):
    draft = Draft(
        title=title,
        category=category,
        proposers=(proposer,),
        seconders=extra.pop("seconders", ("D0002", "D0003")),
        **extra,
    )
    return proposals.submit_proposal(db, draft, operator="测试", station="测试台")


async def open_registry(pilot) -> ProposalsScreen:
    await settle(pilot)
    await pilot.press("f10")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProposalsScreen)
    return pilot.app.screen


async def open_form(pilot) -> ProposalForm:
    await open_registry(pilot)
    await pilot.press("f2")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProposalForm)
    return pilot.app.screen


async def type_into(pilot, selector: str, text: str, enter: bool = False) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.press(*text, *(["enter"] if enter else []))
    await settle(pilot)


async def keys(pilot, *names: str) -> None:
    """Key by key, each one's effect settled (a key that opens a dialog before the next)."""
    for name in names:
        await pilot.press(name)
        await settle(pilot)


async def scan(pilot, field: str, text: str, typed: bool = False) -> None:
    """The keyboard-wedge scanner: the badge's text in the focused field, then Enter. ``typed``
    sends it key by key as the scanner does; otherwise the field is filled at once (the same
    Enter handling, a quicker test)."""
    if typed:
        await type_into(pilot, f"#pf-{field}", text, enter=True)
        return
    field = pilot.app.screen.query_one(f"#pf-{field}", Input)
    field.focus()
    field.value = text
    await keys(pilot, "enter")


async def fill_form(pilot, db, title: str = CANTEEN, typed: bool = False) -> ProposalForm:
    form = pilot.app.screen
    await type_into(pilot, "#pf-title", title)
    await type_into(pilot, "#pf-category", "3")
    await scan(pilot, "proposer", badge(db, "D0001"), typed)
    for code in ("D0002", "D0003"):
        await scan(pilot, "seconder", badge(db, code), typed)
    return form


def people(form: ProposalForm, role: str) -> list[str]:
    return [p.code for p in form.people[role]]


# ---------------------------------------------------------------------- capture at the counter


async def test_scanned_badges_fill_the_form_and_submit_gives_the_number(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(pilot)
        assert text_of(form, "#pf-seconder-list").startswith("附议 0/2")
        await fill_form(pilot, desk_db, typed=True)
        assert people(form, "proposer") == ["D0001"]
        assert people(form, "seconder") == ["D0002", "D0003"]
        assert "代表1（第一代表团）" in text_of(form, "#pf-proposer-list")
        assert "代表个人" in text_of(form, "#pf-proposer-list")
        assert text_of(form, "#pf-seconder-list").startswith("附议 2/2 ✔")
        assert "✔ 已加入 代表3（第一代表团）" in text_of(form, "#pf-seconder-msg")
        assert form.query_one("#pf-category", ChoiceStrip).value == "职工福利"

        await type_into(pilot, "#pf-reason", "食堂座位不够")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert form.query_one("#pf-done").display
        assert form.query_one("#pf-done-number", Digits).value == "001"
        assert "已登记 三届二次-001" in text_of(form, "#pf-done-text")
        # cleared for the next delegate, the title field ready
        assert form.query_one("#pf-title", Input).value == ""
        assert form.query_one("#pf-reason", TextArea).text == ""
        assert form.query_one("#pf-category", ChoiceStrip).value is None
        assert form.people == {"proposer": [], "seconder": []}
        assert app.focused.id == "pf-title"
    stored = proposals.get_proposal(desk_db, 1)
    assert stored.row.title == CANTEEN
    assert stored.row.category == "职工福利"
    assert stored.reason == "食堂座位不够"
    assert [p.code for p in stored.proposers] == ["D0001"]
    assert [p.code for p in stored.seconders] == ["D0002", "D0003"]
    assert stored.history[0].station == "1号台"


async def test_enter_walks_the_form_past_the_delegation_choice(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(pilot)
        await type_into(pilot, "#pf-title", "关于职工体检的提案", enter=True)
        assert app.focused.id == "pf-category"
        await keys(pilot, "3")  # a digit picks the category and moves on to the proposer
        assert app.focused.id == "pf-proposer"
        assert form.query_one("#pf-category", ChoiceStrip).value == "职工福利"
        await pilot.press(*"D0001", "enter", "enter")
        await settle(pilot)
        assert app.focused.id == "pf-seconder"  # not the delegation list, which Enter would open
        await pilot.press(*"D0002", "enter", *"D0003", "enter", "enter")
        await settle(pilot)
        assert app.focused.id == "pf-reason"
        assert people(form, "proposer") == ["D0001"]
        assert people(form, "seconder") == ["D0002", "D0003"]
        await keys(pilot, "f2")
        assert form.query_one("#pf-done-number", Digits).value == "001"


async def test_the_next_delegate_gets_the_next_number(make_desk, desk_db):
    submit(desk_db, "关于增设职工书屋的提案", category="其他")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(pilot)
        await fill_form(pilot, desk_db)
        await pilot.press("f2")
        await settle(pilot)
        assert form.query_one("#pf-done-number", Digits).value == "002"
        assert "三届二次-002" in text_of(form, "#pf-done-text")
        # the cleared form submitted again is refused at the foot: nothing registered twice
        await pilot.press("f2")
        await settle(pilot)
        assert text_of(form, "#pf-message") == t("proposal.empty_title")
        assert not form.query_one("#pf-done").display
    assert len(proposals.list_proposals(desk_db)) == 2


async def test_a_forged_or_foreign_badge_adds_nobody(make_desk, desk_db):
    real = badge(desk_db, "D0002")
    forged = real[:-1] + ("A" if real[-1] != "A" else "B")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(pilot)
        await scan(pilot, "seconder", forged, typed=True)
        assert text_of(form, "#pf-seconder-msg") == t("proposal.forged_badge")
        await scan(pilot, "proposer", "HW1:OTHER:D0001:AAAAAAAAAAAAAAAA")
        assert text_of(form, "#pf-proposer-msg") == t("proposal.foreign_badge")
        await scan(pilot, "proposer", "X999")
        assert "X999" in text_of(form, "#pf-proposer-msg")
        assert form.people == {"proposer": [], "seconder": []}
        assert form.query_one("#pf-seconder", Input).value == ""  # ready for the next scan


async def test_people_are_checked_at_the_scan(make_desk, desk_db):
    add_people(desk_db, [("L1", "列席甲", "第一代表团", "attendee")])
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(pilot)
        await scan(pilot, "proposer", badge(desk_db, "D0001"))
        await scan(pilot, "seconder", badge(desk_db, "D0001"))
        assert "是提案人" in text_of(form, "#pf-seconder-msg")
        await scan(pilot, "seconder", badge(desk_db, "L1"))
        assert "不是正式代表" in text_of(form, "#pf-seconder-msg")
        await scan(pilot, "seconder", "D0002")  # a typed code works as well as a badge
        await scan(pilot, "seconder", badge(desk_db, "D0002"))
        assert "重复" in text_of(form, "#pf-seconder-msg")
        assert people(form, "seconder") == ["D0002"]
        # Backspace on the blank field takes the last one off
        await pilot.press("backspace")
        await settle(pilot)
        assert people(form, "seconder") == []
        assert "已删去 代表2" in text_of(form, "#pf-seconder-msg")


async def test_a_burst_of_scans_adds_each_badge_once(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(pilot)
        form.query_one("#pf-seconder").focus()
        keys = []
        for code in ("D0002", "D0003", "D0004"):
            keys += [*badge(desk_db, code), "enter"]
        await pilot.press(*keys)
        await settle(pilot)
        assert people(form, "seconder") == ["D0002", "D0003", "D0004"]
        assert text_of(form, "#pf-seconder-list").startswith("附议 3/2 ✔")


async def test_too_few_seconders_are_refused_and_the_form_kept(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(pilot)
        await type_into(pilot, "#pf-title", CANTEEN)
        await type_into(pilot, "#pf-category", "3")
        await scan(pilot, "proposer", badge(desk_db, "D0001"))
        await scan(pilot, "seconder", badge(desk_db, "D0002"))
        assert text_of(form, "#pf-seconder-list").startswith("附议 1/2")
        assert "✔" not in text_of(form, "#pf-seconder-list").split()[1]
        events = event_count(desk_db)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(form, "#pf-message") == "附议人只有 1 名，至少需要 2 名正式代表附议。"
        assert form.query_one("#pf-message").has_class("-error")
        assert form.query_one("#pf-title", Input).value == CANTEEN
        assert people(form, "proposer") == ["D0001"]
        assert people(form, "seconder") == ["D0002"]
        assert proposals.list_proposals(desk_db) == []
        assert event_count(desk_db) == events
        # one more seconder and it goes through
        await scan(pilot, "seconder", badge(desk_db, "D0003"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.query_one("#pf-done-number", Digits).value == "001"
        assert text_of(form, "#pf-message") == ""


async def test_a_delegation_proposal_and_a_joint_one(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(pilot)
        await type_into(pilot, "#pf-title", "关于增加夜班补贴的提案")
        await type_into(pilot, "#pf-category", "4")
        form.query_one("#pf-delegation", Select).value = "第二代表团"
        await settle(pilot)
        assert "代表团" in text_of(form, "#pf-proposer-list")
        for code in ("D0002", "D0003"):
            await scan(pilot, "seconder", badge(desk_db, code))
        await pilot.press("f2")
        await settle(pilot)
        await type_into(pilot, "#pf-title", "关于职工体检的提案")
        await type_into(pilot, "#pf-category", "3")
        await scan(pilot, "proposer", badge(desk_db, "D0001"))
        await scan(pilot, "proposer", badge(desk_db, "Z1"))
        assert "代表联名" in text_of(form, "#pf-proposer-list")
        for code in ("D0002", "D0003"):
            await scan(pilot, "seconder", badge(desk_db, code))
        await pilot.press("f2")
        await settle(pilot)
    rows = proposals.list_proposals(desk_db)
    assert [(r.proposer_kind, r.proposers) for r in rows] == [
        ("delegation", "第二代表团"),
        ("joint", "代表1、张三丰"),
    ]


async def test_f3_finds_the_proposer_by_pinyin(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press(*"zsf", "enter")
        await settle(pilot)
        assert app.screen is form
        assert people(form, "proposer") == ["Z1"]
        assert app.focused.id == "pf-proposer"


async def test_the_similar_panel_shows_an_earlier_proposal(make_desk, desk_db):
    submit(desk_db, CANTEEN)
    submit(desk_db, "关于增设职工书屋的提案", category="其他")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(pilot)
        await type_into(pilot, "#pf-title", "关于改善职工食堂伙食的提案")
        options = form.query_one("#pf-similar", OptionList)
        assert options.option_count == 1
        assert "三届二次-001" in str(options.get_option_at_index(0).prompt)
        assert CANTEEN in str(options.get_option_at_index(0).prompt)
        assert "相似提案" in text_of(form, "#pf-similar-hint")
        # F5 (even from 案由, where F6 would select a line) goes to the list, Enter opens the
        # earlier one; Esc comes back with the form intact
        form.query_one("#pf-reason").focus()
        await keys(pilot, "f5")
        assert app.focused.id == "pf-similar"
        await keys(pilot, "enter")
        assert isinstance(app.screen, ProposalDetailScreen)
        assert CANTEEN in text_of(app.screen, "#pd-fields")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#pf-title", Input).value == "关于改善职工食堂伙食的提案"


async def test_esc_asks_before_a_filled_form_is_thrown_away(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(pilot)
        await type_into(pilot, "#pf-title", "关于")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no: back to the form, nothing lost
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#pf-title", Input).value == "关于"
        await keys(pilot, "escape", "enter")
        assert isinstance(app.screen, ProposalsScreen)
        # an empty form leaves at once
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ProposalsScreen)


# ---------------------------------------------------------------------- the registry


@pytest.fixture
def registry_db(desk_db):
    """Four proposals: 001 食堂 accepted and assigned (overdue), 002 书屋 pending, 003 a delegation's
    on 夜班补贴 rejected, 004 食堂伙食 accepted."""
    submit(desk_db, CANTEEN)
    submit(desk_db, "关于增设职工书屋的提案", category="其他", proposer="Z1")
    submit(desk_db, "关于提高夜班补贴的提案", category="劳动保障", delegation="第二代表团")
    submit(desk_db, "关于改进食堂伙食的提案", proposer="D0004")
    proposals.accept_proposal(desk_db, 1)
    proposals.assign_proposal(desk_db, 1, department="后勤服务中心", due="2020-01-31")
    proposals.reject_proposal(desk_db, 3, reason="不属于本单位职权范围")
    proposals.accept_proposal(desk_db, 4)
    return desk_db


def shown_numbers(screen: ProposalsScreen) -> list[str]:
    table = screen.query_one("#pp-table", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_the_registry_lists_every_proposal_with_its_figures(make_desk, registry_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_registry(pilot)
        assert shown_numbers(screen) == ["001", "002", "003", "004"]
        table = screen.query_one("#pp-table", DataTable)
        first = [str(cell) for cell in table.get_row("1")]
        assert first == [
            "001",
            CANTEEN,
            "职工福利",
            "代表1",
            "已交办·超期",
            "后勤服务中心",
            "!2020-01-31",
        ]
        assert table.get_row("1")[6].style == "bold red"
        assert [str(c) for c in table.get_row("3")][3:5] == ["第二代表团", "不予立案"]
        stats = text_of(screen, "#pp-stats-line")
        assert "收到 4" in stats
        assert "立案 2" in stats
        assert "不予立案 1" in stats
        assert "待审查 1" in stats
        assert "超期 1" in stats
        assert table.border_title == "提案登记簿 · 三届二次"
        assert table.border_subtitle == "共 4 件"


async def test_the_registry_filters(make_desk, registry_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_registry(pilot)

        async def choose(key: str, value) -> None:
            select = screen.query_one(f"#pp-f-{key}", Select)
            if value is None:
                select.clear()
            else:
                select.value = value
            await settle(pilot)

        await choose("status", "accepted")
        assert shown_numbers(screen) == ["004"]
        await choose("status", None)
        await choose("category", "职工福利")
        assert shown_numbers(screen) == ["001", "004"]
        await choose("category", None)
        await choose("delegation", "第二代表团")
        assert shown_numbers(screen) == ["002", "003"]
        await choose("delegation", None)
        await choose("department", "后勤服务中心")
        assert shown_numbers(screen) == ["001"]
        assert screen.query_one("#pp-table", DataTable).border_subtitle == "筛选出 1 件 / 共 4 件"
        await choose("department", None)

        await pilot.press("slash")
        await pilot.press(*"食堂")
        await settle(pilot)
        assert shown_numbers(screen) == ["001", "004"]
        await pilot.press("enter")  # back to the table
        await settle(pilot)
        assert app.focused.id == "pp-table"

        await pilot.press("f5")  # clear
        await settle(pilot)
        assert shown_numbers(screen) == ["001", "002", "003", "004"]
        await pilot.press("f4")  # overdue only
        await settle(pilot)
        assert screen.query_one("#pp-f-overdue", Checkbox).value
        assert shown_numbers(screen) == ["001"]
        await pilot.press("f4")
        await settle(pilot)
        assert len(shown_numbers(screen)) == 4

        await choose("status", "merged")
        assert shown_numbers(screen) == []
        assert text_of(screen, "#pp-hint") == t("pp.list.none_match")


async def test_the_registry_shows_proposals_from_other_desks(make_desk, registry_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_registry(pilot)
        submit(registry_db, "关于设立职工子女暑期托管班的提案")  # another desk
        screen.request_reload()  # what the poll does every few seconds
        await settle(pilot)
        assert shown_numbers(screen)[-1] == "005"
        assert "收到 5" in text_of(screen, "#pp-stats-line")


async def test_statistics_by_category_and_delegation(make_desk, registry_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_registry(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ProposalStatsScreen)
        shown = text_of(app.screen, "#pp-stats-text")
        assert "按类别" in shown and "按代表团" in shown
        assert "职工福利" in shown and "第二代表团" in shown
        assert "合计" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ProposalsScreen)


async def test_f9_writes_the_compilation_and_the_registry(
    make_desk, registry_db, tmp_path, monkeypatch
):
    out = tmp_path / "exports"
    monkeypatch.setenv("HUIWU_EXPORT_DIR", str(out))
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_registry(pilot)
        await pilot.press("f9")
        await settle(pilot)
        message = text_of(screen, "#pp-message")
        assert not screen.query_one("#pp-message").has_class("-error"), message
    written = sorted(p.suffix for p in out.iterdir())
    assert written == [".pdf", ".xlsx"]
    assert str(out) in message


def test_clip_counts_wide_characters_as_two_cells():
    assert clip("关于改善食堂", 12) == "关于改善食堂"
    assert clip("关于改善职工食堂就餐环境", 12) == "关于改善职…"
    assert clip("ab关于", 5) == "ab关…"


# ---------------------------------------------------------------------- the detail and its steps


async def open_detail(pilot, number: int) -> ProposalDetailScreen:
    screen = await open_registry(pilot)
    table = screen.query_one("#pp-table", DataTable)
    table.move_cursor(row=table.get_row_index(str(number)))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProposalDetailScreen)
    return pilot.app.screen


def footer_actions(screen) -> set[str]:
    return {
        binding.action
        for _key, (_node, binding, enabled, _tip) in screen.active_bindings.items()
        if enabled and binding.show
    }


async def test_accept_assign_answer_and_an_unsatisfied_rating(make_desk, desk_db):
    submit(desk_db, CANTEEN)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        detail = await open_detail(pilot, 1)
        assert "已提交" in text_of(detail, "#pd-fields")
        steps = {"step('accept')", "step('suggest')", "step('reject')", "step('merge')"}
        assert steps <= footer_actions(detail)
        assert "step('answer')" not in footer_actions(detail)

        await keys(pilot, "f2", "enter")  # 立案, no remark
        assert app.screen is detail
        assert "已立案" in text_of(detail, "#pd-fields")
        assert text_of(detail, "#pd-message") == "已立案：现为「已立案」。"

        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, AssignStep)
        await pilot.press(*"工会办公室", "enter", *"2099-12-31", "enter")
        await settle(pilot)
        shown = text_of(detail, "#pd-fields")
        assert "已交办" in shown and "工会办公室" in shown and "2099-12-31" in shown

        await pilot.press("f8")
        await settle(pilot)
        await pilot.press(*"已增加座位", "enter", *"下月完工")
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = text_of(detail, "#pd-fields")
        assert "已答复" in shown and "已增加座位" in shown and "下月完工" in shown

        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, RateStep)
        await pilot.press("3")
        await settle(pilot)
        assert "第 2 轮" in text_of(app.screen, "#pp-rating-effect")
        await pilot.press("enter")
        await settle(pilot)
        shown = text_of(detail, "#pd-fields")
        assert "重新办理" in shown and "第 2 轮办理" in shown and "不满意" in shown
        assert footer_actions(detail) >= {"step('assign')"}
        assert not footer_actions(detail) & {"step('answer')", "step('rate')", "step('accept')"}

        history = text_of(detail, "#pd-history")
        for words in (
            "提交",
            "立案",
            "交办",
            "答复",
            "评价",
            "已答复 → 重新办理",
            "工会办公室 · 2099-12-31",
        ):
            assert words in history, words
        assert "1号台" in history
    stored = proposals.get_proposal(desk_db, 1)
    assert (stored.row.status, stored.row.rating, stored.row.round) == (
        "rehandling",
        "unsatisfied",
        2,
    )
    assert [h.action for h in stored.history] == ["submit", "accept", "assign", "answer", "rate"]


async def test_a_reject_without_reason_changes_nothing(make_desk, desk_db):
    submit(desk_db, CANTEEN)
    before = proposals.get_proposal(desk_db, 1)
    events = event_count(desk_db)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        detail = await open_detail(pilot, 1)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, ReasonPrompt)
        await pilot.press("enter")
        await settle(pilot)
        assert text_of(app.screen, "#error") == "不予立案须写明理由。"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is detail
        assert "已提交" in text_of(detail, "#pd-fields")
    assert proposals.get_proposal(desk_db, 1) == before
    assert event_count(desk_db) == events


async def test_a_reject_confirms_and_shows_its_reason(make_desk, desk_db):
    submit(desk_db, CANTEEN)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        detail = await open_detail(pilot, 1)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press(*"不属于本单位职权范围", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmStep)
        assert "不属于本单位职权范围" in text_of(app.screen, "#pp-reason")
        await pilot.press("escape")  # changed its mind: nothing happens
        await settle(pilot)
        assert proposals.get_proposal(desk_db, 1).row.status == "submitted"
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press(*"不属于本单位职权范围", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is detail
        shown = text_of(detail, "#pd-fields")
        assert "不予立案" in shown and "处理意见" in shown and "不属于本单位职权范围" in shown
        # F6 undoes the decision, again with a reason
        assert "step('reopen')" in footer_actions(detail)
    assert proposals.get_proposal(desk_db, 1).row.status == "rejected"


async def test_a_refused_merge_says_why_in_the_dialog(make_desk, desk_db):
    submit(desk_db, CANTEEN)
    submit(desk_db, "关于改进食堂伙食的提案")
    proposals.reject_proposal(desk_db, 1, reason="重复")
    events = event_count(desk_db)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        detail = await open_detail(pilot, 2)
        await pilot.press("f5")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MergeStep)
        await pilot.press("2")
        await settle(pilot)
        assert "三届二次-002" in text_of(dialog, "#pp-target-title")  # the target as it is typed
        await keys(pilot, "ctrl+s", "enter")  # confirmed, then refused by the service
        assert app.screen is dialog
        assert text_of(dialog, "#pp-step-error") == "提案不能并入它自己。"
        await keys(pilot, "backspace", "1", "ctrl+s", "enter")
        assert text_of(dialog, "#pp-step-error") == (
            "提案 三届二次-001 现为「不予立案」，不能作为并案的主提案。"
        )
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is detail
    assert proposals.get_proposal(desk_db, 2).row.status == "submitted"
    assert event_count(desk_db) == events


async def test_a_merge_confirmed_shows_both_ways(make_desk, desk_db):
    submit(desk_db, CANTEEN)
    submit(desk_db, "关于改进食堂伙食的提案")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        detail = await open_detail(pilot, 2)
        await keys(pilot, "f5", "1", "enter", "enter", "enter")  # target, blank note, yes
        assert app.screen is detail
        shown = text_of(detail, "#pd-fields")
        assert "已合并" in shown and "已并入" in shown and "三届二次-001" in shown
        assert "并入 三届二次-001" in text_of(detail, "#pd-history")
        await pilot.press("escape")
        await settle(pilot)
        assert shown_numbers(app.screen) == ["001", "002"]
        assert str(app.screen.query_one("#pp-table", DataTable).get_row("2")[4]) == "已合并"


async def test_a_bad_due_date_is_refused_in_the_assign_dialog(make_desk, desk_db):
    submit(desk_db, CANTEEN)
    proposals.accept_proposal(desk_db, 1)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, 1)
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press(*"工会办公室", "enter", *"2026-13-01", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AssignStep)
        assert (
            text_of(app.screen, "#pp-step-error") == "日期「2026-13-01」无效，请写成 2026-12-31。"
        )
    assert proposals.get_proposal(desk_db, 1).row.status == "accepted"


async def test_keys_of_steps_the_status_does_not_allow_do_nothing(make_desk, desk_db):
    submit(desk_db, CANTEEN)
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        detail = await open_detail(pilot, 1)
        await pilot.press("f8", "f9", "f7")
        await settle(pilot)
        assert app.screen is detail
    assert proposals.get_proposal(desk_db, 1).row.status == "submitted"


async def test_the_screens_in_english(make_desk, registry_db):
    app = make_desk("en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_registry(pilot)
        table = screen.query_one("#pp-table", DataTable)
        assert [str(c.label) for c in table.columns.values()][:2] == ["No.", "Title"]
        assert "Received 4" in text_of(screen, "#pp-stats-line")
        assert str(table.get_row("1")[4]) == "assigned, overdue"
        await pilot.press("enter")
        await settle(pilot)
        assert "History" in text_of(app.screen, "#pd-history")


# ---------------------------------------------------------------------- issue 17: at the counter


async def test_a_picked_category_hands_the_next_scan_to_the_proposer(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_form(pilot)
        await type_into(pilot, "#pf-category", "3")
        assert app.focused.id == "pf-proposer"
        await pilot.press(*badge(desk_db, "D0001"), "enter")  # the scanner types where focus is
        await settle(pilot)
        assert people(form, "proposer") == ["D0001"]
        assert form.query_one("#pf-category", ChoiceStrip).value == "职工福利"
        form.query_one("#pf-category").focus()
        await keys(pilot, "right")  # stepping with the arrows stays on the strip
        assert app.focused.id == "pf-category"


async def open_assign(pilot, db) -> AssignStep:
    submit(db, CANTEEN)
    proposals.accept_proposal(db, 1)
    await open_detail(pilot, 1)
    await keys(pilot, "f7")
    assert isinstance(pilot.app.screen, AssignStep)
    return pilot.app.screen


async def test_a_due_date_of_today_is_assigned_at_once(make_desk, desk_db):
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_assign(pilot, desk_db)
        await pilot.press(*"工会办公室", "enter", *date.today().isoformat(), "enter")
        await settle(pilot)
        assert not isinstance(app.screen, AssignStep | ConfirmDialog)
    assert proposals.get_proposal(desk_db, 1).row.due_date == date.today().isoformat()


async def test_a_due_date_of_yesterday_is_asked_about(make_desk, desk_db):
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_assign(pilot, desk_db)
        await pilot.press(*"工会办公室", "enter", *yesterday, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        question = text_of(app.screen, "#confirm-question")
        assert f"办理期限 {yesterday} 早于今天" in question and "补录" in question
        await keys(pilot, "escape")  # back to change it: nothing assigned
        assert app.screen is dialog and app.focused.id == "pp-due"
        assert proposals.get_proposal(desk_db, 1).row.status == "accepted"
        await keys(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        await keys(pilot, "enter")  # yes: an earlier assignment recorded
        assert not isinstance(app.screen, AssignStep | ConfirmDialog)
    assert proposals.get_proposal(desk_db, 1).row.due_date == yesterday


async def test_a_second_round_reply_starts_empty_below_the_earlier_one(make_desk, desk_db):
    submit(desk_db, CANTEEN)
    proposals.accept_proposal(desk_db, 1)
    proposals.assign_proposal(desk_db, 1, department="后勤服务中心", due="2099-12-31")
    proposals.answer_proposal(desk_db, 1, reply="已增加座位。")
    proposals.rate_proposal(desk_db, 1, "不满意")
    proposals.assign_proposal(desk_db, 1, department="后勤服务中心", due="2099-12-31")
    app = make_desk()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, 1)
        await keys(pilot, "f8")
        assert app.screen.query_one("#pp-reply", TextArea).text == ""
        assert text_of(app.screen, "#pp-earlier-reply") == "已增加座位。"
        await pilot.press(*"新增两个窗口")
        await keys(pilot, "ctrl+s")
    assert proposals.get_proposal(desk_db, 1).reply == "新增两个窗口"


async def test_the_handler_column_names_the_operator_else_the_desk(desk_db):
    draft = Draft(title=CANTEEN, category="职工福利", proposers=("D0001",),
                  seconders=("D0002", "D0003"))  # fmt: skip
    proposals.submit_proposal(desk_db, draft, operator="cli", station="2号台")  # no --operator
    app = make_app(database=desk_db, station="1号台", operator="王秘书")
    async with app.run_test(size=(120, 40)) as pilot:
        detail = await open_detail(pilot, 1)
        await keys(pilot, "f2", "enter")  # 立案 by 王秘书 at 1号台
        rows = text_of(detail, "#pd-history").splitlines()
    submitted = next(line for line in rows if "已提交" in line and "→" not in line)
    accepted = next(line for line in rows if "→ 已立案" in line)
    assert submitted.rstrip().endswith("2号台") and "cli" not in submitted
    assert accepted.rstrip().endswith("王秘书") and "1号台" not in accepted
    stored = proposals.get_proposal(desk_db, 1).history
    assert [(h.operator, h.station) for h in stored] == [("cli", "2号台"), ("王秘书", "1号台")]


def test_the_desk_takes_its_operator_from_the_environment(desk_db, monkeypatch):
    assert make_app(database=desk_db, station="1号台").operator == "1号台"  # none: the desk
    monkeypatch.setenv("HUIWU_OPERATOR", "  李  干事 ")
    assert make_app(database=desk_db, station="1号台").operator == "李 干事"
    assert make_app(database=desk_db, station="1号台", operator="王秘书").operator == "王秘书"
