"""Importing a roster into the current congress, on SQLite and PostgreSQL."""

import hashlib
import json

import openpyxl
import pytest
from sqlalchemy import func, select

from models import audit
from models.audit import T_EVENT
from models.congress import T_DELEGATION, T_PERSON, create_congress, current_congress
from models.errors import Refusal
from models.roster import ImportReport, import_roster, people_initials
from tui.i18n import refusal_text, set_lang, t

HEADER = "编号,姓名,性别,单位,代表团,类别,团长\n"
ROSTER = (
    HEADER
    + "A001,张三丰,男,机关党委,第一代表团,正式代表,是\n"
    + "A002,李四,女,第一车间,第一代表团,,\n"
    + "A003,王五,男,第二车间,第二代表团,列席代表,\n"
    + "A004,赵六,女,,,工作人员,\n"
)


def write(tmp_path, text: str, encoding: str = "utf-8", name: str = "roster.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def people(db) -> dict[str, dict]:
    """code → person as plain values, with the delegation's name."""
    with db.read() as conn:
        rows = conn.execute(
            select(T_PERSON, T_DELEGATION.c.name.label("delegation")).select_from(
                T_PERSON.outerjoin(T_DELEGATION, T_PERSON.c.delegation_id == T_DELEGATION.c.id)
            )
        ).all()
    return {row.code: dict(row._mapping) for row in rows}


def delegations(db) -> dict[str, int | None]:
    """delegation name → the head's code."""
    with db.read() as conn:
        rows = conn.execute(
            select(T_DELEGATION.c.name, T_PERSON.c.code).select_from(
                T_DELEGATION.outerjoin(T_PERSON, T_DELEGATION.c.head_person_id == T_PERSON.c.id)
            )
        ).all()
    return dict(rows)


def counts(db) -> tuple[int, int, int]:
    with db.read() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (T_PERSON, T_DELEGATION, T_EVENT)
        )


def test_import_writes_people_delegations_and_one_audit_event(congress_db, tmp_path):
    path = write(tmp_path, ROSTER)
    _, _, events_before = counts(congress_db)
    report = import_roster(congress_db, path, operator="王会务", station="一号台")
    assert isinstance(report, ImportReport)
    assert (report.added, report.updated, report.unchanged) == (4, 0, 0)
    assert (report.delegations_created, report.total) == (2, 4)

    found = people(congress_db)
    assert set(found) == {"A001", "A002", "A003", "A004"}
    first = found["A001"]
    assert (first["name"], first["gender"], first["unit"], first["delegation"]) == (
        "张三丰",
        "男",
        "机关党委",
        "第一代表团",
    )
    assert first["initials"] == "zsf"
    assert first["congress_id"] == current_congress(congress_db).id
    assert {code: p["category"] for code, p in found.items()} == {
        "A001": "delegate",
        "A002": "delegate",  # blank category = 正式代表
        "A003": "attendee",
        "A004": "staff",
    }
    assert found["A004"]["delegation"] is None and found["A004"]["unit"] is None
    assert delegations(congress_db) == {"第一代表团": "A001", "第二代表团": None}

    _, _, events_after = counts(congress_db)
    assert events_after == events_before + 1
    event = audit.events(congress_db, "roster.import")[0]
    assert event["station"] == "一号台"
    logged = event["payload"].pop("people")  # each person, for verify to replay
    assert [p["code"] for p in logged["added"]] == ["A001", "A002", "A003", "A004"]
    assert logged["added"][2] == {
        "code": "A003",
        "name": "王五",
        "gender": "男",
        "unit": "第二车间",
        "delegation": "第二代表团",
        "category": "attendee",
    }
    assert logged["changed"] == []
    assert event["payload"] == {
        "added": 4,
        "updated": 0,
        "unchanged": 0,
        "delegations_created": 2,
        "total": 4,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "file": "roster.csv",
    }
    with congress_db.read() as conn:
        row = conn.execute(select(T_EVENT).order_by(T_EVENT.c.id.desc()).limit(1)).one()
    assert row.operator == "王会务"
    assert json.loads(row.payload)["sha256"] == report.sha256
    assert audit.verify(congress_db).ok


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "gb18030"])
def test_import_in_other_encodings(congress_db, tmp_path, encoding):
    text = ROSTER.replace("王五", "王𠀀") if encoding == "gb18030" else ROSTER
    report = import_roster(congress_db, write(tmp_path, text, encoding))
    assert report.added == 4
    expected = "王𠀀" if encoding == "gb18030" else "王五"
    assert people(congress_db)["A003"]["name"] == expected


