"""Reading roster files (CSV in every encoding we accept, XLSX) without a database."""

import io
import os
import random
import zipfile

import openpyxl
import pytest

from models.errors import Refusal
from models.io.roster_file import column_letter, read_roster_file
from tui.i18n import catalogs, refusal_text, set_lang, t
from tui.i18n import roster as roster_catalog

HEADER = "编号,姓名,性别,单位,代表团,类别\n"


def write(tmp_path, text: str, encoding: str = "utf-8", name: str = "roster.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(tmp_path, rows, name: str = "roster.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def refusal_of(path) -> Refusal:
    with pytest.raises(Refusal) as caught:
        read_roster_file(path)
    return caught.value


def detail_lines(error: Refusal) -> list[tuple[str, int]]:
    return [(detail.key, detail.params["line"]) for detail in error.details]


# --- encodings and formats ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_each_encoding(tmp_path, encoding):
    path = write(
        tmp_path,
        HEADER + "A001,张三丰,男,机关党委,第一代表团,正式代表\nA002,李四,女,,,\n",
        encoding,
    )
    rows = read_roster_file(path)
    assert [(r.line, r.code, r.name) for r in rows] == [(2, "A001", "张三丰"), (3, "A002", "李四")]
    first = rows[0]
    assert (first.gender, first.unit, first.delegation, first.category) == (
        "男",
        "机关党委",
        "第一代表团",
        "delegate",
    )
    assert (rows[1].unit, rows[1].delegation, rows[1].category) == (None, None, "delegate")


def test_gb18030_only_character(tmp_path):
    name = "王𠀀䶮"
    with pytest.raises(UnicodeEncodeError):
        name.encode("gbk")
    path = write(tmp_path, HEADER + f"A001,{name},,,,\n", "gb18030")
    assert read_roster_file(path)[0].name == name


def test_utf8_bom_does_not_spoil_the_first_header(tmp_path):
    path = write(tmp_path, "编号,姓名\nA1,张三\n", "utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_roster_file(path)[0].code == "A1"


def test_xlsx_with_numeric_codes_and_blank_rows(tmp_path):
    path = write_xlsx(
        tmp_path,
        [
            ["编号", "姓名", "代表团", "类别"],
            [1001, "张三丰", "一团", "列席代表"],
            [None, None, None, None],
            [1002.0, "李四", None, None],
        ],
    )
    rows = read_roster_file(path)
    assert [(r.line, r.code, r.name, r.category) for r in rows] == [
        (2, "1001", "张三丰", "attendee"),
        (4, "1002", "李四", "delegate"),
    ]


def test_xlsx_detected_by_content_not_by_name(tmp_path):
    path = write_xlsx(tmp_path, [["code", "name"], ["x1", "Li Lei"]], name="roster.csv")
    assert read_roster_file(path)[0].code == "X1"


def test_xlsx_row_errors_use_sheet_row_numbers(tmp_path):
    path = write_xlsx(
        tmp_path,
        [["编号", "姓名"], ["A1", "张三"], [], [], ["A1", "李四"], ["A2", None]],
    )
    error = refusal_of(path)
    assert detail_lines(error) == [("roster.err.duplicate_code", 5), ("roster.err.empty_name", 6)]


def test_english_headers_any_case_and_spaces(tmp_path):
    text = " CODE ,Name,GENDER, Unit ,Delegation,Category,HEAD,remark\n"
    text += "a-01,Li Lei,M,Plant 1,North,Non-Voting,yes,whatever\n"
    rows = read_roster_file(write(tmp_path, text))
    row = rows[0]
    assert (row.code, row.name, row.gender, row.unit, row.delegation) == (
        "A-01",
        "Li Lei",
        "M",
        "Plant 1",
        "North",
    )
    assert (row.category, row.head) == ("attendee", True)


def test_spaced_out_chinese_headers_and_names(tmp_path):
    rows = read_roster_file(write(tmp_path, "编 号,姓  名\nA1,王  芳\nA2,Mary  Ann\n"))
    assert [r.name for r in rows] == ["王芳", "Mary Ann"]


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_tab_and_semicolon_separated(tmp_path, delimiter):
    rows = read_roster_file(write(tmp_path, f"编号{delimiter}姓名\nA1{delimiter}张三\n"))
    assert rows[0].name == "张三"


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("", "delegate"),
        ("正式代表", "delegate"),
        ("列席代表", "attendee"),
        ("特邀代表", "guest"),
        ("工作人员", "staff"),
        ("列席", "attendee"),
        ("Staff", "staff"),
        ("guest", "guest"),
    ],
)
def test_categories(tmp_path, value, key):
    rows = read_roster_file(write(tmp_path, f"编号,姓名,类别\nA1,张三,{value}\n"))
    assert rows[0].category == key


