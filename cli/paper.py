"""`huiwu ballots print / layout / testdeck / scan / review`: paper ballots read by machine."""

from pathlib import Path

import click

from cli.base import emit_json, huiwu_command, open_db, station_kwargs
from cli.elections import ballots
from tui.i18n import t
from tui.paper_text import (
    deck_line,
    doubt_where,
    page_result,
    reason_words,
    sample_lines,
    sheet_words,
    tally_lines,
)

SHEET = "ITEM"  # one item, or the motions of one 表决票: 4.5.6
OUT_PDF = click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The PDF to write.",
)


@huiwu_command("print", group=ballots, json=True)
@click.argument("ref", metavar=SHEET)
@OUT_PDF
@click.option(
    "--copies", type=click.IntRange(1, 2000), default=1, show_default=True, help="How many copies."
)
def ballots_print(ref: str, out: Path, copies: int, as_json: bool) -> None:
    """Print the sheets the reader reads: 选票, 表决票 (several motions: 4.5.6) or 测评表."""
    from models.paper import print_ballots, split_refs

    sheet, path = print_ballots(open_db(), split_refs(ref), out, copies=copies)
    if as_json:
        emit_json(
            {"sheet": sheet.ref, "pages": sheet.real.pages, "copies": copies, "path": str(path)}
        )
        return
    click.echo(
        t(
            "paper.printed",
            sheet=sheet_words(sheet.ref),
            copies=copies,
            pages=sheet.real.pages,
            path=path,
        )
    )


@huiwu_command("layout", group=ballots, json=True)
@click.argument("ref", metavar=SHEET)
def ballots_layout(ref: str, as_json: bool) -> None:
    """Where every box is printed (mm from the page's top-left corner), to check a reader."""
    from models.paper import layout_document, split_refs

    document = layout_document(open_db(), split_refs(ref))
    if as_json:
        emit_json(document)
        return
    click.echo(
        t(
            "paper.layout",
            sheet=document["sheet"],
            pages=document["pages"],
            boxes=len(document["boxes"]),
            hash=document["hash"],
        )
    )
    for box in document["boxes"]:
        who = box.get("candidate") or box.get("item") or box.get("person")
        option = f" · {box['option']}" if "option" in box else ""
        x, y, w, h = box["rect_mm"]
        click.echo(f"  {box['page']}  {who}{option}  x={x} y={y} w={w} h={h}")


@huiwu_command("testdeck", group=ballots, json=True)
@click.argument("ref", metavar=SHEET)
@OUT_PDF
def ballots_testdeck(ref: str, out: Path, as_json: bool) -> None:
    """Print the test deck: sheets already marked with a known pattern, and its expected tally."""
    from models.paper import print_test_deck, split_refs

    sheet, path, tally = print_test_deck(open_db(), split_refs(ref), out)
    if as_json:
        emit_json({"sheet": sheet.ref, "path": str(path), "expected": tally})
        return
    click.echo(
        t("paper.deck_printed", sheet=sheet_words(sheet.ref), sheets=tally["sheets"], path=path)
    )
    for line in tally_lines(tally):
        click.echo("  " + line)
    click.echo(t("paper.deck_next", sheet=sheet.ref))


@huiwu_command("scan", group=ballots, json=True)
@click.argument("ref", metavar=SHEET)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def ballots_scan(ref: str, paths: tuple[Path, ...], as_json: bool) -> None:
    """Read scanned sheets (PNG, JPEG, TIFF, PDF, or a folder of them) as the first entry."""
    from models.paper import deck_state, load_sheet, scan_paths, split_refs

    db = open_db()
    refs = split_refs(ref)
    report = scan_paths(
        db, refs, paths, **station_kwargs(), progress=None if as_json else echo_page
    )
    with db.read() as conn:
        deck = deck_state(conn, load_sheet(conn, refs))
    if as_json:
        emit_json({**report.as_json(), "deck": deck.as_json()})
        return
    click.echo(
        t(
            "paper.scanned",
            sheet=report.sheet,
            read=report.count("read"),
            review=report.count("review"),
            refused=report.count("refused"),
        )
    )
    click.echo(deck_line(deck))
    if report.count("review"):
        click.echo(t("paper.review_next", sheet=report.sheet))


def echo_page(page) -> None:
    click.echo(f"{page.file} #{page.page}  {page_result(page)}")


@huiwu_command("review", group=ballots, json=True)
@click.argument("ref", metavar=SHEET)
@click.option(
    "--images",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write each doubt's picture as PNG into this folder.",
)
def ballots_review(ref: str, images: Path | None, as_json: bool) -> None:
    """List what the reader handed to a person; --images writes each doubt's picture."""
    from models.paper import doubt_image, review_queue, split_refs

    db = open_db()
    doubts = review_queue(db, split_refs(ref))
    if images is not None:
        images.mkdir(parents=True, exist_ok=True)
        for d in doubts:
            data, _sha = doubt_image(db, d)
            (images / doubt_file(d)).write_bytes(data)
    if as_json:
        emit_json(
            [
                {
                    "scan": d.page_id,
                    "source": d.source,
                    "what": d.what,
                    "index": d.index + 1,
                    "label": d.label,
                    "reason": d.reason,
                    "read_as": d.read_as,
                }
                for d in doubts
            ]
        )
        return
    click.echo(t("paper.review_count", count=len(doubts)))
    for d in doubts:
        click.echo(
            f"  {d.page_id}  {d.source}  {doubt_where(d)}  {d.label}  {reason_words(d.reason)}"
        )


