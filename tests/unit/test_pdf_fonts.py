"""Every PDF huiwu writes prints the same on any machine (issue 18): its one font is embedded.

Every kind of PDF, from ONE list (a guard fails when a module that draws with reportlab is not in
it), is written for a congress whose names need rare characters (喆 堃 玥 …), accented Latin
(Öztürk) and whose sheets print ○ × ≥ ⚠; then for each file:

* ``pdffonts`` lists every font as embedded: no STSong-Light, no Helvetica the reader supplies;
* every character of its text (pypdfium2) is in the character map of a shipped face;
* ``pdftoppm`` with no fonts to find (an empty fontconfig) draws the large Chinese characters of
  page 1: ink inside each glyph's box, not the empty box or the blank a missing font gives.

HUIWU_FONT picks another TrueType font; a missing or unusable one is refused, with no file.
"""

import contextlib
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from models import motions
from models.absentees import absentees
from models.attendance import attendance
from models.congress import create_sitting
from models.demo import VOTES_FROM, create_demo
from models.errors import Refusal
from models.io.absent_export import write_absent_pdf
from models.io.badges import write_badges
from models.io.contest_export import export_contest
from models.io.pdf_fonts import ENV, SHIPPED, SYMBOLS
from models.io.proposal_export import export_proposals
from models.io.result_export import export_item
from models.minutes import export_minutes
from models.rules.motion import HANDS, MotionCount
from models.voting import list_items
from tests.helpers import check_in_codes, import_people

ROOT = Path(__file__).resolve().parents[2]
RARE = ["陈喆", "王堃", "李玥", "张昇", "刘赟", "赵犇", "孙淼", "Öztürk Şahin"]
RARE_CODES = [f"R{i}" for i in range(len(RARE))]
# Printed somewhere in the files below; each must come out of them as text.
MUST_PRINT = set("喆堃玥昇赟犇淼Öüİ○×≥⚠") | {"Öztürk"}

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdffonts") and shutil.which("pdftoppm")),
    reason="poppler-utils (pdffonts, pdftoppm) missing: scripts/test-deps.sh installs it",
)


# -- the congress -------------------------------------------------------------------------------


