"""The badge-scan recogniser (tui/scan_router.py): what a scanner's burst is, and that no key a
person types is ever lost, reordered or taken for a scan."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.scan_router import HOLD_SECONDS, ScanRecognizer, is_badge_text, may_begin_badge

BADGE = "HW1:KRZ2Y3XC:D0001:NT5KY6Z7S5V24FMH"
KEY_OF = {"\r": "enter", "\n": "ctrl+j", "\t": "tab", "\x1b": "escape"}


def run(keys: list[tuple[str, float]]):
    """Feed (character, time) pairs; returns what the widgets saw (in order) and the scans.
    Held keys whose pause ran out are let through when the App's timer would fire."""
    recognizer = ScanRecognizer()
    seen, scans = [], []
    for char, at in keys:
        if recognizer.due(at):
            seen.extend(recognizer.release())
        printable = char if char not in KEY_OF else None
        verdict = recognizer.feed(KEY_OF.get(char, char), printable, char, at)
        seen.extend(verdict.release)
        if verdict.scan is not None:
            scans.append(verdict.scan)
        elif not verdict.hold and not verdict.drop:
            seen.append(char)
    seen.extend(recognizer.release())  # the timer after the last key
    return "".join(seen), scans


def burst(text: str, start: float = 0.0, gap: float = 0.002):
    return [(char, start + i * gap) for i, char in enumerate(text)]


def test_the_badge_shape():
    assert may_begin_badge("H") and may_begin_badge("HW1") and may_begin_badge("hw1:")
    assert may_begin_badge("ＨＷ１：")  # a Chinese input method's full-width form
    assert not may_begin_badge("Hu") and not may_begin_badge("W")
    assert is_badge_text(BADGE) and not is_badge_text("HW1:") and not is_badge_text("HW1")


def test_a_burst_with_each_suffix_is_one_scan_and_reaches_no_widget():
    for suffix in ("\r", "\n", "\t", "\r\n"):
        seen, scans = run(burst(BADGE + suffix))
        assert (seen, scans) == ("", [BADGE]), repr(suffix)


def test_a_full_width_burst_is_a_scan():
    seen, scans = run(burst("ＨＷ１：KRZ2Y3XC：D0001：NT5KY6Z7S5V24FMH\r"))
    assert seen == "" and len(scans) == 1


def test_typing_that_starts_like_a_badge_is_let_through_in_order():
    assert run(burst("Hu Jintao\r", gap=0.15)) == ("Hu Jintao\r", [])
    assert run(burst("HHW1 号\t")) == ("HHW1 号\t", [])  # not a badge: held, then given back
    assert run(burst("HW1\r")) == ("HW1\r", [])  # the prefix alone is no badge


def test_a_pause_longer_than_a_scanner_makes_lets_held_keys_through():
    keys = [("H", 0.0), ("W", HOLD_SECONDS + 0.1), ("x", HOLD_SECONDS + 0.2)]
    assert run(keys) == ("HWx", [])


def test_esc_in_the_middle_of_a_burst_loses_nothing():
    seen, scans = run(burst("HW1:KRZ\x1b2Y3XC\r"))
    assert (seen, scans) == ("HW1:KRZ\x1b2Y3XC\r", [])


def test_back_to_back_bursts_are_separate_scans():
    other = BADGE.replace("D0001", "D0002")
    seen, scans = run(burst(BADGE + "\r\n" + other + "\t" + BADGE + "\n"))
    assert (seen, scans) == ("", [BADGE, other, BADGE])


def test_a_lone_lf_long_after_a_scan_is_a_key_again():
    keys = [*burst(BADGE + "\r"), ("\n", 5.0)]
    assert run(keys) == ("\n", [BADGE])


typed = st.text(alphabet=st.sampled_from("HWhw1:张三 ab-\r\t"), max_size=30)


@settings(max_examples=300, deadline=None)
@given(before=typed, after=typed, gap=st.floats(0.05, 1.0), suffix=st.sampled_from("\r\n\t"))
def test_typing_around_a_scan_is_kept_whole_and_the_scan_is_taken_once(before, after, gap, suffix):
    """A person types (slowly), a scanner bursts, the person types again: the widgets see exactly
    what the person typed, in order, and the scan is recognised once."""
    keys = [(c, i * gap) for i, c in enumerate(before)]
    start = len(before) * gap + HOLD_SECONDS + 0.1
    keys += burst(BADGE + suffix, start)
    resume = keys[-1][1] + HOLD_SECONDS + 0.1
    keys += [(c, resume + i * gap) for i, c in enumerate(after)]
    seen, scans = run(keys)
    assert scans == [BADGE]
    assert seen == before + after


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), gap=st.floats(0.0, 0.6))
def test_no_key_is_ever_lost_or_reordered(text, gap):
    """Whatever arrives, at whatever pace: every key reaches a widget, in order, or is part of a
    scan (or is the LF right after a scan's CR)."""
    keys = [(c, i * gap) for i, c in enumerate(text)]
    seen, scans = run(keys)
    if not scans:
        assert seen == text
    else:
        assert len(seen) < len(text)
