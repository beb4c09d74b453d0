"""`huiwu export --out DIR`: the minutes package of the current congress, in one go.

Everything is read in ONE read transaction (the workbook, the PDFs, the CSV copies and the JSON
archive describe the same moment), then written outside it:

    DIR/会议记录.xlsx                 the workbook (roster and attendance, motions, elections …)
    DIR/出席情况.pdf                  the attendance sheet of every sitting, with its announcement
    DIR/表决结果/NN-<title>.pdf       one result sheet per vote item
    DIR/提案汇编.pdf                  the proposal compilation
    DIR/竞赛成绩/NN-<title>.pdf       one ranking per contest (a match event's tables, bracket, results)
    DIR/运动会/NN-<name>.pdf          one per sports meet: 团体总分, 奖牌榜, each event's places
    DIR/csv/*.csv                     copies for other tools (UTF-8 with BOM)
    DIR/huiwu-archive.json            the archive `huiwu verify --archive` re-checks
    DIR/扫描件/*.png                  the scanned paper ballots (when read by machine)
    DIR/SHA256SUMS                    written last: a package without it is incomplete

The export appends an ``export.minutes`` event recording one digest per printed part, so a
later `huiwu verify` on the database can tell whether what was printed is still the truth.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from models import archive as arc
from models import audit
from models.errors import refuse
from models.io.file_names import file_sha256, safe_stem
from models.io.pdf_fonts import ensure_pdf_font
from models.io.private_files import make_private_folder, write_privately
from models.paper.images import SCANS_DIR, scans_folder
from models.verify import EXPORT_EVENT, part_digests

WORKBOOK = "会议记录.xlsx"
ATTENDANCE_PDF = "出席情况.pdf"
RESULTS_DIR = "表决结果"
PROPOSALS_PDF = "提案汇编.pdf"
CONTESTS_DIR = "竞赛成绩"
MEETS_DIR = "运动会"
CSV_DIR = "csv"
ARCHIVE = "huiwu-archive.json"
SUMS = "SHA256SUMS"

Progress = Callable[[int, int, str], None]  # (steps done, steps in all, what is being written)


@dataclass(frozen=True)
class MinutesExport:
    folder: Path
    files: tuple[Path, ...]  # every file written, SHA256SUMS last
    items: int
    contests: int
    proposals: int
    sittings: int
    head_id: int  # the audit log's last event the package describes
    event_id: int  # the export.minutes event


def check_folder(out: str | os.PathLike, force: bool) -> Path:
    """An absent or empty folder, or any folder with ``force``; a Refusal otherwise."""
    folder = Path(out).expanduser()
    if folder.exists() and not folder.is_dir():
        raise refuse("export.not_a_folder", path=str(folder))
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise refuse("export.not_empty", path=str(folder))
    return folder


@dataclass(frozen=True)
class _Snapshot:
    data: object  # models.io.minutes_data.MinutesData
    document: dict  # the archive
    ballots: dict  # item number → first-entry election ballots (for the result sheets)
    matches: tuple = ()  # per contest of data.contests: its MatchPapers or None
    meets: tuple = ()  # MeetPapers of every meet


def _read(db, as_of: date) -> _Snapshot:
    from models import elections
    from models.io.minutes_data import collect_minutes

    with db.snapshot() as conn:
        data = collect_minutes(conn, as_of=as_of)
        results = arc.results_from(
            ((m.sitting.name, m.figures) for m in data.sittings),
            data.items,
            data.contests,
            data.proposal_stats,
        )  # from what was just collected: the archive's figures are the files' figures
        arc.add_match_results(conn, results, data.contests)
        matches, meets = _match_papers(conn, data.contests)
        document = arc.build_archive(conn, results, as_of=as_of)
        ballots = {
            outcome.item.number: elections.ballots_of(conn, outcome.item.id, 1)
            for outcome in data.items
            if outcome.item.kind == "election"
        }
    return _Snapshot(data, document, ballots, matches, meets)


def _match_papers(conn, contests) -> tuple[tuple, tuple]:
    """The match events and meets as printed, read in the package's one transaction."""
    from models.io.match_data import match_papers_in, meet_papers_in
    from models.matches import list_meets

    matches = tuple(match_papers_in(conn, table.contest) for table in contests)
    meets = tuple(meet_papers_in(conn, meet) for meet in list_meets(conn))
    return matches, meets


