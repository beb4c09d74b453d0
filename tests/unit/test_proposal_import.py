"""The proposals file (``huiwu proposals import``): parsing, and the all-or-nothing import on
SQLite and PostgreSQL.

A bad file must leave the database exactly as it was — no proposal numbered, no person linked,
no history, no audit event — and name every bad row as ``第N行: …``. A file imported twice adds
nothing the second time, and the numbers go on without a gap after the desk's own proposals.
"""

import json

import openpyxl
import pytest
from sqlalchemy import select

from models import audit
from models import proposals as p
from models.errors import Refusal
from models.io.proposal_file import parse_proposal_bytes, split_codes
from models.proposal_import import import_proposals
from models.rules import proposals as rules
from tests.helpers import add_people, delegates, event_count, row_count
from tui.i18n import refusal_text, set_lang

TABLES = (p.T_PROPOSAL, p.T_PP, p.T_LOG)
HEADER = "标题,提案人,附议人,类别,案由,建议\n"
GOOD = (
    HEADER
    + "关于改善职工食堂伙食的提案,D0001,D0002、D0003,职工福利,饭菜单一,增加窗口\n"
    + '关于增开夜班班车的提案,"D0004，E0001",E0002;E0003 E0004,职工福利,夜班无车,增开班车\n'
    + "关于加强安全培训的提案,第二代表团,D0005/D0006,安全生产,,\n"
)


def snapshot(db) -> tuple:
    return (*(row_count(db, table) for table in TABLES), event_count(db))


def events(db, kind: str) -> list[dict]:
    with db.read() as conn:
        rows = conn.execute(
            select(audit.T_EVENT.c.payload)
            .where(audit.T_EVENT.c.kind == kind)
            .order_by(audit.T_EVENT.c.id)
        ).scalars()
        return [json.loads(payload) for payload in rows]


