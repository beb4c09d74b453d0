"""What the scanning screen shows about a sheet: its items, its pages so far, the test deck."""

from dataclasses import dataclass

from sqlalchemy import func, select

from models.congress import require_congress
from models.paper.deck import DeckState, deck_state
from models.paper.records import T_PAPER
from models.paper.sheets import load_sheet


@dataclass(frozen=True)
class SheetSummary:
    ref: str
    kind: str
    titles: tuple[str, ...]
    pages: dict  # status → stored real pages (read, review, decided)
    tests: int  # test-deck pages stored
    deck: DeckState

    @property
    def waiting(self) -> int:
        return self.pages.get("review", 0)


def sheet_summary(db, refs) -> SheetSummary:
    with db.read() as conn:
        sheet = load_sheet(conn, refs)
        congress = require_congress(conn)
        counts = conn.execute(
            select(T_PAPER.c.test, T_PAPER.c.status, func.count())
            .where(T_PAPER.c.congress_id == congress.id, T_PAPER.c.sheet == sheet.ref)
            .group_by(T_PAPER.c.test, T_PAPER.c.status)
        ).all()
        deck = deck_state(conn, sheet)
    pages = {status: n for test, status, n in counts if not test}
    tests = sum(n for test, _status, n in counts if test)
    titles = tuple(item.title for item in sheet.items)
    return SheetSummary(sheet.ref, sheet.kind, titles, pages, tests, deck)
