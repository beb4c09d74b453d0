"""Reading ballot files (CSV in every encoding we accept, XLSX) without a database."""

import openpyxl
import pytest

from models.errors import Refusal
from models.io.ballot_file import mark_of, read_ballot_file, split_write_ins
from models.rules.election import Ballot
from tui.i18n import refusal_text, set_lang

CANDIDATES = ["王芳", "李四", "张三丰"]
HEADER = "票号,王芳,李四,张三丰,另选他人\n"


def write(tmp_path, text: str, encoding: str = "utf-8", name: str = "ballots.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(tmp_path, rows, name: str = "ballots.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def refusal_of(path, candidates=CANDIDATES) -> Refusal:
    with pytest.raises(Refusal) as caught:
        read_ballot_file(path, candidates)
    return caught.value


def detail_lines(error: Refusal) -> list[tuple[str, int]]:
    return [(detail.key, detail.params["line"]) for detail in error.details]


# --- encodings and formats ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_each_encoding(tmp_path, encoding):
    path = write(tmp_path, HEADER + "1,○,×,,\n2,,,○,赵六\n3,,,,\n", encoding)
    assert read_ballot_file(path, CANDIDATES) == [
        Ballot(1, "ox-"),
        Ballot(2, "--o", ("赵六",)),
        Ballot(3, "---"),
    ]


def test_utf8_bom_does_not_spoil_the_number_header(tmp_path):
    path = write(tmp_path, "票号,王芳,李四,张三丰\n7,○,○,○\n", "utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_ballot_file(path, CANDIDATES) == [Ballot(7, "ooo")]


def test_xlsx_with_numeric_numbers_title_row_and_blank_rows(tmp_path):
    path = write_xlsx(
        tmp_path,
        [
            ["第一届工会委员会选举 选票录入表"],
            [],
            ["票号", "张三丰", "王芳", "李四", "另选他人"],
            [1, "○", None, "×", None],
            [None, None, None, None, None],
            [2.0, "O", "o", "X", "赵六、钱七"],
        ],
    )
    # marks come back in the candidates' order, whatever the column order
    assert read_ballot_file(path, CANDIDATES) == [
        Ballot(1, "-xo"),
        Ballot(2, "oxo", ("赵六", "钱七")),
    ]


def test_english_headers_and_columns_in_any_order(tmp_path):
    path = write(tmp_path, "write_in,张三丰,Ballot,李四,王芳\n钱七,×,12,,○\n")
    assert read_ballot_file(path, CANDIDATES) == [Ballot(12, "o-x", ("钱七",))]


def test_candidate_headers_match_after_nfkc_and_spaces(tmp_path):
    path = write(tmp_path, "票 号,王  芳,李　四,张 三 丰\n１,○,×,\n")
    assert read_ballot_file(path, ["王芳", "李四", "张三丰"]) == [Ballot(1, "ox-")]
    path = write(tmp_path, "ballot,Li Lei,Han Meimei\n3,O,X\n", name="en.csv")
    assert read_ballot_file(path, ["LiLei", "HanMeimei"]) == [Ballot(3, "ox")]


def test_tab_separated_export(tmp_path):
    path = write(tmp_path, "票号\t王芳\t李四\t张三丰\n1\t○\t×\t○\n")
    assert read_ballot_file(path, CANDIDATES) == [Ballot(1, "oxo")]


# --- marks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["○", "〇", "◯", "O", "o", "Ｏ", "ｏ", " ○ "])
def test_yes_marks(text):
    assert mark_of(text) == "o"


@pytest.mark.parametrize("text", ["×", "X", "x", "✗", "✘", "✕", "Ｘ", "ｘ"])
def test_no_marks(text):
    assert mark_of(text) == "x"


@pytest.mark.parametrize("text", ["", " ", "\u3000", "\t"])
def test_blank_marks(text):
    assert mark_of(text) == "-"


@pytest.mark.parametrize("text", ["0", "√", "○○", "○×", "赞成", "?", "1", "-", "·"])
def test_anything_else_is_unreadable_never_guessed(text):
    assert mark_of(text) == "?"


def test_a_row_nobody_can_read_is_still_a_ballot(tmp_path):
    path = write(tmp_path, HEADER + "1,0,√,??,\n2,○,○,○,\n3,好,好,好,赵六\n")
    ballots = read_ballot_file(path, CANDIDATES)
    assert ballots == [Ballot(1, "???"), Ballot(2, "ooo"), Ballot(3, "???", ("赵六",))]
    assert not any(b.malformed for b in ballots)


def test_overfilled_ballots_are_not_refused_here(tmp_path):
    path = write(tmp_path, HEADER + "1,○,○,○,赵六、钱七\n")
    assert read_ballot_file(path, CANDIDATES) == [Ballot(1, "ooo", ("赵六", "钱七"))]


# --- write-ins ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("赵六", ("赵六",)),
        ("赵六、钱七", ("赵六", "钱七")),
        ("赵六,钱七", ("赵六", "钱七")),
        ("赵六，钱七", ("赵六", "钱七")),
        (" 赵六 、、 钱  七 ,", ("赵六", "钱七")),
        ("赵六\n钱七", ("赵六", "钱七")),
        ("", ()),
        (" 、 ", ()),
    ],
)
def test_write_ins_split(text, names):
    assert split_write_ins(text) == names


def test_write_ins_from_a_quoted_csv_cell(tmp_path):
    path = write(tmp_path, HEADER + '1,×,,,"赵六,钱七"\n2,×,,,"孙八，周九、吴十"\n')
    ballots = read_ballot_file(path, CANDIDATES)
    assert [b.write_ins for b in ballots] == [("赵六", "钱七"), ("孙八", "周九", "吴十")]


