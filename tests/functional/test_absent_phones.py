"""The 未到名单 with the roster's phones (issue 17, item 1): each absentee's phone and the head's
in the delegation heading, on F12, in `huiwu absent` (text, --json, PDF, xlsx) and in
`huiwu roster list`; a roster without phones shows no phone column anywhere."""

import json

import pytest
from textual.widgets import DataTable

from models.attendance import check_in, record_leave
from models.congress import create_congress, create_sitting
from models.db import open_database
from models.roster import import_roster
from tests.functional.test_absentees_screen import open_list, rows
from tests.functional.test_cli_absent import pdf_text
from tests.functional.test_cli_badges_rotate import run
from tests.helpers import settle

ROSTER = (
    "编号,姓名,代表团,类别,单位,团长,手机\n"
    "A01,张三丰,第一代表团,,机关,是,013800138000\n"
    "A02,李四,第一代表团,,一车间,,+86 139 0013 9000\n"
    "A03,王五,第一代表团,,二车间,,\n"
    "B01,钱七,第二代表团,,三车间,是,\n"
    "B02,孙八,第二代表团,,三车间,,0571-8888-1234\n"
)


@pytest.fixture
def hall(tmp_path):
    """A01 (head of 一团, with a phone) checked in, A03 on leave: A02 and 一团's head's phone,
    B01 (head of 二团, no phone) and B02 (with a phone) not arrived."""
    path, roster = tmp_path / "huiwu.db", tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    database = open_database(path)
    create_congress(database, "测试公司第三届职工代表大会第二次会议", term=3, session=2)
    create_sitting(database, "第一次全体会议")
    database.dispose()
    run(path, "roster", "import", str(roster), check_code=0)
    database = open_database(path)
    check_in(database, "A01")
    record_leave(database, "A03", reason="病假")
    database.dispose()
    return path


def test_absent_text_gives_each_phone_and_the_heads(hall):
    out = run(hall, "absent", check_code=0).stdout.splitlines()
    assert out[2:] == [
        "第一代表团　团长：张三丰（A01），电话 013800138000　未到1名",
        "  A02\t李四\t一车间\t+86 139 0013 9000",
        "第二代表团　团长：钱七（B01）　未到2名",
        "  B01\t钱七\t三车间",  # no phone: nothing after the unit
        "  B02\t孙八\t三车间\t0571-8888-1234",
    ]
    english = run(hall, "absent", "--lang", "en", check_code=0).stdout
    assert "Head: 张三丰 (A01), phone 013800138000" in english


def test_absent_json_has_phone_per_person_and_head_phone_per_delegation(hall):
    data = json.loads(run(hall, "absent", "--json", check_code=0).stdout)
    first, second = data["delegations"]
    assert (first["head"], first["head_phone"]) == ("张三丰", "013800138000")
    assert first["absent"] == [
        {"code": "A02", "name": "李四", "unit": "一车间", "phone": "+86 139 0013 9000"}
    ]
    assert (second["head"], second["head_phone"]) == ("钱七", None)
    assert [(p["code"], p["phone"]) for p in second["absent"]] == [
        ("B01", None),
        ("B02", "0571-8888-1234"),
    ]


def test_roster_list_shows_the_phones_as_written(hall):
    lines = run(hall, "roster", "list", check_code=0).stdout.splitlines()
    assert lines[0] == "A01\t张三丰\t\t机关\t第一代表团\t正式代表\t团长\t013800138000"
    assert lines[2] == "A03\t王五\t\t二车间\t第一代表团\t正式代表"
    data = json.loads(run(hall, "roster", "list", "--json", check_code=0).stdout)
    assert [p["phone"] for p in data] == [
        "013800138000",
        "+86 139 0013 9000",
        None,
        None,
        "0571-8888-1234",
    ]


def test_absent_pdf_and_xlsx_carry_the_phones(hall, tmp_path):
    from openpyxl import load_workbook

    pdf, xlsx = tmp_path / "未到.pdf", tmp_path / "未到.xlsx"
    run(hall, "absent", "--pdf", str(pdf), "--xlsx", str(xlsx), check_code=0)
    text = pdf_text(pdf).replace("\r", "")
    assert "团长：张三丰（A01），电话 013800138000" in text
    assert "+86 139 0013 9000" in text and "0571-8888-1234" in text and "电话" in text
    values = [[cell.value for cell in row] for row in load_workbook(xlsx).active.iter_rows()]
    header = values.index(
        ["代表团", "团长", "团长编号", "团长电话", "编号", "姓名", "单位", "电话", "联系情况"]
    )
    assert values[header + 1 :] == [
        ["第一代表团", "张三丰", "A01", "013800138000", "A02", "李四", "一车间",
         "+86 139 0013 9000", None],
        ["第二代表团", "钱七", "B01", None, "B01", "钱七", "三车间", None, None],
        ["第二代表团", "钱七", "B01", None, "B02", "孙八", "三车间", "0571-8888-1234", None],
    ]  # fmt: skip


async def test_f12_shows_the_phones_and_drops_the_column_when_the_roster_loses_them(
    make_desk, desk_db, tmp_path
):
    roster = tmp_path / "phones.csv"
    roster.write_text(
        "编号,姓名,代表团,团长,电话\n"
        "D0001,代表1,第一代表团,是,13800138000\n"
        "D0002,代表2,第一代表团,,+86 139 0013 9000\n"
        "Z1,张三丰,第二代表团,,\n",
        encoding="utf-8",
    )
    import_roster(desk_db, roster)
    for code in ("D0001", "D0003", "D0004", "D0005"):
        check_in(desk_db, code)
    app = make_desk()
    async with app.run_test(size=(140, 40)) as pilot:
        await open_list(pilot)
        table = app.screen.query_one("#absent-table", DataTable)
        assert [str(column.label) for column in table.columns.values()][-1] == "电话"
        assert rows(app) == [
            [
                "第一代表团",
                "团长：代表1（D0001），电话 13800138000",
                "D0002",
                "代表2",
                "",
                "+86 139 0013 9000",
            ],
            ["第二代表团", "名单未指定团长", "Z1", "张三丰", "", ""],
        ]
        roster.write_text(
            "编号,姓名,代表团,团长\nD0001,代表1,第一代表团,是\nD0002,代表2,第一代表团,\n",
            encoding="utf-8",
        )
        import_roster(desk_db, roster)  # another desk re-imports the roster without phones
        app.screen.watch_tick()
        await settle(pilot)
        assert rows(app)[0] == ["第一代表团", "团长：代表1（D0001）", "D0002", "代表2", ""]
        assert "电话" not in [str(column.label) for column in table.columns.values()]
