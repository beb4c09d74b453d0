"""The match documents as users script them: `contest matches --pdf/--sheets/--xlsx`, `standings
--pdf/--xlsx` with a match event, `meet standings --pdf/--xlsx`, and the minutes package's
运动会 folder; a contest with no match event refused with nothing written."""

import re

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from tests.functional.test_cli_voting import run, run_json


def text_of(pdf) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return "".join("".join(p.get_textpage().get_text_range().split()) for p in doc)
    finally:
        doc.close()


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    db = tmp_path_factory.mktemp("papers") / "huiwu.db"
    run(db, "congress", "new", "测试大会", check_code=0)
    run(db, "contest", "new", "乒乓球赛", "--judges", "1", "--trim", "0", check_code=0)
    run(db, "contest", "event", "乒乓球赛", "男单", "--matches", "roundrobin",
        "--game", "tabletennis", "--courts", "2", check_code=0)  # fmt: skip
    for i in range(1, 6):
        run(db, "contest", "entrant", "乒乓球赛", f"选手{i}", "--unit", f"{i % 2 + 1}车间",
            "--event", "男单", check_code=0)  # fmt: skip
    drawn = run_json(db, "contest", "draw", "乒乓球赛", "男单")["matches"]
    for m in drawn:
        if m["b"] is not None:
            run(db, "contest", "match", "乒乓球赛", str(m["id"]), "--games", "11:9,11:7,11:5",
                check_code=0)  # fmt: skip
    run(db, "contest", "new", "跳绳", "--judges", "1", "--trim", "0", check_code=0)
    run(db, "meet", "new", "运动会", check_code=0)
    run(db, "meet", "add", "运动会", "乒乓球赛", check_code=0)
    return db, drawn


def test_order_sheets_and_workbook_of_the_matches(played, tmp_path):
    db, drawn = played
    out = run(db, "contest", "matches", "乒乓球赛", "--pdf", str(tmp_path / "秩序册.pdf"),
              "--sheets", str(tmp_path / "记分表.pdf"), "--xlsx", str(tmp_path / "m.xlsx"),
              check_code=0)  # fmt: skip
    assert out.stdout.count("已写出") == 3
    order = text_of(tmp_path / "秩序册.pdf")
    assert "秩序册" in order and "轮空" in order and "选手5" in order
    sheets = text_of(tmp_path / "记分表.pdf")
    assert len(re.findall(r"记分表第\d+场", sheets)) == sum(1 for m in drawn if m["b"] is not None)
    assert load_workbook(tmp_path / "m.xlsx").sheetnames == [
        "秩序",
        "比赛结果",
        "小组积分",
        "淘汰赛名次",
    ]
    listed = run_json(db, "contest", "matches", "乒乓球赛", "--xlsx", str(tmp_path / "j.xlsx"))
    assert len(listed["matches"]) == len(drawn)  # --json stays the contract's JSON


def test_standings_pdf_of_a_match_contest_is_not_empty(played, tmp_path):
    db, _drawn = played
    run(db, "standings", "乒乓球赛", "--pdf", str(tmp_path / "s.pdf"), "--xlsx",
        str(tmp_path / "s.xlsx"), check_code=0)  # fmt: skip
    text = text_of(tmp_path / "s.pdf")
    assert "比赛成绩" in text and "A组小组积分表" in text and "选手1" in text
    assert "小组积分" in load_workbook(tmp_path / "s.xlsx").sheetnames


def test_meet_pdf_and_workbook(played, tmp_path):
    db, _drawn = played
    run(db, "meet", "standings", "运动会", "--pdf", str(tmp_path / "t.pdf"), "--xlsx",
        str(tmp_path / "t.xlsx"), check_code=0)  # fmt: skip
    text = text_of(tmp_path / "t.pdf")
    rows = run_json(db, "meet", "standings", "运动会")
    assert rows and all(r["unit"] in text and r["points"] in text for r in rows)
    assert load_workbook(tmp_path / "t.xlsx").sheetnames == ["团体总分", "奖牌榜", "各项目名次"]


def test_no_match_event_refused_and_nothing_written(played, tmp_path):
    db, _drawn = played
    out = run(db, "contest", "matches", "跳绳", "--pdf", str(tmp_path / "x.pdf"))
    assert out.returncode != 0 and "没有对抗赛项目" in out.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_minutes_package_prints_the_matches_and_the_meet(played, tmp_path):
    db, _drawn = played
    out = tmp_path / "package"
    run(db, "export", "--out", str(out), check_code=0)
    sums = (out / "SHA256SUMS").read_text(encoding="utf-8")
    assert "运动会/01-运动会.pdf" in sums
    assert "团体总分" in text_of(out / "运动会" / "01-运动会.pdf")
    contest = next((out / "竞赛成绩").glob("01-*.pdf"))
    assert "小组积分表" in text_of(contest)
    run(db, "verify", check_code=0)


def test_standings_of_one_match_event_writes_its_pdf(played, tmp_path):
    db, _drawn = played
    out = run(db, "standings", "乒乓球赛", "--event", "男单", "--pdf", str(tmp_path / "e.pdf"),
              "--json", check_code=0)  # fmt: skip
    assert "已写出" in out.stderr and out.stdout.lstrip().startswith("[")
    assert "A组小组积分表" in text_of(tmp_path / "e.pdf")
