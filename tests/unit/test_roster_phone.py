"""A delegate's phone on the roster (issue 17, item 1): read from the file as written, stored by
the import, changed by a re-import, logged and replayed by verify; a database from before the
phone column migrates with nobody's phone. Database tests on SQLite and PostgreSQL."""

import json

import openpyxl
import pytest
from sqlalchemy import text

from models import audit
from models.archive import TABLE_NAMES
from models.attendance import check_in
from models.congress import create_congress
from models.db import open_database
from models.errors import Refusal
from models.io.roster_file import read_roster_file
from models.migrate import HEAD, alembic_config
from models.replay import Index, facts_from_tables, mismatches, replay
from models.roster import import_roster, roster_people
from models.verify import verify_database
from tui.i18n import refusal_text
from tui.verify_text import summary_line

ALIASES = ["电话", "手机", "手机号", "联系电话", "联系方式", "phone", "mobile", "Phone", "手 机"]


def write(tmp_path, content: str, name: str = "roster.csv"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def write_xlsx(tmp_path, rows, name: str = "roster.xlsx"):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def phones(db) -> dict[str, str | None]:
    return {person.code: person.phone for person in roster_people(db)}


# --- the reader ----------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ALIASES)
def test_each_phone_header_is_read(tmp_path, header):
    rows = read_roster_file(write(tmp_path, f"编号,姓名,{header}\nA1,张三,13800138000\n"))
    assert rows[0].phone == "13800138000"


def test_a_csv_phone_is_kept_exactly_as_written(tmp_path):
    path = write(
        tmp_path,
        "编号,姓名,手机\n"
        "A1,张三,013800138000\n"
        "A2,李四,+86 138 0013 8000\n"
        "A3,王五,0571-8888-1234\n"
        "A4,赵六,  +8613800138000  \n"
        "A5,钱七,\n",
    )
    assert [row.phone for row in read_roster_file(path)] == [
        "013800138000",
        "+86 138 0013 8000",
        "0571-8888-1234",
        "+8613800138000",  # only the spaces around it go
        None,
    ]


def test_a_roster_without_a_phone_column_has_no_phones(tmp_path):
    rows = read_roster_file(write(tmp_path, "编号,姓名,单位\nA1,张三,机关\n"))
    assert rows[0].phone is None


def test_xlsx_number_cells_keep_every_digit(tmp_path):
    path = write_xlsx(
        tmp_path,
        [
            ["编号", "姓名", "手机号"],
            ["A1", "张三", 13800138000],  # typed into a General cell: stored as a number
            ["A2", "李四", 13900139000.0],
            ["A3", "王五", "013800138000"],  # a Text cell keeps its leading 0
        ],
    )
    assert [row.phone for row in read_roster_file(path)] == [
        "13800138000",
        "13900139000",
        "013800138000",
    ]


def test_a_phone_excel_turned_into_scientific_notation_is_refused(tmp_path):
    path = write(
        tmp_path, "编号,姓名,电话\nA1,张三,1.38001E+10\nA2,李四,13800138000\nA3,王五,2e5\n"
    )
    with pytest.raises(Refusal) as refused:
        read_roster_file(path)
    details = refused.value.details
    assert [(d.key, d.params["line"]) for d in details] == [
        ("roster.err.phone_lost_digits", 2),
        ("roster.err.phone_lost_digits", 4),
    ]
    assert "1.38001E+10" in refusal_text(details[0])


def test_a_phone_of_40_characters_is_read_and_41_refused(tmp_path):
    fits, too_long = "1" * 40, "1" * 41
    assert read_roster_file(write(tmp_path, f"编号,姓名,电话\nA1,张三,{fits}\n"))[0].phone == fits
    with pytest.raises(Refusal) as refused:
        read_roster_file(write(tmp_path, f"编号,姓名,电话\nA1,张三,{too_long}\n"))
    detail = refused.value.details[0]
    assert (detail.key, detail.params["column"], detail.params["max"]) == (
        "roster.err.too_long",
        "电话",
        40,
    )


def test_two_phone_columns_are_refused_naming_both(tmp_path):
    with pytest.raises(Refusal) as refused:
        read_roster_file(write(tmp_path, "编号,姓名,电话,手机\nA1,张三,1,2\n"))
    assert refused.value.key == "roster.two_phone_columns"
    assert refusal_text(refused.value) == (
        "表头中“电话”（第C列）和“手机”（第D列）都是电话列，请只保留一列。"
    )


# --- import, re-import, verify -------------------------------------------------------------------


def test_the_import_stores_each_phone_and_logs_it(congress_db, tmp_path):
    path = write(tmp_path, "编号,姓名,代表团,手机\nA1,张三,一团,013800138000\nA2,李四,一团,\n")
    import_roster(congress_db, path)
    assert phones(congress_db) == {"A1": "013800138000", "A2": None}
    added = audit.events(congress_db, "roster.import")[0]["payload"]["people"]["added"]
    assert [(person["code"], person.get("phone")) for person in added] == [
        ("A1", "013800138000"),
        ("A2", None),
    ]
    assert "phone" not in added[1]  # nothing logged for nobody's phone
    assert verify_database(congress_db).ok


def test_a_reimport_changes_a_phone_logged_old_to_new_and_verify_passes(congress_db, tmp_path):
    import_roster(congress_db, write(tmp_path, "编号,姓名,手机\nA1,张三,13800138000\nA2,李四,1\n"))
    report = import_roster(
        congress_db, write(tmp_path, "编号,姓名,手机\nA1,张三,+86 139 0000 0000\nA2,李四,1\n")
    )
    assert (report.updated, report.unchanged) == (1, 1)
    assert phones(congress_db) == {"A1": "+86 139 0000 0000", "A2": "1"}
    payload = audit.events(congress_db, "roster.import")[0]["payload"]
    assert payload["people"]["changed"] == [
        {"code": "A1", "phone": ["13800138000", "+86 139 0000 0000"]}
    ]
    assert verify_database(congress_db).ok
    # a file without the column is a roster without phones, as for any other column
    import_roster(congress_db, write(tmp_path, "编号,姓名\nA1,张三\nA2,李四\n"))
    assert phones(congress_db) == {"A1": None, "A2": None}
    assert verify_database(congress_db).ok


def test_a_phone_changed_by_hand_in_sql_is_named_by_verify(congress_db, tmp_path):
    import_roster(congress_db, write(tmp_path, "编号,姓名,手机\nA1,张三,13800138000\n"))
    with congress_db.write() as conn:
        conn.execute(text("UPDATE person SET phone = '13000000000' WHERE code = 'A1'"))
    report = verify_database(congress_db)
    assert report.first_failure[1].key == "verify.check.replay_attendance"
    assert "A1" in summary_line(report) and "13000000000" in summary_line(report)


def test_an_older_log_and_archive_without_phones_still_replay():
    """A roster.import logged before the phone column and a person row archived then carry no
    phone: both read as None, so they agree."""
    person = {"code": "A1", "name": "张三", "gender": None, "unit": None, "category": "delegate"}
    tables: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
    tables["person"] = [{"id": 1, "delegation_id": None, **person}]
    index = Index(tables)
    payload = {"added": 1, "people": {"added": [{**person, "delegation": None}], "changed": []}}
    event = {"id": 1, "kind": "roster.import", "congress_id": 1, "payload": json.dumps(payload)}
    from_log = replay([event], index, 1).facts
    assert from_log.people == {("A1",): ("张三", None, None, None, "delegate", None, None, None)}
    assert mismatches(from_log, facts_from_tables(tables, index), "attendance") == []


# --- the migration -------------------------------------------------------------------------------


def _database_at(db_url: str, revision: str):
    """A database migrated only up to ``revision``, as an older huiwu left it."""
    from alembic import command

    database = open_database(db_url, migrate=False)
    config = alembic_config()
    with database.engine.connect() as conn:
        conn = conn.execution_options(huiwu_write=True)
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        conn.commit()
    return database


def test_a_database_from_before_the_phone_column_migrates_with_no_phones(db_url):
    old = _database_at(db_url, "0006")
    try:
        create_congress(old, "测试大会")
        with old.write() as conn:
            conn.execute(
                text(
                    "INSERT INTO person (congress_id, code, name, category, initials) "
                    "SELECT id, 'A1', '张三', 'delegate', 'zs' FROM congress"
                )
            )
    finally:
        old.dispose()
    database = open_database(db_url)
    try:
        with database.read() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        assert [(p.code, p.name, p.phone) for p in roster_people(database)] == [
            ("A1", "张三", None)
        ]
    finally:
        database.dispose()
    assert int(HEAD) >= 8  # later migrations keep the phone column


# --- the 未到名单 -------------------------------------------------------------------------------


def test_absentees_carry_their_phone_and_the_heads_and_keep_them_through_the_filter(
    congress_db, tmp_path
):
    from models.absentees import absentees, filter_report

    path = write(
        tmp_path,
        "编号,姓名,代表团,团长,手机\nA1,张三,一团,是,+86 138 0013 8000\nA2,李四,一团,,\nB1,王五,二团,是,\n",
    )
    import_roster(congress_db, path)
    report = absentees(congress_db)
    assert report.phones is True
    first, second = report.groups
    assert (first.head_phone, [p.phone for p in first.people]) == (
        "+86 138 0013 8000",
        [
            "+86 138 0013 8000",
            None,
        ],
    )
    assert second.head_phone is None
    kept = filter_report(report, "李四")
    assert kept.phones and kept.groups[0].head_phone == "+86 138 0013 8000"
    assert [p.code for p in kept.groups[0].people] == ["A2"]


def test_a_roster_without_any_phone_says_so(congress_db, tmp_path):
    from models.absentees import absentees

    import_roster(congress_db, write(tmp_path, "编号,姓名,代表团\nA1,张三,一团\n"))
    report = absentees(congress_db)
    assert report.phones is False and report.groups[0].people[0].phone is None
    # one phone anywhere on the roster, even of someone who came, brings the column back
    import_roster(congress_db, write(tmp_path, "编号,姓名,代表团,电话\nZ9,赵九,一团,1\n"))
    check_in(congress_db, "Z9")
    assert absentees(congress_db).phones is True


# --- where phones go and where they do not (personal data) ------------------------------------

PHONE = "13912345678"


def _text_of(path) -> str:
    """What a reader of the file sees: PDF text, every workbook cell, or the text itself."""
    if path.suffix == ".pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(str(path))
        try:
            return "\n".join(page.get_textpage().get_text_range() for page in document)
        finally:
            document.close()
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return path.read_text(encoding="utf-8-sig", errors="replace")


def test_phones_stay_out_of_the_minutes_sheets_and_badges_and_only_the_archive_holds_them(
    congress_db, tmp_path
):
    """The package's workbook, CSVs and PDFs list people by chosen columns: no phone. The JSON
    archive holds every column of every person row (and the log that imported them), so it
    holds the phone too, and an archive with phones verifies."""
    from models.io.badges import write_badges
    from models.minutes import ARCHIVE, export_minutes
    from models.verify import verify_archive

    roster = "编号,姓名,代表团,单位,手机\nA1,张三,一团,机关,13912345678\nA2,李四,一团,车间,\n"
    import_roster(congress_db, write(tmp_path, roster))
    check_in(congress_db, "A2")
    done = export_minutes(congress_db, tmp_path / "package")
    files = [path for path in done.folder.rglob("*") if path.is_file()]
    archive = done.folder / ARCHIVE
    assert {path.suffix for path in files} >= {".xlsx", ".csv", ".pdf", ".json"}
    shown = {path.suffix: "" for path in files}
    for path in files:
        if path != archive:
            text = _text_of(path)
            assert PHONE not in text, path.name
            shown[path.suffix] += text
    assert all("张三" in shown[suffix] for suffix in (".xlsx", ".csv", ".pdf"))  # read, not blank
    tables = json.loads(archive.read_text(encoding="utf-8"))["tables"]
    assert [person["phone"] for person in tables["person"]] == [PHONE, None]
    assert verify_archive(archive).ok

    write_badges(congress_db, tmp_path / "badges.pdf")
    text = _text_of(tmp_path / "badges.pdf")
    assert "张三" in text and PHONE not in text


def test_someone_written_behind_the_log_then_changed_by_an_import_verifies(congress_db, tmp_path):
    """Their unchanged fields are taken as found, as for anyone the log never mentions (the
    fuzz test's setup met this: a name changed, the delegation read back as none)."""
    from tests.helpers import add_people

    add_people(congress_db, [("D1", "代表1", "一团", "delegate")])
    import_roster(congress_db, write(tmp_path, "编号,姓名,代表团,电话\nD1,改名,一团,1\n"))
    checked = verify_database(congress_db)
    assert checked.ok, summary_line(checked)