def _exactly_half_motion(db, folder) -> None:
    """A motion whose 赞成 is exactly half its base: the sheet flags it with ⚠."""
    present = attendance(db).figures.present
    if present % 2:  # one more delegate makes the half a whole number
        import_people(db, folder, [("R99", "周红", "国际交流代表团", "正式代表")], operator="t")
        check_in_codes(db, ["R99"])
        present += 1
    motion = motions.new_motion(db, "关于恰好半数的决议", base="present", operator="t")
    count = MotionCount(present // 2, present - present // 2, 0)
    motions.record_count(db, motion.number, count, method=HANDS, operator="t")


@pytest.fixture(scope="module")
def congress(tmp_path_factory):
    from models.db import open_database

    folder = tmp_path_factory.mktemp("congress")
    db = open_database(folder / "huiwu.db")
    create_demo(db, delegates=VOTES_FROM)  # the fewest with an election and an appraisal
    rare = [
        (code, name, "国际交流代表团", "正式代表", "İzmir Öğretmenler Sendikası")
        for code, name in zip(RARE_CODES, RARE, strict=True)
    ]
    import_people(db, folder, rare, operator="t", station="t")
    check_in_codes(db, [p.code for group in absentees(db).groups for p in group.people])
    _exactly_half_motion(db, folder)
    create_sitting(db, "第二次全体会议", operator="t")  # nobody here yet: everyone is 未到
    yield db
    db.dispose()


# -- every kind of PDF, in one list -------------------------------------------------------------


@dataclass(frozen=True)
class Writer:
    name: str
    module: str  # the source file that draws it
    run: Callable  # (db, folder) -> the PDFs written


def _badges(db, folder) -> list[Path]:
    return [write_badges(db, folder / "badges.pdf", codes=RARE_CODES).pdf_path]


def _results(db, folder) -> list[Path]:
    """The result sheet of every item: motions, elections, the appraisal."""
    return [export_item(db, i.number, pdf=folder / f"{i.number}.pdf").pdf for i in list_items(db)]


def _attendance(db, folder) -> list[Path]:
    return [export_minutes(db, folder / "package").folder / "出席情况.pdf"]


def _compilation(db, folder) -> list[Path]:
    return [export_proposals(db, pdf=folder / "proposals.pdf").pdf]


def _contest(db, folder) -> list[Path]:
    return export_contest(
        db, 1, pdf=folder / "standings.pdf", certificates=folder / "certificates.pdf"
    )


def _absent(db, folder) -> list[Path]:
    return [write_absent_pdf(absentees(db), folder / "absent.pdf")]


def _paper(db, folder) -> list[Path]:
    """The machine-read 选票 (with its 另选他人 lines) and its test deck (○ and × drawn in)."""
    from models.paper import print_ballots, print_test_deck

    election = next(i for i in list_items(db) if i.kind == "election")
    _s, sheet = print_ballots(db, [str(election.number)], folder / "选票.pdf")
    _s, deck, _tally = print_test_deck(db, [str(election.number)], folder / "测试票.pdf")
    return [sheet, deck]


def _seats(db, folder) -> list[Path]:
    """The 座次表: the hall plan, everyone seated by delegation (the rare names among them)."""
    from models.io.seat_chart import write_seat_chart
    from models.seats.assigning import assign_seats, seat_chart, set_hall_plan

    set_hall_plan(db, rows=12, seats=20, aisles=(10,), presidium=8)
    assign_seats(db)
    return [write_seat_chart(seat_chart(db), folder / "座次表.pdf")]


def _matches(db, folder) -> list[Path]:
    """秩序册, 记分表 and the standings of a match contest (group cross tables, the bracket)."""
    from models.congress import current_congress
    from models.io.match_data import match_papers
    from models.io.match_sheet import write_order_pdf, write_score_sheets_pdf
    from tests.unit.match_papers_support import TT, sports_day

    sports_day(db)
    papers, congress = match_papers(db, TT), current_congress(db)
    return [
        write_order_pdf(papers, folder / "秩序册.pdf", congress),
        write_score_sheets_pdf(papers, folder / "记分表.pdf", congress),
        *export_contest(db, TT, pdf=folder / "比赛成绩.pdf"),
    ]


def _meet(db, folder) -> list[Path]:
    """团体总分 and 奖牌榜 of the meet _matches made."""
    from models.congress import current_congress
    from models.io.match_data import meet_papers
    from models.io.meet_sheet import write_meet_pdf
    from tests.unit.match_papers_support import MEET

    return [write_meet_pdf(meet_papers(db, MEET), folder / "团体总分.pdf", current_congress(db))]


WRITERS = (
    Writer("代表证", "models/io/badges.py", _badges),
    Writer("结果报告单 (表决、选举、测评)", "models/io/result_sheet.py", _results),
    Writer("出席情况", "models/io/attendance_sheet.py", _attendance),
    Writer("提案汇编", "models/io/proposal_sheet.py", _compilation),
    Writer("成绩排名表、证书名单", "models/io/contest_sheet.py", _contest),
    Writer("未到名单", "models/io/absent_export.py", _absent),
    Writer("机读选票、测试票", "models/omr/printing.py", _paper),
    Writer("座次表", "models/io/seat_chart.py", _seats),
    Writer("秩序册、记分表、淘汰赛签表", "models/io/match_sheet.py", _matches),
    Writer("团体总分、奖牌榜", "models/io/meet_sheet.py", _meet),
)
NOT_WRITERS = {
    "models/io/pdf_fonts.py",  # registers the font, draws nothing
    "models/io/pdf_kit.py",  # the styles and flowables every writer above builds with
    # parts of a writer above, drawn only through it
    "models/io/contest_table.py",
    "models/io/contest_blocks.py",
    "models/io/proposal_blocks.py",
    "models/io/proposal_cover.py",
    "models/io/match_order.py",
    "models/io/match_groups.py",
    "models/io/match_bracket.py",
    "models/io/match_scoresheet.py",
}


def _drawing_modules() -> set[str]:
    """Every source file that uses reportlab."""
    uses = re.compile(r"^\s*(from|import) reportlab\b", re.MULTILINE)
    found = set()
    for path in [
        ROOT / "main.py",
        *(p for d in ("models", "tui", "screens", "cli") for p in (ROOT / d).rglob("*.py")),
    ]:
        if uses.search(path.read_text(encoding="utf-8")):
            found.add(path.relative_to(ROOT).as_posix())
    return found


def test_every_module_that_draws_a_pdf_is_in_the_list():
    listed = {writer.module for writer in WRITERS}
    assert _drawing_modules() - NOT_WRITERS - listed == set()
    assert listed <= _drawing_modules()  # a module renamed or gone: the list says so


@pytest.fixture(scope="module")
def written(congress, tmp_path_factory) -> dict[str, list[Path]]:
    folder = tmp_path_factory.mktemp("pdfs")
    files = {}
    with pytest.MonkeyPatch.context() as env:
        env.delenv(ENV, raising=False)  # the shipped font, whatever the developer's shell says
        for writer in WRITERS:
            place = folder / re.sub(r"\W", "_", writer.module)
            place.mkdir()
            files[writer.name] = writer.run(congress, place)
            assert files[writer.name], writer.name
    return files


# -- reading back -------------------------------------------------------------------------------


def _fonts(pdf: Path) -> list[tuple[str, str]]:
    """(name, emb) of every font ``pdffonts`` lists."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


def _page_texts(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def _cmap(path: Path) -> set[int]:
    font = TTFont(path, fontNumber=0, lazy=True)
    return set(font.getBestCmap())


SHIPPED_CHARS = _cmap(SHIPPED) | _cmap(SYMBOLS)


def _gb2312() -> set[str]:
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # the holes in the table
                chars.add(bytes([high, low]).decode("gb2312"))
    return chars


def test_the_shipped_faces_have_every_character_huiwu_prints():
    """GB2312 whole (but ￣, a full-width macron no sheet prints), the rarer characters of
    names, the marks and symbols of the sheets, accented Latin and ASCII."""
    wanted = _gb2312() - {"￣"}
    wanted |= set("喆堃玥昇赟犇淼○〇×√≥≤·—–…（）【】《》「」、，。：；！？①②★⚠／＊§÷")
    wanted |= set("ÖöÜüÉéÈèÇçÑñŞşĞğİıßÅåØøÆæ") | {chr(c) for c in range(0x20, 0x7F)}
    assert {c for c in wanted if ord(c) not in SHIPPED_CHARS} == set()
    assert len(wanted) > 7400


def _all_files(written) -> list[tuple[str, Path]]:
    return [(name, pdf) for name, files in written.items() for pdf in files]


def test_every_font_of_every_pdf_is_embedded(written):
    for name, pdf in _all_files(written):
        fonts = _fonts(pdf)
        assert fonts, (name, pdf.name)
        assert [f for f in fonts if f[1] != "yes"] == [], (name, pdf.name)
        assert not [f for f in fonts if "STSong" in f[0] or "Helvetica" in f[0]], (name, pdf.name)
        assert all("UMing" in f[0] or "DejaVuSans" in f[0] for f in fonts), fonts


def test_every_character_printed_is_in_a_shipped_face(written):
    printed = ""
    for name, pdf in _all_files(written):
        text = "".join(_page_texts(pdf))
        assert text.strip(), (name, pdf.name)
        printed += text
        missing = {c for c in text if ord(c) not in SHIPPED_CHARS and c not in "\r\n\x02"}
        assert missing == set(), (name, pdf.name)
    assert {m for m in MUST_PRINT if m not in printed} == set()


def test_the_warning_sign_comes_from_the_symbol_face(written):
    """The Ming face has no ⚠: that one character is taken from DejaVu Sans."""
    sheets = [p for p in written["结果报告单 (表决、选举、测评)"] if "⚠" in "".join(_page_texts(p))]
    assert sheets
    assert any("DejaVuSans" in name for name, _ in _fonts(sheets[0]))
    assert ord("⚠") not in _cmap(SHIPPED)


def test_bold_is_still_filled_and_stroked(written):
    """No bold face: names and titles are drawn with text render mode 2 (fill, then stroke)."""
    doc = pdfium.PdfDocument(written["代表证"][0])
    try:
        modes = [
            pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
            for obj in doc[0].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT])
        ]
    finally:
        doc.close()
    assert modes.count(pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE) >= 2 * len(RARE)


# -- rendered with no fonts on the machine -------------------------------------------------------

DPI = 50


def _no_fonts(tmp_path: Path) -> dict:
    """An environment where poppler finds no font at all (a machine without CJK fonts)."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig/>\n',
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(config), "PATH": "/usr/bin:/bin"}


