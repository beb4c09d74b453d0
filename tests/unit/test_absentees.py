"""未到名单 (models/absentees.py): RULES §1 缺席 = 应到 − 实到 − 请假, by delegation with its head."""

import csv

import pytest

from models.absentees import absentees, filter_report
from models.attendance import check_in, record_leave
from models.errors import Refusal
from models.roster import import_roster

ROSTER = [
    # code, name, delegation, category, unit, head
    ("A01", "张三丰", "第一代表团", "正式代表", "机关", "是"),
    ("A02", "李四", "第一代表团", "正式代表", "一车间", ""),
    ("A03", "王五", "第一代表团", "正式代表", "二车间", ""),
    ("A04", "赵六", "第一代表团", "列席代表", "机关", ""),
    ("B01", "钱七", "第二代表团", "正式代表", "三车间", "是"),
    ("B02", "孙八", "第二代表团", "正式代表", "三车间", ""),
    ("C01", "周九", "第三代表团", "正式代表", "四车间", ""),
    ("C02", "吴十", "第三代表团", "特邀代表", "", ""),
    ("X01", "郑十一", "", "正式代表", "退休", ""),
    ("S01", "工作甲", "", "工作人员", "", ""),
]


@pytest.fixture
def day(congress_db, tmp_path):
    path = tmp_path / "roster.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["编号", "姓名", "代表团", "类别", "单位", "团长"])
        writer.writerows(ROSTER)
    import_roster(congress_db, path)
    return congress_db


def listed(report) -> dict:
    return {group.delegation: [p.code for p in group.people] for group in report.groups}


def test_nobody_arrived_lists_every_voting_delegate_by_delegation_in_roster_order(day):
    report = absentees(day)
    assert listed(report) == {
        "第一代表团": ["A01", "A02", "A03"],
        "第二代表团": ["B01", "B02"],
        "第三代表团": ["C01"],
        None: ["X01"],  # a delegate in no delegation comes last, not lost
    }
    assert (report.due, report.present, report.leave, report.absent) == (7, 0, 0, 7)
    heads = {group.delegation: (group.head, group.head_code) for group in report.groups}
    assert heads["第一代表团"] == ("张三丰", "A01")
    assert heads["第三代表团"] == (None, None)  # the roster names no head there
    assert report.groups[0].people[1].unit == "一车间"


def test_checked_in_and_on_leave_are_not_absent_and_nonvoting_never_are(day):
    check_in(day, "A02")
    check_in(day, "A04")  # 列席: present or not, never on the list
    record_leave(day, "A03", reason="病假")
    report = absentees(day)
    assert listed(report)["第一代表团"] == ["A01"]
    assert "A04" not in str(report.as_json()) and "C02" not in str(report.as_json())
    assert "S01" not in str(report.as_json())
    # 缺席 = 应到 − 实到 − 请假 on the line: 7 − 1 − 1
    assert (report.due, report.present, report.leave, report.absent) == (7, 1, 1, 5)


def test_a_delegation_with_nobody_absent_is_left_out(day):
    check_in(day, "B01")
    record_leave(day, "B02", reason="出差")  # the last one missing is on leave: complete
    report = absentees(day)
    assert "第二代表团" not in listed(report)
    only = absentees(day, delegation="第二代表团")
    assert only.groups == () and only.absent == 0
    assert (only.due, only.present, only.leave) == (2, 1, 1)


def test_one_delegation_and_an_unknown_one(day):
    check_in(day, "A01")
    report = absentees(day, delegation=" 第一代表团 ")
    assert listed(report) == {"第一代表团": ["A02", "A03"]}
    assert (report.due, report.present, report.leave, report.absent) == (3, 1, 0, 2)
    with pytest.raises(Refusal) as refused:
        absentees(day, delegation="第九代表团")
    assert refused.value.key == "absent.unknown_delegation"


def test_the_list_is_of_the_current_sitting(day):
    from models.congress import create_sitting

    check_in(day, "A01")
    assert "A01" not in listed(absentees(day))["第一代表团"]
    create_sitting(day, "第二次全体会议")
    assert listed(absentees(day))["第一代表团"] == ["A01", "A02", "A03"]


def test_filter_by_name_code_initials_and_delegation(day):
    report = absentees(day)
    assert listed(filter_report(report, "李")) == {"第一代表团": ["A02"]}
    assert listed(filter_report(report, "b0")) == {"第二代表团": ["B01", "B02"]}
    assert listed(filter_report(report, "zsf")) == {"第一代表团": ["A01"]}
    assert listed(filter_report(report, "第三")) == {"第三代表团": ["C01"]}
    assert listed(filter_report(report, "  ")) == listed(report)
    assert filter_report(report, "无此人").groups == ()
    assert filter_report(report, "无此人").due == 7  # the heading keeps the whole sitting's figures