def _writers(snapshot: _Snapshot, folder: Path) -> list[tuple[str, Callable[[], list[Path]]]]:
    """(label, write) for every file of the package, in the order they are written."""
    from models.io.attendance_sheet import write_attendance_pdf
    from models.io.contest_sheet import write_contest_pdf
    from models.io.minutes_book import write_minutes_xlsx
    from models.io.minutes_csv import write_minutes_csv
    from models.io.proposal_sheet import compilation_of, write_compilation_pdf
    from models.io.result_sheet import write_result_pdf

    data = snapshot.data
    congress = data.congress
    steps = [
        (WORKBOOK, lambda: [write_minutes_xlsx(data, folder / WORKBOOK, snapshot.matches)]),
        (ATTENDANCE_PDF, lambda: [write_attendance_pdf(data, folder / ATTENDANCE_PDF)]),
    ]
    for outcome in data.items:
        item = outcome.item
        path = folder / RESULTS_DIR / f"{safe_stem(item.number, item.title)}.pdf"
        ballots = snapshot.ballots.get(item.number)
        steps.append(
            (
                f"{RESULTS_DIR}/{path.name}",
                lambda o=outcome, p=path, b=ballots: [
                    write_result_pdf(o, _ready(p), congress, ballots=b)
                ],
            )
        )
    book = compilation_of(congress, data.proposal_stats, list(data.proposals))
    steps.append((PROPOSALS_PDF, lambda: [write_compilation_pdf(book, folder / PROPOSALS_PDF)]))
    papers = snapshot.matches or (None,) * len(data.contests)
    for table, matches in zip(data.contests, papers, strict=True):
        contest = table.contest
        path = folder / CONTESTS_DIR / f"{safe_stem(contest.number, contest.title)}.pdf"
        steps.append(
            (
                f"{CONTESTS_DIR}/{path.name}",
                lambda s=table, p=path, m=matches: [write_contest_pdf(s, _ready(p), congress, m)],
            )
        )
    steps += _meet_writers(snapshot.meets, folder, congress)
    steps.append((f"{CSV_DIR}/", lambda: write_minutes_csv(data, _ready_dir(folder / CSV_DIR))))
    steps.append((ARCHIVE, lambda: [arc.write_archive(snapshot.document, folder / ARCHIVE)]))
    if snapshot.document["tables"].get("paper_page"):
        steps.append((f"{SCANS_DIR}/", lambda: _copy_scans(snapshot.document, folder / SCANS_DIR)))
    return steps


def _meet_writers(meets, folder: Path, congress) -> list:
    from models.io.meet_sheet import write_meet_pdf

    steps = []
    for papers in meets:
        meet = papers.standings.meet
        path = folder / MEETS_DIR / f"{safe_stem(meet.number, meet.name)}.pdf"
        steps.append(
            (
                f"{MEETS_DIR}/{path.name}",
                lambda m=papers, p=path: [write_meet_pdf(m, _ready(p), congress)],
            )
        )
    return steps


def _copy_scans(document: dict, out: Path) -> list[Path]:
    """The scanned pages' images, so `huiwu verify --archive` can read them again."""
    import shutil

    uid = document["tables"]["congress"][0]["uid"]
    out = _ready_dir(out)
    copied = []
    for row in document["tables"]["paper_page"]:
        source = scans_folder(uid) / row["image"]
        if source.exists():
            copied.append(Path(shutil.copyfile(source, out / row["image"])))
    return copied


def _ready(path: Path) -> Path:
    make_private_folder(path.parent)
    return path


def _ready_dir(path: Path) -> Path:
    make_private_folder(path)
    return path


def write_sums(folder: Path, files: list[Path]) -> Path:
    """``sha256sum -c`` format: the hex digest, two spaces, the path with forward slashes."""
    lines = [f"{file_sha256(f)}  {f.relative_to(folder).as_posix()}\n" for f in files]
    text = "".join(sorted(lines, key=lambda line: line[66:]))
    path = folder / SUMS
    write_privately(path, lambda temp: temp.write_text(text, encoding="utf-8"))
    return path


def _record(db, snapshot: _Snapshot, folder: Path, archive_path: Path, *, operator, station):
    document = snapshot.document
    congress_id = document["tables"]["congress"][0]["id"]
    payload = {
        "folder": folder.name,
        "as_of": document["as_of"],
        "head": document["head"]["id"],
        "archive_sha256": file_sha256(archive_path),
        "parts": part_digests(document["results"]),
    }
    with db.write() as conn:
        return audit.append(
            conn,
            EXPORT_EVENT,
            payload,
            congress_id=congress_id,
            operator=operator,
            station=station,
        )


def export_minutes(
    db,
    out: str | os.PathLike,
    *,
    force: bool = False,
    progress: Progress | None = None,
    as_of: date | None = None,
    operator: str = "",
    station: str = "",
) -> MinutesExport:
    """Write the minutes package of the current congress into ``out``."""
    folder = check_folder(out, force)
    ensure_pdf_font()  # an unusable HUIWU_FONT is refused before any file of the package
    as_of = as_of or date.today()
    snapshot = _read(db, as_of)
    make_private_folder(folder)
    stale = folder / SUMS
    if stale.exists():  # an overwritten package is incomplete until its new sums are written
        stale.unlink()
    steps = _writers(snapshot, folder)
    total = len(steps) + 1
    files: list[Path] = []
    for done, (label, write) in enumerate(steps):
        if progress:
            progress(done, total, label)
        files.extend(write())
    if progress:
        progress(len(steps), total, SUMS)
    sums = write_sums(folder, files)
    event_id = _record(db, snapshot, folder, folder / ARCHIVE, operator=operator, station=station)
    if progress:
        progress(total, total, "")
    data = snapshot.data
    return MinutesExport(
        folder=folder,
        files=(*files, sums),
        items=len(data.items),
        contests=len(data.contests),
        proposals=len(data.proposals),
        sittings=len(data.sittings),
        head_id=snapshot.document["head"]["id"],
        event_id=event_id,
    )
