"""One call for a voting item's printed result: the PDF sheet, the workbook, or both."""

import os
from pathlib import Path
from typing import NamedTuple

from models import elections
from models.congress import require_congress
from models.io.result_book import write_result_xlsx
from models.io.result_sheet import write_result_pdf
from models.results import outcome_in
from models.voting import ELECTION, load_item


class ExportedResult(NamedTuple):
    pdf: Path | None
    xlsx: Path | None


def load_result(db, ref):
    """(outcome, congress, first-entry ballots or None) for one item, read in one transaction
    so the ballot sheet and the tally can never come from different moments.

    The same dispatch as :func:`models.results.item_outcome`, inside that one read.
    """
    with db.read() as conn:
        congress = require_congress(conn)
        item = load_item(conn, ref)
        outcome = outcome_in(conn, item)
        ballots = elections.ballots_of(conn, item.id, 1) if item.kind == ELECTION else None
    return outcome, congress, ballots


def export_item(
    db,
    ref,
    pdf: str | os.PathLike | None = None,
    xlsx: str | os.PathLike | None = None,
) -> ExportedResult:
    """Write the result of item ``ref`` (number or title) to ``pdf`` and/or ``xlsx``."""
    outcome, congress, ballots = load_result(db, ref)
    pdf_path = xlsx_path = None
    if pdf is not None:
        pdf_path = write_result_pdf(outcome, pdf, congress, ballots=ballots)
    if xlsx is not None:
        xlsx_path = write_result_xlsx(outcome, xlsx, congress, ballots=ballots)
    return ExportedResult(pdf_path, xlsx_path)
