"""Paper ballots read by machine, end to end on real databases: huiwu prints the sheet, the test
makes scans of it (PDFium raster, a hand-like pen, a scanner's skew, blur and JPEG), the reader
reads them, a person decides the doubts, and the ballots land as the first entry (RULES §3)."""

import json

import pytest
from sqlalchemy import select

from models import audit
from models.elections import election_outcome, new_election
from models.errors import Refusal
from models.motions import new_motion
from models.paper import (
    T_PAPER,
    decide,
    deck_state,
    doubt_image,
    layout_document,
    load_sheet,
    print_ballots,
    print_test_deck,
    review_queue,
    scan_paths,
)
from models.voting import issue, set_setting
from tests.helpers import seat_voters
from tests.paper_scans import marked, pdf_pages, write
from tui.paper_text import page_result

NAMES = "甲一,乙二,丙三,丁四,戊五"


def refused(key: str):
    return pytest.raises(Refusal, match=rf"^{key} ")


@pytest.fixture
def election(congress_db):
    """7 due and present; an election of 3 seats among 5; the test deck not required."""
    seat_voters(congress_db, 7, present=7)
    new_election(congress_db, "工会委员会选举", seats=3, candidates=NAMES, order="given")
    issue(congress_db, 1, 7)
    set_setting(congress_db, "paper.deck", "off")
    return congress_db


@pytest.fixture
def blank(election, tmp_path):
    _sheet, pdf = print_ballots(election, ["1"], tmp_path / "选票.pdf")
    return pdf_pages(pdf)[0]


def sheet_of(db):
    with db.read() as conn:
        return load_sheet(conn, ["1"])


def pages(db):
    with db.read() as conn:
        return conn.execute(select(T_PAPER).order_by(T_PAPER.c.id)).all()


def test_the_layout_is_the_documented_json(election):
    doc = layout_document(election, ["1"])
    assert doc["page_mm"] == [210, 297] and doc["pages"] == 1
    assert [b["candidate"] for b in doc["boxes"]] == NAMES.split(",")
    assert all(len(b["rect_mm"]) == 4 and b["page"] == 1 for b in doc["boxes"])
    assert len(doc["write_ins"]) == 2 and set(doc["write_ins"][0]) == {
        "page",
        "name_rect_mm",
        "box_rect_mm",
    }


def test_scanned_ballots_are_keyed_as_the_first_entry(election, blank, tmp_path):
    sheet = sheet_of(election)
    folder = tmp_path / "scans"
    write(
        folder,
        "001.png",
        marked(blank, sheet.real, ["circle", "circle", "cross", "blank", "circle"], 1),
    )
    write(
        folder,
        "002.jpg",
        marked(blank, sheet.real, ["blank", "cross", "circle", "blank", "blank"], 2),
    )
    report = scan_paths(election, ["1"], [folder])
    assert [p.status for p in report.pages] == ["read", "read"]
    assert report.pages[0].marks == {"甲一": "○", "乙二": "○", "丙三": "×", "丁四": "", "戊五": "○"}
    outcome = election_outcome(election, 1)
    assert outcome.entries.get(1, 0) == 2
    tally = {c.name: (c.yes, c.no) for c in outcome.result.candidates}
    assert tally == {"甲一": (1, 0), "乙二": (1, 1), "丙三": (1, 1), "丁四": (0, 0), "戊五": (1, 0)}
    rows = pages(election)
    assert [r.ballot for r in rows] == [1, 2] and all(len(r.sha256) == 64 for r in rows)
    logged = reversed(audit.events(election, "paper.page"))
    assert [e["payload"]["sha256"] for e in logged] == [r.sha256 for r in rows]


def test_an_over_filled_ballot_is_void_as_when_keyed(election, blank, tmp_path):
    sheet = sheet_of(election)
    path = write(tmp_path, "a.png", marked(blank, sheet.real, ["circle"] * 4 + ["blank"], 3))
    scan_paths(election, ["1"], [path])
    assert election_outcome(election, 1).result.void_ballots == 1


