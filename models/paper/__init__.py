"""Paper ballots read by machine (issue 20): print the sheets, read the scans, let a person decide
what the reader cannot, count what is read as the first entry. The reading engine is
:mod:`models.omr` (no database); this package is the service around it."""

from models.paper.ballots import count_appraisal
from models.paper.deck import DeckState, deck_state
from models.paper.printing import layout_document, print_ballots, print_test_deck
from models.paper.records import T_PAPER, PageOutcome, PaperPage
from models.paper.review import Doubt, decide, doubt_image, review_queue
from models.paper.scanning import ScanReport, open_sheet, scan_paths
from models.paper.sheets import Sheet, load_sheet, split_refs
from models.paper.summary import SheetSummary, sheet_summary

__all__ = [
    "T_PAPER",
    "DeckState",
    "Doubt",
    "PageOutcome",
    "PaperPage",
    "ScanReport",
    "Sheet",
    "SheetSummary",
    "count_appraisal",
    "decide",
    "deck_state",
    "doubt_image",
    "layout_document",
    "load_sheet",
    "open_sheet",
    "print_ballots",
    "print_test_deck",
    "review_queue",
    "scan_paths",
    "sheet_summary",
    "split_refs",
]
