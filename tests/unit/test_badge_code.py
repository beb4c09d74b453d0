import re

from models import badge_code

SECRET = bytes(range(32))


def test_badge_text_uses_only_qr_alphanumeric_characters():
    text = badge_code.badge_text(SECRET, "ABCD2345", "A-001.7")
    assert re.fullmatch(r"[0-9A-Z $%*+\-./:]+", text)
    assert len(text) <= 40


def test_genuine_badge_verifies():
    text = badge_code.badge_text(SECRET, "ABCD2345", "D0001")
    parsed = badge_code.parse(badge_code.normalize_scan(text))
    assert parsed is not None and badge_code.signature_ok(SECRET, parsed)


def test_tampered_code_or_signature_fails():
    text = badge_code.badge_text(SECRET, "ABCD2345", "D0001")
    forged_code = text.replace(":D0001:", ":D0002:")
    assert not badge_code.signature_ok(SECRET, badge_code.parse(forged_code))
    last = "A" if text[-1] != "A" else "B"
    forged_sig = text[:-1] + last
    assert not badge_code.signature_ok(SECRET, badge_code.parse(forged_sig))
    assert not badge_code.signature_ok(b"another secret", badge_code.parse(text))


def test_full_width_ime_text_normalizes_back():
    text = badge_code.badge_text(SECRET, "ABCD2345", "D0001")
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    assert badge_code.normalize_scan(full_width) == text
    ime_punctuation = text.replace(":", "：")
    assert badge_code.normalize_scan(ime_punctuation) == text
    assert badge_code.normalize_scan(" " + text.lower() + "\n") == text


def test_junk_is_not_a_badge():
    for junk in [
        "",
        "HW1",
        "HW1:A:B",
        "https://weixin.qq.com/x",
        "HW1:" + "A" * 5000,
        "'; DROP TABLE person;--",
    ]:
        assert badge_code.parse(badge_code.normalize_scan(junk)) is None
