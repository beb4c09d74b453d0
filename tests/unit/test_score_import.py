"""Scores and entrants files: parsing, and the all-or-nothing import on SQLite and PostgreSQL.

A bad file must leave the database exactly as it was — no mark, no entrant registered from the
file, no audit event — and name every bad row as ``第N行: …``.
"""

from decimal import Decimal

import openpyxl
import pytest

from models import audit, contests, scores
from models.contests import T_ENTRANT
from models.errors import Refusal
from models.io.score_file import judge_number, parse_judge, parse_score_bytes
from models.rules.scoring import Stage
from models.score_import import import_entrants, import_scores
from models.scores import T_MARK
from tests.helpers import event_count, row_count
from tui.i18n import refusal_text, set_lang

HAPPY = """选手,评委,分数,单位
甲,1,95,一车间
甲,2,95,一车间
甲,3,95,一车间
甲,4,95,一车间
甲,5,95,一车间
乙,1,90,二车间
乙,2号,92.4,二车间
乙,评委3,92.5,二车间
乙,4号评委,92.435,二车间
乙,五号评委,96,二车间
丙,1,92.45,三车间
丙,2,92.45,三车间
丙,3,92.45,三车间
丙,4,92.45,三车间
丙,5,92.45,三车间
丁,1,90,四车间
丁,2,90,四车间
丁,3,90,四车间
丁,4,90,四车间
丁,5,90,四车间
戊,1,80,五车间
"""


@pytest.fixture
def contest_db(congress_db):
    contests.new_contest(
        congress_db, "演讲比赛", judges=5, trim=1, awards="一等奖:1,二等奖:1,三等奖:2"
    )
    return congress_db


def write(tmp_path, text: str, name="scores.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def snapshot(db) -> tuple[int, int, int]:
    return row_count(db, T_MARK), row_count(db, T_ENTRANT), event_count(db)


def refused_lines(error: Refusal) -> list[str]:
    set_lang("zh")
    return refusal_text(error).splitlines()[1:]


# --- judges as people write them -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("3", 3),
        ("3号", 3),
        ("评委3", 3),
        ("3号评委", 3),
        ("第3号评委", 3),
        ("评委 3 号", 3),
        ("３号评委", 3),
        ("三号评委", 3),
        ("十二号", 12),
        ("Judge 4", 4),
        ("j5", 5),
    ],
)
def test_judge_spellings(text, number):
    assert judge_number(text) == number
    assert parse_judge(text) == number


def test_a_judge_name_stays_a_name_and_blank_is_none():
    assert parse_judge("王 老师") == "王老师"  # spaced out to line up, as in 「王  芳」
    assert parse_judge("  ") is None
    assert judge_number("三号评委甲") is None


def test_headers_in_english_with_bom_and_title_row():
    data = "\ufeff2024 演讲比赛评分表\nEntrant,Judge,Score,Stage\n甲,1,90,\n".encode()
    rows = parse_score_bytes(data)
    assert [(r.line, r.entrant, r.judge, r.score) for r in rows] == [(3, "甲", 1, "90")]


# --- the happy path -------------------------------------------------------------------------------


def test_import_registers_new_entrants_and_ranks_them(contest_db, tmp_path):
    report = import_scores(contest_db, 1, write(tmp_path, HAPPY), operator="测试", station="台1")
    assert (report.rows, report.added, report.unchanged, report.corrected) == (21, 21, 0, 0)
    assert [e.name for e in report.new_entrants] == ["甲", "乙", "丙", "丁", "戊"]
    assert [e.name for e in report.completed] == ["甲", "乙", "丙", "丁"]
    table = scores.standings(contest_db, 1)
    got = [(r.rank, r.entrant.name, r.score, r.award, r.flag) for r in table.rows]
    assert got == [
        (1, "甲", "95.00", "一等奖", None),
        (2, "乙", "92.45", "二等奖", "tie_across_boundary"),  # 92.445 → 92.45, half up
        (2, "丙", "92.45", "二等奖", "tie_across_boundary"),
        (4, "丁", "90.00", "三等奖", None),
        (None, "戊", None, None, None),
    ]
    assert table.rows[1].card.unrounded == Decimal("92.445")
    assert table.rows[0].entrant.unit == "一车间"
    kinds = [e["kind"] for e in audit.events(contest_db, "", limit=100)]
    assert kinds.count("contest.mark") == 21
    assert kinds.count("contest.entrants") == 5
    assert kinds.count("scores.import") == 1


def test_reimport_changes_nothing(contest_db, tmp_path):
    path = write(tmp_path, HAPPY)
    import_scores(contest_db, 1, path)
    before = snapshot(contest_db)
    again = import_scores(contest_db, 1, path)
    assert (again.added, again.unchanged, again.new_entrants) == (0, 21, ())
    assert snapshot(contest_db) == before  # not even an audit event


