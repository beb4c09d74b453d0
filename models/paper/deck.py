"""The test deck (测试票): sheets printed already marked with a known pattern, scanned before the
real ballots so the reader shows it reads this printer's and this scanner's sheets exactly, as
election offices test their counting machines. Test sheets say so in print and in their QR code
and are never counted; while the congress's setting ``paper.deck`` is ``required`` (the default),
a real sheet is refused until every page of the deck has been read exactly as it was printed."""

import json
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Connection, select

from models.congress import require_congress
from models.errors import refuse
from models.paper.records import T_PAPER
from models.paper.sheets import Sheet
from models.voting import settings_in

DECK_SETTING = "paper.deck"


@dataclass(frozen=True)
class DeckState:
    expected: int  # deck pages
    scanned: int  # test pages stored
    matched: int  # test pages read exactly as printed
    wrong: tuple[str, ...]  # the stored test pages that match no deck page (their sources)
    required: bool

    @property
    def passed(self) -> bool:
        return self.matched == self.expected and not self.wrong

    def as_json(self) -> dict:
        return {
            "expected": self.expected,
            "scanned": self.scanned,
            "matched": self.matched,
            "wrong": list(self.wrong),
            "passed": self.passed,
            "required": self.required,
        }


def deck_fills(sheet: Sheet) -> list:
    from models.omr.printing import deck_fills as fills

    return fills(sheet.test, sheet.seats)


def expected_pages(sheet: Sheet) -> Counter:
    """What each deck page must read as: (page, box marks, (ink, mark) per write-in line)."""
    layout = sheet.test
    out: Counter = Counter()
    for fill in deck_fills(sheet):
        for page in range(1, layout.pages + 1):
            marks = tuple(
                m for box, m in zip(layout.boxes, fill.marks, strict=True) if box.page == page
            )
            lines = tuple(
                (bool(name), mark)
                for line, (name, mark) in zip(layout.write_ins, _lines(fill, layout), strict=True)
                if line.page == page
            )
            out[(page, marks, lines)] += 1
    return out


def _lines(fill, layout) -> list[tuple[str, str]]:
    given = list(fill.write_ins)
    return given + [("", "")] * (len(layout.write_ins) - len(given))


def read_key(page: int, stored: dict) -> tuple:
    lines = tuple((w["ink"], w["mark"]) for w in stored["write_ins"])
    return (page, tuple(stored["boxes"]), lines)


def deck_state(conn: Connection, sheet: Sheet) -> DeckState:
    congress = require_congress(conn)
    required = settings_in(conn, congress.id).get(DECK_SETTING, "required") == "required"
    rows = conn.execute(
        select(T_PAPER.c.page, T_PAPER.c.reading, T_PAPER.c.source)
        .where(
            T_PAPER.c.congress_id == congress.id,
            T_PAPER.c.sheet == sheet.ref,
            T_PAPER.c.test.is_(True),
        )
        .order_by(T_PAPER.c.id)
    ).all()
    expected = expected_pages(sheet)
    left = Counter(expected)
    matched, wrong = 0, []
    for page, reading, source in rows:
        key = read_key(page, json.loads(reading))
        if left[key] > 0:
            left[key] -= 1
            matched += 1
        else:
            wrong.append(source)
    return DeckState(sum(expected.values()), len(rows), matched, tuple(wrong), required)


def deck_required_first(conn: Connection, sheet: Sheet) -> None:
    state = deck_state(conn, sheet)
    if state.required and not state.passed:
        raise refuse(
            "paper.deck_first",
            matched=state.matched,
            expected=state.expected,
            wrong=len(state.wrong),
        )
