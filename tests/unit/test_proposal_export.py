"""Proposal exports: the 提案汇编 (PDF) and the registry workbook, written and read back.

Real parts on both backends: proposals made through the services in every state that matters,
the PDF read back with PDFium (text per page, pages rendered), the workbook reopened with openpyxl
and every figure compared with ``proposal_stats``.
"""

import re
from datetime import datetime
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest

from models import proposals as p
from models.congress import create_congress
from models.errors import Refusal
from models.io import proposal_sheet
from models.io.proposal_export import ProposalExport, export_proposals
from models.rules.proposals import ACTIONS, PROPOSER_KINDS, RATINGS, STATUSES
from tests.helpers import add_people
from tui.i18n import proposals as catalog

PEOPLE = [
    ("D0001", "张建国", "第一代表团", "delegate"),
    ("D0002", "李秀英", "第一代表团", "delegate"),
    ("D0003", "王志强", "第二代表团", "delegate"),
    ("D0004", "赵丽华", "第二代表团", "delegate"),
    ("D0005", "孙海燕", "第三代表团", "delegate"),
    ("D0006", "周文斌", "第三代表团", "delegate"),
    ("D0007", "吴明", "第一代表团", "delegate"),
    ("D0008", "郑小红", "第二代表团", "delegate"),
]
LONG_TITLE = (
    "关于进一步完善一线生产岗位职工夜班补贴、高温津贴、有毒有害岗位津贴发放标准"
    "并建立随物价水平动态调整机制以切实保障职工合法权益的提案"
)
REPLY = "经研究，已于五月增加夜班巡查人员四名，更换灭火器一百二十具，并建立每月夜间安全检查制度。"
SECOND_REPLY = "人力资源部已会同财务部重新测算，拟自下季度起按新标准发放夜班补贴。"


def long_reason() -> str:
    """About 3000 characters in numbered sentences, so a cut anywhere is visible."""
    sentences = [
        f"第{i:03d}条：夜班生产任务加重，巡查人员不足，部分区域照明不足、通道堆物、消防器材过期。"
        for i in range(1, 76)
    ]
    return "".join(sentences[:40]) + "\n" + "".join(sentences[40:])


def build_registry(db) -> dict[str, int]:
    """Seven proposals through the services: closed (with one merged into it), overdue, to be
    handled again (round 2), a delegation's (only accepted), rejected, turned into a suggestion,
    and one still waiting."""
    add_people(db, PEOPLE)

    def submit(title, category, proposers, seconders, **kw) -> int:
        draft = p.Draft(title, category, proposers=proposers, seconders=seconders, **kw)
        return p.submit_proposal(db, draft, operator="提案组", station="一号台").row.number

    n = {
        "closed": submit(
            "关于加强夜班安全巡查的提案",
            "安全生产",
            ("D0001",),
            ("D0003", "D0004"),
            reason=long_reason(),
            suggestion="一、增加夜班巡查人员。\n二、更换过期消防器材。\n三、每月开展一次夜间安全检查。",
        ),
        "overdue": submit(
            "关于增设职工食堂夜宵窗口的提案",
            "职工福利",
            ("D0002", "D0003"),
            ("D0005", "D0006"),
            reason="夜班职工用餐不便。",
            suggestion="在食堂增设夜宵窗口。",
        ),
        "merged": submit(
            "关于夜间巡查人手不足的意见",
            "安全生产",
            ("D0005",),
            ("D0001", "D0002"),
            reason="夜班巡查不到位。",
            suggestion="加强巡查。",
        ),
        "rejected": submit(
            "关于组织职工春季旅游的提案",
            "其他",
            ("D0006",),
            ("D0001", "D0002"),
            reason="丰富职工生活。",
            suggestion="组织春游。",
        ),
        "delegation": submit(
            "关于简化劳动合同续签流程的提案",
            "劳动保障",
            (),
            ("D0007", "D0008"),
            delegation="第三代表团",
            reason="续签流程繁琐。",
            suggestion="简化流程。",
        ),
        "suggestion": submit(
            "关于更换办公椅的建议",
            "职工福利",
            ("D0007",),
            ("D0001", "D0002"),
            reason="办公椅老旧。",
        ),
        "rehandling": submit(
            LONG_TITLE,
            "劳动保障",
            ("D0008",),
            ("D0001", "D0005"),
            reason="补贴标准多年未调整。",
            suggestion="建立动态调整机制。",
        ),
        "waiting": submit(
            "关于改进车间通风条件的提案",
            "生产经营",
            ("D0004",),
            ("D0001", "D0002"),
            reason="车间通风差。",
        ),
    }
    p.accept_proposal(db, n["closed"])
    p.merge_proposal(db, n["merged"], n["closed"], note="内容相近")
    p.assign_proposal(db, n["closed"], department="安全环保部", due="2026-06-30")
    p.answer_proposal(db, n["closed"], reply=REPLY)
    p.rate_proposal(db, n["closed"], "满意")
    p.accept_proposal(db, n["overdue"])
    p.assign_proposal(db, n["overdue"], department="后勤服务中心", due="2020-01-31")
    p.reject_proposal(db, n["rejected"], reason="不属于提案范围，转工会办理。")
    p.accept_proposal(db, n["delegation"])
    p.suggest_proposal(db, n["suggestion"], note="作为意见建议转行政部")
    p.accept_proposal(db, n["rehandling"])
    p.assign_proposal(db, n["rehandling"], department="人力资源部", due="2099-03-31")
    p.answer_proposal(db, n["rehandling"], reply="正在研究。")
    p.rate_proposal(db, n["rehandling"], "不满意")
    p.assign_proposal(db, n["rehandling"], department="人力资源部", due="2099-06-30")
    p.answer_proposal(db, n["rehandling"], reply=SECOND_REPLY)
    return n