def test_entrant_by_number_or_name_and_judge_by_name(congress_db, tmp_path):
    contests.new_contest(congress_db, "技能比武", judges=3, trim=0, judge_names=["王工", "李工"])
    contests.add_entrant(congress_db, 1, "张三", unit="一车间")
    text = "序号,选手,评委,分数\n1,,王工,80\n,1,李工,81\n,张三,3,82\n"
    report = import_scores(congress_db, "技能比武", write(tmp_path, text))
    assert (report.added, report.new_entrants) == (3, ())
    assert scores.score_card(congress_db, 1, 1).shown == "81.00"


def test_blank_scores_are_skipped_for_later(contest_db, tmp_path):
    report = import_scores(contest_db, 1, write(tmp_path, "选手,评委,分数\n甲,1,90\n甲,2,\n"))
    assert (report.added, report.blank) == (1, 1)


def test_xlsx_and_gbk_files(contest_db, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["选手", "评委", "分数"])
    book.active.append(["甲", 1, 90.5])
    book.active.append(["甲", "2号", 91])
    book.save(tmp_path / "marks.xlsx")
    assert import_scores(contest_db, 1, tmp_path / "marks.xlsx").added == 2
    gbk = write(tmp_path, "选手,评委,分数\n甲,3,92\n", name="gbk.csv", encoding="gbk")
    assert import_scores(contest_db, 1, gbk).added == 1
    card = scores.score_card(contest_db, 1, "甲")
    assert card.stages[0].marks[:3] == (Decimal("90.5"), Decimal("91"), Decimal("92"))


def test_stages_criteria_and_single_marks(congress_db, tmp_path):
    contests.new_contest(congress_db, "技能比武", judges=3, trim=0)
    contests.set_event(
        congress_db,
        1,
        "电工",
        stages=(
            Stage("理论", Decimal(30), single=True),
            Stage("实操", Decimal(70)),
        ),
    )
    rows = ["选手,评委,阶段,分数", "甲,,理论,80"] + [f"甲,{j},实操,90" for j in (1, 2, 3)]
    report = import_scores(congress_db, 1, write(tmp_path, "\n".join(rows) + "\n"))
    assert report.added == 4
    assert scores.score_card(congress_db, 1, "甲").shown == "87.00"  # 0.3·80 + 0.7·90
    missing = write(tmp_path, "选手,评委,分数\n甲,1,90\n", name="no_stage.csv")
    with pytest.raises(Refusal) as caught:
        import_scores(congress_db, 1, missing)
    assert refused_lines(caught.value) == ["第2行: 请在“阶段”一栏写明阶段（理论、实操）"]


# --- bad files: nothing written -----------------------------------------------------------------


def test_every_bad_row_is_named_and_nothing_is_written(contest_db, tmp_path):
    contests.add_entrant(contest_db, 1, "甲", unit="一车间")
    scores.record_mark(contest_db, 1, "甲", 1, "95")
    before = snapshot(contest_db)
    text = (
        "选手,评委,分数\n"
        "乙,1,101\n"  # 2: above the maximum
        "乙,2,-3\n"  # 3: negative
        "乙,3,abc\n"  # 4: not a number
        "乙,6,90\n"  # 5: judge 6 of 5
        "乙,4,90\n"  # 6: fine
        "乙,4号,91\n"  # 7: the same entrant and judge again
        "甲,1,94\n"  # 8: differs from the stored 95
        "甲,2,95\n"  # 9: fine
        ",2,95\n"  # 10: no entrant
        "乙,,90\n"  # 11: no judge
        "乙,张老师,90\n"  # 12: no such judge name
    )
    with pytest.raises(Refusal) as caught:
        import_scores(contest_db, 1, write(tmp_path, text))
    assert caught.value.key == "scores.invalid"
    assert caught.value.params == {"count": 9, "rows": 11}
    assert refused_lines(caught.value) == [
        "第2行: 分数 101 超过满分 100，未录入。",
        "第3行: 分数 -3 不能为负数，未录入。",
        "第4行: 「abc」不是数字，未录入。",
        "第5行: 没有6号评委（本竞赛评委 1–5 号）。",
        "第7行: 与第6行是同一选手、同一评委的分数（重复）",
        "第8行: 1号评委给「甲」的分数已录入为 95，文件中为 94；如需更正请加 --correct --reason 写明原因",
        "第10行: 选手为空",
        "第11行: 评委为空",
        "第12行: 没有名为「张老师」的评委（本竞赛评委 1–5 号）",
    ]
    assert snapshot(contest_db) == before  # not 乙, not 甲's second mark, no audit event


