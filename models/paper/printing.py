"""Printing what will be read: the blank sheets, the test deck, and the layout as JSON so anyone
can check a reader against it (`huiwu ballots print / testdeck / layout`)."""

from pathlib import Path

from models.io.private_files import export_target
from models.paper.sheets import Sheet, load_sheet, sheet_spec
from models.voting import ELECTION


def _sheet(db, refs) -> Sheet:
    with db.read() as conn:
        return load_sheet(conn, refs)


def print_ballots(db, refs, out, *, copies: int = 1) -> tuple[Sheet, Path]:
    from models.omr.printing import print_sheets

    sheet = _sheet(db, refs)
    path = export_target(out)
    print_sheets(sheet.real.spec, path, copies=copies)
    return sheet, path


def print_test_deck(db, refs, out) -> tuple[Sheet, Path, dict]:
    """The deck's PDF and its expected tally (the rules applied to the deck's known marks)."""
    from models.omr.printing import print_sheets
    from models.paper.deck import deck_fills

    sheet = _sheet(db, refs)
    path = export_target(out)
    fills = deck_fills(sheet)
    print_sheets(sheet.test.spec, path, fills=fills)
    return sheet, path, deck_tally(sheet, fills)


def layout_document(db, refs) -> dict:
    """The documented layout JSON (millimetres from the page's top-left corner, y downwards)."""
    from models.omr.layout import layout_json

    sheet = _sheet(db, refs)
    return {"sheet": sheet.ref, "hash": sheet.real.hash, **layout_json(sheet.real)}


def deck_tally(sheet: Sheet, fills) -> dict:
    if sheet.kind == ELECTION:
        return _election_tally(sheet, fills)
    return _choice_tally(sheet, fills)


def _election_tally(sheet: Sheet, fills) -> dict:
    from models.elections.setup import _settings
    from models.paper.readings import BALLOT_MARK
    from models.rules.election import Ballot, tally

    item = sheet.items[0]
    ballots = [
        Ballot(
            n,
            "".join(BALLOT_MARK[m] for m in fill.marks),
            tuple(name for name, mark in fill.write_ins if name and mark == "○"),
        )
        for n, fill in enumerate(fills, start=1)
    ]
    result = tally(item.nominees, ballots, due=len(ballots), issued=None, settings=_settings(item))
    return {
        "sheets": len(fills),
        "valid": result.valid_ballots,
        "void": result.void_ballots,
        "candidates": [
            {"name": c.name, "yes": c.yes, "no": c.no, "abstain": c.abstain, "write_in": c.write_in}
            for c in result.candidates
        ],
    }


def _choice_tally(sheet: Sheet, fills) -> dict:
    from models.paper.readings import motion_choice, row_choices

    layout = sheet.test
    cells = [(box.row, box.option) for box in layout.boxes]
    rows = {}
    for fill in fills:
        stored = {"boxes": list(fill.marks), "reasons": [""] * len(fill.marks), "write_ins": []}
        for row, chosen in row_choices(stored, {}, cells).items():
            label = layout.spec.rows[row]
            key = motion_choice(chosen) if sheet.kind == "motion" else _level(layout, chosen)
            counts = rows.setdefault(label, {})
            counts[key] = counts.get(key, 0) + 1
    return {"sheets": len(fills), "rows": rows}


def _level(layout, chosen: int | None) -> str:
    if chosen is None:
        return "invalid"
    return "blank" if chosen == -1 else layout.spec.options[chosen]


__all__ = ["deck_tally", "layout_document", "print_ballots", "print_test_deck", "sheet_spec"]