# -- reading the files back ---------------------------------------------------------------------


def page_texts(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def render(path: Path, folder: Path, pages: list[int]) -> list[Path]:
    """Chosen pages (1-based) as PNGs, to look at while working on the layout."""
    pdf = pdfium.PdfDocument(str(path))
    out = []
    try:
        for number in pages:
            image = pdf[number - 1].render(scale=1.6).to_pil()
            target = folder / f"{path.stem}_{number}.png"
            image.save(target)
            assert image.getbbox() is not None
            out.append(target)
    finally:
        pdf.close()
    return out


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


PAGE_FURNITURE = ("生成于", "页／共", "（续）")


def body_text(texts: list[str]) -> str:
    """Every page's text without the footer and the continuation header, run together."""
    lines = [
        line
        for text in texts
        for line in text.splitlines()
        if not any(mark in line for mark in PAGE_FURNITURE)
    ]
    return flat("".join(lines))


def first_page_of(texts: list[str], label: str) -> int:
    """The 1-based page where a proposal's own page begins."""
    return next(i for i, text in enumerate(texts, start=1) if f"编号：{label}" in flat(text))


@pytest.fixture
def registry(congress_db):
    return congress_db, build_registry(congress_db)


def label(number: int) -> str:
    return f"三届二次-{number:03d}"


# -- the compilation ----------------------------------------------------------------------------


def test_export_writes_both_files_and_counts_them(registry, tmp_path):
    db, n = registry
    done = export_proposals(db, pdf=tmp_path / "汇编.pdf", xlsx=tmp_path / "登记.xlsx")
    assert isinstance(done, ProposalExport)
    assert done.pdf == tmp_path / "汇编.pdf" and done.pdf.stat().st_size > 0
    assert done.xlsx == tmp_path / "登记.xlsx" and done.xlsx.stat().st_size > 0
    assert done.received == len(n) == 8
    assert done.accepted == len(p.compilation(db)) == 4
    assert not list(tmp_path.glob(".*.tmp"))  # written beside the target and moved into place


def test_only_the_files_asked_for_are_written(registry, tmp_path):
    db, _ = registry
    out = tmp_path / "out"  # the database lives in tmp_path
    done = export_proposals(db, xlsx=out / "登记.xlsx")
    assert done.pdf is None and done.xlsx is not None
    assert sorted(f.name for f in out.iterdir()) == ["登记.xlsx"]


def test_compilation_has_every_accepted_proposal_on_its_own_page(registry, tmp_path):
    db, n = registry
    path = export_proposals(db, pdf=tmp_path / "汇编.pdf").pdf
    texts = page_texts(path)
    everything = body_text(texts)
    accepted = p.compilation(db)
    assert [d.row.number for d in accepted] == sorted(
        [n["closed"], n["overdue"], n["delegation"], n["rehandling"]]
    )
    starts = [first_page_of(texts, d.row.label) for d in accepted]
    assert starts == sorted(starts) and starts[0] == 2  # the cover first, then in number order
    for detail, start in zip(accepted, starts, strict=True):
        page = flat(texts[start - 1])
        assert flat(detail.row.title) in page
        assert detail.row.category in page
        for person in detail.proposers:
            assert person.name in page
        for person in detail.seconders:
            assert person.name in page
        if detail.row.department:
            assert detail.row.department in everything
    assert "张建国（第一代表团）" in everything
    assert "李秀英（第一代表团）、王志强（第二代表团）" in everything  # joint, with delegations
    delegation_page = flat(texts[first_page_of(texts, label(n["delegation"])) - 1])
    assert "提案人第三代表团" in delegation_page and "代表团" in delegation_page
    assert flat(REPLY) in everything and flat(SECOND_REPLY) in everything
    assert "提案人评价满意" in everything
    assert "第2轮" in everything and "提案人评价不满意" in everything


def test_rejected_merged_and_undecided_proposals_get_no_page(registry, tmp_path):
    db, n = registry
    texts = page_texts(export_proposals(db, pdf=tmp_path / "汇编.pdf").pdf)
    everything = body_text(texts)
    for key in ("merged", "rejected", "suggestion", "waiting"):
        assert f"编号：{label(n[key])}" not in everything
    assert "关于组织职工春季旅游的提案" not in everything
    assert "关于更换办公椅的建议" not in everything
    assert "关于改进车间通风条件的提案" not in everything
    # the merged one is named only under the proposal it was merged into
    closed_from = first_page_of(texts, label(n["closed"]))
    closed_to = first_page_of(texts, label(n["overdue"]))
    merged_title = "关于夜间巡查人手不足的意见"
    assert everything.count(merged_title) == 1
    assert merged_title in body_text(texts[closed_from - 1 : closed_to - 1])
    assert f"{label(n['merged'])}{merged_title}" in everything


def test_cover_states_the_figures_and_the_contents_page_numbers(registry, tmp_path):
    db, _ = registry
    texts = page_texts(export_proposals(db, pdf=tmp_path / "汇编.pdf").pdf)
    cover = flat(texts[0])
    stats = p.proposal_stats(db)
    assert "测试公司第三届职工代表大会第二次会议" in cover and "提案汇编" in cover
    assert f"共收到代表提案{stats.received}件" in cover
    assert f"立案{stats.accepted}件" in cover and f"并案处理{stats.merged}件" in cover
    assert f"不予立案{stats.rejected}件" in cover and f"转为意见建议{stats.suggestion}件" in cover
    assert f"满意率{stats.satisfaction_rate}%" in cover
    assert "目录（立案提案4件）" in cover
    for detail in p.compilation(db):
        start = first_page_of(texts, detail.row.label)
        department = detail.row.department or "—"
        row = f"{detail.row.label}{flat(detail.row.title)}"
        assert row in cover
        assert f"{department}{start}" in cover[cover.index(row) :], detail.row.label


def test_long_text_flows_onto_continuation_pages_uncut(registry, tmp_path):
    db, n = registry
    texts = page_texts(export_proposals(db, pdf=tmp_path / "汇编.pdf").pdf)
    start = first_page_of(texts, label(n["closed"]))
    after = first_page_of(texts, label(n["overdue"]))
    assert after - start >= 2  # ~3000 characters do not fit on one page
    for page in texts[start : after - 1]:
        assert "关于加强夜班安全巡查的提案（续）" in flat(page)
    assert flat(long_reason()) in body_text(texts[start - 1 : after - 1])
    # Chinese punctuation never starts a line (it hangs in the margin instead)
    lines = [line.strip() for text in texts for line in text.splitlines()]
    assert not [line for line in lines if line[:1] in "，。、；：？！"]


def test_long_title_wraps_and_stays_whole(registry, tmp_path):
    db, n = registry
    texts = page_texts(export_proposals(db, pdf=tmp_path / "汇编.pdf").pdf)
    page = texts[first_page_of(texts, label(n["rehandling"])) - 1]
    assert flat(LONG_TITLE) in flat(page)
    assert flat(LONG_TITLE) in flat(texts[0])  # the contents too


def test_pages_render_for_a_look(registry, tmp_path):
    db, n = registry
    path = export_proposals(db, pdf=tmp_path / "汇编.pdf").pdf
    texts = page_texts(path)
    pages = [1, first_page_of(texts, label(n["closed"])), first_page_of(texts, label(n["overdue"]))]
    images = render(path, tmp_path, pages)
    assert len(images) == 3 and all(image.stat().st_size > 10_000 for image in images)


def test_an_empty_congress_still_gets_a_valid_compilation(db, tmp_path):
    create_congress(db, "空白公司第一届职工代表大会第一次会议")
    done = export_proposals(db, pdf=tmp_path / "汇编.pdf", xlsx=tmp_path / "登记.xlsx")
    assert (done.received, done.accepted) == (0, 0)
    texts = page_texts(done.pdf)
    assert len(texts) == 1
    assert "本次大会尚未收到代表提案" in flat(texts[0])
    assert "本次大会尚无立案的提案" in flat(texts[0])
    book = openpyxl.load_workbook(done.xlsx)
    assert book["提案登记"].max_row == 1 and book["办理记录"].max_row == 1
    assert _totals(book["统计"])["收到提案"] == 0 and _totals(book["统计"])["满意率"] is None


def test_a_directory_as_target_is_refused_and_nothing_written(registry, tmp_path):
    db, _ = registry
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Refusal) as refused:
        export_proposals(db, pdf=out / "汇编.pdf", xlsx=out)
    assert refused.value.key == "result.out_is_dir"
    assert list(out.iterdir()) == []


