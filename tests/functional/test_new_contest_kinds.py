"""Every kind of contest the CLI can create, made from the TUI at 80×24 (issue 17): the new-contest
dialog's kinds (评委打分, 评分细则, 多赛段加权, 计量成绩, 知识竞赛) give the same contest as `huiwu
contest new` with the same options — compared through `contest show --json` on one database —
a refusal shows in the dialog and creates nothing; E adds an event of any kind, T sets the
tie-breakers, and the entrant dialog takes a team and its members."""

from decimal import Decimal

import pytest
from textual.widgets import Input, Select, Static

from models import contests
from models.rules.scoring import LOWER, MEASURED, PANEL, Criterion, Stage
from screens.new_contest import NewContestDialog
from screens.new_event import NewEventDialog
from screens.tie_breakers import TieBreakersDialog
from tests.functional.test_cli_voting import run, run_json
from tests.helpers import settle

SIZE = (80, 24)

# kind → (dialog fields, the `huiwu contest new` options that make the same contest)
KINDS = {
    "panel": (
        {"judges": "7", "trim": "2", "decimals": "3", "max": "10", "judge_names": "王老师,李老师",
         "awards": "一等奖:1,二等奖:2", "tiebreak": "未修约分", "team_score": "mean"},
        ["--judges", "7", "--trim", "2", "--decimals", "3", "--max", "10",
         "--judge-names", "王老师,李老师", "--awards", "一等奖:1,二等奖:2",
         "--tiebreak", "未修约分", "--team-score", "mean"],
    ),
    "criteria": (
        {"criteria": "仪表:10,内容:40,表达:50", "awards": "一等奖:10%"},
        ["--judges", "5", "--criteria", "仪表:10,内容:40,表达:50", "--awards", "一等奖:10%"],
    ),
    "stages": (
        {"stages": "理论:30,实操:70,用时:0", "stage_single": "理论",
         "stage_criteria": "实操=规范:30,质量:70", "stage_measured": "用时=秒",
         "better": "lower", "tiebreak": "实操,用时,未修约分"},
        ["--judges", "5", "--stages", "理论:30,实操:70,用时:0", "--stage-single", "理论",
         "--criteria", "实操=规范:30,质量:70", "--measured", "用时=秒", "--lower-better",
         "--tiebreak", "实操,用时,未修约分"],
    ),
    "measured": (
        {"unit": "秒", "better": "lower", "decimals": "1", "awards": "一等奖:1"},
        ["--judges", "1", "--trim", "0", "--measured", "秒", "--lower-better",
         "--decimals", "1", "--awards", "一等奖:1"],
    ),
    "quiz": (
        {"start": "200", "stakes": "10,20,40"},
        ["--judges", "1", "--trim", "0", "--quiz", "--start", "200", "--stakes", "10,20,40"],
    ),
}  # fmt: skip


async def open_dialog(pilot, key: str = "n"):
    await settle(pilot)
    await pilot.press("f9")
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    return pilot.app.screen


async def fill(pilot, screen, prefix: str, kind: str, fields: dict[str, str]) -> None:
    screen.query_one(f"#{prefix}-kind", Select).value = kind
    await settle(pilot)
    for field, value in fields.items():
        widget = screen.query_one(f"#{prefix}-{field}")
        assert widget.parent.display, f"{field} is hidden for {kind}"
        widget.value = value
    await settle(pilot)


def shown_fields(screen) -> list[str]:
    return [row.children[-1].id for row in screen.query(".sf-row") if row.display]


def error_of(screen) -> str:
    return str(screen.query_one("#error", Static).content)


def same_contest(db_path, mine: int, theirs: int) -> None:
    ours = run_json(db_path, "contest", "show", str(mine))
    cli = run_json(db_path, "contest", "show", str(theirs))
    for made in (ours, cli):
        del made["number"], made["title"]
    assert ours == cli