# --- refusals: the file as a whole -----------------------------------------------------------


def test_missing_file_and_directory(tmp_path):
    assert refusal_of(tmp_path / "nope.csv").key == "ballots.not_found"
    assert refusal_of(tmp_path).key == "ballots.cannot_read"


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"", "ballots.empty"),
        (b"\xef\xbb\xbf", "ballots.empty"),
        (b"\r\n,,\r\n", "ballots.empty"),
        (bytes(range(128, 256)) * 4, "ballots.encoding"),
        ("票号,王芳\n1,○\n".encode("utf-16"), "ballots.encoding"),
        (b"PK\x03\x04" + bytes(300), "ballots.bad_xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "ballots.xls_unsupported"),
        ("票号,王芳,李四,张三丰\n".encode(), "ballots.no_rows"),
        ("票号,王芳,李四,张三丰\n,,,\n".encode(), "ballots.no_rows"),
    ],
)
def test_unreadable_files(tmp_path, data, key):
    path = tmp_path / "ballots.csv"
    path.write_bytes(data)
    assert refusal_of(path).key == key


def test_no_number_column(tmp_path):
    error = refusal_of(write(tmp_path, "序号,王芳,李四,张三丰\n1,○,×,\n"))
    assert error.key == "ballots.no_number_column"
    assert "序号" in error.params["found"]


def test_a_candidate_missing_from_the_header(tmp_path):
    error = refusal_of(write(tmp_path, "票号,王芳,张三丰\n1,○,×\n"))
    assert error.key == "ballots.missing_candidates"
    assert error.params["names"] == "李四"
    assert not error.details


def test_a_misspelt_candidate_is_missing_and_the_stray_column_is_named(tmp_path):
    error = refusal_of(write(tmp_path, "票号,王芳,李肆,张三丰\n1,○,×,\n"))
    assert error.key == "ballots.missing_candidates" and error.params["names"] == "李四"
    assert [d.key for d in error.details] == ["ballots.hint_unknown"]
    assert "李肆（C）" in error.details[0].params["columns"]


def test_a_column_that_is_neither_candidate_nor_known(tmp_path):
    error = refusal_of(write(tmp_path, "票号,王芳,李四,张三丰,备注\n1,○,×,,看不清\n"))
    assert error.key == "ballots.unknown_columns"
    assert error.params["columns"] == "备注（E）"


def test_a_column_named_twice(tmp_path):
    error = refusal_of(write(tmp_path, "票号,王芳,李四,张三丰,王 芳\n1,○,×,,○\n"))
    assert error.key == "ballots.duplicate_column"
    assert (error.params["first"], error.params["second"]) == ("B", "E")
    error = refusal_of(write(tmp_path, "票号,ballot,王芳,李四,张三丰\n1,1,○,×,\n", name="b.csv"))
    assert error.key == "ballots.duplicate_column"


def test_every_bad_row_is_listed_and_nothing_is_returned(tmp_path):
    text = HEADER + "\n".join(
        [
            "1,○,×,,",  # line 2 fine
            "1,○,,,",  # line 3 duplicate of line 2
            ",○,,,",  # line 4 empty number
            "abc,○,,,",  # line 5 not a number
            "0,○,,,",  # line 6 below 1
            "-3,○,,,",  # line 7 negative
            "2.5,○,,,",  # line 8 not an integer
            ",,,,",  # line 9 blank: skipped, not an error
            "4,○,,,",  # line 10 fine
            "5,○,,,,多出",  # line 11 text under no header
        ]
    )
    error = refusal_of(write(tmp_path, text + "\n"))
    assert error.key == "ballots.invalid"
    assert error.params["count"] == 7
    assert detail_lines(error) == [
        ("ballots.err.duplicate_number", 3),
        ("ballots.err.empty_number", 4),
        ("ballots.err.bad_number", 5),
        ("ballots.err.bad_number", 6),
        ("ballots.err.bad_number", 7),
        ("ballots.err.bad_number", 8),
        ("ballots.err.unnamed_column", 11),
    ]
    assert error.details[0].params == {"line": 3, "number": 1, "first": 2}
    assert error.details[-1].params["column"] == "F"


def test_blank_header_columns_are_fine_while_they_stay_empty(tmp_path):
    path = write(tmp_path, "票号,王芳,,李四,张三丰,\n1,○,,×,,\n")
    assert read_ballot_file(path, CANDIDATES) == [Ballot(1, "ox-")]


def test_an_overlong_write_in_is_a_row_error(tmp_path):
    error = refusal_of(write(tmp_path, HEADER + "1,,,," + "长" * 60 + "\n"))
    assert detail_lines(error) == [("ballots.err.write_in_too_long", 2)]


def test_xlsx_refusals_read_the_same(tmp_path):
    path = write_xlsx(tmp_path, [["票号", "王芳", "李四", "张三丰"], [1, "○", None, None], [1]])
    error = refusal_of(path)
    assert detail_lines(error) == [("ballots.err.duplicate_number", 3)]


def test_refusals_read_well_in_both_languages(tmp_path):
    error = refusal_of(write(tmp_path, HEADER + "x,○,,,\n2,○,,,\n2,,,,\n"))
    zh = refusal_text(error).splitlines()
    assert zh == [
        "选票表中有2行有错误，未导入任何选票。请改正以下各行后重新导入：",
        "第2行: 票号“x”无效（应为从 1 开始的整数）",
        "第4行: 票号 2 与第3行重复",
    ]
    set_lang("en")
    en = refusal_text(error).splitlines()
    assert en[0].startswith("Rows with errors in the ballot file: 2")
    assert en[2] == "Line 4: ballot number 2 repeats line 3"