def test_codes_are_normalized(tmp_path):
    rows = read_roster_file(write(tmp_path, "编号,姓名\nａ００１,张三\n b-2.x ,李四\n"))
    assert [r.code for r in rows] == ["A001", "B-2.X"]


def test_quoted_newline_counts_records_not_physical_lines(tmp_path):
    text = HEADER + 'A1,张三,,"第一车间\n二班",,\nA2,李四,,,,\nA1,王五,,,,\n'
    error = refusal_of(write(tmp_path, text))
    # physical line 5, but the fourth record: a spreadsheet shows it as row 4
    assert detail_lines(error) == [("roster.err.duplicate_code", 4)]
    assert error.details[0].params == {"line": 4, "code": "A1", "first": 2}


def test_blank_rows_are_skipped_but_counted(tmp_path):
    text = "编号,姓名,类别\n\nA1,张三,\n,,\n  ,  ,  \nA2,,\n"
    error = refusal_of(write(tmp_path, text))
    assert detail_lines(error) == [("roster.err.empty_name", 6)]


def test_title_row_above_the_header(tmp_path):
    text = "某公司第三届职代会代表名单,,\n编号,姓名,代表团\nA1,张三,一团\nA1,李四,一团\n"
    error = refusal_of(write(tmp_path, text))
    assert detail_lines(error) == [("roster.err.duplicate_code", 4)]
    assert error.details[0].params["first"] == 3


def test_unknown_extra_columns_are_ignored(tmp_path):
    rows = read_roster_file(write(tmp_path, "序号,编号,备注,姓名\n1,A1,随便,张三\n"))
    assert (rows[0].code, rows[0].name) == ("A1", "张三")


# --- the 团长 column ----------------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["是", "Y", "yes", "1", "true", "√", "TRUE"])
def test_head_marks(tmp_path, mark):
    rows = read_roster_file(
        write(tmp_path, f"编号,姓名,代表团,团长\nA1,张三,一团,{mark}\nA2,李四,一团,\n")
    )
    assert [r.head for r in rows] == [True, False]


def test_head_problems(tmp_path):
    text = (
        "编号,姓名,代表团,团长\nA1,张三,一团,是\nA2,李四,一团,是\nA3,王五,,是\nA4,赵六,二团,也许\n"
    )
    error = refusal_of(write(tmp_path, text))
    assert detail_lines(error) == [
        ("roster.err.two_heads", 3),
        ("roster.err.head_without_delegation", 4),
        ("roster.err.bad_head", 5),
    ]
    assert error.details[0].params["first"] == 2


# --- every row error, all reported at once -------------------------------------------------------


def test_every_bad_row_is_reported(tmp_path):
    text = (
        HEADER
        + "A001,张三,,,,\n"  # 2 ok
        + "A002,李四,,,,领导\n"  # 3 unknown category
        + "A003,,,,,\n"  # 4 empty name
        + "A 00/4,王五,,,,\n"  # 5 invalid code
        + ",赵六,,,,\n"  # 6 empty code
        + "a001,钱七,,,,\n"  # 7 duplicate of line 2 (after normalization)
        + "A008,"
        + "名" * 51
        + ",,,,\n"  # 8 name too long
        + "A009,孙八,,,"
        + "团" * 101
        + ",\n"  # 9 delegation too long
        + "-A10,周九,,,,\n"  # 10 invalid code (must start with a letter or digit)
        + "A" * 33
        + ",吴十,,,,\n"  # 11 code too long
    )
    error = refusal_of(write(tmp_path, text))
    assert error.key == "roster.invalid"
    assert error.params == {"count": 9}
    assert detail_lines(error) == [
        ("roster.err.bad_category", 3),
        ("roster.err.empty_name", 4),
        ("roster.err.bad_code", 5),
        ("roster.err.empty_code", 6),
        ("roster.err.duplicate_code", 7),
        ("roster.err.name_too_long", 8),
        ("roster.err.too_long", 9),
        ("roster.err.bad_code", 10),
        ("roster.err.bad_code", 11),
    ]
    assert error.details[4].params == {"line": 7, "code": "A001", "first": 2}
    assert error.details[6].params == {"line": 9, "column": "代表团", "max": 100}


def test_one_row_with_two_problems_counts_once(tmp_path):
    error = refusal_of(write(tmp_path, "编号,姓名,类别\n,,领导\n"))
    assert error.params == {"count": 1}
    assert detail_lines(error) == [
        ("roster.err.empty_code", 2),
        ("roster.err.empty_name", 2),
        ("roster.err.bad_category", 2),
    ]