@pytest.mark.parametrize("kind", KINDS)
async def test_each_kind_makes_the_contest_the_cli_makes(make_desk, desk_db, tmp_path, kind):
    fields, options = KINDS[kind]
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(pilot)
        assert isinstance(screen, NewContestDialog)
        assert app.focused.id == "nc-kind"  # the kind is chosen first
        await fill(pilot, screen, "nc", kind, {"title": "职工比赛", **fields})
        if kind != "panel":  # a new choice moves on to the title
            assert app.focused.id == "nc-title"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NewContestDialog), error_of(screen)
    run(tmp_path / "desk.db", "contest", "new", "命令行比赛", *options, check_code=0)
    same_contest(tmp_path / "desk.db", 1, 2)


async def test_the_stages_read_back_as_the_rules_define_them(make_desk, desk_db):
    fields, _ = KINDS["stages"]
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(pilot)
        await fill(pilot, screen, "nc", "stages", {"title": "技能比武", **fields})
        await pilot.press("ctrl+s")
        await settle(pilot)
    info = contests.get_contest(desk_db, 1)
    assert info.events[0].stages == (
        Stage(name="理论", weight=Decimal(30), maximum=Decimal(100), single=True),
        Stage(
            name="实操",
            weight=Decimal(70),
            maximum=Decimal(100),
            criteria=(Criterion("规范", Decimal(30)), Criterion("质量", Decimal(70))),
        ),
        Stage(name="用时", weight=Decimal(0), kind=MEASURED, unit="秒", better=LOWER),
    )
    assert info.tie_breakers == ("实操", "用时", "unrounded")


def test_each_kind_shows_only_its_fields():
    """Judges and trimming mean nothing to a measured result or a quiz; the quiz has no team score."""
    from screens.new_contest import LAYOUT

    def fields(kind: str) -> set[str]:
        return {f for f, kinds in LAYOUT.items() if kind in kinds}

    common = {"kind", "title", "decimals", "awards", "tiebreak"}
    # a panel's events may carry the speaking clock (issue 22)
    assert fields("panel") == common | {"judges", "trim", "max", "judge_names", "team_score",
                                        "clock"}  # fmt: skip
    assert fields("criteria") == common | {"criteria", "judges", "trim", "judge_names",
                                           "team_score", "clock"}  # fmt: skip
    assert fields("measured") == common | {"unit", "better", "team_score"}
    assert fields("quiz") == common | {"start", "stakes"}
    assert {"stages", "stage_single", "stage_criteria", "stage_measured"} <= fields("stages")


async def test_switching_kind_shows_its_fields_with_examples(make_desk):
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(pilot)
        assert "nc-stages" not in shown_fields(screen)
        await fill(pilot, screen, "nc", "stages", {})
        assert {"nc-stages", "nc-stage_single", "nc-judges"} <= set(shown_fields(screen))
        assert "理论:30,实操:70" in screen.query_one("#nc-stages", Input).placeholder
        await fill(pilot, screen, "nc", "quiz", {})
        assert "nc-stages" not in shown_fields(screen)
        assert "nc-judges" not in shown_fields(screen)
        assert screen.query_one("#nc-stakes", Input).placeholder == "如 10,20,30"


@pytest.mark.parametrize(
    "kind, fields, words",
    [
        ("stages", {"stages": "理论:30,实操:69"}, "合计 99%"),
        ("stages", {"stages": "理论:30,实操:71"}, "合计 101%"),
        ("stages", {"stages": "理论:30,实操:70", "stage_single": "笔试"}, "没有阶段「笔试」"),
        ("stages", {"stages": "理论:30,实操:70", "stage_criteria": "规范:30"}, "赛段评分细则"),
        ("stages", {"stages": "理论:30,实操:70", "tiebreak": "操作"}, "操作"),
        ("criteria", {"criteria": ""}, "请填写「评分细则」"),
        ("criteria", {"criteria": "仪表10"}, "「仪表10」无效"),
        ("measured", {"unit": ""}, "请填写「计量单位」"),
        ("quiz", {"stakes": "十,20"}, "风险题分值「十,20」无效"),
        ("panel", {"judges": "2"}, "至少需要 3 名评委"),
    ],
)
async def test_a_refusal_shows_in_the_dialog_and_creates_nothing(make_desk, desk_db, kind, fields,
                                                                 words):  # fmt: skip
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(pilot)
        await fill(pilot, screen, "nc", kind, {"title": "技能比武", **fields})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert words in error_of(screen)
    assert contests.list_contests(desk_db) == []