def test_import_xlsx(congress_db, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Code", "Name", "Delegation", "Category", "Head"])
    sheet.append([1001, "张三丰", "一团", "", "Y"])
    sheet.append([1002, "Li Lei", "一团", "guest", None])
    path = tmp_path / "roster.xlsx"
    workbook.save(path)
    report = import_roster(congress_db, path)
    assert (report.added, report.delegations_created) == (2, 1)
    found = people(congress_db)
    assert found["1001"]["initials"] == "zsf"
    assert found["1002"]["category"] == "guest"
    assert found["1002"]["initials"] == "lilei"
    assert delegations(congress_db) == {"一团": "1001"}


def test_reimport_updates_without_duplicating(congress_db, tmp_path):
    import_roster(congress_db, write(tmp_path, ROSTER))
    before = people(congress_db)
    changed = (
        HEADER
        + "A001,张三丰,男,机关党委,第一代表团,正式代表,是\n"  # unchanged
        + "a002,李思思,女,工会,第三代表团,特邀代表,\n"  # updated (code typed in lower case)
        + "A005,单田芳,男,,第三代表团,,\n"  # new
    )
    report = import_roster(congress_db, write(tmp_path, changed, name="v2.csv"))
    assert (report.added, report.updated, report.unchanged, report.total) == (1, 1, 1, 3)
    assert report.delegations_created == 1

    after = people(congress_db)
    assert set(after) == {"A001", "A002", "A003", "A004", "A005"}  # A003, A004 stay
    assert after["A002"]["id"] == before["A002"]["id"]
    assert (
        after["A002"]["name"],
        after["A002"]["unit"],
        after["A002"]["delegation"],
        after["A002"]["category"],
        after["A002"]["initials"],
    ) == ("李思思", "工会", "第三代表团", "guest", "lss")
    assert after["A001"] == before["A001"]
    assert after["A003"] == before["A003"]
    assert after["A005"]["initials"] == "stf"  # 单 as a surname reads shàn
    assert counts(congress_db)[:2] == (5, 3)

    again = import_roster(congress_db, write(tmp_path, changed, name="v2.csv"))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert counts(congress_db)[:2] == (5, 3)
    assert len(audit.events(congress_db, "roster.import")) == 3


def test_reimport_moves_the_head(congress_db, tmp_path):
    import_roster(congress_db, write(tmp_path, ROSTER))
    assert delegations(congress_db)["第一代表团"] == "A001"
    # A002 becomes head; A001 leaves for the second delegation (and is not its head)
    moved = (
        HEADER
        + "A001,张三丰,男,机关党委,第二代表团,正式代表,\n"
        + "A002,李四,女,第一车间,第一代表团,,是\n"
    )
    import_roster(congress_db, write(tmp_path, moved, name="moved.csv"))
    assert delegations(congress_db) == {"第一代表团": "A002", "第二代表团": None}

    # a head who moves away without anyone replacing them leaves the delegation headless
    away = HEADER + "A002,李四,女,第一车间,第二代表团,,\n"
    import_roster(congress_db, write(tmp_path, away, name="away.csv"))
    assert delegations(congress_db) == {"第一代表团": None, "第二代表团": None}


def test_a_file_without_head_column_keeps_existing_heads(congress_db, tmp_path):
    import_roster(congress_db, write(tmp_path, ROSTER))
    plain = "编号,姓名,代表团\nA001,张三丰,第一代表团\nA006,钱七,第一代表团\n"
    import_roster(congress_db, write(tmp_path, plain, name="plain.csv"))
    assert delegations(congress_db)["第一代表团"] == "A001"


def test_bad_rows_write_nothing(congress_db, tmp_path):
    import_roster(congress_db, write(tmp_path, ROSTER))
    before = counts(congress_db)
    snapshot = people(congress_db)
    bad = (
        HEADER
        + "A001,张三丰改,男,,新代表团,,\n"  # 2 fine on its own
        + "A007,钱七,,,,,\n"  # 3 fine
        + "A001,孙八,,,,,\n"  # 4 duplicate of line 2
        + "A009,周九,,,,领导,\n"  # 5 unknown category
        + "A010,,,,,,\n"  # 6 empty name
        + "A 0/11,吴十,,,,,\n"  # 7 invalid code
    )
    with pytest.raises(Refusal) as caught:
        import_roster(congress_db, write(tmp_path, bad, name="bad.csv"))
    error = caught.value
    assert error.key == "roster.invalid" and error.params == {"count": 4}
    assert [(d.key, d.params["line"]) for d in error.details] == [
        ("roster.err.duplicate_code", 4),
        ("roster.err.bad_category", 5),
        ("roster.err.empty_name", 6),
        ("roster.err.bad_code", 7),
    ]
    assert error.details[0].params["first"] == 2
    assert counts(congress_db) == before  # no person, no delegation, no audit event
    assert people(congress_db) == snapshot

    lines = refusal_text(error).splitlines()
    assert lines[0] == t("roster.invalid", count=4)
    assert lines[1] == "第4行: 编号“A001”与第2行重复"
    assert lines[2].startswith("第5行: ") and "领导" in lines[2]
    assert lines[3] == "第6行: 姓名为空"
    assert lines[4].startswith("第7行: 编号“A 0/11”无效")
    set_lang("en")
    lines = refusal_text(error).splitlines()
    assert lines[1] == "Line 4: the code “A001” repeats line 2"
    assert lines[3] == "Line 6: the name is empty"
    assert lines[4].startswith("Line 7: the code “A 0/11” is not valid")


def test_record_numbers_not_physical_lines(congress_db, tmp_path):
    text = HEADER + 'A001,张三,,"第一车间\n二班",,,\nA002,,,,,,\n'
    with pytest.raises(Refusal) as caught:
        import_roster(congress_db, write(tmp_path, text))
    assert [(d.key, d.params["line"]) for d in caught.value.details] == [
        ("roster.err.empty_name", 3)
    ]
    assert counts(congress_db)[0] == 0


def test_a_multiline_unit_is_imported_as_one_record(congress_db, tmp_path):
    text = HEADER + 'A001,张三,,"第一车间\n二班",,,\nA002,李四,,,,,\n'
    assert import_roster(congress_db, write(tmp_path, text)).added == 2
    assert people(congress_db)["A001"]["unit"] == "第一车间二班"  # no space between Chinese


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"", "roster.empty"),
        ("姓名,单位\n张三,机关\n".encode(), "roster.missing.code"),
        ("编号,单位\nA1,机关\n".encode(), "roster.missing.name"),
        (b"\x00\x01\x02junk\xff\xfe" * 50, "roster.encoding"),
        (b"\x81\x20\xff\x80abc" * 30, "roster.encoding"),
        (b"PK\x03\x04 definitely not a workbook" * 10, "roster.bad_xlsx"),
    ],
)
def test_file_level_problems_write_nothing(congress_db, tmp_path, content, key):
    before = counts(congress_db)
    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    with pytest.raises(Refusal) as caught:
        import_roster(congress_db, path)
    assert caught.value.key == key
    assert counts(congress_db) == before
    for lang in ("zh", "en"):
        set_lang(lang)
        text = refusal_text(caught.value)
        assert text and text != key


