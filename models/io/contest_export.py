"""A contest's printed results in one call: the ranking and award list (PDF), the workbook, and
the certificate list — from the same standings, so the three always agree; a contest's match
events (tables, brackets, results) join the PDF and the workbook. Used by the CLI
(`huiwu standings --pdf/--xlsx/--certificates`) and by F9 on the scoring screen."""

import os
from pathlib import Path

from models.congress import current_congress
from models.io.contest_book import write_certificates_xlsx, write_contest_xlsx
from models.io.contest_sheet import write_certificates_pdf, write_contest_pdf
from models.io.match_data import match_papers, only_event
from models.scores import Standings, standings

CERTIFICATE_BOOKS = (".xlsx", ".xlsm")


def export_contest(
    db,
    ref,
    *,
    pdf: str | os.PathLike | None = None,
    xlsx: str | os.PathLike | None = None,
    certificates: str | os.PathLike | None = None,
    table: Standings | None = None,
    event=None,
) -> list[Path]:
    """Write whichever files are asked for; the certificate list is a workbook when its name
    ends in .xlsx, else a PDF. ``event`` (a name): only that event's part (the caller passes
    ``table`` already cut to it). Returns the paths written."""
    table = table or standings(db, ref)
    congress = current_congress(db)
    written = []
    matches = match_papers(db, ref) if pdf is not None or xlsx is not None else None
    if matches is not None and event is not None:
        matches = only_event(matches, table.contest.event(event))
    if pdf is not None:
        written.append(write_contest_pdf(table, pdf, congress, matches))
    if xlsx is not None:
        written.append(write_contest_xlsx(table, xlsx, congress, matches))
    if certificates is not None:
        if Path(certificates).suffix.lower() in CERTIFICATE_BOOKS:
            written.append(write_certificates_xlsx(table, certificates, congress))
        else:
            written.append(write_certificates_pdf(table, certificates, congress))
    return written