def scanned_twice(election, blank, tmp_path):
    """One sheet read, the same image again (refused) and a rescan of it (waits for a person)."""
    sheet = sheet_of(election)
    image = marked(
        blank, sheet.real, ["circle", "blank", "cross", "blank", "blank"], 4, degrade=False
    )
    first = write(tmp_path / "a", "a.png", image)
    again = write(tmp_path / "b", "same.png", image)
    rng_rescan = marked(image, sheet.real, ["blank"] * 5, 5)  # the same ink, scanned again
    rescan = write(tmp_path / "c", "rescan.jpg", rng_rescan)
    return scan_paths(election, ["1"], [first, again, rescan])


def test_a_sheet_scanned_again_waits_for_a_person_and_is_counted_once(election, blank, tmp_path):
    report = scanned_twice(election, blank, tmp_path)
    assert [(p.status, p.reason, p.detail) for p in report.pages] == [
        ("read", "", {}),
        ("refused", "paper.same_image", {"source": "a.png #1"}),
        ("review", "twin", {"source": "a.png #1"}),
    ]
    assert page_result(report.pages[2]) == "待人工判定（笔迹与“a.png #1”相同，可能重复扫描）"
    assert election_outcome(election, 1).entries.get(1, 0) == 1  # nothing counted on a guess
    (doubt,) = review_queue(election, ["1"])  # the twin first: its boxes need no decision then
    assert (doubt.what, doubt.index, doubt.label, doubt.reason) == ("twin", 0, "a.png #1", "twin")
    data, sha = doubt_image(election, doubt)
    assert data.startswith(b"\x89PNG")
    with refused("paper.bad_decision"):
        decide(election, doubt, "○", image_sha256=sha)
    assert decide(election, doubt, "same", image_sha256=sha) is None
    assert review_queue(election, ["1"]) == []
    assert [r.status for r in pages(election)] == ["read", "duplicate"]
    assert election_outcome(election, 1).entries.get(1, 0) == 1
    (logged,) = [e["payload"] for e in audit.events(election, "paper.decide")]
    assert (logged["what"], logged["value"], logged["image"]) == ("twin", "same", sha)


def test_a_sheet_a_person_calls_another_voters_is_counted(election, blank, tmp_path):
    from models.verify import verify_database

    scanned_twice(election, blank, tmp_path)
    (doubt,) = review_queue(election, ["1"])
    assert decide(election, doubt, "different", image_sha256=doubt_image(election, doubt)[1]) == 2
    assert [r.status for r in pages(election)] == ["read", "decided"]
    assert election_outcome(election, 1).entries.get(1, 0) == 2
    report = verify_database(election)
    assert report.ok, [c for c in report.checks if c.ok is False]
    checks = {c.key.removeprefix("verify.check."): c for c in report.checks}
    assert checks["scans"].params == {"pages": 2, "decisions": 1}