def _render_first_page(pdf: Path, tmp_path: Path) -> Image.Image:
    stem = tmp_path / pdf.stem
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", str(DPI), "-png", "-singlefile", pdf, stem],
        env=_no_fonts(tmp_path),
        check=True,
        capture_output=True,
    )
    return Image.open(f"{stem}.png").convert("L")


def _large_han_boxes(pdf: Path) -> list[tuple[float, float, float, float]]:
    """Page 1's Chinese characters at least 10 pt tall (titles, names, the big figures), as
    (left, top, right, bottom) pixels: smaller ones are a few pixels at this resolution."""
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        height = page.get_height()
        text = page.get_textpage()
        boxes = []
        for i in range(text.count_chars()):
            if not "\u4e00" <= text.get_text_range(i, 1) <= "\u9fff":
                continue
            left, bottom, right, top = text.get_charbox(i)
            if top - bottom >= 10:
                scale = DPI / 72
                boxes.append(
                    (left * scale, (height - top) * scale, right * scale, (height - bottom) * scale)
                )
        return boxes
    finally:
        doc.close()


def inked(image: Image.Image, box: tuple[float, float, float, float]) -> bool:
    """Whether the middle of a character's box holds ink that differs from the paper around it
    (white text on a coloured band counts too); an empty box or a blank has none there."""
    left, top, right, bottom = box
    around = image.crop((int(left) - 2, int(top) - 2, int(right) + 3, int(bottom) + 3))
    pixels = around.tobytes()
    paper = max(set(pixels), key=pixels.count)
    w, h = right - left, bottom - top
    middle = image.crop(
        (
            round(left + w * 0.2),
            round(top + h * 0.2),
            round(right - w * 0.2),
            round(bottom - h * 0.2),
        )
    )
    return any(abs(value - paper) > 60 for value in middle.tobytes())


