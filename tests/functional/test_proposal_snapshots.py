"""Snapshots of the proposal screens with Chinese text (update with --snapshot-update).

The clock is fixed at 2026-05-06 09:14 so the history's times and the overdue marks are the
same on every run: 001 (食堂) was assigned with a due date already past (red), 003 rejected.
"""

from datetime import datetime, timedelta, timezone

import pytest

from models import proposals
from models.proposals import Draft
from screens.proposal_detail import ProposalDetailScreen
from tests.helpers import badge, settle

NOW = datetime(2026, 5, 6, 9, 14, tzinfo=timezone(timedelta(hours=8)))


@pytest.fixture
def fixed_clock(monkeypatch):
    monkeypatch.setattr(proposals, "now", lambda: NOW)
    monkeypatch.setattr(proposals, "now_iso", lambda: NOW.isoformat(timespec="milliseconds"))


def submit(db, title, category, proposer, seconders=("D0002", "D0003"), **extra):
    draft = Draft(title, category, (proposer,), seconders, **extra)
    return proposals.submit_proposal(db, draft, operator="王秘书", station="提案台")


@pytest.fixture
def proposal_db(desk_db, fixed_clock):
    who = {"operator": "王秘书", "station": "提案台"}
    submit(
        desk_db,
        "关于改善职工食堂就餐环境的提案",
        "职工福利",
        "D0001",
        reason="食堂座位不足，高峰时段职工排队超过二十分钟，夏季没有空调。",
        suggestion="增加座位和空调；错峰开饭。",
    )
    submit(desk_db, "关于增设职工书屋的提案", "其他", "Z1")
    submit(desk_db, "关于提高夜班补贴的提案", "劳动保障", "D0004", delegation="第二代表团")
    submit(desk_db, "关于完善职工技能等级评价与薪酬挂钩办法的提案", "劳动保障", "D0005")
    proposals.accept_proposal(desk_db, 1, **who)
    proposals.assign_proposal(desk_db, 1, department="后勤服务中心", due="2026-04-30", **who)
    proposals.answer_proposal(desk_db, 1, reply="已增加座位八十个，空调五月底前装好。", **who)
    proposals.rate_proposal(desk_db, 1, "不满意", note="空调仍未安装", **who)
    proposals.assign_proposal(desk_db, 1, department="后勤服务中心", due="2026-05-01", **who)
    proposals.reject_proposal(desk_db, 3, reason="不属于本单位职权范围", **who)
    proposals.accept_proposal(desk_db, 4, **who)
    return desk_db


async def open_registry(pilot) -> None:
    await settle(pilot)
    await pilot.press("f10")
    await settle(pilot)


def test_registry_in_chinese(snap_compare, make_desk, proposal_db):
    assert snap_compare(make_desk(), terminal_size=(120, 40), run_before=open_registry)


def test_detail_with_history(snap_compare, make_desk, proposal_db):
    async def open_detail(pilot) -> None:
        await open_registry(pilot)
        pilot.app.push_screen(ProposalDetailScreen(1))
        await settle(pilot)

    assert snap_compare(make_desk(), terminal_size=(120, 40), run_before=open_detail)


def test_capture_form_filled_in(snap_compare, make_desk, proposal_db):
    async def fill(pilot) -> None:
        await open_registry(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press(*"关于改善食堂就餐环境")
        await settle(pilot)
        pilot.app.screen.query_one("#pf-category").focus()
        await pilot.press("3")
        for field, code in (("proposer", "Z1"), ("seconder", "D0004"), ("seconder", "D0005")):
            scan = pilot.app.screen.query_one(f"#pf-{field}")
            scan.focus()
            scan.value = badge(proposal_db, code)
            await pilot.press("enter")
            await settle(pilot)
        pilot.app.screen.query_one("#pf-reason").focus()
        await pilot.press(*"中午排队时间太长")
        await settle(pilot)

    assert snap_compare(make_desk(), terminal_size=(120, 40), run_before=fill)
