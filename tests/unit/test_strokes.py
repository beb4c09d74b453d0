import subprocess
import sys
import unicodedata
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.rules.strokes import (
    DIAN,
    HENG,
    PIE,
    SHU,
    ZHE,
    first_stroke,
    normalize_name,
    sort_by_strokes,
    stroke_count,
    stroke_key,
)


@pytest.mark.parametrize(
    ("ch", "count"),
    [
        ("一", 1),
        ("丁", 2),
        ("乜", 2),
        ("马", 3),
        ("于", 3),
        ("万", 3),
        ("王", 4),
        ("方", 4),
        ("孔", 4),
        ("毛", 4),
        ("尹", 4),
        ("邓", 4),
        ("石", 5),
        ("叶", 5),
        ("刘", 6),
        ("孙", 6),
        ("阳", 6),
        ("李", 7),
        ("张", 7),
        ("陈", 7),
        ("杨", 7),
        ("吴", 7),
        ("何", 7),
        ("周", 8),
        ("欧", 8),
        ("林", 8),
        ("范", 8),  # zh-Hans 8 (the Hant count is 9: the first Unihan value is used)
        ("赵", 9),
        ("骨", 9),  # zh-Hans 9, Hant 10
        ("徐", 10),
        ("高", 10),
        ("黄", 11),  # simplified 黄 (the traditional 黃 is 12)
        ("曹", 11),
        ("谢", 12),
        ("皙", 13),
        ("蔡", 14),
        ("潘", 15),
        ("薛", 16),
        ("魏", 17),
        ("戴", 17),
    ],
)
def test_known_counts(ch, count):
    assert stroke_count(ch) == count


def test_traditional_and_rare_forms():
    assert stroke_count("黃") == 12
    assert stroke_count("陳") == 10  # 阝 is 2 strokes, 東 8
    assert stroke_count("䶮") == 9  # Ext A, in the 通用规范汉字表 (刘䶮)
    assert stroke_count("𬌗") is not None  # Ext B+, in the 通用规范汉字表


@pytest.mark.parametrize(
    ("ch", "first"),
    [
        ("王", HENG),
        ("李", HENG),
        ("吴", SHU),
        ("小", SHU),  # 竖钩 counts as 竖, as in 笔顺编号
        ("周", PIE),
        ("刘", DIAN),
        ("方", DIAN),
        ("张", ZHE),
        ("马", ZHE),
        ("孔", ZHE),
        ("尹", ZHE),
    ],
)
def test_first_stroke(ch, first):
    assert first_stroke(ch) == first


def test_unknown_characters():
    assert stroke_count("A") is None
    assert stroke_count("·") is None
    assert stroke_count("😀") is None
    assert first_stroke("A") is None
    assert first_stroke("䶮") is None  # counted, but no stroke order in the data
    assert stroke_count("㈠") is None  # NFKC gives three characters


def test_compatibility_ideograph_is_normalised():
    assert unicodedata.normalize("NFKC", "\uf900") == "豈"
    assert stroke_count("\uf900") == stroke_count("豈") == 10


def test_stroke_count_takes_one_character():
    with pytest.raises(ValueError):
        stroke_count("王五")
    with pytest.raises(ValueError):
        stroke_count("")