def test_encoding_refusal_text(congress_db, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(b"\xff\xfe\x00\x00junk")
    with pytest.raises(Refusal) as caught:
        import_roster(congress_db, path)
    assert refusal_text(caught.value).startswith("无法识别文件编码")


def test_people_belong_to_the_current_congress(congress_db, tmp_path):
    import_roster(congress_db, write(tmp_path, ROSTER))
    other = create_congress(congress_db, "另一次大会")
    report = import_roster(congress_db, write(tmp_path, ROSTER))
    assert (report.added, report.updated, report.delegations_created) == (4, 0, 2)
    with congress_db.read() as conn:
        in_other = conn.execute(
            select(func.count()).select_from(T_PERSON).where(T_PERSON.c.congress_id == other.id)
        ).scalar_one()
    assert in_other == 4
    assert counts(congress_db)[:2] == (8, 4)


def test_no_congress_is_refused(db, tmp_path):
    with pytest.raises(Refusal) as caught:
        import_roster(db, write(tmp_path, ROSTER))
    assert caught.value.key == "congress.none"


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("张三丰", "zsf"),
        ("李四", "ls"),
        ("曾国藩", "zgf"),
        ("欧阳修", "oyx"),
        ("Li Lei", "lilei"),
        ("阿不都·热合曼", "abdrhm"),
        ("王𠀀", "wh"),
        ("", ""),
    ],
)
def test_people_initials(name, initials):
    assert people_initials(name) == initials
