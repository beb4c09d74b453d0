"""The text in a sheet's QR code: which congress, item, layout and page — and nothing else.

``HWB1:<uid>:<item_ref>:<layout hash>:<page>:<pages>:<R|T>``, QR-alphanumeric only (upper-case
hex), R for a real sheet and T for a test-deck sheet. Every copy of a page carries the same text:
no serial number, nothing that could tie a sheet to a voter.
"""

import re
from dataclasses import dataclass

PREFIX = "HWB1"
_CODE_RE = re.compile(
    r"^HWB1:(?P<uid>[0-9A-Z]{1,16}):(?P<item>[0-9A-Z.]{1,24}):(?P<hash>[0-9A-F]{16})"
    r":(?P<page>[1-9][0-9]{0,2}):(?P<pages>[1-9][0-9]{0,2}):(?P<mode>[RT])$"
)


@dataclass(frozen=True)
class SheetCode:
    congress_uid: str
    item_ref: str
    layout_hash: str  # lower-case hex, as Layout.hash
    page: int
    pages: int
    test: bool


def encode(code: SheetCode) -> str:
    mode = "T" if code.test else "R"
    head = [PREFIX, code.congress_uid, code.item_ref, code.layout_hash.upper()]
    return ":".join([*head, str(code.page), str(code.pages), mode])


def parse(text: str) -> SheetCode | None:
    """The sheet code in ``text``, or None for anything else (a badge's HW1: text, a URL …)."""
    match = _CODE_RE.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        return None
    page, pages = int(match["page"]), int(match["pages"])
    if page > pages:
        return None
    return SheetCode(
        match["uid"], match["item"], match["hash"].lower(), page, pages, match["mode"] == "T"
    )


def code_for(layout, page: int) -> SheetCode:
    """The code printed on ``page`` of ``layout``."""
    spec = layout.spec
    return SheetCode(spec.congress_uid, spec.item_ref, layout.hash, page, layout.pages, spec.test)