def test_data_covers_gb2312():
    """Every GB 2312 hanzi (levels 1 and 2: rows 16–87) has a count."""
    missing = []
    for row in range(0xB0, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                ch = bytes([row, cell]).decode("gb2312")
            except UnicodeDecodeError:
                continue  # the unused tail of row 55
            if stroke_count(ch) is None:
                missing.append(ch)
    assert missing == []


def test_data_covers_the_unified_block():
    assert all(stroke_count(chr(cp)) is not None for cp in range(0x4E00, 0xA000))


def test_data_files_name_their_source_and_license():
    data = files("models").joinpath("data")
    strokes = data.joinpath("strokes.txt").read_text(encoding="utf-8")
    assert strokes.startswith("#")
    assert "Unihan" in strokes.splitlines()[0]
    assert "Unicode License" in strokes
    assert "cnchar" in data.joinpath("first_strokes.txt").read_text(encoding="utf-8")


def test_basic_order():
    assert sort_by_strokes(["李四", "王五", "丁一"]) == ["丁一", "王五", "李四"]


def test_same_surname_compares_the_next_character():
    assert sort_by_strokes(["王五", "王二"]) == ["王二", "王五"]  # 二 2 strokes, 五 4
    assert sort_by_strokes(["欧阳修", "欧明"]) == ["欧阳修", "欧明"]  # 阳 6, 明 8


def test_compound_surname_sorts_by_its_first_character():
    names = ["欧阳八", "李四", "黄九", "周一"]
    # 欧 and 周 both have 8 strokes; 欧 starts with 横, 周 with 撇
    assert sort_by_strokes(names) == ["李四", "欧阳八", "周一", "黄九"]


def test_ties_in_count_go_by_first_stroke():
    # all 4 strokes: 王 横, 毛 撇, 方 点, 孔 折
    assert sort_by_strokes(["孔甲", "方甲", "毛甲", "王甲"]) == ["王甲", "毛甲", "方甲", "孔甲"]
    # all 7 strokes: 李 横, 吴 竖, 何 撇, 宋 点, 张 折
    assert sort_by_strokes(["张", "宋", "何", "吴", "李"]) == ["李", "吴", "何", "宋", "张"]


def test_same_count_and_first_stroke_falls_back_to_code_point():
    assert stroke_count("李") == stroke_count("杨") == 7
    assert first_stroke("李") == first_stroke("杨")
    assert sort_by_strokes(["杨", "李"]) == ["李", "杨"]  # U+674E < U+6768


def test_a_prefix_sorts_first():
    assert sort_by_strokes(["王小明", "王小", "王"]) == ["王", "王小", "王小明"]


def test_characters_without_data_come_after_those_with_data():
    assert sort_by_strokes(["Zhang", "齉", "丁"]) == ["丁", "齉", "Zhang"]
    assert sort_by_strokes(["王B", "王A", "王一"]) == ["王一", "王A", "王B"]


def test_whitespace_and_full_width_forms_are_ignored():
    assert stroke_key("王　五") == stroke_key("王五") == stroke_key(" 王 五\t")
    assert normalize_name("王\u3000五") == "王五"
    assert normalize_name("ＡＢ　李") == "AB李"
    assert stroke_key("王\uf900") == stroke_key("王豈")


def test_sort_is_stable_for_equal_keys():
    names = ["王 五", "李四", "王五", "王　五"]
    assert sort_by_strokes(names) == ["王 五", "王五", "王　五", "李四"]
    assert sort_by_strokes(reversed(names)) == ["王　五", "王五", "王 五", "李四"]


def test_sort_returns_a_new_list_and_accepts_any_iterable():
    names = ["李四", "王五"]
    out = sort_by_strokes(names)
    assert out == ["王五", "李四"] and names == ["李四", "王五"]
    assert sort_by_strokes(iter(names)) == out
    assert sort_by_strokes([]) == []


@given(st.lists(st.text(alphabet="王李张刘陈丁马欧阳二五A 　", max_size=5), max_size=8))
def test_sort_is_idempotent_and_a_permutation(names):
    once = sort_by_strokes(names)
    assert sorted(once) == sorted(names)
    assert sort_by_strokes(once) == once
    keys = [stroke_key(n) for n in once]
    assert keys == sorted(keys)


def test_module_is_pure():
    code = "import sys, models.rules.strokes as s; s.sort_by_strokes(['王']); print(sorted(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = out.stdout
    assert "'textual'" not in loaded
    assert "'sqlalchemy'" not in loaded
    assert "'sqlmodel'" not in loaded
