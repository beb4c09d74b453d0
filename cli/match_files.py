"""The files of `huiwu contest matches --pdf/--sheets/--xlsx` and `huiwu meet standings
--pdf/--xlsx` (not a command area: the commands are in cli/matches.py)."""

import click

from tui.i18n import t


def write_match_files(db, ref, event_ref=None, *, pdf=None, sheets=None, xlsx=None, err=False):
    """秩序册 (PDF), 记分表 (PDF) and the match workbook, of one event when ``event_ref`` says."""
    from models.congress import current_congress
    from models.contests import get_contest
    from models.errors import refuse
    from models.io.match_book import write_matches_xlsx
    from models.io.match_data import match_papers, only_event
    from models.io.match_sheet import write_order_pdf, write_score_sheets_pdf
    from models.matches import match_event

    papers = match_papers(db, ref)
    if papers is None:
        raise refuse("match.no_match_events", contest=get_contest(db, ref).title)
    if event_ref:
        papers = only_event(papers, match_event(papers.contest, event_ref))
    congress = current_congress(db)
    for path, write in ((pdf, write_order_pdf), (sheets, write_score_sheets_pdf)):
        if path is not None:
            click.echo(t("clic.written", path=write(papers, path, congress)), err=err)
    if xlsx is not None:
        click.echo(t("clic.written", path=write_matches_xlsx(papers, xlsx, congress)), err=err)


def write_meet_files(db, ref, *, pdf=None, xlsx=None, err=False):
    from models.congress import current_congress
    from models.io.match_book import write_meet_xlsx
    from models.io.match_data import meet_papers
    from models.io.meet_sheet import write_meet_pdf

    papers = meet_papers(db, ref)
    congress = current_congress(db)
    for path, write in ((pdf, write_meet_pdf), (xlsx, write_meet_xlsx)):
        if path is not None:
            click.echo(t("clic.written", path=write(papers, path, congress)), err=err)