def test_the_twin_picture_puts_the_two_pages_marks_one_above_the_other(election, blank, tmp_path):
    import cv2
    import numpy as np

    scanned_twice(election, blank, tmp_path)
    (doubt,) = review_queue(election, ["1"])
    data, _sha = doubt_image(election, doubt)
    picture = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    height, width = picture.shape
    assert abs(width - height) < 10  # the ○ and the × in a row, above the earlier page's two
    quarters = [
        picture[rows, cols]
        for rows in (slice(0, height // 2), slice(height // 2, None))
        for cols in (slice(0, width // 2), slice(width // 2, None))
    ]
    assert all((quarter < 128).sum() > 50 for quarter in quarters)


def test_blank_ballots_from_two_voters_both_count(election, blank, tmp_path):
    sheet = sheet_of(election)
    a = write(tmp_path, "a.png", marked(blank, sheet.real, ["blank"] * 5, 6))
    b = write(tmp_path, "b.png", marked(blank, sheet.real, ["blank"] * 5, 7))
    report = scan_paths(election, ["1"], [a, b])
    assert [p.status for p in report.pages] == ["read", "read"]
    assert election_outcome(election, 1).entries.get(1, 0) == 2


def test_a_sheet_of_another_item_or_junk_is_refused_and_the_rest_read(election, blank, tmp_path):
    new_election(election, "经审会选举", seats=1, candidates="子,丑", order="given")
    _s, other_pdf = print_ballots(election, ["2"], tmp_path / "other.pdf")
    folder = tmp_path / "batch"
    write(folder, "1-other.png", pdf_pages(other_pdf)[0])
    write(folder, "2-blank.png", blank[:, :] * 0 + 255)
    (folder / "3-broken.jpg").write_bytes(b"\xff\xd8not a jpeg")
    sheet = sheet_of(election)
    write(folder, "4-good.png", marked(blank, sheet.real, ["circle"] + ["blank"] * 4, 8))
    report = scan_paths(election, ["1"], [folder])
    assert [(p.status, p.reason) for p in report.pages] == [
        ("refused", "foreign_sheet"),
        ("refused", "no_page"),
        ("refused", "corrupt"),
        ("read", ""),
    ]
    assert election_outcome(election, 1).entries.get(1, 0) == 1


def test_a_doubtful_box_waits_for_a_person_and_then_counts(election, blank, tmp_path):
    sheet = sheet_of(election)
    path = write(
        tmp_path,
        "a.png",
        marked(blank, sheet.real, ["tick", "circle", "blank", "blank", "blank"], 9),
    )
    report = scan_paths(election, ["1"], [path])
    assert report.pages[0].status == "review"
    assert election_outcome(election, 1).entries.get(1, 0) == 0  # nothing counted on a guess
    (doubt,) = review_queue(election, ["1"])
    assert (doubt.what, doubt.index, doubt.label) == ("box", 0, "甲一")
    data, sha = doubt_image(election, doubt)
    assert data.startswith(b"\x89PNG") and len(sha) == 64
    with refused("paper.bad_decision"):
        decide(election, doubt, "√", image_sha256=sha)
    assert decide(election, doubt, "?", image_sha256=sha) == 1
    assert review_queue(election, ["1"]) == []
    (tally,) = [c for c in election_outcome(election, 1).result.candidates if c.name == "甲一"]
    assert tally.unreadable == 1 and tally.yes == 0
    logged = [e["payload"] for e in audit.events(election, "paper.decide")]
    assert logged == [
        {
            "sheet": "1",
            "sha256": pages(election)[0].sha256,
            "what": "box",
            "index": 0,
            "value": "?",
            "image": sha,
        }
    ]
    with refused("paper.not_in_review"):
        decide(election, doubt, "○", image_sha256=sha)


def test_a_written_name_is_typed_by_a_person(election, blank, tmp_path):
    sheet = sheet_of(election)
    image = marked(
        blank,
        sheet.real,
        ["cross", "blank", "blank", "blank", "blank"],
        14,
        names={0: "x"},
        line_marks={0: "circle"},
    )
    scan_paths(election, ["1"], [write(tmp_path, "w.png", image)])
    (doubt,) = review_queue(election, ["1"])
    assert (doubt.what, doubt.index, doubt.label) == ("write_in", 0, "另选他人")
    _data, sha = doubt_image(election, doubt)
    assert decide(election, doubt, {"name": "林海", "mark": "○"}, image_sha256=sha) == 1
    names = {c.name: c.yes for c in election_outcome(election, 1).result.candidates}
    assert names["林海"] == 1


def test_real_sheets_wait_for_the_test_deck(election, blank, tmp_path):
    set_setting(election, "paper.deck", "required")
    sheet = sheet_of(election)
    real = write(tmp_path, "real.png", marked(blank, sheet.real, ["circle"] + ["blank"] * 4, 11))
    report = scan_paths(election, ["1"], [real])
    assert (report.pages[0].status, report.pages[0].reason) == ("refused", "paper.deck_first")
    _s, deck_pdf, expected = print_test_deck(election, ["1"], tmp_path / "deck.pdf")
    assert expected["sheets"] == len(pdf_pages(deck_pdf))
    folder = tmp_path / "deck"
    for i, page in enumerate(pdf_pages(deck_pdf), start=1):
        write(folder, f"{i:03d}.png", page)
    report = scan_paths(election, ["1"], [folder])
    assert all(p.reason == "test" for p in report.pages)
    with election.read() as conn:
        state = deck_state(conn, sheet)
    assert state.passed and state.matched == state.expected
    assert election_outcome(election, 1).entries.get(1, 0) == 0  # test sheets never count
    report = scan_paths(election, ["1"], [real])
    assert report.pages[0].status == "read"


def test_a_motion_sheet_carries_several_motions(congress_db, tmp_path):
    seat_voters(congress_db, 5, present=5)
    for number, title in enumerate(("关于职工福利的决议", "关于工会经费的决议"), start=1):
        new_motion(congress_db, title)
        issue(congress_db, number, 5)
    set_setting(congress_db, "paper.deck", "off")
    _s, pdf = print_ballots(congress_db, ["1", "2"], tmp_path / "表决票.pdf")
    with congress_db.read() as conn:
        sheet = load_sheet(conn, ["1", "2"])
    blank = pdf_pages(pdf)[0]
    # row 1: 赞成; row 2: nothing (弃权)
    a = write(
        tmp_path,
        "a.png",
        marked(blank, sheet.real, ["circle", "blank", "blank", "blank", "blank", "blank"], 12),
    )
    # row 1: two ○ (无效 for that motion); row 2: a × (a person judges it)
    b = write(
        tmp_path,
        "b.png",
        marked(blank, sheet.real, ["circle", "circle", "blank", "blank", "cross", "blank"], 13),
    )
    report = scan_paths(congress_db, ["1", "2"], [a, b])
    assert [p.status for p in report.pages] == ["read", "review"]
    (doubt,) = review_queue(congress_db, ["1", "2"])
    assert doubt.label == "关于工会经费的决议 · 反对" and doubt.reason == "cross"
    _d, sha = doubt_image(congress_db, doubt)
    decide(congress_db, doubt, "○", image_sha256=sha)
    from models.motions import motion_outcome

    first, second = motion_outcome(congress_db, 1), motion_outcome(congress_db, 2)
    assert (first.count.yes, first.count.invalid) == (1, 1)
    assert (second.count.abstain, second.count.no) == (1, 1)


def test_verify_reads_every_page_again_and_replays_the_decisions(election, blank, tmp_path):
    from models.minutes import export_minutes
    from models.verify import verify_archive, verify_database

    sheet = sheet_of(election)
    folder = tmp_path / "scans"
    write(
        folder,
        "a.png",
        marked(blank, sheet.real, ["circle", "cross", "blank", "blank", "blank"], 21),
    )
    write(
        folder,
        "b.png",
        marked(blank, sheet.real, ["tick", "circle", "blank", "blank", "blank"], 22),
    )
    scan_paths(election, ["1"], [folder])
    (doubt,) = review_queue(election, ["1"])
    decide(election, doubt, "×", image_sha256=doubt_image(election, doubt)[1])
    report = verify_database(election)
    checks = {c.key.removeprefix("verify.check."): c for c in report.checks}
    assert report.ok, [c for c in report.checks if c.ok is False]
    assert checks["scans"].params == {"pages": 2, "decisions": 1}
    assert checks["replay_paper"].params["count"] == 3  # two pages, one decision
    package = tmp_path / "package"
    export_minutes(election, package)
    assert len(list((package / "扫描件").glob("*.png"))) == 2
    from_archive = verify_archive(package / "huiwu-archive.json")
    assert from_archive.ok and {c.key for c in from_archive.checks} >= {"verify.check.scans"}
    # an image changed after the count is found
    victim = next((package / "扫描件").glob("*.png"))
    victim.write_bytes(victim.read_bytes()[:-10] + b"0123456789")
    failed = verify_archive(package / "huiwu-archive.json")
    assert [c.problem for c in failed.checks if c.ok is False] == ["verify.fail.scan_missing"]


def test_verify_finds_a_reading_the_log_does_not_hold(election, blank, tmp_path):
    from sqlalchemy import update

    from models.verify import verify_database

    sheet = sheet_of(election)
    scan_paths(
        election,
        ["1"],
        [write(tmp_path, "a.png", marked(blank, sheet.real, ["circle"] + ["blank"] * 4, 23))],
    )
    with election.write() as conn:
        forged = json.dumps({"boxes": ["×", "", "", "", ""], "reasons": [""] * 5, "write_ins": []})
        conn.execute(update(T_PAPER).values(reading=forged))
    report = verify_database(election)
    assert {c.key for c in report.checks if c.ok is False} == {
        "verify.check.replay_paper",
        "verify.check.scans",
    }


def test_appraisal_sheets_are_counted_as_totals(congress_db, tmp_path):
    from models.appraisals import appraisal_outcome, new_appraisal

    seat_voters(congress_db, 5, present=5)
    new_appraisal(congress_db, "领导班子测评", subjects=[("张三", "主席"), ("李四", None)])
    issue(congress_db, 1, 5)
    set_setting(congress_db, "paper.deck", "off")
    _s, pdf = print_ballots(congress_db, ["1"], tmp_path / "测评表.pdf")
    with congress_db.read() as conn:
        sheet = load_sheet(conn, ["1"])
    assert sheet.real.spec.rows == ("张三（主席）", "李四") and len(sheet.real.boxes) == 6
    blank = pdf_pages(pdf)[0]
    # 张三 满意, 李四 不满意 · 张三 基本满意, 李四 nothing · 张三 two ○ (no level)
    a = marked(blank, sheet.real, ["circle", "blank", "blank", "blank", "blank", "circle"], 31)
    b = marked(blank, sheet.real, ["blank", "circle", "blank", "blank", "blank", "blank"], 32)
    c = marked(blank, sheet.real, ["circle", "circle", "blank", "blank", "blank", "blank"], 33)
    folder = tmp_path / "scans"
    for name, image in (("a.png", a), ("b.png", b), ("c.png", c)):
        write(folder, name, image)
    report = scan_paths(congress_db, ["1"], [folder])
    assert [(p.status, p.reason, p.detail) for p in report.pages] == [("read", "", {})] * 3
    assert report.pages[0].marks == {
        "张三（主席）": {"满意": "○", "基本满意": "", "不满意": ""},
        "李四": {"满意": "", "基本满意": "", "不满意": "○"},
    }
    assert appraisal_outcome(congress_db, 1).result is None  # nothing counted on the way
    from models.paper import count_appraisal

    assert count_appraisal(congress_db, ["1"]) == (3, 0)
    outcome = appraisal_outcome(congress_db, 1)
    assert outcome.result.returned == 3
    counts = {s.name: s.counts for s in outcome.result.subjects}
    assert counts == {"张三": (1, 1, 0), "李四": (0, 0, 1)}


def test_a_scanned_election_waits_for_a_blind_second_entry_of_all_ballots(
    election, blank, tmp_path
):
    from models.elections import record_ballot
    from models.rules.election import Ballot
    from models.voting import set_counted

    sheet = sheet_of(election)
    kinds = [
        ["circle", "cross", "blank", "blank", "blank"],
        ["blank", "circle", "circle", "cross", "blank"],
    ]
    paths = [
        write(tmp_path, f"{i}.png", marked(blank, sheet.real, k, 40 + i))
        for i, k in enumerate(kinds)
    ]
    scan_paths(election, ["1"], paths)
    assert [e["payload"] for e in audit.events(election, "paper.second_entry")] == [
        {"item": 1, "check": "all"}
    ]
    set_counted(election, 1, True)
    outcome = election_outcome(election, 1)
    assert outcome.item.double_entry and not outcome.final  # never final on the reading alone
    record_ballot(election, 1, Ballot(1, "ox---"), entry=2)
    record_ballot(election, 1, Ballot(2, "-oox-"), entry=2)
    assert election_outcome(election, 1).final


def test_a_sample_is_drawn_once_the_first_entry_is_in_and_only_it_is_compared(
    election, blank, tmp_path
):
    from models.elections import record_ballot
    from models.paper.check import draw_sample, sample_of
    from models.rules.election import Ballot
    from models.voting import set_counted

    set_setting(election, "paper.check", "2")
    with refused("settings.bad_value"):
        set_setting(election, "paper.check", "0")
    sheet = sheet_of(election)
    rows = ["ox---", "-oox-", "o-o--", "--x-o"]
    kind = {"o": "circle", "x": "cross", "-": "blank"}
    paths = [
        write(tmp_path, f"{i}.png", marked(blank, sheet.real, [kind[c] for c in row], 50 + i))
        for i, row in enumerate(rows)
    ]
    scan_paths(election, ["1"], paths)
    with refused("paper.sample_too_early"):
        draw_sample(election, 1)
    set_counted(election, 1, True)
    drawn = draw_sample(election, 1)
    assert len(drawn) == 2 and all(b.source.endswith("#1") for b in drawn)
    assert [b.number for b in sample_of(election, 1)] == [b.number for b in drawn]
    with refused("paper.sample_drawn"):
        draw_sample(election, 1)
    (logged,) = audit.events(election, "paper.sample")
    assert logged["payload"] == {"item": 1, "size": 2, "numbers": [b.number for b in drawn]}
    assert not election_outcome(election, 1).final
    first, second = (b.number for b in drawn)
    record_ballot(election, 1, Ballot(first, rows[first - 1]), entry=2)
    assert not election_outcome(election, 1).final  # the other drawn ballot is still missing
    wrong = "xxxxx" if rows[second - 1] != "xxxxx" else "ooooo"
    record_ballot(election, 1, Ballot(second, wrong), entry=2)
    outcome = election_outcome(election, 1)
    assert [d.number for d in outcome.differences] == [second] and not outcome.final
    from models.rekey import rekey_election_ballot

    rekey_election_ballot(election, 1, second, rows[second - 1], entry=2, reason="看错")
    assert election_outcome(election, 1).final
    from models.verify import verify_database

    report = verify_database(election)
    assert report.ok, [c for c in report.checks if c.ok is False]
    # a sample changed behind the log's back is found
    from sqlalchemy import update

    from models.voting import T_ITEM

    with election.write() as conn:
        others = [n for n in range(1, 5) if n not in (first, second)]  # surely not the drawn
        settings = json.dumps({**outcome.item.settings, "check_sample": others})
        conn.execute(update(T_ITEM).where(T_ITEM.c.number == 1).values(settings=settings))
    failed = verify_database(election)
    assert "verify.check.replay_paper" in {c.key for c in failed.checks if c.ok is False}


def test_a_scanned_motion_is_checked_on_a_sample_too(congress_db, tmp_path):
    from models.motions import motion_outcome, record_motion_ballot
    from models.paper.check import draw_sample
    from models.voting import set_counted

    seat_voters(congress_db, 5, present=5)
    new_motion(congress_db, "关于职工福利的决议")
    issue(congress_db, 1, 5)
    set_setting(congress_db, "paper.deck", "off")
    set_setting(congress_db, "paper.check", "1")
    _s, pdf = print_ballots(congress_db, ["1"], tmp_path / "表决票.pdf")
    with congress_db.read() as conn:
        layout = load_sheet(conn, ["1"]).real
    blank = pdf_pages(pdf)[0]
    votes = (
        ["circle", "blank", "blank"],
        ["blank", "circle", "blank"],
        ["circle", "blank", "blank"],
    )
    paths = [
        write(tmp_path, f"{i}.png", marked(blank, layout, v, 60 + i)) for i, v in enumerate(votes)
    ]
    scan_paths(congress_db, ["1"], paths)
    set_counted(congress_db, 1, True)
    outcome = motion_outcome(congress_db, 1)
    assert outcome.item.double_entry and not outcome.final and outcome.count.yes == 2
    (drawn,) = draw_sample(congress_db, 1)
    assert drawn.source == f"{drawn.number - 1}.png #1"
    choice = "yes" if votes[drawn.number - 1][0] == "circle" else "no"
    record_motion_ballot(congress_db, 1, choice, entry=2, number=drawn.number)
    assert motion_outcome(congress_db, 1).final


def test_the_cli_decides_a_suspected_rescan(election, db_url, blank, tmp_path):
    from click.testing import CliRunner

    from main import cli

    def run(*args):
        env = {"HUIWU_DB": db_url, "HUIWU_LANG": None}
        return CliRunner().invoke(cli, ["ballots", *args], env=env)

    scanned_twice(election, blank, tmp_path)
    listed = run("review", "1", "--json")
    (doubt,) = json.loads(listed.stdout)
    assert (doubt["what"], doubt["index"], doubt["label"]) == ("twin", 1, "a.png #1")
    scan = str(doubt["scan"])
    for wrong in (["--twin", "maybe"], ["--twin", "same", "--box", "1"], ["--box", "1"]):
        refused_run = run("decide", "1", scan, *wrong)
        assert refused_run.exit_code != 0 and "Traceback" not in refused_run.output
    assert "--twin same" in run("decide", "1", scan, "--twin", "maybe").stderr
    assert review_queue(election, ["1"]) != []
    decided = run("decide", "1", scan, "--twin", "same")
    assert decided.exit_code == 0 and "已判定：a.png #1" in decided.stdout
    assert run("reopen", "1", scan).exit_code != 0  # a reason is required
    reopened = run("reopen", "1", scan, "--reason", "按错键", "--json")
    assert json.loads(reopened.stdout) == {
        "scan": int(scan),
        "source": "rescan.jpg #1",
        "status": "review",
    }
    assert "不能撤销" in run("reopen", "1", scan, "--reason", "再撤").stderr
    decided = run("decide", "1", scan, "--twin", "different", "--json")
    assert json.loads(decided.stdout) == {
        "scan": int(scan),
        "what": "twin",
        "index": 1,
        "value": "different",
        "ballot": 2,
    }


def test_a_page_kept_as_a_duplicate_by_mistake_is_taken_back_with_a_reason(
    election, blank, tmp_path
):
    from models.paper.reopen import reopen_page
    from models.verify import verify_database

    scanned_twice(election, blank, tmp_path)
    (doubt,) = review_queue(election, ["1"])
    decide(election, doubt, "same", image_sha256=doubt_image(election, doubt)[1])
    duplicate = pages(election)[1]
    with refused("common.reason_required"):
        reopen_page(election, ["1"], duplicate.id, reason=" ")
    with refused("paper.not_reopenable"):  # counted already: corrected by rekey, not here
        reopen_page(election, ["1"], pages(election)[0].id, reason="按错键")
    with refused("paper.no_such_scan"):
        reopen_page(election, ["1"], 999, reason="按错键")
    assert reopen_page(election, ["1"], duplicate.id, reason="按错键") == "rescan.jpg #1"
    (again,) = review_queue(election, ["1"])
    assert (again.page_id, again.what) == (duplicate.id, "twin")
    assert decide(election, again, "different", image_sha256=doubt_image(election, again)[1]) == 2
    assert election_outcome(election, 1).entries.get(1, 0) == 2
    (logged,) = [e["payload"] for e in audit.events(election, "paper.reopen")]
    assert logged["decisions"] == {"twin": {"0": "same"}} and logged["reason"] == "按错键"
    report = verify_database(election)
    assert report.ok, [c for c in report.checks if c.ok is False]
    with refused("paper.not_reopenable"):
        reopen_page(election, ["1"], duplicate.id, reason="再撤")  # counted now
