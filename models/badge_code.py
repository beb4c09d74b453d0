"""The text inside a badge's QR code, and how a scanned text is checked.

Format: ``HW1:<congress uid>:<person code>:<signature>``, every character from the QR
alphanumeric set (0-9, A-Z, space, $%*+-./:), so the code is dense and survives a scanner that
types through a Chinese input method. The signature is the first 80 bits of
HMAC-SHA256(congress secret, "HW1:<uid>:<code>") in base32: a badge cannot be made from a known
code without the secret, and a badge of another congress names another uid.
"""

import base64
import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass

PREFIX = "HW1"
SIG_BYTES = 10
CODE_RE = re.compile(r"^[0-9A-Z][0-9A-Z.\-]{0,31}$")
# What a Chinese IME makes of the badge's punctuation that NFKC does not fold back.
IME_FOLDS = str.maketrans({"。": ".", "．": ".", "—": "-", "–": "-", "－": "-", "﹕": ":"})
MAX_SCAN_CHARS = 512


@dataclass(frozen=True)
class ParsedBadge:
    uid: str
    code: str
    signature: str


def normalize_scan(raw: str) -> str:
    """NFKC (full-width ＨＷ１ → HW1), IME punctuation folded, upper case, no whitespace."""
    text = unicodedata.normalize("NFKC", raw).translate(IME_FOLDS)
    return "".join(text.split()).upper()


def normalize_code(raw: str) -> str:
    return normalize_scan(raw)


def is_valid_code(code: str) -> bool:
    return bool(CODE_RE.match(code))


def sign(secret: bytes, uid: str, code: str) -> str:
    message = f"{PREFIX}:{uid}:{code}".encode("ascii")
    digest = hmac.new(secret, message, hashlib.sha256).digest()[:SIG_BYTES]
    return base64.b32encode(digest).decode("ascii")


def badge_text(secret: bytes, uid: str, code: str) -> str:
    return f"{PREFIX}:{uid}:{code}:{sign(secret, uid, code)}"


def looks_like_badge(text: str) -> bool:
    return text.startswith(PREFIX + ":")


def parse(text: str) -> ParsedBadge | None:
    """Split a normalized scan into its parts; None when it is not a badge of ours at all."""
    if len(text) > MAX_SCAN_CHARS or not looks_like_badge(text):
        return None
    parts = text.split(":")
    if len(parts) != 4:
        return None
    _, uid, code, signature = parts
    if not uid or not is_valid_code(code) or len(signature) != 16:
        return None
    return ParsedBadge(uid, code, signature)


def signature_ok(secret: bytes, badge: ParsedBadge) -> bool:
    # Bytes, not str: compare_digest refuses a str with non-ASCII characters (a bent scan).
    expected = sign(secret, badge.uid, badge.code).encode()
    return hmac.compare_digest(expected, badge.signature.encode("utf-8", "replace"))
