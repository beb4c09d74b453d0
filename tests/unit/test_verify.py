"""`huiwu verify`: the numbered self-check, from the database and from an archive — and every
way an archive or a database can be tampered with is named, never a traceback."""

import json
from datetime import date

import pytest
from sqlalchemy import text

from models import archive as arc
from models.attendance import check_in
from models.demo import create_demo
from models.errors import Refusal
from models.verify import verify_archive, verify_database
from tui.i18n import set_lang
from tui.verify_text import report_lines, summary_line

AS_OF = date(2026, 11, 21)


def _names(report) -> list[str]:
    return [c.key.removeprefix("verify.check.") for c in report.checks]


def _failed(report) -> str | None:
    failure = report.first_failure
    return None if failure is None else failure[1].key.removeprefix("verify.check.")


def _write(db, path):
    with db.read() as conn:
        document = arc.build_archive(conn, arc.results_in(conn, as_of=AS_OF), as_of=AS_OF)
    arc.write_archive(document, path)
    return path


@pytest.fixture(scope="module")
def demo_archive(tmp_path_factory):
    """One demo congress (SQLite) and its archive, shared by the tampering tests (each test
    edits its own copy of the document)."""
    from models.db import open_database

    folder = tmp_path_factory.mktemp("demo")
    db = open_database(folder / "demo.db")
    create_demo(db, delegates=64)
    path = _write(db, folder / "huiwu-archive.json")
    db.dispose()
    return json.loads(path.read_text(encoding="utf-8"))


def _tampered(document: dict, tmp_path, edit, *, redigest: bool = True):
    copy = json.loads(json.dumps(document))
    edit(copy)
    if redigest:  # a careful forger recomputes the digest too
        copy[arc.DIGEST_KEY] = arc.content_digest(copy)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(copy, ensure_ascii=False), encoding="utf-8")
    return verify_archive(path)


# --- a clean congress passes every check -------------------------------------------------------


def test_demo_database_passes_every_check(db):
    create_demo(db, delegates=64)
    report = verify_database(db)
    assert report.ok, report_lines(report)
    assert _names(report) == [
        "source_db",
        "digest_db",
        "chain",
        "replay_attendance",
        "replay_voting",
        "replay_contests",
        "replay_proposals",
        "replay_congress",
        "replay_paper",
        "sums",
        "ballot_numbers",
        "rolls",
        "tallies",
        "scans_none",
        "printed_none",
    ]
    checked = {c.key: c for c in report.checks}
    assert checked["verify.check.rolls"].params["count"] >= 3
    assert checked["verify.check.tallies"].params["items"] >= 4


def test_demo_archive_passes_on_its_own(db, tmp_path):
    create_demo(db, delegates=64)
    path = _write(db, tmp_path / "a.json")
    db.dispose()  # nothing but the file from here on
    report = verify_archive(path)
    assert report.ok, report_lines(report)
    assert report.checks[0].params["version"] == arc.VERSION
    assert "全部通过" in summary_line(report)


def test_the_report_is_numbered_in_both_languages(demo_archive, tmp_path):
    report = _tampered(demo_archive, tmp_path, lambda d: None)
    zh = report_lines(report)
    assert zh[1].startswith(" 1. ✔ 档案格式")
    assert zh[3].startswith(" 3. ✔ 审计链完整")
    set_lang("en")
    en = report_lines(report)
    assert en[3].startswith(" 3. ✔ Audit chain intact")


# --- a hand-edited archive ---------------------------------------------------------------------


def _election(document):
    return next(i for i in document["results"]["items"] if i["kind"] == "election")


def test_an_edited_result_without_a_new_digest_fails_at_the_digest(demo_archive, tmp_path):
    def edit(d):
        _election(d)["candidates"][0]["yes"] += 1

    report = _tampered(demo_archive, tmp_path, edit, redigest=False)
    assert _failed(report) == "digest"
    # and the tally check still says where: the later checks run too
    tally = next(c for c in report.checks if c.key == "verify.check.tallies")
    assert tally.ok is False


