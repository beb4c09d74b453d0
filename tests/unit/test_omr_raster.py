"""Scanned files in: every page of every supported file, and a named refusal for the rest."""

import os
import struct

import cv2
import numpy as np
import pytest
from PIL import Image

from models.omr.printing import print_sheets
from models.omr.raster import MAX_FILE_BYTES, PageImage, PageRefusal, load_pages
from tests.unit.omr_support import election, motions


def _page(value: int = 255, shape=(300, 200)) -> np.ndarray:
    image = np.full(shape, value, np.uint8)
    cv2.putText(image, "HW", (20, 150), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 3)
    return image


def huge_tiff_header(path, width: int, height: int) -> None:
    """A tiny TIFF whose header claims ``width`` × ``height`` pixels (one strip of 8 bytes)."""
    entries = [
        (256, 4, 1, width),  # ImageWidth
        (257, 4, 1, height),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 8),  # StripOffsets
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, height),  # RowsPerStrip
        (279, 4, 1, 8),  # StripByteCounts
    ]
    ifd_at = 16
    data = b"II*\x00" + struct.pack("<I", ifd_at) + b"\xff" * 8
    data += struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        packed = struct.pack("<HHI", tag, kind, count)
        packed += struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
        data += packed
    data += struct.pack("<I", 0)
    path.write_bytes(data)


def test_png_jpeg_and_pdf_pages_come_back_grey_and_numbered(tmp_path):
    cv2.imwrite(str(tmp_path / "a.png"), _page())
    cv2.imwrite(str(tmp_path / "b.jpg"), cv2.cvtColor(_page(), cv2.COLOR_GRAY2BGR))
    pdf = print_sheets(election(), tmp_path / "c.pdf", copies=2)
    pages = list(load_pages(tmp_path))
    assert [(p.file.name, p.page) for p in pages] == [
        ("a.png", 1),
        ("b.jpg", 1),
        ("c.pdf", 1),
        ("c.pdf", 2),
    ]
    assert all(isinstance(p, PageImage) and p.image.dtype == np.uint8 for p in pages)
    assert all(p.image.ndim == 2 for p in pages)
    # a PDF page is rendered at 200 dpi: A4 is 1654 × 2339
    assert pages[2].image.shape == (2339, 1654)
    assert pages[2].file_sha256 == pages[3].file_sha256 and len(pages[2].file_sha256) == 64
    assert next(iter(load_pages(pdf))).image.shape == (2339, 1654)


def test_a_multi_page_tiff_gives_each_page(tmp_path):
    frames = [Image.fromarray(_page(255 - 40 * i)) for i in range(3)]
    path = tmp_path / "scan.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_lzw")
    pages = list(load_pages(path))
    assert [p.page for p in pages] == [1, 2, 3]
    assert [int(p.image[0, 0]) for p in pages] == [255, 215, 175]


def test_a_folder_skips_other_files_and_hidden_partial_ones(tmp_path):
    cv2.imwrite(str(tmp_path / "2.png"), _page())
    cv2.imwrite(str(tmp_path / "10.png"), _page())
    (tmp_path / "notes.txt").write_text("not a scan")
    (tmp_path / ".3.png.part").write_bytes(b"\x89PNG half")
    (tmp_path / ".4.png").write_bytes(b"\x89PNG half")
    (tmp_path / "sub").mkdir()
    names = [p.file.name for p in load_pages(tmp_path)]
    assert names == ["10.png", "2.png"]  # sorted by name, as the scanner numbered them


def test_corrupt_unsupported_and_too_large_are_refused_and_the_rest_is_read(tmp_path):
    cv2.imwrite(str(tmp_path / "a.png"), _page())
    (tmp_path / "b.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.7\n broken")
    (tmp_path / "d.tif").write_bytes(b"GIF89a")  # named as an image, is something else
    huge_tiff_header(tmp_path / "e.tif", 20_000, 20_000)  # 400 megapixels claimed
    huge_tiff_header(tmp_path / "f.tiff", 8_000, 8_000)  # 64 megapixels claimed
    big = tmp_path / "g.tif"
    with open(big, "wb") as handle:  # over 100 MB on disk (sparse: nothing is written)
        handle.write(b"II*\x00")
        handle.truncate(MAX_FILE_BYTES + 1)
    cv2.imwrite(str(tmp_path / "h.png"), _page())
    got = [
        (p.file.name, p.reason if isinstance(p, PageRefusal) else "page")
        for p in load_pages(tmp_path)
    ]
    assert got == [
        ("a.png", "page"),
        ("b.jpg", "corrupt"),
        ("c.pdf", "corrupt"),
        ("d.tif", "corrupt"),
        ("e.tif", "too_large"),
        ("f.tiff", "too_large"),
        ("g.tif", "too_large"),
        ("h.png", "page"),
    ]


def test_a_single_file_of_another_kind_is_unsupported(tmp_path):
    path = tmp_path / "ballot.docx"
    path.write_bytes(b"PK\x03\x04 a word file")
    (refusal,) = load_pages(path)
    assert refusal == PageRefusal(path, 0, "unsupported")
    (missing,) = load_pages(tmp_path / "gone.png")
    assert missing.reason == "corrupt"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_printed_sheets_are_written_privately(tmp_path):
    out = print_sheets(motions(), tmp_path / "votes.pdf")
    assert out.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["votes.pdf"]