def doubt_file(d) -> str:
    return f"{d.page_id}-{d.what}-{d.index + 1}.png"


MARK_WORDS = {"o": "○", "○": "○", "x": "×", "×": "×", "-": "", "": "", "?": "?"}


@huiwu_command("decide", group=ballots, json=True)
@click.argument("ref", metavar=SHEET)
@click.argument("scan", type=int)
@click.option("--box", type=int, default=None, help="The box's number on the page (from 1).")
@click.option("--write-in", "line", type=int, default=None, help="The write-in line (from 1).")
@click.option("--mark", default=None, help="○ (o), × (x), blank (-) or ? (unreadable).")
@click.option("--name", default="", help="The name written on the write-in line.")
@click.option(
    "--twin",
    default=None,
    help="A page with an earlier page's ink: same (one sheet scanned twice) or different.",
)
def ballots_decide(ref, scan, box, line, mark, name, twin, as_json) -> None:
    """A person's decision on one doubtful box or write-in line of scan SCAN (see `ballots review`),
    or on whether scan SCAN is an earlier sheet scanned again (--twin)."""
    from models.errors import refuse
    from models.paper import decide, doubt_image, review_queue, split_refs

    what, index, value = _decision(box, line, mark, name, twin)
    db = open_db()
    doubt = next(
        (
            d
            for d in review_queue(db, split_refs(ref))
            if (d.page_id, d.what, d.index) == (scan, what, index)
        ),
        None,
    )
    if doubt is None:
        raise refuse("paper.not_in_review")
    _data, sha = doubt_image(db, doubt)
    ballot = decide(db, doubt, value, image_sha256=sha, **station_kwargs())
    if as_json:
        emit_json(
            {"scan": scan, "what": what, "index": index + 1, "value": value, "ballot": ballot}
        )
        return
    click.echo(t("paper.decided", label=doubt.label))
    if ballot is not None:
        click.echo(t("paper.page_done", number=ballot))


def _decision(box, line, mark, name, twin) -> tuple[str, int, object]:
    """(what, index, value) from the options: exactly one of --box, --write-in and --twin."""
    from models.errors import refuse
    from models.paper.twins import TWIN_DECISIONS

    if twin is not None:
        if twin not in TWIN_DECISIONS or box is not None or line is not None:
            raise refuse("paper.bad_twin")
        return "twin", 0, twin
    if (box is None) == (line is None) or mark not in MARK_WORDS:
        raise refuse("paper.bad_decision", value=mark or "")
    if box is not None:
        return "box", box - 1, MARK_WORDS[mark]
    return "write_in", line - 1, {"name": name.strip(), "mark": MARK_WORDS[mark]}


@huiwu_command("reopen", group=ballots, json=True)
@click.argument("ref", metavar=SHEET)
@click.argument("scan", type=int)
@click.option("--reason", required=True, help="Why the decisions are taken back.")
def ballots_reopen(ref, scan, reason, as_json) -> None:
    """Take back the decisions on scan SCAN (not yet counted): it waits for a person again."""
    from models.paper import split_refs
    from models.paper.reopen import reopen_page

    source = reopen_page(open_db(), split_refs(ref), scan, reason=reason, **station_kwargs())
    if as_json:
        emit_json({"scan": scan, "source": source, "status": "review"})
        return
    click.echo(t("paper.reopened", source=source))


@huiwu_command("count", group=ballots, json=True)
@click.argument("ref", metavar=SHEET)
def ballots_count(ref: str, as_json: bool) -> None:
    """测评表: once every page is scanned and decided, write the totals as the first entry."""
    from models.paper import count_appraisal, split_refs

    sheets, _waiting = count_appraisal(open_db(), split_refs(ref), **station_kwargs())
    if as_json:
        emit_json({"sheets": sheets})
        return
    click.echo(t("paper.counted", sheets=sheets))


@huiwu_command("sample", group=ballots, json=True)
@click.argument("ref", metavar="ITEM")
def ballots_sample(ref: str, as_json: bool) -> None:
    """Draw the scanned ballots (election or motion) a clerk keys again, blind (paper.check: N)."""
    from models.paper.check import draw_sample

    drawn = draw_sample(open_db(), ref, **station_kwargs())
    if as_json:
        emit_json({"numbers": [b.number for b in drawn], "sources": [b.source for b in drawn]})
        return
    for line in sample_lines(drawn):
        click.echo(line)


COMMANDS = ()