def test_an_edited_result_that_does_not_add_up_is_caught_by_the_sums(demo_archive, tmp_path):
    def edit(d):
        _election(d)["candidates"][0]["yes"] += 7

    report = _tampered(demo_archive, tmp_path, edit)
    assert _failed(report) == "sums"
    assert _election(demo_archive)["candidates"][0]["name"] in summary_line(report)


def test_an_edited_result_names_the_candidate_and_both_figures(demo_archive, tmp_path):
    """A careful forger moves a vote from 不赞成 to 赞成 so the sums still hold: the recount
    names the candidate and the first figure that differs, recorded and recomputed."""
    item = _election(demo_archive)
    candidate = next(c for c in item["candidates"] if c["no"] > 0)
    name, no = candidate["name"], candidate["no"]

    def edit(d):
        forged = next(c for c in _election(d)["candidates"] if c["name"] == name)
        forged["yes"] += 1
        forged["no"] -= 1

    report = _tampered(demo_archive, tmp_path, edit)
    assert _failed(report) == "tallies"
    line = summary_line(report)
    assert item["title"] in line
    assert f"{name} › 不赞成（反对）票：记录为 {no - 1}，按规则重新计算为 {no}" in line


def test_an_edited_ballot_is_named_by_the_replay(demo_archive, tmp_path):
    def edit(d):
        ballot = d["tables"]["election_ballot"][0]
        ballot["marks"] = "x" * len(ballot["marks"])

    report = _tampered(demo_archive, tmp_path, edit)
    assert _failed(report) == "replay_voting"
    assert "选票" in summary_line(report)


def test_an_edited_event_breaks_the_chain_at_that_record(demo_archive, tmp_path):
    target = next(e for e in demo_archive["events"] if e.get("kind") == "ballot.key")

    def edit(d):
        event = next(e for e in d["events"] if e["id"] == target["id"])
        event["payload"] = event["payload"].replace('"marks":"', '"marks":"x', 1)

    report = _tampered(demo_archive, tmp_path, edit)
    assert _failed(report) == "chain"
    assert f"第 {target['id']} 条" in summary_line(report)


def test_a_removed_event_is_named(demo_archive, tmp_path):
    def edit(d):
        del d["events"][5]

    report = _tampered(demo_archive, tmp_path, edit)
    assert _failed(report) == "chain"
    assert "缺少第 6 条" in summary_line(report)


def test_a_deleted_check_in_row_is_named(demo_archive, tmp_path):
    def edit(d):
        d["tables"]["checkin"].pop(0)

    report = _tampered(demo_archive, tmp_path, edit)
    assert _failed(report) == "replay_attendance"
    assert "签到" in summary_line(report)


def test_a_duplicated_ballot_number_is_named(demo_archive, tmp_path):
    def edit(d):
        rows = d["tables"]["election_ballot"]
        twin = dict(rows[0], id=max(r["id"] for r in rows) + 1)
        rows.append(twin)

    report = _tampered(demo_archive, tmp_path, edit)
    numbers = next(c for c in report.checks if c.key == "verify.check.ballot_numbers")
    assert numbers.ok is False
    assert report.ok is False


def test_a_roll_member_removed_breaks_the_roll_hash(demo_archive, tmp_path):
    def edit(d):
        d["tables"]["roll_member"].pop(0)

    report = _tampered(demo_archive, tmp_path, edit)
    assert _failed(report) == "rolls"
    assert "名册快照" in summary_line(report)


def test_a_damaged_table_is_a_failed_check_not_a_traceback(demo_archive, tmp_path):
    def edit(d):
        del d["tables"]["person"][0]["code"]

    report = _tampered(demo_archive, tmp_path, edit)
    assert report.ok is False
    assert "档案" in summary_line(report)


# --- archives that cannot be read --------------------------------------------------------------


def _refusal(path) -> Refusal:
    with pytest.raises(Refusal) as caught:
        verify_archive(path)
    return caught.value