def test_english_row_messages(contest_db, tmp_path):
    with pytest.raises(Refusal) as caught:
        import_scores(contest_db, 1, write(tmp_path, "entrant,judge,score\n甲,1,101\n"))
    set_lang("en")
    assert refusal_text(caught.value).splitlines()[1] == (
        "Line 2: Mark 101 is above the maximum 100; not entered."
    )


def test_a_differing_mark_is_corrected_only_with_a_reason(contest_db, tmp_path):
    contests.add_entrant(contest_db, 1, "甲")
    scores.record_mark(contest_db, 1, "甲", 1, "95")
    path = write(tmp_path, "选手,评委,分数\n甲,1,94\n甲,2,93\n")
    with pytest.raises(Refusal) as caught:
        import_scores(contest_db, 1, path, correct=True)
    assert caught.value.key == "contest.correction_needs_reason"
    report = import_scores(contest_db, 1, path, correct=True, reason="评委更正笔误")
    assert (report.added, report.corrected) == (1, 1)
    card = scores.score_card(contest_db, 1, "甲")
    assert card.stages[0].marks[:2] == (Decimal("94"), Decimal("93"))
    [fix] = audit.events(contest_db, "contest.mark.correct")
    assert (fix["payload"]["previous"], fix["payload"]["mark"]) == ("95", "94")
    assert fix["payload"]["reason"] == "评委更正笔误"


def test_number_and_name_must_agree(contest_db, tmp_path):
    contests.add_entrant(contest_db, 1, "甲")
    with pytest.raises(Refusal) as caught:
        import_scores(contest_db, 1, write(tmp_path, "序号,选手,评委,分数\n1,乙,1,90\n7,,1,90\n"))
    assert refused_lines(caught.value) == [
        "第2行: 序号 1 是「甲」，文件中写的是「乙」",
        "第3行: 找不到选手「7」（请用出场序号或姓名）。",
    ]


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"", "scores.empty"),
        (b"\x00\x01\x02binary", "scores.encoding"),
        ("姓名,分数\n甲,90\n".encode(), "scores.missing"),
        ("选手,评委,分数\n".encode(), "scores.no_rows"),
        ("选手,评委,分数,得分\n甲,1,90,90\n".encode(), "scores.duplicate_column"),
    ],
)
def test_malformed_files_are_refused_whole(contest_db, tmp_path, content, key):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    before = snapshot(contest_db)
    with pytest.raises(Refusal) as caught:
        import_scores(contest_db, 1, path)
    assert caught.value.key == key
    assert snapshot(contest_db) == before


def test_missing_headers_say_which(contest_db, tmp_path):
    with pytest.raises(Refusal) as caught:
        import_scores(contest_db, 1, write(tmp_path, "姓名,备注\n甲,90\n"))
    set_lang("zh")
    assert refusal_text(caught.value) == (
        "分数文件缺少必需的列：评委/judge、分数/score。第一行读到的列：姓名、备注"
    )


def test_no_file(contest_db, tmp_path):
    with pytest.raises(Refusal) as caught:
        import_scores(contest_db, 1, tmp_path / "nowhere.csv")
    assert caught.value.key == "scores.not_found"


# --- entrants --------------------------------------------------------------------------------------


ENTRANTS = """序号,选手,单位,组别,团队,成员
1,第一代表队,机关,,,甲、乙、丙
2,张三,一车间,男子组,一车间队,
3,李四,二车间,女子组,,
"""


def test_entrants_import_and_reimport(contest_db, tmp_path):
    path = write(tmp_path, ENTRANTS, name="entrants.csv")
    report = import_entrants(contest_db, 1, path, operator="测试")
    assert [e.name for e in report.added] == ["第一代表队", "张三", "李四"]
    team = contests.entrants_of(contest_db, 1)[0]
    assert team.members == ("甲", "乙", "丙")
    assert contests.entrants_of(contest_db, 1)[1].team == "一车间队"
    before = snapshot(contest_db)
    again = import_entrants(contest_db, 1, path)
    assert (again.added, again.unchanged) == ((), 3)
    assert snapshot(contest_db) == before


def test_entrants_all_or_nothing(contest_db, tmp_path):
    contests.add_entrant(contest_db, 1, "王五", number=5)
    before = snapshot(contest_db)
    text = "序号,选手,项目\n1,甲,\n5,乙,\n,,\n2,,\nx,丙,\n3,丁,不存在的项目\n"
    with pytest.raises(Refusal) as caught:
        import_entrants(contest_db, 1, write(tmp_path, text, name="entrants.csv"))
    assert refused_lines(caught.value) == [
        "第3行: 序号 5 已是「王五」的出场序号",
        "第5行: 选手姓名为空",
        "第6行: 序号“x”无效（应为 1–9999 的整数）",
        "第7行: 找不到项目「不存在的项目」。",
    ]
    assert snapshot(contest_db) == before