async def test_e_adds_an_event_of_another_kind_and_t_sets_the_tie_breakers(make_desk, desk_db):
    contests.new_contest(desk_db, "技能比武", judges=5, maximum="10")
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(pilot, "e")
        assert isinstance(screen, NewEventDialog)
        assert screen.query_one("#ev-max", Input).placeholder.startswith("10")
        await fill(pilot, screen, "ev", "stages", {"name": "实操", "stages": "操作:60,规范:40"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, app.screen, "ev", "measured", {"name": "点钞", "unit": "张"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "点钞" in str(app.screen.query_one("#contests-hint").render())
        await pilot.press("t")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TieBreakersDialog)
        dialog.query_one("#tb-names", Input).value = "规范，未修约分"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not dialog, error_of(dialog)
        assert "规范,未修约分" in str(app.screen.query_one("#contests-hint").render())
    info = contests.get_contest(desk_db, 1)
    assert [e.name for e in info.events] == ["实操", "点钞"]  # the default became 实操
    assert [(s.name, s.weight, s.kind, s.maximum) for s in info.events[0].stages] == [
        ("操作", Decimal(60), PANEL, Decimal(10)),
        ("规范", Decimal(40), PANEL, Decimal(10)),
    ]
    assert [(s.kind, s.unit) for s in info.events[1].stages] == [(MEASURED, "张")]
    assert info.tie_breakers == ("规范", "unrounded")


async def test_tie_breakers_naming_no_stage_are_refused_and_kept(make_desk, desk_db):
    contests.new_contest(desk_db, "技能比武", judges=5, tie_breakers=["unrounded"])
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, "t")
        field = dialog.query_one("#tb-names", Input)
        assert field.value == "未修约分"
        field.value = "实操"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
        assert "实操" in error_of(dialog)
    assert contests.get_contest(desk_db, 1).tie_breakers == ("unrounded",)


async def test_the_entrant_dialog_takes_a_team_and_its_members(make_desk, desk_db):
    contests.new_contest(desk_db, "接力赛", judges=3, trim=0)
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, "a")
        await pilot.press(*"一车间队")
        dialog.query_one("#ne-team", Input).value = "一车间"
        dialog.query_one("#ne-members", Input).value = "张三、李四，王五"
        await pilot.press("ctrl+s")
        await settle(pilot)
    (entrant,) = contests.entrants_of(desk_db, 1)
    assert (entrant.team, entrant.members) == ("一车间", ("张三", "李四", "王五"))


async def test_at_80x24_every_field_scrolls_into_view_as_tab_reaches_it(make_desk):
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dialog(pilot)
        await fill(pilot, screen, "nc", "stages", {})
        form = screen.query_one("#nc-form")
        reached = [app.focused.id]  # choosing the kind moved on to the title
        while app.focused.id != "ok":
            await pilot.press("tab")
            await settle(pilot)
            if app.focused.id != "ok":
                reached.append(app.focused.id)
                assert form.region.contains_region(app.focused.region), app.focused.id
        assert reached == shown_fields(screen)[1:]  # every field shown, in order
        assert form.max_scroll_y > 0  # the form did not fit: it scrolled


async def test_an_event_refused_changes_nothing(make_desk, desk_db):
    contests.new_contest(desk_db, "技能比武", judges=5)
    before = contests.get_contest(desk_db, 1)
    app = make_desk()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, "e")
        await fill(pilot, dialog, "ev", "stages", {"name": "实操", "stages": "操作:60,规范:39"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "合计 99%" in error_of(dialog)
    assert contests.get_contest(desk_db, 1) == before