def test_a_truncated_archive_says_so(demo_archive, tmp_path):
    text_ = json.dumps(demo_archive, ensure_ascii=False)
    path = tmp_path / "cut.json"
    path.write_text(text_[: len(text_) // 2], encoding="utf-8")
    assert _refusal(path).key == "archive.truncated"


def test_a_newer_version_says_which(demo_archive, tmp_path):
    path = tmp_path / "v2.json"
    path.write_text(json.dumps({**demo_archive, "version": 2}), encoding="utf-8")
    error = _refusal(path)
    assert error.key == "archive.newer"
    assert error.params == {"version": 2, "supported": 1}


def test_broken_json_names_the_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n "format": "huiwu-archive",\n "version": 1,,\n "x": 1\n}\n')
    error = _refusal(path)
    assert error.key == "archive.not_json"
    assert error.params["line"] == 3


@pytest.mark.parametrize("section", ["tables", "events", "results", "content_sha256"])
def test_a_missing_section_is_named(demo_archive, tmp_path, section):
    path = tmp_path / "part.json"
    document = {k: v for k, v in demo_archive.items() if k != section}
    path.write_text(json.dumps(document), encoding="utf-8")
    error = _refusal(path)
    assert (error.key, error.params) == ("archive.missing_section", {"section": section})


def test_something_else_entirely(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}')
    assert _refusal(path).key == "archive.not_archive"
    assert _refusal(tmp_path / "none.json").key == "archive.missing"


# --- a database changed behind the log ---------------------------------------------------------


def test_a_ballot_changed_by_sql_is_caught(db):
    create_demo(db, delegates=64)
    with db.write() as conn:
        conn.execute(text("UPDATE election_ballot SET marks = 'xxxxx' WHERE id = 1"))
    report = verify_database(db)
    assert _failed(report) == "replay_voting"


def test_an_event_changed_by_sql_breaks_the_chain(db):
    create_demo(db, delegates=64)
    with db.write() as conn:
        conn.execute(text("UPDATE event SET station = 'forged' WHERE id = 3"))
    report = verify_database(db)
    assert _failed(report) == "chain"
    assert "第 3 条" in summary_line(report)


def test_a_check_in_deleted_by_sql_is_caught(db):
    create_demo(db, delegates=64)
    with db.write() as conn:
        conn.execute(text("DELETE FROM checkin WHERE id = (SELECT MAX(id) FROM checkin)"))
    report = verify_database(db)
    assert _failed(report) == "replay_attendance"


def test_a_check_in_after_the_export_makes_the_package_stale(db, tmp_path):
    from models.minutes import export_minutes
    from tests.helpers import add_people

    create_demo(db, delegates=64)
    export_minutes(db, tmp_path / "out")
    report = verify_database(db)
    assert report.ok, report_lines(report)
    assert report.checks[-1].key == "verify.check.printed"
    add_people(db, [("Z001", "迟到者", "第一代表团", "delegate")])
    assert check_in(db, "Z001", station="A").ok
    report = verify_database(db)
    assert _failed(report) == "printed"
    assert "出席情况" in summary_line(report)
    export_minutes(db, tmp_path / "again")  # exported again, the package is the truth again
    assert verify_database(db).ok


def test_a_snapshot_sees_one_moment_while_another_desk_writes(db):
    """The export and verify read through db.snapshot(): a check-in committed meanwhile by
    another desk is not half in the files (PostgreSQL runs it REPEATABLE READ)."""
    from sqlalchemy import func, select

    from models.attendance import T_CHECKIN
    from tests.helpers import add_people

    create_demo(db, delegates=64)
    add_people(db, [("Z002", "晚到者", "第一代表团", "delegate")])
    count = select(func.count()).select_from(T_CHECKIN)
    with db.snapshot() as conn:
        before = conn.execute(count).scalar_one()
        assert check_in(db, "Z002", station="B").ok  # committed by "another desk"
        assert conn.execute(count).scalar_one() == before
    with db.read() as conn:
        assert conn.execute(count).scalar_one() == before + 1
