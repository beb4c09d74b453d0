"""The hand-mark generator the OMR tests and bench/omr.py rely on: deterministic, and each kind is
what it says (a speck is tiny, a faint mark is light, a mark stays near its box)."""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import omr_synth

PPM = 200 / 25.4


def drawn(kind: str, seed: int, ppm: float = PPM) -> np.ndarray:
    page = np.full((int(40 * ppm), int(40 * ppm)), 255, np.uint8)
    rect = (15 * ppm, 15 * ppm, 10 * ppm, 10 * ppm)
    omr_synth.draw_mark(page, rect, kind, np.random.default_rng(seed), ppm)
    return page


def test_every_kind_has_an_expected_reading():
    assert set(omr_synth.EXPECTED) == {*omr_synth.READABLE_KINDS, "speck", *omr_synth.REVIEW_KINDS}
    assert {omr_synth.EXPECTED[k] for k in omr_synth.REVIEW_KINDS} == {"review"}
    with pytest.raises(KeyError):
        drawn("smiley", 1)


@pytest.mark.parametrize("kind", sorted(omr_synth.EXPECTED))
def test_the_same_seed_draws_the_same_mark(kind):
    assert np.array_equal(drawn(kind, 7), drawn(kind, 7))
    if kind != "blank":
        assert not np.array_equal(drawn(kind, 7), drawn(kind, 8))


@pytest.mark.parametrize("kind", sorted(set(omr_synth.EXPECTED) - {"blank"}))
def test_ink_stays_within_3_mm_of_the_box(kind):
    for seed in range(10):
        ys, xs = np.nonzero(drawn(kind, seed) < 250)
        assert xs.size, kind
        lo, hi = 12 * PPM - 1, 28 * PPM + 1  # box 15–25 mm, plus CLEAR_MM
        assert xs.min() >= lo and xs.max() <= hi and ys.min() >= lo and ys.max() <= hi


def test_specks_are_tiny_and_dots_are_not():
    for seed in range(10):
        assert (
            np.count_nonzero(drawn("speck", seed) < 200) <= 3 * (0.5 * PPM) ** 2
        )  # 3 specks, antialiased
        assert np.count_nonzero(drawn("dot", seed) < 200) >= (0.6 * PPM) ** 2


def test_faint_marks_are_light_and_pens_are_not():
    for seed in range(10):
        assert drawn("faint", seed).min() >= 180
        assert drawn("circle", seed).min() <= 150


def test_names_are_written_inside_their_field():
    page = np.full((int(30 * PPM), int(80 * PPM)), 255, np.uint8)
    field = (10 * PPM, 10 * PPM, 60 * PPM, 9 * PPM)
    omr_synth.draw_name(page, field, np.random.default_rng(1), PPM)
    ys, xs = np.nonzero(page < 250)
    assert xs.size > 200
    assert ys.min() >= 10 * PPM - 2 and ys.max() <= 19 * PPM + 2


def test_scanner_and_phone_are_deterministic_and_keep_the_page():
    page = np.full((int(100 * PPM), int(70 * PPM)), 255, np.uint8)
    page[40:60, 40:60] = 0
    scan = omr_synth.scanner(page, np.random.default_rng(3), PPM)
    assert np.array_equal(scan, omr_synth.scanner(page, np.random.default_rng(3), PPM))
    assert scan.shape == (page.shape[0] + 2 * round(15 * PPM), page.shape[1] + 2 * round(15 * PPM))
    assert scan.min() < 80  # the black square survived blur and JPEG
    photo = omr_synth.phone(page, np.random.default_rng(3))
    assert np.array_equal(photo, omr_synth.phone(page, np.random.default_rng(3)))
    assert photo.shape[0] > page.shape[0] and photo.shape[1] > page.shape[1]
    colour = omr_synth.phone(np.dstack([page] * 3), np.random.default_rng(3))
    assert colour.ndim == 3
