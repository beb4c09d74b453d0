"""`HUIWU_FONT` as users set it: another TrueType font prints the PDFs; a file that is missing or
not a TrueType font is refused (exit 1, the variable and the path named on stderr, in Chinese or
English) and no PDF is written."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from main import cli
from models.congress import create_congress, create_sitting
from models.db import open_database
from models.io.pdf_fonts import SYMBOLS
from tests.helpers import add_people, delegates


@pytest.fixture
def hall(tmp_path) -> Path:
    path = tmp_path / "huiwu.db"
    database = open_database(path)
    create_congress(database, "测试公司第三届职工代表大会第二次会议", term=3, session=2)
    create_sitting(database, "第一次全体会议")
    add_people(database, delegates(3))
    database.dispose()
    return path


def badges(db: Path, out: Path, font: str | None, lang: str | None = None):
    env = {"HUIWU_DB": str(db), "HUIWU_FONT": font, "HUIWU_LANG": lang}
    return CliRunner().invoke(cli, ["badges", "--out", str(out)], env=env)


def test_a_missing_font_is_refused_in_chinese_naming_the_variable_and_the_path(hall, tmp_path):
    font = tmp_path / "没有的字体.ttc"
    outcome = badges(hall, tmp_path / "代表证.pdf", str(font))
    assert outcome.exit_code == 1
    assert "环境变量 HUIWU_FONT" in outcome.stderr and str(font) in outcome.stderr
    assert "不存在" in outcome.stderr and "未生成PDF" in outcome.stderr
    assert not (tmp_path / "代表证.pdf").exists()


def test_a_file_that_is_no_truetype_font_is_refused_in_english(hall, tmp_path):
    font = tmp_path / "font.ttf"
    font.write_bytes(b"OTTO" + bytes(60))  # an OpenType/CFF header: reportlab cannot embed it
    outcome = badges(hall, tmp_path / "badges.pdf", str(font), lang="en")
    assert outcome.exit_code == 1
    assert "HUIWU_FONT" in outcome.stderr and str(font) in outcome.stderr
    assert "not a usable TrueType font" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*.tmp")) == []


def test_another_truetype_font_prints_the_badges(hall, tmp_path):
    outcome = badges(hall, tmp_path / "代表证.pdf", str(SYMBOLS))
    assert outcome.exit_code == 0, outcome.stderr
    assert b"DejaVuSans" in (tmp_path / "代表证.pdf").read_bytes()