def write(tmp_path, text: str, name="proposals.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(tmp_path, rows, name="proposals.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def run(db, path):
    return import_proposals(db, path, operator="秘书", station="提案台")


def refused(db, path) -> Refusal:
    before = snapshot(db)
    with pytest.raises(Refusal) as caught:
        run(db, path)
    assert snapshot(db) == before
    return caught.value


def lines_of(error: Refusal) -> list[int]:
    return [detail.params["line"] for detail in error.details]


@pytest.fixture
def hall(congress_db):
    """Ten delegates in two delegations, one 列席代表 and one member of staff."""
    add_people(congress_db, delegates(6, "第一代表团") + delegates(4, "第二代表团", prefix="E"))
    add_people(
        congress_db,
        [("L001", "列席甲", "第一代表团", "attendee"), ("S001", "工作人员乙", None, "staff")],
    )
    return congress_db


# -- a good file --------------------------------------------------------------------------------


def test_a_file_is_numbered_in_row_order_with_each_kind_of_proposer(hall, tmp_path):
    report = run(hall, write(tmp_path, GOOD))
    assert report.rows == 3 and report.unchanged == 0
    assert [a.label for a in report.added] == ["三届二次-001", "三届二次-002", "三届二次-003"]
    first, joint, team = (p.get_proposal(hall, n) for n in (1, 2, 3))
    assert first.row.proposer_kind == rules.PERSON
    assert [x.code for x in first.seconders] == ["D0002", "D0003"]
    assert (first.reason, first.suggestion) == ("饭菜单一", "增加窗口")
    assert joint.row.proposer_kind == rules.JOINT
    assert [x.code for x in joint.proposers] == ["D0004", "E0001"]
    assert [x.code for x in joint.seconders] == ["E0002", "E0003", "E0004"]
    assert team.row.proposer_kind == rules.DELEGATION
    assert team.row.delegation == "第二代表团" and team.proposers == ()
    assert team.row.category == "安全生产"


def test_the_import_is_audited_once_beside_each_submission(hall, tmp_path):
    path = write(tmp_path, GOOD)
    before = event_count(hall)
    report = run(hall, path)
    assert event_count(hall) == before + 4  # three submissions and the file
    (summary,) = events(hall, "proposal.import")
    assert summary["file"] == "proposals.csv"
    assert summary["sha256"] == report.sha256 and len(report.sha256) == 64
    assert summary["added"] == ["三届二次-001", "三届二次-002", "三届二次-003"]
    assert [e["source"] for e in events(hall, "proposal.submit")] == ["import"] * 3
    assert audit.verify(hall).ok


# -- all or nothing -----------------------------------------------------------------------------


def test_three_bad_rows_are_all_named_and_nothing_is_written(hall, tmp_path):
    text = (
        HEADER
        + "关于改善职工食堂伙食的提案,D0001,D0002、D0003,职工福利,,\n"  # line 2: good
        + "关于增开夜班班车的提案,D9999,D0002、D0003,职工福利,,\n"  # 3: unknown proposer
        + "关于加强安全培训的提案,D0004,D0005,安全生产,,\n"  # 4: one seconder
        + "关于改善宿舍条件的提案,D0005,D0006,职工福利,,\n"  # 5: one seconder
        + "关于落实带薪休假的提案,D0006,D0001、L001,劳动保障,,\n"  # 6: 列席 seconder
    )
    error = refused(hall, write(tmp_path, text))
    assert error.key == "proposals.invalid"
    assert error.params == {"count": 4, "rows": 5}
    assert lines_of(error) == [3, 4, 5, 6]
    message = refusal_text(error)
    assert "未导入任何提案" in message
    assert "第3行: 名册中没有编号为「D9999」的人员" in message
    assert "第4行: 附议人只有 1 名，至少需要 2 名正式代表附议" in message
    assert "第6行: 「列席甲」（L001）不是正式代表" in message
    assert p.list_proposals(hall) == []


def test_every_kind_of_bad_row_is_refused_with_its_reason(hall, tmp_path):
    text = (
        HEADER
        + ",D0001,D0002、D0003,职工福利,,\n"  # 2: empty title
        + "甲提案,D0001,D0001、D0003,职工福利,,\n"  # 3: proposer seconds
        + "乙提案,D0001,D0002、D0003,文体活动,,\n"  # 4: unknown category
        + "丙提案,D0001,D0002、X77,职工福利,,\n"  # 5: unknown seconder
        + "丁提案,第九代表团,D0002、D0003,职工福利,,\n"  # 6: unknown delegation
        + "戊提案,D0001,D0002、S001,职工福利,,\n"  # 7: staff seconds
        + "己提案,,D0002、D0003,职工福利,,\n"  # 8: no proposer
        + "庚提案,D0004,D0002、D0003,,,\n"  # 9: no category
        + "辛提案,D0004,D0002、D0003,职工福利,,\n"  # 10: good
        + "辛提案,D0004,D0005、D0006,职工福利,,\n"  # 11: the same as line 10
        + "壬提案,L001,D0002、D0003,职工福利,,\n"  # 12: 列席 proposes
    )
    error = refused(hall, write(tmp_path, text))
    keys = {d.params["line"]: d.key for d in error.details}
    assert keys == {
        2: "proposals.err.empty_title",
        3: "row.proposal.seconder_is_proposer",
        4: "row.proposal.unknown_category",
        5: "row.proposal.unknown_person",
        6: "row.proposal.unknown_delegation",
        7: "row.proposal.seconder_not_delegate",
        8: "proposals.err.no_proposer",
        9: "row.proposal.empty_category",
        11: "proposals.err.duplicate_row",
        12: "row.proposal.proposer_not_delegate",
    }
    message = refusal_text(error)
    assert "第4行: 类别「文体活动」不在类别列表中" in message
    assert "第11行: 与第10行标题和提案人相同（重复）" in message
    assert "第6行: 没有名为「第九代表团」的代表团。" in message


def test_the_refusal_reads_in_english(hall, tmp_path):
    text = HEADER + "甲提案,D0001,D0002,职工福利,,\n"
    error = refused(hall, write(tmp_path, text))
    set_lang("en")
    message = refusal_text(error)
    assert "1 of the 1 rows in the proposals file have errors" in message
    assert "Line 2: Only 1 seconder(s); at least 2 voting delegates must second it." in message


def test_a_missing_column_refuses_the_whole_file(hall, tmp_path):
    error = refused(hall, write(tmp_path, "标题,附议人,类别\n甲提案,D0002、D0003,职工福利\n"))
    assert error.key == "proposals.missing"
    assert error.params["columns"] == "提案人/proposer"
    no_seconders = write(tmp_path, "标题,提案人,类别\n甲提案,D0001,职工福利\n", "b.csv")
    error = refused(hall, no_seconders)
    assert error.key == "proposals.missing" and error.params["columns"] == "附议人/seconders"
    p.set_proposal_settings(hall, min_seconders=0)
    assert [a.label for a in run(hall, no_seconders).added] == ["三届二次-001"]


# -- headers, encodings, workbooks --------------------------------------------------------------


def test_english_headers_with_a_bom_spaces_and_capitals(hall, tmp_path):
    text = (
        " Title ,PROPOSER,Seconders, category ,Reason,Suggestion,备注\n"
        + "关于改善职工食堂伙食的提案,ｄ０００１,d0002 d0003,职工福利,案由,建议,x\n"
    )
    path = tmp_path / "en.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    report = run(hall, path)
    detail = p.get_proposal(hall, report.added[0].number)
    assert [x.code for x in detail.proposers] == ["D0001"]
    assert [x.code for x in detail.seconders] == ["D0002", "D0003"]
    assert (detail.reason, detail.suggestion) == ("案由", "建议")


def test_a_gbk_csv_is_read(hall, tmp_path):
    report = run(hall, write(tmp_path, GOOD, "gbk.csv", encoding="gbk"))
    assert len(report.added) == 3
    assert p.get_proposal(hall, 1).row.title == "关于改善职工食堂伙食的提案"


def test_an_xlsx_with_a_title_row_above_the_header(hall, tmp_path):
    rows = [
        ["三届二次会议代表提案汇总表"],
        ["序号", "提案标题", "提案人", "附议代表", "提案类别", "案由", "建议措施"],
        [
            1,
            "关于改善职工食堂伙食的提案",
            "D0001",
            "D0002、D0003",
            "职工福利",
            "第一句。\n第二句。",
            "",
        ],
        [2, "关于加强安全培训的提案", "第一代表团", "E0001,E0002", "安全生产", "", "多培训"],
        [None, None, None, None, None, None, None],
    ]
    report = run(hall, write_xlsx(tmp_path, rows))
    assert report.rows == 2 and len(report.added) == 2
    first, team = p.get_proposal(hall, 1), p.get_proposal(hall, 2)
    assert first.reason == "第一句。\n第二句。"
    assert team.row.proposer_kind == rules.DELEGATION and team.row.delegation == "第一代表团"


def test_a_bad_xlsx_row_is_named_by_its_spreadsheet_line(hall, tmp_path):
    rows = [
        ["标题", "提案人", "附议人", "类别"],
        ["甲提案", "D0001", "D0002、D0003", "职工福利"],
        ["乙提案", "D0001", "D0002", "职工福利"],
    ]
    error = refused(hall, write_xlsx(tmp_path, rows))
    assert lines_of(error) == [3]


def test_file_problems_are_refused_before_any_row(hall, tmp_path):
    assert refused(hall, write(tmp_path, "")).key == "proposals.empty"
    assert refused(hall, write(tmp_path, HEADER, "h.csv")).key == "proposals.no_rows"
    twice = "标题,题目,提案人,附议人,类别\n甲,乙,D0001,D0002、D0003,职工福利\n"
    error = refused(hall, write(tmp_path, twice, "t.csv"))
    assert error.key == "proposals.duplicate_column"
    assert (error.params["first"], error.params["second"]) == ("A", "B")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert refused(hall, old).key == "proposals.xls_unsupported"
    assert refused(hall, tmp_path / "none.csv").key == "proposals.not_found"


def test_codes_split_on_every_separator():
    assert split_codes("D1、D2,D3，D4;D5；D6 D7/D8\nD9") == tuple(f"D{i}" for i in range(1, 10))
    assert split_codes(" ｄ１ ") == ("d1",)
    assert split_codes("") == ()
    parsed = parse_proposal_bytes(GOOD.encode("utf-8"), suffix=".csv")
    assert [row.line for row in parsed.rows] == [2, 3, 4]
    assert parsed.rows[2].proposer == "第二代表团"


# -- re-import and numbering --------------------------------------------------------------------


def test_importing_the_same_file_again_adds_nothing(hall, tmp_path):
    path = write(tmp_path, GOOD)
    run(hall, path)
    before = snapshot(hall)
    again = run(hall, path)
    assert (again.rows, again.added, again.unchanged) == (3, (), 3)
    assert snapshot(hall) == before  # not even an audit event


def test_a_reworded_file_adds_only_the_new_rows(hall, tmp_path):
    run(hall, write(tmp_path, GOOD))
    text = (
        HEADER
        # the same people in another order, other seconders: the same proposal
        + '关于增开夜班班车的提案,"E0001 D0004",D0002、D0003,职工福利,,\n'
        + "关于加强安全培训的提案,第二代表团,D0005、D0006,安全生产,,\n"
        + "关于加强安全培训的提案,D0001,D0005、D0006,安全生产,,\n"  # a delegate, not the team
        + "关于改善职工宿舍的提案,D0001,D0002、D0003,职工福利,,\n"
    )
    report = run(hall, write(tmp_path, text, "second.csv"))
    assert report.unchanged == 2
    assert [a.label for a in report.added] == ["三届二次-004", "三届二次-005"]


def test_a_stored_proposal_is_unchanged_even_if_the_rules_tightened(hall, tmp_path):
    path = write(tmp_path, GOOD)
    run(hall, path)
    p.set_proposal_settings(hall, min_seconders=3)
    assert run(hall, path).unchanged == 3


def test_the_seconders_rule_at_its_edge(hall, tmp_path):
    p.set_proposal_settings(hall, min_seconders=3)
    short = HEADER + "甲提案,D0001,D0002、D0003,职工福利,,\n"
    error = refused(hall, write(tmp_path, short))
    assert [d.key for d in error.details] == ["row.proposal.too_few_seconders"]
    assert error.details[0].params["count"] == 2 and error.details[0].params["min"] == 3
    exactly = HEADER + "甲提案,D0001,D0002、D0003、D0004,职工福利,,\n"
    assert len(run(hall, write(tmp_path, exactly, "ok.csv")).added) == 1


def test_numbers_go_on_without_a_gap_after_desk_submissions(hall, tmp_path):
    def desk(title):
        draft = p.Draft(title, "职工福利", ("D0001",), ("D0002", "D0003"))
        return p.submit_proposal(hall, draft).row.number

    assert [desk("桌面一"), desk("桌面二")] == [1, 2]
    bad = HEADER + "甲提案,D0001,D0002,职工福利,,\n"
    refused(hall, write(tmp_path, bad, "bad.csv"))
    report = run(hall, write(tmp_path, GOOD))
    assert [a.number for a in report.added] == [3, 4, 5]
    assert desk("桌面三") == 6
    assert [r.number for r in p.list_proposals(hall)] == [1, 2, 3, 4, 5, 6]