# -- the registry workbook ----------------------------------------------------------------------


def _rows(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _totals(sheet) -> dict:
    """The 统计 sheet's first table: label → figure."""
    totals = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if row[0] is None:
            break
        totals[row[0]] = row[1]
    return totals


def _tally(sheet, heading: str) -> dict[str, list]:
    """One of the 统计 sheet's tables (按类别 / 按代表团): key → its figures, 合计 included."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == heading) + 2
    table = {}
    for row in rows[start:]:
        if row[0] is None:
            break
        table[row[0]] = list(row[1:])
    return table


def test_registry_sheet_has_every_proposal_in_words(registry, tmp_path):
    db, n = registry
    book = openpyxl.load_workbook(export_proposals(db, xlsx=tmp_path / "登记.xlsx").xlsx)
    assert book.sheetnames == ["提案登记", "统计", "办理记录"]
    sheet = book["提案登记"]
    assert sheet.freeze_panes == "C2"
    assert all(cell.font.bold for cell in sheet[1])
    rows = {row["编号"]: row for row in _rows(sheet)}
    assert list(rows) == [label(i) for i in range(1, 9)]
    assert list(next(iter(rows.values()))) == [title for title, _ in proposal_sheet_register()]

    closed = rows[label(n["closed"])]
    assert closed["状态"] == "已办结" and closed["评价"] == "满意"
    assert closed["提案形式"] == "代表个人" and closed["提案人"] == "张建国（第一代表团）"
    assert closed["附议人"] == "王志强、赵丽华" and closed["代表团"] == "第一代表团"
    assert closed["承办部门"] == "安全环保部" and closed["答复"] == REPLY
    assert closed["办理期限"] == datetime(2026, 6, 30) and closed["是否超期"] == "否"
    assert closed["处理意见/理由"] == f"并案：{label(n['merged'])}"
    assert closed["办理轮次"] == 1 and isinstance(closed["提交时间"], datetime)

    assert rows[label(n["overdue"])]["是否超期"] == "是"
    assert rows[label(n["overdue"])]["提案形式"] == "代表联名"
    assert rows[label(n["merged"])]["状态"] == "已合并"
    assert rows[label(n["merged"])]["处理意见/理由"] == f"并入 {label(n['closed'])}"
    assert rows[label(n["rejected"])]["状态"] == "不予立案"
    assert rows[label(n["rejected"])]["处理意见/理由"] == "不属于提案范围，转工会办理。"
    assert rows[label(n["suggestion"])]["状态"] == "转为意见建议"
    assert rows[label(n["delegation"])]["提案人"] == "第三代表团"
    assert rows[label(n["delegation"])]["提案形式"] == "代表团"
    again = rows[label(n["rehandling"])]
    assert again["状态"] == "已答复" and again["办理轮次"] == 2 and again["答复"] == SECOND_REPLY
    assert (
        rows[label(n["waiting"])]["状态"] == "已提交"
        and rows[label(n["waiting"])]["承办部门"] is None
    )


def proposal_sheet_register():
    from models.io.proposal_book import REGISTER

    return REGISTER


def test_stats_sheet_equals_proposal_stats(registry, tmp_path):
    db, _ = registry
    book = openpyxl.load_workbook(export_proposals(db, xlsx=tmp_path / "登记.xlsx").xlsx)
    sheet = book["统计"]
    stats = p.proposal_stats(db)
    totals = _totals(sheet)
    assert totals == {
        "收到提案": stats.received,
        "合并（并案）": stats.merged,
        "立案": stats.accepted,
        "转为意见建议": stats.suggestion,
        "不予立案": stats.rejected,
        "待审查": stats.pending,
        "已答复": stats.answered,
        "已评价": stats.rated,
        "满意": stats.satisfied,
        "基本满意": stats.basic,
        "不满意": stats.unsatisfied,
        "超期未答复": stats.overdue,
        "满意率": float(stats.satisfaction_rate),
    }
    assert (stats.received, stats.accepted, stats.merged, stats.rated) == (8, 4, 1, 2)
    assert totals["满意率"] == 50.0  # one 满意, one 不满意
    keys = ("received", "merged", "accepted", "suggestion", "rejected", "answered", "satisfied")
    for heading, tallies in (("按类别", stats.by_category), ("按代表团", stats.by_delegation)):
        table = _tally(sheet, heading)
        total = table.pop("合计")
        assert table == {name: [counts[k] for k in keys] for name, counts in tallies.items()}
        assert total == [sum(counts[k] for counts in tallies.values()) for k in keys]
    assert isinstance(totals["收到提案"], int)


def test_history_sheet_has_every_step(registry, tmp_path):
    db, n = registry
    book = openpyxl.load_workbook(export_proposals(db, xlsx=tmp_path / "登记.xlsx").xlsx)
    rows = _rows(book["办理记录"])
    details = p.all_details(db)
    assert len(rows) == sum(len(d.history) for d in details)
    assert list(rows[0]) == ["编号", "时间", "操作", "从", "到", "说明", "操作员", "台位"]
    closed = [row for row in rows if row["编号"] == label(n["closed"])]
    assert [row["操作"] for row in closed] == ["提交", "立案", "交办", "答复", "评价"]
    assert closed[0]["从"] is None and closed[0]["到"] == "已提交"
    assert closed[0]["操作员"] == "提案组" and closed[0]["台位"] == "一号台"
    assert closed[2]["说明"] == "安全环保部 · 2026-06-30"
    assert closed[4]["说明"] == "满意" and closed[4]["到"] == "已办结"
    assert isinstance(closed[0]["时间"], datetime)
    merged = [row for row in rows if row["编号"] == label(n["merged"])]
    assert merged[-1]["说明"] == f"并入 {label(n['closed'])}；内容相近"
    again = [row for row in rows if row["编号"] == label(n["rehandling"])]
    assert [row["到"] for row in again][-3:] == ["重新办理", "已交办", "已答复"]


# -- words and the desk's F9 --------------------------------------------------------------------


def test_document_words_are_the_chinese_catalogs():
    """models/ may not import tui/, so the sheet mirrors the catalog; this keeps them equal."""
    zh = catalog.ZH
    assert {s: zh[f"proposal.status.{s}"] for s in STATUSES} == proposal_sheet.STATUS_WORDS
    assert {r: zh[f"proposal.rating.{r}"] for r in RATINGS} == proposal_sheet.RATING_WORDS
    assert {k: zh[f"proposal.kind.{k}"] for k in PROPOSER_KINDS} == proposal_sheet.KIND_WORDS
    actions = {key.removeprefix("proposal.action.") for key in zh if ".action." in key}
    assert set(ACTIONS) <= actions
    assert {a: zh[f"proposal.action.{a}"] for a in actions} == proposal_sheet.ACTION_WORDS


def test_desk_export_writes_into_the_export_folder(registry, tmp_path, monkeypatch):
    from tui.exports import proposal_paths, write_proposal_sheets

    db, _ = registry
    monkeypatch.setenv("HUIWU_EXPORT_DIR", str(tmp_path))
    text, error = write_proposal_sheets(db)
    pdf, xlsx = proposal_paths("三届二次")
    assert not error
    assert pdf.exists() and xlsx.exists() and pdf.parent == tmp_path
    assert str(pdf) in text and "立案 4 件" in text and "共 8 件" in text


def test_desk_export_reports_a_refusal_in_words(registry, tmp_path, monkeypatch):
    from tui.exports import proposal_paths, write_proposal_sheets

    db, _ = registry
    monkeypatch.setenv("HUIWU_EXPORT_DIR", str(tmp_path))
    proposal_paths("三届二次")[0].mkdir()  # a folder where the PDF should go
    text, error = write_proposal_sheets(db)
    assert error and "提案汇编.pdf" in text
