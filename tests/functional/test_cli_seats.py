"""`huiwu seats` (issue 21, part 2): the plan, assignment by delegation blocks, the refusal of a
plan too small, the list, the 座次表 PDF read back (every name on it, the font embedded), and the
check-in line that says where to sit."""

import json
import shutil
import subprocess

import pypdfium2
import pytest
from click.testing import CliRunner

from main import cli
from models.congress import create_congress, create_sitting
from models.db import open_database
from models.roster import import_roster

DELEGATIONS = ("机关代表团", "第一车间代表团", "第二车间代表团", "后勤代表团", "研发中心代表团")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"


def run(path, *args):
    env = {"HUIWU_DB": str(path), "HUIWU_STATION": "1号台", "HUIWU_LANG": None}
    outcome = CliRunner().invoke(cli, list(args), env=env)
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.exc_info
    return outcome


def names(count: int) -> list[str]:
    return [SURNAMES[i % 20] + GIVEN[(i // 20) % 20] + GIVEN[(i * 7) % 20] for i in range(count)]


def congress(tmp_path, count: int = 60, extra: str = "") -> tuple:
    path = tmp_path / "cli.db"
    db = open_database(path)
    create_congress(db, "测试公司第三届职工代表大会第二次会议", kind="职代会", term=3, session=2)
    create_sitting(db, "第一次全体会议")
    people = names(count)
    lines = [
        f"D{i:04d},{name},{DELEGATIONS[i % len(DELEGATIONS)]},{'列席代表' if i % 11 == 0 else ''},"
        for i, name in enumerate(people, start=1)
    ]
    roster = tmp_path / "roster.csv"
    roster.write_text("编号,姓名,代表团,类别,座号\n" + "\n".join(lines) + "\n" + extra, "utf-8")
    import_roster(db, roster)
    db.dispose()
    return path, people


def test_a_plan_too_small_is_refused_and_nothing_changes(tmp_path):
    path, _people = congress(tmp_path, 30)
    assert run(path, "seats", "plan", "--rows", "2", "--seats", "10").exit_code == 0
    refused = run(path, "seats", "assign")
    assert refused.exit_code == 1
    assert "会场共 20 个座位，需要安排 30 人" in refused.stderr
    listing = json.loads(run(path, "seats", "--json").stdout)
    assert {person["seat"] for person in listing["people"]} == {None}


def test_bad_plans_are_refused(tmp_path):
    path, _people = congress(tmp_path, 3)
    assert (
        "过道" in run(path, "seats", "plan", "--rows", "2", "--seats", "10", "--aisles", "x").stderr
    )
    assert run(path, "seats", "plan", "--rows", "0", "--seats", "10").exit_code == 1
    assert "还没有会场座位图" in run(path, "seats", "assign").stderr


def test_assign_then_checkin_says_where_to_sit(tmp_path):
    path, _people = congress(tmp_path, 12, extra="P001,主席甲,,,主席台1\n")
    run(path, "seats", "plan", "--rows", "3", "--seats", "6", "--aisles", "3", "--presidium", "3")
    assert run(path, "seats", "assign", "--by", "delegation").exit_code == 0
    run(path, "seats", "note", "P001", "请到主席台就座")
    said = run(path, "congress", "set", "note.列席代表", "请领取列席证")
    assert said.exit_code == 0 and "请领取列席证" in said.stdout
    listing = json.loads(run(path, "seats", "--json").stdout)
    seats = {person["code"]: person["seat"] for person in listing["people"]}
    assert seats["P001"] == "主席台1"
    # delegations sit together: each delegation's delegates hold one run of seats
    order = [
        p["delegation"]
        for p in listing["people"]
        if p["category"] == "delegate" and p["delegation"]
    ]
    assert order == sorted(order, key=order.index)
    text = run(path, "checkin", "P001").stdout
    assert "请到 主席台 1 号" in text and "请到主席台就座" in text
    first = json.loads(run(path, "checkin", "D0001", "--json").stdout)
    assert first["seat"] == seats["D0001"] and first["note"] is None
    assert (
        f"请到 {seats['D0002'].replace('排', ' 排 ').replace('座', ' 座')}"
        in run(path, "checkin", "D0002").stdout
    )
    attendee = json.loads(run(path, "checkin", "D0011", "--json").stdout)
    assert attendee["note"] == "请领取列席证"
    assert run(path, "verify").exit_code == 0


@pytest.mark.parametrize(("rows", "per_row", "paper"), [(8, 18, "A4"), (20, 30, "A3")])
def test_the_chart_pdf_holds_every_name(tmp_path, rows, per_row, paper):
    path, people = congress(tmp_path, min(rows * per_row - 10, 300))
    run(path, "seats", "plan", "--rows", str(rows), "--seats", str(per_row), "--aisles", "6")
    run(path, "seats", "assign")
    out = tmp_path / "座次表.pdf"
    done = run(path, "seats", "--pdf", str(out))
    assert done.exit_code == 0, done.stderr
    pdf = pypdfium2.PdfDocument(str(out))
    width, height = pdf[0].get_size()
    assert width > height  # landscape
    assert round(width) == {"A4": 842, "A3": 1191}[paper]
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "座次表" in text and "各代表团座位表" in text and "图例" in text
    missing = [name for name in people if name not in text]
    assert missing == []
    for delegation in DELEGATIONS:
        assert delegation in text
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        assert "yes" in fonts.splitlines()[-1].split()  # embedded


def test_the_lists_alone(tmp_path):
    path, people = congress(tmp_path, 10)
    run(path, "seats", "plan", "--rows", "2", "--seats", "6")
    run(path, "seats", "assign")
    out = tmp_path / "lists.pdf"
    assert run(path, "seats", "--pdf", str(out), "--by-delegation").exit_code == 0
    pdf = pypdfium2.PdfDocument(str(out))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "第1排" not in text and all(name in text for name in people)
