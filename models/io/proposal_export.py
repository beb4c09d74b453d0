"""The proposal exports in one call: the 提案汇编 (PDF) and the registry workbook (xlsx), read
from the same moment so the compilation, the register and the figures agree. Used by the CLI
and by the proposals screen."""

import os
from dataclasses import dataclass
from pathlib import Path

from models.congress import current_congress
from models.io.private_files import export_target
from models.io.proposal_book import write_registry_xlsx
from models.io.proposal_sheet import compilation_of, write_compilation_pdf
from models.proposals import all_details, proposal_stats


@dataclass(frozen=True)
class ProposalExport:
    pdf: Path | None  # the 提案汇编, when asked for
    xlsx: Path | None  # the registry workbook, when asked for
    received: int  # proposals in the registry
    accepted: int  # proposals in the compilation (one page or more each)


def export_proposals(
    db,
    *,
    pdf: str | os.PathLike | None = None,
    xlsx: str | os.PathLike | None = None,
) -> ProposalExport:
    """Write whichever of the two files is asked for; a congress without proposals still gets
    valid files that say so."""
    for target in (pdf, xlsx):  # a bad target refuses before either file is written
        if target is not None:
            export_target(target)
    congress = current_congress(db)
    details = all_details(db)
    stats = proposal_stats(db)
    book = compilation_of(congress, stats, details)
    pdf_path = write_compilation_pdf(book, pdf) if pdf is not None else None
    xlsx_path = write_registry_xlsx(details, stats, xlsx, congress) if xlsx is not None else None
    return ProposalExport(pdf_path, xlsx_path, len(details), len(book.proposals))
