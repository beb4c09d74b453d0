"""The minutes package as a reader gets it: every PDF opens and prints the names in Chinese, the
workbook's numbers are the archive's, SHA256SUMS matches, on SQLite and PostgreSQL."""

import hashlib
import json
from datetime import date

import pypdfium2
import pytest
from openpyxl import load_workbook

from models.demo import create_demo
from models.errors import Refusal
from models.minutes import ARCHIVE, SUMS, WORKBOOK, export_minutes
from models.verify import verify_archive

AS_OF = date(2026, 11, 21)


def pdf_text(path) -> str:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.fixture
def package(db, tmp_path):
    create_demo(db, delegates=64)
    done = export_minutes(db, tmp_path / "package", as_of=AS_OF)
    archive = json.loads((done.folder / ARCHIVE).read_text(encoding="utf-8"))
    return done, archive


def test_every_pdf_prints_its_names(package):
    done, archive = package
    folder = done.folder
    results = archive["results"]
    for item in results["items"]:
        sheet = next((folder / "表决结果").glob(f"{item['number']:02d}-*.pdf"))
        text = pdf_text(sheet)
        assert item["title"][:8] in text.replace("\n", "")
        if item["roll"]:  # an item not counted yet has no roll
            assert item["roll"]["sha256"][:16] in text.replace("\n", "").replace("\r", "")
        for candidate in item.get("candidates", []):
            assert candidate["name"] in text
        for subject in item.get("subjects", []):
            assert subject["name"] in text
    attendance = pdf_text(folder / "出席情况.pdf")
    for sitting in results["attendance"]:
        assert f"本次大会应到代表{sitting['due']}名，实到代表{sitting['present']}名" in (
            attendance.replace("\n", "").replace("\r", "")
        )
    people = archive["tables"]["person"]
    assert people[0]["name"] in attendance and people[-1]["name"] in attendance
    for contest in results["contests"]:
        sheet = next((folder / "竞赛成绩").glob(f"{contest['number']:02d}-*.pdf"))
        if contest["groups"]:
            winner = contest["groups"][0]["rows"][0]
        else:  # a contest of match events: its first group's leader, or the knockout's first
            event = contest["matches"][0]
            winner = (event["groups"][0]["rows"] if event["groups"] else event["places"])[0]
        assert winner["entrant"] in pdf_text(sheet).replace("\n", "")
    accepted = [p for p in archive["tables"]["proposal"] if p["status"] == "accepted"]
    compilation = pdf_text(folder / "提案汇编.pdf").replace("\n", "").replace("\r", "")
    assert accepted and accepted[0]["title"][:10] in compilation


def test_the_workbook_numbers_are_the_archives(package):
    done, archive = package
    book = load_workbook(done.folder / WORKBOOK, read_only=True)
    cells = {
        value
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    }
    election = next(i for i in archive["results"]["items"] if i["kind"] == "election")
    assert {c["yes"] for c in election["candidates"]} <= cells
    assert election["issued"] in cells and election["valid_ballots"] in cells
    assert {s["present"] for s in archive["results"]["attendance"]} <= cells
    assert archive["results"]["proposals"]["received"] in cells
    top = archive["results"]["contests"][0]["groups"][0]["rows"][0]
    # a number the spreadsheet can sort, shown with the contest's decimals (issue 18); the
    # archive and the CSV copy keep the printed string
    assert float(top["score"]) in cells and top["score"] not in cells


def test_the_sums_cover_every_file_and_the_archive_verifies(package):
    done, _ = package
    lines = (done.folder / SUMS).read_text(encoding="utf-8").splitlines()
    listed = {line[66:]: line[:64] for line in lines}
    on_disk = {
        p.relative_to(done.folder).as_posix()
        for p in done.folder.rglob("*")
        if p.is_file() and p.name != SUMS
    }
    assert set(listed) == on_disk
    for name, digest in listed.items():
        assert hashlib.sha256((done.folder / name).read_bytes()).hexdigest() == digest
    for csv in done.folder.glob("csv/*.csv"):
        assert csv.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Chinese Excel opens it
    assert verify_archive(done.folder / ARCHIVE).ok


def test_a_folder_with_files_is_refused_before_anything_is_read(db, tmp_path):
    create_demo(db, delegates=12)
    full = tmp_path / "full"
    full.mkdir()
    (full / "x.txt").write_text("x")
    with pytest.raises(Refusal) as caught:
        export_minutes(db, full)
    assert caught.value.key == "export.not_empty"
    assert sorted(p.name for p in full.iterdir()) == ["x.txt"]