# --- file-level refusals -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"", "roster.empty"),
        (b"\xef\xbb\xbf", "roster.empty"),
        (b"\r\n \r\n", "roster.empty"),
        ("编号,姓名\n".encode(), "roster.no_rows"),
        ("编号,姓名\n,\n".encode(), "roster.no_rows"),
        ("姓名,单位\n张三,机关\n".encode(), "roster.missing.code"),
        ("编号,单位\nA1,机关\n".encode(), "roster.missing.name"),
        (b"hello world\nfoo\n", "roster.missing.code_name"),
        ("编号,姓名,name\nA1,张三,张三\n".encode(), "roster.duplicate_column"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "roster.encoding"),
        (bytes(range(128, 256)) * 4, "roster.encoding"),
        ("编号,姓名\nA1,张三\n".encode("utf-16"), "roster.encoding"),
        (
            b"PK\x03\x04" + random.Random(17).randbytes(300),
            "roster.bad_xlsx",
        ),  # same on every worker
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "roster.xls_unsupported"),
    ],
)
def test_file_level_refusals(tmp_path, content, key):
    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    error = refusal_of(path)
    assert error.key == key
    assert not error.details


def test_random_binary_junk_is_refused_cleanly(tmp_path):
    for seed in range(20):
        path = tmp_path / f"junk{seed}.bin"
        path.write_bytes(os.urandom(2000 + seed))
        assert refusal_of(path).key.startswith("roster.")


def test_missing_column_names_what_was_found(tmp_path):
    error = refusal_of(write(tmp_path, "姓名,单位\n张三,机关\n"))
    assert error.params == {"found": "姓名、单位", "line": 1}
    assert "编号" in refusal_text(error)


def test_duplicate_header_names_both_columns(tmp_path):
    error = refusal_of(write(tmp_path, "编号,姓名,单位,Name\nA1,张三,机关,张三\n"))
    assert error.params == {
        "column": "Name",
        "first_column": "姓名",
        "second_column": "Name",
        "first": "B",
        "second": "D",
        "field": "name",
    }
    assert (
        refusal_text(error) == "表头中“姓名”（第B列）和“Name”（第D列）都是“姓名”列，请只保留一列。"
    )


def test_corrupt_xlsx(tmp_path):
    good = write_xlsx(tmp_path, [["编号", "姓名"], ["A1", "张三"]])
    data = good.read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    assert refusal_of(truncated).key == "roster.bad_xlsx"

    not_a_workbook = tmp_path / "other.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    not_a_workbook.write_bytes(buffer.getvalue())
    assert refusal_of(not_a_workbook).key == "roster.bad_xlsx"

    junk_named_xlsx = tmp_path / "junk.xlsx"
    junk_named_xlsx.write_bytes(bytes(range(256)) * 3)
    assert refusal_of(junk_named_xlsx).key == "roster.bad_xlsx"


def test_missing_file_and_directory(tmp_path):
    assert refusal_of(tmp_path / "nope.csv").key == "roster.not_found"
    assert refusal_of(tmp_path).key == "roster.cannot_read"


# --- messages ---------------------------------------------------------------------------------


def test_messages_render_in_both_languages(tmp_path):
    text = HEADER + "A1,张三,,,,\nA2,李四,,,,领导\nA1,王五,,,,\n"
    error = refusal_of(write(tmp_path, text))
    zh = refusal_text(error).splitlines()
    assert zh[0] == t("roster.invalid", count=2)
    assert "2行" in zh[0]
    assert zh[1].startswith("第3行: ") and "领导" in zh[1]
    assert zh[2] == "第4行: 编号“A1”与第2行重复"
    set_lang("en")
    en = refusal_text(error).splitlines()
    assert en[1].startswith("Line 3: ") and "领导" in en[1]
    assert en[2] == "Line 4: the code “A1” repeats line 2"


def test_encoding_message(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(b"\x00\x01")
    assert refusal_text(refusal_of(path)).startswith("无法识别文件编码")


def test_catalog_languages_have_the_same_keys_and_every_template_renders():
    assert roster_catalog.ZH.keys() == roster_catalog.EN.keys()
    params = {
        "line": 7,
        "count": 2,
        "code": "A1",
        "first": 2,
        "second": "D",
        "max": 50,
        "value": "x",
        "column": "单位",
        "first_column": "电话",
        "second_column": "手机",
        "delegation": "一团",
        "found": "姓名",
        "file": "r.csv",
        "max_mb": 64,
        "total": 3,
        "added": 1,
        "updated": 1,
        "unchanged": 1,
        "delegations_created": 1,
        "field": "姓名",
        "letter": "C",
        "name": "张三",
        "existing": "12",
        "categories": 1,
        "delegations": 1,
        "people": "A1 张三",
        "changes": "单位",
        "old": "机关",
        "new": "车间",
        "columns": "备注",
        "letters": "G",
        "seat": "3排12座",
    }
    for lang in ("zh", "en"):
        for key, template in getattr(roster_catalog, lang.upper()).items():
            template.format(**params)  # every placeholder is one we pass
            assert catalogs()[lang][key] == template
            if key.startswith("roster.err."):
                prefix = "第{line}行: " if lang == "zh" else "Line {line}: "
                assert template.startswith(prefix), key


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