def test_large_chinese_characters_have_ink_with_no_fonts_installed(written, tmp_path):
    for name, pdf in _all_files(written):
        boxes = _large_han_boxes(pdf)
        assert len(boxes) >= 3, (name, pdf.name)
        image = _render_first_page(pdf, tmp_path)
        blank = [box for box in boxes if not inked(image, box)]
        assert len(blank) <= len(boxes) // 10, (name, pdf.name, len(blank), len(boxes))


def test_a_blank_box_is_not_ink():
    """The check above can fail: a square outline with nothing inside has no ink in the middle."""
    image = Image.new("L", (40, 40), 255)
    for x in range(10, 30):
        for y in (10, 29):
            image.putpixel((x, y), 0)
            image.putpixel((y, x), 0)
    assert not inked(image, (10, 10, 30, 30))
    image.putpixel((20, 20), 0)
    assert inked(image, (10, 10, 30, 30))


# -- HUIWU_FONT ----------------------------------------------------------------------------------


def test_huiwu_font_prints_in_another_face_and_still_prints_chinese(
    congress, tmp_path, monkeypatch
):
    monkeypatch.setenv(ENV, str(SYMBOLS))  # DejaVu Sans, which has no Chinese at all
    pdf = write_badges(congress, tmp_path / "badges.pdf", codes=RARE_CODES).pdf_path
    names = [name for name, _ in _fonts(pdf)]
    assert any("DejaVuSans" in n for n in names) and any("UMing" in n for n in names)
    text = _page_texts(pdf)[0]
    assert all(name in text for name in RARE)


@pytest.mark.parametrize("kind", ["missing", "folder", "not a font"])
def test_an_unusable_huiwu_font_is_refused_and_writes_nothing(
    congress, tmp_path, monkeypatch, kind
):
    font = tmp_path / "字体" / "simsun.ttc"
    if kind == "folder":
        font.mkdir(parents=True)
    elif kind == "not a font":
        font.parent.mkdir()
        font.write_text("这不是字体", encoding="utf-8")
    monkeypatch.setenv(ENV, str(font))
    out = tmp_path / "out"
    with pytest.raises(Refusal) as refusal:
        write_badges(congress, out / "badges.pdf", codes=RARE_CODES)
    key = "pdf_font.unusable" if kind == "not a font" else "pdf_font.missing"
    assert refusal.value.key == key
    assert refusal.value.params["variable"] == "HUIWU_FONT"
    assert refusal.value.params["path"] == str(font)
    assert not out.exists() or list(out.iterdir()) == []


def test_a_refused_font_leaves_no_minutes_package(congress, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(tmp_path / "none.ttf"))
    with pytest.raises(Refusal) as refusal:
        export_minutes(congress, tmp_path / "package")
    assert refusal.value.key == "pdf_font.missing"
    assert not (tmp_path / "package").exists()


def test_huiwu_font_back_to_unset_prints_in_the_shipped_face(congress, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(SYMBOLS))
    write_badges(congress, tmp_path / "a.pdf", codes=RARE_CODES[:1])
    monkeypatch.delenv(ENV)
    pdf = write_badges(congress, tmp_path / "b.pdf", codes=RARE_CODES[:1]).pdf_path
    assert all("UMing" in name for name, _ in _fonts(pdf))
